"""``manage.py seed_landerd``: load the programme, and optionally demo and volume data."""

from django.core.management.base import BaseCommand, CommandError

from programme import seeding


class Command(BaseCommand):
    help = (
        "Load the programme 'Samen Landerd, Samen Beter' from its seed documents: "
        "signatory organisations, villages, themes and working groups, phases, budgets. "
        "Idempotent: running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo",
            action="store_true",
            help=(
                "Also create one demo account per role (*@demo.example) and sample content: "
                "DIN, 2019 activities, reflections, questions, a partner meeting. "
                "Idempotent. Requires --password."
            ),
        )
        parser.add_argument(
            "--password",
            metavar="PW",
            help="Password for every demo account; it is (re)set on each run.",
        )
        parser.add_argument(
            "--activities",
            type=int,
            default=0,
            metavar="N",
            help=(
                "Add N synthetic activities (2019-2021) in bulk, without history records. "
                "Additive, NOT idempotent: every run adds N more."
            ),
        )
        parser.add_argument(
            "--random-seed",
            type=int,
            default=2019,
            help="Seed for the synthetic activities, so runs are reproducible "
            "(default: %(default)s).",
        )

    def handle(self, *args, demo, password, activities, random_seed, **options):
        if demo and not password:
            raise CommandError("--demo needs --password PW for the demo accounts.")
        if password and not demo:
            raise CommandError("--password is only used together with --demo.")
        if activities < 0:
            raise CommandError("--activities must be zero or more.")

        seeding.seed_programme()
        self.stdout.write("Programme loaded.")
        if demo:
            seeding.seed_demo(password=password)
            self.stdout.write("Demo accounts and sample content loaded.")
        if activities:
            added = seeding.add_synthetic_activities(count=activities, seed=random_seed)
            self.stdout.write(f"Added {added} synthetic activities.")

        for label, count in seeding.seed_summary().items():
            self.stdout.write(f"  {label}: {count}")
        self.stdout.write(self.style.SUCCESS("Done."))
