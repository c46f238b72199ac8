"""The event coder: triggers to PLOVER events with actors, recipients and evidence.

For each sentence, triggers (verbs and verbal nouns) are found in the lexicon, and
each entry's frame says where its arguments stand: the subject of a verb (after it, or
before it when the sentence is SVO), its object, the genitive after a verbal noun
(``زيارة روحاني``), a nisba adjective (``الزيارة الإيرانية``), or a preposition phrase
(``لموسكو``, ``على داعش``). Coordinated actors stay one compound actor. Arguments never
cross the sentence. Modality comes from cue words before the trigger (negation,
intention, attempt, condition, future), the quotation layer says who reported it, the
date layer when, and a preceding ``في`` where.

Guards keep precision up: no event without a political actor or victim; none inside
compound nouns (``شرطة مكافحة الشغب``) or in sports and business contexts; and
cooperation that is only intended or future is coded AGREE, as PLOVER defines it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rasid.dates import find_dates
from rasid.doc import Doc, Sentence, Token
from rasid.entities.mention import Mention
from rasid.events.lexicon import EventLexicon, Trigger
from rasid.events.model import Event
from rasid.events.ontology import load_ontology
from rasid.text.normalize import match_key

_PREPOSITIONS = {"علي": "على", "ضد": "ضد", "مع": "مع", "الي": "إلى", "عن": "عن", "من": "من",
                 "في": "في", "بين": "بين", "تجاه": "تجاه", "نحو": "نحو", "لدي": "لدى"}
_ATTACHED = {"ل": "ل", "ب": "ب"}
_COMPLEMENTIZERS = frozenset({"ان", "بان", "لان", "فان"})
_ACTOR_LABELS = frozenset({"PERS", "ORG", "GPE"})
_PRIORITY = ("negated", "hypothetical", "attempted", "intended", "future", "historical")
_COOPERATIVE = frozenset({"COOPERATE", "AID", "SUPPORT", "CONSULT"})


@dataclass
class _Arg:
    """A group of coordinated mentions standing in one argument slot."""

    mentions: list[Mention]
    first: int
    last: int
    prep: str | None

    @property
    def entities(self) -> list[str]:
        ids: list[str] = []
        for mention in self.mentions:
            for entity in mention.refers_to():
                if entity not in ids:
                    ids.append(entity)
        return ids


class EventCoder:
    """Codes the events of a Doc whose entities (and quotations) are found."""

    def __init__(self, lexicon: EventLexicon, place_country: Any = None, window: int = 8
                 ) -> None:
        self.lex = lexicon
        # maps a place entity id to its country code (the knowledge base knows)
        self.place_country = place_country or (lambda _place: None)
        self.ontology = load_ontology()
        self.window = window

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[Mention] = doc.layers.get("mentions", [])
        quotes = doc.layers.get("quotes", [])
        events: list[Event] = []
        for sentence in doc.sentences:
            events.extend(self._sentence(doc, sentence, mentions, quotes))
        for number, event in enumerate(events, start=1):
            event.id = f"e{number}"
            event.text = doc.text
        doc.layers["events"] = events
        doc.done.add("events")
        return doc

    # -- one sentence -----------------------------------------------------------------
    def _sentence(self, doc: Doc, sentence: Sentence, mentions: list[Mention],
                  quotes: list[Any]) -> list[Event]:
        tokens = doc.tokens[sentence.first_token : sentence.last_token]
        if not tokens:
            return []
        if self.lex.contexts.match(tokens):
            return []  # sports, markets, culture: conflict words there are not events
        blocked = set()
        for match in self.lex.blockers.match(tokens):
            blocked.update(range(match.first, match.last + 1))
        args = self._arguments(doc, sentence, mentions)
        dates = find_dates(tokens, doc.meta.date)
        found: list[Event] = []
        for match in self.lex.index.match(tokens):
            if any(i in blocked for i in range(match.first, match.last + 1)):
                continue
            trigger = self.lex.triggers.get(match.entries[0].entity_id)
            if trigger is None:
                continue
            event = self._code(doc, sentence, tokens, match.first, match.last, trigger, args,
                               dates, quotes)
            if event is not None and not any(_same(event, other) for other in found):
                found.append(event)
        return found

    def _arguments(self, doc: Doc, sentence: Sentence, mentions: list[Mention]) -> list[_Arg]:
        """Outermost actor mentions of the sentence, grouped where coordinated."""
        inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end
                  and (m.label in _ACTOR_LABELS or m.stands_for) and m.refers_to()]
        outer = [m for m in inside if not any(o is not m and o.start <= m.start and
                                              m.end <= o.end and (o.end - o.start) >
                                              (m.end - m.start) for o in inside)]
        outer.sort(key=lambda m: m.start)
        groups: list[_Arg] = []
        for mention in outer:
            first = mention.first - sentence.first_token
            last = mention.last - sentence.first_token
            if groups:
                previous = groups[-1]
                gap = doc.text[previous.mentions[-1].end : mention.start]
                if gap.strip(" -–،") in ("", "و") and len(gap) <= 3 and "،" not in gap:
                    previous.mentions.append(mention)
                    previous.last = last
                    continue
            groups.append(_Arg([mention], first, last, self._preposition(doc, mention)))
        return groups

    @staticmethod
    def _preposition(doc: Doc, mention: Mention) -> str | None:
        token = doc.tokens[mention.first]
        attached = token.text[: mention.start - token.start].lstrip("وف")
        for letter in ("ل", "ب"):
            if attached.startswith(letter):
                return _ATTACHED[letter]
        if mention.first > 0:
            previous = match_key(doc.tokens[mention.first - 1].text)
            previous = previous[1:] if previous[:1] in ("و", "ف") and len(previous) > 2 \
                else previous
            return _PREPOSITIONS.get(previous)
        return None

    # -- one trigger ----------------------------------------------------------------
    def _code(self, doc: Doc, sentence: Sentence, tokens: list[Token], first: int, last: int,
              trigger: Trigger, args: list[_Arg], dates: list, quotes: list[Any]
              ) -> Event | None:
        etype = self.ontology.get(trigger.type)
        if etype is None:
            return None
        frame = trigger.frame
        passive = match_key(tokens[first].text) in trigger.passive or \
            tokens[first].stem.key in trigger.passive
        clause_start = self._clause_start(tokens, first)
        after = [a for a in args if a.first > last and a.first - last <= self.window]
        before = [a for a in args if a.last < first and a.first >= clause_start]
        actor: _Arg | None = None
        recipient: _Arg | None = None
        place: str | None = None
        slots_used = []
        for slot in frame.get("actor", []):
            if passive:
                break
            actor = self._slot(slot, trigger, after, before, last)
            if actor is not None:
                slots_used.append(f"actor={slot}")
                break
        if actor is None and not passive:
            actor = next((a for a in reversed(before) if a.prep is None), None)
            if actor is not None:
                slots_used.append("actor=clause-subject")
        for slot in frame.get("recipient", []):
            candidate = self._slot(slot, trigger, [a for a in after if a is not actor],
                                   before, last)
            if candidate is not None and candidate is not actor:
                recipient = candidate
                slots_used.append(f"recipient={slot}")
                break
        if passive and recipient is None:
            recipient = next((a for a in after if a.prep is None), None)
            if recipient is not None:
                slots_used.append("recipient=passive-subject")
        for slot in frame.get("place", []):
            candidate = self._slot(slot, trigger, after, before, last)
            if candidate is not None:
                for mention in candidate.mentions:
                    if mention.label == "LOC" or mention.stands_for:
                        place = mention.entity
        actor_ids = self._political(actor)
        recipient_ids = [e for e in self._political(recipient) if e not in actor_ids]
        if place is None:
            place = self._located(doc, sentence, tokens)
        if not actor_ids and not recipient_ids:
            return None
        if not recipient_ids and place is not None and frame.get("place"):
            # a visit to a city is a visit to its country
            country = self.place_country(place)
            if country and f"country:{country}" not in actor_ids:
                recipient_ids = [f"country:{country}"]
                slots_used.append("recipient=place-country")
        if trigger.reciprocal and recipient_ids and not actor_ids:
            actor_ids, recipient_ids = recipient_ids, []
        if trigger.reciprocal and actor_ids and recipient_ids:
            actor_ids, recipient_ids = actor_ids + recipient_ids, []
        modality = self._modality(doc, tokens, first, clause_start)
        etype_name, mode, rule_note = trigger.type, trigger.mode, ""
        if modality in ("intended", "future") and etype_name in _COOPERATIVE - {"CONSULT"}:
            etype_name, mode = "AGREE", None
            rule_note = "; intended cooperation coded AGREE"
        etype = self.ontology[etype_name]
        start, end = tokens[first].start, tokens[last].end
        quote = next((q for q in quotes if q.content[0] <= start and end <= q.content[1]), None)
        date, precision = self._date(dates, tokens, first, doc.meta.date)
        confidence = 0.5 + 0.2 * bool(actor_ids) + 0.15 * bool(recipient_ids or not
                                                               etype.needs_recipient)
        if passive:
            confidence -= 0.1
        return Event(
            type=etype_name, mode=mode, actor=actor_ids, recipient=recipient_ids,
            modality=modality, trigger=(start, end), sentence=(sentence.start, sentence.end),
            rule_id=f"{trigger.id}:{'/'.join(slots_used) or 'no-args'}",
            rule=f"{trigger.pos} «{trigger.lemma}» {etype_name}"
                 f"{'/' + mode if mode else ''} with {', '.join(slots_used) or 'no arguments'}"
                 f"{' (passive)' if passive else ''}{rule_note}",
            confidence=min(confidence, 0.95), quad=etype.quad,
            score=etype.mode_score(mode), cameo=trigger.cameo or etype.mode_cameo(mode),
            date=date, date_precision=precision, place=place,
            reported_by=quote.id if quote else None,
            reported_by_entity=quote.speaker_entity if quote else None,
            actor_mentions=[m.id for m in actor.mentions] if actor else [],
            recipient_mentions=[m.id for m in recipient.mentions] if recipient else [],
        )

    @staticmethod
    def _slot(slot: str, trigger: Trigger, after: list[_Arg], before: list[_Arg], last: int
              ) -> _Arg | None:
        if slot == "subject":
            direct = next((a for a in after if a.prep is None), None)
            if direct is not None and direct.first - last <= 4:
                return direct
            return next((a for a in reversed(before) if a.prep is None), None)
        if slot == "object":
            plain = [a for a in after if a.prep is None]
            return plain[1] if trigger.pos == "verb" and len(plain) > 1 else (
                plain[0] if plain and trigger.pos != "verb" else None)
        if slot in ("genitive", "nisba"):
            nxt = after[0] if after else None
            return nxt if nxt is not None and nxt.prep is None and nxt.first - last <= 2 \
                else None
        if slot.startswith("prep:"):
            wanted = slot[5:]
            wanted = {"الى": "إلى", "لدى": "لدى"}.get(wanted, wanted)
            return next((a for a in after if a.prep == wanted), None)
        return None

    def _political(self, arg: _Arg | None) -> list[str]:
        if arg is None:
            return []
        ids = []
        for mention in arg.mentions:
            if mention.label == "LOC" and not mention.stands_for:
                continue
            for entity in mention.refers_to():
                if entity.startswith("place:") or entity in ids:
                    continue
                ids.append(entity)
        return ids

    @staticmethod
    def _clause_start(tokens: list[Token], index: int) -> int:
        for j in range(index - 1, -1, -1):
            key = match_key(tokens[j].text)
            if key in _COMPLEMENTIZERS or tokens[j].text in (":", "«", "؛"):
                return j + 1
            if key.startswith(("انه", "انها", "انهم", "انهما")):
                return j
        return 0

    def _modality(self, doc: Doc, tokens: list[Token], first: int, clause_start: int) -> str:
        found: set[str] = set()
        window = tokens[max(clause_start, first - 6) : first + 1]
        for kind, index in self.lex.modality.items():
            if index.match(window):
                found.add(kind)
        trigger_token = tokens[first]
        if any(w.role == "fut" for w in trigger_token.words):
            found.add("future")
        for kind in _PRIORITY:
            if kind in found:
                return kind
        return "asserted"

    @staticmethod
    def _date(dates: list, tokens: list[Token], first: int, article_date: str | None
              ) -> tuple[str | None, str | None]:
        if not dates:
            return article_date, "article" if article_date else None
        position = tokens[first].start
        nearest = min(dates, key=lambda d: abs(d.start - position))
        return nearest.date, nearest.precision

    @staticmethod
    def _located(doc: Doc, sentence: Sentence, tokens: list[Token]) -> str | None:
        for mention in doc.layers.get("mentions", []):
            if not (sentence.start <= mention.start < sentence.end) or mention.label != "LOC":
                continue
            if mention.stands_for:
                continue
            token = doc.tokens[mention.first]
            attached = token.text[: mention.start - token.start]
            previous = match_key(doc.tokens[mention.first - 1].text) if mention.first else ""
            if previous == "في" or attached.endswith("ب"):
                return mention.entity
        return None


def _same(a: Event, b: Event) -> bool:
    return a.type == b.type and a.actor == b.actor and a.recipient == b.recipient and \
        a.modality == b.modality
