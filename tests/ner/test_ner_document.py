"""Document propagation: one rare name, one label across an article."""

from __future__ import annotations

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
