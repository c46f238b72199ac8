"""Reading the store back: dyads over time, event tables, stats, as pandas DataFrames.

A *dyad* is one (actor, recipient) pair of one event: an event with two actors and
one recipient gives two dyads. Relations aggregate dyads per period and keep the
evidence classes apart (``data/evidence.json``): what a text asserts happened is never
summed with what someone said, denied or considered. Syndicated copies
(``duplicate_of`` set) are left out unless ``include_duplicates`` is asked for, so a
story printed by ten outlets counts once.

Every value a user gives reaches SQL as a bound parameter; only column and table
names from this module are ever written into the SQL text.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from rasid.store.dyads import (
    LEVELS,
    PERIODS,
    TOLLS,
    dyads_sql,
    relations_sql,
    toll_columns,
)
from rasid.store.filters import BASES, Filters, where

__all__ = ["BASES", "LEVELS", "PERIODS", "TOLLS", "Filters", "dyads", "events", "failures",
           "participants", "relations", "stats"]

#: every event column, its tolls and its article's fields (events, exports, dyads())
_EVENT_COLUMNS = (
    f"e.*{toll_columns(approx=True)}, a.source, a.url, a.title, a.date AS article_date, "
    "a.doc_id, a.pipeline_version, a.analyzed_at, a.duplicate_of, "
    "a.topic AS article_topic, a.tone_lexical AS article_tone"
)


def dyads(conn: duckdb.DuckDBPyConnection, filters: Filters | None = None, *,
          level: str = "entity") -> pd.DataFrame:
    """One row per (event, actor, recipient), with the event's fields and article."""
    sql, params = dyads_sql(filters or Filters(), level, columns=_EVENT_COLUMNS)
    return conn.execute(f"{sql}SELECT * FROM d ORDER BY date, article_id, id, actor, "
                        "recipient", params).df()


def relations(conn: duckdb.DuckDBPyConnection, filters: Filters | None = None, *,
              by: str = "month", level: str = "entity", top: int = 3) -> pd.DataFrame:
    """Dyads over time (``rasid.store.dyads.relations_sql``): per period, actor,
    recipient and evidence class, the number of events and articles, the count per quad
    class (``quad_1`` … ``quad_4``), the sum and mean score, cooperation (sum of positive
    scores) and conflict (sum of negative scores, as a positive number), the tone of the
    dyad's coverage (``conflict_share``: the share of its events in quad classes 3 and
    4; ``lexical_tone``: the mean lexical tone of the articles its events come from, one
    value per event), the tolls its events carry (``killed``, ``injured``, ``arrested``,
    ``kidnapped``: sums; a toll counts in each dyad of its event), and the ``top`` events
    that weigh most, each with its article, event id, type, score, trigger and sentence.
    Actors are entity ids at every level (``country:IRN``)."""
    sql, params = relations_sql(filters or Filters(), by=by, level=level, top=top)
    return conn.execute(sql, params).df()


def events(conn: duckdb.DuckDBPyConnection, filters: Filters | None = None) -> pd.DataFrame:
    """One row per event, with its actors and recipients as lists of entity ids and its
    article's metadata."""
    clause, params = where(filters or Filters())
    query = (
        f"SELECT {_EVENT_COLUMNS}, "
        "(SELECT list(x.entity_id ORDER BY x.position) FROM event_actors x "
        "WHERE x.article_id = e.article_id AND x.event_id = e.id AND x.role = 'actor') "
        "AS actors, "
        "(SELECT list(x.entity_id ORDER BY x.position) FROM event_actors x "
        "WHERE x.article_id = e.article_id AND x.event_id = e.id AND x.role = 'recipient') "
        "AS recipients "
        f"FROM events e JOIN articles a ON a.id = e.article_id WHERE {clause} "
        "ORDER BY e.date, e.article_id, e.id"
    )
    return conn.execute(query, params).df()


def participants(conn: duckdb.DuckDBPyConnection, filters: Filters | None = None
                 ) -> pd.DataFrame:
    """The actors and recipients of the filtered events with their entity fields."""
    clause, params = where(filters or Filters())
    query = (
        "SELECT x.article_id, x.event_id, x.role, x.position, x.entity_id, "
        "x.country AS event_country, x.basis, n.kind, n.en, n.ar, n.country, n.code, "
        "n.sector FROM event_actors x LEFT JOIN entities n "
        "ON n.article_id = x.article_id AND n.id = x.entity_id "
        "WHERE EXISTS (SELECT 1 FROM events e JOIN articles a ON a.id = e.article_id "
        f"WHERE e.article_id = x.article_id AND e.id = x.event_id AND {clause}) "
        "ORDER BY x.article_id, x.event_id, x.role, x.position"
    )
    return conn.execute(query, params).df()


def failures(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The documents that could not be analyzed, with the reason."""
    return conn.execute(
        "SELECT id, origin, error_code, error, raw_length, analyzed_at FROM articles "
        "WHERE status = 'failed' ORDER BY origin").df()


def stats(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """What the store holds: ``section``, ``name``, ``value`` rows."""
    rows: list[tuple[str, str, object]] = []

    def one(sql: str, params: list[object] | None = None) -> object:
        result = conn.execute(sql, params or []).fetchone()
        return None if result is None else result[0]

    version = one("SELECT value FROM meta WHERE key = ?", ["schema_version"])
    rows.append(("store", "schema_version", int(str(version)) if version else 0))
    for name, sql in (
        ("articles", "SELECT count(*) FROM articles"),
        ("analyzed", "SELECT count(*) FROM articles WHERE status = 'ok'"),
        ("failed", "SELECT count(*) FROM articles WHERE status = 'failed'"),
        ("duplicates", "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
        ("with_date", "SELECT count(*) FROM articles WHERE status = 'ok' AND date IS NOT NULL"),
        ("first_date", "SELECT min(date) FROM articles WHERE status = 'ok'"),
        ("last_date", "SELECT max(date) FROM articles WHERE status = 'ok'"),
        ("characters", "SELECT coalesce(sum(length(text)), 0) FROM articles"),
    ):
        value = one(sql)
        rows.append(("articles", name, value.isoformat() if hasattr(value, "isoformat")
                     else value))
    for table in ("mentions", "entities", "quotes", "events", "event_actors"):
        rows.append(("layers", table, one(f"SELECT count(*) FROM {table}")))
    dyad_sql, dyad_params = dyads_sql(Filters(include_duplicates=True), "entity")
    rows.append(("layers", "dyads", one(f"{dyad_sql}SELECT count(*) FROM d", dyad_params)))
    for evidence, count in conn.execute(
            "SELECT evidence, count(*) FROM events GROUP BY ALL ORDER BY 2 DESC, 1").fetchall():
        rows.append(("events by evidence", evidence, count))
    for kind, count in conn.execute(
            "SELECT coalesce(type, '?'), count(*) FROM events GROUP BY ALL "
            "ORDER BY 2 DESC, 1 LIMIT 25").fetchall():
        rows.append(("events by type", kind, count))
    for topic, count in conn.execute(
            "SELECT topic, count(*) FROM articles WHERE status = 'ok' AND topic IS NOT NULL "
            "GROUP BY ALL ORDER BY 2 DESC, 1").fetchall():
        rows.append(("articles by main topic", topic, count))
    rows.append(("layers", "events with coordinates",
                 one("SELECT count(*) FROM events WHERE lat IS NOT NULL")))
    for label, count in conn.execute(
            "SELECT coalesce(label, '?'), count(*) FROM mentions GROUP BY ALL "
            "ORDER BY 2 DESC, 1").fetchall():
        rows.append(("mentions by label", label, count))
    for reason, count in conn.execute(
            "SELECT coalesce(error_code, '?') || ' ' || "
            "regexp_replace(coalesce(error, ''), ' \\(.*$', ''), count(*) FROM articles "
            "WHERE status = 'failed' GROUP BY ALL ORDER BY 2 DESC, 1 LIMIT 25").fetchall():
        rows.append(("failures by reason", reason, count))
    for version_, count in conn.execute(
            "SELECT pipeline_version, count(*) FROM articles GROUP BY ALL "
            "ORDER BY 2 DESC, 1").fetchall():
        rows.append(("articles by pipeline version", version_, count))
    return pd.DataFrame(rows, columns=["section", "name", "value"]).astype({"value": object})
