"""The batch gallery (OUTDIR/index.html): a real batch, thumbnails, and the page in real Chromium."""

from __future__ import annotations

import hashlib
import html
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PIL import Image

from memeaudit.batch.gallery import THUMB_SIZE, write_gallery
from memeaudit.batch.rows import IndexRow
from memeaudit.batch.run import BatchConfig, run_batch
from memeaudit.options import Options
from tests.conftest import ROOT, SAMPLES

if TYPE_CHECKING:
    from tests.browser import BrowserPage

pytestmark = pytest.mark.slow
pytest_plugins = ["tests.browser"]

OUTPUT = ROOT / "tests" / "output"  # screenshots, for a person to look at; not in git
FAST = Options(detect=False, semantic=False)
SAMPLE_NAMES = (
    "distillation-meme.png",
    "benign-meme.png",
    "pii-screenshot.png",
    "data-breach-post.png",
)
HOSTILE_HANDLE = "<img src=x onerror=alert(1)>"
HOSTILE_TOPIC = '"><script>alert(2)</script>'
HOSTILE_NAME = "<img src=y onerror=alert(8)>.png"


def _rows(outdir: Path) -> list[IndexRow]:
    lines = (outdir / "index.jsonl").read_text(encoding="utf-8").splitlines()
    return [IndexRow.model_validate_json(line) for line in lines]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[IndexRow]]:
    """A real batch of four samples and one broken file, with its gallery written."""
    tmp = tmp_path_factory.mktemp("gallery")
    broken = tmp / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    inputs = [str(SAMPLES / name) for name in SAMPLE_NAMES] + [str(broken)]
    out = tmp / "out"
    outcome = run_batch(
        BatchConfig(inputs, out, FAST, ("md", "json", "html"), workers=1, progress=False)
    )
    write_gallery(out, outcome.rows)
    return out, _rows(out)


def _by_name(rows: list[IndexRow]) -> dict[str, IndexRow]:
    return {Path(row.path).name: row for row in rows}


def _visible(view: BrowserPage) -> list[str]:
    return sorted(view.page.locator(".card:visible .name").all_inner_texts())


def _open(view: BrowserPage, page: Path) -> None:
    view.page.goto(page.as_uri())
    view.page.wait_for_load_state("load")


def test_the_gallery_has_thumbnails_and_a_second_run_keeps_them(batch) -> None:  # type: ignore[no-untyped-def]
    out, rows = batch
    page = out / "index.html"
    text = page.read_text(encoding="utf-8")
    by_name = _by_name(rows)
    assert by_name["broken.png"].status == "error"
    for name in SAMPLE_NAMES:
        row = by_name[name]
        assert row.status == "ok", row.error
        thumb = out / "thumbs" / f"{row.sha256}.jpg"
        with Image.open(thumb) as image:
            assert image.format == "JPEG" and max(image.size) <= THUMB_SIZE
        assert f'src="thumbs/{row.sha256}.jpg"' in text
        assert f'href="{row.reports["html"]}"' in text and (out / row.reports["html"]).is_file()
    assert len(list((out / "thumbs").iterdir())) == len(SAMPLE_NAMES)  # none for the broken file
    assert text.count('<article class="card') == 5
    assert html.escape(by_name["broken.png"].error or "", quote=False) in text

    # Thumbnails are made once: each is dated a day back, and a rewrite (in place or by an atomic
    # rename) would give it the time of now or a new inode.
    thumbs = list((out / "thumbs").iterdir())
    for thumb in thumbs:
        when = thumb.stat().st_mtime_ns - 86_400 * 10**9
        os.utime(thumb, ns=(when, when))
    before = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in thumbs}
    assert write_gallery(out, rows) == page
    assert {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in thumbs} == before
    assert sorted(p.name for p in (out / "thumbs").iterdir()) == sorted(before)
    assert page.read_text(encoding="utf-8") == text
    assert not list(out.rglob("*.tmp"))


def test_the_gallery_works_in_chromium(batch, browser_page: BrowserPage, capsys) -> None:  # type: ignore[no-untyped-def]
    out, rows = batch
    view, page = browser_page, browser_page.page
    _open(view, out / "index.html")
    everything = sorted(Path(row.path).name for row in rows)
    assert _visible(view) == everything and len(everything) == 5
    assert page.locator("#filters").is_visible(), "the script did not run (CSP hash?)"
    assert page.inner_text("#count-visible") == "5"
    loaded = page.evaluate("Array.from(document.images).map(i => i.complete && i.naturalWidth > 0)")
    assert loaded == [True] * len(SAMPLE_NAMES)

    OUTPUT.mkdir(exist_ok=True)
    shot = OUTPUT / "gallery.png"
    page.screenshot(path=str(shot), full_page=True)
    with capsys.disabled():
        print(f"\ngallery screenshot: {shot}")

    breach = _by_name(rows)["data-breach-post.png"]
    assert breach.topics, "the data-breach sample should have a topic"
    topic = breach.topics[0]
    page.select_option("#filter-topic", value=topic)
    expected = sorted(Path(row.path).name for row in rows if topic in row.topics)
    assert _visible(view) == expected and "data-breach-post.png" in expected
    assert page.inner_text("#count-visible") == str(len(expected))

    page.select_option("#filter-status", value="error")  # with the topic still chosen: none
    assert _visible(view) == [] and page.locator("#empty").is_visible()
    page.select_option("#filter-topic", index=0)
    assert _visible(view) == ["broken.png"]
    assert page.inner_text("#count-visible") == "1"
    assert page.inner_text('[data-count="error"]') == "1"
    assert page.inner_text('[data-count="ok"]') == "0"

    page.select_option("#filter-status", index=0)
    if breach.platform:
        page.select_option("#filter-platform", value=breach.platform)
        expected = sorted(Path(r.path).name for r in rows if r.platform == breach.platform)
        assert _visible(view) == expected and "data-breach-post.png" in expected
    page.select_option("#filter-platform", value="")  # the "no platform" choice
    expected = sorted(Path(row.path).name for row in rows if not row.platform)
    assert _visible(view) == expected and "broken.png" in expected

    page.click("#filter-clear")
    assert _visible(view) == everything and page.inner_text("#count-visible") == "5"
    assert view.problems() == []
    assert view.requests and all(url.startswith("file://") for url in view.requests)


def _row(path: Path | str, **fields) -> IndexRow:  # type: ignore[no-untyped-def]
    return IndexRow(path=str(path), **{"status": "ok", **fields})


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_thumbnails_come_from_the_input_as_it_was(tmp_path: Path) -> None:
    image = tmp_path / "meme.png"
    shutil.copy(SAMPLES / "benign-meme.png", image)
    sha = _sha(image)
    gone = tmp_path / "gone.png"
    shutil.copy(SAMPLES / "pii-screenshot.png", gone)
    gone_sha = _sha(gone)
    gone.unlink()
    changed = tmp_path / "changed.png"
    shutil.copy(SAMPLES / "dark-mode-post.png", changed)
    rows = [
        _row(image, sha256=sha),
        _row(gone, sha256=gone_sha),  # not readable any more: no thumbnail
        _row(changed, sha256="0" * 64),  # other bytes than the batch read: no thumbnail
        _row(tmp_path / "x.png", sha256="../../evil"),  # not a hash: never a file name
    ]
    out = tmp_path / "out"
    text = write_gallery(out, rows).read_text(encoding="utf-8")
    assert sorted(p.name for p in (out / "thumbs").iterdir()) == [f"{sha}.jpg"]
    assert text.count('class="no-thumb"') == 3

    thumb = out / "thumbs" / f"{sha}.jpg"
    thumb.write_bytes(b"not a jpeg")  # damaged: made again
    write_gallery(out, rows)
    with Image.open(thumb) as made:
        assert made.format == "JPEG"

    image.unlink()  # resumable: a thumbnail already made stays and is still shown
    again = write_gallery(out, rows).read_text(encoding="utf-8")
    assert f'src="thumbs/{sha}.jpg"' in again


def test_near_duplicates_are_shown_together(tmp_path: Path) -> None:
    names = ["a", "b", "c", "d", "e", "f"]
    groups = [1, None, 2, 1, None, 2]
    rows = [
        _row(tmp_path / f"{n}.png", dup_group=g, flags=["near-duplicate"] if g else [])
        for n, g in zip(names, groups, strict=True)
    ]
    text = write_gallery(tmp_path / "out", rows).read_text(encoding="utf-8")
    order = [text.index(f'title="{tmp_path / n}.png"') for n in names]
    assert sorted(range(6), key=lambda i: order[i]) == [0, 3, 1, 2, 5, 4]  # a d b c f e
    assert "Near-duplicate group 1" in text and "Near-duplicate group 2" in text
    assert text.index("Near-duplicate group 1") < order[0] < order[3] < order[1]


def test_groups_filter_together_in_chromium(tmp_path: Path, browser_page: BrowserPage) -> None:
    def sample(name: str, **fields) -> IndexRow:  # type: ignore[no-untyped-def]
        return _row(SAMPLES / name, sha256=_sha(SAMPLES / name), **fields)

    rows = [
        sample("benign-meme.png", dup_group=1, flags=["near-duplicate"], topics=["t1"]),
        sample("pii-screenshot.png", topics=["t2"], flags=["personal-data"], platform="Reddit"),
        sample("impact-caption.png", dup_group=1, flags=["near-duplicate", "recaptioned"]),
        _row("skipped.txt", status="skipped", error="not an image"),
    ]
    page_path = write_gallery(tmp_path / "out", rows)
    _open(browser_page, page_path)
    page = browser_page.page
    assert page.locator(".group:visible").count() == 1
    page.select_option("#filter-topic", value="t2")
    assert _visible(browser_page) == ["pii-screenshot.png"]
    assert page.locator(".group:visible").count() == 0  # no member left: the group hides
    page.select_option("#filter-topic", index=0)
    page.select_option("#filter-flag", value="recaptioned")
    assert _visible(browser_page) == ["impact-caption.png"]
    assert page.locator(".group:visible").count() == 1
    page.select_option("#filter-flag", value="")  # "no flags"
    assert _visible(browser_page) == ["skipped.txt"]
    page.select_option("#filter-flag", index=0)
    page.select_option("#filter-status", value="skipped")
    assert page.inner_text('[data-count="skipped"]') == "1"
    OUTPUT.mkdir(exist_ok=True)
    page.select_option("#filter-status", index=0)
    page.screenshot(path=str(OUTPUT / "gallery-groups.png"), full_page=True)
    assert browser_page.problems() == []


def _hostile_rows(tmp_path: Path) -> list[IndexRow]:
    image = tmp_path / "in" / HOSTILE_NAME
    image.parent.mkdir()
    shutil.copy(SAMPLES / "benign-meme.png", image)
    return [
        _row(
            image,
            sha256=_sha(image),
            handle=HOSTILE_HANDLE,
            author="</h3><script>alert(3)</script>",
            platform='"><svg onload=alert(4)>',
            topics=[HOSTILE_TOPIC, "x' onmouseover='alert(5)", "plain"],
            flags=["near-duplicate", "<i>flag</i>"],
            reports={"html": "javascript:alert(6)", "md": "reports/a b&c.md"},
        ),
        _row(
            tmp_path / "err.png",
            status="error",
            error="err.png: <iframe src=javascript:alert(7)></iframe> \u202eevil",
        ),
    ]


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    text = write_gallery(tmp_path / "out", _hostile_rows(tmp_path)).read_text(encoding="utf-8")
    for raw in (
        HOSTILE_HANDLE,
        HOSTILE_TOPIC,
        "<script>alert",
        "<svg",
        "<iframe",
        "<img src=y",
        "<i>flag",
        "onmouseover='",
        "javascript:alert(6)",
        "\u202e",
    ):
        assert raw not in text, raw
    assert html.escape(HOSTILE_HANDLE) in text
    assert 'href="reports/a%20b%26c.md"' in text  # the javascript: "report" is never a link
    assert text.count("<script>") == 1


def test_hostile_text_stays_text_in_chromium(tmp_path: Path, browser_page: BrowserPage) -> None:
    page_path = write_gallery(tmp_path / "out", _hostile_rows(tmp_path))
    _open(browser_page, page_path)
    page = browser_page.page
    page.hover(".card .topics li")
    assert HOSTILE_HANDLE in page.inner_text(".card .handle")
    assert page.locator("img").count() == 1 and page.locator("svg, iframe").count() == 0
    page.select_option("#filter-topic", value=HOSTILE_TOPIC)
    assert _visible(browser_page) == [HOSTILE_NAME]
    page.select_option("#filter-platform", value='"><svg onload=alert(4)>')
    assert _visible(browser_page) == [HOSTILE_NAME]
    page.wait_for_timeout(200)  # time for anything that slipped through to fire
    assert browser_page.dialogs == []
    assert browser_page.problems() == []


def test_an_override_template_keeps_the_script_running(
    tmp_path: Path, browser_page: BrowserPage
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "gallery.html.j2").write_text(
        '{% extends "default/gallery.html.j2" %}{% block heading %}Week 48{% endblock %}',
        encoding="utf-8",
    )
    rows = [_row(SAMPLES / "benign-meme.png"), _row("x.png", status="error", error="broken")]
    page_path = write_gallery(tmp_path / "out", rows, template_dir=str(templates))
    _open(browser_page, page_path)
    page = browser_page.page
    assert page.inner_text("h1") == "Week 48"
    page.select_option("#filter-status", value="error")
    assert _visible(browser_page) == ["x.png"]  # the CSP hash follows the inherited script
    assert browser_page.problems() == []


def test_the_browser_fixture_reports_console_errors(browser_page: BrowserPage, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The checks above would pass vacuously if the listeners were not wired: prove they are."""
    page = tmp_path / "bad.html"
    page.write_text(
        "<!doctype html><script>console.error('seen'); alert('hi'); missing();</script>",
        encoding="utf-8",
    )
    _open(browser_page, page)
    assert browser_page.dialogs == ["alert: hi"]
    assert any("seen" in e for e in browser_page.console_errors)
    assert any("missing" in e for e in browser_page.page_errors)
