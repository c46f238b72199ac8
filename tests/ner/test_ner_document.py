"""Document propagation: one rare name, one label across an article."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rasid.ner.conll import repair_bio
from rasid.ner.document import PropagationSettings, propagate

RARE = {"فرويد": 1.0, "شاركوه": 0.5, "الاسد": 5.0, "قال": 6.5}


def zipf(stem: str) -> float:
    return RARE.get(stem, 3.0)


def test_a_surname_tagged_once_in_full_is_tagged_alone_elsewhere() -> None:
    stems = [["بحث", "سيغموند", "فرويد"], ["ولد", "فرويد", "في", "فيينا"]]
    tags = [["O", "B-PERS", "I-PERS"], ["O", "O", "O", "B-LOC"]]
    assert propagate(stems, tags, zipf)[1] == ["O", "B-PERS", "O", "B-LOC"]


def test_a_multi_word_name_seen_again_gets_the_same_label() -> None:
    stems = [["زار", "جامعه", "ماك", "ماستر"], ["في", "جامعه", "ماك", "ماستر", "درس"]]
    tags = [["O", "B-ORG", "I-ORG", "I-ORG"], ["O"] * 5]
    assert propagate(stems, tags, zipf)[1] == ["O", "B-ORG", "I-ORG", "I-ORG", "O"]


def test_common_words_and_words_next_to_entities_are_left_alone() -> None:
    stems = [["الاسد", "زار"], ["راي", "الاسد"], ["شاركوه", "شاركوه"], ["شاركوه"]]
    tags = [["B-PERS", "O"], ["O", "O"], ["B-PERS", "O"], ["O"]]
    out = propagate(stems, tags, zipf)
    assert out[1] == ["O", "O"]            # الأسد is a common word (the lion)
    assert out[2] == ["B-PERS", "O"]       # beside an entity: a boundary, not a miss
    assert out[3] == ["B-PERS"]


def test_the_input_is_not_changed_and_propagation_can_be_off() -> None:
    stems = [["ولد", "فرويد"], ["فرويد"]]
    tags = [["O", "B-PERS"], ["O"]]
    assert propagate(stems, tags, zipf, PropagationSettings(enabled=False)) == tags
    propagate(stems, tags, zipf)
    assert tags == [["O", "B-PERS"], ["O"]]


def test_settings_ignore_unknown_keys() -> None:
    assert PropagationSettings.from_dict({"max_zipf": 3.0, "later": 1}).max_zipf == 3.0


def test_overlapping_names_go_to_the_one_seen_first_in_the_document() -> None:
    # مجلس الأمن is seen before الأمن الدولي, so in مجلس الأمن الدولي it claims الأمن
    stems = [["قرر", "مجلس", "الامن"], ["عن", "الامن", "الدولي"],
             ["دعا", "مجلس", "الامن", "الدولي"]]
    tags = [["O", "B-ORG", "I-ORG"], ["O", "B-MISC", "I-MISC"], ["O"] * 4]
    assert propagate(stems, tags, zipf)[2] == ["O", "B-ORG", "I-ORG", "O"]


def _copied_by_every_name_at_every_place(stems: list[list[str]],
                                         tags: list[list[str]]) -> list[list[str]]:
    """The rule stated plainly: each name, in the order first seen, at each place."""
    names: dict[tuple[str, ...], str] = {}
    for words, sentence_tags in zip(stems, tags, strict=True):
        i = 0
        while i < len(words):
            if sentence_tags[i].startswith("B-"):
                end = i + 1
                while end < len(words) and sentence_tags[end] == "I-" + sentence_tags[i][2:]:
                    end += 1
                if end - i > 1:
                    names[tuple(words[i:end])] = sentence_tags[i][2:]
                i = end
            else:
                i += 1
    out = [list(t) for t in tags]
    for words, sentence_tags in zip(stems, out, strict=True):
        for name, kind in names.items():
            for i in range(len(words) - len(name) + 1):
                if tuple(words[i : i + len(name)]) == name and all(
                        t == "O" for t in sentence_tags[i : i + len(name)]):
                    sentence_tags[i : i + len(name)] = \
                        ["B-" + kind] + ["I-" + kind] * (len(name) - 1)
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.tuples(st.sampled_from(["أ", "ب", "ج", "د"]),
                                   st.sampled_from(["O", "B-PERS", "I-PERS", "B-ORG",
                                                    "I-ORG"])),
                         min_size=1, max_size=9), min_size=1, max_size=6))
def test_sequences_are_copied_as_the_plain_rule_says(sentences: list) -> None:
    stems = [[word for word, _ in sentence] for sentence in sentences]
    tags = [repair_bio([tag for _, tag in sentence]) for sentence in sentences]
    only_sequences = PropagationSettings(surnames=False, max_zipf=-1.0)
    assert propagate(stems, tags, zipf, only_sequences) == \
        _copied_by_every_name_at_every_place(stems, tags)
