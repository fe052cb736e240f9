"""Free text has a sensible maximum: a million characters get a Dutch message next to the
field, what was typed stays, and nothing is saved."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from learning_history.models import Reflection
from tests.themes.test_activity_views import activity_post
from themes import services as theme_services
from themes.models import Activity

pytestmark = pytest.mark.django_db

HUGE = "x" * 1_000_000


def test_a_million_character_description_is_refused_in_the_activity_form(client, partner, theme):
    client.force_login(partner)
    response = client.post(
        reverse("themes:activity_create"),
        activity_post(theme, description=HUGE, title="Buurtsoep"),
    )
    assert response.status_code == 200
    [message] = response.context["form"].errors["description"]
    assert message.startswith("Zorg dat deze waarde niet meer dan 5000 tekens bevat")
    assert 'value="Buurtsoep"' in response.content.decode()
    assert not Activity.objects.exists()


def test_a_too_long_quote_is_refused_in_the_activity_form(client, partner, theme):
    client.force_login(partner)
    response = client.post(
        reverse("themes:activity_create"),
        activity_post(theme, quote="y" * 2001, quote_attribution="een deelnemer"),
    )
    assert "quote" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_a_million_character_reflection_is_refused_in_the_reflection_form(client, partner, phase):
    client.force_login(partner)
    response = client.post(
        reverse("learning_history:reflection_create"),
        {"phase": phase.pk, "kind": "worked", "text": HUGE},
    )
    assert response.status_code == 200
    [message] = response.context["form"].errors["text"]
    assert "niet meer dan 10000 tekens" in message
    assert not Reflection.objects.exists()


def test_the_service_refuses_a_million_characters_without_a_form(partner, theme):
    import datetime

    with pytest.raises(ValidationError) as refused:
        theme_services.activity_create(
            author=partner,
            data={
                "theme": theme,
                "title": "Lang",
                "date": datetime.date(2019, 6, 1),
                "description": HUGE,
            },
            publish=True,
        )
    assert "description" in refused.value.message_dict
    assert not Activity.objects.exists()
