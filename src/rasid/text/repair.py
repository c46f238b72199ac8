"""Repair of raw text before any Doc exists.

Each fix is a small named step that finds what it would change and says why (the
approach of ftfy's ``fix_and_explain``). ``Repairer.repair`` applies the steps in
order, keeps the list of changes with their raw and repaired spans, and an offset map
so any span of the repaired text leads back to the raw input. Repair is idempotent:
repairing repaired text changes nothing.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from rasid.provenance import OffsetMap, RepairChange, RepairResult
from rasid.resources import hex_chars, load_json
from rasid.text.glue import GlueSplitter
from rasid.text.lexicon import Lexicon, default_lexicon
from rasid.text.normalize import match_key


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` (of the text the step saw) by ``replacement``."""

    start: int
    end: int
    replacement: str


StepFunction = Callable[[str], list[Edit]]


@dataclass(frozen=True)
class RepairStep:
    name: str
    description: str
    find: StepFunction


def _char_class(chars: list[str]) -> str:
    return "[" + "".join(re.escape(c) for c in chars) + "]"


@lru_cache(maxsize=1)
def _tables() -> dict:
    maps = load_json("charmaps.json")
    return {
        # one change per character, so each change's raw span holds exactly its text
        "invisible": re.compile(_char_class(hex_chars(maps["invisible"]["chars"]))),
        "spaces": re.compile(_char_class(hex_chars(maps["spaces"]["chars"]))),
        "tatweel": re.compile(_char_class(hex_chars(maps["tatweel"]["chars"]))),
        "quotes": {chr(int(k, 16)): chr(int(v, 16)) for k, v in maps["quotes"]["map"].items()},
        "persian": {
            chr(int(k, 16)): chr(int(v, 16)) for k, v in maps["persian_letters"]["map"].items()
        },
    }


def _map_chars(text: str, mapping: dict[str, str], pattern: re.Pattern) -> list[Edit]:
    return [Edit(m.start(), m.end(), mapping[m.group()]) for m in pattern.finditer(text)]


def _delete(pattern: re.Pattern) -> StepFunction:
    return lambda text: [Edit(m.start(), m.end(), "") for m in pattern.finditer(text)]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CRLF = re.compile(r"\r\n?")
_PRESENTATION = re.compile(r"[\ufb50-\ufdff\ufe70-\ufefe]")
# a run of Arabic letters with the marks on them (عدوًا keeps its tanween inside the run)
_LETTERS = "\u0621-\u063a\u0641-\u064a"
_ARABIC_RUN = re.compile(rf"[{_LETTERS}][{_LETTERS}\u064b-\u065f\u0670]*")


def _line_endings(text: str) -> list[Edit]:
    return [Edit(m.start(), m.end(), "\n") for m in _CRLF.finditer(text)]


def _presentation_forms(text: str) -> list[Edit]:
    edits = []
    for m in _PRESENTATION.finditer(text):
        base = unicodedata.normalize("NFKC", m.group())
        if base != m.group():
            edits.append(Edit(m.start(), m.end(), base))
    return edits


def _persian_letters(text: str) -> list[Edit]:
    table = _tables()["persian"]
    pattern = re.compile(_char_class(list(table)))
    return _map_chars(text, table, pattern)


def _odd_spaces(text: str) -> list[Edit]:
    return [Edit(m.start(), m.end(), " ") for m in _tables()["spaces"].finditer(text)]


def _quotes(text: str) -> list[Edit]:
    table = _tables()["quotes"]
    return _map_chars(text, table, re.compile(_char_class(list(table))))


def _glued_words(splitter: GlueSplitter) -> StepFunction:
    def find(text: str) -> list[Edit]:
        # pieces: (start in text, characters); split again until nothing changes, so
        # that the words a split reveals count as context and repair stays idempotent
        # a run longer than max_run_letters is text without spaces, not glued words:
        # searching it would cost far more than the rest of the document
        longest = splitter.settings.max_run_letters
        pieces = [(m.start(), m.group()) for m in _ARABIC_RUN.finditer(text)
                  if m.end() - m.start() <= longest]
        positions: set[int] = set()
        shortest = splitter.settings.min_token_letters - 1  # ة/ى cuts need four letters
        while True:
            # the document's words matter only to tokens that are no words themselves
            if any(len(piece) >= shortest and splitter.contextual(piece) for _, piece in pieces):
                context = splitter.context_of({match_key(piece) for _, piece in pieces})
            else:
                context = None
            following = []
            for start, piece in pieces:
                if len(piece) < shortest:
                    cuts: tuple[int, ...] = ()
                elif context and splitter.contextual(piece):
                    cuts = splitter.cuts_in(piece, context)
                else:
                    cuts = splitter.cuts(piece)
                if not cuts:
                    following.append((start, piece))
                    continue
                bounds = [0, *cuts, len(piece)]
                following.extend((start + a, piece[a:b]) for a, b in itertools.pairwise(bounds))
                positions.update(start + cut for cut in cuts)
            if len(following) == len(pieces):
                break
            pieces = following
        return [Edit(position, position, " ") for position in sorted(positions)]

    return find


def default_steps(lexicon: Lexicon) -> list[RepairStep]:
    """The repair steps in the order they run."""
    tables = _tables()
    return [
        RepairStep("line_endings", "CR LF and lone CR become LF", _line_endings),
        RepairStep("control_chars", "control characters removed", _delete(_CONTROL)),
        RepairStep(
            "invisible_marks",
            "zero-width, bidi and soft-hyphen marks removed",
            _delete(tables["invisible"]),
        ),
        RepairStep(
            "presentation_forms",
            "Arabic presentation forms become base letters (NFKC)",
            _presentation_forms,
        ),
        RepairStep(
            "persian_letters",
            "Persian/Urdu forms of ي ك ة ه and digits become Arabic ones",
            _persian_letters,
        ),
        RepairStep("tatweel", "tatweel (kashida) removed", _delete(tables["tatweel"])),
        RepairStep("odd_spaces", "non-breaking and other odd spaces become spaces", _odd_spaces),
        RepairStep("typographic_quotes", "curly quotes become ASCII quotes", _quotes),
        RepairStep(
            "glued_words",
            "a space put back between words glued together",
            _glued_words(GlueSplitter(lexicon)),
        ),
    ]


@dataclass
class _Trace:
    """Per-character raw spans and change tags of the text being repaired."""

    starts: list[int]
    ends: list[int]
    tags: list[int]


@dataclass(repr=False)
class Repairer:
    """Applies the repair steps; built once and reused for many documents."""

    lexicon: Lexicon = field(default_factory=default_lexicon)
    steps: list[RepairStep] = field(default_factory=list)
    disabled: frozenset[str] = frozenset()

    def __repr__(self) -> str:
        return f"Repairer(steps={[s.name for s in self.steps]}, disabled={set(self.disabled)})"

    def __post_init__(self) -> None:
        if not self.steps:
            self.steps = default_steps(self.lexicon)
        names = {step.name for step in self.steps}
        unknown = set(self.disabled) - names
        if unknown:
            raise ValueError(f"unknown repair steps: {sorted(unknown)}; known: {sorted(names)}")

    def repair(self, raw: str) -> RepairResult:
        text = raw
        trace: _Trace | None = None
        records: list[tuple[str, int, int, str, str]] = []
        for step in self.steps:
            if step.name in self.disabled:
                continue
            edits = step.find(text)
            if not edits:
                continue
            if trace is None:
                trace = _Trace(list(range(len(raw))), list(range(1, len(raw) + 1)), [-1] * len(raw))
            text, trace = self._apply(text, trace, edits, step.name, records)
        if trace is None:
            return RepairResult(raw, raw, (), OffsetMap.identity(len(raw)))
        return RepairResult(
            raw,
            text,
            tuple(self._changes(records, trace)),
            OffsetMap.from_char_spans(
                trace.starts, trace.ends, [tag >= 0 for tag in trace.tags], len(raw)
            ),
        )

    @staticmethod
    def _apply(
        text: str,
        trace: _Trace,
        edits: list[Edit],
        name: str,
        records: list[tuple[str, int, int, str, str]],
    ) -> tuple[str, _Trace]:
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        tags: list[int] = []
        raw_length = trace.ends[-1] if trace.ends else 0
        cursor = 0
        for edit in sorted(edits, key=lambda e: (e.start, e.end)):
            if edit.start < cursor:
                continue  # overlapping edits: the first one wins
            pieces.append(text[cursor : edit.start])
            starts.extend(trace.starts[cursor : edit.start])
            ends.extend(trace.ends[cursor : edit.start])
            tags.extend(trace.tags[cursor : edit.start])
            if edit.start < edit.end:
                raw_start, raw_end = trace.starts[edit.start], trace.ends[edit.end - 1]
            else:
                raw_start = trace.starts[edit.start] if edit.start < len(text) else raw_length
                raw_end = raw_start
            tag = len(records)
            before = text[edit.start : edit.end]
            records.append((name, raw_start, raw_end, before, edit.replacement))
            pieces.append(edit.replacement)
            starts.extend([raw_start] * len(edit.replacement))
            ends.extend([raw_end] * len(edit.replacement))
            tags.extend([tag] * len(edit.replacement))
            cursor = edit.end
        pieces.append(text[cursor:])
        starts.extend(trace.starts[cursor:])
        ends.extend(trace.ends[cursor:])
        tags.extend(trace.tags[cursor:])
        return "".join(pieces), _Trace(starts, ends, tags)

    @staticmethod
    def _changes(
        records: list[tuple[str, int, int, str, str]], trace: _Trace
    ) -> list[RepairChange]:
        spans: dict[int, list[int]] = {}
        for index, tag in enumerate(trace.tags):
            if tag >= 0:
                span = spans.setdefault(tag, [index, index + 1])
                span[1] = index + 1
        changes = []
        for tag, (name, raw_start, raw_end, before, after) in enumerate(records):
            if tag in spans:
                start, end = spans[tag]
            else:  # deleted, or rewritten by a later step: point at where it was
                start = end = bisect_left(trace.starts, raw_end)
            changes.append(RepairChange(name, raw_start, raw_end, start, end, before, after))
        return changes


_DEFAULT: Repairer | None = None


def repair(raw: str) -> RepairResult:
    """Repair ``raw`` with the default steps and the shipped lexicon."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Repairer()
    return _DEFAULT.repair(raw)
