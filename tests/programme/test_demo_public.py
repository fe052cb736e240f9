"""seed_landerd --demo gives residents something to see: upcoming activities in the public
agenda (from today, whatever today is) and an open poll with answers for every theme."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from partners.models import User
from themes.models import Poll, Theme
from themes.selectors import public_upcoming_activities

pytestmark = pytest.mark.django_db


def seed_demo():
    call_command("seed_landerd", "--demo", "--password", "Demo-2026", stdout=StringIO())


def test_demo_fills_the_public_agenda_from_today_with_something_in_reek_this_week():
    seed_demo()
    upcoming = list(public_upcoming_activities())
    assert len(upcoming) >= 6
    assert all(activity.date >= timezone.localdate() for activity in upcoming)
    assert any(
        activity.date == timezone.localdate()
        and "reek" in {village.slug for village in activity.villages.all()}
        for activity in upcoming
    )
    page = Client().get(reverse("themes:agenda"), {"dorp": "reek", "periode": "week"})
    assert "Samen eten in De Wis" in page.text


def test_demo_opens_a_poll_with_answers_for_every_theme_linked_from_its_page():
    seed_demo()
    kartrekker = User.objects.get(email="kartrekker@demo.example")
    client = Client()
    client.force_login(kartrekker)
    for theme in Theme.objects.all():
        poll = Poll.objects.get(theme=theme)
        assert poll.is_open()
        assert poll.answers.count() >= 5
        page = client.get(theme.get_absolute_url()).text
        assert poll.get_absolute_url() in page
    assert Client().get(Poll.objects.first().get_absolute_url()).status_code == 200
