"""Matching keys for Arabic words.

The Doc's text is never changed after it exists. Matching (gazetteers, lexicons,
clitic checks) works instead on *keys* that fold the spelling variation Arabic news
shows for one word: hamza and alef forms, alef maqsura and ya, ta marbuta and ha,
diacritics and tatweel. Keys live beside the text (on each Word), never in it.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

from rasid.caches import cache_size
from rasid.resources import hex_chars, load_json


@lru_cache(maxsize=1)
def _key_table() -> dict[int, int | None]:
    maps = load_json("charmaps.json")
    table: dict[int, int | None] = {}
    for start, end in maps["diacritics"]["ranges"]:
        for code in range(int(start, 16), int(end, 16) + 1):
            table[code] = None
    for char in hex_chars(maps["tatweel"]["chars"]):
        table[ord(char)] = None
    for source, target in maps["key_map"]["map"].items():
        table[int(source, 16)] = int(target, 16)
    return table


@lru_cache(maxsize=1)
def _diacritic_table() -> dict[int, None]:
    maps = load_json("charmaps.json")
    table: dict[int, None] = {}
    for start, end in maps["diacritics"]["ranges"]:
        for code in range(int(start, 16), int(end, 16) + 1):
            table[code] = None
    for char in hex_chars(maps["tatweel"]["chars"]):
        table[ord(char)] = None
    return table


def fold(word: str) -> str:
    """``match_key`` without the cache, for bulk work over whole word lists."""
    return word.translate(_key_table()).lower()


@lru_cache(maxsize=cache_size("match_key"))
def match_key(word: str) -> str:
    """Return the matching key of ``word`` (cached: news repeats its words).

    Folds أ إ آ ٱ to ا, ى to ي, ة to ه, ؤ to و, ئ to ي, drops diacritics and tatweel,
    and lower-cases Latin letters. Two spellings of the same word that differ only in
    those respects get the same key.
    """
    return word.translate(_key_table()).lower()


def strip_diacritics(word: str) -> str:
    """Remove diacritics and tatweel but keep letter forms (for display lookups)."""
    return word.translate(_diacritic_table())


def is_arabic_letter(char: str) -> bool:
    """True for letters of the Arabic script (not digits, marks or punctuation)."""
    code = ord(char)
    if not (0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0x08A0 <= code <= 0x08FF):
        return False
    return unicodedata.category(char) == "Lo"


def arabic_share(text: str) -> float:
    """Share of letters in ``text`` that are Arabic-script letters (0.0 when none).

    Characters are counted in C first (``Counter``), so each distinct character is
    classified once rather than each of the document's characters.
    """
    letters = 0
    arabic = 0
    for char, count in Counter(text).items():
        if char.isalpha():
            letters += count
            if is_arabic_letter(char):
                arabic += count
    return arabic / letters if letters else 0.0
