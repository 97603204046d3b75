"""Renders dev cases to PNG the way `memeaudit eval reports` does (tests/browser.launch(), a
viewport the case's width wide and 400 high, a full-page screenshot), into /tmp/casewriter/.

.venv/bin/python drafts/report-case-dev-generator/shot.py [CASE_ID ...]   (default: all)
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.browser import launch  # noqa: E402

CASES = ROOT / "tests" / "data" / "report-cases-dev"
DEST = Path("/tmp/casewriter")


def main(ids: list[str]) -> None:
    DEST.mkdir(parents=True, exist_ok=True)
    folders = [CASES / i for i in ids] if ids else sorted(p for p in CASES.iterdir() if p.is_dir())
    with launch() as browser:
        for folder in folders:
            width = yaml.safe_load((folder / "case.yaml").read_text(encoding="utf-8"))["width"]
            page = browser.new_page(viewport={"width": width, "height": 400})
            errors: list[str] = []
            page.on(
                "console", lambda m, seen=errors: seen.append(m.text) if m.type == "error" else None
            )
            page.on(
                "request",
                lambda r, seen=errors: None if r.url.startswith("file:") else seen.append(r.url),
            )
            page.goto(folder.joinpath("page.html").resolve().as_uri(), wait_until="load")
            page.screenshot(path=str(DEST / f"{folder.name}.png"), full_page=True)
            size = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
            )
            page.close()
            print(folder.name, size, "; ".join(errors))


if __name__ == "__main__":
    main(sys.argv[1:])
