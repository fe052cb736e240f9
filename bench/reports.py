"""Benchmark: phase-report build time and peak memory, and the plain-WeasyPrint floor.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/landerd_bench_reports \\
        .venv/bin/python bench/reports.py [--activities 10000] [--floor-rows 10000]

Uses its own database (created, migrated and seeded with the demo data when empty; never
point it at real data). Every measurement runs in a fresh child process so that its peak
memory (ru_maxrss) is its own. Prints one JSON line per measurement and a summary table.

    demo     the demo data's phase 1 (2019), built as the worker builds it (--sync)
    volume   the same phase with --activities published activities in it
    floor    one plain WeasyPrint document: a table of the same rows, nothing else
"""

import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "landerd_portal.settings")
# A measurement, not a deployment: a throw-away key when none is given.
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-" + os.urandom(24).hex())
PHASE = "fase-1-2019"


def _setup_django():
    import django

    django.setup()


def _peak_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _load_average():
    """The 1-minute load average: wall time depends on what else runs on the machine."""
    return round(os.getloadavg()[0], 2)


def _cpu_seconds():
    """CPU time of this process: what the work costs, whatever else runs on the machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# --- measurements (each in its own process) -------------------------------------------------


def measure_build():
    _setup_django()
    from programme.models import Phase, PhaseReport
    from programme.reports.services import build_report, request_report_build
    from themes.models import Activity

    phase = Phase.objects.get(slug=PHASE)
    activities = Activity.objects.filter(
        status="published", date__gte=phase.start_date, date__lte=phase.end_date
    ).count()
    report = request_report_build(
        phase=phase, period_start=phase.start_date, period_end=phase.end_date, enqueue=False
    )
    load_before = _load_average()
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    build_report(report_id=report.pk)
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_started
    report = PhaseReport.objects.get(pk=report.pk)
    if report.status != "ready":
        raise SystemExit(f"build failed: {report.failure_reason}")
    return {
        "activities": activities,
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu, 1),
        "peak_mb": _peak_mb(),
        "pages": report.page_count,
        "pdf_mb": round(report.pdf.size / 1024 / 1024, 2),
        # The renderer has one path: serial, in this process (as in a Celery prefork child,
        # which may not start processes of its own).
        "path": "serial",
        "load_avg": [load_before, _load_average()],
    }


def measure_floor(rows):
    """One WeasyPrint document with a plain table of `rows` activity-like rows."""
    from weasyprint import HTML

    cells = "".join(
        f"<tr><td>{datetime.date(2019, 1, 1) + datetime.timedelta(days=i % 365):%d-%m-%Y}</td>"
        f"<td>Eenzaamheid</td><td>Huisbezoek door vrijwilligers Zeeland {i}</td>"
        f"<td>Zeeland, Reek</td><td>ONS Welzijn, Bibliotheek Landerd</td><td>{i % 300}</td></tr>"
        for i in range(rows)
    )
    html = (
        "<html><head><style>@page{size:A4;margin:2cm} body{font:7.5pt sans-serif}"
        "table{width:100%;border-collapse:collapse} td{border-bottom:.5pt solid #ccc}"
        f"</style></head><body><table>{cells}</table></body></html>"
    )
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    document = HTML(string=html).render()
    document.write_pdf("/dev/null")
    return {
        "rows": rows,
        "seconds": round(time.perf_counter() - started, 1),
        "cpu_seconds": round(_cpu_seconds() - cpu_started, 1),
        "peak_mb": _peak_mb(),
        "pages": len(document.pages),
        "load_avg": _load_average(),
    }


# --- data -----------------------------------------------------------------------------------


def ensure_database():
    import psycopg
    from environ import Env

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database of its own for the bench.")
    config = Env.db_url_config(url)
    with psycopg.connect(
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        user=config["USER"],
        dbname="postgres",
        autocommit=True,
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{config["NAME"]}"')


def prepare_demo():
    _setup_django()
    from django.core.management import call_command

    from programme.models import Phase

    call_command("migrate", verbosity=0)
    if not Phase.objects.filter(slug=PHASE).exists():
        call_command("seed_landerd", demo=True, password="bench-only-password-1")


def top_up_phase(target):
    """Add generated activities until phase 1 holds `target` published ones."""
    _setup_django()
    from django.db.models import Max

    from programme.models import Phase
    from programme.seeding import add_synthetic_activities
    from themes.models import Activity

    phase = Phase.objects.get(slug=PHASE)
    in_phase = Activity.objects.filter(
        status="published", date__gte=phase.start_date, date__lte=phase.end_date
    )
    missing = target - in_phase.count()
    if missing <= 0:
        return
    last = Activity.objects.aggregate(last=Max("pk"))["last"] or 0
    add_synthetic_activities(count=missing, seed=target)
    added = list(Activity.objects.filter(pk__gt=last).only("pk", "date"))
    for activity in added:  # all into 2019, all published
        day = (activity.date - datetime.date(activity.date.year, 1, 1)).days % 365
        activity.date = phase.start_date + datetime.timedelta(days=day)
        activity.end_date = None
        activity.status = "published"
    Activity.objects.bulk_update(added, ["date", "end_date", "status"], batch_size=2000)


def run_child(*args):
    output = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True, cwd=ROOT
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--floor-rows", type=int, default=None)
    parser.add_argument("--skip-floor", action="store_true")
    parser.add_argument("--measure", choices=["build", "floor"], help=argparse.SUPPRESS)
    parser.add_argument("--rows", type=int, default=0, help=argparse.SUPPRESS)
    options = parser.parse_args()

    if options.measure == "build":
        print(json.dumps(measure_build()))
        return
    if options.measure == "floor":
        print(json.dumps(measure_floor(options.rows)))
        return

    ensure_database()
    subprocess.run(
        [sys.executable, "-c", "import bench.reports as b; b.prepare_demo()"], check=True, cwd=ROOT
    )
    results = {"demo": run_child("--measure", "build")}
    print("demo", json.dumps(results["demo"]), flush=True)
    subprocess.run(
        [sys.executable, "-c", f"import bench.reports as b; b.top_up_phase({options.activities})"],
        check=True,
        cwd=ROOT,
    )
    results["volume"] = run_child("--measure", "build")
    print("volume", json.dumps(results["volume"]), flush=True)
    if not options.skip_floor:
        rows = options.floor_rows or results["volume"]["activities"]
        results["floor"] = run_child("--measure", "floor", "--rows", str(rows))
        print("floor", json.dumps(results["floor"]), flush=True)

    print("\n| measurement | activities/rows | wall s | CPU s | peak MB | pages | load avg |")
    print("|---|---|---|---|---|---|---|")
    for name, result in results.items():
        count = result.get("activities", result.get("rows"))
        load = result.get("load_avg", "–")
        print(
            f"| {name} | {count} | {result['seconds']} | {result['cpu_seconds']} "
            f"| {result['peak_mb']} | {result['pages']} | {load} |"
        )


if __name__ == "__main__":
    main()
