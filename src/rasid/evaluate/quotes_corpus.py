"""Scoring quotations, people and organizations on the real-news quotations gold.

Why: on constructed passages the quotation layer looked far better than on news. The
gold (``annotations/quotes``: docs/annotation/quotes-guideline.md) is whole articles of
the dev news, offsets only; the text is read from the news file. A quotation is right
when its cue overlaps a gold cue and its speaker is the gold speaker: the spans overlap,
or the speaker rasid names (its words, or the Arabic name of the entity it linked) is
the source the gold names (for «وأضاف» and «وأضاف المصدر», the one named earlier);
a quotation the gold gives no source at all («كقولهم: …», a saying) is right when
rasid names none either. rasid's words for a speaker include those of the quotation it
says this one refers back to (``carried_from``: «وأضافت المصادر» after «مصادر مقربة
من الحزب»).
People and organizations are scored on each place the article writes a name: found
when a rasid mention of that kind overlaps it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasid.evaluate.counts import Tally as Counts
from rasid.evaluate.counts import prf, prf_line
from rasid.evaluate.newscorpus import CorpusError, read_news
from rasid.resources import read_jsonl
from rasid.text.normalize import match_key

PARTS = ("tune", "test")
#: rasid's labels and entity kinds that count as a person / an organization
_PERSON = ({"PERS"}, {"person"})
_ORG = ({"ORG"}, {"org", "agent"})
#: how rasid marks a mention that refers to someone named elsewhere rather than names them
_REFERENCES = frozenset({"descriptor", "anaphor", "pronoun"})


@dataclass
class NameCounts:
    """Recall on the gold's name occurrences, precision on rasid's mentions; and the
    precision on the mentions that are names, leaving out those rasid itself marks as
    references to someone named elsewhere (a descriptor such as «الرئيس الأميركي», an
    anaphor such as «التنظيم»), which the gold does not list as names."""

    found: int = 0
    gold: int = 0
    right: int = 0
    predicted: int = 0
    references: int = 0
    references_right: int = 0

    def line(self, name: str) -> str:
        names = self.predicted - self.references
        named_right = self.right - self.references_right
        names_only = f"; names only P {named_right / names:.3f}" if names else ""
        return prf_line(name, prf(self.right, self.predicted, self.found, self.gold),
                        f"found {self.found} of {self.gold}; {self.right} of "
                        f"{self.predicted} mentions right{names_only}")


@dataclass
class QuoteScore:
    quotes: Counts = field(default_factory=Counts)
    cues: Counts = field(default_factory=Counts)
    people: NameCounts = field(default_factory=NameCounts)
    orgs: NameCounts = field(default_factory=NameCounts)
    articles: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)

    def report(self) -> str:
        return "\n".join([
            f"{self.articles} articles",
            self.quotes.line("quotations (cue and speaker)"),
            self.cues.line("quotation cues"),
            self.people.line("people (name occurrences)"),
            self.orgs.line("organizations (occurrences)")])


def load_gold(folder: str | Path, news: str | Path, parts: Iterable[str]
              ) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(annotation, news item) of the gold articles of ``parts`` (``tune``, ``test``)."""
    folder = Path(folder)
    wanted = set(parts)
    unknown = wanted - set(PARTS)
    if unknown:
        raise CorpusError(f"unknown part {', '.join(sorted(unknown))} (known: tune, test)")
    for name in ("articles.jsonl", "quotes.jsonl"):
        if not (folder / name).exists():
            raise CorpusError(f"{folder / name}: no such file")
    part_of = {r["article"]: r["part"] for r in read_jsonl(folder / "articles.jsonl",
                                                          CorpusError)}
    rows = [r for r in read_jsonl(folder / "quotes.jsonl", CorpusError)
            if part_of.get(r["article"]) in wanted]
    found = read_news(Path(news), {r["article"] for r in rows})
    missing = [r["article"] for r in rows if r["article"] not in found]
    if missing:
        raise CorpusError(f"{news}: {len(missing)} gold articles are not in the news file "
                          f"(first: {missing[0]})")
    return [(r, found[r["article"]]) for r in rows]


def _overlaps(a: tuple[int, int] | list[int] | None, b: tuple[int, int] | list[int] | None
              ) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _same_source(gold_name: str, said: list[str]) -> bool:
    """The gold's name of the source and one of rasid's words for it are the same
    actor: one contains the other once spelling is folded (سامح شكري / شكري), spaces
    included (عبدربه منصور هادي / عبد ربه منصور هادي, the knowledge base's spelling)."""
    name = _folded(gold_name)
    return bool(name) and any(w and (name in w or w in name) for w in map(_folded, said))


def _folded(words: str) -> str:
    return match_key(words).replace(" ", "")


def _raw(analysis: Any, span: dict[str, Any] | None) -> tuple[int, int] | None:
    """A span of the repaired text in the raw text the gold's offsets refer to."""
    if not span or span.get("start") is None:
        return None
    return analysis.to_raw(span["start"], span["end"])


def evaluate(gold: list[tuple[dict[str, Any], dict[str, Any]]], pipeline: Any
             ) -> QuoteScore:
    score = QuoteScore()
    for row, item in gold:
        text = item["text"]
        analysis = pipeline.analyze(text, date=item.get("date"), id=row["article"],
                                    title=item.get("title"))
        data = analysis.to_dict()
        names = {e["id"]: e.get("ar") or "" for e in data["entities"]}

        def raw(span: dict[str, Any] | None, analysis: Any = analysis
                ) -> tuple[int, int] | None:
            return _raw(analysis, span)

        by_id = {q["id"]: q for q in data["quotes"]}

        def earlier(q: dict[str, Any], by_id: dict[str, Any] = by_id) -> str:
            """The speaker words of the quotation rasid says this one refers back to."""
            source = by_id.get(q.get("carried_from") or "")
            return (source["speaker"].get("text") or "") if source else ""

        predicted = [(raw(q["cue"]), raw(q["speaker"]),
                      [q["speaker"].get("text") or "",
                       names.get(q["speaker"].get("entity") or "", ""), earlier(q)], q)
                     for q in data["quotes"]]
        score.articles += 1
        score.quotes.predicted += len(predicted)
        score.cues.predicted += len(predicted)
        score.quotes.gold += len(row["quotes"])
        score.cues.gold += len(row["quotes"])
        used: set[int] = set()
        for q in row["quotes"]:
            hit = next((i for i, p in enumerate(predicted)
                        if i not in used and _overlaps(p[0], q["cue"])), None)
            if hit is None:
                score.examples.append({"article": row["article"], "class": "missed",
                                       "cue": q["cue"]})
                continue
            used.add(hit)
            score.cues.tp += 1
            _, speaker, said, _ = predicted[hit]
            gold_name = text[q["speaker_name"][0]:q["speaker_name"][1]] \
                if q.get("speaker_name") else ""
            gold_words = text[q["speaker"][0]:q["speaker"][1]] if q.get("speaker") else ""
            right = _overlaps(speaker, q.get("speaker")) or _same_source(gold_name, said) \
                or (not gold_name and _same_source(gold_words, said)) \
                or (not gold_name and not gold_words and speaker is None)
            if right:
                score.quotes.tp += 1
            else:
                score.examples.append({"article": row["article"], "class": "speaker",
                                       "cue": q["cue"], "gold": gold_name or gold_words,
                                       "rasid": said[0]})
        for i, p in enumerate(predicted):
            if i not in used:
                score.examples.append({"article": row["article"], "class": "extra",
                                       "cue": p[0], "rasid": p[3]["cue"]["text"]})
        _names(score.people, row["people"], data, analysis, _PERSON)
        _names(score.orgs, row["orgs"], data, analysis, _ORG)
    return score


def _names(counts: NameCounts, gold: list[list[list[int]]], data: dict[str, Any],
           analysis: Any, kinds: tuple[set[str], set[str]]) -> None:
    """Recall on every place a gold name is written, by any mention of that kind
    (a named body rasid keeps as an agent of the knowledge base, «الحرس الوطني», counts);
    precision on rasid's mentions of that kind that are not generic agents («الجيش»,
    «الحكومة», which the gold does not list as names)."""
    labels, entity_kinds = kinds
    entity_kind = {e["id"]: e["kind"] for e in data["entities"]}
    found = [(analysis.to_raw(m["start"], m["end"]), (m.get("entity") or "").startswith("agent:"),
              m.get("source") in _REFERENCES)
             for m in data["mentions"]
             if m["label"] in labels or entity_kind.get(m.get("entity") or "") in entity_kinds]
    places = [tuple(s) for entry in gold for s in entry]
    counts.gold += len(places)
    counts.found += sum(any(_overlaps(m, s) for m, _, _ in found) for s in places)
    named = [(m, reference) for m, agent, reference in found if not agent]
    counts.predicted += len(named)
    counts.right += sum(any(_overlaps(m, s) for s in places) for m, _ in named)
    counts.references += sum(reference for _, reference in named)
    counts.references_right += sum(reference and any(_overlaps(m, s) for s in places)
                                   for m, reference in named)
