"""The packaged CRF model: it loads, tags obvious sentences plausibly, keeps BIO valid."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("pycrfsuite", reason="python-crfsuite is needed for the NER tagger")

from rasid.ner.conll import ALL_TYPES, Sentence, spans, write
from rasid.ner.tagger import CrfTagger, metadata_path, packaged_model

VALID = {"O"} | {f"{p}-{t}" for p in "BI" for t in ALL_TYPES}


@pytest.fixture(scope="module")
def tagger() -> CrfTagger:
    return CrfTagger.load()


def _entities(tagger: CrfTagger, sentence: str) -> list[tuple[str, str]]:
    tokens = sentence.split()
    return [(" ".join(tokens[s:e]), kind) for s, e, kind in spans(tagger.tag(tokens))]


def test_the_packaged_model_and_its_description_ship_together(tagger: CrfTagger) -> None:
    assert packaged_model().is_file()
    meta = json.loads(metadata_path(packaged_model()).read_text(encoding="utf-8"))
    assert meta["training"]["data"] == "train.txt"
    assert set(tagger.labels) == VALID


@pytest.mark.parametrize(
    ("sentence", "entity"),
    [
        ("وقال الرئيس الفرنسي جاك شيراك إن بلاده تدعم الاتفاق .", ("جاك شيراك", "PERS")),
        ("التقى الرئيس حسني مبارك وفدا من رجال الأعمال .", ("حسني مبارك", "PERS")),
        ("وصل وزير الخارجية إلى القاهرة أمس في زيارة تستمر يومين .", ("القاهرة", "LOC")),
        ("وعقد المؤتمر في دمشق بحضور عدد من الوزراء .", ("دمشق", "LOC")),
        ("أعلنت الأمم المتحدة أن المساعدات وصلت إلى المخيمات .", ("الأمم المتحدة", "ORG")),
        ("وأكد المتحدث باسم منظمة الصحة العالمية أن الوضع مستقر .",
         ("منظمة الصحة العالمية", "ORG")),
    ],
)
def test_obvious_entities_are_found(tagger: CrfTagger, sentence: str, entity) -> None:
    assert entity in _entities(tagger, sentence)


def test_a_sentence_without_names_gets_no_entities(tagger: CrfTagger) -> None:
    assert _entities(tagger, "يعمل الرجل في مصنع صغير في قرية بعيدة .") == []


@pytest.mark.parametrize(
    "tokens",
    [
        [],
        ["."],
        ["2006", "%", "3.5"],
        ["NATO", "و", "UN"],
        ["سنة2006", "(د", "ب", "أ)", "الـــقاهرة", "تسعى"],
        ["في"] * 300,
        "قال الرئيس إن الرئيس قال إن الرئيس".split(),
    ],
)
def test_one_valid_bio_tag_per_token(tagger: CrfTagger, tokens: list[str]) -> None:
    tags = tagger.tag(tokens)
    assert len(tags) == len(tokens)
    assert set(tags) <= VALID
    for previous, tag in zip(["O", *tags], tags, strict=False):
        if tag.startswith("I-"):
            assert previous[2:] == tag[2:]


def test_tag_sentences_tags_each_sentence_alone(tagger: CrfTagger) -> None:
    sentences = [["زار", "الوزير", "بغداد"], [], ["أعلنت", "الأمم", "المتحدة"]]
    assert tagger.tag_sentences(sentences) == [tagger.tag(s) for s in sentences]


def test_training_from_a_conll_file_gives_a_model_that_loads(tmp_path) -> None:
    from rasid.ner.train import main

    sentences = [
        Sentence(("زار", "الوزير", "مدينة", "حلب", "أمس"), ("O", "O", "O", "B-LOC", "O")),
        Sentence(("قال", "سمير", "العلي", "إن"), ("O", "B-PERS", "I-PERS", "O")),
        Sentence(("أعلنت", "شركة", "النور", "للتجارة"), ("O", "B-ORG", "I-ORG", "I-ORG")),
        Sentence(("وصل", "الوفد", "إلى", "حلب"), ("O", "O", "O", "B-LOC")),
    ] * 3
    corpus = tmp_path / "tiny.txt"
    with corpus.open("w", encoding="utf-8") as handle:
        write(sentences, handle)
    model = tmp_path / "tiny.crfsuite"
    assert main(["--train", str(corpus), "--out", str(model), "--cv", "2",
                 "--max-iterations", "20"]) == 0
    meta = json.loads(metadata_path(model).read_text(encoding="utf-8"))
    assert meta["cross_validation"]["folds"] == 2
    tiny = CrfTagger.load(model)
    assert len(tiny.tag(["زار", "حلب"])) == 2


def test_tag_document_spreads_a_name_through_the_article(tagger: CrfTagger) -> None:
    sentences = [s.split() for s in (
        "وقال الرئيس الفرنسي جاك شيراك إن بلاده تدعم الاتفاق .",
        "وأضاف شيراك أن الحوار مستمر .",
    )]
    tagged = tagger.tag_document(sentences)
    assert [len(t) for t in tagged] == [len(s) for s in sentences]
    assert tagged[1][1] == "B-PERS"


def test_rasid_train_ner_defaults_are_the_shipped_models_settings() -> None:
    """``rasid train ner`` trains with FeatureConfig() and TrainParams(): they must be
    what the shipped model was trained with, or retraining would not reproduce it."""
    from dataclasses import asdict

    from rasid.ner.cues import load_cues
    from rasid.ner.features import FeatureConfig
    from rasid.ner.train import TrainParams

    meta = json.loads(metadata_path(packaged_model()).read_text(encoding="utf-8"))
    assert meta["features"] == FeatureConfig().to_dict()
    assert meta["training"]["params"] == asdict(TrainParams())
    assert meta["knowledge_base"]["cue_words"] == len(load_cues())
    assert meta["cross_validation"]["folds"] == 5
    assert meta["cross_validation"]["shuffled"] is False
