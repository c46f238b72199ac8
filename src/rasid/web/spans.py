"""The article text as HTML with mentions, quotations and event triggers highlighted.

Layers overlap: a quotation holds mentions, a speaker is a mention, a trigger may sit
inside a name. HTML needs properly nested elements, so spans are placed outer to
inner in a fixed order (mentions first, then quotations, speakers and cues, then
triggers) and a span that crosses one placed before it is cut into parts there. That
order keeps every mention whole, one element whose text is exactly the mention's text,
which is what a reader hovers and what the tests check. Every piece of text and every
attribute goes through escaping; nothing from an article reaches the page raw.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

#: placing order: lower is placed first (and so is never cut by a later kind)
RANK = {"mention": 0, "quote": 1, "speaker": 2, "cue": 2, "trigger": 3}

QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
         4: "material conflict"}


@dataclass
class Span:
    start: int
    end: int
    kind: str
    attrs: dict[str, str]
    part: bool = False
    children: list[Span] = field(default_factory=list)

    def piece(self, start: int, end: int) -> Span:
        return Span(start, end, self.kind, self.attrs, True)


def _within(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _insert(node: Span, span: Span) -> None:
    for child in node.children:
        if _within(span, child):
            _insert(child, span)
            return
    crossing = [c for c in node.children if c.start < span.end and span.start < c.end
                and not _within(c, span)]
    cuts = sorted({b for c in crossing for b in (c.start, c.end) if span.start < b < span.end})
    if cuts:
        for start, end in pairwise([span.start, *cuts, span.end]):
            _insert(node, span.piece(start, end))
        return
    span.children = [c for c in node.children if _within(c, span)]
    node.children = sorted([c for c in node.children if not _within(c, span)] + [span],
                           key=lambda c: (c.start, c.end))


def nest(text: str, spans: list[Span]) -> Span:
    """A tree of spans over ``text`` (the root covers it all); empty and out-of-range
    spans are dropped."""
    root = Span(0, len(text), "root", {})
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    for span in sorted(valid, key=lambda s: (RANK.get(s.kind, 9), s.start, -s.end)):
        _insert(root, span)
    return root


def _render(text: str, node: Span) -> str:
    out: list[str] = []
    position = node.start
    for child in node.children:
        out.append(str(escape(text[position:child.start])))
        attrs = "".join(f' {name}="{escape(value)}"' for name, value in child.attrs.items())
        part = ' data-part="1"' if child.part else ""
        out.append(f'<span class="hl hl-{child.kind}"{attrs}{part}>'
                   f"{_render(text, child)}</span>")
        position = child.end
    out.append(str(escape(text[position:node.end])))
    return "".join(out)


def render(text: str, spans: list[Span]) -> Markup:
    """``text`` as HTML with ``spans`` as nested ``<span class="hl hl-KIND">``."""
    return Markup(_render(text, nest(text, spans)))


def _name(entities: dict[str, dict[str, Any]], entity_id: str | None) -> str:
    if not entity_id:
        return "?"
    entity = entities.get(entity_id) or {}
    return str(entity.get("en") or entity.get("ar") or entity_id)


def _mention(item: dict[str, Any], entities: dict[str, dict[str, Any]]) -> Span:
    entity_id = item.get("entity")
    entity = entities.get(entity_id or "") or {}
    linked = (f"{entity.get('en') or entity.get('ar') or entity_id} ({entity_id})"
              if entity_id else "not linked to an entity")
    code = entity.get("code")
    title = (f"{item.get('text', '')} — {linked}; {item.get('label')}"
             + (f"; code {code}" if code else "")
             + f"; found by {item.get('source')}")
    attrs = {"data-id": str(item.get("id")), "data-label": str(item.get("label") or ""),
             "data-entity": str(entity_id or ""), "data-en": str(entity.get("en") or ""),
             "data-code": str(code or ""), "title": title}
    return Span(int(item["start"]), int(item["end"]), "mention", attrs)


def _trigger(item: dict[str, Any], entities: dict[str, dict[str, Any]]) -> Span | None:
    trigger = item.get("trigger") or {}
    if not isinstance(trigger.get("start"), int) or not isinstance(trigger.get("end"), int):
        return None
    actors = ", ".join(_name(entities, e) for e in item.get("actor") or []) or "?"
    recipients = ", ".join(_name(entities, e) for e in item.get("recipient") or []) or "?"
    kind = item.get("type") or "?"
    if item.get("mode"):
        kind += f"/{item['mode']}"
    score = item.get("score")
    score_text = f"; score {score:+g}" if isinstance(score, int | float) else ""
    quad = QUADS.get(int(item["quad"])) if str(item.get("quad")) in {"1", "2", "3", "4"} else None
    title = (f"{kind}: {actors} → {recipients}; {item.get('modality')}"
             + (f"; {quad}" if quad else "") + score_text
             + (f"; date {item['date']}" if item.get("date") else ""))
    attrs = {"data-id": str(item.get("id")), "data-type": str(item.get("type") or ""),
             "data-quad": str(item.get("quad") or ""),
             "data-actor": actors, "data-recipient": recipients, "title": title}
    return Span(trigger["start"], trigger["end"], "trigger", attrs)


def _quote(item: dict[str, Any], entities: dict[str, dict[str, Any]]) -> list[Span]:
    result = []
    speaker = item.get("speaker") or {}
    who = speaker.get("text") or "?"
    if speaker.get("entity"):
        who += f" ({_name(entities, speaker['entity'])})"
    quote_id = str(item.get("id"))
    content = item.get("content") or {}
    if isinstance(content.get("start"), int) and isinstance(content.get("end"), int):
        title = f"quotation {quote_id} ({item.get('kind')}) by {who}"
        result.append(Span(content["start"], content["end"], "quote",
                           {"data-id": quote_id, "data-kind": str(item.get("kind") or ""),
                            "title": title}))
    for key, kind in (("speaker", "speaker"), ("cue", "cue")):
        part = item.get(key) or {}
        if isinstance(part.get("start"), int) and isinstance(part.get("end"), int):
            title = (f"speaker of {quote_id}: {who}" if kind == "speaker"
                     else f"cue of {quote_id}: {part.get('text', '')}")
            result.append(Span(part["start"], part["end"], kind,
                               {"data-quote": quote_id, "title": title}))
    return result


def article_spans(article: dict[str, Any]) -> list[Span]:
    """The highlight spans of an Analysis-shaped article."""
    entities = {str(e.get("id")): e for e in article.get("entities") or []}
    spans: list[Span] = []
    for item in article.get("mentions") or []:
        if isinstance(item.get("start"), int) and isinstance(item.get("end"), int):
            spans.append(_mention(item, entities))
    for item in article.get("quotes") or []:
        spans.extend(_quote(item, entities))
    for item in article.get("events") or []:
        span = _trigger(item, entities)
        if span is not None:
            spans.append(span)
    return spans


def highlighted(article: dict[str, Any]) -> Markup:
    """The article's text as highlighted HTML."""
    return render(article.get("text") or "", article_spans(article))
