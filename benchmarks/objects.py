"""Object naming measured against hand labels: precision and recall per COCO class.

    python benchmarks/objects.py [--labels tests/data/objects-labels.yaml] [--raw]
                                 [--calibrate]

The labelled set (tests/data/objects-labels.yaml) names, for each image, the COCO classes a
person sees in it. Images come from scikit-image's CC0 photos, ../shared/memegen-templates
(read in place, never copied), ../shared/eval/dev and samples/. For each image the detector
runs as the vision stage runs it (the whole image, then its panels) and memeaudit.vision.objects
decides what is named. A class counts once per image: named and labelled is a true positive,
named and not labelled a false positive, labelled and not named a false negative.

--raw scores the detector's own output at the default floor (0.5), before thresholds and the
cross-check. --calibrate prints, per class, the lowest threshold whose precision on the set is
at least 0.95 with at least MIN_SUPPORT true positives (memeaudit/vision/object_thresholds.yaml
holds the chosen ones).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from memeaudit.yamlload import safe_load  # noqa: E402

SHARED = ROOT.parent / "shared"
LABELS = ROOT / "tests" / "data" / "objects-labels.yaml"
SKIMAGE_PHOTOS = [
    "astronaut.png", "brick.png", "camera.png", "cell.png", "chelsea.png", "chessboard_RGB.png",
    "clock_motion.png", "coffee.png", "coins.png", "color.png", "grass.png", "gravel.png",
    "horse.png", "hubble_deep_field.jpg", "ihc.png", "logo.png", "microaneurysms.png", "moon.png",
    "motorcycle_left.png", "motorcycle_right.png", "page.png", "phantom.png", "retina.jpg",
    "rocket.jpg", "text.png",
]  # fmt: skip
EXTS = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
FLOOR = 0.5  # the vision stage's default detector floor (Options.min_object_conf)
MIN_SUPPORT = 3
TARGET = 0.95


def image_sources() -> list[tuple[str, Path]]:
    """(key, path) for every image of the set that is on this machine."""
    found: list[tuple[str, Path]] = []
    try:
        import skimage.data

        folder = Path(skimage.data.__file__).parent
        found += [(f"skimage/{n}", folder / n) for n in SKIMAGE_PHOTOS if (folder / n).is_file()]
    except ImportError:
        print("scikit-image is not installed: its photos are skipped", file=sys.stderr)
    templates = SHARED / "memegen-templates"
    for folder in (
        sorted(p for p in templates.iterdir() if p.is_dir()) if templates.is_dir() else []
    ):
        default = next((p for p in sorted(folder.glob("default.*")) if p.suffix in EXTS), None)
        if default is not None:
            found.append((f"memegen/{folder.name}", default))
    dev = SHARED / "eval" / "dev" / "images"
    found += (
        [(f"dev/{p.name}", p) for p in sorted(dev.iterdir()) if p.suffix in EXTS]
        if dev.is_dir()
        else []
    )
    found += [(f"samples/{p.name}", p) for p in sorted((ROOT / "samples").glob("*.png"))]
    return found


def observe(path: Path) -> tuple[list, dict]:
    """The detections (at FLOOR, merged over the whole image and its panels) and the classifier's
    classes per judged region, as the vision stage computes them for an image that is no post."""
    from memeaudit.load import load_image
    from memeaudit.vision import CLASSES, MAX_PANELS, class_indices, get_classifier, get_detector
    from memeaudit.vision.detect import merge
    from memeaudit.vision.layout import panels

    image = load_image(path)
    detector, classifier = get_detector(), get_classifier()
    whole = (0, 0, image.info.width, image.info.height)
    regions = panels(image.bgr, None)
    found = detector.detect(image.bgr, whole, FLOOR)
    for region in regions:
        found += detector.detect(image.bgr, region, FLOOR, square=True)
    classes = {}
    for region in [whole, *regions[:MAX_PANELS]]:
        x, y, w, h = region
        crop = image.rgb.crop((x, y, x + w, y + h))
        classes[region] = class_indices(classifier, classifier.classify(crop, top=CLASSES))
    return merge(found), classes


def score(named: dict[str, set[str]], labels: dict[str, set[str]]) -> dict[str, Counter]:
    per: dict[str, Counter] = {}
    for key, truth in labels.items():
        for cls in named.get(key, set()) | truth:
            c = per.setdefault(cls, Counter())
            seen, real = cls in named.get(key, set()), cls in truth
            c["tp" if seen and real else "fp" if seen else "fn"] += 1
    return per


def table(per: dict[str, Counter]) -> str:
    rows = ["class            named  right  labelled  precision  recall"]
    for cls in sorted(per, key=lambda k: (-(per[k]["tp"] + per[k]["fn"]), k)):
        c = per[cls]
        n, tp, lab = c["tp"] + c["fp"], c["tp"], c["tp"] + c["fn"]
        prec = f"{tp / n:.3f}" if n else "-"
        rec = f"{tp / lab:.3f}" if lab else "-"
        rows.append(f"{cls:<16} {n:>5}  {tp:>5}  {lab:>8}  {prec:>9}  {rec:>6}")
    c = sum(per.values(), Counter())
    n, lab = c["tp"] + c["fp"], c["tp"] + c["fn"]
    rows.append(
        f"{'all':<16} {n:>5}  {c['tp']:>5}  {lab:>8}  {c['tp'] / max(n, 1):>9.3f}  "
        f"{c['tp'] / max(lab, 1):>6.3f}"
    )
    return "\n".join(rows)


def calibrate(seen: dict[str, list], labels: dict[str, set[str]]) -> dict[str, float | None]:
    """Per class, the lowest threshold (0.50, 0.55, ... 0.95) with precision >= TARGET and at
    least MIN_SUPPORT right images; None where none qualifies."""
    chosen: dict[str, float | None] = {}
    classes = {o.label for objs in seen.values() for o in objs} | set().union(*labels.values())
    for cls in sorted(classes):
        chosen[cls] = None
        for step in range(10):
            t = round(FLOOR + 0.05 * step, 2)
            hits = [
                k for k, objs in seen.items() if any(o.label == cls and o.conf >= t for o in objs)
            ]
            tp = sum(cls in labels[k] for k in hits)
            if hits and tp >= MIN_SUPPORT and tp / len(hits) >= TARGET:
                chosen[cls] = t
                break
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--raw", action="store_true", help="score the detector before the checks")
    parser.add_argument("--calibrate", action="store_true")
    args = parser.parse_args()
    from memeaudit.vision.objects import checked, named

    labels = {k: set(v) for k, v in safe_load(args.labels.read_text(encoding="utf-8")).items()}
    sources = dict(image_sources())
    missing = [k for k in labels if k not in sources]
    if missing:
        print(f"{len(missing)} labelled images are not on this machine, e.g. {missing[0]}")
    seen_raw, seen_checked, seen_named = {}, {}, {}
    for key in labels:
        if key not in sources:
            continue
        objects, classes = observe(sources[key])
        seen_raw[key] = objects
        seen_checked[key] = checked(objects, classes)
        seen_named[key] = named(objects, classes)
    present = {k: labels[k] for k in seen_raw}
    print(f"{len(present)} labelled images ({args.labels.name})")
    if args.calibrate:
        for cls, t in calibrate(seen_checked, present).items():
            print(f"  {cls}: {t}")
        return
    chosen = seen_raw if args.raw else seen_named
    what = f"detector alone, floor {FLOOR}" if args.raw else "named by memeaudit"
    print(f"objects {what}, one count per class per image:")
    print(table(score({k: {o.label for o in v} for k, v in chosen.items()}, present)))


if __name__ == "__main__":
    main()
