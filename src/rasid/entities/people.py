"""People the knowledge base and the tagger miss: names after titles or given names,
and a family name written alone after the full name.

Why: on real news most people quoted are absent from the knowledge base, and the tagger,
trained on 125k tokens of ANERcorp, misses many of them or calls them places
(«اللواء منصور التركي» read as Turkey, «ايفانز كيديرو» as two places). Two kinds of
evidence need no model:

* a title (``titles.json``: العقيد، الدكتور، المتحدث باسم…) or a given name
  (``given_names.json``) starts a name, which runs over further name words (another
  given name, بن/أبو/عبد, a rare word, a family name with ال that ends it);
* within one article a family name once written in full (``منصور التركي``) names the
  same person when written alone (``اللواء التركي``, ``كيديرو``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rasid.entities.confidence import confidence
from rasid.lang.ar.clitics import has_conjunction, strip_conjunction
from rasid.lang.ar.words import word_list, word_set
from rasid.layers.mention import Mention
from rasid.resources import load_json
from rasid.span import Span
from rasid.text.normalize import match_key

if TYPE_CHECKING:
    from rasid.doc import Token
    from rasid.text.lexicon import Lexicon

#: words inside a name that join its parts and never end it
_KIN = frozenset(match_key(w) for w in word_list("kin_words"))
#: a word this frequent (Zipf) is an ordinary word, not a family name, unless listed
_RARE_ZIPF = 4.5
#: a family name with ال and without the nisba ending (النمر) must be rarer still
_RARE_FAMILY_ZIPF = 3.5
#: a word whose base before a pronoun suffix is this frequent is that word + pronoun
_SUFFIXED_ZIPF = 4.0
_MAX_WORDS = 5
#: modifiers a title may take before the name it introduces (المهاجم الفنزويلي ريفاس)
_MAX_MODIFIERS = 3
#: proclitics a rare word may hide (وحماسته، بمستطلع); «لل» (ل + ال) always is one
_GLUED = tuple(word_list("glued_proclitics"))
#: what is left behind such a proclitic is a word when the lexicon knows it this well
_KNOWN_REST_ZIPF = 1.0
#: pronouns a verb or a noun may carry (يبلغني، أبلغته), and how well the lexicon must
#: know what is left for the form to be that word rather than a name (كنياتا)
_PRONOUN_SUFFIXES = tuple(sorted(set(word_list("object_pronoun_suffixes"))
                                 | set(word_list("possessive_suffixes")), key=len, reverse=True))
_KNOWN_WORD_ZIPF = 3.0


class PersonNames:
    """Finds names by their shape and links family names written alone."""

    def __init__(self, lexicon: Lexicon) -> None:
        data = load_json("given_names.json")
        self.lexicon = lexicon
        self.names = frozenset(match_key(w) for w in data["names"])
        self.word_names = frozenset(match_key(w) for w in data["word_names"])
        self.honorifics = frozenset(match_key(w) for w in data["honorifics"])
        self.fillers = frozenset(match_key(w) for w in data["title_fillers"])
        self.never = frozenset(data["never_names"])
        self.subject_verbs = frozenset(match_key(w) for w in data["subject_verbs"])
        self.two_word_zipf = float(data["two_word_family_zipf"])
        self.foreign_given_zipf = float(data["foreign_given_zipf"])
        self.foreign_surname_zipf = float(data["foreign_surname_zipf"])
        self.foreign_single_zipf = float(data["foreign_single_zipf"])
        #: «حاكم إقليم فارياب»: a place noun after a title starts no name
        cues = load_json("entity_cues.json")
        self.place_words = frozenset(match_key(w) for w in cues["place"])
        self.named_place_heads = frozenset(match_key(w) for w in cues["named_place_heads"])
        self.named_place_titles = frozenset(match_key(w) for w in cues["named_place_titles"])
        self.starts = self.names | self.word_names | self.honorifics
        self.kunya = frozenset(match_key(w) for w in data["kunya"])
        self.pairs = {(match_key(p["after"]), match_key(p["name"])): p["entity"]
                      for p in data["paired_names"]}

    # -- names by shape --------------------------------------------------------------
    def find(self, state: Any, new_entity: Any) -> None:
        """Add a person mention for every name that starts after a title or with a given
        name and that no person or organization mention covers yet."""
        tokens = state.tokens
        title_ends = {m.last for m in state.title_matches}
        self._trim_fillers(state, new_entity)
        self._trim_titled_bodies(state, title_ends, new_entity)
        index = 0
        while index < len(tokens):
            span = self._name_at(state, tokens, index, title_ends) or \
                self._kunya_at(state, tokens, index) or \
                self._foreign_after_title(state, tokens, index, title_ends)
            listed = None if span is not None else self._listed_name(state, tokens, index)
            if span is None and listed is None:
                index += 1
                continue
            first, last = span or listed
            # a name listed after «و» starts behind the conjunction
            self._add(state, first, last, new_entity,
                      tokens[first].words[1].start if listed else None)
            index = last + 1

    def _trim_fillers(self, state: Any, new_entity: Any) -> None:
        """«ركن سالم العبيدي» from the tagger: a rank's filler word is no part of the name."""
        for mention in [m for m in state.mentions if m.label == "PERS" and m.source == "tagger"
                        and len(m.tokens) > 1
                        and match_key(state.tokens[m.tokens.start].text) in self.fillers]:
            state.remove(mention)
            first = mention.tokens.start + 1
            start = state.tokens[first].start
            surface = state.text[start:mention.end]
            entity = new_entity(surface, "PERS", state)
            state.add(Mention(Span(start, mention.end), surface, "PERS", entity.id, "tagger",
                              mention.confidence, Span(first, mention.tokens.end)))

    def _trim_titled_bodies(self, state: Any, title_ends: set[int], new_entity: Any
                            ) -> None:
        """A body the tagger read over a person's title and name («الاتحاد وهجر أمر
        انتقال الظهير الأيمن فيصل الخراع») ends before the title; one read over a
        title's modifiers and a rare name («المدرب [الاتحادي بولوني]») is the person's,
        not a body: the name is then read by its shape."""
        tokens = state.tokens
        for mention in [m for m in state.mentions if m.label == "ORG" and m.source == "tagger"]:
            inner = [t for t in state.title_starts
                     if mention.tokens.start < t <= mention.tokens.last]
            if inner:
                state.remove(mention)
                last = min(inner) - 1
                while last >= mention.tokens.start and tokens[last].kind != "arabic":
                    last -= 1
                if last >= mention.tokens.start:
                    start, end = mention.start, tokens[last].end
                    entity = new_entity(state.text[start:end], "ORG", state)
                    state.add(Mention(Span(start, end), state.text[start:end], "ORG",
                                      entity.id, "tagger", mention.confidence,
                                      Span(mention.tokens.start, last + 1)))
                continue
            last = mention.tokens.last
            if mention.tokens.start - 1 in title_ends and last > mention.tokens.start and \
                    all(match_key(tokens[k].text).startswith("ال")
                        for k in range(mention.tokens.start, last)) and \
                    _plain(tokens[last]) and not match_key(tokens[last].text).startswith("ال") \
                    and self.lexicon.zipf(match_key(tokens[last].text)) < self.foreign_single_zipf:
                state.remove(mention)

    def _after_title(self, tokens: list[Token], index: int, title_ends: set[int]) -> bool:
        if index - 1 in title_ends:
            return True
        return index >= 2 and _plain(tokens[index - 1]) and \
            match_key(tokens[index - 1].text) in self.fillers and index - 2 in title_ends

    def _name_at(self, state: Any, tokens: list[Token], index: int, title_ends: set[int]
                 ) -> tuple[int, int] | None:
        token = tokens[index]
        key = match_key(token.text)
        if key not in self.starts or token.text in self.never:
            return None  # the cheap test first: most words start no name
        # «وليام», «وائل»: a given name that starts with و is not و + a word
        if not (_plain(token) or (token.kind == "arabic" and key in self.names)) or \
                _covered_by_name(state, index):
            return None
        first = index
        titled = self._after_title(tokens, index, title_ends)
        if key in self.honorifics:  # «مولاي رشيد»: the honorific is part of the name
            index += 1
            if index >= len(tokens) or not _plain(tokens[index]) or \
                    _joined(tokens, index, state) is False:
                return None
            key = match_key(tokens[index].text)
            if key not in self.names and key not in self.word_names:
                return None
        elif not (key in self.names or key in self.word_names):
            return None
        ordinary = key not in self.names and not titled and first == index
        last = index
        j = index
        while j + 1 < min(len(tokens), index + _MAX_WORDS):
            j += 1
            word = match_key(tokens[j].text)
            if self._glued(tokens[j], word) or not _joined(tokens, j, state):
                break
            if _covered_by_name(state, j):
                inner = [m for m in state.covering(j) if m.label in ("PERS", "ORG")]
                if word in _KIN and all(m.label == "PERS" and m.tokens.start == j for m in inner):
                    # «وليد بن علي الجلال» is no «بن علي»: a known short name that a
                    # given name before it makes part of a longer one
                    last = j = max(m.tokens.last for m in inner)
                    continue
                if key in self.names and all(_generic_word(m, j) for m in inner):
                    last = j  # «إياد مدني»: after a given name, «مدني» is no civilian
                    continue
                break
            if tokens[j].text in self.never:
                break
            if word in _KIN:
                continue
            if word.startswith("ال"):
                if self._family_name(word, state, j):
                    last = j  # «منصور التركي», «سالم العبيدي»: the family name ends it
                break
            if word in self.names or word in self.word_names or \
                    self._rare(word) or _only_places(state, j):
                last = j
                continue
            break
        if last == first:
            return None  # one word is no evidence of a name
        if ordinary and last - index < 2 and not (
                last == index + 1 and self._rare_surname(state, last)):
            return None  # «سعيد», «علي» are words too: alone with one more, no name
        return first, last

    def _kunya_at(self, state: Any, tokens: list[Token], index: int
                  ) -> tuple[int, int] | None:
        """«أبو قتادة المغربي», «أبو خليل السوداني»: a kunya, one name word and a nisba
        is a nom de guerre, though the nisba alone reads as a country («أبو ظبي», a
        place, is not one: its second word is a place already)."""
        if match_key(tokens[index].text) not in self.kunya or not _plain(tokens[index]) or \
                index + 2 >= len(tokens):
            return None
        # the tagger may have read the kunya and its name alone («أبو دجانة»)
        short = [m for m in state.covering(index) if m.label == "PERS" and m.source == "tagger"
                 and m.tokens.start == index and m.tokens.end == index + 2]
        if (short and len(state.covering(index)) > 1) or (not short and (
                _covered_by_name(state, index) or state.covering(index + 1))):
            return None
        second, nisba = tokens[index + 1], tokens[index + 2]
        name, family = match_key(second.text), match_key(nisba.text)
        if not (_plain(second) and _plain(nisba) and _joined(tokens, index + 1, state)
                and _joined(tokens, index + 2, state)) or name.startswith("ال") or \
                second.text in self.never or \
                not (family.startswith("ال") and family.endswith("ي")) or \
                any(m.label in ("PERS", "ORG") for m in state.covering(index + 2)):
            return None
        for mention in short:
            state.remove(mention)  # the whole nom de guerre replaces it
        return index, index + 2

    def _foreign_after_title(self, state: Any, tokens: list[Token], index: int,
                             title_ends: set[int]) -> tuple[int, int] | None:
        """«وزير الطاقة إرنست مونيز», «الجنرال روي الكابيتس»: after a title, a word
        that is not very frequent and a surname the lexicon hardly knows are a name no
        list of given names holds (the thresholds are ``foreign_given_zipf`` and
        ``foreign_surname_zipf``); «المهاجم الفنزويلي ريفاس»: after a title and its
        modifiers, one word rarer than ``foreign_single_zipf`` is a name too."""
        described = self._modifiers_before(state, tokens, index, title_ends)
        nationality = self._after_nationality(state, tokens, index)
        titled = self._after_title(tokens, index, title_ends) or described is not None \
            or nationality
        if not titled:
            return None
        if index + 1 >= len(tokens) or not self._foreign_pair(state, tokens, index):
            return self._foreign_single(state, tokens, index,
                                        bool(described) or nationality)
        return index, index + 1

    @staticmethod
    def _after_nationality(state: Any, tokens: list[Token], index: int) -> bool:
        """A definite nationality adjective stands right before ``index`` («والبولندي
        زوكالا», «اللاعب الغاني مونتاري»): written so, it describes the person whose
        name follows, as a title does."""
        if index == 0 or state.sentence_of[index - 1] != state.sentence_of[index]:
            return False
        before = tokens[index - 1]
        key = strip_conjunction(match_key(before.text), min_rest=3)
        return key.startswith("ال") and any(
            m.label == "GPE" and m.extra.get("form") == "nisba" and m.tokens.last == index - 1
            for m in state.covering(index - 1))

    def _modifiers_before(self, state: Any, tokens: list[Token], index: int,
                          title_ends: set[int]) -> int | None:
        """How many modifiers stand between a title and ``index`` (one to three definite
        words, nisbas or named places and bodies: «المهاجم الفنزويلي», «قائد الشرطة
        المحلية», «حاكم منطقة العاصمة»), or None when no title comes before them."""
        for count in range(1, _MAX_MODIFIERS + 1):
            k = index - count
            if k < 1 or state.sentence_of[k] != state.sentence_of[index]:
                return None
            token = tokens[k]
            covered = [m for m in state.covering(k) if m.label in ("GPE", "LOC", "ORG")]
            if not (token.kind == "arabic" and (
                    (_plain(token) and match_key(token.text).startswith("ال")) or covered)):
                return None
            if k - 1 in title_ends:
                return count
        return None

    def _foreign_single(self, state: Any, tokens: list[Token], index: int,
                        described: bool) -> tuple[int, int] | None:
        """One rare word after a title (a player or an official named by surname): not a
        word of the article's places unless a modifier came between («الروماني
        سانمارتن», not «محافظ لحج»)."""
        token = tokens[index]
        key = match_key(token.text)
        if not _plain(token) or key.startswith("ال") or token.text in self.never or \
                _covered_by_name(state, index) or self._speech_verb(token) or \
                self.lexicon.zipf(key) >= self.foreign_single_zipf or self._glued_word(key) \
                or self._suffixed_word(key):
            return None
        if not described and any(m.label in ("GPE", "LOC") for m in state.covering(index)):
            return None
        if index + 1 < len(tokens) and _joined(tokens, index + 1, state) and \
                _plain(tokens[index + 1]) and \
                self.lexicon.zipf(match_key(tokens[index + 1].text)) < self.foreign_surname_zipf:
            return None  # a second rare word: two names the pair test refused
        return index, index

    def _suffixed_word(self, key: str) -> bool:
        """«يبلغني», «أبلغته»: a rare form that is a frequent word with an object or
        possessive pronoun attached, which the segmenter kept whole."""
        return any(key.endswith(suffix) and len(key) - len(suffix) >= 3
                   and self.lexicon.zipf(key[: -len(suffix)]) >= _KNOWN_WORD_ZIPF
                   for suffix in _PRONOUN_SUFFIXES)

    def _glued_word(self, key: str) -> bool:
        """«وحماسته», «للمستطلعة»: a rare word that is a proclitic glued to a word the
        lexicon knows, which the segmenter kept whole."""
        return key.startswith("لل") or any(
            key.startswith(p) and len(key) - len(p) >= 3
            and self.lexicon.zipf(key[len(p):]) >= _KNOWN_REST_ZIPF for p in _GLUED)

    def _foreign_pair(self, state: Any, tokens: list[Token], index: int) -> bool:
        first, second = tokens[index], tokens[index + 1]
        if not (_plain(first) and _plain(second)) or first.kind != "arabic" or \
                second.kind != "arabic" or _covered_by_name(state, index) or \
                _covered_by_name(state, index + 1):
            return False
        key, surname = match_key(first.text), match_key(second.text)
        return not (key.startswith("ال") or first.text in self.never or key in self.place_words
                    or self._glued_word(surname)
                    or self.lexicon.zipf(key) >= self.foreign_given_zipf
                    or self.lexicon.zipf(surname) >= self.foreign_surname_zipf
                    or self._speech_verb(first) or self._speech_verb(second))

    def _rare_surname(self, state: Any, index: int) -> bool:
        """«علي الغوينم», «سلطان النوة»: a definite word rare enough to be a family
        name, and no place or body, after a given name that is also a word."""
        key = match_key(state.tokens[index].text)
        return key.startswith("ال") and self.lexicon.zipf(key) < self.two_word_zipf and \
            not any(m.label in ("GPE", "LOC", "ORG") for m in state.covering(index))

    def _glued(self, token: Token, word: str) -> bool:
        """A word with a clitic glued to it, which a name does not run over; «كوبر» is
        no ك + وبر: a rare whole word keeps its letters."""
        return not _plain(token) and not (
            token.kind == "arabic" and token.words[0].role != "conj" and self._rare(word)
            and (token.words[0].role != "prep"
                 or self.lexicon.zipf(token.stem.key) < _SUFFIXED_ZIPF))

    def _rare(self, key: str) -> bool:
        """A rare word, and no frequent word with a pronoun suffix («استقالته»)."""
        if self.lexicon.zipf(key) >= _RARE_ZIPF:
            return False
        for suffix in word_list("possessive_suffixes"):
            base = key[:-len(suffix)]
            if not key.endswith(suffix) or len(base) < 3:
                continue
            if self.lexicon.zipf(base) >= _SUFFIXED_ZIPF or (
                    base.endswith("ت") and self.lexicon.zipf(base[:-1] + "ه") >= _SUFFIXED_ZIPF):
                return False
        return True

    def _family_name(self, key: str, state: Any, index: int) -> bool:
        """A definite word that can end a name: not an organization's word, not a word
        as frequent as an ordinary noun unless it has the nisba ending (التركي)."""
        if any(m.label == "ORG" for m in state.covering(index)):
            return False
        return key.endswith("ي") or self.lexicon.zipf(key[2:]) < _RARE_FAMILY_ZIPF

    def _speech_verb(self, token: Token) -> bool:
        key = match_key(token.text)
        return key in self.subject_verbs or (has_conjunction(key)
                                             and key[1:] in self.subject_verbs)

    def _family_key(self, key: str, state: Any, index: int) -> bool:
        """A last name that may stand alone for its person: not a joining word, not a
        given name (مولاي علي), not an ordinary word (قائد), not a place or nisba
        the name only ends with; a family name with ال and the nisba ending (التركي)
        is one even when it is also an adjective."""
        if key in _KIN or key in self.names or key in self.word_names:
            return False
        if any(m.label in ("GPE", "LOC", "ORG") for m in state.covering(index)):
            return False
        if key.startswith("ال") and key.endswith("ي"):
            return True
        return self.lexicon.zipf(key[2:] if key.startswith("ال") else key) < _RARE_ZIPF

    def _frequent_family(self, key: str, state: Any, mention: Mention) -> bool:
        """A last name that is also a frequent word («السيف», «مرسي», «صالح»): one
        of the knowledge base's people or a definite family name, never a given name
        nor a place or body; it stands alone for its person only where
        ``_frequent_alone`` says so."""
        if key in _KIN or key in self.names or any(
                m.label in ("GPE", "LOC", "ORG") for m in state.covering(mention.tokens.last)):
            return False
        return key.startswith("ال") or (mention.entity or "").startswith("person:")

    def _frequent_alone(self, token: Token, key: str, titled: bool) -> bool:
        """«وقال السيف», «عزل مرسي», «قوات صالح»: a frequent family name alone is the
        person when nothing but و or ف is glued to it (not «لصالح»), and, with ال, only
        as a speech verb's subject or after a title; without ال, a name the knowledge
        base knows."""
        if any(w.role == "prep" for w in token.words):
            return False
        return titled or (not key.startswith("ال") and self.lexicon.is_name(key))

    def _listed_name(self, state: Any, tokens: list[Token], index: int
                     ) -> tuple[int, int] | None:
        """«إسماعيل عبدي ورسول بداقي»، «وتركي الدحيلان، وعمر الماجد»: in a list of
        people, «و» with a given name and a family name after it is the next person."""
        token = tokens[index]
        if token.kind != "arabic" or len(token.words) != 2 or token.words[0].role != "conj":
            return None
        key = match_key(token.words[1].text)
        if (key not in self.names and key not in self.word_names) or index < 2 or \
                _covered_by_name(state, index) or index + 1 >= len(tokens):
            return None
        before = index - 2 if tokens[index - 1].text in ("،", ",") else index - 1
        if not any(m.label == "PERS" and m.tokens.last == before and m.source != "descriptor"
                   for m in state.covering(before)):
            return None
        nxt = index + 1
        word = match_key(tokens[nxt].text)
        if not (_plain(tokens[nxt]) and _joined(tokens, nxt, state)) or \
                _covered_by_name(state, nxt) or tokens[nxt].text in self.never:
            return None
        if word.startswith("ال"):
            return (index, nxt) if self._family_name(word, state, nxt) else None
        return (index, nxt) if word in self.names or self._rare(word) else None

    def _add(self, state: Any, first: int, last: int, new_entity: Any,
             start: int | None = None) -> None:
        span = Span(first, last + 1)
        for mention in [m for m in state.mentions if m.tokens.overlaps(span)
                        and (m.label in ("LOC", "GPE")
                             or (m.label == "PERS" and first < m.tokens.start
                                 and m.tokens.end <= span.end)
                             or (first < m.tokens.start and _generic_word(m, m.tokens.start)
                                 and m.tokens.end <= span.end))]:
            state.remove(mention)
        start, end = state.tokens[first].start if start is None else start, state.tokens[last].end
        surface = state.text[start:end]
        entity = new_entity(surface, "PERS", state)
        state.add(Mention(Span(start, end), surface, "PERS", entity.id, "pattern",
                          confidence("person_pattern"), span))

    def paired_names(self, state: Any) -> None:
        """«ميليشيات الحوثي وصالح»: the second of a fixed pair, a name that is also a
        plain word, is the person the pair names (``paired_names``)."""
        tokens = state.tokens
        for index in range(1, len(tokens)):
            token = tokens[index]
            words = token.words
            if token.kind != "arabic" or len(words) != 2 or words[0].role != "conj" or \
                    words[0].key != "و" or not _joined(tokens, index, state):
                continue
            entity = self.pairs.get((match_key(tokens[index - 1].text), match_key(words[1].text)))
            if entity is None or any(m.label == "PERS" for m in state.covering(index)) or (
                    index + 1 < len(tokens) and _joined(tokens, index + 1, state)
                    and any(m.label == "PERS" for m in state.covering(index + 1))):
                continue  # («الحوثي وصالح الحكيم»: another Saleh, with his family name)
            for mention in [m for m in state.covering(index) if len(m.tokens) == 1]:
                state.remove(mention)
            state.add(Mention(Span(words[1].start, token.end), state.text[words[1].start:token.end],
                              "PERS", entity, "pattern", confidence("family_name"),
                              Span(index, index + 1)))

    def drop_place_names(self, state: Any) -> None:
        """«مطار الملك عبد العزيز الدولي», «حي الشيخ رضوان», «بقاعة عبدالرحمن المريخي»:
        a person read right after a place's head noun (and perhaps a title) is the
        place's namesake, not someone the article names."""
        tokens = state.tokens
        for mention in [m for m in state.mentions if m.label == "PERS"
                        and m.source not in ("descriptor", "anaphor", "pronoun")]:
            head = mention.tokens.start - 1
            if head >= 0 and _plain_key(tokens[head]) in self.named_place_titles:
                head -= 1
            if head >= 0 and _joined(tokens, head + 1, state) and \
                    _plain_key(tokens[head]) in self.named_place_heads:
                state.remove(mention)

    # -- a quoted name after a speech verb --------------------------------------------
    def quoted_speakers(self, state: Any, new_entity: Any) -> None:
        """«وأضاف «إيرنست»: …»: a short name in quotation marks right after a speech verb
        and before what is said is the person speaking (the tagger may call it a body)."""
        tokens = state.tokens
        for index in range(1, len(tokens) - 3):
            if tokens[index].text not in ("«", '"') or not self._speech_verb(tokens[index - 1]):
                continue
            closer = "»" if tokens[index].text == "«" else '"'
            close = next((k for k in range(index + 1, min(len(tokens), index + 5))
                          if tokens[k].text == closer), None)
            if close is None or close == index + 1 or close + 1 >= len(tokens):
                continue
            after = match_key(tokens[close + 1].text)
            if not (tokens[close + 1].text in (":", "«", "،", ",") or after in
                    word_set("speech_complements")):
                continue
            inner = range(index + 1, close)
            if not all(tokens[k].kind == "arabic" and self._rare(match_key(tokens[k].text))
                       for k in inner):
                continue
            covering = [m for k in inner for m in state.covering(k)]
            if any(m.source != "tagger" or m.label == "PERS" for m in covering):
                continue
            for mention in {id(m): m for m in covering}.values():
                state.remove(mention)
            self._add(state, index + 1, close - 1, new_entity)

    # -- one name, one reading per article --------------------------------------------
    def propagate(self, state: Any) -> None:
        """A name read once as a person or a body (by the tagger or by its shape) is the
        same name wherever the article writes it again: the tagger, which reads each
        sentence alone, may miss it there or call it a place."""
        known: dict[tuple[str, ...], Mention] = {}
        for mention in state.mentions:
            if mention.label not in ("PERS", "ORG") or not mention.entity or \
                    mention.source in ("descriptor", "anaphor", "pronoun") or \
                    (mention.entity or "").startswith("agent:"):
                continue
            words = tuple(match_key(state.tokens[k].text)
                          for k in mention.tokens.indices())
            if len(words) == 1 and (words[0] in self.names or words[0] in self.word_names
                                    or not self._rare(words[0])):
                continue  # one ordinary word or a first name alone proves nothing
            known.setdefault(words, mention)
        if not known:
            return
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for words in known:
            by_first.setdefault(words[0], []).append(words)
        tokens = state.tokens
        for index, token in enumerate(tokens):
            if token.kind != "arabic":
                continue
            start = _after_clitics(token)
            if start is None:
                continue
            first_key = match_key(state.text[start:token.end])
            for words in sorted(by_first.get(first_key, ()), key=len, reverse=True):
                last = index + len(words) - 1
                if last >= len(tokens) or any(match_key(tokens[index + k].text) != words[k]
                                              for k in range(1, len(words))):
                    continue
                covering = [m for k in range(index, last + 1) for m in state.covering(k)]
                if any(m.label in ("PERS", "ORG") or m.extra.get("form") == "nisba"
                       or m.tokens.start < index or m.tokens.end > last + 1 for m in covering):
                    break  # already read, or part of a longer name
                source = known[words]
                for mention in {id(m): m for m in covering}.values():
                    state.remove(mention)
                state.add(Mention(Span(start, tokens[last].end),
                                  state.text[start:tokens[last].end], source.label,
                                  source.entity, "pattern", confidence("name_repeat"),
                                  Span(index, last + 1)))
                break

    # -- family names written alone --------------------------------------------------
    def link_family_names(self, state: Any, title_ends: set[int]) -> None:
        """«كيديرو» after «ايفانز كيديرو», «اللواء التركي» after «منصور التركي»: a
        person's last name written alone is that person. A word a place or a nisba
        already explains is taken only right after a title («اللواء التركي», not
        «الرئيس التركي» nor «الجيش التركي»)."""
        family: dict[str, Mention] = {}
        frequent: set[str] = set()
        for mention in sorted(state.mentions, key=lambda m: m.start):
            # names only: «الرئيس الكيني» has no family name
            if mention.label != "PERS" or len(mention.tokens) <= 1 or \
                    mention.source == "descriptor" or not mention.entity:
                continue
            key = match_key(state.tokens[mention.tokens.last].text)
            if self._family_key(key, state, mention.tokens.last):
                family.setdefault(key, mention)
            elif key not in family and self._frequent_family(key, state, mention):
                family[key] = mention
                frequent.add(key)
        if not family:
            return
        for index, token in enumerate(state.tokens):
            if token.kind != "arabic":
                continue
            if token.text in self.never:
                continue
            start = _after_clitics(token)
            if start is None:
                continue
            owner = family.get(match_key(state.text[start:token.end]))
            if owner is None or owner.tokens.contains(index) or index < owner.tokens.start:
                continue
            covering = state.covering(index)
            alone = [m for m in covering if m.label == "PERS" and len(m.tokens) == 1
                     and (m.entity or "").startswith("new:")]
            if alone:
                # the tagger found «كوستنر» alone: the same person as «وليام كوستنر»
                for mention in alone:
                    mention.entity = owner.entity
                continue
            if any(m.label in ("PERS", "ORG") and not _tagged_lone_body(m) for m in covering):
                continue  # (the tagger's one-word «بلاتر» body is the family name's person)
            titled = index - 1 in title_ends or (index > 0 and self._speech_verb(
                state.tokens[index - 1]))
            key = match_key(state.text[start:token.end])
            if key in frequent and not self._frequent_alone(token, key, titled):
                continue
            # a nisba after a definite noun is its adjective («الشعب السوداني»)
            nom_de_guerre = match_key(state.tokens[owner.tokens.start].text) in self.kunya \
                and not (index > 0 and match_key(state.tokens[index - 1].text).startswith("ال"))
            if any(m.extra.get("form") == "nisba" or m.source == "gazetteer"
                   for m in covering) and not titled and not nom_de_guerre:
                continue  # («السوداني» after «أبو خليل السوداني» is that man)
            for mention in covering:
                state.remove(mention)
            state.add(Mention(Span(start, token.end), state.text[start:token.end], "PERS",
                              owner.entity, "pattern", confidence("family_name"),
                              Span(index, index + 1)))


def _tagged_lone_body(mention: Mention) -> bool:
    """A one-word body only the tagger read and no list knows."""
    return mention.label == "ORG" and mention.source == "tagger" and \
        len(mention.tokens) == 1 and (mention.entity or "").startswith("new:")


def _generic_word(mention: Mention, index: int) -> bool:
    """A one-word generic agent («مدني»: a civilian) at ``index``, which a name may
    hold as its family name."""
    return mention.label == "ORG" and len(mention.tokens) == 1 and \
        mention.tokens.start == index and (mention.entity or "").startswith("agent:")


def _plain(token: Token) -> bool:
    """An Arabic word without a preposition or conjunction glued before it."""
    return token.kind == "arabic" and all(w.role in ("stem", "det") for w in token.words)


def _joined(tokens: list[Token], index: int, state: Any) -> bool:
    """The token follows the previous one in the same sentence, one space apart."""
    return state.sentence_of[index] == state.sentence_of[index - 1] and \
        tokens[index].start - tokens[index - 1].end <= 1


def _plain_key(token: Token) -> str:
    """The token's key behind its proclitics (بمطار → مطار, والملك → الملك)."""
    words = [w for w in token.words if w.role not in ("conj", "prep")]
    return match_key("".join(w.text for w in words)) if words else ""


def _covered_by_name(state: Any, index: int) -> bool:
    return any(m.label in ("PERS", "ORG") for m in state.covering(index))


def _only_places(state: Any, index: int) -> bool:
    """A word only the tagger or the place list calls a place («كيديرو», «روتو»)."""
    covering = state.covering(index)
    return bool(covering) and all(m.label in ("LOC", "GPE") and len(m.tokens) == 1
                                  and m.extra.get("form") != "nisba" for m in covering)


def _after_clitics(token: Token) -> int | None:
    """Where the token's word starts behind its proclitics (و, ب, ل…), keeping the
    article; None for a token of clitics only."""
    words = [w for w in token.words if w.role not in ("conj", "prep")]
    return words[0].start if words else None
