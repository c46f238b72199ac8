"""Articles: the searchable list and one article with every layer, Analysis-shaped.

One article is returned in the shape of the Analysis JSON (``meta``, ``text``,
``mentions``, ``entities``, ``quotes``, ``events``), rebuilt from the ``data`` column
each layer row keeps, so the article page renders a stored article and a text just
analyzed by ``POST /analyze`` with the same code. What only the store knows (origin,
pipeline version, the syndicated original) goes under ``store``.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

import duckdb

from rasid.web.reads.sql import one, page, parse_json, rows, scalar

STATUSES = ("ok", "failed", "all")


@dataclass(frozen=True)
class ArticleFilter:
    q: str | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    source: str | None = None
    status: str = "ok"


def _where(f: ArticleFilter) -> tuple[str, list[Any]]:
    conditions: list[str] = []
    params: list[Any] = []
    if f.status != "all":
        conditions.append("status = ?")
        params.append(f.status)
    if f.q and f.q.lower() == f.q.upper():
        # no letter with case (Arabic, digits): a plain substring test, six times faster
        conditions.append("(contains(coalesce(title, ''), ?) OR contains(coalesce(text, ''), ?) "
                          "OR id = ?)")
        params.extend([f.q, f.q, f.q])
    elif f.q:
        # Latin letters: the query as given, lower-case, upper-case and capitalized
        # (``lower(text)`` over the whole corpus would be five times slower)
        variants = list(dict.fromkeys([f.q, f.q.lower(), f.q.upper(), f.q.capitalize()]))
        tests = " OR ".join("contains(coalesce(title, ''), ?) OR contains(coalesce(text, ''), ?)"
                            for _ in variants)
        conditions.append(f"({tests} OR id = ?)")
        for variant in variants:
            params.extend([variant, variant])
        params.append(f.q)
    if f.date_from is not None:
        conditions.append("date >= ?")
        params.append(f.date_from)
    if f.date_to is not None:
        conditions.append("date <= ?")
        params.append(f.date_to)
    if f.source:
        conditions.append("source = ?")
        params.append(f.source)
    return (" WHERE " + " AND ".join(conditions)) if conditions else "", params


_SPACES = re.compile(r"\s+")


def _snippet(text: str | None, q: str | None, width: int = 160) -> str:
    """A short piece of the text, around the first match of ``q`` when there is one."""
    if not text:
        return ""
    at = text.find(q) if q else -1
    if q and at < 0:
        at = text.lower().find(q.lower())
    start = max(0, at - width // 3) if at >= 0 else 0
    piece = _SPACES.sub(" ", text[start:start + width]).strip()
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def list_articles(cur: duckdb.DuckDBPyConnection, f: ArticleFilter, *, limit: int,
                  offset: int) -> dict[str, Any]:
    """One page of articles (newest first) with a snippet and layer counts."""
    clause, params = _where(f)
    items = rows(cur, (
        "WITH pg AS (SELECT id, title, date, source, url, status, error, duplicate_of, "
        f"count(*) OVER () AS total FROM articles{clause} "
        "ORDER BY date DESC NULLS LAST, id LIMIT ? OFFSET ?) "
        "SELECT pg.*, a.text AS piece, "
        "(SELECT count(*) FROM mentions m WHERE m.article_id = pg.id) AS mentions, "
        "(SELECT count(*) FROM events e WHERE e.article_id = pg.id) AS events, "
        "(SELECT count(*) FROM quotes q WHERE q.article_id = pg.id) AS quotes "
        "FROM pg JOIN articles a ON a.id = pg.id ORDER BY pg.date DESC NULLS LAST, pg.id"),
        [*params, limit, offset])
    if items:
        total = items[0]["total"]
    else:  # past the last page: count apart
        total = scalar(cur, f"SELECT count(*) FROM articles{clause}", params) or 0
    for item in items:
        del item["total"]
        item["snippet"] = _snippet(item.pop("piece"), f.q)
    return page(items, total, limit, offset)


def sources(cur: duckdb.DuckDBPyConnection, limit: int = 20) -> list[dict[str, Any]]:
    return rows(cur, "SELECT source, count(*) AS articles FROM articles WHERE status = 'ok' "
                     "GROUP BY source ORDER BY articles DESC, source LIMIT ?", [limit])


def _layer(cur: duckdb.DuckDBPyConnection, table: str, order: str, article_id: str
           ) -> list[dict[str, Any]]:
    found = cur.execute(f"SELECT data FROM {table} WHERE article_id = ? ORDER BY {order}",
                        [article_id]).fetchall()
    return [item for (data,) in found if isinstance(item := parse_json(data), dict)]


def get_article(cur: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """The article with every layer, Analysis-shaped; None when there is no such id."""
    row = one(cur, "SELECT id, doc_id, origin, source, url, title, date, text, status, "
                   "error_code, error, pipeline_version, analyzed_at, duplicate_of, "
                   "raw_length, n_sentences, n_tokens, n_repairs, topics, tone FROM articles "
                   "WHERE id = ?",
              [article_id])
    if row is None:
        return None
    copies = rows(cur, "SELECT id, source, date FROM articles WHERE duplicate_of = ? "
                       "ORDER BY date, id LIMIT 50", [article_id])
    article: dict[str, Any] = {
        "id": row["id"],
        "status": row["status"],
        "meta": {k: row[k] for k in ("date", "title", "source", "url")},
        "raw_length": row["raw_length"],
        "text": row["text"] or "",
        "store": {
            "doc_id": row["doc_id"], "origin": row["origin"],
            "pipeline_version": row["pipeline_version"], "analyzed_at": row["analyzed_at"],
            "duplicate_of": row["duplicate_of"], "copies": copies,
            "n_sentences": row["n_sentences"], "n_tokens": row["n_tokens"],
            "n_repairs": row["n_repairs"],
        },
    }
    if row["status"] != "ok":
        article["error"] = {"code": row["error_code"], "reason": row["error"]}
        return article
    article["mentions"] = _layer(cur, "mentions", "span_start NULLS LAST, id", article_id)
    article["entities"] = _layer(cur, "entities", "id", article_id)
    article["quotes"] = _layer(cur, "quotes", "content_start NULLS LAST, id", article_id)
    article["events"] = _layer(cur, "events", "trigger_start NULLS LAST, id", article_id)
    topics = parse_json(row["topics"])
    article["topics"] = topics if isinstance(topics, list) else []
    tone = parse_json(row["tone"])
    article["tone"] = tone if isinstance(tone, dict) else None
    article["geo"] = rows(
        cur, "SELECT id AS event, place, place_name AS name, lat, lon, admin1, admin1_name, "
             "place_country AS country, place_resolution AS resolution FROM events "
             "WHERE article_id = ? AND lat IS NOT NULL ORDER BY trigger_start NULLS LAST, id",
        [article_id])
    return article


def raw_text(cur: duckdb.DuckDBPyConnection, article_id: str) -> str | None:
    return scalar(cur, "SELECT raw_text FROM articles WHERE id = ?", [article_id])


def pipeline_settings(cur: duckdb.DuckDBPyConnection, version: str | None
                      ) -> dict[str, Any] | None:
    """The settings an article was analyzed with (``pipelines`` table)."""
    if not version:
        return None
    value = parse_json(scalar(cur, "SELECT settings FROM pipelines WHERE pipeline_version = ?",
                              [version]))
    return value if isinstance(value, dict) else None
