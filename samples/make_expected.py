"""Regenerate samples/expected/: the Markdown report of every sample image, and the annotated
pictures of the seed meme and the dark-mode post (for people to look at; no test compares them).

    python samples/make_expected.py          # rewrite the expected reports
    python samples/make_expected.py --check  # exit 1 and print a diff if any report drifted

Run it after a change that is meant to alter reports, and review `git diff samples/expected`.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXPECTED = HERE / "expected"


ANNOTATED = ("distillation-meme", "dark-mode-post")


def current_reports() -> dict[str, str]:
    from memeaudit import analyze
    from memeaudit.annotate import save_annotation
    from memeaudit.load import load_image
    from memeaudit.report import render

    reports = {}
    for image in sorted(HERE.glob("*.png")):
        relative = image.relative_to(HERE.parent)
        report = analyze(relative)
        reports[image.stem + ".md"] = render(report, "md")
        if image.stem in ANNOTATED and "--check" not in sys.argv:
            target = EXPECTED / f"{image.stem}.annotated.png"
            save_annotation(load_image(relative).rgb, report, target)
            print(f"wrote samples/expected/{target.name}")
    return reports


def main(argv: list[str]) -> int:
    import os

    os.chdir(HERE.parent)  # reports name images relative to the repository root
    reports = current_reports()
    if "--check" not in argv:
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
