"""memeaudit digest as a newsletter issue (issue L #6): a lead paragraph, items grouped by their
most severe finding with benign ones last, each short (picture, first sentence, lead finding, key
claim, link), in Markdown and in HTML looked at in Chromium. Real reports of every sample."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import memeaudit
from memeaudit.batch.rows import IndexRow
from memeaudit.cli import app
from memeaudit.digest import build_digest
from memeaudit.model import Report
from memeaudit.report import escape_markdown
from tests.browser import launch, missing
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow
DATE = "2026-03-05"
NAMES = sorted(p.stem for p in SAMPLES.glob("*.png"))


@pytest.fixture(scope="module")
def outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A batch-like OUTDIR: every sample's JSON report and an index row pointing at the picture."""
    out = tmp_path_factory.mktemp("digest") / "run"
    (out / "reports").mkdir(parents=True)
    rows = []
    for name in NAMES:
        picture = SAMPLES / f"{name}.png"
        report = memeaudit.analyze(picture)
        (out / "reports" / f"{name}.json").write_text(report.to_json(), encoding="utf-8")
        (out / "reports" / f"{name}.md").write_text(memeaudit.render(report, "md"), "utf-8")
        rows.append(
            IndexRow(
                path=str(picture),
                sha256=hashlib.sha256(picture.read_bytes()).hexdigest(),
                status="ok",
                reports={"json": f"reports/{name}.json", "md": f"reports/{name}.md"},
                report=f"reports/{name}.json",
            )
        )
    rows.append(IndexRow(path="inbox/broken.png", status="error", error="cannot identify image"))
    (out / "index.jsonl").write_text("".join(r.model_dump_json() + "\n" for r in rows), "utf-8")
    return out


def report(outdir: Path, name: str) -> Report:
    return Report.model_validate_json((outdir / "reports" / f"{name}.json").read_text("utf-8"))


def items(text: str) -> dict[str, tuple[str, str]]:
    """Item name -> (the group heading it is under, its text)."""
    found, group = {}, ""
    for part in re.split(r"(?m)^(?=##+ )", text):
        heading = part.split("\n", 1)[0]
        if heading.startswith("## "):
            group = heading[3:]
        elif heading.startswith("### "):
            found[heading[4:]] = (group, part.split("\n", 1)[1])
    return found


def test_lead_paragraph_counts_and_names_the_most_severe_families(outdir: Path) -> None:
    text = build_digest(outdir, date=DATE, base=outdir.parent)
    with_findings = sum(
        bool(report(outdir, n).facts.topics or report(outdir, n).facts.personal_data) for n in NAMES
    )
    lead = text.split(f"*{DATE}*\n\n", 1)[1].split("\n", 1)[0]
    assert lead.startswith(f"{len(NAMES)} images, {with_findings} with findings, 1 file that")
    assert "The most severe findings, by family (level, images): " in lead
    assert "ai security" in lead  # the seed's distillation finding


def test_items_are_grouped_most_severe_first_and_benign_last(outdir: Path) -> None:
    text = build_digest(outdir, date=DATE, base=outdir.parent)
    headings = re.findall(r"(?m)^## (\w+)", text)
    order = ["Critical", "High", "Medium", "Low", "Informational", "No"]
    assert headings == sorted(headings, key=order.index)
    assert headings[-1] == "No"  # "No findings", last
    found = items(text)
    assert set(found) == {f"{n}.png" for n in NAMES}
    group, body = found["benign-meme.png"]
    assert group.startswith("No findings") and "Lead finding" not in body
    group, body = found["distillation-meme.png"]
    assert not group.startswith("No findings") and "**Lead finding:**" in body


def test_each_item_is_short_with_picture_first_sentence_and_link(outdir: Path) -> None:
    text = build_digest(outdir, date=DATE, base=outdir.parent)
    for name, (_, body) in items(text).items():
        stem = name.removesuffix(".png")
        picture = re.search(r"!\[[^\]]*\]\(([^)]+)\)", body)
        assert picture, name
        assert (outdir.parent / picture.group(1)).is_file(), name  # relative to the digest
        link = re.search(r"\[Full report\]\(([^)]+)\)", body)
        assert link and (outdir.parent / link.group(1)) == outdir / "reports" / f"{stem}.md"
        first = report(outdir, stem).sections[0].sentences[0].text
        assert escape_markdown(first) in body, name
        assert "### 2." not in body and len(body.split()) < 150, name
    seed = items(text)["distillation-meme.png"][1]
    assert "**Key claim:**" in seed and "over 24,000" in seed


def test_skip_benign_and_full(outdir: Path) -> None:
    short = build_digest(outdir, date=DATE, base=outdir.parent, skip_benign=True)
    assert "benign-meme.png" not in short and "No findings" not in short
    assert "Images without findings are left out." in short
    full = build_digest(outdir, date=DATE, base=outdir.parent, full=True)
    assert "### 5. Legal and Ethical Implications" in full  # every report, in full


def test_a_redacted_run_shows_no_pictures(outdir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "run"
    shutil.copytree(outdir, copy)
    (copy / "run.json").write_text(json.dumps({"options": {"redact": True}}), "utf-8")
    text = build_digest(copy, date=DATE, base=tmp_path)
    assert "![" not in text and "[Full report]" in text


def test_the_cli_writes_html_that_fits_two_screens_and_shows_every_picture(
    outdir: Path, tmp_path: Path
) -> None:
    if reason := missing():
        pytest.skip(reason)
    page_path = tmp_path / "issue" / "digest.html"
    page_path.parent.mkdir()
    result = CliRunner().invoke(app, ["digest", str(outdir), "-o", str(page_path), "--date", DATE])
    assert result.exit_code == 0, result.output
    html = page_path.read_text("utf-8")
    assert html.count("<article") == len(NAMES)
    with launch() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(page_path.as_uri())
        shown = page.eval_on_selector_all(
            "article img", "imgs => imgs.map(i => i.complete && i.naturalWidth > 0)"
        )
        height = page.evaluate("document.documentElement.scrollHeight")
        page.screenshot(path=str(tmp_path / "digest.png"), full_page=True)
    assert shown == [True] * len(NAMES)
    assert height <= 2 * 900, f"{height} px: more than two screens"
    assert not errors
