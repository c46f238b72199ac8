"""The ``rasid watch`` command: follow folders and feeds into a store, live.

``add_commands(subparsers)`` adds it to the ``rasid`` parser (as ``rasid.cli_store``
does for the corpus commands); the module also runs on its own (``python -m
rasid.cli_watch watch PATH --db FILE``). It prints one line per round that read
something, each new alert on a line of its own (stdout), and each document that
failed with its reason (stderr). SIGTERM and Ctrl-C stop it after the batch in hand
is written; a second Ctrl-C stops it at once (nothing stored is lost either way).
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rasid.cli_common import add_kb, pipeline_overrides


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if not number > 0:
        raise argparse.ArgumentTypeError("must be more than 0 seconds")
    return number


def _settle(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if number < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return number


def _url(value: str) -> str:
    from rasid.watch.webhook import check_url

    try:
        return check_url(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Add ``watch`` to the ``rasid`` parser."""
    from rasid.batch.sources import INPUT_FORMATS
    from rasid.cli_store import _add_db, _date, _positive
    from rasid.cli_web import _port

    w = subparsers.add_parser(
        "watch", help="follow folders and feeds into a store, with alerts",
        description="Store new and changed files of folders (text, JSON Lines, CSV, saved "
        "HTML, gzip) and new and changed items of RSS/Atom feeds as they arrive, then "
        "detect shifts (alerts). Resumable: its state lives in the store. A dashboard "
        "(rasid serve) on the same store keeps answering and shows each batch.")
    w.add_argument("paths", nargs="*", metavar="PATH", help="folders (recursively) or files "
                   "to watch")
    w.add_argument("--feed", dest="feeds", action="append", default=[], type=_url,
                   metavar="URL", help="an RSS or Atom feed to follow; may be repeated")
    _add_db(w)
    w.add_argument("--interval", type=_seconds, default=30.0, metavar="S",
                   help="seconds between rounds (default 30)")
    w.add_argument("--settle", type=_settle, default=None, metavar="S",
                   help="seconds a file must rest unchanged before it is read (default 1)")
    w.add_argument("--once", action="store_true", help="one round, then stop")
    w.add_argument("--webhook", type=_url, metavar="URL",
                   help="POST new alerts as JSON to this address")
    w.add_argument("--serve", type=_port, metavar="PORT",
                   help="also run the dashboard (rasid serve) on this port of 127.0.0.1, "
                   "stopped with the watcher")
    w.add_argument("--config", help="a TOML settings file (pipeline settings, and alert "
                   "thresholds in its [alerts] table)")
    add_kb(w, stored=True)
    w.add_argument("--input-format", choices=INPUT_FORMATS, default="auto",
                   help="how to read the files (auto: by file suffix and content)")
    w.add_argument("--date", type=_date, help="publication date YYYY-MM-DD for documents "
                   "that carry none")
    for column, default in (("text", "text"), ("id", None), ("date", None), ("title", None),
                            ("source", None), ("url", None)):
        w.add_argument(f"--{column}-column", default=default, metavar="NAME",
                       help=f"CSV column holding the {column}"
                       + (f" (default: {default})" if default else ""))
    w.add_argument("--batch-size", type=_positive, default=50, metavar="N",
                   help="documents per commit (default 50)")
    w.add_argument("--no-dedup", dest="dedup", action="store_false",
                   help="do not link near-duplicate articles after each round")
    w.set_defaults(handler=_watch)


def _start_server(db: Path, port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "rasid.cli_web", "serve", "--db", str(db),
               "--port", str(port)]
    return subprocess.Popen(command)


def _watch(args: argparse.Namespace) -> int:
    from rasid.cli_store import _db
    from rasid.pipeline import Pipeline
    from rasid.watch.runner import Watcher
    from rasid.watch.settings import resolve_alerts

    problem = _check_watch_args(args, _db(args))
    if problem:
        print(f"rasid watch: {problem}", file=sys.stderr)
        return 2
    db = _db(args)
    # checks the settings now
    pipeline = Pipeline(config=args.config, **pipeline_overrides(None, args.kb))
    alert_settings = resolve_alerts(config=args.config)

    def log(message: str) -> None:
        print(f"rasid watch: {message}", file=sys.stderr, flush=True)

    watcher = Watcher(db, pipeline.settings, alert_settings, _watch_options(args), log=log)
    interrupted: dict[str, Any] = {"count": 0}

    def stop(signum: int, _frame: object) -> None:
        interrupted["count"] += 1
        if signum == signal.SIGINT and interrupted["count"] > 1:
            raise KeyboardInterrupt
        watcher.stop.set()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    server = _start_server(db, args.serve) if args.serve else None
    what = ", ".join([*args.paths, *args.feeds])
    print(f"rasid watch: watching {what} every {args.interval:g} s into {db} "
          "(Ctrl-C stops)", file=sys.stderr, flush=True)
    rounds = 0
    try:
        for summary in watcher.rounds():
            rounds += 1
            _print_round(summary, log)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if server is not None:
            _stop_server(server)
    log(f"stopped after {rounds} round(s)")
    return 0


def _check_watch_args(args: argparse.Namespace, db: Path) -> str | None:
    """What is wrong with the command line before anything starts, if anything."""
    if not args.paths and not args.feeds:
        return "give folders or files to watch, or --feed URL"
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        return f"{missing[0]}: no such file or folder"
    if db.exists() and db.is_dir():
        return f"{db} is a folder, not a store file"
    return None


def _watch_options(args: argparse.Namespace) -> Any:
    from rasid.batch.sources import CsvColumns
    from rasid.watch.runner import WatchOptions

    return WatchOptions(
        paths=list(args.paths), feeds=list(args.feeds), interval=args.interval,
        settle=args.settle, batch_size=args.batch_size, input_format=args.input_format,
        date=args.date, columns=CsvColumns(args.text_column, args.id_column,
                                           args.date_column, args.title_column,
                                           args.source_column, args.url_column),
        webhook=args.webhook, dedup=args.dedup, once=args.once)


def _print_round(summary: Any, log: Any) -> None:
    """A round's failures and feed errors on stderr, its summary and alerts on stdout."""
    for origin, reason in summary.failures:
        print(f"rasid: {origin}: {reason}", file=sys.stderr)
    for error in summary.feed_errors:
        log(f"feed {error}")
    if summary.busy:
        print(f"rasid watch: {summary.line()}", flush=True)
    for alert in summary.alerts:
        print(alert.line(), flush=True)


def _stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()


def build_parser() -> argparse.ArgumentParser:
    """A parser with only ``watch`` (for ``python -m rasid.cli_watch``)."""
    from rasid.cli_common import parser_with

    return parser_with(add_commands, "rasid live monitoring")


def main(argv: Sequence[str] | None = None) -> int:
    from rasid.cli_common import run_main

    return run_main(build_parser, argv)


if __name__ == "__main__":
    sys.exit(main())
