"""Publishing with care (issue 14): a preview first, an explicit confirmation, and a
mistaken published version superseded by a corrected one with a reason the griffie reads."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from programme.models import PhaseReport
from programme.reports.services import publish_report
from tests.conftest import assert_accessible, sign_in
from tests.factories import ActivityFactory, PhaseFactory, PhaseReportFactory, UserFactory

SUMMARY = {
    "period_start": "2019-01-01",
    "period_end": "2019-12-31",
    "previous_phase": "",
    "activities": 3,
    "reach": 140,
    "volunteers": 4,
    "organisations": 2,
    "previous_activities": None,
    "previous_reach": None,
    "themes": [
        {"name": "Eenzaamheid", "activities": 3, "reach": 140, "previous_activities": None},
        {"name": "Bewegen", "activities": 0, "reach": 0, "previous_activities": None},
    ],
    "villages": [{"name": "Schaijk", "activities": 3, "reach": 140, "previous_activities": None}],
    "goals": {"goals": 1, "goals_with_activity": 1},
    "pairs": 1,
    "new_pairs": None,
    "decisions": 0,
    "reflections": 0,
    "open_questions": 0,
}


def report_on_disk(settings, phase, version, status, checksum="c"):
    """A finished version with a PDF and CSV in storage, as a build leaves it."""
    folder = settings.MEDIA_ROOT / "rapportages" / phase.slug
    folder.mkdir(parents=True, exist_ok=True)
    report = PhaseReportFactory(
        phase=phase,
        version=version,
        status=status,
        checksum=checksum * 64,
        page_count=12,
        summary=SUMMARY,
    )
    for extension, body in [("pdf", b"%PDF-1.7 versie " + str(version).encode()), ("csv", b"x")]:
        name = f"rapportages/{phase.slug}/v{version}.{extension}"
        (settings.MEDIA_ROOT / name).write_bytes(body)
        getattr(report, extension).name = name
    report.save()
    return report


@pytest.fixture
def ready_report(settings, phase):
    return report_on_disk(settings, phase, 1, PhaseReport.Status.READY)


def test_preview_shows_what_goes_out_and_what_deserves_a_second_look(
    client, programmateam, griffie, ready_report, theme, django_assert_max_num_queries
):
    ActivityFactory(published=True, theme=theme, title="Koffie zonder telling", reach=None)
    ActivityFactory(published=True, theme=theme, title="Met bereik", reach=20)
    ActivityFactory(published=True, theme=theme, quote="Fijn!", quote_consent=False)
    UserFactory(email="oud-griffier@example.org", griffie=True, is_active=False)
    client.force_login(programmateam)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("programme:report_publish", args=[ready_report.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Thema: Bewegen" in page and "Leergeschiedenis" in page  # empty chapters
    assert "Koffie zonder telling" in page and "Met bereik" not in page
    assert "Eén citaat staat er niet in" in page
    assert griffie.email in page and "oud-griffier@example.org" not in page
    assert "Kerncijfers" in page or "kerncijfers" in page
    ready_report.refresh_from_db()
    assert ready_report.status == PhaseReport.Status.READY  # looking publishes nothing


def test_publishing_without_the_explicit_confirmation_changes_nothing(
    client, programmateam, griffie, ready_report
):
    client.force_login(programmateam)
    response = client.post(reverse("programme:report_publish", args=[ready_report.pk]), {})
    assert response.status_code == 400
    assert "Vink aan dat je de voorvertoning hebt gecontroleerd." in response.content.decode()
    ready_report.refresh_from_db()
    assert ready_report.status == PhaseReport.Status.READY
    assert mail.outbox == []


def test_confirmed_publication_publishes_and_mails_the_griffie(
    client, programmateam, griffie, ready_report, django_capture_on_commit_callbacks
):
    client.force_login(programmateam)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("programme:report_publish", args=[ready_report.pk]), {"confirm": "on"}
        )
    assert response.status_code == 302
    ready_report.refresh_from_db()
    assert ready_report.status == PhaseReport.Status.PUBLISHED
    assert ready_report.published_by == programmateam
    assert [m.to for m in mail.outbox] == [[griffie.email]]


def test_preview_of_a_published_version_sends_back_to_its_page(client, programmateam, settings):
    published = report_on_disk(settings, PhaseFactory(), 1, PhaseReport.Status.PUBLISHED)
    client.force_login(programmateam)
    response = client.get(reverse("programme:report_publish", args=[published.pk]))
    assert response.status_code == 302 and response["Location"] == published.get_absolute_url()


def test_superseding_marks_the_old_version_keeps_its_file_and_tells_the_griffie_why(
    settings, phase, programmateam, griffie, django_capture_on_commit_callbacks
):
    old = report_on_disk(settings, phase, 1, PhaseReport.Status.PUBLISHED, checksum="a")
    corrected = report_on_disk(settings, phase, 2, PhaseReport.Status.READY, checksum="b")
    old_file, old_checksum = old.pdf.name, old.checksum
    reason = "In versie 1 ontbraken de activiteiten van Zeeland."
    with django_capture_on_commit_callbacks(execute=True):
        publish_report(
            report=corrected, published_by=programmateam, supersedes=old, supersede_reason=reason
        )
    old.refresh_from_db()
    assert old.status == PhaseReport.Status.PUBLISHED  # still downloadable by the griffie
    assert (old.superseded_by, old.supersede_reason) == (corrected, reason)
    assert (old.pdf.name, old.checksum) == (old_file, old_checksum)  # the files never change
    last = old.history.latest()
    assert last.history_user == programmateam and last.superseded_by_id == corrected.pk
    assert corrected.history.latest().history_user == programmateam
    assert "vervangt versie 1" in mail.outbox[0].body and reason in mail.outbox[0].body


def test_a_version_can_only_supersede_an_older_published_one_of_its_phase_once(
    settings, phase, programmateam
):
    old = report_on_disk(settings, phase, 1, PhaseReport.Status.PUBLISHED)
    first = report_on_disk(settings, phase, 2, PhaseReport.Status.READY)
    second = report_on_disk(settings, phase, 3, PhaseReport.Status.READY)
    other_phase = report_on_disk(
        settings,
        PhaseFactory(
            slug="fase-2-2020",
            name="Fase 2",
            order=4,
            start_date=datetime.date(2020, 1, 1),
            end_date=datetime.date(2020, 12, 31),
        ),
        1,
        PhaseReport.Status.READY,
    )
    with pytest.raises(ValidationError) as other:
        publish_report(
            report=other_phase, published_by=programmateam, supersedes=old, supersede_reason="x"
        )
    assert "supersedes" in other.value.error_dict
    with pytest.raises(ValidationError) as no_reason:
        publish_report(
            report=first, published_by=programmateam, supersedes=old, supersede_reason=" "
        )
    assert "supersede_reason" in no_reason.value.error_dict
    publish_report(report=first, published_by=programmateam, supersedes=old, supersede_reason="x")
    with pytest.raises(ValidationError) as twice:
        publish_report(
            report=second, published_by=programmateam, supersedes=old, supersede_reason="y"
        )
    assert "al vervangen" in str(twice.value)
    second.refresh_from_db()
    assert second.status == PhaseReport.Status.READY  # the failed attempt published nothing


def test_superseding_without_a_reason_is_explained_next_to_the_field(
    client, settings, phase, programmateam
):
    old = report_on_disk(settings, phase, 1, PhaseReport.Status.PUBLISHED)
    corrected = report_on_disk(settings, phase, 2, PhaseReport.Status.READY)
    client.force_login(programmateam)
    response = client.post(
        reverse("programme:report_publish", args=[corrected.pk]),
        {"confirm": "on", "supersedes": old.pk, "supersede_reason": ""},
    )
    assert response.status_code == 400
    assert "Schrijf voor de griffie waarom" in response.content.decode()
    old.refresh_from_db()
    assert old.superseded_by is None


def test_griffie_list_shows_the_reason_and_queries_stay_fixed(
    client, settings, phase, programmateam, griffie, django_assert_max_num_queries
):
    old = report_on_disk(settings, phase, 1, PhaseReport.Status.PUBLISHED)
    corrected = report_on_disk(settings, phase, 2, PhaseReport.Status.READY)
    publish_report(
        report=corrected,
        published_by=programmateam,
        supersedes=old,
        supersede_reason="Fout in tabel 2.",
    )
    client.force_login(griffie)
    with django_assert_max_num_queries(10) as few:
        page = client.get(reverse("programme:report_list")).content.decode()
    assert "Vervangen door versie 2" in page and "Vervangt versie 1" in page
    assert page.count("Fout in tabel 2.") == 2
    assert "<details" in page and old.checksum in page  # available, folded away
    for version in range(3, 8):
        report_on_disk(settings, phase, version, PhaseReport.Status.PUBLISHED)
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("programme:report_list"))


@pytest.mark.browser
def test_team_previews_confirms_and_the_griffie_downloads_then_sees_a_superseded_version(
    transactional_db, settings, page, programmateam, griffie, tmp_path
):
    phase = PhaseFactory()
    first = report_on_disk(settings, phase, 1, PhaseReport.Status.READY)

    # The team cannot publish in one click: the card leads to the preview.
    sign_in(page, programmateam)
    page.goto("/rapportages/")
    page.get_by_role("link", name=re.compile("Publiceren voor de griffie")).click()
    page.get_by_role("heading", name="Om na te kijken").wait_for()
    assert griffie.email in page.locator("#ontvangers").inner_text()
    assert_accessible(page, "report-publish-preview")
    page.get_by_role("button", name="Publiceren voor de griffie").click()
    page.get_by_text("Vink aan dat je de voorvertoning hebt gecontroleerd.").first.wait_for()
    first.refresh_from_db()
    assert first.status == PhaseReport.Status.READY
    page.get_by_label("Ik heb de voorvertoning gecontroleerd").check()
    page.get_by_role("button", name="Publiceren voor de griffie").click()
    page.get_by_text("is gepubliceerd").wait_for()
    first.refresh_from_db()
    assert first.status == PhaseReport.Status.PUBLISHED

    # A correction: version 2 replaces version 1, with a reason.
    second = report_on_disk(settings, phase, 2, PhaseReport.Status.READY)
    page.goto(f"/rapportages/{second.pk}/publiceren/")
    page.get_by_label("Vervangt deze versie een eerder gepubliceerde versie?").select_option(
        str(first.pk)
    )
    page.get_by_label("Reden van vervangen").fill("Versie 1 miste de activiteiten van Zeeland.")
    page.get_by_label("Ik heb de voorvertoning gecontroleerd").check()
    page.screenshot(path="test-artifacts/report-publish-supersede-1280.png", full_page=True)
    page.get_by_role("button", name="Publiceren voor de griffie").click()
    page.get_by_text("is gepubliceerd").wait_for()
    page.get_by_role("button", name="Uitloggen").click()

    # The griffie downloads the new version and sees why the old one was replaced.
    sign_in(page, griffie)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/rapportages/")
    old_card = page.locator(f"#rapportage-{first.pk}")
    assert "Vervangen door versie 2" in old_card.inner_text()
    assert "Versie 1 miste de activiteiten van Zeeland." in old_card.inner_text()
    assert "Vervangt versie 1" in page.locator(f"#rapportage-{second.pk}").inner_text()
    assert_accessible(page, "report-list-superseded-griffie-390")
    with page.expect_download() as download:
        page.locator(f"#rapportage-{second.pk}").get_by_role(
            "link", name=re.compile("PDF downloaden")
        ).click()
    assert download.value.suggested_filename.endswith("-v2.pdf")
    # The superseded version stays downloadable, as published.
    with page.expect_download() as old_download:
        old_card.get_by_role("link", name=re.compile("PDF downloaden")).click()
    saved = tmp_path / "oud.pdf"
    old_download.value.save_as(saved)
    assert saved.read_bytes() == b"%PDF-1.7 versie 1"
