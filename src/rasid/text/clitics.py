"""The words inside an Arabic surface token: proclitics, stem, pronoun suffix.

``وبالقاهرة`` is one surface token but four words: و (conj) ب (prep) ال (det)
قاهرة (stem). A clitic is split off only when what remains is a known word, so names
and ordinary words that merely begin with و, ب or ل (``وزير``, ``بوتين``, ``لبنان``)
stay whole. The rules and lists live in ``rasid/lang/ar/data/morphology.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rasid.caches import cache_size
from rasid.resources import load_json
from rasid.text.lexicon import Lexicon
from rasid.text.normalize import match_key

#: Proclitic parts as written in morphology.json: (role, length) of the words they
#: become. ``prep+det`` is لل, the preposition ل plus the article with its alef elided.
_PARTS = {
    "conj": (("conj", 1),),
    "prep": (("prep", 1),),
    "det": (("det", 2),),
    "fut": (("fut", 1),),
    "prep+det": (("prep", 1), ("det", 1)),
}


@dataclass(frozen=True, slots=True)
class Piece:
    """A part of a token: offsets relative to the token's start."""

    start: int
    end: int
    role: str


class CliticSplitter:
    """Splits a surface token into its words; results are cached by surface form."""

    def __init__(self, lexicon: Lexicon) -> None:
        morph = load_json("morphology.json")
        seg = morph["segmentation"]
        self.lexicon = lexicon
        self.proclitics: list[tuple[str, list[str]]] = [
            (letters, roles) for letters, roles in morph["proclitics"]["entries"]
        ]
        self.enclitics: list[str] = list(seg["enclitics"])
        self.min_stem = int(seg["min_stem_letters"])
        self.margin = float(seg["margin"])
        self.future_initials = set(seg["future_stem_initials"])
        self.unsplittable = frozenset(match_key(w) for w in seg["unsplittable"])
        self.split = lru_cache(maxsize=cache_size("clitic_split"))(self._split)

    def _stem_ok(self, stem: str, whole_zipf: float, needs_margin: bool) -> bool:
        if len(stem) < self.min_stem:
            return False
        key = match_key(stem)
        if key in self.lexicon.strong_names or key in self.lexicon.anchor_names:
            return True
        zipf = self.lexicon.zipf(key)
        if zipf < self.lexicon.known_word_zipf:
            return False
        return not needs_margin or zipf >= whole_zipf - self.margin

    def _split(self, token: str) -> tuple[Piece, ...]:
        """Pieces of ``token`` (one ``stem`` piece when nothing is split off)."""
        whole_key = match_key(token)
        lexicon = self.lexicon
        if whole_key in self.unsplittable or (
                whole_key in lexicon.strong_names and whole_key not in lexicon.zipfs):
            return (Piece(0, len(token), "stem"),)
        whole_zipf = self.lexicon.zipf(whole_key)
        front_options: list[tuple[str, list[str]]] = [
            (letters, roles) for letters, roles in self.proclitics if token.startswith(letters)
        ]
        front_options.append(("", []))
        for letters, roles in front_options:
            rest = token[len(letters):]
            if "fut" in roles and (not rest or rest[0] not in self.future_initials):
                continue
            # a bare article needs no frequency margin; و ف ب ل ك do
            needs_margin = bool(roles) and roles[-1] not in ("det", "prep+det")
            suffixes = [s for s in self.enclitics if rest.endswith(s) and len(rest) > len(s)]
            candidates = [(rest[: -len(s)], s) for s in suffixes]
            if letters:
                candidates.append((rest, ""))
            for stem, suffix in candidates:
                if stem in self.unsplittable:
                    continue
                if self._stem_ok(stem, whole_zipf, needs_margin or bool(suffix)):
                    return self._pieces(letters, roles, stem, suffix)
        return (Piece(0, len(token), "stem"),)

    @staticmethod
    def _pieces(letters: str, roles: list[str], stem: str, suffix: str) -> tuple[Piece, ...]:
        pieces = []
        position = 0
        for part in roles:
            for role, length in _PARTS[part]:
                pieces.append(Piece(position, position + length, role))
                position += length
        pieces.append(Piece(position, position + len(stem), "stem"))
        position += len(stem)
        if suffix:
            pieces.append(Piece(position, position + len(suffix), "pron"))
        return tuple(pieces)


#: One splitter per lexicon, by the lexicon's id (the lexicon is kept with it, so the id
#: stays its own): the segmenter and the tagger's features split the same forms.
_SHARED: dict[int, tuple[Lexicon, CliticSplitter]] = {}


def shared_splitter(lexicon: Lexicon) -> CliticSplitter:
    """The process's splitter for ``lexicon``: each form is split once, whoever asks
    first (the segmenter, the tagger's features, the event coder's title pass)."""
    found = _SHARED.get(id(lexicon))
    if found is None or found[0] is not lexicon:
        found = _SHARED[id(lexicon)] = (lexicon, CliticSplitter(lexicon))
    return found[1]
