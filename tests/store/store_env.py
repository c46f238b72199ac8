"""How the store tests start rasid in another process (subprocess or Dask worker)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[1]


def rasid_command() -> list[str]:
    """``python -m rasid`` once the corpus commands are wired into ``rasid.cli``; until
    then their own entry point, which runs the same handlers."""
    from rasid import cli

    parser = cli.build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and "ingest" in action.choices:
            return [sys.executable, "-m", "rasid"]
    return [sys.executable, "-m", "rasid.cli_store"]


def plugin_environment(**extra: str) -> dict[str, str]:
    """The environment for a process that imports ``store_plugin`` (this folder and the
    project's sources on PYTHONPATH), plus ``extra`` variables."""
    env = dict(os.environ)
    paths = [str(HERE), str(PROJECT / "src")]
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env.update(extra)
    return env
