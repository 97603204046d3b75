"""Section 2, Security and Privacy: the topics that fired, most severe first, then what the file's
metadata reveals. The sentences are knowledge/wording/security.yaml and metadata.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass

from memeaudit.facts.text import join_names
from memeaudit.knowledge.loader import Knowledge
from memeaudit.knowledge.schema import Software, Topic
from memeaudit.knowledge.wording import Words
from memeaudit.metadata import position_text
from memeaudit.metadata.doubt import vet
from memeaudit.model import Evidence, Facts, ImageMetadata, Post, Section, TopicHit
from memeaudit.sections.doubtful import by_value, doubt_sentences
from memeaudit.sections.links import link_notes
from memeaudit.sections.paragraph import Paragraph, metadata, number, ocr, one_stop, rule

MORE_TOPICS = 2  # topics after the first get one sentence each, up to this many
MAX_TIMESTAMPS = 3  # timestamps named in section 2; the rest are counted
MAX_OTHER_FIELDS = 3  # other metadata fields quoted in section 2
QUOTED_VALUE = 80  # characters of a metadata value quoted in a sentence
MAX_STEPS = 2  # of the lead topic's guidance: the first checks a reader can make
MAX_CHANNELS = 3  # where to report it
MAX_WORDS = 150  # the paragraph's budget: the sentences of least priority go first
# Priorities (paragraph.Paragraph): 0, the lead finding and its risk, is always said.
# The next topic is a finding too (priority 1), the one after it less so (3).
# What the image itself shows (its figures, the next topic, its links) comes before the lead
# topic's mitigations, which come before where to report it and what to check.
FINDING, SUPPORT, REPORT_TO, OTHER_TOPIC, STEPS, FIGURES, CONTEXT = 1, 1, 3, 1, 3, 1, 4
MITIGATIONS = 2
TOUCHES_ON = 5
HEDGES = {"Over", "More", "About", "Nearly", "Almost", "Around", "Some", "Up", "Under", "Roughly"}


UNQUOTED = ("booking", "card")  # a code that opens what it belongs to: named, never repeated


def _personal_data(w: Words, facts: Facts) -> str:
    """'two email addresses (a@b.org and c@d.org) and a phone number (+1 415-555-0132)': each
    kind once, with its count, in the order first found."""
    kinds: dict[str, list[str]] = {}
    for found in facts.personal_data:
        kinds.setdefault(found.kind, []).append(found.text)
    nouns = {
        kind: w(f"personal-data-{kind}", count=len(values), number=number(len(values)))
        for kind, values in kinds.items()
    }
    return join_names(
        [
            nouns[kind]
            if kind in UNQUOTED
            else w("personal-data-item", noun=nouns[kind], value=join_names(values))
            for kind, values in kinds.items()
        ]
    )


def _how(hit: TopicHit) -> str:
    """'keyword', or 'similarity 0.612' for a topic found by sentence similarity."""
    return f"{hit.how} {hit.score:.3f}" if hit.score is not None else hit.how


def _counted(facts: Facts) -> list[str]:
    """Counts and sums as written, with the noun they count: 'over 24,000 fraudulent accounts'."""
    return [
        f.text if f.unit == "money" else f"{f.text} {f.unit}"
        for c in facts.claims
        for f in c.figures
        if f.unit not in ("date", "percent", "ratio")
    ]


@dataclass
class _Said:
    """A metadata sentence; `private` ones are privacy findings, which replace "no issue"."""

    text: str
    evidence: list[Evidence]
    private: bool = False


def _short(value: str) -> str:
    """A value cut for a sentence at a word boundary, as quotes are (" …"), so a word is either
    whole or absent (redaction then finds whole values, or their leading words before "…")."""
    if len(value) <= QUOTED_VALUE:
        return value
    cut = value[: QUOTED_VALUE - 2]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip() + " …"


def _bare(field: str) -> str:
    """'EXIF BodySerialNumber' -> 'BodySerialNumber'."""
    return field.split(" ", 1)[-1]


def _software(kb: Knowledge, value: str) -> Software | None:
    """The knowledge base's entry for a software name: the first whose alias occurs in it as a
    word (re caches the compiled patterns)."""
    for entry in kb.software:
        for alias in entry.aliases:
            if re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", value, re.IGNORECASE):
                return entry
    return None


def _device_name(make: str | None, model: str | None) -> str | None:
    """'Apple iPhone 12'; 'Canon EOS R5' rather than 'Canon Canon EOS R5'."""
    if make and model:
        first = make.split()[0].lower()
        return model if model.lower().startswith(first) else f"{make} {model}"
    return model or make


def _location_and_device(w: Words, meta: ImageMetadata) -> list[_Said]:
    said = []
    if (gps := meta.gps) is not None and gps.latitude is not None and gps.longitude is not None:
        fields = (
            "GPSLatitude, GPSLongitude"
            if gps.source == "EXIF"
            else "exif:GPSLatitude, exif:GPSLongitude"
        )
        where = position_text(gps)
        said.append(
            _Said(
                w("gps", source=gps.source, position=where),
                [metadata(f"{gps.source} {fields}", where, "metadata.gps")],
                private=True,
            )
        )
    if (device := meta.device) is None:
        return said
    name = _device_name(device.make, device.model)
    shown = {f: v for f, v in device.fields.items() if "Owner" not in f}
    if name and device.lens:
        text = w("device-and-lens", source=device.source, device=name, lens=device.lens)
    elif name:
        text = w("device", source=device.source, device=name)
    elif device.lens:
        text = w("lens", source=device.source, lens=device.lens)
    else:
        text = ""
    if text:
        said.append(
            _Said(
                one_stop(text),
                [metadata(f, v, "metadata.device") for f, v in shown.items()],
                private=True,
            )
        )
    parts, evidence = [], []
    if device.serial_numbers:
        names = join_names([_bare(f) for f in device.serial_numbers])
        parts.append(w("serial-numbers", count=len(device.serial_numbers), fields=names))
        evidence += [metadata(f, v, "metadata.serial") for f, v in device.serial_numbers.items()]
    if device.owner:
        fields = [f for f in device.fields if "Owner" in f] or [f"{device.source} owner"]
        parts.append(w("owner", field=_bare(fields[0])))
        evidence.append(metadata(fields[0], device.owner, "metadata.owner"))
    if parts:
        key = "camera-link" + ("-also" if text else "") + ("-owner" if device.owner else "")
        said.append(_Said(w(key, what=join_names(parts)), evidence, private=True))
    return said


def _people_and_times(w: Words, kb: Knowledge, meta: ImageMetadata) -> list[_Said]:
    said = []
    person = {f.lower() for f in kb.person_fields}
    people = [f for f in meta.other if _bare(f.field).lower() in person]
    if people:
        groups = by_value([(f.field, f.value) for f in people])  # a value once, with its fields
        named = [w("person-item", value=_short(v), field=join_names(f)) for f, v in groups]
        said.append(
            _Said(
                w("person", people=join_names(named)),
                [metadata(f.field, f.value, "metadata.person") for f in people],
                private=True,
            )
        )
    if meta.timestamps:
        order = sorted(meta.timestamps, key=lambda f: "DateTimeOriginal" not in f)
        groups = by_value([(f, meta.timestamps[f]) for f in order])  # a time once
        shown = groups[:MAX_TIMESTAMPS]
        more = sum(len(f) for f, _ in groups[MAX_TIMESTAMPS:])
        listed = [w("timestamp-item", value=v, field=join_names(f)) for f, v in shown]
        listed += [w("more-timestamps", count=more)] if more else []
        said.append(
            _Said(
                w("timestamps", times=join_names(listed)),
                [metadata(f, meta.timestamps[f], "metadata.timestamp") for f in order],
            )
        )
    return said


def _provenance(w: Words, kb: Knowledge, meta: ImageMetadata) -> list[_Said]:
    said = []
    groups: dict[str, dict[str, list[Evidence]]] = {"editor": {}, "generator": {}, "other": {}}
    for field in meta.editing:
        entry = _software(kb, field.value)
        kind = entry.kind if entry else "other"
        rule_id = f"kb:software:{entry.name}" if entry else "metadata.software"
        groups[kind].setdefault(field.value, []).append(metadata(field.field, field.value, rule_id))
    for kind, key in (
        ("editor", "editor"),
        ("generator", "generator"),
        ("other", "other-software"),
    ):
        if found := groups[kind]:
            said.append(
                _Said(
                    one_stop(w(key, software=join_names([_short(v) for v in found]))),
                    [ev for evidence in found.values() for ev in evidence],
                )
            )
    if meta.history:
        said.append(
            _Said(
                w("history", count=len(meta.history)),
                [metadata("XMP history", "; ".join(meta.history[:5]), "metadata.history")],
            )
        )
    person = {f.lower() for f in kb.person_fields}
    rest = [f for f in meta.other if _bare(f.field).lower() not in person]
    if rest:
        groups = by_value([(f.field, f.value) for f in rest])  # a value once, with its fields
        shown = [
            w("other-field-item", field=join_names(f), value=_short(v))
            for f, v in groups[:MAX_OTHER_FIELDS]
        ]
        more = sum(len(f) for f, _ in groups[MAX_OTHER_FIELDS:])
        shown += [w("more-fields", count=more)] if more > 0 else []
        said.append(
            _Said(
                w("other-fields", fields=join_names(shown)),
                [metadata(f.field, f.value, "metadata.text") for f in rest],
            )
        )
    if meta.c2pa:
        said.append(_Said(w("c2pa"), [metadata("C2PA", "JUMBF manifest marker", "metadata.c2pa")]))
    return said


def metadata_sentences(kb: Knowledge, meta: ImageMetadata) -> list[_Said]:
    """What section 2 says about the file's metadata: privacy findings first (position, device,
    serial numbers, people), then dates and provenance (software, history, other text, C2PA);
    one plain sentence when there is none, which is not itself suspicious."""
    w = kb.words("metadata")
    if meta.is_empty():
        return [_Said(w("none"), [metadata("EXIF, XMP", "none", "metadata.none")])]
    meta, doubts = vet(meta, kb.placeholders)  # placeholders and impossible dates: no facts
    said = _location_and_device(w, meta) + _people_and_times(w, kb, meta) + _provenance(w, kb, meta)
    said += [_Said(text, evidence) for text, evidence in doubt_sentences(w, doubts)]
    if not said:
        blocks = join_names(meta.blocks)
        said.append(
            _Said(
                w("nothing-notable", blocks=blocks),
                [metadata(blocks, "nothing notable", "metadata.nothing-notable")],
            )
        )
    return said


def user_safety(w: Words, topic: Topic) -> list[tuple[str, int]]:
    """What the lead topic's guidance tells the people who see the image, each with its priority
    in the paragraph: support resources first, then where to report it, then the first checks to
    make before acting on it (worded for the topic's family, where the wording has that family)."""
    guide, family = topic.guidance, topic.family() or ""
    if guide is None:
        return []
    said = []
    if guide.steps and f"steps-{family}" in w.phrases:
        steps = join_names(guide.steps[:MAX_STEPS])
        said.append((w(f"steps-{family}", steps=steps), STEPS))
    if guide.support:
        said.append((w("support", support=join_names(guide.support)), SUPPORT))
    if guide.report_to and f"report-to-{family}" in w.phrases:
        channels = join_names(guide.report_to[:MAX_CHANNELS], "or")
        said.append((w(f"report-to-{family}", channels=channels), REPORT_TO))
    return said


def _as_written(counted: list[str]) -> str:
    """Figures as written, mid-sentence: 'Over 3,000 people' reads 'over 3,000 people'."""
    return join_names([c[0].lower() + c[1:] if c.split()[0] in HEDGES else c for c in counted])


def security(
    kb: Knowledge, facts: Facts, post: Post | None, meta: ImageMetadata | None = None
) -> Section:
    w = kb.words("security")
    links = link_notes(kb, facts)
    # A link's sentences stay together ("The text shows the link …" before "Its domain …").
    notes = [_Said(text, evidence, True) for text, evidence, _ in links]
    said = metadata_sentences(kb, meta) if meta is not None else []
    notes += said
    par = Paragraph(2)
    where = w("where-post", platform=post.platform) if post and post.body else w("where-text")
    if not facts.topics:
        if not any(finding for *_, finding in links) and not any(n.private for n in said):
            if facts.discussed:
                titles = join_names([h.title for h in facts.discussed])
                cue = facts.discussed[0].matched[-1]
                evidence = [
                    rule(f"topic:{h.id}", f"discussed: {m}")
                    for h in facts.discussed
                    for m in h.matched
                ]
                par.say(w("discusses", where=where, titles=titles, cue=cue), *evidence)
            else:
                par.say(w("nothing-found"), rule("section2.nothing-found"))
        for note in notes:
            par.say(note.text, *note.evidence, priority=FINDING if note.private else CONTEXT)
        return par.section(MAX_WORDS)
    personal = kb.topic_for("personal-data")
    lists_data = {personal.id} if personal is not None and facts.personal_data else set()
    first, *others = kb.most_severe_first(facts.topics)
    topic = kb.topics[first.id]
    family = topic.family() or ""
    evidence = [rule(f"topic:{first.id}", f"{_how(first)}: {m}") for m in first.matched]
    if first.id in lists_data:
        par.say(w("shows-personal-data", data=_personal_data(w, facts)), *evidence)
    elif first.how == "link":  # raised by a link's address or an account's name, not by words
        par.say(w("link-raises", summary=topic.summary), *evidence)
    else:
        kind = w(f"family-{family}") if f"family-{family}" in w.phrases else w("family")
        par.say(w("describes", where=where, kind=kind, summary=topic.summary), *evidence)
        if counted := _counted(facts):
            par.say(
                w("reports", counted=_as_written(counted)),
                ocr("; ".join(counted), "facts.figures"),
                priority=FIGURES,
            )
    par.say(topic.risk, rule(f"topic:{first.id}.risk"))
    cites = "; ".join(ref.cite() for ref in topic.references)
    mitigations = f"mitigations-{family}" if f"mitigations-{family}" in w.phrases else "mitigations"
    par.say(
        w(mitigations, mitigations=join_names(topic.mitigations), cites=cites),
        rule(f"topic:{first.id}.mitigations"),
        priority=MITIGATIONS,
    )
    for text, priority in user_safety(w, topic):
        par.say(text, rule(f"topic:{first.id}.guidance"), priority=priority)
    for rank, hit in enumerate(others[:MORE_TOPICS]):
        other = kb.topics[hit.id]
        evidence = [rule(f"topic:{hit.id}", f"{_how(hit)}: {m}") for m in hit.matched]
        cites = "; ".join(ref.cite() for ref in other.references)
        mitigations = join_names(other.mitigations[:3])
        if hit.id in lists_data:
            text = w(
                "also-shows-personal-data",
                data=_personal_data(w, facts),
                mitigations=mitigations,
                cites=cites,
            )
        else:
            text = w("also-describes", summary=other.summary, mitigations=mitigations, cites=cites)
        par.say(text, *evidence, priority=OTHER_TOPIC + 2 * rank)
    rest = others[MORE_TOPICS:]
    if rest:
        par.say(
            w("touches-on", titles=join_names([h.title for h in rest])),
            *(rule(f"topic:{h.id}") for h in rest),
            priority=TOUCHES_ON,
        )
    for note in notes:
        par.say(note.text, *note.evidence, priority=FINDING if note.private else CONTEXT)
    return par.section(MAX_WORDS)
