"""Every role × every operation of the REST API, each with the role's own API key.

The operations are read from the live OpenAPI schema (/api/schema/), not listed by hand:
an operation without an entry in ``EXPECTED`` fails
``test_every_api_operation_has_an_expectation``. Each entry names who may use it on a given
object (the web's rules, ``tests/test_permission_matrix.py`` has the same world); everyone
else must be refused (403 or 404; no key: 401), and nothing they sent may be saved. Each
request runs in a savepoint that is rolled back.
"""

from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client

from partners.services import api_token_create
from tests.test_permission_matrix import (
    ANONYMOUS,
    CONTRIBUTORS,
    EVERYONE,
    PT,
    READERS,
    ROLES,
    SIGNED_IN,
    build_world,
)
from themes.models import Activity

REPORT_READERS = frozenset({"programmateam", "griffie", "observer"})
ACTIVITY_CHANGERS = {
    "act_own_draft": {"partner", "kartrekker", "programmateam"},
    "act_theme_draft": {"other_partner", "kartrekker", "programmateam"},
    "act_other_draft": {"other_partner", "programmateam"},
    "act_published": {"other_partner", "programmateam"},
}


@dataclass
class Op:
    """Who may call an operation on one object; ``beheer`` (a superuser) always may."""

    allowed: frozenset
    path: object = None  # world -> {path parameter: value}
    body: object = None  # world -> JSON body
    label: str = ""
    superuser_too: bool = True


def activity(key):
    return lambda world: {"id": world[key].pk}


def new_activity(world):
    return {
        "title": "Koffie-ochtend",
        "theme": world["theme_a"].slug,
        "date": "2026-05-01",
        "description": "Voor wie er even uit wil.",
        "owner_organisation": world["other_partner"].organisation.slug,
    }


def change_of(key, partial):
    def body(world):
        activity = world[key]
        changed = {"title": "Gewijzigd via de API", "version": activity.version}
        if partial:
            return changed
        return {
            **changed,
            "theme": activity.theme.slug,
            "date": activity.date.isoformat(),
            "description": activity.description or "Beschrijving",
            "status": activity.status,
        }

    return body


EXPECTED = {
    "GET /api/v1/activiteiten/": [Op(READERS)],
    "POST /api/v1/activiteiten/": [Op(CONTRIBUTORS, body=new_activity)],
    "GET /api/v1/activiteiten/{id}/": [
        Op(frozenset(ACTIVITY_CHANGERS["act_own_draft"]), activity("act_own_draft"), label="own"),
        Op(frozenset(ACTIVITY_CHANGERS["act_theme_draft"]), activity("act_theme_draft")),
        Op(frozenset(ACTIVITY_CHANGERS["act_other_draft"]), activity("act_other_draft")),
        Op(READERS, activity("act_published"), label="published"),
    ],
    **{
        f"{method} /api/v1/activiteiten/{{id}}/": [
            Op(frozenset(allowed), activity(key), change_of(key, method == "PATCH"), key)
            for key, allowed in ACTIVITY_CHANGERS.items()
        ]
        for method in ("PUT", "PATCH")
    },
    "GET /api/v1/agenda/": [Op(EVERYONE)],
    "GET /api/v1/themas/": [Op(READERS)],
    "GET /api/v1/themas/{slug}/": [Op(READERS, lambda world: {"slug": world["theme_a"].slug})],
    "GET /api/v1/dorpskernen/": [Op(READERS)],
    "GET /api/v1/organisaties/": [Op(READERS)],
    "GET /api/v1/din/doelen/": [Op(READERS)],
    "GET /api/v1/din/inspanningen/": [Op(READERS)],
    "GET /api/v1/din/netwerk/": [Op(READERS)],
    "GET /api/v1/rapportages/": [Op(REPORT_READERS)],
    "GET /api/v1/rapportages/{id}/": [
        Op(REPORT_READERS, lambda world: {"id": world["report_published"].pk}, label="published")
    ],
    "GET /api/v1/rapportages/{id}/bestand/{extension}/": [
        Op(
            REPORT_READERS,
            lambda world: {"id": world["report_published"].pk, "extension": "pdf"},
            label="published",
        ),
        Op(
            frozenset(),
            lambda world: {"id": world["report_ready"].pk, "extension": "csv"},
            label="not published: never in the API, for the programme team neither",
            superuser_too=False,
        ),
    ],
}
assert PT <= CONTRIBUTORS <= SIGNED_IN  # the role sets are the permission matrix's


def schema_operations(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    return {
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method in operations
        if method in ("get", "post", "put", "patch", "delete")
    }


@pytest.mark.django_db
def test_every_api_operation_has_an_expectation():
    operations = schema_operations(Client())
    missing = sorted(operations - set(EXPECTED))
    assert not missing, (
        "These API operations have no entry in EXPECTED in tests/test_api_permissions.py: "
        f"{', '.join(missing)}. Say which roles may use each, so that everyone else is "
        "checked to be refused."
    )
    assert not sorted(set(EXPECTED) - operations), "EXPECTED names operations that are gone"


def call(client, operation, op, world):
    method, template = operation.split(" ", 1)
    path = template.format(**(op.path(world) if op.path else {}))
    body = op.body(world) if op.body else None
    if body is None:
        return getattr(client, method.lower())(path)
    return getattr(client, method.lower())(path, body, content_type="application/json")


@pytest.mark.django_db
def test_every_role_gets_exactly_what_it_may_on_every_api_operation():
    world = build_world()
    clients = {ANONYMOUS: Client()}
    for role in SIGNED_IN:
        _token, key = api_token_create(user=world[role], name="matrix")
        clients[role] = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    leaks, refusals, errors = [], [], []
    for operation, ops in sorted(EXPECTED.items()):
        for op in ops:
            allowed = set(op.allowed) | ({"beheer"} if op.superuser_too else set())
            for role in ROLES:
                with transaction.atomic():
                    response = call(clients[role], operation, op, world)
                    if not 200 <= response.status_code < 300:
                        # Refused: nothing it sent may have been saved.
                        assert not Activity.objects.filter(title="Gewijzigd via de API").exists()
                        assert not Activity.objects.filter(title="Koffie-ochtend").exists()
                    transaction.set_rollback(True)
                where = f"{operation} ({op.label})" if op.label else operation
                status = response.status_code
                if status >= 500:
                    errors.append(f"{role}: {where} -> {status}")
                elif role in allowed and not 200 <= status < 300:
                    refusals.append(f"{role}: {where} -> {status} {response.content[:200]!r}")
                elif role not in allowed:
                    expected = (401,) if role == ANONYMOUS else (403, 404)
                    if status not in expected:
                        leaks.append(f"{role}: {where} -> {status}")
    assert not errors, "Server errors:\n  " + "\n  ".join(errors)
    assert not leaks, "Served to roles that may not use it:\n  " + "\n  ".join(leaks)
    assert not refusals, "Refused to roles that may use it:\n  " + "\n  ".join(refusals)
