"""The CRF tagger's decoding, done a document at a time from the model's weights read once.

Why: crfsuite, called per sentence, is handed every token's ~33 attribute names as
Python bytes, looks each up in its dictionary and adds the weights it finds, one token
at a time; news repeats its words, so most of that work is the same for every
occurrence of a form. Here each attribute becomes a row of a weight matrix once, each
word form's part is kept ready (its own attributes already summed, its attributes as a
neighbour as row numbers), and the state scores and the Viterbi search of all the
sentences of a document are computed together with numpy.

The tags are crfsuite's to the bit, not merely close. crfsuite adds a token's weights
one attribute at a time in the order the attributes are listed (the token's own, then
those of the words one before, one after, two before and two after it, then gazetteer
marks); the same additions are made here in the same order (a form's own attributes
come first in its row, so their running sum is the same whatever follows and can be
kept per form); padding adds 0.0, which changes no sum; and the Viterbi search keeps,
as crfsuite does, the first of equal scores. ``tests/ner/test_crf_scores.py`` compares
the two.

The weights are read from the model file (crfsuite's ``lCRF``/``FOMC`` layout, version
100); the names of labels and attributes, by id, from crfsuite's own dump. A file in
another layout is left to crfsuite (:func:`read_weights` returns None).
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rasid.caches import cache_size
from rasid.ner.features import FeatureExtractor

#: the file header: magic, size, type, version, features, labels, attributes, then
#: the offsets of the features, labels, attributes, label refs and attribute refs
_HEADER = struct.Struct("<4sI4sIIIIIIIII")
#: one feature of the ``FEAT`` chunk: type (0 state, 1 transition), source, target, weight
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])


def _dump_section(dump: bytes, name: bytes) -> dict[bytes, int]:
    """``name -> id`` from a section (``LABELS``, ``ATTRIBUTES``) of crfsuite's dump."""
    start = dump.index(b"\n" + name + b" = {\n") + len(name) + 6
    end = dump.index(b"\n}\n", start)
    ids: dict[bytes, int] = {}
    for line in dump[start:end].split(b"\n"):
        if line:
            number, text = line.split(b": ", 1)
            ids[text] = int(number)
    return ids


@dataclass(frozen=True)
class CrfWeights:
    """A linear-chain CRF's weights: ``state[attribute, label]`` (with one more row of
    zeros, :attr:`pad`, that padding points at) and ``transition[from, to]``."""

    labels: tuple[str, ...]
    attributes: dict[bytes, int]
    state: np.ndarray
    transition: np.ndarray

    @property
    def pad(self) -> int:
        """The row of zeros: adding it changes no score."""
        return len(self.state) - 1


def read_weights(model: Path, dump: bytes) -> CrfWeights | None:
    """The weights of the crfsuite model file ``model`` (``dump``: crfsuite's text dump
    of it, for the names); None when the file is not in the layout this reads."""
    raw = model.read_bytes()
    if len(raw) < _HEADER.size:
        return None
    magic, size, kind, version, _, n_labels, n_attrs, offset = _HEADER.unpack_from(raw)[:8]
    if (magic, kind, version, size) != (b"lCRF", b"FOMC", 100, len(raw)):
        return None
    chunk, _, count = struct.unpack_from("<4sII", raw, offset)
    if chunk != b"FEAT" or offset + 12 + count * _FEATURE.itemsize > len(raw):
        return None
    features = np.frombuffer(raw, dtype=_FEATURE, count=count, offset=offset + 12)
    labels = _dump_section(dump, b"LABELS")
    attributes = _dump_section(dump, b"ATTRIBUTES")
    if len(labels) != n_labels or len(attributes) != n_attrs:
        return None
    names = [""] * n_labels
    for name, number in labels.items():
        names[number] = name.decode("utf-8")
    state = np.zeros((n_attrs + 1, n_labels))
    transition = np.zeros((n_labels, n_labels))
    own = features[features["type"] == 0]
    pairs = features[features["type"] == 1]
    if (own["src"] >= n_attrs).any() or (own["dst"] >= n_labels).any() \
            or (pairs["src"] >= n_labels).any() or (pairs["dst"] >= n_labels).any():
        return None
    # crfsuite keeps one feature per (attribute, label) and per label pair
    state[own["src"], own["dst"]] = own["weight"]
    transition[pairs["src"], pairs["dst"]] = pairs["weight"]
    return CrfWeights(tuple(names), attributes, state, transition)


#: what is kept per word form: the running sum of its own attributes' weights (the
#: labels' scores as float64 bytes), the rows of its attributes as the word one before,
#: one after, two before and two after another (int32 bytes), then as in the feature
#: entry its key, the keys under which it can start a gazetteer name, and its stem
Record = tuple[bytes, bytes, bytes, bytes, bytes, str, tuple[str, ...], str]


class DocumentDecoder:
    """Tags the sentences of a document with the weights of one model, as crfsuite would.

    The records of word forms are cached (two generations of half of ``crf_forms`` in
    ``rasid/data/caches.json`` each, as the feature cache does), so memory stays flat.
    They are made from the extractor's feature entries, which are not kept: a record
    holds all the tagger needs of a form.
    """

    def __init__(self, weights: CrfWeights, extractor: FeatureExtractor,
                 max_cache: int | None = None) -> None:
        self.weights = weights
        self.extractor = extractor
        bound = cache_size("crf_forms") if max_cache is None else max_cache
        self._generation = max(1, bound // 2)
        self.cache: dict[str, Record] = {}
        self._older: dict[str, Record] = {}
        # the extractor's table of the model's attribute names by feature, with rows
        # in their place: a new form's features are looked up once, as rows
        rows = weights.attributes
        self._places: dict[str, tuple[int | None, ...]] | None = None
        if extractor._places is not None:
            self._places = {feature: tuple(None if n is None else rows.get(n) for n in names)
                            for feature, names in extractor._places.items()}
        bos, eos = extractor._pads
        self._bos = self._record_of(bos)
        self._eos = self._record_of(eos)

    def _ids(self, names: Sequence[bytes]) -> bytes:
        rows = self.weights.attributes
        return array("i", [rows[n] for n in names if n in rows]).tobytes()

    def _record_of(self, entry: tuple) -> Record:
        """A record from a feature entry (the sentence pads')."""
        rows = self.weights.attributes
        own = [rows[n] for n in entry[0] if n in rows]
        return (self._own_scores(own), self._ids(entry[1]), self._ids(entry[2]),
                self._ids(entry[3]), self._ids(entry[4]), entry[5], entry[6], entry[7])

    def _own_scores(self, own: list[int]) -> bytes:
        if own:  # a running sum, one attribute after another, as crfsuite adds them
            return np.add.accumulate(self.weights.state[own], axis=0)[-1].tobytes()
        return bytes(8 * len(self.weights.labels))

    def _compute(self, form: str) -> Record:
        """A new form's record, its features named by attribute row straight away."""
        kinds, key, firsts, stem = self.extractor.describe(form)
        own, (before, after), (two_before, two_after) = self.extractor._kept(kinds,
                                                                             self._places)
        return (self._own_scores(list(own)), array("i", before).tobytes(),
                array("i", after).tobytes(), array("i", two_before).tobytes(),
                array("i", two_after).tobytes(), key, firsts, stem)

    def record(self, form: str) -> Record:
        """The cached record of a word form (made from its feature entry on first sight)."""
        found = self.cache.get(form)
        if found is not None:
            return found
        found = self._older.get(form)
        if found is None:
            found = self._compute(form) if self._places is not None \
                else self._record_of(self.extractor._compute(form))
        if len(self.cache) >= self._generation:
            self._older, self.cache = self.cache, {}
        self.cache[form] = found
        return found

    def decode(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """The tags crfsuite's Viterbi search gives each sentence (before BIO repair)."""
        lengths = [len(s) for s in sentences]
        total = sum(lengths)
        if not total:
            return [[] for _ in sentences]
        scores = self._state_scores(sentences, total)
        labels = self._viterbi(scores, lengths)
        names = self.weights.labels
        tags: list[list[str]] = []
        start = 0
        for length in lengths:
            tags.append([names[i] for i in labels[start : start + length]])
            start += length
        return tags

    def stem(self, form: str) -> str:
        """The matching key of the form's stem (as ``FeatureExtractor.stem``)."""
        return (self.cache.get(form) or self.record(form))[7]

    def _state_scores(self, sentences: Sequence[Sequence[str]], total: int
                      ) -> np.ndarray:
        """Each token's score per label: its own sum, then its neighbours' attributes
        column by column (each row in crfsuite's order, padded with zeros), then the
        gazetteer marks in the order they were made."""
        record = self.record
        get = self.cache.get
        bos, eos = self._bos, self._eos
        own_parts: list[bytes] = []
        rest_parts: list[bytes] = []
        marks: list[tuple[int, bytes]] = []
        gazetteer = self.extractor.gazetteer is not None
        offset = 0
        for tokens in sentences:
            if not tokens:
                continue
            records = [get(t) or record(t) for t in tokens]
            padded = [bos, bos, *records, eos, eos]
            own_parts.extend([r[0] for r in records])
            # a token's row after its own: the word before (-1:), after (+1:), two
            # before (-2:), two after (+2:)
            rest_parts.extend(map(b"".join, zip([r[1] for r in padded[1:-3]],
                                                [r[2] for r in padded[3:-1]],
                                                [r[3] for r in padded[:-4]],
                                                [r[4] for r in padded[4:]], strict=True)))
            firsts = [r[6] for r in records]
            if gazetteer and any(firsts):
                marks.extend((offset + row, self._ids(names)) for row, names
                             in self.extractor.name_marks(firsts, [r[5] for r in records]))
            offset += len(tokens)
        weights = self.weights
        scores = np.frombuffer(b"".join(own_parts), dtype=np.float64).reshape(total, -1).copy()
        counts = np.fromiter(map(len, rest_parts), dtype=np.int64, count=total) // 4
        flat = np.frombuffer(b"".join(rest_parts), dtype=np.int32)
        width = int(counts.max())
        if width:
            # table[k, t]: the k-th attribute after token t's own (the zero row after
            # its last); added a column at a time, so each token's sum runs left to
            # right through its row, as crfsuite's does
            table = np.full((width, total), weights.pad, dtype=np.int32)
            starts = np.cumsum(counts) - counts
            table[np.arange(len(flat)) - np.repeat(starts, counts),
                  np.repeat(np.arange(total), counts)] = flat
            state = weights.state
            for column in table:
                scores += state[column]
        for row, ids in marks:  # a few tokens: each mark added in turn, as crfsuite does
            for attribute in np.frombuffer(ids, dtype=np.int32):
                scores[row] += weights.state[attribute]
        return scores

    def _viterbi(self, scores: np.ndarray, lengths: list[int]) -> list[int]:
        """Best label of every token, all sentences at once (longest first, so the
        sentences still going at step ``t`` are the first ones)."""
        order = sorted((i for i, n in enumerate(lengths) if n), key=lambda i: -lengths[i])
        starts = np.cumsum([0, *lengths[:-1]])
        first = np.array([starts[i] for i in order], dtype=np.int64)
        sizes = np.array([lengths[i] for i in order], dtype=np.int64)
        going = [int((sizes > t).sum()) for t in range(int(sizes[0]))]
        transition = self.weights.transition
        n_labels = transition.shape[0]
        columns = np.arange(n_labels)
        best = scores[first].copy()
        backs: list[np.ndarray] = []
        for t in range(1, len(going)):
            n = going[t]
            # candidates[s, i, j]: sentence s at label i before, label j now
            candidates = best[:n, :, None] + transition
            back = candidates.argmax(axis=1)  # the first of equal maxima, as crfsuite
            backs.append(back)
            best[:n] = candidates[np.arange(n)[:, None], back, columns] + scores[first[:n] + t]
        labels = np.zeros(len(scores), dtype=np.int64)
        current = best.argmax(axis=1)
        for t in range(len(going) - 1, -1, -1):
            n = going[t]
            labels[first[:n] + t] = current[:n]
            if t:
                current[:n] = backs[t - 1][np.arange(n), current[:n]]
        return labels.tolist()
