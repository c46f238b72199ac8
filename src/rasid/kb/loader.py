"""Loading and validating the knowledge base: one object from which all else derives.

The shipped files are read first, then the user's files: an entry with a new id is
added, an entry with an existing id replaces the shipped one. Every entry is checked,
and all problems are reported together with file and line, so a curator fixes a file
in one pass instead of one error at a time.

A Pipeline holds one :class:`KnowledgeBase` and derives from it the lexicon's name
words, the entity index and the tagger's gazetteer, so a user's entry reaches all of
them and no file is parsed twice. The shipped files are parsed once per process and
shared (read-only) by every knowledge base built in it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rasid.errors import KnowledgeBaseError
from rasid.kb.model import CODES, KINDS, OFFICES, SECTORS, Entity, Role
from rasid.kb.sources import KbSource, parse_source, read_source, shipped_kb_files

_PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_MAX_REPORTED = 20


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _check_role(raw: Any, where: str, problems: list[str]) -> Role | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: a role must be an object")
        return None
    office = raw.get("office")
    if office not in OFFICES:
        problems.append(f"{where}: unknown office {office!r}")
        return None
    for name in ("start", "end"):
        value = raw.get(name)
        if value is not None and (not isinstance(value, str) or not _PARTIAL_DATE.match(value)):
            problems.append(f"{where}: {name} {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
            return None
    start, end = raw.get("start"), raw.get("end")
    if start and end and end[: len(start)] < start[: len(end)]:
        problems.append(f"{where}: role ends ({end}) before it starts ({start})")
        return None
    sector = raw.get("sector")
    if sector is not None and sector not in SECTORS:
        problems.append(f"{where}: unknown sector {sector!r}")
        return None
    country = raw.get("country")
    if country is not None and not _ISO3.match(str(country)):
        problems.append(f"{where}: country {country!r} is not an ISO alpha-3 code")
        return None
    return Role(office, raw.get("title"), country, raw.get("org"), sector, start, end,
                raw.get("title_ar"))


def parse_entry(raw: dict[str, Any], where: str, problems: list[str]) -> Entity | None:
    """An Entity from one JSON object, or None with the reasons added to ``problems``."""
    before = len(problems)
    entity_id, kind = raw.get("id"), raw.get("kind")
    if not isinstance(entity_id, str) or not entity_id:
        problems.append(f"{where}: missing 'id'")
    if kind not in KINDS:
        problems.append(f"{where}: 'kind' must be one of {', '.join(KINDS)}, got {kind!r}")
    if not isinstance(raw.get("en"), str) or not raw.get("en"):
        problems.append(f"{where}: missing English name 'en'")
    if not _strings(raw.get("ar")) or not raw.get("ar"):
        problems.append(f"{where}: 'ar' must be a non-empty list of Arabic names")
    for name in ("nisba", "abbr"):
        if raw.get(name) is not None and not _strings(raw.get(name)):
            problems.append(f"{where}: '{name}' must be a list of strings")
    country = raw.get("country")
    if country is not None and not _ISO3.match(str(country)):
        problems.append(f"{where}: country {country!r} is not an ISO alpha-3 code")
    sector = raw.get("sector")
    if sector is not None and sector not in SECTORS:
        problems.append(f"{where}: unknown sector {sector!r}")
    code = raw.get("code")
    if code is not None and code not in CODES:
        problems.append(f"{where}: unknown actor code {code!r} (known: {', '.join(sorted(CODES))})")
    if kind == "agent" and sector is None:
        problems.append(f"{where}: an agent needs a 'sector'")
    roles = []
    for index, role in enumerate(raw.get("roles") or []):
        parsed = _check_role(role, f"{where} role {index + 1}", problems)
        if parsed:
            roles.append(parsed)
    if len(problems) > before:
        return None
    known = {"id", "kind", "en", "ar", "country", "sector", "code", "nisba", "capital",
             "capital_of", "roles", "gender", "org_type", "feature", "lat", "lon",
             "population", "abbr", "iso3", "iso2", "geonameid", "aliases_en", "note"}
    if kind == "country":
        country = raw.get("iso3") or entity_id.split(":", 1)[-1]
    else:
        country = country or raw.get("capital_of")
    return Entity(
        id=entity_id, kind=kind, en=raw["en"], ar=tuple(a.strip() for a in raw["ar"]),
        country=country,
        sector=sector, code=code, nisba=tuple(raw.get("nisba") or ()),
        capital=raw.get("capital"), capital_of=raw.get("capital_of"), roles=tuple(roles),
        gender=raw.get("gender"), org_type=raw.get("org_type"), feature=raw.get("feature"),
        lat=raw.get("lat"), lon=raw.get("lon"), population=raw.get("population"),
        abbr=tuple(raw.get("abbr") or ()), source=where.rsplit(":", 1)[0],
        extra={k: v for k, v in raw.items() if k not in known},
    )


class KnowledgeBase:
    """All entities by id, from the shipped files and the user's (``user_sources``)."""

    def __init__(self, entities: dict[str, Entity],
                 user_sources: Iterable[KbSource] = ()) -> None:
        self.entities = entities
        #: the user's files this knowledge base was built with (empty: shipped only)
        self.user_sources = tuple(user_sources)
        self._by_kind: dict[str, list[Entity]] = {}
        for entity in entities.values():
            self._by_kind.setdefault(entity.kind, []).append(entity)

    def __len__(self) -> int:
        return len(self.entities)

    def __contains__(self, entity_id: str) -> bool:
        return entity_id in self.entities

    def __repr__(self) -> str:
        return f"KnowledgeBase({len(self):,} entities, {len(self.user_sources)} user file(s))"

    def get(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def of_kind(self, kind: str) -> list[Entity]:
        return list(self._by_kind.get(kind, ()))

    def country(self, iso3: str) -> Entity | None:
        return self.entities.get(f"country:{iso3}")

    @classmethod
    def load(cls, extra_files: Iterable[str | Path] = ()) -> KnowledgeBase:
        """The shipped entries, then those of ``extra_files``; raise listing every bad
        entry (and every missing file)."""
        sources: list[KbSource] = []
        problems: list[str] = []
        for path in extra_files:
            try:
                sources.append(read_source(path))
            except KnowledgeBaseError as error:
                problems.append(str(error))
        _raise_problems(problems)
        return cls.from_sources(sources)

    @classmethod
    def from_sources(cls, user_sources: Iterable[KbSource], *,
                     shipped: bool = True) -> KnowledgeBase:
        """The shipped entries (unless ``shipped`` is False) and the user's ``sources``."""
        user_sources = tuple(user_sources)
        if not shipped:
            problems: list[str] = []
            entities = _parse_group(user_sources, problems)
            _raise_problems(problems)
            return cls(entities, user_sources)
        return cls.layered([user_sources])

    @classmethod
    def layered(cls, groups: Iterable[Iterable[KbSource]]) -> KnowledgeBase:
        """The shipped entries, then each group of user files in turn (a later group's
        entry replaces an earlier one with its id, as a user file replaces a shipped
        entry): the knowledge base of a store analyzed in several runs."""
        groups = [tuple(group) for group in groups if group]
        if not groups:
            return default_knowledge_base()
        entities = dict(_shipped_entities())
        problems: list[str] = []
        for group in groups:
            entities.update(_parse_group(group, problems))
        _raise_problems(problems)
        return cls(entities, [source for group in groups for source in group])


def _parse_group(sources: Iterable[KbSource], problems: list[str]) -> dict[str, Entity]:
    """The entities of one group of files (shipped, or the user's); an id defined
    twice in the group is a problem, an id of another group is replaced."""
    entities: dict[str, Entity] = {}
    seen: dict[str, str] = {}
    for source in sources:
        for number, raw in parse_source(source):
            where = f"{source.name}:{number}"
            entity = parse_entry(raw, where, problems)
            if entity is None:
                continue
            if entity.id in seen:
                problems.append(f"{where}: id {entity.id!r} already defined at "
                                f"{seen[entity.id]}")
                continue
            seen[entity.id] = where
            entities[entity.id] = entity
    return entities


def _raise_problems(problems: list[str]) -> None:
    if not problems:
        return
    shown = "\n  ".join(problems[:_MAX_REPORTED])
    more = f"\n  … and {len(problems) - _MAX_REPORTED} more" if len(
        problems) > _MAX_REPORTED else ""
    raise KnowledgeBaseError(f"{len(problems)} problem(s) in the knowledge base:\n  {shown}{more}")


_LOCK = threading.Lock()
_SHIPPED: dict[str, Entity] | None = None
_DEFAULT: KnowledgeBase | None = None


def _shipped_entities() -> dict[str, Entity]:
    """The shipped entries, parsed once per process (read-only: copy before adding)."""
    global _SHIPPED
    with _LOCK:
        if _SHIPPED is None:
            problems: list[str] = []
            entities = _parse_group([read_source(p) for p in shipped_kb_files()], problems)
            _raise_problems(problems)
            _SHIPPED = entities
        return _SHIPPED


def default_knowledge_base() -> KnowledgeBase:
    """The knowledge base of the shipped files alone, shared by every pipeline of the
    process that has no files of its own."""
    global _DEFAULT
    entities = _shipped_entities()
    with _LOCK:
        if _DEFAULT is None:
            _DEFAULT = KnowledgeBase(entities)
        return _DEFAULT
