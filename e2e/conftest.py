"""Fixtures: one Sekisho server per pytest run, a fresh chromium per test.

Environment: SEKISHO_BIN (the built `sekisho`, required), SEKISHO_E2E_DATABASE_URL
(a PostgreSQL URL; empty or unset means the embedded SQLite database).
"""

from __future__ import annotations

import os
import uuid

import pytest

from sekisho_e2e.browser import Page, start_chromium
from sekisho_e2e.line_gateway import LineGateway
from sekisho_e2e.mailbox import DevMailbox
from sekisho_e2e.openid_provider import LocalOpenIDProvider
from sekisho_e2e.server import SekishoServer


@pytest.fixture(scope="session")
def google():
    """The local OpenID provider that the server knows as Google."""
    provider = LocalOpenIDProvider().start()
    yield provider
    provider.stop()


@pytest.fixture(scope="session")
def line_gateway():
    """nginx on 127.0.0.2, the carrier gateway of the subscriber line CAF1234567890; started with the server."""
    gateway = LineGateway("CAF1234567890")
    yield gateway
    gateway.stop()


def sekisho_binary() -> str:
    binary = os.environ.get("SEKISHO_BIN")
    if not binary or not os.access(binary, os.X_OK):
        pytest.exit(f"SEKISHO_BIN must name the built sekisho executable (got {binary!r})", returncode=2)
    return binary


@pytest.fixture(scope="session")
def server(google, line_gateway):
    server = SekishoServer(sekisho_binary(), os.environ.get("SEKISHO_E2E_DATABASE_URL", ""), environment={
        "SEKISHO_GOOGLE_CLIENT_ID": google.client_id, "SEKISHO_GOOGLE_CLIENT_SECRET": google.client_secret,
        "SEKISHO_GOOGLE_ISSUER": google.issuer, **line_gateway.environment,
    })
    server.start()
    line_gateway.start(server.port)
    yield server
    server.cleanup()


@pytest.fixture(scope="session")
def localhost_server():
    """A second server on the same database whose public URL is http://localhost:PORT, for security
    keys (see SekishoServer)."""
    server = SekishoServer(sekisho_binary(), os.environ.get("SEKISHO_E2E_DATABASE_URL", ""), host_name="localhost")
    server.start()
    yield server
    server.cleanup()


@pytest.fixture
def page(server, request):
    driver = start_chromium()
    page = Page(driver, server.url)
    request.node.e2e_page = page
    yield page
    driver.quit()


@pytest.fixture
def new_browser(server, request):
    """Opens another chromium with its own empty profile (no cookies) per call; quits them all after
    the test. The newest one is what a failure report shows."""
    drivers = []

    def open_page() -> Page:
        driver = start_chromium()
        drivers.append(driver)
        page = Page(driver, server.url)
        request.node.e2e_page = page
        return page

    yield open_page
    for driver in drivers:
        driver.quit()


@pytest.fixture
def mailbox(page):
    return DevMailbox(page)


@pytest.fixture
def unique_email():
    return f"e2e-{uuid.uuid4().hex[:12]}@example.com"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failure, attach where the browser was, what it showed, and the server log."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    page = getattr(item, "e2e_page", None)
    if page is not None:
        try:
            report.sections.append(("browser", f"at {page.driver.current_url}\n\n{page.driver.find_element('tag name', 'body').text}"))
        except Exception as error:  # the browser itself may be what failed
            report.sections.append(("browser", f"(could not read the page: {error})"))
    server = item.funcargs.get("server")
    if server is not None:
        report.sections.append((f"sekisho server log ({server.database})", server.log()))
