"""Per kind: the kind and platform right, and each typed field right, on the rendered fixtures.

    python benchmarks/kinds.py [--seed 7] [--per 2] [--only PREFIX]

Fixtures come from tests/kinds (seeded HTML mock-ups rendered in the system Chromium, cached
under cache/kinds/); each is read by the real OCR (memeaudit.ocr.read_text), parsed by
memeaudit.post and classified by memeaudit.kinds. A field counts where the truth has it: post
display_name, handle, time (as shown) and each count; chat speakers; email from and subject;
review reviewer and time. A field with no parser yet counts as wrong. Post structure
(reply_to, reposted_by, quoted_handle, link_domain, verified, media, thread) is scored on the
fixtures that record all of it (those with `verified` in their truth), a field not drawn
included: it must stay empty. `--by template` prints a row per layout as well.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from memeaudit.kinds import read_screen  # noqa: E402
from memeaudit.load import load_image  # noqa: E402
from memeaudit.ocr import read_text  # noqa: E402
from memeaudit.options import Options  # noqa: E402
from memeaudit.post import parse_post  # noqa: E402
from tests.kinds.generate import fixtures, renderer  # noqa: E402

FIELDS = {
    "post": ("display_name", "handle", "time"),
    "chat": ("contact", "speakers"),
    "email": ("from_name", "from_address", "subject"),
    "review": ("reviewer", "time"),
}


STRUCTURE = (
    "reply_to",
    "reposted_by",
    "quoted_handle",
    "link_domain",
    "verified",
    "media",
    "thread",
)


def _got(kind: str, post, screen) -> dict:
    if kind == "post" and post is not None:
        got = {"display_name": post.display_name, "handle": post.handle, "time": post.timestamp_raw}
        got |= {f"count.{k}": v for k, v in post.counts.model_dump().items()}
        got |= {"reply_to": post.reply_to, "reposted_by": post.reposted_by}
        got |= {"quoted_handle": post.quoted.handle if post.quoted else None}
        got |= {"link_domain": post.link_card.domain if post.link_card else None}
        got |= {"verified": post.verified, "media": post.media, "thread": post.thread}
        return got
    if kind == "chat" and screen.chat is not None:
        return {
            "contact": screen.chat.contact,
            "speakers": [m.speaker for m in screen.chat.messages],
        }
    if kind == "email" and screen.email is not None:
        mail = screen.email
        return {
            "from_name": mail.from_name,
            "from_address": mail.from_address,
            "subject": mail.subject,
        }
    if kind == "review" and screen.review is not None:
        return {"reviewer": screen.review.reviewer, "time": screen.review.date}
    return {}


def _structure(truth: dict) -> dict:
    """The post structure a fixture records, with what is not drawn as empty."""
    if truth["kind"] != "post" or "verified" not in truth:
        return {}
    flags = ("verified", "media", "thread")
    return {f: bool(truth.get(f)) if f in flags else truth.get(f) for f in STRUCTURE}


def _layout(template: str) -> str:
    """A template's layout without its theme: 'x-now-dim' -> 'x-now'."""
    return "-".join(w for w in template.split("-") if w not in ("light", "dim", "black"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per", type=int, default=2)
    parser.add_argument("--only", default=None)
    parser.add_argument("-v", action="store_true", help="print every miss")
    parser.add_argument("--by", choices=["kind", "template"], default="kind")
    args = parser.parse_args()
    right: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    platform_named_wrongly = 0
    with renderer() as render:
        for fixture in fixtures(args.seed, args.per, args.only):
            truth = fixture.truth
            image = load_image(render(fixture))
            ocr, _ = read_text(image, Options())
            post = parse_post(ocr, image.bgr[:, :, ::-1])
            screen = read_screen(ocr, post)
            kind, platform = screen.kind, screen.platform
            row = right[truth["kind"]]
            row["kind"].append(kind == truth["kind"])
            row["platform"].append(platform == truth["platform"])
            platform_named_wrongly += platform is not None and platform != truth["platform"]
            got = _got(truth["kind"], post, screen)
            wants = {f: truth[f] for f in FIELDS.get(truth["kind"], ()) if f in truth}
            wants |= {f"count.{k}": v for k, v in truth.get("counts", {}).items()}
            wants |= _structure(truth)
            layout = (
                right[f"{truth['kind']}:{_layout(fixture.template)}"] if args.by != "kind" else None
            )
            for field, want in wants.items():
                ok = got.get(field) == want
                row[field].append(ok)
                if layout is not None:
                    layout[field].append(ok)
                if not ok and args.v:
                    print(f"{fixture.id}: {field} {got.get(field)!r} != {want!r}")
            if args.v and (kind, platform) != (truth["kind"], truth["platform"]):
                print(
                    f"{fixture.id}: kind {kind}/{platform} != {truth['kind']}/{truth['platform']}"
                )
    print(f"{'kind':<10} {'n':>3}  field scores (right / total)")
    for kind, fields in sorted(right.items()):
        if not any(fields.values()):
            continue  # a layout with no typed field
        n = len(fields["kind"]) if "kind" in fields else max(len(v) for v in fields.values())
        cells = "  ".join(f"{f}={sum(v) / len(v):.2f}" for f, v in fields.items() if v)
        print(f"{kind:<10} {n:>3}  {cells}")
    print(f"platforms named on a fixture of another service or kind: {platform_named_wrongly}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
