"""The Doc: one article's text and the layers later stages add to it.

The text never changes once the Doc exists (spaCy's ``Doc.text`` is the model); every
layer addresses it by Spans of characters (and of tokens, ``rasid.span``), so every
span a user sees slices the text exactly; the layers are typed (``rasid.layers``).
Surface tokens are kept apart from the words inside them (stanza's Token vs Word):
entities attach to surface spans, clitics and event arguments to words.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from rasid.layers import LAYERS, Layers
from rasid.provenance import RepairResult
from rasid.span import Span, Spanned

__all__ = ["LAYERS", "SUMMARIES", "Doc", "DocMeta", "Layers", "Sentence", "Span", "Token",
           "Word", "content_id"]

#: Article-level results that are one object, not a list (None until computed).
SUMMARIES = ("tone",)


@dataclass(frozen=True, slots=True)
class Word:
    """A word inside a surface token: a clitic or the stem, with its matching key."""

    text: str
    start: int
    end: int
    key: str
    role: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "key": self.key,
                "role": self.role}


@dataclass(frozen=True, slots=True)
class Token:
    """A surface token: an Arabic word with its clitics, a number, a Latin word, a URL,
    or a punctuation mark."""

    text: str
    start: int
    end: int
    kind: str
    words: tuple[Word, ...]

    @property
    def stem(self) -> Word:
        """The main word of the token (the stem when clitics were split off)."""
        for word in self.words:
            if word.role == "stem":
                return word
        return self.words[0]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "kind": self.kind,
                "words": [w.to_dict() for w in self.words]}


@dataclass(frozen=True, slots=True)
class Sentence(Spanned):
    """A sentence: its characters of the text and its tokens of ``Doc.tokens``."""

    span: Span
    tokens: Span

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.span.start, "end": self.span.end}


@dataclass(frozen=True)
class DocMeta:
    """What the user told us about the article (all optional)."""

    id: str
    date: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "title": self.title, "source": self.source,
                "url": self.url}


@dataclass
class Doc:
    """An article: immutable repaired text, its repair record, and annotation layers."""

    repair: RepairResult
    meta: DocMeta
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    layers: Layers = field(default_factory=Layers)
    summaries: dict[str, Any] = field(default_factory=lambda: dict.fromkeys(SUMMARIES))
    done: set[str] = field(default_factory=set)

    @property
    def text(self) -> str:
        return self.repair.text

    @property
    def id(self) -> str:
        return self.meta.id

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "repair" and "repair" in self.__dict__:
            raise AttributeError("a Doc's text never changes: build a new Doc instead")
        super().__setattr__(name, value)

    def span_text(self, span: Span) -> str:
        return span.of(self.text)

    def sentence_tokens(self, sentence: Sentence) -> list[Token]:
        return sentence.tokens.of(self.tokens)


def content_id(text: str) -> str:
    """A stable id from the raw text (the same article always gets the same id): the
    pipeline names documents with it, and the store and the watcher recognize an
    article they already hold by it, without importing the pipeline."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
