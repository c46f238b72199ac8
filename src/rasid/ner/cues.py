"""Word classes for the tagger (titles, speech verbs, organization heads, currencies…).

A CRF learns a weight for every word it saw; a class shared by many words lets what it
learned about ``الرئيس`` before a name carry over to ``المطران``, which ANERcorp may
show once or never. The classes live in ``data/cues.json`` so that a user can read and
extend them (the model must then be retrained, since its weights belong to the classes).
"""

from __future__ import annotations

import json
from pathlib import Path

from rasid.errors import RasidError
from rasid.resources import data_path
from rasid.text.normalize import match_key

CUES_FILE = "cues.json"


class CueError(RasidError):
    """The cue file is malformed (the message names the file and the class)."""

    code = "R501"


def packaged_cues() -> Path:
    """Path of ``rasid/ner/data/cues.json``."""
    return data_path(CUES_FILE, "rasid.ner")


def load_cues(path: str | Path | None = None) -> dict[str, tuple[str, ...]]:
    """Matching key → the classes it belongs to (sorted), from a cue file.

    Keys starting with ``_`` are comments. Every other value must be a list of words;
    multi-word entries are ignored (features see one word at a time).
    """
    source = Path(path) if path is not None else packaged_cues()
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise CueError(f"{source}: cannot read the cue file: {error}") from error
    if not isinstance(data, dict):
        raise CueError(f"{source}: expected a JSON object of word lists")
    classes: dict[str, set[str]] = {}
    for name, words in data.items():
        if name.startswith("_"):
            continue
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise CueError(f"{source}: class {name!r} must be a list of words")
        for word in words:
            if len(word.split()) == 1:
                classes.setdefault(match_key(word), set()).add(name)
    return {key: tuple(sorted(names)) for key, names in classes.items()}
