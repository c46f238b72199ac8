"""Dyads for the network, the dyad view, the relations API and the overview.

A dyad is one (actor, recipient) pair of one event, counted as ``rasid.store.queries``
counts it: an event with two actors and one recipient gives two dyads, a pair appears
once per event even when two of its entities fold into the same node, an entity never
forms a dyad with itself, and syndicated copies count once. At ``country`` level every
entity with a country becomes that country (``country:IRN`` for Iran's ministers too),
so nodes are always entity ids and link to an actor page.

The SQL is written here rather than taken from ``queries.relations`` because the pages
need what that DataFrame does not give: pagination, both directions of a pair, counts
by month and type, and answers within a page's time budget.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import duckdb

from rasid.web.reads.events import EventFilter, where
from rasid.web.reads.names import names
from rasid.web.reads.sql import page, rows, scalar

LEVELS = ("entity", "country")
PERIODS = {"day": "day", "month": "month", "year": "year", "all": None}

_NODE = {
    "entity": "x.entity_id",
    "country": "coalesce('country:' || nullif(n.country, ''), "
               "CASE WHEN x.basis IN ('place', 'article') THEN 'country:' || x.country END, "
               "x.entity_id)",
}


#: the tolls an event carries (``counts`` in its data) as columns
TOLLS = ("killed", "injured", "arrested", "kidnapped")
_TOLLS = "".join(
    f", TRY_CAST(json_extract_string(e.data, '$.counts.{kind}.value') AS INTEGER) AS {kind}"
    for kind in TOLLS)

_PAIR = ("SELECT DISTINCT ON (ev.article_id, ev.id, s.node, r.node) ev.*, "
         "s.node AS actor, r.node AS recipient FROM ev "
         "JOIN parts s ON s.article_id = ev.article_id AND s.event_id = ev.id "
         "AND s.role = 'actor' "
         "JOIN parts r ON r.article_id = ev.article_id AND r.event_id = ev.id ")


def dyads_sql(f: EventFilter, level: str, *, involving: str | None = None
              ) -> tuple[str, list[Any]]:
    """``WITH ..., d AS (...)``: one row per dyad with the event's fields, ``actor`` and
    ``recipient`` (node ids at ``level``). Participant filters of ``f`` are ignored:
    callers filter on the dyad's sides; ``involving`` (an entity id or code) only
    narrows the events read first, for speed."""
    clause, params = where(replace(f.without_participants(), involving=involving))
    node = _NODE[level]
    sql = (
        "WITH ev AS (SELECT e.article_id, e.id, e.type, e.mode, e.quad, e.score, e.date, "
        "e.evidence, e.modality, e.trigger_text, e.trigger_start, e.trigger_end, "
        "e.sentence_start, e.sentence_text, e.confidence, a.title AS article_title, "
        f"a.tone_lexical AS article_tone{_TOLLS} "
        f"FROM events e JOIN articles a ON a.id = e.article_id WHERE {clause}), "
        f"parts AS (SELECT x.article_id, x.event_id, x.role, {node} AS node "
        "FROM event_actors x LEFT JOIN entities n "
        "ON n.article_id = x.article_id AND n.id = x.entity_id "
        "WHERE x.article_id IN (SELECT article_id FROM ev)), "
        f"d AS ({_PAIR}AND r.role = 'recipient' WHERE s.node <> r.node "
        # reciprocal events (several actors, no recipient) pair their actors, as the
        # store's relations do (rasid.store.queries._dyads_sql)
        f"UNION ALL {_PAIR}AND r.role = 'actor' WHERE s.node < r.node AND NOT EXISTS ("
        "SELECT 1 FROM parts q WHERE q.article_id = ev.article_id AND q.event_id = ev.id "
        "AND q.role = 'recipient')) "
    )
    return sql, params


_AGGREGATES = (
    "count(*) AS events, count(DISTINCT article_id) AS articles, "
    "avg(score) AS score_mean, sum(score) AS score_sum, "
    "coalesce(sum(greatest(score, 0)), 0) AS cooperation, "
    "coalesce(sum(greatest(-score, 0)), 0) AS conflict, "
    "avg(CASE WHEN quad IN ('3', '4') THEN 1.0 WHEN quad IS NOT NULL THEN 0.0 END) "
    "AS conflict_share, avg(article_tone) AS lexical_tone"
    + "".join(f", coalesce(sum({kind}), 0) AS {kind}" for kind in TOLLS)
)


def pairs(cur: duckdb.DuckDBPyConnection, f: EventFilter, level: str, *, min_count: int = 1
          ) -> list[dict[str, Any]]:
    """Every (actor, recipient) pair with its event count, mean score, cooperation and
    conflict, most events first."""
    cte, params = dyads_sql(f, level)
    return rows(cur, f"{cte} SELECT actor, recipient, {_AGGREGATES} FROM d "
                     "GROUP BY actor, recipient HAVING count(*) >= ? "
                     "ORDER BY events DESC, actor, recipient", [*params, min_count])


def partner_pairs(cur: duckdb.DuckDBPyConnection, f: EventFilter, level: str, node: str, *,
                  limit: int) -> list[dict[str, Any]]:
    """The pairs ``node`` is a side of, most events first."""
    cte, params = dyads_sql(f, level, involving=_narrowing(node, level))
    return rows(cur, f"{cte} SELECT actor, recipient, {_AGGREGATES} FROM d "
                     "WHERE actor = ? OR recipient = ? GROUP BY actor, recipient "
                     "ORDER BY events DESC, actor, recipient LIMIT ?",
                [*params, node, node, limit])


def network(cur: duckdb.DuckDBPyConnection, f: EventFilter, level: str, *, min_count: int,
            max_nodes: int) -> dict[str, Any]:
    """Nodes and edges of the dyad network: the ``max_nodes`` actors with most events
    (among pairs with at least ``min_count`` events) and the edges between them."""
    edges = pairs(cur, f, level, min_count=min_count)
    strength: dict[str, int] = {}
    for edge in edges:
        for side in ("actor", "recipient"):
            strength[edge[side]] = strength.get(edge[side], 0) + edge["events"]
    ranked = sorted(strength, key=lambda n: (-strength[n], n))
    kept = set(ranked[:max_nodes])
    shown = [e for e in edges if e["actor"] in kept and e["recipient"] in kept]
    linked = {e[side] for e in shown for side in ("actor", "recipient")}
    labels = names(cur, linked)
    nodes = [{**labels[n], "events": strength[n]} for n in ranked[:max_nodes] if n in linked]
    return {
        "level": level,
        "nodes": nodes,
        "edges": [{"source": e["actor"], "target": e["recipient"], **{
            k: e[k] for k in ("events", "articles", "score_mean", "cooperation", "conflict")}}
            for e in shown],
        "total_nodes": len(strength),
        "total_edges": len(edges),
    }


def top_pairs(cur: duckdb.DuckDBPyConnection, f: EventFilter, level: str, *, limit: int
              ) -> dict[str, list[dict[str, Any]]]:
    """The most cooperative and the most conflictual pairs (by summed score), named."""
    found = pairs(cur, f, level)
    cooperative = sorted((p for p in found if p["cooperation"] > 0),
                         key=lambda p: (-p["cooperation"], p["actor"], p["recipient"]))[:limit]
    conflictual = sorted((p for p in found if p["conflict"] > 0),
                         key=lambda p: (-p["conflict"], p["actor"], p["recipient"]))[:limit]
    labels = names(cur, {p[s] for p in cooperative + conflictual
                         for s in ("actor", "recipient")})
    for p in cooperative + conflictual:
        p["actor_label"] = labels[p["actor"]]["label"]
        p["recipient_label"] = labels[p["recipient"]]["label"]
    return {"cooperative": cooperative, "conflictual": conflictual}


def _narrowing(node: str, level: str) -> str | None:
    """What to narrow the events to before building a node's dyads: the entity at
    entity level; at country level the country's code (its people and agencies too)."""
    if level == "entity":
        return node
    if node.startswith("country:"):
        return node.split(":", 1)[1]
    return node if ":" in node else None


def _side(column: str) -> str:
    return f"({column} = ? OR ends_with({column}, ':' || ?))"


def _summary(rows_: list[dict[str, Any]]) -> dict[str, Any]:
    scores = [r["score"] for r in rows_ if r["score"] is not None]
    dates = [r["date"] for r in rows_ if r["date"]]
    quads = [str(r["quad"]) for r in rows_ if r.get("quad") is not None]
    tones = [r["article_tone"] for r in rows_ if r.get("article_tone") is not None]
    return {
        "conflict_share": (sum(q in ("3", "4") for q in quads) / len(quads)) if quads else None,
        "lexical_tone": sum(tones) / len(tones) if tones else None,
        "events": len(rows_), "articles": len({r["article_id"] for r in rows_}),
        "score_mean": sum(scores) / len(scores) if scores else None,
        "score_sum": sum(scores) if scores else None,
        "cooperation": sum(max(x, 0.0) for x in scores),
        "conflict": sum(max(-x, 0.0) for x in scores),
        "first_date": min(dates) if dates else None, "last_date": max(dates) if dates else None,
        **{kind: sum(r.get(kind) or 0 for r in rows_) for kind in TOLLS},
    }


def dyad(cur: duckdb.DuckDBPyConnection, f: EventFilter, level: str, actor: str,
         recipient: str, *, limit: int, offset: int) -> dict[str, Any]:
    """Both directions of one pair: per-direction totals, counts by month and type, and
    one page of the events (oldest first) with their evidence sentences.

    The pair's dyads are read once and summed here: one query instead of four over the
    same join, since a pair has at most a few thousand dyads."""
    cte, params = dyads_sql(f, level, involving=_narrowing(actor, level))
    pair = (f"(({_side('actor')} AND {_side('recipient')}) OR "
            f"({_side('actor')} AND {_side('recipient')}))")
    pair_params = [actor, actor, recipient, recipient, recipient, recipient, actor, actor]
    found = rows(cur, f"{cte} SELECT * FROM d WHERE {pair} ORDER BY date NULLS LAST, "
                      "article_id, trigger_start, id, actor", [*params, *pair_params])
    by_direction: dict[tuple[str, str], list[dict[str, Any]]] = {}
    counts: dict[tuple[str, str, str], int] = {}
    tolls: dict[str, dict[str, int]] = {}
    for row in found:
        by_direction.setdefault((row["actor"], row["recipient"]), []).append(row)
        if row["date"]:
            key = (row["date"][:7], str(row["type"]), str(row["quad"]))
            counts[key] = counts.get(key, 0) + 1
            month = tolls.setdefault(row["date"][:7], dict.fromkeys(TOLLS, 0))
            for kind in TOLLS:
                month[kind] += row.get(kind) or 0
    directions = [{"actor": a, "recipient": r, **_summary(items)}
                  for (a, r), items in sorted(by_direction.items(),
                                              key=lambda kv: (-len(kv[1]), kv[0]))]
    timeline = [{"period": period, "type": kind, "quad": quad, "events": n}
                for (period, kind, quad), n in sorted(counts.items())]
    events = found[offset:offset + limit]
    labels = names(cur, {actor, recipient} | {k for d in by_direction for k in d})
    for item in directions + events:
        item["actor_label"] = labels[item["actor"]]["label"]
        item["recipient_label"] = labels[item["recipient"]]["label"]
    return {
        "level": level,
        "actor": labels.get(actor, {"id": actor, "label": actor}),
        "recipient": labels.get(recipient, {"id": recipient, "label": recipient}),
        "directions": directions,
        "timeline": timeline,
        # killed, injured, arrested and kidnapped by month (a toll counts in each
        # dyad of its event, so both directions of a pair may hold it)
        "tolls": [{"period": month, **values} for month, values in sorted(tolls.items())
                  if any(values.values())],
        "events": page(events, len(found), limit, offset),
    }


def relations(cur: duckdb.DuckDBPyConnection, f: EventFilter, level: str, *, by: str,
              actor: str | None, recipient: str | None, limit: int, offset: int
              ) -> dict[str, Any]:
    """Dyads over time: per period, actor, recipient and evidence class (never summed
    across classes), the events per quad class, scores, cooperation and conflict."""
    cte, params = dyads_sql(f, level)
    conditions, extra = [], []
    for column, value in (("actor", actor), ("recipient", recipient)):
        if value:
            conditions.append(_side(column))
            extra.extend([value, value])
    filtered = " WHERE " + " AND ".join(conditions) if conditions else ""
    unit = PERIODS[by]
    period = (f"strftime(date_trunc('{unit}', date), '%Y-%m-%d')" if unit
              else "CAST(NULL AS VARCHAR)")
    quads = ", ".join(f"count(*) FILTER (WHERE quad = '{q}') AS quad_{q}" for q in "1234")
    grouped = (f"{cte} SELECT {period} AS period, actor, recipient, evidence, {_AGGREGATES}, "
               f"{quads} FROM d{filtered} GROUP BY ALL")
    all_params = [*params, *extra]
    total = scalar(cur, f"SELECT count(*) FROM ({grouped})", all_params) or 0
    items = rows(cur, f"{grouped} ORDER BY period NULLS FIRST, actor, recipient, evidence "
                      "LIMIT ? OFFSET ?", [*all_params, limit, offset])
    labels = names(cur, {i[s] for i in items for s in ("actor", "recipient")})
    for item in items:
        item["actor_label"] = labels[item["actor"]]["label"]
        item["recipient_label"] = labels[item["recipient"]]["label"]
    return {"level": level, "by": by, **page(items, total, limit, offset)}
