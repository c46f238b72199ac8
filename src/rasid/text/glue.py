"""Splitting words that were glued together when links were stripped from HTML.

Scraped Arabic news loses the spaces around hyperlinked words: ``روسياوإيران``,
``بالولاياتالمتحدةالأمريكية``. A token is split only when

* the whole token is not itself a word: it is not a name rasid knows, not a known word
  behind proclitics and pronoun suffixes (so ``وتساعدان``, ``عبدالله``,
  ``والاستراتيجية`` stay whole), and not a token the word list has seen (zipf 1.5 or
  more) unless every piece is a strong one (``فيروسيا``) or it is two very common words
  (``منخلال``), and
* every piece is a word in its own right: frequent and long enough, a known name, a
  proclitic plus such a word (``وإيران``, ``بالولايات``), a short function word in front
  of another piece (``في`` in ``فيسوريا``), or a rarer word right beside a name.

Some cuts need no search: after ة, ى or tanween inside a token (they only end words), at
the spaces of a several-word name written joined (``سانخوسيه``), between Latin letter
names (``بيبيسي``). The document is context as well (``cuts_in``): words and names it
writes on their own make the same words inside a glued token pieces.

Among the valid splits the one with the lowest cost (sum of ``9 - zipf`` per piece)
wins, so fewer and more frequent pieces are preferred. The thresholds live in
``data/morphology.json``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rasid.caches import cache_size
from rasid.lang.ar.words import word_list
from rasid.resources import load_json
from rasid.text.glue_states import GlueState, PieceClass, transition_table
from rasid.text.lexicon import Lexicon
from rasid.text.normalize import match_key

_INF = float("inf")
#: how a proclitic run that carries the article ends (وال، لل)
_ARTICLE_ENDINGS = word_list("article_clitic_endings")


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
    short_piece_zipf: float
    weak_piece_zipf: float
    unknown_piece_letters: int
    unknown_piece_penalty: float
    cover_zipf: float
    common_short_zipf: float
    protect_joined_zipf: float
    weak_beside_rare_zipf: float
    unseen_clitic_penalty: float
    definite_word_zipf: float
    protect_common_zipf: float
    common_pair_zipf: float
    weak_short_piece_zipf: float
    unknown_letter_cost: float
    document_anchor_zipf: float
    max_pieces: int
    max_token_letters: int
    unknown_piece_max_letters: int
    max_run_letters: int

    @classmethod
    def from_data(cls) -> GlueSettings:
        values = {k: v for k, v in load_json("morphology.json")["glue"].items()
                  if k in cls.__dataclass_fields__}
        return cls(**values)


class DocumentWords:
    """The words of one document, asked whether a form stands in it on its own.

    A form is in the document when the document writes it as a token, or as a token
    behind proclitics (``وباور`` puts ``باور`` in); answers are looked up lazily, as
    only the few tokens that are no words ask.
    """

    __slots__ = ("_answers", "_keys", "_proclitics")

    def __init__(self, keys: frozenset[str], proclitics: tuple[str, ...]) -> None:
        self._keys = keys
        self._proclitics = proclitics
        self._answers: dict[str, bool] = {}

    def __bool__(self) -> bool:
        return bool(self._keys)

    def __contains__(self, form: object) -> bool:
        if not isinstance(form, str):
            return False
        answer = self._answers.get(form)
        if answer is None:
            keys = self._keys
            answer = form in keys or (len(form) >= 3 and any(
                clitic + form in keys for clitic in self._proclitics))
            self._answers[form] = answer
        return answer


class GlueSplitter:
    """Decides where to put spaces back inside one glued token."""

    def __init__(self, lexicon: Lexicon, settings: GlueSettings | None = None) -> None:
        self.lexicon = lexicon
        self.settings = settings or GlueSettings.from_data()
        #: which piece may follow which (``lang/ar/data/glue_states.json``)
        self.table = transition_table()
        self._proclitic_keys = [letters for letters, _ in lexicon.proclitics]
        # letters a proclitic starts with: a three-letter name starting with one (واس)
        # may be a clitic plus the start of a word
        self._clitic_letters = frozenset(key[0] for key in self._proclitic_keys)
        self.cuts = lru_cache(maxsize=cache_size("glue_cuts"))(self._cuts)
        self.letter_cuts = lru_cache(maxsize=cache_size("glue_letter_cuts"))(
            self._letter_cuts)
        self.coverable = lru_cache(maxsize=cache_size("glue_coverable"))(self._coverable)
        self.contextual = lru_cache(maxsize=cache_size("glue_contextual"))(
            self._contextual)
        self.forms = lru_cache(maxsize=cache_size("glue_forms"))(self._forms)
        self.clitics_of = lru_cache(maxsize=cache_size("glue_clitics_of"))(
            self._clitics_of)

    # -- whole-token protection -------------------------------------------------
    def is_word(self, key: str) -> bool:
        """True when ``key`` is a word as it stands (so it must never be split)."""
        lex, s = self.lexicon, self.settings
        if lex.zipf(key) >= s.protect_common_zipf or lex.is_name(key):
            return True
        for particle in lex.name_particles:
            # فيجدة is في جدة far more often than ف+يجده
            if key.startswith(particle) and key[len(particle):] in lex.glue_names:
                return False
        for stem in self._stems(key):
            if len(stem) >= s.stem_min_letters and (
                lex.zipf(stem) >= s.protect_stem_zipf or lex.is_name(stem)
            ):
                return True
        return False

    def _stems(self, key: str) -> list[str]:
        """The key with proclitics and/or one pronoun suffix removed."""
        fronts = [key] + [key[len(p):] for p in self.clitics_of(key)]
        stems = []
        for front in fronts:
            if front != key:
                stems.append(front)
            for suffix in self.lexicon.enclitics:
                if front.endswith(suffix) and len(front) > len(suffix):
                    stems.append(front[: -len(suffix)])
        return stems

    # -- pieces ---------------------------------------------------------------------
    def piece(self, piece: str, last: bool,
              anchors: frozenset[str] = frozenset()) -> tuple[float, PieceClass]:
        """Cost and class of ``piece`` as a word of a split.

        Classes: ``word``/``plain``/``definite`` (frequent words of four letters or
        more, with or without proclitics; ``plain`` ones may not follow a particle,
        ``definite`` ones accept a rarer word before them), ``name`` and ``anchor``
        (names rasid knows; anchors are states, capitals, big cities, organizations,
        joined several-word names and names the document writes on its own;
        ``anchor3`` a three-letter one that starts like a clitic), ``rare`` (a person
        or a small place), ``particle`` (في, من…), ``suffix_like`` (ان, ين last),
        ``head`` (ريف, جسر before a name), and the ones that must stand next to a
        name: ``short``/``short_common`` (frequent three-letter words: دول, حزب),
        ``weak``/``weak_low`` (rarer words: النفطية) and ``unknown`` (a word the list
        lacks), ``trailing`` (و, بن last). Cost is ``inf`` (class ``none``) when the
        piece is no word at all. The classes and what may follow what are listed in
        ``lang/ar/data/glue_states.json``.
        """
        zipf = self.lexicon.zipf(piece)
        found = self._fixed_class(piece, last, anchors, zipf)
        if found is not None:
            return found
        costs, name = self._word_costs(piece, zipf)
        if costs:
            return self._known_class(piece, zipf, min(costs), name)
        return self._weak_class(piece, zipf)

    def _fixed_class(self, piece: str, last: bool, anchors: frozenset[str], zipf: float
                     ) -> tuple[float, PieceClass] | None:
        """A joined several-word name, a name the document writes on its own, a trailing
        word, a particle or suffix, a place head; None for any other piece."""
        lex, s = self.lexicon, self.settings
        if self.joined(piece) is not None:
            # a name of several words the knowledge base knows (سانخوسيه، حفرالباطن)
            return 9.0 - s.name_zipf + s.clitic_piece_penalty, PieceClass.ANCHOR
        if anchors and any(form in anchors for form in self.forms(piece)):
            # a name this document also writes on its own
            return 9.0 - max(zipf, s.name_zipf) + s.clitic_piece_penalty, PieceClass.ANCHOR
        if last and piece in lex.trailing_words:
            return 9.0 - zipf, PieceClass.TRAILING
        if piece in lex.function_words and len(piece) < s.piece_min_letters:
            if last and piece in lex.suffix_like:
                return 9.0 - zipf, PieceClass.SUFFIX_LIKE
            return 9.0 - zipf, PieceClass.PARTICLE
        if piece in lex.place_heads:
            return 9.0 - zipf, PieceClass.HEAD
        return None

    def _word_costs(self, piece: str, zipf: float) -> tuple[list[float], bool]:
        """The costs of reading ``piece`` as a frequent word or a name, whole or behind
        its clitics, and whether one of those readings is a name."""
        lex, s = self.lexicon, self.settings
        costs: list[float] = []
        name = piece in lex.glue_names
        if name:
            costs.append(9.0 - max(zipf, s.name_zipf))
        elif piece in lex.strong_names and zipf >= s.piece_zipf:
            # a frequent name (داعش, فهد): a word that also counts as a name beside others
            name = True
            costs.append(9.0 - zipf)
        if len(piece) >= s.piece_min_letters and zipf >= s.piece_zipf:
            costs.append(9.0 - zipf)
        for clitic in self.clitics_of(piece):
            stem = piece[len(clitic):]
            if len(stem) < s.stem_min_letters:
                continue
            stem_zipf = lex.zipf(stem)
            if zipf == 0:
                # never seen with these clitics: فالاطلسي is less likely than للحلف|الاطلسي
                stem_zipf -= s.unseen_clitic_penalty
            # the article goes on nisba forms (الإيراني), never on a bare name (المصر)
            article = clitic.endswith(_ARTICLE_ENDINGS)
            if stem in lex.glue_names and (not article or stem in lex.bare_names):
                name = True
                costs.append(9.0 - max(stem_zipf, s.name_zipf) + s.clitic_piece_penalty)
            elif stem in lex.strong_names and stem_zipf >= s.piece_zipf and (
                    not article or stem in lex.bare_names):
                name = True
                costs.append(9.0 - stem_zipf + s.clitic_piece_penalty)
            elif stem_zipf >= s.piece_zipf and len(stem) >= s.piece_min_letters and not (
                    article and stem in lex.strong_names and stem not in lex.bare_names):
                costs.append(9.0 - stem_zipf + s.clitic_piece_penalty)
        return costs, name

    def _known_class(self, piece: str, zipf: float, cost: float, name: bool
                     ) -> tuple[float, PieceClass]:
        """The class of a piece read as a known word or name: ``anchor``/``anchor3``,
        ``name``, ``definite``, ``word`` or ``plain``."""
        lex, s = self.lexicon, self.settings
        if name:
            anchor = piece in lex.anchor_names or any(
                piece.startswith(c) and piece[len(c):] in lex.anchor_names
                and (not c.endswith(_ARTICLE_ENDINGS) or piece[len(c):] in lex.bare_names)
                for c in self.clitics_of(piece))
            if not anchor:
                if piece.startswith("ال") and zipf >= s.definite_word_zipf:
                    return cost, PieceClass.DEFINITE
                return cost, PieceClass.NAME
            # three-letter anchors that start like a clitic (واس, فاس) also start
            # many words (واستطرد): they anchor only frequent pieces
            short = len(piece) < 4 and piece[0] in self._clitic_letters
            return cost, PieceClass.ANCHOR3 if short else PieceClass.ANCHOR
        # after a particle only a definite or quite frequent word: في منطقة, not من اخية
        plain = zipf < s.piece_zipf + 0.5 and not piece.startswith("ال")
        if piece.startswith("ال") and zipf >= s.definite_word_zipf:
            # a frequent definite word (المنطقة) after a rarer one: شهدتهاالمنطقة
            return cost, PieceClass.DEFINITE
        return cost, PieceClass.PLAIN if plain else PieceClass.WORD

    def _weak_class(self, piece: str, zipf: float) -> tuple[float, PieceClass]:
        """A piece that is no frequent word or name: a rare name, a short or weak word,
        an unknown word that may stand beside a name, or no word at all (``inf``)."""
        lex, s = self.lexicon, self.settings
        if piece in lex.rare_names or any(
                piece.startswith(c) and not c.endswith(_ARTICLE_ENDINGS)
                and piece[len(c):] in lex.rare_names for c in self.clitics_of(piece)):
            # a small place or a person: a word beside ordinary words, never beside
            # a particle (من دوبو is more often a word of its own)
            definite = piece.startswith("ال")
            return (9.0 - s.name_zipf + s.clitic_piece_penalty,
                    PieceClass.RARE_AL if definite else PieceClass.RARE)
        if len(piece) == s.piece_min_letters - 1 and zipf >= s.short_piece_zipf:
            if zipf >= s.common_short_zipf:
                # a very common three-letter noun (حزب, قوة): a word after a particle too
                return 9.0 - zipf + s.clitic_piece_penalty, PieceClass.SHORT_COMMON
            return 9.0 - zipf + s.clitic_piece_penalty, PieceClass.SHORT
        if (len(piece) >= s.piece_min_letters and zipf >= s.weak_piece_zipf) or (
                len(piece) == s.piece_min_letters - 1 and zipf >= s.weak_short_piece_zipf):
            # beside a rare name only a word of some frequency: دوبو|ويتز is one name
            common = zipf >= s.weak_beside_rare_zipf and len(piece) >= s.piece_min_letters
            return (9.0 - zipf + s.clitic_piece_penalty,
                    PieceClass.WEAK if common else PieceClass.WEAK_LOW)
        if s.unknown_piece_letters <= len(piece) <= s.unknown_piece_max_letters \
                and not self.coverable(piece) and not self.letter_cuts(piece):
            # a word the lexicon has never seen (a rare name) beside an anchor name; one
            # that could itself be split, or that known words cover, is no single word
            # each letter makes an unknown string less likely a word: سالزبورج, not
            # سالزبورجال before نمساوية
            extra = s.unknown_letter_cost * (len(piece) - s.unknown_piece_letters)
            return 9.0 + s.unknown_piece_penalty + extra, PieceClass.UNKNOWN
        return _INF, PieceClass.NONE

    def joined(self, piece: str) -> tuple[int, ...] | None:
        """The inner cuts of a several-word name written joined, maybe after clitics."""
        names = self.lexicon.joined_names
        if piece in names:
            return names[piece]
        for clitic in self.clitics_of(piece):
            rest = piece[len(clitic):]
            if clitic.endswith("لل"):
                # ل before the article drops its alef: للولاياتالمتحدة
                if "ال" + rest in names:
                    return tuple(len(clitic) - 2 + cut for cut in names["ال" + rest])
            elif not clitic.endswith("ال") and rest in names:
                return tuple(len(clitic) + cut for cut in names[rest])
        return None

    def _common_pair_cuts(self, key: str) -> tuple[int, ...]:
        """The one cut of a seen token that is two very common words (منخلال).

        Web text glues the commonest pairs often enough that the word list has them;
        they are split when both halves are far more common than the pair.
        """
        lex, s = self.lexicon, self.settings
        whole = lex.zipf(key)
        if lex.is_name(key) or whole >= s.protect_common_zipf:
            return ()
        best = None
        for cut in range(2, len(key) - 2):
            head, tail = key[:cut], key[cut:]
            if not (head in lex.function_words or len(head) >= s.piece_min_letters) or \
                    len(tail) < s.piece_min_letters:
                continue
            left, right = lex.zipf(head), lex.zipf(tail)
            if min(left, right) >= s.common_pair_zipf and (
                    best is None or left + right > best[0]):
                best = (left + right, cut)
        return (best[1],) if best else ()

    def _letter_name_cuts(self, key: str) -> tuple[int, ...]:
        """Cuts of a token spelled only with Latin letter names (بيبيسي, سيإنإن)."""
        names = self.lexicon.letter_names
        n = len(key)
        back: list[int | None] = [None] * (n + 1)
        back[0] = 0
        for end in range(2, n + 1):
            for size in (2, 3, 4):
                start = end - size
                if start >= 0 and back[start] is not None and key[start:end] in names:
                    back[end] = start
                    break
        if back[n] is None:
            return ()
        if key.endswith("ان") and not key.endswith("انان"):
            return ()  # the dual ending (انديان، يوديان), except سي إن إن
        cuts, position = [], n
        while position > 0:
            position = back[position]
            if position:
                cuts.append(position)
        return tuple(sorted(cuts))

    def _coverable(self, key: str) -> bool:
        """True when known words (three letters or more, or particles) cover ``key``.

        ``تستطلعلندنو`` is covered (تستطلع، لندن، و…): such a string is glued words
        the rules could not separate, not one unknown word.
        """
        lex, s = self.lexicon, self.settings

        def known(piece: str) -> bool:
            if piece in lex.function_words:
                return True
            for stem in [piece] + [piece[len(c):] for c in self.clitics_of(piece)]:
                if len(stem) >= 3 and (lex.zipf(stem) >= s.cover_zipf or stem in lex.names):
                    return True
            return False

        n = len(key)
        reach = [True] + [False] * n
        for end in range(1, n + 1):
            reach[end] = any(reach[start] and known(key[start:end])
                             for start in range(max(0, end - 20), end - 1))
        return reach[n]

    def _cuts(self, token: str) -> tuple[int, ...]:
        """Positions (character offsets in ``token``) where a space belongs.

        Diacritics (``عدوًا``) are skipped for the decision and the cuts mapped back,
        never placed right before a mark.
        """
        forced = self._final_letter_cuts(token)
        if forced:
            cuts: list[int] = []
            bounds = [0, *forced, len(token)]
            for a, b in itertools.pairwise(bounds):
                cuts.extend(a + cut for cut in self._segment_cuts(token[a:b]))
            return tuple(sorted({*forced, *cuts}))
        return self._segment_cuts(token)

    def _final_letter_cuts(self, token: str) -> tuple[int, ...]:
        """Cuts right after ة, ى or tanween inside a token: they only end a word.

        ``دولةالإمارات``, ``علىأن``. The cut needs two letters on each side, so a
        misplaced ى before a hamza (``مفاجىء``) stays.
        """
        cuts = []
        marks = self.lexicon.final_letters
        final_marks = self.lexicon.final_marks
        if not any(char in marks or char in final_marks for char in token[:-1]):
            return ()
        # letters (characters with a matching key) up to each position, counted once so
        # that a long run of letters costs time in proportion to its length
        letters_before = [0, *itertools.accumulate(1 if match_key(c) else 0 for c in token)]
        total = letters_before[-1]
        for index, char in enumerate(token[:-1]):
            if char in final_marks:
                # tanween ends a word too, after its alef (عدوًا، عدواً)
                if token[index + 1] == "ا":
                    if index + 2 >= len(token):
                        continue
                    index += 1
            elif char not in marks:
                continue
            before = letters_before[index + 1]
            after = total - before
            if before >= 2 and after >= 2 and match_key(token[index + 1]):
                cuts.append(index + 1)
        return tuple(cuts)

    def _segment_cuts(self, token: str) -> tuple[int, ...]:
        key = match_key(token)
        if len(key) == len(token):
            return self.letter_cuts(key)
        letters = [i for i, char in enumerate(token) if match_key(char)]
        if len(letters) != len(key):
            return ()
        return tuple(letters[cut] for cut in self.letter_cuts(key))

    def _letter_cuts(self, key: str, anchors: frozenset[str] = frozenset()
                     ) -> tuple[int, ...]:
        s = self.settings
        if not s.min_token_letters <= len(key) <= s.max_token_letters:
            return ()  # too short to hold two words, or no glue of a few words at all
        inner = self.joined(key)
        if inner and not self.lexicon.is_name(key) and \
                self.lexicon.zipf(key) < s.protect_joined_zipf:
            return inner
        if self.is_word(key):
            return self._common_pair_cuts(key)
        spelled = self._letter_name_cuts(key)
        if spelled:
            return spelled
        if self.lexicon.zipf(key) >= s.protect_whole_zipf:
            # the word list has seen this token: a word, unless its pieces are all
            # strong (فيروسيا، تلابيب are common glue on the web too)
            cuts = self._best_cuts(key)
            bounds = [0, *cuts, len(key)]
            if cuts and all(self._strong(key[a:b]) for a, b in itertools.pairwise(bounds)):
                return cuts
            return self._common_pair_cuts(key)
        return self._best_cuts(key, anchors)

    def _strong(self, piece: str) -> bool:
        """A piece safe to cut out of a token the word list has seen."""
        lex = self.lexicon
        if piece in lex.function_words or piece in lex.place_heads:
            return True
        forms = [piece] + [piece[len(c):] for c in self.clitics_of(piece)
                           if not c.endswith(_ARTICLE_ENDINGS)]
        return any(form in lex.anchor_names for form in forms)

    def _best_cuts(self, key: str, anchors: frozenset[str] = frozenset()
                   ) -> tuple[int, ...]:
        s, table = self.settings, self.table
        n = len(key)
        # states[i][(pieces, state)] = (cost, previous slot) for splits of key[:i] whose
        # pieces left ``state`` (a waiting one when a short or weak piece still waits
        # for a name on its right)
        states: list[dict[tuple[int, GlueState],
                          tuple[float, tuple[int, int, GlueState] | None]]] = [
            {} for _ in range(n + 1)]
        states[0][(0, table.start)] = (0.0, None)
        for end in range(1, n + 1):
            for start in range(end):
                if not states[start]:
                    continue
                if start == 0 and end == n:
                    continue  # a split has two pieces at least
                piece = key[start:end]
                cost, kind = self.piece(piece, end == n, anchors)
                if cost == _INF:
                    continue
                if start and key[start - 1] == "ي" and piece in self.lexicon.suffix_like:
                    continue  # تركيان, البريطانيتان: a dual or plural ending, not a word
                if start and piece in self.lexicon.ending_pieces:
                    continue  # العاميات, فالديون: an ending, not a word
                for (pieces, previous), (prev_cost, _) in states[start].items():
                    if pieces + 1 > s.max_pieces:
                        continue
                    state = self._next_state(previous, kind, end == n, pieces, piece)
                    if state is None:
                        continue
                    total = prev_cost + cost
                    slot = (pieces + 1, state)
                    current = states[end].get(slot)
                    if current is None or total < current[0]:
                        states[end][slot] = (total, (start, pieces, previous))
        finals = [(cost, slot) for slot, (cost, _) in states[n].items()
                  if slot[0] >= 2 and slot[1] not in table.waiting]
        if not finals:
            return ()
        return self._trace_cuts(key, states, min(finals)[1])

    def _trace_cuts(self, key: str, states: list[dict], slot: tuple[int, GlueState]
                    ) -> tuple[int, ...]:
        """The cuts of the cheapest split, read back from its last slot (with the inner
        cuts of joined several-word names among its pieces)."""
        cuts = []
        position = len(key)
        while True:
            _, back = states[position][slot]
            if back is None:
                break
            start, pieces, previous = back
            if start > 0:
                cuts.append(start)
            cuts.extend(start + cut for cut in self.joined(key[start:position]) or ())
            position, slot = start, (pieces, previous)
        return tuple(sorted(cuts))

    def _next_state(self, previous: GlueState, kind: PieceClass, last: bool, pieces: int,
                    piece: str) -> GlueState | None:
        """The state after adding ``piece`` of class ``kind`` to a split of ``pieces``
        pieces that left ``previous``, or None if the piece may not stand there.

        The transition table says it (short and weak pieces need an anchor right beside
        them; particles come before a piece, or last after a name or as the second of
        exactly two: علىأن); a trailing word also needs a state its entry in
        ``trailing_words`` lists (و only after an anchor).
        """
        state = self.table.next(previous, kind, last, pieces == 1)
        if state is not None and kind is PieceClass.TRAILING and \
                previous not in self.lexicon.trailing_words[piece]:
            return None
        return state

    # -- document context ---------------------------------------------------------
    def _forms(self, key: str) -> tuple[str, ...]:
        """``key`` and the key without each proclitic it may carry (three letters left)."""
        return (key, *(key[len(p):] for p in self.clitics_of(key) if len(key) - len(p) >= 3))

    def _clitics_of(self, key: str) -> tuple[str, ...]:
        """The proclitic sequences ``key`` starts with."""
        return tuple(p for p in self._proclitic_keys if key.startswith(p))

    def context_of(self, keys: Iterable[str]) -> DocumentWords:
        """The words a document writes on their own, with or without proclitics."""
        return DocumentWords(frozenset(keys), tuple(self._proclitic_keys))

    def _seen(self, piece: str, context: DocumentWords) -> bool:
        return any(form in context for form in self.forms(piece))

    def context_cuts(self, key: str, context: DocumentWords) -> tuple[int, ...]:
        """Cuts into two or three pieces that the same document writes on their own.

        A link-stripped name is rarely named only once: when every piece of a token
        that is no word stands elsewhere in the document as a word of its own
        (سامنثا, باور), the token is those words glued together.
        """
        s = self.settings
        n = len(key)
        if n < s.min_token_letters or self.is_word(key) or \
                self.lexicon.zipf(key) >= s.protect_whole_zipf:
            return ()
        lex = self.lexicon

        def ok(piece: str, first: bool) -> bool:
            if first and piece in lex.function_words:
                return True
            if len(piece) < 3 or (len(piece) == 3 and piece not in lex.glue_names):
                return False
            # a word of the lexicon: unknown pieces would spread one bad split to
            # every copy of the word
            return any(form in context and (lex.zipf(form) > 0 or form in lex.names)
                       for form in self.forms(piece))

        best: tuple[float, tuple[int, ...]] | None = None
        for a in range(2, n - 2):
            head = key[:a]
            if not ok(head, True):
                continue
            head_cost = 9.0 - lex.zipf(head)
            options = [(a,)] + [(a, b) for b in range(a + 3, n - 2)]
            for cuts in options:
                bounds = [0, *cuts, n]
                rest = [key[x:y] for x, y in itertools.pairwise(bounds)][1:]
                if all(ok(piece, False) for piece in rest):
                    cost = head_cost + sum(9.0 - lex.zipf(piece) for piece in rest)
                    if best is None or cost < best[0]:
                        best = (cost, cuts)
        return best[1] if best else ()

    def cuts_in(self, token: str, context: DocumentWords) -> tuple[int, ...]:
        """Cuts for ``token`` in a document whose words are ``context``."""
        cuts = self.cuts(token)
        if not self.contextual(token):
            return cuts
        key = match_key(token)
        if cuts:
            bounds = [0, *cuts, len(key)]
            if all(self._seen(key[x:y], context) for x, y in itertools.pairwise(bounds)):
                return cuts
        found = self.context_cuts(key, context)
        if found:
            return found
        n = len(key)
        anchors = frozenset(key[i:j] for i in range(n) for j in range(i + 4, n + 1)
                            if (i, j) != (0, n) and self._document_anchor(key[i:j], context))
        if anchors:
            return self._letter_cuts(key, anchors)
        return cuts

    def _contextual(self, token: str) -> bool:
        """Whether the document's other words may decide this token's cuts.

        Not for words (the word list or the knowledge base knows them), short tokens,
        or tokens whose cuts ة/ى or diacritics already decide.
        """
        key = match_key(token)
        return (len(key) == len(token)
                and self.settings.min_token_letters <= len(key) <= self.settings.max_token_letters
                and not self._final_letter_cuts(token) and not self.is_word(key)
                and self.lexicon.zipf(key) < self.settings.protect_whole_zipf)

    def _document_anchor(self, word: str, context: DocumentWords) -> bool:
        """A name the knowledge base knows that the document also writes on its own."""
        lex = self.lexicon
        return (word in lex.names or word in lex.rare_names) and \
            lex.zipf(word) < self.settings.document_anchor_zipf and word in context

    def split(self, token: str) -> list[str]:
        """The token's pieces (one piece when it stays whole)."""
        cuts = self.cuts(token)
        bounds = [0, *cuts, len(token)]
        return [token[a:b] for a, b in itertools.pairwise(bounds)]

