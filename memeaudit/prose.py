"""A prose linter for reports: the checks a careful editor makes, as code (issue L #3).

Each check takes the report's sections (number -> text) and returns the problems it sees:

- `plural`: a count and its noun disagree ("1 replies", "3 reply");
- `relative-date`: a relative time given as a date ("dated 54m");
- `doubled-punctuation`: two marks in a row, around a quote or not ("“Dear @airfrance,.”");
- `empty-quote` and `fragment-quote`: a quotation with nothing in it, or a scrap of one ("“…Me:.”");
- `repeated-fact`: a sentence that gives again what another sentence of its section gave: the same
  quotation, the same figure, or a run of REPEAT_WORDS words; or that gives again, at length
  (REPEAT_ACROSS words in a row), what another section gave;
- `no-text`: a report that says the image has no text and then talks about its text;
- `length`: a section outside MIN_WORDS to MAX_WORDS words (a plain "nothing found" may be
  shorter).

`lint(sections)` runs them all; `lint_markdown(text)` reads the sections of a Markdown report.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from memeaudit.sections import paragraph

MIN_WORDS, MAX_WORDS = 40, 150
REPEAT_WORDS = 8  # consecutive words two sentences of a section may not share
REPEAT_ACROSS = 12  # consecutive words two sections may not share

# Nouns the reports count; a count other than 1 before the singular is a disagreement.
COUNTED = (
    "reply|repost|retweet|like|view|bookmark|quote|share|comment|follower|account|message|"
    "field|timestamp|link|code|claim|topic|exchange|record|figure|step|edit|frame|line|word|"
    "image|picture|object|person|cat|dog|face|email|number|address|post|user|item"
)
_ONE_PLURAL = re.compile(r"(?<![\d.,])\b1\s+([a-z]+)\b")
_MANY_SINGULAR = re.compile(rf"(?<![\d.,])\b(0|[2-9]|[1-9][\d,]*\d)\s+({COUNTED})\b(?![-'’\w])")
_SINGULAR_S = re.compile(r"(ss|us|is|ics|news|series|species)$")
_RELATIVE = re.compile(r"\b(dated|on|posted on)\s+(\d+\s?(?:s|m|h|d|w|min|mins|hr|hrs))\b")
_DOUBLED = re.compile(r"([,;:.!?…])([”’\"]?)([,;:.!?])")
_ABBREVIATION = re.compile(r"(\b[A-Za-z]\.[A-Za-z]|\b(?:Inc|Ltd|Corp|Co|Jr|Sr|St|etc|vs|No|al))$")
_QUOTE = re.compile(r"“([^”]*)”")
_FIGURE = re.compile(
    r"[$€£]?\d[\d,.]*\d%?(?:\s+(?:million|billion|thousand))?|[$€£]\d+(?:\s+(?:million|billion))?"
)
_CITATION = re.compile(r"\([^()]*\b(1[89]|20)\d\d[a-z]?\)")  # '(Tramèr et al., 2016)'
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?\0]”))\s+(?=[A-Z“\"(])")
_NO_TEXT = re.compile(r"(?i)\bno (legible |readable )?text (was|is) (found|read|visible)")
_TEXT_TALK = re.compile(
    r"(?i)\bimage['’]s text|\btext (in|of|on) the image|\bthe text (says|reads|makes|describes)"
)
_NOTHING = re.compile(r"(?i)^no\b.*\b(evident|identifiable|found)\b|\bmakes no\b")
_WORD = re.compile(r"[\w@#$%€£'’.,:/-]+")


@dataclass(frozen=True)
class Problem:
    section: int  # 0 for the report as a whole
    check: str
    message: str

    def __str__(self) -> str:
        where = f"s{self.section}" if self.section else "report"
        return f"{where} {self.check}: {self.message}"


Sections = dict[int, str]


def plural(sections: Sections) -> list[Problem]:
    out = []
    for number, text in sections.items():
        for m in _ONE_PLURAL.finditer(text):
            noun = m.group(1)
            if noun.endswith("s") and not _SINGULAR_S.search(noun) and len(noun) > 2:
                out.append(Problem(number, "plural", f"“{m.group(0)}”: one with a plural noun"))
        for m in _MANY_SINGULAR.finditer(text):
            out.append(Problem(number, "plural", f"“{m.group(0)}”: a count with a singular noun"))
    return out


def relative_date(sections: Sections) -> list[Problem]:
    return [
        Problem(n, "relative-date", f"“{m.group(0)}”: a relative time given as a date")
        for n, text in sections.items()
        for m in _RELATIVE.finditer(text)
    ]


def doubled_punctuation(sections: Sections) -> list[Problem]:
    out = []
    for number, text in sections.items():
        for m in _DOUBLED.finditer(text):
            first, quote, second = m.groups()
            if (first == second == "." and not quote) or (first in "?!" and second in "?!"):
                continue  # an ellipsis written as dots, '?!'
            if quote and (first == "…" or (first in "?!" and second != ".")):
                continue  # '“… tonight …”, which', '“Really?”, she said'
            if first == "." and _ABBREVIATION.search(text[: m.start()]):
                continue  # 'e.g.,', 'Inc.,'
            around = text[max(0, m.start() - 20) : m.end() + 5]
            out.append(Problem(number, "doubled-punctuation", f"“…{around}…”"))
    return out


def _bare(quoted: str) -> str:
    return re.sub(r"[\s.,;:!?…'’\"-]+", " ", quoted).strip()


def quotes(sections: Sections) -> list[Problem]:
    out = []
    for number, text in sections.items():
        for m in _QUOTE.finditer(text):
            inner = m.group(1).strip()
            bare = _bare(inner)
            if not re.search(r"\w", bare):
                out.append(Problem(number, "empty-quote", f"{m.group(0)}: nothing quoted"))
            elif re.search(r"[:,;]\W*$", inner) and len(bare.split()) < 4:
                out.append(Problem(number, "fragment-quote", f"{m.group(0)}: a cut-off label"))
            elif inner.startswith(("…", "...")) and len(bare.split()) < 3:
                out.append(Problem(number, "fragment-quote", f"{m.group(0)}: a scrap of a quote"))
            elif len(bare) == 1 and not bare.isdigit():
                out.append(Problem(number, "fragment-quote", f"{m.group(0)}: a stray character"))
    return out


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph; a full stop inside a quotation does not end one."""
    masked = _QUOTE.sub(lambda m: "“" + m.group(1).replace(".", "\0") + "”", text)
    return [s.replace("\0", ".") for s in _SENTENCE_END.split(masked) if s.strip()]


def _words(text: str) -> list[str]:
    return [w.strip(".,:'’/-") for w in _WORD.findall(text.lower())]


def _shared_run(a: list[str], b: list[str]) -> int:
    best, previous = 0, [0] * (len(b) + 1)
    for word in a:
        current = [0] * (len(b) + 1)
        for j, other in enumerate(b, 1):
            if word and word == other:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def repeated_fact(sections: Sections) -> list[Problem]:
    out = []
    for number, text in sections.items():
        said = sentences(text)
        seen_quotes: dict[str, int] = {}
        seen_figures: dict[str, int] = {}
        for i, sentence in enumerate(said):
            for m in _QUOTE.finditer(sentence):
                key = _bare(m.group(1)).lower()
                if key and key in seen_quotes:
                    out.append(Problem(number, "repeated-fact", f"{m.group(0)} quoted twice"))
                seen_quotes.setdefault(key, i)
            for m in _FIGURE.finditer(_QUOTE.sub("", _CITATION.sub("", sentence))):
                key = m.group(0).rstrip(".,")
                if seen_figures.get(key, i) != i:
                    out.append(Problem(number, "repeated-fact", f"{key} given in two sentences"))
                seen_figures.setdefault(key, i)
        for i, first in enumerate(said):
            for second in said[i + 1 :]:
                if (run := _shared_run(_words(first), _words(second))) >= REPEAT_WORDS:
                    out.append(
                        Problem(
                            number, "repeated-fact", f"two sentences share {run} words in a row"
                        )
                    )
    return out


def repeated_across(sections: Sections) -> list[Problem]:
    """Two sections that say the same thing at length (both quoting one sentence of the image)."""
    out = []
    numbers = sorted(sections)
    for i, first in enumerate(numbers):
        for second in numbers[i + 1 :]:
            run = _shared_run(_words(sections[first]), _words(sections[second]))
            if run >= REPEAT_ACROSS:
                message = f"shares {run} words in a row with section {first}"
                out.append(Problem(second, "repeated-fact", message))
    return out


def no_text(sections: Sections) -> list[Problem]:
    said_none = [n for n, text in sections.items() if _NO_TEXT.search(text)]
    if not said_none:
        return []
    return [
        Problem(n, "no-text", f"“{m.group(0)}” after “no text was found”")
        for n, text in sections.items()
        for m in _TEXT_TALK.finditer(text)
    ]


def length(sections: Sections, least: int = MIN_WORDS, most: int = MAX_WORDS) -> list[Problem]:
    """Each section within `least` to `most` words; a section that opens by saying plainly that
    nothing was found ("No legal or ethical issue is evident …") may be shorter, as a benign
    image's report should not pad its sections with risks it does not have."""
    out = []
    for n, text in sections.items():
        count = len(text.split())
        said = sentences(text)
        if count > most or (count < least and not (said and _NOTHING.search(said[0]))):
            out.append(
                Problem(n, "length", f"{paragraph.plural(count, 'word')} (outside {least}–{most})")
            )
    return out


CHECKS: dict[str, Callable[[Sections], list[Problem]]] = {
    "plural": plural,
    "relative-date": relative_date,
    "doubled-punctuation": doubled_punctuation,
    "quotes": quotes,
    "repeated-fact": repeated_fact,
    "repeated-across": repeated_across,
    "no-text": no_text,
    "length": length,
}


def lint(sections: Sections) -> list[Problem]:
    return [problem for check in CHECKS.values() for problem in check(sections)]


def markdown_sections(text: str) -> Sections:
    """The sections of a Markdown report ("## 2. Security and Privacy" and its paragraph)."""
    found = re.findall(r"^## (\d)\. [^\n]*\n+(.*?)(?=\n## |\n---|\Z)", text, re.M | re.S)
    return {int(n): " ".join(body.split()) for n, body in found}


def lint_markdown(text: str) -> list[Problem]:
    return lint(markdown_sections(text))
