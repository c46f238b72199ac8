"""Position lookups that keep entity, quotation and event steps linear in a document's
length: each must answer exactly as the scan over every mention or quotation did."""

from __future__ import annotations

import random

from rasid.doc import Sentence
from rasid.entities.recognize import _State
from rasid.events.lookup import QuoteSpans, any_start_within, mentions_by_sentence
from rasid.layers.mention import Mention
from rasid.layers.quote import Quote
from rasid.quotes.extract import _Mentions
from rasid.span import Span


def _mention(start: int, end: int, label: str = "GPE", first: int = 0, last: int = 0,
             members: tuple[str, ...] = ()) -> Mention:
    return Mention(Span(start, end), "س" * (end - start), label, None, "gazetteer", 0.9,
                   Span(first, last + 1), members=members)


def _random_mentions(rng: random.Random, count: int, ordered: bool) -> list[Mention]:
    mentions = []
    for _ in range(count):
        start = rng.randint(0, 200)
        mentions.append(_mention(start, start + rng.randint(1, 12),
                                 rng.choice(["GPE", "PERS", "ORG", "LOC"])))
    if ordered:
        mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions


def test_mentions_by_sentence_keep_every_mention_a_scan_would_see() -> None:
    rng = random.Random(3)
    sentences = [Sentence(Span(0, 40), Span(0, 5)), Sentence(Span(41, 90), Span(5, 9)),
                 Sentence(Span(91, 230), Span(9, 20))]
    for ordered in (True, False):
        mentions = _random_mentions(rng, 60, ordered)
        buckets = mentions_by_sentence(mentions, sentences)
        for sentence, bucket in zip(sentences, buckets, strict=True):
            assert bucket == [m for m in mentions if sentence.start <= m.start <= sentence.end]


def test_any_start_within_is_a_range_test() -> None:
    values = [3, 8, 8, 20]
    assert any_start_within(values, 8, 9)
    assert not any_start_within(values, 9, 20)
    assert any_start_within(values, 0, 4)
    assert not any_start_within(values, 21, 100)
    assert not any_start_within([], 0, 10)


def test_quote_spans_find_the_first_quotation_holding_a_span() -> None:
    rng = random.Random(5)
    quotes = []
    for _ in range(40):
        start = rng.randint(0, 300)
        quotes.append(Quote(cue=Span(start, start + 3),
                            content=Span(start, start + rng.randint(1, 60)), kind="reported",
                            found_by="named"))
    spans = QuoteSpans(quotes)
    for _ in range(500):
        start = rng.randint(0, 360)
        end = start + rng.randint(0, 10)
        expected = next((q for q in quotes if q.content.contains(Span(start, end))),
                        None)
        assert spans.containing(start, end) is expected
    assert QuoteSpans([]).containing(0, 5) is None


def test_quote_mentions_by_position_and_id() -> None:
    rng = random.Random(9)
    for ordered in (True, False):
        mentions = _random_mentions(rng, 50, ordered)
        for number, mention in enumerate(mentions):
            mention.id = f"m{number % 45}"
        index = _Mentions(mentions)
        for low in range(0, 220, 7):
            high = low + rng.randint(0, 30)
            assert index.starting_in(low, high) == [m for m in mentions
                                                    if low <= m.start < high]
        assert index.with_id("m3") == [m for m in mentions if m.id == "m3"]
        assert index.with_id("nothing") == []


class _Doc:
    text = "س" * 300


def test_entity_state_removes_as_a_list_would_and_keeps_coverage() -> None:
    rng = random.Random(11)
    tokens = [object()] * 40
    state = _State(_Doc(), tokens, [0] * 40, None)  # type: ignore[arg-type]
    reference: list[Mention] = []
    for _ in range(80):
        first = rng.randint(0, 35)
        last = first + rng.randint(0, 3)
        mention = _mention(first * 5, last * 5 + 4, rng.choice(["GPE", "PERS"]), first, last)
        state.add(mention)
        reference.append(mention)
    # equal twins: list.remove takes the first equal one, and so must the state
    twin = _mention(reference[0].start, reference[0].end, reference[0].label,
                    reference[0].tokens.start, reference[0].tokens.last)
    state.add(twin)
    reference.append(twin)
    for mention in [*rng.sample(reference[:], 30), twin]:
        if not any(m is mention or m == mention for m in reference):
            continue
        reference.remove(mention)
        state.remove(mention)
        assert [id(m) for m in state.mentions] == [id(m) for m in reference]
    state.remove_where(lambda m: m.label == "PERS")
    reference = [m for m in reference if m.label != "PERS"]
    assert [id(m) for m in state.mentions] == [id(m) for m in reference]
    covered = [any(m.tokens.contains(i) for m in reference) for i in range(40)]
    assert state.covered == covered
    for index in range(40):
        assert state.starting_at(index) == [m for m in reference if m.tokens.start == index]


def test_entity_state_finds_country_mentions_next_to_a_span() -> None:
    state = _State(_Doc(), [object()] * 10, [0] * 10, None)  # type: ignore[arg-type]
    before = _mention(0, 5)
    after = _mention(13, 20)
    far = _mention(30, 36)
    person = _mention(21, 24, "PERS")
    pair = _mention(40, 45, members=("country:EGY", "country:JOR"))
    for mention in (before, after, far, person, pair):
        state.add(mention)
    assert state.gpe_near(8, 11, 3) == [before, after]
    assert state.gpe_near(8, 10, 2) == []
    state.remove(after)
    assert state.gpe_near(8, 11, 3) == [before]  # the index follows removals
    assert state.gpe_near(46, 50, 3) == []  # a pair of countries is no single country
