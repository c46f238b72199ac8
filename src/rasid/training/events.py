"""``rasid train events``: the event decision learned from the annotated news corpus.

Every article of the training splits is analyzed up to quotations; the coder's
candidates (lexicon matches with the rules' arguments and features) are labelled from
the corpus: a candidate whose trigger overlaps an annotated trigger (or one of its
evidence spans) takes that event's type and status, any other candidate is ``O``. Two
maximum-entropy models are trained with python-crfsuite on one-item sequences (the
type model on all candidates, the status model on the event candidates), and the
probability threshold for "is an event" is chosen by event-level F1, on the tuning
split or by cross-validation over the training articles. The test split is never read
here.

The models and a description (``events.json``: corpus splits, label counts, threshold,
the tuning figures) are written to the output folder, by default the package's
``events/model`` folder, where the coder loads them.
"""

from __future__ import annotations

import copy
import json
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rasid.evaluate.corpus_events import EventScore
from rasid.evaluate.newscorpus import GoldArticle, load_corpus
from rasid.events.decide import MODEL_DIR, NO_EVENT, Candidate

PARAMS = {"c1": 0.0, "c2": 1.0, "max_iterations": 200, "feature.minfreq": 1}
MIN_RETYPES = 2
#: CV F1 differences this small are noise of the model's training: two cross-validations
#: of the same articles in another order differed by 0.009 (scripts/events_limits.py);
#: among thresholds this close to the best, the highest is chosen
TIE = 0.005
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)


def _overlaps(a: tuple[int, int], b: list[int] | tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def label(candidate: Candidate, article: GoldArticle, to_raw: Any) -> tuple[str, str | None]:
    """The corpus label of a candidate: (type or ``O``, status or None); ``""`` for a
    candidate the corpus does not judge (outside the annotated sentences, or a further
    word of an event its sentence codes with the candidate's type)."""
    span = to_raw(*candidate.event.trigger)
    sentence = article.sentence_at(span[0])
    if sentence is None or not sentence.annotated:
        return "", None  # outside the annotated sentences: not used
    for event in sentence.events:
        spans = [event["trigger"], *event.get("also", [])]
        if any(_overlaps(span, s) for s in spans):
            return event["type"], event.get("status", "current")
    if any(event["type"] == candidate.event.type for event in sentence.events):
        # another word of an occurrence the sentence codes with this type (the coder
        # listed the words it chose, not every one): neither an event nor clearly not
        return "", None
    return NO_EVENT, None


class Prepared:
    """An analyzed article (up to quotations) with the coder's candidates."""

    def __init__(self, article: GoldArticle, analysis: Any, candidates: list[Candidate]):
        self.article = article
        self.analysis = analysis
        self.candidates = candidates


def prepare(articles: list[GoldArticle], pipeline: Any, coder: Any) -> list[Prepared]:
    """Analyze the articles that have annotated sentences and keep their candidates."""
    prepared = []
    for article in articles:
        if not any(sentence.annotated for sentence in article.sentences):
            continue
        analysis = pipeline.analyze(article.text, date=article.date, id=article.id,
                                     title=article.title)
        prepared.append(Prepared(article, analysis,
                                 coder.candidates(analysis.doc, strict=False)))
    return prepared


def _items(features: dict[str, float]) -> Any:
    import pycrfsuite

    return pycrfsuite.ItemSequence([features])


def train_model(rows: list[tuple[dict[str, float], str]], path: Path) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for features, value in rows:
        trainer.append(_items(features), [value])
    trainer.set_params(PARAMS)
    trainer.train(str(path))


def score(prepared: list[Prepared], coder: Any,
          each: Callable[[Prepared, Candidate], None] | None = None) -> EventScore:
    """Event-level figures of the coder (with its current models) on prepared articles;
    ``each`` sees every fresh copy of a candidate before it is decided (a diagnostic
    decider keyed on the copy, as ``scripts/events_limits.py`` uses)."""
    result = EventScore()
    for item in prepared:
        doc = item.analysis.doc
        candidates = copy.deepcopy(item.candidates)
        for candidate in candidates:
            candidate.event.text = doc.text
            if each is not None:
                each(item, candidate)
        coder.finish(doc, coder.decide_all(candidates))
        result.add(item.article, item.analysis)
    return result


def fit(prepared: list[Prepared], out: Path) -> dict[str, Any]:
    """Train the type and status models on prepared articles into ``out``; return the
    description (labels, candidate recall, retypes) without a threshold."""
    type_rows, status_rows = [], []
    labels: Counter[str] = Counter()
    retyped: Counter[tuple[str, str]] = Counter()
    for item in prepared:
        for candidate in item.candidates:
            value, status = label(candidate, item.article, item.analysis.to_raw)
            if not value:
                continue
            labels[value] += 1
            type_rows.append((candidate.features, value))
            if value != NO_EVENT and status:
                status_rows.append((candidate.features, status))
            if value not in (NO_EVENT, candidate.event.type):
                retyped[(candidate.trigger_id, value)] += 1
    out.mkdir(parents=True, exist_ok=True)
    train_model(type_rows, out / "events-type.crfsuite")
    train_model(status_rows, out / "events-status.crfsuite")
    covered, gold_total = _candidate_recall(prepared)
    meta = {"labels": dict(labels),
            "status_labels": dict(Counter(s for _, s in status_rows)),
            "candidate_recall": {"covered": covered, "gold": gold_total},
            "retypes": _retypes(retyped), "threshold": 0.5}
    (out / "events.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n",
                                     encoding="utf-8")
    return meta


def sweep(folds: list[tuple[list[Prepared], list[Prepared]]], coder: Any, log: Any
          ) -> dict[float, EventScore]:
    """Event figures per threshold, each fold's model trained on its first part and
    scored on its second; the scores of all folds are added up."""
    import tempfile

    from rasid.events.decide import Decider

    totals: dict[float, EventScore] = {t: EventScore() for t in THRESHOLDS}
    for train_part, held_out in folds:
        with tempfile.TemporaryDirectory() as folder:
            fit(train_part, Path(folder))
            coder.decider = Decider(Path(folder))
            for threshold in THRESHOLDS:
                coder.decider.meta["threshold"] = threshold
                result = score(held_out, coder)
                for name in ("strict", "lenient"):
                    for row, counts in getattr(result, name).rows.items():
                        getattr(totals[threshold], name).row(row).add(counts)
    for threshold, result in totals.items():
        total, lenient = result.strict.total, result.lenient.total
        log(f"  threshold {threshold}: event-level F1 {total.f1:.3f} (P {total.precision:.3f}"
            f", R {total.recall:.3f}), type-only F1 {lenient.f1:.3f}")
    return totals


def train(corpus: str | Path, news: str | Path, out: str | Path = MODEL_DIR,
          splits: tuple[str, ...] = ("train",), tune: str | None = "dev",
          log: Any = print, folds: int = 5) -> dict[str, Any]:
    """Train on ``splits``; choose the threshold on the ``tune`` split, or with
    ``tune="cv"`` by ``folds``-fold cross-validation over the training articles (by
    article), then train the shipped models on all of them."""
    from rasid.events.decide import Decider
    from rasid.pipeline import Pipeline

    if "test" in splits or tune == "test":
        raise ValueError("the test split is for measuring only; train and tune on others")
    started = time.time()
    out = Path(out)
    pipeline = Pipeline(pipeline=["segment", "entities", "quotes", "events"])
    coder = pipeline.components[-1].coder
    coder.decider = Decider(Path("/nonexistent"))  # candidates only, no model
    head = Pipeline(pipeline=["segment", "entities", "quotes"])
    prepared = prepare(load_corpus(corpus, news, splits), head, coder)
    log(f"training on {len(prepared)} annotated articles ({', '.join(splits)})")
    chosen: dict[float, EventScore] = {}
    if tune == "cv":
        log(f"choosing the threshold by {folds}-fold cross-validation:")
        parts = [prepared[k::folds] for k in range(folds)]
        chosen = sweep([([p for j, part in enumerate(parts) if j != k for p in part],
                         parts[k]) for k in range(folds)], coder, log)
    elif tune:
        log(f"choosing the threshold on the {tune} split:")
        tuned = prepare(load_corpus(corpus, news, (tune,)), head, coder)
        chosen = sweep([(prepared, tuned)], coder, log)
    meta = fit(prepared, out)
    log(f"{sum(meta['labels'].values())} candidates ({meta['labels'].get(NO_EVENT, 0)} not "
        f"events); candidates cover {meta['candidate_recall']['covered']} of "
        f"{meta['candidate_recall']['gold']} annotated current events")
    meta.update({
        "description": "rasid event decision (maximum entropy, python-crfsuite), trained "
                       "on rasid's annotated real-news corpus (annotations/events)",
        "splits": list(splits), "tuned_on": tune, "params": PARAMS})
    if chosen:
        figures = {str(t): round(r.strict.total.f1, 4) for t, r in chosen.items()}
        # the best F1 by cross-validation; thresholds within TIE of it are as good
        # (retraining the same model moves F1 by that much), and of those the highest
        # keeps the facts users see the more precise
        best = max(figures.values())
        meta["threshold"] = max(t for t in THRESHOLDS if figures[str(t)] >= best - TIE)
        meta["threshold_tie"] = TIE
        meta["tuning_f1"] = figures
    meta["seconds"] = round(time.time() - started, 1)
    (out / "events.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n",
                                     encoding="utf-8")
    log(f"models and events.json written to {out} (threshold {meta['threshold']})")
    return meta


def _retypes(retyped: Counter[tuple[str, str]], least: int = MIN_RETYPES
             ) -> dict[str, list[str]]:
    """Trigger entries the corpus coded with another type at least ``least`` times."""
    result: dict[str, list[str]] = {}
    for (trigger_id, etype), count in sorted(retyped.items()):
        if count >= least:
            result.setdefault(trigger_id, []).append(etype)
    return result


def _candidate_recall(prepared: list[Prepared]) -> tuple[int, int]:
    covered = total = 0
    for item in prepared:
        spans = [item.analysis.to_raw(*c.event.trigger) for c in item.candidates]
        for sentence in item.article.sentences:
            for event in sentence.scored():
                total += 1
                own = [event["trigger"], *event.get("also", [])]
                covered += any(_overlaps(s, o) for s in spans for o in own)
    return covered, total
