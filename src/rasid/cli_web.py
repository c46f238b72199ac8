"""The ``rasid serve`` command: the web dashboard and REST API over a store.

``add_commands(subparsers)`` adds it to the ``rasid`` parser and sets its handler as
``args.handler`` (as ``rasid.cli_store`` does for the corpus commands); the module also
runs on its own (``python -m rasid.cli_web serve --db FILE``). The server binds
127.0.0.1 unless told otherwise: the dashboard has no login. The port is bound before
the address is announced; a busy port is reported with the port and how to choose
another, and exit code 3.
"""

from __future__ import annotations

import argparse
import errno
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

from rasid.cli_common import USAGE_ERROR

#: the exit code when the address cannot be listened on (a busy port, say)
ADDRESS_UNAVAILABLE = 3


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
    srv.add_argument("--db", type=Path, default=None, metavar="FILE",
                     help=f"the store, a DuckDB file (default: {default_db()}, or $RASID_DB)")
    srv.add_argument("--host", default="127.0.0.1",
                     help="address to listen on (default 127.0.0.1: this machine only)")
    srv.add_argument("--port", type=_port, default=8000,
                     help="port (default 8000); when it is busy, rasid says so and exits "
                     "with code 3")
    srv.add_argument("--allow-analyze", action="store_true",
                     help="let visitors analyze pasted text (POST /api/analyze and the "
                     "analyze page); results are not stored")
    srv.add_argument("--max-analyze-chars", type=_positive, default=DEFAULT_MAX_CHARS,
                     metavar="N", help="longest text accepted for analysis "
                     f"(default {DEFAULT_MAX_CHARS:,} characters)")
    srv.set_defaults(handler=_serve)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``; OSError when the address cannot be had.

    The socket is bound here, before the address is announced, so the address printed
    is one that answers; uvicorn then serves on this socket.
    """
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
        sock.set_inheritable(True)
    except OSError:
        sock.close()
        raise
    return sock


def _free_port_after(host: str, port: int, tries: int = 20) -> int | None:
    """The first port after ``port`` that can be bound on ``host`` (a suggestion)."""
    for candidate in range(port + 1, min(port + 1 + tries, 65536)):
        try:
            bind(host, candidate).close()
        except OSError:
            continue
        return candidate
    return None


def _cannot_bind(host: str, port: int, error: OSError) -> str:
    """What to tell a user whose address could not be bound, and what to do."""
    if isinstance(error, socket.gaierror):
        return (f"rasid serve: cannot listen on host '{host}' ({error.strerror}); give an "
                "address of this machine with --host (127.0.0.1, or 0.0.0.0 for every "
                "interface)")
    if error.errno == errno.EADDRINUSE:
        free = _free_port_after(host, port)
        other = f", e.g. --port {free}" if free else ""
        return (f"rasid serve: port {port} on {host} is already in use (another rasid serve, "
                f"or another program); choose another port with --port{other}")
    if error.errno == errno.EACCES:
        return (f"rasid serve: not allowed to listen on port {port} (ports below 1024 need "
                "administrator rights); choose a port from 1024 up with --port")
    return (f"rasid serve: cannot listen on {host}:{port} ({error.strerror or error}); check "
            "--host and --port")


def _serve(args: argparse.Namespace) -> int:
    from rasid.cli_store import default_db
    from rasid.web.app import serve

    db = args.db if args.db is not None else default_db()
    if db.exists() and db.is_dir():
        print(f"rasid serve: {db} is a folder, not a store file", file=sys.stderr)
        return USAGE_ERROR
    try:
        sock = bind(args.host, args.port)
    except OSError as error:
        print(_cannot_bind(args.host, args.port, error), file=sys.stderr)
        return ADDRESS_UNAVAILABLE
    try:
        if not db.exists():
            print(f"rasid serve: {db} does not exist yet; the dashboard will show how to "
                  f"fill it (rasid ingest PATH --db {db})", file=sys.stderr)
        shown = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
        if ":" in shown:
            shown = f"[{shown}]"
        print(f"rasid: the dashboard of {db} is at http://{shown}:{args.port}/ "
              "(the API at /api, its documentation at /docs; Ctrl-C stops it)", flush=True)
        serve(db, host=args.host, port=args.port, allow_analyze=args.allow_analyze,
              max_analyze_chars=args.max_analyze_chars, sock=sock)
    finally:
        sock.close()
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
