"""Score a method's description against the "Goed beschreven" criteria, in plain Dutch.

1. Each of the seven criteria earns up to 12 points: nothing without text, 5 for a text too
   short to judge, 8 for a text of reasonable length plus up to 4 for the elements a databank
   asks for in that part (omvang en oorzaken, contra-indicaties, subdoelen, duur …), each
   spotted by a few plain patterns.
2. Coherence earns up to 16 points, 4 per pair (aanleiding–doelen, doelen–aanpak,
   doelgroep–doelen, doelgroep–aanpak): do the key words of the first part (its rarest
   terms in the corpus, and its thesaurus concepts) come back in the second? The pair's
   message names the words that do not.
3. Every missing or weak point becomes one sentence a coordinator can act on.

The patterns are deliberately simple and visible: a reviewer can read why a point was given.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kennisbrug.readiness.models import CRITERIA
from kennisbrug.search.runtime import runtime
from kennisbrug.search.text import STOPWORDS, tokens

CRITERION_POINTS = 12
PAIR_POINTS = 4
KEY_TERMS = 8
GOOD_OVERLAP = 0.4  # share of the first part's key terms found in the second: full points
WEAK_OVERLAP = 0.2
READY = 80
NEARLY = 55


@dataclass(frozen=True)
class Element:
    pattern: str
    missing: str  # the advice when the pattern is not found


@dataclass(frozen=True)
class Criterion:
    name: str
    label: str
    min_words: int
    empty: str
    elements: tuple[Element, ...]


def _c(name: str, min_words: int, empty: str, *elements: tuple[str, str]) -> Criterion:
    label = dict(CRITERIA)[name]  # lazy: shown in the visitor's language
    return Criterion(name, label, min_words, empty, tuple(Element(p, m) for p, m in elements))


NUMBER = r"\d"
# Counts are often written out in a description: "twee tot drie gesprekken".
COUNT = r"(\d+|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig)"
# Words that say how a text is written, not what it is about; never a key term.
CONNECTIVES = frozenset(
    "doordat omdat daardoor daarom ineens beter samen steeds vaak zelf zonder tussen eerste "
    "andere ander goed goede meer veel weinig nieuw nieuwe waarbij echter alleen vooral "
    "bijvoorbeeld daarnaast verder ongeveer zodat waardoor".split()
)
CRITERIA_RULES = [
    _c(
        "aanleiding",
        60,
        gettext_lazy(
            "Beschrijf welk probleem de methode aanpakt, bij wie het speelt, hoe groot het is en "
            "wat de oorzaken zijn."
        ),
        (
            NUMBER + r"|procent|een op de|steeds meer|veel ",
            gettext_lazy(
                "Noem de omvang van het probleem, "
                "bijvoorbeeld met cijfers uit de wijk, de gemeente of landelijk onderzoek."
            ),
        ),
        (
            r"oorza|doordat|omdat|gevolg|daardoor|komt door",
            gettext_lazy(
                "Beschrijf de oorzaken of achtergronden van het probleem: waardoor ontstaat het?"
            ),
        ),
    ),
    _c(
        "doelgroep",
        30,
        gettext_lazy(
            "Beschrijf voor wie de methode is: kenmerken, leeftijd, situatie, en hoe mensen "
            "worden bereikt."
        ),
        (
            r"\d+\s*(jaar|tot|-)|leeftijd|jongeren|ouderen|ouders|kinderen|volwassenen|gezinnen|"
            r"inwoners|bewoners",
            gettext_lazy("Maak de doelgroep concreet: leeftijd, situatie of kenmerken."),
        ),
        (
            r"niet (bedoeld |gericht |geschikt )?voor|contra-?indicat|uitgesloten|geen deel",
            gettext_lazy("Noem voor wie de methode niet geschikt is (contra-indicaties)."),
        ),
        (
            r"intermediair|uitvoerder|professional|vrijwilliger|wijkteam|medewerker",
            gettext_lazy("Noem ook de intermediaire doelgroep: wie voert de methode uit?"),
        ),
    ),
    _c(
        "doelen",
        25,
        gettext_lazy(
            "Formuleer een hoofddoel en subdoelen: wat is er voor de doelgroep anders na afloop?"
        ),
        (
            r"hoofddoel|subdoel|^\s*(\d+[.)]|[-•])",
            gettext_lazy("Splits het doel in een hoofddoel en subdoelen."),
        ),
        (
            NUMBER + r"|na afloop|aan het einde|aan het eind|binnen|na \w+ (weken|maanden)",
            gettext_lazy(
                "Maak de doelen toetsbaar: wanneer is het doel bereikt, en hoe merk je dat?"
            ),
        ),
    ),
    _c(
        "aanpak",
        80,
        gettext_lazy(
            "Beschrijf de aanpak stap voor stap: fasen, activiteiten, duur en wie wat doet."
        ),
        (
            r"fase|stap|bijeenkomst|gesprek|^\s*(\d+[.)]|[-•])",
            gettext_lazy("Deel de aanpak in fasen of stappen in, met per stap wat er gebeurt."),
        ),
        (
            COUNT
            + r"\s*(weken|maanden|bijeenkomsten|keer|gesprekken|sessies|uur|bezoeken)|wekelijks|"
            r"maandelijks|per week|per maand",
            gettext_lazy("Noem duur en frequentie: hoeveel bijeenkomsten, hoe lang, hoe vaak?"),
        ),
        (
            r"professional|vrijwilliger|ervaringsdeskundige|wijkteam|begeleider|coach|uitvoerder|"
            r"docent|student",
            gettext_lazy("Noem wie de stappen uitvoert."),
        ),
    ),
    _c(
        "randvoorwaarden",
        30,
        gettext_lazy(
            "Beschrijf wat nodig is om de methode uit te voeren: opleiding, tijd, geld, materiaal "
            "en samenwerking."
        ),
        (
            r"training|opleiding|scholing|cursus|deskundigheid|competenti",
            gettext_lazy("Noem welke opleiding of training uitvoerders nodig hebben."),
        ),
        (
            r"kosten|euro|€|budget|uur per|uren|tijd",
            gettext_lazy("Noem de tijd en kosten die de uitvoering vraagt."),
        ),
        (
            r"materia|handleiding|werkboek|kaarten|formulier|ruimte",
            gettext_lazy("Noem de materialen die er zijn of nodig zijn."),
        ),
    ),
    _c(
        "overdraagbaarheid",
        30,
        gettext_lazy(
            "Beschrijf of en hoe een andere organisatie of gemeente de methode kan overnemen."
        ),
        (
            r"handleiding|draaiboek|training|werkboek|materia",
            gettext_lazy(
                "Noem de handleiding, training of "
                "materialen waarmee anderen de methode kunnen uitvoeren."
            ),
        ),
        (
            r"andere (gemeente|organisatie|regio|wijk)|elders|landelijk|overal|overnemen|"
            r"toegepast in",
            gettext_lazy(
                "Geef aan waar de methode al buiten de eigen regio is of kan worden toegepast."
            ),
        ),
        (
            r"kern|werkzame elementen|aanpassen|lokale|vast ligt|flexibel",
            gettext_lazy(
                "Onderscheid wat de kern van de methode is en wat lokaal mag worden aangepast."
            ),
        ),
    ),
    _c(
        "onderzoek",
        40,
        gettext_lazy(
            "Beschrijf welk onderzoek naar praktijkervaringen is gedaan: "
            "bij wie, hoe, en wat bleek."
        ),
        (
            r"interview|vragenlijst|focusgroep|evaluatie|observatie|pilot|enquête|gesprekken met",
            gettext_lazy(
                "Noem hoe de ervaringen zijn verzameld (interviews, vragenlijsten, een pilot …)."
            ),
        ),
        (
            r"\d+\s*(deelnemers|professionals|ouders|gezinnen|bewoners|inwoners|respondenten|"
            r"cliënten|jongeren|ouderen|medewerkers)|n\s*=\s*\d",
            gettext_lazy(
                "Noem bij hoeveel deelnemers en uitvoerders de ervaringen zijn opgehaald."
            ),
        ),
        (
            r"bleek|resultaat|uitkomst|tevreden|ervaren|gaven aan|lieten zien",
            gettext_lazy("Vat samen wat de ervaringen lieten zien, ook wat minder goed werkte."),
        ),
    ),
]

PAIRS = [
    ("aanleiding", "doelen", gettext_lazy("De doelen sluiten niet zichtbaar aan op de aanleiding")),
    ("doelen", "aanpak", gettext_lazy("De aanpak laat niet zien hoe de doelen worden bereikt")),
    ("doelgroep", "doelen", gettext_lazy("De doelgroep komt in de doelen niet duidelijk terug")),
    ("doelgroep", "aanpak", gettext_lazy("De aanpak sluit niet zichtbaar aan op de doelgroep")),
]


@dataclass
class Finding:
    part: str  # a criterion's label, or "Samenhang"
    severity: str  # "ontbreekt", "zwak", "aanvullen"
    message: str

    @property
    def severity_label(self) -> str:
        return str(SEVERITIES[self.severity])


SEVERITIES = {
    "ontbreekt": gettext_lazy("ontbreekt"),
    "zwak": gettext_lazy("zwak"),
    "aanvullen": gettext_lazy("aanvullen"),
}


@dataclass
class CriterionResult:
    name: str
    label: str
    points: float
    words: int


@dataclass
class Assessment:
    score: int
    level: str
    level_label: str
    criteria: list[CriterionResult]
    coherence: dict[str, float]  # pair label → share of key terms found
    findings: list[Finding] = field(default_factory=list)

    @property
    def missing(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "ontbreekt"]


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _key_terms(text: str, rt) -> tuple[list[str], dict[str, str]]:
    """The most telling terms of a text (tf·idf in our corpus), with a word that shows each."""
    analyzer = rt.analyzer
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for token in tokens(text):
        if token in STOPWORDS or token in CONNECTIVES or len(token) < 4 or token.isdigit():
            continue
        stem = analyzer.stem(token)
        counts[stem] += 1
        shown.setdefault(stem, token)
    idf = rt.model.idf_of if rt.model else (lambda term: 1.0)
    ranked = sorted(counts, key=lambda s: (-(1 + counts[s] ** 0.5) * idf(s), s))
    return ranked[:KEY_TERMS], shown


def _terms(text: str, rt) -> set[str]:
    return set(rt.analyzer.terms(text))


def _concepts(text: str, rt) -> set[int]:
    analyzer = rt.analyzer
    return set(rt.matcher.find(analyzer.all_stems(text), analyzer.terms(text)))


def coherence(first: str, second: str, rt=None) -> tuple[float, list[str]]:
    """Share of the first text's key terms and concepts that come back in the second, and
    the words of the first that do not."""
    rt = rt or runtime()
    keys, shown = _key_terms(first, rt)
    if not keys:
        return 0.0, []
    present = _terms(second, rt)
    found = [k for k in keys if k in present]
    concepts_a, concepts_b = _concepts(first, rt), _concepts(second, rt)
    share = len(found) / len(keys)
    if concepts_a:
        share = max(share, len(concepts_a & concepts_b) / len(concepts_a))
    missing = [shown[k] for k in keys if k not in present][:3]
    return share, missing


def assess(fields: dict[str, str]) -> Assessment:
    rt = runtime()
    findings: list[Finding] = []
    results = []
    for rule in CRITERIA_RULES:
        label = str(rule.label)
        text = (fields.get(rule.name) or "").strip()
        words = _words(text)
        if not text:
            points = 0.0
            findings.append(
                Finding(
                    label,
                    "ontbreekt",
                    _("%(part)s ontbreekt. %(advice)s") % {"part": label, "advice": rule.empty},
                )
            )
        elif words < rule.min_words:
            points = 5.0
            findings.append(
                Finding(
                    label,
                    "zwak",
                    _(
                        "%(part)s is kort (%(words)s woorden). %(advice)s Reken op minstens "
                        "%(minimum)s woorden."
                    )
                    % {
                        "part": label,
                        "words": words,
                        "advice": rule.empty,
                        "minimum": rule.min_words,
                    },
                )
            )
        else:
            points = 8.0
            per_element = (CRITERION_POINTS - 8) / max(1, len(rule.elements))
            for element in rule.elements:
                if re.search(element.pattern, text, re.IGNORECASE | re.MULTILINE):
                    points += per_element
                else:
                    findings.append(Finding(label, "aanvullen", f"{label}: {element.missing}"))
        results.append(CriterionResult(rule.name, label, points, words))
    pair_scores: dict[str, float] = {}
    pair_points = 0.0
    for first, second, problem in PAIRS:
        a, b = (fields.get(first) or "").strip(), (fields.get(second) or "").strip()
        label = f"{dict(CRITERIA)[first]} – {str(dict(CRITERIA)[second]).lower()}"
        if not a or not b:
            pair_scores[label] = 0.0
            continue  # the missing part is named above already
        share, missing = coherence(a, b, rt)
        pair_scores[label] = round(share, 2)
        pair_points += PAIR_POINTS * min(1.0, share / GOOD_OVERLAP)
        if share < WEAK_OVERLAP:
            words = ", ".join(f"‘{w}’" for w in missing)
            findings.append(
                Finding(
                    _("Samenhang"),
                    "zwak",
                    _(
                        "%(problem)s: woorden als %(words)s uit de %(first)s komen in de "
                        "%(second)s niet terug."
                    )
                    % {
                        "problem": problem,
                        "words": words,
                        "first": str(dict(CRITERIA)[first]).lower(),
                        "second": str(dict(CRITERIA)[second]).lower(),
                    },
                )
            )
    score = round(sum(r.points for r in results) + pair_points)
    # Ready means every part is there: a high score with a missing part is "bijna".
    if score >= READY and not any(f.severity == "ontbreekt" for f in findings):
        level, label = "klaar", _("Klaar om in te dienen als ‘Goed beschreven’")
    elif score >= NEARLY:
        level, label = "bijna", _("Bijna: werk de punten hieronder uit")
    else:
        level, label = "nog-niet", _("Nog niet klaar voor een databank")
    return Assessment(score, level, label, results, pair_scores, findings)
