"""The human-readable text report of an Analysis.

One section per layer, each shown only when it holds something, so the report grows as
later stages fill layers without this module changing shape.
"""

from __future__ import annotations

from collections import Counter

from rasid.analysis import Analysis


def _context(text: str, start: int, end: int, width: int = 12) -> str:
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return f"…{left}[{text[start:end]}]{right}…".replace("\n", " ")


def render(analysis: Analysis) -> str:
    doc = analysis.doc
    lines = [f"== {doc.id}" + (f"  {doc.meta.title}" if doc.meta.title else "")]
    if doc.meta.date:
        lines.append(f"date: {doc.meta.date}")
    changes = doc.repair.changes
    counts = Counter(c.step for c in changes)
    summary = ", ".join(f"{step} ×{n}" for step, n in counts.items()) or "none"
    lines.append(f"repairs: {len(changes)} ({summary})")
    for change in changes:
        if change.step == "glued_words":
            raw_start, raw_end = change.raw_start, change.raw_end
            lines.append(f"  {change.step}: {_context(doc.repair.raw, raw_start, raw_end, 10)}"
                         f" -> {_context(doc.text, change.start, change.end, 10)}")
    lines.append(f"sentences: {len(doc.sentences)}, tokens: {len(doc.tokens)}")
    for number, sentence in enumerate(doc.sentences, start=1):
        lines.append(f"  [{number}] {doc.text[sentence.start:sentence.end]}")
    for layer in ("mentions", "entities", "quotes", "events"):
        items = doc.layers[layer]
        if items:
            lines.append(f"{layer}: {len(items)}")
            for item in items:
                lines.append(f"  {item.summary() if hasattr(item, 'summary') else item}")
    return "\n".join(lines)
