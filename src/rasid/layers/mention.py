"""Mentions: spans of the text that refer to an actor or place."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rasid.span import Span, Spanned


@dataclass
class Mention(Spanned):
    """A span of characters (``span.of(doc.text) == text``) over a span of tokens
    (``tokens.of(doc.tokens)``, end exclusive), and the entity it refers to.

    ``stands_for`` is set when a place stands for its state (``أعلنت موسكو``);
    ``members`` when a descriptor refers to several entities (``الدولتين``).
    """

    span: Span
    text: str
    label: str
    entity: str | None
    source: str
    confidence: float
    tokens: Span
    id: str = ""
    stands_for: str | None = None
    members: tuple[str, ...] = ()
    title: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def refers_to(self) -> tuple[str, ...]:
        """The entities this mention stands for in events and relations."""
        if self.members:
            return self.members
        if self.stands_for:
            return (self.stands_for,)
        return (self.entity,) if self.entity else ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id, "start": self.start, "end": self.end, "text": self.text,
            "label": self.label, "entity": self.entity, "source": self.source,
            "confidence": round(self.confidence, 3),
        }
        if self.stands_for:
            data["stands_for"] = self.stands_for
        if self.members:
            data["members"] = list(self.members)
        if self.title:
            data["title"] = self.title
        return data

    def summary(self) -> str:
        target = ", ".join(self.refers_to()) or "—"
        return f"{self.label:<5} {self.text}  -> {target}  ({self.source})"
