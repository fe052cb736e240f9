"""Exports of the filtered list, the kartrekkers' monthly digest, and sign-in throttling."""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import ActivityFactory, OrganisationFactory
from themes import services, tasks
from themes.models import KartrekkerDigest

pytestmark = pytest.mark.django_db


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_csv_export_holds_the_filtered_list(client, partner, theme, villages):
    ActivityFactory(theme=theme, title="In Reek", villages=[villages["Reek"]], published=True)
    ActivityFactory(theme=theme, title="In Zeeland", villages=[villages["Zeeland"]], published=True)
    client.force_login(partner)
    response = client.get(reverse("themes:activity_export", args=["csv"]), {"dorp": "reek"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0][:3] == ["Titel", "Thema", "Datum"]
    assert [row[0] for row in rows[1:]] == ["In Reek"]
    assert rows[1][7] == "Reek"


def test_export_never_contains_drafts_the_user_may_not_see(
    client, other_partner, observer, theme, organisation
):
    ActivityFactory(theme=theme, owner_organisation=organisation, title="Geheim concept")
    ActivityFactory(theme=theme, owner_organisation=organisation, title="Openbaar", published=True)
    for user in (other_partner, observer):
        client.force_login(user)
        rows = csv_rows(client.get(reverse("themes:activity_export", args=["csv"])))
        assert [row[0] for row in rows[1:]] == ["Openbaar"]


def test_xlsx_export_opens_as_a_workbook_with_the_visible_activities(
    client, partner, theme, organisation
):
    ActivityFactory(theme=theme, owner_organisation=organisation, title="Eigen concept")
    ActivityFactory(theme=theme, title='=HYPERLINK("http://x")', published=True)
    client.force_login(partner)
    response = client.get(reverse("themes:activity_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    titles = sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True))
    # A title that looks like a formula is written as text, never run by the spreadsheet.
    assert titles == ['\'=HYPERLINK("http://x")', "Eigen concept"]


def test_unknown_export_format_is_not_found(client, partner):
    client.force_login(partner)
    assert client.get("/activiteiten/export.pdf").status_code == 404


# --- Monthly digest ------------------------------------------------------------------------


def created_at(activity, moment):
    type(activity).objects.filter(pk=activity.pk).update(created_at=moment)


@pytest.fixture
def digest_world(theme, kartrekker, organisation, other_organisation):
    silent = OrganisationFactory(name="Bibliotheek Maasland")
    theme.working_group.organisations.set([organisation, other_organisation, silent])
    period_end = services.digest_period_end(
        timezone.make_aware(datetime.datetime(2019, 7, 1, 7, 0))
    )
    new = ActivityFactory(theme=theme, owner_organisation=organisation, title="Nieuw in juni")
    created_at(new, period_end - datetime.timedelta(days=10))
    old = ActivityFactory(theme=theme, owner_organisation=other_organisation, title="Uit mei")
    created_at(old, period_end - datetime.timedelta(days=45))
    return {"period_end": period_end, "theme": theme, "kartrekker": kartrekker}


def test_kartrekker_gets_new_activities_and_silent_partners_with_a_link_to_log(digest_world):
    theme = digest_world["theme"]
    digest = services.kartrekker_digest_send(
        working_group=theme.working_group, period_end=digest_world["period_end"]
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [digest_world["kartrekker"].email]
    assert "Eenzaamheid" in message.subject
    assert "Nieuw in juni" in message.body
    assert "Uit mei" not in message.body
    assert "Bibliotheek Maasland" in message.body and "GGD" in message.body
    assert "/activiteiten/nieuw/?thema=eenzaamheid" in message.body
    assert digest.activity_count == 1 and digest.sent_at is not None


def test_digest_is_sent_once_per_period(digest_world):
    working_group = digest_world["theme"].working_group
    for _attempt in range(2):
        services.kartrekker_digest_send(
            working_group=working_group, period_end=digest_world["period_end"]
        )
    assert len(mail.outbox) == 1
    assert KartrekkerDigest.objects.count() == 1


def test_next_digest_starts_where_the_last_one_ended(digest_world):
    working_group = digest_world["theme"].working_group
    first_end = digest_world["period_end"]
    services.kartrekker_digest_send(working_group=working_group, period_end=first_end)
    second_end = services.digest_period_end(first_end + datetime.timedelta(days=40))
    second = services.kartrekker_digest_send(working_group=working_group, period_end=second_end)
    assert second.period_start == first_end
    assert "Nieuw in juni" not in mail.outbox[1].body


def test_monthly_task_queues_one_digest_per_working_group_with_a_kartrekker(
    digest_world, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from landerd_portal.celery import app

    app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            queued = tasks.send_kartrekker_digests()
    finally:
        app.conf.task_always_eager = False
    assert queued == 1
    assert len(mail.outbox) == 1


def test_digest_is_in_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["themes-kartrekker-digest"]
    assert entry["task"] == "themes.tasks.send_kartrekker_digests"
    assert entry["schedule"].day_of_month == {1}


# --- Sign-in throttling ---------------------------------------------------------------------


def test_too_many_failed_logins_lock_out_with_a_dutch_message(client, partner, settings):
    wrong = {"username": partner.email, "password": "fout-wachtwoord"}
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("login"), wrong)
        assert response.status_code == 200
        assert "Het e-mailadres of het wachtwoord klopt niet" in response.content.decode()
    assert client.post(reverse("login"), wrong).status_code == 429
    # Locked: even the right password does not get in until the cool-off has passed.
    response = client.post(
        reverse("login"), {"username": partner.email, "password": "Landerd-test-2019"}
    )
    assert response.status_code == 429
    assert "Te veel mislukte pogingen om in te loggen" in response.content.decode()
    assert "_auth_user_id" not in client.session
