"""The audit trail: every model people change keeps who, when and what; the programme team
and beheer read it per object."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from landerd_portal.history import HISTORY_PAGE_SIZE, history_url
from learning_history import services as learning_services
from learning_history.instrument import CHARACTERISTIC_CHOICES
from learning_history.models import Question, Reflection, Score, SelfAnalysis
from partners.models import Organisation, User
from programme.din import services as din_services
from programme.meetings import services as meeting_services
from programme.models import (
    ActionItem,
    AgendaAttachment,
    AgendaItem,
    AgendaProposal,
    Budget,
    Decision,
    IndicatorValue,
    PartnerMeeting,
    Phase,
    Programme,
)
from tests.factories import (
    ActivityFactory,
    AgendaItemFactory,
    GoalFactory,
    OrganisationFactory,
    PartnerMeetingFactory,
    PhaseFactory,
    UserFactory,
    WorkingGroupFactory,
)
from themes import services as theme_services
from themes.models import Activity, WorkingGroup

pytestmark = pytest.mark.django_db

TRACKED = [
    PartnerMeeting,
    AgendaItem,
    Decision,
    ActionItem,
    AgendaAttachment,
    AgendaProposal,
    Reflection,
    Question,
    SelfAnalysis,
    Score,
    IndicatorValue,
    Organisation,
    WorkingGroup,
    User,
    Programme,
    Phase,
    Budget,
    Activity,
]


@pytest.mark.parametrize("model", TRACKED, ids=lambda model: model._meta.label)
def test_every_model_people_change_keeps_a_history(model):
    assert hasattr(model, "history")


def test_a_users_history_keeps_no_password_or_last_sign_in():
    fields = {field.name for field in User.history.model._meta.get_fields()}
    assert {"role", "organisation", "is_active"} <= fields
    assert not {"password", "last_login"} & fields


def published_meeting():
    now = timezone.now()
    return PartnerMeetingFactory(
        status=PartnerMeeting.Status.PUBLISHED,
        starts_at=now + datetime.timedelta(days=14),
        proposal_deadline=now + datetime.timedelta(days=7),
    )


# Each: a change through the portal's own service, by the user the fixture names; returns
# the object changed. None of these run in a request: the service records the user.
def change_meeting(users):
    return meeting_services.meeting_create(
        actor=users["programmateam"],
        data={"title": "Partneroverleg juni", "starts_at": timezone.now(), "duration_minutes": 90},
    )


def change_agenda_item(users):
    return meeting_services.agenda_item_create(
        meeting=published_meeting(),
        actor=users["programmateam"],
        data={"kind": "informeren", "title": "Stand van zaken", "minutes_allotted": 10},
    )


def change_decision(users):
    return meeting_services.decision_create(
        meeting=published_meeting(), actor=users["programmateam"], text="We gaan door."
    )


def change_action_item(users):
    return meeting_services.action_item_create(
        meeting=published_meeting(),
        actor=users["programmateam"],
        description="Flyer rondsturen",
        owner=users["partner"],
        due_date=datetime.date(2030, 1, 1),
    )


def change_attachment(users):
    item = AgendaItemFactory(meeting=published_meeting())
    return meeting_services.attachment_add(
        item=item,
        actor=users["programmateam"],
        uploaded_file=SimpleUploadedFile("notitie.pdf", b"%PDF-1.7\n%...\n"),
    )


def change_proposal(users):
    return meeting_services.proposal_create(
        meeting=published_meeting(),
        proposer=users["partner"],
        title="Samenwerking met scholen",
        reason="De scholen vragen erom.",
        wished_kind="bespreken",
    )


def change_reflection(users, phase):
    return learning_services.reflection_create(
        author=users["partner"], data={"phase": phase, "kind": "worked", "text": "Het werkte."}
    )


def change_question(users, phase):
    return learning_services.question_create(
        user=users["programmateam"], data={"phase": phase, "text": "Hoe verder?"}
    )


def change_self_analysis(users, phase):
    scores = {code: 3 for code, _label in CHARACTERISTIC_CHOICES}
    partner = users["partner"]
    return learning_services.self_analysis_save(
        user=partner, phase=phase, organisation=partner.organisation, scores=scores
    )


def change_score(users, phase):
    return change_self_analysis(users, phase).scores.first()


def change_indicator_value(users):
    return din_services.indicator_value_add(
        user=users["programmateam"],
        goal=GoalFactory(),
        date=PhaseFactory().start_date,  # a measurement falls in a phase (its period)
        value=Decimal("12"),
    )


def change_activity(users):
    partner = users["partner"]
    activity = ActivityFactory(owner_organisation=partner.organisation)
    return theme_services.activity_update(
        activity=activity, editor=partner, data={"title": "Nieuw"}, publish=False
    )


SERVICE_CHANGES = [
    (change_meeting, "programmateam"),
    (change_agenda_item, "programmateam"),
    (change_decision, "programmateam"),
    (change_action_item, "programmateam"),
    (change_attachment, "programmateam"),
    (change_proposal, "partner"),
    (change_reflection, "partner"),
    (change_question, "programmateam"),
    (change_self_analysis, "partner"),
    (change_score, "partner"),
    (change_indicator_value, "programmateam"),
    (change_activity, "partner"),
]


@pytest.mark.parametrize(
    ("change", "role"), SERVICE_CHANGES, ids=[change.__name__ for change, _ in SERVICE_CHANGES]
)
def test_a_change_through_the_portals_service_records_who_made_it(users, phase, change, role):
    arguments = (users, phase) if change.__code__.co_argcount == 2 else (users,)
    obj = change(*arguments)
    latest = obj.history.order_by("-history_date", "-history_id").first()
    assert latest is not None
    assert latest.history_user == users[role]


@pytest.mark.parametrize(
    ("model", "change"),
    [
        (Organisation, {"name": "ONS Welzijn (nieuw)"}),
        (WorkingGroup, None),
        (User, {"role": User.Role.KARTREKKER}),
    ],
    ids=["organisation", "working_group", "user"],
)
def test_a_change_in_the_admin_records_who_made_it(client, beheer, model, change):
    if model is Organisation:
        obj = OrganisationFactory()
    elif model is WorkingGroup:
        obj = WorkingGroupFactory()
    else:
        obj = UserFactory()
    client.force_login(beheer)
    # The admin's own form, as it is shown, with one value changed.
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    form = client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        else:
            data[name] = value
    if model is WorkingGroup:
        data["kartrekker"] = UserFactory(role=User.Role.KARTREKKER).pk
    else:
        data.update(change)
    response = client.post(url, data)
    assert response.status_code == 302, getattr(response.context.get("adminform"), "form", None)
    latest = obj.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user == beheer


# --- The history page ----------------------------------------------------------------------


def test_the_programme_team_reads_who_changed_what_when_on_an_activity(
    client, partner, programmateam, organisation, theme
):
    activity = theme_services.activity_create(
        author=partner,
        data={
            "theme": theme,
            "title": "Koffieochtend",
            "date": datetime.date(2019, 6, 12),
            "description": "Koffie.",
        },
        publish=False,
    )
    theme_services.activity_update(
        activity=activity,
        editor=programmateam,
        data={"title": "Koffieochtend Reek"},
        publish=True,
    )
    client.force_login(programmateam)
    response = client.get(history_url(activity))
    assert response.status_code == 200
    html = " ".join(response.content.decode().split())
    assert str(programmateam) in html and str(partner) in html  # wie
    assert "Gewijzigd" in html and "Aangemaakt" in html
    assert "Koffieochtend" in html and "Koffieochtend Reek" in html  # wat: old → new
    assert "Concept" in html and "Gepubliceerd" in html  # choices read as people say them
    local = timezone.localtime(activity.history.latest("history_date").history_date)
    assert local.strftime("%H:%M") in html  # wanneer

    detail = client.get(activity.get_absolute_url()).content.decode()
    assert history_url(activity) in detail


def test_the_programme_team_reads_a_meetings_history(client, programmateam):
    meeting = change_meeting({"programmateam": programmateam})
    meeting_services.meeting_update(
        meeting=meeting, actor=programmateam, data={"title": "Partneroverleg juli"}
    )
    client.force_login(programmateam)
    response = client.get(reverse("history:object", args=["programme.partnermeeting", meeting.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Partneroverleg juni" in html and "Partneroverleg juli" in html
    assert str(programmateam) in html
    assert history_url(meeting) in client.get(meeting.get_absolute_url()).content.decode()


def test_beheer_reads_the_history_too(client, beheer, partner, organisation):
    activity = ActivityFactory(owner_organisation=organisation)
    client.force_login(beheer)
    assert client.get(history_url(activity)).status_code == 200


@pytest.mark.parametrize("role", ["partner", "kartrekker", "griffie", "observer"])
def test_other_roles_are_refused_the_history(client, users, organisation, role):
    activity = ActivityFactory(owner_organisation=organisation, published=True)
    client.force_login(users[role])
    response = client.get(history_url(activity))
    assert response.status_code == 403
    detail = client.get(activity.get_absolute_url()).content.decode()
    assert history_url(activity) not in detail


def test_an_unknown_model_or_object_is_not_found(client, programmateam):
    client.force_login(programmateam)
    assert client.get("/geschiedenis/auth.permission/1/").status_code == 404
    assert client.get("/geschiedenis/themes.activity/999999/").status_code == 404
    assert client.get("/geschiedenis/bestaat.niet/1/").status_code == 404


def test_the_history_page_is_paginated_with_a_bounded_number_of_queries(
    client, programmateam, organisation
):
    activity = ActivityFactory(owner_organisation=organisation)
    client.force_login(programmateam)

    def queries_for_page():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(history_url(activity))
        assert response.status_code == 200
        return len(captured.captured_queries)

    for number in range(HISTORY_PAGE_SIZE + 5):
        activity.title = f"Titel {number}"
        activity.save()
    one_full_page_more = queries_for_page()
    for number in range(HISTORY_PAGE_SIZE * 3):
        activity.title = f"Andere titel {number}"
        activity.save()
    # A page shows HISTORY_PAGE_SIZE changes however long the history grows.
    assert queries_for_page() == one_full_page_more
    response = client.get(history_url(activity), {"page": 2})
    assert response.status_code == 200 and response.context["page_obj"].number == 2
