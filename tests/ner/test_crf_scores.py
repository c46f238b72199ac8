"""The document decoder gives exactly crfsuite's tags, from the model's own weights."""

from __future__ import annotations

import random

import pytest

pytest.importorskip("pycrfsuite", reason="python-crfsuite is needed for the NER tagger")

from rasid.ner.crf_scores import DocumentDecoder, read_weights
from rasid.ner.tagger import CrfTagger, model_dump, packaged_model

#: sentences written for these tests: people with titles, places, organizations,
#: names the knowledge base lists (marked by the gazetteer), digits and punctuation
SENTENCES = [
    "وقال الرئيس الفرنسي جاك شيراك إن بلاده تدعم الاتفاق .",
    "وصل وزير الخارجية سامح شكري إلى الرياض أمس في زيارة تستمر يومين .",
    "أعلنت شركة أرامكو السعودية عن أرباحها للربع الثالث من عام 2024",
    "التقى الأمين العام للأمم المتحدة بوفد من جامعة الدول العربية في القاهرة",
    "وأضاف المتحدث باسم وزارة الداخلية اللواء منصور التركي أن التحقيق مستمر",
    "قتل 12 شخصا وأصيب 30 آخرون في انفجار بمدينة حلب شمال سوريا",
    "(د ب أ) - قال مسؤول في البنك الدولي إن النمو سيتباطأ",
    "غادر",
    "ووقعت المملكة العربية السعودية والإمارات اتفاقية للتعاون في مجال الطاقة",
]


@pytest.fixture(scope="module")
def tagger() -> CrfTagger:
    return CrfTagger.load()


def _crfsuite(tagger: CrfTagger, sentences: list[list[str]]) -> list[list[str]]:
    return [tagger._tagger.tag(tagger.extractor.sentence(s)) if s else [] for s in sentences]


def test_the_packaged_model_is_decoded_here(tagger: CrfTagger) -> None:
    assert tagger.decoder is not None
    weights = tagger.decoder.weights
    assert set(weights.labels) == set(tagger.labels)
    assert weights.state.shape == (len(weights.attributes) + 1, len(weights.labels))
    assert not weights.state[weights.pad].any()


def test_same_tags_as_crfsuite_on_written_sentences(tagger: CrfTagger) -> None:
    assert tagger.decoder is not None
    sentences = [s.split() for s in SENTENCES]
    assert tagger.decoder.decode(sentences) == _crfsuite(tagger, sentences)
    # some of them do hold entities, so the comparison is not of all-O tags
    assert any(t != "O" for tags in tagger.decoder.decode(sentences) for t in tags)


def test_same_tags_as_crfsuite_on_shuffled_words(tagger: CrfTagger) -> None:
    """Random sentences of the words above, of every length from 1 to 60, decoded a
    document at a time (sentences of different lengths side by side)."""
    assert tagger.decoder is not None
    words = [w for s in SENTENCES for w in s.split()]
    chance = random.Random(13)
    for _ in range(20):
        document = [[chance.choice(words) for _ in range(chance.randint(1, 60))]
                    for _ in range(chance.randint(1, 12))]
        assert tagger.decoder.decode(document) == _crfsuite(tagger, document)


def test_empty_sentences_keep_their_place(tagger: CrfTagger) -> None:
    assert tagger.decoder is not None
    sentences = [[], "قال جاك شيراك".split(), [], ["غادر"]]
    tags = tagger.decoder.decode(sentences)
    assert [len(t) for t in tags] == [0, 3, 0, 1]
    assert tags == _crfsuite(tagger, sentences)
    assert tagger.decoder.decode([[], []]) == [[], []]
    assert tagger.tag_sentences([[], ["غادر"]])[0] == []


def test_the_tagger_without_a_decoder_gives_the_same_tags(tagger: CrfTagger) -> None:
    plain = CrfTagger(tagger._tagger, tagger.extractor, tagger.metadata)
    sentences = [s.split() for s in SENTENCES]
    assert plain.tag_sentences(sentences) == tagger.tag_sentences(sentences)
    assert plain.tag_document(sentences) == tagger.tag_document(sentences)


def test_the_record_cache_stays_bounded(tagger: CrfTagger) -> None:
    assert tagger.decoder is not None
    small = DocumentDecoder(tagger.decoder.weights, tagger.extractor, max_cache=4)
    sentences = [s.split() for s in SENTENCES]
    assert small.decode(sentences) == tagger.decoder.decode(sentences)
    assert len(small.cache) + len(small._older) <= 4


def test_a_file_in_another_layout_is_left_to_crfsuite(tagger: CrfTagger, tmp_path) -> None:
    dump = model_dump(tagger._tagger)
    other = tmp_path / "other.crfsuite"
    other.write_bytes(b"not a crfsuite model at all")
    assert read_weights(other, dump) is None
    cut = tmp_path / "cut.crfsuite"
    cut.write_bytes(packaged_model().read_bytes()[:5000])
    assert read_weights(cut, dump) is None
