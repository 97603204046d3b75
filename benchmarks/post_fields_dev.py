"""Post fields on the dev set's two real X screenshots, against what a reader sees in them.

    python benchmarks/post_fields_dev.py [DEV_DIR]

The expected values are transcribed from the images (their ground-truth text files); fields the
screenshot does not show must come out empty.
"""

from __future__ import annotations

import sys
from pathlib import Path

from memeaudit.evaluate import cer
from memeaudit.load import load_image
from memeaudit.ocr import read_text
from memeaudit.options import Options
from memeaudit.post import parse_post

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev"
STRUCTURE = {  # both show jack's blue badge, and nothing else around the post
    "verified": True, "reply_to": None, "reposted_by": None, "quoted": None, "thread": False,
    "link_card": None, "media": False,
}  # fmt: skip
EXPECTED = {
    "tweetcapture_jack_light_mode0.png": {
        "display_name": "jack", "handle": "@jack", "timestamp": None, "timestamp_raw": None,
        "body": "just setting up my twttr",
        "counts": {"replies": None, "reposts": None, "likes": None, "views": None}, **STRUCTURE,
    },
    "tweetcapture_jack_black_mode3.png": {
        "display_name": "jack", "handle": "@jack", "timestamp": "2006-03-21T22:50:00",
        "timestamp_raw": "10:50 PM · Mar 21, 2006", "body": "just setting up my twttr",
        "counts": {"replies": None, "reposts": 122800, "likes": 184000, "views": None}, **STRUCTURE,
    },
}  # fmt: skip


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    wrong = 0
    for name, want in EXPECTED.items():
        image = load_image(folder / "images" / name)
        text, _ = read_text(image, Options())
        post = parse_post(text, image.bgr[:, :, ::-1])
        got = post.model_dump() if post else {}
        body_cer = cer(got.get("body") or "", want["body"])
        checks = {key: got.get(key) == want[key] for key in want if key != "body"}
        checks["body CER <= 0.05"] = body_cer is not None and body_cer <= 0.05
        wrong += not all(checks.values())
        print(f"{name}: platform={got.get('platform')} body CER={body_cer:.3f} "
              + " ".join(f"{k}={'ok' if ok else 'WRONG'}" for k, ok in checks.items()))  # fmt: skip
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
