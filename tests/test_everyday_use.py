"""Rough edges of everyday use: one voice in Dutch, a Dutch admin, a favicon, quiet logs.

The portal addresses everybody as "je". Django's own Dutch (password rules, the admin) and
the packages without Dutch (django-axes, django-celery-beat, django-simple-history) are
overridden in ``locale/nl`` (messages listed in ``landerd_portal/third_party_strings.py``).
"""

import logging
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.core.handlers.exception import response_for_exception
from django.templatetags.static import static
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.factories import TEST_PASSWORD

# "u", "uw", "U", "Uw" as words; "je" and "jouw" are the portal's voice.
FORMAL = re.compile(r"\b(?:[Uu]w?|[Uu]zelf)\b")
ATTRIBUTES_READ_ALOUD = {"title", "placeholder", "aria-label", "alt", "value"}


class VisibleText(HTMLParser):
    """The text a reader sees or hears: content and labelling attributes, no script/style."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        self.parts.extend(value for name, value in attrs if name in ATTRIBUTES_READ_ALOUD and value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def formal_words(response):
    parser = VisibleText()
    parser.feed(response.content.decode())
    text = " ".join(" ".join(parser.parts).split())
    return [text[max(m.start() - 40, 0) : m.end() + 40] for m in FORMAL.finditer(text)]


def dutch_client(user=None, **kwargs):
    client = Client(HTTP_ACCEPT_LANGUAGE="nl", **kwargs)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_main_pages_say_je_never_u(users, theme):
    pages = {
        "partner": [
            "dashboard",
            "themes:theme_list",
            "themes:activity_list",
            "themes:activity_create",
            "programme:din",
            "programme:meeting_list",
            "learning_history:index",
            "password_change",
            "password_change_done",
        ],
        "griffie": ["dashboard", "programme:report_list"],
        "programmateam": ["dashboard", "programme:report_list", "programme:meeting_create"],
        None: [
            "login",
            "privacy",
            "password_reset",
            "password_reset_done",
            "password_reset_complete",
        ],
    }
    found = {}
    for role, names in pages.items():
        client = dutch_client(users[role] if role else None)
        for name in names:
            response = client.get(reverse(name))
            assert response.status_code == 200, (role, name, response.status_code)
            if words := formal_words(response):
                found[f"{role} {name}"] = words
    assert not found, f"Pages that say u/uw: {found}"


@pytest.mark.django_db
def test_django_form_errors_and_password_rules_say_je(partner):
    client = dutch_client(partner)
    responses = {
        # Wrong old password, a new one too short, numeric, common and like the user's name.
        "password change": client.post(
            reverse("password_change"),
            {"old_password": "fout", "new_password1": "12345", "new_password2": "54321"},
        ),
        "password change, common": client.post(
            reverse("password_change"),
            {
                "old_password": TEST_PASSWORD,
                "new_password1": "password",
                "new_password2": "password",
            },
        ),
        "password change, like the e-mail address": client.post(
            reverse("password_change"),
            {
                "old_password": TEST_PASSWORD,
                "new_password1": "partner@example.org",
                "new_password2": "partner@example.org",
            },
        ),
        # Required fields, a wrong date, a choice that does not exist, too long a title.
        "activity form": client.post(
            reverse("themes:activity_create"),
            {"title": "x" * 1000, "date": "31-02-2019", "theme": "999999"},
        ),
    }
    uid = urlsafe_base64_encode(force_bytes(partner.pk))
    token = default_token_generator.make_token(partner)
    anonymous = dutch_client()
    confirm = anonymous.get(reverse("password_reset_confirm", args=[uid, token]), follow=True)
    responses["new password form"] = anonymous.post(
        confirm.redirect_chain[-1][0], {"new_password1": "1234", "new_password2": "123"}
    )
    responses["login form"] = anonymous.post(
        reverse("login"), {"username": "partner@example.org", "password": "fout"}
    )
    responses["password reset form"] = anonymous.post(reverse("password_reset"), {"email": "x"})
    # Django's own CSRF page (no cookie) says "Je ziet deze melding…"
    responses["csrf failure"] = dutch_client(enforce_csrf_checks=True).post(reverse("login"))
    assert responses["csrf failure"].status_code == 403
    assert "Je ziet deze melding" in responses["csrf failure"].content.decode()

    texts = {name: response.content.decode() for name, response in responses.items()}
    # The forms did come back with Django's messages (so the test reads them).
    assert "Je oude wachtwoord is niet juist ingevoerd" in texts["password change"]
    assert "Je wachtwoord mag niet volledig uit cijfers bestaan" in texts["password change"]
    assert "Dit veld is verplicht" in texts["activity form"]
    assert "niet overeen" in texts["new password form"]
    found = {name: words for name, r in responses.items() if (words := formal_words(r))}
    assert not found, f"Forms that say u/uw: {found}"


@pytest.mark.django_db
def test_the_admin_speaks_dutch_with_je(beheer, partner):
    client = dutch_client(beheer)
    index = client.get(reverse("admin:index"))
    text = index.content.decode()
    for dutch in ("Toegangspogingen", "Periodieke taken", "Crontabs"):
        assert dutch in text
    for english in ("Access attempts", "Access logs", "Periodic tasks", "Periodic Tasks"):
        assert english not in text
    assert not formal_words(index)

    task_form = client.get(reverse("admin:django_celery_beat_periodictask_add")).content.decode()
    assert "Positionele argumenten" in task_form
    assert "Positional Arguments" not in task_form
    delete = client.get(reverse("admin:partners_user_delete", args=[partner.pk]))
    assert "Weet je zeker dat je" in delete.content.decode()
    assert not formal_words(delete)


@pytest.mark.django_db
def test_favicon_is_linked_from_every_page_and_answers_at_favicon_ico():
    client = dutch_client()
    login = client.get(reverse("login")).content.decode()
    assert re.search(r'<link rel="icon" href="[^"]*favicon\.svg"', login)

    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response.url == static("img/favicon.svg")
    with open(finders.find("img/favicon.svg"), encoding="utf-8") as icon:
        assert "<svg" in icon.read()


@pytest.mark.django_db
def test_a_refusal_is_logged_once_as_event_refused_without_a_traceback(partner, caplog):
    """A service's PermissionDenied is an expected answer: no django.request traceback."""
    request = RequestFactory().get("/rapportages/nieuw/")
    request.user = partner
    request.session = {}
    with caplog.at_level(logging.INFO):
        response = response_for_exception(request, PermissionDenied("Alleen het programmateam."))
    assert response.status_code == 403
    assert [r.name for r in caplog.records] == ["landerd_portal.events"]
    assert "event=refused" in caplog.records[0].getMessage()
    assert not any(r.exc_info for r in caplog.records)
