"""Reading gold files (JSON Lines) with clear errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rasid.errors import InputError


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """Items of a gold JSON Lines file; a bad line raises an InputError naming it."""
    items = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"cannot be read as UTF-8 text ({error})") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{number}", f"malformed JSON ({error.msg})") from None
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise InputError(f"{path}:{number}", "a gold item needs a 'text' string")
        items.append(item)
    return items
