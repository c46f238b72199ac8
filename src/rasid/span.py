"""Span: one half-open range ``[start, end)`` for every layer of the Doc.

Every layer addresses the Doc the same way: a range of characters of ``doc.text`` or a
range of indices of ``doc.tokens``, start included and end excluded, as Python slices
are (spaCy's ``Span`` is the model). One type for both ends the mix of inclusive
indices, exclusive indices and bare tuples that each layer used to invent, and the
off-by-one errors that mix invites. A Span is internal: the Analysis JSON keeps writing
plain ``start`` and ``end`` numbers.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar, overload

T = TypeVar("T")


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Characters ``text[start:end]`` or tokens ``tokens[start:end]``; ``end`` is
    exclusive, so an empty span has ``start == end`` and ``len`` is ``end - start``.

    Unpacks like the pair it replaces (``start, end = span``). A Span is always true,
    even an empty one, so ``if quote.speaker:`` keeps meaning "has a speaker"."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"a span needs 0 <= start <= end, not [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def __bool__(self) -> bool:
        return True

    def __iter__(self) -> Iterator[int]:
        yield self.start
        yield self.end

    @property
    def last(self) -> int:
        """The last index inside the span (``end - 1``); for a token span, its last
        token. Raises on an empty span, which has none."""
        if self.start == self.end:
            raise ValueError(f"the empty span [{self.start}, {self.end}) has no last index")
        return self.end - 1

    def indices(self) -> range:
        """Every index inside the span, in order."""
        return range(self.start, self.end)

    def contains(self, other: Span | int) -> bool:
        """Whether an index, or a whole span, lies inside this span."""
        if isinstance(other, Span):
            return self.start <= other.start and other.end <= self.end
        return self.start <= other < self.end

    def overlaps(self, other: Span) -> bool:
        """Whether the two spans share at least one index (empty spans share none)."""
        return max(self.start, other.start) < min(self.end, other.end)

    @overload
    def of(self, items: str) -> str: ...

    @overload
    def of(self, items: list[T]) -> list[T]: ...

    @overload
    def of(self, items: Sequence[T]) -> Sequence[T]: ...

    def of(self, items: str | Sequence[T]) -> str | Sequence[T]:
        """The slice of a text or a list this span covers (``span.of(doc.text)``,
        ``span.of(doc.tokens)``)."""
        return items[self.start : self.end]


class Spanned:
    """A record whose characters are its ``span``: ``start`` and ``end`` read from it,
    so the many readers of offsets need not know the record holds a Span."""

    __slots__ = ()
    span: Span

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end
