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
