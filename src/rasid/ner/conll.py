"""CoNLL-style files and entity-level scoring of BIO tags.

The format is the one ANERcorp ships: one token a line, optionally followed by
whitespace and its tag, and a blank line between sentences. It is read by the trainer
and by ``rasid evaluate ner GOLD``, and written when rasid tags a tokenized file, so
the reader and writer here round-trip exactly.

Scoring is entity-level with exact span and type, as in CoNLL's ``conlleval``: a
predicted entity counts only when both its boundaries and its type equal a gold
entity's, so a partial overlap is one false positive *and* one false negative. As in
``conlleval``, an ``I-X`` that does not continue an ``X`` entity starts a new one
(ANERcorp itself has a few ``O I-X`` sequences).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from rasid.errors import RasidError
from rasid.metrics import Counts

#: The entity types of ANERcorp; MISC is scored separately because it is ill-defined.
MAIN_TYPES: tuple[str, ...] = ("PERS", "LOC", "ORG")
ALL_TYPES: tuple[str, ...] = ("PERS", "LOC", "ORG", "MISC")


class ConllError(RasidError):
    """A CoNLL file or a tag sequence is malformed (the message says where)."""

    code = "R500"


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a CoNLL file: its tokens and, when the file has them, its tags."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...] | None = None


# -- reading and writing ------------------------------------------------------------


def parse(lines: Iterable[str], source: str = "<input>") -> Iterator[Sentence]:
    """Yield the sentences of CoNLL lines (token, optional tag; blank line between).

    A sentence must be consistently tagged or untagged, so that a stray one-column line
    in a gold file is reported rather than silently scored as ``O``.
    """
    tokens: list[str] = []
    tags: list[str] = []
    first_line = 0
    for number, line in enumerate(lines, start=1):
        columns = line.split()
        if not columns:
            if tokens:
                yield _sentence(tokens, tags, source, first_line)
                tokens, tags = [], []
            continue
        if not tokens:
            first_line = number
        if len(columns) > 2:
            raise ConllError(f"{source}:{number}: expected 'token [tag]', got {len(columns)} "
                             "columns")
        tokens.append(columns[0])
        if len(columns) == 2:
            tags.append(columns[1])
    if tokens:
        yield _sentence(tokens, tags, source, first_line)


def _sentence(tokens: list[str], tags: list[str], source: str, line: int) -> Sentence:
    if tags and len(tags) != len(tokens):
        raise ConllError(f"{source}:{line}: sentence has tags on {len(tags)} of "
                         f"{len(tokens)} lines")
    return Sentence(tuple(tokens), tuple(tags) if tags else None)


def read(path: str | Path) -> list[Sentence]:
    """Read a CoNLL file (UTF-8) into sentences."""
    with Path(path).open(encoding="utf-8") as handle:
        return list(parse(handle, str(path)))


def write(sentences: Iterable[Sentence], handle: TextIO) -> None:
    """Write sentences in the format :func:`parse` reads (space between columns)."""
    for sentence in sentences:
        if sentence.tags is not None and len(sentence.tags) != len(sentence.tokens):
            raise ConllError("a sentence has a different number of tags and tokens")
        for index, token in enumerate(sentence.tokens):
            if not token or any(c.isspace() for c in token):
                raise ConllError(f"token {token!r} is empty or contains whitespace")
            if sentence.tags is None:
                handle.write(f"{token}\n")
            else:
                handle.write(f"{token} {sentence.tags[index]}\n")
        handle.write("\n")


# -- entities and scoring -------------------------------------------------------------


def spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entities of a BIO sequence as ``(start, end, type)`` with ``end`` exclusive."""
    found: list[tuple[int, int, str]] = []
    start = -1
    kind = ""
    for index, tag in enumerate(tags):
        if tag == "O":
            prefix, label = "O", ""
        else:
            prefix, _, label = tag.partition("-")
            if prefix not in ("B", "I") or not label:
                raise ConllError(f"tag {tag!r} at position {index} is not O, B-X or I-X")
        if start >= 0 and (prefix != "I" or label != kind):
            found.append((start, index, kind))
            start = -1
        if prefix in ("B", "I") and start < 0:
            start, kind = index, label
    if start >= 0:
        found.append((start, len(tags), kind))
    return found


def repair_bio(tags: list[str]) -> list[str]:
    """Turn every ``I-X`` that continues no ``X`` entity into ``B-X`` (in place)."""
    previous = "O"
    for index, tag in enumerate(tags):
        if tag[:2] == "I-" and previous[2:] != tag[2:]:
            tags[index] = "B-" + tag[2:]
        previous = tags[index]
    return tags


@dataclass(slots=True)
class Scores:
    """Entity-level counts per type; ``overall(types)`` pools the types asked for."""

    by_type: dict[str, Counts] = field(default_factory=dict)

    def counts(self, kind: str) -> Counts:
        return self.by_type.get(kind, Counts())

    def overall(self, types: Iterable[str] | None = None) -> Counts:
        total = Counts()
        for kind, counts in self.by_type.items():
            if types is None or kind in types:
                total.add(counts)
        return total

    def add(self, other: Scores) -> None:
        for kind, counts in other.by_type.items():
            self.by_type.setdefault(kind, Counts()).add(counts)

    def table(self, types: Sequence[str] = ALL_TYPES) -> str:
        """A fixed-width report: one line per type, then the pooled main and all types."""
        lines = [f"{'type':<16}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}"]
        rows = [(kind, self.counts(kind)) for kind in types]
        rows.append(("PERS+LOC+ORG", self.overall(MAIN_TYPES)))
        rows.append(("with MISC", self.overall(ALL_TYPES)))
        for name, c in rows:
            lines.append(f"{name:<16}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}"
                         f"{c.tp + c.fn:>7}{c.tp + c.fp:>7}")
        return "\n".join(lines)


def score(
    gold_tags: Sequence[str] | Sequence[Sequence[str]],
    pred_tags: Sequence[str] | Sequence[Sequence[str]],
) -> Scores:
    """Entity-level exact-match scores of predicted against gold BIO tags.

    Both arguments are either one flat tag sequence or a list of sentences (lists of
    tags); they must have the same shape.
    """
    gold_sents = _as_sentences(gold_tags)
    pred_sents = _as_sentences(pred_tags)
    if len(gold_sents) != len(pred_sents):
        raise ConllError(f"{len(gold_sents)} gold sentences but {len(pred_sents)} predicted")
    scores = Scores()
    for number, (gold, pred) in enumerate(zip(gold_sents, pred_sents, strict=True)):
        if len(gold) != len(pred):
            raise ConllError(f"sentence {number}: {len(gold)} gold tags but {len(pred)} "
                             "predicted")
        gold_set = set(spans(gold))
        pred_set = set(spans(pred))
        for _, _, kind in gold_set | pred_set:
            scores.by_type.setdefault(kind, Counts())
        for _, _, kind in gold_set & pred_set:
            scores.by_type[kind].tp += 1
        for _, _, kind in pred_set - gold_set:
            scores.by_type[kind].fp += 1
        for _, _, kind in gold_set - pred_set:
            scores.by_type[kind].fn += 1
    return scores


def _as_sentences(tags: Sequence[str] | Sequence[Sequence[str]]) -> list[Sequence[str]]:
    if not tags:
        return []
    if isinstance(tags[0], str):
        return [tags]  # type: ignore[list-item]
    return list(tags)  # type: ignore[arg-type]
