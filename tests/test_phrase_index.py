"""Phrase indexes: what matches, and that their per-form cache never changes it."""

from __future__ import annotations

from rasid.entities.gazetteer import NameEntry, PhraseIndex
from rasid.text.lexicon import default_lexicon
from rasid.text.segment import Segmenter


def _index(*phrases: str) -> PhraseIndex:
    lexicon = default_lexicon()
    index = PhraseIndex([letters for letters, _ in lexicon.proclitics], article_optional=True)
    for phrase in phrases:
        index.add_phrase(phrase, NameEntry(phrase, "cue"))
    return index


def _found(index: PhraseIndex, text: str) -> list[tuple[str, str]]:
    tokens = Segmenter(default_lexicon()).tokens(text)
    return [(text[m.start:m.end], m.entries[0].entity_id) for m in index.match(tokens)]


def test_longest_phrase_wins_and_a_proclitic_is_left_out_of_the_span() -> None:
    index = _index("مجلس الأمن", "مجلس الأمن الدولي", "الأمن")
    text = "وقال مجلس الأمن الدولي إن وللأمن أولوية"
    assert _found(index, text) == [("مجلس الأمن الدولي", "مجلس الأمن الدولي"),
                                   ("لأمن", "الأمن")]
    # the same sentence again, now from the cache of phrase starts
    assert _found(index, text) == [("مجلس الأمن الدولي", "مجلس الأمن الدولي"),
                                   ("لأمن", "الأمن")]


def test_a_phrase_added_after_matching_is_found_at_once() -> None:
    index = _index("الأمن")
    text = "اجتمع مجلس الوزراء أمس"
    assert _found(index, text) == []
    index.add_phrase("مجلس الوزراء", NameEntry("cabinet", "cue"))
    assert _found(index, text) == [("مجلس الوزراء", "cabinet")]


def test_words_that_begin_no_phrase_are_remembered_as_such() -> None:
    index = _index("مجلس الأمن")
    tokens = Segmenter(default_lexicon()).tokens("قال الوزير")
    assert [index.starts(t) for t in tokens] == [(), ()]
    assert index.starts(Segmenter(default_lexicon()).tokens("ومجلس")[0])
