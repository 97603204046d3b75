"""Known-hash lists: the file format, its errors, and matching a copy to the nearest entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from memeaudit.batch.dupes import load_known, match_known
from memeaudit.errors import ExitCode, InputError
from tests.pdq_images import ASTRONAUT, CAT, RESOURCES, flip_bits, hash_of, jpeg, load, resized

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
