"""The partnership network over time and the sustainability indicator.

Every figure is recomputed here from the rows themselves (activities, their
organisations, efforts and their network, working-group history), by code that shares
nothing with the selectors, and also checked against numbers worked out by hand.
"""

import datetime
import re
from itertools import combinations
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners.models import Organisation, User
from programme.din import documents
from programme.din.network_selectors import phase_network
from programme.din.sustainability_selectors import sustainability_by_phase
from programme.models import Effort, NetworkEntry
from programme.reports.selectors import phase_report_data
from tests.factories import (
    ActivityFactory,
    BudgetFactory,
    EffortFactory,
    GoalFactory,
    NetworkEntryFactory,
    OrganisationFactory,
    PhaseFactory,
    ThemeFactory,
    UserFactory,
    WorkingGroupFactory,
)
from themes.models import Activity, WorkingGroup

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def published(theme, owner, day, *, organisations=(), effort=None, title=None):
    activity = ActivityFactory(
        theme=theme, owner_organisation=owner, date=day, effort=effort, published=True
    )
    if title:
        activity.title = title
        activity.save()
    activity.organisations.set(organisations)
    return activity


@pytest.fixture
def world(theme, kartrekker, programmateam):
    """Two phases, two themes, the municipality, the programme team's bureau, four partners.

    2019: A owns an activity with B and C (for effort e1, led by A, with B in its
    network); the municipality owns one with A on the other theme; D works alone.
    2020: A with C (e1 again), B with C on the other theme (effort e2, led by the bureau,
    with C), and the bureau alone. Drafts and activities outside the phases count nowhere.
    """
    eenzaamheid = theme
    opvoeding = ThemeFactory(name="Opvoeding", slug="opvoeding")
    WorkingGroupFactory(theme=opvoeding)
    phase_2019 = PhaseFactory()
    phase_2020 = PhaseFactory(
        slug="fase-2-2020",
        name="Uitvoering fase 2 (2020)",
        order=4,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2020, 12, 31),
    )
    BudgetFactory(programme=phase_2019.programme, year=2019, programme_management_fte=1)
    BudgetFactory(programme=phase_2019.programme, year=2020, programme_management_fte="0.5")

    a = kartrekker.organisation  # ONS Welzijn, the kartrekker's organisation
    b = OrganisationFactory(name="GGD")
    c = OrganisationFactory(name="Bibliotheek")
    d = OrganisationFactory(name="Zorgcoöperatie")
    gemeente = OrganisationFactory(name="Gemeente Landerd", kind=Organisation.Kind.GEMEENTE)
    bureau = OrganisationFactory(name="Programmabureau")
    programmateam.organisation = bureau
    programmateam.save()

    e1 = EffortFactory(goal=GoalFactory(theme=eenzaamheid), lead_organisation=a)
    NetworkEntryFactory(effort=e1, organisation=b)
    e2 = EffortFactory(goal=GoalFactory(theme=opvoeding), lead_organisation=bureau)
    NetworkEntryFactory(effort=e2, organisation=c)
    EffortFactory(goal=GoalFactory(theme=opvoeding), lead_organisation=gemeente)  # no work

    day_2019, day_2020 = datetime.date(2019, 5, 1), datetime.date(2020, 5, 1)
    published(eenzaamheid, a, day_2019, organisations=[b, c], effort=e1)
    published(opvoeding, gemeente, day_2019, organisations=[a])
    published(eenzaamheid, d, day_2019)
    ActivityFactory(theme=eenzaamheid, owner_organisation=c, date=day_2019)  # a draft
    ActivityFactory(
        theme=eenzaamheid, owner_organisation=b, date=datetime.date(2018, 5, 1), published=True
    )
    published(eenzaamheid, a, day_2020, organisations=[c], effort=e1)
    published(opvoeding, b, day_2020, organisations=[c], effort=e2)
    published(opvoeding, bureau, day_2020)

    # Working groups: eenzaamheid is led by the partner kartrekker now; opvoeding by the
    # programme team. Their history says otherwise for the past: in 2019 the programme
    # team led eenzaamheid too, from March 2020 the partner did.
    opvoeding.working_group.kartrekker = programmateam
    opvoeding.working_group.save()
    history = WorkingGroup.history.model
    for when, user in [
        (datetime.datetime(2019, 2, 1, 9, tzinfo=AMSTERDAM), programmateam),
        (datetime.datetime(2020, 3, 1, 9, tzinfo=AMSTERDAM), kartrekker),
    ]:
        history.objects.create(
            id=eenzaamheid.working_group.pk,
            name=eenzaamheid.working_group.name,
            theme=eenzaamheid,
            kartrekker=user,
            history_date=when,
            history_type="~",
        )
    return {
        "phases": (phase_2019, phase_2020),
        "themes": (eenzaamheid, opvoeding),
        "orgs": {"a": a, "b": b, "c": c, "d": d, "gemeente": gemeente, "bureau": bureau},
    }


# --- The independent recomputation --------------------------------------------------------


def rows_of(phase, theme=None):
    """{(kind, pk): (theme pk, {org pks})} for the published activities of the phase and
    the efforts they link to: read straight from the models, one object at a time."""
    rows = {}
    for activity in Activity.objects.all():
        if activity.status != "published" or not (
            phase.start_date <= activity.date <= phase.end_date
        ):
            continue
        members = {activity.owner_organisation_id}
        members |= {o.pk for o in activity.organisations.all()}
        rows[("activity", activity.pk)] = (activity.theme_id, members)
        if activity.effort_id:
            effort = Effort.objects.get(pk=activity.effort_id)
            members = {e.organisation_id for e in NetworkEntry.objects.filter(effort=effort)}
            if effort.lead_organisation_id:
                members.add(effort.lead_organisation_id)
            rows[("effort", effort.pk)] = (effort.goal.theme_id, members)
    if theme is not None:
        rows = {key: value for key, value in rows.items() if value[0] == theme.pk}
    return rows


def recompute(phase, previous=None, theme=None):
    rows = rows_of(phase, theme)
    everywhere = rows_of(phase)
    nodes = set().union(*(members for _t, members in rows.values())) if rows else set()
    weights = {}
    for _theme, members in rows.values():
        for pair in combinations(sorted(members), 2):
            weights[pair] = weights.get(pair, 0) + 1
    n = len(nodes)
    themes_of = {}
    for theme_id, members in everywhere.values():
        for pk in members:
            themes_of.setdefault(pk, set()).add(theme_id)
    result = {
        "nodes": nodes,
        "weights": weights,
        "density": len(weights) / (n * (n - 1) / 2) if n > 1 else 0.0,
        "bridges": {pk for pk in nodes if len(themes_of[pk]) >= 2},
    }
    if previous is not None:
        before = recompute(previous, theme=theme)
        result["new"] = set(weights) - set(before["weights"])
        result["dropped"] = before["nodes"] - nodes
    return result


def programme_side():
    side = set()
    for organisation in Organisation.objects.all():
        members = User.objects.filter(organisation=organisation, role="programmateam")
        if organisation.kind == "gemeente" or members.exists():
            side.add(organisation.pk)
    return side


def recompute_shares(phase):
    side = programme_side()
    activities = [
        a
        for a in Activity.objects.all()
        if a.status == "published" and phase.start_date <= a.date <= phase.end_date
    ]
    efforts = {a.effort for a in activities if a.effort}
    end = datetime.datetime.combine(phase.end_date, datetime.time(23, 59, 59), tzinfo=AMSTERDAM)
    kartrekkers = []
    for group in WorkingGroup.objects.all():
        before = WorkingGroup.history.filter(id=group.pk, history_date__lte=end)
        latest = before.order_by("-history_date").first()
        kartrekkers.append(latest.kartrekker if latest else group.kartrekker)

    def partner(organisation_id):
        return organisation_id is not None and organisation_id not in side

    return {
        "activities": (
            sum(partner(a.owner_organisation_id) for a in activities),
            len(activities),
        ),
        "efforts": (sum(partner(e.lead_organisation_id) for e in efforts), len(efforts)),
        "working_groups": (
            sum(partner(k.organisation_id if k else None) for k in kartrekkers),
            len(kartrekkers),
        ),
    }


def as_figures(network):
    return {
        "nodes": {node.pk for node in network.nodes},
        "weights": {tuple(sorted((t.first.pk, t.second.pk))): t.weight for t in network.ties},
        "density": network.density,
        "bridges": {node.pk for node in network.bridges},
    }


# --- The network ----------------------------------------------------------------------------


def test_network_of_a_phase_matches_the_rows_and_the_hand_count(world):
    phase_2019, _ = world["phases"]
    o = world["orgs"]
    network = phase_network(phase=phase_2019)

    assert as_figures(network) == recompute(phase_2019)
    pair = lambda x, y: tuple(sorted((o[x].pk, o[y].pk)))  # noqa: E731
    # By hand: A–B shared an activity and an effort; the draft and 2018 count nowhere.
    assert as_figures(network)["weights"] == {
        pair("a", "b"): 2,
        pair("a", "c"): 1,
        pair("b", "c"): 1,
        pair("a", "gemeente"): 1,
    }
    assert len(network.nodes) == 5 and network.tie_count == 4
    assert network.density == pytest.approx(0.4)
    assert [node.name for node in network.bridges] == ["ONS Welzijn"]
    assert network.previous is None and network.new_ties == []


def test_new_ties_and_drop_outs_against_the_previous_phase(world):
    phase_2019, phase_2020 = world["phases"]
    o = world["orgs"]
    network = phase_network(phase=phase_2020, previous=phase_2019)
    expected = recompute(phase_2020, previous=phase_2019)

    assert as_figures(network) == {k: expected[k] for k in as_figures(network)}
    new = {tuple(sorted((t.first.pk, t.second.pk))) for t in network.new_ties}
    assert new == expected["new"] == {tuple(sorted((o["bureau"].pk, o["c"].pk)))}
    dropped = {node.pk for node in network.dropped_out}
    assert dropped == expected["dropped"] == {o["gemeente"].pk, o["d"].pk}
    assert network.density == pytest.approx(4 / 6)
    assert {node.name for node in network.bridges} == {"GGD", "Bibliotheek"}
    assert network.change == {
        "organisations": -1,
        "ties": 0,
        "density": pytest.approx(4 / 6 - 0.4),
        "new_ties": 1,
        "ended_ties": 1,
        "dropped_out": 2,
    }


def test_theme_filter_keeps_bridges_across_all_themes(world):
    phase_2019, phase_2020 = world["phases"]
    _, opvoeding = world["themes"]
    network = phase_network(phase=phase_2020, previous=phase_2019, theme=opvoeding)
    expected = recompute(phase_2020, previous=phase_2019, theme=opvoeding)

    assert as_figures(network) == {k: expected[k] for k in as_figures(network)}
    assert {node.name for node in network.dropped_out} == {"ONS Welzijn", "Gemeente Landerd"}
    assert len(network.new_ties) == 2
    # Bibliotheek also worked on eenzaamheid in 2020: a bridge, though the page shows one theme.
    assert "Bibliotheek" in {node.name for node in network.bridges}


def test_network_reads_a_fixed_number_of_queries(world, django_assert_num_queries):
    phase_2019, phase_2020 = world["phases"]
    with django_assert_num_queries(10):
        phase_network(phase=phase_2020, previous=phase_2019)
    eenzaamheid, _ = world["themes"]
    for _n in range(30):
        published(eenzaamheid, world["orgs"]["d"], datetime.date(2020, 6, 1), organisations=[])
    with django_assert_num_queries(10):
        phase_network(phase=phase_2020, previous=phase_2019)


# --- The drawing ----------------------------------------------------------------------------


def test_drawing_is_an_accessible_svg_without_inline_styles(world):
    phase_2019, phase_2020 = world["phases"]
    world["orgs"]["d"].name = "<script>Zorg & Co</script>"
    world["orgs"]["d"].save()
    network = phase_network(phase=phase_2020, previous=phase_2019)
    svg = str(documents.network_svg(network, title="Netwerk <2020>"))

    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<title id=" in svg and "<desc id=" in svg and "Netwerk &lt;2020&gt;" in svg
    assert "style=" not in svg and "<script" not in svg
    assert "&lt;script&gt;Zorg &amp; Co" in svg  # the dropped-out organisation, escaped
    assert svg.count('data-new="ja"') == 1
    assert 'data-dropped-out="ja"' in svg
    description = documents.network_description(network)
    assert "4 organisaties" in description
    new_part = description.split("Nieuw sinds de vorige fase:")[1].split(".")[0]
    assert {name.strip() for name in new_part.split("–")} == {"Programmabureau", "Bibliotheek"}


def test_every_organisation_keeps_its_place_whatever_the_phase(world):
    phase_2019, phase_2020 = world["phases"]
    first = str(documents.network_svg(phase_network(phase=phase_2019), title="a"))
    second = str(documents.network_svg(phase_network(phase=phase_2020), title="b"))

    def place(svg, slug):
        start = svg.index(f'data-organisation="{slug}"')
        return re.search(r'cx="([\d.]+)" cy="([\d.]+)"', svg[start:]).groups()

    assert place(first, "ons-welzijn") == place(second, "ons-welzijn")


# --- The sustainability indicator -------------------------------------------------------------


def test_sustainability_shares_match_the_rows_and_the_hand_count(world):
    rows = {row.phase.slug: row for row in sustainability_by_phase()}
    for phase in world["phases"]:
        row = rows[phase.slug]
        expected = recompute_shares(phase)
        assert (row.activities.part, row.activities.total) == expected["activities"]
        assert (row.efforts.part, row.efforts.total) == expected["efforts"]
        assert (row.working_groups.part, row.working_groups.total) == expected["working_groups"]

    # By hand. 2019: the municipality owned one of three activities; e1 is led by a
    # partner; the programme team led both working groups (history).
    r2019, r2020 = rows["fase-1-2019"], rows["fase-2-2020"]
    assert (r2019.activities.percent, r2019.efforts.percent, r2019.working_groups.percent) == (
        67,
        100,
        0,
    )
    # 2020: the bureau owned one of three; e2 is led by the bureau; the partner
    # kartrekker took over eenzaamheid in March.
    assert (r2020.activities.part, r2020.efforts.part, r2020.working_groups.part) == (2, 1, 1)
    assert (r2019.fte, r2020.fte) == (1, pytest.approx(0.5))
    assert r2020.is_current and not r2019.is_current


def test_sustainability_reads_a_fixed_number_of_queries(world, django_assert_num_queries):
    sustainability_by_phase()  # the phases and budgets are then kept per version
    with django_assert_num_queries(7):
        sustainability_by_phase()
    eenzaamheid, _ = world["themes"]
    extra = EffortFactory(goal=GoalFactory(theme=eenzaamheid), lead_organisation=None)
    for _n in range(20):
        published(eenzaamheid, world["orgs"]["b"], datetime.date(2019, 8, 1), effort=extra)
    with django_assert_num_queries(7):
        sustainability_by_phase()


# --- Pages --------------------------------------------------------------------------------------


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.fixture(autouse=True)
def nothing_cached(settings):
    settings.FRAGMENT_CACHE_SECONDS = 0


@pytest.mark.parametrize(
    "url",
    [
        "/din/netwerk/",
        "/din/netwerk/?fase=fase-1-2019",
        "/din/netwerk/?fase=fase-2-2020&thema=opvoeding",
        "/din/",
        "/",
    ],
)
def test_pages_do_not_grow_in_queries_with_the_data(client, world, programmateam, url):
    client.force_login(programmateam)
    before, _ = count_queries(client, url)
    eenzaamheid, _ = world["themes"]
    o = world["orgs"]
    for _n in range(25):
        published(eenzaamheid, o["d"], datetime.date(2020, 2, 1), organisations=[o["a"], o["c"]])
    after, _ = count_queries(client, url)
    assert after <= before


def test_network_page_shows_phase_theme_new_ties_and_drop_outs(client, world, partner):
    client.force_login(partner)
    response = client.get("/din/netwerk/?fase=fase-2-2020&thema=opvoeding")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Samenwerkingsnetwerk Uitvoering fase 2 (2020) – Opvoeding" in html
    assert 'role="img"' in html
    assert html.count('class="network-new"') == 2
    assert 'data-dropped-out="gemeente-landerd"' in html
    assert 'data-measure="samenwerkingen">2<' in html


@pytest.mark.parametrize(
    "query,notice",
    [
        ("?fase=bestaat-niet", "Die fase bestaat niet"),
        ("?thema=%3Cscript%3E", "Dat thema bestaat niet"),
        ("?fase=&thema=", None),
        ("?fase=fase-1-2019&fase=x&thema=" + "a" * 5000, "Dat thema bestaat niet"),
    ],
)
def test_bad_filters_fall_back_with_a_message_never_a_500(client, world, partner, query, notice):
    client.force_login(partner)
    response = client.get("/din/netwerk/" + query)
    assert response.status_code == 200
    html = response.content.decode()
    if notice:
        assert notice in html
    assert "<script>" not in html.split("</head>", 1)[1].replace("<script src", "")


@pytest.mark.parametrize("role,status", [("griffie", 403), ("observer", 200), ("partner", 200)])
def test_network_page_is_as_private_as_the_din(client, world, request, role, status):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("programme:din_network")).status_code == status


def test_dashboard_shows_the_indicator_to_the_programme_team_only(client, world, programmateam):
    client.force_login(programmateam)
    assert "Draagt het partnerschap zichzelf?" in client.get("/").content.decode()
    partner = UserFactory(organisation=world["orgs"]["b"])
    client.force_login(partner)
    assert "Draagt het partnerschap zichzelf?" not in client.get("/").content.decode()
    # ... while /din/ shows it to every reader.
    assert "Draagt het partnerschap zichzelf?" in client.get("/din/").content.decode()


# --- The phase report -----------------------------------------------------------------------------


def test_phase_report_carries_the_network_and_the_indicator(world):
    phase_2019, phase_2020 = world["phases"]
    data = phase_report_data(
        phase=phase_2020, period_start=phase_2020.start_date, period_end=phase_2020.end_date
    )
    expected = recompute(phase_2020)
    figures = as_figures(data.network)
    assert figures["weights"] == expected["weights"]
    assert figures["bridges"] == expected["bridges"]
    assert figures["density"] == pytest.approx(expected["density"])
    assert [row.phase.slug for row in data.sustainability] == ["fase-1-2019", "fase-2-2020"]
    summary = data.summary()
    assert summary["network"]["ties"] == 4 and summary["network"]["new_ties"] == 1
    assert summary["sustainability"][1]["efforts"] == 50


def test_built_report_draws_the_network_as_a_figure_with_alternative_text(world, programmateam):
    import base64
    import re

    from django.template.loader import render_to_string

    from programme.models import PhaseReport
    from tests.pdf_accessibility import assert_accessible_pdf
    from tests.programme.test_reports import build, pdf_text

    _, phase_2020 = world["phases"]
    report = build(phase_2020, requested_by=programmateam)
    assert report.status == PhaseReport.Status.READY, report.failure_reason
    text = pdf_text(report)
    with report.pdf.open("rb") as handle:
        assert_accessible_pdf(handle.read())  # every Figure, ours too, has its Alt
    assert "Het netwerk in beeld" in text
    assert "Draagt het partnerschap zichzelf?" in text

    # The form the tagged PDF relies on: <figure><img src="data:..." alt="..."><figcaption>.
    data = phase_report_data(
        phase=phase_2020, period_start=phase_2020.start_date, period_end=phase_2020.end_date
    )
    html = render_to_string("programme/reports/pdf/_network.html", {"data": data})
    images = re.findall(r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)">', html)
    assert len(images) == 2 and html.count("<figcaption>") == 2
    network_svg = base64.b64decode(images[0][0]).decode()
    assert network_svg.startswith("<svg") and 'data-new="ja"' in network_svg
    assert "4 organisaties" in images[0][1]
