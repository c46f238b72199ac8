"""A place named after a person (an airport, a district, a hall) names no person of the
article. Passages written here."""

from __future__ import annotations

import pytest

from rasid.pipeline import Pipeline


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline(pipeline=["segment", "entities"])


def people(nlp: Pipeline, text: str) -> list[str]:
    data = nlp.analyze(text, date="2024-03-02").to_dict()
    return [m["text"] for m in data["mentions"] if m["label"] == "PERS"]


def test_an_airport_named_after_a_king_is_no_person(nlp) -> None:
    assert people(nlp, "هبطت الطائرة في مطار الملك فيصل بن تركي الدولي مساء أمس.") == []


def test_a_hall_behind_a_proclitic_is_no_person(nlp) -> None:
    assert people(nlp, "أقيم الحفل بقاعة سليمان الحربي في النادي الأدبي.") == []


def test_the_same_name_outside_a_place_is_a_person(nlp) -> None:
    found = people(nlp, "وقال الشيخ سليمان بن ناصر الحربي إن الحفل سيقام غدا.")
    assert any("سليمان" in name for name in found)
