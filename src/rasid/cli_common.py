"""What every ``rasid`` entry point does around its command: errors become one line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from rasid.errors import RasidError


def run_main(build_parser: Callable[[], argparse.ArgumentParser],
             argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen command's handler.

    A RasidError is printed as ``rasid: [code] message`` with exit code 2, never as a
    traceback; a closed pipe (``| head``) and Ctrl-C end quietly.
    """
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except RasidError as error:
        print(f"rasid: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


def parser_with(add_commands: Callable[[argparse._SubParsersAction], None],
                description: str) -> argparse.ArgumentParser:
    """A ``rasid`` parser holding only the commands ``add_commands`` adds (for the
    ``python -m rasid.cli_store`` / ``rasid.cli_web`` entry points)."""
    parser = argparse.ArgumentParser(prog="rasid", description=description)
    add_commands(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    return parser
