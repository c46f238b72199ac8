"""How tone is computed (the README's "Tone" section documents the same rules).

Event tone: over the article's events that are current (not background, not a
reference back to an event already counted) and neither negated nor hypothetical, the
mean CAMEO Goldstein score (-10 … +10) and the share of those events in the conflict
quad classes (3 verbal conflict, 4 material conflict).

Lexical tone: every word of the text (as the topic features count words) is looked up
in ``data/lexicon.json`` (as it is, without ال-type prefixes, or without a short و ف ب
ل prefix when three letters remain); a word right after a negator (لا، لم، لن، غير، عدم…) counts for
the opposite side. ``positive`` and ``negative`` are the percentages of the article's
words on each side, ``tone`` is positive minus negative (GDELT's AvgTone, on rasid's
own word list), ``polarity`` the share of words with any polarity.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from rasid.resources import data_path
from rasid.text.normalize import match_key
from rasid.topics.features import words

#: modalities whose events do not count for the tone (the text says they did not or
#: may not happen)
NOT_COUNTED = frozenset({"negated", "hypothetical"})
CONFLICT_QUADS = frozenset({3, 4})


@dataclass(frozen=True)
class Lexicon:
    positive: frozenset[str]
    negative: frozenset[str]
    negators: frozenset[str]
    prefixes: tuple[str, ...]

    def side(self, key: str, bare: str) -> int:
        """+1 for a positive word, -1 for a negative one, 0 otherwise."""
        forms = [key, bare]
        forms += [f[len(p):] for f in (key, bare) for p in self.prefixes
                  if f.startswith(p) and len(f) - len(p) >= 3]
        for form in forms:
            if form in self.positive:
                return 1
            if form in self.negative:
                return -1
        return 0


@cache
def lexicon() -> Lexicon:
    path = data_path("lexicon.json", "rasid.tone")
    data = json.loads(path.read_text(encoding="utf-8"))
    sets = [frozenset(match_key(w) for w in data[side])
            for side in ("positive", "negative", "negators")]
    prefixes = sorted({match_key(p) for p in data.get("prefixes", [])}, key=len, reverse=True)
    return Lexicon(*sets, tuple(prefixes))


def _quad(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def event_tone(events: Iterable[Any]) -> dict[str, Any]:
    """Tone from events (Event objects or their dicts)."""
    scores: list[float] = []
    conflict = 0
    for event in events:
        get = event.get if isinstance(event, dict) else lambda k, e=event: getattr(e, k, None)
        if get("status") not in (None, "current") or get("modality") in NOT_COUNTED:
            continue
        score = get("score")
        if not isinstance(score, int | float):
            continue
        scores.append(float(score))
        if _quad(get("quad")) in CONFLICT_QUADS:
            conflict += 1
    if not scores:
        return {"events": 0, "goldstein_mean": None, "conflict_share": None}
    return {"events": len(scores), "goldstein_mean": round(sum(scores) / len(scores), 3),
            "conflict_share": round(conflict / len(scores), 3)}


def lexical_tone(text: str) -> dict[str, Any]:
    """Tone from words: percentages of positive and negative words."""
    lex = lexicon()
    total = positive = negative = 0
    flip = False
    for match in _all_words(text):
        key, bare = match
        if key in lex.negators:
            flip = True
            total += 1
            continue
        side = lex.side(key, bare)
        if flip:
            side = -side
        if side > 0:
            positive += 1
        elif side < 0:
            negative += 1
        total += 1
        flip = False
    if not total:
        return {"words": 0, "positive": None, "negative": None, "tone": None,
                "polarity": None}
    pos = 100.0 * positive / total
    neg = 100.0 * negative / total
    return {"words": total, "positive": round(pos, 3), "negative": round(neg, 3),
            "tone": round(pos - neg, 3), "polarity": round(pos + neg, 3)}


def _all_words(text: str) -> list[tuple[str, str]]:
    """Every word with its stem, negators included (they are stop words for topics)."""
    return words(text, keep_stopwords=True)


def tone(events: Iterable[Any], text: str) -> dict[str, Any]:
    """The ``tone`` of an Analysis: ``events`` and ``lexical`` readings."""
    return {"events": event_tone(events), "lexical": lexical_tone(text)}
