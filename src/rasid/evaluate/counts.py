"""Scoring tolls (killed, injured, arrested, kidnapped) on the real-news corpus.

Why: a count is useful only when its value is exactly right, so a predicted toll is
right when its kind and value equal a gold toll of the same sentence (the issue's rule).
Two figures: the toll reader alone on every annotated sentence, and the tolls as rasid's
events carry them (what a user sees; a toll of an event rasid missed is lost there).
Sentences that hold numbers but no toll (dates, ages, money, counts of attacks) are
reported apart: they are where a reader that takes every number goes wrong.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasid.evaluate.newscorpus import CorpusError, GoldArticle, GoldSentence, load_corpus, read_news
from rasid.events.counts import KINDS, carriers, find_counts
from rasid.resources import read_jsonl
from rasid.text.numbers import find_numbers


def prf(right: int, predicted: int, found: int, gold: int) -> tuple[float, float, float]:
    """Precision (right of predicted), recall (found of gold) and their F1."""
    p = right / predicted if predicted else 0.0
    r = found / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def prf_line(name: str, figures: tuple[float, float, float], detail: str) -> str:
    p, r, f = figures
    return f"{name:<30} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({detail})"


@dataclass
class Tally:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, gold: Counter, predicted: Counter) -> None:
        self.tp += sum((gold & predicted).values())
        self.predicted += sum(predicted.values())
        self.gold += sum(gold.values())

    def prf(self) -> tuple[float, float, float]:
        return prf(self.tp, self.predicted, self.tp, self.gold)

    def line(self, name: str) -> str:
        return prf_line(name, self.prf(), f"tp {self.tp}, predicted {self.predicted}, "
                                          f"gold {self.gold}")


@dataclass
class CountScore:
    #: the reader alone, on every annotated sentence
    reader: Tally = field(default_factory=Tally)
    #: the same, each kind's tolls of a sentence added up on both sides
    totals: Tally = field(default_factory=Tally)
    on_events: Tally = field(default_factory=Tally)
    by_kind: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in KINDS})
    approx_right: int = 0
    approx_total: int = 0
    sentences_with_counts: int = 0
    number_sentences_without: int = 0
    false_in_those: int = 0
    #: tolls read right that rasid's events do not carry: the sentence has no event
    #: that can carry them (event detection), or it has one that got another value
    lost_no_event: int = 0
    lost_on_events: int = 0
    #: tolls read in sentences the counts gold does not list (never annotated)
    read_unlisted: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)

    def report(self) -> str:
        lines = [self.reader.line("tolls (reader, each)"),
                 self.totals.line("tolls (reader, sentence total)"),
                 self.on_events.line("tolls on rasid's events")]
        lines.append(f"  read right, not on events: {self.lost_no_event} in sentences with no "
                     f"event that can carry them, {self.lost_on_events} where an event holds "
                     "another value (tolls of several occurrences added on one event)")
        lines += [tally.line(f"  {kind}") for kind, tally in self.by_kind.items()]
        if self.approx_total:
            lines.append(f"approx flag right on {self.approx_right}/{self.approx_total} "
                         "matched tolls")
        lines.append(f"{self.read_unlisted} of the tolls read are in sentences the counts "
                     "gold does not list (no annotator read them; scored as wrong)")
        lines.append(f"{self.sentences_with_counts} sentences with gold tolls; "
                     f"{self.number_sentences_without} sentences with numbers but no toll: "
                     f"{self.false_in_those} tolls carried by rasid's events in them")
        return "\n".join(lines)


Gold = dict[tuple[str, int], list[dict[str, Any]]]


def load_tolls(folder: str | Path) -> Gold:
    """The counts gold (``counts.jsonl`` of the corpus: tolls per sentence, adjudicated
    from two passes; docs/annotation/counts-guideline.md), keyed by (article, start)."""
    rows = read_jsonl(Path(folder) / "counts.jsonl", CorpusError) \
        if (Path(folder) / "counts.jsonl").exists() else []
    if not rows:
        raise CorpusError(f"{folder}: no counts.jsonl (the counts gold) in the corpus")
    return {(row["article"], row["sentence"][0]): row["tolls"] for row in rows}


#: articles annotated for tolls only (fresh batches), kept apart from ``articles.jsonl``
#: so that the events corpus, its training and its scores do not change with them
COUNTS_ONLY = "counts-articles.jsonl"


def load_articles(folder: str | Path, news: str | Path,
                  splits: Iterable[str] | None = None) -> list[GoldArticle]:
    """The articles whose tolls are scored: the events corpus's, then the counts-only
    ones of ``counts-articles.jsonl`` (each row has a ``split`` and a ``batch``; a name in
    ``splits`` selects either, so ``fresh-2`` scores that batch alone). Every sentence a
    counts-only article lists was read for tolls, so all of them are scored."""
    wanted = set(splits) if splits else None
    articles = load_corpus(folder, news, wanted)
    path = Path(folder) / COUNTS_ONLY
    if not path.exists():
        return articles
    rows = [row for row in read_jsonl(path, CorpusError)
            if wanted is None or row["split"] in wanted or row.get("batch") in wanted]
    if not rows:
        return articles
    events_ids = {a["article"] for a in read_jsonl(Path(folder) / "articles.jsonl",
                                                   CorpusError)}
    twice = sorted(events_ids & {row["article"] for row in rows})
    if twice:
        raise CorpusError(f"{path}: {len(twice)} articles are also in articles.jsonl and "
                          f"would be scored twice (first: {twice[0]})")
    texts = read_news(Path(news), {row["article"] for row in rows})
    missing = [row["article"] for row in rows if row["article"] not in texts]
    if missing:
        raise CorpusError(f"{news}: {len(missing)} articles of {COUNTS_ONLY} are not in the "
                          f"news file (first: {missing[0]})")
    for row in rows:
        item = texts[row["article"]]
        article = GoldArticle(row["article"], row["split"], item.get("date"),
                              item.get("source"), item.get("title"), item["text"])
        article.sentences = [GoldSentence(start, end, [], True)
                             for start, end in row["sentences"]]
        articles.append(article)
    return articles


def gold_tolls(tolls: list[dict[str, Any]]) -> tuple[Counter, dict[tuple[str, int], bool]]:
    """(kind, value) pairs of a sentence's gold tolls, and their approx flags."""
    found: Counter = Counter()
    approx: dict[tuple[str, int], bool] = {}
    for toll in tolls:
        found[(toll["kind"], toll["value"])] += 1
        approx[(toll["kind"], toll["value"])] = bool(toll.get("approx"))
    return found, approx


def _totals(tolls: Counter) -> Counter:
    """Each kind's tolls in a sentence added up, a value read twice counted once."""
    sums: Counter = Counter()
    for kind, value in set(tolls):
        sums[kind] += value
    return Counter({(kind, value): 1 for kind, value in sums.items()})


def evaluate(articles: Iterable[GoldArticle], pipeline: Any, gold_file: Gold) -> CountScore:
    """Score the reader and the events' tolls on every annotated sentence; a sentence
    the counts gold does not list holds no digit, number word or toll word, so no toll."""
    score = CountScore()
    for article in articles:
        analysis = pipeline.analyze(article.text, date=article.date, id=article.id)
        # the gold offsets are in the raw text; rasid's are in the repaired text
        persons = frozenset(analysis.to_raw(m.start, m.end)[0]
                            for m in analysis.doc.layers.mentions if m.label == "PERS")
        events = [(analysis.to_raw(*e.trigger)[0], e) for e in analysis.doc.layers.events]
        for sentence in article.sentences:
            if sentence.annotated:
                _score_sentence(score, article, sentence, gold_file, persons, events)
    return score


def _score_sentence(score: CountScore, article: GoldArticle, sentence: Any, gold_file: Gold,
                    persons: frozenset[int], events: list[tuple[int, Any]]) -> None:
    listed = (article.id, sentence.start) in gold_file
    gold, gold_approx = gold_tolls(gold_file.get((article.id, sentence.start), []))
    read = find_counts(article.text, sentence.start, sentence.end, persons)
    if not listed:
        # the filter that chose the sentences to annotate passed this one by:
        # a toll read here is counted wrong, though no annotator read it
        score.read_unlisted += len(read)
    predicted = Counter((c.kind, c.value) for c in read)
    here = [e for start, e in events if sentence.start <= start < sentence.end]
    carried = Counter((kind, value["value"]) for e in here for kind, value in e.counts.items())
    score.on_events.add(gold, carried)
    # tolls the reader got right that no event of rasid carries: lost to event
    # detection when the sentence holds no event that can carry their kind
    for (kind, _value), n in ((gold & predicted) - carried).items():
        if any(e.type in carriers(kind) for e in here):
            score.lost_on_events += n
        else:
            score.lost_no_event += n
    if not gold and any(not n.vague for n in find_numbers(
            article.text, sentence.start, sentence.end)):
        score.number_sentences_without += 1
        score.false_in_those += sum(carried.values())
    score.reader.add(gold, predicted)
    score.totals.add(_totals(gold), _totals(predicted))
    for kind in KINDS:
        score.by_kind[kind].add(
            Counter({k: v for k, v in gold.items() if k[0] == kind}),
            Counter({k: v for k, v in predicted.items() if k[0] == kind}))
    for count in read:
        key = (count.kind, count.value)
        if key in gold_approx:
            score.approx_total += 1
            score.approx_right += count.approx == gold_approx[key]
    if gold:
        score.sentences_with_counts += 1
    if gold != predicted:
        score.examples.append({
            "article": article.id, "sentence": [sentence.start, sentence.end],
            "gold": sorted(f"{k}={v}" for k, v in gold.elements()),
            "predicted": [f"{c.kind}={c.value} «{article.text[c.start:c.end]}»" for c in read],
            "listed": listed,
            # the sentence itself, read from the news file now (never stored),
            # so that an error can be judged without opening the article
            "text": article.text[sentence.start:sentence.end]})
