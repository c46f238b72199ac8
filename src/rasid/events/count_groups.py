"""Groups of victims: how the parts of one toll are joined and where its victims stand.

Why: news rarely writes a toll as one number after one word. Victims are listed
(«مقتل خمسة من المسلحين، وأربعة من الشرطة، وأحد المارة»), added («بالإضافة إلى»),
named before their verb («أن قياديا في التنظيم وخمسة مسلحين قتلوا»), counted by a
dual verb («قتلا»), given as members of a seized group («خلية تضم سبعة»), or split
between the two sides of one clash; these rules put the parts together as the
guideline does (docs/annotation/counts-guideline.md, §2).
"""

from __future__ import annotations

from rasid.events.count_base import Count, SentenceTokens
from rasid.events.count_words import BREAKS, SKIP_MARKS, forms, lookup
from rasid.lang.ar.clitics import has_conjunction
from rasid.text.numbers import Number, Token


class Groups(SentenceTokens):
    """Reading and joining the groups of victims of a toll."""

    def _emit(self, number: Number, kind: str, head: int | None, verb: int | None = None
              ) -> bool:
        if self._not_counted(number):
            return False
        noun = self._after(number)
        if self.key(noun) == "من":
            noun += 1
        noun_kind = lookup(self.tokens[noun], self.words.nouns) \
            if noun < len(self.tokens) else None
        if noun_kind is not None and head is not None \
                and lookup(self.tokens[noun], self.words.held_nouns):
            noun_kind = None  # «استشهد ثلاثة أسرى»: who the victims were, not the kind
        if (noun_kind == "injured" and self._sick(noun + 1)) \
                or self._no_occurrence(noun, noun_kind, head):
            # «245 مليونا مصابون بضعف البصر», «ثلاثة أشخاص يوميا», «عشرة مصابين
            # خرجوا من المستشفى», «عدد المعتقلين 116 معتقلا»: no toll of an occurrence
            self.used.update(range(number.first, number.last + 1))
            return True
        if noun_kind is not None:
            kind = noun_kind
            other = self.tokens[noun + 1] if noun + 1 < len(self.tokens) else None
            if other is not None and other.key[:1] == "و" and (
                    lookup(other, self.words.nouns) not in (None, kind)
                    or (other.bare().endswith("ا") and not other.bare().endswith("وا")
                        and self.number(noun + 1) is None
                        and lookup(other, self.words.nouns) is None
                        and lookup(other, self.words.heads) is None)):
                # «66 قتيلا وجريحا», «174 ضحية وشاهدا»: victims and others together
                self.used.update(range(number.first, number.last + 1))
                return True
        self.used.update(range(number.first, number.last + 1))
        again = self._restated(number)
        if again is not None:
            self.used.update(range(again.first, again.last + 1))
        # read: neither the head, the verb nor a toll noun («5 قتلى») is a head again
        self.used.update(i for i in (head, verb) if i is not None)
        if noun_kind is not None:
            self.used.add(noun)
        start = self.tokens[head].start if head is not None else number.start
        last = max(noun if noun < len(self.tokens) and self.tokens[noun].kind == "word"
                   else number.last, verb or 0)
        count = Count(kind, int(number.value or 0), self._approx(number, last),
                      start, self.tokens[last].end, self._victims(number.last + 1))
        if noun < len(self.tokens) and self.tokens[noun].kind == "word" and (
                self.key(noun - 1) == "من" or self._people_word(self.tokens[noun])):
            count.noun = self.tokens[noun].bare()  # who the victims are, if said
        self.counts.append(count)
        self._coordinated(count, last + 1)
        return True

    def _no_occurrence(self, noun: int, noun_kind: str | None, head: int | None) -> bool:
        """The people a number counts are a rate, the injured who left hospital, or
        a population held (the head is a noun of people held too)."""
        if noun >= len(self.tokens):
            return False
        if self.key(noun + 1) in self.words.rates or self.key(noun) in self.words.rates:
            return True
        if noun_kind == "injured" and any(
                lookup(self.tokens[k], self.words.recovered)
                for k in range(noun + 1, min(noun + 3, len(self.tokens)))):
            return True
        return head is not None and lookup(self.tokens[noun], self.words.held_nouns) \
            is not None and self.key(head).removeprefix("ال") in self.words.held_nouns

    def _sick(self, index: int) -> bool:
        """The word at ``index`` says with what someone is «مصاب» and it is no wound
        («بضعف», «بالسرطان»; not «بجروح», «بطلق»)."""
        if index >= len(self.tokens) or self.tokens[index].kind != "word":
            return False
        key = self.tokens[index].key
        if key[:1] != "ب" or len(key) < 4:
            return False
        return key[1:].removeprefix("ال") not in self.words.injury_means \
            and key[1:] not in self.words.injury_means

    def _emit_people(self, value: int, kind: str, head: int, first: int, last: int,
                     start: int | None = None) -> bool:
        """A toll of one or two people; the words run from the head (or ``start``,
        a subject before its verb) to ``last``. Joined by و to a vague group («وعدد
        من», «والعشرات»: ``vague_joins``) they give no toll: the total is not said."""
        after = self.tokens[last + 1] if last + 1 < len(self.tokens) else None
        if after is not None and forms(after)[-1] in self.words.vague_joins \
                and has_conjunction(after.key):
            # «بخطف زعيمها وعدد من أفرادها»: one and a group of no number, no toll
            return True
        begin = self.tokens[head if start is None else start].start
        count = Count(kind, value, False, begin, self.tokens[last].end, self._victims(first))
        self.counts.append(count)
        self._coordinated(count, last + 1)
        return True

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
            if token.key in words.breakdown_marks:
                return  # «28 قتيلا – 17 متمردا و11 عنصرا –»: a breakdown, its parts
            if token.key in BREAKS:
                if not (self._joined_number_at(i + 1) or self._joined_one_at(i + 1)
                        or self._joined_person_at(i + 1)
                        or self.key(i + 1) in words.additions
                        or self.key(i + 1) in words.joiners):
                    return
                i += 1
                after_break = True
                continue
            if token.key in words.joiners and self.number(i + 1) is not None:
                following = self._more_by_joiner(count, i + 1)
                if following is None:
                    return
                i = following
                continue
            added = self._addition(count, i)
            if added is not None:
                # «بالإضافة إلى (مقتل) أحد أفراد المقاومة»: the next victims join
                i = added
                token = self.tokens[i]
                bare = token.key
            elif token.key in words.subset or lookup(token, words.heads) \
                    or lookup(token, words.nouns):
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
            following = self._more_by_word(count, i, index, bare, near, after_break)
            if following is not None:
                i = following
                continue
            following = self._more_by_number(count, i, near)
            if following is None:
                return  # the number counts something else: the victims end here
            i = following

    def _more_by_joiner(self, count: Count, i: int) -> int | None:
        """«، وكذا ثمانية من المشتبه بهم»: the number at ``i`` after a joiner adds its
        people to the toll; the index to read on from, or None when it counts no people."""
        joined = self.number(i)
        if joined is None or joined.vague or not self._counts_people(joined):
            return None
        self.used.update(range(joined.first, joined.last + 1))
        count.value += int(joined.value or 0)
        count.end = max(count.end, joined.end)
        return joined.last + 1

    def _more_by_word(self, count: Count, i: int, index: int, bare: str, near: bool,
                      after_break: bool) -> int | None:
        """Victims joined by a word, no number: one more («، وأحد المخبرين»), two more
        («مجندين اثنين ومسلحين اثنين»), a singular or a dual. The index to read on from,
        or None when the word adds no one."""
        words = self.words
        token = self.tokens[i]
        if any(self.key(k) in words.rank_words for k in range(index, i)):
            return None  # «4 ضباط برتب عميد وعقيد»: the ranks of the victims counted
        if bare in words.one and (near or after_break) and self._not_the_number_one(i):
            count.value += 1
            count.end = max(count.end, token.end)
            return i + 1
        if near and bare.endswith("ين") and self.key(i + 1) in words.pair:
            count.value += 2
            count.end = max(count.end, self.tokens[i + 1].end)
            return i + 2
        if near and (bare in words.singular or bare in words.dual):
            if i == index and bare in words.singular and 10 < count.value % 100:
                # «17 جنديا وضابطا», «150 شابا ورجلا»: one toll of 17 (the noun after
                # 11-99 is singular, so is the word joined to it); «أربعة مدنيين
                # وجندي» is five
                return i + 1
            count.value += 1 if bare in words.singular else 2
            count.end = max(count.end, token.end)
            return i + 1
        return None

    def _more_by_number(self, count: Count, i: int, near: bool) -> int | None:
        """Victims joined with a number («، و9 مقاتلين»): added to the toll when it counts
        people (or stands near). The index to read on from, or None when the number
        counts things (a noun or an uncounted word after it) and the victims end."""
        words = self.words
        token = self.tokens[i]
        number = self.number(i)
        if number is None or number.vague or (
                token.kind == "word" and number.start == token.start):
            return i + 1
        after = self._after(number)
        if after < len(self.tokens) and (
                lookup(self.tokens[after], words.nouns)
                or lookup(self.tokens[after], words.not_counted)
                or words.post_verbs.get(self.key(after)) not in (None, count.kind)):
            return None  # «ومئة جريح», «و32 أصيبوا»: a toll of its own
        if not near and not self._counts_people(number):
            return number.last + 1
        if after < len(self.tokens) and self.tokens[after].kind == "word" \
                and self.tokens[after].key.endswith("ا") \
                and not self.tokens[after].key.endswith("وا") \
                and not self._people_word(self.tokens[after]):
            return None  # «2500 ضحية وستين شاهدا»: the number counts others
        self.used.update(range(number.first, number.last + 1))
        count.value += int(number.value or 0)
        count.end = max(count.end, self.tokens[after].end
                        if after < len(self.tokens) and self.tokens[after].kind == "word"
                        else number.end)
        return after + 1

    def _addition(self, count: Count, index: int) -> int | None:
        """«بالإضافة إلى» at ``index`` (with a head of the count's kind after it:
        «بالإضافة إلى مقتل مقاتل»): the index of the victims it adds, else None."""
        if self.tokens[index].key not in self.words.additions or self.key(index + 1) != "الي":
            return None
        k = index + 2
        if k < len(self.tokens) and lookup(self.tokens[k], self.words.heads) == count.kind:
            k += 1
        if k >= len(self.tokens) or self.tokens[k].kind != "word":
            return None
        return k

    def _with(self, count: Count, index: int) -> None:
        """Victims «مع» adds to one just counted («قتل مع مسلحين اثنين»: three)."""
        if self.key(index) != "مع" or index + 1 >= len(self.tokens):
            return
        token = self.tokens[index + 1]
        if lookup(token, self.words.one) and self._not_the_number_one(index + 1):
            count.value += 1  # «مع أحد مرافقيه»: one more
            count.end = token.end
            return
        if lookup(token, self.words.dual) or self.key(index + 2) in self.words.pair:
            count.value += 2
            count.end = self.tokens[index + 1 + (self.key(index + 2) in self.words.pair)].end
            return
        number = self.number(index + 1)
        if number is not None and not number.vague and self._counts_people(number):
            self.used.update(range(number.first, number.last + 1))
            count.value += int(number.value or 0)
            count.end = self.tokens[self._after(number)].end

    def _two_sides(self, counts: list[Count]) -> list[Count]:
        """The losses of both sides of one clash are one toll («قتل 15 متمردا من
        الحوثيين …، في حين قتل 6 من مقاتلي المقاومة» is 21 killed): two tolls of a
        kind, one after the other (a toll of another kind may stand between), whose
        victims name the two opposite ``sides`` of the data add up, as the guideline
        adds groups of victims of the same occurrence."""
        merged: list[Count] = []
        sides: dict[int, str | None] = {}
        previous: str | None = None
        for count in counts:
            side = self._side(count)
            if side is None and (self._of_others(count) or self._joined_toll(count)):
                side = previous  # «وإصابة 40 آخرين», «و25 جريحا»: the group before
            sides[id(count)] = previous = side
        for count in counts:
            last = next((c for c in reversed(merged) if c.kind == count.kind), None)
            if last is not None:
                one, other = sides[id(last)], sides[id(count)]
                if one is not None and other is not None and one != other:
                    last.value += count.value
                    last.approx = last.approx or count.approx
                    last.end = max(last.end, count.end)
                    last.victims = last.victims if last.victims == count.victims else "mixed"
                    continue
            merged.append(count)
        return merged

    def _joined_toll(self, count: Count) -> bool:
        """The toll is joined by و right after another («33 قتيلا و25 جريحا»)."""
        first = next((k for k, t in enumerate(self.tokens) if t.start >= count.start), None)
        if first is None or first == 0:
            return False
        return self.key(first - 1) == "و" or (
            self.tokens[first].kind == "word" and has_conjunction(self.tokens[first].key)
            and self.tokens[first].start == count.start
            and self.tokens[first - 1].kind == "word")

    def _of_others(self, count: Count) -> bool:
        """The toll's victims are «آخرين»: more of a group named before it."""
        return any(lookup(t, self.words.others) for t in self.tokens
                   if count.start <= t.start and t.end <= count.end)

    def _side(self, count: Count) -> str | None:
        """The side of a clash the victims of a toll belong to, from the words of the
        toll and the few after it («من مقاتلي المقاومة», «حوثيا», «في صفوف القوات»),
        from the subject of a verb of losses before it («تكبدت ميليشيات المتمردين 33
        قتيلا»), or, for victims «منهم», from the side named last before it."""
        tokens = [t for t in self.tokens if count.start <= t.start]
        back = False
        for k, token in enumerate(tokens[:self.words.side_window]):
            if token.start >= count.end and (
                    token.key in BREAKS or token.key in self.words.side_stops) \
                    and not (token.key == "في" and k + 1 < len(tokens)
                             and tokens[k + 1].key in self.words.side_ranks):
                break  # past the victims: what caused the toll is no side of it
            back = back or token.key in self.words.side_back
            side = self._side_of(token)
            if side is not None:
                return side
        before = [t for t in self.tokens if t.end <= count.start]
        for k in range(len(before) - 1, max(len(before) - 4, -1), -1):
            if before[k].kind != "word":
                break
            if lookup(before[k], self.words.side_suffer):
                # the subject of the verb of losses stands between it and the toll
                side = next((s for t in before[k + 1:] if (s := self._side_of(t))), None)
                if side is not None:
                    return side
        if back:
            return next((s for t in reversed(before) if (s := self._side_of(t))), None)
        return None

    def _side_of(self, token: Token) -> str | None:
        for form in (*forms(token), token.key.removeprefix("ال")):
            side = self.words.sides.get(form)
            if side is not None:
                return side
        return None

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
            if key in words.further.openers and key not in words.subset \
                    and key not in words.relatives:
                return  # «المؤلفة من 8700 عسكري فيما قتل ستة»: another clause's verb
            aside = key in words.asides or key in words.subset
            if key in BREAKS and (joined or self._counts_people(number)) \
                    and words.post_verbs.get(self.key(k + 1)) is not None:
                k += 1  # «28 عنصرا … و18 مقاتلا …، قتلوا»: the comma closes the subject
                continue
            if key in BREAKS or aside:
                if not aside and self.key(k + 1) not in words.asides:
                    return
                part = self.number(k + 1) if aside else None
                if part is not None and key in words.subset:
                    # «297 شخصا بينهم 37 أجنبيا اعتقلوا»: the part and its noun are
                    # read, the verb is the total's
                    self.used.update(range(part.first, part.last + 1))
                    k = self._after(part) + 1
                    continue
                # an aside about the victims runs to the next comma; the verb may follow
                k = next((m for m in range(k + 1, limit) if self.key(m) in BREAKS), limit) + 1
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
            if kind is not None and self.key(k + 1) in words.own_object.get(key, ()):
                return  # «… وتم القبض على عدد من العمال»: the verb has its own victims
            if kind is not None and k - number.last > words.verb_near \
                    and not joined and not self._counts_people(number):
                # far from a number of things («عشر طعنات ثم … رغبة في قتل»)
                return
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
            lookup(self.tokens[after], self.words.nouns)
            or lookup(self.tokens[after], self.words.not_counted))

    def _people_before(self, number: Number) -> int:
        """One or two victims named just before a number joined to them by و
        («قياديا في التنظيم وخمسة متطرفين قتلوا»: one more than five)."""
        if not self._joined_before(number):
            return 0
        first = number.first - (self.key(number.first - 1) == "و")
        for k in range(first - 1, max(first - 5, -1), -1):
            token = self.tokens[k]
            if token.kind != "word" or self.number(k) is not None \
                    or lookup(token, self.words.heads):
                return 0
            if lookup(token, self.words.dual):
                return 2
            if lookup(token, self.words.singular) or lookup(token, self.words.one):
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
            if lookup(token, self.words.dual) or (
                    lookup(token, self.words.people) and token.key.endswith("ين")):
                return self._emit_people(2, kind, index, k, index, start=k)
        return False

    def _singular_subject(self, index: int) -> bool:
        """One victim named before a singular verb after «أن» («أن شرطيا قد قتل»,
        «أن جنديا بورونديا جرح»): the accusative noun is the verb's subject."""
        token = self.tokens[index]
        definite = token.key.startswith("ال") and token.key[2:] in self.words.singular
        if not definite and not (lookup(token, self.words.singular)
                                 and token.key.endswith("ا")):
            return False
        before = index - 1
        while before >= 0 and self.key(before) in SKIP_MARKS:
            before -= 1
        if before < 0 or self.tokens[before].key not in self.words.inna:
            return False
        for k in range(index + 1, min(index + 6, len(self.tokens))):
            other = self.tokens[k]
            if other.kind != "word" or self.number(k) is not None \
                    or lookup(other, self.words.not_before):
                return False  # «أن الجندي إذا استشهد»: a condition, a negation
            kind = self.words.singular_verbs.get(other.key)
            if kind is not None and definite and not self._no_object(k + 1):
                return False  # «أن الشاب قتل والده»: a definite subject may be the killer
            if kind is not None and k not in self.used:
                self.used.add(k)
                self._emit_people(1, kind, k, index, k, start=index)
                self._with(self.counts[-1], k + 1)
                return True
        return False

    def _named_subject(self, index: int) -> bool:
        """A person the tagger names, after «أن», before a singular verb with no object
        («أن محسن الفضلي قتل في 8 يوليو», «بأن مخلوف «قُتل جراء …», «أن المحمداوي قائد
        العمليات …، قتل الأسبوع الماضي»): one victim. The name's other words, an
        apposition and quotation marks may stand between (``named_subject.window``
        words); a comma only right before the verb."""
        if self.tokens[index].start not in self.persons:
            return False
        before = index - 1
        while before >= 0 and self.tokens[before].kind == "mark" \
                and self.key(before) not in BREAKS:
            before -= 1
        if before < 0 or self.tokens[before].key not in self.words.inna:
            return False
        for k in range(index + 1, min(index + self.words.named_window, len(self.tokens))):
            other = self.tokens[k]
            if other.kind == "mark":
                if other.key in BREAKS and self.words.singular_verbs.get(
                        self.key(k + 1)) is None:
                    return False
                continue
            if other.kind != "word" or self.number(k) is not None \
                    or lookup(other, self.words.not_before):
                return False
            kind = self.words.singular_verbs.get(other.key)
            if kind is None:
                if lookup(other, self.words.heads):
                    return False  # another toll word: the name is not its victim
                continue
            if k in self.used or not self._no_object(k + 1):
                return False  # «أن محمد قتل زوجته»: the named one is the killer
            self.used.add(k)
            self._emit_people(1, kind, k, index, k, start=index)
            return True
        return False

    def _relative_subject(self, index: int) -> bool:
        """«بن ملا (34 عاما) الذي أصيب خلال الهجوم», «الشاب الذي اعتقل أمس»: a
        relative after a named person or a singular people word, then a singular verb
        with no object, is one victim (the relative's antecedent)."""
        if self.tokens[index].key not in self.words.relative_words:
            return False
        k = index + 1
        kind = self.words.singular_verbs.get(self.key(k))
        if kind is None or k in self.used or not self._no_object(k + 1):
            return False
        if not self._person_before(index):
            return False
        self.used.add(k)
        return self._emit_people(1, kind, k, k, k, start=index)

    def _person_before(self, index: int) -> bool:
        """The words just before ``index`` (past a bracketed aside: an age, a rank)
        name one person: a singular people word, or a name's start within
        ``relative_subject.before`` words."""
        k = index - 1
        if self.key(k) == ")":
            while k >= 0 and self.key(k) != "(":
                k -= 1
            k -= 1
        if k < 0 or self.tokens[k].kind != "word":
            return False
        if self.tokens[k].bare().removeprefix("ال") in self.words.singular:
            return True
        for m in range(k, max(k - self.words.relative_before, -1), -1):
            if self.tokens[m].kind != "word" or lookup(self.tokens[m], self.words.heads):
                return False
            if self.tokens[m].start in self.persons:
                return True
        return False

    def _no_object(self, index: int) -> bool:
        """What follows a verb is no object: the sentence's end, a mark, a time, a
        place or a cause («اعتقل الأربعاء», «قتل في الغارة»)."""
        if index >= len(self.tokens) or self.tokens[index].kind != "word":
            return True
        key = self.key(index)
        return key in self.words.intransitive_after or key in self.words.weekdays

    def _members(self, index: int) -> bool:
        """The members of a group an arrest seized («ضبطت شبكة إرهابية تضم خمسة
        متهمين», «الإطاحة بتنظيم يضم (431) شخصا»): a member word after an arrest word
        of the sentence, then a number of people."""
        words = self.words
        if not lookup(self.tokens[index], words.members) or not any(
                lookup(self.tokens[k], words.member_triggers)
                or lookup(self.tokens[k], words.heads) == "arrested"
                for k in range(index)):
            return False
        j = index + 1
        while j < len(self.tokens) and (self.key(j) in SKIP_MARKS or self.key(j) in words.bridges):
            j += 1
        number = self.number(j)
        if number is None or number.vague or not self._counts_people(number):
            return False
        return self._emit(number, "arrested", index)
