"""Property tests: repair, segmentation and the whole pipeline never crash and keep
their promises (every span of every layer slices the text it belongs to)."""

from __future__ import annotations

import dataclasses
from functools import lru_cache

from hypothesis import example, given, settings
from hypothesis import strategies as st

from rasid.doc import LAYERS
from rasid.pipeline import Pipeline
from rasid.span import Span
from rasid.text.segment import Segmenter

ARABIC_PIECES = [
    "روسيا", "وإيران", "الأمم", "المتحدة", "في", "إلى", "قال", "الرئيس", "ـ", "ﻻ", "ﺑ",
    "\u200f", "\u00a0", "“", "”", "ی", "ک", " ", "،", ".", "3.5", "٣٫٥", "د.", "\n", "\r\n",
    "«", "»", "بالولايات", "موسكو", "َ", "ّ", "x", "URL http://a.b/c",
]
# words and names that exercise glued-word repair's rules: document context, place
# heads, letter names, joined names, final letters, endings
GLUE_WORDS = [
    "سامنثا", "باور", "الزبداني", "وفد", "ريف", "دمشق", "جسر", "الشغور", "سان", "خوسيه",
    "بي", "سي", "عدوًا", "للسلام", "البعثة", "الدولية", "من", "خلال", "هي", "تركي", "ان",
    "يات", "كفر", "على", "مصر", "واس", "تطرد", "عدن", "حزب", "عن", "الإيراني", "لندن",
]
glued_text = st.lists(
    st.tuples(st.sampled_from(GLUE_WORDS), st.sampled_from(["", "", " ", " ", "، "])),
    max_size=24,
).map(lambda pairs: "".join(word + gap for word, gap in pairs))
texty = st.one_of(
    st.text(max_size=80),
    glued_text,
    st.lists(st.sampled_from(ARABIC_PIECES), max_size=25).map("".join),
    st.lists(st.sampled_from(ARABIC_PIECES), max_size=12).map(
        lambda pieces: "".join(pieces).replace(" ", "")
    ),
)
common = settings(max_examples=300, deadline=None)


@lru_cache(maxsize=1)
def _pipeline() -> Pipeline:
    return Pipeline(pipeline=["segment"])


def _repairer():
    return _pipeline().repairer


def _segmenter() -> Segmenter:
    return Segmenter(_pipeline().resources.lexicon)


@common
@given(texty)
def test_repair_offsets_are_valid_and_inside_the_raw_input(raw: str) -> None:
    result = _repairer().repair(raw)
    text = result.text
    for start in range(len(text) + 1):
        for end in (start, min(start + 1, len(text)), len(text)):
            if end < start:
                continue
            raw_start, raw_end = result.to_raw(start, end)
            assert 0 <= raw_start <= raw_end <= len(raw)
    for change in result.changes:
        assert raw[change.raw_start : change.raw_end] == change.before
        assert 0 <= change.start <= change.end <= len(text)


@common
@given(texty)
def test_repair_is_idempotent(raw: str) -> None:
    once = _repairer().repair(raw).text
    again = _repairer().repair(once)
    assert again.text == once
    assert again.changes == ()


@common
@given(texty)
def test_every_difference_is_an_explained_change(raw: str) -> None:
    result = _repairer().repair(raw)
    explained = set()
    for change in result.changes:
        explained.update(range(change.start, change.end))
    for start, end, raw_start, raw_end in result.offsets.segments:
        same_length = end - start == raw_end - raw_start
        if not (same_length and result.text[start:end] == raw[raw_start:raw_end]):
            assert set(range(start, end)) <= explained


@common
@given(texty)
def test_segmentation_spans_slice_the_text(raw: str) -> None:
    text = _repairer().repair(raw).text
    segmenter = _segmenter()
    tokens = segmenter.tokens(text)
    previous_end = 0
    for token in tokens:
        assert text[token.start : token.end] == token.text
        assert token.start >= previous_end
        previous_end = token.end
        assert "".join(w.text for w in token.words) == token.text
        for word in token.words:
            assert text[word.start : word.end] == word.text
    sentences = segmenter.sentences(text, tokens)
    covered = [i for s in sentences for i in s.tokens.indices()]
    assert covered == list(range(len(tokens)))
    for sentence in sentences:
        assert 0 <= sentence.start < sentence.end <= len(text)
        assert sentence.span.of(text) == text[sentence.start : sentence.end]
        assert sentence.span.start == sentence.tokens.of(tokens)[0].start
        assert sentence.span.end == sentence.tokens.of(tokens)[-1].end


# -- the whole pipeline on news-like sentences ---------------------------------------
# clauses written for these tests: a subject, a verb that is (or is not) an event
# trigger, an object, a place, joined in any order, with quotation cues and glue
SUBJECTS = ["الرئيس الروسي فلاديمير بوتين", "وزير الخارجية الإيراني", "مسلحون",
            "قوات الأمن", "الجيش اليمني", "المتظاهرون", "حركة حماس", "الأمم المتحدة",
            "مصدر أمني", "الحكومة التركية", "السعودية", "طائرات التحالف"]
VERBS = ["التقى", "هاجم", "قصفت", "اعتقلت", "دعا", "أدان", "رحبت", "قتل", "زار",
         "فرضت عقوبات على", "وقع اتفاقا مع", "نفى", "هدد", "اشتبكت مع", "تظاهر ضد"]
OBJECTS = ["نظيره التركي", "مواقع الحوثيين", "ثلاثة جنود", "الولايات المتحدة",
           "المدنيين", "إيران", "السفير القطري", "عشرات المحتجين", "البرلمان"]
PLACES = ["في عدن", "في موسكو", "قرب الحدود", "في ريف دمشق", "", "أمس", "يوم الأحد"]
LINKS = [". ", "، ", " و", ". وقال ", ". وأضاف: «", "» ", ". ", "، مشيرا إلى أن "]
clause = st.tuples(st.sampled_from(VERBS), st.sampled_from(SUBJECTS),
                   st.sampled_from(OBJECTS), st.sampled_from(PLACES)).map(" ".join)
news_text = st.lists(st.tuples(clause, st.sampled_from(LINKS)), min_size=1, max_size=6).map(
    lambda parts: "".join(c + link for c, link in parts))
whole = settings(max_examples=40, deadline=None)


@lru_cache(maxsize=1)
def _full_pipeline() -> Pipeline:
    return Pipeline()


def _slices(text: str, span: dict | None) -> None:
    """A span slices the text exactly; an absent one (a pronoun speaker) is all None."""
    if span is not None and span["start"] is None:
        assert span["end"] is None and span["text"] is None
    elif span is not None:
        assert 0 <= span["start"] <= span["end"] <= len(text)
        assert text[span["start"] : span["end"]] == span["text"]


@whole
@given(news_text)
# a cue right after a cue, then a participle cue: once gave a content ending before it began
@example("وقال دعا الرئيس الروسي فلاديمير بوتين نظيره التركي في عدن، مشيرا إلى أن التقى "
         "الرئيس الروسي فلاديمير بوتين نظيره التركي في عدن. ")
# a visit to a place: its country joins the event without a mention of its own
@example("زار مسلحون الولايات المتحدة في عدن. ")
def test_mentions_quotes_and_events_slice_the_text_and_name_entities_of_the_doc(
        raw: str) -> None:
    data = _full_pipeline().analyze(raw, date="2015-07-01").to_dict()
    text = data["text"]
    entities = {e["id"] for e in data["entities"]}
    mentions = {m["id"]: m for m in data["mentions"]}
    for mention in data["mentions"]:
        _slices(text, mention)
        assert mention["entity"] is None or mention["entity"] in entities
    for entity in data["entities"]:
        assert all(m in mentions for m in entity["mentions"])
    for date in data["dates"]:
        _slices(text, date)
    for quote in data["quotes"]:
        for part in ("speaker", "cue", "content"):
            _slices(text, quote[part])
        speaker = quote["speaker"]
        if speaker and speaker.get("entity"):
            assert speaker["entity"] in entities
    for event in data["events"]:
        _slices(text, event["trigger"])
        for extra in event["evidence"]:
            _slices(text, extra)
        sentence = event["sentence"]
        assert sentence["start"] <= event["trigger"]["start"] < sentence["end"]
        for entity in event["actor"] + event["recipient"]:
            assert entity in entities, entity
        for argument in event["arguments"]:
            assert argument["role"] in ("actor", "recipient")
            assert argument["entity"] is None or argument["entity"] in entities, argument
        for mention in event["actor_mentions"] + event["recipient_mentions"]:
            assert mention in mentions


def _span_fields(record: object) -> list[tuple[str, object]]:
    """(name, value) of every field a record declares as a Span, a list of Spans or an
    optional Span: read from its annotations, so a Span field added later is checked
    too, and a bare tuple left in one fails."""
    return [(f.name, getattr(record, f.name)) for f in dataclasses.fields(record)
            if "Span" in str(f.type)]


def _inside(span: object, length: int, where: str) -> Span:
    assert isinstance(span, Span), f"{where} is {span!r}, not a Span"
    assert 0 <= span.start <= span.end <= length, f"{where} {span} outside [0, {length}]"
    return span


@whole
@given(news_text)
@example("زار مسلحون الولايات المتحدة في عدن. ")
@example("وقال الرئيس الروسي فلاديمير بوتين أمس إن قوات الأمن اعتقلت عشرات المحتجين. ")
def test_every_span_of_every_layer_lies_inside_the_doc_and_slices_it(raw: str) -> None:
    doc = _full_pipeline().analyze(raw, date="2015-07-01").doc
    text, tokens = doc.text, doc.tokens
    sentence_spans = {s.span for s in doc.sentences}
    for sentence in doc.sentences:
        chars = _inside(sentence.span, len(text), "sentence")
        words = _inside(sentence.tokens, len(tokens), "sentence tokens").of(tokens)
        assert (words[0].start, words[-1].end) == (chars.start, chars.end)
    assert all(isinstance(getattr(doc.layers, name), list) for name in LAYERS)
    for name in LAYERS:
        for record in getattr(doc.layers, name):
            if not dataclasses.is_dataclass(record):
                continue  # entities, topics, geo: records without spans
            for field_name, value in _span_fields(record):
                where = f"{name} {field_name}"
                values = value if isinstance(value, list) else [value]
                for span in values:
                    if span is None:
                        continue  # a quotation whose speaker was not named
                    if field_name == "tokens":
                        _inside(span, len(tokens), where)
                    else:
                        assert _inside(span, len(text), where).of(text) \
                            == text[span.start : span.end]
    for mention in doc.layers.mentions:
        assert mention.span.of(text) == mention.text
        first, last = tokens[mention.tokens.start], tokens[mention.tokens.last]
        # a mention starts inside its first token (after a clitic) and ends in its last
        assert first.start <= mention.start < first.end
        assert last.start < mention.end <= last.end
    for date in doc.layers.dates:
        assert date.span.of(text) == date.text
    for event in doc.layers.events:
        assert event.sentence in sentence_spans
        assert event.sentence.contains(event.trigger)
        assert all(event.sentence.contains(extra) for extra in event.evidence)
    for quote in doc.layers.quotes:
        assert len(quote.cue) > 0 and len(quote.content) > 0
