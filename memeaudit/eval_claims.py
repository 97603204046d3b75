"""`memeaudit eval claims FILE`: precision and recall of the check-worthy class on labelled
sentences (tests/data/claims-dev.yaml's format: text, checkworthy, kind, lang), overall and per
labelled kind and language."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from memeaudit.yamlload import safe_load

if TYPE_CHECKING:  # the facts package (numpy, cv2) loads when the command runs, not at start-up
    from memeaudit.facts.checkworthy import Verdict


@dataclass
class ClaimScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    missed: Counter[str] = field(default_factory=Counter)  # check-worthy kinds not found
    fired: Counter[str] = field(default_factory=Counter)  # kinds found on other sentences
    errors: list[tuple[str, bool, Verdict]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0


def verdict(text: str, known: frozenset[str] = frozenset()) -> Verdict:
    """The verdict on a labelled text: its first check-worthy sentence's, else its first
    sentence's. Personal data (phone numbers) is blanked before figures are read, as in a run."""
    from memeaudit.facts.checkworthy import judge
    from memeaudit.facts.figures import figures
    from memeaudit.facts.pii import find_personal_data
    from memeaudit.facts.text import sentences

    personal = [p.text for p in find_personal_data(text)]
    found = []
    for sentence in sentences(text) or [text]:
        masked = sentence
        for span in personal:
            masked = masked.replace(span, " " * len(span))
        found.append(judge(sentence, figures(masked), known))
    return next((v for v in found if v.checkworthy), found[0])


def score(rows: list[dict[str, object]], known: frozenset[str] = frozenset()) -> ClaimScore:
    result = ClaimScore()
    for row in rows:
        text, truth = str(row["text"]), bool(row["checkworthy"])
        said = verdict(text, known)
        if said.checkworthy and truth:
            result.tp += 1
        elif said.checkworthy:
            result.fp += 1
            result.fired[str(said.kind)] += 1
        elif truth:
            result.fn += 1
            result.missed[str(row.get("kind"))] += 1
        else:
            result.tn += 1
        if said.checkworthy != truth:
            result.errors.append((text, truth, said))
    return result


def claims_table(path: Path, show_errors: bool = False) -> list[str]:
    from memeaudit.knowledge.loader import load_knowledge

    rows = safe_load(path.read_text(encoding="utf-8"))["sentences"]
    known = load_knowledge().names()
    total = score(rows, known)
    worthy = sum(bool(r["checkworthy"]) for r in rows)
    lines = [
        f"{len(rows)} sentences, {worthy} check-worthy",
        f"check-worthy: precision {total.precision:.3f}, recall {total.recall:.3f} "
        f"(tp {total.tp}, fp {total.fp}, fn {total.fn}, tn {total.tn})",
        "| lang | sentences | precision | recall |",
        "|---|---|---|---|",
    ]
    for lang in sorted({str(r.get("lang")) for r in rows}):
        part = score([r for r in rows if str(r.get("lang")) == lang], known)
        n = sum(str(r.get("lang")) == lang for r in rows)
        lines.append(f"| {lang} | {n} | {part.precision:.3f} | {part.recall:.3f} |")
    lines.append(f"missed, by labelled kind: {dict(total.missed.most_common())}")
    lines.append(f"fired on others, by found kind: {dict(total.fired.most_common())}")
    if show_errors:
        for text, truth, said in total.errors:
            mark = "MISSED" if truth else "FIRED "
            lines.append(f"{mark} {said.kind or '-'} {list(said.cues)} {text}")
    return lines


def command(
    file: Annotated[
        Path,
        typer.Argument(help="YAML: sentences: [{text, checkworthy: true|false, kind, lang}]."),
    ],
    errors: Annotated[
        bool, typer.Option("--errors", help="List the sentences it gets wrong (dev sets only).")
    ] = False,
) -> None:
    """Precision and recall of the check-worthy class on labelled sentences, overall and per
    language; the kinds it missed and the kinds it fired wrongly."""
    for line in claims_table(file, show_errors=errors):
        typer.echo(line)
