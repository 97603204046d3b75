"""`memeaudit rules list|explain|lint`: the loaded knowledge (knowledge/loader.py), which rules
fired on an image and behind which sentence, and a check of rule files against the schema."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from memeaudit.cli_print import say

rules_app = typer.Typer(help="List and check rule packs and knowledge files.", no_args_is_help=True)


@rules_app.command("list")
def rules_list(
    rules: Annotated[
        list[Path] | None, typer.Option("--rules", help="Extra files to include.")
    ] = None,
) -> None:
    """List the loaded knowledge files, topics and legal notes."""
    from memeaudit.knowledge.loader import load_knowledge

    kb = load_knowledge(tuple(rules or ()))
    for source in kb.sources:
        say(f"file   {source}", err=False)
    typer.echo(
        f"{len(kb.products)} AI products, {len(kb.organizations)} organisations, "
        f"{len(kb.platforms)} platforms, {len(kb.legal)} legal notes"
    )
    for topic in kb.topics.values():
        say(f"topic  {topic.id}: {topic.title}", err=False)


@rules_app.command("explain")
def rules_explain(
    image: Annotated[str, typer.Argument(help="An image file, or '-' for stdin.")],
    rules: Annotated[list[Path] | None, typer.Option("--rules", help="Extra rule files.")] = None,
) -> None:
    """Show which rules fired on an image, and the evidence behind each report sentence."""
    from memeaudit.pipeline import analyze as run

    source: str | bytes = sys.stdin.buffer.read() if image == "-" else image
    report = run(source, rules=tuple(rules or ()))
    typer.echo("topics:")
    for hit in report.facts.topics or []:
        score = f" (score {hit.score:.3f})" if hit.score is not None else ""
        say(f"  {hit.id}: {hit.how}{score} on {', '.join(repr(m) for m in hit.matched)}", False)
    if not report.facts.topics:
        typer.echo("  none fired")
    typer.echo("entities:")
    for entity in report.facts.entities:
        say(
            f"  {entity.kind} {entity.name} from {entity.source}, seen as {entity.matched!r}", False
        )
    for section in report.sections:
        say(f"section {section.number}. {section.title}:", err=False)
        for i, sentence in enumerate(section.sentences):
            rules_used = sorted({ev.rule or ev.kind for ev in sentence.evidence}) or [
                "(no evidence)"
            ]
            more = "…" if len(sentence.text) > 90 else ""
            say(f"  [{i}] {', '.join(rules_used)}: {sentence.text[:90]}{more}", err=False)


@rules_app.command("lint")
def rules_lint(
    files: Annotated[list[Path], typer.Argument(help="YAML rule or knowledge files.")],
    strict: Annotated[
        bool, typer.Option("--strict", help="A topic below the minimums is an error.")
    ] = False,
) -> None:
    """Validate rule files against the schema; errors give file and line. A topic with fewer
    examples than the minimums, or no guidance, is a warning (an error with --strict)."""
    from memeaudit.errors import RulesError
    from memeaudit.knowledge.loader import load_knowledge, shortfalls

    load_knowledge(tuple(files))
    short = shortfalls(tuple(files))
    for name, problem in short:
        say(f"{'error' if strict else 'warning'}: {name}: {problem}")
    if strict and short:
        raise RulesError(f"{len(short)} topic shortfall(s) against the minimums")
    for file in files:
        say(f"ok {file}", err=False)
