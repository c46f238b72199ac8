"""People named by shapes a fresh batch of news showed missed: a nom de guerre (kunya,
one name word, a nisba) though the nisba alone reads as a country, and that nisba alone
later; a family name the tagger read alone as a body; the second of a fixed pair that is
also a plain word (الحوثي وصالح). Passages written here."""

from __future__ import annotations

import pytest

from rasid.pipeline import Pipeline


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline(pipeline=["segment", "entities"])


def people(nlp: Pipeline, text: str) -> list[tuple[str, str]]:
    data = nlp.analyze(text, date="2024-03-02").to_dict()
    return [(m["text"], m["entity"]) for m in data["mentions"] if m["label"] == "PERS"]


def test_a_kunya_with_a_nisba_is_a_person(nlp) -> None:
    found = people(nlp, "أعلن الجيش أنه قتل أبو حمزة الليبي في غارة قرب الحدود.")
    assert [name for name, _ in found] == ["أبو حمزة الليبي"]


def test_the_nisba_alone_later_is_the_same_person_but_not_an_adjective(nlp) -> None:
    text = ("قتل أبو دجانة اليمني في الغارة. وقال البيان إن اليمني كان يقود الخلية، "
            "وإن الشعب اليمني يرحب بذلك.")
    found = people(nlp, text)
    assert [name for name, _ in found] == ["أبو دجانة اليمني", "اليمني"]
    assert found[0][1] == found[1][1]


def test_a_place_that_starts_with_abu_is_no_person(nlp) -> None:
    assert people(nlp, "وصل الوفد إلى أبو ظبي الإماراتية أمس.") == []


def test_the_second_of_a_fixed_pair_is_the_person_it_names(nlp) -> None:
    found = people(nlp, "وقصفت ميليشيات الحوثي وصالح أحياء في تعز أمس.")
    assert found == [("صالح", "person:ali-abdullah-saleh")]


def test_another_saleh_with_his_family_name_is_not_the_pair(nlp) -> None:
    found = people(nlp, "والتقى الحوثي وصالح الحكيم في صنعاء.")
    assert ("صالح", "person:ali-abdullah-saleh") not in found


def test_a_family_name_the_tagger_read_as_a_body_is_the_person(nlp) -> None:
    found = people(nlp, "وقدم السويسري جوزيف بلاتر استقالته أمس. وقد فاز بلاتر (79 عاما) "
                        "بولاية خامسة.")
    assert [name for name, _ in found][-1] == "بلاتر"
    assert found[0][1] == found[-1][1]

