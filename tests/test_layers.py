"""The Doc's layers are typed: one list of records per layer, reachable by attribute,
and by name only for the names that exist."""

from __future__ import annotations

import pytest

from rasid.doc import LAYERS
from rasid.layers import DateMention, Event, Layers, Mention, Quote
from rasid.span import Span

TEXT = "وقال وزير الخارجية المصري أمس إن القاهرة وعمان اتفقتا على تعزيز التعاون."


def test_every_layer_starts_empty_in_the_json_order() -> None:
    layers = Layers()
    assert LAYERS == ("mentions", "entities", "quotes", "events", "topics", "geo", "dates")
    assert layers.to_dict() == {name: [] for name in LAYERS}
    assert list(layers) == list(LAYERS)


def test_a_layer_is_an_attribute_and_also_reachable_by_its_name() -> None:
    layers = Layers()
    mention = Mention(Span(33, 40), "القاهرة", "GPE", "country:EGY", "gazetteer", 0.9,
                      Span(7, 8))
    layers.mentions = [mention]
    assert layers["mentions"] == [mention]
    layers["topics"] = [{"label": "politics", "score": 0.8}]
    assert layers.topics == [{"label": "politics", "score": 0.8}]
    assert "geo" in layers and "people" not in layers
    assert layers.get("quotes") == []


def test_an_unknown_layer_name_is_refused_with_the_known_names() -> None:
    layers = Layers()
    with pytest.raises(KeyError, match=r"no layer named 'people'.*mentions, entities"):
        layers["people"] = []
    with pytest.raises(KeyError, match="no layer named 'people'"):
        _ = layers["people"]


def test_records_write_their_spans_as_plain_numbers() -> None:
    mention = Mention(Span(33, 40), "القاهرة", "GPE", "country:EGY", "gazetteer", 0.9,
                      Span(7, 8), id="m1")
    date = DateMention("2024-05-13", "day", Span(26, 29), True, text="أمس")
    quote = Quote(cue=Span(1, 4), content=Span(33, 71), kind="reported", found_by="named",
                  speaker=Span(5, 25), text=TEXT, id="q1")
    event = Event(type="AGREE", mode=None, actor=["country:EGY"], recipient=[],
                  modality="asserted", trigger=Span(47, 53), sentence=Span(0, len(TEXT)),
                  rule_id="r", rule="r", confidence=0.7, quad=1, score=3.0, cameo="030",
                  evidence=[Span(58, 63)], text=TEXT, id="e1")
    layers = Layers(mentions=[mention], quotes=[quote], events=[event], dates=[date])
    data = layers.to_dict()
    assert data["mentions"][0]["start"] == 33 and data["mentions"][0]["end"] == 40
    assert data["dates"][0] == {"text": "أمس", "start": 26, "end": 29, "date": "2024-05-13",
                                "precision": "day", "relative": True}
    assert data["quotes"][0]["speaker"]["text"] == "وزير الخارجية المصري"
    assert data["quotes"][0]["cue"] == {"text": "قال", "start": 1, "end": 4}
    assert data["events"][0]["trigger"] == {"text": "اتفقتا", "start": 47, "end": 53}
    assert data["events"][0]["sentence"] == {"start": 0, "end": len(TEXT)}
    assert data["events"][0]["evidence"] == [{"text": "تعزيز", "start": 58, "end": 63}]
    assert mention.start == mention.span.start and date.end == date.span.end
