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
    by_first = _index_by_first_word(multi)
    for words, sentence_tags in zip(stems, out, strict=True):
        if settings.sequences:
            _copy_sequences(words, sentence_tags, by_first)
        count = len(words)
        for i, stem in enumerate(words):
            if sentence_tags[i] != "O" or stem not in single or zipf(stem) >= settings.max_zipf:
                continue
            if (i > 0 and sentence_tags[i - 1] != "O") or (
                    i + 1 < count and sentence_tags[i + 1] != "O"):
                continue  # next to an entity: a boundary question, not a missed name
            sentence_tags[i] = "B-" + single[stem].most_common(1)[0][0]
    return out


#: A multi-word name as the sentence pass looks it up: its rank among the document's
#: names (the order they were first seen), its words, and its label.
_Sequence = tuple[int, tuple[str, ...], str]


def _index_by_first_word(multi: dict[tuple[str, ...], str]) -> dict[str, list[_Sequence]]:
    """The document's multi-word names grouped by their first word.

    Without it each sentence was compared with every name of the document, so the
    document pass grew with the square of the document's length.
    """
    by_first: defaultdict[str, list[_Sequence]] = defaultdict(list)
    for rank, (seq, kind) in enumerate(multi.items()):
        by_first[seq[0]].append((rank, seq, kind))
    return dict(by_first)


def _copy_sequences(words: Sequence[str], tags: list[str],
                    by_first: dict[str, list[_Sequence]]) -> None:
    """Label each untagged occurrence of a known multi-word name in one sentence.

    Names are applied in the order they were first seen in the document, each at its
    occurrences from left to right, and an occurrence that overlaps a label already
    there is skipped: the first name claims the words.
    """
    found: list[tuple[int, int, int, str]] = []
    count = len(words)
    for i, word in enumerate(words):
        candidates = by_first.get(word)
        if candidates is None:
            continue
        for rank, seq, kind in candidates:
            size = len(seq)
            if i + size <= count and tuple(words[i : i + size]) == seq:
                found.append((rank, i, size, kind))
    if not found:
        return
    found.sort()
    for _rank, i, size, kind in found:
        if all(t == "O" for t in tags[i : i + size]):
            tags[i] = "B-" + kind
            for j in range(i + 1, i + size):
                tags[j] = "I-" + kind
