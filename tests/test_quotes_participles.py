"""Participles that open a quotation with a noun phrase or after their object, words
inside another speaker's quotation marks, and speakers whose name holds a stop word
(batch D of the real-news gold showed these). Passages written here."""

from __future__ import annotations

import pytest

from rasid.pipeline import Pipeline


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline(pipeline=["segment", "entities", "quotes"])


def quotes(nlp: Pipeline, text: str) -> list[dict]:
    return nlp.analyze(text, date="2015-07-25").to_dict()["quotes"]


def cues(nlp: Pipeline, text: str) -> list[str]:
    return [q["cue"]["text"] for q in quotes(nlp, text)]


@pytest.mark.parametrize(("text", "cue", "content"), [
    ("وقال الوزير إن العملية متواصلة، مشيرا إلى اعتقال أربعين من العناصر.", "مشيرا",
     "اعتقال أربعين"),
    ("وأعلن المحافظ افتتاح المهرجان، داعيا شباب المحافظة إلى المشاركة بأعمالهم.", "داعيا",
     "المشاركة"),
    ("وحذر المتحدث السكان من الاقتراب، مؤكدا في تصريح إلى \"الرياض\" أن الوضع مطمئن.",
     "مؤكدا", "الوضع مطمئن"),
    ("وقدم الأمير تعازيه لأسرة الفقيد، سائلا المولى أن يتغمده برحمته.", "سائلا",
     "يتغمده"),
    ("وشددت الهيئة على مواصلة الجولات، مهيبة بالمستهلكين إبلاغها عن أي مخالفة.",
     "مهيبة", "إبلاغها"),
    ("وبحث الطرفان ملف المصالحة، مؤكدا بذل كل الجهد لتشكيل حكومة وحدة.", "مؤكدا",
     "بذل كل الجهد"),
])
def test_a_participle_with_a_noun_phrase_or_after_its_object(nlp, text, cue, content
                                                              ) -> None:
    found = {q["cue"]["text"]: q for q in quotes(nlp, text)}
    assert cue in found
    assert content in found[cue]["content"]["text"]


@pytest.mark.parametrize("text", [
    "وبدا فوز الفريق مؤكدا منذ البداية.",
    "وأصبح الأمر مؤكدا بعد الاجتماع.",
])
def test_a_participle_as_an_adjective_opens_no_quotation(nlp, text: str) -> None:
    assert "مؤكدا" not in cues(nlp, text)


def test_words_inside_quotation_marks_are_the_speakers_own(nlp) -> None:
    found = quotes(nlp, ("وقال السفير خالد النمر \"قرار مجلس الأمن ينص بوضوح على أن المهلة "
                         "عشر سنوات\". وأضاف \"إذا قالت الدول الأخرى إنها تريد قرارا جديدا "
                         "فهذا انتهاك\"."))
    assert [q["cue"]["text"] for q in found] == ["وقال", "وأضاف"]
    # the dropped subject of «وأضاف» is the ambassador, not the Council he quoted
    assert found[1]["speaker"]["text"] == found[0]["speaker"]["text"]


def test_a_speaker_whose_name_starts_with_ali_is_not_cut_at_ala(nlp) -> None:
    first, second = quotes(nlp, ("وقال مستشار الرئيس الدكتور علي أكبر نوري: إن المحادثات "
                                 "مستمرة، مضيفا: سنواصل الحوار."))
    assert first["speaker"]["text"].endswith("علي أكبر نوري")
    assert second["speaker"]["text"] == first["speaker"]["text"]


def test_a_place_with_a_preposition_before_a_name_is_no_complement(nlp) -> None:
    found = quotes(nlp, "ونوه مدير الجمعية بالأحساء علي الغوينم إلى أن العروض لاقت نجاحا.")
    assert found and found[0]["speaker"]["text"].endswith("علي الغوينم")
    assert found[0]["content"]["text"].startswith("العروض")


def test_a_singular_source_refers_back_to_the_plural_sources(nlp) -> None:
    first, second, third = quotes(nlp, ("وقالت مصادر عراقية رسمية إن الحملة مستمرة. وشدد "
                                        "المصدر على أن المنطقة الآمنة ضرورية، معتبرا أن "
                                        "التنظيم خطر."))
    assert second["speaker"]["text"] == "المصدر"
    assert second["carried_from"] == first["id"]
    assert third["carried_from"] == first["id"]


@pytest.mark.parametrize(("text", "cue", "speaker", "content"), [
    ("ودانت دول ومنظمات الهجوم على المسجد.", "ودانت", "دول ومنظمات", "الهجوم"),
    ("واعلن الحلف الاطلسي في مطلع يونيو خطة لسحب قواته.", "واعلن", "الحلف الاطلسي",
     "خطة لسحب"),
    ("وتوعدت وزارة الداخلية بملاحقة المسؤولين عن الهجوم.", "وتوعدت", "وزارة الداخلية",
     "بملاحقة"),
    ("وفي المستشفى أخبره الأطباء بأن حالته مستقرة.", "أخبره", "الأطباء", "حالته مستقرة"),
])
def test_speech_acts_with_unnamed_sources_time_phrases_and_past_forms_in_ta(
        nlp, text, cue, speaker, content) -> None:
    found = {q["cue"]["text"]: q for q in quotes(nlp, text)}
    assert cue in found
    assert found[cue]["speaker"]["text"] == speaker
    assert content in found[cue]["content"]["text"]


def test_bayyana_is_a_cue_only_before_a_name_and_its_complement(nlp) -> None:
    found = cues(nlp, "وقال الخبير عبدالله المغلوث إن الأسعار سترتفع. وبين المغلوث أن الطلب "
                      "يزداد في الصيف. وجلس الوفد بين المغلوث والعتيبي.")
    assert found == ["وقال", "وبين"]


def test_words_in_marks_after_an_complement_are_the_speakers_own(nlp) -> None:
    found = quotes(nlp, ("وقال الوزير خالد النمر إن \"المفاوضات كما أعلنا مع وزير خارجية "
                         "فرنسا مستمرة\". وأضاف: \"طلبنا دعم هذه الجهود\"."))
    assert [q["cue"]["text"] for q in found] == ["وقال", "وأضاف"]
    assert found[1]["speaker"]["text"] == found[0]["speaker"]["text"]


def test_a_dropped_subject_continues_the_subject_of_its_sentence(nlp) -> None:
    found = quotes(nlp, ("وقالت الحكومة التركية إن العملية مستمرة. وقتل حزب العمال "
                         "الكردستاني ضابطي شرطة على الأقل، وقال إن الهجوم رد على التفجير."))
    assert found[1]["speaker"]["text"] == "حزب العمال الكردستاني"


def test_a_body_named_in_quotation_marks_after_the_verb_is_the_speaker(nlp) -> None:
    found = quotes(nlp, "وأعلنت «جبهة النصرة» عزل أحد قادتها.")
    assert len(found) == 1
    assert "جبهة النصرة" in found[0]["speaker"]["text"]
    assert found[0]["content"]["text"].startswith("عزل")
    # a quotation that only starts with a name is still the words said
    said = quotes(nlp, "وقال «الاتحاد الأوروبي ضعيف» في تصريح.")
    assert said[0]["content"]["text"].startswith("الاتحاد الأوروبي ضعيف")


@pytest.mark.parametrize(("text", "speaker"), [
    ("ووفقا للبيان، فقد قامت الطائرات بشن غارات على المعسكرات.", "للبيان"),
    ("وفقا لوكالة الأنباء الرسمية، قامت الطائرات بشن غارات.", "وكالة الأنباء الرسمية"),
])
def test_according_to_with_la_glued_to_the_source(nlp, text: str, speaker: str) -> None:
    found = quotes(nlp, text)
    assert len(found) == 1 and found[0]["speaker"]["text"] == speaker


@pytest.mark.parametrize("text", ["ويجري العمل وفقا للخطة الموضوعة.",
                                  "وتتم العملية وفقا للقانون."])
def test_according_to_a_plan_or_a_law_quotes_no_one(nlp, text: str) -> None:
    assert quotes(nlp, text) == []
