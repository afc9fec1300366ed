"""Shared support for browser tests: Debian's Chromium driven by Playwright (sync API) against pytest-django's
live server. Modules import the fixture: ``from tests.browser import browser, login, shot``."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM must still be allowed here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT_DIR = os.environ.get("PARKCARBON_SCREENSHOTS")  # set to a directory to keep screenshots


@pytest.fixture(scope="session")
def _end_live_server_sessions(django_db_setup, django_db_blocker):
    """PostgreSQL: once every test has run, end this run's leftover sessions on the test database (the live
    server's request threads) so that it can be dropped. Done once at the end, never between tests: Playwright's
    greenlets give the ORM several connections in one test thread, and ending them mid-run breaks the next test."""
    yield
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND application_name = current_setting('application_name')"
            )
        connection.close()


@pytest.fixture
def browser(_end_live_server_sessions):
    if not CHROMIUM.exists():
        if os.environ.get("PARKCARBON_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing but PARKCARBON_REQUIRE_BROWSER=1 (install: apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium fonts-noto-cjk); "
                    "set PARKCARBON_REQUIRE_BROWSER=1 to fail instead")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def shot(page, name):
    if SCREENSHOT_DIR:
        page.screenshot(path=str(Path(SCREENSHOT_DIR) / f"{name}.png"), full_page=False)


def login(page, base, username, password):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("[data-testid=login-form] button[type=submit]")
    page.wait_for_url(f"{base}/")


def signed_in_page(browser, base, username, password, lang):
    """A new page signed in as ``username`` with the interface in ``lang`` (the switch in the header), and the list
    that collects every 5xx response it gets."""
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    errors = []
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 500 else None)
    login(page, base, username, password)
    page.click(f"[data-testid=language-switch] button[value={lang}]")
    return page, errors


def choose_division(page, code: str, name: str = "division") -> None:
    """Pick a county in the province / city / county cascade (parks/widgets/division.html), waiting for each lower
    select to be reloaded by the page's script."""
    levels = [code[:2] + "0000", code[:4] + "00", code]
    for i, value in enumerate(levels):
        page.wait_for_selector(f"select[name={name}_{i}] option[value='{value}']", state="attached")
        page.select_option(f"select[name={name}_{i}]", value)
