"""The word tables of tolls (``data/counts.json``) and how a token is looked up in them.

Why: every word the toll reader knows (heads, nouns, verbs, people, sides, accidents)
is knowledge a user can read and extend, so it lives in a data file; this module loads
it once and folds a token's clitics (و/ف, then ب/ل, «لل») so that one entry matches
«مقتل», «ومقتل» and «بمقتل».
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from rasid.caches import cache_size
from rasid.lang.ar.clitics import has_conjunction
from rasid.resources import data_path
from rasid.text.numbers import Token

#: marks a head may be separated from its number by: «مقتل (20) شخصا»
SKIP_MARKS = set("()[]«»\"'-–")
#: marks that end a clause: a coordinated number after them is another toll
BREAKS = set("،,.;؛:!?؟")


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
    verb_near: int
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
    accident_pairs: dict[str, tuple[str, ...]]
    dual_suffix: tuple[str, int]
    attack_words: frozenset[str]
    relatives: frozenset[str]
    stating: frozenset[str]
    recalled: frozenset[str]
    sides: dict[str, str]
    passive_heads: frozenset[str]
    among: frozenset[str]
    ranges: frozenset[str]
    side_window: int
    suffixed_length: int
    kunya: frozenset[str]
    intransitive: dict[str, str]
    intransitive_after: frozenset[str]
    side_stops: frozenset[str]
    others: frozenset[str]
    restated_generic: frozenset[str]
    not_before: frozenset[str]
    rescued: frozenset[str]
    injury_means: frozenset[str]
    ordinal_tens: frozenset[str]
    attempt_verbs: frozenset[str]
    held_nouns: frozenset[str]
    another: frozenset[str]
    rates: frozenset[str]
    recovered: frozenset[str]
    accident_context: int
    accident_spares: frozenset[str]
    joiners: frozenset[str]
    weekdays: frozenset[str]
    rulings: frozenset[str]
    own_object: dict[str, frozenset[str]]
    whoever_pairs: frozenset[tuple[str, str]]
    whoever_words: frozenset[str]
    attempt_adjectives: frozenset[str]
    vague_subjects: frozenset[str]
    near_heads: frozenset[str]
    kin: frozenset[str]
    breakdown_marks: frozenset[str]
    total_words: frozenset[str]
    total_verbs: frozenset[str]
    delayed_objects: dict[str, str]
    delayed_window: int
    anaphors: frozenset[str]
    anaphor_context: int
    vague_joins: frozenset[str]
    rank_words: frozenset[str]
    named_window: int
    results: frozenset[str]
    superseded: tuple[tuple[str, ...], ...]
    relative_words: frozenset[str]
    relative_before: int
    side_ranks: frozenset[str]
    side_suffer: frozenset[str]
    side_back: frozenset[str]
    object_verbs: frozenset[str]
    object_window: int
    object_stops: frozenset[str]
    accident_far: tuple[tuple[str, str], ...]
    past_stories: tuple[tuple[str, ...], ...]
    plural_endings: tuple[str, ...]
    judging: frozenset[str]


@dataclass(frozen=True)
class Reach:
    """How far past a head a number that counts people may stand: ``words`` other
    words at most, and only the marks of ``passes`` (commas, brackets) between."""

    words: int
    passes: frozenset[str]
    openers: frozenset[str]
    opener_pairs: frozenset[tuple[str, str]]


@cache
def count_words() -> CountWords:
    """The tables, loaded once per process."""
    import json

    path = data_path("counts.json", "rasid.events")
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
                      frozenset(data["further"]["openers"]),
                      frozenset((a, b) for a, b in data["further"]["opener_pairs"])),
        subject_window=int(data["subject_window"]["words"]),
        verb_near=int(data["subject_window"]["near"]), asides=frozenset(data["asides"]),
        dual_verbs=by_kind(data["dual_verbs"]), singular_verbs=by_kind(data["singular_verbs"]),
        inna=frozenset(data["inna"]), attempts=frozenset(data["attempts"]),
        members=frozenset(data["members"]["words"]),
        member_triggers=frozenset(data["members"]["after"]),
        additions=frozenset(data["additions"]),
        alternatives=frozenset(data["alternatives"]),
        people_suffixes=tuple(data["people_suffixes"]["endings"]),
        suffixed_length=int(data["people_suffixes"]["min_length"]),
        accident_pairs={word: tuple(stems) for word, stems in data["accident_pairs"].items()},
        dual_suffix=(data["dual_suffix"]["ending"], int(data["dual_suffix"]["min_length"])),
        attack_words=frozenset(data["attack_words"]), relatives=frozenset(data["relatives"]),
        stating=frozenset(data["stating"]), recalled=frozenset(data["recalled"]),
        sides=by_kind(data["sides"]["words"]), side_window=int(data["sides"]["window"]),
        passive_heads=frozenset(data["passive_heads"]), among=frozenset(data["among"]),
        ranges=frozenset(data["ranges"]), **_what_is_no_toll(data))


def _what_is_no_toll(data: dict[str, Any]) -> dict[str, Any]:
    """The tables of the rules that tell a toll from what only looks like one (a
    subject, an adjective, a rate, an accident told before, …) and of further joins."""
    return dict(
        kunya=frozenset(data["kunya"]),
        intransitive={word: kind for kind, words in data["intransitive"]["verbs"].items()
                      for word in words},
        intransitive_after=frozenset(data["intransitive"]["after"]),
        side_stops=frozenset(data["sides"]["stops"]), others=frozenset(data["others"]),
        restated_generic=frozenset(data["restated_generic"]),
        not_before=frozenset(data["not_before"]), rescued=frozenset(data["rescued"]),
        injury_means=frozenset(data["injury_means"]),
        ordinal_tens=frozenset(data["ordinal_tens"]),
        attempt_verbs=frozenset(data["attempt_verbs"]),
        held_nouns=frozenset(data["held_nouns"]), another=frozenset(data["another"]),
        rates=frozenset(data["rates"]), recovered=frozenset(data["recovered"]),
        accident_context=int(data["accident_context"]["chars"]),
        accident_spares=frozenset(data["accident_context"]["spares"]),
        joiners=frozenset(data["joiners"]), weekdays=frozenset(data["weekdays"]),
        rulings=frozenset(data["rulings"]),
        own_object={verb: frozenset(words) for verb, words in data["own_object"].items()},
        whoever_pairs=frozenset((a, b) for a, b in data["whoever"]["pairs"]),
        whoever_words=frozenset(data["whoever"]["words"]),
        attempt_adjectives=frozenset(data["attempt_adjectives"]),
        vague_subjects=frozenset(data["vague_subjects"]),
        near_heads=frozenset(data["near_heads"]), kin=frozenset(data["kin"]),
        breakdown_marks=frozenset(data["breakdown_marks"]),
        total_words=frozenset(data["totals"]["words"]),
        total_verbs=frozenset(data["totals"]["verbs"]),
        delayed_objects=dict(data["delayed_objects"]["heads"]),
        delayed_window=int(data["delayed_objects"]["window"]),
        anaphors=frozenset(data["accident_context"]["anaphors"]),
        anaphor_context=int(data["accident_context"]["anaphor_chars"]),
        vague_joins=frozenset(data["vague_joins"]), rank_words=frozenset(data["rank_words"]),
        named_window=int(data["named_subject"]["window"]),
        results=frozenset(data["results"]),
        superseded=tuple(tuple(p) for p in data["superseded"]),
        relative_words=frozenset(data["relative_subject"]["words"]),
        relative_before=int(data["relative_subject"]["before"]),
        side_ranks=frozenset(data["sides"]["ranks"]),
        side_suffer=frozenset(data["sides"]["suffer"]),
        side_back=frozenset(data["sides"]["back_pronouns"]),
        object_verbs=frozenset(data["object_verbs"]["verbs"]),
        object_window=int(data["object_verbs"]["window"]),
        object_stops=frozenset(data["object_verbs"]["stops"]),
        accident_far=tuple((a, b) for a, b in data["accident_pairs_far"]),
        past_stories=tuple(tuple(p) for p in data["past_stories"]),
        plural_endings=tuple(data["people_suffixes"]["plurals"]),
        judging=frozenset(data["judging"]))


def forms(token: Token) -> tuple[str, ...]:
    """The token's key and the key without و/ف and then ب/ل (ومقتل, بمقتل, وبإصابة).
    The article is kept, so that a table entry says what it matches; a definite
    singular after a head («اغتيل القيادي», «مقتل الطفل») is read in ``_after_head``:
    a victim restated in a later sentence is that sentence's toll too (the guideline)."""
    return _forms(token.key)


@lru_cache(maxsize=cache_size("count_words"))
def _forms(key: str) -> tuple[str, ...]:
    found = [key]
    if len(key) > 3 and has_conjunction(key):
        key = key[1:]
        found.append(key)
    if len(key) > 4 and key.startswith("لل"):
        found.append("ا" + key[1:])  # «للقتلى» is ل + القتلى, its alef dropped
    elif len(key) > 3 and key[0] in "بل":
        found.append(key[1:])
    return tuple(found)


def lookup(token: Token, table: dict[str, str] | frozenset[str]) -> str | None:
    """What ``table`` holds for the first of the token's forms it has (a kind, or the
    form itself for a set), else None."""
    for form in forms(token):
        if form in table:
            return table[form] if isinstance(table, dict) else form
    return None
