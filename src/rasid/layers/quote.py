"""Quotation records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rasid.span import Span


@dataclass
class Quote:
    """One attributed statement; every span slices the Doc's text exactly."""

    cue: Span
    content: Span
    kind: str
    found_by: str
    speaker: Span | None = None
    speaker_mention: str | None = None
    speaker_entity: str | None = None
    title: Span | None = None
    medium: Span | None = None
    secondary_cues: list[Span] = field(default_factory=list)
    carried_from: str | None = None
    source_quote: Quote | None = field(default=None, repr=False, compare=False)
    id: str = ""
    text: str = field(default="", repr=False)

    def _span(self, span: Span | None) -> dict[str, Any] | None:
        if span is None:
            return None
        return {"text": span.of(self.text), "start": span.start, "end": span.end}

    def to_dict(self) -> dict[str, Any]:
        speaker = self._span(self.speaker) or {"text": None, "start": None, "end": None}
        speaker.update({"mention": self.speaker_mention, "entity": self.speaker_entity})
        title = self._span(self.title)
        medium = self._span(self.medium)
        return {
            "id": self.id,
            "speaker": speaker,
            "title": title["text"] if title else None,
            "cue": self._span(self.cue),
            "content": self._span(self.content),
            "kind": self.kind,
            "medium": medium["text"] if medium else None,
            "found_by": self.found_by,
            "carried_from": self.carried_from,
            "secondary_cues": [self._span(c) for c in self.secondary_cues],
        }

    def summary(self) -> str:
        speaker = self.speaker.of(self.text) if self.speaker else "?"
        words = self.content.of(self.text).split()[:8]
        who = f"{speaker} [{self.speaker_entity}]" if self.speaker_entity else speaker
        return (f"{who} — {self.cue.of(self.text)} ({self.kind}, "
                f"{self.found_by}) — {' '.join(words)}…")
