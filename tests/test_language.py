from __future__ import annotations

import io

import pytest

from memeaudit.load import load_image
from memeaudit.ocr import installed_packs, language_note, read_text
from memeaudit.ocr.language import detect
from memeaudit.options import Options
from tests.render import text_image


@pytest.mark.parametrize(
    ("text", "script", "language"),
    [
        ("When the model is trained on the data and it is not enough", "Latin", "eng"),
        ("Der Hund ist nicht mit der Katze auf dem Sofa", "Latin", "deu"),
        ("Le chat est sur la table avec les enfants", "Latin", "fra"),
        ("百科事典 日本語", "Han", "chi_sim"),
        ("Привет, как дела у тебя", "Cyrillic", "rus"),
        ("ok", None, None),
    ],
)
def test_script_and_language(text: str, script: str | None, language: str | None) -> None:
    found = detect(text)
    assert (found.script, found.language) == (script, language)


@pytest.mark.slow
def test_german_text_uses_the_pack_or_says_it_is_missing() -> None:
    image = text_image(
        ["Der Hund ist nicht mit der Katze", "auf dem Sofa und das ist gut"], size=34
    )
    data = io.BytesIO()
    image.save(data, "PNG")
    result, _ = read_text(load_image(data.getvalue()), Options())
    assert result.language.language == "deu"
    if "deu" in installed_packs():
        assert result.lang_used == "eng+deu" and language_note(result) is None
    else:
        assert result.lang_used == "eng"
        note = language_note(result)
        assert note is not None and "apt-get install tesseract-ocr-deu" in note
