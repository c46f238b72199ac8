"""The per-form cache bounds: one data file, read with clear errors, and used."""

from __future__ import annotations

import pytest

from rasid.caches import cache_size
from rasid.resources import DataFileError, load_json


def test_every_bound_in_the_shipped_file_is_a_whole_number() -> None:
    sizes = {k: v for k, v in load_json("caches.json", "rasid").items()
             if not k.startswith("_")}
    assert sizes, "caches.json lists no bounds"
    for name, value in sizes.items():
        assert cache_size(name) == value


def test_a_missing_bound_names_the_file_and_the_cache() -> None:
    with pytest.raises(DataFileError, match=r"caches\.json: no bound for the cache 'nope'"):
        cache_size("nope", {"match_key": 10})


@pytest.mark.parametrize("bad", [-1, 2.5, "100", True])
def test_a_bad_bound_is_refused(bad: object) -> None:
    with pytest.raises(DataFileError, match="must be a whole number"):
        cache_size("match_key", {"match_key": bad})


def test_the_caches_take_their_bounds_from_the_file() -> None:
    from rasid.entities import gazetteer
    from rasid.ner.features import FeatureExtractor
    from rasid.text.clitics import shared_splitter
    from rasid.text.glue import GlueSplitter
    from rasid.text.lexicon import default_lexicon
    from rasid.text.normalize import match_key
    from rasid.text.segment import Segmenter

    lexicon = default_lexicon()
    assert match_key.cache_info().maxsize == cache_size("match_key")
    assert shared_splitter(lexicon).split.cache_info().maxsize == cache_size("clitic_split")
    assert Segmenter(lexicon)._parts.cache_info().maxsize == cache_size("segment_parts")
    glue = GlueSplitter(lexicon)
    for name, cached in [("glue_cuts", glue.cuts), ("glue_contextual", glue.contextual),
                         ("glue_clitics_of", glue.clitics_of),
                         ("glue_letter_cuts", glue.letter_cuts),
                         ("glue_coverable", glue.coverable), ("glue_forms", glue.forms)]:
        assert cached.cache_info().maxsize == cache_size(name), name
    assert gazetteer._MAX_STARTS == cache_size("phrase_starts")
    assert gazetteer._MAX_FIRST_KEYS == cache_size("phrase_first_keys")
    extractor = FeatureExtractor(lexicon=lexicon)
    assert extractor.max_cache == cache_size("ner_features")
    assert FeatureExtractor(lexicon=lexicon, max_cache=4).max_cache == 4


def test_a_full_cache_gives_the_same_words() -> None:
    """Forms pushed out of a full cache are computed again, identically."""
    from functools import lru_cache

    from rasid.text.lexicon import default_lexicon
    from rasid.text.segment import Segmenter

    text = "قال وزير الخارجية إن المفاوضات مع الوفد ستستأنف غدا في العاصمة وبالتالي"
    lexicon = default_lexicon()
    roomy = Segmenter(lexicon)
    tight = Segmenter(lexicon)
    tight._parts = lru_cache(maxsize=2)(tight._split_parts)
    for _ in range(2):
        assert [[(w.text, w.start, w.end) for w in t.words] for t in tight.tokens(text)] \
            == [[(w.text, w.start, w.end) for w in t.words] for t in roomy.tokens(text)]
    assert tight._parts.cache_info().currsize == 2
