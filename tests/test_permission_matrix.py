"""Every role × every named route × GET and POST, against a world of two organisations.

The routes are read from the URL configuration, not listed by hand: a route that is not
in ``EXPECTED`` below fails ``test_every_named_route_has_an_expectation``, so nobody adds a
page without saying who may open it. Each expectation names who may use the route on a
given object; every other role must be refused (403 or 404, signed-out visitors sent to
the login page). Whoever is allowed must not be refused. The griffie and the observer
belong to the first organisation here on purpose: membership must never open anything
internal to them (issue 11). Each request runs in a savepoint that is rolled back, so a
POST that changes something (publish, delete) does not change the world for the next.
"""

from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from landerd_portal import pending_uploads
from learning_history.models import Reflection
from partners.models import User
from partners.services import api_token_create
from programme.models import ActionItem, AgendaAttachment
from tests.factories import (
    ActivityFactory,
    AgendaItemFactory,
    AgendaProposalFactory,
    EffortFactory,
    GoalFactory,
    NetworkEntryFactory,
    OrganisationFactory,
    PartnerMeetingFactory,
    PhaseFactory,
    PhaseReportFactory,
    PollAnswerFactory,
    PollFactory,
    QuestionFactory,
    ReflectionFactory,
    SelfAnalysisFactory,
    ThemeFactory,
    UserFactory,
    WorkingGroupFactory,
)
from themes.models import ActivityPhoto

# The smallest PNG (one transparent pixel).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000050001"
    "0d0a2db40000000049454e44ae426082"
)
ANONYMOUS = "anonymous"
ROLES = [
    ANONYMOUS,
    "partner",
    "other_partner",
    "kartrekker",
    "programmateam",
    "griffie",
    "observer",
    "beheer",
]
SIGNED_IN = frozenset(ROLES) - {ANONYMOUS}
EVERYONE = frozenset(ROLES)
# Who may read the programme's internal material, and who contributes to it.
READERS = frozenset({"partner", "other_partner", "kartrekker", "programmateam", "observer"})
CONTRIBUTORS = frozenset({"partner", "other_partner", "kartrekker", "programmateam"})
PT = frozenset({"programmateam"})
NOBODY = frozenset()
# Routes outside this table's care: Django's admin checks is_staff itself (its index is
# checked below); the static media route exists only with DEBUG.
NOT_COVERED_NAMESPACES = {"admin"}


@dataclass
class Case:
    """Who may use a route on one object. ``beheer`` (a superuser) may do anything."""

    allowed: frozenset
    kwargs: object = None  # world -> URL kwargs
    label: str = ""
    post_allowed: frozenset | None = None  # when POST differs from GET
    post_data: dict = field(default_factory=dict)
    post: bool = True  # False: not posted (it would sign out or switch the language)
    superuser_too: bool = True  # False: one user's own file, which beheer does not see either


def on(key, attribute="pk", name=None):
    return lambda world: {name or attribute: getattr(world[key], attribute)}


def meeting_item(meeting_key, item_key):
    return lambda world: {"pk": world[meeting_key].pk, "item": world[item_key].pk}


def report(key, extension=None):
    def kwargs(world):
        values = {"pk": world[key].pk}
        if extension:
            values["extension"] = extension
        return values

    return kwargs


# --- Who may do what, route by route ------------------------------------------------------

PUBLIC = [Case(EVERYONE)]

EXPECTED = {
    "dashboard": [Case(SIGNED_IN)],
    "healthz": PUBLIC,
    "login": PUBLIC,
    "logout": [Case(EVERYONE, post=False)],
    "password_change": [Case(SIGNED_IN)],
    "password_change_done": [Case(SIGNED_IN)],
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    "password_reset_confirm": [
        Case(EVERYONE, kwargs=lambda world: {"uidb64": "MQ", "token": "ongeldig-token"})
    ],
    "password_reset_complete": PUBLIC,
    "set_language": [Case(EVERYONE, post=False)],
    "privacy": PUBLIC,
    # A photo kept after a form error (landerd_portal.pending_uploads): its uploader only.
    "kept_file": [
        Case(
            {"partner"},
            lambda world: {"token": world["kept_photo"].token},
            "the partner's own",
            superuser_too=False,
        )
    ],
    "favicon": PUBLIC,
    # The audit trail of any object: the programme team and beheer.
    "history:object": [
        Case(PT, lambda world: {"label": "themes.activity", "pk": world["act_own_draft"].pk}),
        Case(PT, lambda world: {"label": "partners.user", "pk": world["partner"].pk}, "a user"),
    ],
    # Themes and activities.
    "themes:theme_list": [Case(READERS)],
    "themes:theme_detail": [Case(READERS, kwargs=on("theme_a", "slug"))],
    "themes:activity_list": [Case(READERS)],
    "themes:activity_export": [Case(READERS, kwargs=lambda world: {"file_format": "csv"})],
    "themes:activity_create": [Case(CONTRIBUTORS)],
    "themes:activity_effort_options": [Case(CONTRIBUTORS)],
    # Issue 16: practices spreading, the search beside "voortbouwend op", and the working
    # group's form of collaboration (its kartrekker and the programme team).
    "themes:activity_spread": [Case(READERS)],
    "themes:activity_builds_on_options": [Case(CONTRIBUTORS)],
    "themes:collaboration_form_record": [
        Case({"kartrekker", "programmateam"}, on("theme_a", "slug"), "the kartrekker's theme"),
        Case(PT, on("theme_b", "slug"), "another theme"),
    ],
    **{
        name: [
            Case({"partner", "kartrekker", "programmateam"}, on("act_own_draft"), "own draft"),
            Case(
                {"other_partner", "kartrekker", "programmateam"},
                on("act_theme_draft"),
                "draft in the kartrekker's theme",
            ),
            Case({"other_partner", "programmateam"}, on("act_other_draft"), "other's draft"),
            Case(
                READERS if name == "themes:activity_detail" else {"other_partner", "programmateam"},
                on("act_published"),
                "published",
            ),
        ]
        for name in ("themes:activity_detail", "themes:activity_update", "themes:activity_delete")
    },
    # A photo's file follows its activity's page.
    "themes:photo_file": [
        Case({"partner", "kartrekker", "programmateam"}, on("photo_own_draft"), "own draft"),
        Case(READERS, on("photo_published"), "published"),
    ],
    # The public agenda and the residents' polls: no login (issue 17).
    "themes:agenda": PUBLIC,
    "themes:agenda_ics": PUBLIC,
    "themes:agenda_sitemap": PUBLIC,
    "themes:agenda_detail": [Case(EVERYONE, on("act_public"), "public")],
    "themes:agenda_photo": [
        Case(
            EVERYONE,
            lambda world: {"pk": world["act_public"].pk, "photo": world["photo_public"].pk},
            "public",
        )
    ],
    "themes:poll": [Case(EVERYONE, on("poll_a"))],
    "themes:poll_create": [
        Case({"kartrekker", "programmateam"}, on("theme_a", "slug"), "led theme"),
        Case(PT, on("theme_b", "slug"), "other theme"),
    ],
    "themes:poll_text_remove": [
        Case({"kartrekker", "programmateam"}, on("answer_a"), "led theme"),
        Case(PT, on("answer_b"), "other theme"),
    ],
    # The DIN.
    "programme:din": [Case(READERS)],
    "programme:din_network": [Case(READERS)],
    "programme:din_export": [Case(READERS)],
    "programme:din_theme": [Case(READERS, kwargs=on("theme_a", "slug"))],
    "programme:din_goal_create": [
        Case({"kartrekker", "programmateam"}, on("theme_a", "slug"), "led theme"),
        Case(PT, on("theme_b", "slug"), "other theme"),
    ],
    **{
        name: [
            Case({"kartrekker", "programmateam"}, on("goal_a"), "led theme"),
            Case(PT, on("goal_b"), "other theme"),
        ]
        for name in (
            "programme:din_goal_update",
            "programme:din_indicator_value_create",
            "programme:din_effort_create",
        )
    },
    "programme:din_effort_update": [
        Case({"kartrekker", "programmateam"}, on("effort_a"), "led theme"),
        Case(PT, on("effort_b"), "other theme"),
    ],
    "programme:din_network_join": [Case(CONTRIBUTORS, on("effort_b"))],
    "programme:din_network_leave": [
        Case({"partner", "kartrekker", "programmateam"}, on("network_a"), "own organisation"),
        Case({"other_partner", "programmateam"}, on("network_b"), "other organisation"),
    ],
    # Partner meetings.
    "programme:meeting_list": [Case(READERS)],
    "programme:meeting_create": [Case(PT)],
    **{
        name: [
            Case(PT, on("meeting_draft"), "draft"),
            Case(READERS, on("meeting_published"), "published"),
        ]
        for name in (
            "programme:meeting_detail",
            "programme:meeting_pdf",
            "programme:meeting_ics",
        )
    },
    **{
        name: [Case(PT, on("meeting_draft"))]
        for name in (
            "programme:meeting_update",
            "programme:meeting_prepare",
            "programme:suggestion_accept",
            "programme:suggestion_dismiss",
            "programme:meeting_publish",
            "programme:agenda_item_create",
        )
    },
    "programme:meeting_minutes": [Case(PT, on("meeting_published"))],
    **{
        name: [Case(PT, meeting_item("meeting_draft", "item_draft"))]
        for name in (
            "programme:agenda_item_update",
            "programme:agenda_item_delete",
            "programme:agenda_item_move",
            "programme:agenda_item_minutes",
        )
    },
    "programme:proposal_create": [
        Case({"partner", "other_partner", "kartrekker"}, on("meeting_draft"), "taking proposals"),
        Case(NOBODY, on("meeting_published"), "agenda published"),
    ],
    "programme:proposal_accept": [Case(PT, on("proposal"))],
    "programme:proposal_decline": [Case(PT, on("proposal"))],
    "programme:attachment_download": [
        Case(PT, on("attachment_draft"), "draft meeting"),
        Case(READERS, on("attachment_published"), "published meeting"),
    ],
    "programme:action_item_done": [Case({"partner", "programmateam"}, on("action_item"))],
    # Phase reports: the griffie and observers read published versions only.
    "programme:report_list": [Case({"programmateam", "griffie", "observer"})],
    "programme:report_build": [Case(PT)],
    # The collaboration agreement is a draft for the programme team only (PDF; Word alike).
    "programme:agreement_download": [Case(PT)],
    **{
        name: [
            Case(PT, report("report_ready", extension), "not published"),
            Case(
                {"programmateam", "griffie", "observer"},
                report("report_published", extension),
                "published",
            ),
        ]
        for name, extension in (
            ("programme:report_detail", None),
            ("programme:report_status", None),
            ("programme:report_download", "pdf"),
        )
    },
    "programme:report_publish": [Case(PT, on("report_ready"))],
    "programme:report_restart": [Case(PT, on("report_ready"))],
    # The programme's phases: the programme team adds the next one.
    "programme:phase_list": [Case(PT)],
    "programme:phase_create": [Case(PT)],
    # The learning history.
    "learning_history:index": [Case(READERS)],
    "learning_history:reflection_create": [Case(CONTRIBUTORS)],
    "learning_history:reflection_detail": [
        Case({"partner", "programmateam"}, on("refl_own_draft"), "own draft"),
        Case({"other_partner", "programmateam"}, on("refl_other_draft"), "other's draft"),
        Case(CONTRIBUTORS, on("refl_shared"), "shared"),
        Case(READERS, on("refl_published"), "published"),
        Case(
            {"partner", "other_partner", "programmateam"},
            on("refl_quote_partner"),
            "draft quoting the partner",
        ),
        Case({"other_partner", "programmateam"}, on("refl_quote_griffie"), "quoting the griffie"),
        Case({"other_partner", "programmateam"}, on("refl_quote_observer"), "quoting an observer"),
    ],
    "learning_history:reflection_update": [
        Case({"partner", "programmateam"}, on("refl_own_draft"), "own draft"),
        Case({"other_partner", "programmateam"}, on("refl_other_draft"), "other's draft"),
        Case({"other_partner", "programmateam"}, on("refl_shared"), "shared"),
        Case(PT, on("refl_published"), "published"),
        Case({"other_partner", "programmateam"}, on("refl_quote_griffie"), "quoting the griffie"),
    ],
    # Any signed-in user may ask (GET: 405); publishing is for curators only.
    "learning_history:reflection_visibility": [
        Case(
            SIGNED_IN,
            on("refl_shared"),
            "shared",
            post_allowed=PT,
            post_data={"visibility": "published"},
        ),
        Case(
            SIGNED_IN,
            on("refl_own_draft"),
            "own draft",
            post_allowed=PT,
            post_data={"visibility": "published"},
        ),
    ],
    "learning_history:quote_approve": [
        Case({"partner"}, on("refl_quote_partner"), "the partner quoted"),
        Case(NOBODY, on("refl_quote_griffie"), "the griffie quoted"),
        Case(NOBODY, on("refl_quote_observer"), "an observer quoted"),
    ],
    "learning_history:question_create": [Case(CONTRIBUTORS)],
    "learning_history:question_update": [Case({"kartrekker", "programmateam"}, on("question_a"))],
    "learning_history:kijkglas": [Case(READERS)],
    "learning_history:kijkglas_rate": [Case({"partner", "other_partner", "kartrekker"})],
    "learning_history:self_analysis": [Case(READERS)],
    "learning_history:self_analysis_fill": [Case({"partner", "other_partner", "kartrekker"})],
    "learning_history:self_analysis_joint": [Case(PT)],
    # API keys: each user their own (partners.views).
    "partners:api_tokens": [Case(SIGNED_IN)],
    "partners:api_token_revoke": [Case({"partner"}, on("api_token"), "the partner's own")],
    # The REST API (a signed-out caller gets 401, counted as "sign in"): the web's rules.
    # Its reads here; its writes (PUT, PATCH), with API keys, in tests/test_api_permissions.py.
    "api:root": PUBLIC,
    "api:schema": PUBLIC,
    "api:docs": PUBLIC,
    "api:agenda-list": [Case(EVERYONE, post=False)],
    "api:activity-list": [Case(READERS, post_allowed=CONTRIBUTORS)],
    "api:activity-detail": [
        Case(
            {"partner", "kartrekker", "programmateam"}, on("act_own_draft"), "own draft", post=False
        ),
        Case(
            {"other_partner", "kartrekker", "programmateam"},
            on("act_theme_draft"),
            "draft in the kartrekker's theme",
            post=False,
        ),
        Case(
            {"other_partner", "programmateam"}, on("act_other_draft"), "other's draft", post=False
        ),
        Case(READERS, on("act_published"), "published", post=False),
    ],
    "api:theme-list": [Case(READERS, post=False)],
    "api:theme-detail": [Case(READERS, kwargs=on("theme_a", "slug"), post=False)],
    "api:village-list": [Case(READERS, post=False)],
    "api:organisation-list": [Case(READERS, post=False)],
    "api:din-goal-list": [Case(READERS, post=False)],
    "api:din-effort-list": [Case(READERS, post=False)],
    "api:din-network-list": [Case(READERS, post=False)],
    "api:phase-report-list": [Case({"programmateam", "griffie", "observer"}, post=False)],
    "api:phase-report-detail": [
        Case(
            {"programmateam", "griffie", "observer"},
            on("report_published"),
            "published",
            post=False,
        ),
        # Only published versions are in the API, for the programme team neither.
        Case(NOBODY, on("report_ready"), "not published", superuser_too=False, post=False),
    ],
    "api:phase-report-file": [
        Case(
            {"programmateam", "griffie", "observer"},
            report("report_published", "pdf"),
            "published",
            post=False,
        ),
        Case(
            NOBODY, report("report_ready", "pdf"), "not published", superuser_too=False, post=False
        ),
    ],
    "learning_history:self_analysis_detail": [
        Case({"partner", "kartrekker", "programmateam"}, on("self_analysis_a"), "organisation A"),
        Case({"other_partner", "programmateam"}, on("self_analysis_b"), "organisation B"),
        Case(READERS, on("self_analysis_joint"), "joint"),
    ],
}


# --- The routes and the world ---------------------------------------------------------------


def named_routes(patterns=None, namespace=None):
    """Every named route of the URL configuration: {full name: its pattern}."""
    routes = {}
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            if inner in NOT_COVERED_NAMESPACES:
                continue
            routes.update(named_routes(pattern.url_patterns, inner))
        elif isinstance(pattern, URLPattern) and pattern.name:
            routes[f"{namespace}:{pattern.name}" if namespace else pattern.name] = pattern
    return routes


def build_world():
    org_a = OrganisationFactory(name="ONS Welzijn")
    org_b = OrganisationFactory(name="GGD Hart voor Brabant")
    theme_a = ThemeFactory(name="Eenzaamheid", slug="eenzaamheid")
    theme_b = ThemeFactory(name="Mantelzorg", slug="mantelzorg")
    users = {
        "partner": UserFactory(email="partner@example.org", organisation=org_a),
        "other_partner": UserFactory(email="partner2@example.org", organisation=org_b),
        "kartrekker": UserFactory(
            email="kartrekker@example.org", organisation=org_a, kartrekker=True
        ),
        "programmateam": UserFactory(
            email="programmateam@example.org", programmateam=True, organisation=None
        ),
        # Members of organisation A: that must give them nothing internal.
        "griffie": UserFactory(email="griffie@example.org", griffie=True, organisation=org_a),
        "observer": UserFactory(email="meelezer@example.org", observer=True, organisation=org_a),
        "beheer": UserFactory(email="beheer@example.org", beheer=True),
    }
    WorkingGroupFactory(theme=theme_a, kartrekker=users["kartrekker"])
    WorkingGroupFactory(theme=theme_b)
    phase = PhaseFactory()
    goal_a, goal_b = GoalFactory(theme=theme_a), GoalFactory(theme=theme_b)
    effort_a, effort_b = EffortFactory(goal=goal_a), EffortFactory(goal=goal_b)
    act_own_draft = ActivityFactory(theme=theme_b, owner_organisation=org_a)
    act_published = ActivityFactory(theme=theme_b, owner_organisation=org_b, published=True)
    act_public = ActivityFactory(
        theme=theme_b, owner_organisation=org_b, public=True, date=timezone.localdate()
    )
    poll_a, poll_b = PollFactory(theme=theme_a), PollFactory(theme=theme_b)
    meeting_draft = PartnerMeetingFactory()
    meeting_published = PartnerMeetingFactory(published=True)
    item_draft = AgendaItemFactory(meeting=meeting_draft)
    item_published = AgendaItemFactory(meeting=meeting_published)

    def attachment(item):
        return AgendaAttachment.objects.create(
            agenda_item=item,
            file=ContentFile(b"%PDF-1.4 agenda", name="stuk.pdf"),
            name="stuk.pdf",
            content_type="application/pdf",
            size=15,
        )

    def reflection(author, **kwargs):
        return ReflectionFactory(phase=phase, theme=theme_b, author=author, **kwargs)

    def quoting(approver):
        return reflection(users["other_partner"], quote="Dit zei ik.", quote_approver=approver)

    def photo(activity):
        return ActivityPhoto.objects.create(
            activity=activity,
            image=ContentFile(PNG, name="foto.png"),
            alt_text="Een foto",
            consent=True,
        )

    def finished_report(**kwargs):
        version = PhaseReportFactory(phase=phase, **kwargs)
        version.pdf.save("rapport.pdf", ContentFile(b"%PDF-1.4 rapport"), save=False)
        version.csv.save("bijlage.csv", ContentFile(b"titel\n"), save=False)
        version.save()
        return version

    return {
        **users,
        "theme_a": theme_a,
        "theme_b": theme_b,
        "act_own_draft": act_own_draft,
        "act_theme_draft": ActivityFactory(theme=theme_a, owner_organisation=org_b),
        "act_other_draft": ActivityFactory(theme=theme_b, owner_organisation=org_b),
        "act_published": act_published,
        "photo_own_draft": photo(act_own_draft),
        "photo_published": photo(act_published),
        "act_public": act_public,
        "photo_public": photo(act_public),
        "poll_a": poll_a,
        "answer_a": PollAnswerFactory(poll=poll_a, text="Alleen voor de werkgroep"),
        "answer_b": PollAnswerFactory(poll=poll_b, text="Alleen voor de werkgroep"),
        "kept_photo": pending_uploads.keep(
            user=users["partner"], content=ContentFile(PNG), name="foto.png"
        ),
        "goal_a": goal_a,
        "goal_b": goal_b,
        "effort_a": effort_a,
        "effort_b": effort_b,
        "network_a": NetworkEntryFactory(effort=effort_b, organisation=org_a),
        "network_b": NetworkEntryFactory(effort=effort_b, organisation=org_b),
        "meeting_draft": meeting_draft,
        "meeting_published": meeting_published,
        "item_draft": item_draft,
        "proposal": AgendaProposalFactory(meeting=meeting_draft, proposer=users["partner"]),
        "attachment_draft": attachment(item_draft),
        "attachment_published": attachment(item_published),
        "action_item": ActionItem.objects.create(
            meeting=meeting_published, description="Flyer maken", owner=users["partner"]
        ),
        "report_ready": finished_report(ready=True),
        "report_published": finished_report(published=True),
        "refl_own_draft": reflection(users["partner"]),
        "refl_other_draft": reflection(users["other_partner"]),
        "refl_shared": reflection(users["other_partner"], visibility=Reflection.Visibility.SHARED),
        "refl_published": reflection(
            users["other_partner"], visibility=Reflection.Visibility.PUBLISHED
        ),
        "refl_quote_partner": quoting(users["partner"]),
        "refl_quote_griffie": quoting(users["griffie"]),
        "refl_quote_observer": quoting(users["observer"]),
        "question_a": QuestionFactory(phase=phase, theme=theme_a),
        "self_analysis_a": SelfAnalysisFactory(phase=phase, organisation=org_a),
        "self_analysis_b": SelfAnalysisFactory(phase=phase, organisation=org_b),
        "self_analysis_joint": SelfAnalysisFactory(phase=phase, joint=True),
        "api_token": api_token_create(user=users["partner"], name="script")[0],
    }


def accepts_post(pattern):
    """Whether a route's view handles POST (a view without one answers 405 to all)."""
    view_class = getattr(pattern.callback, "view_class", None)
    return view_class is None or hasattr(view_class, "post")


def outcome(response):
    """One of "refused", "sign in" or "served" (a page, a form, a redirect, a 405)."""
    login = reverse("login")
    if response.status_code in (403, 404):
        return "refused"
    if response.status_code == 401:  # the API's answer to a caller without a key
        return "sign in"
    if response.status_code == 302 and response.url.startswith(login):
        return "sign in"
    return "served"


# --- The tests ------------------------------------------------------------------------------


def test_every_named_route_has_an_expectation():
    missing = sorted(set(named_routes()) - set(EXPECTED))
    assert not missing, (
        "These routes have no entry in EXPECTED in tests/test_permission_matrix.py: "
        f"{', '.join(missing)}. Add one saying which roles may use each (on which objects), "
        "so the permission matrix checks that everybody else is refused."
    )
    stale = sorted(set(EXPECTED) - set(named_routes()))
    assert not stale, f"EXPECTED names routes that no longer exist: {', '.join(stale)}"


@pytest.mark.django_db
def test_every_role_gets_exactly_what_it_may_on_every_route(settings):
    settings.SESSION_IDLE_TIMEOUT_SECONDS = 10**9  # nothing here is about time-outs
    world = build_world()
    clients = {ANONYMOUS: Client()}
    for role in SIGNED_IN:
        clients[role] = Client()
        clients[role].force_login(world[role])
    routes = named_routes()
    leaks, refusals, errors = [], [], []
    for name in sorted(routes):
        for case in EXPECTED.get(name, []):
            url = reverse(name, kwargs=case.kwargs(world) if case.kwargs else None)
            methods = [("GET", case.allowed)]
            if case.post and accepts_post(routes[name]):
                methods.append(("POST", case.post_allowed or case.allowed))
            for method, allowed in methods:
                allowed = set(allowed) | (
                    {"beheer"} if allowed is not EVERYONE and case.superuser_too else set()
                )
                for role in ROLES:
                    with transaction.atomic():
                        client = clients[role]
                        if method == "GET":
                            response = client.get(url)
                        else:
                            response = client.post(url, case.post_data)
                        transaction.set_rollback(True)
                    where = f"{method} {url} ({name}{', ' + case.label if case.label else ''})"
                    if response.status_code >= 500:
                        errors.append(f"{role}: {where} -> {response.status_code}")
                        continue
                    got = outcome(response)
                    if role in allowed and got != "served":
                        refusals.append(f"{role}: {where} -> {response.status_code} {got}")
                    expected_refusal = "sign in" if role == ANONYMOUS else "refused"
                    if role not in allowed and got != expected_refusal:
                        leaks.append(f"{role}: {where} -> {response.status_code}")
    assert not leaks, "Served to roles that may not use it:\n  " + "\n  ".join(leaks)
    assert not errors, "Server errors:\n  " + "\n  ".join(errors)
    assert not refusals, "Refused to roles that may use it:\n  " + "\n  ".join(refusals)


@pytest.mark.django_db
def test_only_beheer_reaches_the_django_admin():
    world_users = {
        role: UserFactory(
            email=f"{role}@example.org", **({role: True} if role != "partner" else {})
        )
        for role in ("partner", "kartrekker", "programmateam", "griffie", "observer", "beheer")
    }
    for role, user in world_users.items():
        client = Client()
        client.force_login(user)
        response = client.get(reverse("admin:index"))
        assert (response.status_code == 200) == (role == "beheer"), role


@pytest.mark.django_db
def test_griffie_and_observer_in_an_organisation_see_no_internal_self_analysis_or_quote():
    world = build_world()
    for role in ("griffie", "observer"):
        user = User.objects.get(pk=world[role].pk)
        assert user.organisation_id == world["self_analysis_a"].organisation_id
        assert not user.has_perm("learning_history.view_self_analysis", world["self_analysis_a"])
        quoted = world[f"refl_quote_{role}"]
        assert not user.has_perm("learning_history.view_reflection", quoted)
        assert not user.has_perm("learning_history.approve_quote", quoted)
        client = Client()
        client.force_login(user)
        page = client.get(reverse("learning_history:self_analysis")).text
        assert "Scores van ONS Welzijn" not in page
        assert "Dit zei ik." not in client.get(reverse("dashboard")).text
    # The partner of that organisation does see them: the test sees what it claims.
    partner = Client()
    partner.force_login(world["partner"])
    assert partner.get(reverse("learning_history:self_analysis")).status_code == 200
    assert world["partner"].has_perm(
        "learning_history.view_self_analysis", world["self_analysis_a"]
    )
    assert world["partner"].has_perm("learning_history.approve_quote", world["refl_quote_partner"])
