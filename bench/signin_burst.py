"""A training day's morning: 50 people sign in within 10 s, then browse for 60 s with some writes.

Runs the real production stack on this machine: gunicorn with gunicorn.conf.py (threaded workers),
DEBUG off, the production password hasher (Argon2), a fresh database with the demo data (temporary
SQLite unless --database-url). The load generator is threads in this process, each user with its
own cookies; every user signs in through the login form at a random moment in the first
`--ramp` seconds, then requests a page every 1–3 s (think time) for `--browse` seconds. Staff
users (copies of the demo's secretariat, officer, strategist and viewer) browse contracts,
follow-up and reports; copies of the secretariat also write internal notes on cases; supplier
contacts browse their portal.

    python -m bench.signin_burst [--users 50] [--ramp 10] [--browse 60] [--database-url URL]

Prints p50/p95/p99 and errors per page type; exits non-zero on any error or a p95 over 1 s.
The generator shares the CPUs with the server, so its own time is inside the numbers.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-burst-password-2026"
P95_TARGET_MS = 1000
# The demo personas the bench users copy (their memberships, so they see what the persona sees).
ROLES = [
    "sara@kansliet.demo",
    "olle@stockholm.demo",
    "stina@skane.demo",
    "vera@uppsala.demo",
    "lev@medisupply.demo",
]


def server_environment(database_url: str, workdir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kedja.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "k" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
        "ALLOW_INSECURE_HTTP": "true",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "MEDIA_ROOT": str(workdir / "media"),
    }


def prepare(env: dict[str, str], users: int) -> dict:
    """Migrate, load reference and demo data, create the bench users; return the URLs they visit."""
    for command in (["migrate", "--no-input"], ["load_reference"], ["load_risk_data"], ["load_demo"]):
        subprocess.run([sys.executable, "manage.py", *command, "-v0"], cwd=ROOT, env=env, check=True)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.urls import reverse

    from kedja.contracts.models import Contract
    from kedja.followup.models import FollowUpCase
    from kedja.organisations.models import Membership, User

    hashed = make_password(PASSWORD)  # the production hasher: every sign-in verifies an Argon2 hash
    people = []
    for number in range(users):
        persona = ROLES[number % len(ROLES)]
        user = User.objects.create(
            email=f"user{number:02d}@bench.example", full_name=f"Bench {number}", password=hashed
        )
        for membership in Membership.objects.filter(user__email=persona):
            Membership.objects.create(
                user=user, organisation=membership.organisation, role=membership.role, is_org_admin=False
            )
        people.append((user.email, persona))
    contracts = [
        reverse("contracts:contract_detail", args=[u])
        for u in Contract.objects.values_list("uuid", flat=True)
    ]
    cases = list(FollowUpCase.objects.values_list("uuid", "supplier__slug"))
    urls = {
        "people": people,
        "contracts": contracts,
        "cases": [reverse("followup:case_detail", args=[u]) for u, _ in cases],
        "notes": [reverse("followup:note_add", args=[u]) for u, _ in cases],
        "portal_cases": [reverse("followup:portal_case", args=[u]) for u, s in cases if s == "medisupply"],
    }
    connection.close()
    return urls


def staff_pages(urls: dict) -> list[tuple[str, callable]]:
    return [
        ("home", lambda: "/"),
        ("contract list", lambda: "/contracts/"),
        (
            "contract search",
            lambda: "/contracts/?q=" + random.choice(["handskar", "nordic", "textil", "SLL"]),
        ),
        ("contract detail", lambda: random.choice(urls["contracts"])),
        ("case list", lambda: "/followup/"),
        ("case detail", lambda: random.choice(urls["cases"])),
        ("follow-up dashboard", lambda: "/followup/my/"),
        ("reports dashboard", lambda: "/reports/"),
        ("risk analyses", lambda: "/risk/"),
    ]


def supplier_pages(urls: dict) -> list[tuple[str, callable]]:
    return [
        ("home", lambda: "/"),
        ("portal home", lambda: "/followup/portal/"),
        ("portal case", lambda: random.choice(urls["portal_cases"])),
    ]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Results:
    def __init__(self) -> None:
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)
        self.lock = threading.Lock()

    def add(self, page: str, millis: float, error: str | None) -> None:
        with self.lock:
            self.times[page].append(millis)
            if error:
                self.errors[page].append(error)


class User:
    def __init__(self, base: str, email: str, persona: str, urls: dict, results: Results) -> None:
        self.base, self.email, self.urls, self.results = base, email, urls, results
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect
        )
        self.writer = persona.startswith("sara")
        self.pages = supplier_pages(urls) if persona.startswith("lev") else staff_pages(urls)

    def request(self, page: str, path: str, data: dict | None = None, expect: int = 200) -> str:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        started = time.perf_counter()
        error, text = None, ""
        try:
            with self.opener.open(self.base + path, data=body, timeout=60) as response:
                text = response.read().decode()
                status = response.status
        except urllib.error.HTTPError as answer:
            status = answer.code
            answer.read()
        except OSError as failure:
            status, error = 0, f"{type(failure).__name__}: {failure}"
        if error is None and status != expect:
            error = f"{path}: HTTP {status}"
        self.results.add(page, (time.perf_counter() - started) * 1000, error)
        return text

    def csrf(self) -> str:
        return next((c.value for c in self.cookies if c.name == "csrftoken"), "")

    def sign_in(self) -> None:
        self.request("login page", "/accounts/login/")
        self.request(
            "sign-in",
            "/accounts/login/",
            {"username": self.email, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()},
            expect=302,
        )

    def browse(self, until: float) -> None:
        while time.monotonic() < until:
            time.sleep(random.uniform(1.0, 3.0))
            if self.writer and random.random() < 0.25:
                note = {"text": f"Bench note {time.time():.3f}", "csrfmiddlewaretoken": self.csrf()}
                self.request("write: case note", random.choice(self.urls["notes"]), note, expect=302)
            else:
                page, path = random.choice(self.pages)
                self.request(page, path())

    def run(self, start_at: float, until: float) -> None:
        time.sleep(max(0.0, start_at - time.monotonic()))
        self.sign_in()
        self.browse(until)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(base: str, server: subprocess.Popen) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before it answered")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def percentile(values: list[float], pct: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1] if len(values) > 1 else values[0]


def report(results: Results, args, elapsed: float) -> int:
    total = sum(len(t) for t in results.times.values())
    errors = sum(len(e) for e in results.errors.values())
    print(
        f"{args.users} users, sign-in within {args.ramp} s, browsing {args.browse} s; {total} requests in {elapsed:.0f} s, {errors} errors.\n"
    )
    print("| Page type | Requests | Errors | p50 ms | p95 ms | p99 ms |\n|---|---:|---:|---:|---:|---:|")
    slow = []
    for page, times in sorted(results.times.items()):
        p95 = percentile(times, 95)
        if p95 > P95_TARGET_MS:
            slow.append(page)
        print(
            f"| {page} | {len(times)} | {len(results.errors[page])} | {statistics.median(times):.0f} |"
            f" {p95:.0f}{' ⚠' if p95 > P95_TARGET_MS else ''} | {percentile(times, 99):.0f} |"
        )
    for page, messages in results.errors.items():
        for message in messages[:3]:
            print(f"  error on {page}: {message}")
    if slow:
        print(f"\np95 over {P95_TARGET_MS} ms: {', '.join(slow)}")
    return 1 if errors or slow else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--ramp", type=float, default=10)
    parser.add_argument("--browse", type=float, default=60)
    parser.add_argument("--database-url")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="kedja-bench-burst-"))
    env = server_environment(args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}", workdir)
    started = time.perf_counter()
    urls = prepare(env, args.users)
    print(f"Prepared the database in {time.perf_counter() - started:.0f} s.", flush=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "kedja.wsgi",
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_up(base, server)
        results = Results()
        began = time.monotonic()
        until = began + args.ramp + args.browse
        threads = [
            threading.Thread(
                target=User(base, email, persona, urls, results).run,
                args=(began + random.uniform(0, args.ramp), until),
            )
            for email, persona in urls["people"]
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return report(results, args, time.monotonic() - began)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
