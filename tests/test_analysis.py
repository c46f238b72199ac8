"""The Analysis JSON: its documented keys, exact spans, and the map to raw text."""

from __future__ import annotations

import json

from rasid.analysis import SCHEMA
from rasid.provenance import OffsetMap

RAW = (
    "وقال المتحدث باسم الخارجية، إن الولاياتالمتحدةوروسيا اتفقتا على ﻣﻮاﺻﻠﺔ الحوار. "
    "وأضاف: «سنلتقي قريبا»."
)


def test_json_has_the_documented_keys(pipeline) -> None:
    data = json.loads(pipeline.analyze(RAW, date="2020-01-05", id="x1").to_json())
    for key in ("schema", "rasid_version", "id", "status", "meta", "raw_length", "text",
                "raw_offsets", "repairs", "sentences", "tokens", "mentions", "entities",
                "quotes", "events"):
        assert key in data, key
    assert data["schema"] == SCHEMA
    assert data["id"] == "x1"
    assert data["status"] == "ok"
    assert data["raw_length"] == len(RAW)
    assert all(isinstance(data[layer], list) for layer in ("mentions", "entities", "quotes",
                                                            "events"))
    assert {"country:USA", "country:RUS"} <= {e["id"] for e in data["entities"]}


def test_layers_are_present_and_empty_without_their_components() -> None:
    from rasid.pipeline import Pipeline

    data = Pipeline(pipeline=["segment"]).analyze(RAW).to_dict()
    assert data["mentions"] == data["entities"] == data["quotes"] == data["events"] == []


def test_every_span_slices_the_text(pipeline) -> None:
    data = pipeline.analyze(RAW).to_dict()
    text = data["text"]
    for token in data["tokens"]:
        assert text[token["start"] : token["end"]] == token["text"]
        for word in token["words"]:
            assert text[word["start"] : word["end"]] == word["text"]
            assert {"text", "start", "end", "key", "role"} <= set(word)
    for repair in data["repairs"]:
        assert text[repair["new"][0] : repair["new"][1]] == repair["after"]
        assert RAW[repair["raw"][0] : repair["raw"][1]] == repair["before"]
    assert [s["start"] for s in data["sentences"]] == [0, text.index("وأضاف")]


def test_raw_offsets_round_trip(pipeline) -> None:
    data = pipeline.analyze(RAW).to_dict()
    offsets = OffsetMap.from_list(data["raw_offsets"], data["raw_length"])
    text = data["text"]
    start = text.index("وروسيا")
    assert RAW[slice(*offsets.to_raw(start, start + len("وروسيا")))] == "وروسيا"
    start = text.index("مواصلة")
    assert RAW[slice(*offsets.to_raw(start, start + len("مواصلة")))] == "ﻣﻮاﺻﻠﺔ"
