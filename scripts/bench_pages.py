#!/usr/bin/env python3
"""Benchmark the portal's pages against nginx serving the same HTML as static files (`make bench`).

What it does, all on 127.0.0.1 and inside a temporary folder that is removed afterwards:

1. refuses to run when the settings are not production-like (DEBUG on, templates not cached,
   static files not hashed), because such figures would mislead;
2. builds a throwaway SQLite database with the demo content (the loader runs with the development
   settings, as it must), then collects the static files;
3. starts redis-server (the production cache and session store; skipped with --cache=locmem),
   the app server with the production settings (portal/serve.py), and nginx serving saved copies
   of the pages' HTML;
4. signs in as the demo employee, fetches every page once (a page that does not exist on this
   branch yet is reported as "not available"), saves its HTML for nginx;
5. measures each page with wrk at 16 and 64 connections, three repetitions each (bounded: a few
   seconds per run), for the portal and for nginx, and prints the medians and the ratios.

Needs Debian's nginx, wrk and redis-server; installs them with apt-get when missing.
"""

# ruff: noqa: S603 - runs fixed commands (manage.py, the app server, nginx, wrk, apt-get) with fixed arguments

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = (
    str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
)
DEMO_USER = "medewerker"
DEMO_PASSWORD = "demo-portaal-2026"  # noqa: S105 - the documented demo password (throwaway database)

# name, how to find it: a fixed path, or (app label, model-name fragment, title/slug fragment)
PAGES: list[tuple[str, str | tuple[str, str, str]]] = [
    ("home", "/nl/"),
    ("content page", "/nl/heldere-afspraken/"),
    ("code of conduct", "/nl/heldere-afspraken/gedragscode/"),
    ("calendar", ("awareness", "calendar", "")),
    ("programme item", "/nl/bewustwording/kalender/phishing-herkennen/"),
    ("VPD section", ("vpd", "vpdsection", "")),
    ("VPD department", ("vpd", "vpddepartment", "vth")),
    ("team instruction", ("vpd", "instruction", "")),
    ("statistics 2021", ("statistics", "", "2021")),
    ("search", "/nl/zoeken/?q=integriteit"),
]
PRODUCTION_CHECK = """
import json
import django
django.setup()
from django.conf import settings
loaders = [str(loader) for loader in settings.TEMPLATES[0]["OPTIONS"].get("loaders", [])]
print(json.dumps({
    "debug": settings.DEBUG,
    "cached_templates": "django.template.loaders.cached.Loader" in " ".join(loaders),
    "manifest_static": "Manifest" in settings.STORAGES["staticfiles"]["BACKEND"],
    "demo_allowed": settings.DEMO_CONTENT_ALLOWED,
}))
"""
DISCOVER = """
import json
import django
django.setup()
from wagtail.models import Page
pages = []
for page in Page.objects.live().filter(locale__language_code="nl").select_related("content_type"):
    pages.append({
        "app": page.content_type.app_label, "model": page.content_type.model,
        "title": page.title, "slug": page.slug, "url": page.url,
    })
print(json.dumps(pages))
"""


class Refused(SystemExit):
    pass


def throwaway_fernet_key() -> str:
    from base64 import urlsafe_b64encode

    return urlsafe_b64encode(secrets.token_bytes(32)).decode()


def refuse(message: str) -> None:
    print(f"bench_pages: refusing to run: {message}", file=sys.stderr)
    raise Refused(2)


def truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def check_settings(env: dict[str, str]) -> None:
    """Refuse unless the server would run production-like settings (no misleading figures)."""
    module = env.get("DJANGO_SETTINGS_MODULE", "")
    if truthy(env.get("DEBUG")):
        refuse("DEBUG is on. Benchmarks with DEBUG measure the debug machinery; unset DEBUG.")
    if module and not module.endswith(".production"):
        refuse(
            f"DJANGO_SETTINGS_MODULE is {module!r}; the benchmark measures the production settings "
            "(portal.settings.production). Unset it or point it at production settings."
        )
    result = subprocess.run(
        [PYTHON, "-c", PRODUCTION_CHECK], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    if result.returncode != 0:
        refuse(f"the production settings do not load:\n{result.stderr.strip()[-2000:]}")
    found = json.loads(result.stdout.strip().splitlines()[-1])
    problems = []
    if found["debug"]:
        problems.append("DEBUG is on")
    if not found["cached_templates"]:
        problems.append("templates are not cached")
    if not found["manifest_static"]:
        problems.append("static files are not served with hashed names (manifest storage)")
    if found["demo_allowed"]:
        problems.append("demo content is allowed (development settings)")
    if problems:
        refuse("the settings are not production-like: " + "; ".join(problems) + ".")


# -- set-up -----------------------------------------------------------------------------------


def ensure_tools(tools: dict[str, str]) -> None:
    missing = [package for command, package in tools.items() if shutil.which(command) is None]
    if not missing:
        return
    print(f"Installing Debian packages: {' '.join(missing)}")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True)
    subprocess.run(
        [*sudo, "apt-get", "install", "-y", "-qq", *missing],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, path: str = "/", timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", path)
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"bench_pages: nothing answered on 127.0.0.1:{port} within {timeout} s")


@dataclass
class Server:
    name: str
    process: subprocess.Popen

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def start(name: str, command: list[str], log: Path, **kwargs) -> Server:
    handle = log.open("w")
    return Server(name, subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, **kwargs))


def production_env(
    base_env: dict[str, str], settings_module: str = "portal.settings.production"
) -> dict[str, str]:
    """The production settings served on 127.0.0.1 without TLS, with throwaway keys for a throwaway
    database (production refuses to start without them) unless the environment gives its own."""
    return {
        **base_env,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "SECRET_KEY": base_env.get("SECRET_KEY") or secrets.token_urlsafe(64),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PORTAL_ENCRYPTION_KEYS": base_env.get("PORTAL_ENCRYPTION_KEYS") or throwaway_fernet_key(),
        "PORTAL_AUDIT_KEY": base_env.get("PORTAL_AUDIT_KEY") or secrets.token_urlsafe(32),
    }


def manage(env: dict[str, str], *command: str, **kwargs) -> subprocess.CompletedProcess:
    """`manage.py <command>` in the checkout with `env`; fails loudly, output captured."""
    return subprocess.run(
        [PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True, **kwargs
    )


def start_redis(tmp: Path, env: dict[str, str]) -> Server:
    """redis-server on a free port, keeping nothing on disk; points `env`'s default cache at it."""
    port = free_port()
    command = ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", ""]
    server = start("redis", [*command, "--appendonly", "no", "--dir", str(tmp)], tmp / "redis.log")
    env.update(CACHE_BACKEND="django_redis.cache.RedisCache", CACHE_LOCATION=f"redis://127.0.0.1:{port}/0")
    return server


def start_app_server(tmp: Path, env: dict[str, str]) -> tuple[Server, int]:
    """The portal as `make serve` runs it (portal/serve.py) on a free port."""
    port = free_port()
    env["PORT"] = str(port)
    command = [PYTHON, "-m", "portal.serve"]
    return start("app server", command, tmp / "app-server.log", cwd=ROOT, env=env), port


def nginx_config(tmp: Path, port: int) -> Path:
    config = tmp / "nginx.conf"
    user = "" if os.geteuid() != 0 else "user root;"
    config.write_text(
        f"""{user}
worker_processes auto;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {tmp}/nginx-body;
    proxy_temp_path {tmp}/nginx-proxy;
    fastcgi_temp_path {tmp}/nginx-fastcgi;
    uwsgi_temp_path {tmp}/nginx-uwsgi;
    scgi_temp_path {tmp}/nginx-scgi;
    types {{ text/html html; }}
    server {{
        listen 127.0.0.1:{port};
        root {tmp}/html;
    }}
}}
"""
    )
    return config


# -- signing in and fetching ------------------------------------------------------------------


class Browser:
    """Just enough of a browser: cookies, and forms with a CSRF token."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, dict, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": self.cookie_header(), "Host": "127.0.0.1"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        text = response.read().decode("utf-8", "replace")
        return response.status, dict(response.getheaders()), text

    def sign_in(self, username: str, password: str) -> None:
        status, _, html = self.request("GET", "/nl/account/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if status != 200 or token is None:
            raise SystemExit(f"bench_pages: the sign-in page did not load ({status})")
        body = urlencode({"csrfmiddlewaretoken": token.group(1), "username": username, "password": password})
        status, _, _ = self.request("POST", "/nl/account/login/", body)
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"bench_pages: signing in as {username} failed ({status})")


def discover(env: dict[str, str]) -> dict[str, str | None]:
    """The URL of each page to measure (None where this branch has no such page)."""
    result = subprocess.run(
        [PYTHON, "-c", DISCOVER], cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=120
    )
    pages = json.loads(result.stdout.strip().splitlines()[-1])
    urls: dict[str, str | None] = {}
    for name, how in PAGES:
        if isinstance(how, str):
            urls[name] = how
            continue
        app, model, text = how
        match = next(
            (
                page
                for page in pages
                if page["app"] == app
                and model in page["model"]
                and (text in page["slug"] or text in page["title"])
            ),
            None,
        )
        urls[name] = match["url"] if match else None
    return urls


# -- measuring --------------------------------------------------------------------------------


@dataclass
class Run:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def to_ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(url: str, connections: int, seconds: int, cookie: str) -> Run:
    command = [
        "wrk",
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "5s",
        "-H",
        f"Cookie: {cookie}",
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 30).stdout
    if "Requests/sec" not in output or "50%" not in output:
        raise SystemExit(f"bench_pages: unexpected wrk output for {url}:\n{output}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    # The latency distribution lines ("     50%    1.23ms"), not "69.99%" in the thread stats.
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1))
    errors = 0
    if found := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(found.group(1))
    if found := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        errors += sum(int(n) for n in found.groups())
    return Run(rps, p50, p99, errors)


def median_run(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.rps for r in runs),
        statistics.median(r.p50_ms for r in runs),
        statistics.median(r.p99_ms for r in runs),
        sum(r.errors for r in runs),
    )


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    nproc = len(os.sched_getaffinity(0))
    return f"nproc {nproc}, {cpu}, {memory_kb / 1024 / 1024:.1f} GiB memory"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=5, help="length of one wrk run (default 5)")
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--connections", default="16,64", help="comma-separated (default 16,64)")
    parser.add_argument("--cache", choices=["redis", "locmem"], default="redis")
    parser.add_argument("--pages", help="comma-separated names to measure (default: all)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    args = parser.parse_args(argv)

    base_env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL"}}
    prod_env = production_env(
        base_env, base_env.get("DJANGO_SETTINGS_MODULE") or "portal.settings.production"
    )
    check_settings(prod_env)
    ensure_tools(
        {
            "nginx": "nginx",
            "wrk": "wrk",
            **({"redis-server": "redis-server"} if args.cache == "redis" else {}),
        }
    )
    connections = [int(c) for c in args.connections.split(",")]
    wanted = set(args.pages.split(",")) if args.pages else None

    tmp = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    tmp.chmod(0o755)
    servers: list[Server] = []
    try:
        database = f"sqlite:///{tmp / 'bench.sqlite3'}"
        dev_env = {
            **base_env,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DATABASE_URL": database,
            "DEBUG": "true",
            "LOG_LEVEL": "WARNING",
        }
        prod_env.update(
            DATABASE_URL=database,
            STATIC_ROOT=str(tmp / "static"),
            MEDIA_ROOT=str(tmp / "media"),
            APP_SERVER_ACCESS_LOG=str(tmp / "access.log"),
        )
        print("Building a throwaway database with the demo content ...", flush=True)
        for command in (["migrate", "--noinput", "-v0"], ["load_demo_content"]):
            manage(dev_env, *command, timeout=600)
        manage(prod_env, "collectstatic", "--noinput", "-v0", timeout=600)
        if args.cache == "redis":
            servers.append(start_redis(tmp, prod_env))
        app_server, app_port = start_app_server(tmp, prod_env)
        servers.append(app_server)
        nginx_port = free_port()
        wait_for(app_port, "/healthz")

        urls = discover(dev_env)
        browser = Browser(app_port)
        browser.sign_in(DEMO_USER, DEMO_PASSWORD)
        cookie = browser.cookie_header()
        (tmp / "html").mkdir()
        available: dict[str, str] = {}
        for name, url in urls.items():
            if wanted and name not in wanted:
                continue
            if url is None:
                print(f"  {name}: not available on this branch")
                continue
            status, _, html = browser.request("GET", url)
            if status != 200:
                print(f"  {name}: not available ({url} answers {status})")
                continue
            (tmp / "html" / f"{len(available)}.html").write_text(html)
            available[name] = url
            browser.request("GET", url)  # the second request may come from the page cache
            print(f"  {name}: {url} ({len(html)} bytes)")
        nginx_page = {name: f"/{index}.html" for index, name in enumerate(available)}
        servers.append(
            start(
                "nginx",
                [
                    "nginx",
                    "-e",
                    str(tmp / "nginx-error.log"),
                    "-c",
                    str(nginx_config(tmp, nginx_port)),
                    "-g",
                    "daemon off;",
                ],
                tmp / "nginx.log",
            )
        )
        wait_for(nginx_port, "/")

        results = {}
        for name, url in available.items():
            for clients in connections:
                for target, port, path in (
                    ("portal", app_port, url),
                    ("nginx", nginx_port, nginx_page[name]),
                ):
                    full = f"http://127.0.0.1:{port}{path}"
                    wrk(full, clients, 1, cookie)  # warm-up
                    runs = [wrk(full, clients, args.seconds, cookie) for _ in range(args.repetitions)]
                    results[(name, clients, target)] = median_run(runs)
                portal, nginx = results[(name, clients, "portal")], results[(name, clients, "nginx")]
                print(
                    f"  {name:17} c={clients:<3} portal {portal.rps:8.0f} req/s p50 {portal.p50_ms:6.1f} ms "
                    f"p99 {portal.p99_ms:6.1f} ms errors {portal.errors} | nginx {nginx.rps:8.0f} req/s "
                    f"| ratio 1/{nginx.rps / portal.rps:.0f}",
                    flush=True,
                )
        print_table(results, available, connections, urls)
        app_server.stop()  # each worker logs its page cache counters as it exits
        servers.remove(app_server)
        cache_counts = page_cache_counts(tmp / "app-server.log")
        print_page_cache_counts(cache_counts)
        if args.json:
            args.json.write_text(
                json.dumps(
                    {
                        "machine": machine(),
                        "results": [
                            {
                                "page": name,
                                "url": available[name],
                                "connections": clients,
                                "server": target,
                                **vars(run),
                            }
                            for (name, clients, target), run in results.items()
                        ],
                        "not_available": [name for name in urls if name not in available],
                        "page_cache": cache_counts,
                    },
                    indent=2,
                )
            )
        return 0
    finally:
        for server in reversed(servers):
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


PAGE_CACHE_STATES = ("hit", "miss", "personal", "fast_path")


def page_cache_counts(log: Path) -> dict[str, int]:
    """The page cache counters of all the app server's workers, added up from the lines they log at exit
    (portal/page_cache_stats.py; responses carry no X-Page-Cache header outside DEBUG)."""
    total = dict.fromkeys(PAGE_CACHE_STATES, 0)
    workers = 0
    for line in log.read_text(errors="replace").splitlines():
        if "page cache counters" not in line:
            continue
        workers += 1
        for state, value in re.findall(r"\b(\w+)=(\d+)", line.split("page cache counters", 1)[1]):
            if state in total:
                total[state] += int(value)
    return {**total, "workers": workers}


def print_page_cache_counts(counts: dict[str, int]) -> None:
    answered = counts["hit"] + counts["miss"] + counts["personal"]
    rate = f"{100 * counts['hit'] / answered:.1f}%" if answered else "n/a"
    print(
        f"Page cache (server-side counters of {counts['workers']} workers): {counts['hit']} hits "
        f"({counts['fast_path']} on the fast path), {counts['miss']} misses, {counts['personal']} personal; "
        f"hit rate {rate}"
    )


def print_table(results, available, connections, urls) -> None:
    print()
    print(f"Machine: {machine()}")
    print("Medians of the repetitions; ratio = nginx requests/s divided by the portal's.")
    print()
    print("| page | clients | portal req/s | p50 ms | p99 ms | errors | nginx req/s | ratio |")
    print("|---|---|---|---|---|---|---|---|")
    for name in available:
        for clients in connections:
            portal, nginx = results[(name, clients, "portal")], results[(name, clients, "nginx")]
            print(
                f"| {name} | {clients} | {portal.rps:.0f} | {portal.p50_ms:.1f} | {portal.p99_ms:.1f} | "
                f"{portal.errors} | {nginx.rps:.0f} | 1/{nginx.rps / portal.rps:.0f} |"
            )
    for name in urls:
        if name not in available:
            print(f"| {name} | - | not available | | | | | |")


if __name__ == "__main__":
    sys.exit(main())
