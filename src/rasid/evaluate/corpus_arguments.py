"""Argument accuracy on the real-news corpus: were the countries right where the type was?

Event-level F1 mixes two questions: did rasid find the event, and did it give the right
countries to its doer and to the one acted upon. This scorer answers the second alone:
each gold event (current) is paired with a predicted event of its type in its sentence,
and only those pairs are judged, so a detection error never counts as an argument error.

* pairing: first the predictions whose countries match (as event-level scoring pairs
  them), then the remaining predictions of the type, the nearest trigger first;
* **actor** right: the sets of actor country codes are equal; **recipient** right: the
  sets of recipient codes are equal; **both**: the event-level rule
  (:func:`rasid.evaluate.corpus_events.countries_match`), which lets a reciprocal event
  put its parties on either side. A pair that matches by that rule counts as right for
  actor and recipient too, so ``both`` never exceeds either;
* the figures are split by the *basis* the gold gives the participant's country
  (``stated``, ``place``, ``article``), or ``none`` when the gold has no participant
  with a country on that side: that says which kind of context rasid gets wrong;
* every wrong pair is kept as an example with the sentence, the gold and the predicted
  participants, for ``rasid evaluate events-corpus --errors``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from rasid.evaluate.event_match import countries_match, gold_codes, predicted_codes
from rasid.evaluate.newscorpus import GoldArticle, GoldSentence

ROLES = ("actor", "recipient")


def pair_by_type(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]
                 ) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Gold events paired with predicted events of the same type (one each at most)."""
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    used: set[int] = set()
    open_gold: list[dict[str, Any]] = []
    for event in gold:
        hit = next((i for i, e in enumerate(predicted) if i not in used
                    and e["type"] == event["type"] and countries_match(event, e)), None)
        if hit is None:
            open_gold.append(event)
            continue
        used.add(hit)
        pairs.append((event, predicted[hit]))
    for event in open_gold:
        same = [i for i, e in enumerate(predicted) if i not in used
                and e["type"] == event["type"]]
        if not same:
            continue
        start = event["trigger"][0]
        hit = min(same, key=lambda i: abs(predicted[i]["raw_trigger"][0] - start))
        used.add(hit)
        pairs.append((event, predicted[hit]))
    return pairs


def gold_basis(participants: list[dict[str, Any]]) -> str:
    """The basis of the gold's first participant with a country, or ``none``."""
    coded = [p for p in participants if p.get("code")]
    return (coded[0].get("basis") or "stated") if coded else "none"


class ArgumentScore:
    """Actor and recipient countries on type-matched events, over many sentences."""

    def __init__(self) -> None:
        self.pairs = 0
        self.right: Counter[str] = Counter()
        #: (role, gold basis) -> [right, total]
        self.by_basis: dict[tuple[str, str], list[int]] = {}
        self.examples: list[dict[str, Any]] = []

    def add(self, article: GoldArticle, index: int, sentence: GoldSentence,
            predicted: list[dict[str, Any]], entities: dict[str, dict[str, Any]]
            ) -> list[dict[str, Any]]:
        """Judge the sentence's pairs; returns the examples of the wrong ones."""
        found = []
        for gold, event in pair_by_type(sentence.scored(), predicted):
            self.pairs += 1
            both = countries_match(gold, event)
            wrong = []
            for role in ROLES:
                right = both or gold_codes(gold.get(role, [])) == predicted_codes(event, role)
                self.right[role] += right
                cell = self.by_basis.setdefault((role, gold_basis(gold.get(role, []))), [0, 0])
                cell[0] += right
                cell[1] += 1
                if not right:
                    wrong.append(role)
            self.right["both"] += both
            if not both:
                found.append(self._example(article, index, sentence, gold, event, entities,
                                           wrong))
        self.examples.extend(found)
        return found

    @staticmethod
    def _example(article: GoldArticle, index: int, sentence: GoldSentence,
                 gold: dict[str, Any], event: dict[str, Any],
                 entities: dict[str, dict[str, Any]], wrong: list[str]) -> dict[str, Any]:
        text = article.text

        def gold_side(role: str) -> list[dict[str, Any]]:
            return [{"code": p.get("code"), "sector": p.get("sector"), "basis": p.get("basis"),
                     "text": text[p["span"][0] : p["span"][1]] if p.get("span") else None}
                    for p in gold.get(role, [])]

        def predicted_side(role: str) -> list[dict[str, Any]]:
            found = []
            for a in event.get("arguments", []):
                if a.get("role") != role:
                    continue
                entity = entities.get(a.get("entity") or "", {})
                found.append({"code": a.get("code"), "sector": a.get("sector"),
                              "basis": a.get("basis"), "entity": a.get("entity"),
                              "name": entity.get("ar"),
                              **({"implicit": True} if a.get("implicit") else {})})
            return found

        trigger = gold["trigger"]
        return {"article": article.id, "sentence": index, "class": "arguments",
                "type": gold["type"], "wrong": wrong or ["both"],
                "trigger": text[trigger[0] : trigger[1]],
                "predicted_trigger": event["trigger"]["text"],
                "rule": event.get("rule", {}).get("id"),
                "text": text[sentence.start : sentence.end],
                "gold": {role: gold_side(role) for role in ROLES},
                "predicted": {role: predicted_side(role) for role in ROLES}}

    def share(self, key: str) -> float:
        return self.right[key] / self.pairs if self.pairs else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"pairs": self.pairs, "actor": self.share("actor"),
                "recipient": self.share("recipient"), "both": self.share("both"),
                "by_basis": {f"{role}:{basis}": {"right": r, "total": n}
                             for (role, basis), (r, n) in sorted(self.by_basis.items())}}

    def report(self) -> str:
        lines = [f"arguments right on type-matched events ({self.pairs}): actor country "
                 f"{self.share('actor'):.3f}, recipient country {self.share('recipient'):.3f}, "
                 f"both {self.share('both'):.3f}"]
        for role in ROLES:
            cells = [(basis, self.by_basis[(role, basis)])
                     for basis in ("stated", "place", "article", "none")
                     if (role, basis) in self.by_basis]
            lines.append(f"  {role} by the gold's basis: " + ", ".join(
                f"{basis} {r}/{n} ({r / n:.2f})" for basis, (r, n) in cells))
        return "\n".join(lines)
