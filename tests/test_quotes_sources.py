"""Who said it, on shapes real news showed the quotation layer missing: chains of carried
speakers, a participle that is part of its verb's cue, outlets that only relay words,
subjects before «قد» and after «كان», verbs' fixed objects, relative clauses, and
speakers that refer back by their head noun. Passages written here."""

from __future__ import annotations

import pytest

from rasid.pipeline import Pipeline


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline(pipeline=["segment", "entities", "quotes"])


def quotes(nlp: Pipeline, text: str) -> list[dict]:
    return nlp.analyze(text, date="2024-03-02").to_dict()["quotes"]


def test_a_chain_of_carried_speakers_points_to_the_one_that_named_them(nlp) -> None:
    first, second, third = quotes(nlp, (
        "وقالت مصادر مقربة من الحكومة إن المفاوضات ستستأنف الأسبوع المقبل. وأضافت "
        "المصادر أن الوفد سيصل غدا، مشيرة إلى أن جدول الأعمال لم يحسم بعد."))
    assert third["cue"]["text"] == "مشيرة"
    # the participle and «وأضافت المصادر» both refer back to the words that name the source
    assert second["carried_from"] == first["id"]
    assert third["carried_from"] == first["id"]


def test_a_participle_after_its_verb_is_part_of_the_cue_not_the_speaker(nlp) -> None:
    found = quotes(nlp, ("وقال وزير المالية سالم العتيبي إن العجز سينخفض. وأضاف قائلا إن "
                         "الإنفاق على التعليم سيرتفع."))
    assert len(found) == 2
    first, second = found
    assert second["cue"]["text"] == "وأضاف قائلا"
    assert second["found_by"] == "carried_over"
    assert second["speaker"]["text"] == first["speaker"]["text"]


def test_an_outlet_that_relays_the_words_is_not_the_next_speaker(nlp) -> None:
    found = quotes(nlp, ("وقال المتحدث باسم الشرطة نادر الكبيسي إن الحادث وقع فجرا، حسبما "
                         "ذكرت وكالة الأنباء المحلية. وأشار إلى أن التحقيق مستمر."))
    last = found[-1]
    assert last["cue"]["text"] == "وأشار"
    assert "نادر الكبيسي" in last["speaker"]["text"]


def test_an_unnamed_source_between_kana_and_qad_is_the_subject(nlp) -> None:
    (q,) = quotes(nlp, "وكانت تقارير صحافية قد ذكرت أن المصنع أغلق أبوابه.")
    assert q["speaker"]["text"] == "تقارير صحافية"
    assert q["content"]["text"] == "المصنع أغلق أبوابه"


def test_a_fixed_object_and_a_time_word_are_never_the_speaker(nlp) -> None:
    (q,) = quotes(nlp, "وكانت تقارير حقوقية قد لفتت الأنظار إلى أن السجون مكتظة.")
    assert q["speaker"]["text"] == "تقارير حقوقية"
    found = quotes(nlp, "وكانت البلدية أعلنت الخميس الماضي، أن الطريق سيغلق للصيانة.")
    assert found[0]["speaker"]["text"] == "البلدية"


def test_a_cue_after_a_relative_pronoun_takes_the_body_named_before_it(nlp) -> None:
    found = quotes(nlp, "وعاد الهدوء بعد بيان تنظيم داعش الذي أعلن مسؤوليته عن التفجير.")
    (q,) = [q for q in found if q["cue"]["text"] == "أعلن"]
    assert "داعش" in q["speaker"]["text"]
    assert q["content"]["text"].startswith("مسؤوليته عن التفجير")


def test_a_speaker_that_repeats_the_head_noun_of_an_earlier_one_refers_back(nlp) -> None:
    first, second = quotes(nlp, ("أكدت مواقع إخبارية محلية أن الجسر انهار ليلا. وأشارت "
                                 "المواقع إلى أن الإصابات طفيفة."))
    assert second["speaker"]["text"] == "المواقع"
    assert second["found_by"] == "anaphor" and second["carried_from"] == first["id"]


def test_an_anaphor_with_an_adjective_refers_to_the_speaker_it_agrees_with(nlp) -> None:
    found = quotes(nlp, ("قال الرئيس اليمني عبدربه منصور هادي إن الهدنة صامدة. وقال الرئيس "
                         "الأمريكي إن بلاده تدعمها. وأكد الرئيس اليمني أن المساعدات وصلت."))
    first, last = found[0], found[-1]
    assert last["found_by"] == "anaphor"
    assert last["carried_from"] == first["id"]
    assert last["speaker"]["entity"] == first["speaker"]["entity"]


def test_a_participle_whose_complement_is_an_with_its_pronoun(nlp) -> None:
    found = quotes(nlp, ("وأشار المتحدث باسم البلدية فهد الرويلي إلى أن الأعمال بدأت؛ "
                         "مؤكدا أنها ستنتهي قبل الشتاء."))
    last = found[-1]
    assert last["cue"]["text"] == "مؤكدا"
    assert last["content"]["text"] == "أنها ستنتهي قبل الشتاء"


def test_a_source_after_bihasab_ends_at_a_semicolon(nlp) -> None:
    found = quotes(nlp, "وحسب موقع \"الخليج اليوم\"؛ فقد أعلنت الشركة عن أرباح قياسية.")
    source, announced = found
    assert source["cue"]["text"] == "وحسب" and announced["cue"]["text"] == "أعلنت"
    assert source["speaker"]["text"] == "موقع \"الخليج اليوم\""
    assert source["content"]["text"].startswith("أعلنت الشركة")


def test_after_an_adjunct_a_verb_of_calling_names_its_object_not_its_speaker(nlp) -> None:
    first, second = quotes(nlp, ("دعا رئيس الوزراء الكندي جاستن ترودو الأطراف إلى الحوار، ودعا "
                                 "في الوقت نفسه، البرلمان إلى إقرار الموازنة."))
    assert second["found_by"] == "carried_over"
    assert second["speaker"]["text"] == first["speaker"]["text"]


def test_a_cue_with_a_demonstrative_reports_the_sentence_before(nlp) -> None:
    found = quotes(nlp, ("ضبطت الجمارك شحنة من الحبوب المخدرة في الميناء. أوضح ذلك مدير "
                         "الجمارك خالد الزهراني وقال: نعمل على مدار الساعة."))
    first, second = found
    assert first["cue"]["text"] == "أوضح ذلك"
    assert "خالد الزهراني" in first["speaker"]["text"]
    assert first["content"]["text"].startswith("ضبطت الجمارك شحنة")
    assert second["speaker"]["text"] == first["speaker"]["text"]


def test_a_present_tense_cue_after_an_is_a_wish_not_words(nlp) -> None:
    assert quotes(nlp, "وتأمل المنظمات أن يحث الرئيس الحكومة على الإصلاح.") == []


def test_bil_qawl_and_observers_as_a_source(nlp) -> None:
    found = quotes(nlp, ("وقالت الوزارة إن الحريق محدود، واكتفت بالقول إن التحقيق جار. وسقط "
                         "مئات القتلى، حسب مراقبين، في المعارك."))
    cues = [q["cue"]["text"] for q in found]
    assert "بالقول" in cues and "حسب" in cues
    (observers,) = [q for q in found if q["cue"]["text"] == "حسب"]
    assert observers["speaker"]["text"] == "مراقبين"


def test_a_participle_that_agrees_with_a_plural_before_it_is_an_adjective(nlp) -> None:
    text = "وحذرت الدراسة من احتمالات مؤكدة أن تتراجع الأمطار، مؤكدة أن الجفاف قادم."
    found = quotes(nlp, text)
    cues = [q["cue"]["text"] for q in found]
    assert cues.count("مؤكدة") == 1  # the second, after the comma, introduces words
    (said,) = [q for q in found if q["cue"]["text"] == "مؤكدة"]
    assert said["content"]["text"] == "الجفاف قادم"


def test_a_dropped_subject_with_no_one_before_is_the_person_of_its_sentence(nlp) -> None:
    (q,) = quotes(nlp, ("نشر الروائي سليمان الفارس روايته الأولى عام 1990، وكما قال إنه "
                        "كتبها في شهرين."))
    assert q["found_by"] == "pronoun"
    assert q["speaker"]["text"] == "سليمان الفارس"


def test_a_cue_right_after_inna_with_its_pronoun_belongs_to_the_words_said(nlp) -> None:
    (q,) = quotes(nlp, ("وقالت الجمعية الخيرية إنها أبلغت الشرطة بأن مجهولين سرقوا "
                        "مستودعها."))
    assert q["cue"]["text"] == "وقالت"
    assert q["content"]["text"] == "إنها أبلغت الشرطة بأن مجهولين سرقوا مستودعها"
