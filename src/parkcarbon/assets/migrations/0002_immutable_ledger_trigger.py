"""PostgreSQL: the ledger's rows cannot be updated or deleted even by raw SQL or a bulk queryset call (the models
refuse it already; this closes the paths that bypass them). TRUNCATE, used by test teardown, is not a row event."""

from django.db import migrations

TABLES = ("assets_entry", "assets_transaction", "assets_serialblock")
CREATE = """
CREATE OR REPLACE FUNCTION assets_ledger_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'ledger rows are immutable: reverse the transaction instead';
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE)
    for table in TABLES:
        schema_editor.execute(f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
                              f"FOR EACH ROW EXECUTE FUNCTION assets_ledger_immutable()")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS assets_ledger_immutable()")


class Migration(migrations.Migration):
    dependencies = [("assets", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
