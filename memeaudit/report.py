"""Render a Report with Jinja2: packaged templates, overridable file by file with --template-dir.

Templates run in a SandboxedEnvironment, and text from the image is only ever a value passed to
them, never template source.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Literal

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from memeaudit.errors import CONTROL, TemplateError
from memeaudit.paths import optional_cache_dir, packaged_templates

if TYPE_CHECKING:  # only annotations: the gallery and digest render without loading them
    from PIL import Image

    from memeaudit.model import Report

Format = Literal["md", "html"]
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")
_AUTOLINK = re.compile(r"(?i)(://|www\.)")


def escape_markdown(text: str) -> str:
    """Backslash-escape characters that would become Markdown markup, links or HTML."""
    escaped = _MD_SPECIAL.sub(r"\\\1", CONTROL.sub("", str(text)))
    return _AUTOLINK.sub(
        lambda m: "\\://" if m.group(1) == "://" else m.group(1)[:-1] + "\\.", escaped
    )


def _strip_controls(value: object) -> object:
    """Every value a template prints loses control and bidi characters (ANSI escapes, terminal
    hyperlinks, right-to-left overrides), in every format, before any escaping."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return CONTROL.sub("", value)
    return value


class TemplateRefused(jinja2.TemplateError):
    """A template name that would reach outside the template folders."""


def _pieces(name: str) -> list[str]:
    """A template name as folder pieces, refused unless it stays inside a template folder: no
    absolute path, no '..', no backslash or NUL, no empty or '.' piece."""
    pieces = name.split("/")
    if not name or "\\" in name or "\0" in name or any(p in ("", ".", "..") for p in pieces):
        raise TemplateRefused(
            f"template name {name!r} is outside the template folders "
            "(names are relative to --template-dir or the packaged templates; no '/', '..')"
        )
    return pieces


class _FolderLoader(jinja2.BaseLoader):
    """Loads `NAME` from the user's template folder, else from the packaged templates; and
    `default/NAME` from the packaged ones only, so an override can extend the default and change
    one block. A name resolves only inside those folders: an absolute name, '..', or a symlink that
    leads out of the folder is refused (TemplateRefused), never read."""

    def __init__(self, user: Path | None) -> None:
        self.user = user.resolve() if user is not None else None

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        pieces = _pieces(template)
        if pieces[0] == "default" and len(pieces) > 1:
            return _packaged_source(template, pieces[1:])
        if self.user is not None:
            found = _user_source(self.user, template, pieces)
            if found is not None:
                return found
        return _packaged_source(template, pieces)


def _user_source(
    root: Path, template: str, pieces: list[str]
) -> tuple[str, str, Callable[[], bool]] | None:
    """A template from the user's folder; None when it has no file of that name."""
    path = root.joinpath(*pieces)
    if not path.exists() and not path.is_symlink():
        return None
    real = path.resolve()
    if not real.is_relative_to(root):
        raise TemplateRefused(f"template {template!r} leads outside {root} (a symlink)")
    if not real.is_file():
        raise TemplateRefused(f"template {template!r} in {root} is not a regular file")
    try:
        mtime = real.stat().st_mtime
        source = real.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise TemplateRefused(f"{real}: cannot read the template ({err})") from err
    return source, str(real), lambda: _mtime(real) == mtime


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except OSError:
        return None


def _packaged_source(template: str, pieces: list[str]) -> tuple[str, None, None]:
    """A template from the package (works inside a wheel or a zip too)."""
    root = packaged_templates()
    entry = root.joinpath(*pieces)
    inside = not isinstance(entry, Path) or entry.resolve().is_relative_to(Path(root).resolve())
    if not inside:
        raise TemplateRefused(f"template {template!r} leads outside the packaged templates")
    if not entry.is_file():
        raise jinja2.TemplateNotFound(template)
    return entry.read_text(encoding="utf-8"), None, None


def template_folder(template_dir: str | Path) -> Path:
    """The --template-dir folder, checked: a path that is missing or not a folder is a TemplateError
    (exit 6), never silently ignored."""
    path = Path(template_dir)
    if not path.is_dir():
        why = "no such folder" if not path.exists() else "not a folder"
        raise TemplateError(f"{path}: --template-dir is not a usable template folder ({why})")
    return path


@cache
def environment(template_dir: str | None) -> SandboxedEnvironment:
    # The user's folder first, then the packaged templates; "default/NAME" always reaches the
    # packaged one.
    user = template_folder(template_dir) if template_dir is not None else None
    env = SandboxedEnvironment(
        loader=_FolderLoader(user),
        bytecode_cache=_bytecode_cache(),
        finalize=_strip_controls,
        autoescape=jinja2.select_autoescape(["html", "html.j2"], default_for_string=False),
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    env.filters["md"] = escape_markdown
    env.filters["basename"] = lambda p: PurePath(str(p)).name
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept on disk (keyed by each template's source, so an edited template
    is compiled again): compiling the gallery page costs ~0.1 s, a large share of a rerun."""
    folder = optional_cache_dir("jinja")
    return _OptionalBytecodeCache(str(folder)) if folder is not None else None


class _OptionalBytecodeCache(jinja2.FileSystemBytecodeCache):
    """A compiled template that cannot be saved (a full disk) is only not cached."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError as err:
            logging.getLogger("memeaudit").info("not cached: %s: %s", self.directory, err)


def script_hash(template: jinja2.Template, context: dict[str, Any]) -> str:
    """The CSP source for a page's script: the hash of what the `script` block renders, which
    is exactly the text between the page's <script> tags. A first render fills in the blocks of
    the whole inheritance chain (an override may extend the packaged page), then the most derived
    `script` block is rendered alone. Data belongs in data-* attributes, not in that block."""
    ctx = template.new_context({**context, "script_hash": ""})
    for _ in template.root_render_func(ctx):
        pass
    blocks = ctx.blocks.get("script")
    if not blocks:
        return ""
    text = "".join(blocks[0](ctx))
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def data_uri(image: Image.Image) -> str:
    """The image inside the page: PNG up to 2 megapixels, JPEG above."""
    buffer = io.BytesIO()
    small = image.width * image.height <= 2_000_000
    image.convert("RGB").save(buffer, "PNG" if small else "JPEG", quality=85)
    kind = "png" if small else "jpeg"
    return f"data:image/{kind};base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def picture_context(report: Report, picture: Image.Image) -> dict[str, Any]:
    """What the HTML report shows beside the text: the image, its annotation, and the boxes of
    each sentence's evidence (image pixels)."""
    from memeaudit.annotate import annotate
    from memeaudit.locate import evidence_boxes

    boxes = evidence_boxes(report)
    return {
        "picture": data_uri(picture),
        "annotation": data_uri(annotate(picture, report)),
        "boxes": boxes,
        "boxes_by_key": {f"{b['section']}-{b['sentence']}": b["bboxes"] for b in boxes},
    }


def render(
    report: Report,
    fmt: Format,
    template_dir: str | Path | None = None,
    picture: Image.Image | None = None,
) -> str:
    """The report as Markdown or HTML. Given the picture, the HTML report embeds it with its
    annotation and highlights each sentence's evidence on it."""
    name = {"md": "report.md.j2", "html": "report.html.j2"}[fmt]
    context: dict[str, Any] = {"report": report, "boxes_by_key": {}, "boxes": []}
    if fmt == "html" and picture is not None:
        context.update(picture_context(report, picture))
    return render_template(name, context, template_dir)


def render_template(
    name: str, context: dict[str, Any], template_dir: str | Path | None = None
) -> str:
    """Render one packaged (or overridden) template. An HTML page gets the CSP hash of its own
    script; a template error becomes a one-line TemplateError naming the template and line."""
    env = environment(str(template_dir) if template_dir is not None else None)
    try:
        template = env.get_template(name)
        if name.endswith(".html.j2"):
            context = {**context, "script_hash": script_hash(template, context)}
        return template.render(context)
    except jinja2.TemplateError as err:
        where = f" (line {err.lineno})" if getattr(err, "lineno", None) else ""
        raise TemplateError(f"template {name}{where}: {err}") from err
