"""Folding and tokenising: the first, language-neutral steps of the analysis.

Both the index and the query pass through here, so "Coördinatie" in a document and
"coordinatie" in a query meet as the same token.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Words, numbers and words with inner hyphens or apostrophes ("zorg-en", "auto's").
# The group is the token itself: an apostrophe ending ("auto's") is matched and dropped.
_TOKEN = re.compile(r"([0-9a-z]+)(?:['’][a-z]+)?")
_WORD = re.compile(r"\w+")
_MAX_TOKEN = 40  # longer "words" are noise (hashes, URLs glued together) and poison the index


def fold(text: str) -> str:
    """Lower case without diacritics: ``Coördinatie`` → ``coordinatie``."""
    if text.isascii():  # most Dutch text; the per-character path below is the slow one
        return text.lower()
    # Only the non-ASCII characters need Unicode work, each once per process: lower case
    # the text, then replace each such character by its folded form (the same result as
    # folding the whole text, checked over every code point, at a fraction of the cost).
    return _NON_ASCII.sub(_fold_match, text.lower())


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _fold_match(match: re.Match) -> str:
    return _fold_char(match.group())


def raw_tokens(text: str) -> list[str]:
    """The folded tokens of a text before the length rule (``auto's`` → ``auto``): one
    regular expression pass, so indexing can count and memoise words at C speed."""
    return _TOKEN.findall(fold(text))


def valid_token(token: str) -> bool:
    return 1 < len(token) <= _MAX_TOKEN or token.isdigit()


def tokens(text: str) -> list[str]:
    """The folded word tokens of a text, in order."""
    return [t for t in raw_tokens(text) if 1 < len(t) <= _MAX_TOKEN or t.isdigit()]


def token_spans(text: str) -> list[tuple[int, int, str]]:
    """Tokens with their character positions in the original text, for highlighting.

    Folding can change length (ligatures, ß); we fold per match so positions stay those of
    the original text.
    """
    spans = []
    for match in _WORD.finditer(text):
        word = match.group()
        folded = word.lower() if word.isascii() else fold(word)  # the common case is cheap
        if folded and len(folded) <= _MAX_TOKEN:
            spans.append((match.start(), match.end(), folded))
    return spans


# Snowball's Dutch stop words, plus the words professionals put around a question
# ("hoe kan ik ...", "wat werkt bij ...") that say nothing about the subject.
STOPWORDS = frozenset(
    """
    aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door
    dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun
    iemand iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar
    niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen tot u uit
    uw van veel voor want waren was wat we wel werd wezen wie wil worden wordt zal ze zelf
    zich zij zijn zo zonder zou
    welke waar waarom wanneer waarmee waarbij hoeveel graag zoek zoeken zoekt kun kunt
    zijn hun jullie onze deze dient moeten mogen mag the and of for to
    """.split()
)

# Words of a question's phrasing that are no Snowball stop words: forms of helping, doing,
# going, getting, knowing and wanting, and fillers. Taken out of queries only, not out of the
# index: a text that says "helpen" still says it, but "hoe help ik" is not about helping.
QUESTION_WORDS = frozenset(
    """
    help helpen helpt hielp doe doet deed deden gedaan ga gaat gaan ging gingen krijg krijgt
    krijgen kreeg weet weten wist wilt wilde willen zullen zult mogen moeten kunnen
    alle allemaal iets eigenlijk precies echt erg nodig tips tip info
    informatie voorbeeld voorbeelden manier manieren jij jou jouw wij ons
    """.split()
)
