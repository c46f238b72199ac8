"""The event coder: triggers to PLOVER events with actors, recipients and evidence.

For each sentence, triggers (verbs and verbal nouns) are found in the lexicon, and
each entry's frame says where its arguments stand: the subject of a verb (after it, or
before it when the sentence is SVO), its object, the genitive after a verbal noun
(``زيارة روحاني``), a nisba adjective (``الزيارة الإيرانية``), or a preposition phrase
(``لموسكو``, ``على داعش``). Coordinated actors stay one compound actor. Arguments never
cross the sentence. Modality comes from cue words before the trigger (negation,
intention, attempt, condition, future), the quotation layer says who reported it, the
date layer when, and a preceding ``في`` where.

Every lexicon match becomes a candidate; a model trained on annotated real news
(:mod:`rasid.events.decide`) decides which candidates are event occurrences, of which
type, and whether they are current, background or a reference back. Compound nouns
(``شرطة مكافحة الشغب``) block triggers, and cooperation that is only intended or future
is coded AGREE, as PLOVER defines it. Participants without a country take the one the
context establishes (:mod:`rasid.events.context`), with its basis.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from typing import Any

from rasid.dates import dates_in, find_dates
from rasid.doc import Doc, Sentence, Token
from rasid.events.arguments import (
    NisbaCountries,
    hal_participle,
    honorific_count,
    led_by,
    office_body,
    owned_subject,
    partitive,
    reciprocal_partner,
    relative_light_verbs,
    subject_after,
    subject_right_before,
    target_after,
    verb_not_noun,
    victims_before_verb,
)
from rasid.events.context import (
    ArticleContext,
    load_implicit_elsewhere_types,
    load_implicit_foreign_types,
    load_implicit_recipient_types,
    load_implicit_rules,
    load_rules,
)
from rasid.events.counts import attach, carriers, find_counts
from rasid.events.decide import NO_EVENT, Candidate, Decider, WordClasses, featurize
from rasid.events.lexicon import EventLexicon, Trigger
from rasid.events.lookup import QuoteSpans, any_start_within, mentions_by_sentence
from rasid.events.occurrence import add_occurrence_features
from rasid.events.ontology import load_ontology
from rasid.lang.ar.clitics import strip_conjunction, strip_conjunctions
from rasid.lang.ar.words import word_list, word_map, word_set
from rasid.layers.event import Event
from rasid.layers.mention import Mention
from rasid.span import Span
from rasid.text.normalize import match_key
from rasid.text.segment import Segmenter

_PREPOSITIONS = word_map("prepositions")
_ATTACHED = {letter: letter for letter in word_list("attached_prepositions")}
_COMPLEMENTIZERS = word_set("complement_particles")
_QUOTES = frozenset({"«", "»", '"', "“", "”", "'"})
_CLAUSE_MARKS = frozenset({"،", ",", "؛", ";", ":", ".", "«", "»"})
#: what may be attached to a group's name after a link word (تابعون لتنظيم داعش)
_OWNER_PREFIXES = word_set("owner_prefixes")
#: marks that may wrap a group's name after its members (مسلحو «داعش»، عناصر (داعش))
_GAP_MARKS = str.maketrans(dict.fromkeys("«»\"“”'()", " "))
_ACTOR_LABELS = frozenset({"PERS", "ORG", "GPE"})
_PRIORITY = ("negated", "hypothetical", "attempted", "intended", "future", "historical")
_COOPERATIVE = frozenset({"COOPERATE", "AID", "SUPPORT", "CONSULT"})


@dataclass
class _Coded:
    """What the argument rules found for one trigger, handed to the Event's builder."""

    actor: _Arg | None
    recipient: _Arg | None
    actor_ids: list[str]
    recipient_ids: list[str]
    place: str | None
    passive: bool
    modality: str
    slots: list[str]


@dataclass
class _Arg:
    """A group of coordinated mentions standing in one argument slot."""

    mentions: list[Mention]
    first: int
    last: int
    prep: str | None
    adjectival: bool = False

    @property
    def is_place(self) -> bool:
        """Only places here (في جنيف), no actor."""
        return all(m.label == "LOC" and not m.stands_for for m in self.mentions)

    @property
    def entities(self) -> list[str]:
        ids: list[str] = []
        for mention in self.mentions:
            for entity in mention.refers_to():
                if entity not in ids:
                    ids.append(entity)
        return ids


def _owner_of(doc: Doc, head: Mention, mention: Mention, gap: str,
              links: frozenset[str] = frozenset()) -> bool:
    """Whether ``mention`` is the owner of a generic agent in a genitive construct
    (``طائرات التحالف``, ``عناصر تنظيم داعش``, ``قوات النظام``): the two words stand
    side by side, the first is a generic agent (warplanes, fighters, members, forces)
    and the second a named actor with no preposition attached, not a place or a nisba
    (``القوات العراقية`` is an adjective, handled as apposition).

    ``links`` are the words that may join an agent not tied to a country to its group
    (``مسلحون من تنظيم «داعش»``, ``مقاتلون ينتمون لجبهة النصرة``): the group is who
    acts, and its code (``IMG``) is the participant's, not the country of the place."""
    if not (head.entity or "").startswith("agent:"):
        return False
    entity = mention.entity or ""
    if not entity or entity.startswith(("agent:", "place:")) or mention.label == "LOC" \
            or mention.extra.get("form") == "nisba":
        return False
    token = doc.tokens[mention.tokens.start]
    if not gap.strip() and len(gap) <= 2:
        # the head of a construct never takes the article: «الحكومة الألمانية تركيا»
        # is a subject and an object, «حكومة تركيا» a construct
        last = strip_conjunctions(match_key(doc.tokens[head.tokens.last].text))
        return mention.start == token.start and not last.startswith("ال")
    if "/" in (head.entity or "") or not links or not entity.startswith("org:") \
            or len(gap) > 30:
        return False
    attached = token.text[: mention.start - token.start]
    words = [match_key(w) for w in
             gap[: len(gap) - len(attached)].translate(_GAP_MARKS).split()]
    if not all(w in links for w in words):
        return False
    # مسلحين تابعين لتنظيم داعش: only ل may be attached, after a link word
    return not attached or (bool(words) and strip_conjunctions(attached) in _OWNER_PREFIXES)


class EventCoder:
    """Codes the events of a Doc whose entities (and quotations) are found.

    Two stages: the lexicon and the argument rules give candidates (no actor guard: an
    attack without a named doer is still an attack); the learned decision
    (:mod:`rasid.events.decide`) keeps the event occurrences, sets their type and
    status; then participants get their countries (:mod:`rasid.events.context`) and
    the triggers of one occurrence become one event with several evidence spans.
    Without a trained model the rules decide alone and require a political actor or
    victim, as before the corpus existed.
    """

    def __init__(self, lexicon: EventLexicon, place_country: Any = None, window: int = 8,
                 decider: Decider | None = None, org_code: Any = None) -> None:
        from rasid.resources import load_json

        self.lex = lexicon
        self.heads = frozenset(match_key(w) for w in load_json("titles.json")["head_nouns"])
        # maps a place entity id to its country code (the knowledge base knows)
        self.place_country = place_country or (lambda _place: None)
        # maps an organization's entity id to its international code (UNO, IGO, EUR)
        self.org_code = org_code or (lambda _org: None)
        self.ontology = load_ontology()
        self.window = window
        self.decider = decider if decider is not None else Decider()
        self.classes = WordClasses(lexicon.proclitics)
        # distances and thresholds of the rules live in data/decision.json ("coder")
        self.far_window = int(self.classes.coder["object_window"])
        self.common_zipf = float(self.classes.coder["common_zipf"])
        self.apposition_gap = int(self.classes.coder["apposition_gap"])
        self.title_reach = int(self.classes.coder["title_reach"])
        self._owner_links = self.lex.owner_links | self.lex.group_heads | self.lex.owner_words
        self.context_rules = load_rules()
        self.implicit_rules = load_implicit_rules()
        self.implicit_recipients = load_implicit_recipient_types()
        self.implicit_elsewhere = load_implicit_elsewhere_types()
        self.implicit_foreign = load_implicit_foreign_types()
        self._segmenter = Segmenter(lexicon.lexicon)
        #: the tolls read in the Doc being coded, by sentence start
        self._read: tuple[Doc | None, dict[int, list[Any]]] = (None, {})
        #: the dates layer last read and its starts, for lookups by sentence
        self._date_starts: tuple[list | None, list[int]] = (None, [])
        #: countries the nisbas beside unknown names state, in the Doc being coded
        self._nisbas = NisbaCountries(None)
        self._named: set[int] = set()

    def __call__(self, doc: Doc) -> Doc:
        return self.finish(doc, self.decide_all(self.candidates(doc)))

    def _implicit(self, event: Event, context: ArticleContext, index: int) -> None:
        """Unnamed participants the story makes plain: the doer (always), the one acted
        upon for the types of ``implicit_recipient_types`` (context.json)."""
        def coded(role: str) -> bool:
            return any(a["role"] == role and a["code"] for a in event.arguments)

        wanted = [("actor", event.mode)] if not coded("actor") else []
        if event.type in self.implicit_recipients and not coded("recipient"):
            wanted.append(("recipient", None))
        # a visit to Egypt is not made by Egypt: the doer is of another country
        elsewhere = frozenset(a["code"] for a in event.arguments
                              if a["role"] == "recipient" and a["code"]) \
            if event.type in self.implicit_elsewhere else frozenset()
        for role, mode in wanted:
            implicit = context.implicit(role, index, mode,
                                        elsewhere if role == "actor" else frozenset())
            if implicit is not None:
                event.arguments.append(implicit)
        if event.type in self.implicit_foreign and not coded("recipient") and coded("actor"):
            # the coalition strikes in a Yemen story, a minister visits in an Egypt
            # story: the one acted upon is of the story's country, when the doer is not
            doers = frozenset(a["code"] for a in event.arguments
                              if a["role"] == "actor" and a["code"])
            story = context.dominant(index)
            if story is not None and story not in doers:
                event.arguments.append({"role": "recipient", "entity": None, "code": story,
                                        "sector": None, "basis": "article",
                                        "implicit": True})

    def decide_all(self, candidates: list[Candidate]) -> list[Event]:
        """The events among the candidates: the model decides, or without one the rules
        (a political actor or victim required, one event per trigger set)."""
        if self.decider.available:
            return self._decide(candidates)
        return _dedupe([c.event for c in candidates if c.event.actor or c.event.recipient])

    def finish(self, doc: Doc, events: list[Event]) -> Doc:
        """Participants' countries, one event per occurrence, ids; the layer is set."""
        context = ArticleContext(doc, self.context_rules, self.org_code, self.implicit_rules,
                                 stated=self._nisbas.countries if self._nisbas.doc is doc
                                 else None)
        starts = [s.start for s in doc.sentences]
        for event in events:
            index = max(0, bisect.bisect_right(starts, event.sentence.start) - 1)
            place = self.place_country(event.place) if event.place else None
            event.arguments = [
                context.participant(role, entity, index, place).to_dict()
                for role, ids in (("actor", event.actor), ("recipient", event.recipient))
                for entity in ids]
        events = merge_occurrences(events)
        if self.decider.available:
            for event in events:
                index = max(0, bisect.bisect_right(starts, event.sentence.start) - 1)
                self._implicit(event, context, index)
        for number, event in enumerate(events, start=1):
            event.id = f"e{number}"
            event.text = doc.text
        _link_references(events)
        persons = frozenset(m.start for m in doc.layers.mentions
                            if m.label == "PERS")
        event_starts = sorted(e.sentence.start for e in events)
        for sentence in doc.sentences:
            if any_start_within(event_starts, sentence.start, sentence.end):
                attach(events, self._counts(doc, sentence, persons), doc.text)
        self._read = (None, {})
        self._date_starts = (None, [])
        doc.layers.events = events
        doc.done.add("events")
        return doc

    def candidates(self, doc: Doc, strict: bool | None = None) -> list[Candidate]:
        """Every lexicon match with the event the rules build for it, and its features.

        ``strict`` (the default without a model) drops what the rules alone cannot
        judge: sentences with sports, market or culture words, and agent markers
        (``برصاص``); with a model they are candidates that carry it as a feature.
        """
        if strict is None:
            strict = not self.decider.available
        mentions: list[Mention] = doc.layers.mentions
        quotes = QuoteSpans(doc.layers.quotes)
        entities = {e["id"]: e for e in doc.layers.entities}
        # looked up once per document, not once per sentence or trigger
        in_sentence = mentions_by_sentence(mentions, doc.sentences)
        self._entity_kinds = {e["id"]: e.get("kind") for e in doc.layers.entities}
        per_sentence = [self._sentence(doc, sentence, in_sentence[index], quotes, strict)
                        for index, sentence in enumerate(doc.sentences)]
        sentence_classes, topics = self._word_classes(doc, per_sentence)

        def kinds(ids: list[str]) -> list[str]:
            return sorted({(entities.get(i) or {}).get("kind") or i.split(":", 1)[0]
                           for i in ids})

        persons = frozenset(m.start for m in mentions if m.label == "PERS")
        seen: tuple[set[str], set[str], set[str]] = (set(), set(), set())
        title_stems, title_types = self._title(doc)
        found: list[Candidate] = []
        for index, sentence in enumerate(doc.sentences):
            tokens = sentence.tokens.of(doc.tokens)
            here = self._guarded(tokens, per_sentence[index])
            if here:
                self._tolls(doc, sentence, here, persons)
            entities_here = any(sentence.start <= m.start < sentence.end and m.label != "LOC"
                                for m in in_sentence[index])
            article = {"kinds": kinds, "seen": seen, "entities_here": entities_here,
                       "topics": topics, "title": title_stems, "title_types": title_types,
                       "date": doc.meta.date}
            for candidate in here:
                candidate.sentence_index = index
                candidate.features = featurize(
                    candidate, tokens, sentence_classes[index],
                    (self.classes.before, self.classes.after), article)
                if candidate.agent_marker:
                    candidate.features["agent_marker"] = 1.0
                candidate.features.update(candidate.features_extra)
            seen[0].update(c.event.type for c in here)
            seen[1].update(c.trigger_id for c in here)
            seen[2].update(tokens[c.first].stem.key for c in here)
            found.extend(here)
        add_occurrence_features(doc, found, in_sentence)
        return found

    def _word_classes(self, doc: Doc, per_sentence: list[list[Candidate]]
                      ) -> tuple[list[list[tuple[str, int, int]]], Counter[str]]:
        """The decision's word classes of each sentence that has a candidate (most have
        none), and the article's sports and market words counted over those sentences."""
        sentence_classes: list[list[tuple[str, int, int]]] = []
        topics: Counter[str] = Counter()
        for sentence, here in zip(doc.sentences, per_sentence, strict=True):
            spans = self.classes.spans(
                sentence.tokens.of(doc.tokens)) if here else []
            sentence_classes.append(spans)
            topics.update(name for name, _, _ in spans if name in ("sports", "economy"))
        return sentence_classes, topics

    def _guarded(self, tokens: list[Token], here: list[Candidate]) -> list[Candidate]:
        """A sentence's candidates without figures of speech and what a guard word rules
        out; a sports, market or culture word is marked for the model to weigh."""
        here = [c for c in here if not self._figurative(tokens, c)]
        if here and self.lex.contexts.match(tokens):
            for candidate in here:
                candidate.features_extra["not_event_context"] = 1.0
        for candidate in here:
            candidate.guard = self.classes.guard(tokens, candidate.first)
        return [c for c in here if c.guard != "not-event"]

    def _counts(self, doc: Doc, sentence: Sentence, persons: frozenset[int]) -> list[Any]:
        """The tolls of a sentence, read once per Doc (the decision and the events both
        use them)."""
        if self._read[0] is not doc:
            self._read = (doc, {})
        found = self._read[1]
        if sentence.start not in found:
            found[sentence.start] = find_counts(doc.text, sentence.start, sentence.end,
                                                persons)
        return found[sentence.start]

    def _tolls(self, doc: Doc, sentence: Sentence, here: list[Candidate],
               persons: frozenset[int]) -> None:
        """Mark the candidates whose trigger word states a toll of a kind its type can
        carry (``مقتل 14 جنديا``): a feature of the learned decision (a stated toll is
        rarely a figure of speech; a toll restated after «وأسفر الهجوم عن» still is no
        new occurrence, so the toll alone never forces an event)."""
        for count in self._counts(doc, sentence, persons):
            for candidate in here:
                start = candidate.event.trigger.start
                if count.start <= start < count.end \
                        and candidate.event.type in carriers(count.kind):
                    candidate.toll = count.kind
                    candidate.features_extra["toll"] = 1.0

    def _common(self, token: Token) -> bool:
        """A frequent ordinary word (زيارة، دعوة), which a name tagger's span may
        swallow but which stays a trigger."""
        return self.lex.lexicon.zipf(match_key(token.text)) >= self.common_zipf

    def _complete(self, doc: Doc, event: Event) -> bool:
        """Named political participants on both sides of the frame (or two reciprocal
        actors): states, people and organizations, not generic agents."""
        kinds = self._entity_kinds

        def named(ids: list[str]) -> list[str]:
            return [i for i in ids if kinds.get(i) in self.classes.frame_kinds]

        actors = named(event.actor)
        return bool(actors) and (bool(named(event.recipient)) or len(actors) >= 2)

    def _figurative(self, tokens: list[Token], candidate: Candidate) -> bool:
        """A verb whose subject is weather, disease, an abstraction or an animal
        (حاصرت الثلوج، اغتالت البيروقراطية، هاجم كلب) is a figure of speech or a natural
        event, never a political one (``not_agents`` in ``data/decision.json``)."""
        following = tokens[candidate.last + 1 : candidate.last + 2]
        return bool(following) and (
            following[0].stem.key in self.classes.not_agents
            or match_key(following[0].text) in self.classes.not_agents)

    def _title(self, doc: Doc) -> tuple[frozenset[str], frozenset[str]]:
        """Word stems of the article's title and the event types its words trigger: the
        title names the article's news, so a trigger it repeats is rarely background."""
        title = doc.meta.title
        if not title:
            return frozenset(), frozenset()
        tokens = self._segmenter.tokens(title)
        types = set()
        for match in self.lex.index.match(tokens):
            trigger = self.lex.triggers.get(match.entries[0].entity_id)
            if trigger is not None:
                types.add(trigger.type)
        return frozenset(t.stem.key for t in tokens), frozenset(types)

    def _decide(self, candidates: list[Candidate]) -> list[Event]:
        return [event for event in map(self._judge, candidates) if event is not None]

    def _judge(self, candidate: Candidate) -> Event | None:
        """The model's decision on one candidate, with the two overrides the rules keep:
        a verbal attack is criticism (ACCUSE), and a frame with named political
        participants on both sides is an event of its lexicon type (the corpus is too
        small to teach every type of it)."""
        event = candidate.event
        rule_type = event.type
        label, share, status, status_p = self.decider.decide(
            candidate.features, rule_type, candidate.trigger_id)
        overridden = False
        if candidate.guard == "verbal" and rule_type == "ASSAULT":
            # شن الوزير هجوما حادا على سياسة الحكومة: criticism, not violence
            self._retype(event, "ACCUSE", "disapprove")
            rule_type = label = "ACCUSE"
            overridden = True
        elif candidate.complete_frame:
            overridden = label == NO_EVENT
            label = rule_type  # the frame keeps its own type
        if overridden:
            share = max(share, self.classes.frame_floor)
            if self.decider.status_model is not None:
                status, status_p = self.decider.status(candidate.features)
        elif candidate.complete_frame:
            share = max(share, self.classes.frame_floor)
        if label == NO_EVENT:
            return None
        if label != event.type:
            self._retype(event, label)
        if candidate.guard == "reference":
            status = "reference"  # وأسفر الهجوم عن …: the attack is already reported
        event.status = status
        event.confidence = round(share, 3)
        event.decision = {"label": label, "p_event": round(share, 3),
                          "status_p": round(status_p, 3), "rule_type": rule_type}
        return event

    def _retype(self, event: Event, label: str, mode: str | None = None) -> None:
        etype = self.ontology[label]
        mode = mode if mode in etype.modes else event.mode if event.mode in etype.modes \
            else None
        event.type, event.mode = label, mode
        event.quad, event.score = etype.quad, etype.mode_score(mode)
        event.cameo = etype.mode_cameo(mode)

    # -- one sentence -----------------------------------------------------------------
    def _sentence(self, doc: Doc, sentence: Sentence, mentions: list[Mention],
                  quotes: QuoteSpans, strict: bool) -> list[Candidate]:
        """Candidates of one sentence; ``mentions`` are those starting in it (or at its
        end), as ``mentions_by_sentence`` gives them."""
        tokens = sentence.tokens.of(doc.tokens)
        self._sentence_mentions = mentions
        if not tokens:
            return []
        matches = self.lex.index.match(tokens)
        if not matches:
            return []  # most sentences: no trigger word, nothing more to look at
        if (self.lex.contexts if strict else self.lex.sports).match(tokens):
            return []  # sports (and, for the rules alone, markets and culture)
        blocked = set()
        for match in self.lex.blockers.match(tokens):
            blocked.update(range(match.first, match.last + 1))
        for mention in mentions:  # a name is no trigger: فيصل is not ف + يصل
            if not (sentence.start <= mention.start < sentence.end) or mention.source not in (
                    "gazetteer", "tagger") or mention.label not in ("PERS", "ORG", "LOC"):
                continue
            if (mention.entity or "").startswith("agent:"):
                continue  # a generic noun (انتحاري، الجيش) is no name: هجوم انتحاري is
            for index in mention.tokens.indices():
                token = doc.tokens[index]
                if mention.source == "tagger" and self._common(token):
                    continue  # the tagger's span swallowed a word (زيارة كارتر)
                blocked.add(index - sentence.tokens.start)
        args = self._arguments(doc, sentence, mentions)
        # the words of names, which no clause boundary may be read in (بان كي مون)
        self._named = {index - sentence.tokens.start for mention in mentions
                       if mention.label == "PERS" and sentence.start <= mention.start
                       for index in mention.tokens.indices()}
        dates = self._sentence_dates(doc, sentence, tokens)
        # modality cues once per sentence; each trigger reads those of its clause
        self._cues: dict[str, list[Any]] = {}
        for cue in self.lex.modality_index.match(tokens):
            for kind in {entry.entity_id for entry in cue.entries}:
                self._cues.setdefault(kind, []).append(cue)
        found: list[Candidate] = []
        for match in matches:
            if any(i in blocked for i in range(match.first, match.last + 1)):
                continue
            trigger = self.lex.triggers.get(match.entries[0].entity_id)
            if trigger is None:
                continue
            marker = match.first == match.last and (match_key(tokens[match.first].text),) \
                in self.lex.agent_markers
            if marker and strict:
                continue  # برصاص introduces the doer of another trigger
            event = self._code(doc, sentence, tokens, match.first, match.last, trigger, args,
                               dates, quotes)
            if event is not None:
                candidate = Candidate(event, 0, match.first, match.last, trigger.id)
                candidate.agent_marker = marker
                candidate.complete_frame = self._complete(doc, event)
                found.append(candidate)
        return found

    def _arguments(self, doc: Doc, sentence: Sentence, mentions: list[Mention]) -> list[_Arg]:
        """Outermost mentions of the sentence, with apposition folded and coordination
        grouped.

        ``الرئيس الإيراني محمود أحمدي نجاد``: a nisba next to a name is one argument,
        the name; ``روسيا وإيران``, ``الإيرانية- الروسية``: one compound argument.
        """
        if self._nisbas.doc is not doc:
            self._nisbas = NisbaCountries(doc)
        inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end
                  and (m.label in _ACTOR_LABELS or m.label == "LOC") and m.refers_to()]
        outer = [m for m in inside if not any(o is not m and o.start <= m.start and
                                              m.end <= o.end and (o.end - o.start) >
                                              (m.end - m.start) for o in inside)]
        outer.sort(key=lambda m: m.start)
        groups: list[_Arg] = []
        for mention in outer:
            first = mention.tokens.start - sentence.tokens.start
            last = mention.tokens.last - sentence.tokens.start
            if groups:
                previous = groups[-1]
                gap = doc.text[previous.mentions[-1].end : mention.start]
                ranks = len(gap) <= self.apposition_gap and all(
                    match_key(word) in self.lex.apposition_words for word in gap.split())
                joined = (gap.strip() in ("", "-", "–") and len(gap) <= 3) or ranks
                attached_and = doc.tokens[mention.tokens.start].text[:1] == "و" and \
                    mention.start > doc.tokens[mention.tokens.start].start and gap.strip() == ""
                if attached_and or gap.strip(" -–") == "و":
                    previous.mentions.append(mention)
                    previous.last = last
                    continue
                head = previous.mentions[-1]
                if _owner_of(doc, head, mention, gap, self._owner_links):
                    # مقاتلات التحالف الدولي, مسلحو تنظيم القاعدة: the owner acts
                    previous.mentions[-1] = mention
                    previous.last = last
                    continue
                nisba = "nisba" in (head.extra.get("form"), mention.extra.get("form"))
                if joined and "-" not in gap and "–" not in gap and nisba:
                    # apposition: keep the more specific of the two (a name over a nisba)
                    if head.label == "LOC" and not head.stands_for:
                        pass  # في مدينة الحسكة السورية: the nisba says where the place is
                    elif _specificity(mention) > _specificity(head):
                        previous.mentions[-1] = mention
                        previous.adjectival = False
                        self._nisbas.note(mention, head)
                    else:
                        self._nisbas.note(head, mention)
                    previous.last = last
                    continue
                if joined and ("-" in gap or "–" in gap):
                    previous.mentions.append(mention)  # الإيرانية- الروسية
                    previous.last = last
                    continue
            groups.append(_Arg([mention], first, last, self._preposition(doc, mention),
                               self._adjectival(doc, mention)))
        return groups

    @staticmethod
    def _adjectival(doc: Doc, mention: Mention) -> bool:
        """A nisba after an ordinary noun is an adjective (التصعيد الإسرائيلي)."""
        if mention.extra.get("form") != "nisba" or mention.tokens.start == 0:
            return False
        token = doc.tokens[mention.tokens.start]
        if mention.start > token.start:
            return False  # والإيرانية: a clitic in front, not an adjective
        previous = doc.tokens[mention.tokens.start - 1]
        return previous.kind == "arabic"

    def _preposition(self, doc: Doc, mention: Mention) -> str | None:
        """The preposition governing a mention: attached (لموسكو), before it (على داعش),
        or before the head noun that the mention qualifies (بالعاهل الأردني, بين وفدي)."""
        token = doc.tokens[mention.tokens.start]
        attached = strip_conjunctions(token.text[: mention.start - token.start])
        found, targeted = self._target_head(doc, mention.tokens.start)
        if found:
            # على مواقع (تابعة) للحوثيين: the preposition of the target noun governs;
            # قصفت أهدافا لداعش: a bare target noun makes its owner the object
            return targeted
        for letter in _ATTACHED:
            if attached.startswith(letter):
                return _ATTACHED[letter]
        title_word = False
        for back in (1, 2):
            index = mention.tokens.start - back
            if index < 0:
                return None
            previous = doc.tokens[index]
            if previous.kind != "arabic":
                return None
            key = match_key(previous.text)
            key = strip_conjunction(key, min_rest=2)
            if key in _PREPOSITIONS and not title_word:
                return _PREPOSITIONS[key]
            words = previous.words
            prep = next((w for w in words[:2] if w.role == "prep"), None)
            stem = next((w.key for w in words if w.role == "stem"), key)
            is_head = key in self.heads or stem in self.heads or (
                len(words) > 1 and match_key("ال" + stem) in self.heads)
            if prep is not None and len(words) > 1 and is_head:
                return _ATTACHED.get(prep.text)
            if not is_head and back == 1 and prep is None and key.startswith("ال") \
                    and mention.extra.get("form") == "nisba":
                # بوزير الخارجية المصري: the title's second word; only a head noun
                # with its own preposition may stand before it (ضد التدخل الإيراني:
                # the nisba qualifies the noun, no preposition governs it)
                title_word = True
                continue
            if title_word or not is_head:
                return None  # only a head noun (وفدي, العاهل) may stand in between
        return None

    def _target_head(self, doc: Doc, index: int) -> tuple[bool, str | None]:
        """Whether a mention owns a target noun before it, and the preposition before
        that noun: «على مواقع للحوثيين», «على مواقع تابعة لداعش», «على تجمعات الحوثيين»
        (``على``), «قصفت أهدافا لداعش» (none: the object). The nouns are data."""
        j = index - 1
        while j >= 0 and doc.tokens[j].text in _QUOTES:
            j -= 1  # مواقع لتنظيم «داعش»
        if j >= 0 and doc.tokens[j].stem.key in self.lex.group_heads:
            j -= 1  # the group's own head noun: مواقع لتنظيم داعش، معاقل جماعة الحوثي
        if j >= 0 and match_key(doc.tokens[j].text) in self.lex.owner_words:
            j -= 1
        if j < 0:
            return False, None
        head = doc.tokens[j]
        keys = {head.stem.key, match_key(head.text)}
        ends = self.lex.accusative_endings
        keys |= {k[: -len(e)] for k in keys for e in ends if k.endswith(e)}  # أهدافا، مقرا
        if not keys & self.lex.target_heads:
            return False, None
        prep = next((w for w in head.words[:2] if w.role == "prep"), None)
        if prep is not None:
            return True, _ATTACHED.get(prep.text)
        if j == 0:
            return True, None
        key = match_key(doc.tokens[j - 1].text)
        key = strip_conjunction(key, min_rest=2)
        return True, _PREPOSITIONS.get(key)

    # -- one trigger ----------------------------------------------------------------
    def _code(self, doc: Doc, sentence: Sentence, tokens: list[Token], first: int, last: int,
              trigger: Trigger, args: list[_Arg], dates: list, quotes: QuoteSpans
              ) -> Event | None:
        etype = self.ontology.get(trigger.type)
        if etype is None:
            return None
        frame, passive, victims_before = self._voice(doc, tokens, first, last, trigger, args)
        clause_start = self._clause_start(tokens, first)
        after = [a for a in args if a.first > last and a.first - last <= self.window]
        far = [a for a in args if a.first > last and a.first - last <= self.far_window]
        before = [a for a in args if a.last < first and a.first >= clause_start]
        recipient: _Arg | None = None
        slots_used: list[str] = []
        modality = self._modality(doc, tokens, first, clause_start)
        actor = self._actor(frame, passive, trigger, tokens, (first, last), args,
                            (after, before, clause_start), modality, slots_used)
        subject_before = actor is not None and actor.last < first
        if victims_before is None:  # victims before the verb: it has no object
            recipient = self._recipient(frame, trigger, tokens, (first, last), args,
                                        (after, far, before, clause_start), actor, dates,
                                        slots_used)
        if recipient is None:
            recipient, slot = self._fallback_recipient(tokens, last, trigger, actor, after, far,
                                                       passive, victims_before)
            if slot is not None:
                slots_used.append(f"recipient={slot}")
        if actor is None:
            # the doer named after a marker: برصاص قوات الأمن, على أيدي, من قبل
            agent = self._marked_agent(tokens, last, far)
            if agent is not None:
                actor = agent
                slots_used.append("actor=agent-marker")
        place = self._place_slot(frame, trigger, tokens, (first, last),
                                 (after, before, clause_start > 0), subject_before) \
            or self._located(doc, sentence, self._sentence_mentions)
        actor_ids = self._political(actor)
        recipient_ids = [e for e in self._political(recipient) if e not in actor_ids]
        if "place" in frame.get("require", []) and place is None:
            return None  # a motion verb (توجه, وصل) is a visit only with a destination
        if not recipient_ids and place is not None and frame.get("place"):
            # a visit to a city is a visit to its country
            country = self.place_country(place)
            if country and f"country:{country}" not in actor_ids:
                recipient_ids = [f"country:{country}"]
                slots_used.append("recipient=place-country")
        actor_ids, recipient_ids = self._reciprocal(trigger, args, first, recipient, actor_ids,
                                                    recipient_ids, slots_used)
        if frame.get("swap") and recipient_ids:
            actor_ids, recipient_ids = recipient_ids, actor_ids
            slots_used.append("swapped")
        return self._event(doc, sentence, tokens, (first, last), trigger, (dates, quotes),
                           _Coded(actor, recipient, actor_ids, recipient_ids, place, passive,
                                  modality, slots_used))

    def _actor(self, frame: dict[str, Any], passive: bool, trigger: Trigger,
               tokens: list[Token], span: tuple[int, int], args: list[_Arg],
               around: tuple[list[_Arg], list[_Arg], int], modality: str,
               slots_used: list[str]) -> _Arg | None:
        """The doer: a participle's sentence subject, the frame's actor slots, the
        clause's subject when it was dropped or stands far, a light verb's subject."""
        first, last = span
        after, before, clause_start = around
        opened = clause_start > 0
        actor: _Arg | None = None
        hal = not passive and hal_participle(tokens[first])
        if hal:
            # «…، محملا تنظيم القاعدة المسؤولية»: a participle of circumstance has the
            # sentence's subject before it as its doer; the group after is its object
            actor = reciprocal_partner(args, first, None)
            if actor is not None:
                slots_used.append("actor=hal-subject")
        for slot in frame.get("actor", []):
            if passive or hal:
                break
            actor = self._slot(slot, trigger, after, before, last, tokens, first, opened)
            if actor is not None:
                slots_used.append(f"actor={slot}")
                break
        near = [a for a in before if a.prep is None and not a.adjectival
                and (first - a.last <= 5 or (opened and a.first == clause_start))]
        if actor is None and not passive and (trigger.pos == "verb" or near or modality in (
                "intended", "attempted", "future")):
            # a dropped or distant subject: the clause's subject (تسعيان لمواصلة التعاون)
            actor = next((a for a in reversed(before) if a.prep is None
                          and not a.adjectival and not led_by(tokens, a)), None)
            if actor is not None:
                slots_used.append("actor=clause-subject")
        if actor is None and not passive and trigger.pos == "verb" and opened and \
                self._pronoun_clause(tokens, clause_start):
            # «وقالت البحرين إنها أحبطت مؤامرة»: the pronoun on «إن» is the subject of
            # the clause it opens, the speaker before it
            actor = next((a for a in reversed(args) if a.last < clause_start
                          and a.prep is None and not a.adjectival and not a.is_place
                          and not led_by(tokens, a)), None)
            if actor is not None:
                slots_used.append("actor=pronoun-clause")
        if actor is None and not passive and (trigger.pos == "noun" or
                                               frame is not trigger.frame):
            actor = self._light_verb_subject(tokens, first, args)
            if actor is not None:
                slots_used.append("actor=light-verb-subject")
        if actor is None and not passive and trigger.pos == "noun":
            actor = self._noun_doer(tokens, (first, last), args, before, slots_used)
        return actor

    def _noun_doer(self, tokens: list[Token], span: tuple[int, int], args: list[_Arg],
                   before: list[_Arg], slots_used: list[str]) -> _Arg | None:
        """The doer of a verbal noun that no slot filled: the clause's subject, the
        sentence's opening subject when a pronoun on the noun refers to it, or the
        nisba of a subject that is a thing."""
        first, last = span
        actor = next((a for a in before if a.prep is None and not a.adjectival
                      and not led_by(tokens, a)), None)
        if actor is not None:
            slots_used.append("actor=sentence-subject")
            return actor
        if any(word.role == "pron" for word in tokens[last].words):
            # «…، ودعا خلال لقائه المبعوث»: the pronoun on the noun is its doer, the
            # subject that opened the sentence, across the clauses since
            actor = next((a for a in args if a.last < first and a.prep is None
                          and not a.adjectival and not a.is_place
                          and not led_by(tokens, a)), None)
            if actor is not None:
                slots_used.append("actor=possessor")
                return actor
        # «وصلت سفينة سعودية محملة بالمساعدات»: the subject is a thing, its nisba
        # says whose it is
        actor = next((a for a in before if a.prep is None and a.adjectival), None)
        if actor is not None:
            slots_used.append("actor=subject-nisba")
        return actor

    def _place_slot(self, frame: dict[str, Any], trigger: Trigger, tokens: list[Token],
                    span: tuple[int, int], around: tuple[list[_Arg], list[_Arg], bool],
                    subject_before: bool) -> str | None:
        """The place the frame's place slots name: a city, a capital for its state, or a
        state itself (وصل إلى اليمن); the last such mention of the last slot filled."""
        first, last = span
        after, before, opened = around
        place = None
        for slot in frame.get("place", []):
            candidate = self._slot(slot, trigger, after, before, last, tokens, first, opened,
                                   subject_before)
            if candidate is not None:
                for mention in candidate.mentions:
                    if mention.label == "LOC" or mention.stands_for or (
                            mention.label == "GPE" and (mention.entity or "").startswith(
                                "country:") and mention.extra.get("form") != "nisba"):
                        place = mention.entity
        return place

    def _event(self, doc: Doc, sentence: Sentence, tokens: list[Token], span: tuple[int, int],
               trigger: Trigger, context: tuple[list, QuoteSpans], coded: _Coded) -> Event:
        """The Event of a coded trigger: intended cooperation recoded AGREE, its date,
        the quotation that reports it, the rule that fired and a confidence."""
        first, last = span
        dates, quotes = context
        slots_used, modality, passive = coded.slots, coded.modality, coded.passive
        actor_ids, recipient_ids = coded.actor_ids, coded.recipient_ids
        etype_name, mode, rule_note = trigger.type, trigger.mode, ""
        if modality in ("intended", "future") and etype_name in _COOPERATIVE - {"CONSULT"}:
            etype_name, mode = "AGREE", None
            rule_note = "; intended cooperation coded AGREE"
        etype = self.ontology[etype_name]
        start, end = tokens[first].start, tokens[last].end
        quote = quotes.containing(start, end)
        date, precision = self._date(dates, tokens, first, doc.meta.date)
        weights = self.classes.rule_confidence
        confidence = weights["base"] + weights["actor"] * bool(actor_ids) + weights[
            "recipient"] * bool(recipient_ids or not etype.needs_recipient)
        if passive:
            confidence -= weights["passive"]
        return Event(
            type=etype_name, mode=mode, actor=actor_ids, recipient=recipient_ids,
            modality=modality, trigger=Span(start, end), sentence=sentence.span,
            rule_id=f"{trigger.id}:{'/'.join(slots_used) or 'no-args'}",
            rule=f"{trigger.pos} «{trigger.lemma}» {etype_name}"
                 f"{'/' + mode if mode else ''} with {', '.join(slots_used) or 'no arguments'}"
                 f"{' (passive)' if passive else ''}{rule_note}",
            confidence=min(confidence, weights["cap"]), quad=etype.quad,
            score=etype.mode_score(mode), cameo=trigger.cameo or etype.mode_cameo(mode),
            date=date, date_precision=precision, place=coded.place,
            reported_by=quote.id if quote else None,
            reported_by_entity=quote.speaker_entity if quote else None,
            actor_mentions=[m.id for m in coded.actor.mentions] if coded.actor else [],
            recipient_mentions=[m.id for m in coded.recipient.mentions] if coded.recipient
            else [],
        )

    def _voice(self, doc: Doc, tokens: list[Token], first: int, last: int, trigger: Trigger,
               args: list[_Arg]) -> tuple[dict[str, Any], bool, _Arg | None]:
        """The frame to read and the voice of a trigger: a verb in the shape of a verbal
        noun reads as one; passive forms, a killing verb before a number (قتل خمسة جنود)
        or an indefinite victim (قتل طفل) are passive, unless their doer stands right
        before them; victims before a verb without object (أربعة مدنيين قتلوا في قصف)
        are returned as its recipient."""
        frame = trigger.frame
        passive = match_key(tokens[first].text) in trigger.passive or \
            tokens[first].stem.key in trigger.passive
        counted = trigger.pos == "verb" and match_key(trigger.lemma) in self.lex.counted_victims
        if trigger.pos == "verb" and self.lex.is_nominal(tokens[first]) \
                and not verb_not_noun(tokens[first]):
            frame = _nominal_frame(frame)
        elif counted and last + 1 < len(tokens) and (
                tokens[last + 1].kind == "number"
                or match_key(tokens[last + 1].text) in self.lex.quantity_words) \
                and not subject_right_before(args, first, tokens):
            passive = True  # «قوات الأمن تقتل 6 متشددين» has its doer before it (SVO)
        elif counted and self._indefinite_victim(doc, tokens, first, last, trigger, args):
            passive = True
        victims_before = None
        if not passive and counted:
            victims_before = victims_before_verb(args, first, last, tokens)
            passive = victims_before is not None
        return frame, passive, victims_before

    def _recipient(self, frame: dict[str, Any], trigger: Trigger, tokens: list[Token],
                   span: tuple[int, int], args: list[_Arg],
                   around: tuple[list[_Arg], list[_Arg], list[_Arg], int],
                   actor: _Arg | None, dates: list, slots_used: list[str]) -> _Arg | None:
        """Who undergoes the act: the frame's recipient slots in order (a verb's object
        may stand far, unless a noun that names no one stands first), or after a
        possessor's pronoun the bare group right after the noun."""
        first, last = span
        after, far, before, clause_start = around
        subject_before = actor is not None and actor.last < first
        for slot in frame.get("recipient", []):
            pool = far if slot == "object" and trigger.pos == "verb" else after
            candidate = self._slot(slot, trigger, [a for a in pool if a is not actor],
                                   before, last, tokens, first, clause_start > 0,
                                   subject_before)
            if candidate is not None and slot == "object" and trigger.pos == "verb" \
                    and candidate.prep is None \
                    and self._unnamed_object(tokens, last, actor, candidate, args, dates):
                candidate = None  # the object is a noun that names no one
            if candidate is not None and candidate is not actor:
                slots_used.append(f"recipient={slot}")
                return candidate
        if "actor=possessor" in slots_used:
            # «لقائه المبعوث الأممي», «زيارته القاهرة»: after the possessor's pronoun, the
            # verbal noun takes its object bare, as its verb would
            candidate = next((a for a in after if a is not actor), None)
            if candidate is not None and candidate.prep is None and not candidate.adjectival \
                    and candidate.first - last <= 6 and not any(
                        _is_preposition(t) for t in tokens[last + 1 : candidate.first]):
                slots_used.append("recipient=object")
                return candidate
        return None

    def _unnamed_object(self, tokens: list[Token], last: int, actor: _Arg | None,
                        candidate: _Arg, args: list[_Arg], dates: list) -> bool:
        """«استدعت الوزارة خمسة سفراء أوروبيين …», «طالب الحزب المنظمات الدولية بـ…»: the
        verb's object is a noun phrase that names no actor, so the first name after it
        (deep in a relative clause or a later phrase) is not the object. A closed noun
        phrase (a definite noun, or an indefinite one in the accusative, ـا) between the
        verb, or its subject after it, and the name says so; dates, honorifics, target
        heads (مواقع), counted nouns, adjectives of the subject and construct heads
        (مقر قيادة … داعش: the name owns the object) do not, and the search stops at
        the first preposition. Without a named subject the first such noun may be the
        subject: two are needed."""
        start = last + 1
        if actor is not None and actor.first > last:
            start = actor.last + 1
        covered = {i for a in args for i in range(a.first, a.last + 1)}
        spans = [(d.start, d.end) for d in dates]
        count = 0
        adjective = start - 1 in covered
        for i in range(start, candidate.first):
            token = tokens[i]
            definite = any(w.role == "det" for w in token.words)
            if token.kind != "arabic" or i in covered:
                adjective = i in covered
                continue
            if adjective and definite and self._adjective_shape(token):
                continue  # القوات العراقية المشتركة: an adjective of the group before
            adjective = False
            if _is_preposition(token):
                break
            key = strip_conjunction(match_key(token.text), min_rest=2)
            if any(a <= token.start < b for a, b in spans) or key in self.lex.target_heads \
                    or token.stem.key in self.lex.target_heads or key in self.lex.quantity_words \
                    or honorific_count(tokens, i, i + 1):
                continue
            if definite or (key.endswith(self.lex.accusative_endings) and len(key) > 3):
                count += 1
        return count >= (1 if actor is not None else 2)

    @staticmethod
    def _pronoun_clause(tokens: list[Token], clause_start: int) -> bool:
        """The clause opens with أن/إن carrying a third-person pronoun (إنها، أنهم)."""
        key = strip_conjunctions(match_key(tokens[clause_start].text))
        starts = word_set("complement_pronoun_starts")
        return key in starts or (key[:1] in word_set("attached_prepositions")
                                 and key[1:] in starts)

    def _adjective_shape(self, token: Token) -> bool:
        """A word shaped like an adjective (a nisba, a participle), by its stem's key."""
        nisba, starts, endings = self.lex.adjective_shapes
        key = token.stem.key
        return key.endswith(nisba) or (key.startswith(starts) and key.endswith(endings))

    def _fallback_recipient(self, tokens: list[Token], last: int, trigger: Trigger,
                            actor: _Arg | None, after: list[_Arg], far: list[_Arg],
                            passive: bool, victims_before: _Arg | None
                            ) -> tuple[_Arg | None, str | None]:
        """The recipient when the frame's slots found none, and the slot's name: the
        other party of a meeting named with «ب» or «مع», also behind a long subject, a
        place and a day (التقى الوزير فلان في جدة أمس بنظيره); the owner of an attack's
        target after «على» or «استهدف» (غارات على مواقع وتجمعات للحوثيين); the victims
        before a verb without object; the subject of a passive after it."""
        if trigger.reciprocal and trigger.type == "CONSULT":
            partners = word_set("reciprocal_prepositions")
            found = next((a for a in far if a.prep in partners and not a.is_place
                          and a is not actor), None)
            if found is not None:
                return found, f"prep:{found.prep}"
        if trigger.type == "ASSAULT" and victims_before is None and not passive:
            found = target_after(tokens, [a for a in far if a is not actor], last)
            if found is not None:
                return found, "target"
        if victims_before is not None:
            return victims_before, "victims-before"
        if passive:
            found = next((a for a in after if (a.prep is None or partitive(
                tokens, a, self.lex.quantity_words)) and not a.is_place), None)
            if found is not None:
                return found, "passive-subject"
        return None, None

    def _reciprocal(self, trigger: Trigger, args: list[_Arg], first: int,
                    recipient: _Arg | None, actor_ids: list[str], recipient_ids: list[str],
                    slots_used: list[str]) -> tuple[list[str], list[str]]:
        """Both sides of a reciprocal event are actors (PLOVER puts all parties in
        actor): with «مع»/«بين»/«ب» or an object; a party named only by «مع» or «ب»
        (لقاء مع نظيره الفرنسي) has the nearest subject before as the other party;
        a directed one (التقرب إلى القاهرة) keeps its direction."""
        if not trigger.reciprocal:
            return actor_ids, recipient_ids
        if recipient_ids and not actor_ids and (
                "recipient=prep:مع" in slots_used or "recipient=prep:ب" in slots_used):
            partner = reciprocal_partner(args, first, recipient)
            actor_ids = [e for e in self._political(partner) if e not in recipient_ids]
            if actor_ids:
                slots_used.append("actor=reciprocal-partner")
        if recipient_ids and not actor_ids:
            return recipient_ids, []
        mutual = any(slot.startswith("recipient=") and slot.split("=", 1)[1] in (
            "prep:مع", "prep:بين", "prep:ب", "object") for slot in slots_used)
        if actor_ids and recipient_ids and mutual:
            return actor_ids + recipient_ids, []
        return actor_ids, recipient_ids

    def _indefinite_victim(self, doc: Doc, tokens: list[Token], first: int, last: int,
                           trigger: Trigger, args: list[_Arg]) -> bool:
        """The unvocalized bare verb (قتل، جرح) before an indefinite noun of victims is
        passive in news (قتل طفل، قتل جندي); armed groups and gunmen stay doers
        (قتل مسلحون ضابطا)."""
        key = match_key(tokens[first].text)
        key = strip_conjunction(key, min_rest=3)
        if first != last or key != match_key(trigger.lemma) or last + 1 >= len(tokens):
            return False
        following = tokens[last + 1]
        if following.kind != "arabic" or any(w.role == "det" for w in following.words):
            return False
        if any(a.last == first - 1 and a.prep is None and not a.is_place for a in args):
            return False  # جيش الاحتلال قتل شابا: the doer stands before the verb (SVO)
        arg = next((a for a in args if a.first == last + 1), None)
        if arg is None:
            return False
        sectors = {e["id"]: e.get("sector") for e in doc.layers.entities}
        return all(sectors.get(m.entity or "") not in ("UAF", "REB", "CRM", None)
                   for m in arg.mentions)

    def _light_verb_subject(self, tokens: list[Token], first: int, args: list[_Arg]
                            ) -> _Arg | None:
        """«شن طيران التحالف أمس سلسلة غارات»: the subject of a light verb (شن، نفذ، أجرى)
        shortly before a verbal noun is the noun's actor, across commas and adverbs."""
        for lv in range(first - 1, max(-1, first - 8), -1):
            if match_key(tokens[lv].text) not in self.lex.light_verbs and \
                    tokens[lv].stem.key not in self.lex.light_verbs:
                continue
            between = [a for a in args if lv < a.first and a.last < first and a.prep is None
                       and not a.adjectival and not a.is_place]
            if between:
                return between[0]
            before = [a for a in args if a.last < lv and lv - a.last <= 3 and a.prep is None
                      and not a.adjectival and not a.is_place]
            return before[-1] if before else None
        return None

    def _slot(self, slot: str, trigger: Trigger, after: list[_Arg], before: list[_Arg], last: int,
              tokens: list[Token], first: int = 0, clause_opened: bool = False,
              subject_before: bool = False) -> _Arg | None:
        if slot == "subject":
            # SVO: a bare group right before the verb, or first in a clause opened by
            # إن/أن; VSO: the group that follows the verb at once (a title may stand
            # first: قال الرئيس الروسي)
            bare_before = [a for a in before if a.prep is None and not a.is_place
                           and (not a.adjectival or self._titled_nisba(tokens, a))]
            if bare_before and (bare_before[-1].last >= first - 2 or clause_opened):
                return bare_before[-1]
            direct, skipped = subject_after(after)
            if direct is not None and owned_subject(tokens, last, direct):
                return direct  # أدانت الأمانة العامة لمنظمة التعاون: the body's office
            body = office_body(tokens, direct, after) if direct is not None else None
            if body is not None:
                return body  # the office was read as a name of its own
            titled = direct is not None and direct.adjectival and direct.first > last + 1 \
                and (tokens[last + 1].stem.key in self.heads
                     or match_key(tokens[last + 1].text) in self.heads)
            if direct is not None and direct.prep is None and (not direct.adjectival or titled) \
                    and \
                    not direct.is_place and \
                    direct.first - last - skipped - honorific_count(
                        tokens, last + 1, direct.first) <= 3 \
                    and not any(
                        _is_preposition(t) for t in tokens[last + 1 : direct.first]):
                return direct
            if bare_before:
                return bare_before[-1]
            return self._titled_subject(tokens, last, after)
        if slot == "object":
            # the actor has been taken out of ``after`` already: the next bare group;
            # people named by a nisba count (خطفوا مهندسين أتراك)
            plain = [a for a in after if (a.prep is None or partitive(
                tokens, a, self.lex.quantity_words)) and not a.is_place]
            return plain[0] if plain else None
        if slot in ("genitive", "nisba"):
            # the genitive or adjective stands right after the noun: زيارة روحاني
            nxt = after[0] if after else None
            if nxt is not None and slot == "genitive" and nxt.first - last <= 4 \
                    and partitive(tokens, nxt, self.lex.quantity_words):
                return nxt  # مقتل 13 من عناصر التنظيم: a counted genitive
            return nxt if nxt is not None and nxt.prep is None and nxt.first - last <= 1 \
                else None
        if slot.startswith("prep:"):
            wanted = slot[5:]
            wanted = word_map("slot_spellings").get(wanted, wanted)
            return next((a for a in after if a.prep == wanted), None)
        return None

    def _titled_nisba(self, tokens: list[Token], arg: _Arg) -> bool:
        """«إن رئيس الأركان الأمريكي طالب …»: a nisba closing an office title that
        names no one the knowledge base knows stands for its holder, the subject."""
        for j in range(arg.first - 1, max(-1, arg.first - 4), -1):
            token = tokens[j]
            if token.kind != "arabic" or _is_preposition(token):
                return False
            if token.stem.key in self.heads or match_key(token.text) in self.heads:
                return True
        return False

    def _titled_subject(self, tokens: list[Token], last: int, after: list[_Arg]
                        ) -> _Arg | None:
        """A subject after the verb behind a long title whose complement names a place
        or a body (زار المبعوث الخاص إلى سوريا ستافان دي ميستورا طهران): the verb is
        followed at once by a title's head noun, and the first bare group of actors
        after it, within the title's reach and before any comma, is the holder."""
        start = last + 1
        if start >= len(tokens):
            return None
        keys = {tokens[start].stem.key, match_key(tokens[start].text)}
        if not keys & (self.heads | self.lex.office_heads):
            return None
        reach = start + self.title_reach
        for arg in after:
            if arg.first > reach:
                return None
            if any(t.text in _CLAUSE_MARKS for t in tokens[start : arg.first]):
                return None
            if arg.prep is None and not arg.is_place and not arg.adjectival:
                return arg
        return None

    def _marked_agent(self, tokens: list[Token], last: int, after: list[_Arg]) -> _Arg | None:
        for arg in after:
            if arg.is_place:
                continue
            for length in (2, 1):
                start = arg.first - length
                if start <= last:
                    continue
                phrase = tuple(match_key(t.text) for t in tokens[start : arg.first])
                if phrase in self.lex.agent_markers or (
                        length == 1 and phrase[0] in relative_light_verbs()
                        and start - last <= 3):
                    return arg  # a relative light verb follows its own noun closely
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

    def _clause_start(self, tokens: list[Token], index: int) -> int:
        """Where the trigger's clause begins: after a complementizer, a colon, an
        opening quote or a comma. A word of a name is none of these (بان كي مون)."""
        for j in range(index - 1, -1, -1):
            if j in self._named:
                continue
            key = match_key(tokens[j].text)
            if key in _COMPLEMENTIZERS or tokens[j].text in (":", "«", "؛", "،"):
                return j + 1
            if key.startswith(word_list("complement_pronoun_starts")):
                return j
        return 0

    def _modality(self, doc: Doc, tokens: list[Token], first: int, clause_start: int) -> str:
        """Cue words before the trigger in its clause: negation close by (لم يزر), the
        verbs of intention and attempt further back (تسعيان لمواصلة التعاون)."""
        found: set[str] = set()
        for kind, matches in self._cues.items():
            # a verb of denial governs the clause it opens: نفى… أن يكون قد التقى
            start = max(0, first - 12) if kind == "negated" else max(clause_start, first - 10)
            for match in matches:
                if match.first < start or match.last > first:
                    continue
                cue = tokens[match.first].text
                # particles (لم, لن, لا) bind the next words; verbs of denial (نفى) the clause
                if kind == "negated" and len(strip_conjunctions(match_key(cue))) <= 3 and \
                        first - match.last > 3:
                    continue
                found.add(kind)
        trigger_token = tokens[first]
        if any(w.role == "fut" for w in trigger_token.words):
            found.add("future")
        for kind in _PRIORITY:
            if kind in found:
                return kind
        return "asserted"

    def _sentence_dates(self, doc: Doc, sentence: Sentence, tokens: list[Token]) -> list:
        """The sentence's dates from the Doc's ``dates`` layer (the ``dates`` component),
        read here only when a pipeline was configured without that component."""
        if "dates" not in doc.done:
            return find_dates(tokens, doc.meta.date)
        dates = doc.layers.dates
        if self._date_starts[0] is not dates:
            self._date_starts = (dates, [d.start for d in dates])
        return dates_in(dates, self._date_starts[1], sentence.start, sentence.end)

    @staticmethod
    def _date(dates: list, tokens: list[Token], first: int, article_date: str | None
              ) -> tuple[str | None, str | None]:
        position = tokens[first].start
        before = [d for d in dates if d.end <= position]
        if before:
            nearest = max(before, key=lambda d: d.end)
            return nearest.date, nearest.precision
        close = [d for d in dates if d.start >= position and d.start - position <= 80]
        if close:
            return close[0].date, close[0].precision
        return article_date, "article" if article_date else None

    @staticmethod
    def _located(doc: Doc, sentence: Sentence, mentions: list[Mention]) -> str | None:
        for mention in mentions:
            if not (sentence.start <= mention.start < sentence.end) or mention.label != "LOC":
                continue
            if mention.stands_for:
                continue
            token = doc.tokens[mention.tokens.start]
            attached = token.text[: mention.start - token.start]
            previous = match_key(doc.tokens[mention.tokens.start - 1].text) \
                if mention.tokens.start else ""
            if previous == "في" or attached.endswith("ب"):
                return mention.entity
        return None


def _nominal_frame(frame: dict[str, Any]) -> dict[str, Any]:
    """The frame of a verb's verbal noun: for a transitive verb the genitive undergoes
    the act (اغتيال الرئيس), for an intransitive one it does it (انسحاب القوات)."""
    preps = [slot for slot in frame.get("recipient", []) if slot.startswith("prep:")]
    if "object" in frame.get("recipient", []):
        return {**frame, "actor": ["nisba"], "recipient": ["genitive", *preps]}
    return {**frame, "actor": ["genitive", "nisba"], "recipient": preps}


def _specificity(mention: Mention) -> int:
    return {"PERS": 3, "ORG": 2, "GPE": 1}.get(mention.label, 0)


def _is_preposition(token: Token) -> bool:
    key = match_key(token.text)
    key = strip_conjunction(key, min_rest=2)
    return key in _PREPOSITIONS or (len(token.words) > 1 and token.words[0].role == "prep")


def _same(a: Event, b: Event) -> bool:
    """Two triggers of one event in a sentence (لقاء… محادثات) keep the first."""
    return a.sentence == b.sentence and a.type == b.type and a.mode == b.mode and \
        a.actor == b.actor and a.recipient == b.recipient and a.modality == b.modality


def _dedupe(events: list[Event]) -> list[Event]:
    kept: list[Event] = []
    for event in events:
        if not any(_same(event, other) for other in kept):
            kept.append(event)
    return kept


def _compatible(a: list[str], b: list[str]) -> bool:
    return not a or not b or set(a) <= set(b) or set(b) <= set(a)


def _victims_stay_victims(events: list[Event]) -> None:
    """Victims are recipients, never actors: a participant that suffers violence or
    coercion in one trigger of a sentence (قتل 12 شخصا) is not the doer of another
    trigger of the same kind there (… في غارات)."""
    harmful = ("ASSAULT", "COERCE")
    for event in events:
        if event.type not in harmful:
            continue
        victims = {r for other in events if other.sentence == event.sentence
                   and other.type in harmful for r in other.recipient}
        moved = [a for a in event.actor if a in victims]
        if not moved:
            continue
        event.actor = [a for a in event.actor if a not in moved]
        event.recipient += [m for m in moved if m not in event.recipient]
        for participant in event.arguments:
            if participant["role"] == "actor" and participant["entity"] in moved:
                participant["role"] = "recipient"


def _link_references(events: list[Event]) -> None:
    """A reference restates an occurrence reported before: it points to the nearest
    earlier current event of its type that shares a participant's country, else to the
    nearest earlier current event of its type; it is never counted again."""
    for index, event in enumerate(events):
        if event.status != "reference":
            continue
        codes = {a["code"] for a in event.arguments if a.get("code")}
        earlier = [e for e in events[:index] if e.type == event.type and e.status == "current"]
        sharing = [e for e in earlier if codes & {a["code"] for a in e.arguments
                                                  if a.get("code")}]
        target = (sharing or earlier)[-1:]
        event.refers_to = target[0].id if target else None


def merge_occurrences(events: list[Event]) -> list[Event]:
    """Triggers of one occurrence in a sentence become one event with several evidence
    spans: same sentence, type and status, and participants that do not contradict
    (one side unnamed, or one set inside the other). The event with the most named
    participants leads; the others' triggers become its evidence, and a mode one of
    them states is the event's when the leader states none."""
    _victims_stay_victims(events)
    kept: list[Event] = []
    order = sorted(range(len(events)), key=lambda i: (
        -(len(events[i].actor) + len(events[i].recipient)), events[i].trigger.start))
    for i in order:
        event = events[i]
        host = next((k for k in kept if k.sentence == event.sentence and k.type == event.type
                     and k.status == event.status
                     and _compatible(k.actor, event.actor)
                     and _compatible(k.recipient, event.recipient)), None)
        if host is None:
            kept.append(event)
            continue
        host.evidence.append(event.trigger)
        host.evidence.extend(event.evidence)
        if host.mode is None and event.mode is not None:
            # «استهدفت غارات جوية»: the occurrence is as specific as its most specific
            # word (the air strike's mode, its CAMEO code and score)
            host.mode, host.cameo, host.score = event.mode, event.cameo, event.score
        for participant in event.arguments:
            if participant not in host.arguments and participant["entity"] not in (
                    host.actor + host.recipient):
                host.arguments.append(participant)
                getattr(host, participant["role"]).append(participant["entity"])
    kept.sort(key=lambda e: e.trigger.start)
    for event in kept:
        event.evidence.sort()
    return kept
