"""Property tests (hypothesis) for the text parsers; the escaping functions' are in
test_properties_escaping.py.

Each property is generated, not hand-picked: figures, post counts, handles and timestamps are
written the way sentences and post layouts write them and must parse back; arbitrary text must
never make a parser raise. Bugs these properties found are fixed; their minimal inputs stay as
tests at the end of each section.
"""

from __future__ import annotations

import math
from datetime import datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from memeaudit.facts.figures import figures
from memeaudit.postfields import find_handle, labelled_counts, parse_count, parse_timestamp
from tests.property_settings import FAST

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
