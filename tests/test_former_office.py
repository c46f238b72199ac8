"""A past office («الرئيس اليمني السابق») names its past holder, never today's: the title
with its nisba resolves to the current holder only when nothing says the office is past."""

from __future__ import annotations

from rasid.pipeline import Pipeline


def _people(pipeline: Pipeline, text: str) -> list[tuple[str, str | None]]:
    doc = pipeline.analyze(text, date="2015-07-20").doc
    return [(m.text, m.entity) for m in doc.layers.mentions if m.label == "PERS"]


def test_a_past_office_without_a_name_is_not_todays_holder(pipeline: Pipeline) -> None:
    people = _people(pipeline, "اتهم الرئيس اليمني السابق الحوثيين بخرق الهدنة.")
    assert all(entity != "person:abdrabbuh-mansur-hadi" for _, entity in people)
    # without the word, the title is the president of the day
    people = _people(pipeline, "اتهم الرئيس اليمني الحوثيين بخرق الهدنة.")
    assert ("الرئيس اليمني", "person:abdrabbuh-mansur-hadi") in people


def test_a_past_office_with_a_name_is_that_person(pipeline: Pipeline, rules_only) -> None:
    text = "اتهم الرئيس اليمني السابق علي عبدالله صالح السعودية بقصف المدنيين."
    people = _people(pipeline, text)
    assert [entity for _, entity in people] == ["person:ali-abdullah-saleh"]
    events = rules_only.analyze(text, date="2015-07-20").to_dict()["events"]
    accuse = [e for e in events if e["type"] == "ACCUSE"]
    assert [(a["entity"], a["code"]) for a in accuse[0]["arguments"]
            if a["role"] == "actor"] == [("person:ali-abdullah-saleh", "YEM")]
