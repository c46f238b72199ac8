"""When a predicted event's countries match a gold event's (shared by the corpus scorers).

Participants are compared by their country codes (ISO alpha-3 or an international code
such as ``UNO``, ``IGO``, ``IMG``); participants without a code add nothing. A
reciprocal event puts every party in ``actor`` and leaves ``recipient`` empty, and the
annotators and rasid do not always agree on which events are reciprocal: where one side
leaves the recipient empty, the union of actor and recipient codes must match instead.
"""

from __future__ import annotations

from typing import Any


def gold_codes(participants: list[dict[str, Any]]) -> frozenset[str]:
    return frozenset(p["code"] for p in participants if p.get("code"))


def predicted_codes(event: dict[str, Any], role: str) -> frozenset[str]:
    return frozenset(a["code"] for a in event.get("arguments", [])
                     if a.get("role") == role and a.get("code"))


def countries_match(gold: dict[str, Any], event: dict[str, Any]) -> bool:
    ga, gr = gold_codes(gold.get("actor", [])), gold_codes(gold.get("recipient", []))
    pa, pr = predicted_codes(event, "actor"), predicted_codes(event, "recipient")
    if ga == pa and gr == pr:
        return True
    if not gr or not pr:
        return ga | gr == pa | pr
    return False
