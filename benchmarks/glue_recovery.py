"""How well repair restores spaces removed next to names, and how often it splits wrongly.

For each article, the spaces between adjacent words where at least one word belongs to
a name the knowledge base knows (a country, place or organization) are candidates; a
random share of them is removed, as link stripping does. Repair then runs on the damaged
text and we count

* recall: removed spaces put back at exactly their position;
* false splits: spaces inserted inside words that were not glued, per 1,000 such words;
* the baseline: spaces repair inserts in the undamaged text (the news has a few real
  glued words of its own, so not all of these are errors).

Run: ``python benchmarks/glue_recovery.py [--articles 1000] [--news PATH]``
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import time
from collections import Counter

from _news import DEFAULT_NEWS, iter_articles
from rasid.kb.names import iter_entries, shipped_kb_files
from rasid.text.normalize import match_key
from rasid.text.repair import Repairer

_WORD = re.compile(r"[\u0621-\u064a]+")
_PREFIXES = ("وبال", "وال", "بال", "لل", "فال", "كال", "ال", "و", "ب", "ل", "ف", "ك")


def name_keys() -> set[str]:
    """Keys of single words that belong to names of countries, places and organizations."""
    keys: set[str] = set()
    for path in shipped_kb_files():
        for _, entry in iter_entries(path):
            if entry.get("kind") not in ("country", "place", "org"):
                continue
            for name in entry.get("ar", []) + entry.get("nisba", []):
                for part in name.split():
                    if len(part) >= 3:
                        keys.add(match_key(part))
    return keys


def is_name_word(word: str, names: set[str]) -> bool:
    key = match_key(word)
    if key in names:
        return True
    return any(key.startswith(p) and key[len(p):] in names for p in _PREFIXES)


def damage(text: str, names: set[str], rng: random.Random, share: float
           ) -> tuple[str, list[int], list[tuple[int, int]]]:
    """Remove spaces next to names; return new text, removed positions and untouched words."""
    words = list(_WORD.finditer(text))
    candidates = []
    for left, right in itertools.pairwise(words):
        if text[left.end() : right.start()] != " ":
            continue
        if is_name_word(left.group(), names) or is_name_word(right.group(), names):
            candidates.append(left.end())
    chosen = sorted(p for p in candidates if rng.random() < share)
    pieces, removed, cursor = [], [], 0
    for position in chosen:
        pieces.append(text[cursor:position])
        removed.append(position - len(removed))
        cursor = position + 1
    pieces.append(text[cursor:])
    damaged = "".join(pieces)
    glued = set(removed)
    untouched = [
        (m.start(), m.end())
        for m in _WORD.finditer(damaged)
        if not any(m.start() < p < m.end() for p in glued)
    ]
    return damaged, removed, untouched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--news", default=str(DEFAULT_NEWS))
    parser.add_argument("--share", type=float, default=0.5,
                        help="share of candidate spaces removed")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--show", type=int, default=15, help="examples of errors to print")
    args = parser.parse_args()

    from pathlib import Path

    rng = random.Random(args.seed)
    names = name_keys()
    repairer = Repairer()
    removed_total = restored = 0
    untouched_total = false_splits = baseline = 0
    misses: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    started = time.perf_counter()
    for article in iter_articles(Path(args.news), args.articles):
        text = article["text"]
        baseline += sum(1 for c in repairer.repair(text).changes if c.step == "glued_words")
        damaged, removed, untouched = damage(text, names, rng, args.share)
        inserted = {c.raw_start for c in repairer.repair(damaged).changes
                    if c.step == "glued_words"}
        removed_total += len(removed)
        hit = inserted & set(removed)
        restored += len(hit)
        for position in set(removed) - hit:
            m = next(w for w in _WORD.finditer(damaged) if w.start() < position < w.end())
            misses[m.group()] += 1
        untouched_total += len(untouched)
        for start, end in untouched:
            if any(start < p < end for p in inserted):
                false_splits += 1
                wrong[damaged[start:end]] += 1
    elapsed = time.perf_counter() - started
    print(f"articles: {args.articles}, name words known: {len(names):,}")
    print(f"removed spaces: {removed_total:,}; restored: {restored:,} "
          f"({restored / max(removed_total, 1):.2%})")
    print(f"untouched words: {untouched_total:,}; wrongly split: {false_splits:,} "
          f"({1000 * false_splits / max(untouched_total, 1):.3f} per 1,000)")
    print(f"insertions in the undamaged text (baseline): {baseline:,}")
    print(f"time: {elapsed:.1f} s")
    print("most frequent misses:", misses.most_common(args.show))
    print("most frequent wrong splits:", wrong.most_common(args.show))


if __name__ == "__main__":
    main()
