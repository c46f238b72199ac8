"""Access to the data files shipped inside the package.

Knowledge (character tables, clitic lists, abbreviations) lives in readable data files
so a user can inspect and extend it; this module is the one place that knows where
they are, so that code never hard-codes paths.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


def data_path(name: str) -> Path:
    """Return the path of a data file shipped in ``rasid/data``."""
    return Path(str(resources.files("rasid") / "data" / name))


@cache
def load_json(name: str) -> Any:
    """Load (once per process) a JSON data file shipped in ``rasid/data``."""
    with data_path(name).open(encoding="utf-8") as handle:
        return json.load(handle)


def hex_chars(codes: list[str]) -> list[str]:
    """Turn hex code points (``"200B"``) into the characters they name."""
    return [chr(int(code, 16)) for code in codes]


def read_jsonl(path: Path, error: type[Exception]) -> list[dict[str, Any]]:
    """The objects of a JSON Lines file (blank lines skipped); a malformed line raises
    ``error`` naming the file and the line, never a bare traceback."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as problem:
                raise error(f"{path}:{number}: not valid JSON ({problem.msg})") from None
    return rows
