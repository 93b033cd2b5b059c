from django.db import migrations

from kennisbrug.thesaurus import loader


def load_bundled_thesaurus(apps, schema_editor):
    # Every fresh install starts with the thesaurus; later edits go through the beheer or
    # `kennisbrug thesaurus load`, so a database that already has concepts is left alone.
    Concept = apps.get_model("thesaurus", "Concept")
    Label = apps.get_model("thesaurus", "Label")
    if Concept.objects.exists():
        return
    loader.load(loader.read_file(loader.BUNDLED_FILE), Concept, Label)


class Migration(migrations.Migration):
    dependencies = [("thesaurus", "0001_initial")]
    operations = [migrations.RunPython(load_bundled_thesaurus, migrations.RunPython.noop)]
