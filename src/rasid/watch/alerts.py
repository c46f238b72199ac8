"""Alerts: after each batch, the shifts an analyst watching a region wants to hear of.

Four kinds, thresholds in ``data/alerts.json`` (``[alerts]`` in the settings file):

* ``conflict_shift``: a dyad's conflict score this week (the sum of the negated
  Goldstein scores of its conflict events, as ``rasid relations`` counts conflict) is
  ``conflict_z`` standard deviations above its mean over the ``history_weeks`` weeks
  before;
* ``coverage_rise``: the number of articles naming an actor this week is
  ``coverage_z`` standard deviations above its recent mean;
* ``fatalities_rise``: the number of people a dyad's events this week say were killed
  (the ``killed`` tolls of ``rasid.events.counts``) is ``fatalities_z`` standard
  deviations above its recent weekly mean, and at least ``fatalities_min_killed`` (so
  one death after none never fires);
* ``new_dyad``: the first events ever recorded between two actors, among those stored
  since monitoring of the store began (the first round into an empty store is the
  baseline, not news).

The conflict and fatalities alerts count the events of the ``evidence`` classes
(``asserted`` by default: current facts, not what a spokesman claims, not background
recalled or an event the article already reported), syndicated copies once. A toll
counts once per event and dyad: when several participants of an event fold into the
same pair of countries (``روسيا`` and ``القوات الروسية`` against ``أوكرانيا`` and
``الجيش الأوكراني``) the pair gets the toll once, not four times; an event with two
distinct dyads (Russian and Belarusian forces against Ukraine) puts its toll in each
of them, as ``rasid relations`` does, since the text does not say whose fire killed
whom.

Weeks are ISO weeks of the event's date (its article's date when it has none), and
"this week" is the week of the newest article date in the store, never later than
today, so a store fed old news is judged on its own time line. Detection reads the
whole store each time and an alert's id is its kind, subject and week, so running it
again (after a restart, or a kill) finds the same alerts and stores none twice.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import statistics
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

import duckdb

from rasid.store.dyads import COUNTRY, DYAD_COLUMNS, dyads_sql
from rasid.store.filters import Filters
from rasid.watch.state import monitoring_since, now


@dataclass(frozen=True)
class Alert:
    kind: str
    subject: str
    period: str
    message: str
    actor: str | None = None
    recipient: str | None = None
    value: float | None = None
    mean: float | None = None
    std: float | None = None
    z: float | None = None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        key = f"{self.kind}\x00{self.subject}\x00{self.period}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, **asdict(self)}

    def line(self) -> str:
        return f"ALERT {self.kind} {self.subject} ({self.period}): {self.message}"


def _week(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _label(week: datetime.date) -> str:
    year, number, _ = week.isocalendar()
    return f"{year}-W{number:02d}"


def reference_week(conn: duckdb.DuckDBPyConnection) -> datetime.date | None:
    """The Monday of "this week": the newest article date, capped at today."""
    row = conn.execute("SELECT max(date) FROM articles WHERE status = 'ok' "
                       "AND date <= current_date").fetchone()
    return _week(row[0]) if row and row[0] else None


def _reaches_back(conn: duckdb.DuckDBPyConnection, start: datetime.date) -> bool:
    row = conn.execute("SELECT min(date) FROM articles WHERE status = 'ok'").fetchone()
    return bool(row and row[0] and row[0] <= start)


def _shift(value: float, history: list[float], min_std: float) -> tuple[float, float, float]:
    mean = statistics.fmean(history)
    std = statistics.pstdev(history)
    return mean, std, (value - mean) / max(std, min_std)


def _weekly(rows: list[tuple], weeks: list[datetime.date]
            ) -> dict[tuple, dict[datetime.date, float]]:
    series: dict[tuple, dict[datetime.date, float]] = {}
    for *key, week, value in rows:
        series.setdefault(tuple(key), {})[week] = float(value)
    return series


def _surges(series: dict[tuple, dict[datetime.date, float]], this: datetime.date,
            weeks: list[datetime.date], floor: float, min_std: float, z_min: float
            ) -> Iterator[tuple[tuple, float, list[float], float, float, float]]:
    """The series whose value this week reaches ``floor`` and stands ``z_min`` standard
    deviations (never taken below ``min_std``) above its mean over the weeks before:
    (key, value, history, mean, std, z). Every alert kind is this test on its series."""
    for key, values in series.items():
        value = values.get(this, 0.0)
        if value < floor:
            continue
        history = [values.get(week, 0.0) for week in weeks[:-1]]
        mean, std, z = _shift(value, history, min_std)
        if z >= z_min:
            yield key, value, history, mean, std, z


#: what the alerts read of each dyad besides the shared columns
_COLUMNS = (DYAD_COLUMNS + ", a.date AS article_date, a.analyzed_at, TRY_CAST("
            "json_extract_string(e.data, '$.counts.killed.approx') AS BOOLEAN) AS killed_approx")


def _dyads(s: dict[str, Any]) -> tuple[str, list[Any]]:
    """``WITH ..., d AS (...) `` (``rasid.store.dyads``) for the alert settings."""
    return dyads_sql(Filters(evidence=tuple(s["evidence"])), s["level"], columns=_COLUMNS)


def _conflict(conn: duckdb.DuckDBPyConnection, s: dict[str, Any], this: datetime.date,
              weeks: list[datetime.date]) -> list[Alert]:
    sql, params = _dyads(s)
    rows = conn.execute(
        f"{sql}SELECT actor, recipient, "
        "CAST(date_trunc('week', coalesce(date, article_date)) AS DATE) AS week, "
        "sum(greatest(-score, 0)) AS conflict FROM d "
        "WHERE coalesce(date, article_date) BETWEEN ? AND ? GROUP BY ALL",
        [*params, weeks[0], this + datetime.timedelta(days=6)]).fetchall()
    alerts = []
    for (actor, recipient), value, history, mean, std, z in _surges(
            _weekly(rows, weeks), this, weeks, s["conflict_min_score"],
            s["conflict_min_std"], s["conflict_z"]):
        alerts.append(Alert(
            "conflict_shift", f"{actor} → {recipient}", _label(this),
            f"conflict score {value:g} this week against a mean of {mean:.1f} "
            f"(sd {std:.1f}) over the {len(history)} weeks before: {z:.1f} sd above",
            actor=actor, recipient=recipient, value=value, mean=mean, std=std, z=z,
            details={"history": history, "level": s["level"]}))
    return alerts


def _fatalities(conn: duckdb.DuckDBPyConnection, s: dict[str, Any], this: datetime.date,
                weeks: list[datetime.date]) -> list[Alert]:
    sql, params = _dyads(s)
    # one row per event and dyad (``dyads_sql`` keeps one already; said here again
    # because a toll counted twice would be a false alarm), then weekly sums per dyad
    rows = conn.execute(
        f"{sql}, t AS (SELECT DISTINCT article_id, id, actor, recipient, "
        "coalesce(date, article_date) AS day, killed, coalesce(killed_approx, false) AS approx "
        "FROM d WHERE killed > 0) "
        "SELECT actor, recipient, CAST(date_trunc('week', day) AS DATE) AS week, "
        "sum(killed) AS killed, count(*) AS events, count(DISTINCT article_id) AS articles, "
        "bool_or(approx) AS approx, "
        "list({'article': article_id, 'event': id, 'killed': killed} "
        "ORDER BY killed DESC, article_id, id)[1] AS largest "
        "FROM t WHERE day BETWEEN ? AND ? GROUP BY ALL",
        [*params, weeks[0], this + datetime.timedelta(days=6)]).fetchall()
    series = _weekly([(a, r, week, killed) for a, r, week, killed, *_ in rows], weeks)
    current = {(a, r): rest for a, r, week, _killed, *rest in rows if week == this}
    alerts = []
    for (actor, recipient), value, history, mean, std, z in _surges(
            series, this, weeks, s["fatalities_min_killed"], s["fatalities_min_std"],
            s["fatalities_z"]):
        events, articles, approx, largest = current[(actor, recipient)]
        stated = f"{'at least ' if approx else ''}{value:g} killed"
        alerts.append(Alert(
            "fatalities_rise", f"{actor} → {recipient}", _label(this),
            f"{stated} this week ({events} event(s) in {articles} article(s)"
            f"{', some tolls approximate' if approx else ''}) against a mean of {mean:.1f} "
            f"(sd {std:.1f}) over the {len(history)} weeks before: {z:.1f} sd above",
            actor=actor, recipient=recipient, value=value, mean=mean, std=std, z=z,
            details={"history": history, "level": s["level"], "events": events,
                     "articles": articles, "approx": bool(approx),
                     "article": largest["article"], "largest": largest,
                     "evidence": list(s["evidence"])}))
    return alerts


def _coverage(conn: duckdb.DuckDBPyConnection, s: dict[str, Any], this: datetime.date,
              weeks: list[datetime.date]) -> list[Alert]:
    # the nodes of the dyads: an entity with a country counts as the country's entity
    node = (f"coalesce('{COUNTRY}' || nullif(n.country, ''), n.id)"
            if s["level"] == "country" else "n.id")
    rows = conn.execute(
        f"SELECT {node} AS actor, CAST(date_trunc('week', a.date) AS DATE) AS week, "
        "count(DISTINCT a.id) FROM entities n JOIN articles a ON a.id = n.article_id "
        "WHERE a.status = 'ok' AND a.duplicate_of IS NULL AND n.kind <> 'place' "
        "AND a.date BETWEEN ? AND ? GROUP BY ALL",
        [weeks[0], this + datetime.timedelta(days=6)]).fetchall()
    alerts = []
    for (actor,), value, history, mean, std, z in _surges(
            _weekly(rows, weeks), this, weeks, s["coverage_min_articles"],
            s["coverage_min_std"], s["coverage_z"]):
        alerts.append(Alert(
            "coverage_rise", actor, _label(this),
            f"{value:g} articles this week against a mean of {mean:.1f} (sd {std:.1f}) "
            f"over the {len(history)} weeks before: {z:.1f} sd above",
            actor=actor, value=value, mean=mean, std=std, z=z,
            details={"history": history, "level": s["level"]}))
    return alerts


def _new_dyads(conn: duckdb.DuckDBPyConnection, s: dict[str, Any]) -> list[Alert]:
    since = monitoring_since(conn)
    if since is None:
        return []
    sql, params = _dyads(s)
    rows = conn.execute(
        f"{sql}, p AS (SELECT least(actor, recipient) AS one, "
        "greatest(actor, recipient) AS two, analyzed_at, coalesce(date, article_date) AS day, "
        "article_id, id FROM d WHERE actor IS NOT NULL AND recipient IS NOT NULL) "
        "SELECT one, two, min(analyzed_at) AS first_stored, min(day) AS first_day, "
        "count(*) AS events, arg_min(article_id, analyzed_at) AS article "
        "FROM p GROUP BY one, two HAVING min(analyzed_at) >= ?", [*params, since]).fetchall()
    alerts = []
    for one, two, _first, day, count, article in rows:
        period = _label(_week(day)) if day else "undated"
        alerts.append(Alert(
            "new_dyad", f"{one} – {two}", period,
            f"first recorded events between {one} and {two} ({count} so far)",
            actor=one, recipient=two, value=float(count),
            details={"article": article, "level": s["level"],
                     "first_date": day.isoformat() if day else None}))
    return alerts


def detect(conn: duckdb.DuckDBPyConnection, settings: dict[str, Any]) -> list[Alert]:
    """Every alert the store's current content supports (stored or not yet)."""
    alerts: list[Alert] = []
    this = reference_week(conn)
    if this is not None:
        weeks = [this - datetime.timedelta(weeks=n)
                 for n in range(settings["history_weeks"], -1, -1)]
        if _reaches_back(conn, weeks[0]):
            alerts += _conflict(conn, settings, this, weeks)
            alerts += _fatalities(conn, settings, this, weeks)
            alerts += _coverage(conn, settings, this, weeks)
    if settings["new_dyads"]:
        alerts += _new_dyads(conn, settings)
    return sorted(alerts, key=lambda a: (a.kind, a.subject, a.period))


def store_new(conn: duckdb.DuckDBPyConnection, alerts: list[Alert]) -> list[Alert]:
    """Store the alerts not stored yet (by id); return those, in order."""
    if not alerts:
        return []
    known = {row[0] for row in conn.execute(
        "SELECT id FROM alerts WHERE id IN (SELECT unnest(?))",
        [[a.id for a in alerts]]).fetchall()}
    fresh = [a for a in alerts if a.id not in known]
    stamp = now()
    for alert in fresh:
        conn.execute(
            "INSERT INTO alerts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            [alert.id, alert.kind, alert.subject, alert.period, alert.actor, alert.recipient,
             alert.value, alert.mean, alert.std, alert.z, alert.message,
             json.dumps(alert.details, ensure_ascii=False), stamp])
    return fresh


def unnotified(conn: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Stored alerts not yet delivered to the webhook, oldest first."""
    cursor = conn.execute(
        "SELECT id, kind, subject, period, actor, recipient, value, mean, std, z, message, "
        "details, created_at FROM alerts WHERE notified_at IS NULL ORDER BY created_at, id")
    names = [d[0] for d in cursor.description]
    result = []
    for row in cursor.fetchall():
        item = dict(zip(names, row, strict=True))
        item["details"] = json.loads(item["details"]) if item["details"] else {}
        item["created_at"] = item["created_at"].isoformat()
        result.append(item)
    return result


def mark_notified(conn: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    if ids:
        conn.execute("UPDATE alerts SET notified_at = ? WHERE id IN (SELECT unnest(?))",
                     [now(), ids])
