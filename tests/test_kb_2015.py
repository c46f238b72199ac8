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
    # round 1 added 170, round 2 at least 120 more (political and security actors first)
    assert len(entries) >= 290
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


@pytest.mark.parametrize(("text", "surface", "expected"), [
    ("وقال رئيس مجلس النواب اللبناني نبيه بري إن الجلسة أرجئت.",
     "نبيه بري", ("person:nabih-berri", "LBN", None)),
    ("وأكد سليم الجبوري أن البرلمان سيصوت على الإصلاحات.",
     "سليم الجبوري", ("person:salim-al-jabouri", "IRQ", None)),
    ("وقال زهران علوش إن مقاتليه صدوا الهجوم على دوما.",
     "زهران علوش", ("person:zahran-alloush", "SYR", None)),
    ("وكتب أنور قرقاش على حسابه أن التحالف ماض في مهمته.",
     "أنور قرقاش", ("person:anwar-gargash", "ARE", None)),
    ("وعاد وزير الداخلية عبده الحذيفي إلى عدن مع وزير النقل بدر باسلمة.",
     "عبده الحذيفي", ("person:abdo-al-hudhaifi", "YEM", None)),
    ("وقال المفوض السامي زيد رعد الحسين إن الحصار يجب أن يرفع.",
     "زيد رعد الحسين", ("person:zeid-raad-al-hussein", None, "UNO")),
    ("وحذرت كريستين لاغارد من تباطؤ النمو في العام المقبل.",
     "كريستين لاغارد", ("person:christine-lagarde", None, "IGO")),
    ("وأعلن جيش الفتح السيطرة على مطار أبو الضهور.",
     "جيش الفتح", ("org:jaish-al-fatah", "SYR", None)),
    ("وقصفت قوات فجر ليبيا مواقع قرب الزنتان.",
     "قوات فجر ليبيا", ("org:libya-dawn", "LBY", None)),
    ("واجتمع مجلس الشؤون السياسية والأمنية برئاسة ولي العهد.",
     "مجلس الشؤون السياسية والأمنية", ("org:saudi-cpsa", "SAU", None)),
    ("ونفذت القوات الجوية الملكية السعودية طلعات فوق صعدة.",
     "القوات الجوية الملكية السعودية", ("org:royal-saudi-air-force", "SAU", None)),
])
def test_a_round_two_actor_of_political_and_security_news_is_linked(nlp, text: str,
                                                                    surface: str,
                                                                    expected: tuple) -> None:
    assert _linked(nlp, text).get(surface) == expected


def test_a_distinctive_family_name_alone_links_to_its_bearer(nlp) -> None:
    # قرقاش and شويبله are no ordinary words and name one man each in the news
    found = _linked(nlp, "وقال شويبله إن اليونان تحتاج إلى إصلاحات، ورد قرقاش بأن الحل سياسي.")
    assert found.get("شويبله", ("",))[0] == "person:wolfgang-schauble"
    assert found.get("قرقاش", ("",))[0] == "person:anwar-gargash"
    # قهوجي is also a Saudi family name: alone it stays unlinked to the Lebanese general
    player = _linked(nlp, "وسجل اللاعب خالد قهوجي هدفا في المباراة.")
    assert "person:jean-kahwaji" not in {v[0] for v in player.values()}


def test_a_longer_name_that_ends_with_a_known_name_is_its_own_person(nlp) -> None:
    # the son's full name closes with his father's: the longer entry wins
    son = _linked(nlp, "وحضر الأمير فهد بن جلوي بن عبدالعزيز بن مساعد الحفل أمس.")
    assert {v[0] for v in son.values()} == {"person:fahd-bin-jalawi-bin-abdulaziz-bin-musaed"}
    father = _linked(nlp, "ووجه الأمير جلوي بن عبدالعزيز بن مساعد بافتتاح المركز.")
    assert {v[0] for v in father.values()} == {"person:jalawi-bin-abdulaziz-bin-musaed"}
    # and a name that opens with a prince's name is not that prince
    envoy = _linked(nlp, "وقال السفير أحمد بن عبدالعزيز قطان إن الاجتماع مثمر.")
    assert {v[0] for v in envoy.values()} == {"person:ahmed-qattan"}
    # King Faisal's name inside his sons' names
    sons = _linked(nlp, "وعين الأمير سعود بن فيصل بن عبد العزيز وزيرا للخارجية، "
                        "والأمير خالد بن فيصل بن عبد العزيز أميرا لمنطقة مكة المكرمة.")
    people = {v[0] for v in sons.values() if v[0].startswith("person:")}
    assert people == {"person:saud-al-faisal", "person:khalid-al-faisal"}


@pytest.mark.parametrize(("text", "surface", "entity"), [
    ("وأعلن إبراهيم بن عبدالعزيز العساف أرقام الميزانية.", "إبراهيم بن عبدالعزيز العساف",
     "person:ibrahim-al-assaf"),
    ("وأم المصلين عبدالرحمن بن عبدالعزيز السديس في صلاة الجمعة.",
     "عبدالرحمن بن عبدالعزيز السديس", "person:abdulrahman-al-sudais"),
])
def test_a_round_two_spelling_of_a_known_person_links_to_that_person(nlp, text: str,
                                                                     surface: str,
                                                                     entity: str) -> None:
    assert _linked(nlp, text).get(surface, ("",))[0] == entity


def test_round_two_roles_follow_the_date(nlp) -> None:
    kb = nlp.resources.kb
    alloush = kb.get("person:zahran-alloush")
    assert alloush.role_on("2015-07-25").org == "org:jaysh-al-islam"
    assert alloush.role_on("2016-01-10") is None
    nujaifi = kb.get("person:osama-al-nujaifi")
    assert nujaifi.role_on("2012-05-01").office == "speaker"
    assert nujaifi.role_on("2015-03-01").office == "vice_president"
    aden = [kb.get(f"person:{i}").role_on("2015-11-15")
            for i in ("nayef-al-bakri", "jaafar-mohammed-saad", "aidarous-al-zubaidi")]
    assert [r is not None for r in aden] == [False, True, False]
