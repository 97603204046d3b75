"""Load the packaged knowledge base, rule packs and wording, then the user's --rules paths."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import TypeAdapter, ValidationError

from memeaudit.errors import RulesError
from memeaudit.knowledge.files import read_user_file, rule_files, user_files
from memeaudit.knowledge.schema import (
    AiProduct,
    Brand,
    KnowledgeFile,
    LanguageFile,
    LegalNote,
    LinksFile,
    Organization,
    Phrase,
    Platform,
    Software,
    Topic,
    WordingName,
)
from memeaudit.knowledge.wording import Misfit, Words, merge
from memeaudit.model import TopicHit
from memeaudit.yamlload import AliasRefused, safe_load

_ADAPTER: TypeAdapter[Any] = TypeAdapter(KnowledgeFile)


@dataclass
class Knowledge:
    products: list[AiProduct] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    platforms: list[Platform] = field(default_factory=list)
    brands: list[Brand] = field(default_factory=list)
    links: LinksFile | None = None
    legal: dict[str, LegalNote] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    language: LanguageFile | None = None
    benign: list[str] = field(default_factory=list)
    software: list[Software] = field(default_factory=list)
    person_fields: list[str] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)
    wording: dict[str, dict[str, Phrase]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def names(self) -> frozenset[str]:
        """Every one-word product, organisation and platform name or alias, lower-cased."""
        entries = [*self.products, *self.organizations, *self.platforms]
        forms = [f for e in entries for f in (e.name, *e.aliases, *e.case_sensitive_aliases)]
        return frozenset(f.lower() for f in forms if " " not in f)

    def public_accounts(self) -> tuple[frozenset[str], frozenset[str]]:
        """The handles (without "@") and the names of the organisations and brands the knowledge
        base knows, lower-cased: the public accounts that --redact keeps."""
        entries = [*self.organizations, *self.brands]
        handles = frozenset(h.lower().lstrip("@") for e in entries for h in e.handles)
        names = frozenset(f.lower() for e in entries for f in (e.name, *e.aliases))
        return handles, names

    def most_severe_first(self, hits: list[TopicHit]) -> list[TopicHit]:
        """Topic hits by their topic's `level`, most severe first; hits of one level keep their
        order (the order the topics were loaded in, keyword hits before similarity ones)."""
        return sorted(hits, key=lambda hit: -self.topics[hit.id].severity())

    def words(self, name: str) -> Words:
        """The phrases one section writer says (knowledge/wording/NAME.yaml)."""
        return Words(name, self.wording[name])

    def topic_for(self, role: str) -> Topic | None:
        """The topic that plays a part the code knows (`personal-data`), if one is loaded."""
        return next((t for t in self.topics.values() if t.role == role), None)

    def legal_note_for(self, role: str) -> LegalNote | None:
        """The legal note that plays a part the code knows (`accusation`), if one is loaded."""
        return next((n for n in self.legal.values() if n.role == role), None)

    def add(self, doc: Any, source: str) -> None:
        """Merge one validated file; a user topic or legal note with a known id replaces it."""
        self.sources.append(source)
        if doc.kind == "ai_products":
            self.products.extend(doc.entries)
        elif doc.kind == "organizations":
            self.organizations.extend(doc.entries)
        elif doc.kind == "platforms":
            self.platforms.extend(doc.entries)
        elif doc.kind == "brands":
            self.brands.extend(doc.entries)
        elif doc.kind == "links":
            self.links = doc
        elif doc.kind == "legal":
            self.legal.update({note.id: note for note in doc.entries})
        elif doc.kind == "topics":
            self.topics.update({topic.id: topic for topic in doc.topics})
        elif doc.kind == "topic":
            self.topics[doc.id] = doc.topic()
        elif doc.kind == "language":
            self.language = doc
        elif doc.kind == "benign":
            self.benign.extend(doc.sentences)
        elif doc.kind == "metadata":
            self.software.extend(doc.software)
            self.person_fields.extend(doc.person_fields)
            self.placeholders.extend(doc.placeholders)
        elif doc.kind == "wording":
            self.wording[doc.wording] = merge(self.wording.get(doc.wording), doc)


def _line_of(text: str, loc: tuple[Any, ...]) -> int | None:
    """The line where the value at a pydantic error location starts, from the YAML node tree."""
    node = yaml.compose(text)
    line = None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            match = [(k, v) for k, v in node.value if k.value == key]
            if not match:
                break
            line, node = match[0][0].start_mark.line + 1, match[0][1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line


def parse(text: str, source: str) -> Any:
    """Validate one YAML document; errors name the file and line."""
    try:
        data = safe_load(text)
    except AliasRefused as err:
        raise RulesError(f"{source}:{err.problem_mark.line + 1}: {err.problem}") from err
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise RulesError(
            f"{source}{where}: not valid YAML ({getattr(err, 'problem', err)})"
        ) from err
    try:
        return _ADAPTER.validate_python(data)
    except ValidationError as err:
        first = err.errors()[0]
        loc = tuple(first["loc"])[1:]  # drop the discriminator tag
        line = _line_of(text, loc)
        where = f":{line}" if line else ""
        path = ".".join(str(part) for part in loc)
        raise RulesError(
            f"{source}{where}: {path or 'document'}: {first['msg']}",
            f"{err.error_count()} problem(s); run: memeaudit rules lint {source}",
        ) from err


def load_knowledge(extra: tuple[Path, ...] = ()) -> Knowledge:
    """The packaged files, then `extra` (--rules): files, and folders walked for *.yaml."""
    knowledge = Knowledge()
    for name, text in rule_files(extra):
        try:
            knowledge.add(parse(text, name), name)
        except Misfit as err:
            line = _line_of(text, err.loc)
            where = f":{line}" if line else ""
            raise RulesError(f"{name}{where}: {'.'.join(err.loc)}: {err}") from err
    check_references(knowledge)
    return knowledge


def check_references(knowledge: Knowledge) -> None:
    """Every provider and legal id a file names must exist."""
    orgs = {org.name for org in knowledge.organizations}
    for product in knowledge.products:
        if product.provider not in orgs:
            raise RulesError(f"AI product {product.name}: provider {product.provider!r} is unknown")
    for topic in knowledge.topics.values():
        for note in topic.legal:
            if note not in knowledge.legal:
                raise RulesError(f"topic {topic.id}: legal note {note!r} is unknown")
    for kind, roles in (
        ("topics", [t.role for t in knowledge.topics.values()]),
        ("legal notes", [n.role for n in knowledge.legal.values()]),
    ):
        if twice := sorted({r for r in roles if r is not None and roles.count(r) > 1}):
            raise RulesError(f"several {kind} have the role {twice[0]!r}; only one may")
    if missing := sorted(set(get_args(WordingName)) - set(knowledge.wording)):
        raise RulesError(f"no {missing[0]} wording file (kind: wording) was loaded")
    if knowledge.language is None:
        raise RulesError("no language file (kind: language) was loaded")


def shortfalls(paths: tuple[Path, ...]) -> list[tuple[str, str]]:
    """(file, problem) for every one-topic file under `paths` that lacks the examples or the
    guidance a packaged topic should have (Topic.shortfalls)."""
    found = []
    for path in user_files(paths):
        doc = parse(read_user_file(path), str(path))
        if doc.kind == "topic":
            found += [(str(path), f"topic {doc.id}: {problem}") for problem in doc.shortfalls()]
    return found
