from django.db import migrations

# The werkvormen the werkplaatsen use (network-facts §2.5) and common research forms.
FORMS = [
    ("leeratelier", "Leeratelier", "Interprofessionele leergemeenschap rond één thema."),
    ("atelier-sociaal-domein", "Atelier Sociaal Domein",
     "Multidisciplinaire studententeams die een lokale vraag oppakken."),
    ("werkteam", "Werkteam",
     "Beleidsmedewerkers, professionals, docenten en soms studenten en bewoners samen."),
    ("programmateam", "Programmateam", "Een team per thema dat het programma draagt."),
    ("netwerkcirkel", "Netwerkcirkel", "Een kring van partners die rond een vraag samen leert."),
    ("innovatiewerkplaats", "Innovatiewerkplaats",
     "Studenten, docenten en praktijk werken langdurig in een wijk of organisatie."),
    ("community-of-practice", "Community of practice",
     "Een groep die kennis deelt en opbouwt rond een gedeelde praktijk."),
    ("actieleren", "Actieleren", "Leren door te doen en samen op het handelen te reflecteren."),
    ("actieonderzoek", "Actieonderzoek", "Onderzoek in cycli van plannen, doen, kijken en bijstellen."),
    ("participatief-actieonderzoek", "Participatief actieonderzoek",
     "Actieonderzoek waarin inwoners of cliënten medeonderzoeker zijn."),
    ("co-creatie", "Co-creatie", "Samen met gebruikers en professionals ontwerpen."),
    ("community-mapping", "Community mapping",
     "Samen met bewoners de krachten en knelpunten van een buurt in kaart brengen."),
    ("praktijkgericht-onderzoek", "Praktijkgericht onderzoek",
     "Onderzoek dat een vraag uit de praktijk beantwoordt."),
    ("casuistiekbespreking", "Casuïstiekbespreking", "Samen leren van concrete casussen."),
    ("living-lab", "Living lab", "Experimenteren in de echte leefomgeving."),
    ("werkplaatsevent", "Werkplaatsevent", "Bijeenkomst om kennis te delen en te verbinden."),
    ("studentenonderzoek", "Studentenonderzoek",
     "Onderzoek door studenten, begeleid door docenten en praktijk."),
]


def add(apps, schema_editor):
    WorkForm = apps.get_model("projects", "WorkForm")
    for slug, name, description in FORMS:
        WorkForm.objects.update_or_create(slug=slug, defaults={"name": name, "description": description})


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
