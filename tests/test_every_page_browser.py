"""Every page of the portal, as every role, on a phone (390 px) and a desktop (1280 px).

The pages are found from the URL conf, not listed by hand: every named route without
arguments, plus every route with arguments opened on one object of its kind from the demo
world (``seed_landerd --demo``). A route with arguments that is neither given an object
below nor named as "not a page" fails ``test_every_route_with_arguments_is_walked_or_named``.

Each page that a role may open must

* fit the screen: the page itself never scrolls sideways (wide tables scroll inside their
  own box, ``.table-scroll``);
* pass axe-core;
* be valid HTML for the Nu HTML Checker (``vnu.jar``, installed from npm by scripts/test
  into ``.cache/vnu``). The checker is slow to start, so it runs once, on all pages.
"""

import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from learning_history.models import Question, Reflection, SelfAnalysis
from partners.models import User
from programme.models import (
    AgendaItem,
    AgendaProposal,
    Effort,
    Goal,
    NetworkEntry,
    PartnerMeeting,
    PhaseReport,
)
from tests.conftest import ARTIFACTS
from tests.factories import (
    AgendaProposalFactory,
    PhaseReportFactory,
    SelfAnalysisFactory,
    UserFactory,
)
from themes.models import Activity, Poll, Theme

pytestmark = pytest.mark.browser

PASSWORD = "samenbeter-test"
WIDTHS = (390, 1280)
# Full-page screenshots of what the partner and the programme team see, at both widths,
# in test-artifacts/every-page/ (slow, so only when asked: EVERY_PAGE_SCREENSHOTS=1).
SCREENSHOTS = os.environ.get("EVERY_PAGE_SCREENSHOTS") == "1"
ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = Path(
    os.environ.get("VNU_JAR", ROOT / ".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar")
)
# The roles of the demo world (e-mail addresses from programme/seeding/demo/accounts.py),
# an observer made here (the demo has none), and a visitor who is not signed in.
ROLES = {
    "anonymous": None,
    "partner": "partner@demo.example",
    "kartrekker": "kartrekker@demo.example",
    "programmateam": "programmateam@demo.example",
    "griffie": "griffie@demo.example",
    "observer": "meelezer@demo.example",
    "beheer": "beheer@demo.example",
}
# Not pages: files, POST-only actions, the admin (Django's own), the language switch and
# signing out (they change state).
NOT_PAGES = {
    "logout",
    "set_language",
    "healthz",
    "kept_file",
    "themes:activity_export",
    "themes:photo_file",
    "themes:activity_effort_options",
    "themes:agenda_ics",
    "themes:agenda_photo",
    "themes:agenda_sitemap",
    "themes:poll_text_remove",
    "themes:activity_builds_on_options",
    "programme:din_export",
    "programme:din_network_join",
    "programme:meeting_pdf",
    "programme:meeting_ics",
    "programme:suggestion_accept",
    "programme:suggestion_dismiss",
    "programme:meeting_publish",
    "programme:agenda_item_move",
    "programme:agenda_item_minutes",
    "programme:proposal_accept",
    "programme:attachment_download",
    "programme:action_item_done",
    "programme:report_build",
    "programme:report_status",
    "programme:report_restart",
    "programme:report_download",
    "programme:agreement_download",  # a file (PDF or Word), not a page
    "learning_history:reflection_visibility",
    # The REST API answers JSON and its schema is a file (its HTML page, api:docs, is
    # walked), and revoking a key
    # is a POST from the keys' page (partners:api_tokens, walked).
    "api:schema",
    "api:activity-detail",
    "api:theme-detail",
    "api:phase-report-detail",
    "api:phase-report-file",
    "partners:api_token_revoke",
}


def named_routes(resolver=None, namespace=""):
    """{full name: whether it takes arguments} for every named route outside the admin."""
    routes = {}
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            for name, takes in named_routes(entry, inner).items():
                routes[name] = takes or bool(entry.pattern.regex.groups)
        elif isinstance(entry, URLPattern) and entry.name:
            routes[namespace + entry.name] = bool(entry.pattern.regex.groups)
    return routes


def first(queryset, make=None):
    """The first row, or one ``make()`` makes where the demo world has none of its kind."""
    found = queryset.order_by("pk").first() or (make() if make else None)
    assert found is not None, f"The demo world has no {queryset.model.__name__}"
    return found


def pk(obj):
    return {"pk": obj.pk}


def object_kwargs():
    """{route name: kwargs} for every route with arguments, on one object of its kind."""
    activity = first(Activity.objects.filter(status="published"))
    theme = first(Theme.objects.filter(goals__isnull=False).distinct())
    goal = first(Goal.objects.filter(theme=theme))
    meeting = first(PartnerMeeting.objects.filter(agenda_items__isnull=False).distinct())
    item = first(AgendaItem.objects.filter(meeting=meeting))
    reflection = first(Reflection.objects.all())
    partner = User.objects.get(email=ROLES["partner"])
    report = first(PhaseReport.objects.all(), lambda: PhaseReportFactory(published=True))
    # The publication preview shows a version that is ready (and not yet published).
    ready = first(
        PhaseReport.objects.filter(status="ready"),
        lambda: PhaseReportFactory(ready=True, phase=report.phase, version=report.version + 1),
    )
    proposal = first(
        AgendaProposal.objects.all(),
        lambda: AgendaProposalFactory(meeting=meeting, proposer=partner),
    )
    analysis = first(
        SelfAnalysis.objects.all(),
        lambda: SelfAnalysisFactory(phase=reflection.phase, organisation=partner.organisation),
    )
    return {
        "password_reset_confirm": {"uidb64": "MQ", "token": "ongeldig-token"},
        "history:object": {"label": "themes.activity", "pk": activity.pk},
        "themes:theme_detail": {"slug": theme.slug},
        "themes:collaboration_form_record": {"slug": theme.slug},
        "themes:activity_detail": pk(activity),
        "themes:activity_update": pk(activity),
        "themes:activity_delete": pk(activity),
        "themes:agenda_detail": pk(
            first(Activity.objects.filter(status="published", is_public=True))
        ),
        "themes:poll": pk(first(Poll.objects.all())),
        "themes:poll_create": {"slug": theme.slug},
        "programme:din_theme": {"slug": theme.slug},
        "programme:din_goal_create": {"slug": theme.slug},
        "programme:din_goal_update": pk(goal),
        "programme:din_indicator_value_create": pk(goal),
        "programme:din_effort_create": pk(goal),
        "programme:din_effort_update": pk(first(Effort.objects.all())),
        "programme:din_network_leave": pk(first(NetworkEntry.objects.all())),
        "programme:meeting_detail": pk(meeting),
        "programme:meeting_update": pk(meeting),
        "programme:meeting_prepare": pk(meeting),
        "programme:meeting_minutes": pk(meeting),
        "programme:agenda_item_create": pk(meeting),
        "programme:agenda_item_update": {"pk": meeting.pk, "item": item.pk},
        "programme:agenda_item_delete": {"pk": meeting.pk, "item": item.pk},
        "programme:proposal_create": pk(meeting),
        "programme:proposal_decline": pk(proposal),
        "programme:report_detail": pk(report),
        "programme:report_publish": pk(ready),
        "learning_history:reflection_detail": pk(reflection),
        "learning_history:reflection_update": pk(reflection),
        "learning_history:quote_approve": pk(reflection),
        "learning_history:question_update": pk(first(Question.objects.all())),
        "learning_history:self_analysis_detail": pk(analysis),
    }


def page_urls():
    urls = []
    kwargs = object_kwargs()
    for name, takes_arguments in sorted(named_routes().items()):
        if name in NOT_PAGES:
            continue
        if not takes_arguments:
            urls.append((name, reverse(name)))
        elif kwargs.get(name) is not None:
            urls.append((name, reverse(name, kwargs=kwargs[name])))
    return urls


def test_every_route_with_arguments_is_walked_or_named():
    # The names only: the objects come from the demo world in the walk below.
    walked = {
        "password_reset_confirm",
        "history:object",
        "themes:theme_detail",
        "themes:collaboration_form_record",
        "themes:activity_detail",
        "themes:activity_update",
        "themes:activity_delete",
        "themes:agenda_detail",
        "themes:poll",
        "themes:poll_create",
        "programme:din_theme",
        "programme:din_goal_create",
        "programme:din_goal_update",
        "programme:din_indicator_value_create",
        "programme:din_effort_create",
        "programme:din_effort_update",
        "programme:din_network_leave",
        "programme:meeting_detail",
        "programme:meeting_update",
        "programme:meeting_prepare",
        "programme:meeting_minutes",
        "programme:agenda_item_create",
        "programme:agenda_item_update",
        "programme:agenda_item_delete",
        "programme:proposal_create",
        "programme:proposal_decline",
        "programme:report_detail",
        "programme:report_publish",
        "learning_history:reflection_detail",
        "learning_history:reflection_update",
        "learning_history:quote_approve",
        "learning_history:question_update",
        "learning_history:self_analysis_detail",
    }
    with_arguments = {name for name, takes in named_routes().items() if takes}
    missing = sorted(with_arguments - walked - NOT_PAGES)
    assert not missing, (
        "Give these routes an object in object_kwargs() (and here), or name them in "
        f"NOT_PAGES if they are not pages: {', '.join(missing)}"
    )


# --- The walk ------------------------------------------------------------------------------

NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"
WIDEST = """() => {
  const limit = window.innerWidth;
  const wide = [...document.querySelectorAll('body *')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.right > limit + 1 && !e.closest('.table-scroll');
  });
  return wide.slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '')
    + ' ' + Math.round(e.getBoundingClientRect().right) + 'px');
}"""


AXE_RUN = "axe.run(document, {resultTypes: ['violations']})"


def sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"{email} could not sign in"


def run_vnu(files):
    """The Nu HTML Checker's errors, by file: one run for all files (it is slow to start)."""
    if not VNU_JAR.exists():
        pytest.fail(f"{VNU_JAR} is missing: scripts/test installs it (npm vnu-jar).")
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    return report["messages"]


@pytest.fixture
def demo_world(transactional_db, settings):
    settings.SESSION_IDLE_TIMEOUT_SECONDS = 10**9
    call_command("seed_landerd", "--demo", "--password", PASSWORD, stdout=open(os.devnull, "w"))  # noqa: SIM115
    UserFactory(email=ROLES["observer"], observer=True, password=PASSWORD)
    return page_urls()


@pytest.mark.browser
def test_every_page_fits_a_phone_passes_axe_and_is_valid_html(browser, live_server, demo_world):
    from axe_playwright_python.base import AxeResults
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    html_dir = ARTIFACTS / "every-page-html"
    html_dir.mkdir(parents=True, exist_ok=True)
    for old in html_dir.glob("*.html"):
        old.unlink()
    screenshots = ARTIFACTS / "every-page"
    screenshots.mkdir(exist_ok=True)

    overflowing, inaccessible, sources, seen = [], [], {}, {}
    checked = {role: 0 for role in ROLES}
    for role, email in ROLES.items():
        context = browser.new_context(
            base_url=live_server.url, locale="nl-NL", viewport={"width": 390, "height": 844}
        )
        # axe-core is loaded into every page once, not sent again for each scan.
        context.add_init_script(axe.axe_script)
        page = context.new_page()
        page.set_default_timeout(15_000)
        if email:
            sign_in(page, email)
        for name, url in demo_world:
            page.set_viewport_size({"width": WIDTHS[0], "height": 844})
            response = page.goto(url)
            if (
                response is None
                or response.status != 200
                or response.request.redirected_from is not None
                or "text/html" not in (response.headers.get("content-type") or "")
            ):
                continue
            html = response.text()
            if not html.lstrip().lower().startswith("<!doctype html"):
                continue  # a part of a page (htmx)
            label = f"{role} {name} {url}"
            file = html_dir / f"{role}--{name.replace(':', '-')}.html"
            file.write_text(html)
            sources[str(file)] = label
            checked[role] += 1
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 844})
                if not page.evaluate(NO_SIDEWAYS_SCROLL):
                    widest = page.evaluate(WIDEST)
                    overflowing.append(f"{label} at {width} px: {', '.join(widest)}")
                # axe once per page and width for the first role that sees it, and for
                # every role on a phone: what differs between roles is mostly buttons.
                key = (name, width)
                if width == WIDTHS[0] or key not in seen:
                    seen[key] = role
                    results = AxeResults(page.evaluate(AXE_RUN))
                    if results.violations_count:
                        inaccessible.append(f"{label} at {width} px:\n{results.generate_report()}")
                if SCREENSHOTS and role in {"partner", "programmateam"}:
                    shot = hashlib.sha1(url.encode()).hexdigest()[:6]
                    page.screenshot(
                        path=screenshots / f"{role}-{name.replace(':', '-')}-{shot}-{width}.png",
                        full_page=True,
                    )
        context.close()

    errors = [
        f"{sources.get(message.get('url', '').removeprefix('file:'), message.get('url'))}: "
        f"line {message.get('lastLine')}: {message.get('message')}"
        for message in run_vnu(sources)
        if message.get("type") in {"error", "non-document-error"}
    ]
    print(
        f"Walked {sum(checked.values())} pages × {len(WIDTHS)} widths "
        f"({', '.join(f'{role}: {count}' for role, count in checked.items())}); "
        f"{len(sources)} HTML documents checked by vnu."
    )
    assert all(checked[role] for role in ROLES), f"A role saw no page: {checked}"
    problems = []
    if overflowing:
        problems.append("The page scrolls sideways:\n  " + "\n  ".join(overflowing))
    if inaccessible:
        problems.append("axe-core found violations:\n" + "\n".join(inaccessible))
    if errors:
        problems.append("The Nu HTML Checker found errors:\n  " + "\n  ".join(errors))
    assert not problems, "\n\n".join(problems)
