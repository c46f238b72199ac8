"""Choose the dev-news articles of the events corpus and fix their sentences.

Why a script: the corpus must be reproducible. Anyone with the dev news can rebuild the
same article list, the same sentence offsets and the same split from this file alone.

Selection (seeded): articles of 400 to 6,000 characters; a "political" share chosen
from those whose URL names a politics/world section or whose text scores high on a
keyword list of conflict and diplomacy words (``keywords.txt`` beside this file), and a
30 %+ share drawn at random from all the others (economy, sports, local, culture), so
that the corpus holds real negatives. Each article contributes its first
``--sentences`` sentences (rasid's own sentence splitter, mapped back to the raw text).
The split is by article: 70 % train, 15 % dev, 15 % test. ``--append`` adds a further
round (another seed, no article twice) with the same proportions.

Writes ``annotations/events/articles.jsonl``: one line an article with its id, source,
date, section guess, split and sentence offsets into the raw text. No text is written.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[1]
NEWS = PROJECT.parent / "shared/data/news/saudinewsnet-dev.jsonl.gz"
POLITICS_URL = re.compile(r"/Politics/|/news/pol/|/world/|/politics/", re.I)


def keywords() -> list[str]:
    lines = (HERE / "keywords.txt").read_text(encoding="utf-8").splitlines()
    return [w.strip() for w in lines if w.strip() and not w.startswith("#")]


def score(text: str, words: list[str]) -> int:
    return sum(text.count(w) for w in words)


def sentence_spans(pipeline: Any, item: dict[str, Any], limit: int) -> list[list[int]]:
    """The raw offsets of an article's first ``limit`` sentences of four words or more
    (shorter lines are datelines and captions, not sentences to annotate)."""
    analysis = pipeline.analyze(item["text"], date=item.get("date"), id=item["id"])
    sentences: list[list[int]] = []
    for sentence in analysis.doc.sentences:
        start, end = analysis.to_raw(sentence.start, sentence.end)
        if len(item["text"][start:end].split()) < 4:
            continue
        sentences.append([start, end])
        if len(sentences) == limit:
            break
    return sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--news", type=Path, default=NEWS)
    parser.add_argument("--political", type=int, default=165)
    parser.add_argument("--other", type=int, default=95)
    parser.add_argument("--sentences", type=int, default=14)
    parser.add_argument("--seed", type=int, default=20261205)
    parser.add_argument("--out", type=Path, default=PROJECT / "annotations/events/articles.jsonl")
    parser.add_argument("--append", action="store_true",
                        help="add a further round of articles to --out (none already in it), "
                        "split the same way; earlier rounds are left as they are")
    args = parser.parse_args()
    taken: set[str] = set()
    if args.append and args.out.exists():
        taken = {json.loads(line)["article"] for line in args.out.open(encoding="utf-8")}

    from rasid.pipeline import Pipeline

    words = keywords()
    political, other = [], []
    with gzip.open(args.news, "rt", encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            if item["id"] in taken or not 400 <= len(item["text"]) <= 6000:
                continue
            points = score(item["text"][:1500], words)
            url = unquote(item.get("url") or "")
            if POLITICS_URL.search(url) or points >= 6:
                political.append((item, "politics" if POLITICS_URL.search(url) else "keywords"))
            elif points <= 2:
                other.append((item, "other"))
    rng = random.Random(args.seed)
    rng.shuffle(political)
    rng.shuffle(other)
    chosen = political[: args.political] + other[: args.other]
    rng.shuffle(chosen)
    pipeline = Pipeline(pipeline=["segment"])
    rows = []
    for number, (item, section) in enumerate(chosen):
        sentences = sentence_spans(pipeline, item, args.sentences)
        share = number / len(chosen)
        split = "train" if share < 0.70 else "dev" if share < 0.85 else "test"
        rows.append({"article": item["id"], "source": item["source"], "date": item["date"],
                     "section": section, "split": split, "sentences": sentences})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("a" if args.append else "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    total = sum(len(r["sentences"]) for r in rows)
    print(f"{len(rows)} articles, {total} sentences -> {args.out}")


if __name__ == "__main__":
    main()
