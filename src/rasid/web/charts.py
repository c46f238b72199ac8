"""Stacked bar charts drawn as SVG on the server: no chart library, no script.

Counts over time (events per month by quad class, a pair's events per month by type)
are the only charts the pages need, and an SVG built here shows without JavaScript,
prints, and is the same picture the JSON twin describes. Months with nothing are drawn
as gaps; a range too long for monthly bars (decades of historical dates) is drawn by
year instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

QUAD_SERIES = (("1", "verbal cooperation", "#8fcf8a"), ("2", "material cooperation", "#1b7837"),
               ("3", "verbal conflict", "#f4a582"), ("4", "material conflict", "#b2182b"))
#: PLOVER types in quad order, coloured by quad (light to dark within a quad)
TYPE_COLOURS = {
    "AGREE": "#c7e9c0", "CONSULT": "#a1d99b", "SUPPORT": "#74c476", "CONCEDE": "#41ab5d",
    "COOPERATE": "#238b45", "AID": "#006d2c", "RETREAT": "#00441b",
    "REQUEST": "#fdd0a2", "ACCUSE": "#fdae6b", "REJECT": "#fd8d3c", "THREATEN": "#f16913",
    "PROTEST": "#d94801", "SANCTION": "#cb181d", "MOBILIZE": "#a50f15", "COERCE": "#8c2d04",
    "ASSAULT": "#67000d",
}
MAX_MONTHS = 240


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    colour: str


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    result = []
    while (year, month) <= end:
        result.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def bucket(points: list[dict[str, Any]], key: str) -> tuple[list[str], dict[tuple[str, str], int]]:
    """Periods (contiguous months, or years for long ranges) and counts per
    (period, series key) from rows ``{"period": "YYYY-MM", key, "events"}``."""
    found = sorted({p["period"] for p in points if p.get("period")})
    if not found:
        return [], {}
    periods = _months(found[0], found[-1])
    by_year = len(periods) > MAX_MONTHS
    if by_year:
        periods = [str(y) for y in range(int(found[0][:4]), int(found[-1][:4]) + 1)]
    counts: dict[tuple[str, str], int] = {}
    for p in points:
        if not p.get("period"):
            continue
        period = p["period"][:4] if by_year else p["period"]
        slot = (period, str(p.get(key)))
        counts[slot] = counts.get(slot, 0) + int(p.get("events") or 0)
    return periods, counts


def stacked_bars(points: list[dict[str, Any]], key: str, series: list[Series], *,
                 label: str, width: int = 900, height: int = 220) -> Markup:
    """An SVG stacked bar chart (``<svg class="chart">``) with a legend and tooltips."""
    periods, counts = bucket(points, key)
    if not periods:
        return Markup('<p class="muted">No dated events to chart.</p>')
    left, bottom, top = 40, 28, 8
    plot_w, plot_h = width - left - 8, height - bottom - top
    totals = [sum(counts.get((p, s.key), 0) for s in series) for p in periods]
    peak = max(totals) or 1
    step = plot_w / len(periods)
    bar = min(48.0, max(1.0, step * 0.8))
    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
           f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">']
    for value in sorted({0, peak // 2, peak}):
        y = top + plot_h * (1 - value / peak)
        out.append(f'<line class="grid" x1="{left}" x2="{width - 8}" y1="{y:.1f}" '
                   f'y2="{y:.1f}"/><text class="axis" x="{left - 4}" y="{y + 4:.1f}" '
                   f'text-anchor="end">{value}</text>')
    for index, period in enumerate(periods):
        x = left + index * step + (step - bar) / 2
        y = top + plot_h
        for s in series:
            value = counts.get((period, s.key), 0)
            if not value:
                continue
            h = plot_h * value / peak
            y -= h
            out.append(f'<rect class="bar" data-period="{escape(period)}" '
                       f'data-series="{escape(s.key)}" x="{x:.1f}" y="{y:.1f}" '
                       f'width="{bar:.1f}" height="{h:.1f}" fill="{s.colour}">'
                       f"<title>{escape(period)}: {value} {escape(s.label)}</title></rect>")
    out.extend(period_labels(periods, left, step, width, height))
    out.append("</svg>")
    used = [s for s in series if any(counts.get((p, s.key)) for p in periods)]
    legend = "".join(f'<li><svg class="swatch" viewBox="0 0 10 10"><rect width="10" '
                     f'height="10" fill="{s.colour}"/></svg>{escape(s.label)}</li>'
                     for s in used)
    return Markup("".join(out) + f'<ul class="legend">{legend}</ul>')


#: the width of an axis label character in the chart's units (11px digits and dashes),
#: a little more than Chromium draws, so estimated boxes never underlap
LABEL_CHAR_WIDTH = 8.0
LABEL_GAP = 6.0
MAX_LABELS = 8


def label_indices(count: int, most: int = MAX_LABELS) -> list[int]:
    """The periods that may get a label: evenly spaced, and always the last (the month
    a reader looks for first)."""
    if count <= 0:
        return []
    spacing = max(1, -(-count // most))
    indices = list(range(0, count, spacing))
    if indices[-1] != count - 1:
        indices.append(count - 1)
    return indices


def _label_box(period: str, x: float, width: float) -> tuple[float, float, str]:
    """(left, right, anchor) of a label centred at ``x``, shifted inward where it would
    run past either edge of the drawing (a label is never clipped)."""
    size = len(period) * LABEL_CHAR_WIDTH
    if x + size / 2 > width - 2:
        return width - 2 - size, width - 2, "end"
    if x - size / 2 < 2:
        return 2, 2 + size, "start"
    return x - size / 2, x + size / 2, "middle"


def period_labels(periods: list[str], left: float, step: float, width: float,
                  height: float) -> list[str]:
    """The x-axis labels: from the last period backwards, each candidate of
    ``label_indices`` that does not touch the label after it (so the last month always
    has its label and no two labels overlap)."""
    kept: list[str] = []
    limit = float("inf")
    for index in reversed(label_indices(len(periods))):
        period = periods[index]
        x = left + index * step + step / 2
        box_left, box_right, anchor = _label_box(period, x, width)
        if box_right + LABEL_GAP > limit:
            continue
        limit = box_left
        at = {"start": box_left, "end": box_right, "middle": x}[anchor]
        kept.append(f'<text class="axis period" x="{at:.1f}" y="{height - 8}" '
                    f'text-anchor="{anchor}">{escape(period)}</text>')
    return kept[::-1]


def quad_chart(points: list[dict[str, Any]]) -> Markup:
    return stacked_bars(points, "quad", [Series(*s) for s in QUAD_SERIES],
                        label="events per month by quad class")


def type_chart(points: list[dict[str, Any]]) -> Markup:
    present = {str(p.get("type")) for p in points}
    series = [Series(t, t, c) for t, c in TYPE_COLOURS.items() if t in present]
    series += [Series(t, t, "#888888") for t in sorted(present - set(TYPE_COLOURS))]
    return stacked_bars(points, "type", series, label="events per month by type")
