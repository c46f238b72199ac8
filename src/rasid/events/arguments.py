"""Argument rules of the event coder that rest on word lists (``data/arguments.json``).

The coder (:mod:`rasid.events.coder`) finds the actor and the recipient of a trigger
from where the mentions stand. A few facts of news Arabic decide those positions and
are words a user can read and extend rather than code: the honorifics that stand
between a verb and its subject's name (``استقبل خادم الحرمين الشريفين الملك سلمان``)
and do not make the subject distant.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from rasid.lang.ar.clitics import strip_conjunction
from rasid.lang.ar.words import word_set
from rasid.resources import package_path
from rasid.text.normalize import match_key

DATA = package_path("rasid.events", "data")


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return json.loads((DATA / "arguments.json").read_text(encoding="utf-8"))


def _keys(name: str) -> frozenset[str]:
    return frozenset(match_key(word) for word in _data()[name])


@lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    return _keys("honorifics")


@lru_cache(maxsize=1)
def relative_light_verbs() -> frozenset[str]:
    return _keys("relative_light_verbs")


@lru_cache(maxsize=1)
def passive_followers() -> frozenset[str]:
    return _keys("passive_followers")


def _bare(token: Any) -> str:
    key = match_key(token.text)
    return strip_conjunction(key, min_rest=3)


def honorific_count(tokens: list[Any], start: int, end: int) -> int:
    """How many of ``tokens[start:end]`` are honorifics (صاحب السمو الملكي): words
    that do not count in the distance between a verb and its subject."""
    words = honorifics()
    return sum(1 for token in tokens[start:end] if _bare(token) in words
               or match_key(token.text) in words)


def subject_after(after: list[Any]) -> tuple[Any | None, int]:
    """The group that may be a verb's subject after it (VSO), and how many tokens of
    places stand before it: a bare place inside the subject's title (``استقبل رئيس
    إقليم كردستان مسعود بارزاني``) is skipped and does not count in the distance.
    Without a later group the first one is returned as it is."""
    skipped = 0
    for index, arg in enumerate(after):
        if not (arg.is_place and arg.prep is None):
            return arg, skipped
        if index + 1 < len(after) and after[index + 1].first > arg.last + 1 + 2:
            break  # the place is not followed closely by a name: no title
        skipped += arg.last - arg.first + 1
    return (after[0] if after else None), 0


def subject_right_before(args: list[Any], first: int, tokens: list[Any]) -> bool:
    """A bare group of actors ends right before the verb at ``first`` (SVO), or one
    definite adjective before it: ``قوات الأمن تقتل 6 متشددين``, ``طائرات التحالف
    الدولي قتلت 30 مسلحا``. A verb of killing or arresting followed by a number is
    otherwise read as passive (``قتل خمسة جنود``)."""
    for a in args:
        if a.prep is not None or a.is_place or a.adjectival:
            continue
        if a.last == first - 1:
            return True
        if a.last == first - 2 and _bare(tokens[first - 1]).startswith("ال") \
                and tokens[first - 1].kind == "arabic":
            return True
    return False


def partitive(tokens: list[Any], arg: Any, quantity_words: frozenset[str]) -> bool:
    """A group counted by a number before «من»: ``30 من عناصر تنظيم داعش``, ``عدد من
    المسلحين``, or by a counted noun (``23 عنصرا من تنظيم داعش``). It is the object of
    a verb as a bare group would be (the victims), not a source or a place."""
    if arg.prep != "من":
        return False

    def counts(token: Any) -> bool:
        return token.kind == "number" or match_key(token.text) in quantity_words

    for back in (1, 2, 3):
        index = arg.first - back
        if index < 1:
            return False
        if match_key(tokens[index].text) == "من":
            before = tokens[index - 1]
            return counts(before) or (index >= 2 and before.kind == "arabic"
                                      and counts(tokens[index - 2]))
    return False


def reciprocal_partner(args: list[Any], first: int, exclude: Any) -> Any | None:
    """The other party of a reciprocal event named only by «مع» (``خلال لقاء مع نظيره
    الفرنسي``, ``مستعدة للتعاون مع فرنسا``): the nearest bare group of actors before the
    trigger in its sentence, the one whose meeting or cooperation it is."""
    for arg in reversed(args):
        if arg.last < first and arg is not exclude and arg.prep is None \
                and not arg.is_place and not arg.adjectival:
            return arg
    return None


class NisbaCountries:
    """Countries stated by a nisba in apposition to a name the knowledge base does not
    know: ``رئيس الأركان الأمريكي الجنرال مارتن ديمبسي`` is American, ``حزب اليسار
    الألماني`` German. The coder folds the nisba into the name (one argument); this
    keeps what the nisba said, for the name's participant (basis ``stated``).
    Known entities keep their own country."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.countries: dict[str, str] = {}
        entities = doc.layers.entities if doc is not None else []
        self._known = {e["id"] for e in entities if e.get("country") or e.get("code")}

    def note(self, name: Any, nisba: Any) -> None:
        entity, country = name.entity or "", nisba.entity or ""
        if not entity or entity in self._known or not country.startswith("country:"):
            return
        if name.label not in ("PERS", "ORG"):
            return
        self.countries.setdefault(entity, country.split(":", 1)[1])


def victims_before_verb(args: list[Any], first: int, last: int, tokens: list[Any]
                        ) -> Any | None:
    """The victims standing before a verb of killing or wounding that takes no object:
    ``أربعة مدنيين قتلوا في قصف``, ``تسعة متمردين قتلوا ليلا في غارة`` (they were
    killed: the subject is the recipient, never the actor). The verb must be followed
    at once by a word of ``passive_followers`` (a preposition of place, time or cause,
    a time adverb), or end the sentence."""
    following = tokens[last + 1] if last + 1 < len(tokens) else None
    if following is not None and following.kind == "arabic":
        words = passive_followers()
        if _bare(following) not in words and match_key(following.text) not in words:
            return None
    elif following is not None and following.text not in (".", "،", ",", "؛"):
        return None
    for arg in args:
        if arg.prep is not None or arg.is_place or arg.adjectival or arg.last >= first:
            continue
        between = tokens[arg.last + 1 : first]
        # adjectives of the victims may stand between (خمسة متطرفين أجانب آخرين قتلوا)
        if len(between) <= 2 and all(
                t.kind == "arabic" and _bare(t) not in passive_followers()
                and _bare(t) not in _COMPLEMENTIZERS for t in between):
            return arg
    return None


_COMPLEMENTIZERS = word_set("clause_openers")


def target_after(tokens: list[Any], after: list[Any], last: int) -> Any | None:
    """The owner of an attack's target, named after a word of ``target_words`` (على،
    ضد، استهدفت) within a few words of the trigger: ``غارات على مواقع وتجمعات
    للحوثيين``, ``الغارات على «داعش»``, ``غارات استهدفت مواقع وتحركات داعش``. Target
    nouns and quotes may stand between the word and the owner, a preposition of place
    (في، قرب، من) may not: ``غارات على مواقع في صعدة`` names a place, no owner."""
    data = _data()
    words, stops = _keys("target_words"), _keys("target_stops")
    reach = int(data["target_reach"])
    for k in range(last + 1, min(len(tokens), last + 1 + reach)):
        if _bare(tokens[k]) not in words:
            continue
        if k + 1 < len(tokens) and _bare(tokens[k + 1]) in _keys("target_not_after"):
            return None  # على الرغم من
        for arg in after:
            if arg.first <= k or arg.is_place or arg.first - k > reach:
                continue
            between = tokens[k + 1 : arg.first]
            if any(_bare(t) in stops for t in between):
                return None
            return arg
        return None
    return None


def verb_not_noun(token: Any) -> bool:
    """A verb whose first letters read as the article ال (التقى، والتقت، التزم): the
    word is the verb, not a definite verbal noun, and keeps the verb's frame (its
    subject and object), whatever the segmenter made of its ال."""
    return _bare(token) in _keys("verbs_with_al")


def owned_subject(tokens: list[Any], last: int, arg: Any) -> bool:
    """A verb's subject that is an office of a body named after «ل»: ``أدانت الأمانة
    العامة لمنظمة التعاون الإسلامي``, ``قال المتحدث الرسمي لوزارة الخارجية``. The words
    between the verb and the body are all of ``office_heads``; the body acts."""
    if arg.prep != "ل" or arg.is_place or arg.first <= last + 1:
        return False
    between = tokens[last + 1 : arg.first]
    heads = _keys("office_heads")
    return len(between) <= 3 and all(_bare(t) in heads for t in between)


def office_body(tokens: list[Any], arg: Any, after: list[Any]) -> Any | None:
    """The body an office found as a name of its own belongs to: ``الأمانة العامة``
    read as an organization by its shape, then «لمنظمة التعاون الإسلامي» right after
    it. The body acts; None when ``arg`` is not all office words or no body follows."""
    heads = _keys("office_heads")
    if arg.prep is not None or not all(_bare(t) in heads
                                       for t in tokens[arg.first : arg.last + 1]):
        return None
    return next((a for a in after if a.first == arg.last + 1 and a.prep == "ل"
                 and not a.is_place), None)


def hal_participle(token: Any) -> bool:
    """An active participle of circumstance (``محملا``, ``مطالبا``, ``داعيا``): it
    describes what the sentence's subject did while speaking, so its doer stands
    before it and the group after it is its object, never its subject."""
    return _bare(token) in _keys("hal_participles")


def led_by(tokens: list[Any], arg: Any) -> bool:
    """A group after «بقيادة» (led by) qualifies the group before it (``مقاتلات التحالف
    بقيادة السعودية``): it is not the clause's subject on its own."""
    return arg.first > 0 and _bare(tokens[arg.first - 1]) in _keys("led_by")
