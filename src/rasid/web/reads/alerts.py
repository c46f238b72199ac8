"""Alerts ``rasid watch`` stored, newest first, and what the watcher follows.

An alert names a dyad (``actor`` → ``recipient``) or an actor; the pages link them
to the dyad and actor pages at the level the alert was counted at. Actors are entity ids
(``country:UKR``) at every level; alerts stored by earlier versions hold a bare country
code at country level, which the page still links to the country.
"""

from __future__ import annotations

from typing import Any

import duckdb

from rasid.web.reads.sql import page, parse_json, rows, scalar

#: the kinds ``rasid.watch.alerts`` raises; the first two name a directed dyad
KINDS = ("conflict_shift", "fatalities_rise", "coverage_rise", "new_dyad")
DIRECTED = ("conflict_shift", "fatalities_rise")


def list_alerts(cur: duckdb.DuckDBPyConnection, kind: str | None = None, *, limit: int = 50,
                offset: int = 0) -> dict[str, Any]:
    where, params = ("WHERE kind = ?", [kind]) if kind else ("", [])
    total = scalar(cur, f"SELECT count(*) FROM alerts {where}", params) or 0
    items = rows(cur, "SELECT id, kind, subject, period, actor, recipient, value, mean, std, "
                 f"z, message, details, created_at, notified_at FROM alerts {where} "
                 "ORDER BY created_at DESC, period DESC, kind, subject LIMIT ? OFFSET ?",
                 [*params, limit, offset])
    for item in items:
        item["details"] = parse_json(item["details"]) or {}
    return page(items, int(total), limit, offset)


def monitoring(cur: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """What the watcher has read: files, feeds (with their last status), items."""
    since = scalar(cur, "SELECT value FROM meta WHERE key = 'watch_since'")
    feeds = rows(cur, "SELECT url, title, last_status, last_error, failures, next_try, "
                 "checked_at, (SELECT count(*) FROM watch_items i WHERE i.feed = f.url) AS items, "
                 "(SELECT count(*) FROM watch_items i WHERE i.feed = f.url AND i.status <> 'ok') "
                 "AS failed_items FROM watch_feeds f ORDER BY url")
    return {
        "since": since,
        "files": scalar(cur, "SELECT count(*) FROM watch_files") or 0,
        "last_file_at": scalar(cur, "SELECT max(read_at) FROM watch_files"),
        "feeds": feeds,
        "failed_items": rows(cur, "SELECT feed, key, url, status, error, attempts, fetched_at "
                             "FROM watch_items WHERE status <> 'ok' ORDER BY fetched_at DESC "
                             "LIMIT 20"),
    }
