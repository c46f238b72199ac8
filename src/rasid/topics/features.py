"""Words of an article as features for the topic classifier.

Independent of the pipeline's segmenter on purpose: training reads ten thousand
articles and must be quick, and the same function runs at analysis time, so what the
model saw in training is exactly what it sees on a user's article. The rules (prefixes,
stop words, title weight) live in ``data/features.json``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

from rasid.caches import cache_size
from rasid.resources import data_path
from rasid.text.normalize import match_key

_WORD = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u064B-\u065F\u0640]+|[A-Za-z]{2,}")


@dataclass(frozen=True)
class FeatureRules:
    prefixes: tuple[str, ...]
    min_stem: int
    min_length: int
    title_weight: int
    stopwords: frozenset[str]


def load_data(name: str) -> dict:
    """A JSON file of ``rasid/topics/data``."""
    path = data_path(name, "rasid.topics")
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def rules() -> FeatureRules:
    data = load_data("features.json")
    prefixes = sorted({match_key(p) for p in data["prefixes"]}, key=len, reverse=True)
    return FeatureRules(tuple(prefixes), int(data["min_stem"]), int(data["min_length"]),
                        int(data["title_weight"]),
                        frozenset(match_key(w) for w in data["stopwords"]))


def stem(key: str, prefixes: tuple[str, ...], min_stem: int) -> str:
    """The key without its longest listed prefix (the key itself when none fits)."""
    for prefix in prefixes:
        if key.startswith(prefix) and len(key) - len(prefix) >= min_stem:
            return key[len(prefix):]
    return key


@lru_cache(maxsize=cache_size("topic_key_and_stem"))
def _key_and_stem(word: str) -> tuple[str, str]:
    """A word's matching key and stem, cached: news repeats its words (bounded, so a
    long ingest keeps a flat memory)."""
    r = rules()
    key = match_key(word)
    return key, stem(key, r.prefixes, r.min_stem)


def words(text: str, *, keep_stopwords: bool = False) -> list[tuple[str, str]]:
    """(key, stem) of every word of ``text`` (stop words left out unless asked for)."""
    r = rules()
    pairs = map(_key_and_stem, _WORD.findall(text))
    if keep_stopwords:
        return list(pairs)
    shortest, stopwords = r.min_length, r.stopwords
    return [pair for pair in pairs if len(pair[0]) >= shortest and pair[0] not in stopwords]


def features(text: str, title: str | None = None) -> Counter[str]:
    """Counts of the features of an article: each word's key, and its stem (``~``
    before it) when that differs; title words weigh ``title_weight`` times."""
    counts: Counter[str] = Counter()
    r = rules()
    for source, weight in ((text, 1), (title or "", r.title_weight)):
        for key, bare in words(source):
            counts[key] += weight
            if bare != key:
                counts["~" + bare] += weight
    return counts
