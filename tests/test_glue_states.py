"""The glued-word splitter's states and piece classes are enums and its state machine
a transition table kept as data (``lang/ar/data/glue_states.json``), which it reads."""

from __future__ import annotations

import copy
import json

import pytest

from rasid.errors import PipelineError
from rasid.resources import data_path
from rasid.text.glue import GlueSplitter
from rasid.text.glue_states import GlueState, PieceClass, TransitionTable, transition_table


def _data() -> dict:
    path = data_path("glue_states.json")
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_data_documents_every_state_and_class_and_names_no_other() -> None:
    data = _data()
    assert set(data["states"]) == {state.value for state in GlueState}
    assert set(data["classes"]) | {"none"} == {kind.value for kind in PieceClass}
    assert set(data["transitions"]) <= set(data["states"])
    for row in data["transitions"].values():
        assert set(row) <= set(data["classes"])


def test_every_state_is_reached_from_the_start_and_can_end_a_split() -> None:
    table = transition_table()
    reached, todo = {table.start}, [table.start]
    while todo:
        state = todo.pop()
        for targets in table.transitions[state].values():
            for target in targets:
                if target is not None and target not in reached:
                    reached.add(target)
                    todo.append(target)
    assert reached == set(GlueState)
    assert table.waiting == {GlueState.PENDING, GlueState.PENDING_LOW,
                             GlueState.PENDING_UNKNOWN}


def test_targets_depend_on_where_the_piece_stands() -> None:
    table = transition_table()
    # a particle may end a split after a name, not after an ordinary word
    assert table.next(GlueState.NAME, PieceClass.PARTICLE, True, False) is GlueState.PARTICLE
    assert table.next(GlueState.WORD, PieceClass.PARTICLE, True, False) is None
    assert table.next(GlueState.WORD, PieceClass.PARTICLE, False, False) is GlueState.PARTICLE
    # two particles only as the two pieces of a two-piece split (علىأن)
    assert table.next(GlueState.PARTICLE, PieceClass.PARTICLE, True, True) is GlueState.PARTICLE2
    assert table.next(GlueState.PARTICLE, PieceClass.PARTICLE, True, False) is None
    # a weak word waits for a name, and is satisfied right after one
    assert table.next(GlueState.WORD, PieceClass.WEAK, False, False) is GlueState.PENDING
    assert table.next(GlueState.NAME, PieceClass.WEAK, False, False) is GlueState.SATISFIED


def test_the_splitter_reads_its_rules_from_the_table(pipeline) -> None:
    lexicon = pipeline.resources.lexicon
    shipped = GlueSplitter(lexicon)
    assert shipped.table is transition_table()
    assert shipped.split("الرياضو") == ["الرياض", "و"]
    assert shipped.split("مصرمن") == ["مصر", "من"]
    data = copy.deepcopy(_data())
    del data["transitions"]["anchor"]["trailing"]  # no trailing و after a state's name
    data["transitions"]["anchor"]["particle"] = {"not_last": "particle", "last": None}
    changed = GlueSplitter(lexicon)
    changed.table = TransitionTable.from_data(data)
    assert changed.split("الرياضو") == ["الرياضو"]
    assert changed.split("مصرمن") == ["مصرمن"]
    assert changed.split("فيسوريا") == ["في", "سوريا"]  # the other rules still hold


def test_a_bad_name_in_the_table_is_named() -> None:
    data = copy.deepcopy(_data())
    data["transitions"]["word"]["wrod"] = "word"
    with pytest.raises(PipelineError, match="unknown class 'wrod'"):
        TransitionTable.from_data(data)
    data = copy.deepcopy(_data())
    data["transitions"]["word"]["name"] = {"at_end": "name"}
    with pytest.raises(PipelineError, match="word → name: a target is a state name"):
        TransitionTable.from_data(data)
