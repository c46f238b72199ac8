"""Events for the dashboard: filtered, paginated, with their actors' names.

Which events match is decided by the store (``rasid.store.filters``: the same
:class:`Filters` and WHERE clause as ``rasid relations`` and ``rasid export``); this
module only pages through them, orders them and names their participants.
"""

from __future__ import annotations

from typing import Any

import duckdb

from rasid.store.filters import Filters, where
from rasid.web.reads.names import names
from rasid.web.reads.sql import page, rows, scalar

__all__ = ["ORDERS", "Filters", "attach_participants", "list_events", "where"]


_COLUMNS = (
    "e.article_id, e.id, e.type, e.mode, e.quad, e.score, e.modality, e.evidence, e.date, "
    "e.trigger_text, e.trigger_start, e.trigger_end, e.sentence_start, e.sentence_end, "
    "e.sentence_text, e.confidence, e.reported_by, e.place, e.cameo, e.rule_id, "
    "e.place_name, e.lat, e.lon, e.admin1_name, e.place_country, "
    "a.title AS article_title, a.source AS article_source, a.date AS article_date"
)

ORDERS = {
    "newest": "e.date DESC NULLS LAST, e.article_id, e.trigger_start, e.id",
    "oldest": "e.date ASC NULLS LAST, e.article_id, e.trigger_start, e.id",
    "score": "e.score ASC NULLS LAST, e.date DESC, e.article_id, e.id",
    "-score": "e.score DESC NULLS LAST, e.date DESC, e.article_id, e.id",
}


def attach_participants(cur: duckdb.DuckDBPyConnection, events: list[dict[str, Any]]
                        ) -> list[dict[str, Any]]:
    """Add ``actors`` and ``recipients`` (each ``{id, label, en, ar, code}``) to events
    that carry ``article_id`` and ``id``."""
    if not events:
        return events
    articles = sorted({e["article_id"] for e in events})
    found = rows(cur, "SELECT article_id, event_id, role, entity_id FROM event_actors "
                      "WHERE article_id IN (SELECT unnest(?)) ORDER BY position", [articles])
    wanted = {(e["article_id"], e["id"]) for e in events}
    by_event: dict[tuple[str, str, str], list[str]] = {}
    for row in found:
        key = (row["article_id"], row["event_id"])
        if key in wanted:
            by_event.setdefault((*key, row["role"]), []).append(row["entity_id"])
    labels = names(cur, (row["entity_id"] for row in found
                         if (row["article_id"], row["event_id"]) in wanted))
    for event in events:
        for role, key in (("actor", "actors"), ("recipient", "recipients")):
            ids = by_event.get((event["article_id"], event["id"], role), [])
            event[key] = [_short(labels[i]) for i in ids]
    return events


def _short(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: entry.get(k) for k in ("id", "label", "en", "ar", "code", "kind")}


def list_events(cur: duckdb.DuckDBPyConnection, f: Filters, *, limit: int, offset: int,
                order: str = "newest") -> dict[str, Any]:
    """One page of the matching events (newest first by default) and their total."""
    clause, params = where(f)
    base = f"FROM events e JOIN articles a ON a.id = e.article_id WHERE {clause}"
    total = scalar(cur, f"SELECT count(*) {base}", params) or 0
    items = rows(cur, f"SELECT {_COLUMNS} {base} ORDER BY {ORDERS[order]} LIMIT ? OFFSET ?",
                 [*params, limit, offset])
    return page(attach_participants(cur, items), total, limit, offset)
