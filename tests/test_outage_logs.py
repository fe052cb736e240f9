"""While Redis is away the log says so once, not once per request, and then says it is back.

The outage is real: the cache points at a port where nothing listens (or at a server that
accepts and never answers), and the pages, sessions and /healthz are used as usual.
"""

import logging
import socket
import threading
import time

import pytest

from tests.test_health import hung_server, redis_cache_at  # noqa: F401 - a fixture

REDIS_GONE = "redis://127.0.0.1:9/0"  # port 9 (discard): nothing listens there


def warnings_of(caplog, logger_name):
    return [r for r in caplog.records if r.name == logger_name and r.levelno >= logging.WARNING]


@pytest.fixture
def signed_in(client, partner):
    client.force_login(partner)
    return client


@pytest.mark.django_db
def test_a_cache_outage_logs_one_warning_and_one_when_it_is_back(signed_in, settings, caplog):
    working = settings.CACHES
    settings.CACHE_RETRY_SECONDS = 0  # try Redis on every call: the warnings still come once
    caplog.set_level(logging.INFO)

    settings.CACHES = redis_cache_at(REDIS_GONE)
    for _ in range(5):
        assert signed_in.get("/").status_code == 200
        assert signed_in.get("/activiteiten/").status_code == 200
    gone = warnings_of(caplog, "landerd_portal.cache")
    assert [r.getMessage().split(":")[0] for r in gone] == ["cache unreachable"]
    # No traceback per ignored call, and none of the session store's AttributeErrors that
    # django-redis used to log as the context of each one.
    assert not [r for r in caplog.records if r.exc_info]
    assert "SessionStore" not in caplog.text

    caplog.clear()
    settings.CACHES = working
    assert signed_in.get("/").status_code == 200
    assert signed_in.get("/").status_code == 200
    back = warnings_of(caplog, "landerd_portal.cache")
    assert len(back) == 1
    assert back[0].getMessage().startswith("cache reachable again")


@pytest.mark.django_db
def test_pages_keep_working_from_the_database_while_the_cache_is_down(signed_in, settings):
    settings.CACHES = redis_cache_at(REDIS_GONE)
    response = signed_in.get("/activiteiten/")
    assert response.status_code == 200
    assert response.wsgi_request.user.email == "partner@example.org"


@pytest.mark.django_db
def test_a_hung_cache_costs_one_time_out_per_retry_interval_not_one_per_call(
    signed_in,
    settings,
    hung_server,  # noqa: F811 - the fixture imported above
):
    settings.CACHES = redis_cache_at(hung_server)
    settings.CACHES["default"]["OPTIONS"].update(SOCKET_CONNECT_TIMEOUT=0.5, SOCKET_TIMEOUT=0.5)
    settings.CACHE_RETRY_SECONDS = 60
    started = time.monotonic()
    for _ in range(5):
        assert signed_in.get("/activiteiten/").status_code == 200
    # Each page makes several cache calls; without the retry interval this took 10 s or more.
    assert time.monotonic() - started < 3


@pytest.mark.django_db
def test_a_broker_outage_logs_one_warning_and_one_when_it_is_back(client, settings, caplog):
    working = settings.CELERY_BROKER_URL, settings.CELERY_BROKER_TRANSPORT_OPTIONS
    caplog.set_level(logging.INFO)
    settings.CELERY_BROKER_URL, settings.CELERY_BROKER_TRANSPORT_OPTIONS = REDIS_GONE, {}
    for _ in range(3):
        assert client.get("/healthz").status_code == 503
    gone = warnings_of(caplog, "landerd_portal.broker")
    assert [r.getMessage().split(":")[0] for r in gone] == ["broker unreachable"]
    # A check /healthz stopped waiting for may still end, and log its failure, after the
    # broker is back: let the outage's checks finish first (they were flaky under load).
    for thread in threading.enumerate():
        if thread.name.startswith("healthz-"):
            thread.join(timeout=10)

    caplog.clear()
    settings.CELERY_BROKER_URL, settings.CELERY_BROKER_TRANSPORT_OPTIONS = working
    assert client.get("/healthz").status_code == 200
    assert client.get("/healthz").status_code == 200
    back = warnings_of(caplog, "landerd_portal.broker")
    assert [r.getMessage().split(" after")[0] for r in back] == ["broker reachable again"]


def test_nothing_listens_where_the_tests_put_the_missing_redis():
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", 9), timeout=1):
        pass
