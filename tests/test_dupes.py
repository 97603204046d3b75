"""PDQ near-duplicates and re-captioned templates, on real images (known-hash lists:
test_dupes_known.py)."""

from __future__ import annotations

import difflib
from pathlib import Path

import numpy as np
import pdqhash
import pytest
from PIL import Image, ImageDraw, ImageFont

from memeaudit.batch.dupes import MATCH_DISTANCE, MIN_QUALITY, group_rows, hamming, pdq_hash
from memeaudit.batch.rows import IndexRow
from tests.pdq_images import (
    ASTRONAUT,
    CAT,
    CROP_PICTURES,
    PICTURES,
    RESOURCES,
    SAMPLES,
    cropped,
    flip_bits,
    hash_of,
    jpeg,
    load,
    resized,
)

BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def captioned(photo: Path, caption: str) -> Image.Image:
    """A meme template: the photo at 2x with a white, black-outlined caption at the top."""
    base = load(photo)
    image = base.resize((base.width * 2, base.height * 2), Image.Resampling.LANCZOS)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(BOLD), 48)
    draw.text(
        (image.width / 2, 16),
        caption,
        font=font,
        fill="white",
        stroke_width=3,
        stroke_fill="black",
        anchor="ma",
    )
    return image


def row(name: str, pdq: str | None, text: str = "", **fields: object) -> IndexRow:
    return IndexRow(path=name, status="ok", pdq=pdq, text=text, **fields)  # type: ignore[arg-type]


# --- hashing ---------------------------------------------------------------------------------


def test_hex_is_threatexchange_format() -> None:
    """Hash256::format() prints words w[15]..w[0]; bit k lives in w[k // 16] at k % 16.

    pdqhash's vector holds bit 255 first, so element i is bit 255 - i.
    """
    image = load(SAMPLES / "assets" / "chelsea.png")
    bits, _ = pdqhash.compute(np.asarray(image, dtype=np.uint8))
    words = [0] * 16
    for i, bit in enumerate(bits):
        k = 255 - i
        words[k // 16] |= int(bit) << (k % 16)
    expected = "".join(f"{words[w]:04x}" for w in range(15, -1, -1))
    hash_hex, quality = pdq_hash(image)
    assert hash_hex == expected
    assert quality >= MIN_QUALITY
    assert len(expected) == 64


def test_other_modes_hash_as_their_rgb() -> None:
    image = load(SAMPLES / "benign-meme.png")
    assert pdq_hash(image.convert("RGBA")) == pdq_hash(image)
    assert pdq_hash(image.convert("P")) == pdq_hash(image.convert("P").convert("RGB"))


def big_enough(path: Path) -> bool:
    """60% of it is still at least PDQ's 64x64 working grid (the 300x100 Pillow text is not)."""
    with Image.open(path) as image:
        return min(image.size) * 0.6 >= 64


@pytest.mark.parametrize("path", [p for p in PICTURES if big_enough(p)], ids=lambda p: p.name)
def test_resized_copies_match(path: Path) -> None:
    image = load(path)
    assert hamming(hash_of(image), hash_of(resized(image))) <= MATCH_DISTANCE


@pytest.mark.parametrize("path", PICTURES, ids=lambda p: p.name)
def test_reencoded_copies_match(path: Path) -> None:
    image = load(path)
    assert hamming(hash_of(image), hash_of(jpeg(image))) <= MATCH_DISTANCE


@pytest.mark.parametrize("path", CROP_PICTURES, ids=lambda p: p.name)
def test_slightly_cropped_copies_match(path: Path) -> None:
    image = load(path)
    assert hamming(hash_of(image), hash_of(cropped(image))) <= MATCH_DISTANCE


def test_different_pictures_do_not_match() -> None:
    hashes = {path.name: hash_of(load(path)) for path in PICTURES}
    names = sorted(hashes)
    close = [
        (a, b, hamming(hashes[a], hashes[b]))
        for i, a in enumerate(names)
        for b in names[i + 1 :]
        if hamming(hashes[a], hashes[b]) <= MATCH_DISTANCE
    ]
    assert close == []


def test_flat_image_has_low_quality_and_no_hash() -> None:
    hash_hex, quality = pdq_hash(Image.new("RGB", (400, 300), (200, 40, 90)))
    assert quality < MIN_QUALITY
    assert hash_hex is None


def test_hamming() -> None:
    zero = "0" * 64
    assert hamming(zero, zero) == 0
    assert hamming(zero, "f" * 64) == 256
    assert hamming(zero, flip_bits(zero, [0, 100, 255])) == 3
    assert hamming("A" * 64, "a" * 64) == 0
    with pytest.raises(ValueError):
        hamming(zero, "0" * 63)


# --- grouping --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def templates() -> dict[str, str]:
    return {
        "compiles": hash_of(captioned(CAT, "WHEN THE CODE COMPILES")),
        "monday": hash_of(captioned(CAT, "ME ON A MONDAY MORNING")),
        "compiles-small": hash_of(jpeg(resized(captioned(CAT, "WHEN THE CODE COMPILES")))),
        "astronaut": hash_of(captioned(ASTRONAUT, "WHEN THE CODE COMPILES")),
    }


def test_recaptioned_template_is_one_group_flagged_recaptioned(templates: dict[str, str]) -> None:
    assert hamming(templates["compiles"], templates["monday"]) <= MATCH_DISTANCE
    rows = [
        row("a.png", templates["compiles"], "When the code compiles"),
        row("other.png", templates["astronaut"], "When the code compiles"),
        row("flat.png", None, "When the code compiles"),
        row("b.png", templates["monday"], "Me on a Monday morning"),
    ]
    group_rows(rows)
    assert [r.dup_group for r in rows] == [1, None, None, 1]
    assert rows[0].flags == ["near-duplicate", "recaptioned"]
    assert rows[3].flags == ["near-duplicate", "recaptioned"]
    assert rows[1].flags == [] and rows[2].flags == []


def test_same_picture_same_text_is_not_recaptioned(templates: dict[str, str]) -> None:
    rows = [
        row("a.png", templates["compiles"], "When the code compiles!"),
        row("a-small.jpg", templates["compiles-small"], "  when THE code,\ncompiles "),
    ]
    group_rows(rows)
    assert [r.dup_group for r in rows] == [1, 1]
    assert [r.flags for r in rows] == [["near-duplicate"], ["near-duplicate"]]


def test_empty_texts_are_the_same_but_empty_and_text_differ(templates: dict[str, str]) -> None:
    both_empty = [row("a.png", templates["compiles"]), row("b.png", templates["monday"])]
    group_rows(both_empty)
    assert [r.flags for r in both_empty] == [["near-duplicate"], ["near-duplicate"]]

    one_empty = [row("a.png", templates["compiles"]), row("b.png", templates["monday"], "hi")]
    group_rows(one_empty)
    assert all("recaptioned" in r.flags for r in one_empty)


def test_recaptioned_only_for_members_that_differ_from_some_member() -> None:
    # ratio(t1, t2) and ratio(t2, t3) are 0.8 (same), ratio(t1, t3) is 0.6 (different).
    t1, t2, t3 = "abcdefghij", "abcdefghxy", "abcdefxyzw"
    ratio = difflib.SequenceMatcher
    assert ratio(None, t1, t2).ratio() >= 0.8 and ratio(None, t2, t3).ratio() >= 0.8
    assert ratio(None, t1, t3).ratio() < 0.8
    base = hash_of(load(CAT))
    rows = [row(f"{t}.png", flip_bits(base, [i]), t) for i, t in enumerate((t1, t2, t3))]
    group_rows(rows)
    assert [r.dup_group for r in rows] == [1, 1, 1]
    assert ["recaptioned" in r.flags for r in rows] == [True, False, True]


def test_groups_are_transitive_and_numbered_by_first_appearance() -> None:
    cat, astronaut = hash_of(load(CAT)), hash_of(load(ASTRONAUT))
    cat_20 = flip_bits(cat, list(range(20)))
    cat_40 = flip_bits(cat, list(range(40)))  # 40 from cat, 20 from cat_20
    assert hamming(cat, cat_40) > MATCH_DISTANCE
    rows = [
        row("astronaut.png", astronaut),
        row("cat.png", cat),
        row("astronaut-copy.png", astronaut),
        row("cat-40.png", cat_40),
        row("lonely.png", hash_of(load(RESOURCES / "pytesseract_test.png"))),
        row("cat-20.png", cat_20),
    ]
    group_rows(rows)
    assert [r.dup_group for r in rows] == [1, 2, 1, 2, None, 2]
    assert [r.flags for r in rows].count([]) == 1


def test_a_hub_joins_spokes_that_do_not_match_each_other() -> None:
    hub = hash_of(load(ASTRONAUT))
    spokes = [flip_bits(hub, list(range(k, 256, 12))) for k in range(12)]  # 21-22 bits each
    assert all(hamming(hub, s) <= MATCH_DISTANCE for s in spokes)
    assert all(hamming(a, b) > MATCH_DISTANCE for i, a in enumerate(spokes) for b in spokes[:i])
    rows = [row(f"spoke-{k}.png", s) for k, s in enumerate(spokes[:6])]
    rows += [row("hub.png", hub)] + [row(f"spoke-{k}.png", s) for k, s in enumerate(spokes[6:])]
    group_rows(rows)
    assert [r.dup_group for r in rows] == [1] * 13


def test_threshold_is_inclusive() -> None:
    cat = hash_of(load(CAT))
    rows = [
        row("cat.png", cat),
        row("cat-31.png", flip_bits(cat, list(range(31)))),
        row("cat-32.png", flip_bits(cat, list(range(100, 132)))),
    ]
    group_rows(rows)
    assert [r.dup_group for r in rows] == [1, 1, None]


def test_group_rows_is_idempotent_and_clears_stale_results(templates: dict[str, str]) -> None:
    rows = [
        row("a.png", templates["compiles"], "When the code compiles", flags=["personal-data"]),
        row("b.png", templates["monday"], "Me on a Monday morning"),
        row("c.png", templates["astronaut"], flags=["near-duplicate", "recaptioned"], dup_group=7),
    ]
    group_rows(rows)
    first = [r.model_dump() for r in rows]
    group_rows(rows)
    assert [r.model_dump() for r in rows] == first
    assert rows[0].flags == ["personal-data", "near-duplicate", "recaptioned"]
    assert rows[2].dup_group is None and rows[2].flags == []


def test_group_rows_on_5000_hashes_finds_exactly_the_planted_groups() -> None:
    rng = np.random.default_rng(20240501)
    hashes = [bytes(rng.integers(0, 256, 32, dtype=np.uint8)).hex() for _ in range(5000)]
    # Plant 60 groups: a copy 31 bits away (a match), an exact copy, and a near miss 32 bits
    # away from the original but also 63 from the first copy (must stay out).
    slots = rng.permutation(5000)
    planted: list[set[int]] = []
    for g in range(60):
        original, copy, exact, miss = (int(s) for s in slots[4 * g : 4 * g + 4])
        hashes[copy] = flip_bits(hashes[original], list(range(31)))
        hashes[exact] = hashes[original]
        hashes[miss] = flip_bits(hashes[original], list(range(100, 132)))
        planted.append({original, copy, exact})
    rows = [row(f"{i}.png", h) for i, h in enumerate(hashes)]

    group_rows(rows)

    found: dict[int, set[int]] = {}
    for i, r in enumerate(rows):
        if r.dup_group is not None:
            found.setdefault(r.dup_group, set()).add(i)
    assert sorted(map(sorted, found.values())) == sorted(map(sorted, planted))
    assert sorted(found) == list(range(1, 61))
    first_members = [min(members) for _, members in sorted(found.items())]
    assert first_members == sorted(first_members)  # ids follow first appearance


def test_pair_search_in_python_and_with_numpy_find_the_same_pairs() -> None:
    from memeaudit.batch import dupes

    rng = np.random.default_rng(7)
    hashes = [bytes(rng.integers(0, 256, 32, dtype=np.uint8)).hex() for _ in range(300)]
    hashes[10] = flip_bits(hashes[3], list(range(31)))  # 31 bits: a match
    hashes[20] = flip_bits(hashes[4], list(range(40, 72)))  # 32 bits: not one
    hashes[30] = flip_bits(hashes[5], [200])
    values = [int(h, 16) for h in hashes]
    assert len(values) <= dupes._PYTHON_PAIRS  # the pure-Python search
    in_python = dupes._close_pairs(values)
    packed = np.array([np.frombuffer(bytes.fromhex(h), np.uint8) for h in hashes])
    with_numpy = dupes._close_pairs_numpy(packed)
    assert sorted(in_python) == sorted(with_numpy) == [(3, 10), (5, 30)]
