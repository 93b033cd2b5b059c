"""PostgreSQL: keep each entry's tsvector in its row (STORAGE MAIN) instead of out of line
in TOAST, so ranking a candidate reads one heap page rather than a TOAST index and two
chunks. Only rows written from now on move; ``kennisbrug reindex`` (or ``VACUUM FULL
search_searchentry``) moves the existing ones. Nothing to do on SQLite."""

from django.db import migrations


def tsvector_in_row(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchentry ALTER COLUMN tsv SET STORAGE MAIN")


def tsvector_out_of_row(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE search_searchentry ALTER COLUMN tsv SET STORAGE EXTENDED"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0003_head_index")]
    operations = [migrations.RunPython(tsvector_in_row, tsvector_out_of_row)]
