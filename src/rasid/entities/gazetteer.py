"""Gazetteer matching of knowledge-base names over a Doc's tokens.

Names are indexed as sequences of word keys in a trie. The first word may carry
proclitics (``وإيران``, ``لموسكو``, ``بالقاهرة``, ``للقاهرة``); nisba adjectives and
agent nouns are stored without the article and match with or without it (``روسي``,
``الروسية``, ``والروس``). The longest match wins; the mention's span starts after the
proclitics so that it covers the name itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from rasid.caches import cache_size
from rasid.doc import Token
from rasid.kb.loader import KnowledgeBase
from rasid.lang.ar.words import word_list
from rasid.text.lexicon import Lexicon
from rasid.text.normalize import match_key

#: Forms that may match with the article stripped (they are stored without it).
_BARE_FORMS = frozenset({"nisba", "agent"})
_END = "$"


@dataclass(frozen=True, slots=True)
class NameEntry:
    entity_id: str
    form: str  # name, nisba, agent, abbr


@dataclass(frozen=True, slots=True)
class Match:
    first: int  # token index
    last: int  # token index, inclusive
    start: int  # character offsets
    end: int
    entries: tuple[NameEntry, ...]
    bare: bool  # matched with the article stripped


def _name_variants(name: str) -> list[str]:
    """A name and the spelling news also uses for its compounds (عبد الله / عبدالله)."""
    if " عبد " not in f" {name} ":
        return [name]
    return [name, name.replace("عبد ", "عبد")]


#: Forms whose phrase starts an index keeps (then no more are added): the frequent
#: forms come first, and a dozen indexes each holding this many stay near 40 MB in all.
_MAX_STARTS = cache_size("phrase_starts")

#: Forms whose first-word keys an index configuration keeps (then no more are added)
_MAX_FIRST_KEYS = cache_size("phrase_first_keys")

#: first-word keys by index configuration, then by surface form (bounded per config)
_SHARED_FIRST_KEYS: dict[tuple, dict[str, list[tuple[str, int, bool]]]] = {}


class PhraseIndex:
    """A trie of word-key sequences to entries (names, titles, cue phrases)."""

    def __init__(self, proclitics: list[str], lexicon: Lexicon | None = None,
                 margin: float = 1.0, future: bool = False,
                 suffixes: tuple[str, ...] = (), article_optional: bool = False) -> None:
        self.root: dict = {}
        # the future marker س never precedes a name, only a verb
        self.proclitics = sorted({p for p in proclitics if future or "س" not in p}, key=len,
                                 reverse=True)
        self.lexicon = lexicon
        self.margin = margin
        # trigger words and cue phrases are listed without the article and match with it
        self.article_optional = article_optional
        # pronoun suffixes a phrase's first word may carry (قمتهم, اجتماعهم, زيارته)
        self.suffixes = tuple(sorted(suffixes, key=len, reverse=True))
        # indexes built alike (the event coder's cue, blocker and context indexes) share
        # the keys they compute for a word: each word is read once, not once per index
        config = (tuple(self.proclitics), id(lexicon) if lexicon is not None else None,
                  margin, self.suffixes)
        self._first_cache = _SHARED_FIRST_KEYS.setdefault(config, {})
        # the proclitics a word's first letter allows and the suffixes its last letter
        # allows, in their order: a new word is compared with those only
        self._clitics_by_initial: dict[str, list[str]] = {}
        self._suffixes_by_final: dict[str, list[str]] = {}
        # per surface form, the first-word keys that begin a phrase of this index, with
        # their trie nodes: most words begin none, and are then passed over at once
        self._starts: dict[str, tuple[tuple[dict, int, bool], ...]] = {}

    def add_phrase(self, text: str, entry: NameEntry) -> None:
        self._add([match_key(w) for w in text.split()], entry)

    def _add(self, keys: list[str], entry: NameEntry) -> None:
        if not keys:
            return
        self._starts.clear()  # a new first word may begin a phrase now
        node = self.root
        for key in keys:
            node = node.setdefault(key, {})
        entries = node.setdefault(_END, [])
        if entry not in entries:
            entries.append(entry)

    def first_keys(self, token: Token) -> list[tuple[str, int, bool]]:
        """Keys the first word of a name may have in ``token``: (key, offset, bare)."""
        if token.kind == "latin":
            return [(f"latin:{token.text}", 0, False)]
        if token.kind != "arabic":
            return []
        cached = self._first_cache.get(token.text)
        if cached is None:
            cached = self._first_keys(token.text)
            if len(self._first_cache) < _MAX_FIRST_KEYS:
                self._first_cache[token.text] = cached
        return cached

    def _first_keys(self, surface: str) -> list[tuple[str, int, bool]]:
        whole = match_key(surface)
        options = [(whole, 0, False)]
        whole_zipf = self.lexicon.zipf(whole) if self.lexicon else 0.0
        initial = surface[:1]
        clitics = self._clitics_by_initial.get(initial)
        if clitics is None:
            clitics = [c for c in self.proclitics if initial.startswith(c[:1])]
            self._clitics_by_initial[initial] = clitics
        for clitic in clitics:
            if not surface.startswith(clitic) or len(surface) - len(clitic) < 3:
                continue
            rest = surface[len(clitic):]
            # كبيرا is not ك + بيرا: a stripped form must be about as common as the whole
            if self.lexicon is not None and not clitic.endswith(word_list("article_endings")) and \
                    self.lexicon.zipf(match_key(rest)) + self.margin < whole_zipf:
                continue
            if clitic.endswith("ال"):
                offset = len(clitic) - 2
                options.append((match_key(surface[offset:]), offset, False))
                options.append((match_key(rest), offset, True))
            elif clitic.endswith("لل"):
                options.append((match_key("ال" + rest), len(clitic) - 1, False))
                options.append((match_key(rest), len(clitic) - 1, True))
            else:
                options.append((match_key(rest), len(clitic), False))
        if self.suffixes:
            by_final = self._suffixes_by_final
            for key, offset, bare in list(options):
                final = key[-1:]
                suffixes = by_final.get(final)
                if suffixes is None:
                    suffixes = [x for x in self.suffixes if final.endswith(x[-1:])]
                    by_final[final] = suffixes
                for suffix in suffixes:
                    if key.endswith(suffix) and len(key) - len(suffix) >= 3:
                        stem = key[: -len(suffix)]
                        options.append((stem[:-1] + "ه" if stem.endswith("ت") else stem,
                                        offset, bare))
                        options.append((stem, offset, bare))
        return options

    def starts(self, token: Token) -> tuple[tuple[dict, int, bool], ...]:
        """Where a phrase of this index may begin in ``token``: (trie node after the
        first word, offset of the first word in the token, bare), in the order of
        :meth:`first_keys`; empty for most words."""
        surface = token.text if token.kind == "arabic" else f"{token.kind}:{token.text}"
        found = self._starts.get(surface)
        if found is None:
            root = self.root
            found = tuple((root[key], offset, bare) for key, offset, bare
                          in self.first_keys(token) if key in root)
            if len(self._starts) < _MAX_STARTS:
                self._starts[surface] = found
        return found

    def match(self, tokens: list[Token]) -> list[Match]:
        """Longest, non-overlapping matches, left to right."""
        matches: list[Match] = []
        index = 0
        count = len(tokens)
        starts = self.starts
        cached = self._starts.get
        while index < count:
            token = tokens[index]
            if token.kind == "arabic":
                found = cached(token.text)
                if found is None:
                    found = starts(token)
            elif token.kind == "latin":
                found = starts(token)
            else:
                found = ()
            if not found:
                index += 1
                continue
            best: Match | None = None
            for first_node, offset, bare in found:
                node: dict | None = first_node
                last = index
                while node is not None:
                    entries = node.get(_END)
                    if entries:
                        usable = tuple(e for e in entries if not bare or self.article_optional
                                       or e.form in _BARE_FORMS)
                        if usable and (best is None or last > best.last or (
                                last == best.last and best.bare and not bare)):
                            best = Match(index, last, tokens[index].start + offset,
                                         tokens[last].end, usable, bare)
                    last += 1
                    if last >= count or tokens[last].kind not in ("arabic", "latin"):
                        break
                    if tokens[last].start - tokens[last - 1].end > 1:
                        break
                    nxt = tokens[last]
                    node = node.get(f"latin:{nxt.text}" if nxt.kind == "latin" else
                                    match_key(nxt.text))
            if best is None:
                index += 1
                continue
            matches.append(best)
            index = best.last + 1
        return matches


def build_name_index(kb: KnowledgeBase, proclitics: list[str], lexicon: Lexicon
                     ) -> PhraseIndex:
    """The index of every Arabic name, nisba form, agent noun and Latin abbreviation."""
    index = PhraseIndex(proclitics, lexicon)
    for entity in kb.entities.values():
        if entity.kind == "agent":
            forms = [(name, "agent") for name in entity.ar]
        else:
            forms = [(name, "name") for name in entity.ar]
            forms += [(nisba, "nisba") for nisba in entity.nisba]
        for text, form in forms:
            for variant in _name_variants(text):
                index.add_phrase(variant, NameEntry(entity.id, form))
        for abbr in entity.abbr:
            index._add([f"latin:{abbr}"], NameEntry(entity.id, "abbr"))
    return index


def is_common_word(name_key: str, lexicon: Lexicon, threshold: float) -> bool:
    """True when a one-word name is also a frequent ordinary word.

    With the article, the article-less form tells (النصر: نصر is common; القاهرة:
    قاهرة is not). Without it the name's own frequency mixes both uses, so a higher bar
    applies (صور, "pictures", is common; عمان is not).
    """
    if name_key.startswith("ال") and len(name_key) > 4:
        return lexicon.zipf(name_key[2:]) >= threshold
    return lexicon.zipf(name_key) >= threshold + 0.5
