"""Speed of the topic classifier and the tone: model load time, articles per second.

Loads the shipped topic model (timed, with the peak memory it adds), then predicts the
topics and computes the lexical tone of dev-news articles on one core.

Run: ``python benchmarks/topics_speed.py [--articles 2000] [--news PATH]``
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

from _news import DEFAULT_NEWS, iter_articles


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--news", default=str(DEFAULT_NEWS))
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    from rasid.tone.compute import lexical_tone

    baseline = peak_mb()
    started = time.perf_counter()
    from rasid.topics.model import TopicModel

    model = TopicModel.load()
    loaded = time.perf_counter() - started
    print(f"topic model: {len(model.weights):,} features loaded in {loaded:.2f} s, "
          f"+{peak_mb() - baseline:.0f} MB")
    articles = list(iter_articles(Path(args.news), args.articles))
    characters = sum(len(a["text"]) for a in articles)
    started = time.perf_counter()
    for article in articles:
        model.predict(article["text"], article.get("title"))
    topics = time.perf_counter() - started
    started = time.perf_counter()
    for article in articles:
        lexical_tone(article["text"])
    tone = time.perf_counter() - started
    print(f"{len(articles):,} articles, {characters / 1e6:.1f} M characters")
    print(f"topics: {len(articles) / topics:,.0f} articles/s")
    print(f"lexical tone: {len(articles) / tone:,.0f} articles/s")


if __name__ == "__main__":
    main()
