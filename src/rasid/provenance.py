"""Where each character of a Doc's text came from: the offset map to the raw input
and the changes repair made.

These records sit below the Doc (a Doc carries its ``RepairResult``) and below the text
layer that produces them, so ``rasid.doc`` needs nothing from ``rasid.text``. Repair
inserts, deletes and replaces characters, but every span a user sees in the repaired
text must lead back to the words the user gave. The map is kept as segments
``[start, end, raw_start, raw_end]`` that cover the repaired text in order: an
*identity* segment (equal lengths) maps character by character, any other segment maps
as a whole to its raw span (an inserted space maps to an empty raw span).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

_BIG = 1 << 62


@dataclass(frozen=True)
class OffsetMap:
    """Maps ``[start, end)`` in repaired text to ``[raw_start, raw_end)`` in the input."""

    segments: tuple[tuple[int, int, int, int], ...]
    length: int
    raw_length: int

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        segments = ((0, length, 0, length),) if length else ()
        return cls(segments, length, length)

    @classmethod
    def from_char_spans(cls, starts: list[int], ends: list[int], changed: list[bool],
                        raw_length: int) -> OffsetMap:
        """Compress per-character raw spans into segments.

        Unchanged characters form identity runs; characters written by a repair step
        form segments of their own, so a segment never mixes the two.
        """
        segments: list[tuple[int, int, int, int]] = []
        n = len(starts)
        i = 0
        while i < n:
            if not changed[i]:
                j = i + 1
                while j < n and not changed[j] and starts[j] == starts[j - 1] + 1:
                    j += 1
                segments.append((i, j, starts[i], ends[j - 1]))
            else:
                j = i + 1
                while j < n and changed[j] and starts[j] == starts[i] and ends[j] == ends[i]:
                    j += 1
                segments.append((i, j, starts[i], ends[i]))
            i = j
        return cls(tuple(segments), n, raw_length)

    def _segment_at(self, position: int) -> tuple[int, int, int, int]:
        index = bisect_right(self.segments, (position, _BIG)) - 1
        return self.segments[max(index, 0)]

    def _point(self, position: int, as_end: bool) -> int:
        if not self.segments:
            return 0
        if as_end:
            s, e, rs, re = self._segment_at(position - 1)
            if e - s == re - rs:
                return rs + (position - s)
            return re
        if position >= self.length:
            return self.raw_length
        s, e, rs, re = self._segment_at(position)
        if e - s == re - rs:
            return rs + (position - s)
        return rs

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw span of the repaired span ``[start, end)``; always inside the raw input."""
        if not 0 <= start <= end <= self.length:
            raise ValueError(f"span [{start}, {end}) is outside text of length {self.length}")
        raw_start = self._point(start, as_end=False)
        if end == start:
            return raw_start, raw_start
        raw_end = self._point(end, as_end=True)
        return raw_start, max(raw_start, raw_end)

    def to_list(self) -> list[list[int]]:
        return [list(segment) for segment in self.segments]

    @classmethod
    def from_list(cls, rows: list[list[int]], raw_length: int) -> OffsetMap:
        segments = tuple((int(a), int(b), int(c), int(d)) for a, b, c, d in rows)
        length = segments[-1][1] if segments else 0
        return cls(segments, length, raw_length)


@dataclass(frozen=True)
class RepairChange:
    """One change made by repair, addressed in both the raw and the repaired text."""

    step: str
    raw_start: int
    raw_end: int
    start: int
    end: int
    before: str
    after: str

    def to_dict(self) -> dict:
        return {
            "step": self.step,
            "raw": [self.raw_start, self.raw_end],
            "new": [self.start, self.end],
            "before": self.before,
            "after": self.after,
        }


@dataclass(frozen=True)
class RepairResult:
    """The repaired text, the changes applied, and the map back to the raw input."""

    raw: str
    text: str
    changes: tuple[RepairChange, ...]
    offsets: OffsetMap

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.to_raw(start, end)

    def explain(self) -> list[str]:
        """One line per change: step, raw span, what it was and what it became."""
        return [
            f"{c.step}: raw[{c.raw_start}:{c.raw_end}] {c.before!r} -> "
            f"new[{c.start}:{c.end}] {c.after!r}"
            for c in self.changes
        ]
