"""The people and bodies of 2015 news added to the knowledge base.

``people_2015.jsonl`` and ``organizations_2015.jsonl`` hold actors that real 2015
articles name and the knowledge base lacked (found with ``scripts/kb/gaps.py``); a
few spellings of people already known joined their entries. Each is checked where a
user meets it: the entity a sentence's name links to, and the country or actor code
that entity gives its events and quotations.
"""

from __future__ import annotations

import json

import pytest

from rasid.kb.loader import KnowledgeBase
from rasid.kb.sources import parse_source, read_source, shipped_kb_files
from rasid.pipeline import Pipeline
from rasid.resources import load_json
from rasid.text.normalize import match_key

NEW_FILES = ("people_2015.jsonl", "organizations_2015.jsonl")


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline(pipeline=["segment", "entities"])


def _linked(nlp: Pipeline, text: str, date: str = "2015-07-25") -> dict[str, tuple]:
    """Each linked mention's text -> (entity id, country, code) of the entity."""
    kb = nlp.resources.kb
    found = {}
    for mention in nlp.analyze(text, date=date).doc.layers.mentions:
        entity = kb.get(mention.entity or "")
        if entity is not None:
            found[mention.text] = (entity.id, entity.country, entity.code)
    return found


def _path(name: str):
    return next(p for p in shipped_kb_files() if p.name == name)


@pytest.mark.parametrize("name", NEW_FILES)
def test_the_new_files_are_shipped_and_load_without_problems(name: str) -> None:
    # parsed on their own (no shipped entries) they raise on any bad entry
    source = read_source(_path(name))
    alone = KnowledgeBase.from_sources([source], shipped=False)
    assert len(alone) == sum(1 for _ in parse_source(source)) >= 60
    # and the shipped knowledge base (which refuses an id defined twice) holds them
    shipped = KnowledgeBase.load()
    for entity in alone.entities.values():
        assert shipped.get(entity.id).source.endswith(name)


def test_the_new_entries_add_at_least_120_actors_with_a_country_or_code() -> None:
    entries = [json.loads(line) for name in NEW_FILES
               for line in _path(name).read_text(encoding="utf-8").splitlines() if line]
    assert len(entries) >= 120
    assert {e["kind"] for e in entries} == {"person", "org"}
    assert all(e.get("country") or e.get("code") for e in entries)


def test_no_one_word_name_of_the_new_entries_is_a_given_name() -> None:
    # a lone given name (صالح, خالد) would link every person who bears it
    data = load_json("given_names.json")
    given = {match_key(n) for n in data["names"] + data["word_names"]}
    lone = [(e.id, a) for e in KnowledgeBase.load().entities.values()
            if e.source.endswith(NEW_FILES) for a in e.ar if " " not in a]
    assert lone  # family names that stand alone (ديمبسي, بورتنيكوف) are there
    assert [(i, a) for i, a in lone if match_key(a) in given] == []


@pytest.mark.parametrize(("text", "surface", "expected"), [
    ("وقال رئيس إقليم كردستان مسعود بارزاني إن الإقليم لن يتراجع عن مطالبه.",
     "مسعود بارزاني", ("person:massoud-barzani", "IRQ", None)),
    ("وأكد الجنرال مارتن ديمبسي أمام الكونغرس أن الخيار العسكري باق.",
     "مارتن ديمبسي", ("person:martin-dempsey", "USA", None)),
    ("وزار منسق الشؤون الإنسانية ستيفن أوبراين مخيمات النازحين أمس.",
     "ستيفن أوبراين", ("person:stephen-obrien", None, "UNO")),
    ("وقال ألكسندر بورتنيكوف إن أجهزة الأمن أحبطت هجمات عدة.",
     "ألكسندر بورتنيكوف", ("person:alexander-bortnikov", "RUS", None)),
    ("دشن الأمير خالد الفيصل مشروعا جديدا للنقل العام.",
     "خالد الفيصل", ("person:khalid-al-faisal", "SAU", None)),
    ("وقعت المنظمة العربية للسياحة مذكرة تفاهم مع وزارة السياحة.",
     "المنظمة العربية للسياحة", ("org:arab-tourism-organization", None, "IGO")),
    ("وأعلنت الهيئة العامة للسياحة والتراث الوطني افتتاح متحف جديد.",
     "الهيئة العامة للسياحة والتراث الوطني", ("org:saudi-tourism-commission", "SAU", None)),
    ("وطالبت لجنة حقوق الإنسان العربية بحماية المدنيين في المدينة.",
     "لجنة حقوق الإنسان العربية", ("org:arab-human-rights-committee", None, "IGO")),
    ("ورفعت مؤسسة النقد العربي السعودي احتياطياتها هذا العام.",
     "مؤسسة النقد العربي السعودي", ("org:sama", "SAU", None)),
])
def test_a_new_entry_is_linked_with_its_country_or_code(nlp, text: str, surface: str,
                                                         expected: tuple) -> None:
    assert _linked(nlp, text).get(surface) == expected


@pytest.mark.parametrize(("text", "surface", "entity"), [
    ("ورحب بان جي مون بالاتفاق بين الطرفين.", "بان جي مون", "person:ban-ki-moon"),
    ("والتقى ولد الشيخ أحمد وفد الحكومة في الرياض.", "ولد الشيخ أحمد",
     "person:ismail-ould-cheikh-ahmed"),
    ("واستقبل رمضان قاديروف وفدا تجاريا في غروزني.", "رمضان قاديروف",
     "person:ramzan-kadyrov"),
    ("وقال هيلا ماريام ديسالين إن بلاده ترحب بالزيارة.", "هيلا ماريام ديسالين",
     "person:hailemariam-desalegn"),
])
def test_a_spelling_added_to_a_known_person_links_to_that_person(nlp, text: str,
                                                                  surface: str,
                                                                  entity: str) -> None:
    assert _linked(nlp, text).get(surface, ("",))[0] == entity


def test_a_new_office_is_no_head_of_state_and_roles_follow_the_date(nlp) -> None:
    # the Kurdistan Region's president is no president of Iraq
    iraq = _linked(nlp, "وقال الرئيس العراقي إن الحوار هو الطريق.", "2015-07-25")
    assert "person:massoud-barzani" not in {v[0] for v in iraq.values()}
    faisal = nlp.resources.kb.get("person:khalid-al-faisal")
    assert faisal.role_on("2014-06-01").title_ar == "وزير التربية والتعليم"
    assert faisal.role_on("2015-07-25").title_ar == "أمير منطقة مكة المكرمة"
    dempsey = nlp.resources.kb.get("person:martin-dempsey")
    assert dempsey.role_on("2015-07-25") is not None
    assert dempsey.role_on("2015-10-01") is None
