"""Files strangers make: broken ones are refused in one line, a bomb is refused fast, odd but
valid ones get a full report, and text meant to become code stays text. The corpus is generated
here from real images and Debian fonts."""

from __future__ import annotations

import io
import json
import random
import re
import resource
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "tests" / "resources"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _memeaudit(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "memeaudit", *args], capture_output=True, text=True, timeout=timeout
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_declaring(width: int, height: int, idat: bytes = b"") -> bytes:
    """A PNG whose header declares width x height, with whatever pixel data is given."""
    header = _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    body = _chunk(b"IDAT", idat) if idat else b""
    return b"\x89PNG\r\n\x1a\n" + header + body + (_chunk(b"IEND", b"") if idat else b"")


def _text_image(
    lines: list[str], size: int = 40, mode: str = "RGB", bg: object = "white"
) -> Image.Image:
    font = ImageFont.truetype(BOLD, size)
    image = Image.new(mode, (40 + 30 * size, 40 + len(lines) * int(size * 1.6)), bg)  # type: ignore[arg-type]
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text(
            (20, 20 + i * int(size * 1.6)),
            line,
            font=font,
            fill="black" if mode != "RGBA" else (0, 0, 0, 255),
        )
    return image


def _save(image: Image.Image, path: Path, **kwargs: object) -> Path:
    image.save(path, **kwargs)
    return path


def _broken(folder: Path) -> dict[str, Path]:
    png = (RESOURCES / "pytesseract_test.png").read_bytes()
    jpeg = io.BytesIO()
    Image.open(RESOURCES / "skimage_chelsea_cat.png").convert("RGB").save(jpeg, "JPEG")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("a.txt", "hello")
    idat_at = png.index(b"IDAT") + 40
    corrupt = (
        png[:idat_at] + bytes(b ^ 0xFF for b in png[idat_at : idat_at + 64]) + png[idat_at + 64 :]
    )
    files = {
        "empty.png": b"",
        "truncated.png": png[: len(png) // 3],
        "header-only.png": _png_declaring(640, 480),
        "corrupt-pixels.png": corrupt,
        "truncated.jpg": jpeg.getvalue()[: len(jpeg.getvalue()) // 2],
        "gif-header.gif": b"GIF89a\x10\x00\x10\x00",
        "text.jpg": b"just some notes, not a picture\n",
        "page.png": b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        "drawing.png": b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>",
        "document.png": b"%PDF-1.7\n1 0 obj << >> endobj\n",
        "archive.png": archive.getvalue(),
        "noise.webp": random.Random(1).randbytes(4096),
    }
    paths = {}
    for name, data in files.items():
        (folder / name).write_bytes(data)
        paths[name] = folder / name
    (folder / "a-folder.png").mkdir()
    paths["a-folder.png"] = folder / "a-folder.png"
    (folder / "dangling.png").symlink_to(folder / "gone.png")
    paths["dangling.png"] = folder / "dangling.png"
    paths["missing.png"] = folder / "missing.png"
    return paths


def test_every_broken_input_gives_one_line_a_nonzero_exit_and_no_traceback(tmp_path: Path) -> None:
    paths = _broken(tmp_path)
    assert len(paths) >= 12
    for name, path in paths.items():
        run = _memeaudit("analyze", str(path), timeout=120)
        lines = run.stderr.strip().splitlines()
        assert run.returncode == 3, (name, run.returncode, run.stderr)
        assert len(lines) == 1 and lines[0].startswith(f"memeaudit: error: {path}"), (name, lines)
        assert "Traceback" not in run.stderr and run.stdout == ""
    says = {name: _memeaudit("analyze", str(paths[name])).stderr for name in ("document.png", "archive.png", "drawing.png", "page.png")}  # fmt: skip
    assert "a PDF document" in says["document.png"] and "a ZIP archive" in says["archive.png"]
    assert "an SVG drawing" in says["drawing.png"] and "an HTML page" in says["page.png"]


def test_a_decompression_bomb_is_refused_fast_with_flat_memory(tmp_path: Path) -> None:
    rows = zlib.compress(b"\x00" * (1 + 3 * 50_000) * 64, 9)  # 64 real rows of a 50000-wide image
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(_png_declaring(50_000, 50_000, rows))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    run = _memeaudit("analyze", str(bomb), timeout=60)  # a hang fails; no clock on a busy machine
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert (
        run.returncode == 3
        and "50000x50000 pixels is over the 80,000,000 pixel limit" in run.stderr
    )
    assert peak_mb < max(400, before / 1024 + 50), peak_mb  # nothing near 7.5 GB was allocated


def _odd(folder: Path) -> dict[str, Path]:
    cat = Image.open(RESOURCES / "skimage_chelsea_cat.png").convert("RGB")
    words = _text_image(["TRANSPARENT BACKGROUND"], mode="RGBA", bg=(0, 0, 0, 0))
    gray = _text_image(["SIXTEEN BIT GRAY"]).convert("L")
    sixteen = Image.fromarray(np.asarray(gray).astype(np.uint16) * 257)
    assert sixteen.mode == "I;16"
    rotated = _text_image(["ROTATED BY EXIF"]).rotate(90, expand=True)
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation 6: the viewer turns it 90° clockwise, undoing rotate(90)
    frames = [_text_image([t]) for t in ("FIRST FRAME", "SECOND FRAME")]
    paths = {
        "cmyk.jpg": _save(_text_image(["CMYK COLOURS"]).convert("CMYK"), folder / "cmyk.jpg"),
        "gray16.png": _save(sixteen, folder / "gray16.png"),
        "palette-transparent.png": _save(
            words.convert("P"), folder / "palette-transparent.png", transparency=0
        ),
        "rgba-transparent.png": _save(words, folder / "rgba-transparent.png"),
        "gray-alpha.png": _save(words.convert("LA"), folder / "gray-alpha.png"),
        "bilevel.bmp": _save(_text_image(["ONE BIT BITMAP"]).convert("1"), folder / "bilevel.bmp"),
        "animated.gif": folder / "animated.gif",
        "exif-rotated.jpg": _save(rotated, folder / "exif-rotated.jpg", exif=exif),
        "one-pixel.png": _save(Image.new("RGB", (1, 1), "red"), folder / "one-pixel.png"),
        "wide.png": _save(Image.new("RGB", (4000, 8), "white"), folder / "wide.png"),
        "tall.png": _save(cat.resize((8, 3000)), folder / "tall.png"),
        "photo.tiff": _save(cat, folder / "photo.tiff"),
        "photo.webp": _save(cat, folder / "photo.webp"),
    }
    frames[0].save(paths["animated.gif"], save_all=True, append_images=frames[1:], duration=200)
    return paths


def test_odd_but_valid_images_all_get_a_full_report(tmp_path: Path) -> None:
    paths = _odd(tmp_path)
    assert len(paths) >= 11
    out = tmp_path / "reports"
    run = _memeaudit("analyze", *map(str, paths.values()), "-o", f"{out}/", "--format", "json")
    assert run.returncode == 0, run.stderr
    reports = {}
    for name, path in paths.items():
        report = json.loads((out / f"{path.stem}.json").read_text(encoding="utf-8"))
        assert [s["number"] for s in report["sections"]] == [1, 2, 3, 4, 5], name
        reports[name] = report
    text = {name: report["ocr"]["text"].upper() for name, report in reports.items()}
    assert "TRANSPARENT" in text["rgba-transparent.png"]  # on white, not on black
    assert (
        "TRANSPARENT" in text["palette-transparent.png"] and "TRANSPARENT" in text["gray-alpha.png"]
    )
    assert "SIXTEEN BIT" in text["gray16.png"]  # rescaled, not clipped to white
    assert "CMYK" in text["cmyk.jpg"] and "BITMAP" in text["bilevel.bmp"]
    assert "ROTATED BY EXIF" in text["exif-rotated.jpg"]  # EXIF orientation applied
    assert "FIRST FRAME" in text["animated.gif"] and "SECOND" not in text["animated.gif"]
    assert any("animation of 2 frames" in w for w in reports["animated.gif"]["warnings"])
    assert reports["one-pixel.png"]["image"]["width"] == 1


def test_all_frames_reads_every_frame(tmp_path: Path) -> None:
    gif = _odd(tmp_path)["animated.gif"]
    run = _memeaudit("analyze", str(gif), "--all-frames", "-o", f"{tmp_path}/out/", "--format", "json", "--no-detect")  # fmt: skip
    assert run.returncode == 0, run.stderr
    second = json.loads((tmp_path / "out" / "animated-frame2.json").read_text(encoding="utf-8"))
    assert "SECOND FRAME" in second["ocr"]["text"].upper() and second["image"]["frame"] == 1


# The Description quotes ten words or so of code-like text: each image holds what its test reads.
HOSTILE = [
    "<script>alert(1)</script>",
    "[click me](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
]
TEMPLATE = ["{{ 7*7 }} and {% raw %}", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]


def _outputs(lines: list[str], path: Path) -> dict[str, str]:
    image = _save(_text_image(lines, size=34), path)
    outputs = {}
    for fmt in ("md", "html", "json"):
        run = _memeaudit("analyze", str(image), "--format", fmt)
        assert run.returncode == 0, run.stderr
        outputs[fmt] = run.stdout
    return outputs


def test_hostile_text_in_an_image_never_becomes_markup_links_or_code(tmp_path: Path) -> None:
    outputs = _outputs(HOSTILE, tmp_path / "hostile.png")
    report = json.loads(outputs["json"])
    assert (
        "script" in report["ocr"]["text"] and "javascript" in report["ocr"]["text"]
    )  # OCR read it
    html = outputs["html"].lower()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert html.count("<script") == 1  # the page's own script, allowed by its hash
    assert 'href="javascript' not in html and "href='javascript" not in html
    assert "&lt;script&gt;" in html  # the text is there, as text
    md = outputs["md"]
    assert not re.search(r"(?<!\\)\]\(", md), "a live Markdown link"
    assert "\\](javascript" in md and not re.search(r"(?<!\\)<", md), "live Markdown HTML"
    assert all("\x1b" not in text for text in outputs.values())


def test_template_braces_in_an_image_stay_text(tmp_path: Path) -> None:
    outputs = _outputs(TEMPLATE, tmp_path / "braces.png")
    report = json.loads(outputs["json"])
    assert "7*7" in report["ocr"]["text"]  # OCR read it
    for fmt, text in outputs.items():
        # What a reader sees: the report's words, not the embedded pictures or box coordinates.
        body = {
            "md": text.split("\n---\n")[0],
            "html": _visible_text(text),
            "json": json.dumps([report["ocr"]["text"], [s["text"] for s in report["sections"]]]),
        }[fmt]
        assert "{{" in body and "49" not in body, fmt  # the braces stayed text
        assert "\x1b" not in text


def _visible_text(page: str) -> str:
    """The text a browser shows: no tags, attributes, script or style."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []
            self.hidden = 0

        def handle_starttag(self, tag: str, attrs: object) -> None:
            self.hidden += tag in ("script", "style")

        def handle_endtag(self, tag: str) -> None:
            self.hidden -= tag in ("script", "style")

        def handle_data(self, data: str) -> None:
            if not self.hidden:
                self.parts.append(data)

    parser = Text()
    parser.feed(page)
    return "".join(parser.parts).split("memeaudit 0.1.0 ·")[0]  # the footer carries the hash


def test_an_ansi_escape_in_image_text_never_reaches_the_terminal(tmp_path: Path) -> None:
    from memeaudit import analyze
    from memeaudit.report import escape_markdown, render

    report = analyze(RESOURCES / "pytesseract_test.png", detect=False, semantic=False)
    report.ocr.text = "\x1b[31mred\x1b[0m \x1b]8;;http://x\x07link\x1b]8;;\x07 \u202egnp.exe"
    report.sections[0].text = report.ocr.text
    for rendered in (
        render(report, "md"),
        render(report, "html"),
        escape_markdown(report.ocr.text),
    ):
        assert "\x1b" not in rendered and "\x07" not in rendered and "\u202e" not in rendered
