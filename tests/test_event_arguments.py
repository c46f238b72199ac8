"""Actors and recipients of events: the argument rules and the context countries, each on
a sentence written here for the rule it checks, and the scorer's argument figures.

The rules are checked with the rules alone deciding (no learned decision), so that a
change of the shipped model cannot hide or fake an argument rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasid.events.decide import Decider
from rasid.pipeline import Pipeline


@pytest.fixture(scope="module")
def rules_only() -> Pipeline:
    pipeline = Pipeline()
    component = pipeline.components[pipeline.names.index("events")]
    component.coder.decider = Decider(Path("/nonexistent"))
    return pipeline


def _events(pipeline: Pipeline, text: str, date: str = "2015-07-20") -> list[dict]:
    return pipeline.analyze(text, date=date).to_dict()["events"]


def _one(pipeline: Pipeline, text: str, etype: str, date: str = "2015-07-20") -> dict:
    found = [e for e in _events(pipeline, text, date) if e["type"] == etype]
    assert len(found) == 1, found
    return found[0]


def _side(event: dict, role: str) -> list[tuple[str | None, str | None]]:
    return [(a["entity"], a["code"]) for a in event["arguments"] if a["role"] == role]


def test_honorifics_do_not_distance_the_host_from_the_verb(rules_only) -> None:
    # the host after «استقبل» is its subject even behind «خادم الحرمين الشريفين»; the
    # guest, far after the palace and the day, is the visitor (actor)
    event = _one(rules_only, "استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز في قصر "
                             "اليمامة أمس وزير الخارجية المصري سامح شكري.", "CONSULT")
    assert _side(event, "actor") == [("person:sameh-shoukry", "EGY")]
    assert _side(event, "recipient") == [("person:salman-bin-abdulaziz", "SAU")]


def test_a_place_in_the_hosts_title_is_skipped(rules_only) -> None:
    event = _one(rules_only, "واستقبل رئيس إقليم كردستان مسعود بارزاني وزير الخارجية القطري "
                             "في أربيل.", "CONSULT")
    assert [code for _, code in _side(event, "actor")] == ["QAT"]
    assert [code for _, code in _side(event, "recipient")] == ["IRQ"]


def test_a_killing_verb_after_its_subject_is_active(rules_only) -> None:
    # «قتل 12» alone reads as passive (12 were killed); after its subject it is not
    event = _one(rules_only, "وقالت مصادر محلية إن قوات الأمن قتلت 12 مسلحا في هجوم على "
                             "مخبئهم قرب الموصل.", "ASSAULT")
    assert [e for e, _ in _side(event, "actor")] == ["agent:security-forces"]
    assert [e for e, _ in _side(event, "recipient")] == ["agent:gunmen"]
    passive = _one(rules_only, "قتل 12 مسلحا في هجوم على مخبئهم قرب الموصل.", "ASSAULT")
    assert not any(e for e, _ in _side(passive, "actor"))
    assert [e for e, _ in _side(passive, "recipient")] == ["agent:gunmen"]


def test_counted_victims_after_min_are_the_recipient(rules_only) -> None:
    event = _one(rules_only, "قتلت طائرات التحالف 30 من عناصر تنظيم داعش قرب الرقة.",
                 "ASSAULT")
    assert _side(event, "recipient") == [("org:isis", "IMG")]
    noun = _one(rules_only, "أعلنت الشرطة العراقية مقتل 9 من عناصر تنظيم داعش في اشتباك قرب "
                            "بعقوبة.", "ASSAULT")
    assert _side(noun, "recipient") == [("org:isis", "IMG")]


def test_occupation_forces_are_israeli_wherever_they_act(rules_only) -> None:
    event = _one(rules_only, "اعتقلت قوات الاحتلال ثلاثة شبان في مدينة الخليل.", "COERCE")
    actor = next(a for a in event["arguments"] if a["role"] == "actor")
    assert (actor["entity"], actor["code"], actor["basis"]) == (
        "agent:occupation-forces", "ISR", "stated")
    assert [code for _, code in _side(event, "recipient")] == ["PSE"]


def test_a_lone_place_of_a_far_country_does_not_give_its_country(rules_only) -> None:
    egypt = _one(rules_only, "أعلنت الحكومة المصرية خطة لتأمين القاهرة. واعتقلت قوات الأمن "
                             "خمسة مطلوبين في ليون.", "COERCE")
    police = next(a for a in egypt["arguments"] if a["entity"] == "agent:security-forces")
    assert (police["code"], police["basis"]) == ("EGY", "article")
    france = _one(rules_only, "أعلنت الحكومة الفرنسية خطة لتأمين باريس. واعتقلت قوات الأمن "
                              "خمسة مطلوبين في ليون.", "COERCE")
    police = next(a for a in france["arguments"] if a["entity"] == "agent:security-forces")
    assert (police["code"], police["basis"]) == ("FRA", "place")


def test_suicide_bombers_in_syria_since_the_caliphate_are_img(rules_only) -> None:
    text = "هاجم انتحاري مسجدا في مدينة الحسكة السورية وقتل 20 شخصا."
    actor = _side(_one(rules_only, text, "ASSAULT"), "actor")
    assert actor == [("agent:suicide-bomber", "IMG")]
    before = _side(_one(rules_only, text, "ASSAULT", date="2013-07-20"), "actor")
    assert before == [("agent:suicide-bomber", "SYR")]
