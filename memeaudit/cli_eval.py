"""`memeaudit eval ocr|claims|topics|reports`: memeaudit measured against labelled data. The
scoring lives beside what it measures (evaluate.py, eval_claims.py, eval_reports.py); the
commands here parse and print."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from memeaudit.eval_claims import command as claims_command
from memeaudit.eval_reports import reports_command

eval_app = typer.Typer(help="Measure memeaudit against labelled data.", no_args_is_help=True)


@eval_app.command("ocr")
def eval_ocr(
    folder: Annotated[Path, typer.Argument(help="A folder with manifest.csv, images/ and gt/.")],
    engines: Annotated[
        str, typer.Option(help="Comma-separated: tesseract, ppocr, auto.")
    ] = "tesseract,ppocr,auto",
) -> None:
    """Character error rate per category and overall, per engine (the dev set's scoring)."""
    from memeaudit.evaluate import ocr_table

    for line in ocr_table(folder, engines.split(",")):
        typer.echo(line)


eval_app.command("claims")(claims_command)


@eval_app.command("topics")
def eval_topics(
    file: Annotated[
        Path,
        typer.Argument(
            help="YAML: sentences: [{text, families: [names]} or {text, topics: [ids]}], "
            "benign ones with []."
        ),
    ],
) -> None:
    """Topic precision and recall on labelled sentences, per family (or topic) and overall:
    keywords alone, and the full matcher (keywords plus similarity). Each sentence's language is
    detected as an image's text is; a `lang` label is not read."""
    from memeaudit.evaluate import score_by_label
    from memeaudit.facts import topics_in
    from memeaudit.facts.semantic import get_embedder
    from memeaudit.knowledge.loader import load_knowledge
    from memeaudit.ocr.language import detect, iso639_1
    from memeaudit.yamlload import safe_load

    kb = load_knowledge()
    rows = safe_load(file.read_text(encoding="utf-8"))["sentences"]
    by_family = any("families" in row for row in rows)
    key = "families" if by_family else "topics"
    cases = [(row["text"], set(row.get(key) or [])) for row in rows]
    embedder = get_embedder()

    def labels(hits: list) -> set[str]:  # type: ignore[type-arg]
        if not by_family:
            return {hit.id for hit in hits}
        return {f for hit in hits if (f := kb.topics[hit.id].family())}

    def finder(use_embedder: bool):  # type: ignore[no-untyped-def]
        def find(text: str) -> set[str]:
            lang = iso639_1(detect(text).language)
            return labels(topics_in(kb, text, [text], embedder if use_embedder else None, lang))

        return find

    typer.echo(f"{len(cases)} sentences, {sum(not t for _, t in cases)} benign")
    for name, use in (("keywords", False), ("keywords + similarity", True)):
        per, total, benign = score_by_label(cases, finder(use))
        typer.echo(f"\n{name}: precision {total.precision:.3f}, recall {total.recall:.3f}, "
                   f"{total.hits} hits, benign sentences fired: {benign}")  # fmt: skip
        typer.echo(
            f"| {'family' if by_family else 'topic'} | precision | recall | hits | labelled | benign hits |"
        )
        typer.echo("|---|---|---|---|---|---|")
        for label, score in per.items():
            typer.echo(
                f"| {label} | {score.precision:.3f} | {score.recall:.3f} | {score.hits} | "
                f"{score.labels} | {score.benign_hits} |"
            )
    if embedder is None:
        typer.echo("(no sentence embedder installed: pip install 'memeaudit[ml]')")


eval_app.command("reports")(reports_command)
