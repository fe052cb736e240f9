"""Fixtures shared by all tests: users per role, media in a temporary folder, a browser."""

import os
from importlib import import_module
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import override_settings

from landerd_portal.logs import BROKER, CACHE
from tests.factories import (
    OrganisationFactory,
    PhaseFactory,
    ThemeFactory,
    UserFactory,
    WorkingGroupFactory,
)
from themes.models import HealthDimension, TargetGroup

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make around it are still synchronous, so Django's async guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# Tests that use these fixtures (directly or through another fixture) must carry the
# marker, so that `-m "not browser"` / `-m "not worker"` leave out every slow test.
MARKED_FIXTURES = {"browser": "browser", "celery_worker_process": "worker"}


def pytest_collection_modifyitems(config, items):
    """Refuse to run a test that drives Chromium or a Celery worker without its marker."""
    unmarked = [
        f"{item.nodeid}: uses `{fixture}` but lacks @pytest.mark.{marker}"
        for item in items
        for fixture, marker in MARKED_FIXTURES.items()
        if fixture in getattr(item, "fixturenames", ()) and not item.get_closest_marker(marker)
    ]
    if unmarked:
        raise pytest.UsageError("Unmarked slow tests:\n  " + "\n  ".join(unmarked))


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """MD5 instead of PBKDF2 for the whole run: every user a factory makes is hashed, and
    the production hasher is slow on purpose (about 0.25 s per user). Global settings, so
    the live server's thread (browser sign-ins) uses it too; the Celery worker process
    neither hashes nor checks passwords."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


# The rows a data migration loads, which a flush takes away (see fixed_vocabularies).
VOCABULARIES = import_module("themes.migrations.0002_fixed_vocabularies")
DATABASE_FIXTURES = {"db", "transactional_db", "live_server"}


@pytest.fixture(autouse=True)
def fixed_vocabularies(request):
    """The target groups and health dimensions the migration loads, for every database test.

    A transactional test (browser, worker) empties every table when it ends, so a later
    test cannot count on the migration's rows, in this run nor in the next one that reuses
    the database (--reuse-db): put them back when they are gone.
    """
    uses_database = request.node.get_closest_marker("django_db") or (
        DATABASE_FIXTURES & set(request.fixturenames)
    )
    if not uses_database:
        return
    # pytest-django's public `db` fixture opens the database as the test's marker (or
    # `transactional_db`, `live_server`) says, transactional or not: the test is unchanged.
    request.getfixturevalue("db")
    for model, rows in (
        (TargetGroup, VOCABULARIES.TARGET_GROUPS),
        (HealthDimension, VOCABULARIES.HEALTH_DIMENSIONS),
    ):
        if model.objects.count() == len(rows):
            continue
        for order, (code, name) in enumerate(rows, start=1):
            model.objects.get_or_create(code=code, defaults={"name": name, "order": order})


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database was rolled back, so cached page
    parts and sessions from an earlier test describe rows that no longer exist. An outage
    a test made up (landerd_portal.logs) ends with it."""
    CACHE.reset()
    BROKER.reset()
    cache.clear()


@pytest.fixture(autouse=True)
def eager_email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="ONS Welzijn")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="GGD")


@pytest.fixture
def theme(db):
    theme = ThemeFactory(name="Eenzaamheid", slug="eenzaamheid")
    WorkingGroupFactory(theme=theme)
    return theme


@pytest.fixture
def partner(organisation):
    return UserFactory(email="partner@example.org", organisation=organisation)


@pytest.fixture
def other_partner(other_organisation):
    return UserFactory(email="partner2@example.org", organisation=other_organisation)


@pytest.fixture
def kartrekker(organisation, theme):
    user = UserFactory(email="kartrekker@example.org", organisation=organisation, kartrekker=True)
    theme.working_group.kartrekker = user
    theme.working_group.save()
    return user


@pytest.fixture
def programmateam(db):
    return UserFactory(email="programmateam@example.org", programmateam=True)


@pytest.fixture
def griffie(db):
    return UserFactory(email="griffie@example.org", griffie=True)


@pytest.fixture
def observer(db):
    return UserFactory(email="meelezer@example.org", observer=True)


@pytest.fixture
def beheer(db):
    return UserFactory(email="beheer@example.org", beheer=True)


@pytest.fixture
def users(partner, other_partner, kartrekker, programmateam, griffie, observer, beheer):
    """One signed-in user per role, by role name, for permission matrices."""
    return {
        "partner": partner,
        "other_partner": other_partner,
        "kartrekker": kartrekker,
        "programmateam": programmateam,
        "griffie": griffie,
        "observer": observer,
        "beheer": beheer,
    }


@pytest.fixture
def phase(db):
    return PhaseFactory()


# --- Browser ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--lang=nl-NL",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    """A page the size of a common phone, to see that forms fit the screen."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def sign_in(page, user, password=None):
    from tests.factories import TEST_PASSWORD

    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(password or TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def assert_accessible(page, name):
    """Run axe-core on the page; fail with the violations listed. Saves a screenshot."""
    from axe_playwright_python.sync_playwright import Axe

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


# --- Celery worker ----------------------------------------------------------------------


@pytest.fixture
def celery_worker_process(transactional_db, settings):
    """A real `celery worker` process on the configured broker, using the test database.

    The worker is a separate process, so it only sees committed rows: tests that use it
    need `transactional_db` (implied here).
    """
    import subprocess
    import sys
    import time

    from landerd_portal.celery import app

    database = settings.DATABASES["default"]
    env = {**os.environ, "CELERY_TASK_ALWAYS_EAGER": "false"}
    if database["ENGINE"].endswith("postgresql"):
        env["DATABASE_URL"] = (
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        )
    else:
        env["DATABASE_URL"] = f"sqlite:///{database['NAME']}"
    env["MEDIA_ROOT"] = str(settings.MEDIA_ROOT)
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / "celery-worker.log", "ab")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "landerd_portal",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=1):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("The Celery worker did not start; see celery-worker.log")
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
