"""``rasid train``: models learned from annotated data, written where rasid loads them.

Kept apart from the analysis commands: training reads corpora that live outside the
package (licensed news, ANERcorp) and is run by developers, not by every user.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

DEFAULT_NEWS = "../shared/data/news/saudinewsnet-dev.jsonl.gz"
DEFAULT_CORPUS = "annotations/events"


def add_commands(commands: Any) -> None:
    train = commands.add_parser(
        "train", help="train a model from annotated data",
        description="Train the event decision on the annotated real-news corpus "
        "(docs/annotation/events-guideline.md). The corpus holds offsets only; the "
        "news text is read from --news.")
    train.add_argument("model", choices=("events",))
    train.add_argument("--corpus", default=DEFAULT_CORPUS, metavar="DIR",
                       help=f"the corpus folder (default {DEFAULT_CORPUS})")
    train.add_argument("--news", default=DEFAULT_NEWS, metavar="FILE",
                       help="the news file the corpus "
                       f"annotates (default {DEFAULT_NEWS})")
    train.add_argument("--splits", default="train",
                       help="comma-separated splits to train on (default train; never test)")
    train.add_argument("--tune", default="dev",
                       help="split to choose the threshold on, 'cv' for 5-fold "
                       "cross-validation over the training articles, 'none' to keep 0.5")
    train.add_argument("--out", metavar="DIR",
                       help="output folder (default: the package's model folder)")
    train.set_defaults(handler=_train)


def _train(args: argparse.Namespace) -> int:
    from rasid.errors import RasidError
    from rasid.events.decide import MODEL_DIR
    from rasid.events.train import train

    splits = tuple(s.strip() for s in args.splits.split(",") if s.strip())
    tune = None if args.tune == "none" else args.tune
    try:
        train(args.corpus, args.news, args.out or MODEL_DIR, splits, tune,
              log=lambda line: print(line, file=sys.stderr))
    except (RasidError, ValueError) as error:
        print(f"rasid: {error}", file=sys.stderr)
        return 2
    return 0


def evaluate_corpus(args: argparse.Namespace, pipeline: Any) -> int:
    """``rasid evaluate events-corpus``: figures on one split of the news corpus."""
    import json

    from rasid.errors import RasidError
    from rasid.evaluate.corpus_events import evaluate
    from rasid.evaluate.newscorpus import load_corpus

    try:
        articles = load_corpus(args.gold, args.news, args.split.split(","))
    except RasidError as error:
        print(f"rasid: {error}", file=sys.stderr)
        return 2
    result = evaluate(articles, pipeline)
    print(f"{len(articles)} articles of split {args.split}")
    print(result.report())
    if args.errors:
        for example in result.examples:
            print(json.dumps(example, ensure_ascii=False))
    return 0
