"""A readable Latin label for Arabic names the knowledge base does not know.

Analysts who read English better than Arabic need some label for a new person or
group. Common name words get their usual English spelling from a table
(``data/romanize.json``); other words are transliterated letter by letter with simple
vowel guesses. The result is a label to read, not a scholarly transliteration.
"""

from __future__ import annotations

from functools import lru_cache

from rasid.resources import load_json
from rasid.text.normalize import match_key


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    data = load_json("romanize.json")
    words = {match_key(k): v for k, v in data["words"].items()}
    return words, data["letters"]


def _word(word: str) -> str:
    words, letters = _tables()
    key = match_key(word)
    if key in words:
        return words[key]
    prefix = ""
    if key.startswith("ال") and len(key) > 3:
        prefix, word = "al-", word[2:]
        key = key[2:]
        if key in words:
            return prefix + words[key]
    out = []
    for index, char in enumerate(word):
        latin = letters.get(char, "")
        if char in "وي" and 0 < index < len(word) - 1:
            latin = "u" if char == "و" else "i"
        out.append(latin)
    text = "".join(out)
    return prefix + (text[:1].upper() + text[1:] if text else word)


def romanize(name: str) -> str:
    """``أحمد أبو الخير`` -> ``Ahmed Abu al-Khayr``-like readable label."""
    parts = [_word(w) for w in name.split()]
    return " ".join(p[:1].upper() + p[1:] if p and not p.startswith("al-") else p
                    for p in parts)
