from __future__ import annotations

from memeaudit.report import escape_markdown


def test_markdown_links_and_html_do_not_survive() -> None:
    out = escape_markdown("see [click](javascript:alert(1)) <script>x</script> **bold**")
    assert "[click](" not in out
    assert "<script>" not in out
    assert "**bold**" not in out


def test_autolinks_are_broken() -> None:
    out = escape_markdown("visit https://evil.example and www.evil.example")
    assert "https://" not in out and "www.evil" not in out


def test_control_and_bidi_characters_are_removed() -> None:
    assert escape_markdown("a\x1b[31mred\u202egnp") == "a[31mredgnp".replace("[", "\\[")
