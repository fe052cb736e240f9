"""Adding the next phase in the portal, and the notice that the programme period is over."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from programme.models import Budget, Phase
from programme.phases import services
from programme.phases.selectors import current_phase, programme_has_ended
from tests.factories import PhaseFactory

pytestmark = pytest.mark.django_db

NOTICE = "De programmaperiode is afgelopen"
PAGES_WITH_NOTICE = [
    "dashboard",
    "programme:din",
    "learning_history:index",
    "learning_history:self_analysis",
    "programme:report_list",
]


@pytest.fixture
def ended_phase(db):
    """The last phase ended last year."""
    last_year = datetime.date.today().year - 1
    return PhaseFactory(
        slug="laatste-fase",
        name=f"Uitvoering fase 3 ({last_year})",
        start_date=datetime.date(last_year, 1, 1),
        end_date=datetime.date(last_year, 12, 31),
    )


@pytest.fixture
def running_phase(db):
    today = datetime.date.today()
    return PhaseFactory(
        slug="lopende-fase",
        name="Lopende fase",
        start_date=today - datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=30),
    )


def form_data(**overrides):
    year = datetime.date.today().year
    return {
        "name": f"Uitvoering fase 4 ({year})",
        "kind": Phase.Kind.UITVOERING,
        "start_date": f"{year}-01-01",
        "end_date": f"{year}-12-31",
        "motto": "Zelf dragen",
        "description": "",
        "budget_amount": "12000",
        "programme_management_fte": "0",
        **overrides,
    }


# --- The selector -------------------------------------------------------------------------


def test_programme_has_ended_when_today_lies_after_the_last_phase(ended_phase):
    assert programme_has_ended()
    assert current_phase() == ended_phase


def test_programme_has_not_ended_while_a_phase_runs(running_phase):
    assert not programme_has_ended()


def test_programme_without_phases_has_not_ended(db):
    assert not programme_has_ended()


# --- The notice ---------------------------------------------------------------------------


@pytest.mark.parametrize("route", PAGES_WITH_NOTICE)
def test_pages_with_the_current_phase_say_the_programme_period_has_ended(
    client, programmateam, ended_phase, route
):
    client.force_login(programmateam)

    content = client.get(reverse(route)).content.decode()

    assert NOTICE in content
    assert ended_phase.name in content


@pytest.mark.parametrize("route", PAGES_WITH_NOTICE)
def test_no_notice_while_a_phase_runs(client, programmateam, running_phase, route):
    client.force_login(programmateam)

    assert NOTICE not in client.get(reverse(route)).content.decode()


def test_the_notice_offers_the_programme_team_the_next_phase(client, programmateam, ended_phase):
    client.force_login(programmateam)

    content = client.get(reverse("dashboard")).content.decode()

    assert reverse("programme:phase_create") in content


def test_the_notice_offers_a_partner_no_phase_form(client, partner, ended_phase):
    client.force_login(partner)

    content = client.get(reverse("dashboard")).content.decode()

    assert NOTICE in content
    assert reverse("programme:phase_create") not in content


# --- Adding a phase -----------------------------------------------------------------------


def test_programme_team_adds_the_next_phase_with_its_budget(client, programmateam, ended_phase):
    client.force_login(programmateam)
    year = datetime.date.today().year

    response = client.post(reverse("programme:phase_create"), form_data(), follow=True)

    phase = Phase.objects.get(name=f"Uitvoering fase 4 ({year})")
    assert response.redirect_chain[-1][0] == reverse("programme:phase_list")
    assert (phase.order, phase.start_date, phase.motto) == (
        ended_phase.order + 1,
        datetime.date(year, 1, 1),
        "Zelf dragen",
    )
    assert phase.programme == ended_phase.programme
    budget = Budget.objects.get(year=year)
    assert (budget.amount, budget.programme_management_fte) == (Decimal("12000"), Decimal("0"))
    assert phase.history.first().history_user == programmateam
    # The new phase contains today: the programme runs again, the notice is gone.
    assert not programme_has_ended()
    assert NOTICE not in client.get(reverse("dashboard")).content.decode()
    assert phase.name in response.content.decode()


def test_the_phase_form_proposes_the_year_after_the_last_phase(client, programmateam, ended_phase):
    client.force_login(programmateam)

    response = client.get(reverse("programme:phase_create"))

    form = response.context["form"]
    assert form["start_date"].value() == datetime.date(ended_phase.end_date.year + 1, 1, 1)


def test_a_partner_may_not_add_a_phase(client, partner, ended_phase):
    client.force_login(partner)

    assert client.get(reverse("programme:phase_create")).status_code == 403
    response = client.post(reverse("programme:phase_create"), form_data())

    assert response.status_code == 403
    assert Phase.objects.count() == 1


def test_a_phase_that_starts_before_the_last_one_ends_is_refused_next_to_the_start_date(
    client, programmateam, ended_phase
):
    client.force_login(programmateam)
    inside_last = ended_phase.end_date.replace(month=6, day=1)

    response = client.post(
        reverse("programme:phase_create"), form_data(start_date=inside_last.isoformat())
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "start_date" in errors
    assert "Een nieuwe fase begint na de laatste fase" in errors["start_date"][0]
    assert "Een nieuwe fase begint na de laatste fase" in response.content.decode()
    assert Phase.objects.count() == 1


def test_an_end_date_before_the_start_date_is_refused_next_to_the_end_date(
    client, programmateam, ended_phase
):
    client.force_login(programmateam)
    year = datetime.date.today().year

    response = client.post(
        reverse("programme:phase_create"),
        form_data(start_date=f"{year}-06-01", end_date=f"{year}-05-01"),
    )

    assert response.context["form"].errors["end_date"] == ["De einddatum ligt vóór de begindatum."]
    assert Phase.objects.count() == 1


def test_a_second_budget_for_the_same_year_is_refused(programmateam, ended_phase):
    year = datetime.date.today().year
    Budget.objects.create(
        programme=ended_phase.programme,
        year=year,
        amount=Decimal("1"),
        programme_management_fte=Decimal("0"),
    )

    with pytest.raises(ValidationError) as error:
        services.phase_create(
            user=programmateam,
            name="Uitvoering fase 4",
            kind=Phase.Kind.UITVOERING,
            start_date=datetime.date(year, 1, 1),
            end_date=datetime.date(year, 12, 31),
            budget_amount=Decimal("5000"),
        )

    assert "budget_amount" in error.value.message_dict
    assert Phase.objects.count() == 1


def test_the_service_refuses_a_kartrekker(kartrekker, ended_phase):
    with pytest.raises(PermissionDenied):
        services.phase_create(
            user=kartrekker,
            name="Fase 4",
            kind=Phase.Kind.UITVOERING,
            start_date=datetime.date(2099, 1, 1),
            end_date=datetime.date(2099, 12, 31),
        )


def test_two_phases_with_the_same_name_get_their_own_slug(programmateam, ended_phase):
    first = services.phase_create(
        user=programmateam,
        name="Verduurzaming",
        kind=Phase.Kind.UITVOERING,
        start_date=datetime.date(2098, 1, 1),
        end_date=datetime.date(2098, 12, 31),
    )
    second = services.phase_create(
        user=programmateam,
        name="Verduurzaming",
        kind=Phase.Kind.UITVOERING,
        start_date=datetime.date(2099, 1, 1),
        end_date=datetime.date(2099, 12, 31),
    )

    assert first.slug != second.slug
    assert second.order == first.order + 1


def test_the_phase_list_shows_every_phase_with_its_budget(client, programmateam, ended_phase):
    Budget.objects.create(
        programme=ended_phase.programme,
        year=ended_phase.start_date.year,
        amount=Decimal("19200"),
        programme_management_fte=Decimal("0"),
    )
    client.force_login(programmateam)

    content = client.get(reverse("programme:phase_list")).content.decode()

    assert ended_phase.name in content
    assert "19.200" in content
