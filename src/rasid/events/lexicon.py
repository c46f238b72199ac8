"""The trigger lexicon and modality cues, read from ``events/data``.

Triggers are indexed as word-key sequences like names (proclitics و ف ب ل ك ال س
are allowed on the first word), so ``وزار``, ``بالزيارة``, ``سيزور`` and ``والهجوم``
all reach their entries. Compound blockers (``شرطة مكافحة الشغب``) and context words
(sports, business) are indexed the same way.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from rasid.entities.gazetteer import NameEntry, PhraseIndex
from rasid.lang.ar.words import word_list
from rasid.resources import package_path
from rasid.text.lexicon import Lexicon
from rasid.text.normalize import match_key

DATA = package_path("rasid.events", "data")


@dataclass(frozen=True)
class Trigger:
    id: str
    lemma: str
    pos: str
    type: str
    mode: str | None
    cameo: str | None
    frame: dict[str, Any]
    passive: frozenset[str] = field(default_factory=frozenset)
    note: str = ""

    @property
    def reciprocal(self) -> bool:
        return bool(self.frame.get("reciprocal"))


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    from rasid.errors import KnowledgeBaseError
    from rasid.resources import read_jsonl

    return read_jsonl(path, KnowledgeBaseError)


class EventLexicon:
    """Triggers, modality cues, blockers and context words, built once."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.proclitics = [letters for letters, _ in lexicon.proclitics]
        self.modality_data: dict[str, Any] = json.loads(
            (DATA / "modality.json").read_text(encoding="utf-8"))

    @cached_property
    def triggers(self) -> dict[str, Trigger]:
        result = {}
        for raw in _read_jsonl(DATA / "triggers.jsonl"):
            result[raw["id"]] = Trigger(
                raw["id"], raw.get("lemma", ""), raw.get("pos", "verb"), raw["type"],
                raw.get("mode"), raw.get("cameo"), raw.get("frame") or {},
                frozenset(match_key(f) for f in raw.get("passive_forms") or []),
                raw.get("note", ""))
        return result

    @cached_property
    def index(self) -> PhraseIndex:
        index = PhraseIndex(self.proclitics, future=True,
                            suffixes=word_list("third_person_suffixes"), article_optional=True)
        for raw in _read_jsonl(DATA / "triggers.jsonl"):
            for form in [*raw.get("forms", []), *(raw.get("passive_forms") or [])]:
                index.add_phrase(form, NameEntry(raw["id"], "trigger"))
        return index

    def _phrase_index(self, phrases: list[str], kind: str) -> PhraseIndex:
        index = PhraseIndex(self.proclitics, article_optional=True)
        for phrase in phrases:
            index.add_phrase(phrase, NameEntry(phrase, kind))
        return index

    def _list(self, *names: str) -> list[str]:
        data = self.modality_data
        for name in names:
            data = data.get(name, {}) if isinstance(data, dict) else {}
        if isinstance(data, dict):
            values: list[str] = []
            for value in data.values():
                if isinstance(value, list):
                    values.extend(v for v in value if isinstance(v, str))
            return values
        return [v for v in data if isinstance(v, str)]

    @cached_property
    def modality(self) -> dict[str, PhraseIndex]:
        kinds = ("intended", "attempted", "negated", "hypothetical", "future", "historical")
        source = self.modality_data.get("modalities", self.modality_data)
        result = {}
        for kind in kinds:
            raw = source.get(kind, [])
            words = raw.get("cues", raw.get("forms", [])) if isinstance(raw, dict) else raw
            result[kind] = self._phrase_index([w for w in words if isinstance(w, str)], kind)
        return result

    @cached_property
    def modality_index(self) -> PhraseIndex:
        """Every modality cue in one index, each entry naming its kind: a sentence is
        matched once for all kinds."""
        index = PhraseIndex(self.proclitics, article_optional=True)
        source = self.modality_data.get("modalities", self.modality_data)
        for kind in self.modality:
            raw = source.get(kind, [])
            words = raw.get("cues", raw.get("forms", [])) if isinstance(raw, dict) else raw
            for word in words:
                if isinstance(word, str):
                    index.add_phrase(word, NameEntry(kind, "modality"))
        return index

    @cached_property
    def agent_markers(self) -> frozenset[tuple[str, ...]]:
        data = json.loads((DATA / "nominal.json").read_text(encoding="utf-8"))
        return frozenset(tuple(match_key(w) for w in m.split()) for m in data["agent_markers"])

    @cached_property
    def counted_victims(self) -> frozenset[str]:
        return self._nominal_keys("counted_victims")

    @cached_property
    def light_verbs(self) -> frozenset[str]:
        return self._nominal_keys("light_verbs")

    @cached_property
    def target_heads(self) -> frozenset[str]:
        return self._nominal_keys("target_heads")

    @cached_property
    def apposition_words(self) -> frozenset[str]:
        return self._nominal_keys("apposition_words")

    @cached_property
    def group_heads(self) -> frozenset[str]:
        return self._nominal_keys("group_heads")

    @cached_property
    def owner_words(self) -> frozenset[str]:
        return self._nominal_keys("owner_words")

    @cached_property
    def office_heads(self) -> frozenset[str]:
        return self._nominal_keys("office_heads")

    @cached_property
    def owner_links(self) -> frozenset[str]:
        return self._nominal_keys("owner_links")

    @cached_property
    def quantity_words(self) -> frozenset[str]:
        return self._nominal_keys("quantity_words")

    @cached_property
    def nominal_data(self) -> dict[str, Any]:
        return json.loads((DATA / "nominal.json").read_text(encoding="utf-8"))

    @cached_property
    def accusative_endings(self) -> tuple[str, ...]:
        """Endings of the indefinite accusative (nominal.json)."""
        return tuple(match_key(w) for w in self.nominal_data["accusative_endings"])

    @cached_property
    def adjective_shapes(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """Endings of nisba adjectives, starts and endings of participles (nominal.json)."""
        def keys(name: str) -> tuple[str, ...]:
            return tuple(match_key(w) for w in self.nominal_data[name])

        return keys("adjective_endings"), keys("participle_prefixes"), keys(
            "participle_endings")

    def _nominal_keys(self, name: str) -> frozenset[str]:
        """A word list of ``nominal.json`` as matching keys."""
        return frozenset(match_key(w) for w in self.nominal_data[name])

    @cached_property
    def _nominal(self) -> tuple[list[re.Pattern], list[str], list[str]]:
        data = json.loads((DATA / "nominal.json").read_text(encoding="utf-8"))
        return ([re.compile(p) for p in data["patterns"]], data["plural_suffixes"],
                data["pronoun_suffixes"])

    def is_nominal(self, token: Any) -> bool:
        """True when a verb entry's word has the shape of a verbal noun (اغتيال)."""
        patterns, plurals, pronouns = self._nominal
        words = getattr(token, "words", ())
        key = next((w.key for w in words if w.role == "stem"), match_key(token.text))
        if any(w.role == "det" for w in words):
            return True
        candidates = {key}
        for suffix in pronouns + plurals:
            if key.endswith(suffix) and len(key) - len(suffix) >= 4:
                candidates.add(key[: -len(suffix)])
        return any(p.match(c) for p in patterns for c in candidates)

    @cached_property
    def blockers(self) -> PhraseIndex:
        return self._phrase_index(self._list("compound_blockers"), "blocker")

    @cached_property
    def contexts(self) -> PhraseIndex:
        return self._phrase_index(self._list("not_event_contexts"), "context")

    @cached_property
    def sports(self) -> PhraseIndex:
        """Sports words: a sentence with one holds no political event even for the
        learned decision (a match's هجوم); the other context words are its features."""
        return self._phrase_index(self._list("not_event_contexts", "sports"), "context")
