"""The entities component: mentions found, linked to the knowledge base, resolved.

Order matters and each step reads what the earlier ones found:

1. gazetteer names (countries, places, people, organizations, agents, nisba forms),
   with ambiguous one-word names (``النصر``, ``الحياة``) taken only after a cue word;
2. composite agents: an agent noun with a nisba or a country (``الجيش السوري``);
3. titles: a title before a name marks a person; a title with a nisba or country and
   no name (``الرئيس الروسي``) is resolved to whoever held the office on the article
   date; ``نظيره الروسي`` to the counterpart of the person just mentioned;
4. the statistical tagger for names the knowledge base lacks (new entities), then
   names by shape: people after titles and given names, a quoted name after a speech
   verb (``people.py``), organizations by head noun (``organizations.py``); a name read
   once is the same name wherever the article repeats it, and a family name alone is
   the person named in full;
5. descriptors: ``بلاده`` to the country of the person speaking or just named,
   ``الدولتين`` to the pair of countries under discussion; capitals that stand for
   their state (``بين إيران وموسكو``) unless the sentence speaks of going there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from rasid.doc import Doc, Token
from rasid.entities.confidence import confidence
from rasid.entities.gazetteer import Match, is_common_word
from rasid.entities.organizations import OrganizationShapes, head_key, head_start
from rasid.entities.people import PersonNames
from rasid.entities.resources import EntityResources, Title
from rasid.entities.romanize import english_organization, romanize
from rasid.kb.model import Entity
from rasid.lang.ar.clitics import strip_conjunction, strip_conjunctions
from rasid.lang.ar.words import word_set
from rasid.layers.mention import Mention
from rasid.resources import load_json
from rasid.span import Span
from rasid.text.normalize import match_key, strip_diacritics

LABELS = {"country": "GPE", "place": "LOC", "person": "PERS", "org": "ORG", "agent": "ORG"}
_KIND_ORDER = {"country": 0, "org": 1, "person": 2, "place": 3, "agent": 4}
_TAGGER_LABELS = {"PERS": "PERS", "ORG": "ORG", "LOC": "LOC"}
_OPENING_QUOTES = frozenset({"\"", "«", "'", "“"})


class EntityRecognizer:
    """Finds and links the mentions of one Doc (``__call__(doc) -> doc``)."""

    def __init__(self, resources: EntityResources, use_tagger: bool = True) -> None:
        self.res = resources
        self.kb = resources.kb
        self.names = resources.names
        self.title_index, self.titles = resources.titles
        self.tagger = resources.tagger if use_tagger else None
        cues = resources.cues
        self.common_zipf = float(cues["common_word_zipf"])
        self.safe_population = int(cues["always_safe_population"])
        self.cue_keys = {kind: resources.key_set(kind) for kind in ("place", "media", "org",
                                                                     "person")}
        self.counterparts = resources.key_set("counterpart")
        self.own_country = resources.key_set("own_country")
        self.pairs = resources.key_set("pair")
        self.group_anaphors = {match_key(word): frozenset(codes) for word, codes in
                               resources.titles_data.get("group_anaphors", {}).items()}
        self.motion = resources.key_set("motion_words")
        self.standalone_sectors = frozenset(cues["standalone_agent_sectors"])
        self.state_nouns = resources.key_set("state_nouns")
        self.org_heads = resources.key_set("org_heads")
        self.ambiguous_nisba = resources.key_set("ambiguous_nisba")
        self.function_spellings = frozenset(resources.cues["function_spellings"])
        self.plain_word_names = resources.key_set("plain_word_names")
        self.nisba_only_agents = resources.key_set("nisba_only_agents")
        self.former_words = resources.key_set("former_words")
        self.people = PersonNames(resources.lexicon)
        months = [w for forms in load_json("dates.json")["months"].values() for w in forms]
        self.not_names = frozenset(match_key(w) for w in [*cues["not_names"], *months])
        self.blessings = frozenset(match_key(w) for w in cues["blessing_words"])
        self.shapes = OrganizationShapes(cues, resources.lexicon)
        # entities made up on the fly (composite agents, office holders the KB lacks);
        # their ids are deterministic, so sharing them across documents is safe
        self._synthetic: dict[str, Entity] = {}

    # -- entry point ------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        tokens = doc.tokens
        date = doc.meta.date
        sentence_of = [0] * len(tokens)
        for number, sentence in enumerate(doc.sentences):
            for i in sentence.tokens.indices():
                sentence_of[i] = number
        state = _State(doc, tokens, sentence_of, date)
        # titles are matched once: their starts guard the agents, then they name people
        state.title_matches = self.title_index.match(tokens)
        state.title_starts = {m.first for m in state.title_matches}
        self._gazetteer(state)
        self._composites(state)
        self._drop_lone_agents(state)
        if self.tagger is not None:
            self._tagged(state)
        self.people.find(state, self._new_entity)
        self.people.quoted_speakers(state, self._new_entity)
        self._organizations(state)
        self.shapes.find(state, self._new_entity, self.kb)
        self._titles(state)
        self.people.drop_place_names(state)
        self.people.paired_names(state)
        self.people.propagate(state)
        self.people.link_family_names(state, {m.last for m in state.title_matches})
        self._descriptors(state)
        self._metonymy(state)
        self._finish(state)
        doc.done.update(("mentions", "entities"))
        return doc

    # -- 1. gazetteer ---------------------------------------------------------------
    def _gazetteer(self, state: _State) -> None:
        doc_countries = Counter()
        matches = self.names.match(state.tokens)
        for match in matches:
            ids = {e.entity_id for e in match.entries}
            if len(ids) == 1:
                entity = self.kb.get(next(iter(ids)))
                if entity and entity.country:
                    doc_countries[entity.country] += 1
        # countries the article names by a name (not only by an adjective)
        named = {e.entity_id for m in matches for e in m.entries if e.form == "name"}
        # bodies the article names in a longer form somewhere (تنظيم القاعدة)
        named_long = {e.entity_id for m in matches if m.last > m.first for e in m.entries}
        # where a country's adjective starts (البحرية الأمريكية: the nisba after the agent)
        nisba_at = {m.first for m in matches if any(e.form == "nisba" for e in m.entries)}
        for match in matches:
            entity, form = self._choose(match, doc_countries, state.date)
            if entity is None or not self._safe(match, entity, form, state.tokens):
                continue
            if not self._plain_word_name(match, entity, named_long, state):
                continue
            if match.first == match.last and match.last + 1 not in nisba_at and match_key(
                    state.text[match.start:match.end]) in self.nisba_only_agents:
                continue  # الواجهة البحرية is no navy, معارض السيارات no opponents
            if self._someone_elses_family_name(match, entity, state.tokens):
                continue
            if form == "nisba" and entity.id not in named and self._ambiguous_nisba(
                    state.text[match.start:match.end]):
                continue  # «الوضع المالي» is financial unless the article names Mali
            label = "GPE" if form == "nisba" else LABELS[entity.kind]
            state.add(Mention(Span(match.start, match.end), state.text[match.start : match.end],
                              label, entity.id, "gazetteer",
                              confidence("kb_name" if form != "abbr" else "kb_abbreviation"),
                              Span(match.first, match.last + 1), extra={"form": form}))

    def _plain_word_name(self, match: Match, entity: Entity, named_long: set[str],
                         state: _State) -> bool:
        """A body named by one word that is mostly an ordinary word (القاعدة 'the base,
        the rule'; النصرة 'support') is that body only in quotation marks («القاعدة») or
        in an article that names it in a longer form too (تنظيم القاعدة)."""
        if match.first != match.last or entity.id in named_long:
            return True
        token = state.tokens[match.first]
        if match_key(token.text[match.start - token.start:]) not in self.plain_word_names:
            return True
        return match.first > 0 and state.tokens[match.first - 1].text in _OPENING_QUOTES

    def _someone_elses_family_name(self, match: Match, entity: Entity,
                                   tokens: list[Token]) -> bool:
        """A known person's family name written alone right after another given name is
        another person's (عبدالعزيز المالكي is not نوري المالكي): the name finder makes
        him a person of his own."""
        if entity.kind != "person" or match.first != match.last or match.first == 0:
            return False
        previous = tokens[match.first - 1]
        given = strip_conjunction(match_key(previous.text), min_rest=3)
        if given not in self.people.names:
            return False
        return not any(given in {match_key(w) for w in name.split()} for name in entity.ar)

    def _ambiguous_nisba(self, surface: str) -> bool:
        key = match_key(surface)
        return key in self.ambiguous_nisba or (key.startswith("ال")
                                               and key[2:] in self.ambiguous_nisba)

    def _choose(self, match: Match, doc_countries: Counter, date: str | None
                ) -> tuple[Entity | None, str]:
        candidates = []
        for entry in match.entries:
            entity = self.kb.get(entry.entity_id)
            if entity is not None:
                candidates.append((entity, entry.form))
        if not candidates:
            return None, ""

        def rank(item: tuple[Entity, str]) -> tuple:
            entity, _ = item
            active = entity.kind == "person" and entity.role_on(date) is not None
            return (
                -doc_countries.get(entity.country or "", 0) if entity.kind != "country" else 0,
                _KIND_ORDER.get(entity.kind, 9),
                not active,
                -(entity.population or 0),
                entity.id,
            )

        return min(candidates, key=rank)

    def _safe(self, match: Match, entity: Entity, form: str, tokens: list[Token]) -> bool:
        """An ambiguous one-word name is taken only after a cue word or in quotes."""
        if match.first != match.last or form in ("nisba", "abbr"):
            return True
        spelling = strip_diacritics(tokens[match.first].text)
        if spelling in self.function_spellings or \
                strip_conjunctions(spelling) in self.function_spellings:
            return False  # أمام 'in front of' is no إمام 'imam'
        # curated names (countries, people, organizations) are names; the large lists of
        # places and the one-word media titles (الحياة, الوطن) hold ordinary words
        kind = "media" if entity.org_type == "media" else entity.kind
        if kind not in ("place", "media"):
            return True
        if "\u064b" in tokens[match.first].text:
            return False  # tanween marks an indefinite noun, never a name (صبياً is no صبيا)
        if kind == "place" and (entity.capital_of or (entity.population or 0)
                                >= self.safe_population):
            return True
        key = match_key(tokens[match.first].text[match.start - tokens[match.first].start:])
        if not is_common_word(key, self.res.lexicon, self.common_zipf):
            return True
        if match.first == 0:
            return False
        previous = tokens[match.first - 1]
        if previous.text in ('"', "«", "'"):
            return True
        cues = self.cue_keys.get(kind, frozenset())
        return match_key(previous.text) in cues or previous.stem.key in cues

    # -- 2. composite agents ------------------------------------------------------
    def _composites(self, state: _State) -> None:
        for mention in list(state.mentions):
            entity = self.kb.get(mention.entity or "")
            if entity is None or entity.kind != "agent" \
                    or mention.tokens.start in state.title_starts:
                continue
            following = state.starting_at(mention.tokens.end)
            country_mention = next((m for m in following if m.label == "GPE"), None)
            if country_mention is None:
                continue
            country = self.kb.get(country_mention.entity or "")
            if country is None or country.kind != "country":
                continue
            composite = self._composite_entity(entity, country)
            state.remove(country_mention)
            state.remove(mention)
            state.add(Mention(Span(mention.start, country_mention.end),
                              state.text[mention.start : country_mention.end], "ORG",
                              composite.id, "gazetteer", confidence("composite_org"),
                              Span(mention.tokens.start, country_mention.tokens.end)))

    def _drop_lone_agents(self, state: _State) -> None:
        def lone(mention: Mention) -> bool:
            entity = self.kb.get(mention.entity or "")
            several_words = len(mention.tokens) > 1  # وزارة الداخلية is no fragment
            return entity is not None and entity.kind == "agent" and (
                (entity.sector not in self.standalone_sectors and not several_words)
                or mention.tokens.start in state.title_starts)

        state.remove_where(lone)

    def _composite_entity(self, agent: Entity, country: Entity) -> Entity:
        entity_id = f"{agent.id}/{country.country}"
        if entity_id not in self.kb:
            synthetic = Entity(entity_id, "agent", f"{agent.en} ({country.en})",
                               tuple(f"{a} {country.ar[0]}" for a in agent.ar[:1]),
                               country=country.country, sector=agent.sector)
            self._synthetic[entity_id] = synthetic
        return self.kb.get(entity_id) or self._synthetic[entity_id]

    # -- 3. titles ------------------------------------------------------------------
    def _titles(self, state: _State) -> None:
        for match in state.title_matches:
            title = self.titles[int(match.entries[0].entity_id)]
            after = state.starting_at(match.last + 1)
            person = next((m for m in after if m.label == "PERS"), None)
            if person is not None:
                person.title = person.title or title.en
                continue
            place = next((m for m in after if m.label in ("GPE", "ORG")), None)
            if place is None or title.match is None:
                continue
            holder_country = self.kb.get(place.entity or "")
            if holder_country is None:
                continue
            # a person's name may follow the nisba: الرئيس الأمريكي دونالد ترامب; after
            # «السابق» the office is a past one (الرئيس اليمني السابق علي عبدالله صالح)
            end = place.tokens.end
            former = end < len(state.tokens) and strip_conjunction(
                match_key(state.tokens[end].text)) in self.former_words
            named = next((m for m in state.starting_at(end + former) if m.label == "PERS"),
                         None)
            if named is not None:
                named.title = named.title or title.en
                self._state_country(state, named, holder_country, title)
                continue
            if former:
                continue  # a former holder the article does not name: not today's
            entity = self._holder(title, holder_country, state.date)
            state.add(Mention(Span(match.start, place.end), state.text[match.start : place.end],
                              "PERS", entity.id, "descriptor", confidence("descriptor_person"
                              if entity.kind == "person" else "descriptor_office"),
                              Span(match.first, place.tokens.end), title=title.en))
        self._counterparts(state)

    @staticmethod
    def _state_country(state: _State, person: Mention, country: Entity, title: Title) -> None:
        """A new person named after a title and nisba takes the country the text states."""
        entity = state.new_entities.get(person.entity or "")
        if entity is None or entity.country is not None or country.kind != "country":
            return
        state.new_entities[entity.id] = Entity(
            entity.id, entity.kind, entity.en, entity.ar, country=country.country,
            sector="GOV" if title.match else None, extra=entity.extra)

    def _holder(self, title: Title, place: Entity, date: str | None) -> Entity:
        """Who held ``title`` for ``place`` (a country or organization) on ``date``."""
        criteria = title.match or {}
        best: Entity | None = None
        # a generic body (المجلس الأعلى للقضاء) has no holder the KB can tell, unless it
        # is of a country, whose office holders then qualify
        people = self.kb.of_kind("person") if place.kind in ("country", "org") or \
            place.country else ()
        for person in people:
            for role in person.roles_on(date):
                if any(getattr(role, k) != v for k, v in criteria.items()):
                    continue
                if place.kind == "country" and role.country != place.country:
                    continue
                if place.kind == "org" and role.org != place.id:
                    continue
                if place.kind not in ("country", "org") and role.country != place.country:
                    continue
                if best is None or (role.start or "") > (best.role_on(date).start or ""):
                    best = person
        if best is not None:
            return best
        if place.kind != "country":
            # an office of a body the KB names no holder for (رئيس هيئة الهلال الأحمر): the
            # body's own office, of its country and code, not the country's head of state
            entity_id = f"role:{title.office or 'official'}/{place.id}"
            synthetic = Entity(entity_id, "role", f"{title.en} of {place.en}", (),
                               country=place.country, sector=place.sector or "GOV",
                               code=place.code,
                               extra={"title": title.en, "office": title.office,
                                      "match": title.match})
            self._synthetic[entity_id] = synthetic
            return synthetic
        entity_id = f"role:{title.office or 'official'}/{place.country or place.id}"
        synthetic = Entity(entity_id, "role", f"{title.en} of {place.en}", (),
                           country=place.country, sector="GOV",
                           extra={"title": title.en, "office": title.office,
                                  "match": title.match})
        self._synthetic[entity_id] = synthetic
        return synthetic

    def _counterparts(self, state: _State) -> None:
        for index, token in enumerate(state.tokens):
            if token.kind != "arabic":
                continue
            key = match_key(token.text)
            if key not in self.counterparts and key[1:] not in self.counterparts:
                continue
            place = next((m for m in state.starting_at(index + 1) if m.label == "GPE"), None)
            if place is None:
                continue
            country = self.kb.get(place.entity or "")
            previous = state.last_before(token.start, "PERS", state.sentence_of[index] - 1)
            if country is None:
                continue
            title = self._title_of(previous, state.date)
            entity = self._holder(title, country, state.date)
            start = token.start
            state.add(Mention(Span(start, place.end), state.text[start : place.end], "PERS",
                              entity.id, "descriptor", confidence("counterpart"),
                              Span(index, place.tokens.end),
                              title="counterpart"))

    def _title_of(self, mention: Mention | None, date: str | None) -> Title:
        """The office of a person mention, to find its counterpart elsewhere."""
        default = Title("president", "head_of_state", {"title": "president"})
        if mention is None:
            return default
        entity = self.kb.get(mention.entity or "") or self._synthetic.get(mention.entity or "")
        if entity is None:
            return default
        if entity.kind == "role" and entity.extra.get("match"):
            return Title(entity.extra.get("title"), entity.extra.get("office"),
                         entity.extra["match"])
        role = entity.role_on(date)
        if role is None:
            return default
        if role.title:
            return Title(role.title.replace("_", " "), role.office, {"title": role.title})
        return Title(role.office.replace("_", " "), role.office, {"office": role.office})

    # -- 4. tagger ------------------------------------------------------------------
    def _tagged(self, state: _State) -> None:
        sentences = [s for s in state.doc.sentences if len(s.tokens) > 0]
        tagged = self.tagger.tag_document(
            [[t.text for t in s.tokens.of(state.tokens)] for s in sentences])
        for sentence, tags in zip(sentences, tagged, strict=True):
            for first, last, label in _spans(tags):
                label = _TAGGER_LABELS.get(label)
                if label is None:
                    continue
                i, j = sentence.tokens.start + first, sentence.tokens.start + last
                if i == j and match_key(state.tokens[i].text) in self.not_names:
                    continue  # «الأكراد», «(نيسان)»: a people or a month, no name
                # «المنظمة إن الفقر»: a name never runs over إن, في, الذي…
                j = next((k - 1 for k in range(i + 1, j + 1)
                          if match_key(state.tokens[k].text) in self.shapes.stops), j)
                # «داعيا الله», «أيده الله», «رضوان الله عليهم»: a blessing ends a name
                j = next((k - 1 for k in range(i, j + 1)
                          if self._bare_key(state.tokens[k]) in self.blessings), j)
                if j < i or any(state.covered[k] for k in range(i, j + 1)):
                    continue
                start, end = state.tokens[i].start, state.tokens[j].end
                surface = state.text[start:end]
                known = self._short_form(surface, start, state) if label == "PERS" else None
                entity_id = known or self._new_entity(surface, label, state).id
                state.add(Mention(Span(start, end), surface, label, entity_id, "tagger",
                                  confidence("tagger"), Span(i, j + 1)))

    @staticmethod
    def _bare_key(token: Token) -> str:
        """The token's key without a leading و or ف (وأيده → أيده)."""
        key = match_key(token.text)
        return strip_conjunction(key, min_rest=3) if token.words and \
            token.words[0].role == "conj" else key

    @staticmethod
    def _short_form(surface: str, start: int, state: _State) -> str | None:
        """«شكري» after «سامح شكري»: a name the article already wrote in full, here
        by its last part, is the same known person (the latest one so named)."""
        key = match_key(surface)
        if " " in key:
            return None
        best = None  # the latest; of two at one place, the first found
        for mention in state.named_with_surname(key):
            if mention.start >= start or not mention.entity \
                    or mention.entity.startswith("new:"):
                continue
            if best is None or mention.start > best.start:
                best = mention
        return best.entity if best is not None else None

    def _organizations(self, state: _State, longest: int = 8) -> None:
        """Organizations by shape: head noun, adjectives, a purpose phrase with ل."""
        tokens = state.tokens
        for index, token in enumerate(tokens):
            if state.covered[index] or token.kind != "arabic":
                continue
            whole = match_key(token.text) in self.org_heads
            if not whole and head_key(token) not in self.org_heads:
                continue  # (والمعهد, للمركز: the head behind its clitics)
            last = index
            purpose = False
            sentence = state.sentence_of[index]
            for j in range(index + 1, min(len(tokens), index + longest)):
                nxt = tokens[j]
                nisba_only = state.covered[j] and all(
                    m.extra.get("form") == "nisba" for m in state.mentions
                    if m.tokens.contains(j))
                if nxt.kind != "arabic" or (state.covered[j] and not nisba_only) or \
                        state.sentence_of[j] != sentence or nxt.start - tokens[j - 1].end > 1:
                    break
                roles = [w.role for w in nxt.words]
                if match_key(nxt.text) in self.shapes.stops:
                    break  # «… التابع لوزارة الداخلية»
                if roles[0] == "prep" and nxt.text.startswith("ل") and not purpose:
                    purpose = True
                elif "det" not in roles:
                    break  # only definite adjectives and genitives (العربي, الاستراتيجية)
                last = j
            if not purpose or last == index:
                continue
            start, end = token.start if whole else head_start(token), tokens[last].end
            surface = state.text[start:end]
            entity = self._new_entity(surface, "ORG", state)
            state.add(Mention(Span(start, end), surface, "ORG", entity.id, "pattern",
                              confidence("org_pattern"), Span(index, last + 1)))

    def _new_entity(self, surface: str, label: str, state: _State) -> Entity:
        key = match_key(surface)
        # the first new entity of this label named so, or (a person) whose name ends
        # with these words; «إيرنست» read as a body first is another entity as a person
        found = state.new_entity_named(label, key)
        if found is not None:
            return found
        english = english_organization(surface) if label == "ORG" else romanize(surface)
        entity_id = f"new:{label.lower()}:{romanize(surface).lower().replace(' ', '-')}"
        entity = Entity(entity_id, "new", english, (surface,), extra={"label": label})
        if entity_id in state.new_entities:
            state.forget_new_names()  # another spelling took this id's place: index anew
        state.new_entities[entity_id] = entity
        return entity

    # -- 5. descriptors and metonymy ------------------------------------------------
    def _descriptors(self, state: _State) -> None:
        for index, token in enumerate(state.tokens):
            if token.kind != "arabic" or state.covered[index]:
                continue
            key = match_key(token.text)
            bare = strip_conjunction(key)
            if bare in self.own_country or key in self.own_country:
                self._own_country(state, index)
            elif bare in self.pairs or key in self.pairs:
                self._pair(state, index)
            elif bare in self.group_anaphors or key in self.group_anaphors:
                self._group(state, index, self.group_anaphors.get(bare)
                            or self.group_anaphors[key])

    def _group(self, state: _State, index: int, codes: frozenset[str]) -> None:
        """«وقال التنظيم»: the armed group, movement or party last named before, within
        the article (its code or sector must fit the word: التنظيم is no party)."""
        token = state.tokens[index]
        following = state.tokens[index + 1] if index + 1 < len(state.tokens) else None
        if following is not None and following.start - token.end <= 1 and \
                state.covered[index + 1]:
            return  # التنظيم + a name is that name's own phrase
        sentence = state.sentence_of[index]
        # latest first, within five sentences back (too far to be what the word names)
        for mention in state.latest_before(index, token.start, sentence - 5):
            entity = self.kb.get(mention.entity) or self._synthetic.get(mention.entity)
            if entity is None or entity.kind != "org":
                continue
            if entity.code in codes or entity.sector in codes:
                state.add(Mention(Span(token.start, token.end), token.text, "ORG", entity.id,
                                  "anaphor", confidence("anaphor"), Span(index, index + 1)))
                return

    def _own_country(self, state: _State, index: int) -> None:
        token = state.tokens[index]
        sentence = state.sentence_of[index]
        person = state.last_before(token.start, "PERS", sentence - 1)
        if person is None:
            return
        countries = [self._country_of(e, state.date) for e in person.refers_to()]
        countries = [c for c in countries if c]
        if not countries:
            return
        state.add(Mention(Span(token.start, token.end), token.text, "GPE",
                          f"country:{countries[0]}", "pronoun", confidence("own_country"),
                          Span(index, index + 1)))

    def _country_of(self, entity_id: str, date: str | None) -> str | None:
        entity = self.kb.get(entity_id) or self._synthetic.get(entity_id)
        return entity.country_on(date) if entity else None

    def _pair(self, state: _State, index: int) -> None:
        token = state.tokens[index]
        nxt = state.tokens[index + 1] if index + 1 < len(state.tokens) else None
        if match_key(token.text).endswith("بلدان") and nxt is not None and \
                nxt.words[0].role == "det" and not state.covered[index + 1]:
            return  # البلدان الخليجية: "the Gulf countries", not the pair
        pair = state.last_pair(token.start, self)
        if pair is None:
            return
        state.add(Mention(Span(token.start, token.end), token.text, "GPE", None, "descriptor",
                          confidence("pair"), Span(index, index + 1),
                          members=tuple(f"country:{c}" for c in pair)))

    def _metonymy(self, state: _State) -> None:
        """A capital stands for its state where it acts or is acted upon as one.

        ``أعلنت موسكو``, ``بين إيران وموسكو``, ``التقرب إلى القاهرة`` speak of the state;
        ``في موسكو``, ``توجه… إلى موسكو``, ``مفاوضات الأستانة`` of the city.
        """
        for mention in state.mentions:
            entity = self.kb.get(mention.entity or "")
            if entity is None or entity.kind != "place" or not entity.capital_of:
                continue
            if self._acts_as_state(state, mention):
                mention.stands_for = f"country:{entity.capital_of}"

    def _acts_as_state(self, state: _State, mention: Mention) -> bool:
        first = mention.tokens.start
        token = state.tokens[first]
        attached = token.text[: mention.start - token.start]
        if attached.endswith("ب") or attached.endswith("ل"):
            return False  # بموسكو, لموسكو: located, or the goal of a visit
        sentence = state.sentence_of[first]
        window = [t for i, t in enumerate(state.tokens[max(0, first - 8) : first],
                                          start=max(0, first - 8))
                  if state.sentence_of[i] == sentence]
        if any(t.stem.key in self.motion or match_key(t.text) in self.motion for t in window):
            return False
        if self._coordinated_with_country(state, mention):
            return True
        if first == 0 or state.sentence_of[first - 1] != sentence:
            return False
        previous = match_key(state.tokens[first - 1].text)
        if previous in word_set("place_prepositions"):
            return previous == "الي"
        if previous in word_set("relation_prepositions"):
            return True
        if previous in self.state_nouns or previous[1:] in self.state_nouns:
            return True  # قرار واشنطن, موقف القاهرة
        # a feminine past verb right before the city: أعلنت موسكو, اتهمت طهران
        return previous.endswith("ت") and not previous.endswith("ات") and \
            not previous.startswith("ال")

    @staticmethod
    def _coordinated_with_country(state: _State, mention: Mention) -> bool:
        # only mentions ending or starting within three characters can qualify: the
        # lookup is by position, so the check costs the same in any length of document
        for other in state.gpe_near(mention.start, mention.end, 3):
            if other is mention or other.label != "GPE" or other.members:
                continue
            if other.end <= mention.start:
                gap = state.text[other.end : mention.start]
            elif mention.end <= other.start:
                gap = state.text[mention.end : other.start]
            else:
                continue
            if gap.strip(" -–") in ("و", "") and len(gap) <= 3:
                return True
        return False

    # -- output ---------------------------------------------------------------------
    def _finish(self, state: _State) -> None:
        mentions = sorted(state.mentions, key=lambda m: (m.start, -m.end))
        entities: dict[str, dict[str, Any]] = {}
        for number, mention in enumerate(mentions, start=1):
            mention.id = f"m{number}"
            targets = [mention.entity] if mention.entity else []
            targets += [t for t in mention.refers_to() if t not in targets]
            for entity_id in targets:
                if entity_id not in entities:
                    entity = (self.kb.get(entity_id) or self._synthetic.get(entity_id)
                              or state.new_entities.get(entity_id))
                    if entity is None:
                        continue
                    data = entity.to_dict(state.date)
                    if entity.kind == "new":
                        data["label"] = entity.extra.get("label")
                    data["mentions"] = []
                    entities[entity_id] = data
                entities[entity_id]["mentions"].append(mention.id)
        state.doc.layers.mentions = mentions
        state.doc.layers.entities = list(entities.values())


def _spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first, last, label) spans of a BIO tag sequence."""
    spans = []
    start, label = None, None
    for index, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        if start is not None and (prefix != "I" or kind != label):
            spans.append((start, index - 1, label))
            start, label = None, None
        if prefix == "B" or (prefix == "I" and start is None):
            start, label = index, kind
    return spans


class _State:
    """The mentions found so far in one Doc, with lookups the steps share."""

    def __init__(self, doc: Doc, tokens: list[Token], sentence_of: list[int],
                 date: str | None) -> None:
        self.doc = doc
        self.text = doc.text
        self.tokens = tokens
        self.sentence_of = sentence_of
        self.date = date
        self.mentions: list[Mention] = []
        self.covered = [False] * len(tokens)
        self.new_entities: dict[str, Entity] = {}
        self.title_starts: set[int] = set()
        self.title_matches: list[Match] = []
        # lookups kept up to date by add and remove, so that the steps' questions cost
        # the same whatever the length of the document: how many mentions cover each
        # token, the mentions by first token (in the order they were added), and a
        # position index of country mentions rebuilt only after a change
        self._cover_count = [0] * len(tokens)
        self._by_first: dict[int, list[Mention]] = {}
        self._version = 0
        self._gpe_index: tuple[int, dict[int, list[Mention]], dict[int, list[Mention]]] | None \
            = None
        # people's mentions of two words or more by their last word (a short form's
        # candidates), new entities by their name and its word suffixes, and the country
        # mentions in text order with their countries, rebuilt only when one changes
        self._by_surname: dict[str, list[Mention]] = {}
        self._new_names: dict[tuple[str, str], tuple[int, str]] = {}
        self._new_indexed = 0
        self._gpe_version = 0
        self._gpe_sorted: tuple[int, list[tuple[Mention, str | None, str | None]]] | None \
            = None

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self._by_first.setdefault(mention.tokens.start, []).append(mention)
        self._version += 1
        surname = _surname(mention)
        if surname:
            self._by_surname.setdefault(surname, []).append(mention)
        if mention.label == "GPE" and not mention.members:
            self._gpe_version += 1
        for i in mention.tokens.indices():
            self._cover_count[i] += 1
            self.covered[i] = True

    def remove(self, mention: Mention) -> None:
        """Remove the first mention that is ``mention`` or equal to it (as list.remove)."""
        start, end = mention.start, mention.end
        for index, other in enumerate(self.mentions):
            if other is mention or (other.start == start and other.end == end
                                    and other == mention):
                self._forget(self.mentions.pop(index))
                return
        raise ValueError("mention not in the document's mentions")

    def remove_where(self, predicate: Callable[[Mention], bool]) -> None:
        """Remove every mention for which ``predicate`` (a function of its values) holds."""
        kept = []
        for mention in self.mentions:
            if predicate(mention):
                self._forget(mention)
            else:
                kept.append(mention)
        self.mentions = kept

    def _forget(self, mention: Mention) -> None:
        bucket = self._by_first[mention.tokens.start]
        bucket.pop(next(i for i, m in enumerate(bucket) if m is mention))
        self._version += 1
        surname = _surname(mention)
        if surname:
            named = self._by_surname[surname]
            named.pop(next(i for i, m in enumerate(named) if m is mention))
        if mention.label == "GPE" and not mention.members:
            self._gpe_version += 1
        for i in mention.tokens.indices():
            self._cover_count[i] -= 1
            self.covered[i] = self._cover_count[i] > 0

    def latest_before(self, index: int, position: int, min_sentence: int) -> list[Mention]:
        """Mentions with an entity that end by ``position`` and start in a token before
        ``index`` of sentence ``min_sentence`` or later, latest start first (of two at
        one place, the first added first): the tokens back to that sentence are read,
        not the whole document."""
        found: list[Mention] = []
        first = index - 1
        while first >= 0 and self.sentence_of[first] >= min_sentence:
            found.extend(m for m in self._by_first.get(first, ())
                         if m.end <= position and m.entity)
            first -= 1
        found.sort(key=lambda m: m.start, reverse=True)
        return found

    def named_with_surname(self, surname: str) -> list[Mention]:
        """People's mentions of two words or more whose last word is ``surname``, in the
        order they were added."""
        return self._by_surname.get(surname, [])

    def forget_new_names(self) -> None:
        self._new_names.clear()
        self._new_indexed = 0

    def new_entity_named(self, label: str, key: str) -> Entity | None:
        """The first new entity (in the order they were made) of ``label`` whose name's
        key is ``key`` or, for a person, ends with the words of ``key``."""
        values = list(self.new_entities.values())
        for order in range(self._new_indexed, len(values)):
            entity = values[order]
            known = match_key(entity.ar[0])
            entity_label = entity.extra.get("label")
            self._new_names.setdefault((f"={entity_label}", known), (order, entity.id))
            if entity_label == "PERS":
                words = known.split(" ")
                for cut in range(1, len(words)):
                    self._new_names.setdefault(("~", " ".join(words[cut:])), (order, entity.id))
        self._new_indexed = len(values)
        hits = [self._new_names.get((f"={label}", key))]
        if label == "PERS":
            hits.append(self._new_names.get(("~", key)))
        found = min((hit for hit in hits if hit is not None), default=None)
        return self.new_entities[found[1]] if found is not None else None

    def starting_at(self, token_index: int) -> list[Mention]:
        return list(self._by_first.get(token_index, ()))

    def covering(self, token_index: int, longest: int = 12) -> list[Mention]:
        """The mentions that cover a token (those at most ``longest`` tokens long)."""
        if not self.covered[token_index]:
            return []
        return [m for first in range(max(0, token_index - longest), token_index + 1)
                for m in self._by_first.get(first, ()) if m.tokens.end > token_index]

    def gpe_near(self, start: int, end: int, distance: int) -> list[Mention]:
        """Country mentions (no members) ending up to ``distance`` characters before
        ``start`` or starting up to ``distance`` after ``end``, in the mentions' order."""
        if self._gpe_index is None or self._gpe_index[0] != self._version:
            by_end: dict[int, list[Mention]] = {}
            by_start: dict[int, list[Mention]] = {}
            for other in self.mentions:
                if other.label == "GPE" and not other.members:
                    by_end.setdefault(other.end, []).append(other)
                    by_start.setdefault(other.start, []).append(other)
            self._gpe_index = (self._version, by_end, by_start)
        _, by_end, by_start = self._gpe_index
        found: dict[int, Mention] = {}
        for position in range(start - distance, start + 1):
            for other in by_end.get(position, ()):
                found[id(other)] = other
        for position in range(end, end + distance + 1):
            for other in by_start.get(position, ()):
                found[id(other)] = other
        return list(found.values())

    def last_before(self, position: int, label: str, min_sentence: int) -> Mention | None:
        best = None
        for mention in self.mentions:
            if mention.label != label or mention.end > position:
                continue
            if self.sentence_of[mention.tokens.start] < min_sentence:
                continue
            if best is None or mention.start > best.start:
                best = mention
        return best

    def _countries_in_order(self, recognizer: EntityRecognizer) -> list[tuple[Mention, str]]:
        """Country mentions (no members) in text order with their countries, sorted and
        resolved again only after a country mention was added or removed (a mention whose
        entity changed since is resolved anew)."""
        if self._gpe_sorted is None or self._gpe_sorted[0] != self._gpe_version:
            mentions = sorted((m for m in self.mentions if m.label == "GPE" and not m.members),
                              key=lambda m: m.start)
            self._gpe_sorted = (self._gpe_version, [
                (m, m.entity, recognizer._country_of(m.entity or "", self.date))
                for m in mentions])
        return [(m, c if m.entity == entity else
                 recognizer._country_of(m.entity or "", self.date))
                for m, entity, c in self._gpe_sorted[1]]

    def last_pair(self, position: int, recognizer: EntityRecognizer
                  ) -> tuple[str, str] | None:
        """The latest two countries named together before ``position``.

        Two country mentions count as a pair when only a conjunction, a hyphen or a
        space separates them (``روسيا وإيران``, ``الإيرانية- الروسية``); otherwise the
        two countries named most often so far.
        """
        countries = [(m, c) for m, c in self._countries_in_order(recognizer)
                     if c and m.end <= position]
        for (a, ca), (b, cb) in zip(reversed(countries[:-1]), reversed(countries[1:]),
                                    strict=True):
            gap = self.text[a.end : b.start]
            between = gap.strip(" -–،")
            joined = between in ("", "و") or (b.start > 0 and self.text[b.start - 1] == "و"
                                               and between in ("", "و"))
            if ca != cb and joined and \
                    self.sentence_of[a.tokens.start] == self.sentence_of[b.tokens.start]:
                return ca, cb
        counts = Counter(c for _, c in countries)
        if len(counts) >= 2:
            (first, _), (second, _) = counts.most_common(2)
            return first, second
        return None


def _surname(mention: Mention) -> str | None:
    """The last word of a person's mention of two words or more (what a short form of
    the name matches), else None."""
    if mention.label != "PERS":
        return None
    key = match_key(mention.text)
    return key.rsplit(" ", 1)[1] if " " in key else None
