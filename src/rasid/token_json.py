"""The tokens of the Analysis JSON, written directly instead of through dicts.

Tokens are most of an Analysis JSON (about four fifths of its characters) and each one
went through a dict per token and per word before ``json.dumps`` walked them again.
Here each token is formatted into the same characters ``json.dumps(token.to_dict(),
ensure_ascii=False)`` gives, and the JSON string of each text, key and role, which news
repeats endlessly, is encoded once (bounded cache). The output is byte for byte the same.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache, partial

from rasid.doc import Token, Word

_WORD = '{"text": %s, "start": %d, "end": %d, "key": %s, "role": %s}'
_TOKEN = '{"text": %s, "start": %d, "end": %d, "kind": %s, "words": [%s]}'

#: a JSON string literal, as json.dumps writes it (non-ASCII kept as is)
_string = lru_cache(maxsize=65_536)(partial(json.dumps, ensure_ascii=False))


def _word(word: Word) -> str:
    if type(word) is not Word:  # a subclass may say more: let it
        return json.dumps(word.to_dict(), ensure_ascii=False)
    string = _string
    return _WORD % (string(word.text), word.start, word.end, string(word.key),
                    string(word.role))


def token_json(token: Token) -> str:
    """``json.dumps(token.to_dict(), ensure_ascii=False)``, faster."""
    if type(token) is not Token:
        return json.dumps(token.to_dict(), ensure_ascii=False)
    string = _string
    return _TOKEN % (string(token.text), token.start, token.end, string(token.kind),
                     ", ".join([_word(word) for word in token.words]))


def tokens_json(tokens: Sequence[Token]) -> str:
    """The JSON list of ``tokens``, as ``json.dumps`` writes it."""
    return "[" + ", ".join([token_json(token) for token in tokens]) + "]"
