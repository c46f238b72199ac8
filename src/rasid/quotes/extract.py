"""Finding quotations: cue, speaker, content, kind, medium, and how the speaker was found.

Arabic news attributes most of what it reports: ``وقال…، إن``, ``وأكد…، أن``,
``وأشار… إلى أن``, ``نقلت وكالة… عن…``, ``بحسب…``. A speech verb starts a quotation
only when a complement (``إن``, ``أن``, a colon, an opening quote, or the verb's own
preposition) follows in the same sentence, which keeps ``أكدت الفحوص وجود…`` out.
Between the verb and the complement stand the speaker, an apposition with the
speaker's title, and the medium (``في تصريحات خاصة ل…``); when no speaker stands there,
the subject was dropped and the previous speaker carries over. Participles such as
``مشددا على أن`` continue the current quotation.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import pairwise
from typing import Any

from rasid.doc import Doc, Sentence, Token
from rasid.entities.mention import Mention
from rasid.quotes.model import Quote
from rasid.resources import data_path
from rasid.text.normalize import match_key

_COMPLEMENT_WORDS = frozenset({"ان", "بان", "فان", "لان"})
_ENCLITICS = ("هما", "هم", "هن", "ها", "ه", "ني", "نا", "ك", "كم")
_OPEN_QUOTES = {"«": "»", '"': '"', "“": "”"}
_LABEL_RANK = {"PERS": 0, "ORG": 1, "GPE": 2, "LOC": 3}


def _load_cues() -> dict[str, Any]:
    import json

    path = data_path("").parent / "quotes" / "data" / "cues.json"
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
        default = cues["complements"]["default"]
        self.complements = {
            lemma: _phrase_keys(default + cues["complements"].get(lemma, []))
            for lemma in cues["verbs"]
        }
        self.according = _phrase_keys(cues["sources"]["according_to"])
        self.media = _phrase_keys(cues["media"])
        self.traps_after = _phrase_keys(cues["traps"]["after"])
        self.traps_before = frozenset(match_key(w) for w in cues["traps"]["before"])
        self.passive = frozenset(match_key(w.split()[0]) for w in cues["traps"]["passive"])
        self.connectives = _phrase_keys(cues["connectives"])

    # -- token tests ------------------------------------------------------------------
    @staticmethod
    def _bare(token: Token) -> str:
        key = match_key(token.text)
        return key[1:] if key[:1] in ("و", "ف") and len(key) > 3 else key

    def cue_lemma(self, token: Token) -> str | None:
        if token.kind != "arabic":
            return None
        key = match_key(token.text)
        return self.verbs.get(key) or self.verbs.get(self._bare(token))

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
        firsts = {first, first[1:]} if first[:1] in ("و", "ف") else {first}
        for phrase in phrases:
            if index + len(phrase) > end or phrase[0] not in firsts:
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
        key = match_key(token.text)
        if key in _COMPLEMENT_WORDS or any(
                key.startswith(stem) and key[len(stem):] in _ENCLITICS
                for stem in ("ان", "بان", "فان")):
            return 1, "reported"
        return None

    # -- main -----------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        mentions = _Mentions(doc.layers.get("mentions", []))
        state = _Carry()
        quotes: list[Quote] = []
        for sentence in doc.sentences:
            quotes.extend(self._sentence(doc, sentence, mentions, state))
        for number, quote in enumerate(quotes, start=1):
            quote.id = f"q{number}"
            quote.text = doc.text
        for quote in quotes:
            if quote.source_quote is not None:
                quote.carried_from = quote.source_quote.id
        doc.layers["quotes"] = quotes
        doc.done.add("quotes")
        return doc

    def _sentence(self, doc: Doc, sentence: Sentence, mentions: _Mentions,
                  state: _Carry) -> list[Quote]:
        tokens = doc.tokens
        start, end = sentence.first_token, sentence.last_token
        found: list[Quote] = []
        open_quote: Quote | None = None
        index = start
        while index < end:
            token = tokens[index]
            if self.is_secondary(token) and open_quote is not None:
                open_quote.secondary_cues.append((token.start, token.end))
                index += 1
                continue
            taken = self._phrase_at(tokens, index, self.according, end)
            if taken:
                quote = self._according(doc, sentence, index, taken, mentions)
                if quote is not None:
                    found.append(quote)
                    state.speak(quote)
                    open_quote = quote
                    index += taken
                    continue
            lemma = self.cue_lemma(token)
            if lemma is None or self._trapped(tokens, index, start, end):
                index += 1
                continue
            quote = self._verb(doc, index, lemma, start, end, mentions, state)
            if quote is None:
                index += 1
                continue
            inside = open_quote is not None and open_quote.content[1] > token.start
            real_speaker = quote.speaker_mention is not None and any(
                m.label in ("PERS", "ORG") for m in mentions.with_id(quote.speaker_mention))
            imperfect = self._bare(token)[:1] in ("ي", "ت")
            if inside and quote.found_by != "carried_over" and not real_speaker and imperfect:
                # a present-tense cue inside a running quotation with no person or body
                # before its complement (تؤكد خصوصية العلاقة… أن) continues it
                open_quote.secondary_cues.append((token.start, token.end))
                index += 1
                continue
            if open_quote is not None and quote.found_by == "carried_over" and \
                    open_quote.content[1] > token.start:
                # a dropped-subject cue inside a running quotation continues it
                open_quote.secondary_cues.append((token.start, token.end))
                index += 1
                continue
            if open_quote is not None and open_quote.content[1] > token.start:
                cut = token.start
                for back in (2, 1):  # a connective before the new cue: بينما, في حين
                    if index - back > start and self._phrase_at(
                            tokens, index - back, self.connectives, index) == back:
                        cut = tokens[index - back].start
                        break
                open_quote.content = (open_quote.content[0], _trim_end(doc.text,
                                      open_quote.content[0], cut))
            found.append(quote)
            state.speak(quote)
            open_quote = quote
            index += 1
        if not found:
            state.saw_sentence(doc, sentence, mentions)
        return found

    def _trapped(self, tokens: list[Token], index: int, start: int, end: int) -> bool:
        if index > start and match_key(tokens[index - 1].text) in self.traps_before:
            return True
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
        boundary = None
        j = index + 1
        while j < min(end, index + 30):
            complement = self._complement_at(tokens, j, lemma, end)
            if complement is not None and tokens[j].text in _OPEN_QUOTES:
                # quotes around a name ("بوابة الوفد") followed by a complement: skip them
                close = self._closing(tokens, j, end)
                if close is not None and close - j <= 6 and any(
                        self._complement_at(tokens, k, lemma, end) is not None
                        and tokens[k].text not in _OPEN_QUOTES
                        for k in range(close + 1, min(end, close + 5))):
                    j = close + 1
                    continue
            if complement is not None:
                boundary = (j, *complement)
                break
            if j > index + 1 and self.cue_lemma(tokens[j]) is not None:
                break
            j += 1
        if boundary is None:
            return None
        where, taken, kind = boundary
        cue = (tokens[index].start, tokens[index].end)
        content = self._content(doc, where, taken, kind, end)
        if content is None:
            return None
        speaker, title, medium, agency = self._region(tokens, index + 1, where)
        quote = Quote(cue=cue, content=content, kind=kind, found_by="named")
        quote.medium = medium
        if lemma == "نقل" and agency is not None and speaker is not None:
            quote.medium = agency
        if speaker is None:
            carried = state.speaker()
            if carried is None:
                quote.found_by = "pronoun"
                return quote
            quote.found_by = "carried_over"
            quote.speaker, quote.speaker_mention, quote.speaker_entity = carried[:3]
            quote.source_quote = carried[3]
            return quote
        quote.speaker = speaker
        quote.title = title
        mention = _best_mention(mentions, speaker)
        if mention is not None:
            quote.speaker_mention = mention.id
            refs = mention.refers_to()
            quote.speaker_entity = refs[0] if refs else None
        if lemma in ("نشر", "أوردت") or (mention is not None and mention.label == "ORG"
                                          and lemma in ("نقل", "نشر")):
            quote.found_by = "source"
        return quote

    @staticmethod
    def _closing(tokens: list[Token], opener: int, end: int) -> int | None:
        closer = _OPEN_QUOTES[tokens[opener].text]
        return next((k for k in range(opener + 1, end) if tokens[k].text == closer), None)

    def _content(self, doc: Doc, where: int, taken: int, kind: str, end: int
                 ) -> tuple[int, int] | None:
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
                        return (tokens[first].start, tokens[j].start) if j > first else None
        # reported: the complement's own pronoun (أنها) belongs to the content
        if taken == 1 and tokens[where].kind == "arabic" and kind == "reported" and \
                match_key(tokens[where].text) not in _COMPLEMENT_WORDS:
            first = where
        stop = end
        return tokens[first].start, _trim_end(doc.text, tokens[first].start,
                                              tokens[stop - 1].end)

    def _region(self, tokens: list[Token], first: int, boundary: int
                ) -> tuple[tuple[int, int] | None, ...]:
        """Speaker, title and medium spans between a cue and its complement."""
        parts: list[list[int]] = [[]]
        for j in range(first, boundary):
            if tokens[j].text in ("،", ","):
                parts.append([])
            else:
                parts[-1].append(j)
        speaker = title = medium = agency = None
        for part in parts:
            if not part:
                continue
            m = self._phrase_at(tokens, part[0], self.media, part[-1] + 1)
            if m:
                medium = (tokens[part[0]].start, tokens[part[-1]].end)
                continue
            # "نقلت وكالة X عن Y": the agency before عن, the speaker after it
            about = next((k for k in part if match_key(tokens[k].text) == "عن"), None)
            if about is not None and speaker is None and about > part[0]:
                agency = (tokens[part[0]].start, tokens[about - 1].end)
                rest = [k for k in part if k > about]
                if rest:
                    speaker = (tokens[rest[0]].start, tokens[rest[-1]].end)
                continue
            # a medium phrase may trail the speaker: قال الوزير في بيان
            cut = next((k for k in part[1:] if self._phrase_at(tokens, k, self.media,
                                                               part[-1] + 1)), None)
            words = part if cut is None else [k for k in part if k < cut]
            if cut is not None:
                medium = (tokens[cut].start, tokens[part[-1]].end)
            span = (tokens[words[0]].start, tokens[words[-1]].end)
            if speaker is None:
                speaker = span
            elif title is None:
                title = span
        return speaker, title, medium, agency

    def _according(self, doc: Doc, sentence: Sentence, index: int, taken: int,
                   mentions: _Mentions) -> Quote | None:
        tokens = doc.tokens
        end = sentence.last_token
        source_first = index + taken
        source_last = source_first
        while source_last + 1 < end and tokens[source_last + 1].text not in ("،", ",", "."):
            source_last += 1
        if source_first >= end:
            return None
        source = (tokens[source_first].start, tokens[source_last].end)
        if index - sentence.first_token <= 1:
            after = source_last + 1
            while after < end and tokens[after].text in ("،", ","):
                after += 1
            if after < end and match_key(tokens[after].text) in ("فان", "ان"):
                after += 1
            if after >= end:
                return None
            content = (tokens[after].start, _trim_end(doc.text, tokens[after].start,
                                                      tokens[end - 1].end))
        else:
            content = (tokens[sentence.first_token].start,
                       _trim_end(doc.text, tokens[sentence.first_token].start,
                                 tokens[index].start))
        if content[1] <= content[0]:
            return None
        quote = Quote(cue=(tokens[index].start, tokens[index + taken - 1].end), content=content,
                      kind="reported", found_by="source", speaker=source)
        mention = _best_mention(mentions, source)
        if mention is not None:
            quote.speaker_mention = mention.id
            refs = mention.refers_to()
            quote.speaker_entity = refs[0] if refs else None
        return quote


def _trim_end(text: str, start: int, end: int) -> int:
    """Drop trailing spaces, commas, periods and closing quotes from a content span."""
    while end > start and text[end - 1] in " \n،,.؛;:»\"”":
        end -= 1
    return end


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


def _best_mention(mentions: _Mentions, span: tuple[int, int]) -> Mention | None:
    inside = [m for m in mentions.starting_in(span[0], span[1] + 1) if m.end <= span[1]]
    if not inside:
        return None
    return min(inside, key=lambda m: (_LABEL_RANK.get(m.label, 9), -(m.end - m.start), m.start))


class _Carry:
    """Who is speaking, for cues whose subject was dropped."""

    def __init__(self) -> None:
        self.last: tuple[Any, ...] | None = None

    def speak(self, quote: Quote) -> None:
        if quote.speaker is not None and quote.found_by in ("named", "carried_over", "source"):
            self.last = (quote.speaker, quote.speaker_mention, quote.speaker_entity, quote)

    def speaker(self) -> tuple[Any, ...] | None:
        return self.last

    def saw_sentence(self, doc: Doc, sentence: Sentence, mentions: _Mentions) -> None:
        """A sentence with no quotation whose subject is a person resets the speaker."""
        first_person = next((m for m in mentions.starting_in(sentence.start, sentence.end)
                             if m.label == "PERS"), None)
        if first_person is not None and first_person.start - sentence.start < 40:
            self.last = ((first_person.start, first_person.end), first_person.id,
                         (first_person.refers_to() or (None,))[0], None)
