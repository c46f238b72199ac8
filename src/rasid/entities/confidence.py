"""The confidence of a mention by the way it was found, read from
``entities/data/confidence.json``.

The values used to be written inline where each mention was made (0.9, 0.85, 0.8…),
so nobody could see them side by side or say what each meant; the data file lists
them with a line each, and a user can tune them without touching code.
"""

from __future__ import annotations

from functools import cache

from rasid.resources import DataFileError, data_path, load_json

CONFIDENCE_FILE = "confidence.json"
_PACKAGE = "rasid.entities"


@cache
def confidence(how: str) -> float:
    """The confidence of a mention found in the way ``how`` names (``kb_name``,
    ``tagger``…); an unknown name or a value outside 0–1 raises DataFileError."""
    path = data_path(CONFIDENCE_FILE, _PACKAGE)
    entry = load_json(CONFIDENCE_FILE, _PACKAGE).get(how) if not how.startswith("_") else None
    if not isinstance(entry, dict):
        raise DataFileError(f"{path}: no confidence for {how!r}")
    value = entry.get("confidence")
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise DataFileError(f"{path}: the confidence of {how!r} must be a number from 0 to 1")
    return float(value)
