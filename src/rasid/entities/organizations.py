"""Organizations the knowledge base lacks, read from the shape of their names.

Why: courts, authorities, committees, military units, blocs and directorates are named
once and rarely again; no list holds them all, yet their names follow one pattern. A
head noun in the construct state (``محكمة``, ``هيئة``, ``لجنة``, ``مديرية``…) followed by
its genitive and adjectives (``محكمة أمن الدولة العليا``, ``هيئة الرقابة الإدارية``,
``لجنة الشؤون الخارجية``, ``مديرية أمن الإسكندرية``), a definite head with its adjective
(``الحرس الملكي``, ``الفرقة الرابعة``, ``المنطقة العسكرية الثالثة``) or a unit with its
number (``اللواء 17 مشاة``) names a body. The heads are data
(``entity_cues.json``: ``org_construct_heads``, ``org_weak_heads``,
``org_definite_heads``, ``org_number_heads``); the body takes the country its phrase
names (``القوات الجوية العراقية``: Iraq).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rasid.entities.confidence import confidence
from rasid.kb.model import Entity
from rasid.lang.ar.clitics import strip_conjunction
from rasid.lang.ar.words import word_list
from rasid.layers.mention import Mention
from rasid.span import Span
from rasid.text.normalize import match_key

if TYPE_CHECKING:
    from rasid.doc import Token

#: the longest name read (tokens after the head)
_LONGEST = 7
#: quotation marks around an outlet's name (news text also writes »المدينة»)
_QUOTES = frozenset({"«", "»", '"', "“", "”"})
#: how many words before «لـ» a speech verb or a statement word may stand
_OUTLET_REACH = 4


class OrganizationShapes:
    """Finds organizations by head noun and modifiers (``find(state, …)``)."""

    def __init__(self, cues: dict[str, Any], lexicon: Any = None) -> None:
        def keys(name: str) -> frozenset[str]:
            return frozenset(match_key(w) for w in cues[name])

        self.construct = keys("org_construct_heads")
        self.weak = keys("org_weak_heads")
        self.nisba_definite = {tuple(match_key(w) for w in phrase.split())
                               for phrase in cues["org_definite_nisba_heads"]}
        self.definite = {tuple(match_key(w) for w in phrase.split())
                         for phrase in cues["org_definite_heads"]} | self.nisba_definite
        self.numbered = keys("org_number_heads")
        self.stops = keys("org_name_stops")
        self.adjectives = keys("org_adjectives")
        self.group = keys("org_group_heads")
        self.place_heads = keys("org_place_heads")
        self.newspaper_heads = keys("newspaper_heads")
        self.institutions = {
            match_key(head): sorted((tuple(match_key(w) for w in e.split()) for e in endings),
                                    key=len, reverse=True)
            for head, endings in cues["org_institution_heads"].items()}
        self.outlet_cues = keys("outlet_cues")
        self.brand_heads = keys("brand_heads")
        #: a quoted name's first word is rarer than this (Zipf): «"أنها ستواصل"» is speech
        self.brand_zipf = float(cues["brand_first_word_zipf"])
        self.lexicon = lexicon
        self.outlet_prepositions = keys("outlet_prepositions")
        self.not_after_b = keys("org_heads_not_after_b")
        self.dateline_dashes = frozenset(cues["dateline_dashes"])
        self.dateline_words = int(cues["dateline_words"])
        self.heads = self.construct | self.weak | self.numbered | self.group | {
            phrase[0] for phrase in self.definite}
        #: definite heads by their first word (with and without the article), longest first
        self.definite_by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted(self.definite, key=len, reverse=True):
            for first in {phrase[0], phrase[0][2:]}:
                self.definite_by_first.setdefault(first, []).append(phrase)

    def find(self, state: Any, new_entity: Any, kb: Any) -> None:
        tokens = state.tokens
        outlet = self._dateline(state, tokens)
        if outlet is not None:
            self._add(state, outlet[0], outlet[1], new_entity, kb, tokens[outlet[0]].start)
        brands: set[str] = set()
        index = 0
        while index < len(tokens):
            outlet = self._outlet(state, tokens, index)
            if outlet is None:
                outlet = self._brand(state, tokens, index, brands)
            if outlet is not None:
                self._add(state, index + 1, outlet, new_entity, kb, tokens[index + 1].start)
                index = outlet + 1
                continue
            institution = self._institution(state, tokens, index)
            if institution is not None:
                self._add(state, index, institution, new_entity, kb, self._start(tokens[index]))
                index = institution + 1
                continue
            found = self._at(state, tokens, index)
            if found is None:
                index += 1
                continue
            last = found
            self._add(state, index, last, new_entity, kb, self._start(tokens[index]))
            index = last + 1

    def _dateline(self, state: Any, tokens: list[Token]) -> tuple[int, int] | None:
        """«عين اليوم – بيروت», «أحمد علي- سبق- القاهرة:»: the outlet of a dateline
        that opens the article, the words right before the dash before the place."""
        for dash in range(1, min(len(tokens) - 2, 2 * self.dateline_words + 3)):
            if tokens[dash].text not in self.dateline_dashes:
                continue
            place = dash + 1
            if not any(m.label in ("GPE", "LOC") and m.tokens.start == place
                       for m in state.covering(place)):
                continue
            after = state.text[tokens[place].end:tokens[place + 1].start]
            if tokens[place + 1].text != ":" and "\n" not in after:
                continue
            first = dash - 1
            while first > 0 and dash - first < self.dateline_words and \
                    tokens[first - 1].kind == "arabic":
                first -= 1
            if all(tokens[k].kind == "arabic" and not state.covered[k]
                   for k in range(first, dash)):
                return first, dash - 1
            return None
        return None

    def _head(self, tokens: list[Token], index: int) -> tuple[str, int] | None:
        """(kind, tokens the head takes) when a head noun starts at ``index``."""
        key = self._key(tokens[index])
        if key in self.construct:
            return "construct", 1
        if key in self.weak:
            return "weak", 1
        if key in self.numbered and index + 1 < len(tokens) and \
                tokens[index + 1].kind == "number":
            return "numbered", 1
        for phrase in self.definite_by_first.get(key, ()):
            if index + len(phrase) <= len(tokens) and all(
                    match_key(tokens[index + k].text) == phrase[k]
                    for k in range(1, len(phrase))):
                if phrase in self.nisba_definite and not self._nisba_after(tokens, index + 1):
                    return None  # «المركز الأول» is a rank, «المركز الوطني» a body
                return "definite", len(phrase)
        return None

    def _nisba_after(self, tokens: list[Token], index: int) -> bool:
        if index >= len(tokens) or tokens[index].kind != "arabic":
            return False
        key = match_key(tokens[index].text)
        return key.startswith("ال") and key not in self.stops and \
            key.endswith(word_list("nisba_endings"))

    def _key(self, token: Token) -> str:
        """The head's key: the whole word when it is a head (كتلة is no ك + تلة), else
        the word behind its clitics (لوزارة)."""
        whole = match_key(token.text)
        if whole in self.heads or whole[2:] in self.heads:
            return whole
        return head_key(token)

    def _start(self, token: Token) -> int:
        whole = match_key(token.text)
        return token.start if whole in self.heads else head_start(token)

    def _outlet(self, state: Any, tokens: list[Token], index: int) -> int | None:
        """«قال لـ«الشرق الأوسط»», «في تصريح إلى "الوطن"»: a short name in quotation
        marks after ل or إلى, where a speech verb or a word for a statement stands just
        before, is the outlet the words were given to (a newspaper whose name is also a
        common word or a region). Returns the name's last token, or None."""
        if tokens[index].text not in _QUOTES or index < 2 or \
                match_key(tokens[index - 1].text) not in self.outlet_prepositions:
            return None
        close = next((k for k in range(index + 1, min(len(tokens), index + 5))
                      if tokens[k].text in _QUOTES), None)
        if close is None or close == index + 1 or not all(
                tokens[k].kind == "arabic" for k in range(index + 1, close)):
            return None
        if any(m.label in ("ORG", "PERS") for k in range(index + 1, close)
               for m in state.covering(k)):
            return None  # a name the knowledge base or the tagger already knows
        before = range(max(0, index - 1 - _OUTLET_REACH), index - 1)
        if not any(self._outlet_cue(tokens[k]) for k in before):
            return None
        return close - 1

    def _brand(self, state: Any, tokens: list[Token], index: int, brands: set[str]
               ) -> int | None:
        """«شركة "وان بلس"», «الشركة الصينية الصاعدة "Zuk"»: a short name in quotation
        marks after a company's, a club's or an outlet's head noun and at most two of its
        adjectives is that body's name, and so is the same name quoted again later in the
        article (``brands`` keeps the names found). Returns the name's last token."""
        if tokens[index].text not in _QUOTES or index == 0:
            return None
        close = next((k for k in range(index + 1, min(len(tokens), index + 6))
                      if tokens[k].text in _QUOTES), None)
        if close is None or close == index + 1 or any(
                tokens[k].kind not in ("arabic", "latin", "number")
                for k in range(index + 1, close)):
            return None
        if any(m.label in ("ORG", "PERS") for k in range(index + 1, close)
               for m in state.covering(k)):
            return None  # a name the knowledge base or the tagger already knows
        name = " ".join(match_key(tokens[k].text) for k in range(index + 1, close))
        if name in brands:
            return close - 1
        if close - index - 1 > 3 or self.lexicon is None or \
                self.lexicon.zipf(match_key(tokens[index + 1].text)) >= self.brand_zipf:
            return None
        for k in range(index - 1, max(-1, index - 4), -1):
            if {head_key(tokens[k]), match_key(tokens[k].text)} & self.brand_heads:
                brands.add(name)
                return close - 1
            if tokens[k].kind != "arabic" or not match_key(tokens[k].text).startswith("ال"):
                return None  # only the head's definite adjectives may stand between
        return None

    def _institution(self, state: Any, tokens: list[Token], index: int) -> int | None:
        """«مدينة الملك فهد الطبية», «مستشفى الأمير سلطان»: a hospital or a medical city
        named after a person (``org_institution_heads``: the head and the words that
        must follow the name, if any). Returns the last token, or None."""
        if tokens[index].kind != "arabic":
            return None
        endings = self.institutions.get(head_key(tokens[index]))
        if endings is None or index + 1 >= len(tokens):
            return None
        # the name may follow a title: «مستشفى الملك خالد»
        first = index + 2 if index + 1 in state.title_starts else index + 1
        person = next((m for m in state.covering(min(first, len(tokens) - 1))
                       if m.label == "PERS" and m.tokens.start in (index + 1, first)), None)
        if person is None:
            return None
        after = person.tokens.last + 1
        if not endings:
            return person.tokens.last
        for ending in endings:
            if after + len(ending) <= len(tokens) and all(
                    match_key(tokens[after + k].text) == ending[k] for k in range(len(ending))):
                return after + len(ending) - 1
        return None

    def _outlet_cue(self, token: Token) -> bool:
        key = match_key(token.text)
        return key in self.outlet_cues or strip_conjunction(key, 2) in self.outlet_cues

    def _newspaper(self, state: Any, tokens: list[Token], index: int) -> int | None:
        """«بصحيفة الوئام», «صحيفة الشرق الأوسط»: a newspaper head and the one definite
        word (or named place) after it that is no adjective."""
        if head_key(tokens[index]) not in self.newspaper_heads or index + 1 >= len(tokens):
            return None
        nxt = tokens[index + 1]
        key = match_key(nxt.text)
        if nxt.kind != "arabic" or not key.startswith("ال") or \
                any(w.role in ("prep", "conj") for w in nxt.words) or self._adjective(key) or \
                key in self.stops:
            return None
        covering = state.covering(index + 1)
        if any(m.label not in ("LOC", "GPE") or m.extra.get("form") == "nisba"
               for m in covering):
            return None
        return max([index + 1] + [m.tokens.last for m in covering])

    def _named(self, state: Any, tokens: list[Token], index: int) -> int | None:
        """«حملة «السكينة»», «جماعة خراسان», «لجنة يونكر»: a group head and the proper
        name after it (in quotation marks, or a word a place list or a person's name
        explains); the last token, or None."""
        if self._key(tokens[index]) not in self.group or index + 1 >= len(tokens):
            return None
        nxt = tokens[index + 1]
        if nxt.text in ("«", '"', "“"):
            closer = {"«": "»", '"': '"', "“": "”"}[nxt.text]
            for k in range(index + 2, min(len(tokens), index + 7)):
                if tokens[k].text == closer:
                    known = any(m.label in ("ORG", "PERS") for j in range(index + 2, k)
                                for m in state.covering(j))
                    # «صحيفة "جيروزليم بوست"»: a name the knowledge base knows stays its own
                    return k if k > index + 2 and not known else None
            return None
        covering = state.covering(index + 1)
        if len(covering) == 1 and covering[0].tokens.start == index + 1 and (
                (covering[0].label == "LOC" and len(covering[0].tokens) == 1)
                or covering[0].label == "PERS") and \
                covering[0].extra.get("form") != "nisba" and nxt.words[0].role not in (
                    "prep", "conj"):
            return covering[0].tokens.last
        return None

    def _at(self, state: Any, tokens: list[Token], index: int) -> int | None:
        """The last token of an organization's name that starts at ``index``."""
        if state.covered[index] or tokens[index].kind != "arabic":
            return None
        key = self._key(tokens[index])
        if key not in self.heads and key not in self.definite_by_first:
            return None  # the cheap test first: most words are no head
        named = self._named(state, tokens, index)
        if named is not None:
            return named
        newspaper = self._newspaper(state, tokens, index)
        if newspaper is not None:
            return newspaper
        head = self._head(tokens, index)
        if head is None:
            return None
        if tokens[index].words[0].role == "prep" and tokens[index].words[0].key == "ب" and \
                head_key(tokens[index]) in self.not_after_b:
            return None  # «برئاسة المهندس إبراهيم محلب»: chaired by, not a body
        kind, taken = head
        last, definite_seen, marked, only_places = self._modifiers(state, tokens, index,
                                                                   kind, taken)
        if last < index + taken or not (definite_seen or marked):
            return None
        if kind == "construct" and only_places and \
                self._key(tokens[index]) not in self.place_heads:
            return None  # «قيادة سوريا»: a country's leadership, no body of its own
        if kind == "weak" and not marked:
            return None  # «إدارة الأزمة», «قوة الاقتصاد»: only with a country or number
        if kind == "definite" and last == index + taken - 1:
            return None
        return last

    def _modifiers(self, state: Any, tokens: list[Token], index: int, kind: str,
                   taken: int) -> tuple[int, bool, bool, bool]:
        """How far the head's genitive and adjectives run: (last token, a definite word
        seen, marked by a place, number or listed adjective, only places seen)."""
        last = index + taken - 1
        definite_seen = marked = False
        only_places = True
        sentence = state.sentence_of[index]
        for j in range(index + taken, min(len(tokens), index + taken + _LONGEST)):
            token = tokens[j]
            if state.sentence_of[j] != sentence or token.start - tokens[j - 1].end > 1:
                break
            covering = state.covering(j)
            # places and generic agents inside the name are part of it («مديرية أمن
            # الإسكندرية», «محكمة أمن الدولة العليا»)
            places = [m for m in covering if m.label in ("GPE", "LOC")
                      or (m.entity or "").startswith("agent:")]
            if covering and len(places) < len(covering):
                break  # a person or another body: this name ends before it
            if token.kind == "number":
                if kind != "numbered" and not definite_seen:
                    break
                last, marked = j, True
                continue
            if token.kind != "arabic" or (j in state.title_starts and (definite_seen or marked)):
                break  # after a whole name a title starts a person (الفرقة العقيد نديم)
            key = match_key(token.text)
            roles = [w.role for w in token.words]
            if key in self.stops or roles[0] in ("prep", "conj"):
                break
            if places:
                last, marked, definite_seen = max(m.tokens.last for m in places), True, True
                continue
            only_places = False
            if "det" in roles or key.startswith("ال"):
                if definite_seen and not self._adjective(key):
                    break  # «لجنة الشؤون الخارجية القرار»: the object, not the name
                last, definite_seen = j, True
                marked = marked or key in self.adjectives  # «قوة الواجب العاشرة»
                continue
            if kind == "numbered" and marked:
                last = j  # «اللواء 17 مشاة»: the unit's arm, then the name ends
                break
            # an indefinite word continues a construct chain only when a definite word
            # or a place follows it: «مديرية أمن الإسكندرية», «محكمة أمن الدولة»
            if kind in ("construct", "weak") and j + 1 < len(tokens) and (
                    "det" in [w.role for w in tokens[j + 1].words]
                    or state.covered[j + 1]):
                continue
            # «لجنة حكام كرة القدم»: before the first definite word, a chain of two
            # indefinite nouns may lead to it
            if kind == "construct" and not definite_seen and j + 2 < len(tokens) and \
                    j + 1 < index + taken + _LONGEST and \
                    _plain_word(tokens[j + 1]) and "det" in [w.role for w in tokens[j + 2].words] \
                    and match_key(tokens[j + 1].text) not in self.stops and \
                    state.sentence_of[j + 2] == sentence:
                continue
            break
        return last, definite_seen, marked, only_places

    def _adjective(self, key: str) -> bool:
        """A word that may follow a name's genitive: a nisba (الخارجية) or a listed one."""
        return key in self.adjectives or key.endswith(word_list("nisba_endings"))

    @staticmethod
    def _add(state: Any, first: int, last: int, new_entity: Any, kb: Any, start: int
             ) -> None:
        country = None
        for j in range(first, last + 1):
            for mention in state.covering(j):
                entity = kb.get(mention.entity or "")
                if entity is not None and mention.label == "GPE" and entity.kind == "country":
                    country = entity.country
                state.remove(mention)
        tokens = state.tokens
        end = tokens[last].end
        surface = state.text[start:end]
        entity = new_entity(surface, "ORG", state)
        if country is not None and entity.country is None:
            entity = Entity(entity.id, entity.kind, entity.en, entity.ar, country=country,
                            extra=entity.extra)
            state.new_entities[entity.id] = entity
        state.add(Mention(Span(start, end), surface, "ORG", entity.id, "pattern",
                          confidence("org_pattern"), Span(first, last + 1)))


def _plain_word(token: Token) -> bool:
    """An Arabic word with nothing glued before it."""
    return token.kind == "arabic" and all(w.role == "stem" for w in token.words)


def head_start(token: Token) -> int:
    """Where a head noun starts behind its conjunction and preposition (ولوزارة)."""
    words = [w for w in token.words if w.role not in ("conj", "prep")]
    return words[0].start if words else token.start


def head_key(token: Token) -> str:
    """A head noun's matching key without its conjunction and preposition; the article
    is kept, also where a preposition swallowed its alif (للمعهد: المعهد)."""
    if token.kind != "arabic":
        return ""
    if not any(w.role in ("conj", "prep") for w in token.words):
        return match_key(token.text)
    stem = next((w for w in token.words if w.role == "stem"), None)
    if stem is None:
        return ""
    definite = any(w.role == "det" for w in token.words)
    return ("ال" if definite else "") + match_key(stem.text)
