"""The audit trail is append-only in the database too (PostgreSQL).

A trigger refuses every UPDATE and DELETE on cadre_changerecord, whoever
connects: a bug, a script or a person with SQL access cannot rewrite history.
TRUNCATE (table owner only; test databases are emptied that way) is not a row
operation and stays possible for the owner: the application's database role in
production should not own the tables (docs/security.md).
"""
from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION cadre_changerecord_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Nhật ký thay đổi chỉ được ghi thêm, không được sửa hay xóa (cadre_changerecord).'
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS cadre_changerecord_append_only ON cadre_changerecord;
CREATE TRIGGER cadre_changerecord_append_only
    BEFORE UPDATE OR DELETE ON cadre_changerecord
    FOR EACH ROW EXECUTE FUNCTION cadre_changerecord_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS cadre_changerecord_append_only ON cadre_changerecord;
DROP FUNCTION IF EXISTS cadre_changerecord_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("cadre", "0004_audit_trail")]

    operations = [migrations.RunPython(create, drop)]
