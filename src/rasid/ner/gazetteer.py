"""Names of the knowledge base as a token-sequence gazetteer, by kind.

The lexicon's ``is_name`` says that a word is *part of* some name; the tagger gains
more from knowing that a run of tokens *is* a whole name, and of which kind (country,
place, person, org, agent, nisba), because ANERcorp's LOC, ORG and PERS follow those
kinds closely. Names are matched on matching keys, the first token also behind its
proclitics (``وبالقاهرة`` matches ``القاهرة``), longest match first.
"""

from __future__ import annotations

import threading

from rasid.kb.loader import KnowledgeBase, default_knowledge_base
from rasid.text.normalize import match_key

#: Longest name, in tokens, the gazetteer keeps (longer ones are titles, not names).
MAX_TOKENS = 6

_LOCK = threading.Lock()
_DEFAULT: Gazetteer | None = None


class Gazetteer:
    """Maps name key sequences to the kinds of knowledge-base entry that carry them.

    ``index[first_key]`` lists ``(rest_of_keys, kinds)`` longest first, so matching
    needs one dict lookup per token that can start a name.
    """

    def __init__(self, names: dict[tuple[str, ...], set[str]]) -> None:
        index: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        for keys, kinds in names.items():
            index.setdefault(keys[0], []).append((keys[1:], tuple(sorted(kinds))))
        for options in index.values():
            options.sort(key=lambda option: -len(option[0]))
        self.index = index
        # the same names by first key and rest, with the lengths of the rests longest
        # first: a token is matched by looking up its next words, a few dict lookups,
        # instead of comparing them with every name its first word begins (hundreds
        # for عبد or الملك); the result is the same, as a name's rest is unique
        self._rests = {first: dict(options) for first, options in index.items()}
        self._lengths = {first: tuple(sorted({len(rest) for rest, _ in options},
                                             reverse=True))
                         for first, options in index.items()}
        parts: dict[str, set[str]] = {}
        for keys, kinds in names.items():
            if len(keys) > 1:
                for position, key in enumerate(keys):
                    place = "0" if position == 0 else "1"
                    parts.setdefault(key, set()).update(kind + place for kind in kinds)
        #: ``parts[key]``: ``person0`` when the key begins a person's name of several
        #: words, ``person1`` when it ends or continues one (so ``محمد`` or ``عبد``
        #: hint at a name the gazetteer does not hold)
        self.parts = {key: tuple(sorted(kinds)) for key, kinds in parts.items()}
        self.size = len(names)
        self.kinds = tuple(sorted({k for kinds in names.values() for k in kinds}))

    @classmethod
    def from_kb(cls, kb: KnowledgeBase | None = None) -> Gazetteer:
        """The ``ar`` names of ``kb``'s entities (the kind of their entity) and their
        ``nisba`` forms (kind ``nisba``); the shipped knowledge base when None."""
        names: dict[tuple[str, ...], set[str]] = {}
        kb = default_knowledge_base() if kb is None else kb
        for entity in kb.entities.values():
            for forms, label in ((entity.ar, entity.kind), (entity.nisba, "nisba")):
                for name in forms:
                    keys = tuple(match_key(part) for part in name.split())
                    if 0 < len(keys) <= MAX_TOKENS:
                        names.setdefault(keys, set()).add(label)
        return cls(names)

    def __repr__(self) -> str:
        return f"Gazetteer({self.size:,} names)"

    def match(self, firsts: list[tuple[str, ...]], keys: list[str]
              ) -> list[tuple[int, int, tuple[str, ...]]]:
        """Longest name matches, left to right, as ``(start, end, kinds)``.

        ``firsts[i]`` are the keys token ``i`` may have as the first word of a name (its
        key, its stem behind clitics…); ``keys[i]`` its key as a later word.
        """
        found: list[tuple[int, int, tuple[str, ...]]] = []
        rests_of = self._rests
        lengths_of = self._lengths
        count = len(keys)
        i = 0
        while i < count:
            best: tuple[int, tuple[str, ...]] | None = None
            for first in firsts[i]:
                rests = rests_of.get(first)
                if rests is None:
                    continue
                for length in lengths_of[first]:
                    end = i + 1 + length
                    if end > count:
                        continue
                    if best is not None and end <= best[0]:
                        break
                    kinds = rests.get(tuple(keys[i + 1 : end]))
                    if kinds is not None:
                        best = (end, kinds)
                        break
            if best is None:
                i += 1
            else:
                found.append((i, best[0], best[1]))
                i = best[0]
        return found


def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer over the shipped knowledge base, built on first use."""
    global _DEFAULT
    with _LOCK:
        if _DEFAULT is None:
            _DEFAULT = Gazetteer.from_kb()
        return _DEFAULT
