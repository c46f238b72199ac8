"""Counts (tolls) annotation: agreement between two passes, and the committed gold.

Why: the events corpus carries tolls on its events (pass 1); a second, independent
pass over the sentences that may state a toll (docs/annotation/counts-guideline.md)
measures how far two annotators agree, and the adjudicated result is the counts gold
(``annotations/events/counts.jsonl``: ids and offsets, never the text).

    python scripts/annotate/counts.py agree PASS2.jsonl      (pass 1 from events.jsonl)
    python scripts/annotate/counts.py diff PASS2.jsonl        (the sentences that differ)
    python scripts/annotate/counts.py build PASS.jsonl… --out annotations/events/counts.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[1]
EVENTS = PROJECT / "annotations/events/events.jsonl"
KINDS = ("killed", "injured", "arrested", "kidnapped")


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def first_pass() -> dict[tuple[str, int], Counter]:
    """(kind, value) of each sentence's events in the events corpus (pass 1)."""
    found: dict[tuple[str, int], Counter] = {}
    for row in read(EVENTS):
        tolls: Counter = Counter()
        for event in row["events"]:
            counts = event.get("counts") or {}
            for kind in KINDS:
                if isinstance(counts.get(kind), int):
                    tolls[(kind, counts[kind])] += 1
        found[(row["article"], row["sentence"][0])] = tolls
    return found


def tolls_of(row: dict) -> Counter:
    return Counter((t["kind"], t["value"]) for t in row["tolls"])


def agree(args: argparse.Namespace) -> None:
    one = first_pass()
    tp = n1 = n2 = same = 0
    kinds: Counter = Counter()
    rows = read(Path(args.second))
    for row in rows:
        a = one.get((row["article"], row["sentence"][0]), Counter())
        b = tolls_of(row)
        tp += sum((a & b).values())
        n1 += sum(a.values())
        n2 += sum(b.values())
        same += a == b
        for kind in KINDS:
            kinds[kind, "a"] += sum(v for k, v in a.items() if k[0] == kind)
            kinds[kind, "b"] += sum(v for k, v in b.items() if k[0] == kind)
            kinds[kind, "both"] += sum(v for k, v in (a & b).items() if k[0] == kind)
    p = tp / n2 if n2 else 0.0
    r = tp / n1 if n1 else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{len(rows)} sentences; identical toll sets in {same} ({same / len(rows):.3f})")
    print(f"tolls: pass 1 {n1}, pass 2 {n2}, both {tp}; F1 {f:.3f}")
    for kind in KINDS:
        a, b, both = kinds[kind, "a"], kinds[kind, "b"], kinds[kind, "both"]
        f = 2 * both / (a + b) if a + b else 0.0
        print(f"  {kind:<10} pass 1 {a:>4}  pass 2 {b:>4}  both {both:>4}  F1 {f:.3f}")


def diff(args: argparse.Namespace) -> None:
    one = first_pass()
    for row in read(Path(args.second)):
        a = one.get((row["article"], row["sentence"][0]), Counter())
        b = tolls_of(row)
        if a != b:
            print(json.dumps({"article": row["article"], "sentence": row["sentence"],
                              "A": sorted(f"{k}={v}" for k, v in a.elements()),
                              "B": sorted(f"{k}={v}" for k, v in b.elements())},
                             ensure_ascii=False))


def build(args: argparse.Namespace) -> None:
    """Offsets from the phrases of working files that hold the sentence text."""
    out = []
    for path in args.passes:
        for row in read(Path(path)):
            start = row["sentence"][0]
            text = row["text"]
            tolls = []
            for toll in row["tolls"]:
                span = None  # the events pass recorded values on events, not words
                if toll.get("phrase") is not None:
                    at = text.find(toll["phrase"])
                    if at < 0:
                        sys.exit(f"{path}: {row['article']}@{start}: phrase not in sentence")
                    span = [start + at, start + at + len(toll["phrase"])]
                tolls.append({"kind": toll["kind"], "value": int(toll["value"]),
                              "approx": bool(toll.get("approx")), "span": span})
            out.append({"article": row["article"], "sentence": row["sentence"],
                        "tolls": tolls, "annotator": row.get("annotator", args.annotator)})
    with open(args.out, "w", encoding="utf-8") as handle:
        for row in out:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(out)} sentences, {sum(len(r['tolls']) for r in out)} tolls → {args.out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("agree", "diff"):
        sub = commands.add_parser(name)
        sub.add_argument("second")
        sub.set_defaults(handler=agree if name == "agree" else diff)
    sub = commands.add_parser("build")
    sub.add_argument("passes", nargs="+")
    sub.add_argument("--out", required=True)
    sub.add_argument("--annotator", default="adjudicated")
    sub.set_defaults(handler=build)
    args = parser.parse_args()
    args.handler(args)


if __name__ == "__main__":
    main()
