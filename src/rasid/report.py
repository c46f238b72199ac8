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
    topics = doc.layers.get("topics") or []
    if topics:
        lines.append("topics: " + ", ".join(f"{t['label']} {t['score']:.2f}" for t in topics))
    tone = doc.summaries.get("tone")
    if tone:
        lines.append(f"tone: {_tone_line(tone)}")
    lines.append(f"sentences: {len(doc.sentences)}, tokens: {len(doc.tokens)}")
    for number, sentence in enumerate(doc.sentences, start=1):
        lines.append(f"  [{number}] {doc.text[sentence.start:sentence.end]}")
    entities = doc.layers["entities"]
    if entities:
        lines.append(f"actors: {len(entities)}")
        for entity in entities:
            code = entity.get("code") or entity.get("country") or ""
            sector = entity.get("sector") or ""
            role = entity.get("role") or {}
            office = f", {role.get('title') or role.get('office')}" if role else ""
            lines.append(f"  {entity['en']} / {entity.get('ar') or ''} [{entity['kind']}"
                         f"{', ' + code if code else ''}{' ' + sector if sector else ''}"
                         f"{office}] ×{len(entity.get('mentions', []))}")
    quotes = doc.layers["quotes"]
    if quotes:
        lines.append(f"quotations: {len(quotes)}")
        for quote in quotes:
            lines.append(f"  {quote.summary()}")
    events = doc.layers["events"]
    if events:
        names = {e["id"]: e["en"] for e in entities}
        lines.append(f"events: {len(events)}")
        for event in events:
            lines.append(f"  {_event_line(event, names)}")
    places = doc.layers.get("geo") or []
    if places:
        lines.append(f"places of events: {len(places)}")
        for item in places:
            where = ", ".join(x for x in (item.get("name"), item.get("admin1_name"),
                                          item.get("country")) if x)
            point = (f" ({item['lat']:.2f}, {item['lon']:.2f})"
                     if item.get("lat") is not None else "")
            lines.append(f"  {item['event']}: {where}{point}")
    return "\n".join(lines)


def _tone_line(tone: dict) -> str:
    """Events' mean Goldstein score and conflict share, and the words' tone."""
    events = tone.get("events") or {}
    lexical = tone.get("lexical") or {}
    parts = []
    if events.get("events"):
        parts.append(f"events {events['goldstein_mean']:+.2f} (conflict "
                     f"{100 * events['conflict_share']:.0f}% of {events['events']})")
    if lexical.get("words"):
        parts.append(f"words {lexical['tone']:+.2f} (positive {lexical['positive']:.2f}%, "
                     f"negative {lexical['negative']:.2f}%)")
    return "; ".join(parts) or "none"


def _event_line(event, names: dict[str, str]) -> str:
    """actor → TYPE(mode) → recipient, modality, date, and the evidence words."""
    actor = " + ".join(names.get(a, a) for a in event.actor) or "—"
    recipient = " + ".join(names.get(r, r) for r in event.recipient) or "—"
    mode = f"({event.mode})" if event.mode else ""
    reported = f", reported by {names.get(event.reported_by_entity or '', event.reported_by)}" \
        if event.reported_by else ""
    place = f", at {names.get(event.place, event.place)}" if event.place else ""
    words = event.text[event.trigger[0] : event.trigger[1]]
    status = "" if event.status == "current" else f"{event.status}, "
    implicit = [a["code"] for a in event.arguments if a.get("implicit")]
    if implicit and actor == "—":
        actor = f"({implicit[0]}, from the article)"
    return (f"{actor} → {event.type}{mode} → {recipient}  [{status}{event.modality}{reported}; "
            f"{event.date or 'no date'}{place}]  «{words}»")
