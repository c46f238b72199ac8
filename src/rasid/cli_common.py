"""What every ``rasid`` entry point does around its command: errors become one line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from rasid.errors import RasidError

#: the exit code of a usage, settings or store error (argparse uses it too)
USAGE_ERROR = 2


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
        return USAGE_ERROR
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


def positive_int(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        number = int(value.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def add_max_chars(parser: argparse.ArgumentParser) -> None:
    """``--max-chars N``: the ``max_chars`` setting from the command line, so a user told
    that a document is too large can raise the limit without writing a settings file."""
    from rasid.settings import SETTINGS

    default = next(s.default for s in SETTINGS if s.name == "max_chars")
    parser.add_argument("--max-chars", type=positive_int, default=None, metavar="N",
                        help="largest document accepted, in characters (default "
                        f"{default:,}, or max_chars in --config)")


def add_kb(parser: argparse.ArgumentParser, stored: bool = False) -> None:
    """``--kb FILE``: the ``kb_files`` setting from the command line."""
    help_text = "an extra knowledge-base file (JSON Lines); may be repeated"
    if stored:
        help_text += ("; the store records its text, and labels in the dashboard, "
                      "relations and exports come from it")
    parser.add_argument("--kb", action="append", default=[], metavar="FILE", help=help_text)


def pipeline_overrides(max_chars: int | None, kb: list[str] | None = None
                       ) -> dict[str, object]:
    """The Pipeline keyword arguments the command-line options set (over --config)."""
    overrides: dict[str, object] = {} if max_chars is None else {"max_chars": max_chars}
    if kb:
        overrides["kb_files"] = list(kb)
    return overrides
