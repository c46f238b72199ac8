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
    for name, _, _, _ in iter_names_with_strength(paths):
        yield name


def _anchor_countries() -> frozenset[str]:
    from rasid.resources import load_json

    return frozenset(load_json("morphology.json")["glue"]["anchor_place_countries"])


def _strength(entry: dict) -> int:
    """How safely a name's words can stand as pieces of a glued token.

    2: countries, their nisba forms, capitals, organizations, and the regions and cities
       of half a million of the region rasid reads most (even three-letter words: مصر,
       قطر, عدن);
    1: other large cities (words of four letters or more that are not ordinary
       frequent words);
    -1: people (their words count as names, but never anchor a rarer word);
    0: every other place (small towns whose names are often ordinary words).
    """
    kind = entry.get("kind")
    population = entry.get("population") or 0
    if kind == "country" or entry.get("capital_of"):
        return 2
    if kind == "place":
        near = entry.get("country") in _anchor_countries() or entry.get("country") is None
        if near and (population >= 500_000 or entry.get("feature") in ("region", "area")):
            return 2
        return 1 if population >= 100_000 else 0
    if kind == "person":
        return -1  # people's names: words of their own, but never glue anchors
    if kind == "org":
        return 2  # curated names (حماس, داعش, الأمم المتحدة) anchor like states do
    return 0


def iter_names_with_strength(paths: Iterable[Path] | None = None
                             ) -> Iterator[tuple[str, int, str, str]]:
    """Yield ``(name, strength, field, kind)`` for every Arabic name and nisba form."""
    for path in shipped_kb_files() if paths is None else paths:
        for number, entry in iter_entries(path):
            strength = _strength(entry)
            for field in ("ar", "nisba"):
                values = entry.get(field) or []
                if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                    raise KnowledgeBaseError(
                        f"{path}:{number}: field '{field}' must be a list of strings"
                    )
                for value in values:
                    yield value, strength, field, str(entry.get("kind"))
