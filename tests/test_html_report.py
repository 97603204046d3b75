"""The HTML report as a moderator sees it: in headless Chromium, with the image, its annotation
toggle, the five sections and each sentence's evidence lit on the image."""

from __future__ import annotations

import html
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import BrowserPage

pytest_plugins = ["tests.browser"]
pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "output"


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "seed.html"
    png = out.with_suffix(".annotated.png")
    run = subprocess.run(
        [sys.executable, "-m", "memeaudit", "analyze", str(ROOT / "samples" / "distillation-meme.png"),
         "--format", "html", "-o", str(out), "--annotate", str(png)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert png.is_file() and png.stat().st_size > 10_000
    return out


def test_the_report_is_one_file_that_loads_nothing_from_outside(seed_report: Path) -> None:
    text = seed_report.read_text(encoding="utf-8")
    assert text.count('src="data:image/') == 2  # the image and its annotation, embedded
    assert "http://" not in text and "https://" not in text
    assert "script-src 'sha256-" in html.unescape(text)  # only this page's own script runs


def test_the_seed_report_works_in_chromium(seed_report: Path, browser_page: BrowserPage) -> None:
    view, page = browser_page, browser_page.page
    page.goto(seed_report.as_uri())
    page.wait_for_load_state("load")
    assert view.problems() == []
    assert all(url.startswith(("file://", "data:")) for url in view.requests), view.requests
    titles = page.locator("section h2").all_inner_texts()
    assert titles == ["1. Description", "2. Security and Privacy", "3. Platforms and Models",
                      "4. Claims and Evidence", "5. Legal and Ethical Implications"]  # fmt: skip
    loaded = page.evaluate("Array.from(document.images).map(i => i.complete && i.naturalWidth > 0)")
    assert loaded == [True, True]
    annotation = page.locator("img.annotation")
    assert not annotation.is_visible()
    page.click("#toggle")
    assert annotation.is_visible() and page.get_attribute("#toggle", "aria-pressed") == "true"
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "report-seed-annotated.png"), full_page=True)
    page.click("#toggle")
    assert not annotation.is_visible()

    lit = page.locator(".sentence:not([data-boxes='[]'])").first
    key = lit.get_attribute("data-key")
    boxes = json.loads(lit.get_attribute("data-boxes") or "[]")
    assert boxes, "a sentence of the seed report should point at text in the image"
    assert page.locator(f".box.on[data-key='{key}']").count() == 0
    lit.hover()
    shown = page.locator(f".box.on[data-key='{key}']")
    assert shown.count() == len(boxes) and shown.first.is_visible()
    page.screenshot(path=str(OUTPUT / "report-seed-evidence.png"), full_page=True)
    page.mouse.move(0, 0)
    assert page.locator(".box.on").count() == 0
    lit.focus()  # keyboard users get the same
    assert page.locator(f".box.on[data-key='{key}']").count() == len(boxes)
