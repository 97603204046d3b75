"""memeaudit digest: one Markdown newsletter from a batch OUTDIR, built on real JSON reports."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import memeaudit
from memeaudit.batch.rows import IndexRow
from memeaudit.digest import build_digest
from memeaudit.errors import InputError
from memeaudit.model import Figure, PersonalData, Report
from memeaudit.report import escape_markdown

IMAGES = ["distillation-meme", "benign-meme", "dark-mode-post"]
SECTION_TITLES = [
    "1. Description",
    "2. Security and Privacy",
    "3. Platforms and Models",
    "4. Claims and Evidence",
    "5. Legal and Ethical Implications",
]
DATE = "2026-03-05"
PAYLOAD = "Evil | [x](javascript:alert(1)) <script>"


@pytest.fixture(scope="module")
def reports(samples: Path) -> dict[str, str]:
    """The JSON report of each sample, from the real pipeline (once per module)."""
    return {name: memeaudit.analyze(samples / f"{name}.png").to_json() for name in IMAGES}


def ok_row(name: str, **extra: object) -> IndexRow:
    return IndexRow(
        path=f"samples/{name}.png",
        status="ok",
        reports={"json": f"reports/{name}.json", "md": f"reports/{name}.md"},
        report=f"reports/{name}.json",
        **extra,
    )


ERROR_ROW = IndexRow(path="inbox/broken.png", status="error", error="cannot identify image file")


def write_outdir(
    outdir: Path, reports: dict[str, str], rows: list[IndexRow], skip: tuple[str, ...] = ()
) -> Path:
    (outdir / "reports").mkdir(parents=True, exist_ok=True)
    for name, text in reports.items():
        if name not in skip:
            (outdir / "reports" / f"{name}.json").write_text(text, encoding="utf-8")
    lines = [row.model_dump_json() for row in rows]
    (outdir / "index.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return outdir


def split_cells(line: str) -> list[str]:
    """A Markdown table row split on its unescaped pipes (an odd run of backslashes escapes)."""
    cells, current, backslashes = [], "", 0
    for char in line:
        if char == "|" and backslashes % 2 == 0:
            cells.append(current)
            current = ""
        else:
            current += char
        backslashes = backslashes + 1 if char == "\\" else 0
    cells.append(current)
    assert cells[0].strip() == "" and cells[-1].strip() == "", line
    return [cell.strip() for cell in cells[1:-1]]


def table(digest: str) -> list[list[str]]:
    """The rows of the summary table, header and separator dropped."""
    lines = [line for line in digest.splitlines() if line.startswith("|")]
    assert split_cells(lines[0]) == ["Image", "Platform", "Author", "Topics", "Key figures"]
    assert set(lines[1].replace("|", "").split()) == {"---"}
    return [split_cells(line) for line in lines[2:]]


def chunks(digest: str) -> dict[str, str]:
    """Heading line (without '## ') -> the text under it, up to the next '## ' or the end."""
    parts = re.split(r"(?m)^## ", digest)[1:]
    return {part.split("\n", 1)[0]: part.split("\n", 1)[1] for part in parts}


@pytest.fixture
def digest(tmp_path: Path, reports: dict[str, str]) -> str:
    rows = [ok_row(name) for name in IMAGES] + [ERROR_ROW]
    return build_digest(write_outdir(tmp_path / "out", reports, rows), date=DATE, full=True)


@pytest.mark.slow
def test_title_date_and_counts(digest: str) -> None:
    lines = digest.splitlines()
    assert lines[0] == "# memeaudit digest"
    assert f"*{DATE}*" in lines[:4]
    # distillation and dark-mode carry topics; the benign meme does not.
    assert "3 images, 2 with findings, 1 error." in lines
    assert "<" not in digest.replace("\\<", "")  # no HTML at all


@pytest.mark.slow
def test_each_image_has_its_five_sections(digest: str, reports: dict[str, str]) -> None:
    parts = chunks(digest)
    assert list(parts) == [f"{name}.png" for name in IMAGES]
    for name in IMAGES:
        body = parts[f"{name}.png"]
        headings = re.findall(r"(?m)^### (.+)$", body)
        assert headings == SECTION_TITLES, name
        assert not re.search(r"(?m)^#{1,2} |^#{4,} ", body), name  # demoted to ###, no others
        report = Report.model_validate_json(reports[name])
        for section in report.sections:
            # the text the report carries, escaped as report.md.j2 escapes it, under its heading
            under = body.split(f"### {section.number}. {section.title}\n", 1)[1]
            assert under.lstrip("\n").startswith(escape_markdown(section.text)), section.title
    # each image's own content, under its own heading
    assert "Monday morning" in parts["benign-meme.png"]
    assert "Monday morning" not in parts["dark-mode-post.png"]
    assert "AnthropicAI" in parts["distillation-meme.png"]
    assert "maraquill" in parts["dark-mode-post.png"]


@pytest.mark.slow
def test_table_has_one_row_per_ok_image(digest: str) -> None:
    rows = {row[0]: row for row in table(digest)}
    assert list(rows) == [f"{name}.png" for name in IMAGES]
    assert all(len(row) == 5 for row in rows.values())
    # What the sample images show (samples/make_samples.py), not what the pipeline wrote.
    _, platform, author, topics, figures = rows["distillation-meme.png"]
    assert platform == "X"
    assert author == "Anthropic (@AnthropicAI)"
    assert "distillation" in topics
    assert figures.split(", ") == ["over 24,000", "over 16 million"]
    _, platform, author, topics, figures = rows["dark-mode-post.png"]
    assert platform == "X"
    assert author == r"Mara Quill (@maraquill\_sec)"  # '_' escaped for Markdown
    assert "phishing" in topics
    assert figures == "Over 3,000"
    # a photo meme with a caption: no post, no topics, no figures
    assert rows["benign-meme.png"][1:] == ["—", "—", "—", "—"]


@pytest.mark.slow
def test_error_rows_are_listed_at_the_end(digest: str) -> None:
    assert "broken.png" not in "".join(row[0] for row in table(digest))
    assert "## inbox" not in digest and "## broken" not in digest
    tail = digest.rsplit("### 5. Legal and Ethical Implications", 1)[1]
    assert "**1 input could not be read:**" in tail
    assert "- inbox/broken.png: cannot identify image file" in tail.splitlines()


@pytest.mark.slow
def test_missing_or_unreadable_report_is_listed_not_fatal(
    tmp_path: Path, reports: dict[str, str]
) -> None:
    rows = [ok_row(name) for name in IMAGES] + [ERROR_ROW]
    outdir = write_outdir(tmp_path / "out", reports, rows, skip=("benign-meme",))
    (outdir / "reports" / "dark-mode-post.json").write_text('{"schema_version": "1.0"', "utf-8")
    text = build_digest(outdir, date=DATE, full=True)
    parts = chunks(text)
    assert list(parts) == [f"{name}.png" for name in IMAGES]
    assert (
        r"*Report missing: reports/benign-meme.json (file not found).*" in parts["benign-meme.png"]
    )
    assert (
        "*Report missing: reports/dark-mode-post.json (not a memeaudit JSON report"
        in (parts["dark-mode-post.png"])
    )
    assert "###" not in parts["benign-meme.png"] and "###" not in parts["dark-mode-post.png"]
    assert re.findall(r"(?m)^### (.+)$", parts["distillation-meme.png"]) == SECTION_TITLES
    assert "3 images, 1 with findings, 1 error, 2 reports missing." in text.splitlines()
    assert [row[0] for row in table(text)] == [f"{name}.png" for name in IMAGES]


@pytest.mark.slow
def test_near_duplicates_and_recaptions_are_noted(tmp_path: Path, reports: dict[str, str]) -> None:
    rows = [
        ok_row("distillation-meme"),
        ok_row("benign-meme", dup_group=4),
        ok_row("dark-mode-post", dup_group=4, flags=["near-duplicate", "recaptioned"]),
    ]
    text = build_digest(write_outdir(tmp_path / "out", reports, rows), date=DATE, full=True)
    headings = re.findall(r"(?m)^## (.+)$", text)
    assert headings == [
        "distillation-meme.png",
        "benign-meme.png (near-duplicate of dark-mode-post.png)",
        "dark-mode-post.png (near-duplicate of benign-meme.png; "
        "re-captioned: same picture, different text)",
    ]


@pytest.mark.slow
def test_template_dir_overrides_the_title_block(tmp_path: Path, digest: str) -> None:
    outdir = tmp_path / "out"  # the digest fixture wrote it
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "digest-full.md.j2").write_text(
        '{% extends "default/digest-full.md.j2" %}'
        "{% block title %}# Weekly meme watch: {{ title | md }}\n\nIssue of {{ date }}{% endblock %}",
        encoding="utf-8",
    )
    text = build_digest(outdir, title="week 10", date=DATE, template_dir=str(templates), full=True)
    assert text.splitlines()[:3] == ["# Weekly meme watch: week 10", "", f"Issue of {DATE}"]
    assert "# memeaudit digest" not in text
    assert text.split(f"Issue of {DATE}", 1)[1] == digest.split(f"*{DATE}*", 1)[1]
    # without an override, the caller's title and today's date
    plain = build_digest(outdir, title="Week #10", full=True)
    assert plain.splitlines()[0] == r"# Week \#10"
    assert f"*{dt.date.today().isoformat()}*" in plain.splitlines()


@pytest.mark.slow
def test_image_text_is_escaped_in_table_and_body(tmp_path: Path, reports: dict[str, str]) -> None:
    report = Report.model_validate_json(reports["distillation-meme"])
    section = report.sections[0]
    section.sentences[1].text = f"The caption reads {PAYLOAD}."
    section.text = " ".join(sentence.text for sentence in section.sentences)
    assert report.post is not None
    report.post.display_name = PAYLOAD
    first_figure = next(f for claim in report.facts.claims for f in claim.figures)
    first_figure.text = "24|000"
    report.facts.claims[-1].figures += [Figure(text="3 labs"), Figure(text="two days")]
    report.facts.topics[0].title = "model extraction |\n<i>"
    evil = {"evil": report.to_json(), **reports}
    rows = [
        IndexRow(path="inbox/evil|[x](y).png", status="ok", reports={"json": "reports/evil.json"}),
        ok_row("benign-meme"),
    ]
    text = build_digest(write_outdir(tmp_path / "out", evil, rows), date=DATE, full=True)

    assert not re.search(r"(?<!\\)<", text), "raw HTML"
    assert not re.search(r"(?<!\\)\]\(", text), "a live link"
    escaped = r"Evil \| \[x\](javascript:alert(1)) \<script\>"
    table_rows = table(text)
    assert len(table_rows) == 2
    assert all(len(row) == 5 for row in table_rows)
    image, platform, author, topics, figures = table_rows[0]
    assert platform == "X"
    assert topics.startswith(r"model extraction \| \<i\>, ")
    assert image == r"evil\|\[x\](y).png"
    assert author == f"{escaped} (@AnthropicAI)"
    assert figures == r"24\|000, over 16 million, 3 labs"  # up to three
    assert table_rows[1][0] == "benign-meme.png"
    body = chunks(text)[r"evil\|\[x\](y).png"]
    description = body.split("### 1. Description\n", 1)[1].split("### 2.", 1)[0]
    assert f"The caption reads {escaped}." in description


@pytest.mark.slow
def test_findings_are_topics_or_personal_data(tmp_path: Path, reports: dict[str, str]) -> None:
    benign = Report.model_validate_json(reports["benign-meme"])
    benign.facts.personal_data = [PersonalData(kind="email", text="someone@example.org")]
    dark = Report.model_validate_json(reports["dark-mode-post"])
    assert dark.facts.claims  # claims alone are not a finding
    dark.facts.topics = []
    with_email = write_outdir(
        tmp_path / "a", {"benign-meme": benign.to_json()}, [ok_row("benign-meme")]
    )
    assert "1 image, 1 with findings, 0 errors." in build_digest(with_email, date=DATE, full=True)
    no_topics = write_outdir(
        tmp_path / "b", {"dark-mode-post": dark.to_json()}, [ok_row("dark-mode-post")]
    )
    text = build_digest(no_topics, date=DATE, full=True)
    assert "1 image, 0 with findings, 0 errors." in text.splitlines()
    assert table(text)[0][3] == "—"  # no topics left


def test_bad_index_line_names_its_line(tmp_path: Path) -> None:
    good = IndexRow(path="a.png", status="error", error="nope").model_dump_json()
    (tmp_path / "index.jsonl").write_text(f"{good}\n\n{good}\n{{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"index\.jsonl:4: not an index row"):
        build_digest(tmp_path, date=DATE, full=True)
    bad_status = good.replace('"error"', '"maybe"', 1)
    (tmp_path / "index.jsonl").write_text(f"{good}\n{bad_status}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"index\.jsonl:2: not an index row \(status"):
        build_digest(tmp_path, date=DATE, full=True)


def test_index_with_only_errors_renders(tmp_path: Path) -> None:
    rows = [ERROR_ROW, IndexRow(path="inbox/notes.txt", status="skipped", error="not an image")]
    text = build_digest(write_outdir(tmp_path, {}, rows), date=DATE, full=True)
    assert "0 images, 0 with findings, 1 error, 1 skipped." in text.splitlines()
    assert "|" not in text and "## " not in text
    assert "- inbox/broken.png: cannot identify image file" in text.splitlines()
    assert "- inbox/notes.txt: not an image" in text.splitlines()


def test_missing_index_says_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        build_digest(tmp_path, date=DATE, full=True)
    assert str(caught.value) == (
        f"{tmp_path}: no index.jsonl here (run memeaudit batch … -o {tmp_path} first)"
    )
