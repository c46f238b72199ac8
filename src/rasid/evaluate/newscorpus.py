"""The real-news event corpus: annotations (offsets only) joined to the licensed news.

The corpus (``annotations/events`` in the project) keeps article ids and character
offsets, never the text: the dev news is licensed separately and stays where its
owner put it. Training, ``rasid evaluate events-corpus`` and the benchmarks join the two
here, and fail with a clear message when the news file is missing or does not hold an
annotated article (a corpus that silently shrinks would give flattering figures).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasid.errors import RasidError
from rasid.resources import read_jsonl


class CorpusError(RasidError):
    """The corpus or the news it points to cannot be read."""

    code = "R600"


@dataclass
class GoldSentence:
    start: int
    end: int
    events: list[dict[str, Any]]
    annotated: bool

    def scored(self) -> list[dict[str, Any]]:
        """The events that count: current occurrences (background and references are
        kept in the corpus but never counted as facts)."""
        return [e for e in self.events if e.get("status", "current") == "current"]


@dataclass
class GoldArticle:
    id: str
    split: str
    date: str | None
    source: str | None
    title: str | None
    text: str
    sentences: list[GoldSentence] = field(default_factory=list)

    def sentence_at(self, position: int) -> GoldSentence | None:
        for sentence in self.sentences:
            if sentence.start <= position < sentence.end:
                return sentence
        return None


def _jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        raise CorpusError(f"{path}: no such file")
    return read_jsonl(path, CorpusError)


def read_news(path: Path, wanted: set[str]) -> dict[str, dict[str, Any]]:
    """The articles of ``wanted`` from a JSON Lines news file (gzip or plain)."""
    if not path.exists():
        raise CorpusError(f"{path}: the news file is missing (the corpus holds offsets only; "
                          "give the dev news with --news)")
    opener = gzip.open if path.suffix == ".gz" else open
    found: dict[str, dict[str, Any]] = {}
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            item = json.loads(line)
            if item.get("id") in wanted:
                found[item["id"]] = item
    return found


def load_corpus(folder: str | Path, news: str | Path,
                splits: Iterable[str] | None = None,
                events_file: str = "events.jsonl") -> list[GoldArticle]:
    """Articles of the corpus with their text and annotated sentences, in corpus order.

    ``splits`` keeps only those splits (``train``, ``dev``, ``test``). Sentences chosen
    for the corpus but without an annotation line are kept as not ``annotated`` and
    are left out of scoring.
    """
    folder = Path(folder)
    wanted_splits = set(splits) if splits else None
    articles = [a for a in _jsonl(folder / "articles.jsonl")
                if wanted_splits is None or a["split"] in wanted_splits]
    annotations: dict[tuple[str, int], dict[str, Any]] = {}
    for row in _jsonl(folder / events_file):
        annotations[(row["article"], row["sentence"][0])] = row
    texts = read_news(Path(news), {a["article"] for a in articles})
    missing = [a["article"] for a in articles if a["article"] not in texts]
    if missing:
        raise CorpusError(f"{news}: {len(missing)} annotated articles are not in the news file "
                          f"(first: {missing[0]})")
    result = []
    for row in articles:
        item = texts[row["article"]]
        article = GoldArticle(row["article"], row["split"], item.get("date"),
                              item.get("source"), item.get("title"), item["text"])
        for start, end in row["sentences"]:
            annotation = annotations.get((row["article"], start))
            article.sentences.append(GoldSentence(
                start, end, list(annotation["events"]) if annotation else [],
                annotation is not None))
        result.append(article)
    return result
