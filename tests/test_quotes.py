"""Quotations on passages written here: cues, speakers, carry-over, media, traps."""

from __future__ import annotations

import pytest

from rasid.pipeline import Pipeline


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline(pipeline=["segment", "entities", "quotes"])


def quotes(nlp, text: str, date: str = "2023-05-10") -> list[dict]:
    return nlp.analyze(text, date=date).to_dict()["quotes"]


def test_named_reported_quote_with_title_and_secondary_cue(nlp) -> None:
    (q,) = quotes(nlp, "وقال وزير الخارجية الأردني أيمن الصفدي، إن بلاده ترفض التهجير، "
                       "مشددا على أن الحل سياسي.")
    assert q["speaker"]["entity"] == "person:ayman-safadi"
    assert q["cue"]["text"] == "وقال"
    assert q["kind"] == "reported" and q["found_by"] == "named"
    assert q["content"]["text"].startswith("بلاده ترفض التهجير")
    assert [c["text"] for c in q["secondary_cues"]] == ["مشددا"]


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
