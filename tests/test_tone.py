"""Tone: from events (Goldstein mean, conflict share) and from words (lexicon rates)."""

from __future__ import annotations

import pytest

from rasid.tone.compute import event_tone, lexical_tone


def event(score: float, quad: int, status: str = "current", modality: str = "asserted"
          ) -> dict:
    return {"score": score, "quad": quad, "status": status, "modality": modality}


def test_event_tone_counts_current_events_that_are_not_denied() -> None:
    events = [event(4.0, 1), event(-9.0, 4), event(-2.0, 3),
              event(9.5, 2, status="background"),     # old news: left out
              event(-10.0, 4, status="reference"),    # restated: counted once already
              event(-5.0, 4, modality="negated"),     # did not happen
              event(3.0, 1, modality="hypothetical"),
              event(2.5, 1, modality="intended")]     # a plan still counts
    result = event_tone(events)
    assert result["events"] == 4
    assert result["goldstein_mean"] == pytest.approx((4.0 - 9.0 - 2.0 + 2.5) / 4, abs=1e-3)
    assert result["conflict_share"] == 0.5


def test_event_tone_without_events() -> None:
    assert event_tone([]) == {"events": 0, "goldstein_mean": None, "conflict_share": None}


def test_lexical_tone_rates_words_and_flips_after_a_negator() -> None:
    # 10 words: نجاح and والتعاون positive; هجوم negative
    text = "أعلن الوزير نجاح المفاوضات والتعاون بعد هجوم على القافلة أمس"
    result = lexical_tone(text)
    assert result["words"] == 10
    assert result["positive"] == pytest.approx(20.0)
    assert result["negative"] == pytest.approx(10.0)
    assert result["tone"] == pytest.approx(10.0)
    negated = lexical_tone("لم يكن نجاح")  # the negator flips the next word only
    assert negated["negative"] == 0.0 and negated["positive"] == pytest.approx(100 / 3, abs=1e-3)
    flipped = lexical_tone("لا نجاح")
    assert flipped["negative"] == 50.0 and flipped["positive"] == 0.0


def test_lexical_tone_of_a_text_without_words() -> None:
    assert lexical_tone("123 ...")["tone"] is None


def test_tone_in_the_analysis(pipeline) -> None:
    analysis = pipeline.analyze("هاجمت القوات الروسية مواقع أوكرانية وقتل عشرة جنود.",
                                date="2023-04-11")
    data = analysis.to_dict()
    assert set(data["tone"]) == {"events", "lexical"}
    assert data["tone"]["lexical"]["negative"] > 0
    assert data["tone"]["events"] == event_tone(data["events"])
