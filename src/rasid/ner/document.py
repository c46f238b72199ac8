"""One name, one label across a document: propagating the tagger's own decisions.

News names a person in full once (``سيغموند فرويد``) and by surname, often with clitics
(``لفرويد``), a dozen times after; the CRF sees one sentence at a time and misses many
of the later mentions. Within one document, a rare word the tagger labelled as an
entity somewhere is labelled the same where it was left ``O``, and so is a whole
multi-word name seen again. Common words are never propagated (``الأسد`` the lion is
frequent; the surname is not).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rasid.ner.conll import spans


@dataclass(frozen=True)
class PropagationSettings:
    """Saved with the model: which of the tagger's decisions are spread to a document."""

    enabled: bool = True
    max_zipf: float = 4.5
    """Only words rarer than this (wordfreq zipf of the stem) take a label from elsewhere."""
    surnames: bool = True
    """The last word of a multi-word PERS counts as that person on its own."""
    sequences: bool = True
    """A multi-word entity seen again, untagged, gets the same label."""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PropagationSettings:
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})


def propagate(stems: Sequence[Sequence[str]], tags: Sequence[Sequence[str]],
              zipf: Callable[[str], float],
              settings: PropagationSettings = PropagationSettings()) -> list[list[str]]:
    """Document-consistent copies of ``tags`` (one list per sentence; input unchanged).

    ``stems[i][j]`` is the clitic-stripped matching key of token ``j`` of sentence
    ``i``; ``zipf`` rates how common a stem is.
    """
    out = [list(t) for t in tags]
    if not settings.enabled:
        return out
    single: defaultdict[str, Counter[str]] = defaultdict(Counter)
    multi: dict[tuple[str, ...], str] = {}
    for words, sentence_tags in zip(stems, tags, strict=True):
        for start, end, kind in spans(sentence_tags):
            if end - start == 1:
                single[words[start]][kind] += 1
            else:
                multi[tuple(words[start:end])] = kind
                if settings.surnames and kind == "PERS":
                    single[words[end - 1]][kind] += 1
    if not single and not multi:
        return out
    for words, sentence_tags in zip(stems, out, strict=True):
        if settings.sequences:
            _copy_sequences(words, sentence_tags, multi)
        count = len(words)
        for i, stem in enumerate(words):
            if sentence_tags[i] != "O" or stem not in single or zipf(stem) >= settings.max_zipf:
                continue
            if (i > 0 and sentence_tags[i - 1] != "O") or (
                    i + 1 < count and sentence_tags[i + 1] != "O"):
                continue  # next to an entity: a boundary question, not a missed name
            sentence_tags[i] = "B-" + single[stem].most_common(1)[0][0]
    return out


def _copy_sequences(words: Sequence[str], tags: list[str],
                    multi: dict[tuple[str, ...], str]) -> None:
    for seq, kind in multi.items():
        size = len(seq)
        for i in range(len(words) - size + 1):
            if words[i] == seq[0] and tuple(words[i : i + size]) == seq and all(
                    t == "O" for t in tags[i : i + size]):
                tags[i] = "B-" + kind
                for j in range(i + 1, i + size):
                    tags[j] = "I-" + kind
