"""The human-readable text report of an Analysis.

One section per layer, each shown only when it holds something, so the report grows as
later stages fill layers without this module changing shape. Every actor, recipient and
place is shown by its name, and every repair by the words it changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from rasid.analysis import Analysis
from rasid.kb.loader import KnowledgeBase, default_knowledge_base
from rasid.provenance import RepairChange

#: changes listed one by one in the report (the rest are counted)
LISTED_CHANGES = 30
#: characters a word around a change may reach on each side
WORD_REACH = 30


def words_around(text: str, start: int, end: int, reach: int = WORD_REACH) -> tuple[int, int]:
    """The span of the whole words that ``text[start:end]`` touches: a change inside a
    word, or a space put between two, is shown with the word (or both words) around
    it, so ``"" -> " "`` reads ``العاصمةالأردنية -> العاصمة الأردنية``."""
    left = start
    while left > 0 and start - left < reach and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and right - end < reach and not text[right].isspace():
        right += 1
    return left, right


def change_words(raw: str, text: str, change: RepairChange) -> tuple[str, str]:
    """The raw words around ``change`` and what repair made of them."""
    raw_left, raw_right = words_around(raw, change.raw_start, change.raw_end)
    left, right = words_around(text, change.start, change.end)
    return raw[raw_left:raw_right], text[left:right]


def _grouped(raw: str, text: str, changes: tuple[RepairChange, ...] | list[RepairChange]
             ) -> list[tuple[str, str, str, int]]:
    """``(step, raw words, new words, count)``: the changes one step made inside the same
    words (three tatweels in one word) are one line."""
    grouped: list[tuple[str, str, str, int]] = []
    spans: list[tuple[str, tuple[int, int]]] = []
    for change in changes:
        span = words_around(raw, change.raw_start, change.raw_end)
        if spans and spans[-1] == (change.step, span):
            step, _, _, count = grouped[-1]
            left, right = words_around(text, change.start, change.end)
            grouped[-1] = (step, raw[span[0] : span[1]], text[left:right], count + 1)
            continue
        before, after = change_words(raw, text, change)
        grouped.append((change.step, before, after, 1))
        spans.append((change.step, span))
    return grouped


def _visible(text: str) -> str:
    """Invisible and space characters named, so a change to one can be seen."""
    shown = []
    for char in text:
        if char in "\n\r\t" or (not char.isprintable() and char != " "):
            shown.append(f"<U+{ord(char):04X}>")
        else:
            shown.append(char)
    return "".join(shown)


def _names(entities: list[dict[str, Any]], events: list[Any],
           extra: Iterable[str | None] = (), kb: KnowledgeBase | None = None
           ) -> dict[str, str]:
    """English names of every id the events use: the document's entities first, then
    the knowledge base the document was analyzed with (a recipient the article never
    names, such as the article's country, is still an actor with a name)."""
    names = {e["id"]: e.get("en") or e.get("ar") or e["id"] for e in entities}
    wanted = {i for event in events for i in (*event.actor, *event.recipient, event.place,
                                             event.reported_by_entity) if i}
    wanted |= {f"country:{a['code']}" for event in events for a in event.arguments
               if a.get("implicit") and a.get("code")}
    wanted |= {i for i in extra if i}
    missing = wanted - set(names)
    if missing:
        kb = kb if kb is not None else default_knowledge_base()
        for entity_id in missing:
            entity = kb.get(entity_id)
            if entity is not None:
                names[entity_id] = entity.en or (entity.ar[0] if entity.ar else entity_id)
    return names


def _repair_lines(doc: Any) -> list[str]:
    """The repairs' count by step, then the first changes grouped."""
    changes = doc.repair.changes
    counts = Counter(c.step for c in changes)
    summary = ", ".join(f"{step} ×{n}" for step, n in counts.items()) or "none"
    lines = [f"repairs: {len(changes)} ({summary})"]
    grouped = _grouped(doc.repair.raw, doc.text, changes)
    for step, before, after, count in grouped[:LISTED_CHANGES]:
        times = f" (×{count})" if count > 1 else ""
        lines.append(f"  {step}: {_visible(before)} -> {_visible(after)}{times}")
    if len(grouped) > LISTED_CHANGES:
        lines.append(f"  … {len(grouped) - LISTED_CHANGES} more (rasid repair --explain "
                     "lists every change)")
    return lines


def render(analysis: Analysis, kb: KnowledgeBase | None = None) -> str:
    """The report of one document; ``kb`` (the pipeline's) names the actors the
    document itself does not."""
    doc = analysis.doc
    lines = [f"== {doc.id}" + (f"  {doc.meta.title}" if doc.meta.title else "")]
    if doc.meta.date:
        lines.append(f"date: {doc.meta.date}")
    lines.extend(_repair_lines(doc))
    topics = doc.layers.topics
    if topics:
        lines.append("topics: " + ", ".join(f"{t['label']} {t['score']:.2f}" for t in topics))
    tone = doc.summaries.get("tone")
    if tone:
        lines.append(f"tone: {_tone_line(tone)}")
    lines.append(f"sentences: {len(doc.sentences)}, tokens: {len(doc.tokens)}")
    for number, sentence in enumerate(doc.sentences, start=1):
        lines.append(f"  [{number}] {doc.text[sentence.start:sentence.end]}")
    entities = doc.layers.entities
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
    quotes = doc.layers.quotes
    if quotes:
        lines.append(f"quotations: {len(quotes)}")
        quote_names = _names(entities, [], [q.speaker_entity for q in quotes], kb)
        for quote in quotes:
            lines.append(f"  {_quote_line(quote, quote_names)}")
    events = doc.layers.events
    if events:
        names = _names(entities, events, kb=kb)
        speakers = {q.id: q.speaker.of(q.text) for q in quotes if q.speaker}
        lines.append(f"events: {len(events)}")
        for event in events:
            lines.append(f"  {_event_line(event, names, speakers)}")
    places = doc.layers.geo
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

def _quote_line(quote: Any, names: dict[str, str]) -> str:
    """speaker (their name) — cue (kind, how found) — the first words of the content."""
    speaker = quote.speaker.of(quote.text) if quote.speaker else "?"
    if quote.speaker_entity:
        speaker = f"{speaker} ({names.get(quote.speaker_entity, quote.speaker_entity)})"
    words = quote.content.of(quote.text).split()[:8]
    return (f"{speaker} — {quote.cue.of(quote.text)} ({quote.kind}, "
            f"{quote.found_by}) — {' '.join(words)}…")


def _participants(event: Any, role: str, names: dict[str, str]) -> str:
    """The named participants of ``role``, else the implicit one the article's country
    stands for (``(Egypt, from the article)``), else ``—``."""
    ids = event.actor if role == "actor" else event.recipient
    if ids:
        return " + ".join(names.get(i, i) for i in ids)
    implicit = [a for a in event.arguments if a.get("implicit") and a.get("role") == role]
    if implicit:
        code = implicit[0].get("code") or "?"
        return f"({names.get(f'country:{code}', code)}, from the article)"
    return "—"


def _event_line(event: Any, names: dict[str, str], speakers: dict[str, str]) -> str:
    """actor → TYPE(mode) → recipient, modality, date, and the evidence words."""
    actor = _participants(event, "actor", names)
    recipient = _participants(event, "recipient", names)
    mode = f"({event.mode})" if event.mode else ""
    reporter = names.get(event.reported_by_entity or "") or \
        speakers.get(event.reported_by or "") or event.reported_by
    if reporter == event.reported_by:  # a quotation whose speaker is not written
        reporter = f"the quotation {reporter}"
    reported = f", reported by {reporter}" if event.reported_by else ""
    place = f", at {names.get(event.place, event.place)}" if event.place else ""
    words = event.trigger.of(event.text)
    status = "" if event.status == "current" else f"{event.status}, "
    return (f"{actor} → {event.type}{mode} → {recipient}  [{status}{event.modality}{reported}; "
            f"{event.date or 'no date'}{place}]  «{words}»")
