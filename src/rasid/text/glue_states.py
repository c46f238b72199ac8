"""The glued-word splitter's piece classes, states and transition table.

A split is read piece by piece; what may come next depends only on the state the
pieces so far left and the class of the next piece. Those rules are data
(``lang/ar/data/glue_states.json``, documented there) so they can be read and changed as
a table, not traced through a chain of conditions. Classes and states are enums whose
values are the names the table uses; they are ``StrEnum`` so that a split's state
orders and compares as its name does (the splitter breaks ties between equal costs by
it).
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Any

from rasid.errors import PipelineError
from rasid.resources import load_json

DATA = "glue_states.json"


class PieceClass(StrEnum):
    """What kind of word a piece of a glued token is (see the data file's ``classes``)."""

    WORD = "word"
    PLAIN = "plain"
    DEFINITE = "definite"
    NAME = "name"
    ANCHOR = "anchor"
    ANCHOR3 = "anchor3"
    RARE = "rare"
    RARE_AL = "rare_al"
    PARTICLE = "particle"
    SUFFIX_LIKE = "suffix_like"
    HEAD = "head"
    SHORT = "short"
    SHORT_COMMON = "short_common"
    WEAK = "weak"
    WEAK_LOW = "weak_low"
    UNKNOWN = "unknown"
    TRAILING = "trailing"
    #: no word at all (its cost is infinite; it never enters a split)
    NONE = "none"

    #: hashed as its name is (Enum's own hash is a Python call, in the splitter's loop)
    __hash__ = str.__hash__


class GlueState(StrEnum):
    """What the pieces of a split so far allow next (see the data file's ``states``)."""

    START = "start"
    HEAD = "head"
    PARTICLE = "particle"
    PARTICLE2 = "particle2"
    PENDING = "pending"
    PENDING_LOW = "pending_low"
    PENDING_UNKNOWN = "pending_unknown"
    SATISFIED = "satisfied"
    WORD = "word"
    NAME = "name"
    RARE = "rare"
    RARE_AL = "rare_al"
    ANCHOR = "anchor"
    ANCHOR3 = "anchor3"

    __hash__ = str.__hash__


#: a transition's targets: (more pieces follow, last piece, last of exactly two)
Targets = tuple[GlueState | None, GlueState | None, GlueState | None]


class TransitionTable:
    """``next(state, class, last, second)``: the state after a piece, None if the piece
    may not stand there."""

    def __init__(self, transitions: dict[GlueState, dict[PieceClass, Targets]],
                 waiting: frozenset[GlueState], start: GlueState) -> None:
        self.transitions = transitions
        #: states a split may not end in (a piece still waits for its name)
        self.waiting = waiting
        self.start = start

    def next(self, state: GlueState, kind: PieceClass, last: bool, second: bool
             ) -> GlueState | None:
        """The state after a piece of ``kind``; ``second``: it is the second piece."""
        targets = self.transitions[state].get(kind)
        if targets is None:
            return None
        if not last:
            return targets[0]
        return targets[2] if second else targets[1]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> TransitionTable:
        """The table of a parsed ``glue_states.json``; a name that is no state or class
        raises PipelineError naming it."""
        transitions: dict[GlueState, dict[PieceClass, Targets]] = {
            state: {} for state in GlueState}
        for state_name, row in data["transitions"].items():
            state = _member(GlueState, state_name, "state")
            for class_name, target in row.items():
                transitions[state][_member(PieceClass, class_name, "class")] = \
                    _targets(target, f"{state_name} → {class_name}")
        waiting = frozenset(_member(GlueState, name, "state") for name in data["waiting"])
        return cls(transitions, waiting, _member(GlueState, data["start"], "state"))


def _member(enum: Any, name: str, what: str) -> Any:
    try:
        return enum(name)
    except ValueError:
        raise PipelineError(f"{DATA}: unknown {what} {name!r} (known: "
                            f"{', '.join(m.value for m in enum)})") from None


def _targets(target: Any, where: str) -> Targets:
    """A target as (not last, last, last of two): a state name applies to all three."""
    def state(name: Any) -> GlueState | None:
        return None if name is None else _member(GlueState, name, "state")

    if target is None or isinstance(target, str):
        return (state(target),) * 3  # type: ignore[return-value]
    if not isinstance(target, dict) or not set(target) <= {"not_last", "last", "last_of_two"}:
        raise PipelineError(f"{DATA}: {where}: a target is a state name or an object with "
                            "not_last, last and last_of_two")
    last = state(target.get("last"))
    return (state(target.get("not_last")), last,
            state(target["last_of_two"]) if "last_of_two" in target else last)


@cache
def transition_table() -> TransitionTable:
    """The shipped table, read once per process."""
    return TransitionTable.from_data(load_json(DATA))
