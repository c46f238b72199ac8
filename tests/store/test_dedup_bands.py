"""Near-duplicate grouping read band by band finds what datasketch's LSH index finds."""

from __future__ import annotations

import datetime

import numpy as np
from datasketch import MinHash, MinHashLSH

from rasid.store.dedup import _near_duplicate_groups, _template, signature
from rasid.store.knowledge import dedup_settings


def _reference_groups(rows: list[tuple], s: dict) -> set[frozenset[str]]:
    """The groups through a whole MinHashLSH index, pair by pair (the former way)."""
    template = _template(s["num_perm"], s["seed"])
    lsh = MinHashLSH(threshold=s["threshold"], num_perm=s["num_perm"])
    hashes = {}
    for article_id, _date, _at, data in rows:
        values = np.frombuffer(data, dtype=template.hashvalues.dtype)
        hashes[article_id] = MinHash(num_perm=s["num_perm"], seed=s["seed"],
                                     hashvalues=values, scheme=template.scheme)
        lsh.insert(article_id, hashes[article_id])
    dates = {row[0]: row[1] for row in rows}
    window = datetime.timedelta(days=s["window_days"])
    parent: dict[str, str] = {}

    def find(item: str) -> str:
        while parent.setdefault(item, item) != item:
            item = parent[item]
        return item

    for article_id, minhash in hashes.items():
        for other in lsh.query(minhash):
            if other <= article_id:
                continue
            first, second = dates[article_id], dates[other]
            if first is not None and second is not None and abs(first - second) > window:
                continue
            if minhash.jaccard(hashes[other]) >= s["threshold"]:
                parent[find(other)] = find(article_id)
    members: dict[str, set[str]] = {}
    for item in parent:
        members.setdefault(find(item), set()).add(item)
    return {frozenset(group) for group in members.values()}


def _rows(seed: int) -> list[tuple]:
    """Signatures of random texts, some copied with changes, some copied weeks later."""
    rng = np.random.default_rng(seed)
    words = ["قال", "الوزير", "إن", "المحادثات", "مستمرة", "في", "العاصمة", "مع", "الوفد",
             "الزائر", "وأضاف", "أن", "الطرفين", "اتفقا", "على", "مواصلة", "الحوار", "بشأن",
             "الحدود", "والمياه", "والتجارة", "خلال", "الأسبوع", "المقبل"]
    texts: list[tuple[str, datetime.date | None]] = []
    day = datetime.date(2024, 3, 1)
    for number in range(60):
        text = " ".join(rng.choice(words, size=int(rng.integers(5, 60))))
        date = None if number % 9 == 0 else day + datetime.timedelta(days=int(rng.integers(0, 40)))
        texts.append((text, date))
        if number % 3 == 0:  # a syndicated copy: a few words changed or dropped
            changed = text.split()
            for _ in range(int(rng.integers(0, 4))):
                changed[int(rng.integers(0, len(changed)))] = str(rng.choice(words))
            copy_date = date + datetime.timedelta(days=int(rng.integers(0, 12))) if date else None
            texts.append((" ".join(changed[: len(changed) - int(rng.integers(0, 3))]),
                          copy_date))
    return sorted((f"a{i:03d}", date, None, signature(text)[0])
                  for i, (text, date) in enumerate(texts))


def test_band_by_band_groups_are_those_of_the_whole_index() -> None:
    base = dedup_settings()
    for seed in range(4):
        rows = _rows(seed)
        for threshold in (0.3, 0.5, 0.7, 0.9):
            s = dict(base, threshold=threshold)
            found = {frozenset(group) for group in _near_duplicate_groups(rows, s)}
            assert found == _reference_groups(rows, s), (seed, threshold)


def test_copies_are_grouped_and_a_copy_weeks_later_is_not() -> None:
    text = ("قال الوزير إن المحادثات مع الوفد الزائر مستمرة في العاصمة وإن الطرفين اتفقا "
            "على مواصلة الحوار بشأن الحدود والمياه والتجارة خلال الأسبوع المقبل")
    day = datetime.date(2024, 5, 2)
    rows = [("a1", day, None, signature(text)[0]),
            ("a2", day + datetime.timedelta(days=1), None, signature(text + " اليوم")[0]),
            ("a3", day + datetime.timedelta(days=60), None, signature(text)[0])]
    groups = _near_duplicate_groups(rows, dedup_settings())
    assert [sorted(group) for group in groups] == [["a1", "a2"]]
