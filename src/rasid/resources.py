"""Access to the data files shipped inside the package.

Knowledge (character tables, clitic lists, word lists, lexicons, models) lives in
readable data files so a user can inspect and extend it; this module is the one place
that knows where they are, so that code never hard-codes paths. The Arabic language
data lives in ``rasid/lang/ar/data`` (the default package below); a component's own
data lives in its subpackage's ``data/`` (``rasid/events/data``) or ``model/`` folder,
named by passing ``package=`` (and ``folder=``).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from rasid.errors import RasidError

#: The package whose ``data/`` folder holds the Arabic language data.
ARABIC = "rasid.lang.ar"


def package_path(package: str, *parts: str) -> Path:
    """The path of a file or folder shipped inside ``package`` (``rasid.web``,
    ``"templates"``), wherever the package is installed."""
    found = resources.files(package)
    for part in parts:
        found = found / part
    return Path(str(found))


def data_path(name: str, package: str = ARABIC, folder: str = "data") -> Path:
    """The path of a data file shipped in ``package``'s ``folder`` (by default the
    Arabic language data in ``rasid/lang/ar/data``)."""
    return package_path(package, folder, name)


class DataFileError(RasidError):
    """A data file shipped with rasid is missing or is not valid JSON (after a user's
    edit, say); the message names the file and the line."""

    code = "R800"


@cache
def load_json(name: str, package: str = ARABIC) -> Any:
    """Load (once per process) a JSON data file shipped in ``package``'s ``data/``
    folder. The object is shared by every caller: read it, never change it."""
    path = data_path(name, package)
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError:
        raise DataFileError(f"{path}: no such data file in {package}") from None
    except json.JSONDecodeError as problem:
        raise DataFileError(f"{path}:{problem.lineno}: not valid JSON ({problem.msg})") \
            from None


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
