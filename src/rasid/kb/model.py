"""The entities of the knowledge base and their date-bounded roles.

Roles carry partial dates (``2013``, ``2013-08``, ``2013-08-03``) because curators
often know only the year; a partial start counts from its first day and a partial end
to its last, so a role is never wrongly cut short. A missing start or end is open.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from typing import Any

KINDS = ("country", "place", "person", "org", "agent")
SECTORS = frozenset(
    "GOV MIL COP JUD LEG PTY REB SPY UAF PRM OPP CVL JRN REF REL BUS ELI EDU MED LAB AGR "
    "CRM SOC PRE UNK IGO NGO".split()
)
CODES = frozenset("UNO IGO EUR IMG NGO MNC ISM KOS".split())
OFFICES = frozenset(
    "head_of_state head_of_government foreign_minister defence_minister interior_minister "
    "minister crown_prince vice_president speaker secretary_general envoy ambassador "
    "military_commander group_leader party_leader spokesperson official analyst other".split()
)


def date_bounds(value: str | None, end: bool) -> str | None:
    """The first (or last) full date a partial ISO date stands for."""
    if value is None:
        return None
    parts = value.split("-")
    if len(parts) == 3:
        return value
    if len(parts) == 2:
        year, month = int(parts[0]), int(parts[1])
        day = calendar.monthrange(year, month)[1] if end else 1
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{parts[0]}-12-31" if end else f"{parts[0]}-01-01"


@dataclass(frozen=True, slots=True)
class Role:
    office: str
    title: str | None = None
    country: str | None = None
    org: str | None = None
    sector: str | None = None
    start: str | None = None
    end: str | None = None
    title_ar: str | None = None

    def active_on(self, date: str | None) -> bool:
        """True when the role was held on ``date`` (any role counts when no date)."""
        if date is None:
            return self.end is None
        start = date_bounds(self.start, end=False)
        end = date_bounds(self.end, end=True)
        return (start is None or start <= date) and (end is None or date <= end)

    def to_dict(self) -> dict[str, Any]:
        return {"office": self.office, "title": self.title, "country": self.country,
                "org": self.org, "sector": self.sector, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Entity:
    """One actor or place; fields beyond the common ones are kind-specific."""

    id: str
    kind: str
    en: str
    ar: tuple[str, ...]
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    nisba: tuple[str, ...] = ()
    capital: str | None = None
    capital_of: str | None = None
    roles: tuple[Role, ...] = ()
    gender: str | None = None
    org_type: str | None = None
    feature: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int | None = None
    abbr: tuple[str, ...] = ()
    source: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def roles_on(self, date: str | None) -> list[Role]:
        return [role for role in self.roles if role.active_on(date)]

    def role_on(self, date: str | None) -> Role | None:
        """The role held on ``date``; the most senior when several overlap."""
        roles = self.roles_on(date)
        if not roles:
            return None
        order = ["head_of_state", "head_of_government", "crown_prince", "vice_president",
                 "foreign_minister", "defence_minister", "interior_minister", "minister"]
        return min(roles, key=lambda r: order.index(r.office) if r.office in order else 99)

    def sector_on(self, date: str | None) -> str | None:
        role = self.role_on(date)
        return role.sector if role and role.sector else self.sector

    def country_on(self, date: str | None) -> str | None:
        role = self.role_on(date)
        return self.country or (role.country if role else None)

    def to_dict(self, date: str | None = None) -> dict[str, Any]:
        role = self.role_on(date) if self.kind == "person" else None
        return {
            "id": self.id,
            "kind": self.kind,
            "en": self.en,
            "ar": self.ar[0] if self.ar else None,
            "country": self.country_on(date),
            "sector": self.sector_on(date),
            "code": self.code or self.country_on(date),
            "role": role.to_dict() if role else None,
        }
