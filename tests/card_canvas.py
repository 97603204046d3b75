"""The page that tests/post_cards.py draws its post screenshots on: fonts, themes, the ground
truth of a card (`Card`), a tall canvas drawn top to bottom with text, icons and avatars, and
text wrapping."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from tests.card_icons import ICONS, SS

FontName = str
Colour = str
Segment = tuple[str, "ImageFont.FreeTypeFont", Colour]

_LIBERATION = Path("/usr/share/fonts/truetype/liberation2")
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES: dict[FontName, Path] = {
    "sans": _LIBERATION / "LiberationSans-Regular.ttf",
    "sans-bold": _LIBERATION / "LiberationSans-Bold.ttf",
    "dejavu": _DEJAVU / "DejaVuSans.ttf",
    "dejavu-bold": _DEJAVU / "DejaVuSans-Bold.ttf",
}


@dataclass(frozen=True)
class Card:
    name: str
    platform: str
    display_name: str | None
    handle: str | None
    timestamp_raw: str | None
    timestamp: str | None
    body: str
    counts: dict[str, int | None]
    counts_shown: tuple[str, ...]


def _font(name: FontName, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_FILES[name]), size)


# ----------------------------------------------------------------------------- themes


@dataclass(frozen=True)
class Theme:
    bg: Colour
    text: Colour
    grey: Colour
    divider: Colour
    accent: Colour = "#1D9BF0"
    avatar: Colour = "#7A5AF8"


X_LIGHT = Theme(bg="#FFFFFF", text="#0F1419", grey="#536471", divider="#EFF3F4", avatar="#E0633A")
X_DIM = Theme(bg="#15202B", text="#F7F9F9", grey="#8B98A5", divider="#38444D", avatar="#2E9E6B")
X_BLACK = Theme(bg="#000000", text="#E7E9EA", grey="#71767B", divider="#2F3336", avatar="#C7A43B")
BLUESKY = Theme(bg="#FFFFFF", text="#0B0F14", grey="#6F869F", divider="#D4DBE2", accent="#1083FE")
THREADS = Theme(bg="#FFFFFF", text="#000000", grey="#999999", divider="#E5E5E5", avatar="#4F7CAC")
MASTODON = Theme(bg="#FFFFFF", text="#000000", grey="#606984", divider="#E6E6EF", accent="#6364FF")
REDDIT = Theme(bg="#FFFFFF", text="#0F1A1C", grey="#576F76", divider="#E5EBEE", accent="#FF4500")


# ----------------------------------------------------------------------------- canvas


class Canvas:
    """A tall page drawn top to bottom; `finish` crops it to what was drawn."""

    def __init__(self, width: int, theme: Theme) -> None:
        self.theme = theme
        self.image = Image.new("RGB", (width, 2400), theme.bg)
        self.draw = ImageDraw.Draw(self.image)
        self.width = width

    def text(
        self, xy: tuple[float, float], text: str, font: ImageFont.FreeTypeFont, fill: Colour
    ) -> float:
        """Draw text with its top-left at xy (the font's ascender line); return its advance."""
        self.draw.text(xy, text, font=font, fill=fill, anchor="la")
        return font.getlength(text)

    def segments(self, xy: tuple[float, float], parts: Sequence[Segment]) -> float:
        """Runs of differently styled text on one baseline; return the end x."""
        x, y = xy
        ascent = max(font.getmetrics()[0] for _, font, _ in parts)
        for text, font, fill in parts:
            self.draw.text((x, y + ascent), text, font=font, fill=fill, anchor="ls")
            x += font.getlength(text)
        return x

    def icon(
        self, name: str, xy: tuple[float, float], size: int, fill: Colour, bg: Colour | None = None
    ) -> None:
        back = bg or self.theme.bg
        tile = Image.new("RGB", (size * SS, size * SS), back)
        ICONS[name](ImageDraw.Draw(tile), size * SS, fill, back)
        tile = tile.resize((size, size), Image.Resampling.LANCZOS)
        self.image.paste(tile, (round(xy[0]), round(xy[1])))

    def avatar(self, xy: tuple[float, float], size: int, square: bool = False) -> None:
        tile = Image.new("RGB", (size * SS, size * SS), self.theme.bg)
        d = ImageDraw.Draw(tile)
        box = (0, 0, size * SS - 1, size * SS - 1)
        if square:
            d.rounded_rectangle(box, radius=size * SS // 8, fill=self.theme.avatar)
        else:
            d.ellipse(box, fill=self.theme.avatar)
        self.image.paste(
            tile.resize((size, size), Image.Resampling.LANCZOS), (round(xy[0]), round(xy[1]))
        )

    def hline(self, y: float, x0: float = 0, x1: float | None = None, width: int = 2) -> None:
        self.draw.line(
            (x0, y, self.width if x1 is None else x1, y), fill=self.theme.divider, width=width
        )

    def paragraphs(
        self,
        x: float,
        y: float,
        body: str,
        font: ImageFont.FreeTypeFont,
        fill: Colour,
        max_width: float,
        leading: float = 1.35,
        gap: float = 1.0,
    ) -> float:
        """Wrap and draw the body; paragraphs are split by a blank line of `gap` lines."""
        step = round(font.size * leading)
        for i, para in enumerate(body.split("\n\n")):
            if i:
                y += round(step * gap)
            for line in wrap(para, font, max_width):
                self.text((x, y), line, font, fill)
                y += step
        return y

    def finish(self, bottom: float) -> Image.Image:
        return self.image.crop((0, 0, self.width, round(bottom)))


def wrap(text: str, font: ImageFont.FreeTypeFont, max_width: float) -> list[str]:
    """Greedy word wrap; explicit newlines inside a paragraph are kept."""
    lines: list[str] = []
    for raw in text.split("\n"):
        line = ""
        for word in raw.split(" "):
            trial = f"{line} {word}" if line else word
            if line and font.getlength(trial) > max_width:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return lines


def _count_items(
    c: Canvas,
    y: float,
    x0: float,
    x1: float,
    items: Sequence[tuple[str, str | None]],
    icon_size: int,
    font: ImageFont.FreeTypeFont,
    fill: Colour,
    trailing: Sequence[str] = (),
) -> None:
    """An action row: `items` (icon, count) spread from x0, `trailing` icons flush right at x1."""
    slot = (x1 - x0 - len(trailing) * icon_size * 2.2) / max(len(items), 1)
    text_dy = (icon_size - font.getbbox("0")[3]) / 2 - 1
    for i, (name, count) in enumerate(items):
        x = x0 + i * slot
        c.icon(name, (x, y), icon_size, fill)
        if count is not None:
            c.text((x + icon_size * 1.35, y + text_dy), count, font, fill)
    for j, name in enumerate(reversed(trailing)):
        c.icon(name, (x1 - icon_size - j * icon_size * 2.2, y), icon_size, fill)
