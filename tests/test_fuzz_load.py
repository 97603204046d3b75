"""A bounded fuzz target for load_image: random bytes and mutated real images.

Property: load_image(bytes) returns a LoadedImage whose `rgb` is an RGB image of at least 1x1
pixels, or raises InputError (exit code 3, one line naming the image). Any other exception is a
bug; so is a hang. Every example has a 2 s deadline and each test a hard watchdog; the nastiest
inputs (declared sizes far over any pixel limit) also run through `python -m memeaudit analyze`
in a subprocess with a timeout, which must exit 3 with one stderr line and no traceback.

The huge sizes are far over the default limit (10**9 pixels and more), so the tests hold whatever
that limit becomes; they check behaviour (refused before decoding: fast, InputError), not a value.
"""

from __future__ import annotations

import faulthandler
import io
import os
import struct
import subprocess
import sys
import zlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PIL import Image

from memeaudit.errors import ExitCode, InputError
from memeaudit.load import load_image

# Pillow warns about the corrupt headers it skips over; the fuzzing makes thousands of those.
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::UserWarning")]

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "tests" / "resources"
SAMPLES = ROOT / "samples"
NAME = "fuzz.img"
WATCHDOG_S = 120  # a whole test, shrinking included; a hang ends the run instead of CI's clock

FUZZ = settings(
    max_examples=1500,
    deadline=2000,  # ms per example: decoding a small mutated image takes a few ms
    database=None,  # nothing written to the repo; failures print a @reproduce_failure blob
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(autouse=True)
def watchdog(capfd: pytest.CaptureFixture[str]) -> Iterator[None]:
    """Kill the process (with every thread's traceback on the real stderr) if a test hangs in
    C code, where neither hypothesis' deadline nor a signal handler can interrupt it."""
    with capfd.disabled():
        stderr = os.fdopen(os.dup(2), "w")
    faulthandler.dump_traceback_later(WATCHDOG_S, exit=True, file=stderr)
    yield
    faulthandler.cancel_dump_traceback_later()
    stderr.close()


# --------------------------------------------------------------------------- seeds


def _encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def _small(path: Path, size: int = 40) -> Image.Image:
    with Image.open(path) as image:
        small = image.convert("RGB")
    small.thumbnail((size, size))
    return small


def _variants(image: Image.Image) -> list[tuple[str, bytes]]:
    """The formats and modes load_image accepts, made from one real (small) image."""
    rotated = Image.Exif()
    rotated[0x0112] = 6  # EXIF orientation: rotate 90 degrees
    rgba = image.copy()
    rgba.putalpha(image.convert("L"))
    frames = [image, image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)]
    return [
        ("png-palette", _encode(image.convert("P"), "PNG")),
        ("png-rgba", _encode(rgba, "PNG")),
        ("png-gray16", _encode(image.convert("I;16"), "PNG")),
        ("png-bilevel", _encode(image.convert("1"), "PNG")),
        ("png-gray-alpha", _encode(rgba.convert("LA"), "PNG")),
        ("png-exif", _encode(image, "PNG", exif=rotated)),
        ("jpeg", _encode(image, "JPEG", quality=70, exif=rotated)),
        ("jpeg-progressive", _encode(image, "JPEG", progressive=True)),
        ("jpeg-cmyk", _encode(image.convert("CMYK"), "JPEG")),
        ("gif-animated", _encode(frames[0], "GIF", save_all=True, append_images=frames[1:])),
        ("webp", _encode(image, "WEBP", quality=60)),
        ("webp-lossless-alpha", _encode(rgba, "WEBP", lossless=True)),
        ("bmp", _encode(image, "BMP")),
        ("bmp-palette", _encode(image.convert("P"), "BMP")),
        ("tiff", _encode(image, "TIFF")),
        ("tiff-deflate", _encode(image, "TIFF", compression="tiff_deflate")),
        ("tiff-float", _encode(image.convert("F"), "TIFF")),
        ("tiff-int32", _encode(image.convert("I"), "TIFF")),
        ("tiff-cmyk", _encode(image.convert("CMYK"), "TIFF")),
        ("tiff-lzw-pages", _encode(frames[0], "TIFF", compression="tiff_lzw", save_all=True,
                                   append_images=frames[1:])),
    ]  # fmt: skip


@cache
def seeds() -> tuple[tuple[str, bytes], ...]:
    """Real files as they are (the small ones), every real image re-encoded small as PNG, and
    each supported format made from two real images."""
    found = [(p.name, p.read_bytes()) for p in sorted(RESOURCES.glob("*.png"))]
    found = [(name, data) for name, data in found if len(data) < 64_000]
    real = sorted(RESOURCES.glob("*.png")) + sorted(SAMPLES.glob("*.png"))
    found += [(f"{p.stem}-small.png", _encode(_small(p), "PNG")) for p in real]
    for path in (RESOURCES / "skimage_chelsea_cat.png", SAMPLES / "data-breach-post.png"):
        found += [(f"{path.stem}-{kind}", data) for kind, data in _variants(_small(path))]
    return tuple(found)


# --------------------------------------------------------------------------- declared sizes


def _png_size(data: bytes, width: int, height: int, fix_crc: bool) -> bytes:
    out = bytearray(data)
    assert out[12:16] == b"IHDR"
    out[16:24] = struct.pack(">II", width, height)
    if fix_crc:
        out[29:33] = struct.pack(">I", zlib.crc32(bytes(out[12:29])))
    return bytes(out)


def _gif_size(data: bytes, width: int, height: int) -> bytes:
    return data[:6] + struct.pack("<HH", width, height) + data[10:]


def _bmp_size(data: bytes, width: int, height: int) -> bytes:
    return data[:18] + struct.pack("<ii", width, height) + data[26:]


def _jpeg_size(data: bytes, width: int, height: int) -> bytes:
    at = 2  # walk the marker segments to the frame header (SOF0 baseline, SOF2 progressive)
    while data[at + 1] not in (0xC0, 0xC2):
        at += 2 + struct.unpack(">H", data[at + 2 : at + 4])[0]
    return data[: at + 5] + struct.pack(">HH", height, width) + data[at + 9 :]


def _tiff(width: int, height: int) -> bytes:
    """A little-endian 8-bit grayscale TIFF that declares width x height and holds 16 bytes."""
    entries = [  # tag, type (3 SHORT, 4 LONG), value
        (256, 4, width), (257, 4, height), (258, 3, 8), (259, 3, 1), (262, 3, 1),
        (273, 4, 8 + 2 + 12 * 8 + 4), (277, 3, 1), (278, 4, 1), (279, 4, 16),
    ]  # fmt: skip
    ifd = struct.pack("<H", len(entries))
    for tag, kind, value in entries:
        packed = struct.pack("<H", value) + b"\0\0" if kind == 3 else struct.pack("<I", value)
        ifd += struct.pack("<HHI", tag, kind, 1) + packed
    return b"II*\x00" + struct.pack("<I", 8) + ifd + b"\0\0\0\0" + b"\x80" * 16


def _seed(prefix: str) -> bytes:
    return next(data for name, data in seeds() if name.startswith(prefix))


HUGE32 = st.integers(100_000, 2**31 - 1)  # with another such side: 10**10 pixels or more
HUGE16 = st.integers(50_000, 65_535)  # formats with 16-bit sides: 2.5 * 10**9 pixels or more


@st.composite
def huge_declared(draw: st.DrawFn) -> tuple[str, bytes]:
    """A real small image whose header declares a size far over any sensible pixel limit."""
    kind = draw(st.sampled_from(["png", "png-bad-crc", "gif", "bmp", "jpeg", "tiff"]))
    if kind.startswith("png"):
        data = _seed("skimage_chelsea_cat-small.png")
        return kind, _png_size(data, draw(HUGE32), draw(HUGE32), fix_crc=kind == "png")
    if kind == "gif":
        return kind, _gif_size(_seed("skimage_chelsea_cat-gif"), draw(HUGE16), draw(HUGE16))
    if kind == "bmp":
        height = draw(HUGE32) * draw(st.sampled_from([1, -1]))  # negative: a top-down BMP
        return kind, _bmp_size(_seed("skimage_chelsea_cat-bmp"), draw(HUGE32), height)
    if kind == "jpeg":
        return kind, _jpeg_size(_seed("skimage_chelsea_cat-jpeg"), draw(HUGE16), draw(HUGE16))
    return kind, _tiff(draw(HUGE32), draw(HUGE32))


# --------------------------------------------------------------------------- mutations

INTERESTING = [0, 1, 0x7F, 0x80, 0xFF, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF]


@st.composite
def mutated_images(draw: st.DrawFn) -> tuple[str, bytes]:
    name, original = draw(st.sampled_from(seeds()))
    data = bytearray(original)
    steps = []

    def offset(size: int) -> int:  # headers are where parsers go wrong: often aim at them
        limit = min(size, 96) if draw(st.booleans()) else size
        return draw(st.integers(0, max(limit - 1, 0)))

    for _ in range(draw(st.integers(1, 4))):
        op = draw(
            st.sampled_from(
                ["flip", "byte", "truncate", "header", "duplicate", "delete", "splice", "int",
                 "size"]
            )
        )  # fmt: skip
        steps.append(op)
        if not data:
            break
        at = offset(len(data))
        if op == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "byte":
            data[at] = draw(st.integers(0, 255))
        elif op == "truncate":
            data = data[: draw(st.integers(0, len(data)))]
        elif op == "header":  # only the first bytes: a download cut short
            data = data[: draw(st.integers(1, 64))]
        elif op == "duplicate":
            chunk = data[at : at + draw(st.integers(1, 256))]
            where = draw(st.integers(0, len(data)))
            data[where:where] = chunk
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif op == "splice":
            data[at:at] = draw(st.binary(min_size=1, max_size=32))
        elif op == "int":
            value = draw(st.sampled_from(INTERESTING))
            data[at : at + 4] = struct.pack(draw(st.sampled_from([">I", "<I"])), value)
        elif op == "size" and data[12:16] == b"IHDR" and len(data) >= 33:
            # A declared size either small (decodable) or huge (refused): never the costly
            # middle, which the limit allows and would only make the fuzzing slow.
            side = HUGE32 if draw(st.booleans()) else st.integers(0, 2048)
            data = bytearray(_png_size(bytes(data), draw(side), draw(side), draw(st.booleans())))
    return f"{name} after {'+'.join(steps)}", bytes(data)


MAGIC = [
    b"\x89PNG\r\n\x1a\n", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"\xff\xd8\xff", b"\xff\xd8\xff\xe1",
    b"GIF87a", b"GIF89a", b"RIFF\x00\x00\x00\x00WEBPVP8 ", b"RIFF\x00\x00\x00\x00WEBPVP8L",
    b"BM", b"II*\x00", b"MM\x00*", b"II*\x00\x08\x00\x00\x00",
]  # fmt: skip
random_bytes = st.one_of(
    st.binary(max_size=2048),
    st.tuples(st.sampled_from(MAGIC), st.binary(max_size=512)).map(b"".join),
)


# --------------------------------------------------------------------------- the property


def check_loads_or_refuses(data: bytes) -> None:
    try:
        image = load_image(data, name=NAME)
    except InputError as err:
        message = str(err)
        assert message.startswith(f"{NAME}: "), message  # names the image
        assert "\n" not in message and "\r" not in message  # one line
        assert err.exit_code == ExitCode.bad_input
        return
    assert image.rgb.mode == "RGB"
    assert image.rgb.width >= 1 and image.rgb.height >= 1
    assert (image.info.width, image.info.height) == image.rgb.size
    assert image.bgr.shape == (image.rgb.height, image.rgb.width, 3)


def test_every_seed_loads_as_rgb() -> None:
    assert len(seeds()) > 30
    for name, data in seeds():
        image = load_image(data, name=name)
        assert image.rgb.mode == "RGB" and min(image.rgb.size) >= 1, name


@FUZZ
@given(random_bytes)
@example(b"")
@example(b"\x89PNG\r\n\x1a\n")
@example(b"GIF89a\xff\xff\xff\xff")
def test_random_bytes_load_or_give_an_input_error(data: bytes) -> None:
    check_loads_or_refuses(data)


@FUZZ
@given(mutated_images())
def test_mutated_real_images_load_or_give_an_input_error(case: tuple[str, bytes]) -> None:
    check_loads_or_refuses(case[1])


@settings(FUZZ, max_examples=60)
@given(huge_declared())
def test_a_huge_declared_size_is_refused_before_decoding(case: tuple[str, bytes]) -> None:
    with (
        mock.patch("memeaudit.load._decode", side_effect=AssertionError("decoded")) as decode,
        pytest.raises(InputError) as err,
    ):
        load_image(case[1], name=NAME)
    assert str(err.value).startswith(f"{NAME}: ")
    assert decode.call_count == 0  # refused from the header, nothing decoded


# --------------------------------------------------------------------------- subprocess

NASTIEST = {
    "png-2^31-square.png": lambda: _png_size(
        _seed("skimage_chelsea_cat-small.png"), 2**31 - 1, 2**31 - 1, fix_crc=True
    ),
    "png-wide-strip.png": lambda: _png_size(
        _seed("skimage_chelsea_cat-small.png"), 2**31 - 1, 1_000, fix_crc=True
    ),
    "gif-65535-square.gif": lambda: _gif_size(_seed("skimage_chelsea_cat-gif"), 65_535, 65_535),
    "bmp-top-down.bmp": lambda: _bmp_size(_seed("skimage_chelsea_cat-bmp"), 2**31 - 1, -(2**31)),
    "jpeg-65535-square.jpg": lambda: _jpeg_size(_seed("skimage_chelsea_cat-jpeg"), 65_535, 65_535),
    "tiff-2^31-square.tif": lambda: _tiff(2**31 - 1, 2**31 - 1),
}


def test_the_cli_refuses_the_nastiest_inputs_without_a_hang_or_traceback(tmp_path: Path) -> None:
    """Each file in its own `python -m memeaudit analyze FILE`, one after another (in parallel
    they would share the CPU and blur the timeout), each with 10 s."""
    failures = []
    for name, make in NASTIEST.items():
        path = tmp_path / name
        path.write_bytes(make())
        try:
            done = subprocess.run(
                [sys.executable, "-m", "memeaudit", "analyze", str(path)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=10,
            )
        except subprocess.TimeoutExpired:
            failures.append(f"{name}: still running after 10 s")
            continue
        lines = done.stderr.splitlines()
        if (
            done.returncode != ExitCode.bad_input
            or done.stdout
            or len(lines) != 1
            or not lines[0].startswith("memeaudit: error: ")
            or name not in lines[0]
            or "Traceback" in done.stderr
        ):
            failures.append(f"{name}: exit {done.returncode}, {done.stdout=}, {done.stderr=}")
    assert not failures, "\n".join(failures)
