"""The rules engine: facts in, sections 2-5 out. Knowledge comes from the rule packs; this file
only decides which entries apply and joins their sentences into paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from memeaudit.facts import PII_TOPIC
from memeaudit.facts.text import end_with_quote, join_names
from memeaudit.knowledge.loader import Knowledge
from memeaudit.knowledge.schema import Software
from memeaudit.metadata import position_text
from memeaudit.model import Entity, Evidence, Facts, ImageMetadata, Post, Section, TopicHit
from memeaudit.sections.description import article
from memeaudit.sections.paragraph import Paragraph, metadata, ocr, post_field, rule

MORE_TOPICS = 2  # topics after the first get one sentence each, up to this many
MAX_CLAIMS = 3
MAX_LEGAL_ISSUES = 6
MAX_RESPONSES = 5
PII_NOUN = {
    "email": "an email address",
    "phone": "a phone number",
    "address": "a street address",
    "handle": "a personal handle",
}
DEFAMATION_NOTE = "defamation"
MAX_TIMESTAMPS = 3  # timestamps named in section 2; the rest are counted
MAX_OTHER_FIELDS = 3  # other metadata fields quoted in section 2
QUOTED_VALUE = 80  # characters of a metadata value quoted in a sentence
NO_METADATA = (
    "The file carries no EXIF or XMP metadata (common for screenshots and for images re-saved by "
    "social platforms); its absence says nothing about where it came from."
)
NOTHING = {
    2: "No security or privacy issue is evident from the text or imagery.",
    3: "No social platform, AI product or AI company is identifiable in the image.",
    4: "The image's text makes no factual claim that could be checked.",
    5: "No legal or ethical issue is evident from the text or imagery.",
}


def _personal_data(facts: Facts) -> str:
    """'an email address (a@b.org) and a phone number (+1 415-555-0132)'."""
    return join_names([f"{PII_NOUN[p.kind]} ({p.text})" for p in facts.personal_data])


def _how(hit: TopicHit) -> str:
    """'keyword', or 'similarity 0.612' for a topic found by sentence similarity."""
    return f"{hit.how} {hit.score:.3f}" if hit.score is not None else hit.how


def _nothing(number: int) -> Section:
    par = Paragraph(number)
    par.say(NOTHING[number], rule(f"section{number}.nothing-found"))
    return par.section()


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


def _end(text: str) -> str:
    """A sentence ending in a value gets a full stop unless the value already ends one."""
    return text if text.endswith((".", "!", "?", "…")) else text + "."


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


def _location_and_device(meta: ImageMetadata) -> list[_Said]:
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
                f"The file's {gps.source} metadata records a GPS position ({where}), which can "
                "reveal where the photo was taken.",
                [metadata(f"{gps.source} {fields}", where, "metadata.gps")],
                private=True,
            )
        )
    if (device := meta.device) is None:
        return said
    name = _device_name(device.make, device.model)
    shown = {f: v for f, v in device.fields.items() if "Owner" not in f}
    if name:
        lens = f", with the lens {device.lens}" if device.lens else ""
        text = _end(f"{device.source} names the capturing device: {name}{lens}")
    elif device.lens:
        text = _end(f"{device.source} names the lens the picture was taken with: {device.lens}")
    else:
        text = ""
    if text:
        said.append(
            _Said(text, [metadata(f, v, "metadata.device") for f, v in shown.items()], private=True)
        )
    parts, evidence = [], []
    if device.serial_numbers:
        count = len(device.serial_numbers)
        names = join_names([_bare(f) for f in device.serial_numbers])
        parts.append(f"{'a serial number' if count == 1 else 'serial numbers'} ({names})")
        evidence += [metadata(f, v, "metadata.serial") for f, v in device.serial_numbers.items()]
    if device.owner:
        fields = [f for f in device.fields if "Owner" in f] or [f"{device.source} owner"]
        parts.append(f"the camera owner's name ({_bare(fields[0])})")
        evidence.append(metadata(fields[0], device.owner, "metadata.owner"))
    if parts:
        also = "also " if text else ""
        owner = " and to its owner" if device.owner else ""
        said.append(
            _Said(
                f"The metadata {also}records {join_names(parts)}, which can link this picture to "
                f"other photos from the same camera{owner}.",
                evidence,
                private=True,
            )
        )
    return said


def _people_and_times(kb: Knowledge, meta: ImageMetadata) -> list[_Said]:
    said = []
    person = {f.lower() for f in kb.person_fields}
    people = [f for f in meta.other if _bare(f.field).lower() in person]
    if people:
        named = join_names([f"“{_short(f.value)}” ({f.field})" for f in people])
        said.append(
            _Said(
                f"The metadata names a person or rights holder: {named}.",
                [metadata(f.field, f.value, "metadata.person") for f in people],
                private=True,
            )
        )
    if meta.timestamps:
        order = sorted(meta.timestamps, key=lambda f: "DateTimeOriginal" not in f)
        shown = order[:MAX_TIMESTAMPS]
        more = len(order) - len(shown)
        listed = [f"{meta.timestamps[f]} ({f})" for f in shown]
        listed += [f"{more} more timestamp{'s' if more > 1 else ''}"] if more else []
        said.append(
            _Said(
                f"The metadata records when the picture was taken or last changed: "
                f"{join_names(listed)}.",
                [metadata(f, meta.timestamps[f], "metadata.timestamp") for f in order],
            )
        )
    return said


def _provenance(kb: Knowledge, meta: ImageMetadata) -> list[_Said]:
    said = []
    groups: dict[str, dict[str, list[Evidence]]] = {"editor": {}, "generator": {}, "other": {}}
    for field in meta.editing:
        entry = _software(kb, field.value)
        kind = entry.kind if entry else "other"
        rule_id = f"kb:software:{entry.name}" if entry else "metadata.software"
        groups[kind].setdefault(field.value, []).append(metadata(field.field, field.value, rule_id))
    leads = {
        "editor": "The file records editing software: {}",
        "generator": "The file's metadata names an AI image generator: {}; the picture may be "
        "wholly or partly AI-generated",
        "other": "The file names the software that wrote it: {}",
    }
    for kind, lead in leads.items():
        if found := groups[kind]:
            said.append(
                _Said(
                    _end(lead.format(join_names([_short(v) for v in found]))),
                    [ev for evidence in found.values() for ev in evidence],
                )
            )
    if meta.history:
        steps = len(meta.history)
        said.append(
            _Said(
                f"Its XMP metadata keeps an edit history of {steps} step{'s' if steps > 1 else ''}, "
                "which records how the file was made or changed.",
                [metadata("XMP history", "; ".join(meta.history[:5]), "metadata.history")],
            )
        )
    person = {f.lower() for f in kb.person_fields}
    rest = [f for f in meta.other if _bare(f.field).lower() not in person]
    if rest:
        shown = [f"{f.field} “{_short(f.value)}”" for f in rest[:MAX_OTHER_FIELDS]]
        more = len(rest) - MAX_OTHER_FIELDS
        shown += [f"{more} more field{'s' if more > 1 else ''}"] if more > 0 else []
        said.append(
            _Said(
                f"Other metadata fields carry text: {join_names(shown)}.",
                [metadata(f.field, f.value, "metadata.text") for f in rest],
            )
        )
    if meta.c2pa:
        said.append(
            _Said(
                "The file carries a C2PA manifest (Content Credentials), which can record who made "
                "the picture and how it was edited; memeaudit notes its presence but does not "
                "verify it.",
                [metadata("C2PA", "JUMBF manifest marker", "metadata.c2pa")],
            )
        )
    return said


def metadata_sentences(kb: Knowledge, meta: ImageMetadata) -> list[_Said]:
    """What section 2 says about the file's metadata: privacy findings first (position, device,
    serial numbers, people), then dates and provenance (software, history, other text, C2PA);
    one plain sentence when there is none, which is not itself suspicious."""
    if meta.is_empty():
        return [_Said(NO_METADATA, [metadata("EXIF, XMP", "none", "metadata.none")])]
    said = _location_and_device(meta) + _people_and_times(kb, meta) + _provenance(kb, meta)
    if not said:
        blocks = join_names(meta.blocks)
        said.append(
            _Said(
                f"The file's {blocks} metadata names no place, device, person, date or software.",
                [metadata(blocks, "nothing notable", "metadata.nothing-notable")],
            )
        )
    return said


def security(
    kb: Knowledge, facts: Facts, post: Post | None, meta: ImageMetadata | None = None
) -> Section:
    notes = metadata_sentences(kb, meta) if meta is not None else []
    if not facts.topics:
        par = Paragraph(2)
        if not any(n.private for n in notes):
            par.say(NOTHING[2], rule("section2.nothing-found"))
        for note in notes:
            par.say(note.text, *note.evidence)
        return par.section()
    par = Paragraph(2)
    where = (
        f"embedded {post.platform} post" if post is not None and post.body else "text in the image"
    )
    first, *others = kb.most_severe_first(facts.topics)
    topic = kb.topics[first.id]
    evidence = [rule(f"topic:{first.id}", f"{_how(first)}: {m}") for m in first.matched]
    if first.id == PII_TOPIC and facts.personal_data:
        shown = _personal_data(facts)
        par.say(f"The image shows personal data: {shown}.", *evidence)
    else:
        par.say(f"The {where} describes {topic.summary}.", *evidence)
        if counted := _counted(facts):
            par.say(f"It reports {join_names(counted)}.", ocr("; ".join(counted), "facts.figures"))
    par.say(topic.risk, rule(f"topic:{first.id}.risk"))
    cites = "; ".join(ref.cite() for ref in topic.references)
    par.say(
        f"Mitigations discussed in public literature and standards include "
        f"{join_names(topic.mitigations)} ({cites}).",
        rule(f"topic:{first.id}.mitigations"),
    )
    for hit in others[:MORE_TOPICS]:
        other = kb.topics[hit.id]
        evidence = [rule(f"topic:{hit.id}", f"{_how(hit)}: {m}") for m in hit.matched]
        cites = "; ".join(ref.cite() for ref in other.references)
        if hit.id == PII_TOPIC and facts.personal_data:
            shown = _personal_data(facts)
            lead = f"The image also shows personal data: {shown}"
        else:
            lead = f"It also describes {other.summary}"
        par.say(
            f"{lead}; the usual countermeasures are {join_names(other.mitigations[:3])} ({cites}).",
            *evidence,
        )
    rest = others[MORE_TOPICS:]
    if rest:
        par.say(
            f"The text also touches on {join_names([h.title for h in rest])}.",
            *(rule(f"topic:{h.id}") for h in rest),
        )
    for note in notes:
        par.say(note.text, *note.evidence)
    return par.section()


def _named(entities: list[Entity]) -> list[str]:
    """'ChatGPT (OpenAI)' for products, the bare name for organisations; one per name."""
    names: dict[str, str] = {}
    products = {e.name for e in entities if e.kind == "product"}
    for e in entities:
        if e.kind == "product":
            names.setdefault(
                e.name, e.name if e.provider in (None, e.name) else f"{e.name} ({e.provider})"
            )
        elif e.kind == "organization" and e.name not in products:
            names.setdefault(e.name, e.name)
    return list(names.values())


def platforms(kb: Knowledge, facts: Facts, post: Post | None) -> Section:
    par = Paragraph(3)
    if post is not None:
        info = next((p for p in kb.platforms if p.name == post.platform), None)
        formerly = f" (formerly {info.formerly})" if info and info.formerly else ""
        cues = ["a display name and @handle"]
        cues += ["a timestamp line"] if post.timestamp_raw else []
        cues += (
            ["a row of counts"]
            if any(v is not None for v in post.counts.model_dump().values())
            else []
        )
        par.say(
            f"The screenshot has the layout of {article(post.platform)} {post.platform}{formerly} post: "
            f"{join_names(cues)}.",
            post_field("platform", post.platform, "post.layout"),
        )
    wording = {
        "label": "The labels over the picture name",
        "post-body": "The post's text names",
        "ocr": "The text in the image names",
    }
    for source, lead in wording.items():
        entities = [
            e
            for e in facts.entities
            if e.source == source and e.kind in ("product", "organization")
        ]
        if named := _named(entities):
            par.say(
                f"{lead} {join_names(named)}.",
                *(rule(f"kb:{e.kind}:{e.name}", e.matched) for e in entities),
            )
    mentioned = {e.name: e for e in facts.entities if e.kind == "platform" and e.source != "layout"}
    mentioned.pop(post.platform if post else "", None)
    if mentioned:
        named = [
            n if e.matched.lower() == n.lower() else f"{n} (as “{e.matched}”)"
            for n, e in sorted(mentioned.items())
        ]
        lead = "It also names" if par.sentences else "The text in the image names"
        par.say(
            f"{lead} the platform{'s' if len(named) > 1 else ''} {join_names(named)}.",
            *(rule(f"kb:platform:{n}", e.matched) for n, e in sorted(mentioned.items())),
        )
    for org in [
        e for e in facts.entities if e.source == "post-author" and e.kind == "organization"
    ]:
        made = sorted(
            {e.name for e in facts.entities if e.kind == "product" and e.provider == org.name}
        )
        if made:
            par.say(
                f"The post's author, {org.name}, is the provider of {join_names(made)}, according to "
                "memeaudit's knowledge base.",
                rule(f"kb:organization:{org.name}", org.matched),
            )
    return par.section() if par.sentences else _nothing(3)


def _accused(facts: Facts) -> list[str]:
    """Organisations the post's text names, other than its author."""
    authors = {e.name for e in facts.entities if e.source == "post-author"}
    return list(
        dict.fromkeys(
            e.name
            for e in facts.entities
            if e.source == "post-body" and e.kind == "organization" and e.name not in authors
        )
    )


def claims(facts: Facts, post: Post | None) -> Section:
    if not facts.claims:
        return _nothing(4)
    par = Paragraph(4)
    chosen = sorted(facts.claims, key=lambda c: -len(c.figures))[:MAX_CLAIMS]
    chosen.sort(key=facts.claims.index)
    speaker = None
    for claim in chosen:
        if claim.speaker is None:
            who = "The text in the image"
        else:
            who = "It also" if claim.speaker == speaker else claim.speaker
        speaker = claim.speaker
        verb = "asserts" if not claim.hedges else "suggests, with hedged wording,"
        par.say(end_with_quote(f"{who} {verb}:", claim.text), ocr(claim.text, "facts.claims"))
    shown = [f for c in chosen for f in c.figures if f.unit != "date"]
    if shown:
        figures = join_names(
            [
                f"“{f.text}”"
                + (f" ({f.unit})" if f.unit not in ("percent", "ratio", "money") else "")
                for f in shown
            ]
        )
        par.say(
            f"The figures, exactly as written: {figures}.",
            *(ocr(f.text, "facts.figures") for f in shown),
        )
    authors = [
        e.name for e in facts.entities if e.source == "post-author" and e.kind == "organization"
    ]
    accused = _accused(facts)
    if authors and accused:
        par.say(
            f"The image attributes these claims to a named organisation, {authors[0]}, and "
            f"names {join_names(accused)} as the parties involved.",
            rule("claims.attribution"),
        )
    if post is not None:
        original = f"the original post by {post.handle}" if post.handle else "the original post"
        par.say(
            f"The image is a screenshot, a secondary presentation of the claims: verifying them needs "
            f"{original}, statements from the companies or people named, or independent reporting, "
            f"rather than the image alone.",
            rule("claims.secondary-source"),
        )
    else:
        par.say(
            "The image does not show who made these statements or where; it is a secondary "
            "presentation, and verifying it needs an original source or independent reporting.",
            rule("claims.unsourced"),
        )
    return par.section()


def legal(kb: Knowledge, facts: Facts) -> Section:
    hits = kb.most_severe_first(facts.topics)
    notes = list(dict.fromkeys(n for h in hits for n in kb.topics[h.id].legal))
    if hits and _accused(facts) and DEFAMATION_NOTE in kb.legal:
        notes.insert(min(len(notes), MAX_LEGAL_ISSUES - 1), DEFAMATION_NOTE)
    chosen = [kb.legal[n] for n in notes if n in kb.legal][:MAX_LEGAL_ISSUES]
    if not chosen:
        return _nothing(5)
    par = Paragraph(5)
    evidence = [rule(f"legal:{n.id}") for n in chosen]
    par.say(
        f"What the image describes ({'; '.join(h.title for h in hits)}) raises questions about "
        f"{join_names([n.issue for n in chosen])}.",
        *evidence,
    )
    responses = list(dict.fromkeys(n.response for n in chosen))[:MAX_RESPONSES]
    par.say(f"Responses can include {join_names(responses)}.", *evidence[: len(responses)])
    par.say(
        "These points give context for review, not a legal conclusion; each case needs its own "
        "analysis.",
        rule("legal.caveat"),
    )
    return par.section()


def write_sections(
    kb: Knowledge, facts: Facts, post: Post | None, meta: ImageMetadata | None = None
) -> list[Section]:
    """Sections 2 to 5; `meta` (the file's metadata, if it was read) adds to section 2."""
    return [
        security(kb, facts, post, meta),
        platforms(kb, facts, post),
        claims(facts, post),
        legal(kb, facts),
    ]
