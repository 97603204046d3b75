"""A paragraph being written: sentences, each with the evidence behind it."""

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
    number: int
    sentences: list[Sentence] = field(default_factory=list)

    def say(self, text: str, *evidence: Evidence) -> None:
        self.sentences.append(Sentence(text=text, evidence=list(evidence)))

    def section(self) -> Section:
        flat = [
            ev.model_copy(update={"sentence": i})
            for i, sentence in enumerate(self.sentences)
            for ev in sentence.evidence
        ]
        return Section(
            number=self.number,
            title=TITLES[self.number],
            text=" ".join(s.text for s in self.sentences),
            sentences=self.sentences,
            evidence=flat,
        )


def rule(rule_id: str, text: str | None = None) -> Evidence:
    return Evidence(kind="rule", rule=rule_id, text=text)


def ocr(text: str, rule_id: str | None = None) -> Evidence:
    return Evidence(kind="ocr", rule=rule_id, text=text)


def post_field(name: str, value: str, rule_id: str | None = None) -> Evidence:
    return Evidence(kind="post", rule=rule_id, text=f"{name}: {value}")


def metadata(field: str, value: str, rule_id: str | None = None) -> Evidence:
    """Evidence from the file's metadata, naming the field: 'EXIF Software: GIMP 2.10'."""
    return Evidence(kind="metadata", rule=rule_id, text=f"{field}: {value}")
