from __future__ import annotations

from pathlib import Path

import pytest

from memeaudit.errors import ExitCode, InputError
from memeaudit.load import load_image


def test_real_png_loads_with_hash_and_size(resources: Path) -> None:
    image = load_image(resources / "pytesseract_test.png")
    assert image.info.format == "PNG"
    assert image.info.sha256.startswith("45bf745190a15aa1")
    assert (image.info.width, image.info.height) == image.rgb.size
    assert image.bgr.shape == (image.info.height, image.info.width, 3)


def test_bytes_load_the_same_as_the_file(resources: Path) -> None:
    path = resources / "skimage_chelsea_cat.png"
    assert load_image(path.read_bytes()).info.sha256 == load_image(path).info.sha256


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"hello, this is text", "not a readable image"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "not a readable image"),
        (b"%PDF-1.4\n", "not a readable image"),
    ],
)
def test_bad_files_give_one_clear_error(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "fake.png"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        load_image(path)
    assert str(path) in str(err.value) and reason in str(err.value)
    assert err.value.exit_code == ExitCode.bad_input


def test_truncated_png_is_refused(tmp_path: Path, resources: Path) -> None:
    data = (resources / "pytesseract_test.png").read_bytes()
    path = tmp_path / "cut.png"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(InputError, match="damaged or truncated"):
        load_image(path)


def test_folders_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        load_image(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        load_image(tmp_path / "nope.png")
    link = tmp_path / "broken.png"
    link.symlink_to(tmp_path / "gone.png")
    with pytest.raises(InputError, match="broken link"):
        load_image(link)
