"""Quotes reach the council only with consent; the report pages say how many were left out."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programme.models import PhaseReport
from programme.reports.selectors import phase_report_data, quotes_without_consent_count
from tests.factories import ActivityFactory, PhaseReportFactory, ReflectionFactory, UserFactory
from tests.programme.test_reports import build, pdf_text

pytestmark = pytest.mark.django_db

WITH_CONSENT = "De wandelgroep gaf me mijn dinsdagen terug."
WITHOUT_CONSENT = "Mijn buurvrouw weet niet dat ik hier kom."


@pytest.fixture
def quotes(phase, theme):
    ActivityFactory(
        published=True,
        theme=theme,
        title="Wandelgroep Schaijk",
        quote=WITH_CONSENT,
        quote_attribution="een deelnemer",
        quote_consented=True,
    )
    ActivityFactory(
        published=True,
        theme=theme,
        title="Inloopochtend Zeeland",
        quote=WITHOUT_CONSENT,
        quote_attribution="een bezoeker",
    )
    return phase


def test_a_quote_without_consent_is_in_no_published_report_and_one_with_consent_is(
    quotes, programmateam
):
    report = build(quotes)
    assert report.status == PhaseReport.Status.READY, report.failure_reason
    text = " ".join(pdf_text(report).split())
    assert WITH_CONSENT in text
    assert "Inloopochtend Zeeland" in text  # the activity itself is reported ...
    assert WITHOUT_CONSENT not in text  # ... its quote is not


def test_the_report_data_picks_only_quotes_with_consent(quotes):
    data = phase_report_data(
        phase=quotes, period_start=quotes.start_date, period_end=quotes.end_date
    )
    picked = [activity.quote for section in data.themes for activity in section.quotes]
    assert picked == [WITH_CONSENT]
    assert (
        quotes_without_consent_count(period_start=quotes.start_date, period_end=quotes.end_date)
        == 1
    )


def test_a_reflection_quote_reaches_the_report_only_once_approved(phase, organisation):
    author = UserFactory(organisation=organisation)
    ReflectionFactory(
        phase=phase,
        author=author,
        published=True,
        text="De koffie bracht mensen samen.",
        quote="Ik had dit jaren niet gedaan.",
        quote_approver=author,
    )
    ReflectionFactory(
        phase=phase,
        author=author,
        published=True,
        text="Samen plannen werkte.",
        quote="Eindelijk spraken we elkaar.",
        quote_approver=author,
        quote_approved_at=datetime.datetime(2019, 7, 1, tzinfo=datetime.UTC),
    )
    text = " ".join(pdf_text(build(phase)).split())
    assert "De koffie bracht mensen samen." in text
    assert "Ik had dit jaren niet gedaan." not in text
    assert "Eindelijk spraken we elkaar." in text


def test_the_build_form_warns_how_many_quotes_are_left_out(client, programmateam, quotes):
    client.force_login(programmateam)
    page = client.get(reverse("programme:report_list")).content.decode()
    assert "1 citaat uit deze periode komt niet in de rapportage" in page


def test_a_versions_page_warns_how_many_quotes_of_its_period_are_left_out(
    client, programmateam, quotes, theme
):
    ActivityFactory(published=True, theme=theme, quote="Nog een.", quote_attribution="iemand")
    report = PhaseReportFactory(
        phase=quotes, ready=True, period_start=quotes.start_date, period_end=quotes.end_date
    )
    client.force_login(programmateam)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("programme:report_detail", args=[report.pk])).content.decode()
    assert "2 citaten uit deze periode komen niet in de rapportage" in page
    count_queries = [q for q in queries.captured_queries if "quote_consent" in q["sql"]]
    assert len(count_queries) == 1


def test_the_griffie_sees_no_warning_about_internal_quotes(client, griffie, quotes):
    report = PhaseReportFactory(
        phase=quotes, published=True, period_start=quotes.start_date, period_end=quotes.end_date
    )
    client.force_login(griffie)
    page = client.get(reverse("programme:report_detail", args=[report.pk])).content.decode()
    assert "citaat" not in page
