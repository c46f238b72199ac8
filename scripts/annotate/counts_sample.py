"""Robustness of the toll reader on news no annotator read: what it extracts, and a
random sample of it to judge by hand.

Why: the counts gold is small, and rules tuned on its train and dev splits can fit them
better than they fit news at large. This script takes articles of the news file that
are in no split of the events corpus, drawn at random with a fixed seed, runs rasid on
them, and lists every toll the reader extracts; ``sample`` draws tolls at random for a
person to judge against docs/annotation/counts-guideline.md. The judgments are kept
as ids, offsets and a verdict only (the news text stays in ../shared), and ``score``
turns them into a precision figure.

    python scripts/annotate/counts_sample.py sample --articles 300 --seed 2 --size 60 \
        > /tmp/sample.jsonl     (one toll a line, with its sentence, to judge)
    python scripts/annotate/counts_sample.py score annotations/events/counts-robustness.jsonl

Two seeds give two disjoint pools: one to look for classes of error in, the other,
never looked at while the rules changed, to report precision on.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[1]
ARTICLES = PROJECT / "annotations/events/articles.jsonl"
NEWS = PROJECT.parent / "shared/data/news/saudinewsnet-dev.jsonl.gz"


def annotated_ids() -> set[str]:
    """Every article of the events corpus, whatever its split."""
    with ARTICLES.open(encoding="utf-8") as handle:
        return {json.loads(line)["article"] for line in handle if line.strip()}


def pools(news: Path, seed: int, size: int) -> list[dict[str, Any]]:
    """``size`` articles not in the corpus, drawn with ``seed``. The draw shuffles all
    unannotated ids once (seed 0) and cuts them into consecutive pools, so two seeds
    never share an article."""
    skip = annotated_ids()
    with gzip.open(news, "rt", encoding="utf-8") as handle:
        items = [json.loads(line) for line in handle]
    free = sorted((item for item in items if item["id"] not in skip and item.get("text")),
                  key=lambda item: item["id"])
    random.Random(0).shuffle(free)
    chosen = free[seed * size:(seed + 1) * size]
    if len(chosen) < size:
        sys.exit(f"{news}: only {len(chosen)} unannotated articles left for seed {seed}")
    return chosen


def read_tolls(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every toll the reader extracts from the articles, with its sentence; offsets
    are into the article's raw text."""
    from rasid.errors import RasidError
    from rasid.events.counts import find_counts
    from rasid.pipeline import Pipeline

    pipeline = Pipeline()
    found = []
    for item in items:
        try:
            analysis = pipeline.analyze(item["text"], date=item.get("date"), id=item["id"])
        except RasidError as error:  # an article rasid refuses (not Arabic, too long)
            print(f"skipped: {error}", file=sys.stderr)
            continue
        doc = analysis.doc
        persons = frozenset(m.start for m in doc.layers.get("mentions", [])
                            if m.label == "PERS")
        for sentence in doc.sentences:
            for count in find_counts(doc.text, sentence.start, sentence.end, persons):
                start, end = analysis.to_raw(count.start, count.end)
                s_start, s_end = analysis.to_raw(sentence.start, sentence.end)
                found.append({"article": item["id"], "sentence": [s_start, s_end],
                              "kind": count.kind, "value": count.value,
                              "span": [start, end],
                              "words": item["text"][start:end],
                              "text": item["text"][s_start:s_end]})
    return found


def sample(args: argparse.Namespace) -> None:
    tolls = read_tolls(pools(Path(args.news), args.seed, args.articles))
    kinds = Counter(t["kind"] for t in tolls)
    print(f"{args.articles} articles (seed {args.seed}): {len(tolls)} tolls read "
          f"({', '.join(f'{k} {n}' for k, n in kinds.most_common())})", file=sys.stderr)
    chosen = tolls if args.size <= 0 else random.Random(args.seed).sample(
        tolls, min(args.size, len(tolls)))
    for toll in chosen:
        print(json.dumps(toll, ensure_ascii=False))


def score(args: argparse.Namespace) -> None:
    """Precision of the judged sample: a toll is right when the judge found its kind
    and value right under the guideline."""
    rows = [json.loads(line) for line in Path(args.judged).open(encoding="utf-8")
            if line.strip()]
    right = sum(row["verdict"] == "right" for row in rows)
    by_kind: Counter = Counter()
    right_kind: Counter = Counter()
    for row in rows:
        by_kind[row["kind"]] += 1
        right_kind[row["kind"]] += row["verdict"] == "right"
    print(f"{len(rows)} tolls judged: {right} right, precision {right / len(rows):.3f}")
    for name in dict.fromkeys(row.get("sample", "") for row in rows):
        part = [row for row in rows if row.get("sample", "") == name]
        good = sum(row["verdict"] == "right" for row in part)
        print(f"  {name}: {good}/{len(part)}, precision {good / len(part):.3f}")
    for kind, n in by_kind.most_common():
        print(f"  {kind:<10} {right_kind[kind]}/{n}")
    reasons = Counter(row.get("why", "") for row in rows if row["verdict"] != "right")
    for reason, n in reasons.most_common():
        print(f"  wrong: {n} {reason}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    sub = commands.add_parser("sample")
    sub.add_argument("--news", default=str(NEWS))
    sub.add_argument("--articles", type=int, default=300)
    sub.add_argument("--seed", type=int, default=1)
    sub.add_argument("--size", type=int, default=60, help="0: every toll read")
    sub.set_defaults(run=sample)
    sub = commands.add_parser("score")
    sub.add_argument("judged")
    sub.set_defaults(run=score)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
