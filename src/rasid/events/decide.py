"""The learned event decision: is a lexicon candidate an event, of which type, and is
it current, background or a reference back?

The lexicon finds candidates with high recall; words alone cannot tell «هجوم» in
«شنت الطائرات هجوما» from «خشية هجوم محتمل» or «الهجوم» restating an attack already
reported. A model trained on the annotated real-news corpus (``rasid train events``)
decides from the words around the trigger, clause markers, modality cues, numbers,
position in the article, the arguments the rules found and what the article said
before. It is a maximum-entropy classifier (python-crfsuite trained on one-item
sequences, which is logistic regression with elastic-net regularization): small, fast
to load, no new dependency, and every feature is a readable string a user can inspect.

Two models ship in ``events/model/``: ``type`` (``O`` = no event, or a PLOVER type) and
``status`` (current, background, reference). The rule that fired stays in each event's
evidence beside the model's score.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from rasid.doc import Token
from rasid.entities.gazetteer import NameEntry, PhraseIndex
from rasid.lang.ar.clitics import strip_conjunctions
from rasid.resources import package_path
from rasid.text.normalize import match_key

DATA = package_path("rasid.events", "data")
MODEL_DIR = package_path("rasid.events", "model")
NO_EVENT = "O"


@dataclass
class Candidate:
    """One lexicon match with the event the rules built for it and its features."""

    event: Any  # rasid.events.model.Event
    sentence_index: int
    first: int  # token index in the sentence
    last: int
    trigger_id: str
    features: dict[str, float] = field(default_factory=dict)
    #: the word introduces the doer of another trigger (قتل … برصاص القوات)
    agent_marker: bool = False
    #: what a guard word before the trigger decided (``reference``), if anything
    guard: str | None = None
    #: the rules named political participants on both sides of the frame
    complete_frame: bool = False
    #: features the coder adds beside the word features (context flags)
    features_extra: dict[str, float] = field(default_factory=dict)
    #: the kind of a toll the trigger word states («مقتل 14 جنديا»: killed), if any
    toll: str | None = None


def bucket(value: int, bounds: tuple[int, ...]) -> str:
    """The readable bucket of a count (``<=2``, ``>8``) for a feature name."""
    for bound in bounds:
        if value <= bound:
            return f"<={bound}"
    return f">{bounds[-1]}"


def is_year(token: Token) -> bool:
    """A four-digit number that reads as a year (1900–2099, either digit system)."""
    return token.kind == "number" and len(token.text) == 4 and \
        token.text[:2] in ("19", "20", "١٩", "٢٠")


class WordClasses:
    """The word classes of ``data/decision.json``, indexed like triggers."""

    def __init__(self, proclitics: list[str]) -> None:
        data = json.loads((DATA / "decision.json").read_text(encoding="utf-8"))
        self.before = int(data["window_before"])
        self.after = int(data["window_after"])
        self.not_agents = frozenset(match_key(w) for w in data["not_agents"])
        self.guards = {name: frozenset(match_key(w) for w in words)
                       for name, words in data["guards"].items()}
        self.frame_floor = float(data["frame_floor"]["p"])
        self.coder: dict[str, float] = dict(data["coder"])
        self.rule_confidence: dict[str, float] = dict(data["rule_confidence"])
        self.frame_kinds = frozenset(data["frame_floor"]["kinds"])
        self.index = PhraseIndex(proclitics, article_optional=True)
        for name, words in data["classes"].items():
            for word in words:
                self.index.add_phrase(word, NameEntry(name, "class"))

    def guard(self, tokens: list[Token], first: int) -> str | None:
        """``not-event``, ``reference`` or ``verbal`` when a guard word stands beside
        the trigger (see ``guards`` in ``data/decision.json``), else None."""
        def key(token: Token) -> set[str]:
            return {token.stem.key, match_key(token.text),
                    strip_conjunctions(match_key(token.text))}

        before = tokens[max(0, first - 3) : first]
        if any(key(t) & self.guards["trend_before"] for t in before):
            return "not-event"
        if first and key(tokens[first - 1]) & self.guards["abstract_before"]:
            return "not-event"
        if any(key(t) & self.guards["idiom_after"] for t in tokens[first + 1 : first + 4]):
            return "not-event"
        if first + 1 < len(tokens) and key(tokens[first + 1]) & self.guards["verbal_after"]:
            return "verbal"
        definite = any(w.role == "det" for w in tokens[first].words)
        if first and definite and key(tokens[first - 1]) & self.guards["consequence_before"]:
            return "reference"
        if definite and any(key(t) & self.guards["claim_before"]
                            for t in tokens[max(0, first - 2) : first]):
            return "reference"  # أعلن التنظيم مسؤوليته عن الهجوم: the attack reported before
        return None

    def spans(self, tokens: list[Token]) -> list[tuple[str, int, int]]:
        found = []
        for match in self.index.match(tokens):
            for entry in match.entries:
                found.append((entry.entity_id, match.first, match.last))
        return found


def featurize(candidate: Candidate, tokens: list[Token], classes: list[tuple[str, int, int]],
              windows: tuple[int, int], article: dict[str, Any]) -> dict[str, float]:
    """The features of one candidate (names are readable: ``w-1=ال...``, ``cls<=منذ``):
    the trigger's own words, the words and word classes around it, numbers and position,
    the arguments the rules found, and what the article said before."""
    f: dict[str, float] = {"bias": 1.0}
    _trigger_features(f, candidate, tokens)
    _window_features(f, candidate, tokens, classes, windows)
    _number_features(f, candidate, tokens)
    _argument_features(f, candidate, article)
    _article_features(f, candidate, tokens, article)
    return f


def _trigger_features(f: dict[str, float], candidate: Candidate, tokens: list[Token]) -> None:
    """The trigger entry, the lexicon's type, the word's form, stem and clitics."""
    trigger = tokens[candidate.first]
    f[f"trig={candidate.trigger_id}"] = 1.0
    f[f"rule_type={candidate.event.type}"] = 1.0
    f[f"form={match_key(trigger.text)}"] = 1.0
    f[f"stem={trigger.stem.key}"] = 1.0
    for role in sorted({w.role for w in trigger.words} - {"stem"}):
        f[f"clitic={role}"] = 1.0
    if candidate.last > candidate.first:
        f["multiword"] = 1.0


def _window_features(f: dict[str, float], candidate: Candidate, tokens: list[Token],
                     classes: list[tuple[str, int, int]], windows: tuple[int, int]) -> None:
    """The three words on each side, the bags of words in the windows, and the word
    classes (clause markers, modality, statistics…) before, after and in the sentence."""
    first, last = candidate.first, candidate.last
    before, after = windows
    for offset in (-3, -2, -1):
        j = first + offset
        f[f"w{offset}=" + (tokens[j].stem.key if j >= 0 else "<s>")] = 1.0
    for offset in (1, 2, 3):
        j = last + offset
        f[f"w+{offset}=" + (tokens[j].stem.key if j < len(tokens) else "</s>")] = 1.0
    for j in range(max(0, first - before), first):
        f[f"bag<={tokens[j].stem.key}"] = 1.0
    for j in range(last + 1, min(len(tokens), last + 1 + after)):
        f[f"bag>={tokens[j].stem.key}"] = 1.0
    for name, c_first, c_last in classes:
        if c_last < first and first - c_last <= before:
            f[f"cls<={name}"] = 1.0
            if first - c_last <= 2:
                f[f"cls<near={name}"] = 1.0
        elif c_first > last and c_first - last <= after:
            f[f"cls>={name}"] = 1.0
        f[f"cls_sent={name}"] = 1.0


def _number_features(f: dict[str, float], candidate: Candidate, tokens: list[Token]) -> None:
    """Numbers beside the trigger, a year in the sentence, position and length."""
    first, last = candidate.first, candidate.last
    if any(t.kind == "number" for t in tokens[last + 1 : last + 5]):
        f["num>"] = 1.0
    if any(t.kind == "number" for t in tokens[max(0, first - 4) : first]):
        f["num<"] = 1.0
    if any(is_year(t) for t in tokens):
        f["year_in_sentence"] = 1.0
    f[f"sent_idx={min(candidate.sentence_index, 6)}"] = 1.0
    f[f"tok_pos={bucket(first, (0, 2, 5, 10, 20))}"] = 1.0
    f[f"sent_len={bucket(len(tokens), (10, 20, 35, 60))}"] = 1.0
    if tokens[first - 1].text in ("،", ",", "(", "«", "\"") if first else False:
        f["after_punct"] = 1.0


def _argument_features(f: dict[str, float], candidate: Candidate, article: dict[str, Any]
                       ) -> None:
    """What the rules found: place, actor and recipient and their kinds, the slots that
    filled them, modality, and whether someone is quoted saying it."""
    event = candidate.event
    if event.place:
        f["has_place"] = 1.0
    if article["entities_here"]:
        f["sentence_has_actor"] = 1.0
    f["has_actor"] = float(bool(event.actor))
    f["has_recipient"] = float(bool(event.recipient))
    for kind in article["kinds"](event.actor):
        f[f"actor_kind={kind}"] = 1.0
    for kind in article["kinds"](event.recipient):
        f[f"recipient_kind={kind}"] = 1.0
    for slot in event.rule_id.split(":", 1)[-1].split("/"):
        f[f"slot={slot}"] = 1.0
    f[f"modality={event.modality}"] = 1.0
    if event.reported_by:
        f["quoted"] = 1.0


def _article_features(f: dict[str, float], candidate: Candidate, tokens: list[Token],
                      article: dict[str, Any]) -> None:
    """What the article said before (types, triggers, stems already seen), its title,
    the event's age against the article's date and the article's sports or market words."""
    event = candidate.event
    stem = tokens[candidate.first].stem.key
    seen_types, seen_triggers, seen_stems = article["seen"]
    if event.type in seen_types:
        f["type_seen_before"] = 1.0
    if candidate.trigger_id in seen_triggers:
        f["trigger_seen_before"] = 1.0
    if stem in seen_stems:
        f["stem_seen_before"] = 1.0
    if stem in article["title"]:
        f["stem_in_title"] = 1.0
    if event.type in article["title_types"]:
        f["type_in_title"] = 1.0
    age = _age(event.date, article["date"])
    if age is not None and event.date_precision not in (None, "article"):
        f[f"event_age={bucket(age, (0, 1, 3, 14, 60))}"] = 1.0
    for topic, count in article["topics"].items():
        if count >= 3:
            f[f"doc_{topic}"] = 1.0


def _age(event_date: str | None, article_date: str | None) -> int | None:
    """Days between the event's date and the article's (old events are background)."""
    import datetime

    if not event_date or not article_date:
        return None
    try:
        return (datetime.date.fromisoformat(article_date[:10])
                - datetime.date.fromisoformat(event_date[:10])).days
    except ValueError:
        return None


class Decider:
    """The shipped type and status models; absent models mean "keep every candidate"."""

    def __init__(self, folder: Path = MODEL_DIR) -> None:
        self.folder = folder

    @cached_property
    def meta(self) -> dict[str, Any]:
        path = self.folder / "events.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    def _tagger(self, name: str) -> Any:
        import pycrfsuite

        path = self.folder / f"events-{name}.crfsuite"
        if not path.exists():
            return None
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        return tagger

    @cached_property
    def type_model(self) -> Any:
        return self._tagger("type")

    @cached_property
    def status_model(self) -> Any:
        return self._tagger("status")

    @property
    def available(self) -> bool:
        return self.type_model is not None

    @property
    def threshold(self) -> float:
        return float(self.meta.get("threshold", 0.5))

    @cached_property
    def type_thresholds(self) -> dict[str, float]:
        """Thresholds of their own for types the corpus holds too few of for the model
        to give them confident probabilities (``data/decision.json``)."""
        data = json.loads((DATA / "decision.json").read_text(encoding="utf-8"))
        return {k: float(v) for k, v in data.get("type_thresholds", {}).items()}

    @cached_property
    def retypes(self) -> dict[str, frozenset[str]]:
        """Other types the corpus gave a trigger entry's matches (``occupy.v`` →
        ASSAULT when ground is taken by fighting); the model may choose only these."""
        return {k: frozenset(v) for k, v in self.meta.get("retypes", {}).items()}

    def decide(self, features: dict[str, float], rule_type: str, trigger_id: str = ""
               ) -> tuple[str, float, str, float]:
        """(label, the probability of an event, status, its probability). The type is
        the lexicon's unless the corpus showed this trigger entry with another one."""
        items = [features]
        tagger = self.type_model
        tagger.set(items)
        probabilities = {label: tagger.marginal(label, 0) for label in tagger.labels()}
        event_share = 1.0 - probabilities.get(NO_EVENT, 0.0)
        allowed = {rule_type} | self.retypes.get(trigger_id, frozenset())
        label = max(sorted(allowed), key=lambda lab: probabilities.get(lab, 0.0))
        if event_share < self.type_thresholds.get(label, self.threshold):
            label = NO_EVENT
        status, status_p = "current", 1.0
        if label != NO_EVENT and self.status_model is not None:
            status, status_p = self.status(features)
        return label, event_share, status, status_p

    def status(self, features: dict[str, float]) -> tuple[str, float]:
        """Current, background or reference, with its probability."""
        model = self.status_model
        model.set([features])
        status = model.tag()[0]
        return status, model.marginal(status, 0)
