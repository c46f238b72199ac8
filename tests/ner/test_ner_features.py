"""Word features: cleaning, caching, windows and gazetteer marks (small hand-made lexicon)."""

from __future__ import annotations

import json

import pytest

from rasid.kb.loader import KnowledgeBase
from rasid.kb.sources import read_source
from rasid.ner.features import FeatureConfig, FeatureExtractor
from rasid.ner.gazetteer import Gazetteer
from rasid.text.lexicon import Lexicon

ZIPFS = {"قاهره": 4.6, "رئيس": 5.2, "في": 6.8, "سنه": 5.5, "امم": 4.0, "متحده": 4.8,
         "مصر": 5.0, "قال": 6.0}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer({("الامم", "المتحده"): {"org"}, ("القاهره",): {"place"},
                      ("محمد", "مرسي"): {"person"}})


@pytest.fixture(scope="module")
def extractor(gazetteer: Gazetteer) -> FeatureExtractor:
    lexicon = Lexicon(zipfs=dict(ZIPFS), names=frozenset({"مرسي"}))
    return FeatureExtractor(FeatureConfig(), lexicon, gazetteer=gazetteer)


def _names(row: list[bytes]) -> set[str]:
    return {name.decode() for name in row}


def test_one_feature_list_per_token_with_sentence_edges(extractor) -> None:
    rows = extractor.sentence(["قال", "الرئيس", "في", "القاهرة"])
    assert len(rows) == 4
    assert {"-1:BOS", "-2:BOS"} <= _names(rows[0])
    assert {"+1:EOS", "+2:EOS"} <= _names(rows[-1])
    assert "-1:k=الرييس" in _names(rows[2]) and "+1:k=القاهره" in _names(rows[2])
    assert extractor.sentence([]) == []


@pytest.mark.parametrize(("noisy", "clean"), [
    ("سنة2006", "سنة"),     # digits glued to a word (ANERcorp writes these)
    ("تسعى", "تسعي"),       # ى / ي confusion
    ("إلى", "الى"),         # hamza forms
    ("القاهـــرة", "القاهرة"),  # tatweel
    ("(مصر", "مصر"),        # punctuation glued to a word
])
def test_noisy_spellings_share_the_word_features(extractor, noisy: str, clean: str) -> None:
    ignore = {"sh", "g"}  # the shape and the glued flag may differ, and should
    a = {k: v for k, v in extractor.analyse(noisy).items() if k not in ignore}
    b = {k: v for k, v in extractor.analyse(clean).items() if k not in ignore}
    assert a == b


def test_clitics_are_split_off_for_the_stem(extractor) -> None:
    features = extractor.analyse("وبالقاهرة")
    assert features["st"] == ["قاهره"]
    assert features["pc"] == ["conj+prep+det"]


def test_numbers_share_a_digit_shape(extractor) -> None:
    assert extractor.analyse("2006")["k"] == extractor.analyse("1999")["k"] == ["0000"]
    assert extractor.analyse("2006")["sh"] == ["dig"]


def test_word_forms_are_analysed_once(extractor) -> None:
    first = extractor.entry("الرئيس")
    assert extractor.entry("الرئيس") is first


def test_gazetteer_names_are_marked_behind_clitics(extractor) -> None:
    rows = extractor.sentence(["قال", "محمد", "مرسي", "وبالقاهرة", "إن", "الأمم", "المتحدة"])
    assert "gB=person" in _names(rows[1]) and "gI=person" in _names(rows[2])
    assert "gB=place" in _names(rows[3])
    assert "gB=org" in _names(rows[5]) and "gI=org" in _names(rows[6])
    assert "-1:gE=person" in _names(rows[3])  # a name just ended
    assert "nm=k" in _names(rows[2])  # the lexicon's name hint


def test_longest_name_wins(gazetteer: Gazetteer) -> None:
    both = Gazetteer({("الامم",): {"org"}, ("الامم", "المتحده"): {"org"}})
    assert both.match([("الامم",), ()], ["الامم", "المتحده"]) == [(0, 2, ("org",))]


def test_known_attributes_filter_the_cache(gazetteer: Gazetteer) -> None:
    lexicon = Lexicon(zipfs=dict(ZIPFS), names=frozenset())
    known = [b"b", b"k=\xd9\x81\xd9\x8a", b"-1:BOS"]  # b, k=في, -1:BOS
    extractor = FeatureExtractor(FeatureConfig(), lexicon, known=known, gazetteer=gazetteer)
    assert extractor.sentence(["في"]) == [[b"b", b"k=\xd9\x81\xd9\x8a", b"-1:BOS"]]


def test_the_cache_is_bounded(gazetteer: Gazetteer) -> None:
    lexicon = Lexicon(zipfs=dict(ZIPFS), names=frozenset())
    extractor = FeatureExtractor(FeatureConfig(), lexicon, gazetteer=gazetteer, max_cache=3)
    extractor.sentence(["أ", "ب", "ت", "ث", "ج"])
    assert extractor.cached_forms <= 3


def test_a_form_in_use_outlives_the_forms_seen_once(gazetteer: Gazetteer) -> None:
    lexicon = Lexicon(zipfs=dict(ZIPFS), names=frozenset())
    extractor = FeatureExtractor(FeatureConfig(), lexicon, gazetteer=gazetteer, max_cache=4)
    first = extractor.entry("في")
    for rare in ("أ", "ب", "ت", "ث", "ج", "ح", "خ"):
        assert extractor.entry("في") is first  # used between every new form: kept
        extractor.entry(rare)
    assert extractor.cached_forms <= 4
    assert extractor.entry("في") is first
    assert "أ" not in extractor.cache  # seen once, long ago: dropped
    assert extractor.entry("أ") == extractor._compute("أ")


def test_feature_settings_round_trip_through_json() -> None:
    config = FeatureConfig(window=1, far_features=("k",))
    again = FeatureConfig.from_dict(json.loads(json.dumps(config.to_dict())))
    assert again == config
    assert FeatureConfig.from_dict({"unknown_setting": 1}) == FeatureConfig(
        cues=False, ngrams=0, single_names=False, clusters=False)


def test_a_model_saved_before_a_setting_existed_is_featurized_as_then() -> None:
    old = FeatureConfig.from_dict({"affixes": 3, "window": 2})
    assert old.cues is False and old.ngrams == 0 and old.single_names is False
    assert old.clusters is False
    assert FeatureConfig.from_dict({"cues": True, "ngrams": 3}).ngrams == 3


def test_gazetteer_reads_kinds_and_nisbas_from_kb_files(tmp_path) -> None:
    path = tmp_path / "kb.jsonl"
    entries = [
        {"id": "country:EGY", "kind": "country", "en": "Egypt", "ar": ["مصر"],
         "nisba": ["مصري"]},
        {"id": "org:un", "kind": "org", "en": "United Nations", "ar": ["الأمم المتحدة"]},
    ]
    path.write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in entries),
                    encoding="utf-8")
    gazetteer = Gazetteer.from_kb(KnowledgeBase.from_sources([read_source(path)],
                                                             shipped=False))
    assert gazetteer.index["مصر"] == [((), ("country",))]
    assert gazetteer.index["مصري"] == [((), ("nisba",))]
    assert gazetteer.index["الامم"] == [(("المتحده",), ("org",))]
    assert gazetteer.parts["الامم"] == ("org0",)


def test_a_one_word_name_inside_a_longer_one_is_still_said(extractor) -> None:
    rows = extractor.sentence(["قال", "محمد", "مرسي", "في", "القاهرة"])
    assert "g1=place" in _names(rows[4]) and "+1:g1=place" in _names(rows[3])
    inside = FeatureExtractor(FeatureConfig(), extractor.lexicon, gazetteer=Gazetteer(
        {("جنوب", "مصر"): {"place"}, ("مصر",): {"country"}}))
    rows = inside.sentence(["في", "جنوب", "مصر"])
    assert "gI=place" in _names(rows[2])      # the longest name holds the word…
    assert "g1=country" in _names(rows[2])    # …and the word alone is a country
    assert not any(n.startswith("g1=") for n in _names(rows[1]))


def test_letter_ngrams_of_the_stem_when_asked(extractor) -> None:
    grams = FeatureExtractor(FeatureConfig(ngrams=3), extractor.lexicon,
                             gazetteer=Gazetteer({}))
    assert grams.analyse("شيفرنادزه")["ng"][:2] == ["<شي", "ادز"]
    plain = FeatureExtractor(FeatureConfig(ngrams=0), extractor.lexicon,
                             gazetteer=Gazetteer({}))
    assert "ng" not in plain.analyse("شيفرنادزه")
