"""Meme template lookup (memeaudit.vision.templates): recall, false positives, threshold, time.

    python benchmarks/templates.py [--per-split 25] [--bank BANK] [--timing N] [--only-timing]

Positives are copies of the bank's templates that are not the bank's own files, made from
../shared/memegen-templates: the blank picture rescaled and saved as JPEG q60; captioned with
other text in memegen's caption positions; that captioned copy cropped, rescaled and saved as JPEG
q60, mirrored, under a caption bar (a caption meme), stacked over another picture (two
panels), and with another picture pasted over a sixth to a third of it (an overlay or an edit). Then the dev set's memegen_* renders (../shared/eval/dev) and three other dev memes built
on bank templates.

Negatives use no template in the bank: scikit-image's photos (as they are, captioned top and
bottom, under a caption bar, cropped and JPEG'd, mirrored, stacked in two panels, another photo
pasted over them), the kinds
fixtures cached in cache/kinds/ (posts, chats, e-mails, reviews, code; `python -m
tests.kinds.generate` fills it), samples/*.png, and the dev set's other images (screenshots,
documents, the `right` template the bank lacks).

Templates and negative photos are split in two by a hash of their name: the threshold is chosen on
the calibration half (the lowest score that names at most 1 in 200 of its negatives, half the
acceptance limit, as a margin) and the figures are reported on the other half. --timing N
measures, on N dev images, the lookup and the media pass (a post's embedded picture) against the
pipeline's time per image (the unit of work of benchmarks/batch.py).
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from template_cases import (  # noqa: E402  (beside this script)
    DEV,
    TEMPLATES,
    Case,
    dev_cases,
    negatives,
    positives,
)

from memeaudit.load import LoadedImage, load_image  # noqa: E402
from memeaudit.vision.layout import panels  # noqa: E402
from memeaudit.vision.templates import MIN_KEYPOINTS, find_candidate  # noqa: E402


@dataclass
class Result:
    case: Case
    key: str | None
    score: float
    colour: float
    seconds: float
    keypoints: int = (
        0  # keypoints agreeing with the candidate's (compared only below the bank's threshold)
    )

    def named(self, threshold: float) -> bool:
        """Whether the lookup names the candidate: its score, or its keypoints confirm it."""
        return self.score >= threshold or self.keypoints >= MIN_KEYPOINTS


def loaded(case: Case) -> LoadedImage:
    data = case.image
    if isinstance(data, Image.Image):
        out = io.BytesIO()
        data.save(out, "PNG")
        data = out.getvalue()
    return load_image(data, name=case.name)


def run(case: Case, bank: Path | None) -> Result:
    image = loaded(case)
    start = time.perf_counter()
    answer = find_candidate(image, panels(image.bgr, None), bank)
    seconds = time.perf_counter() - start
    if answer is None:
        raise SystemExit("no classifier or no bank: pip install 'memeaudit[ml]'")
    found_bank, found = answer
    if found is None:
        return Result(case, None, 0.0, 2.0, seconds)
    key = found_bank.templates[found.index].key
    return Result(case, key, found.best.score, found.colour_distance, seconds, found.keypoints)


def threshold_for(negative_scores: list[float], rate: float = 0.005) -> float:
    """The lowest threshold (to 0.005) naming at most `rate` of the negatives: half the 1 in 100
    allowed, as a margin (naming 1 in 100 of the calibration half let 1.3% through on the other)."""
    ranked = sorted(negative_scores, reverse=True)
    allowed = int(rate * len(ranked))
    above = ranked[allowed] if allowed < len(ranked) else 0.0
    return float(np.ceil((above + 1e-9) / 0.005) * 0.005)


def table(results: list[Result], threshold: float) -> None:
    groups: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        groups[r.case.group].append(r)
    for group, rs in groups.items():
        if rs[0].case.truth is not None:
            right = sum(r.key == r.case.truth and r.named(threshold) for r in rs)
            wrong = [r for r in rs if r.key != r.case.truth and r.named(threshold)]
            print(f"  {group:24s} recall {right / len(rs):.3f} ({right}/{len(rs)})", end="")
            print(
                f"  wrong name {len(wrong)}"
                + (f": {[(r.case.name, r.key) for r in wrong]}" if wrong else "")
            )
        else:
            named = [r for r in rs if r.named(threshold)]
            print(
                f"  {group:24s} named {len(named)}/{len(rs)}"
                + (f": {[(r.case.name, r.key, round(r.score, 3)) for r in named]}" if named else "")
            )


def summary(results: list[Result], threshold: float, label: str) -> None:
    pos = [r for r in results if r.case.truth is not None]
    neg = [r for r in results if r.case.truth is None]
    right = sum(r.key == r.case.truth and r.named(threshold) for r in pos)
    blank = [r for r in pos if r.case.group == "blank"]
    capt = [r for r in pos if r.case.group != "blank"]

    def rec(rs: list[Result]) -> float:
        return sum(r.key == r.case.truth and r.named(threshold) for r in rs) / max(1, len(rs))

    fp = sum(r.named(threshold) for r in neg)
    confirmed = sum(
        r.key == r.case.truth and r.score < threshold and r.named(threshold) for r in pos
    )
    print(
        f"{label}: threshold {threshold:.3f}: recall {right}/{len(pos)} = {right / max(1, len(pos)):.3f} "
        f"(blank {rec(blank):.3f}, captioned and altered {rec(capt):.3f}); "
        f"negatives named {fp}/{len(neg)} = {fp / max(1, len(neg)):.4f}; "
        f"{confirmed} named by keypoints below the threshold"
    )


def timing(count: int) -> None:
    """The pipeline's time per image on dev images, and the template lookup's share of it."""
    import memeaudit.vision as vision
    from memeaudit.options import Options
    from memeaudit.pipeline import analyze_image, load_engines

    spent: dict[str, list[float]] = {"find_template": [], "describe_media": []}

    def timed(name: str):  # type: ignore[no-untyped-def]
        real = getattr(vision, name)

        def run(*args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return real(*args, **kwargs)
            finally:
                spent[name].append(time.perf_counter() - start)

        return run

    for name in spent:
        setattr(vision, name, timed(name))
    opts = Options()
    load_engines(opts)
    paths = sorted((DEV / "images").glob("*.*"))[:count]
    analyze_image(load_image(paths[0]), opts)  # warm
    for times in spent.values():
        times.clear()
    total = 0.0
    for path in paths:
        start = time.perf_counter()
        analyze_image(load_image(path), opts)
        total += time.perf_counter() - start
    lookup, media = sum(spent["find_template"]), sum(spent["describe_media"])
    n = len(paths)
    print(
        f"timing on {n} dev images: pipeline {total / n:.2f} s per image, "
        f"template lookup {lookup / n:.3f} s per image = {100 * lookup / total:.1f}% of it, "
        f"media pass {media / n:.3f} s = {100 * media / total:.1f}%, "
        f"both {100 * (lookup + media) / total:.1f}%"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-split", type=int, default=25, help="templates in each half")
    parser.add_argument(
        "--bank", type=Path, default=None, help="a bank instead of the packaged one"
    )
    parser.add_argument("--timing", type=int, default=0, help="time the lookup on N dev images")
    parser.add_argument("--only-timing", action="store_true")
    parser.add_argument(
        "--every", type=int, default=1, help="keep every Nth negative only (a quick run)"
    )
    args = parser.parse_args()
    if not TEMPLATES.is_dir() or not DEV.is_dir():
        raise SystemExit(f"needs {TEMPLATES} and {DEV}")
    if not args.only_timing:
        rng = random.Random(19)
        kept = [c for i, c in enumerate(negatives(rng)) if i % max(1, args.every) == 0]
        cases = [*positives(args.per_split, rng), *kept, *dev_cases()]
        print(
            f"{len(cases)} images: "
            + ", ".join(f"{k} {v}" for k, v in Counter(c.split for c in cases).items()),
            flush=True,
        )
        results = []
        for i, case in enumerate(cases):
            results.append(run(case, args.bank))
            if (i + 1) % 50 == 0:
                print(f"  ... {i + 1}/{len(cases)}", file=sys.stderr, flush=True)
        by_split = {
            s: [r for r in results if r.case.split == s] for s in ("calibrate", "report", "dev")
        }
        threshold = threshold_for([r.score for r in by_split["calibrate"] if r.case.truth is None])
        print(
            f"\nthreshold calibrated on the calibration half (at most 1 in 200 negatives named): {threshold:.3f}"
        )
        for split in ("calibrate", "report", "dev"):
            summary(by_split[split], threshold, split)
            table(by_split[split], threshold)
        for split in ("calibrate", "report"):
            agree = sorted(
                (r for r in by_split[split] if r.case.truth is None), key=lambda r: -r.keypoints
            )[:5]
            print(
                f"most keypoints agreeing on a {split} negative (named from {MIN_KEYPOINTS}): "
                + ", ".join(f"{r.case.name} ({r.case.group}) {r.key} {r.keypoints}" for r in agree)
            )
        worst = sorted((r for r in results if r.case.truth is None), key=lambda r: -r.score)[:5]
        print(
            "highest negatives: "
            + ", ".join(f"{r.case.name} ({r.case.group}) {r.key} {r.score:.3f}" for r in worst)
        )
        low = sorted(
            (r for r in results if r.case.truth and r.key == r.case.truth), key=lambda r: r.score
        )[:5]
        print(
            "lowest right answers: "
            + ", ".join(f"{r.case.name} ({r.case.group}) {r.score:.3f}" for r in low)
        )
        print(
            f"lookup alone (no cached embeddings): median {np.median([r.seconds for r in results]):.2f} s"
        )
    if args.timing:
        timing(args.timing)


if __name__ == "__main__":
    main()
