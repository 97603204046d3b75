"""The second reading of a handle (memeaudit.tokenread): tesseract on the handle's line puts
back the underscore PP-OCR drops, a digit it read as a look-alike letter, and 'rn' it read as
'm' or 'n'; nothing else."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from memeaudit.postfields import split_glued_name
from memeaudit.tokenread import read_line, reconcile


@pytest.mark.parametrize(
    ("token", "second", "want"),
    [
        ("@chloeberger", "ji Chloe Berger @ @chloe_berger : Oct 17", "@chloe_berger"),
        ("@ravi haddad", "@ravi_haddad · Mar 4", "@ravi_haddad"),
        ("@jmoreau89", ") @jmoreaus9", "@jmoreau89"),  # a digit is never taken from the second
        ("@yfischer32", "# @yfischer32_", "@yfischer32"),  # nor an underscore after the end
        ("@chloe_byrne", ") achioe bye", "@chloe_byrne"),  # a reading too far off is ignored
        ("@mara", None, "@mara"),
        ("@yberger6i", "© @yberger61 - Jun 2", "@yberger61"),  # a 1 read as i beside a digit
        ("@sofia2O", "@sofia20", "@sofia20"),  # an O beside a digit is a 0
        ("@bynec", "» @byrnec : 4h", "@byrnec"),  # 'rn' read as 'n'
        ("@tomhame", "@tomharne", "@tomharne"),  # 'rn' read as 'm'
        ("@liam", "@1iam", "@liam"),  # a look-alike digit with no digit beside it is not taken
    ],
)
def test_reconcile_takes_only_what_the_first_misread(token: str, second: str, want: str) -> None:
    assert reconcile(token, second) == want


def test_a_trailing_underscore_when_asked() -> None:
    assert reconcile("Ben", "Ben_", trailing=True) == "Ben_"


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_read_line_reads_the_underscore_from_pixels() -> None:
    font = ImageFont.truetype("DejaVuSans.ttf", 18)
    picture = Image.new("RGB", (260, 40), (21, 32, 43))  # X's dim theme, grey handle
    ImageDraw.Draw(picture).text((10, 8), "@lena_dubois95", font=font, fill=(139, 152, 165))
    second = read_line(np.asarray(picture), (10, 8, 160, 24))
    assert reconcile("@lenadubois95", second) == "@lena_dubois95"


@pytest.mark.parametrize(
    ("name", "want"),
    [("KenjiAlves", "Kenji Alves"), ("TomásOrtega", "Tomás Ortega"), ("McDonald", "McDonald"),
     ("Omar G.", "Omar G."), ("Mara Quill", "Mara Quill")],
)  # fmt: skip
def test_a_glued_person_name_gets_its_space(name: str, want: str) -> None:
    assert split_glued_name(name) == want


@pytest.mark.parametrize(
    ("name", "second", "expected"),
    [
        ("Harbor MarketNews", "Harbor Market News @harbor · 2h", "Harbor Market News"),
        ("MateoOkafor", "Mateo Okafor", "Mateo Okafor"),
        ("YouTube", "YouTube @youtube", "YouTube"),  # no space drawn: the name as read
        ("GitHub", "Git Hub", "Git Hub"),  # the second reading's space is taken...
        ("Harbor MarketNews", "Harbor Market Nevvs", "Harbor Market News"),  # ...only a space
        ("Harbor MarketNews", "Totally different text", "Harbor MarketNews"),
        ("Harbor MarketNews", None, "Harbor MarketNews"),
    ],
)
def test_a_space_the_second_reading_draws_in_a_glued_name_is_taken(
    name: str, second: str | None, expected: str
) -> None:
    from memeaudit.tokenread import spaced

    assert spaced(name, second) == expected


def test_only_a_lower_case_letter_run_into_a_capital_is_glued() -> None:
    from memeaudit.tokenread import glued

    assert glued("Harbor MarketNews") and glued("MateoOkafor")
    assert not glued("Kenji Alves") and not glued("McDonald") and not glued("ANTHROPIC")
