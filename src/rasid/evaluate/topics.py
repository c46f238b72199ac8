"""Scoring the topic classifier on whole newspapers it never saw.

An article's gold label is the topic its section maps to (``rasid/topics/data``); the
prediction compared with it is the model's best label. Precision, recall and F1 are
given per label and as a macro average over the labels the project is measured on
(politics, economy, sports, culture), with the confusion table of gold against
predicted labels.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from rasid.topics.data import Article
from rasid.topics.model import TopicModel


@dataclass
class TopicScores:
    labels: list[str]
    evaluated: list[str]
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    articles: int = 0

    def prf(self, label: str) -> tuple[float, float, float, int]:
        tp = self.confusion[(label, label)]
        predicted = sum(n for (_g, p), n in self.confusion.items() if p == label)
        gold = sum(n for (g, _p), n in self.confusion.items() if g == label)
        precision = tp / predicted if predicted else 0.0
        recall = tp / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1, gold

    @property
    def macro_f1(self) -> float:
        return sum(self.prf(label)[2] for label in self.evaluated) / len(self.evaluated)

    def report(self) -> str:
        lines = [f"{self.articles} articles with a section label",
                 f"{'label':<20}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}"]
        for label in self.labels:
            p, r, f, gold = self.prf(label)
            if gold or any(pred == label for _g, pred in self.confusion):
                mark = " *" if label in self.evaluated else ""
                lines.append(f"{label:<20}{p:>7.3f}{r:>7.3f}{f:>7.3f}{gold:>7}{mark}")
        lines.append(f"macro F1 over {', '.join(self.evaluated)} (*): {self.macro_f1:.3f}")
        gold_labels = [g for g in self.labels if any(k[0] == g for k in self.confusion)]
        predicted = [p for p in self.labels if any(k[1] == p for k in self.confusion)]
        short = {label: label[:8] for label in predicted}
        lines.append("confusion (rows gold, columns predicted best label):")
        lines.append(f"{'':<20}" + "".join(f"{short[p]:>9}" for p in predicted))
        for g in gold_labels:
            lines.append(f"{g:<20}" + "".join(f"{self.confusion[(g, p)]:>9}" for p in predicted))
        return "\n".join(lines)


def evaluate(model: TopicModel, articles: Sequence[Article], evaluated: Sequence[str]
             ) -> TopicScores:
    """Scores of ``model`` on the articles that carry a section label."""
    scores = TopicScores(list(model.labels), list(evaluated))
    for article in articles:
        if article.label is None:
            continue
        scores.articles += 1
        scores.confusion[(article.label, model.top(article.text, article.title))] += 1
    return scores
