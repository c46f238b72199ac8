"""Word clusters learned from unlabelled news, as features for the CRF tagger.

ANERcorp's 125k tokens name a few thousand people and places; a name the tagger has
never seen is recognized mostly from its context and its spelling. Words that occur in
the same contexts in a large news collection (the left and right neighbours of
``شيراك`` and ``ساركوزي`` are alike) fall into the same cluster, so a weight learned for
one name's cluster carries to the others. Clusters are built once, offline, by
``python -m rasid.ner.clusters --news FILE`` (distributional vectors of left and right
neighbours, PPMI-weighted, reduced by truncated SVD, grouped by k-means at two
granularities), and shipped as a TSV file: matching key, coarse cluster, fine cluster.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from rasid.errors import RasidError
from rasid.resources import data_path
from rasid.text.normalize import match_key, strip_diacritics

CLUSTERS_FILE = "clusters.tsv"
_WORD = re.compile(r"[^\W\d_]+")


class ClusterError(RasidError):
    """The cluster file is malformed (the message names the file and the line)."""

    code = "R502"


def packaged_clusters() -> Path:
    """Path of ``rasid/ner/data/clusters.tsv``."""
    return data_path(CLUSTERS_FILE, "rasid.ner")


def load_clusters(path: str | Path | None = None) -> dict[str, tuple[str, str]]:
    """Matching key → (coarse cluster, fine cluster), from a cluster file.

    Lines starting with ``#`` are comments; every other line is ``key<TAB>coarse<TAB>fine``.
    A missing packaged file means no cluster features (the tagger still works).
    """
    source = Path(path) if path is not None else packaged_clusters()
    if path is None and not source.exists():
        return {}
    found: dict[str, tuple[str, str]] = {}
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ClusterError(f"{source}: cannot read the cluster file: {error}") from error
    for number, line in enumerate(lines, start=1):
        if not line or line.startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) != 3 or not columns[0]:
            raise ClusterError(f"{source}:{number}: expected key<TAB>coarse<TAB>fine")
        found[columns[0]] = (columns[1], columns[2])
    return found


# -- building -------------------------------------------------------------------------


def iter_texts(news: Path) -> Iterator[str]:
    """Titles and texts of a JSON Lines news file (gzip or plain)."""
    opener = gzip.open if news.suffix == ".gz" else open
    with opener(news, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                yield f"{record.get('title', '')}\n{record.get('text', '')}"


def build(texts: Iterator[str], vocabulary: int = 60_000, contexts: int = 2_000,
          dimensions: int = 80, coarse: int = 128, fine: int = 1024, min_count: int = 5,
          seed: int = 13) -> dict[str, tuple[int, int]]:
    """Cluster the ``vocabulary`` most frequent keys by their neighbours' keys."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.linalg import svds

    counts: Counter[str] = Counter()
    lines: list[list[str]] = []
    for text in texts:
        for line in text.splitlines():
            # a "word" of tatweel or marks alone has an empty key: not a word
            keys = [k for k in (match_key(strip_diacritics(w)) for w in _WORD.findall(line))
                    if k]
            if keys:
                counts.update(keys)
                lines.append(keys)
    words = [w for w, c in counts.most_common(vocabulary) if c >= min_count]
    row = {w: i for i, w in enumerate(words)}
    column = {w: i for i, w in enumerate(words[:contexts])}
    pairs: Counter[tuple[int, int]] = Counter()
    for keys in lines:
        padded = ["<s>", *keys, "</s>"]
        for i in range(1, len(padded) - 1):
            target = row.get(padded[i])
            if target is None:
                continue
            left = column.get(padded[i - 1])
            if left is not None:
                pairs[target, left] += 1
            right = column.get(padded[i + 1])
            if right is not None:
                pairs[target, contexts + right] += 1
    rows_, cols_, vals = zip(*((r, c, v) for (r, c), v in pairs.items()), strict=True)
    matrix = coo_matrix((np.array(vals, dtype=np.float64), (rows_, cols_)),
                        shape=(len(words), 2 * contexts)).tocsr()
    total = matrix.sum()
    row_sums = np.asarray(matrix.sum(axis=1)).ravel()
    col_sums = np.asarray(matrix.sum(axis=0)).ravel() ** 0.75
    col_sums *= total / col_sums.sum()
    matrix = matrix.tocoo()
    pmi = np.log(matrix.data * total / (row_sums[matrix.row] * col_sums[matrix.col]))
    keep = pmi > 0
    ppmi = coo_matrix((pmi[keep], (matrix.row[keep], matrix.col[keep])),
                      shape=matrix.shape).tocsr()
    u, s, _ = svds(ppmi, k=dimensions, random_state=seed)
    vectors = u * np.sqrt(s)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    rng = np.random.default_rng(seed)
    coarse_ids = kmeans(vectors, coarse, rng)
    fine_ids = kmeans(vectors, fine, rng)
    return {w: (int(coarse_ids[i]), int(fine_ids[i])) for i, w in enumerate(words)}


def kmeans(vectors: Any, clusters: int, rng: Any, iterations: int = 25) -> Any:
    """Lloyd's k-means on unit vectors, distances by matrix product (BLAS-fast even for
    a thousand clusters, where scipy's k-means++ start is quadratic in them)."""
    import numpy as np

    centers = vectors[rng.choice(len(vectors), size=clusters, replace=False)].copy()
    labels = np.zeros(len(vectors), dtype=np.int64)
    for _ in range(iterations):
        distances = (centers * centers).sum(axis=1)[None, :] - 2 * vectors @ centers.T
        labels = distances.argmin(axis=1)
        sums = np.zeros_like(centers)
        np.add.at(sums, labels, vectors)
        sizes = np.bincount(labels, minlength=clusters)
        empty = sizes == 0
        centers[~empty] = sums[~empty] / sizes[~empty, None]
        if empty.any():  # an empty cluster restarts on a random word
            centers[empty] = vectors[rng.choice(len(vectors), size=int(empty.sum()))]
    return labels


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rasid.ner.clusters",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--news", required=True, help="JSON Lines news file (.gz or plain)")
    parser.add_argument("--out", default=str(packaged_clusters()),
                        help="cluster file to write (default: the packaged one)")
    parser.add_argument("--vocabulary", type=int, default=60_000,
                        help="most frequent words clustered (default 60000)")
    parser.add_argument("--contexts", type=int, default=2_000,
                        help="most frequent words counted as neighbours (default 2000)")
    parser.add_argument("--dimensions", type=int, default=80,
                        help="SVD dimensions of the word vectors (default 80)")
    parser.add_argument("--coarse", type=int, default=128, help="coarse clusters (128)")
    parser.add_argument("--fine", type=int, default=1024, help="fine clusters (1024)")
    parser.add_argument("--min-count", type=int, default=5,
                        help="words seen fewer times are left out (default 5)")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    news = Path(args.news)
    if not news.is_file():
        print(f"python -m rasid.ner.clusters: {news}: no such news file", file=sys.stderr)
        return 2
    started = time.perf_counter()
    clusters = build(iter_texts(news), args.vocabulary, args.contexts, args.dimensions,
                     args.coarse, args.fine, args.min_count, args.seed)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        handle.write(f"# word clusters for the NER tagger: matching key, coarse, fine; "
                     f"built by python -m rasid.ner.clusters from {news.name}\n")
        for key, (coarse_id, fine_id) in sorted(clusters.items()):
            handle.write(f"{key}\t{coarse_id}\t{fine_id}\n")
    print(f"{len(clusters):,} words clustered in {time.perf_counter() - started:.0f} s "
          f"-> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
