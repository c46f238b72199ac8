"""The ``rasid`` command: thin commands over the library functions.

Errors in input documents are reported one line each on stderr (naming the document
and the reason) and, in JSON output, as ``"status": "failed"`` records; the exit code
is non-zero only when nothing could be read at all.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from rasid._version import __version__
from rasid.analysis import Analysis, failure_dict
from rasid.cli_common import add_kb, add_max_chars, pipeline_overrides
from rasid.cli_train import DEFAULT_NEWS
from rasid.errors import InputError


def _date(value: str) -> str:
    from rasid.io import normalize_date

    try:
        return normalize_date(value, "--date") or ""
    except InputError as error:
        raise argparse.ArgumentTypeError(error.reason) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rasid",
        description="Read Arabic news: repair text, find actors, quotations and events.",
    )
    parser.add_argument("--version", action="version", version=f"rasid {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    rep = commands.add_parser("repair", help="print the repaired text of a document",
                              description="Repair raw Arabic text (Unicode fixes, glued "
                              "words) and print it; --explain lists each change.")
    rep.add_argument("file", nargs="?", default="-", help="a text file, or - for stdin")
    rep.add_argument("--explain", action="store_true",
                     help="list each change (step, raw span, new span) on stderr")
    rep.add_argument("--config", metavar="FILE", help="a TOML settings file")
    add_max_chars(rep)

    ana = commands.add_parser("analyze", help="analyze documents and print the result",
                              description="Analyze Arabic documents: plain text files, "
                              "folders, JSON Lines ({id,text,date,title,source,url}) or stdin.")
    ana.add_argument("paths", nargs="*", default=["-"], help="files, folders, or - for stdin")
    ana.add_argument("--date", type=_date, help="publication date YYYY-MM-DD for documents "
                     "that carry none")
    ana.add_argument("--format", choices=("text", "json", "jsonl"), default="text",
                     help="text report, JSON (one object, or a list), or one JSON line per "
                     "document")
    ana.add_argument("--input-format", choices=("auto", "text", "jsonl"), default="auto",
                     help="how to read the inputs (auto: by file suffix and content)")
    ana.add_argument("--config", metavar="FILE", help="a TOML settings file")
    add_max_chars(ana)
    add_kb(ana)
    ana.set_defaults(handler=_analyze)
    rep.set_defaults(handler=_repair)

    ner = commands.add_parser("ner", help="tag tokens with PERS/LOC/ORG/MISC (CoNLL)",
                              description="Read one token a line (a second column is "
                              "ignored; a blank line between sentences) and write "
                              "token<TAB>tag with BIO tags as ANERcorp uses them.")
    ner.add_argument("--conll", required=True, metavar="FILE", help="the tokens, or -")
    ner.set_defaults(handler=_ner)

    ev = commands.add_parser("evaluate", help="score rasid against a gold file",
                             description="Score entities (CoNLL gold), quotations or "
                             "events (JSON Lines gold files as in tests/gold/), or events "
                             "on a split of the annotated real-news corpus (events-corpus: "
                             "GOLD is the corpus folder, the text is read from --news), or "
                             "topics on the sections of held-out newspapers (topics: no GOLD; "
                             "the sections are read from the URLs of --news).")
    ev.add_argument("layer", choices=("ner", "quotes", "events", "events-corpus",
                                      "counts-corpus", "quotes-corpus", "topics"))
    ev.add_argument("gold", nargs="?",
                    help="the gold file (the corpus folder for events-corpus, counts-corpus "
                    "and quotes-corpus; none for topics, which reads the sections of --news)")
    ev.add_argument("--news", default=DEFAULT_NEWS, metavar="FILE",
                    help="events-corpus, counts-corpus, topics: the news file "
                    f"(default {DEFAULT_NEWS})")
    ev.add_argument("--split", default="test",
                    help="events-corpus, counts-corpus: split(s) to score, comma-separated "
                    "(default test; counts-corpus also takes the name of a batch of "
                    "counts-articles.jsonl, e.g. fresh-2); quotes-corpus: the part "
                    "(tune, test)")
    ev.add_argument("--outlets", help="topics: comma-separated outlets to score (default: "
                    "the held-out outlets of src/rasid/topics/data/sections.json)")
    ev.add_argument("--model", help="topics: a topic model file; ner: a tagger model file "
                    "(rasid train ner --out DIR writes DIR/anercorp.crfsuite) (default: the "
                    "shipped one)")
    ev.add_argument("--errors", action="store_true", help="list every error")
    ev.add_argument("--config", metavar="FILE", help="a TOML settings file")
    ev.set_defaults(handler=_evaluate)

    from rasid.cli_store import add_commands
    from rasid.cli_train import add_commands as add_train_commands
    from rasid.cli_watch import add_commands as add_watch_commands
    from rasid.cli_web import add_commands as add_web_commands

    add_commands(commands)
    add_web_commands(commands)
    add_watch_commands(commands)
    add_train_commands(commands)
    return parser


def _pipeline(config: str | None, kb: list[str] | None = None,
              max_chars: int | None = None):
    from rasid.pipeline import Pipeline

    return Pipeline(config=config, **pipeline_overrides(max_chars, kb))


def _repair(args: argparse.Namespace) -> int:
    from rasid.io import check_text, read_paths

    pipeline = _pipeline(args.config, max_chars=args.max_chars)
    item = next(iter(read_paths([args.file], input_format="text")))
    if isinstance(item, InputError):
        print(f"rasid: {item}", file=sys.stderr)
        return 1
    try:
        check_text(item, pipeline.settings["max_chars"], 0.0)
    except InputError as error:
        print(f"rasid: {error}", file=sys.stderr)
        return 1
    result = pipeline.repairer.repair(item.text)
    sys.stdout.write(result.text)
    if args.explain:
        for line in result.explain():
            print(line, file=sys.stderr)
        print(f"{len(result.changes)} change(s)", file=sys.stderr)
    return 0


def _analyze(args: argparse.Namespace) -> int:
    from rasid.collector import settle as settle_collector
    from rasid.io import read_paths
    from rasid.report import render

    pipeline = _pipeline(args.config, args.kb, args.max_chars)
    ok = failed = 0
    frozen = False
    collected: list[dict] = []
    for item in pipeline.pipe(read_paths(args.paths, args.input_format, args.date)):
        if ok and not frozen:
            # the first document built the lexicon, knowledge base and models, which live
            # as long as the process: the cyclic collector need not walk them again
            settle_collector()
            frozen = True
        if isinstance(item, InputError):
            failed += 1
            print(f"rasid: {item}", file=sys.stderr)
            record = failure_dict(item)
            if args.format == "jsonl":
                print(json.dumps(record, ensure_ascii=False))
            elif args.format == "json":
                collected.append(record)
            continue
        ok += 1
        assert isinstance(item, Analysis)
        if args.format == "jsonl":
            print(item.to_json())
        elif args.format == "json":
            collected.append(item.to_dict())
        else:
            print(render(item, pipeline.resources.kb))
            print()
    if args.format == "json" and collected:
        payload = collected[0] if len(collected) == 1 else collected
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    if failed:
        print(f"rasid: {ok} document(s) analyzed, {failed} failed", file=sys.stderr)
    return 0 if ok else 1


def _ner(args: argparse.Namespace) -> int:
    from rasid.ner import conll
    from rasid.ner.tagger import CrfTagger

    handle = sys.stdin if args.conll == "-" else open(args.conll, encoding="utf-8")
    with handle:
        sentences = list(conll.parse(handle, args.conll))
    tagger = CrfTagger.load()
    for sentence in sentences:
        for token, tag in zip(sentence.tokens, tagger.tag(sentence.tokens), strict=True):
            print(f"{token}\t{tag}")
        print()
    return 0


def _evaluate_ner(args: argparse.Namespace) -> int:
    """``rasid evaluate ner GOLD``: entity-level scores of the tagger, each sentence
    tagged alone, with a line saying which model was scored."""
    from pathlib import Path

    from rasid.ner import conll
    from rasid.ner.tagger import CrfTagger, packaged_model

    gold = Path(args.gold)
    if not gold.is_file():
        print(f"rasid: {gold}: no such gold file", file=sys.stderr)
        return 2
    model = Path(args.model) if args.model else packaged_model()
    if not model.is_file():
        print(f"rasid: {model}: no such model file (rasid train ner writes one)",
              file=sys.stderr)
        return 2
    sentences = conll.read(gold)
    untagged = sum(1 for s in sentences if s.tags is None)
    if untagged:
        print(f"rasid: {gold}: {untagged} sentence(s) have no tags", file=sys.stderr)
        return 2
    tagger = CrfTagger.load(model)
    predicted = tagger.tag_sentences([s.tokens for s in sentences])
    scores = conll.score([s.tags for s in sentences], predicted)
    training = tagger.metadata.get("training", {})
    print(f"model {model.name} (trained on {training.get('data', '?')}, "
          f"{training.get('sentences', 0):,} sentences); {len(sentences):,} gold sentences, "
          f"{sum(len(s.tokens) for s in sentences):,} tokens")
    print(scores.table())
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    if args.layer == "topics":
        from rasid.cli_train import evaluate_topics

        return evaluate_topics(args)
    if args.gold is None:
        print(f"rasid: evaluate {args.layer} needs a GOLD file", file=sys.stderr)
        return 2
    if args.layer == "ner":
        return _evaluate_ner(args)
    if args.layer in ("events-corpus", "counts-corpus", "quotes-corpus"):
        from rasid.cli_train import evaluate_corpus

        return evaluate_corpus(args, _pipeline(args.config))
    from rasid.evaluate import events, quotes

    module = events if args.layer == "events" else quotes
    result = module.evaluate(args.gold, _pipeline(args.config))
    print(module.report(result))
    if args.errors:
        for error in result["errors"]:
            print(json.dumps(error, ensure_ascii=False))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    from rasid.cli_common import run_main

    return run_main(build_parser, argv)


if __name__ == "__main__":
    sys.exit(main())
