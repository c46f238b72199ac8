"""Reading the tolls of one sentence: heads, numbers and the words around them.

Why: a toll is read where news writes it: after a toll word («مقتل 27 شخصا», «القبض
على 3»), before a toll noun («32 قتيلا»), before a verb that follows its victims
(«خمسة جنود قتلوا»), or as one or two people named by a singular or dual noun («مقتل
شاب», «مقتل شرطيين»); a number far from its word counts only when a people word shows
that people are counted. Each toll is read once per sentence.
"""

from __future__ import annotations

from rasid.events.count_base import Count
from rasid.events.count_groups import Groups
from rasid.events.count_words import BREAKS, SKIP_MARKS, forms, lookup
from rasid.lang.ar.clitics import has_conjunction
from rasid.lang.ar.words import word_list, word_set
from rasid.text.numbers import Number


class Reader(Groups):
    """Reads the tolls of one sentence, token by token."""

    def _no_toll_here(self) -> bool:
        """The whole sentence states no toll of a political event."""
        if self._accident():
            return True  # a road accident, a flood, a disease
        if any(self._phrase_at(k, phrase)
               for phrase in (*self.words.superseded, *self.words.past_stories)
               for k in range(len(self.tokens))):
            # «تحدثت في البداية عن مقتل 14 جنديا، لكنها خفضت الحصيلة»: a first
            # report the article corrects; «عمر بن الخطاب رضي الله عنه»: a story of
            # the early Muslims
            return True
        # «تنفيذ حكم القتل قصاصا في جان أقدم على قتل شقيقين»: a court's penalty and
        # the crime it punishes
        return any(lookup(token, self.words.rulings) for token in self.tokens)

    def run(self) -> list[Count]:
        if self._no_toll_here():
            return []
        self._ranges()
        for index, token in enumerate(self.tokens):
            if token.kind == "mark" or index in self.used:
                continue
            kind = lookup(token, self.words.heads)
            if kind is not None and self._attempted(index):
                # «حاول قتل خالته», «حكما بإعدام … وثمانية آخرين»: nobody was killed,
                # and the numbers of the clause count the targets
                self._block_clause(index)
                continue
            if kind is not None and self.key(index - 1) in self.words.among:
                continue  # «من بين القتلى القائد …»: a part of a toll given elsewhere
            if kind is not None:
                before = len(self.counts)
                if self._after_head(index, kind):
                    self._read_with_head(index)
                    self._join_addition(index, before)
                    continue
            if self._members(index):
                continue
            carried = next((self.words.self_heads[f] for f in forms(token)
                            if f in self.words.self_heads), None)
            if carried is not None:
                kind, value = carried
                if self._vague_self(index):
                    continue  # «بعضهم لقي حتفه», «ورثة القتيل»: no toll of one
                recalled = any(f in self.words.recalled for f in forms(token))
                if not self._attempted(index) and (not recalled or self._stated(index)):
                    self._emit_people(value, kind, index, index, index)
                    self._with(self.counts[-1], index + 1)  # «بمقتله مع أحد مرافقيه»
                    if recalled:
                        self._died_of_wounds()
                continue
            if self._pair_verb(index) or self._singular_subject(index) \
                    or self._named_subject(index) or self._relative_subject(index):
                continue
            number = self.number(index)
            if number is not None and not number.vague \
                    and self.key(index) not in self.words.adjective_numbers:
                self._before_noun(number)
        counts = self._once(self._two_sides(self.counts))
        if counts and self._accident_before():
            # the dead and wounded of an accident told just before; arrests stay
            counts = [c for c in counts if c.kind in self.words.accident_spares]
        return counts

    def _died_of_wounds(self) -> None:
        """«أصيب رجل الأمن … ما أدى لاستشهاده»: the victim wounded just before the
        pronoun that states his death is that one dead person, killed, not also
        injured (the guideline counts those who died of their wounds as killed)."""
        if len(self.counts) < 2:
            return
        dead, wounded = self.counts[-1], self.counts[-2]
        if dead.kind == "killed" and wounded.kind == "injured" \
                and wounded.value == dead.value:
            self.counts.pop(-2)

    def _join_addition(self, index: int, before: int) -> None:
        """«173 مدنيا قتلوا … بالإضافة إلى مقتل مقاتل»: a toll whose head follows
        «بالإضافة إلى» adds its victims to the toll of its kind read before it."""
        if len(self.counts) != before + 1 or self.key(index - 1) != "الي" \
                or self.key(index - 2) not in self.words.additions:
            return
        added = self.counts[-1]
        earlier = next((c for c in reversed(self.counts[:-1]) if c.kind == added.kind), None)
        if earlier is None:
            return
        earlier.value += added.value
        earlier.approx = earlier.approx or added.approx
        earlier.end = max(earlier.end, added.end)
        self.counts.pop()

    def _block_clause(self, index: int) -> None:
        """Mark the numbers after ``index`` up to the clause's end as read."""
        for k in range(index + 1, len(self.tokens)):
            if self.key(k) in BREAKS:
                return
            number = self.number(k)
            if number is not None:
                self.used.update(range(number.first, number.last + 1))

    def _vague_self(self, index: int) -> bool:
        """A victim named by a pronoun whose subject gives no number («بعضهم لقي
        حتفه»), or a word of self right after a word of kin («ورثة القتيل»: the heirs of
        a victim killed before), tells no toll of one."""
        if index > 0 and lookup(self.tokens[index - 1], self.words.kin):
            return True
        return any(self.key(k) in self.words.vague_subjects
                   for k in range(max(index - 3, 0), index))

    def _stated(self, index: int) -> bool:
        """A victim named by a pronoun («مقتله», «حتفه») is the toll of the sentence's
        occurrence only when the sentence states the death: after a word that gives a
        result or a report («أدى إلى مقتله», «أسفر عن مقتله», «أعلن مقتله», «أقر
        بمقتله», «لقي حتفه»), not when it only recalls it («قبل مقتله», «سيؤدي مقتله
        إلى …», «ظل مقتلها لغزا»)."""
        token = self.tokens[index]
        if token.key[:1] in ("ب",) or token.bare()[:1] == "ب":
            return True  # «تسبب بمقتله», «أقر بمقتله»
        if token.key[:1] == "ل" and self.key(index - 1) in self.words.results:
            return True  # «ما أدى لاستشهاده»: ل of a verb of results
        return any(self.key(k) in self.words.stating or forms(self.tokens[k])[-1]
                   in self.words.stating for k in range(max(index - 2, 0), index))

    def _attempted(self, index: int) -> bool:
        """The head follows a word of attempt («حاول قتل», «محاولة اغتيال», «الشروع في
        قتل»): an attempt names its target, not a victim."""
        for k in (index - 1, index - 2):
            if k >= 0 and lookup(self.tokens[k], self.words.attempts) and (
                    k == index - 1 or self.key(index - 1) == "في"
                    or self.key(index - 1) in self.words.attempt_adjectives):
                return True  # «محاولة اغتيال», «الشروع في قتل», «محاولة فاشلة لاغتيال»
        for k in range(index - 1, max(index - 4, 0) - 1, -1):
            if self.key(k) in self.words.whoever_words or (
                    k > 0 and (self.key(k - 1), self.key(k)) in self.words.whoever_pairs):
                return True  # «كل من يتعمد قتل شخص», «عمن يقتل والده»: no occurrence
        for k in range(index - 1, max(index - 5, -1), -1):
            if self.tokens[k].kind != "word":
                break
            if lookup(self.tokens[k], self.words.attempt_verbs):
                return True  # «حاول المسلحون قتل», «مددت السلطات أمس اعتقال»
        # «حكما غيابيا بإعدام», «قرار بإعدام», «حالة وفاة»: a sentence, a threat, a
        # plan or a medical case names no death that happened
        return any(k >= 0 and lookup(self.tokens[k], self.words.not_before)
                   for k in (index - 1, index - 2))

    def _once(self, counts: list[Count]) -> list[Count]:
        """A toll said twice in the sentence («أوقفت 251 شخصا … تم توقيف 251») is one."""
        seen: dict[tuple[str, int], list[str]] = {}
        kept = []
        for count in counts:
            key = (count.kind, count.value)
            if key in seen and count.value >= self.words.restated_min_value \
                    and not self._other_victims(count.noun, seen[key]):
                continue
            seen.setdefault(key, []).append(count.noun)
            kept.append(count)
        return kept

    def _other_victims(self, noun: str, before: list[str]) -> bool:
        """The word after a toll's number names other victims than the equal tolls
        before it («مقتل 3 من طاقمه … بمقتل 3 حوثيين»): both say who, and differently.
        Words that only say people («شخصا») or a toll noun tell nothing."""
        def says_who(word: str) -> bool:
            return bool(word) and word not in self.words.restated_generic \
                and word not in self.words.nouns and word not in self.words.bridges
        return says_who(noun) and all(says_who(word) and word != noun for word in before)

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
        head = next((f for f in forms(self.tokens[index]) if f in self.words.heads), "")
        wanted = self.words.confirm_after.get(head)
        if wanted is not None:
            found = self._confirm_word(index, wanted, self.words.confirm_window)
            if found is not None:
                self.used.add(found)

    def _after_head(self, index: int, kind: str) -> bool:
        """A toll that follows a toll word; True when one was read."""
        head = next((f for f in forms(self.tokens[index]) if f in self.words.heads), "")
        if not self._confirmed(index, head):
            return False
        j = index + 1
        while j < len(self.tokens) and j - index <= 4 and (
                self.key(j) in SKIP_MARKS or self.key(j) in self.words.bridges):
            j += 1
        j = self._delayed_object(index, head, j)
        if j >= len(self.tokens):
            return False
        token = self.tokens[j]
        if head in self.words.person_heads and token.kind == "word" \
                and has_conjunction(token.key) and lookup(token, self.words.heads) \
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
        if number is not None and self._no_count_after_head(index, j, number):
            return False
        if number is None and lookup(token, self.words.dual) \
                and lookup(token, self.words.nouns):
            # «سقوط قتيلين»: a dual toll noun is two of its own kind
            self.used.add(j)
            return self._emit_people(2, lookup(token, self.words.nouns) or kind, index, j, j)
        if number is None and head not in self.words.number_only:
            read = self._people_without_number(index, j, head, kind)
            if read is not None:
                return read
        joined = False
        if number is None:  # a total («حصيلة القتلى منذ … بلغت ألفا»), or words between
            number = self._total(index) or self._further(j, head)
            joined = number is not None and self._joined_before(number) and any(
                self.tokens[k].kind == "word" and k not in self.used
                for k in range(j, number.first - (self.key(number.first - 1) == "و")))
        if number is None:
            return self._intransitive(index, head)
        if number.vague:
            self.used.add(number.first)
            return True
        if head in self.words.needs_people and not self._counts_people(number):
            return False
        if not self._emit(number, kind, index):
            return False
        if self.key(number.first - 1) == "مع" and (
                head in self.words.intransitive or head in self.words.singular_verbs):
            # «استشهد مع اثنين من زملائه»: the verb's own victim and the two with him
            self.counts[-1].value += 1
        if joined:
            # the victim named between head and number is one more of the same toll
            self.counts[-1].value += 1
        return True

    def _no_count_after_head(self, index: int, j: int, number: Number) -> bool:
        """The number right after a head counts nothing of it: «واحد» as an adjective
        («عائلات الشهداء واحد»; «واحد من» is one of), or a number joined to the head
        by و («بتسع عمليات قتل وثلاث محاولات»)."""
        if self.key(j) in self.words.adjective_numbers and self.key(j + 1) != "من":
            return True
        token = self.tokens[j]
        return j == index + 1 and token.key[:1] == "و" and number.start > token.start

    def _people_without_number(self, index: int, j: int, head: str, kind: str
                               ) -> bool | None:
        """A toll word followed by people and no number: one («مقتل شرطي»), a dual
        («مقتل شرطيين»), a word and «اثنين», a named person, or a definite singular the
        article names; whether a toll was read, or None when none of these is there."""
        token = self.tokens[j]
        if lookup(token, self.words.one) is not None and self._of_things(j + 1):
            return None  # «قتل بإحدى العمليات»: one of the operations, not of people
        if lookup(token, self.words.one) is not None and head in self.words.needs_people \
                and not self._people_at(j + 1):
            return None  # «لتوقف أحد المسارات»: a head that also names a stop, of things
        if head in self.words.person_heads and token.key in self.words.another:
            return None  # «تصفية أخرى»: another act, not another victim
        if lookup(token, self.words.singular) and head not in self.words.person_heads \
                and self._further(j + 1, head) is not None:
            return None  # «قتل انتحاري … 32 شخصا»: the singular is the verb's subject
        if any(k >= 0 and lookup(self.tokens[k], self.words.judging)
               for k in range(index - 3, index)):
            return None  # «ووصف البيت الأبيض مقتل الوحيشي بأنه ضربة»: a comment
        if kind == "injured" and self._sick_after(j):
            return None  # «إصابة مرسي بالتسمم»: a sickness, no wound
        if lookup(token, self.words.one) is not None or (
                lookup(token, self.words.singular)
                and self.key(j + 1) not in self.words.pair):
            return self._emit_people(1, kind, index, j, j)
        ending, shortest = self.words.dual_suffix
        if lookup(token, self.words.dual) is not None or (
                token.key.endswith(ending) and len(forms(token)[-1]) >= shortest
                and token.start not in self.persons
                and not token.key.startswith(word_list("definite_prefixes"))):
            # «مقتل شرطيين», «قتل حوثيان»: a dual of belonging is two
            return self._emit_people(2, kind, index, j, j)
        for k in (j + 1, j + 2):
            if self.key(k) in self.words.pair and not has_conjunction(token.key) \
                    and token.key.endswith(word_list("dual_noun_endings")) \
                    and not lookup(token, self.words.heads):
                return self._emit_people(2, kind, index, j, k)
        named = token.start in self.persons or (
            # «مقتل أبو خليل …»: a name that opens with a kunya, tagged or not
            token.key in self.words.kunya and head in self.words.person_heads
            and j + 1 < len(self.tokens) and self.tokens[j + 1].kind == "word")
        if named and (head in self.words.person_heads or (
                head in self.words.passive_heads and self._opens_sentence(index))):
            # «مقتل محمد علاونة», «وقتل محمد علاونة (22 عاما) …»
            return self._emit_people(1, kind, index, j, j)
        if token.key.startswith("ال") and token.key[2:] in self.words.singular \
                and self.key(j + 1) not in self.words.pair:
            # «اغتيل القيادي …», «قتل المهاجم نفسه»: one victim named by the article
            return self._emit_people(1, kind, index, j, j)
        if head in self.words.object_verbs:
            named_at = self._named_object(j)
            if named_at is not None:
                # «أعدم تنظيم داعش أمس الشيخ نجم الدين الجبوري»: the subject first
                return self._emit_people(1, kind, index, named_at, named_at)
        return None

    def _delayed_object(self, index: int, head: str, j: int) -> int:
        """Where the victims of «ألقت القبض» start when a time or a place stands
        between the head and its «على» («ألقت القبض في وقت متأخر من أول من أمس على
        المتمرد …»): after that «على», if it comes within ``delayed_window`` words and
        nothing but words stands between; else ``j``."""
        prep = self.words.delayed_objects.get(head)
        if prep is None or self.key(j - 1) == prep:
            return j
        for k in range(j, min(j + self.words.delayed_window, len(self.tokens))):
            token = self.tokens[k]
            if token.kind != "word" or self.number(k) is not None \
                    or lookup(token, self.words.heads):
                return j
            if token.key == prep:
                return k + 1
        return j

    def _total(self, index: int) -> Number | None:
        """A toll word after a word of a total («حصيلة القتلى», «عدد الجرحى») whose
        number follows a verb of reaching later in the clause («… بلغت ألفا», «… وصل
        إلى 40»), however long the words between (the time, the place, the sides)."""
        if index == 0 or not lookup(self.tokens[index - 1], self.words.total_words):
            return None
        for k in range(index + 1, len(self.tokens)):
            token = self.tokens[k]
            if token.key in BREAKS or self.number(k) is not None:
                return None
            if k > index + 1 and (lookup(token, self.words.heads)
                                  or lookup(token, self.words.nouns)):
                return None
            if lookup(token, self.words.total_verbs):
                at = k + 1 + (self.key(k + 1) == "الي")
                number = self.number(at) if at < len(self.tokens) else None
                return None if number is None or number.vague else number
        return None

    def _in_part(self, number: Number) -> bool:
        """The number opens a part of a toll read before it in the sentence («… من
        بينهم 27 قتيلا», «بينهم 12 قتيلا»): a subset word, after «من» or not, right
        before it, and a toll already read."""
        before = number.first - 1
        if before < 0 or self.key(before) not in self.words.subset:
            return False
        return bool(self.counts)

    def _rescued(self, number: Number) -> bool:
        """«إنقاذ 3 محتجزين», «الإفراج عن 52 معتقلا»: people rescued, evacuated or
        freed, not held."""
        before = number.first - 1
        while before >= 0 and self.key(before) in SKIP_MARKS:
            before -= 1
        if before > 0 and self.key(before) in word_set("release_prepositions"):
            before -= 1
        return before >= 0 and lookup(self.tokens[before], self.words.rescued) is not None

    def _named_object(self, j: int) -> int | None:
        """Where a person the tagger names starts within ``object_verbs.window`` words
        from ``j``, past the verb's subject and a time, with no mark, number or other
        toll word between; None when there is none."""
        for k in range(j, min(j + self.words.object_window, len(self.tokens))):
            token = self.tokens[k]
            if token.kind != "word" or self.number(k) is not None \
                    or lookup(token, self.words.heads) or token.key in self.words.object_stops:
                return None  # «… وهي زوجة …»: another clause
            if token.start in self.persons:
                return k
        return None

    def _sick_after(self, j: int) -> bool:
        """The first word with ب in the few after the victim at ``j`` (past the rest of
        a name) says a sickness, not a wound («إصابة خالد العمري بالتسمم»)."""
        for k in range(j + 1, min(j + 4, len(self.tokens))):
            token = self.tokens[k]
            if token.kind != "word" or has_conjunction(token.key):
                return False  # a mark, or another victim joined («فتاة وطفلين»)
            if token.key[:1] == "ب" and len(token.key) >= 4:
                return self._sick(k)
        return False

    def _people_at(self, index: int) -> bool:
        """The word at ``index`` names people: a people word, with or without the
        article («الجنود»), a plural of people («المعتقلين», «العاملون»), or a name."""
        if index >= len(self.tokens) or self.tokens[index].kind != "word":
            return False
        token = self.tokens[index]
        bare = token.bare().removeprefix("ال")
        return self._people_word(token) or bare in self.words.people \
            or bare in self.words.singular or bare.endswith(self.words.plural_endings) \
            or token.start in self.persons

    def _of_things(self, index: int) -> bool:
        """The word at ``index`` names things, not people («إحدى العمليات»)."""
        if index >= len(self.tokens):
            return False
        return any(form.removeprefix("ال") in self.words.not_counted
                   for form in forms(self.tokens[index]))

    def _intransitive(self, index: int, head: str) -> bool:
        """A singular verb that takes no object and is followed by no victim tells one
        («حيث استشهد في الحال», «الذي استشهد أمس»): True when that toll was read."""
        kind = self.words.intransitive.get(head)
        if kind is None or index in self.used:
            return False
        for k in range(index + 1, len(self.tokens)):
            if self.key(k) in BREAKS:
                break
            if self.number(k) is not None:
                return False  # «استشهد في تلك العمليات (37)»: the number is the toll
        nxt = self.tokens[index + 1] if index + 1 < len(self.tokens) else None
        if nxt is not None and nxt.kind == "word" \
                and nxt.key not in self.words.intransitive_after:
            return False  # «استشهد التقرير بمتوسط»: a subject follows, the verb quotes
        return self._emit_people(1, kind, index, index, index)

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
        limit = 2 if head in self.words.number_only or head in self.words.near_heads \
            else reach.words
        for k in range(j, len(self.tokens)):
            token = self.tokens[k]
            number = self.number(k)
            if number is not None:
                if number.vague or not self._counts_people(number, strict=others > 2) \
                        or self.key(k) in self.words.adjective_numbers:
                    return None  # «الجرح الذي أصاب الأمة واحد»: an adjective
                return number
            if token.kind == "mark":
                if token.key not in reach.passes or (
                        token.key in BREAKS and self._opens_clause(k + 1)):
                    return None
                continue
            if lookup(token, self.words.heads) or lookup(token, self.words.nouns) \
                    or token.kind != "word":
                return None
            if token.key not in self.words.bridges:
                others += 1
                if others > limit:
                    return None
        return None

    def _before_noun(self, number: Number) -> None:
        """A toll whose number comes first: «32 قتيلا», «خمسة جنود قتلوا»."""
        after = self._after(number)
        if self.key(after) == "من":
            after += 1
        if after >= len(self.tokens) or self._rescued(number):
            return
        kind = lookup(self.tokens[after], self.words.nouns)
        if kind is None and after + 1 < len(self.tokens) \
                and self._people_word(self.tokens[after]) \
                and lookup(self.tokens[after + 1], self.words.nouns) \
                and not lookup(self.tokens[after + 1], self.words.held_nouns):
            # «سقط 52 شخصا قتلى»: the toll noun after the people says the kind
            self._emit(number, lookup(self.tokens[after + 1], self.words.nouns) or "",
                       None, verb=after + 1)
            return
        if kind is not None and lookup(self.tokens[after], self.words.held_nouns):
            return  # «116 سجينا»: a population held, no arrest
        if kind is not None and self._in_part(number):
            return  # «844 قتيلا … من بينهم 27 قتيلا»: a part of the toll before
        if kind is not None:
            self._emit(number, kind, None)
            return
        if self._not_counted(number):
            return
        self._subject(number)


def find_counts(text: str, start: int, end: int,
                persons: frozenset[int] = frozenset()) -> list[Count]:
    """The tolls stated in ``text[start:end]`` (one sentence), left to right.
    ``persons`` holds the start offsets of person mentions («مقتل محمد علاونة» is one)."""
    return Reader(text, start, end, persons).run()
