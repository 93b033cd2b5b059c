"""Browser tests: a real server thread, Debian's headless Chromium driven by Playwright, axe-core.

Why not pytest-django's ``live_server``: it forces ``transactional_db``, which empties the
database after each test and would throw away the demo data set the whole suite shares. Instead
the server runs against the committed demo data and the browser tests run last (see
``pytest_collection_modifyitems``), so what they write cannot disturb the other tests. Browser
tests must therefore not assume they are the only ones writing: give created records unique names.

A test marked ``django_db`` runs inside a transaction that, on SQLite, holds the write lock: the
server thread then cannot save anything. Tests that make the server write are therefore not
marked and use ``committed_db`` below: autocommit, deleting their own rows.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("KENNISBRUG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
#: axe-core impacts that fail a page; "minor" and "moderate" are reported, not failed.
FAILING_IMPACTS = {"serious", "critical"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Browser tests write through a real server (committed, not rolled back): run them last.
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def site_url(django_db_setup, django_db_blocker) -> Iterator[str]:
    """The base URL of a real threaded server over the test database (with the demo data)."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.testcases import LiveServerThread

    blocker = django_db_blocker.unblock()
    blocker.__enter__()
    server = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.terminate()
        blocker.__exit__(None, None, None)


@pytest.fixture
def committed_db(site_url, django_db_blocker):
    """Database access for a browser test that makes the server write: no test transaction
    (it would hold SQLite's write lock and hide the server's commits), so the test commits at
    once, as the server does, and deletes what it made."""
    from django.db import connections

    with django_db_blocker.unblock():
        yield
        # On PostgreSQL an open connection would stop the test database from being dropped.
        connections.close_all()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread, which makes Django
    # refuse database calls from the test itself; the calls are still synchronous, so allow them.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not Path(CHROMIUM).exists():
        message = (
            f"Chromium ontbreekt op {CHROMIUM} (Debian-pakket chromium): browsertests overgeslagen"
        )
        if os.environ.get("KENNISBRUG_REQUIRE_BROWSER"):
            pytest.fail(message)  # CI sets this: there the browser tests must run
        pytest.skip(message)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site_url):
    """A fresh browser tab (own cookies) that speaks Dutch, with ``page.base_url`` set."""
    context = browser.new_context(locale="nl-NL", base_url=site_url)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture
def js_off_page(browser, site_url):
    """A tab with JavaScript disabled: the core flows must work without it."""
    context = browser.new_context(locale="nl-NL", base_url=site_url, java_script_enabled=False)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def axe_violations(page, impacts: set[str] = FAILING_IMPACTS) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the page; return violations of ``impacts``."""
    if not AXE.exists():
        pytest.fail(f"axe-core ontbreekt ({AXE}): `make test` installeert het met npm")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return [v for v in result["violations"] if v["impact"] in impacts]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        lines.append(f"{violation['impact']}: {violation['id']} ({violation['help']}) at {targets}")
    return "\n".join(lines)


def assert_accessible(page) -> None:
    """Fail with a readable list when axe-core finds serious or critical WCAG violations."""
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
