"""The layer diagram in docs/architecture.md is the code's real import graph, and no two
units of rasid import each other through any path."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@cache
def _script():
    spec = importlib.util.spec_from_file_location("architecture",
                                                  ROOT / "scripts" / "architecture.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def _graph() -> dict[str, set[str]]:
    return _script().graph()


def test_no_import_cycles_between_units():
    arch = _script()
    assert arch.cycles(_graph()) == []


def test_cycle_finder_finds_a_cycle():
    arch = _script()
    assert arch.cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_arrow_points_to_a_lower_layer():
    arch = _script()
    edges = _graph()
    level = arch.layers(edges)
    assert all(level[target] < level[source]
               for source, targets in edges.items() for target in targets)


def test_doc_diagram_is_current():
    arch = _script()
    assert arch.current_block() == arch.render(_graph()), \
        "docs/architecture.md is stale: run python scripts/architecture.py --write"


def test_doc_names_every_unit():
    arch = _script()
    block = arch.current_block()
    for unit in _graph():
        assert f"`{unit}`" in block
