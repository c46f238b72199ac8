"""Resources the entity stages share: knowledge base, name and title indexes, tagger.

Built once per Pipeline (through ``rasid.pipeline.Resources``) and read-only after.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from rasid.entities.gazetteer import NameEntry, PhraseIndex, build_name_index
from rasid.kb.loader import KnowledgeBase, default_knowledge_base
from rasid.resources import load_json
from rasid.text.lexicon import Lexicon
from rasid.text.normalize import match_key


@dataclass(frozen=True)
class Title:
    en: str | None
    office: str | None
    match: dict[str, str] | None


class EntityResources:
    """Lazily built, shared resources for recognition and resolution."""

    def __init__(self, lexicon: Lexicon, kb: KnowledgeBase) -> None:
        self.lexicon = lexicon
        #: the pipeline's one knowledge base, which the name index and gazetteer derive
        self.kb = kb
        self.titles_data: dict[str, Any] = load_json("titles.json")
        self.cues: dict[str, Any] = load_json("entity_cues.json")

    @cached_property
    def proclitics(self) -> list[str]:
        return [letters for letters, _ in self.lexicon.proclitics]

    @cached_property
    def names(self) -> PhraseIndex:
        return build_name_index(self.kb, self.proclitics, self.lexicon)

    @cached_property
    def titles(self) -> tuple[PhraseIndex, list[Title]]:
        index = PhraseIndex(self.proclitics)
        titles = []
        for number, raw in enumerate(self.titles_data["titles"]):
            titles.append(Title(raw.get("en"), raw.get("office"), raw.get("match")))
            for phrase in raw["ar"]:
                index.add_phrase(phrase, NameEntry(str(number), "title"))
        return index, titles

    def key_set(self, name: str) -> frozenset[str]:
        """A list from titles.json or entity_cues.json as a set of matching keys."""
        source = self.titles_data if name in self.titles_data else self.cues
        return frozenset(match_key(w) for w in source[name])

    @cached_property
    def tagger(self) -> Any | None:
        """The statistical tagger, when its model ships with this installation."""
        try:
            from rasid.ner.tagger import CrfTagger
        except ImportError:
            return None
        try:
            return CrfTagger.load(lexicon=self.lexicon, gazetteer=self.gazetteer)
        except (OSError, FileNotFoundError):
            return None

    @cached_property
    def gazetteer(self) -> Any | None:
        """The tagger's gazetteer, from the pipeline's knowledge base: the shipped one,
        shared by every pipeline, or with a user's files one that holds their names too
        (so the tagger sees a user's people and organizations as names of their kind)."""
        from rasid.ner.gazetteer import Gazetteer, default_gazetteer

        if self.kb is default_knowledge_base():
            return default_gazetteer()
        return Gazetteer.from_kb(self.kb)
