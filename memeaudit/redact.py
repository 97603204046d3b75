"""--redact: a report with personal data masked everywhere it appears.

What is masked: the personal data the facts stage found in the pixels (email addresses, phone
numbers, street addresses), the accounts of private people (see below), any email address or
phone number in the file's free-text metadata, the GPS position (every raw GPS field, and the
decimal position the report writes), serial numbers and the camera owner's name. Each masked value
becomes a bracketed label naming its kind, e.g. "[email redacted]" or "[GPS position redacted]", so
a reader still knows what was there.

Accounts: a post's author (display name and handle), the account that reposted it, and every
@handle in the text are personal data unless the knowledge base knows the account as an
organisation or brand (its `handles`, kb/organizations.yaml and kb/brands.yaml). A verified badge
does not make an account public (badges can be bought), and a person the knowledge base does not
list is masked, public figure or not: redaction errs towards masking. Other people's names in the
text are not detected, so they are not masked.

`redact` is pure: it returns a new Report and leaves its argument alone. It masks every string of
the report: OCR text, lines and words (a word that holds part of a masked span is masked too),
post fields, facts, section text, sentences and evidence, metadata and warnings.

Outputs that show the image itself (the HTML report's picture, an annotated PNG) take
`memeaudit.blackout.redact_picture(image, report)`: the image with every glyph of every masked
OCR word painted black, not only the word's box."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from memeaudit.blackout import MASK
from memeaudit.facts.entities import HANDLE
from memeaudit.facts.pii import find_personal_data
from memeaudit.facts.text import join_names
from memeaudit.metadata import position_text
from memeaudit.model import ImageMetadata, Report

NOUN = {
    "email": ("email address", "email addresses"),
    "phone": ("phone number", "phone numbers"),
    "address": ("street address", "street addresses"),
    "handle": ("personal handle", "personal handles"),
    "booking": ("travel booking reference", "travel booking references"),
    "card": ("payment card number", "payment card numbers"),
    "name": ("private account's name", "private accounts' names"),
    "gps": ("GPS position", "GPS positions"),
    "serial": ("serial number", "serial numbers"),
    "owner": ("camera owner's name", "camera owners' names"),
}
MIN_FREE_TEXT = 4  # shorter metadata values are masked in their own fields only, not in prose
METADATA_RULES = {"metadata.gps": "gps", "metadata.serial": "serial", "metadata.owner": "owner"}
PLACE = re.compile(r"Latitude|Longitude|Altitude|Dest|Area|Position")  # raw GPS fields of a place
UNTOUCHED = ("schema_version", "memeaudit_version", "engines")  # no image text can be there


def _pattern(value: str, truncated: bool = False) -> re.Pattern[str]:
    """The value, with any run of whitespace between its words, not inside a longer word."""
    words = value.split()
    body = r"\s+".join(re.escape(w) for w in words)
    before = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    after = r"(?!\w)" if re.search(r"\w$", words[-1]) and not truncated else ""
    return re.compile(before + body + after)


PIECED = ("email", "phone", "address", "handle", "name")  # values a quotation may cut


def _telling(piece: str) -> bool:
    """A piece of a value that gives some of it away on its own: two words or more, or one of
    four characters or more ("Evergreen", "75002"; not "12" or "de")."""
    return len(piece.split()) >= 2 or len(piece.strip(",;:")) >= MIN_FREE_TEXT


class _Masker:
    def __init__(self, targets: Iterable[tuple[str, str]]) -> None:
        chosen = {(k, v.strip()) for k, v in targets if v and v.strip()}
        # A value OCR read over several lines (a card's number in fours) is masked line by line too.
        chosen |= {
            (k, ln.strip()) for k, v in chosen if "\n" in v for ln in v.split("\n") if ln.strip()
        }
        self.targets = sorted(chosen, key=lambda t: -len(t[1]))  # longest first
        self.patterns: list[tuple[re.Pattern[str], str]] = []
        for kind, value in self.targets:
            if len(value) < MIN_FREE_TEXT and kind in ("serial", "owner", "gps"):
                continue
            self.patterns.append((_pattern(value), MASK[kind]))
        # A quote cut at a word boundary ("+1 …") must not keep the first words of a value, nor
        # one that starts after a cut ("… 00186 Roma") its last ones. Evidence may end or start
        # at such a cut without the "…" (two words or more are masked there: one alone may be
        # any word), and a section may quote a piece of a value on its own (a
        # claim's figures: “742 Evergreen”): there, a telling piece is masked (see _telling).
        for kind, value in self.targets:
            if kind not in PIECED:
                continue
            words = value.split()
            for k in range(len(words) - 1, 0, -1):
                head, tail = " ".join(words[:k]), " ".join(words[k:]).lstrip(",;: ")
                at_end = r"(?=\s+…|\s*$)" if k > 1 else r"(?=\s+…)"
                at_start = r"(?:(?<=… )|^)" if len(tail.split()) > 1 else r"(?<=… )"
                self.patterns.append(
                    (re.compile(_pattern(head, True).pattern + at_end), MASK[kind])
                )
                self.patterns.append((re.compile(at_start + _pattern(tail).pattern), MASK[kind]))
            pieces = {
                " ".join(words[i:j]).strip(",;:") for j in range(len(words) + 1) for i in range(j)
            }
            for piece in sorted(filter(_telling, pieces), key=len, reverse=True):
                quoted = r"(?<=[“\"'‘])" + _pattern(piece, True).pattern + r"(?=[”\"'’])"
                self.patterns.append((re.compile(quoted), MASK[kind]))
        # A word holding a piece of a phone number or email address, wherever it stands alone.
        self.tokens = {
            w: MASK[kind]
            for kind, value in self.targets
            if kind in ("email", "phone")
            for w in value.split()
            if len(w) >= MIN_FREE_TEXT and re.search(r"[\d@]", w)
        }

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, mask) of every value in the text, longest values first."""
        found: list[tuple[int, int, str]] = []
        for pattern, mask in self.patterns:
            for m in pattern.finditer(text):
                if m.end() > m.start() and all(m.end() <= s or m.start() >= e for s, e, _ in found):
                    found.append((m.start(), m.end(), mask))
        return sorted(found)

    def text(self, text: str) -> str:
        out, at = [], 0
        for start, end, mask in self.spans(text):
            out += [text[at:start], mask]
            at = end
        return "".join(out) + text[at:]

    def word(self, word: str) -> str:
        """A word seen outside its line: masked whole if it is a piece of a masked value."""
        masked = self.text(word)
        return self.tokens.get(word.strip(".,;:!?()[]\"'"), masked)

    def line(self, line: dict[str, Any]) -> tuple[dict[tuple[Any, ...], str], list[Filler]]:
        """Mask a line and each of its words by where the masked spans fall in the line's text;
        returns the masked text of each word, by (text, bbox, engine), and the words added for
        masked text that no word held (see _unboxed)."""
        text = line["text"]
        spans = self.spans(text)
        masked: dict[tuple[Any, ...], str] = {}
        placed: list[tuple[int, int, tuple[Any, ...]]] = []
        at = 0
        for word in line.get("words", []):
            key = (word["text"], tuple(word["bbox"]), word["engine"])
            start = text.find(word["text"], at) if word["text"] else -1
            if start < 0:
                new = self.word(word["text"])
            else:
                end = start + len(word["text"])
                at = end
                placed.append((start, end, key))
                new, cur = "", start
                for s, e, mask in spans:
                    if e <= start or s >= end:
                        continue
                    new += text[cur:s] if s > cur else ""
                    new += mask
                    cur = max(cur, e)
                new += text[cur:end] if cur < end else ""
            masked[key] = word["text"] = new
        fillers = _unboxed(line, spans, placed)
        words = line.get("words", [])
        for before, _, filler in reversed(fillers):
            keys = [(tuple(w["bbox"]), w["engine"]) for w in words]
            words.insert(keys.index(before[1:]) + 1 if before else 0, filler)
        line["text"] = self.text(text)
        return masked, fillers


Key = tuple[Any, ...]  # (text, bbox, engine) of a word, as read
Filler = tuple[Key | None, Key | None, dict[str, Any]]  # the words before and after it; it


def _unboxed(
    line: dict[str, Any],
    spans: list[tuple[int, int, str]],
    placed: list[tuple[int, int, tuple[Any, ...]]],
) -> list[Filler]:
    """A word for each masked stretch of a line's text that no OCR word holds (the OCR clean-up
    drops a word it cannot place; an engine may box less than it read), boxed between the words
    either side of it on the line, so that the picture paints it too."""
    text, (lx, ly, lw, lh) = line["text"], line["bbox"]
    covered = [False] * len(text)
    for start, end, _ in placed:
        covered[start:end] = [True] * (end - start)
    fillers: list[Filler] = []
    for s, e, mask in spans:
        for piece in re.finditer(
            r"\S+", "".join(" " if covered[i] else text[i] for i in range(s, e))
        ):
            a, b = s + piece.start(), s + piece.end()
            before = [p for p in placed if p[1] <= a]
            after = [p for p in placed if p[0] >= b]
            x0 = before[-1][2][1][0] + before[-1][2][1][2] if before else lx
            x1 = after[0][2][1][0] if after else lx + lw
            if x1 <= x0:  # the neighbours' boxes overlap: place it by its characters
                per_char = lw / max(1, len(text))
                x0, x1 = lx + round(a * per_char), lx + round(b * per_char)
            box = (x0, ly, max(1, x1 - x0), lh)
            word = {"text": mask, "conf": 0.0, "bbox": box, "engine": line["engine"]}
            fillers.append(
                (before[-1][2] if before else None, after[0][2] if after else None, word)
            )
    return fillers


def _walk(value: Any, masker: _Masker) -> Any:
    if isinstance(value, str):
        return masker.text(value)
    if isinstance(value, dict):
        return {k: _walk(v, masker) for k, v in value.items()}
    if isinstance(value, list | tuple):
        walked = [_walk(v, masker) for v in value]
        return walked if isinstance(value, list) else tuple(walked)
    return value


def _account_targets(
    report: Report, public: tuple[frozenset[str], frozenset[str]]
) -> list[tuple[str, str]]:
    """The handles and display names of accounts that are not known public ones: the post's
    author, a quoted post's author, who reposted it, and every @handle in the text."""
    handles, names = public
    targets: list[tuple[str, str]] = []
    posts = [report.post] if report.post is not None else []
    posts += [q for p in posts if (q := p.quoted) is not None]
    for post in posts:
        handle = (post.handle or "").strip()
        known = handle.lstrip("@").lower() in handles
        if handle and not known:
            targets.append(("handle", handle))
        name = (post.display_name or "").strip()
        if name and not known and name.lower() not in names:
            targets.append(("name", name))
        reposter = (post.reposted_by or "").strip()
        if reposter and reposter.lower() not in names:
            targets.append(("name", reposter))
    for match in HANDLE.finditer(report.ocr.text):
        if match.group(0)[1:].lower() not in handles:
            targets.append(("handle", match.group(0)))
    return targets


def _metadata_targets(meta: ImageMetadata | None) -> list[tuple[str, str]]:
    """GPS, serial numbers, the owner's name, and emails and phone numbers in free-text fields."""
    if meta is None:
        return []
    targets: list[tuple[str, str]] = []
    if (gps := meta.gps) is not None:
        if gps.latitude is not None and gps.longitude is not None:
            targets.append(("gps", position_text(gps)))
        targets += [("gps", v) for k, v in gps.raw.items() if PLACE.search(k)]
    if (device := meta.device) is not None:
        targets += [("serial", v) for v in device.serial_numbers.values()]
        if device.owner:
            targets.append(("owner", device.owner))
    for text in [f.value for f in meta.other] + meta.history:
        targets += [(p.kind, p.text) for p in find_personal_data(text)]
    return targets


def _mask_metadata(meta: dict[str, Any] | None) -> None:
    """The fields themselves, whatever their length: GPS (position and raw), serials, owner."""
    if not meta:
        return
    if gps := meta.get("gps"):
        gps.update(latitude=None, longitude=None, altitude=None)
        gps["raw"] = {k: MASK["gps"] if PLACE.search(k) else v for k, v in gps["raw"].items()}
    if device := meta.get("device"):
        device["serial_numbers"] = {k: MASK["serial"] for k in device.get("serial_numbers", {})}
        owner = device.get("owner")
        if owner:
            device["owner"] = MASK["owner"]
            device["fields"] = {
                k: MASK["owner"] if v == owner else v for k, v in device.get("fields", {}).items()
            }


def _mask_evidence(sections: list[dict[str, Any]]) -> None:
    """Evidence that quotes a masked metadata field keeps the field's name, not its value."""
    for section in sections:
        items = [*section.get("evidence", [])]
        items += [ev for sentence in section.get("sentences", []) for ev in sentence["evidence"]]
        for ev in items:
            kind = METADATA_RULES.get(ev.get("rule") or "")
            if ev.get("kind") == "metadata" and kind and ev.get("text"):
                ev["text"] = f"{ev['text'].split(': ', 1)[0]}: {MASK[kind]}"


def _drop_masked_names(facts: dict[str, Any], masker: _Masker) -> None:
    """Names that share a word with a masked value ("Evergreen Terrace" of a street address,
    taken for whom a claim concerns) go with it: redaction errs towards masking."""
    masked = {w.strip(".,;:()") for _, value in masker.targets for w in value.split()}
    for claim in facts.get("claims", []):
        concerns = claim.get("concerns", [])
        claim["concerns"] = [c for c in concerns if not masked & set(c.split())]


def _note(targets: list[tuple[str, str]]) -> str:
    counts: dict[str, int] = {}
    for kind, _ in targets:
        counts[kind] = counts.get(kind, 0) + 1
    if "gps" in counts:
        counts["gps"] = 1  # one position, however many fields write it
    if not counts:
        return (
            "Redaction (--redact) was on: no personal data, private account, GPS position, serial "
            "number or owner name was found to mask."
        )
    listed = [f"{n} {NOUN[k][n != 1]}" for k in MASK if (n := counts.get(k, 0))]
    return (
        f"Redaction (--redact) masked {join_names(listed)} in this report's text, post fields, "
        "facts, sections, evidence and metadata."
    )


def redact(
    report: Report, public: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
) -> Report:
    """The report with personal data, private accounts, GPS position, serial numbers and owner
    name masked in every field; a warning says what was masked, counted per kind. `public` is
    (handles, names) of the accounts to keep (Knowledge.public_accounts()); by default every
    account is masked. The argument is left unchanged."""
    data = report.model_dump()
    meta = data["image"].get("metadata")
    targets = [(p.kind, p.text) for p in report.facts.personal_data]
    targets += _account_targets(report, public)
    targets += _metadata_targets(report.image.metadata)
    masker = _Masker(targets)
    by_word: dict[tuple[Any, ...], str] = {}
    fillers: list[Filler] = []
    for line in data["ocr"]["lines"]:
        masked, added = masker.line(line)
        by_word.update(masked)
        fillers += added
    words = data["ocr"]["words"]
    for before, after, filler in reversed(fillers):  # where it stands in its line
        keys = [(w["text"], tuple(w["bbox"]), w["engine"]) for w in words]
        at = keys.index(before) + 1 if before in keys else len(words)
        words.insert(keys.index(after) if before not in keys and after in keys else at, filler)
    for word in data["ocr"]["words"]:
        key = (word["text"], tuple(word["bbox"]), word["engine"])
        word["text"] = by_word[key] if key in by_word else masker.word(word["text"])
    _mask_metadata(meta)
    _mask_evidence(data["sections"])
    _drop_masked_names(data["facts"], masker)
    kept = {key: data.pop(key) for key in UNTOUCHED}
    sha256 = data["image"].pop("sha256")
    data = _walk(data, masker)
    data["image"]["sha256"] = sha256
    data.update(kept)
    data["warnings"] = [*data["warnings"], _note(masker.targets)]
    return Report.model_validate(data)
