"""Open a batch gallery in headless Chromium and check its filters against the index.

    memeaudit batch ../shared/eval/dev/images -o /tmp/dev-out -f md -f json -f html
    python benchmarks/gallery_dev.py /tmp/dev-out

Prints the cards shown, any console error, and for each topic (and platform X) how many cards
the filter leaves against how many index rows have it; saves tests/output/gallery-dev.png.
Needs Debian's chromium and playwright (both installed by `make setup`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent


def main(outdir: Path) -> None:
    lines = (outdir / "index.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    topics = sorted({t for r in rows for t in r["topics"]})
    print(f"{len(rows)} rows; topics: {topics}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto((outdir / "index.html").as_uri())
        page.wait_for_load_state("load")

        def visible() -> int:
            return page.locator("article.card:visible").count()

        print(f"cards visible: {visible()}; console errors: {errors}")
        for topic in topics:
            page.select_option("#filter-topic", value=topic)
            want = sum(topic in r["topics"] for r in rows)
            print(f"topic {topic}: {visible()} shown, {want} in the index")
        page.select_option("#filter-topic", index=0)
        if any(r["platform"] == "X" for r in rows):
            page.select_option("#filter-platform", value="X")
            want = sum(r["platform"] == "X" for r in rows)
            print(f"platform X: {visible()} shown, {want} in the index")
        shot = ROOT / "tests" / "output" / "gallery-dev.png"
        shot.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(shot), full_page=True)
        print(f"screenshot: {shot}")
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
