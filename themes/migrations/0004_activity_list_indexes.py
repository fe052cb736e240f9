"""Indexes for the activity list, its counts and the DIN goal tree.

On PostgreSQL also trigram (pg_trgm) GIN indexes for the free-text filter, which Django
writes as ``UPPER(column::text) LIKE UPPER('%…%')``: the indexes are on the same
expressions so that the planner can use them. SQLite (the embedded default) has no
pg_trgm and skips them.
"""

from django.conf import settings
from django.db import migrations, models

TRIGRAM_COLUMNS = ["title", "description", "quote"]


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in TRIGRAM_COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS activity_{column}_trgm_idx ON themes_activity "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in TRIGRAM_COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS activity_{column}_trgm_idx")


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("programme", "0005_phase_report_checksums_summary"),
        ("themes", "0003_kartrekker_digest"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(fields=["status", "date"], name="activity_status_date_idx"),
        ),
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(
                fields=["owner_organisation", "status", "date"],
                name="activity_owner_status_date_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(fields=["effort", "date"], name="activity_effort_date_idx"),
        ),
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(
                fields=["theme", "status", "owner_organisation", "reach"],
                name="activity_theme_summary_idx",
            ),
        ),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes),
    ]
