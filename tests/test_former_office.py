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


def test_the_head_of_a_body_is_the_bodys_not_the_countrys(pipeline: Pipeline) -> None:
    # a body the knowledge base names no head for: its head is of that body, with its
    # code, never the head of state of its country
    people = _people(pipeline, "وقال رئيس الاتحاد الأوروبي إن القمة كانت ناجحة.")
    assert len(people) == 1 and people[0][1].startswith("role:")
    assert people[0][1].endswith("/org:european-union")
    events = pipeline.analyze("انتقد رئيس الاتحاد الأوروبي روسيا بشدة أمس.",
                              date="2015-07-20").to_dict()
    actors = [(a["entity"], a["code"]) for e in events["events"] for a in e["arguments"]
              if a["role"] == "actor"]
    assert (people[0][1], "EUR") in actors


def test_the_head_of_a_generic_body_is_no_head_of_state(pipeline: Pipeline) -> None:
    # a council the KB knows only as a generic agent: no head of state of anywhere
    people = _people(pipeline, "وقال رئيس المجلس الأعلى للقضاء إن المحاكم تعمل كالمعتاد.")
    assert people and all(entity.startswith("role:") and entity.endswith(
        "/agent:judicial-council") for _, entity in people)
