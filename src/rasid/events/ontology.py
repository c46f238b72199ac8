"""The PLOVER ontology as data: types, modes, quad classes, scores, CAMEO roots."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rasid.resources import package_path

DATA = package_path("rasid.events", "data")


@dataclass(frozen=True)
class EventType:
    name: str
    quad: int
    needs_recipient: bool
    score: float
    modes: dict[str, dict[str, Any]]
    cameo: str
    goldstein: float | None

    def mode_score(self, mode: str | None) -> float:
        info = self.modes.get(mode or "") or {}
        value = info.get("score")
        return float(value) if value is not None else self.score

    def mode_cameo(self, mode: str | None) -> str:
        info = self.modes.get(mode or "") or {}
        return str(info.get("cameo") or self.cameo)


@lru_cache(maxsize=1)
def load_ontology() -> dict[str, EventType]:
    """The 16 PLOVER types by name, from ``events/data/ontology.json``."""
    data = json.loads((DATA / "ontology.json").read_text(encoding="utf-8"))
    types = data["types"] if isinstance(data.get("types"), dict) else {
        t["name"]: t for t in data["types"]}
    result = {}
    for name, raw in types.items():
        modes = raw.get("modes") or {}
        if isinstance(modes, list):
            modes = {m["name"]: m for m in modes}
        result[name] = EventType(
            name=name, quad=int(raw["quad"]), needs_recipient=bool(raw.get("needs_recipient")),
            score=float(raw.get("score", raw.get("base_score", 0.0))), modes=modes,
            cameo=str(raw.get("cameo", raw.get("cameo_root", ""))),
            goldstein=raw.get("goldstein"),
        )
    return result
