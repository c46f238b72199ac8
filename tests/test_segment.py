"""Tokens, the words inside them, and sentences."""

from __future__ import annotations

import pytest


def _roles(segmenter, word: str) -> list[tuple[str, str]]:
    (token,) = segmenter.tokens(word)
    return [(w.text, w.role) for w in token.words]


@pytest.mark.parametrize(
    ("token", "words"),
    [
        ("وإيران", [("و", "conj"), ("إيران", "stem")]),
        ("لموسكو", [("ل", "prep"), ("موسكو", "stem")]),
        ("وبالقاهرة", [("و", "conj"), ("ب", "prep"), ("ال", "det"), ("قاهرة", "stem")]),
        ("للدراسات", [("ل", "prep"), ("ل", "det"), ("دراسات", "stem")]),
        ("بلاده", [("بلاد", "stem"), ("ه", "pron")]),
        ("علاقاتهما", [("علاقات", "stem"), ("هما", "pron")]),
        ("سيكون", [("س", "fut"), ("يكون", "stem")]),
        ("الدولتين", [("ال", "det"), ("دولتين", "stem")]),
    ],
)
def test_clitics_split_when_the_rest_is_a_word(segmenter, token: str, words) -> None:
    assert _roles(segmenter, token) == words


@pytest.mark.parametrize(
    "token", ["بوتين", "وزير", "لبنان", "كتاب", "سوريا", "الذي", "فرنسا", "ليبيا", "بريطانيا"]
)
def test_words_that_only_look_cliticized_stay_whole(segmenter, token: str) -> None:
    assert _roles(segmenter, token) == [(token, "stem")]


def test_token_kinds_and_exact_spans(segmenter) -> None:
    text = "زار الوفد www.example.org يوم ٢٠١٥/٣/١ وقال: 3.5% من NATO."
    tokens = segmenter.tokens(text)
    kinds = [(t.text, t.kind) for t in tokens]
    assert ("www.example.org", "url") in kinds
    assert ("٢٠١٥", "number") in kinds
    assert ("3.5", "number") in kinds
    assert ("NATO", "latin") in kinds
    assert ("%", "punct") in kinds
    for token in tokens:
        assert text[token.start : token.end] == token.text
        for word in token.words:
            assert text[word.start : word.end] == word.text


def test_word_keys_fold_spelling(segmenter) -> None:
    (token,) = segmenter.tokens("والإيرانية")
    assert token.stem.key == "ايرانيه"


def _sentences(segmenter, text: str) -> list[str]:
    tokens = segmenter.tokens(text)
    return [text[s.start : s.end] for s in segmenter.sentences(text, tokens)]


def test_sentences_do_not_break_on_decimals_or_abbreviations(segmenter) -> None:
    text = "قال د. محمد علي إن النمو بلغ 2.7 في المئة و٣٫٥ في العام الماضي. ثم غادر القاعة."
    assert _sentences(segmenter, text) == [
        "قال د. محمد علي إن النمو بلغ 2.7 في المئة و٣٫٥ في العام الماضي.",
        "ثم غادر القاعة.",
    ]


def test_sentences_end_at_question_marks_line_breaks_and_keep_closing_quotes(segmenter) -> None:
    text = "هل انتهت الأزمة؟ قال الوزير: «لم تنته بعد.» وأضاف أن الحوار مستمر\nعنوان جديد"
    assert _sentences(segmenter, text) == [
        "هل انتهت الأزمة؟",
        "قال الوزير: «لم تنته بعد.»",
        "وأضاف أن الحوار مستمر",
        "عنوان جديد",
    ]


def test_empty_text_has_no_tokens_or_sentences(segmenter) -> None:
    assert segmenter.tokens("") == []
    assert segmenter.sentences("", []) == []
