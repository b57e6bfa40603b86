"""`make screenshots`: every page type at 375 and 1280 CSS pixels, in Dutch and English, as PNG files
in docs/screens/ (generated, never committed: docs/screens/ is in .gitignore), so reviewers look
instead of read.

The portal runs from a throwaway SQLite database with the demo content (development settings,
`manage.py runserver` on a free port of 127.0.0.1), driven by Playwright with Debian's Chromium
like the browser tests (tests/browser/conftest.py). Each page is opened in Dutch, then its
English version through the language switcher (English pages have their own slugs). The
file names are `<role>-<page>-<language>-<width>.png`; an index.html shows them side by side.

    make screenshots                    # all pages
    SCREENS_ONLY=gedragscode make screenshots   # only pages whose path contains the text
"""

from __future__ import annotations

import html
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM_ARGS  # noqa: E402 - the flags the browser tests use

OUT = ROOT / "docs" / "screens"
WIDTHS = (375, 1280)
PASSWORD = "demo-portaal-2026"  # noqa: S105 - the demo accounts' password (README); development settings only

# (who, path): one page of each type, as the reflow journey visits them.
PAGES = [
    (None, "/nl/account/login/"),
    (None, "/nl/melding/"),
    (None, "/nl/melding/opvolging/"),
    (None, "/nl/pagina-die-niet-bestaat/"),
    ("medewerker", "/nl/"),
    ("medewerker", "/nl/melden/"),
    ("medewerker", "/nl/bewustwording/kalender/"),
    ("medewerker", "/nl/bewustwording/kalender/?weergave=maand"),
    ("medewerker", "/nl/bewustwording/kalender/week-van-de-weerbaarheid-2021/"),
    ("medewerker", "/nl/bewustwording/kalender/phishing-herkennen/"),
    ("medewerker", "/nl/heldere-afspraken/gedragscode/"),
    ("medewerker", "/nl/heldere-afspraken/onderzoeksprotocol/"),
    ("medewerker", "/nl/veilige-werkomgeving/protocol-vpd/"),
    ("medewerker", "/nl/veilige-werkomgeving/veilige-publieke-dienstverlening/"),
    ("medewerker", "/nl/veilige-werkomgeving/veilige-publieke-dienstverlening/vth/"),
    ("medewerker", "/nl/veilige-werkomgeving/veilige-publieke-dienstverlening/vth/toezicht-openbare-ruimte/"),
    ("medewerker", "/nl/melden/jaarverslag-2021/"),
    ("medewerker", "/nl/zoeken/?q=ov-pas"),
    ("medewerker", "/nl/bewustwording/mijn-aanmeldingen/"),
    ("medewerker", "/nl/bewustwording/introductie/"),
    ("medewerker", "/nl/account/sessies/"),
    ("medewerker", "/nl/vpd/incidenten/"),
    ("medewerker", "/nl/vpd/incidenten/melden/"),
    ("medewerker", "/nl/abonnementen/"),
    ("leidinggevende", "/nl/gedragscode/leesbevestigingen/"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        sys.exit("Chromium is not installed: run `make install` (it installs Debian's chromium).")
    return path


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603 - our own manage.py, fixed arguments


def wait_until_up(url: str, server: subprocess.Popen, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("The server stopped before it answered.")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own local server
                return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"The server did not answer at {url}.")


def file_name(who: str | None, path: str, language: str, width: int) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
    return f"{who or 'afgemeld'}-{slug}-{language}-{width}.png"


def sign_in(page, username: str) -> None:
    page.goto("/nl/account/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def english_url(page) -> str | None:
    """The English version of the page on screen, from the language switcher."""
    link = page.get_by_role("navigation", name="Taal").get_by_role("link", name="English")
    return link.get_attribute("href") if link.count() else None


def shoot(browser, base_url: str, only: str) -> list[tuple[str, str, list[str]]]:
    shots = []
    for who in dict.fromkeys(who for who, _path in PAGES):
        context = browser.new_context(base_url=base_url, locale="nl-NL")
        page = context.new_page()
        if who:
            sign_in(page, who)
        for owner, path in PAGES:
            if owner != who or only not in path:
                continue
            for language in ("nl", "en"):
                files = []
                for width in WIDTHS:
                    page.set_viewport_size({"width": width, "height": 900})
                    page.goto(path)
                    if language == "en":
                        target = english_url(page) or path.replace("/nl/", "/en/", 1)
                        page.goto(target)
                    name = file_name(who, path, language, width)
                    page.screenshot(path=str(OUT / name), full_page=True)
                    files.append(name)
                shots.append((who or "-", f"{path} ({language})", files))
                print(f"{who or 'signed out'}: {path} ({language})")
        context.close()
    return shots


def write_index(shots) -> None:
    rows = "\n".join(
        f"<section><h2>{html.escape(title)} · {html.escape(who)}</h2>"
        + "".join(f'<a href="{name}"><img src="{name}" alt="" loading="lazy"></a>' for name in files)
        + "</section>"
        for who, title, files in shots
    )
    (OUT / "index.html").write_text(
        "<!DOCTYPE html><html lang='en'><meta charset='utf-8'><title>Screens</title>"
        "<style>img{max-height:600px;margin:0 1rem 1rem 0;border:1px solid #ccc;vertical-align:top}</style>"
        f"<h1>Every page type at {' and '.join(map(str, WIDTHS))} px</h1>{rows}</html>"
    )


def main() -> None:
    from playwright.sync_api import sync_playwright

    only = os.environ.get("SCREENS_ONLY", "")
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="portal-screens-") as workdir:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DATABASE_URL": f"sqlite:///{workdir}/screens.sqlite3",
            "MEDIA_ROOT": f"{workdir}/media",
            "PAGE_CACHE_ENABLED": "false",
        }
        print("Preparing a throwaway database with the demo content…")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo_content")
        port = free_port()
        server = subprocess.Popen(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base_url + "/healthz", server)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
                )
                shots = shoot(browser, base_url, only)
                browser.close()
        finally:
            os.killpg(server.pid, signal.SIGTERM)  # the server we started, and only it
            server.wait(timeout=10)
    write_index(shots)
    count = sum(len(files) for _who, _title, files in shots)
    print(f"{count} screenshots in {OUT.relative_to(ROOT)}/ (index.html)")


if __name__ == "__main__":
    main()
