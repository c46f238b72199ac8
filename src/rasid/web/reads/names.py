"""Names of actors for labels: what the store says first, the knowledge base second.

Event rows carry entity ids only; every table, node and hover shows a name instead.
The store's ``entities`` rows give the names the articles were analyzed with; an id
that no stored article describes (a country reached only through its ministers when
dyads are folded to countries) falls back to the knowledge base the store was built
with: the shipped one plus the user's files its runs recorded (``rasid.store.kb``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import duckdb

from rasid.store.kb import KnowledgeBase, store_knowledge_base
from rasid.web.reads.sql import rows


def knowledge_base(cur: duckdb.DuckDBPyConnection) -> KnowledgeBase:
    """The knowledge base the store behind ``cur`` was analyzed with."""
    return store_knowledge_base(cur)


def _fallback(kb: KnowledgeBase, entity_id: str) -> dict[str, Any]:
    entity = kb.get(entity_id)
    if entity is not None:
        return {"id": entity_id, "en": entity.en, "ar": entity.ar[0] if entity.ar else None,
                "kind": entity.kind, "code": entity.code or entity.country,
                "country": entity.country}
    return {"id": entity_id, "en": None, "ar": None, "kind": None, "code": None,
            "country": None}


def names(cur: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """``id -> {id, en, ar, kind, code, country}`` for every id asked (the first spelling
    in sort order when articles disagree: the knowledge base's names never do);
    ``label`` is the English name, else the Arabic one, else the id."""
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    found = {row["id"]: row for row in rows(
        cur, "SELECT id, min(en) AS en, min(ar) AS ar, min(kind) AS kind, "
        "min(code) AS code, min(country) AS country FROM entities "
        "WHERE id IN (SELECT unnest(?)) GROUP BY id", [wanted])}
    result = {}
    kb = knowledge_base(cur) if len(found) < len(wanted) else None
    for entity_id in wanted:
        entry = found.get(entity_id) or _fallback(kb, entity_id)
        entry["label"] = entry.get("en") or entry.get("ar") or entity_id
        result[entity_id] = entry
    return result
