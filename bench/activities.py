"""Benchmark: the busiest pages under load, as ratios of the login page's latency.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/landerd_bench_themes \\
        .venv/bin/python bench/activities.py [--activities 50000] [--clients 20]

Uses its own database (created, migrated and seeded with the demo data when empty, then
topped up to --activities with `seed_landerd --activities`; never point it at real data).
Serves the portal with gunicorn (production settings: DEBUG off, hashed static files,
sessions and page parts in a Redis database of its own, CACHE_URL, default db 7), signs
each of the --clients concurrent clients in as the demo partner, and measures, in one run,
three rounds of --requests requests per page spread over the clients:

    cached         page parts kept in the cache (the portal as it runs)
    while writing  the same, while a second partner logs an activity every --write-every
                   seconds through the real form (GET the form, POST it, follow the redirect)
    cache off      a fresh gunicorn with FRAGMENT_CACHE_SECONDS=0: every page rendered from
                   the database, as the first request after a change to what it shows

Pages: the login page (signed out, the yardstick, measured again in every round), the
signed-in floor (/accounts/password_change/, for reference), the dashboard, a theme page,
the list (plain, filtered, searched), the DIN and the learning history. Prints median and
p95 per page and their ratio to the same round's login page (targets: ≤ 2 cached and while
writing, ≤ 3 with the cache off), and the machine's load average before and after.
"""

import argparse
import http.client
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PASSWORD = "bench-Landerd-2019"
PARTNER = "partner@demo.example"
HOST, PORT = "127.0.0.1", 8765


def manage(*args, env):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def ensure_database(env):
    import psycopg

    url = urllib.parse.urlparse(env["DATABASE_URL"])
    name = url.path.lstrip("/")
    admin = f"host={url.hostname} port={url.port or 5432} user={url.username} dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def activity_count(env):
    output = subprocess.run(
        [
            PYTHON,
            "manage.py",
            "shell",
            "-c",
            "from themes.models import Activity; print(Activity.objects.count())",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return int(output.strip().splitlines()[-1])


def prepare(env, activities):
    ensure_database(env)
    manage("migrate", "--noinput", "-v", "0", env=env)
    manage("seed_landerd", "--demo", "--password", PASSWORD, env=env)
    missing = activities - activity_count(env)
    if missing > 0:
        manage("seed_landerd", "--activities", str(missing), env=env)
    manage("collectstatic", "--noinput", "-v", "0", env=env)
    # Vacuum and analyse after the bulk load, as autovacuum would (the development server
    # runs with autovacuum off): the visibility map lets counts use index-only scans.
    manage(
        "shell",
        "-c",
        "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')",
        env=env,
    )


class Client:
    """One keep-alive HTTP connection with its own session cookie."""

    def __init__(self):
        self.connection = http.client.HTTPConnection(HOST, PORT, timeout=60)
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.perf_counter()
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read()
        elapsed = time.perf_counter() - started
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, content, elapsed

    def sign_in(self, email):
        status, content, _ = self.request("GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1)
        body = urllib.parse.urlencode(
            {"username": email, "password": PASSWORD, "csrfmiddlewaretoken": token.decode()}
        )
        status, _, _ = self.request(
            "POST",
            "/accounts/login/",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://{HOST}:{PORT}/accounts/login/",
            },
        )
        if status != 302:
            raise RuntimeError(f"Signing in as {email} failed ({status}).")


def measure(clients, path, total):
    """``total`` GETs of ``path`` spread over the clients, all at once; latencies in ms."""
    per_client = max(1, total // len(clients))
    latencies, lock = [], threading.Lock()

    def run(client):
        for _ in range(per_client):
            status, _, elapsed = client.request("GET", path)
            if status != 200:
                raise RuntimeError(f"GET {path} answered {status}.")
            with lock:
                latencies.append(elapsed * 1000)

    with ThreadPoolExecutor(len(clients)) as pool:
        list(pool.map(run, clients))
    return latencies


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


PAGES = [
    # Not a target: the cheapest signed-in page (session, user, permissions, menu).
    ("signed-in floor", "/accounts/password_change/"),
    ("dashboard", "/"),
    ("theme", "/themas/eenzaamheid/"),
    ("list", "/activiteiten/"),
    ("filtered", "/activiteiten/?thema=eenzaamheid&dorp=reek&zoek=wandel"),
    ("searched", "/activiteiten/?zoek=wandel"),
    ("din", "/din/"),
    ("learning history", "/leergeschiedenis/"),
]
WRITER = "partner2@demo.example"
WRITE_THEMES = ["eenzaamheid", "mantelzorg", "opvoeding", "preventie-drugs-alcohol"]


def start_server(env, workers):
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "landerd_portal.wsgi",
            "--bind",
            f"{HOST}:{PORT}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            Client().request("GET", "/accounts/login/")
            return server
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.terminate()
                raise RuntimeError("gunicorn did not start.") from None
            time.sleep(0.5)


def stop_server(server):
    server.terminate()
    server.wait(timeout=30)


def hidden_fields(content):
    """The hidden inputs of a page's form (CSRF token, the form's one-time token)."""
    fields = {}
    for tag in re.findall(rb"<input[^>]*>", content):
        if b'type="hidden"' not in tag:
            continue
        name = re.search(rb'name="([^"]+)"', tag)
        value = re.search(rb'value="([^"]*)"', tag)
        if name:
            fields[name.group(1).decode()] = value.group(1).decode() if value else ""
    return fields


class Writer(threading.Thread):
    """A partner logging a published activity every ``interval`` s through the real form."""

    def __init__(self, interval):
        super().__init__(daemon=True)
        self.interval = interval
        self.stop = threading.Event()
        self.written = 0
        self.failed = 0
        self.error = ""
        self.client = Client()
        self.client.sign_in(WRITER)

    def run(self):
        while not self.stop.is_set():
            started = time.monotonic()
            try:
                self.write()
                self.written += 1
            except Exception as error:  # noqa: BLE001 - counted and reported, the run goes on
                self.failed += 1
                self.error = repr(error)
                self.client = Client()
                self.client.sign_in(WRITER)
            self.stop.wait(max(0.0, self.interval - (time.monotonic() - started)))

    def write(self):
        theme = WRITE_THEMES[self.written % len(WRITE_THEMES)]
        _status, form, _ = self.client.request("GET", f"/activiteiten/nieuw/?thema={theme}")
        # The theme asked for with ?thema= comes checked (the radio buttons of the form).
        theme_id = re.search(rb'name="theme" value="(\d+)"[^>]*checked', form).group(1)
        body = urllib.parse.urlencode(
            {
                **hidden_fields(form),
                "title": f"Bench-activiteit {self.written}",
                "theme": theme_id.decode(),
                "date": time.strftime("%Y-%m-%d"),
                "reach": "12",
                "volunteers": "2",
                "description": "Gelogd door de benchmark, terwijl anderen lezen.",
                "action": "publish",
            }
        )
        status, _, _ = self.client.request(
            "POST",
            "/activiteiten/nieuw/",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://{HOST}:{PORT}/activiteiten/nieuw/",
            },
        )
        if status != 302:
            raise RuntimeError(f"Logging an activity answered {status}.")


def measure_round(anonymous, partners, total):
    pages = [("login", "/accounts/login/", anonymous)] + [
        (name, path, partners) for name, path in PAGES
    ]
    for _name, path, clients in pages:  # warm up: connections, caches, imports
        measure(clients, path, len(clients))
    results = {}
    for name, path, clients in pages:
        latencies = measure(clients, path, total)
        results[name] = {
            "path": path,
            "requests": len(latencies),
            "median_ms": round(statistics.median(latencies), 1),
            "p95_ms": round(percentile(latencies, 0.95), 1),
        }
    return results


def signed_in_clients(count):
    anonymous = [Client() for _ in range(count)]
    partners = [Client() for _ in range(count)]
    for client in partners:
        client.sign_in(PARTNER)
    return anonymous, partners


def print_round(title, results, target):
    login = results["login"]
    print(f"\n{title} (target: every page ≤ {target} × login)\n")
    print("| page | path | median ms | p95 ms | median ÷ login | p95 ÷ login |")
    print("|---|---|---|---|---|---|")
    for name, result in results.items():
        print(
            f"| {name} | `{result['path']}` | {result['median_ms']} | {result['p95_ms']} | "
            f"{result['median_ms'] / login['median_ms']:.2f} | "
            f"{result['p95_ms'] / login['p95_ms']:.2f} |"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=50000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=400, help="per page and round")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--write-every", type=float, default=1.0, help="seconds")
    parser.add_argument("--skip-setup", action="store_true")
    args = parser.parse_args()

    if "DATABASE_URL" not in os.environ:
        sys.exit("Set DATABASE_URL to a PostgreSQL database of its own (see the docstring).")
    static_root = Path(tempfile.gettempdir()) / "landerd-bench-static"
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", secrets.token_urlsafe(50)),
        "DJANGO_SETTINGS_MODULE": "landerd_portal.settings",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_ALLOWED_HOSTS": HOST,
        "STATIC_ROOT": str(static_root),
        "DJANGO_LOG_LEVEL": "WARNING",
        # Many sign-ins from one address in a row: not what the throttle is for here.
        "AXES_FAILURE_LIMIT": "1000",
        "AXES_ADDRESS_FAILURE_LIMIT": "1000",
        # Sessions and cached page parts, as in production: a Redis database of its own.
        "CACHE_URL": os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/7"),
    }
    if not args.skip_setup:
        prepare(env, args.activities)
    count = activity_count(env)
    # Start cold: sessions and page parts of an earlier run are not this run's.
    manage("shell", "-c", "from django.core.cache import cache; cache.clear()", env=env)
    load_before = os.getloadavg()
    rounds = {}

    server = start_server(env, args.workers)
    try:
        anonymous, partners = signed_in_clients(args.clients)
        rounds["cached"] = measure_round(anonymous, partners, args.requests)
        writer = Writer(args.write_every)
        writer.start()
        try:
            rounds["while writing"] = measure_round(anonymous, partners, args.requests)
        finally:
            writer.stop.set()
            writer.join(timeout=30)
    finally:
        stop_server(server)

    server = start_server({**env, "FRAGMENT_CACHE_SECONDS": "0"}, args.workers)
    try:
        anonymous, partners = signed_in_clients(args.clients)
        rounds["cache off"] = measure_round(anonymous, partners, args.requests)
    finally:
        stop_server(server)
    load_after = os.getloadavg()

    print(
        json.dumps(
            {
                "activities": count,
                "clients": args.clients,
                "workers": args.workers,
                "activities_logged_while_writing": writer.written,
                "failed_writes": writer.failed,
                "last_write_error": writer.error,
                "load_before": load_before,
                "load_after": load_after,
                "rounds": rounds,
            }
        )
    )
    print(
        f"\n{count} activities, {args.clients} concurrent clients, {args.workers} workers; "
        f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after "
        f"(1 min; {load_after[1]:.1f} over 5 min); {writer.written} activities logged "
        f"while writing ({writer.failed} failed)"
    )
    print_round("Page parts cached", rounds["cached"], 2)
    print_round(
        f"While a partner logs an activity every {args.write_every:g} s",
        rounds["while writing"],
        2,
    )
    print_round("Cache off (FRAGMENT_CACHE_SECONDS=0)", rounds["cache off"], 3)


if __name__ == "__main__":
    main()
