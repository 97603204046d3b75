"""A paragraph being written: sentences, each with the evidence behind it; and the small helpers
every section writer shares."""

from __future__ import annotations

from dataclasses import dataclass, field

from memeaudit.model import Evidence, Section, Sentence

TITLES = {
    1: "Description",
    2: "Security and Privacy",
    3: "Platforms and Models",
    4: "Claims and Evidence",
    5: "Legal and Ethical Implications",
}


@dataclass
class Paragraph:
    """Sentences in reading order, each with its evidence and a priority: 0 is always said; with a
    word budget, `section` leaves out the sentences of the highest priority number first (the
    later one first among equals) until the rest fit."""

    number: int
    sentences: list[Sentence] = field(default_factory=list)
    priorities: list[int] = field(default_factory=list)

    def say(self, text: str, *evidence: Evidence, priority: int = 0) -> None:
        # a value that ends in its own stop ('Marta K.') ends the sentence once
        self.sentences.append(Sentence(text=one_stop(text), evidence=list(evidence)))
        self.priorities.append(priority)

    def section(self, budget: int | None = None) -> Section:
        kept = list(range(len(self.sentences)))
        if budget is not None:
            count = {i: len(s.text.split()) for i, s in enumerate(self.sentences)}
            for i in sorted(kept, key=lambda i: (self.priorities[i], i), reverse=True):
                if sum(count[k] for k in kept) <= budget or self.priorities[i] == 0:
                    break
                kept.remove(i)
        said = [self.sentences[i] for i in kept]
        flat = [
            ev.model_copy(update={"sentence": i})
            for i, sentence in enumerate(said)
            for ev in sentence.evidence
        ]
        return Section(
            number=self.number,
            title=TITLES[self.number],
            text=" ".join(s.text for s in said),
            sentences=said,
            evidence=flat,
        )


def nothing(number: int, text: str) -> Section:
    """A section that found nothing to say: its one "nothing found" sentence."""
    par = Paragraph(number)
    par.say(text, rule(f"section{number}.nothing-found"))
    return par.section()


def article(word: str) -> str:
    """'an X', 'an Instagram', 'a Reddit': single letters go by their spoken name."""
    vowel = word[0] in "AEFHILMNORSX" if len(word) == 1 else word[0].lower() in "aeiou"
    return "an" if vowel else "a"


def one_stop(text: str) -> str:
    """A sentence whose last value already ended in a full stop (or ! ? …) keeps only that one:
    'GIMP 2.10 (build 3.)' + '.' says it once."""
    return text[:-1] if len(text) > 1 and text[-1] == "." and text[-2] in ".!?…" else text


def rule(rule_id: str, text: str | None = None) -> Evidence:
    return Evidence(kind="rule", rule=rule_id, text=text)


def ocr(text: str, rule_id: str | None = None) -> Evidence:
    return Evidence(kind="ocr", rule=rule_id, text=text)


def post_field(name: str, value: str, rule_id: str | None = None) -> Evidence:
    return Evidence(kind="post", rule=rule_id, text=f"{name}: {value}")


def metadata(field: str, value: str, rule_id: str | None = None) -> Evidence:
    """Evidence from the file's metadata, naming the field: 'EXIF Software: GIMP 2.10'."""
    return Evidence(kind="metadata", rule=rule_id, text=f"{field}: {value}")


def plural(count: int, noun: str, many: str | None = None) -> str:
    """'1 reply', '2 replies', '0 accounts': the count and its noun, agreeing. `many` is the
    plural where adding s, es or ies does not make it ('person', 'people')."""
    return f"{count:,} {noun if count == 1 else many or plural_of(noun)}"


def plural_of(noun: str) -> str:
    """'reply' -> 'replies', 'box' -> 'boxes', 'account' -> 'accounts'."""
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"


NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number(count: int) -> str:
    """A count in a sentence: 'two' up to ten, then digits ('12', '1,200')."""
    return NUMBERS[count] if 0 <= count < len(NUMBERS) else f"{count:,}"
