"""Near-duplicates: syndicated copies of one story, linked to the earliest original.

News agencies' stories are republished by many outlets with small changes (a
different headline, a dropped paragraph, the outlet's own byline). Counted as they
are, every copy would count the same meeting or attack again in the relations, so
each copy gets ``duplicate_of`` = the id of the earliest article of its group and
relations count the group once unless asked otherwise.

Similarity is the Jaccard similarity of word shingles of the repaired text, folded to
matching keys (so hamza and ta marbuta spelling differences do not count as changes),
estimated with MinHash and found with locality-sensitive hashing (datasketch), which
keeps the work near-linear in the number of articles. Signatures are computed where
the text is analyzed (in the worker processes) and cached in the ``minhashes`` table.
Thresholds live in ``data/dedup.json``.
"""

from __future__ import annotations

import datetime
import itertools
import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
from datasketch import MinHash, MinHashLSH

from rasid.store.knowledge import dedup_settings
from rasid.store.schema import set_meta
from rasid.text.normalize import match_key

_WORD = re.compile(r"\w+")


def params_key(settings: dict[str, Any] | None = None) -> str:
    """The signature parameters, as stored beside each signature (a change recomputes)."""
    s = settings or dedup_settings()
    return json.dumps({"k": s["shingle_words"], "p": s["num_perm"], "s": s["seed"]},
                      sort_keys=True)


@cache
def _template(num_perm: int, seed: int) -> MinHash:
    return MinHash(num_perm=num_perm, seed=seed)


def shingles(text: str, size: int) -> list[bytes]:
    """Word shingles of ``size`` consecutive matching keys (one shingle for short texts)."""
    words = _WORD.findall(match_key(text))
    if len(words) <= size:
        return [" ".join(words).encode("utf-8")] if words else []
    return [" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)]


def minhash(text: str, settings: dict[str, Any] | None = None) -> MinHash:
    s = settings or dedup_settings()
    template = _template(s["num_perm"], s["seed"])
    result = MinHash(num_perm=s["num_perm"], seed=s["seed"],
                     permutations=template.permutations, scheme=template.scheme)
    result.update_batch(shingles(text, s["shingle_words"]))
    return result


def signature(text: str, settings: dict[str, Any] | None = None) -> tuple[bytes, str]:
    """The MinHash signature of a repaired text as bytes, and its parameters key."""
    return minhash(text, settings).hashvalues.tobytes(), params_key(settings)


def _from_bytes(data: bytes, settings: dict[str, Any]) -> MinHash:
    template = _template(settings["num_perm"], settings["seed"])
    values = np.frombuffer(data, dtype=template.hashvalues.dtype)
    # the template's permutations, shared: without them each signature read back would
    # draw its own (2 kB an article, 30 MB over 15,000 articles, all for nothing: the
    # comparison and the index read only the hash values)
    return MinHash(num_perm=settings["num_perm"], seed=settings["seed"], hashvalues=values,
                   permutations=template.permutations, scheme=template.scheme)


@dataclass(frozen=True)
class DedupResult:
    articles: int
    groups: int
    duplicates: int


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        root = self.parent.setdefault(item, item)
        while root != self.parent[root]:
            root = self.parent[root]
        while item != root:
            item, self.parent[item] = self.parent[item], root
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def _missing_signatures(conn: duckdb.DuckDBPyConnection, settings: dict[str, Any]
                        ) -> pa.Table:
    key = params_key(settings)
    ids = [row[0] for row in conn.execute(
        "SELECT a.id FROM articles a LEFT JOIN minhashes m ON m.article_id = a.id "
        "AND m.params = ? WHERE a.status = 'ok' AND a.text IS NOT NULL "
        "AND m.article_id IS NULL", [key]).fetchall()]
    rows: dict[str, list[Any]] = {"article_id": [], "params": [], "signature": []}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for article_id, text in conn.execute(
                "SELECT id, text FROM articles WHERE id IN (SELECT unnest(?))", [chunk]
        ).fetchall():
            data, _ = signature(text, settings)
            rows["article_id"].append(article_id)
            rows["params"].append(key)
            rows["signature"].append(data)
    return pa.table(rows, schema=pa.schema([("article_id", pa.string()),
                                            ("params", pa.string()),
                                            ("signature", pa.binary())]))


def _order_key(date: datetime.date | None, analyzed_at: datetime.datetime, article_id: str
               ) -> tuple:
    return (date is None, date or datetime.date.max, analyzed_at, article_id)


def link_duplicates(conn: duckdb.DuckDBPyConnection,
                    settings: dict[str, Any] | None = None) -> DedupResult:
    """Recompute ``duplicate_of`` for every analyzed article, in one transaction."""
    s = settings or dedup_settings()
    missing = _missing_signatures(conn, s)
    conn.begin()
    try:
        if missing.num_rows:
            conn.register("_new_minhashes", missing)
            conn.execute("DELETE FROM minhashes WHERE article_id IN "
                         "(SELECT article_id FROM _new_minhashes)")
            conn.execute("INSERT INTO minhashes SELECT article_id, params, signature "
                         "FROM _new_minhashes")
            conn.unregister("_new_minhashes")
        rows = conn.execute(
            "SELECT a.id, a.date, a.analyzed_at, m.signature FROM articles a "
            "JOIN minhashes m ON m.article_id = a.id AND m.params = ? "
            "WHERE a.status = 'ok' ORDER BY a.id", [params_key(s)]).fetchall()
        groups = _near_duplicate_groups(rows, s)
        links = _links(groups, {a: _order_key(d, at, a) for a, d, at, _ in rows})
        conn.execute("UPDATE articles SET duplicate_of = NULL WHERE duplicate_of IS NOT NULL")
        if links["id"]:
            conn.register("_links", pa.table(links))
            conn.execute("UPDATE articles SET duplicate_of = _links.duplicate_of FROM _links "
                         "WHERE articles.id = _links.id")
            conn.unregister("_links")
        set_meta(conn, "dedup_pending", "0")
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    return DedupResult(articles=len(rows), groups=len(groups),
                       duplicates=len(links["id"]))


def _near_duplicate_groups(rows: list[tuple], s: dict[str, Any]) -> list[list[str]]:
    """Groups of articles whose signatures reach the threshold, dated within the window
    of each other (pairs are found through locality-sensitive hashing, joined
    transitively).

    The bands are those datasketch's ``MinHashLSH`` chooses for the threshold, and two
    articles are candidates when one of their bands is the same, as in its index; but
    the bands are read one at a time, each bucket held only while its band is read, so
    memory stays near the signatures themselves (an index of every band of every
    article took about 4 kB an article, 60 MB over 15,000).
    """
    template = _template(s["num_perm"], s["seed"])
    dtype = template.hashvalues.dtype
    width = dtype.itemsize
    ids = [row[0] for row in rows]
    dates = [row[1] for row in rows]
    signatures = [row[3] for row in rows]
    for data in signatures:
        if len(data) != s["num_perm"] * width:
            raise ValueError(f"Expecting minhash with length {s['num_perm']}, got "
                             f"{len(data) // width}")
    candidates: set[tuple[int, int]] = set()
    for start, end in MinHashLSH(threshold=s["threshold"], num_perm=s["num_perm"]).hashranges:
        buckets: dict[bytes, list[int]] = {}
        for position, data in enumerate(signatures):
            buckets.setdefault(data[start * width : end * width], []).append(position)
        for members in buckets.values():
            if len(members) > 1:
                candidates.update(itertools.combinations(members, 2))
        del buckets
    groups = _UnionFind()
    window = datetime.timedelta(days=s["window_days"])
    threshold = s["threshold"]
    for first_at, second_at in sorted(candidates, key=lambda pair: (ids[pair[0]],
                                                                    ids[pair[1]])):
        article_id, other = ids[first_at], ids[second_at]
        if other == article_id:
            continue
        if other < article_id:
            article_id, other = other, article_id
        first, second = dates[first_at], dates[second_at]
        if first is not None and second is not None and abs(first - second) > window:
            continue
        mine = np.frombuffer(signatures[first_at], dtype=dtype)
        theirs = np.frombuffer(signatures[second_at], dtype=dtype)
        # MinHash.jaccard's estimate: the share of equal hash values
        if float(np.count_nonzero(mine == theirs)) / float(len(mine)) >= threshold:
            groups.union(article_id, other)
    members: dict[str, list[str]] = {}
    for article_id in groups.parent:
        members.setdefault(groups.find(article_id), []).append(article_id)
    return list(members.values())


def _links(groups: list[list[str]], order: dict[str, tuple]) -> dict[str, list[str]]:
    """Each group's other members point at its original (the first by ``order``)."""
    links: dict[str, list[str]] = {"id": [], "duplicate_of": []}
    for group in groups:
        original = min(group, key=order.__getitem__)
        for article_id in group:
            if article_id != original:
                links["id"].append(article_id)
                links["duplicate_of"].append(original)
    return links
