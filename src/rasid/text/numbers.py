"""Numbers as Arabic news writes them: both digit systems and number words.

Why: tolls («مقتل 32 شخصا», «مائة وثمانية وأربعون قتيلا», «ثلاثة آلاف») are written in
digits and in words of every case and gender, and a count is only as good as the value
read from them. This module reads the value and the exact span of each number in a
stretch of text; deciding what the number counts is the caller's job. The words live in
``data/numbers.json`` as matching keys, so spelling variants (مئة/مائة, أربع/اربع) fold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from rasid.lang.ar.clitics import strip_conjunction
from rasid.lang.ar.words import word_list
from rasid.resources import load_json
from rasid.text.normalize import match_key

#: a token: a run of digits (with thousands separators), a run of letters, or one mark
_TOKEN = re.compile(r"[0-9٠-٩]+(?:[,٬.][0-9٠-٩]+)*"
                    r"|(?:[^\W\d_]|[\u064B-\u065F\u0670\u0640])+|[^\s\w]", re.UNICODE)
_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_DUAL = word_list("dual_endings")
#: marks that may close quoted digits before their scale word («3» آلاف)
_CLOSERS = frozenset("»)\"")


@dataclass(frozen=True, slots=True)
class Token:
    """A token of a stretch of text with its matching key (offsets into the text)."""

    start: int
    end: int
    key: str
    kind: str  # "digits", "word" or "mark"

    def bare(self) -> str:
        """The key without a leading conjunction (وثمانية → ثمانيه)."""
        if self.kind == "word":
            return strip_conjunction(self.key, min_rest=2)
        return self.key


@dataclass(frozen=True, slots=True)
class Number:
    """A number found in the text: ``value`` None when it is vague (عشرات, مئات)."""

    value: int | None
    start: int
    end: int
    first: int  # index of its first token
    last: int  # index of its last token (inclusive)

    @property
    def vague(self) -> bool:
        return self.value is None


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of ``text[start:end]`` with offsets into ``text``."""
    tokens = []
    for match in _TOKEN.finditer(text, start, len(text) if end is None else end):
        raw = match.group()
        if raw[0].isdigit():
            kind = "digits"
        elif raw[0].isalpha() or len(raw) > 1:
            kind = "word"
        else:
            kind = "mark"
        tokens.append(Token(match.start(), match.end(), match_key(raw), kind))
    return tokens


@cache
def _tables() -> dict[str, Any]:
    data = load_json("numbers.json")
    tables = {name: data[name] for name in
              ("units", "teen_units", "ten", "tens", "hundreds", "scales", "fractions")}
    tables["plural_scales"] = set(data["plural_scales"])
    tables["vague"] = set(data["vague"])
    tables["separators"] = "".join(data["digit_separators"])
    # every word a number can start with, for a quick no at most tokens
    tables["starts"] = frozenset().union(*(
        tables[name] for name in ("units", "teen_units", "ten", "tens", "hundreds",
                                  "scales", "fractions", "vague")))
    return tables


def is_number_word(key: str) -> bool:
    """True when ``key`` (a matching key, no clitic) is a number word or a vague one."""
    tables = _tables()
    return any(key in tables[name] for name in
               ("units", "ten", "tens", "hundreds", "scales", "vague"))


def digits_value(raw: str) -> int | None:
    """The integer a digit token writes, or None for a decimal or a clock time
    (``1,500`` is 1500; ``3.5`` and ``04,00`` are not integers)."""
    groups = re.split(r"[,٬.]", raw.translate(_INDIC))
    if len(groups) > 1 and not all(len(g) == 3 for g in groups[1:]):
        return None
    return int("".join(groups))


def read_number(tokens: list[Token], index: int, text: str) -> Number | None:
    """The number that starts at ``tokens[index]``, or None when none starts there."""
    tables = _tables()
    token = tokens[index]
    if token.kind == "digits":
        value = digits_value(text[token.start:token.end])
        if value is None:
            return None
        last = index
        nxt_index = index + 1
        if nxt_index + 1 < len(tokens) and tokens[nxt_index].key in _CLOSERS \
                and tokens[nxt_index + 1].key in tables["scales"]:
            nxt_index += 1  # «3» آلاف: the digits quoted, the scale outside
        nxt = tokens[nxt_index] if nxt_index < len(tokens) else None
        if nxt is not None and nxt.key in tables["scales"]:
            value *= tables["scales"][nxt.key] // (2 if nxt.key.endswith(_DUAL) else 1)
            last = nxt_index
        return Number(value, token.start, tokens[last].end, index, last)
    if token.kind != "word":
        return None
    key = token.bare()
    if key not in tables["starts"] and token.key not in tables["starts"]:
        return None
    if key in tables["vague"] and key not in tables["scales"]:
        return Number(None, token.start, token.end, index, index)
    if key in tables["fractions"] and index + 1 < len(tokens) \
            and tokens[index + 1].key in tables["scales"]:
        scale = tables["scales"][tokens[index + 1].key]
        value = round(tables["fractions"][key] * scale)
        return Number(value, token.start, tokens[index + 1].end, index, index + 1)
    return _read_words(tokens, index)


def _read_words(tokens: list[Token], index: int) -> Number | None:
    """A number written in words: units, teens, tens, hundreds and scales joined by و."""
    tables = _tables()
    total = current = 0
    seen = False
    last = index
    i = index
    first = tokens[index]
    lead = 0 if is_number_word(first.key) or first.key in tables["teen_units"] \
        else len(first.key) - len(first.bare())
    while i < len(tokens):
        token = tokens[i]
        if token.kind != "word":
            break
        key = token.key if i == index and not lead else token.bare()
        joined = i == index or key != token.key  # a later word continues only after و
        if key in tables["ten"] and seen and 0 < current % 100 < 10 and i == last + 1:
            current += 10
        elif key in tables["ten"] and not seen:
            current += 10  # عشرة alone
        elif key in tables["scales"] and seen and i == last + 1:
            scale = tables["scales"][key]
            total += max(current, 1) * (scale // 2 if key.endswith(_DUAL) else scale)
            current = 0
        elif key in tables["hundreds"] and tables["hundreds"][key] == 100 \
                and 0 < current < 10 and i == last + 1:
            current *= 100  # ثلاث مئة
        elif not joined:
            break
        elif key in tables["units"]:
            current += tables["units"][key]
        elif key in tables["teen_units"] and i + 1 < len(tokens) \
                and tokens[i + 1].key in tables["ten"]:
            current += 11
            i += 1
        elif key in tables["tens"]:
            current += tables["tens"][key]
        elif key in tables["hundreds"]:
            hundreds = tables["hundreds"][key]
            current += hundreds
        elif key in tables["scales"] and key not in tables["plural_scales"]:
            scale = tables["scales"][key]
            total += scale
        else:
            break
        seen = True
        last = i
        i += 1
    if not seen:
        return None
    return Number(total + current, first.start + lead, tokens[last].end, index, last)


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """Every number in ``text[start:end]``, left to right, none overlapping."""
    tokens = tokenize(text, start, end)
    found = []
    i = 0
    while i < len(tokens):
        number = read_number(tokens, i, text)
        if number is None:
            i += 1
            continue
        found.append(number)
        i = number.last + 1
    return found
