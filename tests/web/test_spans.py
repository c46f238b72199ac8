"""The article text as nested highlight spans (no server needed)."""

from __future__ import annotations

import re

from rasid.web.spans import Span, article_spans, highlighted, nest, render


def spans_of(html: str, kind: str) -> list[str]:
    return re.findall(rf'<span class="hl hl-{kind}"[^>]*>(.*?)</span>', html)


def test_nesting_keeps_mentions_whole_and_cuts_what_crosses_them() -> None:
    text = "abcdefghij"
    mention = Span(2, 6, "mention", {"data-id": "m1"})
    crossing_quote = Span(4, 9, "quote", {"data-id": "q1"})
    trigger_inside = Span(3, 5, "trigger", {"data-id": "e1"})
    root = nest(text, [crossing_quote, trigger_inside, mention])
    html = str(render(text, [crossing_quote, trigger_inside, mention]))
    assert re.sub(r"<[^>]+>", "", html) == text
    top = [(c.kind, c.start, c.end, c.part) for c in root.children]
    assert ("mention", 2, 6, False) in top
    assert ("quote", 6, 9, True) in top
    mention_node = next(c for c in root.children if c.kind == "mention")
    inside = [(c.kind, c.start, c.end, c.part) for c in mention_node.children]
    assert inside == [("trigger", 3, 4, True), ("quote", 4, 6, True)]
    assert [(c.kind, c.start, c.end) for c in mention_node.children[1].children] == [
        ("trigger", 4, 5)]


def test_equal_and_nested_spans_render_as_nested_elements() -> None:
    text = "قال الوزير إن روسيا وصلت"
    spans = [Span(0, 24, "quote", {}), Span(14, 19, "mention", {"data-id": "m1"}),
             Span(14, 19, "speaker", {})]
    html = str(render(text, spans))
    assert spans_of(html, "mention") == ["<span class=\"hl hl-speaker\">روسيا"]
    assert re.sub(r"<[^>]+>", "", html) == text


def test_text_and_attributes_are_escaped() -> None:
    text = "<script>alert(1)</script> روسيا"
    html = str(render(text, [Span(26, 31, "mention", {"title": '"><img src=x onerror=1>'})]))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html


def test_bad_spans_are_dropped() -> None:
    text = "روسيا"
    html = str(render(text, [Span(3, 3, "mention", {}), Span(-1, 2, "mention", {}),
                             Span(2, 99, "trigger", {})]))
    assert html == text


def test_article_spans_carry_hover_details() -> None:
    article = {
        "text": "زار بوتين القاهرة.",
        "mentions": [{"id": "m1", "start": 4, "end": 9, "text": "بوتين", "label": "PERS",
                      "entity": "person:vladimir-putin", "source": "gazetteer"}],
        "entities": [{"id": "person:vladimir-putin", "en": "Vladimir Putin", "code": "RUS"}],
        "quotes": [],
        "events": [{"id": "e1", "type": "CONSULT", "mode": "visit", "quad": 1, "score": 4.0,
                    "actor": ["person:vladimir-putin"], "recipient": [],
                    "modality": "asserted", "trigger": {"text": "زار", "start": 0, "end": 3}}],
    }
    kinds = {s.kind: s for s in article_spans(article)}
    assert "Vladimir Putin" in kinds["mention"].attrs["title"]
    assert "RUS" in kinds["mention"].attrs["title"]
    assert kinds["trigger"].attrs["title"].startswith("CONSULT/visit: Vladimir Putin → ?")
    html = str(highlighted(article))
    assert 'data-entity="person:vladimir-putin"' in html
    assert re.sub(r"<[^>]+>", "", html) == article["text"]
