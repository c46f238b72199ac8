"""Quotation records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Quote:
    """One attributed statement; every span slices the Doc's text exactly."""

    cue: tuple[int, int]
    content: tuple[int, int]
    kind: str
    found_by: str
    speaker: tuple[int, int] | None = None
    speaker_mention: str | None = None
    speaker_entity: str | None = None
    title: tuple[int, int] | None = None
    medium: tuple[int, int] | None = None
    secondary_cues: list[tuple[int, int]] = field(default_factory=list)
    carried_from: str | None = None
    source_quote: Quote | None = field(default=None, repr=False, compare=False)
    id: str = ""
    text: str = field(default="", repr=False)

    def _span(self, span: tuple[int, int] | None) -> dict[str, Any] | None:
        if span is None:
            return None
        return {"text": self.text[span[0] : span[1]], "start": span[0], "end": span[1]}

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
        speaker = self.text[self.speaker[0] : self.speaker[1]] if self.speaker else "?"
        words = self.text[self.content[0] : self.content[1]].split()[:8]
        who = f"{speaker} [{self.speaker_entity}]" if self.speaker_entity else speaker
        return (f"{who} — {self.text[self.cue[0] : self.cue[1]]} ({self.kind}, "
                f"{self.found_by}) — {' '.join(words)}…")
