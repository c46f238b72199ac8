"""Memory and CPU of near-duplicate grouping over the signatures of many dev articles.

``rasid ingest`` links near-duplicates once at the end, over every article of the
store, so this step's memory grows with the corpus, not with one article. The script
computes the MinHash signature of each of the first N dev articles (as the workers do),
then groups them in one of two ways and reports the peak resident memory the grouping
added, its CPU seconds and a digest of the groups:

* ``bands`` (rasid's): ``rasid.store.dedup._near_duplicate_groups``, one band at a time;
* ``index``: every article's MinHash object kept and inserted in one datasketch
  ``MinHashLSH`` index, then queried article by article (the way before).

Both must print the same groups digest. Run each in its own process:
``.venv/bin/python benchmarks/dedup_memory.py --articles 0 --method bands`` then
``--method index`` (``--articles 0``: all of them).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import resource
import time
from pathlib import Path

import numpy as np
from datasketch import MinHash, MinHashLSH

from _news import DEFAULT_NEWS, iter_articles
from rasid.store.dedup import _near_duplicate_groups, _template, _UnionFind, signature
from rasid.store.knowledge import dedup_settings


def _index_groups(rows: list[tuple], s: dict) -> list[list[str]]:
    """The former grouping: a MinHash object per article in one whole LSH index."""
    template = _template(s["num_perm"], s["seed"])
    lsh = MinHashLSH(threshold=s["threshold"], num_perm=s["num_perm"])
    hashes: dict[str, MinHash] = {}
    dates = {}
    for article_id, date, _at, data in rows:
        values = np.frombuffer(data, dtype=template.hashvalues.dtype)
        hashes[article_id] = MinHash(num_perm=s["num_perm"], seed=s["seed"],
                                     hashvalues=values, scheme=template.scheme)
        dates[article_id] = date
        lsh.insert(article_id, hashes[article_id])
    groups = _UnionFind()
    window = datetime.timedelta(days=s["window_days"])
    for article_id, minhash in hashes.items():
        for other in lsh.query(minhash):
            if other <= article_id:
                continue
            first, second = dates[article_id], dates[other]
            if first is not None and second is not None and abs(first - second) > window:
                continue
            if minhash.jaccard(hashes[other]) >= s["threshold"]:
                groups.union(article_id, other)
    members: dict[str, list[str]] = {}
    for article_id in groups.parent:
        members.setdefault(groups.find(article_id), []).append(article_id)
    return list(members.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="how many (0: all)")
    parser.add_argument("--news", default=str(DEFAULT_NEWS))
    parser.add_argument("--method", choices=("bands", "index"), default="bands")
    args = parser.parse_args()
    settings = dedup_settings()
    rows = []
    for article in iter_articles(Path(args.news), args.articles or None):
        date = datetime.date.fromisoformat(article["date"][:10]) if article.get("date") \
            else None
        rows.append((article["id"], date, None, signature(article["text"], settings)[0]))
    rows.sort()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.process_time()
    group = _near_duplicate_groups if args.method == "bands" else _index_groups
    groups = group(rows, settings)
    cpu = time.process_time() - started
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    digest = hashlib.sha256(repr(sorted(sorted(g) for g in groups)).encode()).hexdigest()
    print(f"{len(rows):,} signatures; {args.method}: {len(groups):,} groups of "
          f"{sum(map(len, groups)):,} articles in {cpu:.2f} CPU s; peak memory "
          f"{before:,.0f} MB before grouping, {after:,.0f} MB after (+{after - before:,.0f}); "
          f"groups digest {digest[:16]}")


if __name__ == "__main__":
    main()
