"""Casualty and arrest counts: how many were killed, injured, arrested or kidnapped.

Why: without counts an attack that killed sixty weighs what a scuffle weighs. The
reader (``count_reader``, ``count_groups``, ``count_base``) finds the tolls a sentence
states, with the words in ``data/counts.json`` (``count_words``); this module gives
each toll to one event of its sentence, so a toll that two triggers describe is
counted once, and adds up the tolls of one event.
"""

from __future__ import annotations

from typing import Any

from rasid.events.count_base import Count
from rasid.events.count_reader import find_counts
from rasid.events.count_words import count_words

KINDS = ("killed", "injured", "arrested", "kidnapped")

__all__ = ["KINDS", "Count", "add_to", "attach", "carriers", "count_words", "find_counts"]


def carriers(kind: str) -> tuple[str, ...]:
    """The event types that can carry a toll of ``kind``, most likely first."""
    return count_words().carriers[kind]


def add_to(counts: dict[str, dict[str, Any]], count: Count, text: str) -> None:
    """Add a toll to an event's counts. Tolls of one kind for different victims of the
    same event add up, as event data records them (20 fighters and 6 residents killed
    in one clash: 26); the same value read again is a restatement and is not added."""
    held = counts.get(count.kind)
    if held is None:
        counts[count.kind] = count.to_dict(text)
        return
    if any(part["value"] == count.value for part in held["spans"]):
        return
    held["value"] += count.value
    held["approx"] = held["approx"] or count.approx
    if held["victims"] != count.victims:
        held["victims"] = held["victims"] or count.victims \
            if not (held["victims"] and count.victims) else "mixed"
    held["spans"].append(count.span(text))


def attach(events: list[Any], counts: list[Count], text: str) -> None:
    """Give each toll to one event of its sentence: the nearest of the types that can
    carry it (an arrest count to an arrest, a death toll to an attack) that holds no
    toll of that kind yet."""
    for count in counts:
        candidates = [e for e in events if e.sentence.start <= count.start < e.sentence.end]
        if not candidates:
            continue
        order = carriers(count.kind)

        def rank(event: Any, count: Count = count, order: tuple[str, ...] = order
                 ) -> tuple[int, int]:
            spans = [event.trigger, *event.evidence]
            distance = min(max(0, s - count.end, count.start - e) for s, e in spans)
            preference = order.index(event.type) if event.type in order else len(order)
            return (preference, distance)

        ranked = sorted(candidates, key=rank)
        # a further toll of a kind already held goes to the next event that can carry
        # it (two attacks, two tolls); with no such event it adds to the nearest
        free = [e for e in ranked if count.kind not in e.counts
                and e.type in order]
        add_to((free or ranked)[0].counts, count, text)
