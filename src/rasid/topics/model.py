"""The topic model: one logistic regression per label over tf-idf word features.

Stored as one small gzip JSON file (``model/topics.json.gz``): for each feature its
idf and one weight per label, plus each label's bias and threshold. Loading it is a
JSON read; scoring an article is a dot product over the article's words, so the
component adds little to an analysis.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from rasid.errors import RasidError
from rasid.resources import package_path
from rasid.topics.features import features

FORMAT = "rasid.topics/1"
MODEL_FILE = "topics.json.gz"


def model_dir() -> Path:
    return package_path("rasid.topics", "model")


class TopicModelError(RasidError):
    """The topic model file is missing or not a rasid topic model."""

    code = "R310"


def weigh(counts: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    """Sublinear tf times idf, L2-normalized, over the features the model knows."""
    vector = {f: (1.0 + math.log(c)) * idf[f] for f, c in counts.items() if f in idf}
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {f: v / norm for f, v in vector.items()} if norm else {}


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass
class TopicModel:
    """Labels, per-label bias and threshold, and per-feature idf and weights."""

    labels: list[str]
    bias: list[float]
    thresholds: list[float]
    idf: dict[str, float]
    weights: dict[str, list[float]]
    info: dict[str, Any]
    #: label -> ``desk`` (a newspaper section, one is the main topic) or ``theme``
    kinds: dict[str, str] = field(default_factory=dict)

    def scores(self, text: str, title: str | None = None) -> dict[str, float]:
        """Every label's probability for an article (independent, one-vs-rest)."""
        return self._scores(weigh(features(text, title), self.idf))

    def _scores(self, vector: dict[str, float]) -> dict[str, float]:
        totals = list(self.bias)
        for feature, value in vector.items():
            for index, weight in enumerate(self.weights[feature]):
                totals[index] += value * weight
        return {label: sigmoid(total) for label, total in zip(self.labels, totals, strict=True)}

    def _best_desk(self, scores: dict[str, float]) -> str:
        desks = [label for label in self.labels if self.kinds.get(label, "desk") == "desk"]
        return max(desks or self.labels, key=scores.__getitem__)

    def predict(self, text: str, title: str | None = None) -> list[dict[str, Any]]:
        """The labels whose score reaches their threshold, each with its score: the
        main topic first, then the others by score; the main topic (best desk) is always
        given when the article has known words, so an article is never left without a
        topic only because no score is high."""
        vector = weigh(features(text, title), self.idf)
        if not vector:
            return []
        scores = self._scores(vector)
        best = self._best_desk(scores)
        chosen = [label for label, threshold in zip(self.labels, self.thresholds, strict=True)
                  if scores[label] >= threshold or label == best]
        chosen.sort(key=lambda label: (label != best, -scores[label]))
        return [{"label": label, "score": round(scores[label], 3)} for label in chosen]

    def top(self, text: str, title: str | None = None) -> str:
        """The article's main topic: the desk label with the best score."""
        return self._best_desk(self.scores(text, title))

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "labels": self.labels, "kinds": self.kinds,
                "bias": [round(b, 5) for b in self.bias],
                "thresholds": [round(t, 3) for t in self.thresholds], "info": self.info,
                "features": {f: [round(self.idf[f], 4), *(round(w, 4) for w in ws)]
                             for f, ws in sorted(self.weights.items())}}

    def save(self, folder: str | Path) -> Path:
        path = Path(folder) / MODEL_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as handle:
            json.dump(self.to_json(), handle, ensure_ascii=False, separators=(",", ":"))
        return path

    @classmethod
    def load(cls, path: str | Path | None = None) -> TopicModel:
        path = Path(path) if path is not None else model_dir() / MODEL_FILE
        if path.is_dir():
            path = path / MODEL_FILE
        try:
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                data = json.load(handle)
        except FileNotFoundError:
            raise TopicModelError(f"{path}: no topic model (train one with "
                                  "`rasid train topics`)") from None
        except (OSError, EOFError, json.JSONDecodeError) as error:
            raise TopicModelError(f"{path}: not a readable topic model ({error})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise TopicModelError(f"{path}: not a rasid topic model (format {FORMAT} expected)")
        labels = list(data["labels"])
        idf = {f: float(v[0]) for f, v in data["features"].items()}
        weights = {f: [float(w) for w in v[1:]] for f, v in data["features"].items()}
        return cls(labels, [float(b) for b in data["bias"]],
                   [float(t) for t in data["thresholds"]], idf, weights, data.get("info", {}),
                   dict(data.get("kinds", {})))


@cache
def default_model() -> TopicModel:
    """The model shipped in the package, loaded once per process."""
    return TopicModel.load()
