"""Demo accounts and sample content, so the portal can be shown and tried out.

One account per role (``*@demo.example``, all with the password given to the command)
and, for each execution year (2019, 2020, 2021): a DIN per theme with its measured
indicators, activities, reflections, questions, partner meetings with decisions and
self-analyses. None of it comes from the seed documents; it is plausible, not real, and
follows what they do say: budgets shrink and the programme management goes from 1 fte to
none, so in 2021 the partnership carries itself. Idempotent, and expects
:func:`programme.seeding.seed_programme` to have run.
"""

from django.db import transaction

from partners.models import Organisation
from programme.models import Phase
from themes.models import Theme

from .accounts import seed_accounts, seed_working_groups
from .activities import seed_activities
from .api_tokens import seed_api_tokens
from .din import seed_din
from .kartrekkers import seed_kartrekker_history
from .kijkglas import seed_collaboration_forms, seed_kijkglas
from .learning_history import QUESTIONS, seed_questions, seed_reflections
from .meeting import seed_meetings
from .public import seed_public
from .self_analysis import seed_self_analyses
from .spread import seed_spread

__all__ = ["seed_demo"]


@transaction.atomic
def seed_demo(*, password: str) -> None:
    """Create the demo accounts (all with ``password``) and sample content."""
    organisations = Organisation.objects.in_bulk(field_name="slug")
    themes = Theme.objects.in_bulk(field_name="slug")
    phases = Phase.objects.in_bulk(list(QUESTIONS), field_name="slug")

    users = seed_accounts(password=password, organisations=organisations)
    seed_working_groups(users=users, themes=themes, organisations=organisations)
    seed_kartrekker_history(users=users, themes=themes)
    efforts = seed_din(themes=themes, organisations=organisations, users=users)
    seed_activities(users=users, themes=themes, organisations=organisations, efforts=efforts)
    seed_spread()
    seed_reflections(phases=phases, users=users, themes=themes)
    questions = seed_questions(phases=phases, users=users, themes=themes)
    seed_meetings(users=users, themes=themes, questions=questions)
    seed_self_analyses(phases=phases, users=users, organisations=organisations)
    seed_api_tokens(users=users)
    seed_public(users=users, themes=themes, organisations=organisations)
    all_phases = Phase.objects.in_bulk(field_name="slug")
    seed_kijkglas(phases=all_phases, organisations=organisations, users=users)
    seed_collaboration_forms(phases=all_phases, themes=themes, users=users)
