"""The ``rasid serve`` command: the web dashboard and REST API over a store.

``add_commands(subparsers)`` adds it to the ``rasid`` parser and sets its handler as
``args.handler`` (as ``rasid.cli_store`` does for the corpus commands); the module also
runs on its own (``python -m rasid.cli_web serve --db FILE``). The server binds
127.0.0.1 unless told otherwise: the dashboard has no login.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def _port(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number") from None
    if not 0 < number < 65536:
        raise argparse.ArgumentTypeError("a port is between 1 and 65535")
    return number


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Add ``serve`` to the ``rasid`` parser."""
    from rasid.cli_store import default_db
    from rasid.web.analyzer import DEFAULT_MAX_CHARS

    srv = subparsers.add_parser(
        "serve", help="the web dashboard and REST API over a store",
        description="Serve the dashboard (overview, network, actors, dyads, articles) and "
        "the REST API (/api, documented at /docs) over a store opened read-only.")
    srv.add_argument("--db", type=Path, default=None,
                     help=f"the store, a DuckDB file (default: {default_db()})")
    srv.add_argument("--host", default="127.0.0.1",
                     help="address to listen on (default 127.0.0.1: this machine only)")
    srv.add_argument("--port", type=_port, default=8000, help="port (default 8000)")
    srv.add_argument("--allow-analyze", action="store_true",
                     help="let visitors analyze pasted text (POST /api/analyze and the "
                     "analyze page); results are not stored")
    srv.add_argument("--max-analyze-chars", type=_positive, default=DEFAULT_MAX_CHARS,
                     metavar="N", help="longest text accepted for analysis "
                     f"(default {DEFAULT_MAX_CHARS:,} characters)")
    srv.set_defaults(handler=_serve)


def _serve(args: argparse.Namespace) -> int:
    from rasid.cli_store import default_db
    from rasid.web.app import serve

    db = args.db if args.db is not None else default_db()
    if db.exists() and db.is_dir():
        print(f"rasid serve: {db} is a folder, not a store file", file=sys.stderr)
        return 2
    if not db.exists():
        print(f"rasid serve: {db} does not exist yet; the dashboard will show how to fill "
              f"it (rasid ingest PATH --db {db})", file=sys.stderr)
    shown = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    print(f"rasid: the dashboard of {db} is at http://{shown}:{args.port}/ "
          "(the API at /api, its documentation at /docs; Ctrl-C stops it)", flush=True)
    serve(db, host=args.host, port=args.port, allow_analyze=args.allow_analyze,
          max_analyze_chars=args.max_analyze_chars)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """A parser with only ``serve`` (for ``python -m rasid.cli_web``)."""
    from rasid.cli_common import parser_with

    return parser_with(add_commands, "rasid web dashboard")


def main(argv: Sequence[str] | None = None) -> int:
    from rasid.cli_common import run_main

    return run_main(build_parser, argv)


if __name__ == "__main__":
    sys.exit(main())
