"""The engine-specific full-text index: an FTS5 table on SQLite, tsvector + GIN on PostgreSQL."""

from django.db import migrations


def create(apps, schema_editor):
    from kennisbrug.search.backends import PostgresIndex, SQLiteIndex

    index = PostgresIndex() if schema_editor.connection.vendor == "postgresql" else SQLiteIndex()
    with schema_editor.connection.cursor() as cursor:
        index.create(cursor)


def drop(apps, schema_editor):
    from kennisbrug.search.backends import PostgresIndex, SQLiteIndex

    index = PostgresIndex() if schema_editor.connection.vendor == "postgresql" else SQLiteIndex()
    with schema_editor.connection.cursor() as cursor:
        index.drop(cursor)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
