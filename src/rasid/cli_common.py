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
