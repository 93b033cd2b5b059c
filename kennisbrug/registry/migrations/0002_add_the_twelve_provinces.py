from django.db import migrations

# The twelve provinces with their CBS codes; they do not change, so they ship with the schema.
PROVINCES = [
    ("PV20", "Groningen"),
    ("PV21", "Fryslân"),
    ("PV22", "Drenthe"),
    ("PV23", "Overijssel"),
    ("PV24", "Flevoland"),
    ("PV25", "Gelderland"),
    ("PV26", "Utrecht"),
    ("PV27", "Noord-Holland"),
    ("PV28", "Zuid-Holland"),
    ("PV29", "Zeeland"),
    ("PV30", "Noord-Brabant"),
    ("PV31", "Limburg"),
]


def add(apps, schema_editor):
    Province = apps.get_model("registry", "Province")
    for code, name in PROVINCES:
        Province.objects.update_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
