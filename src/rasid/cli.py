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
from rasid.errors import InputError, RasidError


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
    rep.add_argument("--config", help="a TOML settings file")

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
    ana.add_argument("--config", help="a TOML settings file")
    return parser


def _pipeline(config: str | None):
    from rasid.pipeline import Pipeline

    return Pipeline(config=config)


def _repair(args: argparse.Namespace) -> int:
    from rasid.io import check_text, read_paths

    pipeline = _pipeline(args.config)
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
    from rasid.io import read_paths
    from rasid.report import render

    pipeline = _pipeline(args.config)
    ok = failed = 0
    collected: list[dict] = []
    for item in pipeline.pipe(read_paths(args.paths, args.input_format, args.date)):
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
            print(render(item))
            print()
    if args.format == "json" and collected:
        payload = collected[0] if len(collected) == 1 else collected
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    if failed:
        print(f"rasid: {ok} document(s) analyzed, {failed} failed", file=sys.stderr)
    return 0 if ok else 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "repair":
            return _repair(args)
        return _analyze(args)
    except RasidError as error:
        print(f"rasid: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
