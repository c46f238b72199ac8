"""The gazetteer's matching by next words gives what comparing every name gives."""

from __future__ import annotations

import random

from rasid.ner.gazetteer import Gazetteer


def _plain(gazetteer: Gazetteer, firsts: list[tuple[str, ...]], keys: list[str]
           ) -> list[tuple[int, int, tuple[str, ...]]]:
    """The rule spelled out: at each token, of the names its first keys begin (longest
    first), the longest that the next keys complete; then go on after it."""
    found = []
    i = 0
    while i < len(keys):
        best = None
        for first in firsts[i]:
            for rest, kinds in gazetteer.index.get(first, ()):
                end = i + 1 + len(rest)
                if end > len(keys) or (best is not None and end <= best[0]):
                    continue
                if tuple(keys[i + 1 : end]) == rest:
                    best = (end, kinds)
                    break
        if best is None:
            i += 1
        else:
            found.append((i, best[0], best[1]))
            i = best[0]
    return found


def test_matching_by_next_words_is_the_plain_rule() -> None:
    words = ["عبد", "الله", "العزيز", "بن", "سعود", "الملك", "سلمان", "مكة", "جدة"]
    chance = random.Random(7)
    names: dict[tuple[str, ...], set[str]] = {}
    for _ in range(300):
        name = tuple(chance.choice(words) for _ in range(chance.randint(1, 4)))
        names.setdefault(name, set()).add(chance.choice(["person", "place", "org"]))
    gazetteer = Gazetteer(names)
    for _ in range(300):
        keys = [chance.choice(words) for _ in range(chance.randint(0, 25))]
        # a token may begin a name under its own key or another (its stem, say)
        firsts = [tuple(chance.sample(words, chance.randint(0, 2))) for _ in keys]
        assert gazetteer.match(firsts, keys) == _plain(gazetteer, firsts, keys)


def test_a_longer_name_wins_and_matching_goes_on_after_it() -> None:
    gazetteer = Gazetteer({("مكة",): {"place"}, ("مكة", "المكرمة"): {"place"},
                           ("جدة",): {"place"}})
    keys = ["في", "مكة", "المكرمة", "وجدة", "جدة"]
    firsts = [(), ("مكة",), ("المكرمة",), ("جدة",), ("جدة",)]
    assert gazetteer.match(firsts, keys) == [(1, 3, ("place",)), (3, 4, ("place",)),
                                            (4, 5, ("place",))]
