"""Learning-history routes per role, the dashboard panel, and bounded queries."""

import pytest
from django.urls import reverse

from landerd_portal.views import DASHBOARD_PANELS
from learning_history.models import Reflection
from learning_history.selectors import dashboard_panel
from tests.factories import (
    PhaseFactory,
    QuestionFactory,
    ReflectionFactory,
    SelfAnalysisFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "route",
    [
        "learning_history:index",
        "learning_history:self_analysis",
        "learning_history:reflection_create",
        "learning_history:question_create",
        "learning_history:self_analysis_fill",
        "learning_history:self_analysis_joint",
    ],
)
@pytest.mark.parametrize("role", ["partner", "kartrekker", "programmateam", "observer", "griffie"])
def test_who_may_open_each_page(client, request, phase, route, role):
    expected = {
        "learning_history:index": {"partner", "kartrekker", "programmateam", "observer"},
        "learning_history:self_analysis": {"partner", "kartrekker", "programmateam", "observer"},
        "learning_history:reflection_create": {"partner", "kartrekker", "programmateam"},
        "learning_history:question_create": {"partner", "kartrekker", "programmateam"},
        # Everyone who works in the programme on behalf of an organisation.
        "learning_history:self_analysis_fill": {"partner", "kartrekker", "programmateam"},
        "learning_history:self_analysis_joint": {"programmateam"},
    }[route]
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse(route))
    assert response.status_code == (200 if role in expected else 403)


def test_an_organisations_own_scores_are_not_for_other_partners(
    client, partner, other_partner, programmateam, phase
):
    scoring = SelfAnalysisFactory(phase=phase, organisation=partner.organisation)
    url = reverse("learning_history:self_analysis_detail", args=[scoring.pk])
    for user, status in [(partner, 200), (programmateam, 200), (other_partner, 403)]:
        client.force_login(user)
        assert client.get(url).status_code == status


def test_partner_cannot_publish_through_the_visibility_route(client, partner, phase):
    reflection = ReflectionFactory(author=partner, phase=phase, shared=True)
    client.force_login(partner)
    response = client.post(
        reverse("learning_history:reflection_visibility", args=[reflection.pk]),
        {"visibility": "published"},
    )
    assert response.status_code == 403
    reflection.refresh_from_db()
    assert reflection.visibility == Reflection.Visibility.SHARED


def test_someone_elses_draft_is_not_found(client, partner, other_partner, phase):
    draft = ReflectionFactory(author=other_partner, phase=phase)
    client.force_login(partner)
    assert (
        client.get(reverse("learning_history:reflection_detail", args=[draft.pk])).status_code
        == 403
    )
    response = client.post(
        reverse("learning_history:reflection_visibility", args=[draft.pk]), {"visibility": "shared"}
    )
    assert response.status_code == 404


def test_a_quote_is_hidden_from_other_partners_until_approved(
    client, partner, other_partner, phase
):
    ReflectionFactory(
        author=partner,
        phase=phase,
        shared=True,
        quote="Nog niet goedgekeurde woorden",
        quote_approver=partner,
    )
    client.force_login(other_partner)
    html = client.get(reverse("learning_history:index"), {"fase": phase.slug}).content.decode()
    assert "Nog niet goedgekeurde woorden" not in html


def test_reflection_form_keeps_input_and_explains_the_missing_approver(client, partner, phase):
    client.force_login(partner)
    response = client.post(
        reverse("learning_history:reflection_create"),
        {"phase": phase.pk, "kind": "worked", "text": "Mijn tekst", "quote": "Een citaat"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies wie het citaat moet goedkeuren" in html
    assert "Mijn tekst" in html
    assert not Reflection.objects.exists()


def test_dashboard_panel_lists_quotes_waiting_for_this_user(partner, other_partner, phase):
    reflection = ReflectionFactory(
        author=partner, phase=phase, quote="Mijn woorden", quote_approver=other_partner
    )
    panel = dashboard_panel(user=other_partner)
    assert (
        "learning_history.selectors.dashboard_panel",
        "learning_history/_dashboard_panel.html",
    ) in [(selector, template) for selector, template, _areas in DASHBOARD_PANELS]
    assert panel["quotes_to_approve"] == [reflection]
    assert dashboard_panel(user=partner) is None


def test_dashboard_panel_lists_shared_reflections_for_the_kartrekker_to_curate(
    kartrekker, partner, phase, theme
):
    shared = ReflectionFactory(author=partner, phase=phase, theme=theme, shared=True)
    ReflectionFactory(author=partner, phase=phase, theme=theme)  # a draft is not theirs yet
    assert dashboard_panel(user=kartrekker)["reflections_to_curate"] == [shared]


def test_learning_history_page_issues_a_bounded_number_of_queries(
    client, django_assert_max_num_queries, programmateam, partner, phase, theme
):
    for _ in range(10):
        ReflectionFactory(
            author=partner, phase=phase, theme=theme, shared=True, quote="Q", quote_approver=partner
        )
        ReflectionFactory(author=partner, phase=phase, kind="happened", published=True)
        QuestionFactory(phase=phase, theme=theme)
    client.force_login(programmateam)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("learning_history:index"), {"fase": phase.slug})
    assert response.status_code == 200
    # The bound means something only if the page shows every row it was given (the
    # columns are callables, read only when the page's cached part is rendered).
    assert len(response.context["story"]()) == 10
    assert len(response.context["reflections"]()) == 10
    assert len(response.context["questions"]()) == 10
    html = response.content.decode()
    assert all(question.text in html for question in response.context["questions"]())


@pytest.mark.parametrize("route", ["learning_history:index", "learning_history:self_analysis"])
@pytest.mark.parametrize("value", ["\x00", "bestaat-niet", "' OR 1=1 --", "x" * 300])
def test_a_malformed_phase_or_theme_in_the_address_shows_the_current_phase(
    client, partner, phase, route, value
):
    client.force_login(partner)

    response = client.get(reverse(route), {"fase": value, "thema": value})

    assert response.status_code == 200
    assert response.context["phase"] == phase
    assert f'<option value="{phase.slug}" selected>' in response.content.decode()


def test_the_learning_history_filter_shows_the_chosen_phase_and_theme(client, partner, phase):
    later = PhaseFactory(slug="fase-2-2020", name="Uitvoering fase 2 (2020)", order=4)
    theme = ThemeFactory(name="Mantelzorg", slug="mantelzorg")
    client.force_login(partner)

    response = client.get(
        reverse("learning_history:index"), {"fase": later.slug, "thema": theme.slug}
    )

    html = response.content.decode()
    assert (response.context["phase"], response.context["theme"]) == (later, theme)
    assert f'<option value="{later.slug}" selected>' in html
    assert f'<option value="{theme.slug}" selected>' in html
