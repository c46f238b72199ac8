"""Train the CRF tagger on a CoNLL file, and cross-validate it.

``python -m rasid.ner.train --train FILE --out MODEL`` trains on every sentence of FILE
and writes MODEL plus MODEL's ``.json`` description (feature settings, training
parameters and, with ``--cv``, the cross-validated figures).
``--cv K`` first runs K-fold cross-validation by sentence and prints entity-level
precision, recall and F1 (exact span and type) per type, pooled over PERS/LOC/ORG and
with MISC. Folds are contiguous blocks of sentences by default, so that sentences of
one article rarely sit on both sides of a split (``--shuffle`` mixes them instead,
which flatters the figures because names repeat within an article).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pycrfsuite

from rasid.ner.conll import (
    MAIN_TYPES,
    ConllError,
    Scores,
    Sentence,
    read,
    repair_bio,
    score,
)
from rasid.ner.document import PropagationSettings, propagate
from rasid.ner.features import FeatureConfig, FeatureExtractor
from rasid.ner.tagger import metadata_path

Features = list[list[bytes]]


@dataclass(frozen=True)
class TrainParams:
    """python-crfsuite L-BFGS settings (elastic net: c1 is L1, c2 is L2)."""

    c1: float = 0.05
    c2: float = 0.01
    max_iterations: int = 100
    min_freq: int = 1
    all_transitions: bool = True

    def crfsuite(self) -> dict[str, Any]:
        return {
            "c1": self.c1,
            "c2": self.c2,
            "max_iterations": self.max_iterations,
            "feature.minfreq": self.min_freq,
            "feature.possible_transitions": self.all_transitions,
        }


def featurize(sentences: Sequence[Sentence], config: FeatureConfig,
              extractor: FeatureExtractor | None = None) -> list[Features]:
    """Feature lists of every sentence (no attribute filter: the model decides)."""
    extractor = extractor or FeatureExtractor(config, max_cache=10_000_000)
    return [extractor.sentence(s.tokens) for s in sentences]


def train_model(xs: Sequence[Features], ys: Sequence[Sequence[str]], out: Path,
                params: TrainParams) -> None:
    """Train a CRF on featurized sentences and write it to ``out``."""
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params(params.crfsuite())
    for x, y in zip(xs, ys, strict=True):
        trainer.append(x, list(y))
    trainer.train(str(out))


def predict(model: Path, xs: Sequence[Features]) -> list[list[str]]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    try:
        return [tagger.tag(x) if x else [] for x in xs]
    finally:
        tagger.close()


# -- cross-validation -----------------------------------------------------------------

_CV: dict[str, Any] = {}  # shared with forked fold workers


def fold_indices(count: int, folds: int, shuffle: bool, seed: int) -> list[list[int]]:
    """Sentence indices of each fold: contiguous blocks, or a seeded shuffle."""
    order = list(range(count))
    if shuffle:
        random.Random(seed).shuffle(order)
    bounds = [round(count * k / folds) for k in range(folds + 1)]
    return [order[bounds[k] : bounds[k + 1]] for k in range(folds)]


def _run_fold(fold: int) -> tuple[int, list[list[str]], float]:
    xs, ys, folds, params = _CV["xs"], _CV["ys"], _CV["folds"], _CV["params"]
    held = set(folds[fold])
    train_ids = [i for i in range(len(xs)) if i not in held]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        model = Path(folder) / "fold.crfsuite"
        train_model([xs[i] for i in train_ids], [ys[i] for i in train_ids], model, params)
        predicted = predict(model, [xs[i] for i in folds[fold]])
    return fold, predicted, time.perf_counter() - started


def cross_validate(sentences: Sequence[Sentence], xs: list[Features], params: TrainParams,
                   folds: int = 5, shuffle: bool = False, seed: int = 13,
                   jobs: int = 1) -> tuple[Scores, list[Scores], list[list[str]]]:
    """Pooled and per-fold entity scores of K-fold cross-validation by sentence, and the
    held-out predictions of every sentence."""
    ys = [list(s.tags or ()) for s in sentences]
    fold_ids = fold_indices(len(sentences), folds, shuffle, seed)
    _CV.update(xs=xs, ys=ys, folds=fold_ids, params=params)
    try:
        if jobs > 1:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                results = pool.map(_run_fold, range(folds))
        else:
            results = [_run_fold(k) for k in range(folds)]
    finally:
        _CV.clear()
    pooled = Scores()
    per_fold: list[Scores] = []
    held_out: list[list[str]] = [[] for _ in sentences]
    for fold, predicted, seconds in sorted(results):
        for index, tags in zip(fold_ids[fold], predicted, strict=True):
            held_out[index] = tags
        fold_scores = score([ys[i] for i in fold_ids[fold]], predicted)
        per_fold.append(fold_scores)
        pooled.add(fold_scores)
        main = fold_scores.overall(MAIN_TYPES)
        print(f"fold {fold + 1}/{folds}: PERS+LOC+ORG F1 {main.f1:.3f} "
              f"(P {main.precision:.3f} R {main.recall:.3f}), {seconds:.0f} s",
              file=sys.stderr)
    return pooled, per_fold, held_out


def document_scores(sentences: Sequence[Sentence], predicted: list[list[str]],
                    extractor: FeatureExtractor, settings: PropagationSettings,
                    size: int) -> Scores:
    """Scores after document propagation over pseudo-documents of ``size`` sentences.

    ANERcorp marks no article boundaries, so consecutive blocks of sentences stand in
    for articles (it keeps each article's sentences together).
    """
    propagated: list[list[str]] = []
    for start in range(0, len(sentences), size):
        block = sentences[start : start + size]
        stems = [[extractor.stem(t) for t in s.tokens] for s in block]
        propagated.extend(propagate(stems, predicted[start : start + size],
                                    extractor.lexicon.zipf, settings))
    return score([list(s.tags or ()) for s in sentences], propagated)


def _figures(pooled: Scores, per_fold: list[Scores]) -> dict[str, Any]:
    def row(c: Any) -> dict[str, float | int]:
        return {"precision": round(c.precision, 4), "recall": round(c.recall, 4),
                "f1": round(c.f1, 4), "gold": c.tp + c.fn, "predicted": c.tp + c.fp}

    figures: dict[str, Any] = {k: row(pooled.counts(k)) for k in ("PERS", "LOC", "ORG", "MISC")}
    figures["PERS+LOC+ORG"] = row(pooled.overall(MAIN_TYPES))
    figures["with MISC"] = row(pooled.overall())
    figures["fold_f1_PERS+LOC+ORG"] = [round(s.overall(MAIN_TYPES).f1, 4) for s in per_fold]
    return figures


# -- training run -----------------------------------------------------------------------


def run(train: str | Path, out: str | Path | None, params: TrainParams,
        config: FeatureConfig, cv: int = 0, shuffle: bool = False, seed: int = 13,
        jobs: int = 1, doc_size: int = 50,
        log: Any = lambda line: print(line, file=sys.stderr)) -> dict[str, Any]:
    """Cross-validate (``cv`` folds, 0: don't) and/or train on all of ``train``.

    Prints the cross-validated tables on stdout and progress through ``log``; writes
    ``out`` and its ``.json`` description when ``out`` is given. Returns that
    description (with the figures when ``cv`` was asked for).
    """
    sentences = _tagged_sentences(train)
    started = time.perf_counter()
    extractor = FeatureExtractor(config, max_cache=10_000_000)
    xs = featurize(sentences, config, extractor)
    tokens = sum(len(s.tokens) for s in sentences)
    log(f"{len(sentences):,} sentences, {tokens:,} tokens featurized in "
        f"{time.perf_counter() - started:.1f} s")
    propagation = PropagationSettings()
    meta = _description(train, sentences, tokens, params, config, extractor, propagation)
    if cv:
        meta["cross_validation"] = _cross_validation(
            sentences, xs, params, (cv, shuffle, seed, jobs), extractor, propagation,
            doc_size)
    if out is not None:
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        train_model(xs, [list(s.tags or ()) for s in sentences], out, params)
        log(f"trained {out} in {time.perf_counter() - started:.0f} s")
        metadata_path(out).write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n",
                                      encoding="utf-8")
    return meta


def _tagged_sentences(train: str | Path) -> list[Sentence]:
    """The training file's sentences, every one tagged, read as valid BIO: ANERcorp has a
    few ``O I-X`` runs; the tagger always outputs valid BIO (repair_bio), so it learns
    from the same reading (the scored spans are unchanged)."""
    sentences = [s for s in read(train) if s.tokens]
    untagged = sum(1 for s in sentences if s.tags is None)
    if untagged:
        raise ConllError(f"{train}: {untagged} sentences have no tags")
    if not sentences:
        raise ConllError(f"{train}: no sentences")
    return [Sentence(s.tokens, tuple(repair_bio(list(s.tags or ())))) for s in sentences]


def _description(train: str | Path, sentences: list[Sentence], tokens: int,
                 params: TrainParams, config: FeatureConfig, extractor: FeatureExtractor,
                 propagation: PropagationSettings) -> dict[str, Any]:
    """What the model description says of its features, data and knowledge."""
    return {
        "features": config.to_dict(),
        "training": {
            "data": Path(train).name,
            "sentences": len(sentences),
            "tokens": tokens,
            "params": asdict(params),
        },
        # the gazetteer, name hints and cue classes come from the package data as it
        # was then; retrain when it has changed much
        "knowledge_base": {
            "lexicon_names": len(extractor.lexicon.names),
            "gazetteer_names": extractor.gazetteer.size if extractor.gazetteer else 0,
            "cue_words": len(extractor.cues),
        },
        "document": asdict(propagation),
    }


def _cross_validation(sentences: list[Sentence], xs: Any, params: TrainParams,
                      folds: tuple[int, bool, int, int], extractor: FeatureExtractor,
                      propagation: PropagationSettings, doc_size: int) -> dict[str, Any]:
    """Cross-validate, print the tables (each sentence alone, then after the document
    pass over blocks of ``doc_size`` sentences) and return the figures."""
    cv, shuffle, seed, jobs = folds
    pooled, per_fold, held_out = cross_validate(sentences, xs, params, cv, shuffle, seed, jobs)
    print(f"{cv}-fold cross-validation "
          f"({'shuffled' if shuffle else 'contiguous'} folds), "
          "entity-level exact span and type, each sentence tagged alone:")
    print(pooled.table())
    result: dict[str, Any] = {"folds": cv, "shuffled": shuffle,
                              "figures": _figures(pooled, per_fold)}
    if doc_size > 0 and not shuffle:
        documents = document_scores(sentences, held_out, extractor, propagation, doc_size)
        print(f"\nthe same predictions after tag_document's propagation over blocks of "
              f"{doc_size} consecutive sentences:")
        print(documents.table())
        document_figures = _figures(documents, [])
        document_figures.pop("fold_f1_PERS+LOC+ORG")
        result["document_figures"] = document_figures
        result["document_block_sentences"] = doc_size
    return result


# -- command line ---------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rasid.ner.train",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--train", required=True, help="CoNLL file: token tag per line")
    parser.add_argument("--out", help="model file to write (trained on all of --train)")
    parser.add_argument("--cv", type=int, default=0, metavar="K",
                        help="run K-fold cross-validation by sentence first")
    parser.add_argument("--shuffle", action="store_true",
                        help="shuffle sentences before making folds (default: contiguous)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--jobs", type=int, default=1, help="folds trained in parallel")
    defaults = TrainParams()
    parser.add_argument("--c1", type=float, default=defaults.c1)
    parser.add_argument("--c2", type=float, default=defaults.c2)
    parser.add_argument("--max-iterations", type=int, default=defaults.max_iterations)
    parser.add_argument("--min-freq", type=int, default=defaults.min_freq)
    parser.add_argument("--doc-size", type=int, default=50, metavar="N",
                        help="with --cv, also score tag_document's propagation over "
                             "blocks of N consecutive sentences (0: don't)")
    parser.add_argument("--features", default="{}",
                        help="JSON object overriding feature settings (FeatureConfig)")
    args = parser.parse_args(argv)
    if not args.out and not args.cv:
        parser.error("nothing to do: give --out, --cv K, or both")
    if args.cv == 1 or args.cv < 0:
        parser.error("--cv needs at least 2 folds")

    params = TrainParams(args.c1, args.c2, args.max_iterations, args.min_freq)
    config = FeatureConfig.from_dict({**FeatureConfig().to_dict(),
                                      **json.loads(args.features)})
    try:
        run(args.train, args.out, params, config, args.cv, args.shuffle, args.seed,
            args.jobs, args.doc_size)
    except (ConllError, OSError) as error:
        print(f"python -m rasid.ner.train: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
