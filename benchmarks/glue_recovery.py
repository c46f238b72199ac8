"""How well repair restores spaces removed next to names, and how often it splits wrongly.

For each article, rasid's recognizer finds the names of countries, places and
organizations; the spaces right before, after and inside each name are candidates, and
a random share of them is removed, as link stripping does. Spaces after the heads of
compound names (عبد, أبو, بن) are left alone: ``عبدالعزيز`` is an accepted spelling.
Repair then runs on the damaged
text and we count

* recall: removed spaces put back at exactly their position;
* false splits: spaces inserted inside words that were not glued, per 1,000 such words;
* the baseline: spaces repair inserts in the undamaged text (the news has a few real
  glued words of its own, so not all of these are errors).

Run: ``.venv/bin/python benchmarks/glue_recovery.py [--articles 1000] [--skip 0] [--news PATH]``
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections import Counter

from _news import DEFAULT_NEWS, iter_articles
from rasid.text.repair import Repairer

_WORD = re.compile(r"[\u0621-\u064a\u064b-\u065f\u0670]+")


_COMPOUND_HEADS = frozenset({"عبد", "ابو", "أبو", "ابن", "بن", "أبي", "ابي", "آل"})


class NameFinder:
    """Finds names of countries, places and organizations as rasid's recognizer does."""

    def __init__(self) -> None:
        from rasid.pipeline import Pipeline
        from rasid.text.repair import Repairer

        steps = [step.name for step in Repairer().steps]
        # no repair here: the offsets must be those of the text we damage
        self.pipeline = Pipeline(pipeline=["segment", "entities"], repair_disabled=steps)
        self.kinds = ("country:", "place:", "org:")

    def boundaries(self, text: str) -> list[list[int]]:
        """For each name found: the single spaces before, inside and after it."""
        from rasid.errors import InputError

        try:
            doc = self.pipeline.analyze(text).doc
        except InputError:
            return []
        tokens = doc.tokens
        groups: list[list[int]] = []
        for mention in doc.layers.mentions:
            if mention.source != "gazetteer" or not (mention.entity or "").startswith(
                    self.kinds):
                continue
            first, end = mention.tokens.start, mention.tokens.end
            positions = []
            for left in range(max(first - 1, 0), min(end, len(tokens) - 1)):
                a, b = tokens[left], tokens[left + 1]
                if a.kind != "arabic" or b.kind != "arabic" or b.start - a.end != 1:
                    continue
                if text[a.end] != " " or a.text in _COMPOUND_HEADS:
                    continue
                positions.append(a.end)
            if positions:
                groups.append(positions)
        return groups


def damage(text: str, finder: NameFinder, rng: random.Random, share: float
           ) -> tuple[str, list[int], list[tuple[int, int]]]:
    """Glue a share of the names to a neighbour (sometimes two), as link stripping does.

    For each name, with probability ``share`` one of the spaces before, inside or after
    it is removed, and with half that probability a second one, so glued tokens hold
    two or three words; spaces next to an earlier removal are left alone, so no token
    grows longer than that.
    """
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    word_at = {}
    for index, (start, end) in enumerate(words):
        word_at[start], word_at[end] = index, index
    chosen: set[int] = set()
    touched: set[int] = set()
    for group in finder.boundaries(text):
        free = [p for p in group if word_at.get(p) is not None
                and word_at[p] not in touched and word_at[p] + 1 not in touched]
        if not free or rng.random() >= share:
            continue
        picks = [rng.choice(free)]
        if len(free) > 1 and rng.random() < share / 2:
            picks.append(rng.choice([p for p in free if p != picks[0]]))
        for position in picks:
            chosen.add(position)
            touched.update((word_at[position], word_at[position] + 1))
    pieces, removed, cursor = [], [], 0
    for position in sorted(chosen):
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
    parser.add_argument("--skip", type=int, default=0,
                        help="articles to skip first (measure another slice of the news)")
    parser.add_argument("--show", type=int, default=15, help="examples of errors to print")
    args = parser.parse_args()

    from pathlib import Path

    rng = random.Random(args.seed)
    repairer = Repairer()
    finder = NameFinder()
    removed_total = restored = 0
    untouched_total = false_splits = baseline = 0
    misses: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    started = time.perf_counter()
    for number, article in enumerate(iter_articles(Path(args.news), args.skip + args.articles)):
        if number < args.skip:
            continue
        text = article["text"]
        baseline += sum(1 for c in repairer.repair(text).changes if c.step == "glued_words")
        damaged, removed, untouched = damage(text, finder, rng, args.share)
        inserted = {c.raw_start for c in repairer.repair(damaged).changes
                    if c.step == "glued_words"}
        removed_total += len(removed)
        hit = inserted & set(removed)
        restored += len(hit)
        for position in set(removed) - hit:
            m = next((w for w in _WORD.finditer(damaged) if w.start() < position < w.end()),
                     None)
            misses[m.group() if m else damaged[position - 5 : position + 5]] += 1
        untouched_total += len(untouched)
        for start, end in untouched:
            if any(start < p < end for p in inserted):
                false_splits += 1
                wrong[damaged[start:end]] += 1
    elapsed = time.perf_counter() - started
    print(f"articles: {args.articles} (after skipping {args.skip})")
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
