"""A second reading of one short token (a handle, a chat speaker's name) from its line's pixels,
by tesseract, reconciled with the first reading character by character.

PP-OCR, which reads most screenshots alone (memeaudit.ocr's cascade), drops the underscores of
a handle ('@chloe_berger' read as '@chloeberger', 'Ben_' as 'Ben'); tesseract, run on the line
alone, draws them. The two readings are aligned and only the differences OCR is known to make
are taken from the second: an underscore missing or read as a space, a digit read as a letter
that looks like it beside another digit ('6i' for '61'), and 'rn' read as 'm' or 'n'. Every
other character stays the first engine's.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from difflib import SequenceMatcher

import numpy as np
from PIL import Image

from memeaudit.model import BBox

TARGET_HEIGHT = 40  # pixels of text height tesseract reads best at
MIN_MATCH = 0.75  # of the token's other characters, to be the same token
TIMEOUT = 10.0  # seconds


def read_line(image: np.ndarray | None, box: BBox) -> str | None:
    """Tesseract's reading of the one line of text in `box` of the RGB `image`, or None when
    there is no image or no tesseract."""
    exe = shutil.which("tesseract")
    if image is None or exe is None:
        return None
    x, y, w, h = box
    pad_y, pad_x = max(2, h // 3), max(4, h // 2)
    crop = image[max(0, y - pad_y) : y + h + pad_y, max(0, x - pad_x) : x + w + pad_x, :3]
    if crop.size == 0:
        return None
    picture = Image.fromarray(_dark_on_light(crop))
    if h < TARGET_HEIGHT:
        scale = TARGET_HEIGHT / max(h, 1)
        size = (round(picture.width * scale), round(picture.height * scale))
        picture = picture.resize(size, Image.Resampling.LANCZOS)
    data = io.BytesIO()
    picture.save(data, format="PNG")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            [exe, "stdin", "stdout", "--psm", "7", "-l", "eng"],
            input=data.getvalue(),
            capture_output=True,
            timeout=TIMEOUT,
            env=env,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode:
        return None
    return done.stdout.decode("utf-8", "replace").strip() or None


def _dark_on_light(rgb: np.ndarray) -> np.ndarray:
    """The crop in grey, dark text on light, its contrast stretched: a grey handle on a dim or
    black theme is neither white nor dark enough for the whole-image preprocessing."""
    grey = rgb.astype(np.float32) @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    if float(np.median(grey)) < 128:
        grey = 255 - grey
    low, high = float(np.percentile(grey, 1)), float(np.percentile(grey, 99))
    stretched = (grey - low) * (255 / max(high - low, 1.0))
    return np.clip(stretched, 0, 255).astype(np.uint8)


def _plain(text: str) -> str:
    return re.sub(r"[\s_]", "", text.lower())


def _counterpart(token: str, second: str, most: int = 2) -> str | None:
    """The piece of the second reading that is the token: the run of its words, up to `most`,
    closest to the token once underscores and spaces are set aside."""
    words = second.split()
    best, best_ratio = None, 0.0
    for i in range(len(words)):
        for j in range(i + 1, i + most + 1):
            if j > len(words):
                continue
            piece = " ".join(words[i:j])
            piece = piece.strip("·•.,:;|") if not token.endswith(".") else piece
            ratio = SequenceMatcher(None, _plain(token), _plain(piece)).ratio()
            if ratio > best_ratio:
                best, best_ratio = piece, ratio
    return best if best_ratio >= MIN_MATCH else None


DIGIT_LOOKS = {"1": "liI|", "0": "oO"}  # letters OCR reads for a digit


def _digit_for_letter(token: str, i1: int, i2: int, theirs: str) -> bool:
    """The second reading has a digit where the first has a letter that looks like it, beside
    another digit of the token ('6i' -> '61', '2O' -> '20')."""
    mine = token[i1:i2]
    if len(mine) != 1 or len(theirs) != 1 or mine not in DIGIT_LOOKS.get(theirs, ""):
        return False
    return token[i1 - 1 : i1].isdigit() or token[i2 : i2 + 1].isdigit()


def reconcile(token: str, second: str | None, trailing: bool = False) -> str:
    """`token` with the underscores the second reading draws where the first has none or a
    space ('@chloeberger' + '9 @chloe_berger - Oct 17' -> '@chloe_berger'); else `token`. One
    after the token's last character is taken only when `trailing` allows it: on a handle's line
    tesseract reads the edge of what is drawn under it as one ('@yfischer32_')."""
    if not second or not (other := _counterpart(token, second)):
        return token
    out: list[str] = []
    matcher = SequenceMatcher(None, token, other, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        mine, theirs = token[i1:i2], other[j1:j2]
        if op == "equal":
            out.append(mine)
        elif op == "insert" and set(theirs) == {"_"} and (0 < i1 < len(token) or trailing):
            out.append(theirs)  # an underscore the first engine dropped
        elif op == "replace" and set(mine) <= {" "} and set(theirs) == {"_"}:
            out.append(theirs)  # read as a space
        elif op == "replace" and _digit_for_letter(token, i1, i2, theirs):
            out.append(theirs)  # '@yberger6i' + '@yberger61': a 1 read as i beside a digit
        elif (op, mine, theirs) == ("replace", "m", "rn") or (
            op == "insert" and theirs == "r" and token[i1 : i1 + 1] == "n"
        ):
            out.append("rn" if mine == "m" else theirs)  # 'rn' read as 'm' or as 'n'
        else:
            out.append(mine)
    return "".join(out)


GLUED_WORDS = re.compile(r"[^\W\d_][^\W\d_A-Z]{2,}[A-Z][^\W\d_A-Z]")  # 'MarketNews'


def glued(name: str) -> bool:
    """Whether a name has a word that runs a lower-case letter into a capital ('MarketNews'),
    where OCR may have dropped a space."""
    return bool(GLUED_WORDS.search(name))


def spaced(name: str, second: str | None) -> str:
    """`name` with the spaces the second reading draws between a lower-case letter and a
    capital that the first runs together ('Harbor MarketNews' + 'Harbor Market News'); any
    other difference stays the first engine's ('YouTube' stays where tesseract reads it so)."""
    if not second or not (other := _counterpart(name, second, len(name.split()) + 2)):
        return name
    out: list[str] = []
    matcher = SequenceMatcher(None, name, other, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        mine = name[i1:i2]
        gap = (
            op == "insert"
            and other[j1:j2] == " "
            and name[i1 - 1 : i1].islower()
            and name[i1 : i1 + 1].isupper()
        )
        out.append(" " if gap else mine)
    return "".join(out)
