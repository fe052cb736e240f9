"""Demo accounts, one per role (``*@demo.example``), and the working groups they are in."""

from django.contrib.auth.hashers import check_password, make_password

from partners.models import User
from themes.models import WorkingGroup

from ..rows import assign, upsert

Role = User.Role

# (email, first name, last name, role, organisation slug, job title)
DEMO_ACCOUNTS = [
    ("partner@demo.example", "Sanne", "van der Linden", Role.PARTNER, "ons-welzijn",
     "Opbouwwerker"),
    ("partner2@demo.example", "Joris", "Verhoeven", Role.PARTNER, "ggd",
     "Adviseur gezondheidsbevordering"),
    ("kartrekker@demo.example", "Ilse", "Hendriks", Role.KARTREKKER, "ons-welzijn",
     "Ouderenadviseur"),
    ("programmateam@demo.example", "Thomas", "de Groot", Role.PROGRAMMATEAM,
     "gemeente-landerd", "Programmamanager"),
    ("griffie@demo.example", "Eva", "Kuijpers", Role.GRIFFIE, None, "Griffier"),
    ("beheer@demo.example", "Bram", "Verbeek", Role.BEHEER, None, "Functioneel beheerder"),
]  # fmt: skip
KARTREKKER_THEME = "eenzaamheid"

# Which organisations take part in which working group (demo: the seeds do not say).
WORKING_GROUP_ORGANISATIONS = {
    "preventie-drugs-alcohol": ["ggd", "optimus", "ons-welzijn", "gemeente-landerd"],
    "opvoeding": ["optimus", "praktijk-jij-ik", "bibliotheek-landerd", "ons-welzijn"],
    "mantelzorg": [
        "ons-welzijn",
        "pantein",
        "brabantzorg",
        "huisarts-schaijk",
        "zorgcooperatie-zeeland",
        "zorgcooperatie-schaijk",
    ],
    "eenzaamheid": [
        "ons-welzijn",
        "zorgcooperatie-zeeland",
        "zorgcooperatie-schaijk",
        "bibliotheek-landerd",
        "brabantzorg",
    ],
}
WORKING_GROUP_MEMBERS = {
    "opvoeding": ["partner@demo.example"],
    "preventie-drugs-alcohol": ["partner2@demo.example"],
    "eenzaamheid": ["kartrekker@demo.example", "partner@demo.example"],
}


class _DemoPassword:
    """The one password of all demo accounts, hashed at most once per run.

    Hashing is slow on purpose (about half a second), and the six accounts share the
    password anyway, so they share its hash too; a stored hash is checked only once.
    """

    def __init__(self, raw: str):
        self.raw = raw
        self._matches = {}
        self._encoded = None

    def matches(self, encoded: str) -> bool:
        if encoded not in self._matches:
            self._matches[encoded] = bool(encoded) and check_password(self.raw, encoded)
        return self._matches[encoded]

    @property
    def encoded(self) -> str:
        if self._encoded is None:
            self._encoded = make_password(self.raw)
        return self._encoded


def _ensure_account(*, email: str, password: _DemoPassword, **values) -> User:
    """Create or update a demo account and make sure ``password`` signs it in."""
    user = User.objects.filter(email__iexact=email).first() or User(email=email)
    changed = assign(user, values)
    # A fresh hash has a fresh salt: only re-hash when the password differs, so a re-run
    # with the same password leaves the account untouched.
    if not password.matches(user.password):
        user.password = password.encoded
        changed.append("password")
    if user.pk is None:
        user.save()
    elif changed:
        user.save(update_fields=changed)
    return user


def seed_accounts(*, password: str, organisations) -> dict[str, User]:
    """Create or update the demo accounts, all signing in with ``password``; by email."""
    demo_password = _DemoPassword(password)
    users = {}
    for email, first_name, last_name, role, organisation, job_title in DEMO_ACCOUNTS:
        is_beheer = role == Role.BEHEER
        users[email] = _ensure_account(
            email=email,
            password=demo_password,
            first_name=first_name,
            last_name=last_name,
            role=role,
            organisation=organisations[organisation] if organisation else None,
            job_title=job_title,
            is_active=True,
            is_staff=is_beheer,
            is_superuser=is_beheer,
        )
    return users


def _add_missing(related, objects) -> None:
    present = set(related.values_list("pk", flat=True))
    missing = [obj for obj in objects if obj.pk not in present]
    if missing:
        related.add(*missing)


def seed_working_groups(*, users, themes, organisations) -> None:
    """Put organisations and demo accounts in the working groups; one gets the kartrekker."""
    for slug, organisation_slugs in WORKING_GROUP_ORGANISATIONS.items():
        working_group = themes[slug].working_group
        # Only what is missing: every add() leaves a record in the working group's history,
        # even one that changes nothing, and seeding again must change nothing.
        _add_missing(working_group.organisations, [organisations[s] for s in organisation_slugs])
        _add_missing(working_group.members, [users[e] for e in WORKING_GROUP_MEMBERS.get(slug, [])])
    upsert(
        WorkingGroup,
        lookup={"theme": themes[KARTREKKER_THEME]},
        values={"kartrekker": users["kartrekker@demo.example"]},
    )
