"""Choose the articles of the real-news quotations gold (seeded, reproducible).

Why: quotations are judged on whole articles (carry-over and anaphoric speakers reach
back across sentences), so the gold is article by article. Articles come from the
events corpus (its split decides which part is tuned on and which only measured on),
mostly political and security news with quotation cues, some without; at most
``--max-chars`` long so that every article can be read whole.

    python scripts/annotate/select_quotes.py --seed 12 --tune 28 --test 20
    python scripts/annotate/select_quotes.py --extend 32 --seed 13 --batch C

``--extend N`` adds N tune articles to an existing gold by the same rule, leaving out
the articles it already holds (and, as always, the events corpus's test split); the
texts of the new ones go to ``batch-C.jsonl`` for the annotators.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
NEWS = PROJECT.parent / "shared/data/news/saudinewsnet-dev.jsonl.gz"
CUES = re.compile(r"(قال|أكد|اكد|أضاف|اضاف|أوضح|اوضح|أشار|اشار|ذكر|أعلن|اعلن|صرح|بحسب|وفقا|حسب)")


def _draw(pool: list[str], texts: dict[str, dict], wanted: int, rng: random.Random
          ) -> list[str]:
    """``wanted`` articles of ``pool``: those with two cues or more, and a seventh
    without (the gold must also show that rasid invents nothing where no one speaks)."""
    with_cues = [a for a in pool if len(CUES.findall(texts[a]["text"])) >= 2]
    without = [a for a in pool if a not in with_cues]
    rng.shuffle(with_cues)
    rng.shuffle(without)
    few = max(1, wanted // 7)
    return with_cues[: wanted - few] + without[:few]


def extend(args: argparse.Namespace, texts: dict[str, dict], split_of: dict[str, str],
           rng: random.Random) -> None:
    """More tune articles for a gold that exists: appended to ``--out``."""
    out = Path(args.out)
    have = {json.loads(line)["article"] for line in out.open(encoding="utf-8")
            if line.strip()}
    pool = [a for a in sorted(texts) if split_of[a] != "test" and a not in have
            and 400 <= len(texts[a]["text"]) <= args.max_chars]
    added = _draw(pool, texts, args.extend, rng)
    with out.open("a", encoding="utf-8") as handle:
        for article in added:
            item = texts[article]
            handle.write(json.dumps({"article": article, "source": item["source"],
                                     "date": item["date"], "part": "tune"}) + "\n")
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    with open(work / f"batch-{args.batch}.jsonl", "w", encoding="utf-8") as handle:
        for article in added:
            item = texts[article]
            handle.write(json.dumps({"article": article, "date": item["date"],
                                     "text": item["text"]}, ensure_ascii=False) + "\n")
    print(f"{len(added)} tune articles added to {out}; texts in {work}/batch-{args.batch}.jsonl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--tune", type=int, default=28)
    parser.add_argument("--test", type=int, default=20)
    parser.add_argument("--max-chars", type=int, default=3500)
    parser.add_argument("--out", default=str(PROJECT / "annotations/quotes/articles.jsonl"))
    parser.add_argument("--work", default=str(PROJECT / "annotations/work/quotes"))
    parser.add_argument("--extend", type=int, default=0,
                        help="add this many tune articles to --out instead of choosing anew")
    parser.add_argument("--batch", default="C", help="working file name of the added texts")
    args = parser.parse_args()
    corpus = [json.loads(line) for line in
              (PROJECT / "annotations/events/articles.jsonl").open(encoding="utf-8")]
    split_of = {row["article"]: row["split"] for row in corpus}
    texts = {}
    with gzip.open(NEWS, "rt", encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            if item["id"] in split_of:
                texts[item["id"]] = item
    rng = random.Random(args.seed)
    if args.extend:
        extend(args, texts, split_of, rng)
        return
    chosen = []
    for part, wanted in (("tune", args.tune), ("test", args.test)):
        pool = [a for a in sorted(texts) if (split_of[a] == "test") == (part == "test")
                and 400 <= len(texts[a]["text"]) <= args.max_chars]
        with_cues = [a for a in pool if len(CUES.findall(texts[a]["text"])) >= 2]
        without = [a for a in pool if a not in with_cues]
        rng.shuffle(with_cues)
        rng.shuffle(without)
        few = max(1, wanted // 7)
        chosen += [(a, part) for a in with_cues[: wanted - few] + without[:few]]
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as out:
        for article, part in chosen:
            item = texts[article]
            out.write(json.dumps({"article": article, "source": item["source"],
                                  "date": item["date"], "part": part}) + "\n")
    for batch, part in (("A", "tune"), ("B", "test")):
        with open(work / f"batch-{batch}.jsonl", "w", encoding="utf-8") as handle:
            for article, p in chosen:
                if p == part:
                    item = texts[article]
                    handle.write(json.dumps({"article": article, "date": item["date"],
                                             "text": item["text"]}, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} articles → {args.out}; texts for annotators in {work}")


if __name__ == "__main__":
    main()
