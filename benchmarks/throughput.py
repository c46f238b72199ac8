"""Articles per second for ``analyze`` on the dev news, against a bare regex pass.

Both run in the same process over the same texts, so their ratio holds when the
machine's speed drifts. Loading (lexicon, knowledge base) is timed separately.

By default the whole pipeline runs (the settings' ``pipeline``: segment, entities,
quotes, events), as ``rasid analyze`` does; ``--pipeline segment`` times one stage.

Run: ``.venv/bin/python benchmarks/throughput.py [--articles 2000] [--news PATH]
[--pipeline segment,entities,quotes,events]``
"""

from __future__ import annotations

import argparse
import re
import resource
import time
from pathlib import Path

from _news import DEFAULT_NEWS, iter_articles
from rasid.io import Document
from rasid.pipeline import Pipeline
from rasid.settings import SETTINGS

_BARE = re.compile(r"\w+|[^\w\s]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--news", default=str(DEFAULT_NEWS))
    full_pipeline = ",".join(next(s.default for s in SETTINGS if s.name == "pipeline"))
    parser.add_argument("--pipeline", default=full_pipeline,
                        help=f"comma-separated components (default: {full_pipeline})")
    args = parser.parse_args()

    articles = list(iter_articles(Path(args.news), args.articles))
    chars = sum(len(a["text"]) for a in articles)

    started = time.perf_counter()
    pipeline = Pipeline(pipeline=args.pipeline.split(","))
    pipeline.analyze("قال الوزير إن المحادثات مستمرة.")  # builds the resources
    load = time.perf_counter() - started

    started = time.perf_counter()
    tokens = 0
    for article in articles:
        tokens += len(_BARE.findall(article["text"]))
    bare = time.perf_counter() - started

    started = time.perf_counter()
    failed = 0
    for result in pipeline.pipe(Document(a["text"], a["id"], a["date"], origin=a["id"])
                                for a in articles):
        if not hasattr(result, "doc"):
            failed += 1
    full = time.perf_counter() - started

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {len(articles):,} ({chars:,} characters, {tokens:,} regex tokens); "
          f"failed: {failed}")
    print(f"load: {load:.2f} s; peak memory: {peak:.0f} MB")
    print(f"analyze ({args.pipeline}): {full:.2f} s = {len(articles) / full:,.0f} articles/s")
    print(f"bare regex tokenization: {bare:.3f} s = {len(articles) / bare:,.0f} articles/s")
    print(f"ratio analyze / regex time: {full / bare:,.1f}x")


if __name__ == "__main__":
    main()
