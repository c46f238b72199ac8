"""Loading and validating the knowledge-base files.

The shipped files are read first, then the user's files: an entry with a new id is
added, an entry with an existing id replaces the shipped one. Every entry is checked,
and all problems are reported together with file and line, so a curator fixes a file
in one pass instead of one error at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rasid.errors import KnowledgeBaseError
from rasid.kb.model import CODES, KINDS, OFFICES, SECTORS, Entity, Role
from rasid.kb.names import iter_entries, shipped_kb_files

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
    """All entities by id, from the shipped files and the user's."""

    def __init__(self, entities: dict[str, Entity]) -> None:
        self.entities = entities
        self._by_kind: dict[str, list[Entity]] = {}
        for entity in entities.values():
            self._by_kind.setdefault(entity.kind, []).append(entity)

    def __len__(self) -> int:
        return len(self.entities)

    def __contains__(self, entity_id: str) -> bool:
        return entity_id in self.entities

    def get(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def of_kind(self, kind: str) -> list[Entity]:
        return list(self._by_kind.get(kind, ()))

    def country(self, iso3: str) -> Entity | None:
        return self.entities.get(f"country:{iso3}")

    @classmethod
    def load(cls, extra_files: Iterable[str | Path] = ()) -> KnowledgeBase:
        """Load shipped files then ``extra_files``; raise listing every bad entry."""
        entities: dict[str, Entity] = {}
        problems: list[str] = []
        for paths in (shipped_kb_files(), [Path(p) for p in extra_files]):
            seen_in_group: dict[str, str] = {}
            for path in paths:
                if not path.exists():
                    problems.append(f"{path}: no such knowledge-base file")
                    continue
                for number, raw in iter_entries(path):
                    where = f"{path}:{number}"
                    entity = parse_entry(raw, where, problems)
                    if entity is None:
                        continue
                    if entity.id in seen_in_group:
                        problems.append(f"{where}: id {entity.id!r} already defined at "
                                        f"{seen_in_group[entity.id]}")
                        continue
                    seen_in_group[entity.id] = where
                    entities[entity.id] = entity
        if problems:
            shown = "\n  ".join(problems[:_MAX_REPORTED])
            more = f"\n  … and {len(problems) - _MAX_REPORTED} more" if len(
                problems) > _MAX_REPORTED else ""
            raise KnowledgeBaseError(
                f"{len(problems)} problem(s) in the knowledge base:\n  {shown}{more}")
        return cls(entities)
