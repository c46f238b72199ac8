"""Cue classes: read from the data file, matched behind clitics, errors named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasid.ner.cues import CueError, load_cues, packaged_cues
from rasid.ner.features import FeatureConfig, FeatureExtractor
from rasid.ner.gazetteer import Gazetteer
from rasid.text.lexicon import Lexicon


@pytest.fixture(scope="module")
def extractor() -> FeatureExtractor:
    cues = {"الوزير": ("title",), "مدينه": ("place_cue",), "دولار": ("currency",),
            "قال": ("speech",)}
    lexicon = Lexicon(zipfs={"قال": 6.0, "مدينه": 5.0, "وزير": 5.2}, names=frozenset())
    return FeatureExtractor(FeatureConfig(), lexicon, gazetteer=Gazetteer({}), cues=cues)


def _names(row: list[bytes]) -> set[str]:
    return {name.decode() for name in row}


def test_the_packaged_classes_fold_spellings() -> None:
    cues = load_cues()
    assert "title" in cues["الرييس"]          # الرئيس, by matching key
    assert "org_head" in cues["وزاره"]        # وزارة
    assert "currency" in cues["دولار"]
    assert all(not key.startswith("_") for key in cues)
    data = json.loads(packaged_cues().read_text(encoding="utf-8"))
    assert "_doc" in data


@pytest.mark.parametrize(("word", "kind"), [
    ("للوزير", "title"),        # ل + ال folded into the article-bearing form
    ("وبمدينة", "place_cue"),   # و + ب behind the stem
    ("الوزير", "title"),
    ("دولار", "currency"),
])
def test_a_word_is_classed_behind_its_clitics(extractor, word: str, kind: str) -> None:
    assert kind in extractor.analyse(word).get("c", [])


def test_neighbours_see_the_class(extractor) -> None:
    rows = extractor.sentence(["قال", "الوزير", "سمير", "العلي"])
    assert "-1:c=title" in _names(rows[2]) and "-2:c=title" in _names(rows[3])
    assert "+1:c=title" in _names(rows[0])
    assert "c" not in extractor.analyse("سمير")


def test_cues_can_be_switched_off() -> None:
    plain = FeatureExtractor(FeatureConfig(cues=False), Lexicon(zipfs={}, names=frozenset()),
                             gazetteer=Gazetteer({}))
    assert "c" not in plain.analyse("الوزير")


def test_a_bad_cue_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "cues.json"
    bad.write_text('{"title": "الوزير"}', encoding="utf-8")
    with pytest.raises(CueError, match=r"cues.json: class 'title' must be a list"):
        load_cues(bad)
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(CueError, match="cannot read"):
        load_cues(bad)


def test_multi_word_entries_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "cues.json"
    path.write_text('{"currency": ["دولار أمريكي", "يورو"]}', encoding="utf-8")
    assert load_cues(path) == {"يورو": ("currency",)}
