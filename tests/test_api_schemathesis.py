"""The REST API against its own OpenAPI schema, from outside: schemathesis.

Schemathesis reads the live schema (/api/schema/) and sends each operation generated
requests (a bounded number, so the suite stays quick), with a real API key of the
programme team (who may read and change everything) over a world with data. No answer may
be a server error, and every answer must match the schema: its status code, content
type, headers and body.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from partners.services import api_token_create
from tests.factories import PhaseReportFactory, VillageFactory
from tests.test_permission_matrix import build_world

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES_PER_OPERATION = 10


@pytest.fixture
def wsgi_keeps_the_test_transaction():
    """The WSGI handler closes the database connection after each request (Django's
    ``close_old_connections``); the test client switches that off, and so do we here, or the
    first request would end the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_world(db, wsgi_keeps_the_test_transaction):
    world = build_world()
    VillageFactory(name="Reek", slug="reek")
    PhaseReportFactory(phase=world["report_published"].phase, published=True)
    _token, key = api_token_create(user=world["programmateam"], name="schemathesis")
    world["key"] = key
    return world


def live_schema():
    """The schema as the portal serves it, called in-process through its WSGI application.

    Read when the tests are collected (serving it needs no database); the requests of the
    test itself run inside its database transaction.
    """
    from landerd_portal.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


schema = live_schema()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_as_its_schema_says(case, api_world):
    case.call_and_validate(headers={"Authorization": f"Bearer {api_world['key']}"}, checks=CHECKS)
