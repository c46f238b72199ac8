"""Arabic names the knowledge base holds, for lexical use before entity linking.

Glued-word repair and clitic segmentation need to know that ``بوتين`` or ``غزة`` are
words even where the frequency lexicon rates them low. They need only the name strings,
not the full entity model, so this reader stays small and cheap.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from rasid.errors import KnowledgeBaseError


def shipped_kb_files() -> list[Path]:
    """The knowledge-base files shipped in the package, in a stable order."""
    folder = Path(str(resources.files("rasid") / "kb" / "data"))
    return sorted(folder.glob("*.jsonl"))


def iter_entries(path: Path) -> Iterator[tuple[int, dict]]:
    """Yield ``(line_number, entry)`` for each JSON line of a knowledge-base file."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as error:
        raise KnowledgeBaseError(f"{path}: cannot be read ({error.strerror})") from error
    with handle:
        for number, line in enumerate(handle, start=1):
            line = line.strip()
            if not line:
                continue
            try:
                entry = json.loads(line)
            except json.JSONDecodeError as error:
                raise KnowledgeBaseError(
                    f"{path}:{number}: not valid JSON ({error.msg} at column {error.colno})"
                ) from error
            if not isinstance(entry, dict):
                raise KnowledgeBaseError(f"{path}:{number}: an entry must be a JSON object")
            yield number, entry


def iter_arabic_names(paths: Iterable[Path] | None = None) -> Iterator[str]:
    """Yield every Arabic name and nisba form listed in the knowledge-base files."""
    for path in shipped_kb_files() if paths is None else paths:
        for number, entry in iter_entries(path):
            for field in ("ar", "nisba"):
                values = entry.get(field) or []
                if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                    raise KnowledgeBaseError(
                        f"{path}:{number}: field '{field}' must be a list of strings"
                    )
                yield from values
