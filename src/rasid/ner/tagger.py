"""The statistical named-entity tagger: a linear-chain CRF over cached word features.

The model is a python-crfsuite file shipped in the package, with a JSON file beside it
(same name, ``.json``) that records the feature settings it was trained with, so that a
model is always featurized the way it was trained. Tags are ANERcorp's: ``B-``/``I-``
over ``PERS``, ``LOC``, ``ORG`` and ``MISC``, and ``O``.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pycrfsuite

from rasid.ner.conll import repair_bio
from rasid.ner.crf_scores import DocumentDecoder, read_weights
from rasid.ner.document import PropagationSettings, propagate
from rasid.ner.features import FeatureConfig, FeatureExtractor
from rasid.ner.gazetteer import Gazetteer
from rasid.resources import data_path
from rasid.text.lexicon import Lexicon

MODEL_NAME = "anercorp.crfsuite"


def packaged_model() -> Path:
    """Path of the model shipped in ``rasid/ner/model``."""
    return data_path(MODEL_NAME, "rasid.ner", folder="model")


def metadata_path(model: Path) -> Path:
    """The JSON file that describes a model: ``anercorp.crfsuite`` → ``anercorp.json``."""
    return model.with_suffix(".json")


def model_dump(tagger: pycrfsuite.Tagger) -> bytes:
    """crfsuite's text dump of the model opened by ``tagger``."""
    with tempfile.TemporaryDirectory() as folder:
        dump = Path(folder) / "model.txt"
        tagger.dump(str(dump))
        return dump.read_bytes()


def model_attributes(tagger: pycrfsuite.Tagger, dump: bytes | None = None) -> set[bytes]:
    """Attribute names the model opened by ``tagger`` holds (only those carry weights).

    crfsuite drops attributes whose features all got zero weight, so these are the
    only ones that can change a tag, and the feature cache keeps only these. They are
    read from crfsuite's text dump (``tagger.info()`` parses every feature and is
    twenty times slower); ``dump`` is that dump when the caller has it already.
    """
    text = dump if dump is not None else model_dump(tagger)
    start = text.index(b"\nATTRIBUTES = {\n") + 16
    end = text.index(b"\n}\n", start)
    return {line.split(b": ", 1)[1] for line in text[start:end].split(b"\n") if line}


class CrfTagger:
    """Tags tokenized sentences with BIO named-entity tags.

    Build it once with :meth:`load` (reads the model, builds the lexicon if needed)
    and call :meth:`tag` or :meth:`tag_sentences` many times; the feature cache grows
    with the vocabulary it sees. With a ``decoder`` (:mod:`rasid.ner.crf_scores`, made
    by :meth:`load` whenever it can read the model's weights) the sentences are
    decoded here, all of a call's at once, with the tags crfsuite gives; without one,
    crfsuite tags each sentence.
    """

    def __init__(self, tagger: pycrfsuite.Tagger, extractor: FeatureExtractor,
                 metadata: dict[str, Any] | None = None,
                 decoder: DocumentDecoder | None = None) -> None:
        self._tagger = tagger
        self.extractor = extractor
        self.decoder = decoder
        self.metadata = metadata or {}
        self.labels: list[str] = list(tagger.labels())
        self.propagation = PropagationSettings.from_dict(self.metadata.get("document", {}))

    @classmethod
    def load(cls, path: str | Path | None = None, lexicon: Lexicon | None = None,
             gazetteer: Gazetteer | None = None) -> CrfTagger:
        """Open a model file (``None``: the packaged ANERcorp model). ``lexicon`` and
        ``gazetteer`` are the pipeline's (with a user's knowledge-base files in them);
        ``None`` means the shipped ones."""
        model = Path(path) if path is not None else packaged_model()
        tagger = pycrfsuite.Tagger()
        tagger.open(str(model))
        meta_file = metadata_path(model)
        metadata: dict[str, Any] = {}
        if meta_file.exists():
            metadata = json.loads(meta_file.read_text(encoding="utf-8"))
        config = FeatureConfig.from_dict(metadata.get("features", {}))
        dump = model_dump(tagger)
        extractor = FeatureExtractor(config, lexicon, known=model_attributes(tagger, dump),
                                     gazetteer=gazetteer)
        weights = read_weights(model, dump)
        decoder = DocumentDecoder(weights, extractor) if weights is not None else None
        return cls(tagger, extractor, metadata, decoder)

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """One BIO tag per token (an empty list for no tokens); always valid BIO."""
        if not tokens:
            return []
        if self.decoder is not None:
            return repair_bio(self.decoder.decode([tokens])[0])
        tags = self._tagger.tag(self.extractor.sentence(tokens))
        return repair_bio(tags)

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Tags for each sentence, each sentence tagged on its own."""
        if self.decoder is not None:
            return [repair_bio(tags) if tags else [] for tags in self.decoder.decode(sentences)]
        tag = self.tag
        return [tag(tokens) for tokens in sentences]

    def stem(self, token: str) -> str:
        """The matching key of the token's stem, behind its clitics."""
        if self.decoder is not None:
            return self.decoder.stem(token)
        return self.extractor.stem(token)

    def tag_document(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Tags for the sentences of one document, made consistent across it.

        A rare word or a multi-word name tagged as an entity in one sentence is tagged
        the same where the sentence-level tagger left it out (see ``document.py``);
        pass one article at a time.
        """
        tagged = self.tag_sentences(sentences)
        stem = self.stem
        stems = [[stem(t) for t in tokens] for tokens in sentences]
        return propagate(stems, tagged, self.extractor.lexicon.zipf, self.propagation)
