"""Every form is laid out by django-crispy-forms, the accessible way, in one place.

The field markup lives once, in the crispy-bootstrap5 overrides under templates/bootstrap5/;
pages render forms with ``{% crispy form %}``. These tests fail when a template lays out
fields by hand again, and they pin what a form with errors must show: a summary at the top
linked to the fields, the error next to its field (aria-invalid, aria-describedby), and
"(niet verplicht)" on optional fields.
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.themes.test_activity_views import activity_post

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# crispy's own field templates (our overrides) are the one place that renders widgets.
CRISPY_OVERRIDES = TEMPLATES / "bootstrap5"

HAND_MADE_FIELD_MARKUP = [
    (re.compile(r"components/(form_field|form_fields|field_errors|form_errors)\.html"), "include"),
    (
        re.compile(
            r"learning_history/_fields\.html|themes/_(choice_group|filter_field|effort_field)"
        ),
        "include",
    ),
    (re.compile(r"\{\{\s*(form|field|\w+_form)\s*\}\}"), "{{ form }} / {{ field }}"),
    (re.compile(r"\.(as_p|as_table|as_ul|as_div|as_widget)\b"), "form.as_p and friends"),
    (re.compile(r"\{%\s*form_widget\b"), "{% form_widget %}"),
    (re.compile(r"\{\{\s*[\w.]+\.(tag|errors)\s*\}\}"), "a widget or error list by hand"),
    (re.compile(r"\{%\s*for\s+\w+\s+in\s+[\w.]*(visible_fields|hidden_fields)"), "a field loop"),
]


def _project_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        if CRISPY_OVERRIDES not in path.parents:
            yield path


@pytest.mark.parametrize("path", list(_project_templates()), ids=lambda p: str(p.name))
def test_templates_render_forms_through_crispy_not_by_hand(path):
    source = path.read_text(encoding="utf-8")
    found = [
        f"{what}: {match.group(0)!r}"
        for pattern, what in HAND_MADE_FIELD_MARKUP
        for match in pattern.finditer(source)
    ]
    assert not found, f"{path.relative_to(TEMPLATES)} lays out form fields by hand: {found}"


def test_the_hand_made_field_templates_are_gone():
    for name in (
        "components/form_field.html",
        "components/form_fields.html",
        "components/field_errors.html",
        "components/form_errors.html",
        "learning_history/_fields.html",
        "themes/_choice_group.html",
        "themes/_effort_field.html",
        "themes/_filter_field.html",
    ):
        assert not (TEMPLATES / name).exists(), name


def test_htmx_attributes_are_data_attributes_so_the_html_validates():
    for path in TEMPLATES.rglob("*.html"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"(?<![\w-])hx-[a-z-]+=", source), path.relative_to(TEMPLATES)


def _summary(html):
    match = re.search(r'<div class="alert alert-danger error-summary".*?</div>', html, re.S)
    assert match, "no error summary"
    return match.group(0)


def _tag(html, element_id):
    match = re.search(rf'<[a-z]+\b[^>]*\bid="{element_id}"[^>]*>', html)
    assert match, f"no element #{element_id}"
    return match.group(0)


@pytest.mark.django_db
def test_form_with_errors_has_a_linked_summary_errors_beside_fields_and_optional_markers(
    client, partner, theme
):
    client.force_login(partner)
    response = client.post(
        reverse("themes:activity_create"), activity_post(theme, title="", reach="veel")
    )
    assert response.status_code == 200
    html = response.content.decode()

    summary = _summary(html)
    assert 'role="alert"' in summary and "data-error-summary" in summary
    assert 'tabindex="-1"' in summary
    assert "Controleer wat je hebt ingevuld" in summary
    assert re.search(r'<a class="alert-link" href="#id_title">Titel: [^<]+</a>', summary)
    assert re.search(r'href="#id_reach">Bereik: aantal inwoners: Voer een geheel getal in', summary)

    title = _tag(html, "id_title")
    assert 'aria-invalid="true"' in title and 'aria-describedby="id_title_error"' in title
    assert "is-invalid" in title
    assert re.search(r'<div id="id_title_error" class="invalid-feedback">\s*<p', html)

    reach = _tag(html, "id_reach")  # help text and error, both read with the field
    assert 'aria-describedby="id_reach_helptext id_reach_error"' in reach
    assert 'id="id_reach_helptext"' in html

    assert re.search(
        r'for="id_end_date"[^>]*>\s*Einddatum <span class="optional-marker">'
        r"\(niet verplicht\)</span>",
        html,
    )
    assert not re.search(r'for="id_title"[^>]*>[^<]*<span class="optional-marker">', html)
    assert "asteriskField" not in html


@pytest.mark.django_db
def test_a_rule_checked_by_the_service_shows_its_message_next_to_the_field(client, partner, theme):
    client.force_login(partner)
    response = client.post(
        reverse("themes:activity_create"), activity_post(theme, quote="Het was gezellig.")
    )
    assert response.status_code == 200
    html = response.content.decode()
    message = "Zet erbij van wie het citaat is: een rol of organisatie, geen naam van een inwoner."
    assert response.context["form"].errors["quote_attribution"] == [message]
    assert html.count(message) == 2  # once in the summary, once beside the field
    field = _tag(html, "id_quote_attribution")
    assert 'aria-describedby="id_quote_attribution_helptext id_quote_attribution_error"' in field


@pytest.mark.django_db
def test_radio_group_errors_are_described_on_the_fieldset_and_linked_to_the_first_option(
    client, partner, theme
):
    client.force_login(partner)
    data = {**activity_post(theme), "theme": ""}
    response = client.post(reverse("themes:activity_create"), data)
    html = response.content.decode()
    assert 'href="#id_theme_0">Thema:' in _summary(html)
    assert re.search(r'<fieldset aria-describedby="id_theme_error">\s*<legend', html)
    assert 'id="id_theme_0"' in html


@pytest.mark.django_db
def test_sign_in_form_renders_through_crispy_with_its_own_error_title(client, partner):
    response = client.post(
        reverse("login"), {"username": partner.email, "password": "niet-het-goede-wachtwoord"}
    )
    html = response.content.decode()
    summary = _summary(html)
    assert "Inloggen is niet gelukt" in summary
    assert "Het e-mailadres of het wachtwoord klopt niet" in summary
    assert "hoofdlettergevoelig" not in html
    username = _tag(html, "id_username")
    assert 'inputmode="email"' in username and "autofocus" not in username
