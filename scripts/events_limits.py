"""What limits the events figures: a learning curve and a decision oracle.

Two questions decide where work on events should go, and neither can be answered by
the test split's F1 alone:

* **Would more annotated articles help?** ``--curve`` trains the event decision by
  5-fold cross-validation over the train and dev articles on growing shares of each
  fold's training part (by article) and scores each fold's held-out part, at the
  shipped threshold. A flat curve says the model, not the corpus, is the limit.
* **How far can the argument rules go?** ``--oracle`` decides every candidate as the
  corpus labels it (its type and status), so that only the lexicon's candidates and
  the argument rules stand between rasid and the gold: the event-level F1 it prints
  is the ceiling of the current rules, whatever model decides.

Reads the news text from ``../shared/data`` at run time (never from the project)::

    .venv/bin/python scripts/events_limits.py --curve --oracle
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

from rasid.evaluate.corpus_events import EventScore
from rasid.evaluate.newscorpus import load_corpus
from rasid.events.decide import NO_EVENT, Decider
from rasid.pipeline import Pipeline
from rasid.training import events as training

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "data" / "news" / "saudinewsnet-dev.jsonl.gz"


def _add(total: EventScore, part: EventScore) -> None:
    for name in ("strict", "lenient"):
        for row, counts in getattr(part, name).rows.items():
            getattr(total, name).row(row).add(counts)
    total.errors.update(part.errors)


def _line(label: str, result: EventScore) -> str:
    strict, lenient = result.strict.total, result.lenient.total
    return (f"{label}: event-level F1 {strict.f1:.3f} (P {strict.precision:.3f}, "
            f"R {strict.recall:.3f}); type-only F1 {lenient.f1:.3f}")


def curve(prepared: list[training.Prepared], coder: Any, threshold: float,
          shares: tuple[float, ...] = (0.25, 0.5, 0.75, 1.0), folds: int = 5) -> None:
    """Cross-validated figures when each fold trains on a share of its articles."""
    for share in shares:
        total = EventScore()
        for k in range(folds):
            held_out = prepared[k::folds]
            train = [p for j, p in enumerate(prepared) if j % folds != k]
            random.Random(k).shuffle(train)
            train = train[: max(1, int(len(train) * share))]
            with tempfile.TemporaryDirectory() as folder:
                training.fit(train, Path(folder))
                coder.decider = Decider(Path(folder))
                coder.decider.meta["threshold"] = threshold
                _add(total, training.score(held_out, coder))
        print(_line(f"share {share:.2f} (~{len(train)} training articles per fold)", total),
              flush=True)


class _Oracle:
    """A decider that answers with the corpus's label of each candidate."""

    available = True
    status_model = None

    def __init__(self) -> None:
        self.retypes: dict[str, frozenset[str]] = {}
        self.meta = {"threshold": 0.5}
        self.threshold = 0.5
        self.answers: dict[int, tuple[str, str | None]] = {}

    def decide(self, features: dict[str, float], rule_type: str, trigger_id: str = ""
               ) -> tuple[str, float, str, float]:
        value, status = self.answers.get(id(features), ("", None))
        if not value or value == NO_EVENT:
            return NO_EVENT, 0.0, "current", 1.0
        return value, 1.0, status or "current", 1.0


def oracle(prepared: list[training.Prepared], coder: Any) -> None:
    """Figures with every candidate decided as the corpus labels it."""
    decider = _Oracle()
    coder.decider = decider

    def answer(item: training.Prepared, candidate: Any) -> None:
        candidate.complete_frame = False
        candidate.guard = None
        decider.answers[id(candidate.features)] = training.label(
            candidate, item.article, item.analysis.to_raw)

    total = training.score(prepared, coder, each=answer)
    print(_line("decision oracle (the corpus decides every candidate)", total))
    print(f"  errors left: {dict(total.errors)}")
    print("  " + total.arguments.report().replace("\n", "\n  "))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(ROOT / "annotations" / "events"))
    parser.add_argument("--news", default=str(NEWS))
    parser.add_argument("--splits", default="train,dev",
                        help="splits to analyse (never test: it is for measuring only)")
    parser.add_argument("--curve", action="store_true", help="cross-validated learning curve")
    parser.add_argument("--oracle", action="store_true", help="the decision oracle's figures")
    args = parser.parse_args(argv)
    splits = tuple(s for s in args.splits.split(",") if s)
    if "test" in splits:
        parser.error("the test split is for measuring only")
    if not (args.curve or args.oracle):
        parser.error("say what to measure: --curve, --oracle or both")
    if not Path(args.news).exists():
        print(f"error: news file not found: {args.news}", file=sys.stderr)
        return 2
    pipeline = Pipeline(pipeline=["segment", "entities", "quotes", "events"])
    coder = pipeline.components[-1].coder
    shipped = Decider().threshold
    coder.decider = Decider(Path("/nonexistent"))  # candidates only
    head = Pipeline(pipeline=["segment", "entities", "quotes"])
    prepared = training.prepare(load_corpus(args.corpus, args.news, splits), head, coder)
    print(f"{len(prepared)} annotated articles of {', '.join(splits)}", flush=True)
    if args.oracle:
        oracle(prepared, coder)
    if args.curve:
        curve(prepared, coder, shipped)
    return 0


if __name__ == "__main__":
    sys.exit(main())
