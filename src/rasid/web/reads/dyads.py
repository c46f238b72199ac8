"""Dyads for the network, the dyad view, the relations API and the overview.

The dyads themselves come from the store (``rasid.store.dyads``): the same SQL as
``rasid relations``, so the API and the command line give the same rows. Here they are
paged, named and shaped for the pages: pairs for the network, both directions of one
pair with counts by month and type, the most cooperative and conflictual pairs.
Nodes are entity ids at every level (``country:IRN``), so every node links to an actor
page.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import duckdb

from rasid.store.dyads import AGGREGATES, LEVELS, PERIODS, TOLLS, dyads_sql, node_id, relations_sql
from rasid.store.filters import Filters
from rasid.web.reads.names import names
from rasid.web.reads.sql import page, rows, scalar

__all__ = ["LEVELS", "PERIODS", "dyad", "network", "pairs", "partner_pairs", "relations",
           "top_pairs"]


def pairs(cur: duckdb.DuckDBPyConnection, f: Filters, level: str, *, min_count: int = 1
          ) -> list[dict[str, Any]]:
    """Every (actor, recipient) pair with its event count, mean score, cooperation and
    conflict, most events first."""
    cte, params = dyads_sql(f, level)
    return rows(cur, f"{cte}SELECT actor, recipient, {AGGREGATES} FROM d "
                     "GROUP BY actor, recipient HAVING count(*) >= ? "
                     "ORDER BY events DESC, actor, recipient", [*params, min_count])


def partner_pairs(cur: duckdb.DuckDBPyConnection, f: Filters, level: str, node: str, *,
                  limit: int) -> list[dict[str, Any]]:
    """The pairs ``node`` is a side of, most events first."""
    chosen = replace(f.without_participants(), involving=node)
    cte, params = dyads_sql(chosen, level)
    return rows(cur, f"{cte}SELECT actor, recipient, {AGGREGATES} FROM d "
                     "WHERE actor = ? OR recipient = ? GROUP BY actor, recipient "
                     "ORDER BY events DESC, actor, recipient LIMIT ?",
                [*params, node, node, limit])


def network(cur: duckdb.DuckDBPyConnection, f: Filters, level: str, *, min_count: int,
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


def top_pairs(cur: duckdb.DuckDBPyConnection, f: Filters, level: str, *, limit: int
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


def dyad(cur: duckdb.DuckDBPyConnection, f: Filters, level: str, actor: str,
         recipient: str, *, limit: int, offset: int) -> dict[str, Any]:
    """Both directions of one pair: per-direction totals, counts by month and type, and
    one page of the events (oldest first) with their evidence sentences.

    The pair's dyads are read once and summed here: one query instead of four over the
    same join, since a pair has at most a few thousand dyads."""
    actor, recipient = node_id(actor), node_id(recipient)
    cte, params = dyads_sql(replace(f.without_participants(), involving=actor), level)
    found = rows(cur, f"{cte}SELECT * FROM d WHERE (actor = ? AND recipient = ?) OR "
                      "(actor = ? AND recipient = ?) ORDER BY date NULLS LAST, "
                      "article_id, trigger_start, id, actor",
                 [*params, actor, recipient, recipient, actor])
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


def relations(cur: duckdb.DuckDBPyConnection, f: Filters, level: str, *, by: str,
              limit: int, offset: int, top: int = 3) -> dict[str, Any]:
    """One page of ``rasid.store.dyads.relations_sql``'s rows (the rows of ``rasid
    relations``), each with the names of its actor and recipient."""
    sql, params = relations_sql(f, by=by, level=level, top=top)
    total = scalar(cur, f"SELECT count(*) FROM ({sql})", params) or 0
    items = rows(cur, f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset])
    labels = names(cur, {i[s] for i in items for s in ("actor", "recipient")})
    for item in items:
        for side in ("actor", "recipient"):
            label = labels[item[side]]
            item[f"{side}_label"] = label["label"]
            item[f"{side}_en"], item[f"{side}_ar"] = label.get("en"), label.get("ar")
    return {"level": level, "by": by, **page(items, total, limit, offset)}
