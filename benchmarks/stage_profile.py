"""CPU time of each pipeline stage over the dev news, next to a bare regex pass.

Each article is repaired, made a Doc, passed through the components one by one and
written as Analysis JSON; the CPU time of each step is summed over the articles. The
bare regex tokenization of the same texts runs in the same process, so the shares and
the ratio compare across a noisy machine. Loading is timed apart.

Run: ``.venv/bin/python benchmarks/stage_profile.py [--articles 1000] [--news PATH]
[--gc-freeze]``
"""

from __future__ import annotations

import argparse
import re
import resource
import time
from collections import defaultdict
from pathlib import Path

from _news import DEFAULT_NEWS, iter_articles
from rasid.analysis import Analysis
from rasid.collector import settle
from rasid.doc import Doc, DocMeta
from rasid.errors import InputError
from rasid.io import Document, check_text
from rasid.pipeline import Pipeline, content_id

_BARE = re.compile(r"\w+|[^\w\s]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--news", default=str(DEFAULT_NEWS))
    parser.add_argument("--gc-freeze", action="store_true",
                        help="freeze the loaded objects out of the cyclic collector's reach "
                        "and collect less often (rasid.collector.settle), as rasid analyze "
                        "and ingest workers do")
    args = parser.parse_args()

    articles = list(iter_articles(Path(args.news), args.articles))
    chars = sum(len(a["text"]) for a in articles)
    clock = time.process_time

    started = clock()
    pipeline = Pipeline()
    pipeline.analyze("قال الوزير إن المحادثات مستمرة.")
    load = clock() - started
    if args.gc_freeze:
        settle()

    started = clock()
    for article in articles:
        _BARE.findall(article["text"])
    bare = clock() - started

    stages: dict[str, float] = defaultdict(float)
    refused = 0
    components = list(zip(pipeline.names, pipeline.components, strict=True))
    for article in articles:
        document = Document(article["text"], article["id"], article["date"],
                            origin=article["id"])
        mark = clock()
        try:
            check_text(document, pipeline.settings["max_chars"],
                       pipeline.settings["min_arabic_share"])
        except InputError:
            refused += 1
            continue
        repaired = pipeline.repairer.repair(document.text)
        doc = Doc(repaired, DocMeta(document.id or content_id(document.text), document.date,
                                    None, None, None))
        now = clock()
        stages["repair + Doc"] += now - mark
        for name, component in components:
            mark = now
            doc = component(doc)
            now = clock()
            stages[name] += now - mark
        mark = now
        Analysis(doc).to_json()
        stages["Analysis JSON"] += clock() - mark
    total = sum(stages.values())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {len(articles):,} ({chars:,} characters, {refused} refused as not "
          f"Arabic or empty); load {load:.2f} s CPU; "
          f"peak memory {peak:.0f} MB")
    print(f"{'stage':<16} {'CPU s':>8} {'share':>7} {'× regex':>8}")
    for name, seconds in stages.items():
        print(f"{name:<16} {seconds:>8.2f} {seconds / total:>7.1%} {seconds / bare:>8.1f}")
    print(f"{'total':<16} {total:>8.2f} {1:>7.1%} {total / bare:>8.1f}")
    print(f"= {len(articles) / total:,.1f} articles per CPU second; "
          f"bare regex {bare:.3f} s")


if __name__ == "__main__":
    main()
