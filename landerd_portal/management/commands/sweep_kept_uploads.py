"""Remove the files kept for forms that came back with an error and were never sent again."""

import datetime

from django.core.management.base import BaseCommand

from landerd_portal.pending_uploads import MAX_AGE, sweep


class Command(BaseCommand):
    help = "Remove kept uploads (tijdelijk/) older than 24 hours; beat does this every hour."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=float,
            default=MAX_AGE.total_seconds() / 3600,
            help="Remove kept files older than this many hours (default 24).",
        )

    def handle(self, *args, hours, **options):
        removed = sweep(older_than=datetime.timedelta(hours=hours))
        self.stdout.write(f"{removed} kept upload(s) removed.")
