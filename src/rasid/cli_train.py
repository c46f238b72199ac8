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
DEFAULT_ANERCORP = "../shared/data/anercorp/train.txt"


def add_commands(commands: Any) -> None:
    train = commands.add_parser(
        "train", help="train a model from annotated data",
        description="events: train the event decision on the annotated real-news corpus "
        "(docs/annotation/events-guideline.md; the corpus holds offsets only, the news "
        "text is read from --news). topics: train the topic classifier on the news "
        "file's newspaper sections and seed words (src/rasid/topics/data), leaving the "
        "held-out outlets out. ner: train the entity tagger on ANERcorp's training "
        "part (CoNLL), optionally cross-validating it first with contiguous folds.")
    train.add_argument("model", choices=("events", "topics", "ner"))
    train.add_argument("--corpus", default=DEFAULT_CORPUS, metavar="DIR",
                       help=f"events: the corpus folder (default {DEFAULT_CORPUS})")
    train.add_argument("--news", default=DEFAULT_NEWS, metavar="FILE",
                       help="the news file the corpus annotates, or whose sections train "
                       "the topics "
                       f"(default {DEFAULT_NEWS})")
    train.add_argument("--splits", default="train",
                       help="events: comma-separated splits to train on (default train; "
                       "never test)")
    train.add_argument("--tune", default="dev",
                       help="events: split to choose the threshold on, 'cv' for 5-fold "
                       "cross-validation over the training articles, 'none' to keep 0.5")
    train.add_argument("--hold-out", metavar="OUTLETS",
                       help="topics: comma-separated outlets left out of training (default: "
                       "'held_out' of src/rasid/topics/data/sections.json)")
    train.add_argument("--conll", default=DEFAULT_ANERCORP, metavar="FILE",
                       help=f"ner: the tagged training file (default {DEFAULT_ANERCORP})")
    train.add_argument("--cv", type=int, default=0, metavar="K",
                       help="ner: first cross-validate with K contiguous folds and print "
                       "the figures per type (they are also saved beside the model)")
    train.add_argument("--jobs", type=int, default=1, metavar="N",
                       help="ner: folds trained in parallel (default 1)")
    train.add_argument("--out", metavar="DIR",
                       help="output folder (default: the package's model folder)")
    train.set_defaults(handler=_train)


def held_out_outlets(value: str | None) -> list[str]:
    """The outlets named on the command line, or those the section file holds out."""
    if value:
        return [v.strip() for v in value.split(",") if v.strip()]
    from rasid.topics.features import load_data

    return list(load_data("sections.json").get("held_out", []))


def _train_topics(args: argparse.Namespace) -> int:
    from rasid.errors import RasidError
    from rasid.topics.data import read_news
    from rasid.topics.model import model_dir
    from rasid.topics.train import train

    held = held_out_outlets(args.hold_out)
    try:
        articles = [a for a in read_news(args.news) if a.source not in held]
        model = train(articles, log=lambda line: print(line, file=sys.stderr),
                      info={"held_out": held,
                            "outlets": sorted({a.source for a in articles})})
    except (RasidError, ValueError) as error:
        print(f"rasid: {error}", file=sys.stderr)
        return 2
    path = model.save(args.out or model_dir())
    print(f"topic model written to {path} ({len(model.weights)} features; held out: "
          f"{', '.join(held) or 'none'})", file=sys.stderr)
    return 0


def evaluate_topics(args: argparse.Namespace) -> int:
    """``rasid evaluate topics``: the model on the sections of held-out outlets."""
    from rasid.errors import RasidError
    from rasid.evaluate.topics import evaluate
    from rasid.topics.data import evaluated_labels, read_news
    from rasid.topics.model import TopicModel

    outlets = held_out_outlets(args.outlets)
    try:
        model = TopicModel.load(args.model)
        trained_on = set(model.info.get("outlets", []))
        overlap = sorted(trained_on & set(outlets))
        if overlap:
            print(f"rasid: warning: the model was trained on {', '.join(overlap)}: these "
                  "figures are not held-out figures", file=sys.stderr)
        articles = [a for a in read_news(args.news) if a.source in outlets]
    except RasidError as error:
        print(f"rasid: {error}", file=sys.stderr)
        return 2
    result = evaluate(model, articles, evaluated_labels())
    if not result.articles:
        print(f"rasid: {args.news}: no article of {', '.join(outlets) or 'no outlet'} has a "
              "section label (src/rasid/topics/data/sections.json)", file=sys.stderr)
        return 2
    print(f"outlets: {', '.join(outlets)}")
    print(result.report())
    return 0


def _train_ner(args: argparse.Namespace) -> int:
    """``rasid train ner``: the shipped tagger's settings, retrained on ``--conll``."""
    from pathlib import Path

    from rasid.errors import RasidError
    from rasid.ner.features import FeatureConfig
    from rasid.ner.tagger import MODEL_NAME, packaged_model
    from rasid.ner.train import TrainParams, run

    if args.cv == 1 or args.cv < 0:
        print("rasid: --cv needs at least 2 folds", file=sys.stderr)
        return 2
    out = Path(args.out) / MODEL_NAME if args.out else packaged_model()
    try:
        run(args.conll, out, TrainParams(), FeatureConfig(), cv=args.cv,
            jobs=max(1, args.jobs), log=lambda line: print(line, file=sys.stderr))
    except (RasidError, OSError) as error:
        print(f"rasid: {error}", file=sys.stderr)
        return 2
    print(f"wrote {out} and {out.with_suffix('.json').name}", file=sys.stderr)
    return 0


def _train(args: argparse.Namespace) -> int:
    if args.model == "topics":
        return _train_topics(args)
    if args.model == "ner":
        return _train_ner(args)
    from rasid.errors import RasidError
    from rasid.events.decide import MODEL_DIR
    from rasid.training.events import train

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
    """``rasid evaluate events-corpus|counts-corpus``: figures on splits of the news
    corpus (events, or the tolls they carry)."""
    import json

    from rasid.errors import RasidError
    from rasid.evaluate import corpus_events, counts, quotes_corpus
    from rasid.evaluate.newscorpus import load_corpus

    splits = args.split.split(",")
    tolls: counts.Gold | None = None
    try:
        # the gold is read before any analysis: a missing file fails at once
        if args.layer == "quotes-corpus":
            gold = quotes_corpus.load_gold(args.gold, args.news, splits)
            heading = f"part {args.split}"
        else:
            if args.layer == "counts-corpus":
                articles = counts.load_articles(args.gold, args.news, splits)
                tolls = counts.load_tolls(args.gold)
            else:
                articles = load_corpus(args.gold, args.news, splits)
            heading = f"{len(articles)} articles of split {args.split}"
    except RasidError as error:
        print(f"rasid: {error}", file=sys.stderr)
        return 2
    if args.layer == "quotes-corpus":
        result: Any = quotes_corpus.evaluate(gold, pipeline)
    elif tolls is not None:
        result = counts.evaluate(articles, pipeline, tolls)
    else:
        result = corpus_events.evaluate(articles, pipeline)
    print(heading)
    print(result.report())
    if args.errors:
        for example in result.examples:
            print(json.dumps(example, ensure_ascii=False))
    return 0
