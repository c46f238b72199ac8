"""Event coding on sentences written here: types, frames, modality, dates, places, guards."""

from __future__ import annotations

import pytest

from rasid.evaluate import events as event_scorer
from rasid.evaluate import quotes as quote_scorer
from rasid.pipeline import Pipeline


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def rules() -> Pipeline:
    """The coder's rules alone (no learned decision): modality cues and retyping are
    rules whatever the model later decides about the candidate."""
    from pathlib import Path

    from rasid.events.decide import Decider

    pipeline = Pipeline()
    component = pipeline.components[pipeline.names.index("events")]
    component.coder.decider = Decider(Path("/nonexistent"))
    return pipeline


def events(nlp, text: str, date: str = "2021-04-14") -> list[dict]:
    return nlp.analyze(text, date=date).to_dict()["events"]


def one(nlp, text: str, etype: str, date: str = "2021-04-14") -> dict:
    found = [e for e in events(nlp, text, date) if e["type"] == etype]
    assert found, f"no {etype} in {events(nlp, text, date)}"
    return found[0]


def test_visit_with_destination_date_and_place(nlp) -> None:
    event = one(nlp, "وصل وزير الخارجية التركي إلى القاهرة أمس في زيارة رسمية.", "CONSULT")
    assert event["actor"] == ["person:mevlut-cavusoglu"]  # Turkey's FM on that date
    assert event["recipient"] == ["country:EGY"]
    assert event["date"] == "2021-04-13"
    assert event["mode"] == "visit" and event["quad"] == 1 and event["score"] == 4.0


def test_compound_actor_stays_one_event(nlp) -> None:
    found = [e for e in events(nlp, "اتفقت مصر والأردن على تعزيز التعاون الأمني.")
             if e["type"] == "AGREE"]
    assert len(found) == 1
    assert set(found[0]["actor"]) >= {"country:EGY", "country:JOR"}


def test_svo_subject_after_complementizer(nlp) -> None:
    event = one(nlp, "وقال مسؤول إن قطر ستستضيف محادثات بين واشنطن وطالبان.", "CONSULT")
    assert event["modality"] in ("future", "asserted")


def test_passive_with_number_and_agent_marker(nlp) -> None:
    event = one(nlp, "قتل أربعة متظاهرين برصاص قوات الأمن العراقية في البصرة.", "ASSAULT")
    assert any(a.startswith("agent:security-forces") for a in event["actor"])
    assert any("protesters" in r for r in event["recipient"])
    assert event["place"] is not None


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("لم تعتقل الشرطة المصرية أي متظاهر في القاهرة.", "negated"),
        ("تسعى تركيا إلى تعزيز التعاون مع قطر.", "intended"),
        ("حاولت إيران التقرب من السعودية.", "attempted"),
        ("إذا هاجمت إسرائيل لبنان فإن الرد سيكون قاسيا.", "hypothetical"),
        ("سيزور الرئيس الفرنسي الجزائر الشهر المقبل.", "future"),
    ],
)
def test_modality(rules, text: str, modality: str) -> None:
    found = events(rules, text)
    assert found, text
    assert found[0]["modality"] == modality


def test_intended_cooperation_is_agree(rules) -> None:
    event = events(rules, "تسعى تركيا إلى تعزيز التعاون مع قطر.")[0]
    assert event["type"] == "AGREE"
    assert "intended cooperation coded AGREE" in event["rule"]["description"]


def test_reported_event_carries_its_speaker(nlp) -> None:
    analysis = nlp.analyze("وقال وزير الخارجية الأردني أيمن الصفدي إن إسرائيل قصفت مواقع في "
                           "غزة.", date="2021-05-12")
    data = analysis.to_dict()
    event = next(e for e in data["events"] if e["type"] == "ASSAULT")
    assert event["reported_by"] == data["quotes"][0]["id"]
    assert event["reported_by_entity"] == "person:ayman-safadi"
    assert "country:ISR" in event["actor"]


@pytest.mark.parametrize(
    "text",
    [
        "فاز الأهلي على الزمالك بهدفين في مباراة الدوري أمس.",
        "شنت الشركات حرب أسعار على المنافسين في سوق الهواتف.",
        "انتشرت عناصر شرطة مكافحة الشغب حول الملعب قبل المباراة.",
        "ارتفعت درجات الحرارة في الرياض إلى خمسين درجة.",
    ],
)
def test_no_event_contexts(nlp, text: str) -> None:
    assert events(nlp, text) == []


def test_every_event_points_at_its_evidence(nlp) -> None:
    analysis = nlp.analyze("أدانت الجامعة العربية الهجوم الإسرائيلي على غزة. وطالبت مجلس "
                           "الأمن بالتحرك.")
    data = analysis.to_dict()
    assert data["events"]
    for event in data["events"]:
        trigger, sentence = event["trigger"], event["sentence"]
        assert analysis.text[trigger["start"] : trigger["end"]] == trigger["text"]
        assert sentence["start"] <= trigger["start"] < trigger["end"] <= sentence["end"]
        assert event["rule"]["id"] and event["rule"]["description"]
        assert event["cameo"] and isinstance(event["score"], float)
        assert event["quad"] in (1, 2, 3, 4)


GOLD = __import__("pathlib").Path(__file__).parent / "gold"


def test_event_gold_floor(nlp) -> None:
    """Accuracy floors on the project's own gold set; raise them as the coder improves."""
    result = event_scorer.evaluate(GOLD / "events.jsonl", nlp)
    assert result["lenient"].total.f1 >= 0.55
    assert result["table"].total.f1 >= 0.20
    assert result["no_event_clean"] >= 0.8 * result["no_event_sentences"]


def test_quote_gold_floor(nlp) -> None:
    result = quote_scorer.evaluate(GOLD / "quotes.jsonl", nlp)
    assert result["speaker"].precision >= 0.75
    assert result["speaker"].recall >= 0.7
