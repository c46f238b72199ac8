"""Print (or check) the layer diagram of rasid's packages, from the imports themselves.

``python scripts/architecture.py`` prints the Markdown block that ``docs/architecture.md``
holds between its ``<!-- layers -->`` markers; ``--write`` replaces that block. The
graph is read from the source with ``ast`` (every ``import rasid.X`` and ``from rasid.X
import``, at module level or inside functions), one node per top-level module or
subpackage of ``rasid``; the ``cli*`` modules are one node. A unit's layer is one more
than the highest layer it imports, so every arrow points down the table.
``tests/test_architecture.py`` fails when the block is stale or when two units import
each other through any path.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "rasid"
DOC = ROOT / "docs" / "architecture.md"
BEGIN, END = "<!-- layers -->", "<!-- /layers -->"
#: modules every layer may use; drawn in the table, left out of the arrows
FOUNDATION = ("errors", "resources", "_version", "settings")


def unit(path: Path) -> str:
    """The node a source file belongs to."""
    rel = path.relative_to(PACKAGE)
    name = rel.parts[0] if len(rel.parts) > 1 else rel.stem
    return "cli" if name.startswith("cli") or name == "__main__" else name


def imported_units(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
            if node.module == "rasid":
                modules = [f"rasid.{alias.name}" for alias in node.names]
        else:
            continue
        for module in modules:
            parts = module.split(".")
            if parts[0] == "rasid" and len(parts) > 1:
                name = parts[1]
                found.add("cli" if name.startswith("cli") or name == "__main__" else name)
    return found


def graph() -> dict[str, set[str]]:
    """Unit → the units it imports (itself and the package's ``__init__`` left out)."""
    edges: dict[str, set[str]] = defaultdict(set)
    for path in sorted(PACKAGE.rglob("*.py")):
        source = unit(path)
        if source == "__init__":
            continue
        edges[source] |= imported_units(path) - {source, "__init__"}
    return dict(edges)


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Groups of units that import each other through some path (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    sys.setrecursionlimit(10_000)
    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def layers(edges: dict[str, set[str]]) -> dict[str, int]:
    memo: dict[str, int] = {}

    def layer(node: str) -> int:
        if node not in memo:
            memo[node] = 0
            memo[node] = 1 + max((layer(d) for d in edges.get(node, ())), default=-1)
        return memo[node]

    for node in edges:
        layer(node)
    return memo


def render(edges: dict[str, set[str]]) -> str:
    level = layers(edges)
    by_level: dict[int, list[str]] = defaultdict(list)
    for node, value in level.items():
        by_level[value].append(node)
    lines = [BEGIN, "", "| layer | units (each imports only units of lower layers) |", "|---:|---|"]
    for value in sorted(by_level, reverse=True):
        lines.append(f"| {value} | {', '.join(f'`{n}`' for n in sorted(by_level[value]))} |")
    lines += ["", "```mermaid", "flowchart TD"]
    for node in sorted(edges):
        for target in sorted(edges[node]):
            if target not in FOUNDATION:
                lines.append(f"    {node} --> {target}")
    lines += ["```", "", f"Left out of the arrows (used by every layer): "
              f"{', '.join(f'`{n}`' for n in FOUNDATION)}.", "", END]
    return "\n".join(lines)


def current_block() -> str:
    text = DOC.read_text(encoding="utf-8")
    return text[text.index(BEGIN) : text.index(END) + len(END)]


def main(argv: list[str]) -> int:
    edges = graph()
    block = render(edges)
    if "--write" in argv:
        text = DOC.read_text(encoding="utf-8")
        DOC.write_text(text.replace(current_block(), block), encoding="utf-8")
    else:
        print(block)
    for group in cycles(edges):
        print("import cycle: " + " ↔ ".join(group), file=sys.stderr)
    return 1 if cycles(edges) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
