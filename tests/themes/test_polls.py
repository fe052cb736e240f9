"""Residents' quick polls: answering without an account, once per browser and a limited
number of times per address; free texts for the working group only; who may open polls
and remove texts; the results on the theme page and in the phase report."""

import datetime
import shutil

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from programme.reports.selectors import phase_report_data
from tests.conftest import ARTIFACTS
from tests.factories import PollAnswerFactory, PollFactory, ThemeFactory
from tests.pdf_accessibility import assert_accessible_pdf
from tests.programme.test_reports import build, pdf_text, programme_content  # noqa: F401
from themes.models import Poll, PollAnswer, Theme
from themes.polls import services, throttle
from themes.polls.selectors import report_poll_results

pytestmark = pytest.mark.django_db

SECRET_TEXT = "Mijn buurvrouw Annie komt nooit buiten"


def poll_url(poll):
    return reverse("themes:poll", kwargs={"pk": poll.pk})


def theme_url(theme):
    return reverse("themes:theme_detail", kwargs={"slug": theme.slug})


# --- Answering ------------------------------------------------------------------------------


def test_resident_answers_once_per_browser(client, theme):
    poll = PollFactory(theme=theme, question="Voel je je weleens eenzaam?")

    page = client.get(poll_url(poll))
    assert page.status_code == 200
    assert "Voel je je weleens eenzaam?" in page.text
    # The site logo leads a resident to the public agenda, not to a login page.
    assert f'class="site-brand" href="{reverse("themes:agenda")}"' in page.text

    response = client.post(poll_url(poll), {"keuze": "2", "toelichting": SECRET_TEXT})
    assert response.status_code == 302
    answer = PollAnswer.objects.get(poll=poll)
    assert (answer.choice, answer.text) == (2, SECRET_TEXT)

    thanks = client.get(poll_url(poll)).text
    assert "Bedankt voor je antwoord" in thanks
    assert SECRET_TEXT not in thanks

    again = client.post(poll_url(poll), {"keuze": "1"})
    assert again.status_code == 409
    assert PollAnswer.objects.filter(poll=poll).count() == 1

    # Another browser (no cookie) may answer.
    assert Client().post(poll_url(poll), {"keuze": "1"}).status_code == 302
    assert PollAnswer.objects.filter(poll=poll).count() == 2


def test_a_forged_cookie_does_not_count_as_answered(client, theme):
    poll = PollFactory(theme=theme)
    client.cookies[f"peiling-{poll.pk}"] = str(poll.pk)
    assert "Bedankt" not in client.get(poll_url(poll)).text


def test_bad_answers_get_a_dutch_message_next_to_the_field(client, theme):
    poll = PollFactory(theme=theme)
    missing = client.post(poll_url(poll), {"toelichting": "Iets"})
    assert missing.status_code == 200
    assert "Kies een antwoord." in missing.text
    assert "Iets" in missing.text  # what the resident typed is kept
    unknown = client.post(poll_url(poll), {"keuze": "99"})
    assert "Kies een van de antwoorden." in unknown.text
    too_long = client.post(poll_url(poll), {"keuze": "1", "toelichting": "x" * 3000})
    assert too_long.status_code == 200
    assert not PollAnswer.objects.exists()


def test_a_scale_poll_takes_one_to_five(client, theme):
    poll = PollFactory(theme=theme, scale=True, allow_text=False)
    assert client.post(poll_url(poll), {"keuze": "6"}).status_code == 200
    answered = client.post(poll_url(poll), {"keuze": "5", "toelichting": "genegeerd"})
    assert answered.status_code == 302
    assert PollAnswer.objects.get().choice == 5
    assert PollAnswer.objects.get().text == ""


def test_a_closed_poll_says_so_and_takes_no_answer(client, theme):
    poll = PollFactory(theme=theme, closed=True)
    page = client.get(poll_url(poll)).text
    assert "Deze peiling is gesloten" in page
    assert 'name="keuze"' not in page
    response = client.post(poll_url(poll), {"keuze": "1"})
    assert response.status_code == 409
    assert not PollAnswer.objects.exists()
    with pytest.raises(Exception, match="gesloten"):
        services.poll_answer(poll=poll, choice=1)


def test_an_unknown_poll_is_not_found(client):
    assert client.get(reverse("themes:poll", kwargs={"pk": 999999})).status_code == 404


def test_answers_per_address_are_limited(theme, monkeypatch):
    monkeypatch.setattr(throttle, "ANSWERS_PER_ADDRESS", 3)
    poll = PollFactory(theme=theme)
    statuses = [Client().post(poll_url(poll), {"keuze": "1"}).status_code for _ in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert PollAnswer.objects.count() == 3
    refused = Client().post(poll_url(poll), {"keuze": "1"})
    assert "veel antwoorden" in refused.text
    # Another address still gets through.
    assert Client(REMOTE_ADDR="10.0.0.9").post(poll_url(poll), {"keuze": "1"}).status_code == 302


def test_answering_works_when_redis_is_down(theme, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "landerd_portal.cache.PortalRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    poll = PollFactory(theme=theme)
    client = Client()
    assert client.get(poll_url(poll)).status_code == 200
    assert client.post(poll_url(poll), {"keuze": "1"}).status_code == 302
    assert PollAnswer.objects.count() == 1


# --- Free texts: the working group's only -------------------------------------------------------


@pytest.fixture
def answered_poll(theme):
    poll = PollFactory(theme=theme, question="Wat mis je in je dorp?")
    PollAnswerFactory(poll=poll, choice=1, text=SECRET_TEXT)
    PollAnswerFactory(poll=poll, choice=1)
    PollAnswerFactory(poll=poll, choice=2)
    return poll


@pytest.mark.parametrize(
    "role, sees_text",
    [
        ("partner", False),
        ("other_partner", False),
        ("observer", False),
        ("kartrekker", True),
        ("programmateam", True),
        ("beheer", True),
    ],
)
def test_theme_page_shows_counts_to_readers_and_texts_to_the_working_group(
    client, users, theme, answered_poll, role, sees_text
):
    client.force_login(users[role])
    page = client.get(theme_url(theme)).text
    assert "Wat mis je in je dorp?" in page
    assert "2 antwoorden (67%)" in page
    assert poll_url(answered_poll) in page
    assert (SECRET_TEXT in page) is sees_text


def test_free_text_never_appears_on_a_public_page(client, theme, answered_poll):
    for url in (poll_url(answered_poll), reverse("themes:agenda"), reverse("themes:agenda_ics")):
        assert SECRET_TEXT not in client.get(url).content.decode()


def test_kartrekker_removes_a_free_text_and_the_history_keeps_who_not_what(
    client, kartrekker, theme, answered_poll
):
    answer = PollAnswer.objects.get(text=SECRET_TEXT)
    client.force_login(kartrekker)
    response = client.post(reverse("themes:poll_text_remove", kwargs={"pk": answer.pk}))
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.text == ""
    assert answer.text_removed_by == kartrekker
    record = answer.history.latest()
    assert record.history_user == kartrekker
    assert not hasattr(record, "text")  # the history never held the words
    assert SECRET_TEXT not in client.get(theme_url(theme)).text


@pytest.mark.parametrize("role", ["partner", "other_partner", "griffie", "observer"])
def test_others_cannot_remove_a_free_text(client, users, theme, answered_poll, role):
    answer = PollAnswer.objects.get(text=SECRET_TEXT)
    client.force_login(users[role])
    response = client.post(reverse("themes:poll_text_remove", kwargs={"pk": answer.pk}))
    assert response.status_code == 403
    answer.refresh_from_db()
    assert answer.text == SECRET_TEXT
    with pytest.raises(PermissionDenied):
        services.poll_text_remove(answer=answer, user=users[role])


# --- Opening a poll ------------------------------------------------------------------------------


def poll_post(**overrides):
    data = {
        "question": "Doe je mee aan de buurtlunch?",
        "kind": "options",
        "options": "Ja\nNee\nMisschien",
        "allow_text": "on",
        "closes_on": (timezone.localdate() + datetime.timedelta(days=14)).isoformat(),
    }
    data.update(overrides)
    return data


def test_kartrekker_opens_a_poll_for_their_theme(client, kartrekker, theme):
    client.force_login(kartrekker)
    url = reverse("themes:poll_create", kwargs={"slug": theme.slug})
    assert client.get(url).status_code == 200
    response = client.post(url, poll_post())
    assert response.status_code == 302
    poll = Poll.objects.get()
    assert (poll.theme, poll.created_by) == (theme, kartrekker)
    assert poll.choices() == [(1, "Ja"), (2, "Nee"), (3, "Misschien")]
    assert poll.history.latest().history_user == kartrekker
    assert poll.question in client.get(theme_url(theme)).text


@pytest.mark.parametrize("role", ["partner", "other_partner", "griffie", "observer"])
def test_only_the_working_group_opens_polls(client, users, theme, role):
    client.force_login(users[role])
    url = reverse("themes:poll_create", kwargs={"slug": theme.slug})
    assert client.post(url, poll_post()).status_code == 403
    assert not Poll.objects.exists()


def test_kartrekker_cannot_open_a_poll_for_another_theme(client, kartrekker):
    other = ThemeFactory(name="Opvoeding", slug="opvoeding")
    client.force_login(kartrekker)
    url = reverse("themes:poll_create", kwargs={"slug": other.slug})
    assert client.post(url, poll_post()).status_code == 403
    assert not Poll.objects.exists()


def test_programme_team_opens_a_poll_for_any_theme(client, programmateam):
    other = ThemeFactory(name="Opvoeding", slug="opvoeding")
    client.force_login(programmateam)
    url = reverse("themes:poll_create", kwargs={"slug": other.slug})
    assert client.post(url, poll_post(kind="scale", options="")).status_code == 302
    assert Poll.objects.get().kind == Poll.Kind.SCALE


def test_bad_poll_input_is_explained_next_to_the_field(client, kartrekker, theme):
    client.force_login(kartrekker)
    url = reverse("themes:poll_create", kwargs={"slug": theme.slug})
    response = client.post(url, poll_post(options="Alleen ja", closes_on="2001-01-01"))
    assert response.status_code == 200
    assert "Geef 2 tot 6 antwoorden" in response.text
    assert "Kies een einddatum vanaf vandaag." in response.text
    assert "Doe je mee aan de buurtlunch?" in response.text
    assert not Poll.objects.exists()


# --- In the phase report ---------------------------------------------------------------------


def test_phase_report_has_the_counts_but_never_a_free_text(theme, answered_poll, phase):
    PollFactory(theme=ThemeFactory(name="Opvoeding", slug="opvoeding"))
    today = timezone.localdate()
    grouped = report_poll_results(period_start=today, period_end=today)
    assert [result.poll for result in grouped[theme.pk]] == [answered_poll]
    result = grouped[theme.pk][0]
    assert [(row.label, row.count) for row in result.rows] == [
        ("Ja", 2),
        ("Nee", 1),
        ("Weet ik niet", 0),
    ]
    assert result.texts == []

    data = phase_report_data(phase=phase, period_start=today, period_end=today)
    section = next(section for section in data.themes if section.theme == theme)
    assert section.polls[0].total == 3

    from django.template.loader import render_to_string

    html = render_to_string("programme/reports/pdf/theme.html", {"section": section, "data": data})
    assert "Wat mis je in je dorp?" in html
    assert SECRET_TEXT not in html


def test_a_poll_closed_before_the_period_is_not_in_the_report(theme):
    PollFactory(theme=theme, closed=True)
    today = timezone.localdate()
    assert report_poll_results(period_start=today, period_end=today) == {}


def test_poll_creation_by_someone_without_an_account_is_sent_to_sign_in(client, theme):
    url = reverse("themes:poll_create", kwargs={"slug": theme.slug})
    response = client.post(url, poll_post())
    assert response.status_code == 302
    assert reverse("login") in response.url
    assert not Poll.objects.exists()


def test_built_phase_report_pdf_shows_the_poll_counts_without_free_texts(programme_content):  # noqa: F811
    """The real PDF, built as the worker builds it: the counts are in, the words are not."""
    theme = Theme.objects.get(slug="eenzaamheid")
    poll = PollFactory(theme=theme, question="Voel je je weleens eenzaam?")
    PollAnswerFactory(poll=poll, choice=2, text=SECRET_TEXT)
    PollAnswerFactory(poll=poll, choice=2)
    Poll.objects.filter(pk=poll.pk).update(
        created_at=datetime.datetime(2019, 5, 1, 12, tzinfo=datetime.UTC),
        closes_on=datetime.date(2019, 6, 30),
    )

    report = build(programme_content)

    text = pdf_text(report)
    assert "Peilingen onder inwoners" in text
    assert "Voel je je weleens eenzaam?" in text
    assert SECRET_TEXT not in text
    with report.pdf.open("rb") as handle:
        assert_accessible_pdf(handle.read())  # tagged (PDF/UA-1), the poll table too
    ARTIFACTS.mkdir(exist_ok=True)  # to look at: pdftoppm test-artifacts/report-polls.pdf
    shutil.copy(report.pdf.path, ARTIFACTS / "report-polls.pdf")
