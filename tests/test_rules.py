"""Who may do what: the object-level rules of every app, role by role."""

import pytest

from learning_history.models import Reflection
from tests.factories import (
    ActivityFactory,
    EffortFactory,
    GoalFactory,
    PartnerMeetingFactory,
    PhaseReportFactory,
    ReflectionFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["partner", "other_partner", "kartrekker", "programmateam", "griffie", "observer"]


def allowed_roles(users, permission, obj=None):
    return {role for role in ROLES if users[role].has_perm(permission, obj)}


# --- Activities -------------------------------------------------------------------------


def test_published_activity_is_read_by_everyone_in_the_programme_but_not_the_griffie(
    users, theme, organisation
):
    activity = ActivityFactory(theme=theme, owner_organisation=organisation, published=True)
    assert allowed_roles(users, "themes.view_activity", activity) == {
        "partner",
        "other_partner",
        "kartrekker",
        "programmateam",
        "observer",
    }


def test_draft_activity_is_seen_only_by_owner_organisation_kartrekker_and_programmateam(
    users, theme, organisation
):
    activity = ActivityFactory(theme=theme, owner_organisation=organisation)
    assert allowed_roles(users, "themes.view_activity", activity) == {
        "partner",
        "kartrekker",
        "programmateam",
    }


def test_partner_edits_own_organisations_activity_but_not_another_organisations(
    users, theme, organisation, other_organisation
):
    own = ActivityFactory(theme=theme, owner_organisation=organisation, published=True)
    other = ActivityFactory(theme=theme, owner_organisation=other_organisation, published=True)
    assert users["partner"].has_perm("themes.change_activity", own)
    assert not users["partner"].has_perm("themes.change_activity", other)
    assert users["other_partner"].has_perm("themes.delete_activity", other)
    assert not users["other_partner"].has_perm("themes.delete_activity", own)


def test_kartrekker_edits_every_activity_of_their_theme_only(users, theme, other_organisation):
    in_theme = ActivityFactory(theme=theme, owner_organisation=other_organisation)
    elsewhere = ActivityFactory(
        theme=ThemeFactory(name="Mantelzorg"), owner_organisation=other_organisation
    )
    assert users["kartrekker"].has_perm("themes.change_activity", in_theme)
    assert users["kartrekker"].has_perm("themes.view_activity", in_theme)
    assert not users["kartrekker"].has_perm("themes.change_activity", elsewhere)
    assert not users["kartrekker"].has_perm("themes.view_activity", elsewhere)


def test_only_programme_contributors_may_log_activities(users):
    assert allowed_roles(users, "themes.add_activity") == {
        "partner",
        "other_partner",
        "kartrekker",
        "programmateam",
    }


def test_griffie_and_observer_never_change_activities(users, theme, organisation):
    activity = ActivityFactory(theme=theme, owner_organisation=organisation, published=True)
    for permission in ("change_activity", "delete_activity", "publish_activity"):
        allowed = allowed_roles(users, f"themes.{permission}", activity)
        assert allowed == {"partner", "kartrekker", "programmateam"}, permission


def test_inactive_user_loses_every_permission(theme, organisation):
    user = UserFactory(organisation=organisation, programmateam=True, is_active=False)
    activity = ActivityFactory(theme=theme, owner_organisation=organisation, published=True)
    assert not user.has_perm("themes.view_activity", activity)
    assert not user.has_perm("themes.add_activity")


# --- DIN --------------------------------------------------------------------------------


def test_din_is_edited_by_the_themes_kartrekker_and_the_programmateam(users, theme):
    goal = GoalFactory(theme=theme)
    effort = EffortFactory(goal=goal)
    other_goal = GoalFactory(theme=ThemeFactory(name="Opvoeding"))
    assert allowed_roles(users, "programme.change_goal", goal) == {"kartrekker", "programmateam"}
    assert allowed_roles(users, "programme.change_effort", effort) == {
        "kartrekker",
        "programmateam",
    }
    assert allowed_roles(users, "programme.change_goal", other_goal) == {"programmateam"}


def test_din_is_read_by_the_programme_but_not_the_griffie(users):
    assert "griffie" not in allowed_roles(users, "programme.view_din")
    assert allowed_roles(users, "programme.join_network") == {
        "partner",
        "other_partner",
        "kartrekker",
        "programmateam",
    }


# --- Partner meetings -------------------------------------------------------------------


def test_draft_meeting_is_seen_only_by_the_programmateam(users):
    draft = PartnerMeetingFactory()
    published = PartnerMeetingFactory(published=True)
    assert allowed_roles(users, "programme.view_meeting", draft) == {"programmateam"}
    assert allowed_roles(users, "programme.view_meeting", published) == {
        "partner",
        "other_partner",
        "kartrekker",
        "programmateam",
        "observer",
    }
    assert allowed_roles(users, "programme.manage_meetings") == {"programmateam"}


# --- Phase reports ----------------------------------------------------------------------


def test_griffie_sees_only_published_reports_and_only_the_programmateam_builds_them(users):
    ready = PhaseReportFactory(ready=True)
    published = PhaseReportFactory(phase=ready.phase, published=True)
    assert allowed_roles(users, "programme.view_report", ready) == {"programmateam"}
    assert allowed_roles(users, "programme.view_report", published) == {
        "programmateam",
        "griffie",
        "observer",
    }
    assert allowed_roles(users, "programme.build_report") == {"programmateam"}
    assert allowed_roles(users, "programme.publish_report") == {"programmateam"}


# --- Learning history -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("visibility", "expected"),
    [
        (Reflection.Visibility.DRAFT, {"partner", "kartrekker", "programmateam"}),
        (
            Reflection.Visibility.SHARED,
            {"partner", "other_partner", "kartrekker", "programmateam"},
        ),
        (
            Reflection.Visibility.PUBLISHED,
            {"partner", "other_partner", "kartrekker", "programmateam", "observer"},
        ),
    ],
)
def test_reflection_visibility_follows_its_state(users, theme, visibility, expected):
    reflection = ReflectionFactory(author=users["partner"], theme=theme, visibility=visibility)
    assert allowed_roles(users, "learning_history.view_reflection", reflection) == expected


def test_author_edits_own_reflection_until_published_then_only_curators(users, theme):
    reflection = ReflectionFactory(author=users["partner"], theme=theme)
    assert allowed_roles(users, "learning_history.change_reflection", reflection) == {
        "partner",
        "kartrekker",
        "programmateam",
    }
    reflection.visibility = Reflection.Visibility.PUBLISHED
    assert allowed_roles(users, "learning_history.change_reflection", reflection) == {
        "kartrekker",
        "programmateam",
    }
    assert allowed_roles(users, "learning_history.publish_reflection", reflection) == {
        "kartrekker",
        "programmateam",
    }


def test_beheer_superuser_may_do_everything(beheer, theme, organisation):
    activity = ActivityFactory(theme=theme, owner_organisation=organisation)
    assert beheer.has_perm("themes.change_activity", activity)
    assert beheer.has_perm("programme.publish_report")
