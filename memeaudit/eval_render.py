"""HTML case pages rendered to PNG in headless Chromium, for `memeaudit eval reports`.

The same rendering as the report cases were written for (tests/data/report-cases/README.md):
Debian's Chromium driven by Playwright for Python, a viewport as wide as the case, a full-page
screenshot. No browser is downloaded: Playwright launches the system's Chromium
($MEMEAUDIT_CHROMIUM, default /usr/bin/chromium). Renders are cached by a hash of the page and
the width, so a second run reads PNG files and starts no browser at all.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, Protocol

from memeaudit.errors import EngineMissing, PackageMissing

CHROMIUM = Path(os.environ.get("MEMEAUDIT_CHROMIUM", "/usr/bin/chromium"))
# --no-sandbox: Chromium's sandbox refuses to start as root (the project's test machines).
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
HEIGHT = 400  # the viewport's height; the screenshot takes the full page
VERSION = "1"  # part of the cache key: bump when the rendering changes


class Render(Protocol):
    def __call__(self, html: Path, width: int) -> Path: ...


def cache_key(html: bytes, width: int) -> str:
    return hashlib.sha256(b"%s\0%d\0%s" % (VERSION.encode(), width, html)).hexdigest()[:24]


@contextmanager
def renderer(cache: Path) -> Iterator[Render]:
    """A function (page.html, width) -> the PNG's path in `cache`; the browser starts on the
    first page that is not cached yet, and closes on exit."""
    stack = ExitStack()
    state: dict[str, Any] = {}

    def render(html: Path, width: int) -> Path:
        data = html.read_bytes()
        png = cache / f"{cache_key(data, width)}.png"
        if png.is_file():
            return png
        if "browser" not in state:
            state["browser"] = stack.enter_context(_browser())
        page = state["browser"].new_page(viewport={"width": width, "height": HEIGHT})
        try:
            page.goto(html.resolve().as_uri(), wait_until="load")
            shot = page.screenshot(full_page=True, type="png", animations="disabled")
        finally:
            page.close()
        cache.mkdir(parents=True, exist_ok=True)
        partial = png.with_suffix(".part")
        partial.write_bytes(shot)
        partial.replace(png)  # whole or absent: a run cut short leaves no half file
        return png

    with stack:
        yield render


@contextmanager
def _browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as err:
        raise PackageMissing(
            "rendering HTML cases needs Playwright for Python", "pip install playwright"
        ) from err
    if not CHROMIUM.is_file():
        raise EngineMissing(
            f"rendering HTML cases needs Chromium at {CHROMIUM}",
            "apt-get install chromium, or set MEMEAUDIT_CHROMIUM",
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        try:
            yield browser
        finally:
            browser.close()
