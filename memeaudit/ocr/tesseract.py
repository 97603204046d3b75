"""Tesseract as a child process, its TSV parsed as pytesseract parses it: the only place that
sees a tesseract failure. A reading can start in the background and be stopped unread."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

import numpy as np
import pytesseract
from PIL import Image
from pytesseract.pytesseract import file_to_dict, get_errors

from memeaudit.errors import EngineFailed, EngineMissing
from memeaudit.geometry import union_box
from memeaudit.model import Line, Word

INSTALL_HINT = "install it with: apt-get install tesseract-ocr tesseract-ocr-eng"


@cache
def installed_languages() -> frozenset[str]:
    """The tesseract language packs installed here (empty if tesseract is missing)."""
    try:
        return frozenset(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, OSError):
        return frozenset()


class TesseractEngine:
    name = "tesseract"

    def __init__(self, lang: str = "eng") -> None:
        self.lang = lang
        try:
            self._version = str(pytesseract.get_tesseract_version()).split()[0]
            installed = installed_languages()
        except pytesseract.TesseractNotFoundError as err:
            raise EngineMissing("tesseract is not installed or not on PATH", INSTALL_HINT) from err
        missing = [code for code in lang.split("+") if code not in installed]
        if missing:
            raise EngineMissing(
                f"tesseract language pack {', '.join(missing)} is not installed",
                f"apt-get install tesseract-ocr-{missing[0]}",
            )

    def version(self) -> str:
        return self._version

    def read(self, bgr: np.ndarray) -> list[Line]:
        return self.start(bgr).lines()

    def start(self, bgr: np.ndarray) -> Reading:
        """Start reading `bgr` in a child process; Reading.lines() waits for the words."""
        return Reading(bgr, self.lang)


class Reading:
    """One tesseract run, with the temporary folder that holds its input and output.

    Tesseract runs one OpenMP thread unless OMP_THREAD_LIMIT says otherwise: on 2 cores its
    threads spin, and one thread read the seed sample in 0.34 s where all cores took 2.4 s
    (1.9 s against 0.24 s for pii-screenshot.png), with the same TSV byte for byte on the dev
    set and the samples. So it also leaves the other core to PP-OCR and the models."""

    def __init__(self, bgr: np.ndarray, lang: str) -> None:
        self._folder = Path(tempfile.mkdtemp(prefix="memeaudit-tesseract-"))
        # Binary PPM: the pixels pytesseract's PNG held (the same TSV, byte for byte, on the dev
        # set and the samples), written in 11 ms where the PNG took 125 ms (the seed sample).
        image = self._folder / "input.ppm"
        try:
            Image.fromarray(np.ascontiguousarray(bgr[:, :, ::-1])).save(image, format="PPM")
            command = [pytesseract.pytesseract.tesseract_cmd, str(image), str(self._folder / "out")]
            command += ["-l", lang, "-c", "tessedit_create_tsv=1", "--psm", "3"]
            env = {**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")}
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                env=env,
            )
        except FileNotFoundError as err:
            self._remove()
            raise EngineMissing("tesseract is not installed or not on PATH", INSTALL_HINT) from err
        except BaseException:
            self._remove()
            raise

    def lines(self) -> list[Line]:
        """Wait for the words and group them into lines."""
        try:
            _, errors = self._process.communicate()
            if self._process.returncode:
                raise EngineFailed(f"tesseract failed: {get_errors(errors)}")
            tsv = (self._folder / "out.tsv").read_bytes().decode("utf-8")
        finally:
            self.cancel()
        return _grouped(file_to_dict(tsv, "\t", -1))

    def cancel(self) -> None:
        """Stop the run if it is still going and remove its files."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        if self._process.stderr is not None:
            self._process.stderr.close()
        self._remove()

    def _remove(self) -> None:
        shutil.rmtree(self._folder, ignore_errors=True)


def _grouped(data: dict[str, list]) -> list[Line]:  # type: ignore[type-arg]
    groups: dict[tuple[int, int, int], list[Word]] = {}
    for i, text in enumerate(data.get("text", [])):
        conf = float(data["conf"][i])
        if not text.strip() or conf < 0:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        box = (data["left"][i], data["top"][i], data["width"][i], data["height"][i])
        groups.setdefault(key, []).append(
            Word(text=text.strip(), conf=conf / 100, bbox=box, engine=TesseractEngine.name)
        )
    return [
        Line(
            text=" ".join(w.text for w in words),
            conf=sum(w.conf for w in words) / len(words),
            bbox=union_box([w.bbox for w in words]),
            engine=TesseractEngine.name,
            words=words,
        )
        for words in groups.values()
    ]
