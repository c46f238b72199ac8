"""The word lexicon: how common a word is, and which words are names rasid knows.

Glued-word repair and clitic segmentation both ask "is this a word?". The answer comes
from wordfreq's Arabic frequency list (installed from PyPI, nothing downloaded) folded
onto matching keys, plus the names of the knowledge base. The lexicon is built once
per process and shared, because it is large (600k keys) and read-only.
"""

from __future__ import annotations

import itertools
import math
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasid.kb.loader import KnowledgeBase, default_knowledge_base
from rasid.kb.names import iter_names_with_strength
from rasid.resources import load_json
from rasid.text.normalize import fold, is_arabic_letter, match_key

_LOCK = threading.Lock()
_DEFAULT: Lexicon | None = None


def _cache_file() -> Path | None:
    """Where the folded word list is kept between runs (None when there is no home)."""
    import hashlib
    import os
    from importlib.metadata import PackageNotFoundError, version

    from rasid.resources import data_path

    base = os.environ.get("RASID_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    charmaps = hashlib.sha256(data_path("charmaps.json").read_bytes()).hexdigest()[:12]
    try:
        release = version("wordfreq")
    except PackageNotFoundError:
        release = "unknown"
    return root / "rasid" / f"wordfreq-ar-{release}-{charmaps}.pickle"


def _wordfreq_keys() -> dict[str, float]:
    """Fold wordfreq's Arabic list onto matching keys, summing variant frequencies.

    Folding 620,000 words takes a few seconds, so the result is kept in the user's cache
    folder (``RASID_CACHE_DIR`` or ``~/.cache/rasid``), keyed by the wordfreq version
    and the character tables; it is derived locally, never downloaded.
    """
    import pickle

    path = _cache_file()
    if path is not None and path.exists():
        try:
            with path.open("rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError):
            pass
    import wordfreq

    freqs: dict[str, float] = {}
    for word, freq in wordfreq.get_frequency_dict("ar", "large").items():
        key = fold(word)
        freqs[key] = freqs.get(key, 0.0) + freq
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".{os.getpid()}.tmp")
            with temporary.open("wb") as handle:
                pickle.dump(freqs, handle, protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(path)
        except OSError:
            pass  # a read-only home: fold again next time
    return freqs


def _keys(morph: dict, section: str) -> frozenset[str]:
    """The matching keys of a word list in morphology.json."""
    return frozenset(match_key(word) for word in morph[section]["entries"])


def _zipf(freqs: dict[str, float], key: str) -> float:
    freq = freqs.get(key)
    return math.log10(freq) + 9.0 if freq else 0.0


@dataclass(repr=False)
class Lexicon:
    """Zipf frequencies by matching key, plus the set of name keys.

    ``zipf`` follows wordfreq's scale: 6 is once per thousand words, 3 once per million,
    0 unknown.
    """

    zipfs: dict[str, float]  # matching key -> summed frequency (zipf computed on lookup)
    names: frozenset[str]
    glue_names: frozenset[str] = frozenset()
    strong_names: frozenset[str] = frozenset()
    anchor_names: frozenset[str] = frozenset()
    bare_names: frozenset[str] = frozenset()
    rare_names: frozenset[str] = frozenset()
    joined_names: dict[str, tuple[int, ...]] = field(default_factory=dict)
    proclitics: list[tuple[str, list[str]]] = field(default_factory=list)
    enclitics: list[str] = field(default_factory=list)
    function_words: frozenset[str] = frozenset()
    final_letters: frozenset[str] = frozenset()
    final_marks: frozenset[str] = frozenset()
    letter_names: frozenset[str] = frozenset()
    place_heads: frozenset[str] = frozenset()
    suffix_like: frozenset[str] = frozenset()
    ending_pieces: frozenset[str] = frozenset()
    trailing_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    name_particles: frozenset[str] = frozenset()
    known_word_zipf: float = 2.5

    @classmethod
    def build(cls, kb: KnowledgeBase | None = None) -> Lexicon:
        """Build from wordfreq and the names of ``kb`` (the shipped one when None)."""
        morph = load_json("morphology.json")
        zipfs = _wordfreq_keys()
        sets = _NameSets(zipfs, morph)
        heads = frozenset(match_key(w) for w in morph["glue"]["compound_heads"])
        kb = default_knowledge_base() if kb is None else kb
        for name, strength, field_name, kind in iter_names_with_strength(kb):
            sets.add(name, strength, field_name, kind, heads)
        return cls(
            zipfs=zipfs,
            names=frozenset(sets.names),
            glue_names=frozenset(sets.glue),
            strong_names=frozenset(sets.strong),
            anchor_names=frozenset(sets.anchors),
            bare_names=frozenset(sets.bare),
            rare_names=frozenset(sets.rare - sets.glue),
            joined_names=sets.joined,
            proclitics=[
                (match_key(letters), roles) for letters, roles in morph["proclitics"]["entries"]
            ],
            enclitics=[match_key(e) for e in morph["enclitics"]["entries"]],
            function_words=_keys(morph, "function_words"),
            final_letters=frozenset(morph["final_letters"]["entries"]),
            final_marks=frozenset(morph["final_marks"]["entries"]),
            letter_names=_keys(morph, "letter_names"),
            place_heads=_keys(morph, "place_heads"),
            suffix_like=_keys(morph, "suffix_like"),
            ending_pieces=_keys(morph, "ending_pieces"),
            name_particles=_keys(morph, "name_particles"),
            trailing_words={match_key(w): tuple(after) for w, after in
                            morph["trailing_words"]["entries"].items()},
            known_word_zipf=float(morph["known_word_zipf"]["value"]),
        )

    def __repr__(self) -> str:
        return f"Lexicon({len(self.zipfs):,} words, {len(self.names):,} names)"

    def zipf(self, key: str) -> float:
        """Zipf frequency of a matching key (0.0 when unknown)."""
        freq = self.zipfs.get(key)
        return math.log10(freq) + 9.0 if freq else 0.0

    def is_name(self, key: str) -> bool:
        return key in self.names

    def is_known(self, key: str) -> bool:
        """A word in its own right: frequent enough, or a name rasid knows."""
        return key in self.names or self.zipf(key) >= self.known_word_zipf


def default_lexicon() -> Lexicon:
    """The process-wide lexicon over the shipped knowledge base, built on first use."""
    global _DEFAULT
    with _LOCK:
        if _DEFAULT is None:
            _DEFAULT = Lexicon.build()
        return _DEFAULT


class _NameSets:
    """The sets of name words the lexicon keeps, filled one knowledge-base name at a
    time: every name word, the strong ones, glue anchors and pieces, nisba words, rare
    names, and names of several words written joined."""

    def __init__(self, zipfs: dict[str, float], morph: dict[str, Any]) -> None:
        self.zipfs = zipfs
        self.rare_zipf = morph["glue"]["rare_name_zipf"]
        self.names: set[str] = set()
        self.glue: set[str] = set()
        self.strong: set[str] = set()
        self.anchors: set[str] = set()
        self.bare: set[str] = set()
        self.rare: set[str] = set()
        self.joined: dict[str, tuple[int, ...]] = {}

    def add(self, name: str, strength: int, field_name: str, kind: str,
            heads: frozenset[str]) -> None:
        parts = name.split()
        arabic = all(all(is_arabic_letter(c) for c in part) for part in parts)
        if arabic and 2 <= len(parts) <= 4 and match_key(parts[0]) not in heads:
            # a name of several words written without its spaces (سانخوسيه); not
            # compounds written joined on purpose (عبدالله, أبوظبي)
            words = [match_key(part) for part in parts]
            self.joined["".join(words)] = tuple(
                itertools.accumulate(len(word) for word in words[:-1]))
        if field_name == "nisba":
            self.bare.update(match_key(part) for part in parts)
        for part in parts:
            if part and all(is_arabic_letter(c) for c in part):
                self._word(match_key(part), strength, len(parts), kind)

    def _word(self, key: str, strength: int, words: int, kind: str) -> None:
        zipfs = self.zipfs
        self.names.add(key)
        if strength != 0 and len(key) >= 4:
            self.strong.add(key)
        # anchors: one-word names, and the words of states' and organizations' names
        if strength == 2 and len(key) >= 4 and (words == 1 or kind in ("country", "org")):
            self.anchors.add(key)
        elif strength == 2 and len(key) == 3 and words == 1:
            self.anchors.add(key)
        elif strength == 1 and words == 1 and len(key) >= 4 and _zipf(zipfs, key) < 4.0:
            self.anchors.add(key)  # one-word cities (سوسة, بوشهر)
        # glue pieces: whole short names of states and big cities (مصر, عدن), and
        # longer name words that are not ordinary frequent words
        if strength == 2 and (words == 1 or len(key) >= 4):
            self.glue.add(key)
        elif strength == 1 and len(key) >= 4 and _zipf(zipfs, key) < 4.5:
            self.glue.add(key)
        elif strength in (0, -1) and len(key) >= 4 and _zipf(zipfs, key) < self.rare_zipf:
            self.rare.add(key)  # small places, people: rare words only
