"""The collaboration agreement generated from the portal (seed 004), as PDF and Word file.

The programme team downloads it from /rapportages/; it follows the template's sections,
filled from the portal's data, and marks what the portal cannot know for the team to write.
"""

import datetime
import io
import re
from decimal import Decimal

import docx
import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from partners.models import Organisation
from programme.models import NetworkEntry, PartnerMeeting
from programme.reports.agreement import agreement_data
from programme.reports.documents.agreement import agreement_pdf
from tests.conftest import assert_accessible, sign_in
from tests.factories import (
    ActivityFactory,
    BudgetFactory,
    EffortFactory,
    GoalFactory,
    NetworkEntryFactory,
    OrganisationFactory,
    PartnerMeetingFactory,
    PhaseFactory,
    QuestionFactory,
    VillageFactory,
)
from tests.pdf_accessibility import assert_accessible_pdf
from themes.models import TargetGroup

URL = "/rapportages/overeenkomst/"
SECTIONS = [
    "1. Maatschappelijke ambitie",
    "1.1 Onze ambitie",
    "1.2 Wie worden hier beter van?",
    "1.3 Onderdeel van een groter geheel",
    "2. Samenwerkingsverband",
    "2.1 Hoe we de ambitie samen waarmaken",
    "2.2 De partners en hun participatieniveau",
    "2.3 Regie en besluitvorming",
    "3. Wat we samen realiseren",
    "4. Programma-opzet en organisatie",
    "4.1 Doelenboom (DIN)",
    "4.2 Indicatoren",
    "4.3 Fasering",
    "4.4 Financiering",
    "4.5 Programma-organisatie",
    "4.6 Risico's en voorzorgsmaatregelen",
    "5. Bijlagen",
    "Ondertekening",
]


@pytest.fixture
def agreement_world(phase, theme, organisation, other_organisation, kartrekker, programmateam):
    """Phase 1 with a partnership, a DIN, budgets, a meeting and an open question."""
    PhaseFactory(
        slug="fase-2-2020",
        name="Uitvoering fase 2 (2020)",
        order=4,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2020, 12, 31),
        motto="Verdiepen",
    )
    for year, amount, fte in [(2019, 58400, 1), (2020, 48400, Decimal("0.5")), (2021, 19200, 0)]:
        BudgetFactory(
            programme=phase.programme, year=year, amount=amount, programme_management_fte=fte
        )
    organisation.participation_level = "adviseren"
    organisation.contribution = "Inzet van ouderenadviseurs in de drie kernen."
    organisation.interests = "Minder eenzaamheid onder onze cliënten."
    organisation.save()
    theme.working_group.organisations.add(organisation, other_organisation)
    goal = GoalFactory(
        theme=theme,
        title="Minder eenzame ouderen",
        indicator="Aandeel ouderen dat zich eenzaam voelt",
        unit="%",
        baseline=42,
        target=35,
    )
    effort = EffortFactory(goal=goal, title="Huisbezoeken", lead_organisation=organisation)
    NetworkEntryFactory(
        effort=effort,
        organisation=other_organisation,
        contribution_kind=NetworkEntry.ContributionKind.IN_KIND,
        contribution="Ruimte in het gezondheidscentrum",
    )
    activity = ActivityFactory(
        published=True,
        theme=theme,
        owner_organisation=organisation,
        villages=[VillageFactory(name="Reek")],
    )
    activity.target_groups.add(TargetGroup.objects.get(code="ouderen"))
    PartnerMeetingFactory(
        title="Partneroverleg najaar",
        starts_at=timezone.make_aware(datetime.datetime(2019, 10, 8, 19, 30)),
        status=PartnerMeeting.Status.PUBLISHED,
    )
    QuestionFactory(phase=phase, text="Hoe borgen we dit zonder programmamanager?")
    return phase


def docx_text(content):
    document = docx.Document(io.BytesIO(content))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return document, "\n".join(paragraphs + cells)


def pdf_text(content):
    """The PDF's text with every run of white space as one space (table cells wrap)."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


@pytest.mark.parametrize(
    "role", ["partner", "kartrekker", "griffie", "observer", "programmateam", "beheer"]
)
@pytest.mark.parametrize("formaat", ["pdf", "docx"])
def test_only_the_programme_team_downloads_the_agreement(client, users, phase, role, formaat):
    client.force_login(users[role])
    response = client.get(URL, {"formaat": formaat})
    if role in ("programmateam", "beheer"):  # beheer is a superuser
        assert response.status_code == 200
        assert response["Content-Disposition"] == (
            f'attachment; filename="samenwerkingsovereenkomst-fase-1-2019.{formaat}"'
        )
    else:
        assert response.status_code == 403
        assert "Content-Disposition" not in response


def test_signed_out_visitor_is_sent_to_sign_in(client, phase):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_word_file_has_every_template_section_filled_from_the_portal(
    client, programmateam, agreement_world, django_assert_max_num_queries
):
    client.force_login(programmateam)
    with django_assert_max_num_queries(30):
        response = client.get(URL, {"fase": "fase-1-2019", "formaat": "docx"})
    assert response["Content-Type"].endswith("wordprocessingml.document")
    document, text = docx_text(response.content)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for section in SECTIONS:
        assert section in headings, section
    assert document.core_properties.title == (
        "Programmaplan en samenwerkingsovereenkomst – Uitvoering fase 1 (2019)"
    )
    for filled in [
        "Landerd als een vitale gemeenschap",  # goal statement
        "Ouderen",  # target group reached in the phase
        "Reek",  # village
        "ONS Welzijn",
        "Adviseren",  # participation level
        "Inzet van ouderenadviseurs in de drie kernen.",  # contribution
        "Minder eenzaamheid onder onze cliënten.",  # interests
        "Minder eenzame ouderen",  # goal
        "Aandeel ouderen dat zich eenzaam voelt",  # indicator
        "42%",  # baseline, with its unit
        "35%",  # target
        "Huisbezoeken",  # effort
        "Uitvoering fase 2 (2020)",  # phasing
        "€ 58.400",
        "0,5 fte",
        "In natura",
        "Ruimte in het gezondheidscentrum",  # contribution in kind
        "Partneroverleg najaar",
        "Werkgroep Eenzaamheid",
        "Hoe borgen we dit zonder programmamanager?",  # risks input
    ]:
        assert filled in text, filled
    # The kartrekker leads the working group, named with the organisation.
    assert re.search(r"\(ONS Welzijn\)", text)
    # What the portal cannot know is marked for the team, e.g. the core values and risks.
    to_write = [p.text for p in document.paragraphs if p.text.startswith("In te vullen:")]
    assert any("kernwaarden" in line for line in to_write)
    assert any("risico" in line for line in to_write)
    # Tables announce their header row (and repeat it on every page).
    assert all(table.rows[0]._tr.trPr is not None for table in document.tables)


def test_pdf_has_every_section_and_is_accessible(client, programmateam, agreement_world):
    client.force_login(programmateam)
    response = client.get(URL, {"fase": "fase-1-2019"})
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for section in SECTIONS:
        assert section in text, section
    for filled in ["Adviseren", "Ruimte in het gezondheidscentrum", "€ 58.400", "In te vullen:"]:
        assert filled in text, filled
    tree = assert_accessible_pdf(response.content, lang="nl")
    assert "/Table" in tree.types and "/L" in tree.types


def test_another_phase_is_chosen_with_fase(client, programmateam, agreement_world):
    client.force_login(programmateam)
    response = client.get(URL, {"fase": "fase-2-2020", "formaat": "docx"})
    assert (
        'filename="samenwerkingsovereenkomst-fase-2-2020.docx"' in response["Content-Disposition"]
    )
    document, text = docx_text(response.content)
    assert document.core_properties.title.endswith("Uitvoering fase 2 (2020)")
    assert "Uitvoering fase 2 (2020) (deze fase)" in text
    # Nothing was published in 2020: who benefits is left for the team to write.
    assert "Het portaal kent nog geen gepubliceerde activiteiten in deze fase." in text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"fase": "bestaat-niet"}, "Deze fase bestaat niet. Kies een fase uit de lijst."),
        ({"formaat": "xlsx"}, "Kies PDF of Word."),
    ],
)
def test_unknown_phase_or_format_is_said_on_the_reports_page(
    client, programmateam, phase, query, message
):
    client.force_login(programmateam)
    response = client.get(URL, query, follow=True)
    assert response.redirect_chain[-1][0] == "/rapportages/#overeenkomst"
    assert response.status_code == 200
    assert message in response.content.decode()


def test_no_phase_at_all_gives_a_message_not_an_error(client, programmateam):
    client.force_login(programmateam)
    response = client.get(URL, follow=True)
    assert response.status_code == 200
    assert "Kies een fase." in response.content.decode()


def test_agreement_in_english_says_its_language(agreement_world):
    data = agreement_data(phase=agreement_world)
    assert_accessible_pdf(agreement_pdf(data=data, language_code="en"), lang="en")


def test_documents_do_not_query(agreement_world, django_assert_num_queries):
    data = agreement_data(phase=agreement_world)
    with django_assert_num_queries(0):
        agreement_pdf(data=data)


def test_reports_page_links_the_agreement_for_the_programme_team_only(
    client, programmateam, griffie, phase
):
    client.force_login(programmateam)
    page = client.get("/rapportages/").content.decode()
    assert 'href="/rapportages/overeenkomst/?formaat=docx"' in page
    client.force_login(griffie)
    assert "overeenkomst" not in client.get("/rapportages/").content.decode()


@pytest.mark.browser
def test_programme_team_downloads_the_agreement_from_the_reports_page(
    agreement_world, programmateam, page, tmp_path
):
    sign_in(page, programmateam)
    page.goto("/rapportages/")
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Overeenkomst van de huidige fase als PDF").click()
    assert pdf_download.value.suggested_filename == "samenwerkingsovereenkomst-fase-2-2020.pdf"
    pdf_path = tmp_path / "overeenkomst.pdf"
    pdf_download.value.save_as(pdf_path)
    assert_accessible_pdf(pdf_path.read_bytes())
    assert "4.4 Financiering" in pdf_text(pdf_path.read_bytes())

    with page.expect_download() as docx_download:
        page.get_by_role("link", name="Overeenkomst van de huidige fase als Word-bestand").click()
    docx_path = tmp_path / "overeenkomst.docx"
    docx_download.value.save_as(docx_path)
    _, text = docx_text(docx_path.read_bytes())
    assert "2.2 De partners en hun participatieniveau" in text

    # Another phase through the form.
    page.get_by_label("Fase van de overeenkomst").select_option(label="Uitvoering fase 1 (2019)")
    page.get_by_label("Word (om te bewerken)").check()
    with page.expect_download() as chosen:
        page.get_by_role("button", name="Overeenkomst downloaden").click()
    assert chosen.value.suggested_filename == "samenwerkingsovereenkomst-fase-1-2019.docx"
    page.screenshot(path="test-artifacts/agreement-reports-page.png", full_page=True)


def test_signatories_come_first_and_unsigned_organisations_are_listed_apart(agreement_world):
    OrganisationFactory(name="Sportvereniging Reek", signed_programme_plan_on=None)
    data = agreement_data(phase=agreement_world)
    assert [o.name for o in data.signatories] == sorted(
        Organisation.objects.filter(signed_programme_plan_on__isnull=False).values_list(
            "name", flat=True
        )
    )
    assert [o.name for o in data.other_organisations] == ["Sportvereniging Reek"]


@pytest.mark.browser
def test_agreement_panel_fits_a_phone_and_passes_axe(agreement_world, programmateam, phone_page):
    sign_in(phone_page, programmateam)
    phone_page.goto("/rapportages/")
    phone_page.get_by_role("heading", name="Samenwerkingsovereenkomst").wait_for()
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(phone_page, "agreement-reports-page-390")
