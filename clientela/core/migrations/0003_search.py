"""The global search index: its table, and the database's own full-text index beside it."""

import django.utils.timezone
from django.db import migrations, models

SQLITE_FORWARD = [
    # External content: the FTS5 table stores only the index; triggers keep it in step with
    # every insert, update and delete of core_searchentry, bulk ones included.
    "CREATE VIRTUAL TABLE core_searchentry_fts USING fts5(text, content='core_searchentry', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0', prefix='2 3')",
    "CREATE TRIGGER core_searchentry_fts_insert AFTER INSERT ON core_searchentry BEGIN "
    "INSERT INTO core_searchentry_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER core_searchentry_fts_delete AFTER DELETE ON core_searchentry BEGIN "
    "INSERT INTO core_searchentry_fts(core_searchentry_fts, rowid, text) "
    "VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER core_searchentry_fts_update AFTER UPDATE ON core_searchentry BEGIN "
    "INSERT INTO core_searchentry_fts(core_searchentry_fts, rowid, text) "
    "VALUES ('delete', old.id, old.text); "
    "INSERT INTO core_searchentry_fts(rowid, text) VALUES (new.id, new.text); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS core_searchentry_fts_update",
    "DROP TRIGGER IF EXISTS core_searchentry_fts_delete",
    "DROP TRIGGER IF EXISTS core_searchentry_fts_insert",
    "DROP TABLE IF EXISTS core_searchentry_fts",
]
POSTGRESQL_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # 'simple' neither stems nor drops stop words: names in any language stay as typed.
    "ALTER TABLE core_searchentry ADD COLUMN document tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED",
    "CREATE INDEX core_searchentry_document ON core_searchentry USING gin (document)",
    "CREATE INDEX core_searchentry_text_trgm ON core_searchentry USING gin (text gin_trgm_ops)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS core_searchentry_text_trgm",
    "DROP INDEX IF EXISTS core_searchentry_document",
    "ALTER TABLE core_searchentry DROP COLUMN IF EXISTS document",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0002_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name="ID")),
                ("module", models.CharField(max_length=50)),
                ("object_id", models.BigIntegerField()),
                ("label", models.CharField(max_length=300)),
                ("text", models.TextField()),
                ("fields", models.JSONField(default=dict)),
                ("updated_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("module", "object_id"),
                                            name="unique_search_entry"),
                ],
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
        ),
    ]
