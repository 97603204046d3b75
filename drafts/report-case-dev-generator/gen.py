"""Writes tests/data/report-cases-dev/: one folder per case (page.html, case.yaml) and cases.yaml.

Run from anywhere: python3 drafts/report-case-dev-generator/gen.py
Written by the helper session "casewriter" without reading memeaudit's knowledge, sections or
facts, nor the held-out cases' texts. The DEV set: tune on it; the held-out set stays apart.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import cases_chats  # noqa: E402
import cases_chats2  # noqa: E402
import cases_code  # noqa: E402
import cases_other  # noqa: E402
import cases_posts  # noqa: E402
import cases_posts2  # noqa: E402
import chats  # noqa: E402
import others  # noqa: E402
import posts  # noqa: E402

OUT = HERE.parents[1] / "tests" / "data" / "report-cases-dev"
RENDER = {**posts.RENDER, **chats.RENDER, **others.RENDER}
FIELDS = (
    "kind",
    "platform",
    "harm",
    "benign_near_miss",
    "theme",
    "width",
    "truth",
    "must",
    "must_not",
)
HEAD = "# written by casewriter (drafts/report-case-dev-generator); DEV set, see ../README.md\n"


def all_cases() -> list[dict[str, Any]]:
    cases = [
        c
        for mod in (cases_posts, cases_posts2, cases_chats, cases_chats2, cases_other, cases_code)
        for c in mod.CASES
    ]
    ids = [c["id"] for c in cases]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise SystemExit(f"duplicate ids: {sorted(dupes)}")
    return cases


def main() -> None:
    cases = all_cases()
    OUT.mkdir(parents=True, exist_ok=True)
    keep = {c["id"] for c in cases}
    for old in OUT.iterdir():
        if old.is_dir() and old.name not in keep and (old / "case.yaml").is_file():
            shutil.rmtree(old)
    for c in cases:
        folder = OUT / c["id"]
        folder.mkdir(exist_ok=True)
        (folder / "page.html").write_text(RENDER[c["tpl"]](c), encoding="utf-8")
        meta = {"id": c["id"], **{k: c[k] for k in FIELDS}}
        text = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)
        (folder / "case.yaml").write_text(HEAD + text, encoding="utf-8")
    listing = "".join(f"  - folder: {c['id']}\n" for c in cases)
    (OUT / "cases.yaml").write_text(
        "# memeaudit eval reports tests/data/report-cases-dev/cases.yaml: the DEV report cases\n"
        "# (one folder each, see README.md), written by casewriter. Tune on these, not on the\n"
        "# held-out tests/data/report-cases/.\ncases:\n" + listing,
        encoding="utf-8",
    )
    print(f"{len(cases)} cases written to {OUT}")


if __name__ == "__main__":
    main()
