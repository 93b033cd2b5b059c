"""The Dutch analysis on its own: no database needed."""

import pytest

from kennisbrug.search.analyzer import build_analyzer, spelling_variants
from kennisbrug.search.compounds import CompoundSplitter, dutch_lexicon
from kennisbrug.search.spelling import SpellingCorrector, edit_distance
from kennisbrug.search.text import fold, tokens


@pytest.fixture(scope="module")
def analyzer():
    return build_analyzer(["wijkteam", "mantelzorg", "ervaringsdeskundige"])


def test_folding_removes_case_and_diacritics():
    assert fold("Coördinatie en Financiële ZORG") == "coordinatie en financiele zorg"
    assert tokens("Auto's, e-mail en de Wmo-consulent!") == [
        "auto",
        "mail",
        "en",
        "de",
        "wmo",
        "consulent",
    ]


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("schuldhulpverlening", {"schuld", "hulpverlening", "hulp", "verlening"}),
        ("gezondheidsverschillen", {"gezondheid", "verschillen"}),  # linking -s-
        ("laaggeletterdheid", {"laag", "geletterdheid"}),
        ("betalingsachterstanden", {"betaling", "achterstanden"}),
        ("opvoedingsondersteuning", {"opvoeding", "ondersteuning"}),
    ],
)
def test_compounds_split_at_every_level(word, parts):
    assert set(CompoundSplitter(dutch_lexicon()).parts(word)) == parts


@pytest.mark.parametrize(
    "word", ["samenwerking", "ondersteuning", "verschillen", "gezondheid", "eenzaamheid"]
)
def test_words_that_are_not_compounds_stay_whole(word):
    assert CompoundSplitter(dutch_lexicon()).parts(word) == ()


def test_corpus_vocabulary_helps_split_words_the_lexicon_lacks():
    # "rondkomgesprek" (a method's name) is in no dictionary, only in our texts.
    assert CompoundSplitter(dutch_lexicon()).parts("rondkomgesprekaanpak") == ()
    with_corpus = CompoundSplitter(dutch_lexicon(), ["rondkomgesprek"])
    assert set(with_corpus.parts("rondkomgesprekaanpak")) == {"rondkomgesprek", "aanpak"}


def test_a_compound_can_be_the_first_part_of_a_longer_one():
    parts = CompoundSplitter(dutch_lexicon()).parts("schuldhulpverleningstraject")
    assert {"schuld", "hulp", "traject"} <= set(parts)


def test_inflections_meet_at_one_stem(analyzer):
    assert analyzer.terms("eenzaamheid")[0] == analyzer.terms("eenzame")[0]
    assert analyzer.terms("jongeren")[0] == analyzer.terms("jongere")[0]
    assert analyzer.terms("kinderen")[0] == analyzer.terms("kind")[0]


def test_elderly_and_parents_stay_apart(analyzer):
    # Snowball makes both "ouder"; for the social domain they are different people.
    assert analyzer.terms("ouderen")[0] != analyzer.terms("ouders")[0]


def test_agent_nouns_meet_their_activity(analyzer):
    assert analyzer.terms("mantelzorg")[0] in analyzer.terms("mantelzorgers")
    assert analyzer.terms("hulpverlening")[0] in analyzer.terms("hulpverleners")


def test_stop_words_are_dropped_and_compound_parts_added(analyzer):
    terms = analyzer.terms("Hoe werkt de schuldhulpverlening in de wijk?")
    assert "de" not in terms and "hoe" not in terms
    assert {"schuld", "hulp", "wijk"} <= set(terms)


@pytest.mark.parametrize(
    ("plural", "singular"),
    [("gezinnen", "gezin"), ("vallen", "val"), ("huizen", "huis"), ("brieven", "brief")],
)
def test_a_plural_stem_spelled_otherwise_has_the_singular_as_a_variant(analyzer, plural, singular):
    # Snowball keeps the plural's spelling: gezinnen → gezinn, huizen → huiz.
    plural_stem, singular_stem = analyzer.stem(plural), analyzer.stem(singular)
    assert plural_stem != singular_stem
    assert singular_stem in spelling_variants(plural_stem)
    if len(singular_stem) >= 4:  # and back, except from stems too short to guess from
        assert plural_stem in spelling_variants(singular_stem)


def test_spelling_variants_leave_short_stems_and_short_vowels_alone():
    assert spelling_variants("man") == ()  # three letters: too many neighbours
    assert spelling_variants("lev") == ()  # leven: a short vowel before v stays
    assert spelling_variants("wijk") == ()
    assert spelling_variants("2024") == ()


def test_edit_distance_counts_a_swap_once():
    assert edit_distance("eenzaamhied", "eenzaamheid") == 1
    assert edit_distance("mantelzorg", "mantelzorg") == 0
    assert edit_distance("armoede", "ouderen") >= 3


def test_speller_fixes_unknown_words_only():
    corpus = {"eenzaamheid": 40, "mantelzorgers": 12, "schuldhulpverlening": 9}
    speller = SpellingCorrector(corpus, dutch_lexicon())
    assert speller.correct("eenzaamhied") == "eenzaamheid"
    assert speller.correct("schuldhulpverleneng") == "schuldhulpverlening"
    assert speller.correct("eenzaamheid") is None  # right already
    assert speller.correct("fiets") is None  # a real word, even if the corpus lacks it
    assert speller.correct("xqzwv") is None  # nothing near


def test_speller_finds_words_written_by_ear():
    # Two or three edits away, but they sound the same: the sound key finds them.
    corpus = {"psychische": 30, "communicatie": 8, "ambtenaar": 5, "psychiater": 4}
    speller = SpellingCorrector(corpus, dutch_lexicon())
    assert speller.correct("psychiese") == "psychische"
    assert speller.correct("komunikatie") == "communicatie"
    assert speller.correct("amtenaar") == "ambtenaar"
    assert speller.correct("psychisch") is None  # a real word the lexicon knows
    assert speller.correct("psygoloog") is None  # sounds like nothing in the corpus
