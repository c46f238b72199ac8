"""Casualty and arrest counts: how many were killed, injured, arrested or kidnapped.

Why: without counts an attack that killed sixty weighs what a scuffle weighs. A toll is
read where news writes it: after a toll word («مقتل 27 شخصا», «القبض على 3»), before a
toll noun («32 قتيلا ونحو مئة جريح»), before a verb that follows its victims («خمسة جنود
قتلوا»), or as one or two people named by a singular or dual noun («مقتل شاب»,
«مقتل شرطيين»). Dates, ages, money, distances and numbers of attacks are not tolls
(``not_counted``). Each toll is read once per sentence and given to one event, so a
toll that two triggers describe is counted once. The words live in ``data/counts.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from rasid.text.numbers import Number, Token, read_number, tokenize

KINDS = ("killed", "injured", "arrested", "kidnapped")
#: marks a head may be separated from its number by: «مقتل (20) شخصا»
_SKIP_MARKS = set("()[]«»\"'-–")
#: marks that end a clause: a coordinated number after them is another toll
_BREAKS = set("،,.;؛:!?؟")


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

    def to_dict(self, text: str) -> dict[str, Any]:
        return {"value": self.value, "approx": self.approx, "victims": self.victims,
                "spans": [self.span(text)]}

    def span(self, text: str) -> dict[str, Any]:
        return {"text": text[self.start:self.end], "start": self.start, "end": self.end,
                "value": self.value}


@dataclass(frozen=True)
class CountWords:
    """The word tables of ``data/counts.json`` as sets and maps of matching keys."""

    heads: dict[str, str]
    nouns: dict[str, str]
    post_verbs: dict[str, str]
    confirm_after: dict[str, frozenset[str]]
    bridges: frozenset[str]
    singular: frozenset[str]
    dual: frozenset[str]
    one: frozenset[str]
    pair: frozenset[str]
    not_counted: frozenset[str]
    approx_before: tuple[tuple[str, ...], ...]
    approx_after: tuple[tuple[str, ...], ...]
    victims: dict[str, str]
    people: frozenset[str]
    needs_people: frozenset[str]
    person_heads: frozenset[str]
    self_heads: dict[str, tuple[str, int]]
    adjective_numbers: frozenset[str]
    confirm_window: int
    subset: frozenset[str]
    accidents: frozenset[str]
    number_only: frozenset[str]
    coordination_window: int
    coordination_near: int
    restated_min_value: int
    carriers: dict[str, tuple[str, ...]]
    further: Reach
    subject_window: int
    asides: frozenset[str]
    dual_verbs: dict[str, str]
    singular_verbs: dict[str, str]
    inna: frozenset[str]
    attempts: frozenset[str]
    members: frozenset[str]
    member_triggers: frozenset[str]
    additions: frozenset[str]
    alternatives: frozenset[str]
    people_suffixes: tuple[str, ...]
    accident_pairs: frozenset[tuple[str, str]]
    sides: dict[str, str]
    passive_heads: frozenset[str]
    among: frozenset[str]
    ranges: frozenset[str]
    side_window: int
    suffixed_length: int


@dataclass(frozen=True)
class Reach:
    """How far past a head a number that counts people may stand: ``words`` other
    words at most, and only the marks of ``passes`` (commas, brackets) between."""

    words: int
    passes: frozenset[str]
    openers: frozenset[str]


@cache
def count_words() -> CountWords:
    """The tables, loaded once per process."""
    import json

    path = resources.files("rasid.events") / "data" / "counts.json"
    data = json.loads(path.read_text(encoding="utf-8"))

    def by_kind(table: dict[str, list[str]]) -> dict[str, str]:
        return {word: kind for kind, words in table.items() for word in words}

    return CountWords(
        heads=by_kind(data["heads"]), nouns=by_kind(data["nouns"]),
        post_verbs=by_kind(data["post_verbs"]),
        confirm_after={k: frozenset(v) for k, v in data["confirm_after"].items()},
        bridges=frozenset(data["bridges"]), singular=frozenset(data["singular"]),
        dual=frozenset(data["dual"]), one=frozenset(data["one"]),
        pair=frozenset(data["pair"]), not_counted=frozenset(data["not_counted"]),
        approx_before=tuple(tuple(p) for p in data["approx_before"]),
        approx_after=tuple(tuple(p) for p in data["approx_after"]),
        victims=by_kind(data["victims"]), people=frozenset(data["people"]),
        needs_people=frozenset(data["needs_people"]),
        person_heads=frozenset(data["person_heads"]),
        self_heads={k: (v[0], int(v[1])) for k, v in data["self"].items()},
        adjective_numbers=frozenset(data["adjective_numbers"]),
        confirm_window=int(data["confirm_after_window"]),
        subset=frozenset(data["subset"]), accidents=frozenset(data["accidents"]),
        number_only=frozenset(data["number_only"]),
        coordination_window=int(data["coordination"]["window"]),
        coordination_near=int(data["coordination"]["near"]),
        restated_min_value=int(data["restated_min_value"]),
        carriers={kind: tuple(types) for kind, types in data["carriers"].items()},
        further=Reach(int(data["further"]["words"]), frozenset(data["further"]["passes"]),
                      frozenset(data["further"]["openers"])),
        subject_window=int(data["subject_window"]), asides=frozenset(data["asides"]),
        dual_verbs=by_kind(data["dual_verbs"]), singular_verbs=by_kind(data["singular_verbs"]),
        inna=frozenset(data["inna"]), attempts=frozenset(data["attempts"]),
        members=frozenset(data["members"]["words"]),
        member_triggers=frozenset(data["members"]["after"]),
        additions=frozenset(data["additions"]),
        alternatives=frozenset(data["alternatives"]),
        people_suffixes=tuple(data["people_suffixes"]["endings"]),
        suffixed_length=int(data["people_suffixes"]["min_length"]),
        accident_pairs=frozenset((a, b) for a, b in data["accident_pairs"]),
        sides=by_kind(data["sides"]["words"]), side_window=int(data["sides"]["window"]),
        passive_heads=frozenset(data["passive_heads"]), among=frozenset(data["among"]),
        ranges=frozenset(data["ranges"]))


def _forms(token: Token) -> tuple[str, ...]:
    """The token's key and the key without و/ف and then ب/ل (ومقتل, بمقتل, وبإصابة).
    The article is kept, so that a table entry says what it matches; a definite
    singular after a head («اغتيل القيادي», «مقتل الطفل») is read in ``_after_head``:
    a victim restated in a later sentence is that sentence's toll too (the guideline)."""
    key = token.key
    forms = [key]
    if len(key) > 3 and key[0] in "وف":
        key = key[1:]
        forms.append(key)
    if len(key) > 4 and key.startswith("لل"):
        forms.append("ا" + key[1:])  # «للقتلى» is ل + القتلى, its alef dropped
    elif len(key) > 3 and key[0] in "بل":
        forms.append(key[1:])
    return tuple(forms)


def _lookup(token: Token, table: dict[str, str] | frozenset[str]) -> str | None:
    for form in _forms(token):
        if form in table:
            return table[form] if isinstance(table, dict) else form
    return None


class _Reader:
    """Reads the tolls of one sentence, token by token."""

    def __init__(self, text: str, start: int, end: int, persons: frozenset[int]) -> None:
        self.text = text
        self.words = count_words()
        self.tokens = tokenize(text, start, end)
        self.persons = persons
        self.used: set[int] = set()  # token indexes of numbers already read
        self.combined: set[int] = set()  # heads that share one number with another
        self.counts: list[Count] = []

    def number(self, index: int) -> Number | None:
        if index >= len(self.tokens) or index in self.used:
            return None
        return read_number(self.tokens, index, self.text)

    def key(self, index: int) -> str:
        return self.tokens[index].key if 0 <= index < len(self.tokens) else ""

    def run(self) -> list[Count]:
        if self._accident():
            return []  # a road accident, a flood, a disease: no political event's toll
        self._ranges()
        for index, token in enumerate(self.tokens):
            if token.kind == "mark" or index in self.used:
                continue
            kind = _lookup(token, self.words.heads)
            if kind is not None and self._attempted(index):
                continue  # «حاول قتل خالته», «الشروع في قتل»: nobody was killed
            if kind is not None and self.key(index - 1) in self.words.among:
                continue  # «من بين القتلى القائد …»: a part of a toll given elsewhere
            if kind is not None and self._after_head(index, kind):
                self._read_with_head(index)
                continue
            if self._members(index):
                continue
            carried = next((self.words.self_heads[f] for f in _forms(token)
                            if f in self.words.self_heads), None)
            if carried is not None:
                kind, value = carried
                self._emit_people(value, kind, index, index, index)
                continue
            if self._pair_verb(index) or self._singular_subject(index):
                continue
            number = self.number(index)
            if number is not None and not number.vague \
                    and self.key(index) not in self.words.adjective_numbers:
                self._before_noun(number)
        return self._once(self._two_sides(self.counts))

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
            if self.key(k) in ("و", "او"):
                k += 1
            second = self.number(k)
            if second is not None:
                self.used.update(range(first.first, second.last + 1))

    def _two_sides(self, counts: list[Count]) -> list[Count]:
        """The losses of both sides of one clash are one toll («قتل 15 متمردا من
        الحوثيين …، في حين قتل 6 من مقاتلي المقاومة» is 21 killed): two tolls of a
        kind, one after the other (a toll of another kind may stand between), whose
        victims name the two opposite ``sides`` of the data add up, as the guideline
        adds groups of victims of the same occurrence."""
        merged: list[Count] = []
        for count in counts:
            last = next((c for c in reversed(merged) if c.kind == count.kind), None)
            if last is not None:
                one, other = self._side(last), self._side(count)
                if one is not None and other is not None and one != other:
                    last.value += count.value
                    last.approx = last.approx or count.approx
                    last.end = max(last.end, count.end)
                    last.victims = last.victims if last.victims == count.victims else "mixed"
                    continue
            merged.append(count)
        return merged

    def _side(self, count: Count) -> str | None:
        """The side of a clash the victims of a toll belong to, from the words of the
        toll and the few after it («من مقاتلي المقاومة», «حوثيا»), if one is named."""
        tokens = [t for t in self.tokens if count.start <= t.start]
        for token in tokens[:self.words.side_window]:
            if token.start >= count.end and token.key in _BREAKS:
                break
            for form in (*_forms(token), token.key.removeprefix("ال")):
                side = self.words.sides.get(form)
                if side is not None:
                    return side
        return None

    def _attempted(self, index: int) -> bool:
        """The head follows a word of attempt («حاول قتل», «محاولة اغتيال», «الشروع في
        قتل»): an attempt names its target, not a victim."""
        for k in (index - 1, index - 2):
            if k >= 0 and _lookup(self.tokens[k], self.words.attempts):
                return k == index - 1 or self.key(index - 1) == "في"
        return False

    def _members(self, index: int) -> bool:
        """The members of a group an arrest seized («ضبطت شبكة إرهابية تضم خمسة
        متهمين», «الإطاحة بتنظيم يضم (431) شخصا»): a member word after an arrest word
        of the sentence, then a number of people."""
        words = self.words
        if not _lookup(self.tokens[index], words.members) or not any(
                _lookup(self.tokens[k], words.member_triggers)
                or _lookup(self.tokens[k], words.heads) == "arrested"
                for k in range(index)):
            return False
        j = index + 1
        while j < len(self.tokens) and (self.key(j) in _SKIP_MARKS or self.key(j) in words.bridges):
            j += 1
        number = self.number(j)
        if number is None or number.vague or not self._counts_people(number):
            return False
        return self._emit(number, "arrested", index)

    def _once(self, counts: list[Count]) -> list[Count]:
        """A toll said twice in the sentence («أوقفت 251 شخصا … تم توقيف 251») is one."""
        seen: set[tuple[str, int]] = set()
        kept = []
        for count in counts:
            key = (count.kind, count.value)
            if key in seen and count.value >= self.words.restated_min_value:
                continue
            seen.add(key)
            kept.append(count)
        return kept

    def _accident(self) -> bool:
        """A word or a pair of words of an accident, a disaster, a disease or a game
        («غرق», «انقلاب سيارة», «مباراة»): its victims are no political event's toll."""
        words = self.words
        for index, token in enumerate(self.tokens):
            if _lookup(token, words.accidents):
                return True
            pair = (token.bare(), self.key(index + 1).removeprefix("ال"))
            if pair in words.accident_pairs:
                return True
        return False

    def _confirmed(self, index: int, head: str) -> bool:
        """A head that needs a word after it («لقي … مصرعه») has it."""
        wanted = self.words.confirm_after.get(head)
        if wanted is None:
            return True
        window = self.words.confirm_window
        return self._confirm_word(index, wanted, window) is not None

    def _confirm_word(self, index: int, wanted: frozenset[str], window: int) -> int | None:
        return next((i for i in range(index + 1, min(index + window, len(self.tokens)))
                     if self.key(i) in wanted), None)

    def _read_with_head(self, index: int) -> None:
        """The word a head needed («لقي جندي مصرعه») is read with the toll of the head,
        so that «مصرعه» does not count its victim a second time."""
        head = next((f for f in _forms(self.tokens[index]) if f in self.words.heads), "")
        wanted = self.words.confirm_after.get(head)
        if wanted is not None:
            found = self._confirm_word(index, wanted, self.words.confirm_window)
            if found is not None:
                self.used.add(found)

    def _after_head(self, index: int, kind: str) -> bool:
        """A toll that follows a toll word; True when one was read."""
        head = next((f for f in _forms(self.tokens[index]) if f in self.words.heads), "")
        if not self._confirmed(index, head):
            return False
        j = index + 1
        while j < len(self.tokens) and j - index <= 4 and (
                self.key(j) in _SKIP_MARKS or self.key(j) in self.words.bridges):
            j += 1
        if j >= len(self.tokens):
            return False
        token = self.tokens[j]
        if head in self.words.person_heads and token.kind == "word" \
                and token.key[:1] in ("و", "ف") and _lookup(token, self.words.heads) \
                and self.number(j + 1) is not None:
            # «مقتل وجرح 45»: one number for two tolls, so neither can be read
            self.combined.add(j)
            return True
        if index in self.combined:
            number = self.number(j)
            if number is not None:
                self.used.update(range(number.first, number.last + 1))
            return True
        number = self.number(j)
        if number is None and head not in self.words.number_only:
            if _lookup(token, self.words.one) is not None or (
                    _lookup(token, self.words.singular)
                    and self.key(j + 1) not in self.words.pair):
                return self._emit_people(1, kind, index, j, j)
            if _lookup(token, self.words.dual) is not None:
                return self._emit_people(2, kind, index, j, j)
            for k in (j + 1, j + 2):
                if self.key(k) in self.words.pair and token.key[:1] not in ("و", "ف") \
                        and not _lookup(token, self.words.heads):
                    return self._emit_people(2, kind, index, j, k)
            if token.start in self.persons and (head in self.words.person_heads or (
                    head in self.words.passive_heads and self._opens_sentence(index))):
                # «مقتل محمد علاونة», «وقتل محمد علاونة (22 عاما) …»
                return self._emit_people(1, kind, index, j, j)
            if token.key.startswith("ال") and token.key[2:] in self.words.singular \
                    and self.key(j + 1) not in self.words.pair:
                # «اغتيل القيادي …», «قتل المهاجم نفسه»: one victim named by the article
                return self._emit_people(1, kind, index, j, j)
        joined = False
        if number is None:
            number = self._further(j, head)
            joined = number is not None and self._joined_before(number) and any(
                self.tokens[k].kind == "word" and k not in self.used
                for k in range(j, number.first - (self.key(number.first - 1) == "و")))
        if number is None:
            return False
        if number.vague:
            self.used.add(number.first)
            return True
        if head in self.words.needs_people and not self._counts_people(number):
            return False
        if not self._emit(number, kind, index):
            return False
        if joined:
            # the victim named between head and number is one more of the same toll
            self.counts[-1].value += 1
        return True

    def _opens_sentence(self, index: int) -> bool:
        """The word at ``index`` is the sentence's first (a verb there, before a name,
        is passive: «وقتل محمد …» is Mohammed killed, not killing)."""
        return all(self.tokens[k].kind == "mark" for k in range(index))

    def _further(self, j: int, head: str) -> Number | None:
        """A number after a head, past bridges and up to two other words («قتل في الحادث
        4 جنود», «عدد قتلى الهجوم ارتفع إلى 20 شخصا»), or past the verb's subject, a
        time or a place («اعتقلت الشرطة منذ الجمعة في أنحاء البلاد 590 شخصا», «أوقفت،
        منذ أمس، 320 شخصا») when a people word follows it; never past a clause break,
        a comma that opens a clause, another toll word or another number. How far it
        reaches is ``further`` in the data; heads that count only with a number
        («حياة», «وفاة») keep to two words."""
        others = 0
        reach = self.words.further
        limit = 2 if head in self.words.number_only else reach.words
        for k in range(j, len(self.tokens)):
            token = self.tokens[k]
            number = self.number(k)
            if number is not None:
                if number.vague or not self._counts_people(number, strict=others > 2):
                    return None
                return number
            if token.kind == "mark":
                if token.key not in reach.passes or (
                        token.key in _BREAKS and self._opens_clause(k + 1)):
                    return None
                continue
            if _lookup(token, self.words.heads) or _lookup(token, self.words.nouns) \
                    or token.kind != "word":
                return None
            if token.key not in self.words.bridges:
                others += 1
                if others > limit:
                    return None
        return None

    def _opens_clause(self, index: int) -> bool:
        """The word at ``index`` opens a clause or a part after a comma («، كما»,
        «، من بينهم»): a number past it belongs to that clause."""
        if index >= len(self.tokens):
            return True
        token = self.tokens[index]
        return token.kind == "word" and (
            token.key in self.words.further.openers or token.key in self.words.subset
            or (token.key[:1] == "و" and len(token.key) > 1 and token.key[1:] in
                self.words.further.openers))

    def _joined_before(self, number: Number) -> bool:
        """The number is joined by و to victims just before it («قتل أبو قتادة و21
        مسلحا», «مقتل قائد الكتيبة وثلاثة من مساعديه»)."""
        first = number.first
        if first > 0 and self.key(first - 1) == "و":
            return self._joined_number_at(first - 1)
        return self._joined_number_at(first)

    def _after(self, number: Number) -> int:
        """The index of the word after a number, past closing marks («590» شخصا)."""
        nxt = number.last + 1
        while nxt < len(self.tokens) and self.key(nxt) in _SKIP_MARKS:
            nxt += 1
        return nxt

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
        found = _lookup(token, self.words.people)
        return (found is not None and not (strict and found == "من")) \
            or _lookup(token, self.words.nouns) is not None \
            or _lookup(token, self.words.victims) is not None \
            or (token.kind == "word" and len(token.key) >= self.words.suffixed_length
                and token.key.endswith(self.words.people_suffixes)
                and not _lookup(token, self.words.not_counted))

    def _before_noun(self, number: Number) -> None:
        """A toll whose number comes first: «32 قتيلا», «خمسة جنود قتلوا»."""
        after = self._after(number)
        if self.key(after) == "من":
            after += 1
        if after >= len(self.tokens):
            return
        kind = _lookup(self.tokens[after], self.words.nouns)
        if kind is not None:
            self._emit(number, kind, None)
            return
        if self._not_counted(number):
            return
        self._subject(number)

    def _subject(self, number: Number) -> None:
        """Victims that come before their verb: «خمسة جنود قتلوا», with others joined
        to them («25 حوثيا و10 من رجال المقاومة سقطوا قتلى»: 35) and asides about them
        between commas («25 شخصا، معظمهم من المدنيين، قتلوا»)."""
        words = self.words
        joined: list[Number] = []
        k = number.last + 1
        limit = min(number.last + 1 + words.subject_window, len(self.tokens))
        while k < limit:
            key = self.key(k)
            aside = key in words.asides or key in words.subset
            if key in _BREAKS or aside:
                if not aside and self.key(k + 1) not in words.asides:
                    return
                # an aside about the victims runs to the next comma; the verb may follow
                k = next((m for m in range(k + 1, limit) if self.key(m) in _BREAKS), limit) + 1
                continue
            if self._joined_number_at(k):
                other = self.number(k + 1 if key == "و" else k)
                if other is None or other.vague or self._own_toll(other):
                    return
                joined.append(other)
                k = other.last + 1
                continue
            kind = words.post_verbs.get(key)  # «واصيب» opens a clause
            if kind is not None and self.key(k + 1) in words.alternatives:
                return  # «102 مسلح قتلوا أو اعتقلوا»: how many of each is not said
            if kind is not None:
                before = self._people_before(number)  # before _emit marks it read
                if self._emit(number, kind, None, verb=k):
                    count = self.counts[-1]
                    for other in joined:
                        self.used.update(range(other.first, other.last + 1))
                        count.value += int(other.value or 0)
                    count.value += before
                return
            k += 1

    def _own_toll(self, number: Number) -> bool:
        """The number is followed by a toll noun or a word that makes it no toll."""
        after = self._after(number)
        return after < len(self.tokens) and bool(
            _lookup(self.tokens[after], self.words.nouns)
            or _lookup(self.tokens[after], self.words.not_counted))

    def _people_before(self, number: Number) -> int:
        """One or two victims named just before a number joined to them by و
        («قياديا في التنظيم وخمسة متطرفين قتلوا»: one more than five)."""
        if not self._joined_before(number):
            return 0
        first = number.first - (self.key(number.first - 1) == "و")
        for k in range(first - 1, max(first - 5, -1), -1):
            token = self.tokens[k]
            if token.kind != "word" or self.number(k) is not None \
                    or _lookup(token, self.words.heads):
                return 0
            if _lookup(token, self.words.dual):
                return 2
            if _lookup(token, self.words.singular) or _lookup(token, self.words.one):
                return 1
        return 0

    def _pair_verb(self, index: int) -> bool:
        """Two victims a dual verb tells («ضابطي صف في قوة الدرك قتلا», «مهاجمين آخرين
        قتلا»): the dual verb after a dual or a plural noun of people in its clause."""
        kind = self.words.dual_verbs.get(self.tokens[index].key)
        if kind is None:
            return False
        for k in range(index - 1, max(index - 6, -1), -1):
            token = self.tokens[k]
            if token.kind != "word" or self.number(k) is not None:
                return False
            if _lookup(token, self.words.dual) or (
                    _lookup(token, self.words.people) and token.key.endswith("ين")):
                return self._emit_people(2, kind, index, k, index, start=k)
        return False

    def _singular_subject(self, index: int) -> bool:
        """One victim named before a singular verb after «أن» («أن شرطيا قد قتل»,
        «أن جنديا بورونديا جرح»): the accusative noun is the verb's subject."""
        token = self.tokens[index]
        if not (_lookup(token, self.words.singular) and token.key.endswith("ا")):
            return False
        before = index - 1
        while before >= 0 and self.key(before) in _SKIP_MARKS:
            before -= 1
        if before < 0 or self.tokens[before].key not in self.words.inna:
            return False
        for k in range(index + 1, min(index + 6, len(self.tokens))):
            other = self.tokens[k]
            if other.kind != "word" or self.number(k) is not None:
                return False
            kind = self.words.singular_verbs.get(other.key)
            if kind is not None and k not in self.used:
                self.used.add(k)
                self._emit_people(1, kind, k, index, k, start=index)
                self._with(self.counts[-1], k + 1)
                return True
        return False

    def _with(self, count: Count, index: int) -> None:
        """Victims «مع» adds to one just counted («قتل مع مسلحين اثنين»: three)."""
        if self.key(index) != "مع" or index + 1 >= len(self.tokens):
            return
        token = self.tokens[index + 1]
        if _lookup(token, self.words.dual) or self.key(index + 2) in self.words.pair:
            count.value += 2
            count.end = self.tokens[index + 1 + (self.key(index + 2) in self.words.pair)].end
            return
        number = self.number(index + 1)
        if number is not None and not number.vague and self._counts_people(number):
            self.used.update(range(number.first, number.last + 1))
            count.value += int(number.value or 0)
            count.end = self.tokens[self._after(number)].end

    def _not_counted(self, number: Number) -> bool:
        nxt = self._after(number)
        if nxt < len(self.tokens) and _lookup(self.tokens[nxt], self.words.not_counted):
            return True
        # a year: four digits from 1900 to 2100 (قتل عام 2014 …), unless people follow
        return bool(number.value is not None and 1900 <= number.value <= 2100
                    and self.tokens[number.first].kind == "digits"
                    and not (nxt < len(self.tokens) and self._people_word(self.tokens[nxt])))

    def _emit(self, number: Number, kind: str, head: int | None, verb: int | None = None
              ) -> bool:
        if self._not_counted(number):
            return False
        noun = self._after(number)
        if self.key(noun) == "من":
            noun += 1
        noun_kind = _lookup(self.tokens[noun], self.words.nouns) \
            if noun < len(self.tokens) else None
        if noun_kind is not None:
            kind = noun_kind
            other = self.tokens[noun + 1] if noun + 1 < len(self.tokens) else None
            if other is not None and other.key[:1] == "و" \
                    and _lookup(other, self.words.nouns) not in (None, kind):
                # «66 قتيلا وجريحا»: killed and injured together, neither known
                self.used.update(range(number.first, number.last + 1))
                return True
        self.used.update(range(number.first, number.last + 1))
        # read: neither the head, the verb nor a toll noun («5 قتلى») is a head again
        self.used.update(i for i in (head, verb) if i is not None)
        if noun_kind is not None:
            self.used.add(noun)
        start = self.tokens[head].start if head is not None else number.start
        last = max(noun if noun < len(self.tokens) and self.tokens[noun].kind == "word"
                   else number.last, verb or 0)
        count = Count(kind, int(number.value or 0), self._approx(number, last),
                      start, self.tokens[last].end, self._victims(number.last + 1))
        self.counts.append(count)
        self._coordinated(count, last + 1)
        return True

    def _emit_people(self, value: int, kind: str, head: int, first: int, last: int,
                     start: int | None = None) -> bool:
        """A toll of one or two people; the words run from the head (or ``start``,
        a subject before its verb) to ``last``."""
        begin = self.tokens[head if start is None else start].start
        count = Count(kind, value, False, begin, self.tokens[last].end, self._victims(first))
        self.counts.append(count)
        self._coordinated(count, last + 1)
        return True

    def _approx(self, number: Number, last: int) -> bool:
        for phrase in self.words.approx_before:
            begin = number.first - len(phrase)
            skip = 0
            while begin - skip >= 0 and self.key(number.first - 1 - skip) in _SKIP_MARKS:
                skip += 1
            if begin - skip >= 0 and self._phrase_at(begin - skip, phrase):
                return True
        for phrase in self.words.approx_after:
            for begin in range(number.last + 1, min(last + 5, len(self.tokens))):
                if self._phrase_at(begin, phrase):
                    return True
        return False

    def _phrase_at(self, index: int, phrase: tuple[str, ...]) -> bool:
        """The words of ``phrase`` start at ``index`` (the first may carry و: «ونحو»)."""
        if index + len(phrase) > len(self.tokens):
            return False
        if phrase[0] not in _forms(self.tokens[index])[:2]:
            return False
        return all(self.key(index + k) == word for k, word in enumerate(phrase) if k)

    def _victims(self, index: int) -> str | None:
        for i in range(index, min(index + 3, len(self.tokens))):
            label = _lookup(self.tokens[i], self.words.victims)
            if label is not None:
                return label
        return None

    def _coordinated(self, count: Count, index: int) -> None:
        """«استشهاد أحد أفرادها وثلاثة جنود», «مقتل 42 حوثيا، و9 مقاتلين»: further
        victims joined by و in the same clause add to the toll (one occurrence), unless
        they name a toll of their own (ومئة جريح). Past ``coordination_near`` words
        the joined number must count people («… و9 من رجال المقاومة»)."""
        words = self.words
        i = index
        limit = min(index + words.coordination_window, len(self.tokens))
        after_break = False
        while i < limit:
            token = self.tokens[i]
            if token.key in _BREAKS:
                if not (self._joined_number_at(i + 1) or self._joined_one_at(i + 1)
                        or self._joined_person_at(i + 1)):
                    return
                i += 1
                after_break = True
                continue
            added = self._addition(count, i)
            if added is not None:
                # «بالإضافة إلى (مقتل) أحد أفراد المقاومة»: the next victims join
                i = added
                token = self.tokens[i]
                bare = token.key
            elif token.key in words.subset or _lookup(token, words.heads) \
                    or _lookup(token, words.nouns):
                return
            elif token.key == "و" and self._joined_number_at(i):
                i += 1
                token = self.tokens[i]
                bare = token.bare()
            elif not (token.kind == "word" and token.key[:1] == "و") or i in self.used:
                i += 1
                continue
            else:
                bare = token.bare()
            near = i - index <= words.coordination_near or added is not None
            if after_break and bare.startswith("ال") and bare[2:] in words.singular:
                # «استشهاد العريف …، والجندي …، والجندي …»: one more each
                bare = bare[2:]
                near = True
            if bare in words.one and (near or after_break) and self._not_the_number_one(i):
                # «، وأحد المخبرين»: one more
                count.value += 1
                count.end = max(count.end, token.end)
                i += 1
                continue
            if near and bare.endswith("ين") and self.key(i + 1) in words.pair:
                # «مجندين اثنين ومسلحين اثنين»: two more
                count.value += 2
                count.end = max(count.end, self.tokens[i + 1].end)
                i += 2
                continue
            if near and (bare in words.singular or bare in words.dual):
                if i == index and bare in words.singular and 10 < count.value < 100:
                    # «17 جنديا وضابطا»: soldiers and officers, one toll of 17 (the noun
                    # after 11-99 is singular); «أربعة مدنيين وجندي» is five
                    i += 1
                    continue
                count.value += 1 if bare in words.singular else 2
                count.end = max(count.end, token.end)
                i += 1
                continue
            number = self.number(i)
            if number is None or number.vague or (
                    token.kind == "word" and number.start == token.start):
                i += 1
                continue
            after = self._after(number)
            if after < len(self.tokens) and (
                    _lookup(self.tokens[after], words.nouns)
                    or _lookup(self.tokens[after], words.not_counted)):
                return
            if not near and not self._counts_people(number):
                i = number.last + 1
                continue
            self.used.update(range(number.first, number.last + 1))
            count.value += int(number.value or 0)
            count.end = max(count.end, self.tokens[after].end
                            if after < len(self.tokens) and self.tokens[after].kind == "word"
                            else number.end)
            i = after + 1

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

    def _addition(self, count: Count, index: int) -> int | None:
        """«بالإضافة إلى» at ``index`` (with a head of the count's kind after it:
        «بالإضافة إلى مقتل مقاتل»): the index of the victims it adds, else None."""
        if self.tokens[index].key not in self.words.additions or self.key(index + 1) != "الي":
            return None
        k = index + 2
        if k < len(self.tokens) and _lookup(self.tokens[k], self.words.heads) == count.kind:
            k += 1
        if k >= len(self.tokens) or self.tokens[k].kind != "word":
            return None
        return k

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


def find_counts(text: str, start: int, end: int,
                persons: frozenset[int] = frozenset()) -> list[Count]:
    """The tolls stated in ``text[start:end]`` (one sentence), left to right.
    ``persons`` holds the start offsets of person mentions («مقتل محمد علاونة» is one)."""
    return _Reader(text, start, end, persons).run()


def carriers(kind: str) -> tuple[str, ...]:
    """The event types that can carry a toll of ``kind``, most likely first."""
    return count_words().carriers[kind]


def add_to(counts: dict[str, dict[str, Any]], count: Count, text: str) -> None:
    """Add a toll to an event's counts. Tolls of one kind for different victims of the
    same event add up, as event data records them (20 fighters and 6 residents killed
    in one clash: 26); the same value read again is a restatement and is not added."""
    held = counts.get(count.kind)
    if held is None:
        counts[count.kind] = count.to_dict(text)
        return
    if any(part["value"] == count.value for part in held["spans"]):
        return
    held["value"] += count.value
    held["approx"] = held["approx"] or count.approx
    if held["victims"] != count.victims:
        held["victims"] = held["victims"] or count.victims \
            if not (held["victims"] and count.victims) else "mixed"
    held["spans"].append(count.span(text))


def attach(events: list[Any], counts: list[Count], text: str) -> None:
    """Give each toll to one event of its sentence: the nearest of the types that can
    carry it (an arrest count to an arrest, a death toll to an attack) that holds no
    toll of that kind yet."""
    for count in counts:
        candidates = [e for e in events if e.sentence[0] <= count.start < e.sentence[1]]
        if not candidates:
            continue
        order = carriers(count.kind)

        def rank(event: Any, count: Count = count, order: tuple[str, ...] = order
                 ) -> tuple[int, int]:
            spans = [event.trigger, *event.evidence]
            distance = min(max(0, s - count.end, count.start - e) for s, e in spans)
            preference = order.index(event.type) if event.type in order else len(order)
            return (preference, distance)

        ranked = sorted(candidates, key=rank)
        # a further toll of a kind already held goes to the next event that can carry
        # it (two attacks, two tolls); with no such event it adds to the nearest
        free = [e for e in ranked if count.kind not in e.counts
                and e.type in order]
        add_to((free or ranked)[0].counts, count, text)
