"""The features that relate a candidate to the article's other candidates of its type
(``rasid.events.occurrence``), on a short story written here: a first report, a
restatement with the same toll and place, and a new attack elsewhere in a round-up."""

from __future__ import annotations

from functools import cache

from rasid.pipeline import Pipeline

STORY = ("قتل 5 جنود في هجوم شنه مسلحون على نقطة تفتيش في مدينة الموصل أمس. "
         "وقال مصدر أمني إن الهجوم على نقطة الموصل أسفر عن مقتل 5 جنود. "
         "وفي مدينة تكريت قتل 3 مدنيين في هجوم آخر بسيارة مفخخة.")


@cache
def _candidates() -> list:
    pipeline = Pipeline(pipeline=["segment", "entities", "quotes", "events"])
    coder = pipeline.components[-1].coder
    head = Pipeline(pipeline=["segment", "entities", "quotes"])
    doc = head.analyze(STORY, date="2015-07-20").doc
    return coder.candidates(doc, strict=False)


def test_the_first_report_has_no_earlier_candidate_of_its_type() -> None:
    first = [c for c in _candidates() if c.sentence_index == 0 and c.event.type == "ASSAULT"]
    assert first and all("first_of_type" in c.features for c in first)
    assert all("type_later" in c.features for c in first)


def test_a_restatement_shares_the_toll_and_the_place() -> None:
    second = [c for c in _candidates() if c.sentence_index == 1 and c.event.type == "ASSAULT"]
    assert second
    for candidate in second:
        assert "first_of_type" not in candidate.features
        assert candidate.features.get("same_number_before") == 1.0
        assert "new_number_vs_type" not in candidate.features
        assert candidate.features.get("type_dist=<=1") == 1.0


def test_a_new_attack_elsewhere_brings_a_new_place_and_new_figures() -> None:
    third = [c for c in _candidates() if c.sentence_index == 2 and c.event.type == "ASSAULT"]
    assert third
    for candidate in third:
        assert candidate.features.get("new_loc_vs_type") == 1.0
        assert candidate.features.get("new_number_vs_type") == 1.0
        assert "type_later" not in candidate.features
