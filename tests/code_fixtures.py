"""Posters and flyers with a QR code or a barcode in them, and the payload each carries.

The codes are made by real encoders (segno for QR, zxing-cpp for linear barcodes), drawn into a
flyer with text around them, then scaled, rotated and saved as PNG or JPEG, so a reader meets
them as a phone camera or a screenshot would show them."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

import numpy as np
import segno
import zxingcpp
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

URLS = [
    "https://www.example.org/menu",
    "http://bit.ly/3xYzAbC",
    "https://paypa1-secure-login.com/verify?id=8812",
    "http://192.168.4.20/pay",
    "https://xn--pypal-4ve.com/account",
    "https://royalmail-redelivery-fee.info/track",
    "https://tickets.concert-hall.co.uk/event/2291",
    "WIFI:S:CafeGuest;T:WPA;P:latte2024;;",
    "https://t.co/Q8mN2pLk1z",
    "https://docs.python.org/3/",
]
EANS = ["4006381333931", "5901234123457", "9780201379624"]
HEADLINES = [
    ("SCAN TO PAY YOUR PARKING", "Pay by phone - fast and easy"),
    ("FREE WIFI", "Scan to join the network"),
    ("Summer Jazz Night", "Tickets at the door or online"),
    ("Your parcel is waiting", "Scan to arrange redelivery"),
    ("Today's menu", "Scan for allergens and prices"),
]


@dataclass(frozen=True)
class CodeImage:
    name: str
    image: Image.Image
    payloads: tuple[str, ...]
    kind: str  # "qr" or "linear"


def _qr(payload: str, module: int) -> Image.Image:
    buffer = io.BytesIO()
    segno.make(payload, error="m").save(buffer, kind="png", scale=module, border=4)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def _linear(digits: str, height: int) -> Image.Image:
    code = zxingcpp.create_barcode(digits, zxingcpp.BarcodeFormat.EAN13)
    pixels = np.asarray(zxingcpp.write_barcode_to_image(code, scale=3, add_quiet_zones=True))
    bars = Image.fromarray(pixels).convert("RGB")
    return bars.resize((bars.width, height), Image.Resampling.NEAREST)


def flyer(code: Image.Image, headline: str, sub: str, dark: bool, width: int) -> Image.Image:
    """A poster: a headline, a line of text, the code, and small print below."""
    paper, ink = ((24, 26, 32), (240, 240, 240)) if dark else ((252, 250, 244), (20, 20, 20))
    height = code.height + 260
    canvas = Image.new("RGB", (max(width, code.width + 80), height), paper)
    draw = ImageDraw.Draw(canvas)
    draw.text((40, 30), headline, font=ImageFont.truetype(BOLD, 34), fill=ink)
    draw.text((40, 85), sub, font=ImageFont.truetype(FONT, 20), fill=ink)
    if dark:  # a code stays dark on light: printed on a white card
        card = Image.new("RGB", (code.width + 16, code.height + 16), (255, 255, 255))
        card.paste(code, (8, 8))
        code = card
    canvas.paste(code, (40, 130))
    draw.text((40, 150 + code.height), "Terms apply. Keep this leaflet.",
              font=ImageFont.truetype(FONT, 14), fill=ink)  # fmt: skip
    return canvas


def _as_seen(image: Image.Image, scale: float, angle: float, jpeg: int | None) -> Image.Image:
    if scale != 1.0:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(size, Image.Resampling.BILINEAR)
    if angle:
        image = image.rotate(angle, expand=True, fillcolor=(200, 200, 200))
    if jpeg is not None:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=jpeg)
        image = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    return image


VARIANTS = [  # (scale, rotation in degrees, JPEG quality or None for PNG)
    (1.0, 0.0, None),
    (0.75, 0.0, 85),
    (0.5, 0.0, None),
    (1.0, 4.0, 90),
    (1.0, 0.0, 60),
]


def code_images(seed: int = 7, modules: tuple[int, ...] = (3, 4, 6)) -> list[CodeImage]:
    """Every payload as a flyer at several module sizes, scales, rotations and qualities."""
    rng = random.Random(seed)
    out: list[CodeImage] = []
    for i, payload in enumerate(URLS):
        for module in modules:
            headline, sub = HEADLINES[i % len(HEADLINES)]
            base = flyer(_qr(payload, module), headline, sub, rng.random() < 0.3, 560)
            for v, (scale, angle, jpeg) in enumerate(VARIANTS):
                name = f"qr{i}-m{module}-v{v}"
                out.append(CodeImage(name, _as_seen(base, scale, angle, jpeg), (payload,), "qr"))
    for i, digits in enumerate(EANS):
        base = flyer(_linear(digits, 90), "Product label", f"Batch {rng.randint(100, 999)}",
                     False, 520)  # fmt: skip
        for v, (scale, angle, jpeg) in enumerate(VARIANTS[:3]):
            out.append(CodeImage(f"ean{i}-v{v}", _as_seen(base, scale, angle, jpeg), (digits,), "linear"))  # fmt: skip
    return out
