"""Render a Report with Jinja2: packaged templates, overridable file by file with --template-dir.

Templates run in a SandboxedEnvironment, and text from the image is only ever a value passed to
them, never template source.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path, PurePath
from typing import Literal

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from memeaudit.errors import CONTROL, RulesError
from memeaudit.model import Report
from memeaudit.paths import packaged_templates

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


class _PackagedLoader(jinja2.BaseLoader):
    """Loads templates from the package (works inside a wheel or a zip too)."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, None, None]:
        entry = packaged_templates() / template
        if not entry.is_file():
            raise jinja2.TemplateNotFound(template)
        return entry.read_text(encoding="utf-8"), None, None


@cache
def environment(template_dir: str | None) -> SandboxedEnvironment:
    packaged = _PackagedLoader()
    # The user's folder first, then the packaged templates; "default/NAME" always reaches the
    # packaged one, so an override can extend it and change one block.
    loaders: list[jinja2.BaseLoader] = [packaged, jinja2.PrefixLoader({"default": packaged})]
    if template_dir is not None:
        loaders.insert(0, jinja2.FileSystemLoader(template_dir))
    env = SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        finalize=_strip_controls,
        autoescape=jinja2.select_autoescape(["html", "html.j2"], default_for_string=False),
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    env.filters["md"] = escape_markdown
    env.filters["basename"] = lambda p: PurePath(str(p)).name
    return env


def render(report: Report, fmt: Format, template_dir: str | Path | None = None) -> str:
    env = environment(str(template_dir) if template_dir is not None else None)
    name = {"md": "report.md.j2", "html": "report.html.j2"}[fmt]
    try:
        return env.get_template(name).render(report=report)
    except jinja2.TemplateError as err:
        where = f" (line {err.lineno})" if getattr(err, "lineno", None) else ""
        raise RulesError(f"template {name}{where}: {err}") from err
