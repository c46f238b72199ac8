"""Shared helpers for benchmarks over the development news (never shipped, never tested).

The dev news file is licensed CC BY-NC-SA and lives outside the project; benchmarks read
it from the path given (default: ``../shared/data/news/saudinewsnet-dev.jsonl.gz``
relative to the project root).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_NEWS = PROJECT.parent / "shared/data/news/saudinewsnet-dev.jsonl.gz"


def iter_articles(path: Path = DEFAULT_NEWS, limit: int | None = None) -> Iterator[dict]:
    """Yield the dev articles (dicts with id, source, url, date, title, text)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                return
            yield json.loads(line)
