"""An email screenshot's rows -> sender (name and address), recipient, subject, date and body.

Two layouts: a header block ('From: Name <address>', 'To:', 'Subject:', 'Date:') and a webmail
view (the subject on top, then 'Name <address>', 'to me', the date on the right)."""

from __future__ import annotations

import re

from memeaudit.kinds.chrome import phrases, words
from memeaudit.kinds.rows import AVATAR, Row, plain
from memeaudit.kinds.when import when
from memeaudit.model import Email

ADDRESS = re.compile(r"[\w.+'’-]+@[\w-]+(?:\.[\w-]+)+")
LABEL = re.compile(
    r"^(?P<label>from|to|cc|bcc|subject|date|sent|reply-to)\s*[:;]\s*(?P<value>.*)$", re.I
)
CLOCK = re.compile(r"^\s*\d{1,2}[:.]\d{2}(\s?[ap]m)?\s*$", re.I)  # a bare time: no subject
# The folder chip after a webmail subject, often read stuck to it ('Saturdayinbox').
FOLDER = re.compile(r"\s*(?:inbox|spam|junk|important|external|updates|promotions)\s*[x×]?$", re.I)
HEADER_ROWS = 6  # the sender is among the first rows of a webmail view
MAX_NAME_WORDS = 5


def sender(value: str) -> tuple[str | None, str | None]:
    """'Name <address>' -> (name, address); a bare address -> (None, address)."""
    found = ADDRESS.search(value)
    if found is None:
        return (value.strip(" \"'") or None), None
    name = value[: found.start()].strip(" <«(\"'[").strip()
    return (name or None), found.group(0).strip(".")


def parse_email(rows_: list[Row]) -> Email:
    labelled = {}
    last_header = -1
    for i, row in enumerate(rows_):
        if (found := LABEL.match(row.text.strip())) and found["label"].lower() not in labelled:
            labelled[found["label"].lower()] = found["value"].strip()
            last_header = i
    if "from" in labelled or "subject" in labelled:
        name, address = sender(labelled.get("from", ""))
        subject = _spaced(labelled.get("subject"))
        body_rows = rows_[last_header + 1 :]
        return Email(
            from_name=name,
            from_address=address,
            to=labelled.get("to") or None,
            subject=subject or None,
            date=labelled.get("date") or labelled.get("sent") or None,
            body=_body(body_rows),
        )
    return _webmail(rows_)


def _webmail(rows_: list[Row]) -> Email:
    at = next(
        (i for i, r in enumerate(rows_[:HEADER_ROWS]) if ADDRESS.search(r.text) and "@" in r.text),
        None,
    )
    if at is None:
        return Email(body=_body(rows_))
    name, address = sender(rows_[at].text)
    if name is not None and AVATAR.match(name):  # 'IS <it-support@…>': the avatar, not a name
        name = None
    dated = [i for i in range(max(at - 2, 0), min(at + 4, len(rows_))) if _date_only(rows_[i])]
    above = [
        i
        for i in range(at)
        if i not in dated
        and not AVATAR.match(rows_[i].text.strip())
        and not CLOCK.match(rows_[i].text)
    ]
    if name is None and above and _name_over(rows_[above[-1]], rows_[at]):
        name, above = rows_[above[-1]].text.strip(), above[:-1]  # 'Name' over '<address>'
    subject = _spaced(FOLDER.sub("", rows_[above[-1]].text).strip(" <‹←")) if above else None
    if subject is not None and sum(c.isalpha() for c in subject) < 3:
        subject = None  # a back button's '<', the status bar's '5G': no subject
    date = when(rows_[dated[0]].text) if dated else None
    header_end = max([at, *dated]) + 1
    to = None
    for i in range(at + 1, min(at + 4, len(rows_))):
        text = rows_[i].text.strip()
        if found := re.match(r"^to\s*:?\s+(?=\S)", text, re.I):  # 'to staff@…', 'To: j@…'
            to = re.sub(r"[\s▾▼v]+$", "", text[found.end() :]).strip() or None
            header_end = max(header_end, i + 1)
    return Email(
        from_name=name,
        from_address=address,
        to=to,
        subject=subject or None,
        date=date,
        body=_body(rows_[header_end:]),
    )


def _spaced(text: str | None) -> str | None:
    """The space OCR drops after a colon put back ('Action required:verify your account')."""
    return re.sub(r"(?<=[^\W\d_]):(?=[^\W\d_])", ": ", text) if text else text


def _name_over(row: Row, address: Row) -> bool:
    """A sender's name drawn on its own row right over the address, where it starts."""
    gap = address.top - row.bottom
    left = min((ln.bbox[0] for ln in address.lines if "@" in ln.text), default=address.bbox[0])
    return (
        abs(row.bbox[0] - left) < address.height  # where the address starts, not its avatar
        and gap < address.height
        and not ADDRESS.search(row.text)
        and 0 < len(row.text.split()) <= MAX_NAME_WORDS
    )


def _date_only(row: Row) -> bool:
    found = when(row.text)
    return found is not None and len(row.text.strip()) <= len(found) + 4


def _body(rows_: list[Row]) -> str | None:
    """The message's rows, from the first after the headers to the sign-off, without buttons."""
    chrome = phrases("email")
    sign_offs = {plain(s) for s in words("email", "sign_off")}
    kept = []
    for row in rows_:
        if plain(row.text) in sign_offs:
            break
        if not chrome.match(row.text):
            kept.append(row.text.strip())
    return " ".join(kept) or None
