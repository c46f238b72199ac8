"""The tokens written directly are the characters json.dumps writes for them."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from rasid.doc import Token, Word
from rasid.text.lexicon import default_lexicon
from rasid.text.segment import Segmenter
from rasid.token_json import token_json, tokens_json

TRICKY = ('قال "الوزير" 50% من \\الحكومة\\ وبالقاهرة: «نعم»… www.example.org/a?b=1 '
          'مُحمّد\tUN-led 3.5 ٢٠١٥ ✓ \u200fنص')


def _dumped(tokens: list[Token]) -> str:
    return json.dumps([t.to_dict() for t in tokens], ensure_ascii=False)


def test_tokens_of_a_tricky_text_are_written_as_json_dumps_writes_them() -> None:
    tokens = Segmenter(default_lexicon()).tokens(TRICKY)
    assert {t.kind for t in tokens} >= {"arabic", "latin", "number", "punct", "url"}
    assert tokens_json(tokens) == _dumped(tokens)
    assert json.loads(tokens_json(tokens)) == [t.to_dict() for t in tokens]


def test_no_tokens_is_an_empty_list() -> None:
    assert tokens_json([]) == "[]"


class _Marked(Word):
    __slots__ = ()

    def to_dict(self) -> dict:
        return {**Word.to_dict(self), "marked": True}


def test_a_subclass_keeps_its_own_dict() -> None:
    token = Token("ب", 0, 1, "arabic", (_Marked("ب", 0, 1, "ب", "stem"),))
    assert json.loads(token_json(token))["words"][0]["marked"] is True


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('وبالقاهرةمصر "\\%{}:,.،؟abcZ019٣\n')),
               max_size=60))
def test_any_text_gives_the_same_characters(text: str) -> None:
    tokens = Segmenter(default_lexicon()).tokens(text)
    assert tokens_json(tokens) == _dumped(tokens)


def test_the_analysis_json_is_json_dumps_of_its_dict(pipeline) -> None:
    analysis = pipeline.analyze(TRICKY + "\nوأضاف أن روسيا وإيران اتفقتا.", date="2020-01-05")
    assert analysis.to_json() == json.dumps(analysis.to_dict(), ensure_ascii=False)
    assert json.loads(analysis.to_json(indent=2)) == analysis.to_dict()
