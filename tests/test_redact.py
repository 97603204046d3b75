"""--redact: the chat screenshot sample's email and phone number, and a photo's GPS position and
serial number, are masked in every output (Markdown, HTML, JSON, the terminal, a batch's reports
and index), and painted out of the picture the HTML report shows."""

from __future__ import annotations

import base64
import io
import json
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from memeaudit import analyze
from memeaudit.batch.run import BatchConfig, run_batch
from memeaudit.blackout import redact_picture, redacted_boxes
from memeaudit.load import load_image
from memeaudit.model import Report
from memeaudit.options import Options
from memeaudit.pipeline import analyze_image
from memeaudit.redact import MASK, redact
from memeaudit.report import render
from tests.conftest import ROOT, SAMPLES
from tests.test_metadata import exif_jpeg

pytestmark = pytest.mark.slow
PII = Path("samples") / "pii-screenshot.png"


@cache
def pii_report(redacted: bool) -> Report:
    """The sample's report, naming the image as samples/expected does."""
    return analyze_image(load_image(ROOT / PII, name=str(PII)), Options(redact=redacted))


def outputs(report: Report) -> dict[str, str]:
    return {"md": render(report, "md"), "html": render(report, "html"), "json": report.to_json()}


def personal_strings() -> list[str]:
    """What the unredacted report found, and the pieces of it OCR holds as separate words."""
    found = [p.text for p in pii_report(False).facts.personal_data]
    pieces = [w for text in found for w in text.split() if len(w) >= 4]
    return found + pieces


def test_the_sample_has_personal_data_to_mask() -> None:
    """Guards the test below: without redaction the strings are there in every format."""
    kinds = {p.kind for p in pii_report(False).facts.personal_data}
    assert {"email", "phone"} <= kinds
    for name, text in outputs(pii_report(False)).items():
        for value in personal_strings():
            assert value in text, f"{value!r} is not in the unredacted {name} output"


def test_no_personal_data_survives_in_any_output() -> None:
    for name, text in outputs(pii_report(True)).items():
        for value in personal_strings():
            assert value not in text, f"{value!r} is still in the {name} output"
    data = json.loads(pii_report(True).to_json())
    words = [w["text"] for w in data["ocr"]["words"]]
    assert MASK["email"] in words and MASK["phone"] in words
    assert [p["text"] for p in data["facts"]["personal_data"]] == [MASK["email"], MASK["phone"]]
    assert "Jordan Reyes" in data["ocr"]["text"]  # names are not personal data memeaudit finds


def test_the_report_says_what_it_masked() -> None:
    report = pii_report(True)
    assert report.warnings[-1] == (
        "Redaction (--redact) masked 1 email address and 1 phone number in this report's text, "
        "post fields, facts, sections, evidence and metadata."
    )
    assert (
        "The image shows personal data: an email address ([email redacted]) and a phone "
        "number ([phone redacted])." in report.sections[1].text
    )
    md = render(report, "md")
    assert "> Note: Redaction (--redact) masked 1 email address" in md
    assert "\\[email redacted\\]" in md


def test_without_redact_the_report_is_unchanged() -> None:
    report = pii_report(False)
    expected = (SAMPLES / "expected" / "pii-screenshot.md").read_text(encoding="utf-8")
    assert render(report, "md") == expected
    assert not any("Redaction" in w for w in report.warnings)


def test_redact_is_pure() -> None:
    report = pii_report(False)
    before = report.to_json()
    masked = redact(report)
    assert report.to_json() == before
    assert masked.to_json() == pii_report(True).to_json()


def test_gps_serial_and_owner_metadata_are_masked() -> None:
    data = exif_jpeg(serial="SN-0042-7781", owner="Jane Example")
    plain, masked = analyze(data), analyze(data, redact=True)
    secrets = ["51.5007", "-0.1246", "51, 30, 2.52", "0, 7, 28.56", "SN-0042-7781", "Jane Example"]
    assert all(s in plain.to_json() for s in secrets)
    for name, text in outputs(masked).items():
        for secret in secrets:
            assert secret not in text, f"{secret!r} is still in the {name} output"
    meta = masked.image.metadata
    assert meta is not None and meta.gps is not None and meta.device is not None
    assert (meta.gps.latitude, meta.gps.longitude) == (None, None)
    assert set(meta.gps.raw.values()) == {"[GPS position redacted]"}
    assert meta.device.serial_numbers == {"EXIF BodySerialNumber": MASK["serial"]}
    assert meta.device.owner == MASK["owner"]
    assert (meta.device.make, meta.device.model) == ("Apple", "iPhone 12")  # not personal data
    assert f"records a GPS position ({MASK['gps']})" in masked.sections[1].text
    assert masked.warnings[-1].startswith(
        "Redaction (--redact) masked 1 GPS position, 1 serial number and 1 camera owner's name"
    )


def test_nothing_to_mask_is_said() -> None:
    report = redact(analyze(SAMPLES / "benign-meme.png"))
    assert report.warnings[-1].startswith("Redaction (--redact) was on: no personal data")


def test_the_cli_redacts_the_terminal_output() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "memeaudit", "analyze", str(PII), "--redact"],
        capture_output=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr.decode()
    out = run.stdout.decode()
    assert out.startswith("# memeaudit report: pii-screenshot.png")
    assert "\\[email redacted\\]" in out and "\\[phone redacted\\]" in out
    for value in personal_strings():
        assert value not in out


def png_bytes(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_the_picture_loses_the_masked_words() -> None:
    picture = load_image(ROOT / PII).rgb
    before = np.asarray(picture).copy()
    boxes = redacted_boxes(pii_report(True))
    assert len(boxes) == 3  # the email address, then "+1" and "415-555-0132"
    masked = redact_picture(picture, pii_report(True))
    assert np.array_equal(np.asarray(picture), before)  # the original is left alone
    pixels = np.asarray(masked)
    for x, y, w, h in boxes:
        assert not pixels[y : y + h, x : x + w].any()
    assert not np.array_equal(pixels, before)
    again = analyze(png_bytes(masked))  # OCR on the painted picture finds none of it
    assert again.facts.personal_data == []
    for value in personal_strings():
        assert value not in again.ocr.text


def _pictures(html: str) -> list[Image.Image]:
    found = re.findall(r'src="data:image/(?:png|jpeg);base64,([A-Za-z0-9+/=]+)"', html)
    return [Image.open(io.BytesIO(base64.b64decode(data))) for data in found]


def test_a_redacted_batch_masks_reports_index_and_picture(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ROOT / PII, folder / "chat.png")
    options = Options(redact=True, detect=False, semantic=False)
    outcome = run_batch(
        BatchConfig([str(folder)], tmp_path / "out", options, ("html", "json"), workers=1)
    )
    (row,) = outcome.rows
    assert row.status == "ok", row.error
    assert "personal-data" in row.flags
    written = [(tmp_path / "out" / path).read_text("utf-8") for path in row.reports.values()]
    written.append((tmp_path / "out" / "index.jsonl").read_text("utf-8"))
    for text in written:
        for value in personal_strings():
            assert value not in text
    html = (tmp_path / "out" / row.reports["html"]).read_text("utf-8")
    assert "[email redacted]" in html and "Redaction (--redact) masked" in html
    picture = _pictures(html)[0]
    assert picture.size == (900, 760)
    assert analyze(png_bytes(picture.convert("RGB"))).facts.personal_data == []
