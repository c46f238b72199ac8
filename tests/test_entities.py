"""Entities: recognition, linking, and each resolution rule, on sentences written here."""

from __future__ import annotations

import pytest

from rasid.errors import KnowledgeBaseError
from rasid.kb.loader import KnowledgeBase
from rasid.pipeline import Pipeline


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline(pipeline=["segment", "entities"])


def mentions(analysis) -> list[tuple[str, tuple[str, ...]]]:
    return [(m.text, m.refers_to()) for m in analysis.doc.layers.mentions]


def refers(analysis, text: str) -> tuple[str, ...]:
    for mention in analysis.doc.layers.mentions:
        if mention.text == text:
            return mention.refers_to()
    raise AssertionError(f"no mention {text!r} in {mentions(analysis)}")


def test_spans_slice_the_text(nlp) -> None:
    analysis = nlp.analyze("وصل وفد من لبنان إلى القاهرة، وبحث في بيروت وبالقاهرة ملف الحدود.")
    for mention in analysis.doc.layers.mentions:
        assert analysis.text[mention.start : mention.end] == mention.text
    assert refers(analysis, "لبنان") == ("country:LBN",)
    texts = [m.text for m in analysis.doc.layers.mentions]
    assert texts.count("القاهرة") == 2  # وبالقاهرة: the clitics stay outside the mention
    assert "بيروت" in texts


def test_glued_names_are_found_after_repair(nlp) -> None:
    analysis = nlp.analyze("تتواصل المحادثات بين روسياوإيران حول الملف النووي.")
    assert refers(analysis, "روسيا") == ("country:RUS",)
    assert refers(analysis, "وإيران"[1:]) == ("country:IRN",)


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2010-06-01", "person:hosni-mubarak"),
        ("2013-01-10", "person:mohamed-morsi"),
        ("2016-05-01", "person:abdel-fattah-el-sisi"),
    ],
)
def test_descriptor_resolved_by_date(nlp, date: str, expected: str) -> None:
    analysis = nlp.analyze("وقال الرئيس المصري إن الحوار هو الطريق الوحيد.", date=date)
    assert refers(analysis, "الرئيس المصري") == (expected,)
    entity = next(e for e in analysis.to_dict()["entities"] if e["id"] == expected)
    assert entity["role"]["title"] == "president" and entity["country"] == "EGY"


def test_own_country_pronoun(nlp) -> None:
    analysis = nlp.analyze(
        "وقال وزير الخارجية الأردني أيمن الصفدي إن بلاده ترفض أي تهجير.", date="2023-11-01")
    assert refers(analysis, "أيمن الصفدي") == ("person:ayman-safadi",)
    assert refers(analysis, "بلاده") == ("country:JOR",)


def test_pair_of_countries(nlp) -> None:
    analysis = nlp.analyze(
        "تشهد العلاقات السعودية الإماراتية تقاربا كبيرا، ويسعى البلدان إلى توسيع التجارة.")
    assert set(refers(analysis, "البلدان")) == {"country:SAU", "country:ARE"}


def test_counterpart(nlp) -> None:
    analysis = nlp.analyze("استقبل الرئيس الفرنسي إيمانويل ماكرون نظيره المصري في باريس.",
                           date="2019-10-02")
    assert refers(analysis, "نظيره المصري") == ("person:abdel-fattah-el-sisi",)


def test_capital_as_state_and_as_place(nlp) -> None:
    state = nlp.analyze("وأعلنت طهران رفضها للقرار الأخير.")
    assert refers(state, "طهران") == ("country:IRN",)
    place = nlp.analyze("وصل الوفد إلى طهران صباح اليوم.")
    assert refers(place, "طهران")[0].startswith("place:")


def test_a_function_word_spelled_like_a_name_is_no_mention(nlp) -> None:
    # أمام 'in front of' shares its matching key with إمام 'imam': the hamza tells them
    analysis = nlp.analyze("وقتل رجل أمام منزله، وخسر الفريق أمام منافسه، ومضت المفاوضات "
                           "إلى الأمام.")
    assert not any(m.entity == "agent:imam" for m in analysis.doc.layers.mentions)
    analysis = nlp.analyze("وقال إمام المسجد إن المصلين خرجوا بعد الصلاة.")
    assert refers(analysis, "إمام") == ("agent:imam",)
    # the month آب (August) is no إب, the Yemeni city
    analysis = nlp.analyze("وقعت الحادثة في 28 آب (أغسطس) الماضي، ثم سيطرت المقاومة على إب.")
    assert [m.text for m in analysis.doc.layers.mentions if m.label == "LOC"] == ["إب"]


def test_a_body_named_by_a_plain_word_needs_quotes_or_its_full_name(nlp) -> None:
    # «القاعدة» alone is mostly 'the base' or 'the rule' in news: al-Qaeda only in
    # quotation marks or where the article writes تنظيم القاعدة too
    analysis = nlp.analyze("وتسيطر على القاعدة العسكرية ميليشيات الحوثي، وخالف اللاعب القاعدة.")
    assert not any(m.entity == "org:al-qaeda" for m in analysis.doc.layers.mentions)
    analysis = nlp.analyze("ليست النصرة إلا تنظيما آخر لـ«القاعدة».")
    assert refers(analysis, "القاعدة") == ("org:al-qaeda",)
    analysis = nlp.analyze("وقال قيادي في تنظيم القاعدة إن القاعدة لن تنسحب من المكلا.")
    assert [m.entity for m in analysis.doc.layers.mentions
            if m.entity == "org:al-qaeda"] == ["org:al-qaeda", "org:al-qaeda"]


def test_an_agent_word_that_is_mostly_another_word_needs_a_nisba(nlp) -> None:
    # «معارض السيارات» are showrooms and «الواجهة البحرية» a waterfront; with a
    # country's adjective the same words are the opponent and the navy
    analysis = nlp.analyze("وتعاني معارض السيارات في جدة من الزحام قرب الواجهة البحرية.")
    assert not any((m.entity or "").startswith(("agent:navy", "agent:opposition"))
                   for m in analysis.doc.layers.mentions)
    analysis = nlp.analyze("وأعلنت البحرية الأمريكية أن المعارض السوري وصل إلى جنيف.")
    assert refers(analysis, "البحرية الأمريكية") == ("agent:navy/USA",)
    assert refers(analysis, "المعارض السوري") == ("agent:opposition-figure/SYR",)


def test_a_known_family_name_after_another_given_name_is_someone_else(nlp) -> None:
    # عبدالعزيز المالكي, a poet, is not نوري المالكي; المالكي alone still is
    analysis = nlp.analyze("وقال الشاعر عبدالعزيز المالكي إن القصيدة جميلة.")
    assert refers(analysis, "عبدالعزيز المالكي")[0].startswith("new:pers:")
    analysis = nlp.analyze("وقال نوري المالكي إن العراق قوي، وأضاف المالكي أن الحكومة ستصمد.")
    assert refers(analysis, "المالكي") == ("person:nouri-al-maliki",)


def test_agent_with_nisba(nlp) -> None:
    analysis = nlp.analyze("قصف الجيش السوري مواقع في ريف إدلب.")
    (entity,) = refers(analysis, "الجيش السوري")
    data = next(e for e in analysis.to_dict()["entities"] if e["id"] == entity)
    assert data["country"] == "SYR" and data["sector"] == "MIL"


def test_group_agent_without_country_keeps_sector(nlp) -> None:
    analysis = nlp.analyze("أغلق المتظاهرون الطريق الرئيسي.")
    (entity,) = refers(analysis, "المتظاهرون")
    data = next(e for e in analysis.to_dict()["entities"] if e["id"] == entity)
    assert data["country"] is None and data["sector"] in ("CVL", "OPP")


def test_common_words_are_not_places(nlp) -> None:
    analysis = nlp.analyze("حقق الفريق النصر في المباراة وسط فرحة الجماهير.")
    assert all(not m.entity or not m.entity.startswith("place:")
               for m in analysis.doc.layers.mentions)


def test_kb_errors_name_file_and_line(tmp_path) -> None:
    bad = tmp_path / "mine.jsonl"
    bad.write_text(
        '{"id": "person:x", "kind": "person", "en": "X", "ar": ["س"], "roles": '
        '[{"office": "head_of_state", "start": "2020-13-01"}]}\n'
        '{"id": "org:y", "kind": "club", "en": "Y", "ar": ["ص"]}\n'
        "not json\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeBaseError, match=r"mine\.jsonl:3: not valid JSON"):
        KnowledgeBase.load([bad])
    bad.write_text(bad.read_text(encoding="utf-8").replace("not json\n", ""), encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as caught:
        KnowledgeBase.load([bad])
    message = str(caught.value)
    assert "mine.jsonl:1 role 1: start '2020-13-01'" in message
    assert "mine.jsonl:2: 'kind' must be one of" in message


def test_user_file_adds_and_replaces_entries(tmp_path) -> None:
    extra = tmp_path / "extra.jsonl"
    extra.write_text(
        '{"id": "person:new-analyst", "kind": "person", "en": "Karim Haddad", '
        '"ar": ["كريم الحداد"], "country": "LBN", "roles": []}\n'
        '{"id": "country:LBN", "kind": "country", "en": "Lebanese Republic", '
        '"ar": ["لبنان"], "iso3": "LBN"}\n',
        encoding="utf-8",
    )
    kb = KnowledgeBase.load([extra])
    assert kb.get("person:new-analyst").en == "Karim Haddad"
    assert kb.get("country:LBN").en == "Lebanese Republic"
    analysis = Pipeline(pipeline=["segment", "entities"], kb_files=[str(extra)]).analyze(
        "وقال المحلل كريم الحداد إن الأزمة ستطول.")
    assert refers(analysis, "كريم الحداد") == ("person:new-analyst",)


def test_user_entries_reach_the_taggers_gazetteer_and_one_lexicon_serves(tmp_path) -> None:
    from rasid.ner.gazetteer import default_gazetteer
    from rasid.text.normalize import match_key

    extra = tmp_path / "extra.jsonl"
    extra.write_text(
        '{"id": "org:harbour-watch", "kind": "org", "en": "Harbour Watch", '
        '"ar": ["مرصد المرافئ الحرة"], "roles": []}\n', encoding="utf-8")
    resources = Pipeline(pipeline=["segment", "entities"],
                         kb_files=[str(extra)]).resources.entities
    key = tuple(match_key(w) for w in "مرصد المرافئ الحرة".split())
    tagger = resources.tagger
    assert tagger.extractor.gazetteer is resources.gazetteer
    def holds(gazetteer) -> bool:
        return any(rest == key[1:] and "org" in kinds
                   for rest, kinds in gazetteer.index.get(key[0], ()))

    assert holds(resources.gazetteer)
    assert not holds(default_gazetteer())
    assert tagger.extractor.lexicon is resources.lexicon  # no second lexicon
    shipped = Pipeline(pipeline=["segment", "entities"]).resources.entities
    assert shipped.tagger.extractor.gazetteer is default_gazetteer()


def test_shipped_kb_sizes() -> None:
    kb = KnowledgeBase.load()
    kinds = {k: len(kb.of_kind(k)) for k in ("country", "place", "person", "org", "agent")}
    assert kinds["country"] >= 249
    assert kinds["place"] >= 2000
    assert kinds["person"] >= 600
    assert kinds["org"] >= 300
    assert kb.country("PSE") is not None and kb.country("XKX").code == "KOS"


def test_unknown_organization_by_shape_gets_an_english_label(nlp) -> None:
    analysis = nlp.analyze("وقال الباحث في المعهد الأردني للدراسات الاستراتيجية إن الوضع صعب. "
                           "وحل الفريق في المركز الأول.")
    data = analysis.to_dict()
    (mention,) = [m for m in data["mentions"] if m["source"] == "pattern"]
    assert mention["text"] == "المعهد الأردني للدراسات الاستراتيجية"
    entity = next(e for e in data["entities"] if e["id"] == mention["entity"])
    assert entity["en"] == "Jordanian Institute for Strategic Studies"


def test_group_anaphor_refers_to_the_armed_group_named_before(pipeline) -> None:
    text = ("أعلن تنظيم داعش مسؤوليته عن الهجوم، ورحبت الأمم المتحدة بالهدنة. "
            "وقال التنظيم في بيان إن عناصره انسحبوا. وأكد الحزب أنه لن يشارك.")
    mentions = pipeline.analyze(text, date="2015-07-20").to_dict()["mentions"]
    anaphors = [(m["text"], m["entity"]) for m in mentions if m["source"] == "anaphor"]
    assert anaphors == [("التنظيم", "org:isis")]  # the UN is skipped; no party was named
