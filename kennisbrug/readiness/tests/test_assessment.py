"""The score and the plain-Dutch list of what is missing or weak."""

import pytest

from kennisbrug.readiness.assessment import assess, coherence

pytestmark = pytest.mark.django_db

COMPLETE = {
    "aanleiding": (
        "In de wijk Kolham groeit een op de vier kinderen op in armoede. Ouders vertellen dat "
        "ze zich schamen voor hun schulden en daarom pas hulp zoeken als de deurwaarder komt. "
        "Dat komt doordat professionals het onderwerp geldzorgen zelden aankaarten. Het gevolg "
        "is dat schulden oplopen en gezinnen lang in stress leven, met gevolgen voor de "
        "kinderen op school. Een vroeg gesprek over geldzorgen en schulden ontbreekt."
    ),
    "doelgroep": (
        "Ouders met kinderen tot 12 jaar met geldzorgen of schulden die contact hebben met het "
        "wijkteam. Niet bedoeld voor gezinnen in een lopend schuldhulptraject. Intermediaire "
        "doelgroep: wijkteammedewerkers die het gesprek voeren."
    ),
    "doelen": (
        "Hoofddoel: ouders met geldzorgen bespreken hun schulden eerder met het wijkteam.\n"
        "1. Na drie gesprekken hebben ouders een overzicht van hun schulden.\n"
        "2. Binnen zes weken zijn ouders met schulden verwezen naar schuldhulp."
    ),
    "aanpak": (
        "Stap 1: de wijkteammedewerker bespreekt geldzorgen met de ouders als gewoon onderwerp. "
        "Stap 2: samen brengen ouders en wijkteammedewerker de schulden in kaart met een "
        "overzicht. Stap 3: de wijkteammedewerker verwijst ouders met schulden warm door naar "
        "schuldhulp. Het gaat om drie gesprekken van een uur in zes weken. Na vier weken belt "
        "de wijkteammedewerker de ouders terug om te horen of de hulp loopt en of het overzicht "
        "van de schulden nog klopt. Zo houden ouders zicht op hun geldzorgen en weten ze wie "
        "hen verder helpt."
    ),
    "randvoorwaarden": (
        "Wijkteammedewerkers volgen een training van twee dagdelen, gegeven door een trainer en "
        "een ervaringsdeskundige. De uitvoering kost drie uur per gezin. Materiaal: "
        "gesprekskaarten en een overzichtsformulier. Er zijn afspraken met de schuldhulp nodig."
    ),
    "overdraagbaarheid": (
        "Er is een handleiding met de gesprekskaarten en een draaiboek voor de training. De kern "
        "ligt vast; de sociale kaart passen teams aan hun eigen gemeente aan. Andere gemeenten "
        "kunnen de methode overnemen."
    ),
    "onderzoek": (
        "We hielden interviews met 12 professionals en 15 ouders en verzamelden vragenlijsten na "
        "elk gesprek. Uit de evaluatie bleek dat ouders tevreden waren over de toon en eerder "
        "over schulden spraken; de doorverwijzing naar de schuldhulp liep minder goed als daar "
        "een wachtlijst was."
    ),
}


def test_a_complete_coherent_description_is_ready():
    result = assess(COMPLETE)

    assert result.level == "klaar", [f.message for f in result.findings]
    assert result.score >= 80
    assert not result.missing


def test_an_empty_description_scores_zero_and_names_every_part():
    result = assess({})

    assert result.score == 0 and result.level == "nog-niet"
    assert [f.part for f in result.missing] == [
        "Aanleiding",
        "Doelgroep",
        "Doelen",
        "Aanpak",
        "Randvoorwaarden",
        "Overdraagbaarheid",
        "Onderzoek naar praktijkervaringen",
    ]
    assert result.missing[0].message.startswith("Aanleiding ontbreekt. Beschrijf welk probleem")


def test_a_missing_part_keeps_a_high_score_from_being_ready():
    fields = {**COMPLETE, "overdraagbaarheid": ""}

    result = assess(fields)

    assert result.score >= 80 and result.level == "bijna"
    assert [f.part for f in result.missing] == ["Overdraagbaarheid"]


def test_a_short_part_is_called_short_with_its_word_count():
    result = assess({**COMPLETE, "aanpak": "We voeren gesprekken met ouders."})

    messages = [f.message for f in result.findings if f.part == "Aanpak"]
    assert messages == [
        "Aanpak is kort (5 woorden). Beschrijf de aanpak stap voor stap: fasen, activiteiten, "
        "duur en wie wat doet. Reken op minstens 80 woorden."
    ]
    assert result.score < assess(COMPLETE).score


def test_goals_that_ignore_the_problem_are_named_as_incoherent():
    unrelated = {
        **COMPLETE,
        "doelen": (
            "Hoofddoel: de regionale stuurgroep vergadert vier keer per jaar over beleid en "
            "financiering van het onderwijs, en na afloop is er een convenant."
        ),
    }

    result = assess(unrelated)

    coherence_findings = [f.message for f in result.findings if f.part == "Samenhang"]
    assert any(
        m.startswith("De doelen sluiten niet zichtbaar aan op de aanleiding")
        for m in coherence_findings
    )
    assert (
        result.coherence["Aanleiding – doelen"] < assess(COMPLETE).coherence["Aanleiding – doelen"]
    )


def test_coherence_meets_synonyms_through_the_thesaurus():
    share, _missing = coherence("Inwoners met geldzorgen zoeken laat hulp.", "Minder schulden.")

    assert share > 0
