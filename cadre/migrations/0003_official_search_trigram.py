"""A trigram index on Official.search_text, PostgreSQL only (docs/performance.md, issue 5).

The list's search is `search_text LIKE '%word%'` for each word typed; without
an index PostgreSQL reads every official for it. A GIN index of trigrams
(pg_trgm) answers "contains" for words of three letters or more. SQLite keeps
the plain scan: nothing is created there, and the model state is unchanged
(the index is not declared in Official.Meta, which SQLite could not build).

pg_trgm is a trusted extension (PostgreSQL 13+): the database owner can
create it; the test databases and CI create theirs as the superuser.
"""
from django.db import migrations

INDEX_NAME = "cadre_official_search_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON cadre_official USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")  # the extension stays: others may use it


class Migration(migrations.Migration):
    dependencies = [("cadre", "0002_seed_catalogs")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
