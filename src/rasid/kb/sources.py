"""The knowledge-base files as text, and the one reader that turns them into entries.

A knowledge-base file is read as text once (:func:`read_source`) and parsed once
(:func:`parse_source`); everything rasid derives from the knowledge base (the
lexicon's name words, the entity index, the tagger's gazetteer, the labels of the web
and the exports) is built from the :class:`~rasid.kb.loader.KnowledgeBase` those
entries make, never by reading the files again. Keeping the text (not only the path)
lets a store record exactly the user files its articles were analyzed with, so the
dashboard can label them after the files have moved or changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasid.errors import KnowledgeBaseError
from rasid.resources import package_path


@dataclass(frozen=True)
class KbSource:
    """One knowledge-base file: the name errors cite (its path) and its text."""

    name: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "text": self.text}

    @classmethod
    def from_dict(cls, data: Any) -> KbSource:
        """A source as :meth:`to_dict` wrote it (a store's record of a user file)."""
        if not isinstance(data, dict) or not isinstance(data.get("name"), str) \
                or not isinstance(data.get("text"), str):
            raise KnowledgeBaseError("a recorded knowledge-base file must be an object with "
                                     "'name' and 'text' strings")
        return cls(data["name"], data["text"])


def shipped_kb_files() -> list[Path]:
    """The knowledge-base files shipped in the package, in a stable order."""
    folder = package_path("rasid.kb", "data")
    return sorted(folder.glob("*.jsonl"))


def read_source(path: str | Path) -> KbSource:
    """The text of a knowledge-base file; a missing or unreadable one raises
    KnowledgeBaseError naming it."""
    path = Path(path)
    if not path.exists():
        raise KnowledgeBaseError(f"{path}: no such knowledge-base file")
    try:
        return KbSource(str(path), path.read_text(encoding="utf-8"))
    except OSError as error:
        raise KnowledgeBaseError(f"{path}: cannot be read ({error.strerror})") from error
    except UnicodeDecodeError as error:
        raise KnowledgeBaseError(f"{path}: not UTF-8 text (byte {error.start})") from error


def parse_source(source: KbSource) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line_number, entry)`` for each JSON object of a knowledge-base file.

    This is the only place knowledge-base text is parsed (a test counts its calls).
    """
    # "\n" only: a name may hold U+2028, which splitlines() would take for a line end
    for number, line in enumerate(source.text.split("\n"), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as error:
            raise KnowledgeBaseError(
                f"{source.name}:{number}: not valid JSON ({error.msg} at column {error.colno})"
            ) from error
        if not isinstance(entry, dict):
            raise KnowledgeBaseError(f"{source.name}:{number}: an entry must be a JSON object")
        yield number, entry


def digest(sources: Iterable[KbSource]) -> str:
    """A short fingerprint of the files' names and texts (changes when either does)."""
    hasher = hashlib.sha256()
    for source in sources:
        for part in (source.name, source.text):
            hasher.update(part.encode("utf-8"))
            hasher.update(b"\0")
    return hasher.hexdigest()[:12]
