"""Training the topic model: one L2-regularized logistic regression per label.

Written with numpy over a sparse row layout (no machine-learning library needed): the
weighted log loss of each label is minimized with Adam on full batches. Each label is
trained on the articles that carry a label for it (see ``data``): its positives and
the articles labeled with another section or free of its seeds; positives and
negatives weigh the same in total, so a topic with few examples is not drowned.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from rasid.topics.data import Article, labels, seed_label
from rasid.topics.features import features, load_data
from rasid.topics.model import TopicModel


@dataclass(frozen=True)
class TrainParams:
    """Hyper-parameters (chosen by leave-one-outlet-out over the training outlets)."""

    min_df: int = 5
    l2: float = 1e-2
    epochs: int = 300
    learning_rate: float = 0.05
    threshold: float = 0.5
    prune: float = 0.01


def targets(articles: Sequence[Article], label_set: Sequence[str]) -> np.ndarray:
    """An articles × labels matrix of 1, 0 or NaN (no label for that topic)."""
    supervision = {item["label"]: set(item["supervision"])
                   for item in load_data("labels.json")["labels"]}
    y = np.full((len(articles), len(label_set)), np.nan)
    for i, article in enumerate(articles):
        seeds = seed_label(article.title + "\n" + article.text)
        for j, label in enumerate(label_set):
            kinds = supervision.get(label, {"section"})
            value: float = math.nan
            if "section" in kinds and article.label is not None:
                value = 1.0 if article.label == label else 0.0
            if "seeds" in kinds:
                seed = seeds.get(label)
                if seed == 1:
                    value = 1.0
                elif value != 1.0:
                    # seeds decide for the articles no section makes positive
                    value = 0.0 if seed == 0 else math.nan
            y[i, j] = value
    return y


@dataclass
class Matrix:
    """Rows of L2-normalized tf-idf values in CSR form."""

    data: np.ndarray
    indices: np.ndarray
    rows: np.ndarray
    n_rows: int

    def dot(self, w: np.ndarray) -> np.ndarray:
        return np.bincount(self.rows, weights=self.data * w[self.indices],
                           minlength=self.n_rows)

    def tdot(self, r: np.ndarray, n_cols: int) -> np.ndarray:
        return np.bincount(self.indices, weights=self.data * r[self.rows], minlength=n_cols)

    def subset(self, keep: np.ndarray) -> Matrix:
        mask = keep[self.rows]
        renumber = np.cumsum(keep) - 1
        return Matrix(self.data[mask], self.indices[mask], renumber[self.rows[mask]],
                      int(keep.sum()))


def build(counts: Sequence[Counter[str]], vocabulary: dict[str, int], idf: np.ndarray
          ) -> Matrix:
    data: list[float] = []
    indices: list[int] = []
    rows: list[int] = []
    for i, row in enumerate(counts):
        items = [(vocabulary[f], (1.0 + math.log(c))) for f, c in row.items() if f in vocabulary]
        norm = math.sqrt(sum((v * idf[j]) ** 2 for j, v in items)) or 1.0
        for j, v in items:
            indices.append(j)
            data.append(v * idf[j] / norm)
            rows.append(i)
    return Matrix(np.array(data), np.array(indices, dtype=np.int64),
                  np.array(rows, dtype=np.int64), len(counts))


def fit_binary(x: Matrix, y: np.ndarray, n_cols: int, params: TrainParams
               ) -> tuple[np.ndarray, float]:
    """Weights and bias of one balanced, L2-regularized logistic regression."""
    positives = max(float(y.sum()), 1.0)
    negatives = max(float(len(y) - y.sum()), 1.0)
    sample = np.where(y == 1, 0.5 / positives, 0.5 / negatives)
    w = np.zeros(n_cols)
    b = 0.0
    m_w = np.zeros(n_cols)
    v_w = np.zeros(n_cols)
    m_b = v_b = 0.0
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, params.epochs + 1):
        z = x.dot(w) + b
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        r = (p - y) * sample
        g_w = x.tdot(r, n_cols) + params.l2 * w
        g_b = float(r.sum())
        m_w = beta1 * m_w + (1 - beta1) * g_w
        v_w = beta2 * v_w + (1 - beta2) * g_w * g_w
        m_b = beta1 * m_b + (1 - beta1) * g_b
        v_b = beta2 * v_b + (1 - beta2) * g_b * g_b
        correction1 = 1 - beta1 ** step
        correction2 = 1 - beta2 ** step
        w -= params.learning_rate * (m_w / correction1) / (np.sqrt(v_w / correction2) + eps)
        b -= params.learning_rate * (m_b / correction1) / (math.sqrt(v_b / correction2) + eps)
    return w, b


def train(articles: Sequence[Article], params: TrainParams | None = None,
          log: Callable[[str], None] = lambda _line: None,
          info: dict | None = None) -> TopicModel:
    """A topic model trained on ``articles`` (their sections and seed words)."""
    params = params or TrainParams()
    label_set = labels()
    y_all = targets(articles, label_set)
    used = ~np.all(np.isnan(y_all), axis=1)
    chosen = [a for a, keep in zip(articles, used, strict=True) if keep]
    y_all = y_all[used]
    if not chosen or not np.any(y_all == 1):
        raise ValueError("no article carries a topic label (no known section and no article "
                         "dense in seed words): check the news file and data/sections.json")
    counts = [features(a.text, a.title) for a in chosen]
    df: Counter[str] = Counter()
    for row in counts:
        df.update(row.keys())
    vocabulary = {f: i for i, f in enumerate(sorted(f for f, n in df.items()
                                                     if n >= params.min_df))}
    n = len(chosen)
    idf = np.array([math.log((1 + n) / (1 + df[f])) + 1.0 for f in vocabulary])
    x = build(counts, vocabulary, idf)
    log(f"{n} labeled articles, {len(vocabulary)} features")
    weights = np.zeros((len(vocabulary), len(label_set)))
    bias: list[float] = []
    for j, label in enumerate(label_set):
        keep = ~np.isnan(y_all[:, j])
        y = y_all[keep, j]
        if y.sum() == 0 or y.sum() == len(y):
            log(f"  {label}: no positive or no negative example; the label is never given")
            bias.append(-30.0)
            continue
        w, b = fit_binary(x.subset(keep), y, len(vocabulary), params)
        weights[:, j] = w
        bias.append(b)
        log(f"  {label}: {int(y.sum())} positive, {int(len(y) - y.sum())} negative")
    names = list(vocabulary)
    strong = np.abs(weights).max(axis=1) >= params.prune
    model_weights = {names[i]: weights[i].tolist() for i in np.flatnonzero(strong)}
    model_idf = {names[i]: float(idf[i]) for i in np.flatnonzero(strong)}
    details = dict(info or {})
    details.update({"articles": n, "features": len(model_weights),
                    "params": params.__dict__,
                    "positives": {label: int(np.nansum(y_all[:, j]))
                                  for j, label in enumerate(label_set)}})
    kinds = {item["label"]: item["kind"] for item in load_data("labels.json")["labels"]}
    return TopicModel(label_set, bias, [params.threshold] * len(label_set), model_idf,
                      model_weights, details, kinds)
