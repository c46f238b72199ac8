"""The store's data files: evidence classes of events and near-duplicate settings.

They are knowledge and tuning, not code, so they live as JSON beside the package
(``rasid/store/data``) where a user can read and change them.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from rasid.resources import load_json


@cache
def load(name: str) -> Any:
    """Load (once per process) a JSON file from ``rasid/store/data``."""
    return load_json(name, "rasid.store")


def evidence_class(modality: object, reported_by: object, status: object = None) -> str:
    """The evidence class of an event (see ``data/evidence.json`` for the rules)."""
    rules = load("evidence.json")
    if isinstance(status, str) and status in rules["by_status"]:
        return rules["by_status"][status]
    by_modality: dict[str, str] = rules["by_modality"]
    cls = by_modality.get(modality, rules["default"]) if isinstance(modality, str) else None
    if cls is not None and cls != "asserted":
        return cls
    if reported_by:
        return rules["reported"]
    return cls or rules["default"]


def evidence_classes() -> list[str]:
    return list(load("evidence.json")["classes"])


def dedup_settings() -> dict[str, Any]:
    return {k: v for k, v in load("dedup.json").items() if not k.startswith("_")}
