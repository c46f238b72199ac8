"""Segmentation of a Doc's text: surface tokens, the words inside them, sentences.

Tokens are found by one regular expression whose alternatives are tried in order (URLs
and e-mail addresses before words, numbers with their decimal marks in both digit
systems before punctuation). Sentences end at ``. ! ? ؟ …`` tokens and at line breaks,
but not after an abbreviation or an initial (``د.``), and a decimal point is never a
boundary because it sits inside a number token.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rasid.caches import cache_size
from rasid.doc import Sentence, Token, Word
from rasid.resources import load_json
from rasid.span import Span
from rasid.text.clitics import shared_splitter
from rasid.text.lexicon import Lexicon
from rasid.text.normalize import match_key

_ARABIC_LETTERS = "\u0621-\u063a\u0641-\u064a\u066e-\u066f\u0671-\u06d3\u06fa-\u06ff"
_ARABIC_MARKS = "\u064b-\u065f\u0670\u0640"
_TOKEN = re.compile(
    rf"""
    (?P<url>(?:https?://|www\.)[^\s<>"«»]+[^\s<>"«».,،؛:!?؟)\]])
  | (?P<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{{2,}})
  | (?P<number>\d{1,2}/\d{1,2}/\d{4}|\d+(?:[.,٫٬]\d+)*)
  | (?P<arabic>[{_ARABIC_LETTERS}][{_ARABIC_LETTERS}{_ARABIC_MARKS}]*)
  | (?P<latin>[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*)
  | (?P<punct>\S)
    """,
    re.VERBOSE,
)
_TERMINATORS = frozenset(".!?؟…")
_CLOSERS = frozenset("\"'»”)]}")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    data = load_json("abbreviations.json")
    return frozenset(match_key(a) for a in data["arabic"] + data["latin"])


class Segmenter:
    """Splits text into tokens (with their words) and sentences."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.clitics = shared_splitter(lexicon)
        self.abbreviations = _abbreviations()
        # the words of a surface form, relative to its start: news repeats its forms, so
        # each is split and keyed once (bounded, like the clitic splitter's own cache)
        self._parts = lru_cache(maxsize=cache_size("segment_parts"))(self._split_parts)

    def _split_parts(self, surface: str) -> tuple[tuple[str, int, int, str, str], ...]:
        return tuple((surface[p.start : p.end], p.start, p.end,
                      match_key(surface[p.start : p.end]), p.role)
                     for p in self.clitics.split(surface))

    def tokens(self, text: str) -> list[Token]:
        tokens = []
        for match in _TOKEN.finditer(text):
            kind = match.lastgroup or "punct"
            start, end = match.span()
            surface = match.group()
            if kind == "arabic":
                words = tuple(
                    Word(piece, start + first, start + last, key, role)
                    for piece, first, last, key, role in self._parts(surface)
                )
            else:
                words = (Word(surface, start, end, match_key(surface), kind),)
            tokens.append(Token(surface, start, end, kind, words))
        return tokens

    def sentences(self, text: str, tokens: list[Token]) -> list[Sentence]:
        sentences: list[Sentence] = []
        first = 0
        count = len(tokens)
        index = 0
        while index < count:
            token = tokens[index]
            boundary = False
            if token.text in _TERMINATORS and not self._is_abbreviation(tokens, index):
                boundary = True
                while index + 1 < count and (
                    tokens[index + 1].text in _TERMINATORS or tokens[index + 1].text in _CLOSERS
                ) and "\n" not in text[token.end : tokens[index + 1].start]:
                    index += 1
                    token = tokens[index]
            elif index + 1 < count and "\n" in text[token.end : tokens[index + 1].start]:
                boundary = True
            if boundary or index + 1 == count:
                sentences.append(Sentence(Span(tokens[first].start, token.end),
                                          Span(first, index + 1)))
                first = index + 1
            index += 1
        return sentences

    def _is_abbreviation(self, tokens: list[Token], index: int) -> bool:
        """A period right after an abbreviation or a one-letter initial ends nothing."""
        if tokens[index].text != "." or index == 0:
            return False
        previous = tokens[index - 1]
        if previous.end != tokens[index].start or previous.kind not in ("arabic", "latin"):
            return False
        if index + 1 < len(tokens) and tokens[index + 1].kind == "punct":
            return False
        return len(previous.text) == 1 or previous.words[0].key in self.abbreviations
