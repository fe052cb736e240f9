"""The kijkglas and the forms of collaboration (issue 16, part 6; seed 000, bijlage 3–4)."""

import datetime
import io
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from pypdf import PdfReader

from learning_history import services
from learning_history.models import KijkglasRating, KijkglasScore, KijkglasStatement
from programme.models import PhaseReport
from programme.reports.services import build_report, request_report_build
from programme.seeding.kijkglas import STATEMENTS, seed_kijkglas_statements
from tests.conftest import assert_accessible, sign_in
from tests.factories import OrganisationFactory, PhaseFactory, UserFactory, WorkingGroupFactory
from tests.pdf_accessibility import assert_accessible_pdf
from themes.models import WorkingGroupCollaboration

pytestmark = pytest.mark.django_db


@pytest.fixture
def statements(db):
    seed_kijkglas_statements()
    return list(KijkglasStatement.objects.order_by("order"))


@pytest.fixture
def phases(db):
    first = PhaseFactory(
        slug="fase-2-2020",
        name="Uitvoering fase 2 (2020)",
        order=4,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2020, 12, 31),
    )
    second = PhaseFactory(
        slug="fase-3-2021",
        name="Uitvoering fase 3 (2021)",
        order=5,
        start_date=datetime.date(2021, 1, 1),
        end_date=datetime.date(2021, 12, 31),
    )
    return first, second


def test_the_statements_of_seed_000_load_once_in_the_order_of_the_kijkglas(statements):
    assert len(statements) == len(STATEMENTS) == 20
    assert [s.element for s in statements[:5]] == ["ambitie"] * 5
    assert statements[0].text == "We willen een samenleving waarin iedereen mee kan doen."
    assert statements[-1].element == "proces" and statements[-1].priority == 3
    history = KijkglasStatement.history.count()
    seed_kijkglas_statements()
    assert KijkglasStatement.objects.count() == 20
    assert KijkglasStatement.history.count() == history  # a re-run writes nothing


def rate(user, phase, statements, value):
    scores = {s.pk: value(i, s) for i, s in enumerate(statements)}
    return services.kijkglas_rate(
        user=user, phase=phase, organisation=user.organisation, scores=scores
    )


def test_one_rating_set_per_organisation_per_phase_revised_when_rated_again(
    partner, statements, phases
):
    rate(partner, phases[0], statements, lambda i, s: 3)
    rating = rate(partner, phases[0], statements, lambda i, s: 4)
    assert KijkglasRating.objects.count() == 1
    assert set(rating.scores.values_list("value", flat=True)) == {4}
    assert rating.rated_by == partner
    assert KijkglasScore.history.filter(history_type="~").count() == 20


def test_a_partner_rates_only_for_their_own_organisation(partner, other_partner, statements):
    phase = PhaseFactory()
    with pytest.raises(PermissionDenied):
        services.kijkglas_rate(
            user=partner,
            phase=phase,
            organisation=other_partner.organisation,
            scores={s.pk: 3 for s in statements},
        )
    assert not KijkglasRating.objects.exists()


def test_a_missing_score_is_named_next_to_its_statement_and_nothing_is_saved(
    client, partner, statements
):
    PhaseFactory()
    client.force_login(partner)
    data = {f"stelling_{s.pk}": "4" for s in statements[1:]}
    response = client.post(reverse("learning_history:kijkglas_rate"), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        f"stelling_{statements[0].pk}": ["Kies een score van 1 tot 5."]
    }
    # What was chosen stays chosen.
    kept = re.search(
        rf'<input[^>]*name="stelling_{statements[1].pk}"[^>]*value="4"[^>]*>',
        response.content.decode(),
    )
    assert kept and "checked" in kept.group(0)
    assert not KijkglasRating.objects.exists()


def _means_from_rows(phase):
    """Per element, the mean of every score given in the phase, from the rows."""
    totals = {}
    for score in KijkglasScore.objects.filter(rating__phase=phase).select_related("statement"):
        total, count = totals.get(score.statement.element, (0, 0))
        totals[score.statement.element] = (total + score.value, count + 1)
    return {
        element: (Decimal(total) / count).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        for element, (total, count) in totals.items()
    }


def test_the_kijkglas_page_shows_each_element_and_its_movement_from_the_rows(
    client, partner, other_partner, programmateam, statements, phases, django_assert_max_num_queries
):
    earlier, later = phases
    rate(partner, earlier, statements, lambda i, s: 2)
    rate(other_partner, earlier, statements, lambda i, s: 3 if s.element == "relatie" else 2)
    rate(partner, later, statements, lambda i, s: 4 if s.element == "relatie" else 2)
    rate(other_partner, later, statements, lambda i, s: 5 if s.element == "relatie" else 1)

    client.force_login(programmateam)
    url = reverse("learning_history:kijkglas") + "?fase=fase-3-2021"
    client.get(url)
    with django_assert_max_num_queries(14):
        html = client.get(url).content.decode()

    shown = dict(re.findall(r'data-element="(\w+)" data-mean="([\d.]*)"', html))
    now, before = _means_from_rows(later), _means_from_rows(earlier)
    assert {k: Decimal(v) for k, v in shown.items()} == now
    changes = dict(
        re.findall(r'data-element="(\w+)" data-mean="[\d.]*" data-change="([-\d.]*)"', html)
    )
    assert {k: Decimal(v) for k, v in changes.items()} == {k: now[k] - before[k] for k in now}
    assert now["relatie"] == Decimal("4.5") and changes["relatie"] == "2.0"
    assert 'data-rated-count="2"' in html
    assert "2,0 hoger" in html and "0,5 lager" in html

    # The earlier phase has no phase before it to compare with.
    html = client.get(reverse("learning_history:kijkglas") + "?fase=fase-2-2020").content.decode()
    assert "geen vorige meting" in html

    # More organisations rating does not mean more queries.
    for _number in range(3):
        user = UserFactory(organisation=OrganisationFactory(), role="partner")
        rate(user, later, statements, lambda i, s: 3)
    with django_assert_max_num_queries(14):
        html = client.get(url).content.decode()
    shown = dict(re.findall(r'data-element="(\w+)" data-mean="([\d.]*)"', html))
    assert {k: Decimal(v) for k, v in shown.items()} == _means_from_rows(later)


def test_the_phase_report_shows_the_kijkglas_as_a_figure_recomputed_from_the_rows(
    partner, other_partner, statements, phases
):
    earlier, later = phases
    rate(partner, earlier, statements, lambda i, s: 2)
    rate(other_partner, earlier, statements, lambda i, s: 3 if s.element == "relatie" else 2)
    rate(partner, later, statements, lambda i, s: 4 if s.element == "relatie" else 2)
    rate(other_partner, later, statements, lambda i, s: 5 if s.element == "relatie" else 1)
    report = request_report_build(phase=later, enqueue=False)

    build_report(report_id=report.pk)

    report.refresh_from_db()
    assert report.status == PhaseReport.Status.READY, report.failure_reason
    with report.pdf.open("rb") as handle:
        pdf = handle.read()
    tree = assert_accessible_pdf(pdf, lang="nl")
    [alt] = [text for text in tree.alt_texts if text.startswith("Het kijkglas")]
    now, before = _means_from_rows(later), _means_from_rows(earlier)
    for element, label in (("relatie", "Relatie"), ("ambitie", "Ambitie")):
        change = now[element] - before[element]
        sign = "+" if change > 0 else ""
        expected = f"{label}: {now[element]} van 5 ({sign}{change})".replace(".", ",")
        assert expected in alt, (expected, alt)
    assert "Relatie: 4,5 van 5 (+2,0)" in alt
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "2 organisaties beoordeelden de stellingen van het kijkglas" in " ".join(text.split())


# --- The forms of collaboration -----------------------------------------------------------


def test_kartrekker_records_the_form_of_collaboration_of_their_group(
    client, kartrekker, theme, phases
):
    group = theme.working_group
    client.force_login(kartrekker)
    url = reverse("themes:collaboration_form_record", args=[theme.slug])
    response = client.post(url, {"phase": phases[0].pk, "form": "gedeeld", "reason": ""})
    assert response.context["form"].errors["reason"] == [
        "Schrijf in een paar zinnen waarom deze vorm past."
    ]
    response = client.post(
        url, {"phase": phases[0].pk, "form": "gedeeld", "reason": "Ieder met eigen reden."}
    )
    assert response.status_code == 302
    client.post(
        url, {"phase": phases[0].pk, "form": "gemeenschappelijk", "reason": "Nu samen op weg."}
    )
    record = WorkingGroupCollaboration.objects.get(working_group=group)
    assert (record.form, record.reason, record.recorded_by) == (
        "gemeenschappelijk",
        "Nu samen op weg.",
        kartrekker,
    )
    assert record.history.count() == 2

    html = client.get(reverse("themes:theme_detail", args=[theme.slug])).content.decode()
    assert 'data-collaboration-form="gemeenschappelijk"' in html
    assert "Nu samen op weg." in html


def test_a_partner_and_another_kartrekker_cannot_record_it(client, partner, theme, phases):
    other_lead = UserFactory(email="trekker-mantelzorg@example.org", kartrekker=True)
    WorkingGroupFactory(theme__name="Mantelzorg", theme__slug="mantelzorg", kartrekker=other_lead)
    data = {"phase": phases[0].pk, "form": "eigen", "reason": "Zomaar."}
    for user in (partner, other_lead):
        client.force_login(user)
        url = reverse("themes:collaboration_form_record", args=[theme.slug])
        assert client.post(url, data).status_code == 403
    assert not WorkingGroupCollaboration.objects.exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_partner_rates_the_kijkglas_and_sees_where_the_partnership_stands(
    page, partner, statements
):
    PhaseFactory(
        slug="nu",
        name="Fase nu",
        order=9,
        start_date=datetime.date.today() - datetime.timedelta(days=30),
        end_date=datetime.date.today() + datetime.timedelta(days=30),
    )
    sign_in(page, partner)
    page.goto("/leergeschiedenis/kijkglas/")
    assert_accessible(page, "kijkglas-empty")
    page.get_by_role("link", name="Kijkglas invullen voor mijn organisatie").click()
    for statement in statements:
        page.locator(f"input[name='stelling_{statement.pk}'][value='4']").check()
    assert_accessible(page, "kijkglas-form")
    page.get_by_role("button", name="Kijkglas opslaan").click()
    assert page.get_by_text("Het kijkglas is opgeslagen.").is_visible()
    assert page.get_by_label("Ambitie: 4,0 van 5").get_attribute("value") == "4.0"
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= 390")
    page.screenshot(path="test-artifacts/kijkglas-390.png", full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_programme_team_records_a_form_of_collaboration_and_reads_the_kijkglas(
    page, programmateam, theme, partner, statements, phases
):
    earlier, later = phases
    rate(partner, earlier, statements, lambda i, s: 2)
    rate(partner, later, statements, lambda i, s: 3)
    sign_in(page, programmateam)
    page.goto(f"/themas/{theme.slug}/")
    page.get_by_role("link", name="Samenwerkingsvorm vastleggen").click()
    page.get_by_label("Fase").select_option(label=later.name)
    page.get_by_label("Gedeelde ambities").check()
    page.get_by_role("button", name="Opslaan").click()
    assert (
        page.locator("#error_1_id_reason")
        .get_by_text("Schrijf in een paar zinnen waarom deze vorm past.")
        .is_visible()
    )
    page.get_by_label("Waarom deze vorm").fill("Ieder heeft een eigen reden om mee te doen.")
    assert_accessible(page, "collaboration-form")
    page.get_by_role("button", name="Opslaan").click()
    section = page.locator("section", has=page.get_by_role("heading", name="Samenwerkingsvorm"))
    assert section.get_by_text("Gedeelde ambities").is_visible()
    assert section.get_by_text("Ieder heeft een eigen reden om mee te doen.").is_visible()

    page.goto("/leergeschiedenis/kijkglas/?fase=fase-3-2021")
    element = page.locator("[data-element='proces']")
    assert element.get_by_text("1,0 hoger").is_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path="test-artifacts/kijkglas-1280.png", full_page=True)
    assert_accessible(page, "kijkglas-programmateam")
