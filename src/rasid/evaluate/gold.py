"""Reading gold files (JSON Lines) with clear errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rasid.errors import BadRecord, MalformedJson, MissingFile, NotUtf8, UnreadableFile


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """Items of a gold JSON Lines file; a bad line raises an InputError naming it."""
    items = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise MissingFile(str(path), "no such file") from None
    except OSError as error:
        raise UnreadableFile(str(path), f"cannot be read ({error.strerror})") from None
    except UnicodeDecodeError as error:
        raise NotUtf8(str(path), f"not valid UTF-8 ({error.reason} at offset "
                      f"{error.start})") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise MalformedJson(f"{path}:{number}", f"malformed JSON ({error.msg})") from None
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise BadRecord(f"{path}:{number}", "a gold item needs a 'text' string")
        items.append(item)
    return items
