"""Who said it, on shapes a fresh batch of real news (batch E) showed: a source phrase
with no comma before its content, a title before the named source, a demonstrative
before the source, the subject before a verb that takes an object, the one spoken to,
and a statement named again as the speaker. Passages written here."""

from __future__ import annotations

import pytest

from rasid.pipeline import Pipeline


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline(pipeline=["segment", "entities", "quotes"])


def quotes(nlp: Pipeline, text: str) -> list[dict]:
    return nlp.analyze(text, date="2024-03-02").to_dict()["quotes"]


def test_a_source_phrase_ends_before_fainna(nlp) -> None:
    [found] = quotes(nlp, "وبحسب وزارة الزراعة الأردنية فإن إنتاج القمح ارتفع هذا العام.")
    assert found["cue"]["text"] == "وبحسب"
    assert found["speaker"]["text"] == "وزارة الزراعة الأردنية"
    assert found["content"]["text"].startswith("إنتاج القمح")


def test_a_titled_person_after_bihasab_is_the_source(nlp) -> None:
    [found] = quotes(nlp, "غرق قارب يقل عشرين صيادا قرب الساحل، بحسب الباحث البحري "
                          "منير عبد الستار الحلبي.")
    assert found["speaker"]["text"].endswith("منير عبد الستار الحلبي")
    assert found["content"]["text"].startswith("غرق قارب")


def test_a_plan_after_wafqan_is_no_source(nlp) -> None:
    assert quotes(nlp, "ووفقا لهذه الخطة فإن البلدية ستبني ثلاث مدارس.") == []


def test_a_demonstrative_before_the_source(nlp) -> None:
    [found] = quotes(nlp, "وحسب تلك التقارير فإن السلطات المحلية أغلقت الطريق الساحلي.")
    assert found["speaker"]["text"] == "تلك التقارير"


def test_the_subject_before_a_verb_with_an_object_is_the_speaker(nlp) -> None:
    found = quotes(nlp, "وأكد المسؤول الكويتي أن الجنرال هوارد كلينتون أبلغ الوزير أن "
                        "القوات ستغادر قريبا.")
    told = next(q for q in found if q["cue"]["text"] == "أبلغ")
    assert told["speaker"]["text"] == "هوارد كلينتون"


def test_the_one_spoken_to_is_not_the_speaker(nlp) -> None:
    found = quotes(nlp, "وأعلن الوزير أن السفير الإيطالي ماركو بيلوني أكد له بأنه سيدعم "
                        "المشروع.")
    said = next(q for q in found if q["cue"]["text"] == "أكد")
    assert said["speaker"]["text"].endswith("ماركو بيلوني")


def test_a_statement_named_again_speaks_for_the_body_that_issued_it(nlp) -> None:
    first, second, third = quotes(nlp, (
        "أعلنت وزارة الصحة الكويتية أمس أن المستشفى الجديد سيفتح الأسبوع المقبل. وتابع "
        "البيان أن الأطباء جاهزون. وأضاف أن الدواء متوفر."))
    assert second["speaker"]["text"] == "البيان"
    assert second["carried_from"] == first["id"]
    assert third["carried_from"] == first["id"]


def test_a_present_tense_cue_with_its_colon_is_a_quotation_of_its_own(nlp) -> None:
    first, second = quotes(nlp, "وقال مدير الميناء كمال عبد الرؤوف الشامي: إن الرصيف جاهز "
                                "ويضيف: بدأ فريق فني بإصلاح الرافعات.")
    assert second["cue"]["text"] == "ويضيف"
    assert second["content"]["text"].startswith("بدأ فريق فني")
    assert first["content"]["text"].endswith("الرصيف جاهز")


def test_a_present_tense_cue_with_a_source_named_again(nlp) -> None:
    first, second = quotes(nlp, "وقالت مصادر محلية إن المسلحين نصبوا كمينا وتشير المصادر "
                                "إلى أن الدورية نجت منه.")
    assert second["cue"]["text"] == "وتشير"
    assert second["carried_from"] == first["id"]


def test_words_after_the_verb_that_name_no_one_are_its_object(nlp) -> None:
    first, second = quotes(nlp, "قالت وزارة الخارجية العمانية إنها لم تتلق أي طلب، "
                                "ووصفت علاقة مسقط بطهران بأنها في أحسن حالاتها.")
    assert second["cue"]["text"] == "ووصفت"
    assert second["carried_from"] == first["id"]
    assert "علاقة" not in (second["speaker"]["text"] or "")


def test_a_country_right_after_the_verb_still_speaks(nlp) -> None:
    [found] = quotes(nlp, "دعت اليابان الصين إلى ضبط النفس في بحر الصين الجنوبي.")
    assert found["speaker"]["text"] == "اليابان"


def test_a_cue_with_the_pronoun_of_a_statement_only_describes_it(nlp) -> None:
    [found] = quotes(nlp, "وقالت الجماعة في بيان نشرته مواقع موالية لها إن مقاتليها "
                          "سيطروا على التلة.")
    assert found["cue"]["text"] == "وقالت"
    assert found["speaker"]["text"] == "الجماعة"


def test_what_a_newspaper_published_is_still_a_quotation(nlp) -> None:
    [found] = quotes(nlp, "وحسب ما نشرته صحيفة «الأيام» البحرينية، أن الميناء سيغلق.")
    assert "الأيام" in found["speaker"]["text"]


@pytest.mark.parametrize("text", [
    "نشرت الجمعية الخيرية تقريرا بعنوان «عام من العطاء» يوثق أعمالها.",
    "ونشرت الوزارة أسماء الفائزين وهم: سالم ومريم وخالد.",
])
def test_a_title_or_a_list_is_not_the_words_said(nlp, text: str) -> None:
    assert quotes(nlp, text) == []


def test_naqlan_an_after_the_subject_only_qualifies_the_source(nlp) -> None:
    [found] = quotes(nlp, "وأفادت مصادر أمنية نقلا عن الموقوفين بأن الخلية تلقت تمويلا "
                          "من الخارج.")
    assert found["speaker"]["text"] == "مصادر أمنية"


def test_the_outlet_spoken_to_is_not_the_speaker(nlp) -> None:
    [found] = quotes(nlp, "وقال لـ\"الرياض\" الدكتور ماجد بن سعد العتيبي مدير المستشفى إن "
                          "الأسرة الجديدة جاهزة.")
    assert found["speaker"]["text"].startswith("الدكتور ماجد")
    assert "الرياض" not in found["speaker"]["text"]


def test_a_participle_between_a_cue_and_its_words_is_no_quotation(nlp) -> None:
    found = quotes(nlp, "أما ماجد العتيبي فقال داعيا الله: اللهم احفظ هذا البلد.")
    assert [q["cue"]["text"] for q in found] == ["فقال"]
    assert found[0]["content"]["text"].startswith("اللهم")


def test_a_source_set_apart_inside_a_cue_still_vouches(nlp) -> None:
    found = quotes(nlp, "وأكد رئيس الهيئة سالم العتيبي، ووفقا لوكالة \"بترا\"، أن المشروع "
                        "سينجز العام المقبل.")
    assert [q["cue"]["text"] for q in found][:2] == ["وأكد", "ووفقا"]


def test_a_claim_of_responsibility_is_a_speech_act(nlp) -> None:
    [found] = quotes(nlp, "وتبنى تنظيم داعش تفجير السيارة المفخخة قرب الميناء.")
    assert found["cue"]["text"] == "وتبنى"
    assert found["speaker"]["text"] == "تنظيم داعش"
    assert found["content"]["text"].startswith("تفجير")


def test_adopting_a_law_is_no_quotation(nlp) -> None:
    assert quotes(nlp, "وتبنى مجلس النواب الأردني القانون الجديد بأغلبية كبيرة.") == []


def test_a_statement_cue_with_also(nlp) -> None:
    first, second = quotes(nlp, "أعلنت وزارة النقل الكويتية أن الطريق سيفتح غدا. وجاء أيضا "
                                "في البيان أن الجسر سيصان.")
    assert second["cue"]["text"].startswith("وجاء")
    assert second["carried_from"] == first["id"]


def test_a_name_that_starts_with_ba_is_the_speaker_not_an_adjunct(nlp) -> None:
    [found] = quotes(nlp, "وأوضح بيشي الصرخي المتحدث باسم الدفاع المدني بأن الحريق أخمد.")
    assert found["speaker"]["text"].startswith("بيشي الصرخي")


def test_an_unnamed_source_after_lakin_is_the_subject_not_a_place_in_it(nlp) -> None:
    [found] = quotes(nlp, "لكن مصدرا مطلعا في وزارة المالية في عمان، أكد أن الموازنة "
                          "ستقر الشهر المقبل.")
    assert found["speaker"]["text"].startswith("مصدرا مطلعا")


def test_a_feminine_participle_after_a_plural_and_its_adjective_is_an_adjective(nlp) -> None:
    [found] = quotes(nlp, "وقالت الوزارة إن الشرطة فرضت إجراءات أمنية مشددة على الحدود.")
    assert found["content"]["text"].endswith("على الحدود")


def test_a_plural_participle_does_not_carry_on_one_mans_words(nlp) -> None:
    found = quotes(nlp, "وأوضح المتحدث الإعلامي العقيد سالم القرشي أن الدوريات رصدت المخالفة. "
                        "وأثار المقطع غضبا واسعا بين رواد المنتديات الرياضية، مطالبين "
                        "بمحاسبة المتسببين.")
    asked = next(q for q in found if q["cue"]["text"] == "مطالبين")
    assert asked["speaker"]["text"] == "رواد المنتديات الرياضية"
