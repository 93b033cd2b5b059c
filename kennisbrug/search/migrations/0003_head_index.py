"""A second, small full-text index over the head of each entry (title, keywords, concepts):
common query terms are looked for there when the whole index would match too many rows."""

from django.db import migrations


def _index(schema_editor):
    from kennisbrug.search.backends import PostgresIndex, SQLiteIndex

    return PostgresIndex() if schema_editor.connection.vendor == "postgresql" else SQLiteIndex()


def create(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        _index(schema_editor).create_head(cursor)


def drop(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        _index(schema_editor).drop_head(cursor)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_index")]
    operations = [migrations.RunPython(create, drop)]
