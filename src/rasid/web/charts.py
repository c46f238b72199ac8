"""Bar charts drawn as SVG on the server: no chart library, no script.

Counts over time (events per month by quad class, a pair's events per month by type,
the people killed and injured per month) are the only charts the pages need, and an
SVG built here shows without JavaScript, prints, and is the same picture the JSON twin
describes. Months with nothing are drawn as gaps; a range too long for monthly bars
(decades of historical dates) is drawn by year instead.
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
#: the margins of a chart's plot inside its drawing (the y-axis values on the left, the
#: period labels below)
LEFT, BOTTOM, TOP = 40, 28, 8


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


def bucket(points: list[dict[str, Any]], key: str, *, value: str = "events",
           span: tuple[str, str] | None = None
           ) -> tuple[list[str], dict[tuple[str, str], int]]:
    """Periods (contiguous months, or years for long ranges) and counts per
    (period, series key) from rows ``{"period": "YYYY-MM", key, value}``; ``span``
    (first and last month) widens the range, so that two charts line up."""
    found = sorted({p["period"] for p in points if p.get("period")})
    if not found:
        return [], {}
    if span is not None:
        found = sorted({*found, *span})
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
        counts[slot] = counts.get(slot, 0) + int(p.get(value) or 0)
    return periods, counts


def stacked_bars(points: list[dict[str, Any]], key: str, series: list[Series], *,
                 label: str, width: int = 900, height: int = 220) -> Markup:
    """An SVG stacked bar chart (``<svg class="chart">``) with a legend and tooltips."""
    periods, counts = bucket(points, key)
    if not periods:
        return Markup('<p class="muted">No dated events to chart.</p>')
    totals = [sum(counts.get((p, s.key), 0) for s in series) for p in periods]
    peak = max(totals) or 1
    out, step, bar = _frame(len(periods), peak, label, width, height)
    plot_h = height - BOTTOM - TOP
    for index, period in enumerate(periods):
        x = LEFT + index * step + (step - bar) / 2
        y = TOP + plot_h
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
    out.extend(period_labels(periods, LEFT, step, width, height))
    out.append("</svg>")
    return Markup("".join(out) + _legend(series, periods, counts))


def _frame(count: int, peak: int, label: str, width: int, height: int
           ) -> tuple[list[str], float, float]:
    """The opening of a bar chart of ``count`` periods up to ``peak``: the ``<svg>``
    tag and the grid with its values; with the width of a period and of its bars."""
    plot_w, plot_h = width - LEFT - 8, height - BOTTOM - TOP
    step = plot_w / count
    bar = min(48.0, max(1.0, step * 0.8))
    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
           f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">']
    for value in sorted({0, peak // 2, peak}):
        y = TOP + plot_h * (1 - value / peak)
        out.append(f'<line class="grid" x1="{LEFT}" x2="{width - 8}" y1="{y:.1f}" '
                   f'y2="{y:.1f}"/><text class="axis" x="{LEFT - 4}" y="{y + 4:.1f}" '
                   f'text-anchor="end">{value}</text>')
    return out, step, bar


def _legend(series: list[Series], periods: list[str],
            counts: dict[tuple[str, str], int]) -> str:
    """The legend: the series that have a value in the chart."""
    used = [s for s in series if any(counts.get((p, s.key)) for p in periods)]
    items = "".join(f'<li><svg class="swatch" viewBox="0 0 10 10"><rect width="10" '
                    f'height="10" fill="{s.colour}"/></svg>{escape(s.label)}</li>'
                    for s in used)
    return f'<ul class="legend">{items}</ul>'


def grouped_bars(points: list[dict[str, Any]], series: list[Series], *, label: str,
                 span: tuple[str, str] | None = None, empty: str = "Nothing to chart.",
                 width: int = 900, height: int = 180) -> Markup:
    """An SVG chart (``<svg class="chart">``) with the series side by side in each
    period, from rows ``{"period": "YYYY-MM", <series key>: n, "<key>_approx": bool}``:
    quantities that do not add up (the killed and the injured are different people
    counted differently) are compared, not stacked. A value with ``<key>_approx`` set
    (a toll stated as «نحو» or «أكثر من» a number) says "about" in its tooltip."""
    flat = [{"period": p.get("period"), "series": s.key, "value": p.get(s.key) or 0}
            for p in points for s in series]
    periods, counts = bucket(flat, "series", value="value", span=span)
    if not periods or not any(counts.values()):
        return Markup(f'<p class="muted">{escape(empty)}</p>')
    by_year = bool(periods) and len(periods[0]) == 4
    approx = {(p["period"][:4] if by_year else p["period"], s.key)
              for p in points if p.get("period") for s in series if p.get(f"{s.key}_approx")}
    peak = max(counts.values()) or 1
    out, step, bar = _frame(len(periods), peak, label, width, height)
    plot_h = height - BOTTOM - TOP
    each = bar / len(series)
    for index, period in enumerate(periods):
        x = LEFT + index * step + (step - bar) / 2
        for k, s in enumerate(series):
            value = counts.get((period, s.key), 0)
            if not value:
                continue
            h = plot_h * value / peak
            stated = f"about {value}" if (period, s.key) in approx else str(value)
            out.append(f'<rect class="bar" data-period="{escape(period)}" '
                       f'data-series="{escape(s.key)}" data-value="{value}" '
                       f'x="{x + k * each:.1f}" y="{TOP + plot_h - h:.1f}" '
                       f'width="{max(each - 1, 1):.1f}" height="{h:.1f}" fill="{s.colour}">'
                       f"<title>{escape(period)}: {stated} {escape(s.label)}</title></rect>")
    out.extend(period_labels(periods, LEFT, step, width, height))
    out.append("</svg>")
    return Markup("".join(out) + _legend(series, periods, counts))


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


#: the tolls the overview charts per month, in the order drawn
TOLL_SERIES = (("killed", "killed", "#67000d"), ("injured", "injured", "#f4a582"))


def toll_chart(points: list[dict[str, Any]], span: tuple[str, str] | None = None) -> Markup:
    """Killed and injured per month, side by side (``span``: the months of the events
    chart above it, so that the two line up)."""
    return grouped_bars(points, [Series(*s) for s in TOLL_SERIES],
                        label="people killed and injured per month", span=span,
                        empty="No toll stated in these events.")


def type_chart(points: list[dict[str, Any]]) -> Markup:
    present = {str(p.get("type")) for p in points}
    series = [Series(t, t, c) for t, c in TYPE_COLOURS.items() if t in present]
    series += [Series(t, t, "#888888") for t in sorted(present - set(TYPE_COLOURS))]
    return stacked_bars(points, "type", series, label="events per month by type")
