"""Which detections are named: per-class thresholds calibrated on hand labels
(object_thresholds.yaml, benchmarks/objects.py) and a cross-check with the classifier
(object_checks.yaml): a detection the scene contradicts is dropped."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from memeaudit.geometry import intersection
from memeaudit.model import BBox, DetectedObject
from memeaudit.paths import PACKAGE
from memeaudit.yamlload import safe_load


@dataclass(frozen=True)
class Checks:
    thresholds: dict[str, float | None]  # None: never named
    default: float | None
    animals: tuple[int, int]
    min_contra: float
    agree: dict[str, tuple[tuple[int, int], ...]]
    person_over_animal: float


@cache
def checks() -> Checks:
    folder = PACKAGE / "vision"
    limits = safe_load((folder / "object_thresholds.yaml").read_text(encoding="utf-8"))
    data = safe_load((folder / "object_checks.yaml").read_text(encoding="utf-8"))
    return Checks(
        thresholds=dict(limits["classes"]),
        default=limits.get("default"),
        animals=tuple(data["animals"]),
        min_contra=float(data["min_contra"]),
        agree={k: tuple(tuple(r) for r in v) for k, v in data["agree"].items()},
        person_over_animal=float(data["person_over_animal"]),
    )


def threshold(label: str) -> float | None:
    c = checks()
    return c.thresholds.get(label, c.default)


def _weights(label: str, classes: list[tuple[int, float]]) -> tuple[float, float]:
    """Probability on classes that agree with the label, and on other animals."""
    c = checks()
    agree = sum(p for i, p in classes if any(a <= i <= b for a, b in c.agree.get(label, ())))
    other = sum(p for i, p in classes if c.animals[0] <= i <= c.animals[1]) - agree
    return agree, other


def contradicted(label: str, classes: list[tuple[int, float]]) -> bool:
    """The classifier's classes (index, probability) for the region put more weight on other
    animals than on this one."""
    if label not in checks().agree:
        return False
    agree, other = _weights(label, classes)
    return other >= checks().min_contra and other > agree


def _covers(outer: BBox, inner: BBox, share: float) -> bool:
    return intersection(outer, inner) >= share * max(1, outer[2] * outer[3])


def checked(
    objects: list[DetectedObject], classes_at: dict[BBox, list[tuple[int, float]]]
) -> list[DetectedObject]:
    """The detections the scene does not contradict. `classes_at` maps judged regions (whole
    image, panels) to the classifier's classes for them; a detection is checked against the
    smallest region holding its centre."""

    def region_classes(box: BBox) -> list[tuple[int, float]]:
        cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
        holding = [r for r in classes_at if r[0] <= cx <= r[0] + r[2] and r[1] <= cy <= r[1] + r[3]]
        return classes_at[min(holding, key=lambda r: r[2] * r[3])] if holding else []

    c = checks()
    kept = [o for o in objects if not contradicted(o.label, region_classes(o.bbox))]
    animals = [
        o
        for o in kept
        if o.label in c.agree and _weights(o.label, region_classes(o.bbox))[0] >= c.min_contra / 2
    ]
    return [
        o
        for o in kept
        if o.label != "person"
        or not any(
            a.conf > o.conf and _covers(o.bbox, a.bbox, c.person_over_animal) for a in animals
        )
    ]


def named(
    objects: list[DetectedObject], classes_at: dict[BBox, list[tuple[int, float]]]
) -> list[DetectedObject]:
    """The detections sure enough for their class that the scene does not contradict."""
    sure = [o for o in objects if (t := threshold(o.label)) is not None and o.conf >= t]
    return checked(sure, classes_at)
