"""Scoring rasid's events against the real-news corpus (``annotations/events``).

Whole articles are analyzed, as a user's articles are; each predicted event belongs to
the annotated sentence that holds its trigger (mapped back to the raw text). Only
current events count on either side: background and references are coded in the
corpus and marked by rasid, but never counted as facts.

* **event-level** (strict): same sentence, same type, and the same sets of actor and
  recipient country codes (ISO alpha-3 or an international code such as ``UNO``,
  ``IGO``, ``IMG``; participants without a code add nothing). Where one side leaves the
  recipient empty (a reciprocal event), the union of actor and recipient codes must
  match instead.
* **type-only**: same sentence and type.

Errors are sorted into classes so that a figure says what to fix: a missed gold event
had no prediction of its type in its sentence (``missed``) or had one with other
countries (``countries``); a false alarm stood in a sentence with no current event
(``no-event sentence``), beside a background or reference event of its type
(``background as current``), beside a current event of another type (``wrong type``),
or beside one of its type with other countries (``countries``) or beyond its count
(``duplicate``).

The countries are also judged apart from detection: on the events whose type rasid got
right, how often the actor's and the recipient's countries are right, by the basis the
gold gives them (:mod:`rasid.evaluate.corpus_arguments`); each wrong one is listed with
its sentence (class ``arguments``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from rasid.evaluate.corpus_arguments import ArgumentScore
from rasid.evaluate.event_match import countries_match, gold_codes, predicted_codes
from rasid.evaluate.newscorpus import GoldArticle, GoldSentence
from rasid.metrics import Table

__all__ = ["EventScore", "countries_match", "evaluate", "gold_codes", "predicted_codes"]


def _assign(article: GoldArticle, data: dict[str, Any], analysis: Any
            ) -> dict[int, list[dict[str, Any]]]:
    """Current predicted events by the index of the annotated sentence holding them
    (each with ``raw_trigger``, its trigger's offsets in the raw article text)."""
    found: dict[int, list[dict[str, Any]]] = {}
    for event in data["events"]:
        if event.get("status", "current") != "current":
            continue
        start, end = analysis.to_raw(event["trigger"]["start"], event["trigger"]["end"])
        event["raw_trigger"] = (start, end)
        for index, sentence in enumerate(article.sentences):
            if sentence.annotated and sentence.start <= start < sentence.end:
                found.setdefault(index, []).append(event)
                break
    return found


class EventScore:
    """Counts over many articles; ``add`` one analyzed article at a time."""

    def __init__(self) -> None:
        self.strict = Table()
        self.lenient = Table()
        self.errors: Counter[str] = Counter()
        self.modality: Counter[str] = Counter()
        self.sentences = 0
        self.no_event_sentences = 0
        self.no_event_clean = 0
        self.examples: list[dict[str, Any]] = []
        self.arguments = ArgumentScore()

    def add(self, article: GoldArticle, analysis: Any) -> None:
        data = analysis.to_dict()
        predicted = _assign(article, data, analysis)
        entities = {e["id"]: e for e in data.get("entities", [])}
        for index, sentence in enumerate(article.sentences):
            if sentence.annotated:
                self._sentence(article, index, sentence, predicted.get(index, []))
                self.examples.extend(self.arguments.add(
                    article, index, sentence, predicted.get(index, []), entities))

    def _sentence(self, article: GoldArticle, index: int, sentence: GoldSentence,
                  predicted: list[dict[str, Any]]) -> None:
        self.sentences += 1
        gold = sentence.scored()
        if not gold:
            self.no_event_sentences += 1
            self.no_event_clean += not predicted
        types = {e["type"] for e in gold} | {e["type"] for e in predicted}
        for etype in types:
            g = sum(1 for e in gold if e["type"] == etype)
            p = sum(1 for e in predicted if e["type"] == etype)
            row = self.lenient.row(etype)
            row.tp += min(g, p)
            row.fn += max(g - p, 0)
            row.fp += max(p - g, 0)
        used: set[int] = set()
        for event in gold:
            hit = next((i for i, e in enumerate(predicted) if i not in used and
                        e["type"] == event["type"] and countries_match(event, e)), None)
            if hit is None:
                self.strict.row(event["type"]).fn += 1
                same_type = any(e["type"] == event["type"] for e in predicted)
                kind = "countries" if same_type else "missed"
                self.errors[f"fn:{kind}"] += 1
                self._example(article, index, kind, gold=event)
                continue
            used.add(hit)
            self.strict.row(event["type"]).tp += 1
            self.modality["right" if predicted[hit].get("modality") == event.get(
                "modality", "asserted") else "wrong"] += 1
        for i, event in enumerate(predicted):
            if i in used:
                continue
            self.strict.row(event["type"]).fp += 1
            kind = self._false_alarm_kind(sentence, gold, event)
            self.errors[f"fp:{kind}"] += 1
            self._example(article, index, kind, predicted=event)

    @staticmethod
    def _false_alarm_kind(sentence: GoldSentence, gold: list[dict[str, Any]],
                          event: dict[str, Any]) -> str:
        if any(e["type"] == event["type"] for e in gold):
            return "countries" if not any(countries_match(g, event) for g in gold
                                          if g["type"] == event["type"]) else "duplicate"
        if any(e["type"] == event["type"] for e in sentence.events):
            return "background as current"
        if gold:
            return "wrong type"
        return "no-event sentence"

    def _example(self, article: GoldArticle, index: int, kind: str, **event: Any) -> None:
        self.examples.append({"article": article.id, "sentence": index, "class": kind,
                              **event})

    def to_dict(self) -> dict[str, Any]:
        return {"strict": self.strict.to_dict(), "type_only": self.lenient.to_dict(),
                "errors": dict(self.errors),
                "modality_accuracy": self.modality["right"] / max(sum(self.modality.values()),
                                                                  1),
                "sentences": self.sentences, "no_event_sentences": self.no_event_sentences,
                "no_event_clean": self.no_event_clean,
                "arguments": self.arguments.to_dict()}

    def report(self) -> str:
        lines = ["event-level (type, sentence, actor and recipient countries):",
                 self.strict.render("type"), "", "type-only (type and sentence):",
                 self.lenient.render("type"), "",
                 f"sentences scored: {self.sentences}; without a current event: "
                 f"{self.no_event_sentences}, of which rasid left clean: {self.no_event_clean}",
                 "modality right on matched events: "
                 f"{self.modality['right'] / max(sum(self.modality.values()), 1):.3f}",
                 "error classes: " + ", ".join(f"{k} {v}" for k, v in
                                               sorted(self.errors.items())),
                 self.arguments.report()]
        return "\n".join(lines)


def evaluate(articles: Iterable[GoldArticle], pipeline: Any) -> EventScore:
    score = EventScore()
    for article in articles:
        analysis = pipeline.analyze(article.text, date=article.date, id=article.id,
                                     title=article.title)
        score.add(article, analysis)
    return score
