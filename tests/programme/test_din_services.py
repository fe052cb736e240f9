"""The DIN: who may change what, how progress is derived, the matrix and the export."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from programme.din import services
from programme.din.selectors import goals_for_theme, network_matrix
from programme.models import Goal, NetworkEntry
from programme.phases.selectors import current_phase
from tests.factories import (
    ActivityFactory,
    EffortFactory,
    GoalFactory,
    NetworkEntryFactory,
    OrganisationFactory,
    PhaseFactory,
    ThemeFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def phase_today(db):
    today = datetime.date.today()
    return PhaseFactory(
        slug="nu",
        name="Fase van nu",
        order=5,
        start_date=today - datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=30),
    )


@pytest.fixture
def other_theme(db):
    theme = ThemeFactory(name="Mantelzorg", slug="mantelzorg")
    WorkingGroupFactory(theme=theme)
    return theme


def test_kartrekker_adds_a_goal_to_their_own_theme(kartrekker, theme):
    goal = services.goal_create(
        user=kartrekker,
        theme=theme,
        data={"title": "Minder eenzame ouderen", "unit": "%", "target": Decimal("-10")},
    )
    assert goal.theme == theme
    assert (goal.target, goal.unit) == (Decimal("-10"), "%")


def test_kartrekker_cannot_change_the_din_of_another_theme(kartrekker, other_theme):
    goal = GoalFactory(theme=other_theme, title="Mantelzorgers ontlast")
    with pytest.raises(PermissionDenied):
        services.goal_update(user=kartrekker, goal=goal, data={"title": "Gekaapt"})
    with pytest.raises(PermissionDenied):
        services.goal_create(user=kartrekker, theme=other_theme, data={"title": "Nieuw"})
    goal.refresh_from_db()
    assert goal.title == "Mantelzorgers ontlast"
    assert Goal.objects.filter(theme=other_theme).count() == 1


def test_programme_team_edits_every_theme(programmateam, other_theme):
    goal = GoalFactory(theme=other_theme)
    services.goal_update(user=programmateam, goal=goal, data={"title": "Aangescherpt"})
    goal.refresh_from_db()
    assert goal.title == "Aangescherpt"


def test_partner_cannot_edit_goals_or_efforts(partner, theme):
    effort = EffortFactory(goal=GoalFactory(theme=theme), title="Wandelgroep")
    with pytest.raises(PermissionDenied):
        services.effort_update(user=partner, effort=effort, data={"title": "Anders"})
    effort.refresh_from_db()
    assert effort.title == "Wandelgroep"


def test_a_goal_cannot_sit_under_its_own_subgoal(kartrekker, theme):
    parent = GoalFactory(theme=theme)
    child = GoalFactory(theme=theme, parent=parent)
    with pytest.raises(ValidationError) as error:
        services.goal_update(user=kartrekker, goal=parent, data={"parent": child})
    assert "parent" in error.value.message_dict
    parent.refresh_from_db()
    assert parent.parent is None


def test_a_parent_goal_must_belong_to_the_same_theme(kartrekker, theme, other_theme):
    foreign = GoalFactory(theme=other_theme)
    with pytest.raises(ValidationError):
        services.goal_create(user=kartrekker, theme=theme, data={"title": "X", "parent": foreign})


def test_a_measurement_becomes_the_goals_current_value_only_when_it_is_the_latest(
    kartrekker, theme
):
    phase = PhaseFactory()
    goal = GoalFactory(theme=theme, baseline=Decimal("40"), unit="%")
    services.indicator_value_add(
        user=kartrekker, goal=goal, date=datetime.date(2019, 10, 1), value=Decimal("55")
    )
    services.indicator_value_add(
        user=kartrekker,
        goal=goal,
        date=datetime.date(2019, 3, 1),
        value=Decimal("45"),
        note="Later ingevoerd",
    )
    goal.refresh_from_db()
    assert goal.current_value == Decimal("55")
    assert set(goal.indicator_values.values_list("phase", flat=True)) == {phase.pk}
    assert goal.indicator_values.count() == 2


def test_partner_puts_their_own_organisation_on_an_effort(partner, theme):
    effort = EffortFactory(goal=GoalFactory(theme=theme))
    entry = services.network_join(
        user=partner,
        effort=effort,
        organisation=partner.organisation,
        contribution_kind=NetworkEntry.ContributionKind.EXPERTISE,
        contribution="Gesprekstechnieken",
    )
    assert entry.organisation == partner.organisation


def test_partner_cannot_put_another_organisation_on_an_effort(partner, theme):
    effort = EffortFactory(goal=GoalFactory(theme=theme))
    other = OrganisationFactory(name="Bibliotheek")
    with pytest.raises(PermissionDenied):
        services.network_join(
            user=partner,
            effort=effort,
            organisation=other,
            contribution_kind=NetworkEntry.ContributionKind.HOURS,
        )
    assert not NetworkEntry.objects.exists()


def test_the_same_contribution_twice_is_refused_with_a_message(partner, theme):
    effort = EffortFactory(goal=GoalFactory(theme=theme))
    kind = NetworkEntry.ContributionKind.HOURS
    services.network_join(
        user=partner, effort=effort, organisation=partner.organisation, contribution_kind=kind
    )
    with pytest.raises(ValidationError) as error:
        services.network_join(
            user=partner, effort=effort, organisation=partner.organisation, contribution_kind=kind
        )
    assert "contribution_kind" in error.value.message_dict


def test_partner_may_remove_only_their_own_network_entry(partner, other_partner, theme):
    effort = EffortFactory(goal=GoalFactory(theme=theme))
    own = NetworkEntryFactory(effort=effort, organisation=partner.organisation)
    theirs = NetworkEntryFactory(effort=effort, organisation=other_partner.organisation)
    with pytest.raises(PermissionDenied):
        services.network_leave(user=partner, entry=theirs)
    services.network_leave(user=partner, entry=own)
    assert list(NetworkEntry.objects.all()) == [theirs]


def test_current_phase_is_the_one_containing_today_or_else_the_latest(db):
    PhaseFactory(
        slug="oud",
        order=1,
        start_date=datetime.date(2018, 1, 1),
        end_date=datetime.date(2018, 12, 31),
    )
    latest = PhaseFactory(
        slug="laatst",
        order=2,
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2019, 12, 31),
    )
    assert current_phase() == latest


def test_goal_without_activity_in_the_current_phase_is_marked(phase_today, theme):
    active_goal = GoalFactory(theme=theme, title="Actief")
    quiet_goal = GoalFactory(theme=theme, title="Stil")
    effort = EffortFactory(goal=active_goal)
    old_effort = EffortFactory(goal=quiet_goal)
    ActivityFactory(theme=theme, effort=effort, date=datetime.date.today())
    ActivityFactory(theme=theme, effort=old_effort, date=datetime.date(2015, 1, 1))

    goals = {goal.title: goal for goal in goals_for_theme(theme=theme)}

    assert goals["Actief"].without_activity is False
    assert goals["Actief"].phase_activity_count == 1
    assert goals["Stil"].without_activity is True
    assert list(goals["Stil"].efforts.all())[0].activity_count == 1


def test_a_parent_goal_counts_the_activity_of_its_subgoals(phase_today, theme):
    parent = GoalFactory(theme=theme, title="Hoofddoel")
    child = GoalFactory(theme=theme, parent=parent, title="Subdoel")
    ActivityFactory(theme=theme, effort=EffortFactory(goal=child), date=datetime.date.today())

    [root] = goals_for_theme(theme=theme)

    assert root.title == "Hoofddoel"
    assert [goal.title for goal in root.subgoals] == ["Subdoel"]
    assert root.without_activity is False


def test_network_matrix_shows_organisations_against_efforts_across_themes(theme, other_theme):
    ggd = OrganisationFactory(name="GGD")
    welzijn = OrganisationFactory(name="ONS Welzijn")
    first = EffortFactory(goal=GoalFactory(theme=theme), lead_organisation=welzijn)
    second = EffortFactory(goal=GoalFactory(theme=other_theme))
    NetworkEntryFactory(effort=first, organisation=ggd, contribution_kind="money")
    NetworkEntryFactory(effort=second, organisation=welzijn, contribution_kind="hours")

    matrix = network_matrix()

    assert [o.name for o in matrix["organisations"]] == ["GGD", "ONS Welzijn"]
    assert len(matrix["groups"]) == 2
    first_row = matrix["groups"][0]["rows"][0]
    assert first_row["cells"][0]["kinds"] == ["Geld"]
    assert first_row["cells"][1]["leads"] is True
    assert matrix["totals"] == [1, 2]


def test_din_export_lists_every_network_entry_as_csv(client, partner, theme):
    effort = EffortFactory(goal=GoalFactory(theme=theme, title="Doel A"), title="Inspanning A")
    NetworkEntryFactory(effort=effort, organisation=partner.organisation, contribution="=2+2")
    client.force_login(partner)

    response = client.get(reverse("programme:din_export"))

    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Thema;Hoofddoel;Doel")
    assert "Eenzaamheid;;Doel A" in lines[1]
    assert "ONS Welzijn;Uren;'=2+2" in lines[1]  # no formula injection into spreadsheets


def test_din_page_issues_a_bounded_number_of_queries(
    client, django_assert_max_num_queries, partner, theme, phase_today
):
    for _ in range(4):
        goal = GoalFactory(theme=theme)
        child = GoalFactory(theme=theme, parent=goal)
        for _ in range(3):
            effort = EffortFactory(goal=child)
            NetworkEntryFactory(effort=effort, organisation=OrganisationFactory())
            ActivityFactory(theme=theme, effort=effort, date=datetime.date.today())
    client.force_login(partner)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("programme:din"))
    assert response.status_code == 200
    # The bound means something only if the page shows every row it was given.
    html = response.content.decode()
    entries = NetworkEntry.objects.select_related("effort", "organisation")
    efforts = {entry.effort for entry in entries}
    assert len(efforts) == 12
    assert all(f'id="inspanning-{effort.pk}"' in html for effort in efforts)
    with django_assert_max_num_queries(16):
        network = client.get(reverse("programme:din_network"))
        assert network.status_code == 200
    html = network.content.decode()
    assert all(entry.organisation.name in html for entry in entries)


def test_without_any_phase_the_din_still_shows_every_effort(theme):
    effort = EffortFactory(goal=GoalFactory(theme=theme))
    [goal] = goals_for_theme(theme=theme)
    assert list(goal.efforts.all()) == [effort]
    assert goal.without_activity is False
