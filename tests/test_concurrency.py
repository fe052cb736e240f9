"""Nothing lost, nothing twice (landerd_portal.concurrency through the real pages).

Two people who open the same activity, agenda item, meeting, DIN goal or effort, or
reflection and both save: the second is shown the conflict (HTTP 409) with both versions,
and the row keeps what the first saved until the second chooses. A create form sent twice
with the same one-time token makes one row; the second time leads to it.
"""

import datetime
import uuid

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from landerd_portal.concurrency import EditConflict, claim
from landerd_portal.models import SubmittedForm
from learning_history.models import Question, Reflection
from programme.din import services as din_services
from programme.models import (
    AgendaItem,
    AgendaProposal,
    Effort,
    Goal,
    IndicatorValue,
    NetworkEntry,
    PartnerMeeting,
)
from tests.factories import (
    ActivityFactory,
    AgendaItemFactory,
    EffortFactory,
    GoalFactory,
    PartnerMeetingFactory,
    ReflectionFactory,
    UserFactory,
)
from themes.models import Activity

pytestmark = pytest.mark.django_db


def form_data(response, **changes):
    """What the browser would send back for the page's form, with ``changes`` typed in."""
    form = response.context["form"]
    data = {}
    for bound in form:
        value = bound.value()
        if value is None or value is False:
            continue
        if value is True:
            value = "on"
        elif isinstance(value, list | tuple):
            value = [str(item) for item in value]
        elif isinstance(value, datetime.date | datetime.time):
            value = bound.field.widget.format_value(value)
        else:
            value = str(value)
        data[bound.html_name] = value
    data.update(changes)
    return data


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


# --- Lost updates: the six edit forms ----------------------------------------------------


@pytest.fixture
def edits(theme, organisation, partner, kartrekker, programmateam, phase):
    """Per edit form: its URL, the two editors, the field they change, extra POST data."""
    activity = ActivityFactory(theme=theme, owner_organisation=organisation, published=True)
    meeting = PartnerMeetingFactory(
        starts_at=timezone.now() + datetime.timedelta(days=20), title="Overleg juni"
    )
    item = AgendaItemFactory(meeting=meeting, title="Opening", minutes_allotted=10)
    goal = GoalFactory(theme=theme, title="Minder eenzaamheid")
    effort = EffortFactory(goal=goal, title="Koffieochtenden")
    reflection = ReflectionFactory(author=partner, phase=phase, text="Eerste gedachten.")
    second_team_member = UserFactory(email="team2@example.org", programmateam=True)
    return {
        "activity": (
            activity,
            reverse("themes:activity_update", args=[activity.pk]),
            partner,
            kartrekker,
            "title",
            {"action": "publish"},
        ),
        "meeting": (
            meeting,
            reverse("programme:meeting_update", args=[meeting.pk]),
            programmateam,
            second_team_member,
            "title",
            {},
        ),
        "agenda item": (
            item,
            reverse("programme:agenda_item_update", kwargs={"pk": meeting.pk, "item": item.pk}),
            programmateam,
            second_team_member,
            "title",
            {},
        ),
        "goal": (
            goal,
            reverse("programme:din_goal_update", args=[goal.pk]),
            kartrekker,
            programmateam,
            "title",
            {},
        ),
        "effort": (
            effort,
            reverse("programme:din_effort_update", args=[effort.pk]),
            kartrekker,
            programmateam,
            "title",
            {},
        ),
        "reflection": (
            reflection,
            reverse("learning_history:reflection_update", args=[reflection.pk]),
            partner,
            partner,  # the same person, in two windows
            "text",
            {},
        ),
    }


EDIT_FORMS = ["activity", "meeting", "agenda item", "goal", "effort", "reflection"]


@pytest.mark.parametrize("name", EDIT_FORMS)
def test_second_save_from_a_stale_version_shows_the_conflict_and_saves_nothing(edits, name):
    obj, url, first, second, field, extra = edits[name]
    first_client, second_client = signed_in(first), signed_in(second)
    opened_by_first = first_client.get(url)
    opened_by_second = second_client.get(url)
    assert opened_by_first.status_code == opened_by_second.status_code == 200

    saved = second_client.post(url, form_data(opened_by_second, **{field: "Van de ander"}, **extra))
    assert saved.status_code == 302

    response = first_client.post(url, form_data(opened_by_first, **{field: "Van mij"}, **extra))

    assert response.status_code == 409
    page = response.content.decode()
    assert "Iemand anders heeft dit intussen opgeslagen" in page
    assert "Van de ander" in page and "Van mij" in page
    conflict = response.context["edit_conflict"]
    assert [difference.name for difference in conflict["differences"]] == [field]
    assert response.context["form"][field].value() == "Van mij"  # the input is kept
    obj.refresh_from_db()
    assert getattr(obj, field) == "Van de ander"  # nothing overwritten
    assert obj.version == 2


@pytest.mark.parametrize("name", EDIT_FORMS)
def test_saving_again_from_the_conflict_keeps_the_users_version(edits, name):
    obj, url, first, second, field, extra = edits[name]
    first_client, second_client = signed_in(first), signed_in(second)
    opened_by_first = first_client.get(url)
    second_client.post(url, form_data(second_client.get(url), **{field: "Van de ander"}, **extra))
    conflict = first_client.post(url, form_data(opened_by_first, **{field: "Van mij"}, **extra))

    # The conflict page's form carries the new version: sending it again saves over it.
    again = first_client.post(url, form_data(conflict, **extra))

    assert again.status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, field) == "Van mij"
    assert obj.version == 3


def test_conflict_puts_the_other_version_beside_each_differing_field(edits):
    obj, url, first, second, _field, extra = edits["activity"]
    first_client, second_client = signed_in(first), signed_in(second)
    opened_by_first = first_client.get(url)
    second_client.post(
        url, form_data(second_client.get(url), title="Wandelen", reach="30", **extra)
    )

    response = first_client.post(
        url, form_data(opened_by_first, description="Elke week <b>samen</b>.", **extra)
    )

    page = response.content.decode()
    differences = {d.name: d for d in response.context["edit_conflict"]["differences"]}
    assert set(differences) == {"title", "reach", "description"}
    assert (differences["reach"].theirs, differences["reach"].mine) == ("30", "25")
    # Beside the field (its help text), escaped: what people type is never markup.
    assert "Opgeslagen door de ander: <strong>Wandelen</strong>" in page
    assert "Elke week &lt;b&gt;samen&lt;/b&gt;." in page
    assert "Elke week <b>samen</b>" not in page
    assert f'href="{obj.get_absolute_url()}"' in page  # keep theirs: back to the activity


def test_edit_form_without_its_version_is_refused_and_nothing_saved(edits):
    obj, url, first, _second, field, extra = edits["goal"]
    client = signed_in(first)
    data = form_data(client.get(url), **{field: "Zonder versie"}, **extra)
    del data["version"]

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Dit formulier is onvolledig binnengekomen" in response.content.decode()
    obj.refresh_from_db()
    assert getattr(obj, field) == "Minder eenzaamheid"


def test_a_change_in_the_admin_or_a_service_counts_as_someone_elses_save(edits, programmateam):
    goal, url, first, _second, _field, extra = edits["goal"]
    client = signed_in(first)
    opened = client.get(url)
    # A save outside the forms (no version to check) still moves the version on.
    din_services.goal_update(user=programmateam, goal=goal, data={"indicator": "Aantal"})
    assert goal.version == 2

    response = client.post(url, form_data(opened, title="Mijn titel"))

    assert response.status_code == 409
    goal.refresh_from_db()
    assert (goal.title, goal.indicator) == ("Minder eenzaamheid", "Aantal")


def test_targeted_saves_leave_the_version_alone_unless_they_name_it(theme):
    goal = GoalFactory(theme=theme)
    goal.current_value = "12"
    goal.save(update_fields=["current_value"])
    assert Goal.objects.get(pk=goal.pk).version == 1
    goal.save(update_fields=["current_value", "version"])
    assert Goal.objects.get(pk=goal.pk).version == 2


def test_claim_refuses_a_stale_version_and_hands_over_the_saved_row(theme):
    effort = EffortFactory(goal=GoalFactory(theme=theme), title="Nieuw")
    Effort.objects.filter(pk=effort.pk).update(version=5, title="Van de ander")
    with pytest.raises(EditConflict) as raised:
        claim(effort, 1)
    assert (raised.value.current.title, raised.value.current.version) == ("Van de ander", 5)
    claim(effort, 5)
    assert effort.version == 5


# --- Double rows: every create form ------------------------------------------------------


@pytest.fixture
def creates(theme, partner, kartrekker, programmateam, phase):
    """Per create form: its URL, who fills it in, what they type, and the rows it adds."""
    meeting = PartnerMeetingFactory(
        starts_at=timezone.now() + datetime.timedelta(days=20),
        proposal_deadline=timezone.now() + datetime.timedelta(days=10),
    )
    goal = GoalFactory(theme=theme)
    effort = EffortFactory(goal=goal)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    return {
        "activity": (
            reverse("themes:activity_create"),
            partner,
            {
                "title": "Wandelen",
                "theme": theme.pk,
                "date": "2019-06-12",
                "description": "Elke woensdag.",
                "action": "publish",
            },
            Activity.objects,
        ),
        "meeting": (
            reverse("programme:meeting_create"),
            programmateam,
            {
                "title": "Overleg",
                "date": tomorrow,
                "start_time": "19:30",
                "duration_minutes": "120",
                "location": "Gemeentehuis",
            },
            PartnerMeeting.objects.exclude(pk=meeting.pk),
        ),
        "agenda item": (
            reverse("programme:agenda_item_create", args=[meeting.pk]),
            programmateam,
            {"kind": "bespreken", "title": "Rondvraag", "minutes_allotted": "10"},
            AgendaItem.objects,
        ),
        "proposal": (
            reverse("programme:proposal_create", args=[meeting.pk]),
            partner,
            {"title": "Vervoer", "reason": "Veel vragen over.", "wished_kind": "bespreken"},
            AgendaProposal.objects,
        ),
        "goal": (
            reverse("programme:din_goal_create", args=[theme.slug]),
            kartrekker,
            {"title": "Meer ontmoeting", "order": "0"},
            Goal.objects.exclude(pk=goal.pk),
        ),
        "effort": (
            reverse("programme:din_effort_create", args=[goal.pk]),
            kartrekker,
            {"title": "Buurtkamer", "status": "planned", "order": "0"},
            Effort.objects.exclude(pk=effort.pk),
        ),
        "indicator value": (
            reverse("programme:din_indicator_value_create", args=[goal.pk]),
            kartrekker,
            {"date": "2019-06-01", "value": "40"},
            IndicatorValue.objects,
        ),
        "network entry": (
            reverse("programme:din_network_join", args=[effort.pk]),
            partner,
            {"organisation": partner.organisation_id, "contribution_kind": "hours"},
            NetworkEntry.objects,
        ),
        "reflection": (
            reverse("learning_history:reflection_create"),
            partner,
            {"phase": phase.pk, "kind": "worked", "text": "Het werkte.", "draft": "1"},
            Reflection.objects,
        ),
        "question": (
            reverse("learning_history:question_create"),
            partner,
            {"phase": phase.pk, "text": "Hoe bereiken we jongeren?"},
            Question.objects,
        ),
    }


CREATE_FORMS = [
    "activity",
    "meeting",
    "agenda item",
    "proposal",
    "goal",
    "effort",
    "indicator value",
    "network entry",
    "reflection",
    "question",
]


@pytest.mark.parametrize("name", CREATE_FORMS)
def test_a_create_form_sent_twice_makes_one_row_and_leads_to_it(creates, name):
    url, user, typed, rows = creates[name]
    client = signed_in(user)
    opened = client.get(url)
    token = opened.context["form"]["form_token"].value()
    assert uuid.UUID(str(token))
    assert f'name="form_token" value="{token}"' in opened.content.decode()
    data = form_data(opened, **typed)

    first = client.post(url, data)
    second = client.post(url, data)

    assert first.status_code == 302, first.context and first.context["form"].errors
    assert rows.count() == 1
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    assert "Dit was al opgeslagen." in [str(m) for m in get_messages(second.wsgi_request)]
    submitted = SubmittedForm.objects.get()
    assert (submitted.content_object, submitted.user) == (rows.get(), user)


def test_each_opening_of_a_create_form_gets_its_own_token(creates):
    url, user, typed, rows = creates["activity"]
    client = signed_in(user)
    first, second = client.get(url), client.get(url)
    client.post(url, form_data(first, **typed))
    client.post(url, form_data(second, **typed))
    assert rows.count() == 2  # two openings: two activities, as meant


def test_a_create_form_without_a_token_still_works(creates):
    url, user, typed, rows = creates["question"]
    client = signed_in(user)
    assert client.post(url, typed).status_code == 302
    assert rows.count() == 1
    assert not SubmittedForm.objects.exists()


def test_a_refused_create_records_no_token_so_fixing_it_saves(creates):
    url, user, typed, rows = creates["activity"]
    client = signed_in(user)
    data = form_data(client.get(url), **typed)
    refused = client.post(url, {**data, "description": ""})
    assert refused.status_code == 200 and not rows.exists()
    assert refused.context["form"]["form_token"].value() == data["form_token"]
    assert client.post(url, data).status_code == 302
    assert rows.count() == 1


def test_another_users_token_is_not_theirs_to_follow(creates, other_partner):
    url, user, typed, rows = creates["activity"]
    data = form_data(signed_in(user).get(url), **typed)
    signed_in(user).post(url, data)

    response = signed_in(other_partner).post(url, data)

    assert response.status_code == 200
    assert "Dit formulier is al eens verstuurd" in response.content.decode()
    assert rows.count() == 1
