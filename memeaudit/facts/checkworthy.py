"""Whether a sentence is worth checking, and why: the cues of knowledge/claims/*.yaml weighed in a
fixed order. Calibrated on tests/data/claims-dev.yaml (`memeaudit eval claims FILE`).

The kinds, strongest first: breaking, promise, reported-speech, quote, health, accusation,
statistic, causal, prediction, event. A sentence with none of them but a view in it is an opinion,
which the report frames as such; any other sentence is no claim (kind None)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from memeaudit.facts.claim_cues import Cues, load_cues
from memeaudit.model import Figure
from memeaudit.ocr.cleanup import MIN_FREQUENCY, english

STRONG = ("breaking", "promise", "reported-speech", "quote", "health")
NAME = re.compile(r"(?<![\w@#])[A-ZÀ-Ý][\w'’.&-]*(?:\s+(?:of\s+|de\s+|the\s+)?[A-ZÀ-Ý][\w'’.&-]*)*")
PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")
SHOUTED_FREQUENCY = 5e-6  # a word in capitals this common is emphasis ('BURST'), not 'MIT' or 'UPS'
COMMON_FREQUENCY = MIN_FREQUENCY  # a first word rarer than this in English is taken for a name


@dataclass(frozen=True)
class Verdict:
    """`kind`: why the sentence is worth checking, "opinion", or None; `cues`: what decided it."""

    kind: str | None
    cues: tuple[str, ...] = ()

    @property
    def checkworthy(self) -> bool:
        return self.kind not in (None, "opinion")


@cache
def _function_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load_cues().files["names"].words)


@cache
def _known_names() -> frozenset[str]:
    return frozenset(w.lower() for w in load_cues().files["names"].known)


def _rare(word: str) -> bool:
    """Whether a word is rare in English, and not the plural of a common word ("Passwords").
    Uses the OCR clean-up's compact English word list (loads in milliseconds from its cache;
    pyspellchecker's own dictionary takes about a second per process)."""
    frequency = english().frequency
    low = word.lower()
    if low.endswith("s") and frequency(low[:-1]) >= COMMON_FREQUENCY:
        return False
    return frequency(low) < COMMON_FREQUENCY and not load_cues().search("accusation", "actors", low)


@cache
def _units() -> frozenset[str]:
    return frozenset(load_cues().files["names"].units)


def _technical(word: str) -> bool:
    """A unit or ticker (names.yaml), a word with a digit ('L4'), or a plural acronym ('CDNs')."""
    word = word.strip(".,;:!?'’")
    return word in _units() or any(c.isdigit() for c in word) or bool(PLURAL_ACRONYM.match(word))


def _shouted(word: str, known: frozenset[str]) -> bool:
    """A common English word written in capitals ('NOW', 'BURST'), not a known name ('WHO')."""
    word = word.strip(".,;:!?'’")
    if len(word) < 3 or not word.isupper() or word in known or word.lower() in known:
        return False
    return english().frequency(word.lower()) >= SHOUTED_FREQUENCY


def names_in(sentence: str, known: frozenset[str] = frozenset()) -> list[str]:
    """Capitalised runs that read as names: anywhere but the sentence's start, or at the start
    when the run is several words, a known name, or a word rare in English ("Pfizer"). Function
    words, months, days, "I" and a label before a colon ("PSA:") are never names."""
    if sentence.isupper():
        return []
    skip = _function_words()
    known = known | _known_names()
    found = []
    for match in NAME.finditer(sentence):
        words = [w for w in match.group(0).rstrip(".'’").split() if w != "I"]
        start = sentence[: match.start()].strip(" \"“'(-–—")
        dash = re.search(r"[—–]\s*$", sentence[: match.start()]) is not None  # "— Unpaid tax"
        at_start = not start or start[-1] in ".:!?" or dash
        if sentence[match.end() :].lstrip().startswith(":") and at_start:
            continue  # "PSA: ...", "Me: ..."
        while words and _shouted(words[-1], known):  # "… NOW", "SHARE", "BURST": emphasis
            words = words[:-1]
        while words and (
            words[0].lower() in skip
            or (at_start and words[0].endswith("ing"))
            or _shouted(words[0], known)  # "URGENT The Corrin Lake"
        ):
            words = words[1:]  # "The", "Introducing"
        if all(w.lower() in skip for w in words):
            continue
        run = " ".join(words)
        if words and all(_technical(w) for w in words):
            continue  # "Gbps L4", "CDNs": a specification, not a name
        if not run or (at_start and " " not in run and run.lower() not in known and not _rare(run)):
            continue
        if re.search(r"\bthe\s+$", sentence[: match.start()]) and " " in run:
            run = f"the {run}"  # "the White House"
        found.append(run)
    return list(dict.fromkeys(found))


def _near(first: re.Match[str], second: re.Pattern[str], text: str, words: int = 7) -> bool:
    """Whether `second` matches within `words` words after `first`."""
    after = text[first.end() :]
    window = " ".join(after.split()[:words])
    return second.search(window) is not None


def _reported(cues: Cues, text: str, names: list[str]) -> str | None:
    """The cue of reported speech, if any: 'according to', an outlet's report, 'police said'."""
    for name in ("according", "insiders"):
        if m := cues.search("reported-speech", name, text):
            return m.group(0)
    verbs = cues.pattern("reported-speech", "verbs")
    for outlet in cues.pattern("outlets", "outlets").finditer(text):
        reporting = cues.pattern("outlets", "reporting")
        before = " ".join(text[: outlet.start()].split()[-2:])
        if _near(outlet, reporting, text, 3) or reporting.search(before):
            return outlet.group(0)
    offices = cues.pattern("accusation", "targets")
    for pattern in (cues.pattern("reported-speech", "speakers"), offices):
        for speaker in pattern.finditer(text):
            if _near(speaker, verbs, text, 3):
                return speaker.group(0)
    return None


def _quoted(cues: Cues, text: str, names: list[str]) -> str | None:
    for name in ("attributed", "sayings"):
        if m := cues.search("quotes", name, text):
            return m.group(0)
    says = re.compile(r"^\s*(?:says|said|claims|claimed|insists|wrote|tweeted|told)\b", re.I)
    for name in names:
        for m in re.finditer(re.escape(name), text):
            if says.search(text[m.end() :]) and name.lower() not in _family(cues):
                return f"{name} says"
    return None


def _family(cues: Cues) -> frozenset[str]:
    return frozenset(p.lower() for p in cues.files["reported-speech"].cues["family"].phrases)


def _future(cues: Cues, text: str) -> str | None:
    """A future marker not said of the writer ("I will", "we'll be there")."""
    for m in cues.pattern("prediction", "future").finditer(text):
        before = text[: m.start()].split()[-1:] or [""]
        if before[0].lower().strip(",") not in ("i", "we", "you", "i'll", "we'll", "and"):
            return m.group(0)
    return None


def _counted(figures: list[Figure], durations: frozenset[str]) -> list[Figure]:
    return [f for f in figures if f.unit not in durations]


def judge(
    sentence: str,
    figures: list[Figure],
    known: frozenset[str] = frozenset(),
    cues: Cues | None = None,
) -> Verdict:
    """Why `sentence` is worth checking (its kind and the cues that say so), or that it is an
    opinion, or no claim at all."""
    cues = cues or load_cues()
    text = sentence.strip()
    if len(text.split()) < 3 or text.endswith("?") or text.startswith("¿"):
        return Verdict(None)
    if m := cues.search("breaking", "openers", text):
        return Verdict("breaking", (m.group(0).strip(" :"),))
    if m := cues.search("breaking", "warnings", text):
        return Verdict("warning", (m.group(0).strip(" :"),))
    names = names_in(text, known)
    strong = _strong(cues, text, names)
    if strong is not None:
        return strong
    if any(
        cues.search("not-claims", n, text) for n in ("memes", "greetings", "instructions", "chrome")
    ):
        return Verdict(None)
    if m := cues.search("opinion", "normative", text):
        return Verdict("opinion", (m.group(0),))
    accusation = _accusation(cues, text, names, acts_only=True)
    if accusation is not None:
        return accusation
    if cues.search("not-claims", "personal", text):
        if (m := cues.search("event", "happenings", text)) and not _first_person(text):
            return Verdict("event", (m.group(0),))  # "We discovered a security incident"
        opinion = _opinion(cues, text)
        return Verdict("opinion", (opinion,)) if opinion else Verdict(None)
    durations = frozenset(w.lower() for w in cues.files["figures"].durations)
    counted = _counted(figures, durations)
    price = cues.search("statistic", "prices", text)
    if counted and not (
        price and all(f.unit == "money" and (f.value or 0) < 1000 for f in counted)
    ):
        return Verdict("statistic", tuple(f.text for f in counted))
    if m := cues.search("statistic", "trends", text):
        return Verdict("statistic", (m.group(0),))
    if m := cues.search("causal", "strong", text):
        after = text[m.end() :].split()[:1]
        idiom = re.search(r"\b(?:me|us)\b", m.group(0), re.I)
        if not idiom and not (after and after[0].lower().strip(".,!") in ("me", "us", "my")):
            return Verdict("causal", (m.group(0),))
    opinion = _opinion(cues, text)
    if (future := _future(cues, text)) and opinion is None:
        target = cues.search("accusation", "targets", text)
        stakes = cues.search("prediction", "stakes", text)
        famous = [n for n in names if n.lower() in known | _known_names()]
        if famous or target or stakes:
            return Verdict("prediction", (future,))
    if opinion is None and (deed := _accusation(cues, text, names, acts_only=False)):
        return deed
    if opinion is None and (m := _event(cues, text, names)):
        return Verdict("event", (m,))
    return Verdict("opinion", (opinion,)) if opinion else Verdict(None)


def _strong(cues: Cues, text: str, names: list[str]) -> Verdict | None:
    if m := cues.search("prediction", "promises", text):
        return Verdict("promise", (m.group(0),))
    if m := cues.search("event", "media", text):
        return Verdict("media", (m.group(0),))
    if said := _reported(cues, text, names):
        return Verdict("reported-speech", (said,))
    if said := _quoted(cues, text, names):
        return Verdict("quote", (said,))
    term = cues.search("health", "terms", text)
    effect = cues.search("health", "effects", text)
    if term and effect:
        return Verdict("health", (term.group(0), effect.group(0)))
    if m := cues.search("health", "comparisons", text):
        return Verdict("health", (m.group(0),))
    return None


def _accusation(cues: Cues, text: str, names: list[str], acts_only: bool) -> Verdict | None:
    """An act of wrongdoing with someone to do it: an office, a name, or people who do wrong by
    trade. Neutral deeds ("sold", "fired") need an office or a name the sentence shows as one."""
    target = cues.search("accusation", "targets", text) or cues.search("accusation", "actors", text)
    if names and (m := cues.search("accusation", "findings", text)):
        return Verdict("accusation", (m.group(0), names[0]))
    who = names[0] if names else (target.group(0) if target else None)
    text = cues.pattern("accusation", "idioms").sub(lambda m: " " * len(m.group(0)), text)
    if who is None:
        return None
    if m := _act(cues.pattern("accusation", "acts"), text):
        return Verdict("accusation", (m.group(0), who))
    if (
        not acts_only
        and not _first_person(text)
        and (m := _act(cues.pattern("accusation", "deeds"), text))
    ):
        return Verdict("accusation", (m.group(0), who))
    return None


def _first_person(text: str) -> bool:
    """Whether the writer is in the sentence ("blocked me", "my charger"): neutral deeds, events
    and idioms of cause ("this weather is killing me") are then everyday talk."""
    return re.search(r"(?<![\w'])(?:I|I'm|I've|[Mm]e|[Mm]y|[Uu]s)(?![\w'])", text) is not None


def _act(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first act written as a word, not as part of a name ("Lied" is a German song)."""
    for m in pattern.finditer(text):
        if m.start() == 0 or not m.group(0)[0].isupper() or text.isupper():
            return m
    return None


def _event(cues: Cues, text: str, names: list[str]) -> str | None:
    target = cues.search("accusation", "targets", text) or cues.search("accusation", "actors", text)
    if _first_person(text):
        return None
    if (names or target) and (m := cues.search("event", "verbs", text)):
        return m.group(0)
    if m := cues.search("event", "happenings", text):
        return m.group(0)
    return None


def _opinion(cues: Cues, text: str) -> str | None:
    for name in ("markers", "labels", "evaluative"):
        if m := cues.search("opinion", name, text):
            return m.group(0)
    return None
