"""Lookups by position that keep the coder's per-sentence questions independent of the
document's length.

The coder asks, for each sentence, which mentions start in it, and for each trigger
which quotation holds it. Scanning every mention or quotation for each question makes a
long document cost the square of its length; these lookups answer the same questions
from sorted offsets, in the order of the original lists, so the answers are unchanged.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from rasid.doc import Sentence
from rasid.layers.mention import Mention


def mentions_by_sentence(mentions: list[Mention], sentences: Sequence[Sentence]
                         ) -> list[list[Mention]]:
    """For each sentence, the mentions with ``sentence.start <= start <= sentence.end``
    (the end included, so that a test on either bound still sees every mention it could
    accept), in the mentions' order."""
    starts = [m.start for m in mentions]
    if all(a <= b for a, b in pairwise(starts)):
        return [mentions[bisect_left(starts, s.start):bisect_right(starts, s.end)]
                for s in sentences]
    return [[m for m in mentions if s.start <= m.start <= s.end] for s in sentences]


def any_start_within(values: list[int], low: int, high: int) -> bool:
    """Whether a value of the sorted ``values`` lies in ``[low, high)``."""
    index = bisect_left(values, low)
    return index < len(values) and values[index] < high


class QuoteSpans:
    """Quotations looked up by the span of their content."""

    def __init__(self, quotes: list[Any]) -> None:
        self.quotes = quotes
        order = sorted(range(len(quotes)), key=lambda i: quotes[i].content.start)
        self._order = order
        self._starts = [quotes[i].content.start for i in order]
        self._longest = max((len(q.content) for q in quotes), default=0)

    def containing(self, start: int, end: int) -> Any | None:
        """The first quotation (in the list's order) whose content holds ``[start, end)``.

        A content that holds the span starts at ``start`` or before, and no earlier than
        ``end`` minus the longest content.
        """
        low = bisect_left(self._starts, end - self._longest)
        high = bisect_right(self._starts, start)
        best = None
        for position in range(low, high):
            index = self._order[position]
            quote = self.quotes[index]
            if quote.content.start <= start and end <= quote.content.end and (
                    best is None or index < best):
                best = index
        return None if best is None else self.quotes[best]
