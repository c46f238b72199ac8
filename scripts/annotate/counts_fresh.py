"""A fresh counts-only batch: articles no annotator and no rule-writer has read, drawn
for annotation before rasid runs on them.

Why: the toll reader's rules were written from the events corpus and from the
robustness pools of ``counts_sample.py``; a figure on those articles flatters it. This
script draws articles from the part of the news that neither touched (the unannotated
articles in the same seed-0 order as ``counts_sample.py``, past the pools already read),
keeps those rich in tolls (security news from Yemen, Syria, Iraq, attacks, accidents)
and some with numbers but no toll word (money, dates, sport), and writes them to
``annotations/events/counts-articles.jsonl``: ids and sentence offsets (rasid's
sentence splitter only, mapped back to the raw text), never the text. The events corpus
(``articles.jsonl``) is not touched, so events scoring and training do not change;
``rasid evaluate counts-corpus`` reads both lists.

    python scripts/annotate/counts_fresh.py draw --batch fresh-2       (the article list)
    python scripts/annotate/counts_fresh.py show --batch fresh-2 > /tmp/work.txt
    python scripts/annotate/counts.py build WORK.jsonl --out /tmp/fresh.jsonl
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[1]
CORPUS = PROJECT / "annotations/events"
NEWS = PROJECT.parent / "shared/data/news/saudinewsnet-dev.jsonl.gz"
#: articles of the seed-0 order that counts_sample.py's pools 0 to 6 (600 each) used;
#: later batches skip further (``--skip``: pools 9 and 10 were read after fresh-2, so
#: fresh-3 took ``--skip 6600``; pool 12 after it, so fresh-4 took ``--skip 7800`` and
#: reached 9,407: the pools read after it are 16 and 17)
READ_BEFORE = 7 * 600

# words that state a toll, and words of the places and kinds of news where tolls are
# told; both only choose articles, the annotator reads every sentence drawn
TOLL = re.compile(r"(?:قتل|قتيل|مقتل|استشهد|شهيد|جرح|جريح|إصاب|اصاب|أصيب|اعتقال|اعتقل|"
                  r"معتقل|أسر|اختطاف|اختطف|خطف|رهين|إعدام)")
PLACE = re.compile(r"(?:اليمن|سوري|العراق|صنعاء|عدن|تعز|حلب|دمشق|بغداد|الأنبار|الموصل|"
                   r"غزة|الضفة|حادث|انفجار|تفجير|هجوم|غارة|غارات|اشتباك|الحوثي|داعش|"
                   r"الأمن|الشرطة|مسلح)")
NUMBER = re.compile(r"[0-9٠-٩]+")


def corpus_ids() -> set[str]:
    """Articles of the events corpus and of every counts-only batch so far."""
    ids: set[str] = set()
    for name in ("articles.jsonl", "counts-articles.jsonl"):
        path = CORPUS / name
        if path.exists():
            ids |= {json.loads(line)["article"] for line in path.open(encoding="utf-8")
                    if line.strip()}
    return ids


def unread(news: Path, skip: int = READ_BEFORE) -> list[dict[str, Any]]:
    """Unannotated articles in counts_sample.py's order, past the first ``skip`` (the
    pools it read)."""
    events = {json.loads(line)["article"]
              for line in (CORPUS / "articles.jsonl").open(encoding="utf-8") if line.strip()}
    with gzip.open(news, "rt", encoding="utf-8") as handle:
        items = [json.loads(line) for line in handle]
    free = sorted((item for item in items if item["id"] not in events and item.get("text")),
                  key=lambda item: item["id"])
    random.Random(0).shuffle(free)
    taken = corpus_ids()
    return [item for item in free[skip:] if item["id"] not in taken]


def kind_of(text: str) -> str | None:
    """``tolls`` for an article whose lead tells tolls in toll-prone news, ``numbers``
    for one with several numbers and no toll word at all, else None."""
    lead = text[:1500]
    tolls = len(TOLL.findall(lead))
    if tolls >= 3 and len(PLACE.findall(lead)) >= 2:
        return "tolls"
    if not TOLL.search(text) and len(NUMBER.findall(lead)) >= 3:
        return "numbers"
    return None


def draw(args: argparse.Namespace) -> None:
    from select_articles import sentence_spans  # a sibling script: same sentence rule

    from rasid.pipeline import Pipeline

    wanted = {"tolls": args.tolls, "numbers": args.numbers}
    chosen: dict[str, list[dict[str, Any]]] = {"tolls": [], "numbers": []}
    for item in unread(Path(args.news), args.skip):
        if not 300 <= len(item["text"]) <= 5000:
            continue
        kind = kind_of(item["text"])
        if kind and len(chosen[kind]) < wanted[kind]:
            chosen[kind].append(item)
        if all(len(chosen[k]) == wanted[k] for k in wanted):
            break
    pipeline = Pipeline(pipeline=["segment"])
    rows = []
    for kind, items in chosen.items():
        for item in items:
            sentences = sentence_spans(pipeline, item, args.sentences)
            rows.append({"article": item["id"], "source": item["source"],
                         "date": item["date"], "section": kind, "split": args.split,
                         "batch": args.batch, "sentences": sentences})
    out = CORPUS / "counts-articles.jsonl"
    with out.open("a", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    total = sum(len(r["sentences"]) for r in rows)
    print(f"{len(rows)} articles ({len(chosen['tolls'])} toll-rich, "
          f"{len(chosen['numbers'])} with numbers and no toll word), {total} sentences "
          f"-> {out}", file=sys.stderr)


def show(args: argparse.Namespace) -> None:
    """The batch's sentences with their text, one JSON line each, for the annotator's
    working file (never committed)."""
    rows = [json.loads(line) for line in (CORPUS / "counts-articles.jsonl").open(
        encoding="utf-8") if line.strip()]
    rows = [r for r in rows if r.get("batch") == args.batch]
    with gzip.open(args.news, "rt", encoding="utf-8") as handle:
        texts = {}
        wanted = {r["article"] for r in rows}
        for line in handle:
            item = json.loads(line)
            if item["id"] in wanted:
                texts[item["id"]] = item["text"]
    for row in rows:
        text = texts[row["article"]]
        for start, end in row["sentences"]:
            print(json.dumps({"article": row["article"], "sentence": [start, end],
                              "text": text[start:end], "tolls": []}, ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    sub = commands.add_parser("draw")
    sub.add_argument("--news", default=str(NEWS))
    sub.add_argument("--batch", required=True)
    sub.add_argument("--split", default="train")
    sub.add_argument("--tolls", type=int, default=40)
    sub.add_argument("--numbers", type=int, default=10)
    sub.add_argument("--sentences", type=int, default=6)
    sub.add_argument("--skip", type=int, default=READ_BEFORE,
                     help="articles of the seed-0 order already read (default: the "
                     "pools of counts_sample.py seeds 0-6)")
    sub.set_defaults(run=draw)
    sub = commands.add_parser("show")
    sub.add_argument("--news", default=str(NEWS))
    sub.add_argument("--batch", required=True)
    sub.set_defaults(run=show)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
