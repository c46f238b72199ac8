"""The overview: what the corpus holds and the shape of the relations in it.

Counts come straight from the tables; actors and dyads count events the way the rest
of the dashboard does (syndicated copies once, evidence classes as asked, by default
only what the texts assert happened). The tolls per month count current facts only,
whatever other classes the filter adds: nine dead a spokesman claims are most often
the nine dead the report states, and adding them would count them twice.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import duckdb

from rasid.store.filters import Filters, where
from rasid.web.reads.articles import sources
from rasid.web.reads.dyads import top_pairs
from rasid.web.reads.names import names
from rasid.web.reads.sql import one, rows

#: the evidence class of current facts (``rasid/store/data/evidence.json``): an event
#: the text asserts happened, not reported inside a quotation, not background
FACTS = "asserted"
#: the tolls the overview charts (``counts`` in an event's data)
TOLLS = ("killed", "injured")


def corpus(cur: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Article counts, date range, layer sizes and sources."""
    counts = one(cur, "SELECT count(*) AS articles, count(*) FILTER (WHERE status = 'ok') "
                      "AS analyzed, count(*) FILTER (WHERE status = 'failed') AS failed, "
                      "count(*) FILTER (WHERE duplicate_of IS NOT NULL) AS duplicates, "
                      "min(date) FILTER (WHERE status = 'ok') AS first_date, "
                      "max(date) FILTER (WHERE status = 'ok') AS last_date FROM articles") or {}
    layers = one(cur, "SELECT (SELECT count(*) FROM mentions) AS mentions, "
                      "(SELECT count(DISTINCT id) FROM entities) AS actors, "
                      "(SELECT count(*) FROM quotes) AS quotes, "
                      "(SELECT count(*) FROM events) AS events") or {}
    return {**counts, "layers": layers, "sources": sources(cur, 10)}


def top_actors(cur: duckdb.DuckDBPyConnection, f: Filters, *, limit: int
               ) -> list[dict[str, Any]]:
    """The actors taking part in most events (as actor or recipient)."""
    clause, params = where(f)
    found = rows(cur, "SELECT x.entity_id AS id, count(DISTINCT (x.article_id, x.event_id)) "
                      "AS events, count(*) FILTER (WHERE x.role = 'actor') AS as_actor, "
                      "count(*) FILTER (WHERE x.role = 'recipient') AS as_recipient "
                      "FROM event_actors x JOIN events e ON e.article_id = x.article_id "
                      "AND e.id = x.event_id JOIN articles a ON a.id = e.article_id "
                      f"WHERE {clause} GROUP BY x.entity_id ORDER BY events DESC, id LIMIT ?",
                 [*params, limit])
    labels = names(cur, (row["id"] for row in found))
    return [{**labels[row["id"]], **row} for row in found]


def per_month(cur: duckdb.DuckDBPyConnection, f: Filters) -> list[dict[str, Any]]:
    """Events per month (event date) and quad class."""
    clause, params = where(f)
    return rows(cur, "SELECT strftime(date_trunc('month', e.date), '%Y-%m') AS period, "
                     "e.quad AS quad, count(*) AS events FROM events e "
                     f"JOIN articles a ON a.id = e.article_id WHERE {clause} "
                     "AND e.date IS NOT NULL GROUP BY ALL ORDER BY period, quad", params)


def tolls_per_month(cur: duckdb.DuckDBPyConnection, f: Filters
                    ) -> list[dict[str, Any]]:
    """People killed and injured per month (event date) in the filtered events that are
    current facts: the sums, whether any of them is approximate («نحو», «أكثر من»),
    and the number of events with a toll. Each event's toll counts once; months with
    no toll are left out (the chart draws them as gaps)."""
    if f.evidence and FACTS not in f.evidence:
        return []
    clause, params = where(replace(f, evidence=(FACTS,)))
    columns = "".join(
        f", TRY_CAST(json_extract_string(e.data, '$.counts.{kind}.value') AS INTEGER) "
        f"AS {kind}, coalesce(TRY_CAST(json_extract_string(e.data, '$.counts.{kind}.approx') "
        f"AS BOOLEAN), false) AS {kind}_approx" for kind in TOLLS)
    sums = "".join(f", coalesce(sum({kind}), 0) AS {kind}, "
                   f"coalesce(bool_or({kind}_approx AND {kind} > 0), false) AS {kind}_approx"
                   for kind in TOLLS)
    any_toll = " OR ".join(f"{kind} > 0" for kind in TOLLS)
    return rows(cur, f"WITH t AS (SELECT strftime(date_trunc('month', e.date), '%Y-%m') "
                     f"AS period{columns} FROM events e JOIN articles a ON a.id = e.article_id "
                     f"WHERE {clause} AND e.date IS NOT NULL) "
                     f"SELECT period{sums}, count(*) FILTER (WHERE {any_toll}) AS events "
                     f"FROM t GROUP BY period HAVING bool_or({any_toll}) ORDER BY period",
                params)


def overview(cur: duckdb.DuckDBPyConnection, f: Filters, level: str, *, limit: int = 10
             ) -> dict[str, Any]:
    return {
        "corpus": corpus(cur),
        "filters": {"evidence": list(f.evidence), "level": level},
        "top_actors": top_actors(cur, f, limit=limit),
        "top_dyads": top_pairs(cur, f, level, limit=limit),
        "events_per_month": per_month(cur, f),
        "tolls_per_month": tolls_per_month(cur, f),
        "tolls_evidence": [FACTS] if not f.evidence or FACTS in f.evidence else [],
    }
