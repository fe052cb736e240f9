"""No query string makes a page fail: hostile filter values are refused or ignored.

The pages are found from the URL conf, not listed by hand: every named route without
arguments that a role may open with GET. Each page is then sent malformed values (a NUL
byte, an invalid id or date, a huge string, an unknown choice) for every parameter its GET
forms declare, plus a few generic ones, as every role. The answer may be a 200, a 400 or
a redirect; never a 500.
"""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import (
    ActivityFactory,
    PartnerMeetingFactory,
    PhaseReportFactory,
    ReflectionFactory,
    VillageFactory,
)

HUGE = "x" * 10_000 + "\x00"
HOSTILE_VALUES = ["\x00", "abc\x00def", HUGE, "-1", "99999999999999999999", "2020-13-45"]
GENERIC_QUERIES = [
    {"fase": "\x00"},
    {"thema": "\x00"},
    {"thema": HUGE},
    {"theme": "\x00"},
    {"theme": "99999999999999999999"},
    {"page": "-1"},
    {"page": "abc"},
    {"pagina": "99999999999999999999"},
    {"page": "99999999999999999999"},
    {"van": "2020-13-45"},
    {"tot": "\x00"},
    {"zoek": HUGE},
    {"q": HUGE},
    {"dorp": ["\x00", "zeeland", "-1"]},
]
# Sign-out changes state. The admin's add forms fill their fields from the query string
# (Django's own behaviour, ?theme=<id>) and answer a malformed id with a 500; only the
# administrator opens them. The admin's lists are fuzzed like ours.
SKIPPED_NAMES = {"logout"}


def skipped(name):
    return name.split(":")[-1] in SKIPPED_NAMES or (
        name.startswith("admin:") and name.endswith("_add")
    )


def routes_without_arguments(resolver=None, namespace=""):
    """The names of every route that needs no argument, e.g. "themes:activity_list"."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.pattern.regex.groups:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from routes_without_arguments(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name and not entry.pattern.regex.groups:
            if not skipped(namespace + entry.name):
                yield namespace + entry.name


class GetFormFields(HTMLParser):
    """The names of the fields of every <form method="get"> in a page."""

    def __init__(self):
        super().__init__()
        self.names = set()
        self.in_get_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_get_form = (attrs.get("method") or "get").lower() == "get"
        elif self.in_get_form and tag in {"input", "select", "textarea"} and attrs.get("name"):
            self.names.add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_get_form = False


def filter_parameters(html):
    parser = GetFormFields()
    parser.feed(html)
    return parser.names - {"csrfmiddlewaretoken"}


@pytest.fixture
def some_data(users, theme, phase):
    village = VillageFactory()
    for status in ("draft", "published"):
        activity = ActivityFactory(
            theme=theme, owner_organisation=users["partner"].organisation, status=status
        )
        activity.villages.add(village)
    PartnerMeetingFactory(published=True)
    PhaseReportFactory(published=True, phase=phase)
    ReflectionFactory(published=True, theme=theme, phase=phase)


def test_routes_are_found_from_the_url_conf():
    names = set(routes_without_arguments())
    assert {"themes:activity_list", "programme:meeting_list", "learning_history:index"} <= names
    assert "themes:activity_detail" not in names  # needs a pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role",
    ["partner", "kartrekker", "programmateam", "griffie", "observer", "beheer"],
)
def test_no_query_string_makes_a_list_page_fail(role, users, some_data):
    client = Client()
    client.force_login(users[role])
    failures, pages_with_filters = [], set()
    for name in routes_without_arguments():
        url = reverse(name)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parameters = filter_parameters(response.content.decode())
        if parameters:
            pages_with_filters.add(name)
        queries = [*GENERIC_QUERIES]
        queries += [{parameter: value} for parameter in parameters for value in HOSTILE_VALUES]
        queries.append({parameter: HOSTILE_VALUES[1] for parameter in parameters})
        for query in queries:
            try:
                status = client.get(url, query).status_code
            except Exception as error:  # noqa: BLE001 - a 500 in the test client
                failures.append(f"{name} {query!r:.80}: {type(error).__name__}: {error!s:.200}")
                continue
            if status >= 500:
                failures.append(f"{name} {query!r:.80}: {status}")
    assert not failures, "\n".join(failures)
    # The fuzzing reached the filter forms, not just pages without any.
    if role == "programmateam":
        assert {"themes:activity_list", "learning_history:index"} <= pages_with_filters
