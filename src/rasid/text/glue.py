"""Splitting words that were glued together when links were stripped from HTML.

Scraped Arabic news loses the spaces around hyperlinked words: ``روسياوإيران``,
``بالولاياتالمتحدةالأمريكية``. A token is split only when

* the whole token is not itself a word: its frequency is low, it is not a name rasid
  knows, and it is not a known word behind proclitics and pronoun suffixes (so
  ``وتساعدان``, ``عبدالله``, ``والاستراتيجية`` stay whole), and
* every piece is a word in its own right: frequent and long enough, a known name, a
  proclitic plus such a word (``وإيران``, ``بالولايات``), or a short function word in
  front of another piece (``في`` in ``فيسوريا``).

Among the valid splits the one with the lowest cost (sum of ``9 - zipf`` per piece)
wins, so fewer and more frequent pieces are preferred. The thresholds live in
``data/morphology.json``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache

from rasid.resources import load_json
from rasid.text.lexicon import Lexicon
from rasid.text.normalize import match_key

_INF = float("inf")


@dataclass(frozen=True)
class GlueSettings:
    min_token_letters: int
    protect_whole_zipf: float
    protect_stem_zipf: float
    piece_zipf: float
    piece_min_letters: int
    stem_min_letters: int
    clitic_piece_penalty: float
    name_zipf: float
    name_min_letters: int
    max_pieces: int

    @classmethod
    def from_data(cls) -> GlueSettings:
        values = {k: v for k, v in load_json("morphology.json")["glue"].items() if k != "_doc"}
        return cls(**values)


class GlueSplitter:
    """Decides where to put spaces back inside one glued token."""

    def __init__(self, lexicon: Lexicon, settings: GlueSettings | None = None) -> None:
        self.lexicon = lexicon
        self.settings = settings or GlueSettings.from_data()
        self._proclitic_keys = [letters for letters, _ in lexicon.proclitics]
        self.cuts = lru_cache(maxsize=200_000)(self._cuts)

    # -- whole-token protection -------------------------------------------------
    def is_word(self, key: str) -> bool:
        """True when ``key`` is a word as it stands (so it must never be split)."""
        lex, s = self.lexicon, self.settings
        if lex.zipf(key) >= s.protect_whole_zipf or lex.is_name(key):
            return True
        for stem in self._stems(key):
            if len(stem) >= s.stem_min_letters and (
                lex.zipf(stem) >= s.protect_stem_zipf or lex.is_name(stem)
            ):
                return True
        return False

    def _stems(self, key: str) -> list[str]:
        """The key with proclitics and/or one pronoun suffix removed."""
        fronts = [key] + [key[len(p):] for p in self._proclitic_keys if key.startswith(p)]
        stems = []
        for front in fronts:
            if front != key:
                stems.append(front)
            for suffix in self.lexicon.enclitics:
                if front.endswith(suffix) and len(front) > len(suffix):
                    stems.append(front[: -len(suffix)])
        return stems

    # -- pieces ---------------------------------------------------------------------
    def piece_cost(self, piece: str, last: bool) -> float:
        """Cost of ``piece`` as a word of the split (inf when it is not a word)."""
        lex, s = self.lexicon, self.settings
        if piece in lex.function_words:
            return _INF if last else 9.0 - lex.zipf(piece)
        best = _INF
        zipf = lex.zipf(piece)
        if lex.is_name(piece) and len(piece) >= s.name_min_letters:
            best = 9.0 - max(zipf, s.name_zipf)
        elif zipf >= s.piece_zipf and len(piece) >= s.piece_min_letters:
            best = 9.0 - zipf
        for clitic in self._proclitic_keys:
            if not piece.startswith(clitic):
                continue
            stem = piece[len(clitic):]
            if len(stem) < s.stem_min_letters:
                continue
            stem_zipf = lex.zipf(stem)
            if lex.is_name(stem) and len(stem) >= s.name_min_letters:
                stem_zipf = max(stem_zipf, s.name_zipf)
            elif stem_zipf < s.piece_zipf or len(stem) < s.piece_min_letters:
                continue
            best = min(best, 9.0 - stem_zipf + s.clitic_piece_penalty)
        return best

    def _cuts(self, token: str) -> tuple[int, ...]:
        """Positions (character offsets in ``token``) where a space belongs."""
        s = self.settings
        if len(token) < s.min_token_letters:
            return ()
        key = match_key(token)
        if len(key) != len(token):  # diacritics or tatweel inside: leave it alone
            return ()
        if self.is_word(key):
            return ()
        n = len(key)
        # best[i][k]: lowest cost of splitting key[:i] into k pieces, with back-pointers
        best: list[dict[int, tuple[float, int]]] = [dict() for _ in range(n + 1)]
        best[0][0] = (0.0, -1)
        for end in range(1, n + 1):
            last = end == n
            for start in range(end):
                if not best[start]:
                    continue
                cost = self.piece_cost(key[start:end], last)
                if cost == _INF:
                    continue
                for pieces, (prev_cost, _) in best[start].items():
                    if pieces + 1 > s.max_pieces:
                        continue
                    total = prev_cost + cost
                    current = best[end].get(pieces + 1)
                    if current is None or total < current[0]:
                        best[end][pieces + 1] = (total, start)
        candidates = [(cost, k) for k, (cost, _) in best[n].items() if k >= 2]
        if not candidates:
            return ()
        _, pieces = min(candidates)
        cuts = []
        end = n
        while pieces > 0:
            _, start = best[end][pieces]
            if start > 0:
                cuts.append(start)
            end, pieces = start, pieces - 1
        return tuple(sorted(cuts))

    def split(self, token: str) -> list[str]:
        """The token's pieces (one piece when it stays whole)."""
        cuts = self.cuts(token)
        bounds = [0, *cuts, len(token)]
        return [token[a:b] for a, b in itertools.pairwise(bounds)]
