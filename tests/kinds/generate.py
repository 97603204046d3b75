"""Seeded fixtures of every kind, rendered in headless Chromium and cached.

    python -m tests.kinds.generate [--seed 7] [--per 3] [--out DIR]

writes DIR/<id>.png|jpg and DIR/<id>.json (the truth) for a look by eye; tests and
benchmarks/kinds.py call `fixtures()` and `render()` directly. Rendered bytes are cached under
cache/kinds/ (git-ignored), keyed by a hash of the HTML and every rendering choice.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PIL import Image

from tests.kinds import chats, others, posts, xposts
from tests.kinds.spec import Fixture

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "cache" / "kinds"
TEMPLATES = {**posts.TEMPLATES, **xposts.TEMPLATES, **chats.TEMPLATES, **others.TEMPLATES}
ZOOMS = (1.0, 1.0, 1.25, 1.5, 2.0)
ENCODINGS = (("png", 100, 1.0), ("png", 100, 0.75), ("jpeg", 85, 1.0), ("jpeg", 60, 1.0))


def fixtures(seed: int = 7, per_template: int = 3, only: str | None = None) -> list[Fixture]:
    """`per_template` fixtures of each template, the same for the same seed."""
    out = []
    for name, make in TEMPLATES.items():
        if only and not name.startswith(only):
            continue
        for i in range(per_template):
            rng = random.Random(f"{seed}:{name}:{i}")
            fixture = make(rng)
            fixture.zoom = rng.choice(ZOOMS)
            fixture.encoding, fixture.quality, fixture.scale = rng.choice(ENCODINGS)
            fixture.width = round(fixture.width * rng.choice((0.9, 1.0, 1.15)))
            fixture.id = f"{fixture.template}-{seed}-{i}"
            out.append(fixture)
    return out


def _key(fixture: Fixture) -> str:
    parts = [fixture.html, fixture.width, fixture.zoom, fixture.encoding, fixture.quality]
    return hashlib.sha256(json.dumps([*parts, fixture.scale]).encode()).hexdigest()[:20]


@contextmanager
def renderer() -> Iterator[Any]:
    """A function Fixture -> image bytes, with one browser for many fixtures."""
    from tests.browser import launch

    with launch() as browser:
        contexts: dict[tuple[int, float], Any] = {}

        def render(fixture: Fixture) -> bytes:
            cached = CACHE / f"{_key(fixture)}.{fixture.encoding}"
            if cached.is_file():
                return cached.read_bytes()
            width = fixture.width
            key = (width, fixture.zoom)
            if key not in contexts:
                contexts[key] = browser.new_context(
                    viewport={"width": width + 40, "height": 600},
                    device_scale_factor=fixture.zoom,
                    java_script_enabled=False,
                )
            tab = contexts[key].new_page()
            try:
                tab.set_content(_sized(fixture, width), wait_until="load")
                shot = tab.locator("#shot").screenshot(type="png", animations="disabled")
            finally:
                tab.close()
            data = _encode(shot, fixture)
            CACHE.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(data)
            return data

        try:
            yield render
        finally:
            for context in contexts.values():
                context.close()


def _sized(fixture: Fixture, width: int) -> str:
    return fixture.html.replace("</head>", f"<style>#shot{{width:{width}px}}</style></head>", 1)


def _encode(png: bytes, fixture: Fixture) -> bytes:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    if fixture.scale != 1.0:
        size = (round(image.width * fixture.scale), round(image.height * fixture.scale))
        image = image.resize(size, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if fixture.encoding == "jpeg":
        image.save(out, "JPEG", quality=fixture.quality)
    else:
        image.save(out, "PNG")
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per", type=int, default=3)
    parser.add_argument("--only", default=None)
    parser.add_argument("--out", type=Path, default=ROOT / "cache" / "kinds-view")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with renderer() as render:
        for fixture in fixtures(args.seed, args.per, args.only):
            ext = "jpg" if fixture.encoding == "jpeg" else "png"
            (args.out / f"{fixture.id}.{ext}").write_bytes(render(fixture))
            (args.out / f"{fixture.id}.json").write_text(json.dumps(fixture.truth, indent=1))
            print(fixture.id)


if __name__ == "__main__":
    main()
