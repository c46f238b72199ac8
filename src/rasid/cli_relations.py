"""How ``rasid relations`` prints dyads: a table that fits a terminal, with names.

The query (``rasid.store.queries.relations``) returns one row per period, actor,
recipient and evidence class with entity ids and a list of the events that weigh most.
Printed as it is, that table was almost 300 characters wide, showed ids and cut the
event list in the middle of an article hash. Here each row shows the actors' names
(English, else Arabic) in columns sized to the terminal (at most 120 characters), and
the events that weigh most follow on their own lines under the row, each with its
full ``article/event`` id, so a user can open it (``/articles/<id>`` in the
dashboard). CSV and JSON keep every column and add the names in both scripts.
"""

from __future__ import annotations

import shutil
from typing import Any

import pandas as pd

from rasid.store.names import ActorName

#: the widest table printed, whatever the terminal's width
MAX_WIDTH = 120
MIN_WIDTH = 100
QUADS = ("1", "2", "3", "4")
LEGEND = ("q1–q4: events per quad class (1 verbal cooperation, 2 material cooperation, "
          "3 verbal conflict, 4 material conflict); score: sum of the event scores, mean: "
          "their mean")
LEGEND_TOP = ("; below each row, the events that weigh most (article/event type score "
              "«trigger»)")


def table_width() -> int:
    """The terminal's width, between MIN_WIDTH and MAX_WIDTH (MAX_WIDTH when unknown)."""
    columns = shutil.get_terminal_size((MAX_WIDTH, 24)).columns
    return max(MIN_WIDTH, min(columns, MAX_WIDTH))


def _items(events: Any) -> list[dict[str, Any]]:
    if events is None:
        return []
    if hasattr(events, "tolist"):
        events = events.tolist()
    return [dict(item) for item in events]


def evidence_text(events: Any) -> str:
    """The top events as one string: ``article/event TYPE score «trigger»; …``."""
    return "; ".join(_event_text(item) for item in _items(events))


def _event_text(item: dict[str, Any]) -> str:
    score = item.get("score")
    score_text = "" if score is None or pd.isna(score) else f" {score:+g}"
    return (f"{item.get('article')}/{item.get('event')} {item.get('type')}{score_text} "
            f"«{item.get('trigger') or ''}»")


def _fit(text: str, width: int) -> str:
    """``text`` in ``width`` characters: shortened at a word boundary, with an ellipsis."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut[width // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "…"


def _period(value: Any, by: str) -> str:
    if value is None or pd.isna(value):
        return ""
    text = pd.Timestamp(value).date().isoformat()
    return {"month": text[:7], "year": text[:4]}.get(by, text)


def _number(value: Any, digits: int = 1) -> str:
    if value is None or pd.isna(value):
        return "–"
    return f"{float(value):.{digits}f}"


def render_table(frame: pd.DataFrame, names: dict[str, ActorName], by: str,
                 width: int | None = None) -> str:
    """The relations as a text table at most ``width`` characters wide."""
    width = width or table_width()
    rows: list[dict[str, Any]] = []
    for record in frame.to_dict("records"):
        rows.append({
            "period": _period(record.get("period"), by),
            "actor": names[record["actor"]].label if record["actor"] in names
            else str(record["actor"]),
            "recipient": names[record["recipient"]].label if record["recipient"] in names
            else str(record["recipient"]),
            "evidence": str(record["evidence"]),
            "events": str(int(record["events"])),
            "articles": str(int(record["articles"])),
            **{f"q{q}": str(int(record.get(f"quad_{q}", 0) or 0)) for q in QUADS},
            "score": _number(record.get("score_sum")),
            "mean": _number(record.get("score_mean")),
            "top": _items(record.get("top_events")),
        })
    fixed = ["evidence", "events", "articles", *(f"q{q}" for q in QUADS), "score", "mean"]
    if by != "all":
        fixed.insert(0, "period")
    widths = {c: max([len(c), *(len(r[c]) for r in rows)]) for c in fixed}
    order = [c for c in ("period",) if c in fixed] + ["actor", "recipient"] + \
        [c for c in fixed if c != "period"]
    quads = {f"q{q}" for q in QUADS}
    # two spaces between columns, one between the narrow quad counts
    separators = [" " if c in quads and c != "q1" else "  " for c in order[1:]]
    room = width - sum(widths.values()) - sum(len(s) for s in separators)
    actor, recipient = (max([len(c), *(len(r[c]) for r in rows)])
                        for c in ("actor", "recipient"))
    if actor + recipient > room:  # share the room, a short column keeping its width
        half = max(room // 2, 10)
        if actor <= half:
            recipient = max(room - actor, 10)
        elif recipient <= half:
            actor = max(room - recipient, 10)
        else:
            actor, recipient = half, max(room - half, 10)
    widths.update(actor=actor, recipient=recipient)
    right = {"events", "articles", *quads, "score", "mean"}

    def line(values: dict[str, str]) -> str:
        cells = [(_fit(values[c], widths[c]).rjust(widths[c]) if c in right
                  else _fit(values[c], widths[c]).ljust(widths[c])) for c in order]
        text = cells[0] + "".join(sep + cell for sep, cell in zip(separators, cells[1:],
                                                                    strict=True))
        return text.rstrip()

    lines = [line({c: c for c in order})]
    for row in rows:
        lines.append(line(row))
        for item in row["top"]:
            lines.append(_fit(f"    · {_event_text(item)}", width))
    lines.append("")
    shows_top = any(row["top"] for row in rows)
    lines.extend(_wrap(LEGEND + (LEGEND_TOP if shows_top else ""), width))
    return "\n".join(lines)


def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width)


def with_names(frame: pd.DataFrame, names: dict[str, ActorName]) -> pd.DataFrame:
    """``frame`` with ``actor_en``, ``actor_ar``, ``recipient_en``, ``recipient_ar``
    after the id columns (for CSV and JSON)."""
    result = frame.copy()
    for role in ("actor", "recipient"):
        position = result.columns.get_loc(role) + 1
        for offset, script in enumerate(("en", "ar")):
            values = [getattr(names.get(v), script, None) if v in names else None
                      for v in frame[role]]
            result.insert(position + offset, f"{role}_{script}", values)
    return result
