"""memeaudit batch on real images and real broken files: reports, index rows, resume, kill -9."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from memeaudit.batch.inputs import expand
from memeaudit.batch.outputs import report_stem
from memeaudit.batch.rows import IndexRow
from memeaudit.batch.run import BatchConfig, run_batch
from memeaudit.cli import app
from memeaudit.model import Report
from memeaudit.options import Options
from tests.killing import kill_part_way

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "tests" / "resources"
FAST = Options(detect=False, semantic=False)  # OCR and rules only: these tests are about batch


def _inputs(tmp: Path) -> Path:
    """Five real images (two with the same name in different folders), three broken files that
    claim to be images, a PNG without an extension and a text file."""
    folder = tmp / "in"
    (folder / "a").mkdir(parents=True)
    (folder / "b").mkdir()
    shutil.copy(RESOURCES / "pytesseract_test.png", folder / "a" / "same.png")
    shutil.copy(RESOURCES / "pillow_multiline_text.png", folder / "b" / "same.png")
    shutil.copy(RESOURCES / "skimage_chelsea_cat.png", folder / "cat.png")
    shutil.copy(ROOT / "samples" / "benign-meme.png", folder / "meme-without-extension")
    (folder / "empty.png").write_bytes(b"")
    (folder / "notes.jpg").write_text("<html>not an image</html>", encoding="utf-8")
    png = (RESOURCES / "pytesseract_test.png").read_bytes()
    (folder / "truncated.png").write_bytes(png[: len(png) // 3])
    (folder / "readme.txt").write_text("a text file", encoding="utf-8")
    return folder


def _rows(outdir: Path) -> list[IndexRow]:
    lines = (outdir / "index.jsonl").read_text(encoding="utf-8").splitlines()
    return [IndexRow.model_validate_json(line) for line in lines]


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("batch")
    folder = _inputs(tmp)
    run_batch(BatchConfig([str(folder)], tmp / "out", FAST, ("md", "json"), workers=1))
    return folder, tmp / "out"


def _count_analyses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the images the pipeline analyses from now on (with -j 1 the batch analyses
    in this process, and batch.work imports analyze_image when it runs)."""
    import memeaudit.pipeline

    analysed: list[str] = []
    real = memeaudit.pipeline.analyze_image

    def counted(image, *args, **kwargs):  # type: ignore[no-untyped-def]
        analysed.append(Path(image.info.path).name)
        return real(image, *args, **kwargs)

    monkeypatch.setattr(memeaudit.pipeline, "analyze_image", counted)
    return analysed


def test_every_image_gets_a_report_and_every_broken_file_an_error_row(first_run) -> None:  # type: ignore[no-untyped-def]
    folder, out = first_run
    rows = {Path(row.path).relative_to(folder).as_posix(): row for row in _rows(out)}
    assert set(rows) == {
        "a/same.png",
        "b/same.png",
        "cat.png",
        "meme-without-extension",
        "empty.png",
        "notes.jpg",
        "truncated.png",
        "readme.txt",
    }
    for name in ("a/same.png", "b/same.png", "cat.png", "meme-without-extension"):
        row = rows[name]
        assert row.status == "ok", row.error
        assert set(row.reports) == {"md", "json"} and row.report == row.reports["md"]
        report = Report.model_validate_json((out / row.reports["json"]).read_text("utf-8"))
        assert [s.number for s in report.sections] == [1, 2, 3, 4, 5]
        assert (out / row.reports["md"]).read_text("utf-8").count("\n## ") == 5
    assert "Monday" in rows["meme-without-extension"].text  # found by content, not by name
    assert rows["a/same.png"].reports["md"] != rows["b/same.png"].reports["md"]
    for name, reason in (
        ("empty.png", "the file is empty"),
        ("notes.jpg", "not a readable image"),
        ("truncated.png", "damaged or truncated"),
    ):
        assert rows[name].status == "error" and reason in (rows[name].error or "")
        assert "\n" not in (rows[name].error or "") and str(folder / name) in (
            rows[name].error or ""
        )
    assert rows["readme.txt"].status == "skipped"


def test_summary_csv_and_run_json_describe_the_same_run(first_run) -> None:  # type: ignore[no-untyped-def]
    _, out = first_run
    with (out / "summary.csv").open(encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    rows = _rows(out)
    assert [r["path"] for r in table] == [row.path for row in rows]
    assert [r["status"] for r in table] == [row.status for row in rows]
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["status"] == "finished" and record["executor"] == "local"
    assert record["counts"] == {
        "inputs": 8,
        "ok": 4,
        "error": 3,
        "skipped": 1,
        "resumed": 0,
    }
    installed = subprocess.run(["tesseract", "--version"], capture_output=True, text=True)
    first_line = (installed.stdout or installed.stderr).splitlines()[0]  # "tesseract 5.3.0"
    assert first_line == f"tesseract {record['engines']['tesseract']}", first_line
    assert any(p["source"].endswith("/model-extraction.yaml") for p in record["rule_packs"])
    assert record["options"]["semantic"] is False and record["formats"] == ["json", "md"]


def test_a_rerun_skips_finished_work_and_force_redoes_it(
    first_run, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    folder, out = first_run
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    analysed = _count_analyses(monkeypatch)
    outcome = run_batch(BatchConfig([str(folder)], copy, FAST, ("md", "json"), workers=1))
    assert analysed == []  # every finished image comes from the journal, none is analysed again
    ok = [row for row in outcome.rows if row.status == "ok"]
    assert len(ok) == 4 and all(row.resumed and row.seconds == 0 for row in ok)
    bad = {Path(r.path).name: r for r in outcome.rows if r.status == "error"}
    assert bad["notes.jpg"].resumed and bad["truncated.png"].resumed  # a bad file stays bad
    assert bad["notes.jpg"].error_code == 3 and not bad["empty.png"].resumed
    forced = run_batch(
        BatchConfig([str(folder / "cat.png")], copy, FAST, ("md", "json"), workers=1, force=True)
    )
    assert [row.resumed for row in forced.rows] == [False] and analysed == ["cat.png"]
    other = run_batch(BatchConfig([str(folder / "cat.png")], copy, FAST, ("json",), workers=1))
    assert [row.resumed for row in other.rows] == [False]  # other formats: not the same work
    assert analysed == ["cat.png", "cat.png"]


def test_the_cli_exit_code_says_some_inputs_failed(first_run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder, first_out = first_run
    out = tmp_path / "out"
    shutil.copytree(first_out, out)  # the other tests read the first run's folder as it was
    result = CliRunner().invoke(
        app,
        ["batch", str(folder), "-o", str(out), "-j", "1", "-f", "md", "-f", "json",
         "--no-detect", "--no-semantic"],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "4 ok (4 from an earlier run), 3 failed, 1 skipped" in result.stderr
    ok = CliRunner().invoke(
        app,
        ["batch", str(folder / "cat.png"), "-o", str(out), "-j", "1", "-f", "md", "-f", "json",
         "--no-detect", "--no-semantic"],
    )  # fmt: skip
    assert ok.exit_code == 0, ok.stderr


def test_fail_fast_stops_at_the_first_failure(tmp_path: Path) -> None:
    """Work runs biggest file first, so the broken file, bigger than the cat, fails first and
    the cat is never analysed."""
    folder = _inputs(tmp_path)
    broken = folder / "broken.png"
    broken.write_text("not a picture\n" * 100_000, encoding="utf-8")
    assert broken.stat().st_size > (folder / "cat.png").stat().st_size
    result = CliRunner().invoke(
        app,
        ["batch", str(folder / "cat.png"), str(broken), "-o",
         str(tmp_path / "out"), "-j", "1", "--fail-fast", "--no-detect", "--no-semantic"],
    )  # fmt: skip
    assert result.exit_code == 1
    rows = _rows(tmp_path / "out")
    assert [Path(r.path).name for r in rows] == ["broken.png"]


def test_work_runs_biggest_file_first_and_the_index_keeps_input_order(tmp_path: Path) -> None:
    from memeaudit.batch.inputs import Input
    from memeaudit.batch.run import largest_first

    sizes = [10, 3000, 0, 3000, 50]
    items = []
    for i, size in enumerate(sizes):
        (tmp_path / f"f{i}").write_bytes(b"x" * size)
        items.append(Input(path=str(tmp_path / f"f{i}"), name=f"f{i}"))
    items.append(Input(path=str(tmp_path / "gone"), name="gone"))
    assert largest_first(items) == [1, 3, 4, 0, 2, 5]


def test_report_names_stay_inside_reports_and_do_not_collide() -> None:
    sha = "ab" * 32
    for name in ("../../etc/passwd", "..", "/abs/x.png", "a b/c?.png", ".hidden.png", ""):
        stem = report_stem(name, sha)
        assert "/" not in stem and "\\" not in stem and not stem.startswith(".")
        assert stem.endswith("-" + sha[:12])
    assert report_stem("a/x.png", sha) != report_stem("a_x.png", "cd" * 32)


def test_inputs_come_from_globs_and_from_a_list_on_stdin(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder = _inputs(tmp_path)
    found, skipped = expand([str(folder / "**" / "same.png")])
    assert sorted(Path(i.path).relative_to(folder).as_posix() for i in found) == [
        "a/same.png",
        "b/same.png",
    ]
    assert skipped == []
    listing = tmp_path / "list.txt"
    listing.write_text(f"{folder / 'cat.png'}\n\n{folder / 'missing.png'}\n", encoding="utf-8")
    found, _ = expand([], from_file=str(listing))
    assert [Path(i.path).name for i in found] == ["cat.png", "missing.png"]
    monkeypatch.setattr("sys.stdin", listing.open(encoding="utf-8"))
    found, _ = expand([str(folder / "cat.png")], from_file="-")
    assert [Path(i.path).name for i in found] == ["cat.png", "missing.png"]  # each input once


def test_a_batch_killed_with_sigkill_resumes_with_nothing_missing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    images = [RESOURCES / "pytesseract_test.png", RESOURCES / "pillow_multiline_text.png",
              RESOURCES / "skimage_chelsea_cat.png", ROOT / "samples" / "benign-meme.png"]  # fmt: skip
    for i in range(3):
        for image in images:
            shutil.copy(image, folder / f"{i}-{image.name}")  # same bytes, three names each
    (folder / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "memeaudit", "batch", str(folder), "-o", str(out), "-j", "1",
               "-f", "md", "-f", "json", "--no-detect", "--no-semantic"]  # fmt: skip
    done = out / ".memeaudit" / "done"
    # Journal entries once every image is done: one per content (the copies share theirs), and
    # the broken file comes last (work runs biggest file first)
    images_done = len(images)
    kill_part_way(
        command,
        started=lambda: len(list(done.glob("*.json"))) >= 2,
        unfinished=lambda: len(list(done.glob("*.json"))) < images_done,
        reset=lambda: shutil.rmtree(out, ignore_errors=True),
    )
    rerun = subprocess.run(command, capture_output=True, timeout=600)
    assert rerun.returncode == 1  # the broken file
    rows = _rows(out)
    assert sorted(Path(r.path).name for r in rows) == sorted(p.name for p in folder.iterdir())
    for row in rows:
        if row.path.endswith("broken.png"):
            assert row.status == "error"
            continue
        assert row.status == "ok", row.error
        report = Report.model_validate_json((out / row.reports["json"]).read_text("utf-8"))
        assert len(report.sections) == 5
        assert (out / row.reports["md"]).read_text("utf-8").rstrip().endswith("*")
    assert not list(out.rglob("*.tmp"))


def test_the_same_work_runs_on_dask_started_here_and_at_a_given_address(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    images = [str(RESOURCES / "pytesseract_test.png"), str(RESOURCES / "skimage_chelsea_cat.png"),
              str(RESOURCES / "missing.png")]  # fmt: skip
    started = run_batch(
        BatchConfig(images, tmp_path / "dask", FAST, ("json",), workers=1, executor="dask")
    )
    assert started.record["executor"] == "dask" and started.record["cluster"] is None
    here = run_batch(BatchConfig(images, tmp_path / "here", FAST, ("json",), workers=1))
    fields = {"path", "sha256", "status", "error", "topics", "text", "pdq"}
    assert [r.model_dump(include=fields) for r in started.rows] == [
        r.model_dump(include=fields) for r in here.rows
    ]
    assert [r.status for r in here.rows] == ["ok", "ok", "error"]
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, dashboard_address=None, processes=True
    ) as cluster:
        given = run_batch(
            BatchConfig(
                images, tmp_path / "remote", FAST, ("json",), executor="dask",
                cluster=cluster.scheduler_address,
            )
        )  # fmt: skip
    assert given.record["cluster"].startswith("tcp://")
    assert [r.model_dump(include=fields) for r in given.rows] == [
        r.model_dump(include=fields) for r in here.rows
    ]


def test_the_digest_of_a_batch_holds_every_report(first_run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, out = first_run
    target = tmp_path / "newsletter.md"
    result = CliRunner().invoke(
        app,
        [
            "digest",
            str(out),
            "-o",
            str(target),
            "--full",
            "--title",
            "Week 48",
            "--date",
            "2026-11-26",
        ],
    )
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Week 48") and "2026-11-26" in text
    for row in _rows(out):
        if row.status != "ok":
            continue
        report = Report.model_validate_json((out / row.reports["json"]).read_text("utf-8"))
        for section in report.sections:
            assert f"### {section.number}. {section.title}" in text
    assert text.count("### 1. Description") == 4
    assert "3 inputs could not be read" in text
    missing = subprocess.run(
        [sys.executable, "-m", "memeaudit", "digest", str(tmp_path)], capture_output=True
    )
    assert missing.returncode == 3
    assert missing.stderr.decode().strip() == (
        f"memeaudit: error: {tmp_path}: no index.jsonl here "
        f"(run memeaudit batch … -o {tmp_path} first)"
    )


def test_the_fingerprint_names_the_tesseract_version_the_engine_reports() -> None:
    from memeaudit.ocr.tesseract import TesseractEngine
    from memeaudit.versions import engine_versions

    found = engine_versions()
    assert found["tesseract"] == TesseractEngine().version()
    assert found["tesseract"][0].isdigit()  # "5.3.0", not "missing"


def test_the_fingerprint_changes_with_any_shipped_file(tmp_path: Path) -> None:
    """A data file outside the rule packs (the address words redaction uses, the language
    table) changes reports too, so a rerun must redo the work when one changes."""
    from memeaudit.paths import PACKAGE
    from memeaudit.versions import fingerprint, package_digest

    copy = tmp_path / "memeaudit"
    shutil.copytree(str(PACKAGE), copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = package_digest(copy)
    words = copy / "facts" / "addresses.yaml"
    words.write_text(words.read_text(encoding="utf-8") + "\n# one more line\n", encoding="utf-8")
    assert package_digest(copy) != before
    assert fingerprint(Options(), ("md",))["package"] == package_digest()


def test_forked_workers_write_the_reports_one_process_writes(tmp_path: Path) -> None:
    """The batch command's own process holds no engine when its workers start, so on Linux they
    are forked; each image's report must be byte for byte what -j 1 writes, broken file included."""
    folder = _inputs(tmp_path)
    base = [sys.executable, "-m", "memeaudit", "batch", str(folder), "--no-detect", "--no-semantic"]
    for jobs in ("1", "2"):
        run = subprocess.run(
            [*base, "-o", str(tmp_path / jobs), "-j", jobs], capture_output=True, timeout=600
        )
        assert run.returncode == 1, run.stderr  # the broken files fail
    record = json.loads((tmp_path / "2" / "run.json").read_text(encoding="utf-8"))
    assert record["workers_start"] == ("fork" if sys.platform == "linux" else "spawn")
    assert record["counts"]["ok"] == 4 and record["counts"]["error"] == 3
    one, two = _rows(tmp_path / "1"), _rows(tmp_path / "2")
    assert [(r.path, r.status, r.error) for r in one] == [(r.path, r.status, r.error) for r in two]
    for a, b in zip(one, two, strict=True):
        if a.report:
            assert (tmp_path / "1" / a.report).read_bytes() == (
                tmp_path / "2" / b.report
            ).read_bytes()


def test_workers_are_spawned_from_a_process_that_loaded_numpy(tmp_path: Path) -> None:
    import numpy  # noqa: F401  (imported by the test session already; named for the reader)

    from memeaudit.batch.executors import start_method

    assert start_method() == "spawn"
    images = [str(RESOURCES / "pillow_multiline_text.png"), str(RESOURCES / "pytesseract_test.png")]
    outcome = run_batch(BatchConfig(images, tmp_path / "out", FAST, ("json",), workers=2))
    assert outcome.record["workers_start"] == "spawn"
    assert [r.status for r in outcome.rows] == ["ok", "ok"]
