"""The seed_landerd command: the real programme from the seeds, demo data, volume data."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError

from partners.models import Organisation, ParticipationLevel, User
from programme.models import Budget, Phase, Programme
from themes.models import Activity, Theme, Village, WorkingGroup

pytestmark = pytest.mark.django_db

# Seed 001, in its own order and spelling.
SIGNATORIES = [
    "GGD",
    "ONS Welzijn",
    "BrabantZorg",
    "Gemeente Landerd",
    "Pantein",
    "Optimus",
    "Praktijk Jij & Ik",
    "Zorgcoöperatie Zeeland",
    "Zorgcoöperatie Schaijk",
    "Huisarts Schaijk",
    "Bibliotheek Landerd",
]
DEMO_PASSWORD = "Landerd-demo-2019"


def seed(*args):
    out = StringIO()
    call_command("seed_landerd", *args, stdout=out)
    return out.getvalue()


def snapshot():
    """Every row of every model, history tables included."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models()
    }


def test_seed_loads_the_programme_with_its_goal_statement():
    seed()

    programme = Programme.objects.get()
    assert programme.name == "Samen Landerd, Samen Beter"
    assert programme.municipality == "Gemeente Landerd"
    assert programme.goal_statement == (
        "Landerd als een vitale gemeenschap waar de bewoners een betere (positieve) "
        "gezondheid ervaren."
    )


def test_seed_loads_the_eleven_signatories_with_their_exact_names():
    seed()

    assert sorted(Organisation.objects.values_list("name", flat=True)) == sorted(SIGNATORIES)
    for organisation in Organisation.objects.all():
        assert organisation.signed_programme_plan_on == datetime.date(2018, 12, 1)
        assert organisation.participation_level == ParticipationLevel.CO_CREATIE
        assert organisation.contribution
    assert Organisation.objects.get(name="Gemeente Landerd").kind == Organisation.Kind.GEMEENTE
    assert Organisation.objects.get(name="Optimus").kind == Organisation.Kind.ONDERWIJS


def test_seed_loads_four_themes_in_order_each_with_its_working_group():
    seed()

    assert list(Theme.objects.values_list("slug", "name")) == [
        ("preventie-drugs-alcohol", "Preventie drugs & alcohol"),
        ("opvoeding", "Opvoeding"),
        ("mantelzorg", "Mantelzorg"),
        ("eenzaamheid", "Eenzaamheid"),
    ]
    for theme in Theme.objects.all():
        assert theme.ambition
        assert theme.working_group.name == f"Werkgroep {theme.name}"


def test_seed_loads_the_three_villages():
    seed()

    assert sorted(Village.objects.values_list("name", flat=True)) == ["Reek", "Schaijk", "Zeeland"]


def test_seed_loads_five_phases_from_initiation_to_the_third_execution_year():
    seed()

    phases = list(
        Phase.objects.values_list("slug", "kind", "start_date", "end_date", "programme__name")
    )
    assert [p[:4] for p in phases] == [
        ("initiatie", "initiatie", datetime.date(2017, 1, 1), datetime.date(2017, 7, 31)),
        ("definitie", "definitie", datetime.date(2017, 8, 1), datetime.date(2018, 12, 31)),
        ("fase-1-2019", "uitvoering", datetime.date(2019, 1, 1), datetime.date(2019, 12, 31)),
        ("fase-2-2020", "uitvoering", datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)),
        ("fase-3-2021", "uitvoering", datetime.date(2021, 1, 1), datetime.date(2021, 12, 31)),
    ]
    assert {p[4] for p in phases} == {"Samen Landerd, Samen Beter"}
    first = Phase.objects.get(slug="fase-1-2019")
    assert (first.name, first.motto) == ("Uitvoering fase 1 (2019)", "Inspireren en verbinden")


def test_seed_loads_the_shrinking_budgets_of_2019_to_2021():
    seed()

    assert list(Budget.objects.values_list("year", "amount", "programme_management_fte")) == [
        (2019, Decimal("58400"), Decimal("1")),
        (2020, Decimal("48400"), Decimal("0.5")),
        (2021, Decimal("19200"), Decimal("0")),
    ]


@pytest.mark.parametrize("args", [(), ("--demo", "--password", DEMO_PASSWORD)])
def test_seeding_twice_changes_nothing(args):
    seed(*args)
    before = snapshot()

    seed(*args)

    after = snapshot()
    assert {label: len(rows) for label, rows in after.items()} == {
        label: len(rows) for label, rows in before.items()
    }
    assert after == before


def test_seeding_restores_a_changed_seed_fact():
    seed()
    Budget.objects.filter(year=2020).update(amount=Decimal("1"))

    seed()

    assert Budget.objects.get(year=2020).amount == Decimal("48400")


def test_demo_creates_one_account_per_role_that_signs_in_with_the_password():
    seed("--demo", "--password", DEMO_PASSWORD)

    accounts = {
        user.email: (user.role, user.organisation.name if user.organisation else None)
        for user in User.objects.select_related("organisation")
    }
    assert accounts == {
        "partner@demo.example": (User.Role.PARTNER, "ONS Welzijn"),
        "partner2@demo.example": (User.Role.PARTNER, "GGD"),
        "kartrekker@demo.example": (User.Role.KARTREKKER, "ONS Welzijn"),
        "programmateam@demo.example": (User.Role.PROGRAMMATEAM, "Gemeente Landerd"),
        "griffie@demo.example": (User.Role.GRIFFIE, None),
        "beheer@demo.example": (User.Role.BEHEER, None),
    }
    for email in accounts:
        user = authenticate(username=email, password=DEMO_PASSWORD)
        assert user is not None, email
        assert user.first_name and user.last_name
        assert (user.is_superuser, user.is_staff) == (
            (True, True) if user.role == "beheer" else (False, False)
        )


def test_demo_sets_the_password_again_on_each_run():
    seed("--demo", "--password", "first-password")

    seed("--demo", "--password", "second-password")

    user = User.objects.get(email="partner@demo.example")
    assert user.check_password("second-password")
    assert not user.check_password("first-password")


def test_demo_makes_the_kartrekker_lead_the_working_group_eenzaamheid():
    seed("--demo", "--password", DEMO_PASSWORD)

    working_group = WorkingGroup.objects.get(theme__slug="eenzaamheid")
    assert working_group.kartrekker.email == "kartrekker@demo.example"
    assert WorkingGroup.objects.filter(kartrekker__isnull=False).count() == 1


def test_demo_loads_sample_content_for_every_execution_year():
    seed("--demo", "--password", DEMO_PASSWORD)

    activities = Activity.objects.all()
    for year in (2019, 2020, 2021):
        in_year = activities.filter(date__year=year)
        assert 10 <= in_year.count() <= 25
        assert set(in_year.values_list("status", flat=True)) == {"published", "draft"}
        assert set(in_year.values_list("theme__slug", flat=True)) == set(
            Theme.objects.values_list("slug", flat=True)
        )
    # Besides the upcoming activities of the public agenda (issue 17), dated from today.
    assert {a.date.year for a in activities.filter(is_public=False)} == {2019, 2020, 2021}
    assert activities.filter(title__startswith="Zomerkalender", date__year=2019).count() == 3
    for phase in Phase.objects.filter(kind=Phase.Kind.UITVOERING):
        assert phase.reflections.filter(visibility="published").exists()
        assert phase.reflections.filter(visibility="shared").exists()
        assert phase.questions.filter(status="open").exists()
    meetings = apps.get_model("programme", "PartnerMeeting").objects.all()
    assert {m.starts_at.year for m in meetings} == {2019, 2020, 2021}
    for meeting in meetings:
        assert meeting.agenda_items.count() >= 3
        assert meeting.decisions.exists()
        assert meeting.action_items.exists()


def test_demo_without_password_is_refused():
    with pytest.raises(CommandError):
        seed("--demo")
    assert not User.objects.exists()


def test_activities_adds_that_many_activities_with_their_links():
    seed("--demo", "--password", DEMO_PASSWORD)
    existing = set(Activity.objects.values_list("pk", flat=True))
    history_rows = Activity.history.count()

    seed("--activities", "200")

    added = Activity.objects.exclude(pk__in=existing)
    assert added.count() == 200
    assert not added.filter(villages__isnull=True).exists()
    assert not added.filter(target_groups__isnull=True).exists()
    assert not added.filter(health_dimensions__isnull=True).exists()
    assert added.filter(organisations__isnull=False).exists()
    assert added.values("theme").distinct().count() == 4
    assert added.values("villages").distinct().count() == 3
    assert added.values("owner_organisation").distinct().count() > 5
    assert {a.date.year for a in added} == {2019, 2020, 2021}
    assert added.filter(status="published").count() > added.filter(status="draft").count()
    assert Activity.history.count() == history_rows  # bulk rows write no history


def test_activities_is_additive_and_reproducible():
    seed("--activities", "50")
    first = list(Activity.objects.order_by("pk").values_list("title", "date", "theme"))

    seed("--activities", "50")

    assert Activity.objects.count() == 100
    second = list(Activity.objects.order_by("pk").values_list("title", "date", "theme"))[50:]
    assert second == first
