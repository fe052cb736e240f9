"""Benchmark: the activity pages under load, as ratios of the login page's latency.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/landerd_bench_themes \\
        .venv/bin/python bench/activities.py [--activities 50000] [--clients 20]

Uses its own database (created, migrated and seeded with the demo data when empty, then
topped up to --activities with `seed_landerd --activities`; never point it at real data).
Serves the portal with gunicorn (production settings: DEBUG off, hashed static files,
sessions and page parts in a Redis database of its own, CACHE_URL, default db 7), signs
each of the --clients concurrent clients in as the demo partner, and measures for each
page --requests requests spread over the clients:

    login       GET /accounts/login/ (signed out): the yardstick
    signed-in floor  GET /accounts/password_change/ (for reference, not a target)
    dashboard   GET /
    theme       GET /themas/<slug>/
    list        GET /activiteiten/
    filtered    GET /activiteiten/?thema=…&dorp=…&zoek=…

Prints median and p95 per page and their ratio to the login page's (target: ≤ 2).
With --no-cache every request renders its page from the database, as the first request
after a change to the data does.
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=50000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=400, help="per page")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--skip-setup", action="store_true")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="serve every page part from the database (FRAGMENT_CACHE_SECONDS=0): the cost "
        "of a page right after any change to the data",
    )
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
        # Sessions and cached page parts, as in production: a Redis database of its own.
        "CACHE_URL": os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/7"),
    }
    if args.no_cache:
        env["FRAGMENT_CACHE_SECONDS"] = "0"
    if not args.skip_setup:
        prepare(env, args.activities)
    count = activity_count(env)
    # Start cold: sessions and page parts of an earlier run are not this run's.
    manage("shell", "-c", "from django.core.cache import cache; cache.clear()", env=env)

    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "landerd_portal.wsgi",
            "--bind",
            f"{HOST}:{PORT}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                Client().request("GET", "/accounts/login/")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("gunicorn did not start.") from None
                time.sleep(0.5)

        anonymous = [Client() for _ in range(args.clients)]
        partners = [Client() for _ in range(args.clients)]
        for client in partners:
            client.sign_in(PARTNER)
        pages = [
            ("login", "/accounts/login/", anonymous),
            # Not a target: the cheapest signed-in page (session, user, permissions, menu),
            # the floor under every page below.
            ("signed-in floor", "/accounts/password_change/", partners),
            ("dashboard", "/", partners),
            ("theme", "/themas/eenzaamheid/", partners),
            ("list", "/activiteiten/", partners),
            ("filtered", "/activiteiten/?thema=eenzaamheid&dorp=reek&zoek=wandel", partners),
        ]
        for _name, path, clients in pages:  # warm up: connections, caches, imports
            measure(clients, path, len(clients))
        results = {}
        for name, path, clients in pages:
            latencies = measure(clients, path, args.requests)
            results[name] = {
                "path": path,
                "requests": len(latencies),
                "median_ms": round(statistics.median(latencies), 1),
                "p95_ms": round(percentile(latencies, 0.95), 1),
            }
    finally:
        server.terminate()
        server.wait(timeout=30)

    login = results["login"]
    print(json.dumps({"activities": count, "clients": args.clients, "results": results}))
    cache = "page parts not cached" if args.no_cache else "page parts cached"
    print(
        f"\n{count} activities, {args.clients} concurrent clients, {args.workers} workers, "
        f"{cache}\n"
    )
    print("| page | path | median ms | p95 ms | median ÷ login | p95 ÷ login |")
    print("|---|---|---|---|---|---|")
    for name, result in results.items():
        print(
            f"| {name} | `{result['path']}` | {result['median_ms']} | {result['p95_ms']} | "
            f"{result['median_ms'] / login['median_ms']:.2f} | "
            f"{result['p95_ms'] / login['p95_ms']:.2f} |"
        )


if __name__ == "__main__":
    main()
