"""The portal's view base (landerd_portal.view_base): who may, and form → service → redirect.

A refusal is one page, ``403.html``, with the reason and one title, whether the view's
permission check refuses, a service refuses inside a form view, or a PermissionDenied
reaches Django's own 403 handler. A service's ValidationError lands next to its field
with everything the user typed. Signed-out visitors are sent to sign in.

The small views below run on the portal's base and the real DIN service, so that the
service, not the view, decides; this module is their URLconf (with the portal's own).
"""

import re

import pytest
from django import forms
from django.core.exceptions import PermissionDenied
from django.template import engines
from django.template.response import TemplateResponse
from django.urls import include, path, reverse

from landerd_portal.view_base import ServiceFormView
from programme.din import services as din_services
from programme.models import Goal
from tests.factories import ActivityFactory, GoalFactory, ReflectionFactory, ThemeFactory
from themes.models import Activity, Theme

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

FORM_PAGE = engines["django"].from_string("<form>{{ form }}</form>")


class GoalTestForm(forms.Form):
    title = forms.CharField()
    indicator = forms.CharField(required=False)
    # Any goal at all: which parent is allowed is the service's rule, not the form's.
    parent = forms.ModelChoiceField(queryset=Goal.objects.all(), required=False)


class GoalCreateTestView(ServiceFormView):
    """Everyone who reads the DIN may open it; the service decides who may add a goal."""

    permission_required = "programme.view_din"
    form_class = GoalTestForm
    success_message = "Opgeslagen."
    cancel_url = "/"

    def get_object(self):
        return Theme.objects.get(slug=self.kwargs["slug"])

    def perform(self, form):
        return din_services.goal_create(
            user=self.request.user, theme=self.object, data=form.cleaned_data
        )

    def render_to_response(self, context, **kwargs):
        return TemplateResponse(self.request, FORM_PAGE, context, **kwargs)


class ProgrammeTeamOnlyView(ServiceFormView):
    """Refused by the view's own check, before the form or the service is reached."""

    permission_required = "programme.manage_meetings"
    permission_denied_message = "Alleen het programmateam plant overleggen."
    form_class = GoalTestForm

    def perform(self, form):
        return Goal.objects.create(theme=Theme.objects.first(), title=form.cleaned_data["title"])


def raises_permission_denied(request, message):
    raise PermissionDenied(message)


def raises_bare_permission_denied(request):
    raise PermissionDenied


urlpatterns = [
    path("test/doel/<slug:slug>/", GoalCreateTestView.as_view(), name="test_goal_create"),
    path("test/alleen-programmateam/", ProgrammeTeamOnlyView.as_view(), name="test_team_only"),
    path("test/geweigerd/<str:message>/", raises_permission_denied, name="test_denied"),
    path("test/geweigerd/", raises_bare_permission_denied, name="test_denied_bare"),
    path("", include("landerd_portal.urls")),
]


def heading(response):
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S).group(1).strip()


def assert_refusal_page(response, reason):
    assert response.status_code == 403
    assert "403.html" in [template.name for template in response.templates]
    assert reason in response.content.decode()
    assert heading(response) == "Geen toegang"


# --- Refused ------------------------------------------------------------------------------


def test_refused_post_saves_nothing_and_shows_the_views_reason(client, partner):
    client.force_login(partner)
    response = client.post(reverse("test_team_only"), {"title": "Toch opgeslagen?"})
    assert_refusal_page(response, "Alleen het programmateam plant overleggen.")
    assert not Goal.objects.exists()


def test_service_refusal_in_a_form_view_saves_nothing_and_shows_the_services_reason(
    client, partner, theme
):
    client.force_login(partner)  # reads the DIN, may not change it
    response = client.post(
        reverse("test_goal_create", args=[theme.slug]), {"title": "Minder eenzaamheid"}
    )
    assert_refusal_page(response, "Je mag de DIN van dit thema niet aanpassen.")
    assert not Goal.objects.exists()


def test_service_refusal_from_djangos_own_handler_uses_the_same_page_and_message(
    client, partner, phase
):
    """A PermissionDenied no view catches (here: a service behind a plain view)."""
    reflection = ReflectionFactory(author=partner, phase=phase, shared=True)
    client.force_login(partner)
    response = client.post(
        reverse("learning_history:reflection_visibility", args=[reflection.pk]),
        {"visibility": "published"},
    )
    assert_refusal_page(
        response, "Alleen de kartrekker van het thema of het programmateam publiceert reflecties."
    )
    reflection.refresh_from_db()
    assert reflection.visibility == reflection.Visibility.SHARED


def test_any_permission_denied_shows_its_message_on_the_refusal_page(client, partner):
    client.force_login(partner)
    response = client.get(reverse("test_denied", args=["Dit bestand is alleen voor de griffie."]))
    assert_refusal_page(response, "Dit bestand is alleen voor de griffie.")


def test_permission_denied_without_a_message_explains_in_general_terms(client, partner):
    client.force_login(partner)
    response = client.get(reverse("test_denied_bare"))
    assert_refusal_page(response, "Met jouw rol in het portaal kun je deze pagina niet bekijken")


def test_every_refusal_has_the_same_title(client, partner):
    client.force_login(partner)
    by_view = client.get(reverse("test_team_only"))
    by_django = client.get(reverse("test_denied_bare"))
    assert heading(by_view) == heading(by_django) == "Geen toegang"


def test_refused_change_of_a_readable_activity_leads_back_to_it(
    client, other_partner, organisation, theme
):
    activity = ActivityFactory(
        theme=theme, owner_organisation=organisation, published=True, title="Origineel"
    )
    client.force_login(other_partner)
    response = client.post(
        reverse("themes:activity_update", args=[activity.pk]),
        {"title": "Gekaapt", "theme": theme.pk, "date": "2019-06-01", "description": "x"},
    )
    assert_refusal_page(response, "Je kunt deze activiteit niet wijzigen")
    assert f'href="{activity.get_absolute_url()}"' in response.content.decode()
    assert Activity.objects.get(pk=activity.pk).title == "Origineel"


def test_refused_change_of_an_unreadable_activity_leads_to_the_dashboard(
    client, other_partner, organisation, theme
):
    draft = ActivityFactory(theme=theme, owner_organisation=organisation)
    client.force_login(other_partner)
    response = client.get(reverse("themes:activity_update", args=[draft.pk]))
    assert_refusal_page(response, "Je kunt deze activiteit niet wijzigen")
    page = response.content.decode()
    assert f'href="{draft.get_absolute_url()}"' not in page
    assert f'href="{reverse("dashboard")}"' in page


# --- The service's objections --------------------------------------------------------------


def test_service_validation_error_is_shown_next_to_its_field_with_the_typed_values(
    client, kartrekker, theme
):
    elsewhere = GoalFactory(theme=ThemeFactory(name="Opvoeding", slug="opvoeding"))
    client.force_login(kartrekker)
    response = client.post(
        reverse("test_goal_create", args=[theme.slug]),
        {"title": "Minder eenzaamheid", "indicator": "Aantal deelnemers", "parent": elsewhere.pk},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["parent"] == ["Het hoofddoel hoort bij een ander thema."]
    assert not form.non_field_errors()
    page = response.content.decode()
    assert 'value="Minder eenzaamheid"' in page
    assert 'value="Aantal deelnemers"' in page
    assert not Goal.objects.filter(theme=theme).exists()


def test_service_success_redirects_with_a_message(client, kartrekker, theme):
    client.force_login(kartrekker)
    response = client.post(
        reverse("test_goal_create", args=[theme.slug]), {"title": "Minder eenzaamheid"}, follow=True
    )
    assert response.redirect_chain == [("/", 302)]
    assert [str(message) for message in response.context["messages"]] == ["Opgeslagen."]
    assert Goal.objects.get().title == "Minder eenzaamheid"


# --- Signed out -----------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_signed_out_visitor_is_sent_to_the_login_page(client, theme, method):
    url = reverse("test_goal_create", args=[theme.slug])
    response = getattr(client, method)(url, {"title": "Anoniem"})
    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse('login')}?next={url}")
    assert not Goal.objects.exists()


def test_signed_out_visitor_is_sent_to_sign_in_before_anything_is_looked_up(client):
    """Whether the object exists is not told to someone who is not signed in."""
    url = reverse("test_goal_create", args=["bestaat-niet"])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
