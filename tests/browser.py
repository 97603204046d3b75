"""Real headless Chromium for page tests: Debian's `chromium` driven by Playwright for Python.

No browser is downloaded (never run `playwright install`): Playwright launches the system's
Chromium at CHROMIUM (/usr/bin/chromium, or $MEMEAUDIT_CHROMIUM). Without Chromium or Playwright
the tests that use these fixtures are skipped, with the reason and the command that fixes it.

Use it from a test module with

    pytest_plugins = ["tests.browser"]

then ask for `browser_page`: a fresh page (its own context, 1280x900) per test that records
console errors, uncaught page errors, dialogs (alert, confirm, prompt: dismissed) and every
request, so a test can assert that none happened. The browser itself is launched once a session.
Outside pytest, `launch()` gives a Browser in a with-block.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("MEMEAUDIT_CHROMIUM", "/usr/bin/chromium"))
# --no-sandbox: the tests run as root, and Chromium's sandbox refuses to start as root.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
VIEWPORT = {"width": 1280, "height": 900}


def missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        return (
            f"Chromium is not installed at {CHROMIUM} "
            "(DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (.venv/bin/pip install playwright)"
    return None


_OPEN: list[Any] = []  # the browser an outer launch() block holds open


@contextmanager
def launch() -> Iterator[Any]:
    """A headless Chromium Browser (playwright.sync_api.Browser), closed on exit. Inside another
    launch() block (the session's browser fixture, say) it is that block's browser: Playwright's
    sync API cannot start a second instance while one runs in the same thread."""
    if _OPEN:
        yield _OPEN[-1]
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        _OPEN.append(browser)
        try:
            yield browser
        finally:
            _OPEN.pop()
            browser.close()


@dataclass
class BrowserPage:
    """A page and what happened on it."""

    page: Any  # playwright.sync_api.Page
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions and dialogs, one line each."""
        return (
            [f"console error: {text}" for text in self.console_errors]
            + [f"page error: {text}" for text in self.page_errors]
            + [f"dialog: {text}" for text in self.dialogs]
        )


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Any]:
    reason = missing()
    if reason:
        pytest.skip(reason)
    with launch() as browser:
        yield browser


@pytest.fixture
def browser_page(chromium_browser: Any) -> Iterator[BrowserPage]:
    context = chromium_browser.new_context(viewport=VIEWPORT, java_script_enabled=True)
    page = context.new_page()
    seen = BrowserPage(page)

    def on_console(message: Any) -> None:
        if message.type == "error":
            location = message.location or {}
            seen.console_errors.append(f"{message.text} ({location.get('url', '')})")

    def on_dialog(dialog: Any) -> None:
        seen.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("console", on_console)
    page.on("pageerror", lambda error: seen.page_errors.append(str(error)))
    page.on("dialog", on_dialog)
    page.on("request", lambda request: seen.requests.append(request.url))
    try:
        yield seen
    finally:
        context.close()
