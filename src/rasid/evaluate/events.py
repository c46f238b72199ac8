"""Scoring coded events against a gold file of annotated sentences.

A predicted event matches a gold event when the type is the same and every gold actor
and recipient is one of the predicted ones. Gold actors are written as analysts write
them: a country code (``IRN``), a country and sector (``SYR MIL``), a code without a
country (``UNO``, ``IMG``) or a sector alone (``CVL``); a predicted entity answers to
its id, country, code, sector and ``country sector``. Each gold event is matched at most
once; unmatched predictions are false positives (the sentences that must yield no event
count here).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from rasid.evaluate.gold import read_gold
from rasid.metrics import Table


def identifiers(entity: dict[str, Any] | None) -> set[str]:
    """The strings a gold file may use for a predicted entity."""
    if not entity:
        return set()
    names = {entity.get("id")}
    if str(entity.get("id", "")).startswith("country:") and not entity.get("country"):
        names.add(entity["id"].split(":", 1)[1])
    country, sector, code = entity.get("country"), entity.get("sector"), entity.get("code")
    names.update(v for v in (country, sector, code) if v)
    if country and sector:
        names.add(f"{country} {sector}")
    return {n for n in names if n}


def _covers(gold: list[str], predicted: list[set[str]]) -> bool:
    return all(any(g in ids for ids in predicted) for g in gold)


def match(gold_event: dict[str, Any], event: dict[str, Any],
          entities: dict[str, dict[str, Any]]) -> bool:
    if gold_event.get("type") != event["type"]:
        return False
    def ids(entity_id: str) -> set[str]:
        return identifiers(entities.get(entity_id) or {"id": entity_id}) | {entity_id}

    actors = [ids(e) for e in event["actor"]]
    recipients = [ids(e) for e in event["recipient"]]
    everyone = actors + recipients
    gold_actor = gold_event.get("actor") or []
    gold_recipient = gold_event.get("recipient") or []
    # a reciprocal event may be annotated with its parties on either side
    return (_covers(gold_actor, actors) or _covers(gold_actor, everyone)) and \
        _covers(gold_recipient, everyone)


def evaluate(path: str | Path, pipeline: Any) -> dict[str, Any]:
    """Run ``pipeline`` on each gold sentence and score the events by type.

    Besides the strict table (type, actors and recipients), a lenient one counts a
    gold event found when a predicted event of its type exists in the sentence, which
    separates trigger errors from argument errors.
    """
    table = Table()
    lenient = Table()
    modality = Counter()
    no_event_items = no_event_clean = 0
    errors: list[dict[str, Any]] = []
    for item in read_gold(path):
        analysis = pipeline.analyze(item["text"], date=item.get("date"), id=item.get("id"))
        data = analysis.to_dict()
        entities = {e["id"]: e for e in data["entities"]}
        # background and references back are kept but marked, never counted as facts
        predicted = [e for e in data["events"] if e.get("status", "current") == "current"]
        gold = list(item.get("events") or [])
        if not gold:
            no_event_items += 1
            no_event_clean += not predicted
        for etype in {e.get("type") for e in gold} | {e["type"] for e in predicted}:
            g = sum(1 for e in gold if e.get("type") == etype)
            p = sum(1 for e in predicted if e["type"] == etype)
            row = lenient.row(etype)
            row.tp += min(g, p)
            row.fn += max(g - p, 0)
            row.fp += max(p - g, 0)
        used: set[int] = set()
        for gold_event in gold:
            hit = next((i for i, e in enumerate(predicted)
                        if i not in used and match(gold_event, e, entities)), None)
            if hit is None:
                table.row(gold_event.get("type", "?")).fn += 1
                errors.append({"id": item.get("id"), "missed": gold_event})
                continue
            used.add(hit)
            table.row(gold_event["type"]).tp += 1
            modality["right" if predicted[hit]["modality"] == gold_event.get(
                "modality", "asserted") else "wrong"] += 1
        for i, event in enumerate(predicted):
            if i not in used:
                table.row(event["type"]).fp += 1
                errors.append({"id": item.get("id"), "spurious": {
                    k: event[k] for k in ("type", "actor", "recipient", "modality")}})
    return {
        "table": table,
        "lenient": lenient,
        "modality_accuracy": modality["right"] / max(sum(modality.values()), 1),
        "no_event_sentences": no_event_items,
        "no_event_clean": no_event_clean,
        "errors": errors,
    }


def report(result: dict[str, Any]) -> str:
    lines = ["strict (type, actors and recipients):", result["table"].render("type"),
             "", "lenient (type only):", result["lenient"].render("type"), ""]
    lines.append(f"modality right on matched events: {result['modality_accuracy']:.3f}")
    lines.append(f"sentences that must yield no event: {result['no_event_sentences']}, "
                 f"of which yielded none: {result['no_event_clean']}")
    return "\n".join(lines)
