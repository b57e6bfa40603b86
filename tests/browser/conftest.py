"""Browser tests: Playwright drives Debian's Chromium (no browser download) against a live server.

Chromium runs headless with the flags this sandboxed, offline machine needs. Playwright's sync API
runs an event loop in the test thread, so Django's async-safety guard is relaxed for these tests.
"""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    """Every test in this folder is a browser test on a transactional database.

    serialized_rollback keeps Django from re-creating content types and permissions after each
    test's flush; the `live_db` fixture then restores the migrations' data.
    """
    for item in items:
        if "/tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium is not installed: run `make install` (it installs Debian's chromium).")
    return path


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, live_db):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    # The site's Content Security Policy must never block our own pages' resources.
    csp_errors = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
    assert not csp_errors, "Content Security Policy blocked: " + "\n".join(csp_errors)


@pytest.fixture
def axe():
    """Run axe-core on the page and fail on any WCAG 2.0/2.1 A or AA violation."""
    source = AXE_JS.read_text()

    def check(page, context: str = "", *, wcag22: bool = False):
        # Evaluated through the DevTools protocol, so the page's CSP does not block it.
        # wcag22=True adds WCAG 2.2 AA (24px targets): the reflow journey checks every page type so.
        # Colours are measured as painted: a message still fading in (Wagtail's admin messages)
        # would be reported as low contrast, so finite animations jump to their end state first.
        # A navigation still under way would leave axe without a document to read.
        page.wait_for_load_state()
        page.evaluate(
            """() => document.getAnimations().forEach(a => {
                const timing = a.effect && a.effect.getComputedTiming();
                if (timing && timing.iterations !== Infinity) { try { a.finish(); } catch (e) {} }
            })"""
        )
        page.evaluate(source)
        tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] + (["wcag22aa"] if wcag22 else [])
        result = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags
        )
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
            for v in result["violations"]
        ]
        assert not violations, f"axe-core violations on {context or page.url}:\n" + "\n".join(violations)
        return result

    return check


def sign_in(page, username: str, password: str, path: str = "/nl/"):
    """Signs in with the password and, for a role that needs it, the demo authenticator's code."""
    from tests.second_factor import demo_code_for, give_demo_authenticator_if_needed

    give_demo_authenticator_if_needed(username)
    page.goto(path)
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    if "/account/tweede-factor/" in page.url:
        page.get_by_label("Code", exact=True).fill(demo_code_for(username))
        page.get_by_role("button", name="Bevestigen", exact=True).click()
        page.wait_for_load_state()
