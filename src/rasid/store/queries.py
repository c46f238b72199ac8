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

import datetime
from dataclasses import dataclass

import duckdb
import pandas as pd

from rasid.store.errors import StoreError
from rasid.store.knowledge import evidence_classes

PERIODS = ("day", "month", "year", "all")
#: the tolls an event may carry (``counts`` in its data), as columns of the event rows
TOLLS = ("killed", "injured", "arrested", "kidnapped")
_TOLL_COLUMNS = "".join(
    f", TRY_CAST(json_extract_string(e.data, '$.counts.{kind}.value') AS INTEGER) AS {kind}"
    f", TRY_CAST(json_extract_string(e.data, '$.counts.{kind}.approx') AS BOOLEAN) "
    f"AS {kind}_approx" for kind in TOLLS)
BASES = ("stated", "place", "article")
LEVELS = ("entity", "country")


@dataclass(frozen=True)
class Filters:
    """Which events a query or an export looks at (every field optional)."""

    date_from: datetime.date | str | None = None
    date_to: datetime.date | str | None = None
    actor: str | None = None
    types: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    include_duplicates: bool = False
    #: which bases of a participant's country count at country level: ``stated`` only,
    #: or also countries taken from the event's ``place`` or the ``article`` context
    basis: tuple[str, ...] = BASES
    #: only events of articles with any of these topics (``rasid/topics/data/labels.json``)
    topics: tuple[str, ...] = ()
    #: leave out events of articles with any of these topics (sports, culture…)
    not_topics: tuple[str, ...] = ()
    #: bounds on the article's lexical tone (positive minus negative words, in %)
    tone_min: float | None = None
    tone_max: float | None = None


def _check_topics(values: tuple[str, ...]) -> None:
    from rasid.topics.data import labels

    unknown = sorted(set(values) - set(labels()))
    if unknown:
        raise StoreError(f"unknown topic {', '.join(unknown)} (known: {', '.join(labels())})")


def _events_sql(filters: Filters) -> tuple[str, list[object]]:
    """The filtered events joined to their article (without the actor filter)."""
    where = ["a.status = 'ok'"]
    params: list[object] = []
    if not filters.include_duplicates:
        where.append("a.duplicate_of IS NULL")
    if filters.date_from is not None:
        where.append("e.date >= CAST(? AS DATE)")
        params.append(str(filters.date_from))
    if filters.date_to is not None:
        where.append("e.date <= CAST(? AS DATE)")
        params.append(str(filters.date_to))
    if filters.types:
        where.append("e.type IN (SELECT unnest(?))")
        params.append(list(filters.types))
    if filters.evidence:
        unknown = sorted(set(filters.evidence) - set(evidence_classes()))
        if unknown:
            raise StoreError(f"unknown evidence class {', '.join(unknown)} "
                             f"(known: {', '.join(evidence_classes())})")
        where.append("e.evidence IN (SELECT unnest(?))")
        params.append(list(filters.evidence))
    for values, negate in ((filters.topics, ""), (filters.not_topics, "NOT ")):
        if values:
            _check_topics(values)
            where.append(f"{negate}EXISTS (SELECT 1 FROM article_topics t WHERE "
                         "t.article_id = a.id AND t.label IN (SELECT unnest(?)))")
            params.append(list(values))
    if filters.tone_min is not None:
        where.append("a.tone_lexical >= ?")
        params.append(float(filters.tone_min))
    if filters.tone_max is not None:
        where.append("a.tone_lexical <= ?")
        params.append(float(filters.tone_max))
    sql = (
        f"SELECT e.*{_TOLL_COLUMNS}, a.source, a.url, a.title, a.date AS article_date, "
        "a.doc_id, a.pipeline_version, a.analyzed_at, a.duplicate_of, "
        "a.topic AS article_topic, a.tone_lexical AS article_tone "
        "FROM events e JOIN articles a ON a.id = e.article_id WHERE " + " AND ".join(where)
    )
    return sql, params


def _participants_sql(level: str, actor: str | None, basis: tuple[str, ...] = BASES
                      ) -> tuple[str, list[object]]:
    """Event participants with the node they count as and whether they match ``actor``.

    ``actor`` matches an entity id (``country:IRN``), the part after its colon
    (``IRN``), or the entity's ``code`` or ``country`` (so ``IRN`` also matches Iran's
    ministers and ministries).
    """
    if level not in LEVELS:
        raise StoreError(f"unknown level '{level}' (known: {', '.join(LEVELS)})")
    unknown = sorted(set(basis) - set(BASES))
    if unknown:
        raise StoreError(f"unknown basis {', '.join(unknown)} (known: {', '.join(BASES)})")
    context = [b for b in basis if b != "stated"]
    node = ("coalesce(n.country, CASE WHEN list_contains(?, x.basis) THEN x.country END, "
            "CASE WHEN starts_with(x.entity_id, 'country:') "
            "THEN substr(x.entity_id, 9) END, x.entity_id)"
            if level == "country" else "x.entity_id")
    sql = (
        f"SELECT x.article_id, x.event_id, x.role, x.position, x.entity_id, {node} AS node, "
        "x.country AS event_country, x.basis, "
        "n.kind, n.en, n.ar, n.country, n.code, n.sector, "
        "(x.entity_id = ? OR ends_with(x.entity_id, ':' || ?) OR n.code = ? "
        "OR n.country = ?) AS matches "
        "FROM event_actors x LEFT JOIN entities n "
        "ON n.article_id = x.article_id AND n.id = x.entity_id"
    )
    return sql, ([context] if level == "country" else []) + [actor, actor, actor, actor]


def _dyads_sql(filters: Filters, level: str) -> tuple[str, list[object]]:
    """Dyads of the filtered events: each actor with each recipient, and for reciprocal
    events (several actors, no recipient: a meeting, an agreement, a clash) each pair
    of actors once, in a fixed order, so ``روسيا وإيران تنسقان`` counts for RUS–IRN."""
    events, event_params = _events_sql(filters)
    parts, part_params = _participants_sql(level, filters.actor, filters.basis)
    actor_filter = " AND (s.matches OR r.matches)" if filters.actor else ""
    pair = ("SELECT DISTINCT ON (ev.article_id, ev.id, s.node, r.node) ev.*, "
            "s.node AS actor, r.node AS recipient "
            "FROM ev JOIN parts s ON s.article_id = ev.article_id AND s.event_id = ev.id "
            "AND s.role = 'actor' "
            "JOIN parts r ON r.article_id = ev.article_id AND r.event_id = ev.id ")
    sql = (
        f"WITH ev AS ({events}), parts AS ({parts}) "
        f"{pair}AND r.role = 'recipient' WHERE s.node <> r.node{actor_filter} "
        f"UNION ALL {pair}AND r.role = 'actor' WHERE s.node < r.node "
        "AND NOT EXISTS (SELECT 1 FROM parts q WHERE q.article_id = ev.article_id "
        f"AND q.event_id = ev.id AND q.role = 'recipient'){actor_filter}"
    )
    return sql, [*event_params, *part_params]


def dyads(conn: duckdb.DuckDBPyConnection, filters: Filters | None = None, *,
          level: str = "entity") -> pd.DataFrame:
    """One row per (event, actor, recipient), with the event's fields and article."""
    filters = filters or Filters()
    sql, params = _dyads_sql(filters, level)
    return conn.execute(f"SELECT * FROM ({sql}) ORDER BY date, article_id, id, actor, "
                        "recipient", params).df()


def relations(conn: duckdb.DuckDBPyConnection, filters: Filters | None = None, *,
              by: str = "month", level: str = "entity", top: int = 3) -> pd.DataFrame:
    """Dyads over time: per period, actor, recipient and evidence class, the number of
    events, the count per quad class (``quad_<value>``), the sum and mean score,
    cooperation (sum of positive scores) and conflict (sum of negative scores, as a
    positive number), the tone of the dyad's coverage (``conflict_share``: the share of its
    events in quad classes 3 and 4; ``lexical_tone``: the mean lexical tone of the
    articles its events come from, one value per event), the tolls its events carry
    (``killed``, ``injured``, ``arrested``, ``kidnapped``: sums; a toll counts in each
    dyad of its event), and the ``top`` events that weigh most (largest absolute score),
    each with its article, event id, type, score, trigger and sentence."""
    filters = filters or Filters()
    if by not in PERIODS:
        raise StoreError(f"unknown period '{by}' (known: {', '.join(PERIODS)})")
    sql, params = _dyads_sql(filters, level)
    quads = [row[0] for row in conn.execute(
        f"WITH d AS ({sql}) SELECT DISTINCT quad FROM d WHERE quad IS NOT NULL ORDER BY quad",
        params).fetchall()]
    quad_columns = "".join(f", count(*) FILTER (WHERE quad = ?) AS q{i}"
                           for i in range(len(quads)))
    period = "CAST(NULL AS DATE)" if by == "all" else "CAST(date_trunc(?, date) AS DATE)"
    period_params: list[object] = [] if by == "all" else [by]
    query = (
        f"WITH d AS ({sql}) SELECT {period} AS period, actor, recipient, evidence, "
        "count(*) AS events, count(DISTINCT article_id) AS articles"
        f"{quad_columns}, sum(score) AS score_sum, avg(score) AS score_mean, "
        "sum(greatest(score, 0)) AS cooperation, sum(greatest(-score, 0)) AS conflict, "
        "avg(CASE WHEN quad IN ('3', '4') THEN 1.0 WHEN quad IS NOT NULL THEN 0.0 END) "
        "AS conflict_share, avg(article_tone) AS lexical_tone"
        + "".join(f", coalesce(sum({kind}), 0) AS {kind}" for kind in TOLLS) + ", "
        "list({'article': article_id, 'event': id, 'type': type, 'score': score, "
        "'trigger': trigger_text, 'sentence': sentence_text} "
        "ORDER BY abs(score) DESC NULLS LAST, confidence DESC NULLS LAST, article_id, id)"
        "[1:?] AS top_events "
        "FROM d GROUP BY ALL ORDER BY period NULLS FIRST, actor, recipient, evidence"
    )
    frame = conn.execute(query, [*params, *period_params, *quads, max(top, 0)]).df()
    return frame.rename(columns={f"q{i}": f"quad_{q}" for i, q in enumerate(quads)})


def events(conn: duckdb.DuckDBPyConnection, filters: Filters | None = None) -> pd.DataFrame:
    """One row per event (actor filter: any participant matches), with its actors and
    recipients as lists of entity ids and its article's metadata."""
    filters = filters or Filters()
    sql, params = _events_sql(filters)
    parts, part_params = _participants_sql("entity", filters.actor)
    actor_filter = ("WHERE EXISTS (SELECT 1 FROM parts p WHERE p.article_id = ev.article_id "
                    "AND p.event_id = ev.id AND p.matches)" if filters.actor else "")
    query = (
        f"WITH ev AS ({sql}), parts AS ({parts}) SELECT ev.*, "
        "(SELECT list(p.entity_id ORDER BY p.position) FROM parts p "
        "WHERE p.article_id = ev.article_id AND p.event_id = ev.id AND p.role = 'actor') "
        "AS actors, "
        "(SELECT list(p.entity_id ORDER BY p.position) FROM parts p "
        "WHERE p.article_id = ev.article_id AND p.event_id = ev.id AND p.role = 'recipient') "
        "AS recipients "
        f"FROM ev {actor_filter} ORDER BY ev.date, ev.article_id, ev.id"
    )
    return conn.execute(query, [*params, *part_params]).df()


def participants(conn: duckdb.DuckDBPyConnection, filters: Filters | None = None
                 ) -> pd.DataFrame:
    """The actors and recipients of the filtered events with their entity fields."""
    filters = filters or Filters()
    sql, params = _events_sql(filters)
    parts, part_params = _participants_sql("entity", None)
    query = (f"WITH ev AS ({sql}), parts AS ({parts}) SELECT p.* FROM parts p "
             "JOIN ev ON ev.article_id = p.article_id AND ev.id = p.event_id "
             "ORDER BY p.article_id, p.event_id, p.role, p.position")
    return conn.execute(query, [*params, *part_params]).df()


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
    dyad_sql, dyad_params = _dyads_sql(Filters(include_duplicates=True), "entity")
    rows.append(("layers", "dyads", one(f"SELECT count(*) FROM ({dyad_sql})", dyad_params)))
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
