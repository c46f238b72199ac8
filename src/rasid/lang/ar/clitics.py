"""The leading conjunction of an Arabic word (و "and", ف "so"), written once.

Most lookups in rasid compare a token's matching key with a word list; a word in news
Arabic often carries و or ف in front (وقال، فأعلن، وبحسب), and each component used to
strip it by hand with its own length guard. The guards differ on purpose (a three-letter
verb needs more of a rest than a preposition), so the helpers take the guard as a
parameter instead of fixing one. The conjunctions are the proclitics whose only role is
``conj`` in ``data/morphology.json``, the same table the clitic segmenter reads.

These are string helpers for keys and surface text. The segmenter's own reading of a
token (``Token.words``, where و is split off only when the rest is a known word) is the
better source where a caller already holds a segmented token and can accept that
stricter reading; the helpers keep the older, purely letter-based behaviour where the
output must stay as it was.
"""

from __future__ import annotations

from rasid.resources import load_json


def _conjunctions() -> frozenset[str]:
    entries = load_json("morphology.json")["proclitics"]["entries"]
    return frozenset(letters for letters, roles in entries if roles == ["conj"])


#: The conjunction proclitics (و, ف), from ``morphology.json``.
CONJUNCTIONS: frozenset[str] = _conjunctions()
_LETTERS = "".join(sorted(CONJUNCTIONS))


def has_conjunction(word: str) -> bool:
    """Whether ``word`` begins with a conjunction letter (و or ف).

    A word such as وزير begins with و too: callers that need to know the و is a clitic
    look the rest up in a word list, as they did before."""
    return word[:1] in CONJUNCTIONS


def strip_conjunction(word: str, min_rest: int = 0) -> str:
    """``word`` without one leading و/ف, when at least ``min_rest`` letters remain.

    ``min_rest`` is the caller's guard: 3 keeps a short word such as ولد whole when
    the caller means only longer verbs (وقال → قال), 2 lets وفي become في, and 0 strips
    whatever follows."""
    if word[:1] in CONJUNCTIONS and len(word) - 1 >= min_rest:
        return word[1:]
    return word


def strip_conjunctions(word: str) -> str:
    """``word`` without every leading و and ف (``ووف`` → ``""``).

    Used where a run of proclitic letters is dropped before a length test or a
    comparison; it also eats a و or ف that belongs to the word itself (فوز → ز), so it
    suits only such loose tests."""
    return word.lstrip(_LETTERS)
