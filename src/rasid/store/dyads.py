"""Dyads and relations in SQL: the one definition the CLI, the API and the pages share.

A *dyad* is one (actor, recipient) pair of one event: an event with two actors and one
recipient gives two dyads; a reciprocal event (several actors, no recipient: a meeting,
an agreement, a clash) pairs its actors once each, in a fixed order, so
``روسيا وإيران تنسقان`` counts for Iran–Russia. A pair appears once per event even when
two of its participants fold into the same node, and a node never forms a dyad with
itself.

Nodes are entity ids at every level. At ``country`` level each participant counts as
its country's entity (``country:IRN`` for Iran, its president and its ministries); a
generic agent (the army, gunmen) counts for the country its event's context gave it
when the basis of that country is one the filters accept (``stated``, ``place``,
``article``); a participant with no country (the UN) stays itself.

:func:`relations_sql` aggregates dyads per period, actor, recipient and evidence class;
``rasid.store.queries.relations`` runs it for a DataFrame, the web runs it a page at a
time: the same SQL, so the same rows.
"""

from __future__ import annotations

from typing import Any

from rasid.store.errors import StoreError
from rasid.store.filters import Filters, match_params, participant_matches, where

LEVELS = ("entity", "country")
PERIODS = ("day", "month", "year", "all")
#: the tolls an event may carry (``counts`` in its data)
TOLLS = ("killed", "injured", "arrested", "kidnapped")
#: the prefix of a country's entity id; ``country:`` + ISO alpha-3 code
COUNTRY = "country:"


def toll_columns(*, approx: bool = False) -> str:
    """``, <kind>`` columns (and ``<kind>_approx`` ones) from an event's ``data``."""
    columns = []
    for kind in TOLLS:
        columns.append(f", TRY_CAST(json_extract_string(e.data, '$.counts.{kind}.value') "
                       f"AS INTEGER) AS {kind}")
        if approx:
            columns.append(f", TRY_CAST(json_extract_string(e.data, "
                           f"'$.counts.{kind}.approx') AS BOOLEAN) AS {kind}_approx")
    return "".join(columns)


#: the event fields each dyad row carries unless the caller asks for others
DYAD_COLUMNS = (
    "e.article_id, e.id, e.type, e.mode, e.quad, e.score, e.date, e.evidence, e.modality, "
    "e.trigger_text, e.trigger_start, e.trigger_end, e.sentence_start, e.sentence_text, "
    "e.confidence, a.title AS article_title, a.tone_lexical AS article_tone" + toll_columns()
)


def node_id(value: str) -> str:
    """The node id a user means: a bare country code (``DEU``, as earlier versions
    wrote countries) is the country's entity id (``country:DEU``)."""
    text = value.strip()
    if len(text) == 3 and text.isascii() and text.isalpha() and text.isupper():
        return COUNTRY + text
    return text


def check_level(level: str) -> None:
    if level not in LEVELS:
        raise StoreError(f"unknown level '{level}' (known: {', '.join(LEVELS)})")


def check_period(by: str) -> None:
    if by not in PERIODS:
        raise StoreError(f"unknown period '{by}' (known: {', '.join(PERIODS)})")


def _node(level: str, basis: tuple[str, ...]) -> tuple[str, list[Any]]:
    """The node expression of participant ``x`` (entity ``n``) at ``level``."""
    check_level(level)
    if level == "entity":
        return "x.entity_id", []
    context = [b for b in basis if b != "stated"]
    return (f"coalesce('{COUNTRY}' || nullif(n.country, ''), "
            f"CASE WHEN list_contains(?, x.basis) THEN '{COUNTRY}' || nullif(x.country, '') "
            "END, x.entity_id)", [context])


def _side_matches(filters: Filters) -> tuple[str, list[Any]]:
    """``, m_actor, m_recipient, m_involving`` columns of a participant: whether it is
    the actor the filter names, as an entity (:func:`participant_matches`) or as the
    node it counts as (``country:IRN`` at country level for Iran's army)."""
    columns, params = [], []
    for name, value in (("m_actor", filters.actor), ("m_recipient", filters.recipient),
                        ("m_involving", filters.involving)):
        if value:
            columns.append(f", ({participant_matches('p.entity_id', 'p.code', 'p.country')} "
                           "OR p.node = ? OR ends_with(p.node, ':' || ?)) AS " + name)
            params.extend([*match_params(value), value, value])
    return "".join(columns), params


def _side_conditions(filters: Filters) -> str:
    conditions = []
    if filters.actor:
        conditions.append(" AND s.m_actor")
    if filters.recipient:
        conditions.append(" AND r.m_recipient")
    if filters.involving:
        conditions.append(" AND (s.m_involving OR r.m_involving)")
    return "".join(conditions)


def _narrowing(filters: Filters) -> tuple[str, list[Any]]:
    """`` AND EXISTS (...)`` per participant filter: the events that have a participant
    which could count as the actor named, in any role and at any level (a superset of
    the dyads the side conditions keep), so a page about one actor reads only its
    events."""
    sql, params = "", []
    for _role, value in filters.participants():
        sql += (" AND EXISTS (SELECT 1 FROM event_actors x LEFT JOIN entities n "
                "ON n.article_id = x.article_id AND n.id = x.entity_id "
                "WHERE x.article_id = e.article_id AND x.event_id = e.id AND ("
                f"{participant_matches('x.entity_id', 'n.code', 'n.country')} "
                f"OR x.country = ? OR '{COUNTRY}' || x.country = ? "
                f"OR '{COUNTRY}' || n.country = ?))")
        params.extend([*match_params(value), value, value, value])
    return sql, params


def dyads_sql(filters: Filters, level: str, *, columns: str = DYAD_COLUMNS
              ) -> tuple[str, list[Any]]:
    """``WITH ev AS (...), parts AS (...), d AS (...) `` and its parameters: ``d`` holds
    one row per dyad with the event ``columns`` (over ``events e JOIN articles a``),
    ``actor`` and ``recipient`` (node ids at ``level``). The actor, recipient and
    involving filters apply to the dyad's sides."""
    clause, params = where(filters, participants=False)
    narrowing, narrowing_params = _narrowing(filters)
    clause, params = clause + narrowing, [*params, *narrowing_params]
    node, node_params = _node(level, filters.basis)
    matches, match_values = _side_matches(filters)
    sides = _side_conditions(filters)
    pair = ("SELECT DISTINCT ON (ev.article_id, ev.id, s.node, r.node) ev.*, "
            "s.node AS actor, r.node AS recipient FROM ev "
            "JOIN parts s ON s.article_id = ev.article_id AND s.event_id = ev.id "
            "AND s.role = 'actor' "
            "JOIN parts r ON r.article_id = ev.article_id AND r.event_id = ev.id ")
    sql = (
        f"WITH ev AS (SELECT {columns} FROM events e JOIN articles a ON a.id = e.article_id "
        f"WHERE {clause}), "
        "parts AS (SELECT *" + matches + " FROM (SELECT x.article_id, x.event_id, x.role, "
        f"x.position, x.entity_id, {node} AS node, x.country AS event_country, x.basis, "
        "n.kind, n.en, n.ar, n.country, n.code, n.sector "
        "FROM event_actors x LEFT JOIN entities n "
        "ON n.article_id = x.article_id AND n.id = x.entity_id "
        "WHERE x.article_id IN (SELECT article_id FROM ev)) p), "
        f"d AS ({pair}AND r.role = 'recipient' WHERE s.node <> r.node{sides} "
        f"UNION ALL {pair}AND r.role = 'actor' WHERE s.node < r.node "
        "AND NOT EXISTS (SELECT 1 FROM parts q WHERE q.article_id = ev.article_id "
        f"AND q.event_id = ev.id AND q.role = 'recipient'){sides}) "
    )
    # the match columns are written before the subquery that computes the node
    return sql, [*params, *match_values, *node_params]


#: what every relation row and every pair sums over its dyads
AGGREGATES = (
    "count(*) AS events, count(DISTINCT article_id) AS articles, "
    + "".join(f"count(*) FILTER (WHERE quad = '{q}') AS quad_{q}, " for q in "1234")
    + "sum(score) AS score_sum, avg(score) AS score_mean, "
    "coalesce(sum(greatest(score, 0)), 0) AS cooperation, "
    "coalesce(sum(greatest(-score, 0)), 0) AS conflict, "
    "avg(CASE WHEN quad IN ('3', '4') THEN 1.0 WHEN quad IS NOT NULL THEN 0.0 END) "
    "AS conflict_share, avg(article_tone) AS lexical_tone"
    + "".join(f", coalesce(sum({kind}), 0) AS {kind}" for kind in TOLLS)
)


def relations_sql(filters: Filters, *, by: str = "month", level: str = "entity",
                  top: int = 3) -> tuple[str, list[Any]]:
    """Dyads over time: one row per period (``YYYY-MM-DD``, the first day; NULL for
    ``all``), actor, recipient and evidence class (never summed across classes), ordered
    by those, with :data:`AGGREGATES` and the ``top`` events that weigh most (largest
    absolute score) as ``top_events``: article, event, type, score, trigger, sentence."""
    check_period(by)
    cte, params = dyads_sql(filters, level)
    period = ("CAST(NULL AS VARCHAR)" if by == "all"
              else f"strftime(date_trunc('{by}', date), '%Y-%m-%d')")
    sql = (
        f"{cte}SELECT {period} AS period, actor, recipient, evidence, {AGGREGATES}, "
        "list({'article': article_id, 'event': id, 'type': type, 'score': score, "
        "'trigger': trigger_text, 'sentence': sentence_text} "
        "ORDER BY abs(score) DESC NULLS LAST, confidence DESC NULLS LAST, article_id, id)"
        "[1:?] AS top_events FROM d GROUP BY ALL "
        "ORDER BY period NULLS FIRST, actor, recipient, evidence"
    )
    return sql, [*params, max(int(top), 0)]
