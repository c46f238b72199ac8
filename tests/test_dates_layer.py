"""The ``dates`` component: every date expression of the text in the Analysis, and the
events dated from that layer."""

from __future__ import annotations

from functools import lru_cache

from rasid.pipeline import Pipeline

TEXT = ("قصفت طائرات حربية أمس مواقع للمسلحين قرب الحدود. "
        "وكان وزير الدفاع قد زار المنطقة في 12 مارس 2015، ثم عاد إليها الشهر الماضي.")


@lru_cache(maxsize=2)
def _pipeline(with_dates: bool) -> Pipeline:
    names = ["segment", "entities", "quotes", "events"]
    return Pipeline(pipeline=(["segment", "dates", *names[1:]] if with_dates else names))


def test_dates_layer_lists_each_expression_with_its_words_and_value() -> None:
    data = _pipeline(True).analyze(TEXT, date="2015-07-01").to_dict()
    found = [(d["text"], d["date"], d["precision"], d["relative"]) for d in data["dates"]]
    assert found == [("أمس", "2015-06-30", "day", True),
                     ("12 مارس 2015", "2015-03-12", "day", False),
                     ("الشهر الماضي", "2015-06-01", "month", True)]
    for d in data["dates"]:
        assert data["text"][d["start"] : d["end"]] == d["text"]


def test_events_are_dated_from_the_layer_as_without_it() -> None:
    with_layer = _pipeline(True).analyze(TEXT, date="2015-07-01").to_dict()
    without = _pipeline(False).analyze(TEXT, date="2015-07-01").to_dict()
    assert without["dates"] == []
    dated = [(e["trigger"]["text"], e["date"], e["date_precision"]) for e in with_layer["events"]]
    assert dated == [(e["trigger"]["text"], e["date"], e["date_precision"])
                     for e in without["events"]]
    assert ("قصفت", "2015-06-30", "day") in dated


def test_default_pipeline_runs_the_dates_component() -> None:
    assert "dates" in Pipeline().names
