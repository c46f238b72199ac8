"""Precision, recall and F1 counts shared by the scorers and the trainers (a leaf
module: the tagger's trainer and the corpus scorers both count with it)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class Table:
    """Counts by label plus their total, printable as a table."""

    rows: dict[str, Counts] = field(default_factory=dict)

    def row(self, label: str) -> Counts:
        return self.rows.setdefault(label, Counts())

    @property
    def total(self) -> Counts:
        total = Counts()
        for counts in self.rows.values():
            total.add(counts)
        return total

    def render(self, title: str = "label") -> str:
        lines = [f"{title:<14}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}"]
        for label in sorted(self.rows):
            c = self.rows[label]
            lines.append(f"{label:<14}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}"
                         f"{c.tp + c.fn:>7}{c.tp + c.fp:>7}")
        c = self.total
        lines.append(f"{'all':<14}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}"
                     f"{c.tp + c.fn:>7}{c.tp + c.fp:>7}")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {label: {"precision": c.precision, "recall": c.recall, "f1": c.f1,
                        "tp": c.tp, "fp": c.fp, "fn": c.fn}
                for label, c in {**self.rows, "all": self.total}.items()}
