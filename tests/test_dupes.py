"""PDQ near-duplicates, re-captioned templates and known-hash lists, on real images."""

from __future__ import annotations

import difflib
import io
from pathlib import Path

import numpy as np
import pdqhash
import pytest
from PIL import Image, ImageDraw, ImageFont

from memeaudit.batch.dupes import (
    MATCH_DISTANCE,
    MIN_QUALITY,
    group_rows,
    hamming,
    load_known,
    match_known,
    pdq_hash,
)
from memeaudit.batch.rows import IndexRow
from memeaudit.errors import ExitCode, InputError

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
RESOURCES = ROOT / "tests" / "resources"
BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

# Every whole picture the project ships (the two photo assets are backgrounds inside some samples).
PICTURES = sorted(SAMPLES.glob("*.png")) + sorted(RESOURCES.glob("*.png"))
# PDQ is not crop-resistant: on text screenshots with flat backgrounds a 2% crop moves the hash
# by 32-58 bits. On pictures with photo content it stays well inside the threshold.
CROP_PICTURES = [
    SAMPLES / "assets" / "chelsea.png",
    SAMPLES / "assets" / "astronaut.png",
    SAMPLES / "labelled-figures.png",
    SAMPLES / "jailbreak-meme.png",
    SAMPLES / "model-release-post.png",
]


def load(source: Path | io.BytesIO) -> Image.Image:
    with Image.open(source) as image:
        return image.convert("RGB")


def hash_of(image: Image.Image) -> str:
    hash_hex, quality = pdq_hash(image)
    assert hash_hex is not None, f"quality {quality} < {MIN_QUALITY}"
    return hash_hex


def resized(image: Image.Image, factor: float = 0.6) -> Image.Image:
    size = (round(image.width * factor), round(image.height * factor))
    return image.resize(size, Image.Resampling.LANCZOS)


def jpeg(image: Image.Image, quality: int = 40) -> Image.Image:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    return load(buffer)


def cropped(image: Image.Image, fraction: float = 0.02) -> Image.Image:
    """Cut `fraction` of the width and of the height, half from each edge."""
    dx, dy = round(image.width * fraction / 2), round(image.height * fraction / 2)
    return image.crop((dx, dy, image.width - dx, image.height - dy))


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


def flip_bits(hash_hex: str, positions: list[int]) -> str:
    value = int(hash_hex, 16)
    for bit in positions:
        value ^= 1 << bit
    return f"{value:064x}"


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

CAT = SAMPLES / "assets" / "chelsea.png"
ASTRONAUT = SAMPLES / "assets" / "astronaut.png"


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


# --- known lists -----------------------------------------------------------------------------

H1, H2, H3 = "0123456789abcdef" * 4, "f" * 64, "A1" * 32


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "known.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_known_formats(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"pdq,label\n# a comment\n\n{H1}\n{H2},scam template\n  {H3}\tKnown  meme \n",
    )
    assert load_known(path) == [
        (H1, H1[:12]),
        (H2, "scam template"),
        (H3.lower(), "Known  meme"),
    ]


def test_load_known_skips_a_hash_header_and_reads_an_empty_file(tmp_path: Path) -> None:
    assert load_known(write(tmp_path, f"hash\tlabel\n{H2}\n")) == [(H2, H2[:12])]
    assert load_known(write(tmp_path, "# nothing yet\n")) == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (f"{H1}\n{H1[:-1]}\n", 2),  # 63 digits
        (f"# list\n\n{H1[:-1]}g,label\n", 3),  # not hex
        (f"{H1}\nhash,label\n", 2),  # a header after the first entry is a bad line
        (f"{H1}0\n", 1),  # 65 digits
    ],
)
def test_load_known_rejects_a_bad_line(tmp_path: Path, text: str, line: int) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        load_known(path)
    assert str(caught.value) == f"{path}:{line}: not a 64-digit hex PDQ hash"
    assert caught.value.exit_code == ExitCode.bad_input


def test_load_known_unreadable_file_is_an_input_error(tmp_path: Path) -> None:
    for path in (tmp_path / "missing.txt", tmp_path):
        with pytest.raises(InputError) as caught:
            load_known(path)
        assert str(path) in str(caught.value) and "\n" not in str(caught.value)
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(f"{H1},caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError):
        load_known(latin1)


def test_match_known_finds_a_resized_copy_and_not_an_unrelated_image(tmp_path: Path) -> None:
    cat = load(CAT)
    path = write(
        tmp_path,
        f"hash,label\n{hash_of(load(ASTRONAUT))},astronaut\n{hash_of(cat)},cat template\n",
    )
    known = load_known(path)
    assert match_known(hash_of(jpeg(resized(cat))), known) == "cat template"
    assert match_known(hash_of(load(RESOURCES / "pytesseract_test.png")), known) is None
    assert match_known(None, known) is None
    assert match_known(hash_of(cat), []) is None


def test_match_known_picks_the_nearest() -> None:
    cat = hash_of(load(CAT))
    known = [(flip_bits(cat, list(range(20))), "far"), (flip_bits(cat, list(range(5))), "near")]
    assert match_known(cat, known) == "near"
    assert match_known(cat, known[::-1]) == "near"
