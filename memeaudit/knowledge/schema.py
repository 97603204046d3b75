"""The schema of knowledge files and rule packs (YAML), validated with pydantic."""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from functools import cache
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.\s?-?)+$")
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


@cache
def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A knowledge file's pattern, compiled once per process: when loading checks it, and for
    the matcher, which reuses it (the re module's own cache holds 512, fewer than the packs')."""
    return re.compile(pattern, flags)


def _compiles(flags: int) -> Callable[[str], str]:
    """A validator: the pattern compiles with the flags its matcher uses (a bad one is a rules
    error naming file and line at load and at `rules lint`, not a crash while matching)."""

    def check(pattern: str) -> str:
        try:
            compiled(pattern, flags)
        except re.error as err:
            raise ValueError(f"not a valid regular expression ({err})") from err
        return pattern

    return check


TopicRegex = Annotated[Text, AfterValidator(_compiles(re.IGNORECASE))]  # facts/topics.py
Pattern = Annotated[Text, AfterValidator(_compiles(0))]  # facts/claims.py
LEVELS = ("informational", "low", "medium", "high", "critical")  # Sigma's, least severe first
Level = Literal["informational", "low", "medium", "high", "critical"]
Status = Literal["stable", "test", "experimental"]
# A namespaced tag, as Sigma writes them: `family.cybercrime`, `dsa.scams-and-fraud`.
Tag = Annotated[Text, StringConstraints(pattern=r"^[a-z][a-z0-9-]*\.[a-z0-9][a-z0-9./-]*$")]


def placeholders(text: str) -> frozenset[str]:
    """The `{name}` fields of a phrase. Only plain names: `{0}`, `{a.b}`, `{a[0]}`, `{a!r}` and
    `{a:>9}` are refused, so a phrase can show a value but never reach into it."""
    names = set()
    for _, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise ValueError(f"{{{name}...}}: only plain {{name}} fields are allowed")
        names.add(name)
    return frozenset(names)


def _phrase_fields(text: str) -> str:
    try:
        placeholders(text)
    except ValueError as err:  # an unmatched brace, or a field that is not a plain name
        raise ValueError(f"not a usable phrase ({err})") from err
    return text


# Phrases keep their spaces: a fragment such as " (formerly {name})" joins a sentence.
PhraseText = Annotated[str, StringConstraints(min_length=1), AfterValidator(_phrase_fields)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Reference(Strict):
    authors: Text
    year: int = Field(ge=1900, le=2100)
    title: Text
    venue: str | None = None
    url: str | None = None

    def cite(self) -> str:
        """Short in-text form: 'Tramèr et al., 2016', 'Chesney and Citron, 2019', 'NIST, 2024'."""
        if "," not in self.authors:  # an organisation, or one name
            return f"{self.authors}, {self.year}"
        parts = re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", self.authors)
        surnames = [p for p in parts if p and not _INITIALS.match(p) and p != "et al."]
        if len(surnames) == 2 and "et al." not in self.authors:
            return f"{surnames[0]} and {surnames[1]}, {self.year}"
        several = len(surnames) > 2 or "et al." in self.authors
        return f"{surnames[0]}{' et al.' if several else ''}, {self.year}"


class Named(Strict):
    name: Text
    aliases: list[Text] = []
    case_sensitive_aliases: list[Text] = []
    case_sensitive: bool = False


class AiProduct(Named):
    provider: Text
    type: Literal[
        "assistant",
        "language-model",
        "image-model",
        "video-model",
        "audio-model",
        "coding-assistant",
        "search-assistant",
        "companion",
    ]
    needs_ai_context: bool = False


class Organization(Named):
    type: Literal["ai-lab", "company", "platform-owner", "agency", "standards-body"]
    handles: list[Text] = []


class Brand(Named):
    """A person or brand that scams imitate: its own domains and handles, so that a look-alike
    link or a display name on someone else's account can be told apart from the real one."""

    type: Literal["person", "bank", "payments", "crypto", "courier", "retail", "tech", "government", "media", "telecom", "travel", "game"]  # fmt: skip
    domains: list[Text] = Field(min_length=1)  # registered domains, e.g. paypal.com
    handles: list[Text] = []  # social handles without "@", only ones we are sure of


class BrandsFile(Strict):
    kind: Literal["brands"]
    version: int
    entries: list[Brand]


class LinksFile(Strict):
    """What the link checks know: URL shorteners, and the characters look-alike domains swap."""

    kind: Literal["links"]
    version: int
    shorteners: list[Text] = Field(min_length=1)  # registered domains of URL shorteners
    # a look-alike domain's spelling -> the letters it imitates ("0": "o", "rn": "m")
    swaps: dict[Text, Text] = {}


class Platform(Named):
    formerly: str | None = None
    owner: str | None = None
    handle_prefix: str | None = None
    url_patterns: list[Text] = []


class LegalNote(Strict):
    id: Text
    # `accusation`: the note section 5 adds when the text names organisations other than its
    # author (defamation, in the packaged notes).
    role: Literal["accusation"] | None = None
    issue: Text
    response: Text
    references: list[Reference] = []


class Triggers(Strict):
    phrases: list[Text] = []
    regex: list[TopicRegex] = []
    context_any: list[Text] = []


class Examples(Strict):
    positive: list[Text] = Field(min_length=1)
    negative: list[Text] = Field(min_length=1)
    paraphrase: list[Text] = []


class Guidance(Strict):
    """What a reader or moderator can do about a topic, worded for its family. All optional;
    sections 2 and 5 say what is there."""

    steps: list[Text] = []  # fraud/cyber: verification steps; speech: moderation actions
    report_to: list[Text] = []  # reporting channels, generic and real
    policy_question: Text | None = None  # speech/integrity: what a moderator must decide
    support: list[Text] = []  # self-harm: support resources

    @model_validator(mode="after")
    def _not_empty(self) -> Guidance:
        if not (self.steps or self.report_to or self.policy_question or self.support):
            raise ValueError(
                "guidance needs at least one of steps, report_to, policy_question, support"
            )
        return self


class LanguageTriggers(Strict):
    """A topic's triggers and positive examples in one other language."""

    phrases: list[Text] = []
    regex: list[TopicRegex] = []
    examples: list[Text] = []


# An ISO 639-1 code, two lower-case letters: `es`, `fr`, `de`, `pt`.
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
MIN_POSITIVES = 8  # a packaged topic's positive and paraphrase examples, at least
MIN_NEGATIVES = 5  # a packaged topic's negative false friends, at least
# The families whose packaged topics carry triggers in these languages (issue J).
LANGUAGES_WANTED = {"fraud": ("es", "fr", "de", "pt"), "integrity": ("es", "fr", "de", "pt")}


class Topic(Strict):
    """A section-2 topic. In a `kind: topics` file (several topics) `level`, `status`, `tags` and
    `falsepositives` may be left out; a `kind: topic` file (one topic, as packaged) must give them."""

    id: Text
    title: Text
    level: Level = "medium"
    status: Status = "experimental"
    tags: list[Tag] = []
    # `personal-data`: the topic that personal data found in the text raises, and whose lead
    # sentence in section 2 lists that data. `suspicious-link`: the topic a deceptive link
    # raises (a look-alike domain, a raw IP address, a link text naming another site).
    # `impersonation`: the topic a known name on an account that is not its own raises.
    role: Literal["personal-data", "suspicious-link", "impersonation"] | None = None
    triggers: Triggers
    summary: Text
    risk: Text
    mitigations: list[Text] = Field(min_length=1)
    references: list[Reference] = Field(min_length=1)
    legal: list[Text] = []
    examples: Examples
    falsepositives: list[Text] = []
    guidance: Guidance | None = None
    languages: dict[LanguageCode, LanguageTriggers] = {}

    def severity(self) -> int:
        """0 (informational) to 4 (critical)."""
        return LEVELS.index(self.level)

    def family(self) -> str | None:
        """The family its `family.<name>` tag names (the folder it lives in, when packaged)."""
        return next((t.split(".", 1)[1] for t in self.tags if t.startswith("family.")), None)

    def shortfalls(self) -> list[str]:
        """What a packaged topic lacks against the minimums (`rules lint` warns of them)."""
        ex = self.examples
        short = []
        if (n := len(ex.positive) + len(ex.paraphrase)) < MIN_POSITIVES:
            short.append(
                f"{n} positive examples (paraphrases included), at least {MIN_POSITIVES} wanted"
            )
        if (n := len(ex.negative)) < MIN_NEGATIVES:
            short.append(f"{n} negative examples, at least {MIN_NEGATIVES} wanted")
        if self.guidance is None:
            short.append("no guidance")
        wanted = LANGUAGES_WANTED.get(self.family() or "", ())
        if missing := [code for code in wanted if code not in self.languages]:
            short.append(f"no triggers in {', '.join(missing)}")
        return short


class AiProductsFile(Strict):
    kind: Literal["ai_products"]
    version: int
    entries: list[AiProduct]


class OrganizationsFile(Strict):
    kind: Literal["organizations"]
    version: int
    entries: list[Organization]


class PlatformsFile(Strict):
    kind: Literal["platforms"]
    version: int
    entries: list[Platform]


class LegalFile(Strict):
    kind: Literal["legal"]
    version: int
    entries: list[LegalNote]


class TopicsFile(Strict):
    kind: Literal["topics"]
    version: int
    pack: Text
    topics: list[Topic]


class TopicFile(Topic):
    """One topic per file, Sigma-style: the topic's fields at the top level of the document."""

    kind: Literal["topic"]
    version: int
    pack: Text
    level: Level
    status: Status
    tags: list[Tag] = Field(min_length=1)
    falsepositives: list[Text] = Field(min_length=1)

    def topic(self) -> Topic:
        return Topic.model_validate(self.model_dump(include=set(Topic.model_fields)))


class Plural(Strict):
    """A phrase with a count: `one` when it is 1, `other` otherwise."""

    one: PhraseText
    other: PhraseText


Phrase = PhraseText | Plural
WordingName = Literal[
    "security",
    "metadata",
    "links",
    "platforms",
    "claims",
    "legal",
    "templates",
    "description",
    "media",
]


class WordingFile(Strict):
    """What a section writer says, by key. The code fills the `{name}` fields; a user's file
    (--rules) may reword any packaged phrase with the same fields or fewer."""

    kind: Literal["wording"]
    version: int
    wording: WordingName
    phrases: dict[Text, Phrase] = Field(min_length=1)


class LanguageFile(Strict):
    """Words the fact extractors use: context for ambiguous names, claim verbs, hedges."""

    kind: Literal["language"]
    version: int
    ai_context: list[Text]
    assertion_verbs: list[Text]
    hedges: list[Text]
    attributions: list[Pattern] = []
    discussion: list[Text] = []


class BenignFile(Strict):
    """Everyday sentences that must fire no topic: similarity thresholds are set above them."""

    kind: Literal["benign"]
    version: int
    pack: Text
    sentences: list[Text] = Field(min_length=1)


class Software(Strict):
    """A program that metadata can name: an image editor, or an AI image generator."""

    name: Text
    kind: Literal["editor", "generator"]
    aliases: list[Text] = Field(min_length=1)


class MetadataFile(Strict):
    """What section 2 recognises in image metadata."""

    kind: Literal["metadata"]
    version: int
    software: list[Software] = []
    person_fields: list[Text] = []
    placeholders: list[TopicRegex] = []  # whole values that are no value (metadata/doubt.py)


KnowledgeFile = Annotated[
    AiProductsFile
    | OrganizationsFile
    | PlatformsFile
    | BrandsFile
    | LinksFile
    | LegalFile
    | TopicsFile
    | TopicFile
    | LanguageFile
    | BenignFile
    | MetadataFile
    | WordingFile,
    Field(discriminator="kind"),
]
