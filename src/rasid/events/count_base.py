"""A sentence's tokens as the toll reader sees them, and the toll it reads.

Why: the reader asks the same small questions again and again (is a number here, and
not read yet? does a people word follow it? is this «وأحد» or «واحد»? is this sentence
about an accident?); they live here, apart from the rules that read tolls, so that
each rule reads as what it looks for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rasid.events.count_words import SKIP_MARKS, count_words, forms, lookup
from rasid.lang.ar.words import word_set
from rasid.text.numbers import Number, Token, read_number, tokenize


@dataclass
class Count:
    """One toll: ``value`` people ``kind`` (killed…), approximate or not, with the
    victims' kind when stated and the words it was read from (``start``-``end``)."""

    kind: str
    value: int
    approx: bool
    start: int
    end: int
    victims: str | None = None
    #: the word after the number («حوثيين», «طاقمه»), to tell two equal tolls apart
    noun: str = ""

    def to_dict(self, text: str) -> dict[str, Any]:
        return {"value": self.value, "approx": self.approx, "victims": self.victims,
                "spans": [self.span(text)]}

    def span(self, text: str) -> dict[str, Any]:
        return {"text": text[self.start:self.end], "start": self.start, "end": self.end,
                "value": self.value}


class SentenceTokens:
    """The tokens of one sentence, which of them are read, and the tolls read so far."""

    def __init__(self, text: str, start: int, end: int, persons: frozenset[int]) -> None:
        self.text = text
        self.start = start
        self.words = count_words()
        self.tokens = tokenize(text, start, end)
        self.persons = persons
        self.used: set[int] = set()  # token indexes of numbers already read
        self.combined: set[int] = set()  # heads that share one number with another
        self.counts: list[Count] = []

    def number(self, index: int) -> Number | None:
        if index >= len(self.tokens) or index in self.used:
            return None
        if self.key(index) in self.words.ordinal_tens and self.key(index - 1).startswith("ال"):
            return None  # «التاسعة عشرة», «الثاني عشر»: the end of an ordinal
        return read_number(self.tokens, index, self.text)

    def key(self, index: int) -> str:
        return self.tokens[index].key if 0 <= index < len(self.tokens) else ""

    def _after(self, number: Number) -> int:
        """The index of the word after a number, past closing marks («590» شخصا) and
        the same number written again in words («(190) مائة وتسعون موقوفا»)."""
        nxt = number.last + 1
        while nxt < len(self.tokens) and self.key(nxt) in SKIP_MARKS:
            nxt += 1
        again = self._restated(number)
        return nxt if again is None else again.last + 1

    def _restated(self, number: Number) -> Number | None:
        """The number written again right after it, in words, as official statements
        do («(431) أربعمائة وواحد وثلاثون»), if it is."""
        nxt = number.last + 1
        while nxt < len(self.tokens) and self.key(nxt) in SKIP_MARKS:
            nxt += 1
        if nxt >= len(self.tokens) or self.tokens[nxt].kind != "word" or nxt in self.used:
            return None
        again = read_number(self.tokens, nxt, self.text)
        return again if again is not None and again.value == number.value else None

    def _counts_people(self, number: Number, strict: bool = False) -> bool:
        """The word after the number says it counts people (or a toll noun does).
        ``strict``: «من» alone is not enough, the word after it must say people too
        («سبعة من عائلة» is not a toll far from its head, «سبعة من الجنود» is)."""
        nxt = self._after(number)
        if strict and self.key(nxt) == "من":
            nxt += 1
        return nxt < len(self.tokens) and self._people_word(self.tokens[nxt], strict)

    def _people_word(self, token: Token, strict: bool = False) -> bool:
        """A word of people: listed, a toll noun, a victim, or a plural of belonging
        («كويتيين», «إسلاميين», «حوثيون»: the suffixes of ``people_suffixes``)."""
        found = lookup(token, self.words.people)
        return (found is not None and not (strict and found == "من")) \
            or lookup(token, self.words.nouns) is not None \
            or lookup(token, self.words.victims) is not None \
            or (token.kind == "word" and len(token.key) >= self.words.suffixed_length
                and token.key.endswith(self.words.people_suffixes)
                and not lookup(token, self.words.not_counted))

    def _not_counted(self, number: Number) -> bool:
        nxt = self._after(number)
        if nxt < len(self.tokens) and lookup(self.tokens[nxt], self.words.not_counted):
            # «وإصابة 173 يوم الأحد»: «يوم» and a day's name date the toll, they are
            # not what the number counts (as in «20 يوما»)
            return not (self.key(nxt) == "يوم" and self.key(nxt + 1) in self.words.weekdays)
        # a year: four digits from 1900 to 2100 (قتل عام 2014 …), unless people follow
        return bool(number.value is not None and 1900 <= number.value <= 2100
                    and self.tokens[number.first].kind == "digits"
                    and not (nxt < len(self.tokens) and self._people_word(self.tokens[nxt])))

    def _joined_number_at(self, index: int) -> bool:
        """A number joined by و starts at ``index`` («و9», «وثلاثة»)."""
        if index >= len(self.tokens):
            return False
        token = self.tokens[index]
        if token.key == "و":
            return index + 1 < len(self.tokens) and self.tokens[index + 1].kind == "digits"
        if token.kind != "word" or token.key[:1] != "و":
            return False
        number = self.number(index)
        return number is not None and not number.vague and number.start != token.start

    def _joined_one_at(self, index: int) -> bool:
        """«وأحد» starts at ``index``: one more victim joined by و."""
        if index >= len(self.tokens):
            return False
        token = self.tokens[index]
        return token.key[:1] == "و" and token.bare() in self.words.one \
            and self._not_the_number_one(index)

    def _joined_person_at(self, index: int) -> bool:
        """«والجندي» starts at ``index``: one more victim, named by a definite singular."""
        if index >= len(self.tokens):
            return False
        bare = self.tokens[index].bare()
        return self.tokens[index].key[:1] == "و" and bare.startswith("ال") \
            and bare[2:] in self.words.singular

    def _not_the_number_one(self, index: int) -> bool:
        """«وأحد المخبرين» is و + أحد, «واحد في البلدة» is the number one: their keys
        are the same, so the hamza or a definite noun after it tells them apart."""
        token = self.tokens[index]
        if token.key not in self.words.adjective_numbers:
            return True
        return self.text[token.start + 1] in "أإ" or self.key(index + 1).startswith("ال")

    def _joined_before(self, number: Number) -> bool:
        """The number is joined by و to victims just before it («قتل أبو قتادة و21
        مسلحا», «مقتل قائد الكتيبة وثلاثة من مساعديه»)."""
        first = number.first
        if first > 0 and self.key(first - 1) == "و":
            return self._joined_number_at(first - 1)
        return self._joined_number_at(first)

    def _opens_sentence(self, index: int) -> bool:
        """The word at ``index`` is the sentence's first (a verb there, before a name,
        is passive: «وقتل محمد …» is Mohammed killed, not killing)."""
        return all(self.tokens[k].kind == "mark" for k in range(index))

    def _opens_clause(self, index: int) -> bool:
        """The word at ``index`` opens a clause or a part after a comma («، كما»,
        «، من بينهم»): a number past it belongs to that clause."""
        if index >= len(self.tokens):
            return True
        token = self.tokens[index]
        if token.key == "من" and self.key(index + 1) in self.words.subset:
            return True  # «، من ضمنهم»: a part of a toll given before
        if (forms(token)[-1], self.key(index + 1)) in self.words.further.opener_pairs:
            return True  # «، في حين سقط …»
        return token.kind == "word" and (
            token.key in self.words.further.openers or token.key in self.words.subset
            or (token.key[:1] == "و" and len(token.key) > 1 and token.key[1:] in
                self.words.further.openers))

    def _phrase_at(self, index: int, phrase: tuple[str, ...]) -> bool:
        """The words of ``phrase`` start at ``index`` (the first may carry و: «ونحو»)."""
        if index + len(phrase) > len(self.tokens):
            return False
        if phrase[0] not in forms(self.tokens[index])[:2]:
            return False
        return all(self.key(index + k) == word for k, word in enumerate(phrase) if k)

    def _victims(self, index: int) -> str | None:
        for i in range(index, min(index + 3, len(self.tokens))):
            label = lookup(self.tokens[i], self.words.victims)
            if label is not None:
                return label
        return None

    def _approx(self, number: Number, last: int) -> bool:
        for phrase in self.words.approx_before:
            begin = number.first - len(phrase)
            skip = 0
            while begin - skip >= 0 and self.key(number.first - 1 - skip) in SKIP_MARKS:
                skip += 1
            if begin - skip >= 0 and self._phrase_at(begin - skip, phrase):
                return True
        for phrase in self.words.approx_after:
            for begin in range(number.last + 1, min(last + 5, len(self.tokens))):
                if self._phrase_at(begin, phrase):
                    return True
        return False

    def _ranges(self) -> None:
        """«ما بين 20 و25 شخصا», «بين 20 أو 30»: a range states no value, so both of
        its numbers are put aside before any toll is read."""
        for index, token in enumerate(self.tokens):
            if token.key not in self.words.ranges:
                continue
            first = self.number(index + 1)
            if first is None:
                continue
            k = first.last + 1
            if self.key(k) in word_set("coordinators"):
                k += 1
            second = self.number(k)
            if second is not None:
                self.used.update(range(first.first, second.last + 1))

    def _accident(self) -> bool:
        """A word or a pair of words of an accident, a disaster, a disease or a game
        («غرق», «انقلاب سيارة», «تحطم طائرة», «مباراة»): its victims are no political
        event's toll. A pair is a word and the stem the next word starts with. A word
        of an attack in the sentence («انفجار», «قصف») makes it no accident."""
        words = self.words
        if any(lookup(token, words.attack_words) for token in self.tokens):
            return False  # «انفجار أدى إلى انقلاب سيارتهما» is an attack
        return self._accident_in(self.tokens)

    def _accident_before(self) -> bool:
        """An accident told just before the sentence, in its paragraph («وقع حادث على
        طريق …. وأسفر عن وفاة أربعة») or, when the sentence says «الحادث», further
        back, and no word of an attack there or in it."""
        words = self.words
        if any(token.key in words.anaphors for token in self.tokens):
            # «وأضاف أن الحادث أسفر عن …»: «الحادث» refers back to the last incident
            # told, which may stand in the paragraph before
            begin = max(0, self.start - words.anaphor_context)
        else:
            begin = max(0, self.start - words.accident_context)
            begin = max(begin, self.text.rfind("\n", begin, self.start) + 1)
        before = tokenize(self.text, begin, self.start)
        return not any(lookup(token, words.attack_words) for token in [*before, *self.tokens]) \
            and self._accident_in(before)

    def _accident_in(self, tokens: list[Token]) -> bool:
        words = self.words
        keys = {token.key for token in tokens}
        for word, other in words.accident_far:
            # «إثر حادث وقع أمس … على طريق بيشة»: an incident on a road
            if word in keys and other in keys:
                return True
        for index, token in enumerate(tokens):
            if lookup(token, words.accidents) or (
                    token.key.startswith("ال") and token.key[2:] in words.accidents):
                return True  # «غرق», «التسمم»: listed with or without the article
            after = tokens[index + 1].key.removeprefix("ال") if index + 1 < len(tokens) else ""
            if any(after.startswith(stem) for stem in words.accident_pairs.get(token.bare(), ())):
                return True  # «انقلاب مركبتهم»: the second word starts with a listed stem
        return False
