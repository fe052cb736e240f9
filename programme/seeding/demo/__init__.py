"""Demo accounts and sample content, so the portal can be shown and tried out.

One account per role (``*@demo.example``, all with the password given to the command)
and, for 2019, the first execution year: a DIN per theme, activities, reflections,
questions and a partner meeting. None of it comes from the seed documents; it is
plausible, not real. Idempotent, and expects :func:`programme.seeding.seed_programme`
to have run.
"""

from django.db import transaction

from partners.models import Organisation
from programme.models import Phase
from themes.models import Theme

from .accounts import seed_accounts, seed_working_groups
from .activities import seed_activities
from .din import seed_din
from .learning_history import FIRST_PHASE, QUESTION_FOR_MEETING, seed_questions, seed_reflections
from .meeting import seed_meeting

__all__ = ["seed_demo"]


@transaction.atomic
def seed_demo(*, password: str) -> None:
    """Create the demo accounts (all with ``password``) and sample content."""
    organisations = Organisation.objects.in_bulk(field_name="slug")
    themes = Theme.objects.in_bulk(field_name="slug")
    first_phase = Phase.objects.get(slug=FIRST_PHASE)

    users = seed_accounts(password=password, organisations=organisations)
    seed_working_groups(users=users, themes=themes, organisations=organisations)
    efforts = seed_din(themes=themes, organisations=organisations)
    seed_activities(users=users, themes=themes, organisations=organisations, efforts=efforts)
    seed_reflections(phase=first_phase, users=users, themes=themes)
    questions = seed_questions(phase=first_phase, users=users, themes=themes)
    seed_meeting(users=users, themes=themes, question=questions[QUESTION_FOR_MEETING])
