"""/healthz tells within seconds whether the database, the broker and the cache answer."""

import socket
import threading
import time

import pytest

from landerd_portal.views import run_checks

REDIS_CACHE = "landerd_portal.cache.PortalRedisCache"


@pytest.fixture
def hung_server():
    """A TCP server that accepts every connection and never says a word: a hung Redis."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted, stop = [], threading.Event()

    def accept():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def redis_cache_at(url):
    return {
        "default": {
            "BACKEND": REDIS_CACHE,
            "LOCATION": url,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }


@pytest.mark.django_db
def test_healthz_reports_ok_when_database_broker_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True, "broker": True, "cache": True}


@pytest.mark.django_db
def test_healthz_answers_503_when_the_broker_is_unreachable(client, settings):
    # Port 9 (discard) has no broker listening on this machine.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] is False
    assert response.json()["database"] is True


@pytest.mark.django_db
def test_healthz_answers_503_within_3_seconds_when_the_brokers_redis_hangs(
    client, settings, hung_server
):
    settings.CELERY_BROKER_URL = hung_server
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}
    started = time.monotonic()
    response = client.get("/healthz")
    assert time.monotonic() - started < 3
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": True,
        "broker": False,
        "cache": True,
    }


@pytest.mark.django_db
def test_healthz_answers_within_3_seconds_that_the_cache_is_down_when_its_redis_hangs(
    client, settings, hung_server
):
    # Long socket time-outs on purpose: the overall deadline alone must cut the check off.
    settings.CACHES = redis_cache_at(hung_server)
    settings.CACHES["default"]["OPTIONS"].update(SOCKET_CONNECT_TIMEOUT=30, SOCKET_TIMEOUT=30)
    started = time.monotonic()
    response = client.get("/healthz")
    assert time.monotonic() - started < 3
    # The portal works without its cache (more slowly): reported, not taken out of service.
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": True,
        "broker": True,
        "cache": False,
    }


def test_a_check_that_never_returns_fails_at_the_deadline():
    release = threading.Event()
    started = time.monotonic()
    results = run_checks({"stuck": release.wait, "quick": lambda: True}, deadline=0.3)
    release.set()
    assert results == {"stuck": False, "quick": True}
    assert time.monotonic() - started < 1
