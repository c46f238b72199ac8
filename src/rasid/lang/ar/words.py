"""The closed Arabic word lists of ``data/words.json``, read by name.

Particles, prepositions, pronoun suffixes and the like used to be Python literals
scattered over the components, the same list sometimes written twice; here each list
is written once, with a line saying what it is for, and a user can read or extend it
without touching code. Lists are read once per process; a name the file lacks, or an
entry of the wrong shape, raises :class:`~rasid.resources.DataFileError` naming the file
and the list.
"""

from __future__ import annotations

from functools import cache
from types import MappingProxyType
from typing import Any

from rasid.resources import DataFileError, data_path, load_json

WORDS_FILE = "words.json"


def _entry(name: str) -> Any:
    lists = load_json(WORDS_FILE)
    entry = lists.get(name) if not name.startswith("_") else None
    if not isinstance(entry, dict) or "words" not in entry:
        raise DataFileError(f"{data_path(WORDS_FILE)}: no word list named {name!r}")
    return entry["words"]


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The list ``name`` in the file's order (for tests that try entries in order, or
    ``str.startswith``/``endswith`` with a tuple)."""
    return checked_list(name, _entry(name))


@cache
def word_set(name: str) -> frozenset[str]:
    """The list ``name`` as a set, for membership tests."""
    return frozenset(word_list(name))


@cache
def word_map(name: str) -> MappingProxyType[str, str]:
    """The map ``name`` (key → value, both strings), read-only and in the file's order."""
    return checked_map(name, _entry(name))


def checked_list(name: str, found: Any) -> tuple[str, ...]:
    """``found`` as a tuple of words, or DataFileError when it is not a list of
    non-empty strings (a user's edit gone wrong)."""
    if not isinstance(found, list) or not all(isinstance(w, str) and w for w in found):
        raise DataFileError(f"{data_path(WORDS_FILE)}: the list {name!r} must be a list of "
                            "non-empty strings")
    return tuple(found)


def checked_map(name: str, found: Any) -> MappingProxyType[str, str]:
    """``found`` as a read-only map, or DataFileError when it does not map non-empty
    strings to strings."""
    if not isinstance(found, dict) or not all(
            isinstance(k, str) and k and isinstance(v, str) for k, v in found.items()):
        raise DataFileError(f"{data_path(WORDS_FILE)}: the list {name!r} must map strings "
                            "to strings")
    return MappingProxyType(dict(found))


def names() -> list[str]:
    """The names of the lists the file holds."""
    return [name for name in load_json(WORDS_FILE) if not name.startswith("_")]
