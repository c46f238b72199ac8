"""A readable Latin label for Arabic names the knowledge base does not know.

Analysts who read English better than Arabic need some label for a new person or
group. Common name words get their usual English spelling from a table
(``data/romanize.json``); other words are transliterated letter by letter with simple
vowel guesses. The result is a label to read, not a scholarly transliteration.
"""

from __future__ import annotations

from functools import lru_cache

from rasid.lang.ar.words import word_list
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


@lru_cache(maxsize=1)
def _org_words() -> dict[str, str]:
    return {match_key(k): v for k, v in load_json("romanize.json")["org_words"].items()}


def _gloss(word: str) -> tuple[str, str]:
    """(English word, joiner): the article and conjunction stripped, و noted."""
    words = _org_words()
    key = match_key(word)
    joiner = ""
    if key.startswith("و") and key[1:] and (key[1:] in words or key[1:].startswith("ال")):
        joiner, key = "and", key[1:]
    for prefix in word_list("article_prefixes"):
        if key.startswith(prefix) and key[len(prefix):] in words:
            key = key[len(prefix):]
            break
    if key.startswith("ال") and key[2:] in words:
        key = key[2:]
    return words.get(key) or _word(word), joiner


def english_organization(name: str) -> str:
    """An English label for an organization's Arabic name, word by word in English order.

    ``المركز العربي للدراسات السياسية والاستراتيجية`` →
    ``Arab Center for Political and Strategic Studies``: each noun phrase (a noun and its
    adjectives) is turned round; the phrase after ل becomes "for …".
    """
    phrases: list[tuple[bool, list[tuple[str, str]]]] = [(False, [])]
    for position, word in enumerate(name.split()):
        key = match_key(word)
        if position and key.startswith("ل") and not key.startswith("ال"):
            phrases.append((True, []))
        phrases[-1][1].append(_gloss(word))
    parts = []
    for purpose, words in phrases:
        if not words:
            continue
        head, _ = words[0]
        adjectives = []
        for english, joiner in words[1:]:
            if joiner and adjectives:
                adjectives.append("and")
            adjectives.append(english)
        parts.append(("for " if purpose else "") + " ".join([*adjectives, head]))
    return " ".join(parts)
