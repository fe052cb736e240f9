"""Load the programme "Samen Landerd, Samen Beter" into the database, for real and for show.

Four entry points, called by the ``seed_landerd`` management command (and by bench/):

- :func:`seed_programme` loads the real programme from its seed documents
  (:mod:`.programme`, with the signatories in :mod:`.organisations`). Idempotent.
- :func:`seed_demo` adds one account per role and plausible sample content for the
  three execution years 2019–2021 (:mod:`.demo`). Idempotent; expects
  :func:`seed_programme` to have run.
- :func:`add_synthetic_activities` adds N generated activities in bulk, for load and
  performance work (:mod:`.synthetic`). Additive.
- :func:`seed_summary` counts what they load, for the command's closing report.

Idempotent here means a second run writes nothing at all: rows are looked up on their
natural key and only saved when a value differs (see :func:`.rows.upsert`), so neither
the ``auto_now`` stamps nor the django-simple-history tables move on a re-run.
"""

from learning_history.models import Question, Reflection
from partners.models import Organisation, User
from programme.models import Budget, Effort, Goal, NetworkEntry, PartnerMeeting, Phase
from themes.models import Activity, Theme, Village, WorkingGroup

from .demo import seed_demo
from .programme import seed_programme
from .synthetic import add_synthetic_activities

__all__ = ["add_synthetic_activities", "seed_demo", "seed_programme", "seed_summary"]


def seed_summary() -> dict[str, int]:
    """Row counts of what the seeding loads, for the command's closing report."""
    return {
        "organisations": Organisation.objects.count(),
        "villages": Village.objects.count(),
        "themes": Theme.objects.count(),
        "working groups": WorkingGroup.objects.count(),
        "phases": Phase.objects.count(),
        "budgets": Budget.objects.count(),
        "goals": Goal.objects.count(),
        "efforts": Effort.objects.count(),
        "network entries": NetworkEntry.objects.count(),
        "activities": Activity.objects.count(),
        "users": User.objects.count(),
        "reflections": Reflection.objects.count(),
        "questions": Question.objects.count(),
        "partner meetings": PartnerMeeting.objects.count(),
    }
