"""Counts read as Dutch: "geen besluiten", "één besluit", "10.000 activiteiten"."""

import pytest
from django.template import Context, Template
from django.utils import translation

from landerd_portal.text import counted


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (0, "geen besluiten"),
        (None, "geen besluiten"),
        (1, "één besluit"),
        (2, "2 besluiten"),
        (10000, "10.000 besluiten"),
    ],
)
def test_counted_reads_as_dutch(number, expected):
    with translation.override("nl"):
        assert counted(number, "besluit", "besluiten") == expected


def test_counted_tag_translates_its_nouns_and_stores_the_phrase():
    template = Template(
        '{% load counts %}{% counted n _("besluit") _("besluiten") as decisions %}'
        "Het partneroverleg nam {{ decisions }}."
    )
    with translation.override("nl"):
        assert template.render(Context({"n": 0})) == "Het partneroverleg nam geen besluiten."
        assert template.render(Context({"n": 1})) == "Het partneroverleg nam één besluit."
