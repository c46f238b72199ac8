"""Finding quotations: cue, speaker, content, kind, medium, and how the speaker was found.

Arabic news attributes most of what it reports: ``وقال…، إن``, ``وأكد…، أن``,
``وأشار… إلى أن``, ``نقلت وكالة… عن…``, ``بحسب…``. A speech verb starts a quotation
only when a complement (``إن``, ``أن``, a colon, an opening quote, or the verb's own
preposition) follows in the same sentence, which keeps ``أكدت الفحوص وجود…`` out.
Between the verb and the complement stand the speaker, an apposition with the
speaker's title, and the medium (``في تصريحات خاصة ل…``); when no speaker stands there,
the subject was dropped and the previous speaker carries over. Participles such as
``مشددا على أن`` continue the current quotation, or open one after a sentence that
quotes no one.

Real news adds shapes the verb-and-complement rule misses, each a rule over data in
``cues.json``: a speech act whose content is a noun phrase after a marked source
(``أكد مصدر أمني خروج…``; the bare verb «أكدت الفحوص وجود…» stays out), verbal nouns
of saying (``كقولهم:``, ``على حد تعبيره``), the words of a statement (``وجاء في بيان
لـ…``), anaphoric speakers that refer back to a person, body or quotation (``الوزير``,
``المنظمة``, ``المصادر``), and «بحسب» only before a source.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import pairwise
from typing import Any

from rasid.doc import Doc, Sentence, Token
from rasid.lang.ar.clitics import has_conjunction, strip_conjunction
from rasid.lang.ar.words import word_list, word_set
from rasid.layers.mention import Mention
from rasid.layers.quote import Quote
from rasid.resources import data_path
from rasid.span import Span
from rasid.text.normalize import match_key

_COMPLEMENT_WORDS = word_set("complement_particles")
_ENCLITICS = word_list("object_pronoun_suffixes")
_IMPERFECT = word_set("imperfect_prefixes")
_DEFINITE = tuple(word_list("definite_prefixes"))
_DEFINITE = word_list("definite_prefixes")
_PUBLICATION = word_set("publication_lemmas")
_OPEN_QUOTES = {"«": "»", '"': '"', "“": "”"}
#: what follows the ل of an outlet spoken to («لـ«الشرق الأوسط»», «لـ(عكاظ)»)
_ADDRESSEE_OPENINGS = frozenset({"«", '"', "“", "("})
_LABEL_RANK = {"PERS": 0, "ORG": 1, "GPE": 2, "LOC": 3}
#: how far (characters) before a word a name that covers it may start
_LONGEST_NAME = 200
#: how many words into its sentence a verb's subject may start (وكان الرئيس X قد…)
_SUBJECT_REACH = 4


def _load_cues() -> dict[str, Any]:
    import json

    path = data_path("cues.json", "rasid.quotes")
    return json.loads(path.read_text(encoding="utf-8"))


def _phrase_keys(phrases: list[str]) -> list[tuple[str, ...]]:
    return sorted({tuple(match_key(w) for w in p.split()) for p in phrases}, key=len,
                  reverse=True)


class QuoteExtractor:
    """Extracts the quotations of a Doc whose entities are already found."""

    def __init__(self) -> None:
        cues = _load_cues()
        self.verbs: dict[str, str] = {}
        for lemma, forms in cues["verbs"].items():
            for form in forms:
                self.verbs[match_key(form)] = lemma
        self.secondary = frozenset(match_key(w) for w in cues["secondary"])
        self.exact = {match_key(w): w for w in cues["exact_forms"]}
        self.speaker_stops = frozenset(match_key(w) for w in cues["speaker_stops"])
        default = cues["complements"]["default"]
        self._read_nominal_cues(cues)
        self.complements = {
            lemma: _phrase_keys(default + cues["complements"].get(lemma, []))
            for lemma in {*cues["verbs"], *self.named_only.values()}
        }
        self.according = _phrase_keys(cues["sources"]["according_to"])
        self.statements = _phrase_keys(cues["statement_cues"])
        self.source_words = frozenset(match_key(w) for w in cues["sources"]["source_words"])
        self.media = _phrase_keys(cues["media"])
        self.traps_after = _phrase_keys(cues["traps"]["after"])
        self.traps_before = frozenset(match_key(w) for w in cues["traps"]["before"])
        self.passive = frozenset(match_key(w.split()[0]) for w in cues["traps"]["passive"])
        self.connectives = _phrase_keys(cues["connectives"])
        self.clitic_complements = {lemma: frozenset(match_key(w) for w in words)
                                   for lemma, words in cues["clitic_complements"].items()}
        # verbs whose object stands between the speaker and the complement
        self.object_verbs = frozenset(cues["object_verbs"])
        self.participle_complements = _phrase_keys(cues["participle_complements"])
        self.anaphors = frozenset(match_key(w) for w in cues["anaphors"])
        self.title_adjectives = frozenset(match_key(w) for w in cues["title_adjectives"])
        self.adjuncts = frozenset(match_key(w) for w in cues["adjunct_words"])
        self.weak = frozenset(match_key(w) for w in cues["weak_complements"])
        self.before_cue = _phrase_keys(cues["before_cue"])
        self.window = int(cues["complement_window"])
        self.present_window = int(cues["present_window"])
        self.present_named_window = int(cues["present_named_window"])
        self.participle_own = {match_key(w): frozenset(match_key(c) for c in cs)
                               for w, cs in cues["participle_own_complements"].items()}
        self.participle_skip = _phrase_keys(cues["participle_skip"])
        self.subordinators = frozenset(match_key(w) for w in cues["subordinators"])
        self.nominal_verbs = frozenset(cues["nominal_verbs"])
        self.source_nouns = frozenset(match_key(w) for w in cues["source_nouns"])
        self.source_modifiers = frozenset(match_key(w) for w in cues["source_modifiers"])
        self.time_adjuncts = frozenset(match_key(w) for w in cues["time_adjuncts"])
        self.noun_cues = frozenset(match_key(w) for w in cues["noun_cues"])
        # with up to two proclitics (وقوله, كقولهم, وبقوله): one set lookup per token
        self.noun_cue_forms = frozenset(
            a + b + cue for cue in self.noun_cues for a in ("", *"وفكبل")
            for b in ("", *"كبل"))
        self.performative = frozenset(match_key(w) for w in cues["performative_objects"])
        self.relative_adjuncts = frozenset(match_key(w) for w in cues["relative_adjuncts"])
        self.relay_sources = frozenset(match_key(w) for w in cues["relay_sources"])
        self.fixed_objects = frozenset(match_key(w) for w in cues["fixed_objects"])
        self.relatives = frozenset(match_key(w) for w in cues["relative_pronouns"])
        self.demonstratives = frozenset(match_key(w) for w in cues["demonstratives"])
        self.plural_endings = tuple(match_key(w) for w in cues["adjective_plural_endings"])
        self.subjunctive = frozenset(match_key(w) for w in cues["subjunctive_particles"])

    def _read_nominal_cues(self, cues: dict[str, Any]) -> None:
        """The cues of speech acts with a noun-phrase content and of sources that refer
        back: participles that take a noun phrase, how far a participle's complement may
        stand, forms that are a cue only before a name, time phrases before a content,
        and an unnamed source's head in its other number."""
        self.participle_nominal = frozenset(match_key(w) for w in cues["participle_nominal"])
        self.participle_reach = int(cues["participle_reach"])
        self.named_only = {match_key(w): lemma for w, lemma in cues["named_only_verbs"].items()}
        self.time_heads = frozenset(match_key(w) for w in cues["time_phrase_heads"])
        self.time_prepositions = frozenset(match_key(w) for w in cues["time_phrase_prepositions"])
        self.anaphor_numbers = {match_key(w): tuple(match_key(o) for o in others)
                                for w, others in cues["anaphor_numbers"].items()}
        self.according_glued = frozenset(match_key(w) for w in cues["according_glued"])
        self.according_reach = int(cues["according_name_reach"])
        self.before_relative_words = frozenset(match_key(w) for w in cues["what_words"])
        self.listing_words = frozenset(match_key(w) for w in cues["listing_words"])
        self.relayed_from = frozenset(match_key(w) for w in cues["relayed_from"])
        self.plural_participles = tuple(match_key(w) for w in cues["plural_participle_endings"])
        self.group_openers = frozenset(match_key(w) for w in cues["group_openers"])
        self.group_reach = int(cues["group_reach"])
        self.addressee_prepositions = frozenset(cues["addressee_prepositions"])
        self.subject_openers = frozenset(match_key(w) for w in cues["subject_openers"])
        self.opener_reach = int(cues["subject_opener_reach"])
        self.nominal_objects = {lemma: frozenset(match_key(w) for w in words)
                                for lemma, words in cues["nominal_objects"].items()}
        self.speaker_head_reach = int(cues["speaker_head_reach"])
        self.pronoun_objects = frozenset(match_key(w) for w in cues["pronoun_objects"])
        self.document_anaphors = frozenset(match_key(w) for w in cues["document_anaphors"])
        self.source_demonstratives = frozenset(match_key(w)
                                               for w in cues["source_demonstratives"])

    # -- token tests ------------------------------------------------------------------
    @staticmethod
    def _bare(token: Token) -> str:
        key = match_key(token.text)
        return strip_conjunction(key, min_rest=3)

    def cue_lemma(self, token: Token) -> str | None:
        if token.kind != "arabic" or token.text.endswith("ة"):
            return None  # a word with ة is a noun (طالبة), never a verb
        key = match_key(token.text)
        for candidate in (key, self._bare(token), key[1:] if has_conjunction(key) else ""):
            lemma = self.verbs.get(candidate)
            if lemma is None:
                continue
            exact = self.exact.get(candidate)
            if exact is not None and not token.text.endswith(exact[-1]):
                return None  # «نادي» is a club; only «نادى» calls
            return lemma
        return None

    def _relative_object(self, tokens: list[Token], index: int, start: int) -> bool:
        """«في بيان نشرته مواقع…», «رسالة نشرتها عبر موقع…», «البيان الذي نشرته»: a
        cue carrying the pronoun of the noun before it describes that statement in a
        relative clause; it quotes no one («ما نشرته صحيفة… أن» does)."""
        key = self._bare(tokens[index])
        lemma = self.verbs.get(key)
        plain = next((key[:-len(s)] for s in _ENCLITICS if key.endswith(s)), None)
        if lemma is None or plain is None or self.verbs.get(plain) != lemma or index <= start:
            return False
        before = tokens[index - 1]
        if before.kind != "arabic":
            return False
        previous = match_key(before.text)
        return previous in self.relatives or (
            len(before.words) == 1 and not previous.startswith("ال")
            and previous not in self.before_relative_words)

    def _imperfect(self, token: Token) -> bool:
        """A present-tense form (يقول، تؤكد); «تعهدت», «توعدت», «تابعت» start with ت
        but are the past of a verb whose own form starts with it."""
        bare = self._bare(token)
        lemma = self.verbs.get(bare)
        if lemma is not None and bare.startswith(match_key(lemma)):
            return False
        return bare[:1] in _IMPERFECT

    def _named_only(self, tokens: list[Token], index: int, end: int, mentions: _Mentions
                    ) -> str | None:
        """«وبين المغلوث أن…»: a form that is also another word (بين: between) is a cue
        only right before a person's name that its complement follows."""
        lemma = self.named_only.get(self._bare(tokens[index]))
        if lemma is None or index + 1 >= end:
            return None
        person = next((m for m in mentions.starting_in(tokens[index + 1].start,
                                                       tokens[index + 1].end)
                       if m.label == "PERS"), None)
        if person is None:
            return None
        after = next((k for k in range(index + 1, end) if tokens[k].start >= person.end), None)
        return lemma if after is not None and self._complement_at(
            tokens, after, lemma, end) is not None else None

    def is_secondary(self, token: Token) -> bool:
        return token.kind == "arabic" and (match_key(token.text) in self.secondary
                                           or self._bare(token) in self.secondary)

    @staticmethod
    def _phrase_at(tokens: list[Token], index: int, phrases: list[tuple[str, ...]],
                   end: int) -> int:
        """Length in tokens of the longest phrase starting at ``index`` (0 if none).

        The first word may carry the conjunction و or ف (``وبحسب``).
        """
        first = match_key(tokens[index].text)
        by_first = _by_first_word(phrases)
        found = by_first.get(first, ())
        if has_conjunction(first) and first[1:] in by_first:
            found = sorted((*found, *by_first[first[1:]]))  # in the list's order
        for _order, phrase in found:
            if index + len(phrase) > end:
                continue
            if all(match_key(tokens[index + k].text) == phrase[k]
                   for k in range(1, len(phrase))):
                return len(phrase)
        return 0

    def _complement_at(self, tokens: list[Token], index: int, lemma: str, end: int
                       ) -> tuple[int, str] | None:
        """(tokens taken, kind) when a complement starts at ``index``."""
        token = tokens[index]
        if token.text in _OPEN_QUOTES:
            return 1, "direct"
        if token.text == ":":
            nxt = tokens[index + 1] if index + 1 < end else None
            return (2, "direct") if nxt is not None and nxt.text in _OPEN_QUOTES else (1, "direct")
        taken = self._phrase_at(tokens, index, self.complements[lemma], end)
        if taken:
            return taken, "reported"
        preps = self.clitic_complements.get(lemma)
        if preps and token.kind == "arabic" and len(token.words) > 1 and \
                token.words[0].role == "prep" and token.words[0].key in preps:
            return 1, "reported"  # طالب الشركات بمزيد…: the complement keeps its word
        key = match_key(token.text)
        if key in _COMPLEMENT_WORDS or any(
                key.startswith(stem) and key[len(stem):] in _ENCLITICS
                for stem in word_list("complement_stems")):
            return 1, "reported"
        return None

    # -- main -----------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        mentions = _Mentions(doc.layers.mentions)
        state = _Carry()
        quotes: list[Quote] = []
        for sentence in doc.sentences:
            quotes.extend(self._sentence(doc, sentence, mentions, state))
        for number, quote in enumerate(quotes, start=1):
            quote.id = f"q{number}"
            quote.text = doc.text
        for quote in quotes:
            if quote.source_quote is not None:
                quote.carried_from = _origin(quote.source_quote).id
        doc.layers.quotes = quotes
        doc.done.add("quotes")
        return doc

    def _sentence(self, doc: Doc, sentence: Sentence, mentions: _Mentions,
                  state: _Carry) -> list[Quote]:
        tokens = doc.tokens
        start, end = sentence.tokens.start, sentence.tokens.end
        found: list[Quote] = []
        open_quote: Quote | None = None
        index = start
        while index < end:
            token = tokens[index]
            if open_quote is not None and _inside_marks(doc.text, open_quote, token):
                index += 1  # «قرار مجلس الأمن ينص…»: words inside the quotation marks
                continue
            if open_quote is not None and open_quote.found_by != "source" and \
                    open_quote.cue.end <= token.start and token.end <= open_quote.content.start \
                    and tokens[index - 1].kind == "arabic" and tokens[index - 1].text != "و":
                # between a cue and its words: «فقال داعيا الله: …», «وأفادت مصادر نقلا
                # عن الموقوفين بأن…» qualify the same saying and open none of their own
                # (a source set apart, «أكد X، ووفقا لوكالة Y، أن…», vouches for it)
                index += 1
                continue
            if self.is_secondary(token) and not self._agrees(tokens, index, start):
                open_quote = self._secondary(doc, sentence, index, mentions, state,
                                             open_quote, found)
                index += 1
                continue
            quote, step = self._phrase_cue(doc, sentence, index, mentions, state, open_quote)
            if quote is not None:
                found.append(quote)
                state.speak(quote, relay=self._relay(doc, quote))
                open_quote = quote
                index = max(index + step, _past(tokens, index, end, quote.cue.end))
                continue
            lemma = self.cue_lemma(token) or self._named_only(tokens, index, end, mentions)
            if lemma is None or self._trapped(tokens, index, start, end) or \
                    self._relative_object(tokens, index, start):
                index += 1
                continue
            quote = self._verb(doc, index, lemma, start, end, mentions, state)
            if quote is None:
                index += 1
                continue
            if open_quote is not None and self._continues(token, quote, open_quote, mentions,
                                                          doc.text):
                open_quote.secondary_cues.append(Span(token.start, token.end))
                index += 1
                continue
            if open_quote is not None and open_quote.content.end > token.start:
                self._end_before(doc, index, start, open_quote, found)
            found.append(quote)
            state.speak(quote)
            open_quote = quote
            index = _past(tokens, index, end, quote.cue.end)  # «وتابع قائلا» is one cue
        if not found:
            state.saw_sentence(doc, sentence, mentions)
        return found

    def _agrees(self, tokens: list[Token], index: int, start: int) -> bool:
        """«من احتمالات مؤكدة أن…»: a feminine participle right after an indefinite
        plural it agrees with is that noun's adjective (certain possibilities), not a
        cue (``adjective_plural_endings``)."""
        if index <= start or not tokens[index].text.endswith("ة"):
            return False
        before = index - 1
        # «إجراءات أمنية مشددة»: the plural's own indefinite adjective may stand between
        if before > start and self._indefinite(tokens[before]) and \
                tokens[before].text.endswith("ة") and \
                self._indefinite(tokens[before - 1]):
            before -= 1
        key = match_key(tokens[before].text)
        return self._indefinite(tokens[before]) and \
            any(key.endswith(e) for e in self.plural_endings)

    @staticmethod
    def _indefinite(token: Token) -> bool:
        """A one-word Arabic token without the article."""
        return token.kind == "arabic" and len(token.words) == 1 and \
            not match_key(token.text).startswith(_DEFINITE)

    def _secondary(self, doc: Doc, sentence: Sentence, index: int, mentions: _Mentions,
                   state: _Carry, open_quote: Quote | None, found: list[Quote]
                   ) -> Quote | None:
        """A participle cue (مشيرا، مضيفة): in a running quotation a quotation of its own
        with the same speaker, the first ending before it («قال X إن … ، مشيرا إلى أن …»),
        or else one more cue of it; after a sentence that quotes no one, a quotation it
        opens. Returns the quotation now running."""
        token = doc.tokens[index]
        quote = self._participle(doc, sentence, index, mentions, state, open_quote) \
            if open_quote is not None else \
            self._participle(doc, sentence, index, mentions, state)
        if quote is None:
            if open_quote is not None:
                open_quote.secondary_cues.append(Span(token.start, token.end))
            return open_quote
        if open_quote is not None and \
                open_quote.content.start < token.start < open_quote.content.end:
            open_quote.content = Span(open_quote.content.start, _trim_end(
                doc.text, open_quote.content.start, token.start))
        found.append(quote)
        state.speak(quote)
        return quote

    def _opens_own(self, text: str, token: Token, quote: Quote) -> bool:
        """«… ويضيف: باشر فريق…», «… وتشير المصادر إلى أن…»: a present-tense cue with
        و whose complement follows it at once, or whose speaker is a source named again,
        starts a quotation of its own, as «وأضاف» does."""
        if not has_conjunction(match_key(token.text)):
            return False
        if quote.speaker is not None and quote.found_by not in ("carried_over", "pronoun"):
            head = match_key(quote.speaker.of(text)).split()[:1]
            return bool(head) and head[0] in self.anaphors
        return len(text[token.end:quote.content.start].split()) <= 1

    def _continues(self, token: Token, quote: Quote, open_quote: Quote,
                   mentions: _Mentions, text: str = "") -> bool:
        """A present-tense cue inside a running quotation that continues it: with no
        person or body before its complement (تؤكد خصوصية العلاقة… أن), or with a dropped
        subject; «…، وأوضح أن …» in the past tense is a quotation of its own."""
        if open_quote.content.end <= token.start or not self._imperfect(token):
            return False
        if self._opens_own(text, token, quote):
            return False
        if quote.found_by == "carried_over":
            return True
        return not (quote.speaker_mention is not None and any(
            m.label in ("PERS", "ORG") for m in mentions.with_id(quote.speaker_mention)))

    def _end_before(self, doc: Doc, index: int, start: int, open_quote: Quote,
                    found: list[Quote]) -> None:
        """End the running quotation before a new cue (or the connective before it:
        بينما، في حين); one whose content began after the cue gives way to it."""
        tokens = doc.tokens
        cut = tokens[index].start
        for back in (2, 1):
            if index - back > start and self._phrase_at(
                    tokens, index - back, self.connectives, index) == back:
                cut = tokens[index - back].start
                break
        kept = _trim_end(doc.text, open_quote.content.start, cut)
        if kept > open_quote.content.start:
            open_quote.content = Span(open_quote.content.start, kept)
        elif open_quote.found_by != "source":
            found.remove(open_quote)
        # («وحسب موقع X؛ فقد أعلنت المقاومة…»: the source vouches for the whole clause,
        # the cue in it is a quotation of its own)

    def _phrase_cue(self, doc: Doc, sentence: Sentence, index: int, mentions: _Mentions,
                    state: _Carry, open_quote: Quote | None) -> tuple[Quote | None, int]:
        """A cue of words rather than a verb at ``index``: the words of a statement
        (وجاء في بيان…), «بحسب…», a verbal noun of saying (كقولهم:); the quotation and
        how many tokens its cue takes."""
        tokens, end = doc.tokens, sentence.tokens.end
        taken = self._phrase_at(tokens, index, self.statements, end)
        if taken:
            quote = self._statement(doc, sentence, index, taken, mentions, state)
            if quote is not None:
                return quote, taken
        taken = self._phrase_at(tokens, index, self.according, end) or \
            self._glued_according(tokens, index, end)
        if taken:
            quote = self._according(doc, sentence, index, taken, mentions, state)
            if quote is not None:
                return quote, taken
        token = tokens[index]
        if not self._noun_cue(token) or (open_quote is not None and open_quote.cue.end
                                         <= token.start < open_quote.content.start):
            return None, 0  # («نقلت الوكالة عن مسؤول قوله إن…»: قوله is نقل's own)
        quote = self._by_noun(doc, sentence, index, state)
        if quote is not None and open_quote is not None and \
                open_quote.content.start < quote.cue.start < open_quote.content.end:
            open_quote.content = Span(open_quote.content.start, _trim_end(
                doc.text, open_quote.content.start, quote.cue.start))
            if quote.content.end <= quote.cue.start:
                # «وأضاف أن…، على حد تعبيره»: the same words, said by the same speaker
                quote.content = open_quote.content
        return quote, 1

    def _relay(self, doc: Doc, quote: Quote) -> bool:
        """«بحسب وكالة…», «حسبما ذكرت صحيفة…»: a source phrase that names an outlet
        (``relay_sources``), not the one who spoke."""
        if quote.found_by != "source" or quote.speaker is None:
            return False
        words = match_key(quote.speaker.of(doc.text)).split()
        return bool(words) and (words[0] in self.relay_sources or (
            words[0].startswith("ال") and words[0][2:] in self.relay_sources))

    def _weak(self, tokens: list[Token], where: int, taken: int) -> bool:
        """A complement that is only a preposition (إلى, على, a clitic ب)."""
        if taken != 1 or tokens[where].text in (":", *_OPEN_QUOTES):
            return False
        token = tokens[where]
        key = match_key(token.text)
        if key in self.weak:
            return True
        return len(token.words) > 1 and token.words[0].role == "prep" and \
            token.words[0].key in self.weak and key not in _COMPLEMENT_WORDS

    def _adjunct(self, token: Token) -> bool:
        """A word that opens an adjunct (عن، حول، خلال، بهذا الخصوص، لأبيه)."""
        if match_key(token.text) in self.adjuncts:
            return True
        return len(token.words) > 1 and token.words[0].role == "prep" and \
            token.words[0].key in word_set("attached_prepositions") and token.kind == "arabic"

    def _trapped(self, tokens: list[Token], index: int, start: int, end: int) -> bool:
        if index > start and match_key(tokens[index - 1].text) in self.traps_before:
            return True
        if index > start and self._imperfect(tokens[index]) and \
                match_key(tokens[index - 1].text) in self.subjunctive:
            return True  # «تأمل المنظمات أن يحث أوباما…»: a wish, not words said
        if index > start and any(
                match_key(tokens[index - 1].text).startswith(stem)
                and match_key(tokens[index - 1].text)[len(stem):] in _ENCLITICS
                for stem in word_list("participle_complement_stems")):
            return True  # «وقالت المنظمة إنها أبلغت المكتب بأن…»: the words said
        if index > start and self.cue_lemma(tokens[index - 1]) is not None:
            return True  # «وصف دان دي لوس…»: after a verb, a name (Dan), not a second verb
        if index > start and tokens[index - 1].kind == "number":
            return True  # «1300 طالب»: a counted noun, not a verb
        if index + 1 < end and self._phrase_at(tokens, index + 1, self.traps_after, end):
            return True
        if match_key(tokens[index].text) in self.passive:
            nxt = tokens[index + 1] if index + 1 < end else None
            if nxt is None or match_key(nxt.text) in _COMPLEMENT_WORDS:
                return True
        return False

    def _verb(self, doc: Doc, index: int, lemma: str, start: int, end: int,
              mentions: _Mentions, state: _Carry) -> Quote | None:
        tokens = doc.tokens
        imperfect = self._imperfect(tokens[index])
        boundary = self._boundary(tokens, index, lemma, end, mentions)
        relative = self._relative_subject(tokens, index, start, mentions)
        if relative is not None:
            return self._after_relative(doc, index, lemma, end, boundary, relative, mentions)
        if boundary is None:
            back = self._demonstrative(doc, index, start, end, mentions)
            if back is not None:
                return back
            after = self._after_content(doc, index, lemma, start, end, mentions)
            if after is None and lemma in self.nominal_verbs and not imperfect:
                return self._nominal(doc, index, end, mentions, state)
            return after
        where, taken, kind = boundary
        cue = Span(tokens[index].start, tokens[index].end)
        if where > index + 1 and all(self.is_secondary(tokens[k]) for k in range(index + 1, where)):
            cue = Span(cue.start, tokens[where - 1].end)  # «وتابع قائلا إن…»: one cue
        content = self._content(doc, where, taken, kind, end)
        if content is None:
            return None
        speaker, title, medium, agency = self._speaker_words(tokens, index, start, where,
                                                             mentions, lemma)
        quote = Quote(cue=cue, content=content, kind=kind, found_by="named")
        quote.medium = medium
        if lemma == "نقل" and agency is not None and speaker is not None:
            quote.medium = agency
        if speaker is None:
            return self._dropped(tokens, index, start, quote, mentions, state)
        inside = [k for k in range(index + 1, where)
                  if speaker is not None and speaker.start <= tokens[k].start
                  and tokens[k].end <= speaker.end]
        if lemma in self.object_verbs and self._adjunct(tokens[index + 1]) and \
                speaker.start > tokens[index + 1].start:
            # «ودعا في الوقت نفسه، إثيوبيا إلى…»: after an adjunct, the object; the
            # subject was dropped
            return self._dropped(tokens, index, start, quote, mentions, state)
        if lemma in self.object_verbs and inside:
            # only a speaker found between the cue and its complement can hold an object
            speaker = _before_object(tokens, inside[0], inside[-1], mentions,
                                     self.title_adjectives) or speaker
        quote.speaker = speaker
        quote.title = title
        mention = _link_speaker(quote, mentions, speaker)
        if lemma in _PUBLICATION or (mention is not None and mention.label == "ORG"
                                          and lemma in word_set("relay_lemmas")):
            quote.found_by = "source"
        # an office whose holder the knowledge base does not give («الرئيس اليمني»)
        # refers back like an anaphor to the person named with it earlier
        if quote.speaker_entity is None or quote.speaker_entity.startswith(("new:", "role:")):
            self._anaphor(doc, quote, state, mentions)
        return quote

    def _dropped(self, tokens: list[Token], index: int, start: int, quote: Quote,
                 mentions: _Mentions, state: _Carry) -> Quote:
        """A cue whose subject was dropped: the last speaker carries over; when no one
        spoke before («كتب عبد الرحمن منيف روايته… وكما قال إنه…»), the person the
        sentence names before the cue."""
        quote.found_by = "pronoun"
        subject = self._sentence_subject(tokens, index, start, mentions, state)
        if subject is not None:
            # «وقتل حزب العمال ضابطين، وقال إن…»: the subject of the sentence's first verb
            _link_speaker(quote, mentions, subject.span)
            quote.speaker = subject.span
            quote.found_by = "named"
            return quote
        if state.speaker() is not None:
            return self._carry(quote, state)
        subject = next((m for m in mentions.starting_in(tokens[start].start,
                                                        tokens[index].start)
                        if m.label == "PERS"), None)
        if subject is not None:
            _link_speaker(quote, mentions, subject.span)
            quote.speaker = subject.span
        return quote

    def _sentence_subject(self, tokens: list[Token], index: int, start: int,
                          mentions: _Mentions, state: _Carry) -> Mention | None:
        """The person or named body right after the verb that opens the sentence
        (within its first words), when no quotation of this sentence came before: a
        dropped subject after «و» continues it rather than an earlier speaker."""
        carried = state.speaker()
        if carried is not None and carried[3] is not None and \
                carried[3].cue.start >= tokens[start].start:
            return None  # the sentence already quoted someone: they go on speaking
        if index - start < 3 or not has_conjunction(match_key(tokens[index].text)):
            return None
        reach = tokens[min(index, start + _SUBJECT_REACH)].start
        return next((m for m in mentions.starting_in(tokens[start + 1].start, reach)
                     if _is_name(m) and m.end <= tokens[index].start), None)

    def _demonstrative(self, doc: Doc, index: int, start: int, end: int,
                       mentions: _Mentions) -> Quote | None:
        """«أوضح ذلك الأستاذ محمد العقيل مدير عام الجمرك، وقال: …»: ذلك refers to the
        sentence before, which is what was said; the words after it up to the next cue
        name who said it (a person or body among them)."""
        tokens = doc.tokens
        first = index + 2
        if first >= end or match_key(tokens[index + 1].text) not in self.demonstratives:
            return None
        last = first
        while last + 1 < end and tokens[last + 1].text not in (".", "؛", ";", ":") and \
                self.cue_lemma(tokens[last + 1]) is None:
            last += 1
        while last > first and tokens[last].text in ("،", ","):
            last -= 1
        speaker = Span(tokens[first].start, tokens[last].end)
        if not any(m.label in ("PERS", "ORG") for m in _names(mentions, *speaker)):
            return None
        before = [s for s in doc.sentences if s.tokens.end <= start and s.tokens]
        if not before:
            return None
        sentence = before[-1]
        opening = tokens[sentence.tokens.start].start
        closing = _trim_end(doc.text, opening, tokens[sentence.tokens.end - 1].end)
        if closing <= opening:
            return None
        content = Span(opening, closing)
        quote = Quote(cue=Span(tokens[index].start, tokens[index + 1].end), content=content,
                      kind="reported", found_by="named", speaker=speaker)
        _link_speaker(quote, mentions, speaker)
        return quote

    def _relative_subject(self, tokens: list[Token], index: int, start: int,
                          mentions: _Mentions) -> Mention | None:
        """«…لتنظيم داعش الذي أعلن قيام…», «الوزارة التي أكدت أن…»: after a relative
        pronoun the cue's subject is the person or body named just before it."""
        if index - 1 <= start or match_key(tokens[index - 1].text) not in self.relatives:
            return None
        relative = tokens[index - 1]
        low = tokens[max(start, index - 8)].start
        named = [m for m in mentions.starting_in(low, relative.start)
                 if m.label in ("PERS", "ORG") and m.end <= relative.start
                 and relative.start - m.end <= 3]
        return max(named, key=lambda m: (m.end, m.end - m.start)) if named else None

    def _after_relative(self, doc: Doc, index: int, lemma: str, end: int,
                        boundary: tuple[int, int, str] | None, subject: Mention,
                        mentions: _Mentions) -> Quote | None:
        """The quotation of a cue after a relative pronoun: its complement, or for a
        speech act (nominal_verbs) the noun phrase right after it, up to a comma."""
        tokens = doc.tokens
        nominal = lemma in self.nominal_verbs and index + 1 < end and \
            self._opens_content(tokens[index + 1]) and \
            match_key(tokens[index + 1].text) not in self.performative
        if boundary is not None and not (nominal and boundary[2] == "reported" and match_key(
                tokens[boundary[0]].text) not in _COMPLEMENT_WORDS):
            where, taken, kind = boundary
            content = self._content(doc, where, taken, kind, end)
        elif nominal:  # «أعلن مسؤوليته عن…»: the noun phrase, not the preposition
            kind = "reported"
            last = index + 1
            while last + 1 < end and tokens[last + 1].text not in ("،", ",", ".", "؛", ";"):
                last += 1
            content = Span(tokens[index + 1].start, tokens[last].end)
        else:
            return None
        if content is None:
            return None
        quote = Quote(cue=Span(tokens[index].start, tokens[index].end), content=content,
                      kind=kind, found_by="named", speaker=subject.span)
        _link_speaker(quote, mentions, subject.span)
        return quote

    def _may_speak(self, tokens: list[Token], first: int, speaker: Span,
                   mentions: _Mentions) -> bool:
        """Whether the words after a cue can name its speaker: a person or body (a name
        or an agent) within their first words, an unnamed source, a source word or one
        that refers back; not «علاقة الخرطوم بالجزائر» or «تسلم وزارته…», which only
        name places or nothing."""
        if any((m.label in ("PERS", "ORG") or m.start == speaker.start) and m.start < speaker.end
               for m in mentions.starting_in(speaker.start, speaker.end)):
            return True  # a country speaks as its first words (دعت الولايات المتحدة باكستان)
        while first < len(tokens) and tokens[first].start < speaker.start:
            first += 1
        for token in tokens[first:first + self.speaker_head_reach]:
            if token.start >= speaker.end:
                break
            key = match_key(token.text)
            bare = key[2:] if key.startswith("ال") else key
            if key in self.anaphors or bare in self.source_nouns or \
                    bare in self.source_words or key in self.source_words:
                return True
        return False

    def _speaker_words(self, tokens: list[Token], index: int, start: int, where: int,
                       mentions: _Mentions, lemma: str = "") -> tuple[Span | None, ...]:
        """Speaker, title, medium and agency of the cue at ``index`` whose complement
        stands at ``where``: the words between them, else the subject before the cue."""
        speaker, title, medium, agency = self._region(tokens, index + 1, where, mentions)
        if speaker is not None and lemma in self.object_verbs:
            # «أن الجنرال ديمبسي أبلغ العبادي أن…»: the subject stands before the verb,
            # the name after it is the one told
            before = self._subject_before(tokens, index, start, mentions)
            if before is not None:
                speaker, title = before, None
        if speaker is not None and not self._may_speak(tokens, index + 1, speaker, mentions):
            # «لكن المتحدث نفى تسلم وزارته…», «ووصفت علاقة البلدين بأنها…»: words after
            # the verb that name no one are its object; the subject stands before the
            # verb, or was dropped
            before = self._subject_before(tokens, index, start, mentions)
            if before is not None:
                speaker, title = before, None
            elif lemma in self.object_verbs:
                speaker = title = None
        if speaker is None:
            speaker = self._subject_before(tokens, index, start, mentions)
        if speaker is None and index + 1 < where and \
                match_key(tokens[index + 1].text) in self.relative_adjuncts:
            # «أصدرت السفارة بيانا قالت فيه إن…»: who issued what فيه refers to
            subject = next((m for m in mentions.starting_in(tokens[start].start,
                                                            tokens[index].start)
                            if m.label in ("PERS", "ORG")), None)
            if subject is not None:
                speaker = Span(subject.start, subject.end)
        if speaker is not None and title is not None and not any(
                m.label == "PERS" for m in _names(mentions, speaker.start, speaker.end)) and any(
                m.label == "PERS" for m in _names(mentions, title.start, title.end)):
            # «وقالت مديرة التحالف، ميليسا سبربر، إن…»: the name in apposition is the
            # speaker, the words before it are the title
            speaker, title = title, speaker
        return speaker, title, medium, agency

    def _boundary(self, tokens: list[Token], index: int, lemma: str, end: int,
                  mentions: _Mentions) -> tuple[int, int, str] | None:
        """(token, tokens taken, kind) of the complement of the cue at ``index``, or None:
        not inside a name, not an أن another word owns, not after another cue."""
        imperfect = self._imperfect(tokens[index])
        names = _names(mentions, tokens[index].end,
                       tokens[min(end, index + self.window) - 1].end)
        imperfect = self._imperfect(tokens[index])
        window = self.present_named_window if imperfect else self.window
        j = index + 1
        while j < min(end, index + window):
            # a word inside a name is no complement, unless a name swallowed the
            # complement as its last word («متعب بن عبدالله بأن»)
            inside_name = any(m.start < tokens[j].end and tokens[j].start < m.end
                              and not (m.end == tokens[j].end and m.start < tokens[j].start
                                       and match_key(tokens[j].text) in _COMPLEMENT_WORDS)
                              for m in names)
            complement = None if inside_name else self._complement_at(tokens, j, lemma, end)
            if complement is not None and j - 1 > index and \
                    match_key(tokens[j - 1].text) in self.listing_words:
                complement = None  # «تقريرا بعنوان «…»», «أسماء المدنيين وهم: …»
            if complement is not None and _glued_place(tokens, j, end, mentions):
                complement = None  # «نوه مدير الجمعية بالأحساء علي…»: ب of a place
            if complement is not None and imperfect and self._weak(tokens, j, complement[0]):
                complement = None  # «يشير إلى المنافسة», «تعتبر سلسلة…»: not a quotation
            if complement is not None and imperfect and j >= index + self.present_window \
                    and not any(m.label == "PERS" or (m.label == "ORG" and _is_name(m))
                                for m in mentions.starting_in(tokens[index].end,
                                                              tokens[j].start)):
                return None  # far from a present-tense cue, only after a named speaker
            if complement is not None and j - 1 > index and \
                    self._bare(tokens[j - 1]) in self.subordinators:
                complement = None  # «… ويبدو أنها», «بعد أن»: the أن is another word's
            if complement is not None and tokens[j].text in _OPEN_QUOTES and \
                    j == index + 1 and self._quoted_name(tokens, j, end, mentions):
                j = self._closing(tokens, j, end) + 1  # «أعلنت «لجنة المتابعة» عزل…»
                continue
            if complement is not None and tokens[j].text in _OPEN_QUOTES:
                # quotes around a name ("بوابة الوفد") followed by a complement: skip them
                close = self._closing(tokens, j, end)
                if close is not None and close - j <= 6 and any(
                        self._complement_at(tokens, k, lemma, end) is not None
                        and tokens[k].text not in _OPEN_QUOTES
                        for k in range(close + 1, min(end, close + 12))):
                    j = close + 1
                    continue
            if complement is not None:
                return (j, *complement)
            if j > index + 1 and ((self.cue_lemma(tokens[j]) is not None
                                   and not self._relative_object(tokens, j, index))
                                  or self.is_secondary(tokens[j])):
                return None  # the complement after another cue or a participle is theirs
            j += 1
        return None

    def _nominal(self, doc: Doc, index: int, end: int, mentions: _Mentions, state: _Carry
                 ) -> Quote | None:
        """«أكد مصدر أمني صباح اليوم خروج المصابين», «دانت منظمة العفو الخميس القصف»: a
        speech act whose content is a noun phrase. Without a word such as أن to end the
        speaker, only a source the text marks as one opens it: a person or body named
        right after the verb, or an unnamed source (مصدر، مصادر، شهود) with its modifiers;
        then time words; what follows is the content («أكدت الفحوص وجود…» stays out)."""
        tokens = doc.tokens
        first = index + 1
        if first >= end:
            return None
        named = self._named_source(tokens, first, end, mentions)
        last = named if named is not None else self._unnamed_source(tokens, first, end,
                                                                     mentions)
        if last is None:
            return None
        last = self._extend_source(tokens, last, end, mentions)
        k = last + 1
        while k < end and tokens[k].kind == "arabic" and (
                match_key(tokens[k].text) in self.time_adjuncts
                or (k > last + 1 and match_key(tokens[k - 1].text) in self.time_adjuncts
                    and match_key(tokens[k].text) in word_set("day_words"))):
            k += 1
        if k + 3 < end and match_key(tokens[k].text) in self.time_prepositions and \
                match_key(tokens[k + 1].text) in self.time_heads:
            k += 3  # «في مطلع مايو»: a time phrase before the content
        if k + 1 >= end or not self._opens_content(tokens[k]) or \
                match_key(tokens[k].text) in self.performative:
            return None  # «أعلن الجيش حالة الطوارئ» is an act, not words
        objects = self.nominal_objects.get(self.cue_lemma(tokens[index]) or "")
        if objects is not None and self._bare_noun(tokens[k]) not in objects:
            return None  # «تبنى البرلمان القانون» adopts; «تبنى التنظيم قتل…» claims
        speaker = Span(tokens[first].start, tokens[last].end)
        content = Span(tokens[k].start, _trim_end(doc.text, tokens[k].start, tokens[end - 1].end))
        quote = Quote(cue=Span(tokens[index].start, tokens[index].end), content=content,
                      kind="reported", found_by="named", speaker=speaker)
        # an unnamed source is no body it is close to («مصادر مقربة من حزب الله»): only a
        # mention that starts with it names it («مصدر أمني»)
        _link_speaker(quote, mentions, speaker if named is not None else
                      Span(tokens[first].start, max([tokens[first].end] + [
                          m.end for m in mentions.starting_in(tokens[first].start,
                                                              tokens[first].end)])))
        if quote.speaker_entity is None or quote.speaker_entity.startswith("new:"):
            self._anaphor(doc, quote, state, mentions)
        return quote

    @staticmethod
    def _bare_noun(token: Token) -> str:
        """The word without its article (الهجومين → هجومين)."""
        key = match_key(token.text)
        return key[2:] if key.startswith("ال") else key

    def _opens_content(self, token: Token) -> bool:
        """A word that can start a noun-phrase content: an Arabic word with no preposition
        before it and no cue (خروج, سقوط, موافقتها)."""
        if token.kind != "arabic" or (len(token.words) > 1 and token.words[0].role == "prep"):
            return False
        key = match_key(token.text)
        return key not in self.adjuncts and key not in self.weak and \
            key not in _COMPLEMENT_WORDS and self.cue_lemma(token) is None

    def _quoted_name(self, tokens: list[Token], opener: int, end: int, mentions: _Mentions
                     ) -> bool:
        """Quotation marks right after a verb around a body's or a person's name only
        («وأعلنت «لجنة المتابعة والإشراف العليا» عزل…»): the subject, not the words."""
        close = self._closing(tokens, opener, end)
        if close is None or close - opener > 7 or close == opener + 1:
            return False
        inside = Span(tokens[opener + 1].start, tokens[close - 1].end)
        return any(m.start <= inside.start and m.end >= inside.end
                   for m in _names(mentions, inside.start, inside.end))

    @staticmethod
    def _named_source(tokens: list[Token], first: int, end: int, mentions: _Mentions
                      ) -> int | None:
        """The last token of a person or body named right after a verb (a title of up to
        four words may come before the name: وزير الخارجية سامح شكري; the name may stand
        in quotation marks, which it then ends with)."""
        for k in range(first, min(end, first + 5)):
            if tokens[k].kind != "arabic":
                if k == first and tokens[k].text in _OPEN_QUOTES:
                    continue
                return None
            here = [m for m in mentions.starting_in(tokens[k].start, tokens[k].end)
                    if m.label in ("PERS", "ORG") and not m.members]
            if not here:
                continue
            quoted = tokens[first].text in _OPEN_QUOTES
            if k > first + quoted and not any(m.label == "PERS" for m in here):
                return None  # only a person's name may stand after a title
            best = max(here, key=lambda m: m.end)
            if k == first + 1 and tokens[first].text in _OPEN_QUOTES:
                closer = _OPEN_QUOTES[tokens[first].text]
                # the name in quotation marks is the source, up to the closing mark
                return next((t for t in range(k, min(end, k + 7)) if tokens[t].text == closer),
                            None)
            return next((t for t in range(k, end) if tokens[t].end >= best.end), None)
        return None

    def _unnamed_source(self, tokens: list[Token], first: int, end: int,
                        mentions: _Mentions) -> int | None:
        """The last token of an unnamed source after a verb: «مصدر أمني بشمال سيناء»,
        «مصادر مقربة من حزب الله», «المصادر»."""
        key = match_key(tokens[first].text)
        if (key[2:] if key.startswith("ال") else key) not in self.source_nouns:
            return None
        return first

    def _extend_source(self, tokens: list[Token], last: int, end: int,
                       mentions: _Mentions) -> int:
        """A source's modifiers after its head: adjectives (مطلعة، أمني، يمنية) and a
        named place or body after من, في or ب («مقربة من حزب الله», «بشمال سيناء»)."""
        k = last + 1
        while k < end and tokens[k].kind == "arabic":
            key = match_key(tokens[k].text)
            bare = key[2:] if key.startswith("ال") else key
            covered = [m for m in mentions.starting_in(max(0, tokens[k].start - _LONGEST_NAME),
                                                       tokens[k].end)
                       if m.start < tokens[k].end and tokens[k].start < m.end]
            prep = len(tokens[k].words) > 1 and tokens[k].words[0].role == "prep"
            if bare in self.source_modifiers and not prep:
                last = k
            elif has_conjunction(key) and key[1:] in self.source_nouns:
                last = k  # «دول ومنظمات»: one source of two nouns
            elif key in word_set("source_prepositions") or (
                    prep and tokens[k].words[0].key == "ب"):
                # «مقربة من حزب الله», «بشمال سيناء», «باسم الجيش»: a named place or body,
                # or a definite noun, after it
                nxt = k if prep and key != "باسم" else k + 1
                if nxt >= end or tokens[nxt].kind != "arabic":
                    break
                span = [m for m in mentions.starting_in(
                    max(0, tokens[nxt].start - _LONGEST_NAME), tokens[nxt].end)
                    if m.end > tokens[nxt].start]
                if span:
                    stop = max(m.end for m in span)
                    last = next((t for t in range(nxt, end) if tokens[t].end >= stop), end - 1)
                elif match_key(tokens[nxt].text).startswith("ال") and \
                        self.cue_lemma(tokens[nxt]) is None:
                    last = nxt
                else:
                    break
            elif covered and all(m.label == "GPE" for m in covered):
                last = k  # «مصادر يمنية»
            else:
                break
            k = last + 1
        return last

    def _subject_before(self, tokens: list[Token], index: int, start: int,
                        mentions: _Mentions) -> Span | None:
        """«اللواء التركي أوضح أن», «إندونيسيا تعلن أن»: a subject named right before a
        cue that carries no و is the speaker (the verb then follows its subject)."""
        cue = tokens[index]
        key = match_key(cue.text)
        if index == start or (has_conjunction(key) and key[1:] in self.verbs):
            return None
        back = index - 1
        while back > start and (tokens[back].text in ("،", ",")
                                or match_key(tokens[back].text) in word_set("perfect_particles")):
            back -= 1  # «وكانت الوزارة قد أعلنت», «كانت تقارير…، قد ذكرت»
        before = tokens[back]
        nearby = mentions.starting_in(max(0, before.start - _LONGEST_NAME), before.end)
        subject = next((m for m in nearby if m.label in ("PERS", "ORG", "GPE")
                        and m.start < before.end and before.start < m.end
                        and m.end <= cue.start), None)
        opened = self._unnamed_after_opener(tokens, back, start)
        if opened is not None and (subject is None or subject.label in ("GPE", "LOC")):
            return opened  # «لكن مصدرا بارزا في … شمال سوريا، أكد»: not Syria
        if subject is not None:
            return Span(subject.start, subject.end)
        return self._unnamed_after_kana(tokens, back, start)

    def _unnamed_after_opener(self, tokens: list[Token], last: int, start: int
                              ) -> Span | None:
        """«لكن مصدرا بارزا في الجيش الحر، أكد…»: an unnamed source right after a
        particle such as لكن, with its modifiers, is the subject of the verb after them."""
        for k in range(last - 1, max(start, last - self.opener_reach) - 1, -1):
            if tokens[k].kind == "arabic" and match_key(tokens[k].text) in self.subject_openers:
                key = match_key(tokens[k + 1].text)
                bare = key[2:] if key.startswith("ال") else key
                if any(bare.startswith(noun) for noun in self.source_nouns):
                    return Span(tokens[k + 1].start, tokens[last].end)
                return None
        return None

    def _unnamed_after_kana(self, tokens: list[Token], last: int, start: int) -> Span | None:
        """«وكانت تقارير صحافية قد لفتت…», «وكانت المنامة أعلنت…»: the words between
        كان and its verb are the verb's subject when they start with an unnamed source
        or a definite noun."""
        for k in range(last - 1, max(start, last - 6) - 1, -1):
            if tokens[k].kind != "arabic":
                return None
            if self._bare(tokens[k]) in word_set("kana_forms"):
                key = match_key(tokens[k + 1].text)
                if (key[2:] if key.startswith("ال") else key) in self.source_nouns or (
                        key.startswith("ال") and not self._no_speaker(tokens[k + 1])):
                    return Span(tokens[k + 1].start, tokens[last].end)
                return None
        return None

    def _after_content(self, doc: Doc, index: int, lemma: str, start: int, end: int,
                       mentions: _Mentions) -> Quote | None:
        """«أعيد فتح المطار … كما أعلن وزير النقل»: a cue after كما, حسبما has no
        complement; what it reports is the clause before, its speaker follows it."""
        tokens = doc.tokens
        lead = next((back for back in (2, 1) if index - back >= start and self._phrase_at(
            tokens, index - back, self.before_cue, index) == back), None)
        if lead is None:
            return None
        first = start
        near = index - lead - 1
        if near >= start and tokens[near].text in ("،", ","):
            near -= 1  # the comma before كما ends the reported clause
        for k in range(near, start - 1, -1):
            if tokens[k].text in ("،", ",", ";", "؛"):
                first = k + 1
                break
        if first >= index - lead:
            return None
        last = index + 1
        while last < end and tokens[last].text not in ("،", ",", ".", ";", "؛"):
            last += 1
        if last == index + 1:
            return None
        content = Span(tokens[first].start, _trim_end(doc.text, tokens[first].start,
                                                  tokens[index - lead].start))
        speaker = Span(tokens[index + 1].start, tokens[last - 1].end)
        quote = Quote(cue=Span(tokens[index - lead].start, tokens[index].end), content=content,
                      kind="reported", found_by="named", speaker=speaker)
        _link_speaker(quote, mentions, speaker)
        return quote

    def _anaphor(self, doc: Doc, quote: Quote, state: _Carry, mentions: _Mentions
                 ) -> None:
        """«وأضاف المتحدث», «وقال المصدر»: a speaker that refers back takes the entity of
        the last quotation whose speaker (or title) has the same word."""
        assert quote.speaker is not None
        words = match_key(quote.speaker.of(doc.text))
        modifier = ""
        if words not in self.anaphors:
            head, *rest = words.split() or [""]
            if head in self.anaphors and rest and rest[0].startswith("ال"):
                # «الرئيس اليمني», «المصدر الدبلوماسي الخبير…»: the head refers back,
                # its first adjective must agree with the words it refers to
                words, modifier = head, rest[0][2:]
            elif not (head == words and head.startswith("ال") and any(
                    match_key(self._said(doc, q)).split()[:1] == [head[2:]]
                    for q in state.history)):
                return  # «المواقع» after «مواقع تابعة للتنظيم»: the same head noun
        core = words[2:] if words.startswith("ال") else words
        # «المصدر» refers back to «مصادر تركية رسمية» too: the head in either number
        cores = (core, *self.anaphor_numbers.get(core, ()))
        for earlier in reversed(state.history):
            said = self._said(doc, earlier)
            if modifier and modifier not in match_key(said):
                continue
            if any(c in match_key(said) for c in cores) and (
                    earlier.speaker_entity or len(match_key(
                        doc.text[earlier.speaker.start:earlier.speaker.end]).split()) > 1):
                # («وأضافت المصادر» after «مصادر مقربة من الحزب»: an unnamed source has
                # no entity, but the quotation it refers back to is known)
                quote.speaker_entity = earlier.speaker_entity
                quote.speaker_mention = earlier.speaker_mention
                quote.source_quote = earlier
                quote.found_by = "anaphor"
                return
        named = _named_before(doc, mentions, quote.cue.start, core)
        if named is not None and modifier and modifier not in match_key(
                doc.text[max(0, named.start - 40):named.end]):
            named = None  # «الرئيس اليمني» is not the president named «الرئيس الأمريكي»
        if named is not None:
            refs = named.refers_to()
            quote.speaker_mention = named.id
            quote.speaker_entity = refs[0] if refs else None
            quote.found_by = "anaphor"
            return
        carried = state.speaker()
        if words in self.document_anaphors and carried is not None and carried[3] is not None:
            # «أعلنت الوزارة أن…، وتابع البيان أن…»: the statement of the last speaker
            quote.speaker_mention, quote.speaker_entity = carried[1], carried[2]
            quote.source_quote = carried[3]
            quote.found_by = "anaphor"

    @staticmethod
    def _said(doc: Doc, quote: Quote) -> str:
        """The words a quotation names its speaker with: speaker, title and medium."""
        return " ".join(s.of(doc.text) for s in (quote.speaker, quote.title, quote.medium)
                        if s is not None)

    def _participle(self, doc: Doc, sentence: Sentence, index: int, mentions: _Mentions,
                    state: _Carry, running: Quote | None = None) -> Quote | None:
        """A participle that opens an attribution when no quotation is running: its
        complement follows it (إلى أن, أن, a colon); its speaker is the sentence's first
        person or body before it (the subject), else the last speaker."""
        tokens = doc.tokens
        end = sentence.tokens.end
        own = self.participle_own.get(self._bare(tokens[index]), frozenset())
        first = index + 1
        if first < end:
            first += self._phrase_at(tokens, first, self.participle_skip, end)
        taken = 0
        for where in (first, first + 1):
            if where >= end:
                return None
            taken = self._phrase_at(tokens, where, self.participle_complements, end)
            token = tokens[where]
            key = match_key(token.text)
            if not taken and any(key.startswith(stem) and key[len(stem):] in _ENCLITICS
                                 for stem in word_list("participle_complement_stems")):
                taken = 1  # «مؤكدا أنها تواصل عملها»: أن with its pronoun
            if not taken and own and self._own_complement(token, own):
                taken = 1  # «محذرا من…», «مشيدا بجهود…»
            if taken:
                break
        if not taken:
            found = self._farther_complement(tokens, index, first + 2, end, own)
            if found is None:
                return None
            where, taken = found
        kind = "direct" if tokens[where + taken - 1].text in (":", *_OPEN_QUOTES) else \
            "reported"
        content = self._content(doc, where, taken, kind, end)
        if content is None:
            return None
        quote = Quote(cue=Span(tokens[index].start, tokens[index].end), content=content,
                      kind=kind, found_by="participle")
        if running is not None:
            quote.speaker, quote.speaker_mention = running.speaker, running.speaker_mention
            quote.speaker_entity, quote.source_quote = running.speaker_entity, running
            return quote
        return self._participle_speaker(quote, tokens, index, sentence, mentions, state)

    def _participle_speaker(self, quote: Quote, tokens: list[Token], index: int,
                            sentence: Sentence, mentions: _Mentions, state: _Carry) -> Quote:
        """The speaker of a participle that opens an attribution: the sentence's first
        person or body before it, a plural noun phrase for a plural participle after one
        person's words, else the last speaker."""
        subject = next((m for m in mentions.starting_in(sentence.start, tokens[index].start)
                        if m.label in ("PERS", "ORG")), None)
        if subject is not None:
            quote.speaker = Span(subject.start, subject.end)
            quote.speaker_mention = subject.id
            refs = subject.refers_to()
            quote.speaker_entity = refs[0] if refs else None
            return quote
        carried = state.speaker()
        if carried is not None and self._plural(tokens[index]) and any(
                m.label == "PERS" for m in mentions.with_id(carried[1] or "")):
            group = self._group_before(tokens, index, sentence.tokens.start)
            if group is not None:
                quote.speaker = group  # «…بين رواد مواقع التواصل، مطالبين…»: not one man
                return quote
        if carried is None:
            quote.found_by = "pronoun"
            return quote
        quote.speaker, quote.speaker_mention, quote.speaker_entity = carried[:3]
        quote.source_quote = carried[3]
        return quote

    def _plural(self, token: Token) -> bool:
        return match_key(token.text).endswith(self.plural_participles)

    def _group_before(self, tokens: list[Token], index: int, start: int) -> Span | None:
        """The noun phrase right before a participle's comma, back to a preposition."""
        last = index - 1
        while last >= start and tokens[last].text in ("،", ","):
            last -= 1
        first = last
        while first - 1 >= start and last - first + 1 < self.group_reach and \
                tokens[first - 1].kind == "arabic" and \
                match_key(tokens[first - 1].text) not in self.group_openers:
            first -= 1
        if last < start or first - 1 < start or \
                match_key(tokens[first - 1].text) not in self.group_openers:
            return None
        return Span(tokens[first].start, tokens[last].end)

    @staticmethod
    def _own_complement(token: Token, own: frozenset[str]) -> bool:
        return match_key(token.text) in own or (
            len(token.words) > 1 and token.words[0].role == "prep" and token.words[0].key in own)

    def _farther_complement(self, tokens: list[Token], index: int, first: int, end: int,
                            own: frozenset[str]) -> tuple[int, int] | None:
        """(token, tokens taken) of a participle's complement after a few words: its
        object («محذرا قادة التنظيم من…», «داعيا مبدعي المحافظة إلى…») or where it was
        said («مؤكدا في تصريح إلى "الوطن" أن…»); a participle of a verb that takes a
        noun phrase after a comma opens with it («، مؤكدا بذل كل الجهد…»). Only a
        reported complement counts here, and no comma, cue or other participle may
        come between."""
        bare = self._bare(tokens[index])
        if bare in self.participle_nominal and index > 0 and \
                tokens[index - 1].text in ("،", ",") and first - 2 < end and \
                self._opens_content(tokens[first - 2]) and \
                match_key(tokens[first - 2].text) not in self.time_adjuncts:
            return first - 2, 0
        k = first
        while k < min(end, first + self.participle_reach):
            token = tokens[k]
            if token.text in _OPEN_QUOTES:
                close = self._closing(tokens, k, end)
                if close is None or close - k > 4:
                    return None
                k = close + 1  # a quoted name of an outlet: «إلى "الوطن"»
                continue
            if token.kind == "punct" or self.cue_lemma(token) is not None or \
                    self.is_secondary(token):
                return None
            taken = self._phrase_at(tokens, k, self.participle_complements, end)
            if taken and tokens[k + taken - 1].text not in (":", *_OPEN_QUOTES):
                return k, taken
            if own and self._own_complement(token, own):
                return k, 1
            k += 1
        return None

    @staticmethod
    def _closing(tokens: list[Token], opener: int, end: int) -> int | None:
        closer = _OPEN_QUOTES[tokens[opener].text]
        return next((k for k in range(opener + 1, end) if tokens[k].text == closer), None)

    def _content(self, doc: Doc, where: int, taken: int, kind: str, end: int
                 ) -> Span | None:
        tokens = doc.tokens
        first = where + taken
        if first >= end:
            return None
        if kind == "direct":
            opener = tokens[where + taken - 1].text
            closer = _OPEN_QUOTES.get(opener)
            if closer is not None:
                for j in range(first, end):
                    if tokens[j].text == closer:
                        return Span(tokens[first].start, tokens[j].start) if j > first else None
        # reported: the complement's own pronoun (أنها) belongs to the content
        if taken == 1 and tokens[where].kind == "arabic" and kind == "reported" and \
                match_key(tokens[where].text) not in _COMPLEMENT_WORDS:
            first = where
        start = tokens[first].start
        stop = _trim_end(doc.text, start, tokens[end - 1].end)
        return Span(start, stop) if stop > start else None  # nothing left but punctuation

    def _no_speaker(self, token: Token) -> bool:
        """A word that never names who spoke: a time word (الجمعة الماضية), a verb's
        fixed object (لفت الأنظار) or a participle that is part of the cue (قائلا)."""
        key = match_key(token.text)
        return key in self.time_adjuncts or key in self.fixed_objects or \
            self.is_secondary(token)

    def _region(self, tokens: list[Token], first: int, boundary: int,
                mentions: _Mentions | None = None) -> tuple[Span | None, ...]:
        """Speaker, title and medium spans between a cue and its complement. A stop word
        that is a word of a person's name does not end the speaker: «علي» is «على» once
        spelling is folded (قال مستشار خامنئي الدكتور علي أكبر ولايتي)."""
        named = {k for k in range(first, boundary) if mentions is not None and any(
            m.label == "PERS" and m.start <= tokens[k].start and tokens[k].end <= m.end
            for m in _names(mentions, tokens[k].start, tokens[k].end))}
        parts: list[list[int]] = [[]]
        for j in range(first, boundary):
            if tokens[j].text in ("،", ","):
                parts.append([])
            else:
                parts[-1].append(j)
        speaker = title = medium = agency = None
        for part in parts:
            action, part, lead_medium = self._lead(tokens, part, speaker is None, named)
            medium = lead_medium or medium
            if action == "stop":
                break
            if action == "skip":
                continue
            # "نقلت وكالة X عن Y": the agency before عن, the speaker after it
            about = next((k for k in part if match_key(tokens[k].text) == "عن"), None)
            if about is not None and speaker is None and about > part[0]:
                speaker, agency = self._about(tokens, part, about)
                continue
            words, cut = self._speaker_part(tokens, part, named)
            if cut is not None:
                medium = Span(tokens[cut].start, tokens[part[-1]].end)
            if not words:
                continue
            span = Span(tokens[words[0]].start, tokens[words[-1]].end)
            if speaker is None:
                speaker = span
            elif title is None:
                title = span
        return speaker, title, medium, agency

    def _according(self, doc: Doc, sentence: Sentence, index: int, taken: int,
                   mentions: _Mentions, state: _Carry) -> Quote | None:
        tokens = doc.tokens
        end = sentence.tokens.end
        source_first = index + taken
        if source_first < end and tokens[source_first].kind == "punct":
            return None  # «وحسب، بل…»: only, not «according to»
        verb = source_first < end - 1 and self.cue_lemma(tokens[source_first]) is not None
        if verb:
            taken += 1  # «بحسب ما ذكرت وكالة…»: the verb is part of the cue, not the source
            source_first += 1
        if not verb and source_first < end and not self._attributes(tokens, source_first,
                                                                      mentions):
            return None  # «وفق ما شرعه الله», «بحسب الخطة»: no one's words
        source_last = source_first
        while source_last + 1 < end and tokens[source_last + 1].text not in (
                "،", ",", ".", "؛", ";") and match_key(tokens[source_last + 1].text) \
                not in word_set("source_complements"):
            source_last += 1  # «وبحسب وزارة الدفاع فإن…»: the source ends before فإن
        if source_first >= end:
            return None
        words = tokens[source_first].words
        glued = len(words) > 1 and words[0].role == "prep" and words[0].key == "ل" and \
            not match_key(tokens[source_first].text).startswith("لل")  # للبيان: ل + البيان
        # «وفقا للبيان»: the source starts behind its glued ل
        source = Span(words[1].start if glued else tokens[source_first].start,
                      tokens[source_last].end)
        if index - sentence.tokens.start <= 1:
            after = source_last + 1
            while after < end and tokens[after].text in ("،", ",", "؛", ";"):
                after += 1
            if after < end and match_key(tokens[after].text) in word_set("source_complements"):
                after += 1
            if after >= end:
                return None
            content = Span(tokens[after].start, _trim_end(doc.text, tokens[after].start,
                                                      tokens[end - 1].end))
        else:
            content = Span(tokens[sentence.tokens.start].start,
                       _trim_end(doc.text, tokens[sentence.tokens.start].start,
                                 tokens[index].start))
        if content.end <= content.start:
            return None
        if source_first == source_last and self._noun_cue(tokens[source_first]):
            # «بحسب قوله»: the words of the one speaking, not a source of their own
            quote = Quote(cue=Span(tokens[index].start, tokens[source_first].end),
                          content=content, kind="reported", found_by="pronoun")
            return self._carry(quote, state)
        quote = Quote(cue=Span(tokens[index].start, tokens[index + taken - 1].end), content=content,
                      kind="reported", found_by="source", speaker=source)
        _link_speaker(quote, mentions, source)
        return quote

    def _statement(self, doc: Doc, sentence: Sentence, index: int, taken: int,
                   mentions: _Mentions, state: _Carry) -> Quote | None:
        """«وجاء في بيان لمنظمة العفو: …», «وورد في التقرير أن…»: the words of a
        statement; the speaker is the body after ل, else who issued the statement."""
        tokens = doc.tokens
        end = sentence.tokens.end
        j = index + taken
        speaker = None
        if j < end and tokens[j].kind == "arabic" and len(tokens[j].words) > 1 and \
                tokens[j].words[0].role == "prep" and tokens[j].words[0].key == "ل":
            last = j
            while last + 1 < end and tokens[last + 1].kind == "arabic" and \
                    self._complement_at(tokens, last + 1, "قال", end) is None:
                last += 1
            speaker = Span(tokens[j].words[1].start, tokens[last].end)
            j = last + 1
        while j < end and tokens[j].text in ("»", '"', "،", ","):
            j += 1
        if j >= end:
            return None
        complement = self._complement_at(tokens, j, "قال", end)
        if complement is not None:
            content = self._content(doc, j, complement[0], complement[1], end)
            kind = complement[1]
        else:
            content = Span(tokens[j].start, _trim_end(doc.text, tokens[j].start,
                                                  tokens[end - 1].end))
            kind = "reported"
        if content is None or content.end <= content.start:
            return None
        noun = tokens[index + taken - 1]
        quote = Quote(cue=Span(tokens[index].start, noun.end), content=content, kind=kind,
                      found_by="named", speaker=speaker or Span(noun.start, noun.end))
        if speaker is not None:
            _link_speaker(quote, mentions, speaker)
            return quote
        # «وجاء في البيان أن…»: who issued the statement, as for «وأضاف البيان»
        quote.speaker = None
        self._carry(quote, state)
        return quote

    def _glued_according(self, tokens: list[Token], index: int, end: int) -> int:
        """«ووفقا للبيان», «وفقا لوكالة…»: «وفقا ل» with ل glued to the source."""
        key = match_key(tokens[index].text)
        if has_conjunction(key) and key[1:] in self.according_glued:
            key = key[1:]
        if key not in self.according_glued or index + 1 >= end:
            return 0
        words = tokens[index + 1].words
        return 1 if tokens[index + 1].kind == "arabic" and len(words) > 1 and \
            words[0].role == "prep" and words[0].key == "ل" else 0

    def _attributes(self, tokens: list[Token], first: int, mentions: _Mentions) -> bool:
        """Whether the words after «بحسب/وفقا ل» name a source: a person or body, a
        report, statement or unnamed source (sources.source_words), «قوله»."""
        token = tokens[first]
        if token.kind != "arabic":
            return False
        if any(m.label in ("PERS", "ORG", "GPE") and m.start < token.end
               for m in mentions.starting_in(token.start, token.end)):
            return True
        if self._titled_name(tokens, first, mentions):
            return True
        key = match_key(token.text)
        if key in self.source_demonstratives and first + 1 < len(tokens):
            return self._attributes(tokens, first + 1, mentions)  # «وحسب تلك التقارير»
        bare = key[2:] if key.startswith("ال") else key
        stem = next((w.key for w in token.words if w.role == "stem"), "")
        return key in self.source_words or bare in self.source_words or \
            stem in self.source_words or self._noun_cue(token)

    def _titled_name(self, tokens: list[Token], first: int, mentions: _Mentions) -> bool:
        """«بحسب الباحث الإيزيدي داود مراد», «وفقا للناطق الإعلامي للشرطة الرائد بدر…»:
        a person named within ``according_name_reach`` words of a definite title, with
        no punctuation, complement or relative pronoun between them."""
        words = tokens[first].words
        if not any(w.role == "det" for w in words) and not \
                match_key(tokens[first].text).startswith("لل"):
            return False
        last = first
        while last + 1 < len(tokens) and last - first < self.according_reach and \
                tokens[last + 1].kind == "arabic" and \
                match_key(tokens[last + 1].text) not in word_set("source_complements") and \
                match_key(tokens[last + 1].text) not in self.relatives:
            last += 1
        return any(m.label == "PERS" for m in mentions.starting_in(
            tokens[first].end, tokens[last].end))

    def _lead(self, tokens: list[Token], part: list[int], first: bool, named: set[int]
              ) -> tuple[str, list[int], Span | None]:
        """What the opening words of a part of a cue's region are: ("skip", …) a medium,
        an adjunct or the outlet spoken to alone; ("stop", …) the manner of saying or
        words that name no one; else ("go", the words left, a medium before them)."""
        while part and match_key(tokens[part[0]].text) in self.pronoun_objects:
            part = part[1:]  # «أكد له بأنه…», «وقال لها الوزير»: the one spoken to
        if not part:
            return "skip", part, None
        if self._phrase_at(tokens, part[0], self.media, part[-1] + 1):
            return "skip", part, Span(tokens[part[0]].start, tokens[part[-1]].end)
        if not first:
            return "go", part, None
        if self._adjunct(tokens[part[0]]) and part[0] not in named:
            # «وقال عن …», «وأضاف حول …»: an adjunct, not who spoke («بيشي الصرخي»,
            # a name whose ب is its own letter, is who spoke)
            return "skip", part, None
        medium = None
        if self._addressee(tokens, part[0]):
            # «أكد لـ«الشرق الأوسط» أن», «وقال لـ"الاقتصادية" الدكتور X»: the outlet
            # spoken to; who spoke may follow it
            close = self._closing(tokens, part[0] + 1, part[-1] + 1)
            close = part[-1] if close is None else close
            medium = Span(tokens[part[0]].start, tokens[close].end)
            part = [k for k in part if k > close]
            if not part:
                return "skip", part, medium
        if self.is_secondary(tokens[part[0]]):
            return "stop", part, medium  # «فقال داعيا الله: …»: how, not who
        if all(self._no_speaker(tokens[k]) for k in part):
            return "stop", part, medium  # «أعلنت الجمعة الماضية، …», «لفتت الأنظار إلى»
        return "go", part, medium

    def _about(self, tokens: list[Token], part: list[int], about: int
               ) -> tuple[Span | None, Span | None]:
        """(speaker, agency) of a part with عن: «نقلت وكالة X عن Y» (the agency before
        عن, the speaker after it); «وأفادت مصادر أمنية نقلا عن الموقوفين بأن…» (the
        subject is the source, «نقلا عن» only qualifies it)."""
        if about - 1 > part[0] and self._bare(tokens[about - 1]) in self.relayed_from:
            return Span(tokens[part[0]].start, tokens[about - 2].end), None
        agency = Span(tokens[part[0]].start, tokens[about - 1].end)
        rest = [k for k in part if k > about]
        return (Span(tokens[rest[0]].start, tokens[rest[-1]].end) if rest else None), agency

    def _speaker_part(self, tokens: list[Token], part: list[int], named: set[int]
                      ) -> tuple[list[int], int | None]:
        """The words of a part that name the speaker, and where a medium phrase that
        trails them starts (قال الوزير في بيان); a clause a subordinator opens (وقال
        الوزير بعد أن التقى السفير) and a stop word end them."""
        cut = next((k for k in part[1:] if self._phrase_at(tokens, k, self.media,
                                                           part[-1] + 1)), None)
        clause = next((k for k in part[1:] if self._bare(tokens[k]) in self.subordinators
                       and k + 1 <= part[-1]
                       and match_key(tokens[k + 1].text) in _COMPLEMENT_WORDS), None)
        stop = next((k for k in part[1:] if k not in named and (
            match_key(tokens[k].text) in self.speaker_stops
            or (match_key(tokens[k].text) == "من" and k + 1 <= part[-1]
                and match_key(tokens[k + 1].text) in self.speaker_stops))), None)
        words = [k for k in part if (cut is None or k < cut)
                 and (clause is None or k < clause) and (stop is None or k < stop)]
        return words, cut

    def _addressee(self, tokens: list[Token], index: int) -> bool:
        """«لـ«الشرق الأوسط»», «لـ(عكاظ)»: ل alone (its tatweel aside) before a quotation
        mark or a bracket introduces the outlet spoken to."""
        return tokens[index].text in self.addressee_prepositions and index + 1 < len(tokens) and \
            tokens[index + 1].text[:1] in _ADDRESSEE_OPENINGS

    def _noun_cue(self, token: Token) -> bool:
        """«قوله», «كقولهم», «تعبيره»: a verbal noun of saying with its pronoun."""
        return token.kind == "arabic" and match_key(token.text) in self.noun_cue_forms

    @staticmethod
    def _carry(quote: Quote, state: _Carry) -> Quote:
        """The speaker of a quotation whose words name none: the last one, if any."""
        carried = state.speaker()
        if carried is not None:
            quote.speaker, quote.speaker_mention, quote.speaker_entity = carried[:3]
            quote.source_quote = carried[3]
            quote.found_by = "carried_over"
        return quote

    def _by_noun(self, doc: Doc, sentence: Sentence, index: int, state: _Carry
                 ) -> Quote | None:
        """«كقولهم: …», «وقوله إن …» (the words after it), «… على حد تعبيره» (the
        clause before it): a verbal noun of saying whose speaker is its pronoun."""
        tokens = doc.tokens
        start, end = sentence.tokens.start, sentence.tokens.end
        cue = Span(tokens[index].start, tokens[index].end)
        if index + 2 == end and tokens[index + 1].text == ":":
            # «قولهم:» ending its sentence: the saying is the next sentence
            following = state.sentence_after(doc, sentence)
            if following is not None and len(following.tokens) > 0:
                first = tokens[following.tokens.start]
                content = Span(first.start, _trim_end(doc.text, first.start,
                                                  tokens[following.tokens.end - 1].end))
                if content.end > content.start:
                    return self._carry(Quote(cue=cue, content=content, kind="direct",
                                             found_by="pronoun"), state)
        if index + 1 < end:
            complement = self._complement_at(tokens, index + 1, "قال", end)
            if complement is not None:
                taken, kind = complement
                content = self._content(doc, index + 1, taken, kind, end)
                if content is not None:
                    return self._carry(Quote(cue=cue, content=content, kind=kind,
                                             found_by="pronoun"), state)
        if index - 2 >= start and match_key(tokens[index - 1].text) == "حد" and \
                match_key(tokens[index - 2].text) == "علي":
            first = start
            near = index - 3
            if near >= start and tokens[near].text in ("،", ","):
                near -= 1  # «…، على حد تعبيره»: the comma ends the clause reported
            for k in range(near, start - 1, -1):
                if tokens[k].text in ("،", ",", ";", "؛"):
                    first = k + 1
                    break
            stop = index - 2
            if first >= stop:
                return None
            content = Span(tokens[first].start, _trim_end(doc.text, tokens[first].start,
                                                      tokens[stop].start))
            if content.end <= content.start:
                return None
            return self._carry(Quote(cue=Span(tokens[index - 2].start, cue.end), content=content,
                                     kind="reported", found_by="pronoun"), state)
        return None


def _origin(quote: Quote) -> Quote:
    """The quotation that named the speaker a chain of carried ones refers back to
    («مواقع تابعة للتنظيم…» ← «وأشارت المواقع» ← «مؤكدة»): a reader, and the scorer,
    need the words that say who it is, not the last «المواقع»."""
    seen = {id(quote)}
    while quote.source_quote is not None and id(quote.source_quote) not in seen:
        quote = quote.source_quote
        seen.add(id(quote))
    return quote


def _trim_end(text: str, start: int, end: int) -> int:
    """Drop trailing spaces, commas, periods and closing quotes from a content span."""
    while end > start and text[end - 1] in " \n،,.؛;:»\"”":
        end -= 1
    return end


def _past(tokens: list[Token], index: int, end: int, offset: int) -> int:
    """The first token after ``index`` that starts at or after ``offset`` (a cue's end)."""
    index += 1
    while index < end and tokens[index].start < offset:
        index += 1
    return index


class _Mentions:
    """The document's mentions, looked up by position and id.

    A quotation asks for the mentions inside its speaker span and each sentence for its
    first person: a search by start offset keeps each question independent of the
    document's length. Answers keep the mentions' own order.
    """

    def __init__(self, mentions: list[Mention]) -> None:
        self.items = mentions
        self.starts = [m.start for m in mentions]
        self.ordered = all(a <= b for a, b in pairwise(self.starts))
        self.by_id: dict[str, list[Mention]] = {}
        for mention in mentions:
            self.by_id.setdefault(mention.id, []).append(mention)

    def starting_in(self, low: int, high: int) -> list[Mention]:
        """The mentions with ``low <= start < high``, in their order."""
        if not self.ordered:
            return [m for m in self.items if low <= m.start < high]
        return self.items[bisect_left(self.starts, low):bisect_left(self.starts, high)]

    def with_id(self, mention_id: str) -> list[Mention]:
        return self.by_id.get(mention_id, [])


def _best_mention(mentions: _Mentions, span: Span) -> Mention | None:
    """The mention that names a speaker span: a person before a body before a place; a
    person written by name before one described by an office («وزير الدفاع الأمريكي
    أشتون كارتر رئيس الوزراء العراقي»: the first name is the subject, what follows it the
    addressee); a country or place only when the span starts with it («أعلنت روسيا»,
    not «خبير في القياسات الحيوية في السعودية»)."""
    inside = [m for m in mentions.starting_in(span.start, span.end + 1) if m.end <= span.end
              and (m.label not in ("GPE", "LOC") or m.start <= span.start + 1)]
    if not inside:
        return None
    return min(inside, key=lambda m: (_LABEL_RANK.get(m.label, 9),
                                      m.label == "PERS" and m.source == "descriptor",
                                      m.start if m.label == "PERS" else 0,
                                      -(m.end - m.start), m.start))


def _link_speaker(quote: Quote, mentions: _Mentions, span: Span
                  ) -> Mention | None:
    """Link a quotation's speaker words to the mention inside them that names it best,
    and to that mention's entity."""
    mention = _best_mention(mentions, span)
    if mention is not None:
        quote.speaker_mention = mention.id
        refs = mention.refers_to()
        quote.speaker_entity = refs[0] if refs else None
    return mention


#: how many mentions back an anaphoric speaker may look for its antecedent
_ANAPHOR_REACH = 60


def _named_before(doc: Doc, mentions: _Mentions, position: int, core: str
                  ) -> Mention | None:
    """The latest person or named body before ``position`` whose words contain ``core``
    (منظمة in «منظمة بلاند بيرنتهود»), or, for a person, the words just before the name
    (وزير in «وزير الخارجية سامح شكري»)."""
    before = mentions.starting_in(0, position)
    for mention in reversed(before[-_ANAPHOR_REACH:]):
        if not _is_name(mention) or mention.end > position:
            continue
        words = doc.text[mention.start:mention.end]
        if mention.label == "PERS":
            words = doc.text[max(0, mention.start - 40):mention.end]
        if core in match_key(words).split() or any(
                w.startswith(core) or w.endswith(core) for w in match_key(words).split()):
            return mention
    return None


def _is_name(mention: Mention) -> bool:
    """A person or a named body (not a generic agent such as «الشركات»)."""
    return mention.label == "PERS" or (mention.label == "ORG" and not (
        mention.entity or "").startswith("agent:"))


def _inside_marks(text: str, quote: Quote, token: Token) -> bool:
    """The token stands inside quotation marks that open the running quotation's words
    («وقال "…"», «قال إن "…"»): what the speaker says there is theirs, not a
    quotation of its own nor a new speaker."""
    if not quote.content.start <= token.start < quote.content.end:
        return False
    before = text[:quote.content.start].rstrip()
    if quote.kind == "direct" and before and before[-1] in _OPEN_QUOTES:
        return True
    opened = text[quote.content.start:quote.content.start + 1]
    if opened not in _OPEN_QUOTES:
        return False  # reported words: a quotation inside them may be another's
    closer = _OPEN_QUOTES[opened]
    return closer not in text[quote.content.start + 1:token.start]


def _glued_place(tokens: list[Token], index: int, end: int, mentions: _Mentions) -> bool:
    """A place with a preposition glued to it (بالأحساء، لعدن): a place name, or the
    word between a title and the person's name («مدير الجمعية بالأحساء علي الغوينم»)."""
    token = tokens[index]
    if not (token.kind == "arabic" and len(token.words) > 1 and token.words[0].role == "prep"):
        return False
    if any(m.label in ("GPE", "LOC") and m.start < token.end and token.start < m.end
           for m in mentions.starting_in(token.start, token.end)):
        return True
    return index + 1 < end and any(m.label == "PERS" for m in mentions.starting_in(
        tokens[index + 1].start, tokens[index + 1].end))


def _names(mentions: _Mentions, start: int, end: int) -> list[Mention]:
    """The names between two offsets: a word inside one is no complement («بان» of «بان
    كي مون» is not بأن, «للأمم المتحدة» is not دعا ل…)."""
    return [m for m in mentions.starting_in(start, end) if _is_name(m)]


def _before_object(tokens: list[Token], first: int, last: int, mentions: _Mentions,
                   title_words: frozenset[str]) -> Span | None:
    """The speaker of a verb that takes an object before its complement (طالب الوزير
    الشركات ب…, حث الرئيس المواطنين على…, دعا X الأطراف اليمنية إلى): the region
    ``first``..``last`` (token indexes) without its last definite noun (and the nisba
    after it), which is the object, unless that word ends a title (الأمين العام) or an
    iḍāfa (وزير الخارجية). None when no speaker is left."""
    if last <= first:
        return None
    around = mentions.starting_in(max(0, tokens[first].start - _LONGEST_NAME),
                                  tokens[last].end)
    in_name = {t for t in range(first, last + 1) for m in around
               if _is_name(m) and m.start < tokens[t].end and tokens[t].start < m.end}
    nisba = {t for t in range(first, last + 1) for m in around
             if m.label == "GPE" and m.start <= tokens[t].start < m.end}

    def definite(t: int) -> bool:
        key = match_key(tokens[t].text)
        return key.startswith(_DEFINITE) and t not in in_name and key not in title_words

    cut = last
    if last in nisba and last - 1 > first and definite(last - 1):
        cut = last - 1  # «الأطراف اليمنية»
    if not definite(cut) or cut <= first:
        return None
    before = cut - 1
    if not (definite(before) or before in in_name or before in nisba
            or match_key(tokens[before].text) in title_words):
        return None  # an iḍāfa: «وزير الخارجية»
    return Span(tokens[first].start, tokens[before].end)


class _Carry:
    """Who is speaking, for cues whose subject was dropped."""

    def __init__(self) -> None:
        self.last: tuple[Any, ...] | None = None
        #: the quotations of the article so far, for speakers that refer back
        self.history: list[Quote] = []
        self._starts: list[int] | None = None

    def speak(self, quote: Quote, relay: bool = False) -> None:
        """A quotation said: its speaker is the one a dropped subject refers to next,
        unless it only names the outlet that relays the words (``relay``: «حسبما ذكرت
        وكالة…»), which a following «وأشار» does not refer to."""
        if quote.speaker is not None:
            self.history.append(quote)
        if quote.speaker is not None and not relay and quote.found_by in (
                "named", "carried_over", "source", "participle", "anaphor"):
            self.last = (quote.speaker, quote.speaker_mention, quote.speaker_entity, quote)

    def speaker(self) -> tuple[Any, ...] | None:
        return self.last

    def sentence_after(self, doc: Doc, sentence: Sentence) -> Sentence | None:
        """The sentence that follows ``sentence`` (found by position, not by a scan)."""
        if self._starts is None:
            self._starts = [s.tokens.start for s in doc.sentences]
        at = bisect_left(self._starts, sentence.tokens.end)
        return doc.sentences[at] if at < len(doc.sentences) else None

    def saw_sentence(self, doc: Doc, sentence: Sentence, mentions: _Mentions) -> None:
        """A sentence with no quotation whose subject is a person resets the speaker."""
        first_person = next((m for m in mentions.starting_in(sentence.start, sentence.end)
                             if m.label == "PERS"), None)
        if first_person is not None and first_person.start - sentence.start < 40:
            self.last = (first_person.span, first_person.id,
                         (first_person.refers_to() or (None,))[0], None)


_PHRASES_BY_FIRST: dict[int, tuple[list, dict[str, tuple[tuple[int, tuple[str, ...]], ...]]]] = {}


def _by_first_word(phrases: list[tuple[str, ...]]
                   ) -> dict[str, tuple[tuple[int, tuple[str, ...]], ...]]:
    """A phrase list's phrases by their first word, each with its place in the list (the
    first that fits wins), built once per list: a word that begins none is passed over
    with one lookup."""
    cached = _PHRASES_BY_FIRST.get(id(phrases))
    if cached is None or cached[0] is not phrases:
        index: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for order, phrase in enumerate(phrases):
            index.setdefault(phrase[0], []).append((order, phrase))
        cached = (phrases, {k: tuple(v) for k, v in index.items()})
        _PHRASES_BY_FIRST[id(phrases)] = cached
    return cached[1]
