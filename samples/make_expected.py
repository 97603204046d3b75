"""Regenerate samples/expected/: the Markdown report and the masked JSON report of every sample
image, and the annotated pictures of the seed meme and the dark-mode post (for people to look at;
no test compares them).

    python samples/make_expected.py              # rewrite the expected reports
    python samples/make_expected.py --check      # exit 1 and print a diff if any report drifted
    python samples/make_expected.py --only json  # only NAME.json (or --only md: only NAME.md)

The JSON golden (NAME.json) is the whole JSON report, so that a change to the evidence, the OCR
words or the facts cannot slip through, with what depends on the machine rather than on the
image masked (see `masked_json`). tests/test_samples.py compares both goldens. Run this after a
change that is meant to alter reports, and review `git diff samples/expected`.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from memeaudit.model import Report

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXPECTED = HERE / "expected"
ANNOTATED = ("distillation-meme", "dark-mode-post")
FORMATS = ("md", "json")

MASK = "<masked>"  # what stands for a version: it differs between installs
# Floats (OCR and detector confidences, scores) are rounded to DIGITS decimals: the numerical
# runtimes' last digits can differ between CPUs, and a real change moves them further.
DIGITS = 3
NUMBERS = re.compile(r"\[\s*(-?[\d.]+(?:,\s*-?[\d.]+)*)\s*\]")  # a box on one line: [x, y, w, h]


def sample_report(image: Path) -> Report:
    """The sample's report, naming the image as samples/NAME.png wherever this runs from."""
    from memeaudit.load import load_image
    from memeaudit.options import Options
    from memeaudit.pipeline import analyze_image

    return analyze_image(load_image(image, name=f"samples/{image.name}"), Options())


def _masked(value: Any, places: dict[str, str]) -> Any:
    if isinstance(value, dict):
        return {key: _masked(item, places) for key, item in value.items()}
    if isinstance(value, list):
        return [_masked(item, places) for item in value]
    if isinstance(value, float):
        return round(value, DIGITS)
    if isinstance(value, str):
        for place, name in places.items():
            value = value.replace(place, name)
    return value


def masked_json(report: Report) -> str:
    """The JSON report with what depends on the machine masked: memeaudit's version and each
    engine's (the engines' names stay, sorted), floats rounded to DIGITS decimals, and the
    repository's and the home folder's absolute paths written as <repo> and <home>. The image's
    path is samples/NAME.png already (sample_report)."""
    data = json.loads(report.to_json())
    data["memeaudit_version"] = MASK
    data["engines"] = dict.fromkeys(sorted(data.get("engines", {})), MASK)
    places = {str(ROOT): "<repo>", str(Path.home()): "<home>"}
    text = json.dumps(_masked(data, places), indent=2, ensure_ascii=False)
    return NUMBERS.sub(lambda m: "[" + ", ".join(m[1].replace(",", " ").split()) + "]", text) + "\n"


def current_reports(formats: tuple[str, ...] = FORMATS, annotate: bool = False) -> dict[str, str]:
    """Every sample's expected files, by name (NAME.md, NAME.json); with `annotate`, also write
    the annotated pictures."""
    from memeaudit.annotate import save_annotation
    from memeaudit.load import load_image
    from memeaudit.report import render

    reports = {}
    for image in sorted(HERE.glob("*.png")):
        report = sample_report(image)
        if "md" in formats:
            reports[image.stem + ".md"] = render(report, "md")
        if "json" in formats:
            reports[image.stem + ".json"] = masked_json(report)
        if image.stem in ANNOTATED and annotate:
            target = EXPECTED / f"{image.stem}.annotated.png"
            save_annotation(load_image(image).rgb, report, target)
            print(f"wrote samples/expected/{target.name}")
    return reports


def main(argv: list[str]) -> int:
    formats = FORMATS
    if "--only" in argv:
        at = argv.index("--only") + 1
        if at >= len(argv) or argv[at] not in FORMATS:
            print(f"usage: --only {'|'.join(FORMATS)}", file=sys.stderr)
            return 2
        formats = (argv[at],)
    check = "--check" in argv
    reports = current_reports(formats, annotate=not check and formats == FORMATS)
    if not check:
        EXPECTED.mkdir(exist_ok=True)
        for name, text in reports.items():
            (EXPECTED / name).write_text(text, encoding="utf-8")
            print(f"wrote samples/expected/{name}")
        return 0
    drifted = 0
    for name, text in reports.items():
        path = EXPECTED / name
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if old != text:
            drifted += 1
            sys.stdout.writelines(
                difflib.unified_diff(
                    old.splitlines(True), text.splitlines(True), f"expected/{name}", f"now/{name}"
                )
            )
    return 1 if drifted else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
