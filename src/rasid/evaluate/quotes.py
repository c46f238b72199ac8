"""Scoring quotations: is each statement attributed to the right speaker?

A gold quotation is found when a predicted one has the same cue word (by its text, in
order) and content that holds the gold content's first words; a gold quotation opened
by a participle (مشددا على أن) is also found inside the predicted quotation that keeps
that participle as a secondary cue. Its speaker is
right when the predicted speaker text contains the gold speaker (or, for speakers that
carry over or stand for a pronoun, the name they resolve to). Precision is right
attributions over predicted quotations, recall over gold ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rasid.evaluate.gold import read_gold
from rasid.metrics import Counts, Table
from rasid.text.normalize import match_key


def _norm(text: str | None) -> str:
    """Folded and without spaces: repair may have split a glued gold string."""
    return "".join(match_key(text or "").split())


def _speaker_right(gold: dict[str, Any], quote: dict[str, Any]) -> bool:
    wanted = _norm(gold.get("speaker") or gold.get("speaker_ref"))
    ref = _norm(gold.get("speaker_ref"))
    got = _norm(quote["speaker"].get("text"))
    if not got:
        return not wanted
    return bool(wanted) and (wanted in got or got in wanted or (ref and (ref in got or
                                                                          got in ref)))


def _content_right(gold: dict[str, Any], quote: dict[str, Any]) -> bool:
    words = (gold.get("content") or "").split()[:3]
    wanted = _norm(" ".join(words))
    return bool(wanted) and wanted in _norm((quote.get("content") or {}).get("text"))


def evaluate(path: str | Path, pipeline: Any) -> dict[str, Any]:
    table = Table()
    speaker = Counts()
    errors = []
    for item in read_gold(path):
        data = pipeline.analyze(item["text"], date=item.get("date")).to_dict()
        predicted = data["quotes"]
        used: set[int] = set()
        for gold in item.get("quotes") or []:
            label = gold.get("found_by", "named")
            hit = next((i for i, q in enumerate(predicted) if i not in used
                        and _norm(q["cue"]["text"]).endswith(_norm(gold.get("cue")))
                        and _content_right(gold, q)), None)
            if hit is None:
                # a participle cue (مشددا على أن) continues a predicted quotation: rasid
                # keeps it as that quotation's secondary cue, with the same speaker
                inner = next((q for q in predicted if any(
                    _norm(c["text"]).endswith(_norm(gold.get("cue")))
                    for c in q.get("secondary_cues") or [])
                    and _content_right(gold, q)), None)
                if inner is not None:
                    table.row(label).tp += 1
                    if _speaker_right(gold, inner):
                        speaker.tp += 1
                    else:
                        speaker.fp += 1
                        speaker.fn += 1
                    continue
            if hit is None:
                table.row(label).fn += 1
                speaker.fn += 1
                errors.append({"id": item.get("id"), "missed": gold})
                continue
            used.add(hit)
            table.row(label).tp += 1
            if _speaker_right(gold, predicted[hit]):
                speaker.tp += 1
            else:
                speaker.fp += 1
                speaker.fn += 1
                errors.append({"id": item.get("id"), "wrong_speaker": gold,
                               "got": predicted[hit]["speaker"]["text"]})
        for i, quote in enumerate(predicted):
            if i not in used:
                table.row(quote["found_by"]).fp += 1
                speaker.fp += 1
                errors.append({"id": item.get("id"), "spurious": quote["cue"]["text"]})
    return {"table": table, "speaker": speaker, "errors": errors}


def report(result: dict[str, Any]) -> str:
    s = result["speaker"]
    return "\n".join([
        result["table"].render("found by"),
        f"speaker attribution: precision {s.precision:.3f}, recall {s.recall:.3f}, "
        f"F1 {s.f1:.3f}",
    ])
