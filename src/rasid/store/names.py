"""Names for the actor ids of the store, and ``--actor`` values checked against them.

Relations and events carry entity ids (``country:IRN``, ``person:hassan-rouhani``) at
every level; people read names (a bare code such as ``IRN``, which earlier versions
wrote at country level, is still named as its country). The store's ``entities``
rows give the names the articles were analyzed with; an id no stored article names (a
country reached only through its ministers) falls back to the knowledge base the store
was built with (the shipped one plus the user files its runs recorded).

An ``--actor`` that matches nothing used to give an empty answer that looked like "no
relations"; ``resolve_actor`` tells a typo apart from a quiet actor and suggests the
nearest ids and names.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

from rasid.store.errors import UnknownActor

_CODE = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class ActorName:
    """An actor's English and Arabic names (either may be missing)."""

    id: str
    en: str | None
    ar: str | None

    @property
    def label(self) -> str:
        """The English name, else the Arabic one, else the id."""
        return self.en or self.ar or self.id


def actor_names(conn: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> dict[str, ActorName]:
    """``id -> ActorName`` for every id asked; a bare country code (``IRN``, as the
    country level gives) is named as its country."""
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    lookup = {i: f"country:{i}" if _CODE.match(i) else i for i in wanted}
    found = {row[0]: (row[1], row[2]) for row in conn.execute(
        "SELECT id, min(en), min(ar) FROM entities WHERE id IN (SELECT unnest(?)) "
        "GROUP BY id", [sorted(set(lookup.values()))]).fetchall()}
    missing = [key for key in lookup.values() if key not in found]
    if missing:
        from rasid.store.kb import store_knowledge_base

        kb = store_knowledge_base(conn)
        for key in missing:
            entity = kb.get(key)
            if entity is not None:
                found[key] = (entity.en, entity.ar[0] if entity.ar else None)
    result = {}
    for original, key in lookup.items():
        en, ar = found.get(key, (None, None))
        result[original] = ActorName(original, en, ar)
    return result


def _candidates(conn: duckdb.DuckDBPyConnection) -> list[tuple[str, str | None, str | None,
                                                                str | None, str | None]]:
    """Every participant of a stored event: (entity id, en, ar, code, country)."""
    return conn.execute(
        "SELECT DISTINCT x.entity_id, n.en, n.ar, n.code, n.country FROM event_actors x "
        "LEFT JOIN entities n ON n.article_id = x.article_id AND n.id = x.entity_id "
        "ORDER BY 1").fetchall()


def resolve_actor(conn: duckdb.DuckDBPyConnection, actor: str) -> str:
    """The ``--actor`` value to filter with: ``actor`` itself when it matches a stored
    participant as the queries match it (entity id, the part after its colon, code or
    country), else the id or code it names regardless of case, or by its English or
    Arabic name (``iran``, ``Hassan Rouhani``, ``إيران``).

    Raises UnknownActor, with the closest ids and names, when nothing matches.
    """
    wanted = actor.strip()
    rows = _candidates(conn)
    folded = wanted.casefold()
    by_name: list[str] = []
    for entity_id, en, ar, code, country in rows:
        if wanted in (entity_id, code, country) or entity_id.endswith(f":{wanted}"):
            return wanted
        if folded in (entity_id.casefold(), entity_id.split(":", 1)[-1].casefold()):
            by_name.append(entity_id)
        elif folded in ((code or "").casefold(), (country or "").casefold()) and \
                (code or country):
            by_name.append(code if folded == (code or "").casefold() else str(country))
        elif folded in ((en or "").casefold(), ar or ""):
            by_name.append(entity_id)
    if by_name:
        return sorted(by_name)[0]
    if not rows:
        raise UnknownActor(f"unknown actor '{actor}': the store holds no events with actors "
                           "yet (rasid ingest adds articles)")
    keys: dict[str, str] = {}
    for entity_id, en, ar, code, country in rows:
        shown = f"{entity_id} ({en})" if en else entity_id
        for key in (entity_id, entity_id.split(":", 1)[-1], en, ar, code, country):
            if key:
                keys.setdefault(key.casefold(), shown)
    close = difflib.get_close_matches(folded, list(keys), n=8, cutoff=0.6)
    suggestions = list(dict.fromkeys(keys[key] for key in close))[:5]
    hint = (f"; did you mean {', '.join(suggestions)}?" if suggestions
            else "; run `rasid relations` without --actor to see the actors")
    raise UnknownActor(f"unknown actor '{actor}': no stored event involves it{hint}")
