"""Events for the dashboard: filtered, paginated, with their actors' names.

The store's ``queries.events`` returns every matching event at once as a DataFrame;
the API pages through them and filters by more fields (recipient, quad class,
modality), so the SQL is built here, from the same tables and with the same rules:
only analyzed articles, syndicated copies left out unless asked, and an actor given as
a bare code (``IRN``) matching every entity of that code or country (Iran's ministers
too) while a full id (``country:IRN``) matches that entity alone.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from typing import Any

import duckdb

from rasid.web.reads.names import names
from rasid.web.reads.sql import page, rows, scalar


@dataclass(frozen=True)
class EventFilter:
    """Which events to read; every field is optional."""

    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    types: tuple[str, ...] = ()
    quads: tuple[int, ...] = ()
    modalities: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    actor: str | None = None
    recipient: str | None = None
    involving: str | None = None
    article: str | None = None
    include_duplicates: bool = False
    #: articles with any of these topics / none of these (rasid/topics/data/labels.json)
    topics: tuple[str, ...] = ()
    not_topics: tuple[str, ...] = ()
    #: bounds on the article's lexical tone (positive minus negative words, in %)
    tone_min: float | None = None
    tone_max: float | None = None
    #: only events at this place (a knowledge-base id such as ``place:360630``)
    place: str | None = None

    def without_participants(self) -> EventFilter:
        return replace(self, actor=None, recipient=None, involving=None)


#: A participant of event ``e`` in role ``{role}`` that is one entity (a full id).
_ENTITY = ("EXISTS (SELECT 1 FROM event_actors x WHERE x.article_id = e.article_id "
           "AND x.event_id = e.id{role} AND x.entity_id = ?)")
#: ... or any entity of a code (the value given four times).
_CODE = (
    "EXISTS (SELECT 1 FROM event_actors x LEFT JOIN entities n "
    "ON n.article_id = x.article_id AND n.id = x.entity_id "
    "WHERE x.article_id = e.article_id AND x.event_id = e.id{role} "
    "AND (x.entity_id = ? OR ends_with(x.entity_id, ':' || ?) OR n.code = ? "
    "OR n.country = ?))"
)


def where(f: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause over ``events e JOIN articles a`` and its parameters."""
    conditions = ["a.status = 'ok'"]
    params: list[Any] = []
    if not f.include_duplicates:
        conditions.append("a.duplicate_of IS NULL")
    if f.date_from is not None:
        conditions.append("e.date >= ?")
        params.append(f.date_from)
    if f.date_to is not None:
        conditions.append("e.date <= ?")
        params.append(f.date_to)
    for column, values in (("e.type", f.types), ("e.modality", f.modalities),
                           ("e.evidence", f.evidence),
                           ("e.quad", tuple(str(q) for q in f.quads))):
        if values:
            conditions.append(f"{column} IN (SELECT unnest(?))")
            params.append(list(values))
    for values, negate in ((f.topics, ""), (f.not_topics, "NOT ")):
        if values:
            conditions.append(f"{negate}EXISTS (SELECT 1 FROM article_topics t WHERE "
                              "t.article_id = a.id AND t.label IN (SELECT unnest(?)))")
            params.append(list(values))
    for bound, operator in ((f.tone_min, ">="), (f.tone_max, "<=")):
        if bound is not None:
            conditions.append(f"a.tone_lexical {operator} ?")
            params.append(bound)
    if f.place:
        conditions.append("e.place = ?")
        params.append(f.place)
    if f.article:
        conditions.append("e.article_id = ?")
        params.append(f.article)
    for role, value in (("actor", f.actor), ("recipient", f.recipient), (None, f.involving)):
        if value:
            role_sql = f" AND x.role = '{role}'" if role else ""
            if ":" in value:
                conditions.append(_ENTITY.format(role=role_sql))
                params.append(value)
            else:
                conditions.append(_CODE.format(role=role_sql))
                params.extend([value] * 4)
    return " AND ".join(conditions), params


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


def list_events(cur: duckdb.DuckDBPyConnection, f: EventFilter, *, limit: int, offset: int,
                order: str = "newest") -> dict[str, Any]:
    """One page of the matching events (newest first by default) and their total."""
    clause, params = where(f)
    base = f"FROM events e JOIN articles a ON a.id = e.article_id WHERE {clause}"
    total = scalar(cur, f"SELECT count(*) {base}", params) or 0
    items = rows(cur, f"SELECT {_COLUMNS} {base} ORDER BY {ORDERS[order]} LIMIT ? OFFSET ?",
                 [*params, limit, offset])
    return page(attach_participants(cur, items), total, limit, offset)
