"""Actors: search by name or code, and one actor's names, roles, partners and quotations.

An actor is an entity id as the articles linked it (``country:IRN``,
``person:vladimir-putin``, ``agent:media/GBR``). Its names come in both scripts from
the stored entities and from the surface forms the articles actually used; its roles
over time come from the knowledge base (the offices it lists with their dates) and
from the roles the articles were read with, with the dates of the articles that used
them.
"""

from __future__ import annotations

import datetime
from typing import Any

import duckdb

from rasid.store.filters import Filters
from rasid.web.reads.dyads import partner_pairs
from rasid.web.reads.names import knowledge_base, names
from rasid.web.reads.sql import page, parse_json, rows, scalar

KINDS = ("country", "place", "person", "org", "agent", "new", "role")


def search_actors(cur: duckdb.DuckDBPyConnection, q: str | None, kind: str | None, *,
                  limit: int, offset: int) -> dict[str, Any]:
    """Actors whose English or Arabic name or id contains ``q`` (or whose code is ``q``),
    the most mentioned first."""
    conditions, params = [], []
    if q:
        conditions.append("(contains(lower(coalesce(en, '')), lower(?)) "
                          "OR contains(coalesce(ar, ''), ?) OR contains(lower(id), lower(?)) "
                          "OR upper(coalesce(code, '')) = upper(?))")
        params.extend([q, q, q, q])
    if kind:
        conditions.append("kind = ?")
        params.append(kind)
    clause = (" WHERE " + " AND ".join(conditions)) if conditions else ""
    # an entity appears once per article (the table's key), so count(*) counts articles
    found = rows(cur, "SELECT id, any_value(kind) AS kind, any_value(en) AS en, "
                      "any_value(ar) AS ar, any_value(code) AS code, "
                      "any_value(country) AS country, count(*) AS articles, "
                      "sum(len(mentions)) AS mentions, count(*) OVER () AS total "
                      f"FROM entities{clause} GROUP BY id ORDER BY articles DESC, id "
                      "LIMIT ? OFFSET ?", [*params, limit, offset])
    if found:
        total = found[0]["total"]
    else:
        total = scalar(cur, f"SELECT count(DISTINCT id) FROM entities{clause}", params) or 0
    for item in found:
        del item["total"]
    return page(found, total, limit, offset)


def _kb_profile(cur: duckdb.DuckDBPyConnection, entity_id: str) -> dict[str, Any] | None:
    entity = knowledge_base(cur).get(entity_id)
    if entity is None:
        return None
    return {
        "en": entity.en, "ar": list(entity.ar), "nisba": list(entity.nisba),
        "abbr": list(entity.abbr), "country": entity.country, "sector": entity.sector,
        "roles": [role.to_dict() for role in entity.roles],
    }


def _observed_roles(cur: duckdb.DuckDBPyConnection, entity_id: str) -> list[dict[str, Any]]:
    found = rows(cur, "SELECT en.role AS role, min(a.date) AS first_seen, "
                      "max(a.date) AS last_seen, count(*) AS articles FROM entities en "
                      "JOIN articles a ON a.id = en.article_id WHERE en.id = ? "
                      "AND en.role IS NOT NULL GROUP BY en.role ORDER BY first_seen NULLS LAST",
                 [entity_id])
    result = []
    for row in found:
        role = parse_json(row.pop("role"))
        if isinstance(role, dict):
            result.append({**role, **row})
    return result


def get_actor(cur: duckdb.DuckDBPyConnection, entity_id: str, *, quotes_limit: int = 20,
              partners_limit: int = 30, date_from: datetime.date | None = None,
              date_to: datetime.date | None = None) -> dict[str, Any] | None:
    """The actor's profile, partners (both directions) and quotations; None if unknown."""
    profile = names(cur, [entity_id]).get(entity_id)
    articles = scalar(cur, "SELECT count(DISTINCT article_id) FROM entities WHERE id = ?",
                      [entity_id]) or 0
    kb = _kb_profile(cur, entity_id)
    if not articles and kb is None:
        return None
    assert profile is not None
    surface = rows(cur, "SELECT text, count(*) AS mentions FROM mentions WHERE entity = ? "
                        "GROUP BY text ORDER BY mentions DESC, text LIMIT 15", [entity_id])
    spellings = rows(cur, "SELECT DISTINCT en, ar FROM entities WHERE id = ? LIMIT 20",
                     [entity_id])
    counts = rows(cur, "SELECT x.role, count(DISTINCT (x.article_id, x.event_id)) AS events "
                       "FROM event_actors x JOIN articles a ON a.id = x.article_id "
                       "WHERE x.entity_id = ? AND a.duplicate_of IS NULL GROUP BY x.role",
                  [entity_id])
    f = Filters(date_from=date_from, date_to=date_to)
    partner_rows = partner_pairs(cur, f, "entity", entity_id, limit=partners_limit)
    labels = names(cur, {p[s] for p in partner_rows for s in ("actor", "recipient")})
    partners = []
    for p in partner_rows:
        other = p["recipient"] if p["actor"] == entity_id else p["actor"]
        partners.append({**p, "partner": other, "partner_label": labels[other]["label"],
                         "direction": "to" if p["actor"] == entity_id else "from"})
    quotes_total = scalar(cur, "SELECT count(*) FROM quotes WHERE speaker_entity = ?",
                          [entity_id]) or 0
    quotes = rows(cur, "SELECT q.article_id, q.id, q.kind, q.medium, q.cue_text, "
                       "q.speaker_text, q.content_text, a.title AS article_title, "
                       "a.date AS article_date FROM quotes q JOIN articles a "
                       "ON a.id = q.article_id WHERE q.speaker_entity = ? "
                       "ORDER BY a.date DESC NULLS LAST, q.article_id, q.content_start "
                       "LIMIT ?", [entity_id, quotes_limit])
    return {
        **profile,
        "articles": articles,
        "events": {row["role"]: row["events"] for row in counts},
        "names": {"stored": spellings, "surface": surface,
                  "kb": kb and {k: kb[k] for k in ("en", "ar", "nisba", "abbr")}},
        "roles": {"kb": kb["roles"] if kb else [], "observed": _observed_roles(cur, entity_id)},
        "partners": partners,
        "quotes": page(quotes, quotes_total, quotes_limit, 0),
    }
