"""Quotations on passages written here: cues, speakers, carry-over, media, traps."""

from __future__ import annotations

import pytest

from rasid.pipeline import Pipeline


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline(pipeline=["segment", "entities", "quotes"])


def quotes(nlp, text: str, date: str = "2023-05-10") -> list[dict]:
    return nlp.analyze(text, date=date).to_dict()["quotes"]


def test_named_reported_quote_and_a_participle_of_its_own(nlp) -> None:
    q, more = quotes(nlp, "وقال وزير الخارجية الأردني أيمن الصفدي، إن بلاده ترفض التهجير، "
                          "مشددا على أن الحل سياسي.")
    assert q["speaker"]["entity"] == "person:ayman-safadi"
    assert q["cue"]["text"] == "وقال"
    assert q["kind"] == "reported" and q["found_by"] == "named"
    assert q["content"]["text"] == "بلاده ترفض التهجير"
    # the participle is a quotation of its own, by the same speaker
    assert more["cue"]["text"] == "مشددا" and more["found_by"] == "participle"
    assert more["speaker"]["entity"] == "person:ayman-safadi"
    assert more["content"]["text"] == "الحل سياسي"


def test_carry_over_and_medium(nlp) -> None:
    text = ("وقال المحلل السياسي سمير النجار إن الاتفاق هش. وأضاف في تصريحات خاصة لقناة "
            "\"الأفق\"، أن الأطراف لم تلتزم بالبنود.")
    first, second = quotes(nlp, text)
    assert first["speaker"]["text"].endswith("سمير النجار")
    assert second["found_by"] == "carried_over"
    assert second["speaker"]["text"] == first["speaker"]["text"]
    assert second["carried_from"] == first["id"]
    assert second["medium"].startswith("في تصريحات خاصة")
    assert second["content"]["text"].startswith("الأطراف لم تلتزم")


def test_new_speaker_resets_carry_over(nlp) -> None:
    text = ("وقال رئيس البلدية خالد منصور إن المياه ستعود غدا. وقالت الناشطة ليلى حداد إن "
            "الوعود تكررت. وأضافت أن السكان سئموا الانتظار.")
    _, two, three = quotes(nlp, text)
    assert three["found_by"] == "carried_over"
    assert three["speaker"]["text"] == two["speaker"]["text"]
    assert "ليلى حداد" in two["speaker"]["text"]


def test_direct_quote_in_guillemets(nlp) -> None:
    (q,) = quotes(nlp, "وقال المتحدث باسم الحكومة: «لن نتراجع عن القرار».")
    assert q["kind"] == "direct"
    assert q["content"]["text"] == "لن نتراجع عن القرار"


def test_ishara_ila_anna(nlp) -> None:
    (q,) = quotes(nlp, "وأشار المسؤول، إلى أن المفاوضات ستستأنف الأسبوع المقبل.")
    assert q["cue"]["text"] == "وأشار"
    assert q["content"]["text"].startswith("المفاوضات ستستأنف")


def test_institutional_and_source_speakers(nlp) -> None:
    (q,) = quotes(nlp, "وذكرت وزارة الخارجية الروسية في بيان أن موسكو تتابع الوضع بقلق.")
    assert q["medium"] == "في بيان"
    assert "الخارجية الروسية" in q["speaker"]["text"]
    (r,) = quotes(nlp, "وبحسب وكالة رويترز، فإن الاجتماع انتهى دون اتفاق.")
    assert r["found_by"] == "source" and r["speaker"]["entity"] == "org:reuters"
    assert r["content"]["text"] == "الاجتماع انتهى دون اتفاق"


def test_agency_reporting_a_speaker(nlp) -> None:
    (q,) = quotes(nlp, "ونقلت وكالة رويترز عن مسؤول أمني قوله إن الحدود أغلقت.")
    assert q["speaker"]["text"] == "مسؤول أمني قوله" or q["speaker"]["text"].startswith(
        "مسؤول أمني")
    assert q["medium"].startswith("وكالة رويترز")


def test_two_speakers_in_one_sentence(nlp) -> None:
    text = "وقال الوزير إن الخطة جاهزة، بينما قال النائب إن الميزانية لا تكفي."
    first, second = quotes(nlp, text)
    assert first["content"]["text"] == "الخطة جاهزة"
    assert second["speaker"]["text"] == "النائب"


@pytest.mark.parametrize(
    "text",
    [
        "قال تعالى في كتابه الكريم ما يذكره الخطيب كل جمعة.",
        "وأكدت الفحوص الطبية سلامة اللاعب.",
        "يقال إن المدينة بنيت قبل ألف عام.",
        "وأعلن الجيش حالة الطوارئ في المحافظة.",
    ],
)
def test_traps_are_not_quotations(nlp, text: str) -> None:
    assert quotes(nlp, text) == []


def test_every_span_slices_the_text(nlp) -> None:
    text = "وقالت الوزيرة إن الخطة جاهزة. وأضافت: «سنبدأ غدا». وذكر مصدر مطلع أن التمويل متوفر."
    analysis = nlp.analyze(text)
    for quote in analysis.to_dict()["quotes"]:
        for key in ("cue", "content"):
            span = quote[key]
            assert analysis.text[span["start"] : span["end"]] == span["text"]
        assert len(analysis.to_dict()["quotes"]) == 3


def test_a_participle_opens_an_attribution_after_a_sentence_that_quotes_no_one(nlp) -> None:
    (q,) = quotes(nlp, "استقبل الرئيس المصري عبد الفتاح السيسي وفدا من رجال الأعمال، "
                       "مؤكدا أن الاستثمار أولوية للحكومة.")
    assert q["cue"]["text"] == "مؤكدا" and q["found_by"] == "participle"
    assert q["speaker"]["entity"] == "person:abdel-fattah-el-sisi"
    assert q["content"]["text"] == "الاستثمار أولوية للحكومة"


def test_speech_acts_with_an_object_and_a_preposition(nlp) -> None:
    (q,) = quotes(nlp, "وحث الرئيس التونسي المواطنين على المشاركة في الانتخابات المقبلة.")
    assert q["speaker"]["text"] == "الرئيس التونسي"
    assert q["content"]["text"].startswith("على المشاركة")
    (q,) = quotes(nlp, "دعا الأمين العام للأمم المتحدة بان كي مون الأطراف اليمنية إلى "
                       "العودة للحوار.")
    assert q["speaker"]["entity"] == "person:ban-ki-moon"
    assert q["content"]["text"].startswith("إلى العودة")
    (q,) = quotes(nlp, "أفادت وكالة الأنباء السعودية بوصول الدفعة الأولى من المساعدات.")
    assert q["speaker"]["text"] == "وكالة الأنباء السعودية"


def test_the_verb_after_according_to_is_part_of_the_cue(nlp) -> None:
    (q,) = quotes(nlp, "قتل خمسة أشخاص في انفجار سيارة مفخخة بحسب ما ذكرت وكالة رويترز.")
    assert q["cue"]["text"] == "بحسب ما ذكرت"
    assert q["speaker"]["text"] == "وكالة رويترز"


def test_a_speaker_that_refers_back_takes_the_earlier_speaker(nlp) -> None:
    first, second = quotes(nlp, "وأعلن المتحدث باسم التحالف العميد أحمد عسيري أن الطائرات "
                                "استهدفت مواقع المسلحين. وأضاف المتحدث أن العمليات مستمرة.")
    assert second["speaker"]["text"] == "المتحدث"
    assert second["found_by"] == "anaphor"
    assert second["speaker"]["entity"] == first["speaker"]["entity"] is not None


def test_an_adjunct_after_the_cue_is_not_a_speaker(nlp) -> None:
    _first, second = quotes(nlp, "قال وزير الخارجية المصري سامح شكري إن الحل سياسي. "
                                "وقال عن الأزمة إن الحوار هو الطريق الوحيد.")
    assert second["found_by"] == "carried_over"
    assert second["speaker"]["entity"] == "person:sameh-shoukry"


def test_a_cue_after_kama_reports_the_clause_before_it(nlp) -> None:
    (q,) = quotes(nlp, "أعيد فتح المطار أمام الرحلات المدنية، كما أعلن وزير النقل اليمني.")
    assert q["content"]["text"] == "أعيد فتح المطار أمام الرحلات المدنية"
    assert q["speaker"]["text"] == "وزير النقل اليمني"


def test_a_present_tense_verb_with_a_bare_preposition_is_no_quotation(nlp) -> None:
    assert quotes(nlp, "وهذا الرقم يشير إلى المنافسة القوية في السوق.") == []


def test_a_short_form_of_a_person_named_in_full_is_that_person(nlp) -> None:
    first, second = quotes(nlp, "قال وزير الخارجية المصري سامح شكري إن مصر ترفض التدخل. "
                                "وأوضح شكري أن الحل سياسي.")
    assert first["speaker"]["entity"] == second["speaker"]["entity"] == "person:sameh-shoukry"


def test_a_subject_before_a_verb_with_an_object_is_its_speaker(nlp) -> None:
    (q,) = quotes(nlp, "المنظمة الدولية دعت إلى وقف القتال فورا.")
    assert q["speaker"]["text"] == "المنظمة الدولية"
    assert q["content"]["text"].startswith("إلى وقف القتال")


@pytest.mark.parametrize(("text", "speaker", "content"), [
    ("وأكد مصدر أمني بمحافظة الأنبار صباح اليوم وصول تعزيزات إلى المدينة.",
     "مصدر أمني بمحافظة الأنبار", "وصول تعزيزات إلى المدينة"),
    ("أكدت مصادر مقربة من حركة حماس الإفراج عن ثلاثة معتقلين.",
     "مصادر مقربة من حركة حماس", "الإفراج عن ثلاثة معتقلين"),
    ("ونفى المتحدث باسم الشرطة وقوع إصابات بين المحتجين.",
     "المتحدث باسم الشرطة", "وقوع إصابات بين المحتجين"),
    ("دانت منظمة العفو الدولية الأربعاء إعدام المعارضين.",
     "منظمة العفو الدولية", "إعدام المعارضين"),
    ("أعلنت الحكومة الأردنية موافقتها على خطة التقشف.",
     "الحكومة الأردنية", "موافقتها على خطة التقشف"),
])
def test_a_speech_act_with_a_noun_phrase_after_a_marked_source(nlp, text, speaker,
                                                                content) -> None:
    (q,) = quotes(nlp, text)
    assert q["speaker"]["text"] == speaker
    assert q["content"]["text"] == content


def test_an_unnamed_source_is_not_the_body_it_is_close_to(nlp) -> None:
    (q,) = quotes(nlp, "أكدت مصادر مقربة من حركة حماس الإفراج عن ثلاثة معتقلين.")
    assert q["speaker"].get("entity") != "org:hamas"


@pytest.mark.parametrize("text", [
    "أكدت الفحوص وجود الفيروس في العينات.",
    "أعلنت وزارة التعليم نتائج الامتحانات النهائية.",
    "وعثر الصيادون على قطعة حطام يبلغ طولها مترين ويبدو أنها من جناح طائرة.",
])
def test_no_source_an_act_or_another_words_an_is_no_quotation(nlp, text: str) -> None:
    assert quotes(nlp, text) == []


def test_a_clause_after_a_subordinator_is_not_part_of_the_speaker(nlp) -> None:
    (q,) = quotes(nlp, "وقال رئيس الوزراء العراقي بعد أن التقى السفير الأمريكي إن "
                       "العلاقات متينة.")
    assert q["speaker"]["text"] == "رئيس الوزراء العراقي"
    assert q["content"]["text"] == "العلاقات متينة"


def test_the_first_name_is_the_speaker_and_the_second_the_addressee(nlp) -> None:
    (q,) = quotes(nlp, "وأبلغ وزير الخارجية البريطاني بوريس جونسون رئيس الوزراء العراقي أن "
                       "الدعم سيستمر.", date="2017-06-01")
    assert q["speaker"]["entity"] == "person:boris-johnson"


def test_a_name_in_apposition_is_the_speaker(nlp) -> None:
    (q,) = quotes(nlp, "وقالت مديرة جمعية الرحمة للأيتام، نادية الخطيب، إن التبرعات تراجعت.")
    assert q["speaker"]["text"] == "نادية الخطيب"
    assert q["title"].startswith("مديرة جمعية")


def test_a_cue_in_a_relative_clause_is_said_by_the_sentence_subject(nlp) -> None:
    quotes_ = quotes(nlp, "وقال وزير الخارجية المصري سامح شكري إن الحوار مستمر. وأصدرت "
                          "منظمة العفو الدولية بيانا قالت فيه إن الاعتقالات تعسفية.",
                     date="2016-01-10")
    assert quotes_[-1]["speaker"]["text"] == "منظمة العفو الدولية"


def test_a_counted_noun_is_no_cue(nlp) -> None:
    assert quotes(nlp, "وشارك في المسابقة 1300 طالب قدموا أن مشاريعهم مبتكرة.") == []


def test_a_country_inside_an_unnamed_source_is_not_the_speaker(nlp) -> None:
    (q,) = quotes(nlp, "وقال خبير في الأمن السيبراني في السعودية إن الهجمات تتزايد.")
    assert q["speaker"].get("entity") != "country:SAU"


@pytest.mark.parametrize(("text", "entity"), [
    ("واستقبل وزير الخارجية المصري سامح شكري السفير الأمريكي. وقال الوزير إن العلاقات "
     "قوية.", "person:sameh-shoukry"),
    ("ونشرت منظمة العفو الدولية تقريرها السنوي عن السجون. وقالت المنظمة إن الأوضاع "
     "تدهورت.", "org:amnesty-international"),
])
def test_an_anaphoric_speaker_takes_the_person_or_body_named_before(nlp, text: str,
                                                                    entity: str) -> None:
    q = quotes(nlp, text, date="2016-01-10")[-1]
    assert q["found_by"] == "anaphor"
    assert q["speaker"]["entity"] == entity


def test_the_statement_refers_back_to_who_issued_it(nlp) -> None:
    first, second = quotes(nlp, "وقال الجيش الأردني في بيان إن طائرة سقطت. وأضاف البيان أن "
                                "الطيار نجا.")
    assert second["found_by"] == "anaphor"
    assert second["speaker"]["entity"] == first["speaker"]["entity"] is not None


def test_a_tagged_name_never_swallows_the_complement(nlp) -> None:
    (q,) = quotes(nlp, "وقالت المنظمة إن الفقر تراجع في الريف.")
    assert q["content"]["text"] == "الفقر تراجع في الريف"


def test_a_verbal_noun_of_saying_with_its_pronoun(nlp) -> None:
    (q,) = quotes(nlp, "ومن الأمثال الشائعة قولهم: العقل السليم في الجسم السليم.")
    assert q["cue"]["text"] == "قولهم" and q["speaker"]["text"] is None
    assert q["content"]["text"] == "العقل السليم في الجسم السليم"
    *_, q = quotes(nlp, "قال المحلل السياسي سمير النجار إن الاتفاق هش. وهو اتفاق لن يصمد "
                        "طويلا بحسب قوله.")
    assert q["cue"]["text"] == "بحسب قوله" and q["found_by"] == "carried_over"
    assert "سمير النجار" in q["speaker"]["text"]
    _first, second, third = quotes(nlp, "وقال الوزير إن الأزمة عابرة. وأضاف أن الأسعار "
                                        "ستنخفض قريبا، على حد تعبيره.")
    assert third["cue"]["text"] == "على حد تعبيره"
    assert third["content"]["text"] == second["content"]["text"] == "الأسعار ستنخفض قريبا"


@pytest.mark.parametrize("text", [
    "وأرسل الاتفاق إلى الكونغرس وفقا لما يقتضيه القانون.",
    "وتعمل الجمعية وفق ما شرعه الله في كتابه.",
    "وبدأ العمل في المشروع بحسب الخطة المعتمدة.",
])
def test_according_to_a_rule_or_a_plan_attributes_no_words(nlp, text: str) -> None:
    assert quotes(nlp, text) == []


def test_according_to_a_source_attributes_the_clause(nlp) -> None:
    (q,) = quotes(nlp, "وارتفع عدد الضحايا إلى عشرة، بحسب مصادر طبية.")
    assert q["speaker"]["text"] == "مصادر طبية"
    assert q["content"]["text"] == "وارتفع عدد الضحايا إلى عشرة"


@pytest.mark.parametrize("text", [
    "وقدم نادي الاتحاد شكوى رسمية إلى اللجنة بأن اللاعب وقع لناد آخر.",
    "وطالبة الطب التي تفوقت أكدت لأسرتها أن الحلم تحقق.",
])
def test_a_noun_spelled_like_a_verb_is_no_cue(nlp, text: str) -> None:
    assert all(q["cue"]["text"] not in ("نادي", "وطالبة") for q in quotes(nlp, text))


def test_adverbs_after_the_speaker_are_not_the_speaker(nlp) -> None:
    (q,) = quotes(nlp, "وقال الرئيس الكيني أوهورو كينياتا عشية المحادثات إن الأمن أولوية.",
                  date="2015-07-25")
    assert q["speaker"]["text"] == "الرئيس الكيني أوهورو كينياتا"
    (q,) = quotes(nlp, "وأضافت الصحيفة أيضا أن الجمهور ينتظر.")
    assert q["speaker"]["text"] == "الصحيفة"


def test_the_words_of_a_statement(nlp) -> None:
    (q,) = quotes(nlp, "وجاء في بيان لمنظمة العفو الدولية: «القصف طال مناطق مأهولة».",
                  date="2016-01-10")
    assert q["speaker"]["entity"] == "org:amnesty-international"
    assert q["content"]["text"] == "القصف طال مناطق مأهولة" and q["kind"] == "direct"
    first, second = quotes(nlp, "وقال الجيش الأردني في بيان إن طائرة سقطت. وجاء في البيان "
                                "أن الطيار نجا.")
    assert second["speaker"]["entity"] == first["speaker"]["entity"] is not None
    assert second["content"]["text"] == "الطيار نجا"


def test_a_verbal_noun_of_pointing_continues_the_speaker(nlp) -> None:
    _first, second = quotes(nlp, "وقال الوزير إن التنظيم فشل في تجنيد النساء إشارة فيه "
                                 "إلى أن الوعي كامل.")
    assert second["cue"]["text"] == "إشارة" and second["content"]["text"] == "الوعي كامل"


@pytest.mark.parametrize(("text", "cue"), [
    ("واستبعد الوزير أن تتأثر الأسعار بالقرار.", "واستبعد"),
    ("وأقر المتحدث بأن الخطة تأخرت.", "وأقر"),
    ("وتساءل النائب: «من يتحمل المسؤولية؟».", "وتساءل"),
])
def test_more_speech_verbs_with_their_complements(nlp, text: str, cue: str) -> None:
    (q,) = quotes(nlp, text)
    assert q["cue"]["text"] == cue


def test_an_anaphoric_unnamed_source_refers_back_to_its_quotation(nlp) -> None:
    first, second = quotes(nlp, "أكدت مصادر مقربة من الحزب سقوط قتلى. وأضافت المصادر أن "
                                "المعارك مستمرة.")
    assert second["found_by"] == "anaphor" and second["carried_from"] == first["id"]


def test_a_present_tense_cue_with_a_long_title_before_the_name(nlp) -> None:
    (q,) = quotes(nlp, "ويقول أستاذ العلوم السياسية في جامعة الملك سعود والمستشار السابق في "
                       "مجلس الشورى محمد النمر إن الاتفاق هش.")
    assert q["content"]["text"] == "الاتفاق هش"
    assert q["speaker"]["text"].endswith("محمد النمر")


def test_a_name_right_after_a_verb_is_no_second_cue(nlp) -> None:
    (q,) = quotes(nlp, "ووصف دان دي لوس محرر الشؤون الأمنية في المجلة القرار بأنه تحول كبير.")
    assert q["cue"]["text"] == "ووصف"
