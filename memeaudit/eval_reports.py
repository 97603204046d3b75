"""`memeaudit eval reports CASES.yaml`: whole reports scored against what an analyst expects.

A cases file is YAML with a list `cases`. Each entry is either

- `folder: NAME`: a folder beside the file (tests/data/report-cases/ layout) holding `case.yaml`
  (`id`, `width`, `must`, `must_not`, and `kind`, `harm` for the summary) and `page.html`, which
  is rendered to PNG in headless Chromium (memeaudit.eval_render, cached); or
- inline: `id`, `image` (a path relative to the cases file) or `html` with `width`, and `must`,
  `must_not`, `kind`, `harm` as in a case.yaml.

`must` and `must_not` map a section number ("1" to "5") to regular expressions, matched without
regard to case. Per case and overall the command prints

- fact recall: the share of `must` patterns found in their section;
- invented findings: `must_not` patterns that match their section;
- pasted sections: a section that copies a run of PASTE_WORDS or more consecutive OCR words;
- long sections: a section of more than MAX_WORDS words;
- prose: what the prose linter (memeaudit.prose) finds in the report.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer

from memeaudit.yamlload import safe_load

PASTE_WORDS = 12  # consecutive OCR words copied into a section that make it "pasted"
MAX_WORDS = 250  # a section longer than this is "long"
_TOKEN = re.compile(r"[\w@#$%€£'’.,:/-]+")


@dataclass(frozen=True)
class Case:
    id: str
    kind: str
    harm: tuple[str, ...]
    image: Path | None = None  # a PNG, JPEG... to analyse as it is
    html: Path | None = None  # or a page to render first, `width` CSS pixels wide
    width: int = 800
    must: dict[int, tuple[str, ...]] = field(default_factory=dict)
    must_not: dict[int, tuple[str, ...]] = field(default_factory=dict)


@dataclass
class Result:
    case: Case
    found: list[tuple[int, str]] = field(default_factory=list)
    missed: list[tuple[int, str]] = field(default_factory=list)
    invented: list[tuple[int, str, str]] = field(default_factory=list)  # section, pattern, match
    pasted: dict[int, int] = field(default_factory=dict)  # section -> OCR words copied in a run
    long: dict[int, int] = field(default_factory=dict)  # section -> words
    prose: list[str] = field(default_factory=list)  # the prose linter's problems (memeaudit.prose)
    error: str | None = None

    @property
    def facts(self) -> int:
        return len(self.found) + len(self.missed)

    def recall(self) -> float:
        return len(self.found) / self.facts if self.facts else 1.0


def _patterns(table: dict[Any, Any] | None) -> dict[int, tuple[str, ...]]:
    return {int(section): tuple(patterns or ()) for section, patterns in (table or {}).items()}


def _case(entry: dict[str, Any], base: Path) -> Case:
    if "folder" in entry:
        folder = base / entry["folder"]
        data = safe_load((folder / "case.yaml").read_text(encoding="utf-8"))
        data = {**data, "html": folder / "page.html"}
    else:
        data = dict(entry)
        for key in ("image", "html"):
            if data.get(key):
                data[key] = base / data[key]
    return Case(
        id=str(data["id"]),
        kind=str(data.get("kind") or "unknown"),
        harm=tuple(data.get("harm") or ()),
        image=data.get("image"),
        html=data.get("html"),
        width=int(data.get("width") or 800),
        must=_patterns(data.get("must")),
        must_not=_patterns(data.get("must_not")),
    )


def load_cases(path: Path) -> list[Case]:
    """The cases a file lists, each pattern compiled once to fail early on a broken one."""
    cases = [_case(entry, path.parent) for entry in safe_load(path.read_text("utf-8"))["cases"]]
    for case in cases:
        for table in (case.must, case.must_not):
            for patterns in table.values():
                for pattern in patterns:
                    re.compile(pattern)
    return cases


def words(text: str) -> list[str]:
    """Lower-case words with their edge punctuation and quotes stripped: the unit of a paste."""
    out = []
    for token in _TOKEN.findall(text.lower().replace("’", "'")):
        token = token.strip(".,:'/-")
        if token:
            out.append(token)
    return out


def longest_run(source: list[str], text: list[str]) -> int:
    """The length of the longest run of consecutive words that `text` shares with `source`."""
    best = 0
    previous = [0] * (len(source) + 1)
    for word in text:
        current = [0] * (len(source) + 1)
        for j, other in enumerate(source, 1):
            if word == other:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def score(case: Case, sections: dict[int, str], ocr_text: str, paste: int, most: int) -> Result:
    """One report's sections (number -> text) against its case."""
    from memeaudit.prose import lint

    result = Result(case, prose=[str(problem) for problem in lint(sections)])
    for number, patterns in case.must.items():
        for pattern in patterns:
            hit = re.search(pattern, sections.get(number, ""), re.IGNORECASE)
            (result.found if hit else result.missed).append((number, pattern))
    for number, patterns in case.must_not.items():
        for pattern in patterns:
            if hit := re.search(pattern, sections.get(number, ""), re.IGNORECASE):
                result.invented.append((number, pattern, hit.group(0)))
    source = words(ocr_text)
    for number, text in sections.items():
        if (run := longest_run(source, words(text))) >= paste:
            result.pasted[number] = run
        if (count := len(text.split())) > most:
            result.long[number] = count
    return result


def evaluate(
    cases: Iterable[Case],
    analyse: Callable[[Case, Path], tuple[dict[int, str], str]],
    render: Callable[[Path, int], Path],
    paste: int = PASTE_WORDS,
    most: int = MAX_WORDS,
) -> Iterator[Result]:
    """Each case scored; a case whose image cannot be rendered or analysed is a result with its
    error (every fact missed), not the end of the run."""
    from memeaudit.errors import MemeauditError

    for case in cases:
        try:
            image = case.image if case.image is not None else render(case.html, case.width)  # type: ignore[arg-type]
            sections, ocr_text = analyse(case, image)
        except (MemeauditError, OSError) as err:
            failed = Result(case, error=str(err))
            failed.missed = [(n, p) for n, ps in case.must.items() for p in ps]
            yield failed
            continue
        yield score(case, sections, ocr_text, paste, most)


def case_lines(result: Result) -> list[str]:
    """One line for the case, then one indented line per miss, invention, paste or long section."""
    r = result
    head = (
        f"{r.case.id}: recall {len(r.found)}/{r.facts}, invented {len(r.invented)}, "
        f"pasted {_sections(r.pasted)}, over-long {_sections(r.long)}, prose {len(r.prose)}"
    )
    lines = [head]
    if r.error:
        lines.append(f"  error: {r.error}")
    lines += [f"  missed s{n}: {p}" for n, p in r.missed if not r.error]
    lines += [f"  invented s{n}: {p} (matched “{m}”)" for n, p, m in r.invented]
    lines += [f"  pasted s{n}: {run} consecutive OCR words" for n, run in r.pasted.items()]
    lines += [f"  over-long s{n}: {count} words" for n, count in r.long.items()]
    lines += [f"  prose {problem}" for problem in r.prose]
    return lines


def _sections(table: dict[int, int]) -> str:
    return ",".join(f"s{n}" for n in sorted(table)) or "-"


def summary_lines(results: list[Result], most: int = MAX_WORDS) -> list[str]:
    """Overall figures, then recall by section and by kind (to route the misses)."""
    from memeaudit.sections.paragraph import plural

    found = sum(len(r.found) for r in results)
    facts = sum(r.facts for r in results)
    invented = sum(len(r.invented) for r in results)
    pasted = sum(len(r.pasted) for r in results)
    long = sum(len(r.long) for r in results)
    errors = sum(r.error is not None for r in results)
    perfect = sum(not r.missed and not r.invented and not r.pasted for r in results)
    lines = [
        f"overall: {plural(len(results), 'case')}, fact recall {found}/{facts} = "
        f"{_share(found, facts)}, invented findings {invented} "
        f"(in {plural(sum(bool(r.invented) for r in results), 'case')}), pasted sections {pasted} "
        f"(in {plural(sum(bool(r.pasted) for r in results), 'case')}), sections over {most} words "
        f"{long}, prose-linter problems {sum(len(r.prose) for r in results)}, errors {errors}, "
        f"cases fully right {perfect}",
        "",
        "| section | recall | facts | invented | pasted | over-long |",
        "|---|---|---|---|---|---|",
    ]
    for number in range(1, 6):
        hits = sum(n == number for r in results for n, _ in r.found)
        total = hits + sum(n == number for r in results for n, _ in r.missed)
        made = sum(n == number for r in results for n, _, _ in r.invented)
        copied = sum(number in r.pasted for r in results)
        over = sum(number in r.long for r in results)
        lines.append(f"| {number} | {_share(hits, total)} | {total} | {made} | {copied} | {over} |")
    by_kind: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_kind[r.case.kind].append(r)
    lines += ["", "| kind | cases | recall | invented | pasted |", "|---|---|---|---|---|"]
    for kind, group in sorted(by_kind.items()):
        hits = sum(len(r.found) for r in group)
        total = sum(r.facts for r in group)
        made = sum(len(r.invented) for r in group)
        copied = sum(len(r.pasted) for r in group)
        lines.append(f"| {kind} | {len(group)} | {_share(hits, total)} | {made} | {copied} |")
    return lines


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "-"


def command(
    files: list[Path],
    cache: Path = Path("cache/renders"),
    only: str | None = None,
    save: Path | None = None,
    paste: int = PASTE_WORDS,
    most: int = MAX_WORDS,
    echo: Callable[[str], None] = print,
) -> list[Result]:
    """Analyse every case of `files` (those whose id contains `only`) with the default options,
    print each case's lines and the summary; with `save`, write each report's Markdown there."""
    from memeaudit.eval_render import renderer
    from memeaudit.options import Options
    from memeaudit.pipeline import analyze, load_engines
    from memeaudit.report import render as render_report

    cases = [c for f in files for c in load_cases(f) if only is None or only in c.id]
    load_engines(Options())

    def analyse(case: Case, image: Path) -> tuple[dict[int, str], str]:
        report = analyze(image)
        if save is not None:
            save.mkdir(parents=True, exist_ok=True)
            (save / f"{case.id}.md").write_text(render_report(report, "md"), encoding="utf-8")
        return {s.number: s.text for s in report.sections}, report.ocr.text

    results = []
    with renderer(cache) as render:
        for result in evaluate(cases, analyse, render, paste, most):
            results.append(result)
            for line in case_lines(result):
                echo(line)
    echo("")
    for line in summary_lines(results, most):
        echo(line)
    return results


def reports_command(
    files: Annotated[
        list[Path],
        typer.Argument(help="YAML cases files: cases: [{folder: NAME} or {id, image, must, ...}]."),
    ],
    cache: Annotated[
        Path, typer.Option(help="Where HTML cases are kept once rendered to PNG.")
    ] = Path("cache/renders"),
    only: Annotated[str | None, typer.Option(help="Only the cases whose id contains this.")] = None,
    save: Annotated[
        Path | None, typer.Option(help="Write each case's Markdown report to this folder.")
    ] = None,
    paste_words: Annotated[
        int, typer.Option(help="Consecutive OCR words copied that make a section pasted.")
    ] = PASTE_WORDS,
    max_words: Annotated[
        int, typer.Option(help="A section over this many words is counted as over-long.")
    ] = MAX_WORDS,
) -> None:
    """Whole reports against the facts each case expects per section (regular expressions) and
    the findings it must not have: fact recall, invented findings, sections that paste the OCR
    text or run long, per case and overall. HTML cases are rendered in headless Chromium."""
    command(files, cache, only, save, paste_words, max_words, echo=typer.echo)
