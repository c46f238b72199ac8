"""The one Span every layer uses: half-open, sliceable, and strict about its ends."""

from __future__ import annotations

import pytest

from rasid.span import Span


def test_a_span_is_half_open() -> None:
    span = Span(3, 7)
    assert len(span) == 4
    assert list(span.indices()) == [3, 4, 5, 6]
    assert span.last == 6
    assert span.contains(3) and span.contains(6)
    assert not span.contains(7) and not span.contains(2)


def test_a_span_slices_a_text_and_a_token_list_alike() -> None:
    text = "قال الوزير إن المحادثات مستمرة"
    assert Span(4, 10).of(text) == "الوزير"
    words = text.split()
    assert Span(1, 3).of(words) == ["الوزير", "إن"]
    assert Span(2, 2).of(words) == []


def test_containment_and_overlap() -> None:
    outer = Span(10, 20)
    assert outer.contains(Span(10, 20)) and outer.contains(Span(12, 15))
    assert not outer.contains(Span(9, 12)) and not outer.contains(Span(18, 21))
    assert outer.overlaps(Span(19, 25)) and outer.overlaps(Span(5, 11))
    assert not outer.overlaps(Span(20, 25)) and not outer.overlaps(Span(0, 10))
    assert not outer.overlaps(Span(15, 15))  # an empty span shares no index


def test_an_empty_span_is_still_a_span() -> None:
    empty = Span(5, 5)
    assert len(empty) == 0
    assert bool(empty)  # "is there a span", not "is it long"
    with pytest.raises(ValueError, match="no last index"):
        _ = empty.last


def test_a_span_unpacks_sorts_and_hashes_like_the_pair_it_replaced() -> None:
    start, end = Span(2, 9)
    assert (start, end) == (2, 9)
    assert sorted([Span(4, 6), Span(2, 9), Span(2, 3)]) == [Span(2, 3), Span(2, 9), Span(4, 6)]
    assert len({Span(1, 2), Span(1, 2), Span(1, 3)}) == 2
    assert Span(1, 2) != (1, 2)


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (5, 4)])
def test_impossible_spans_are_refused(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="0 <= start <= end"):
        Span(start, end)


def test_a_span_is_frozen() -> None:
    span = Span(1, 2)
    with pytest.raises(AttributeError):
        span.start = 0  # type: ignore[misc]
