"""Event records (PLOVER fields plus rasid's evidence)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rasid.span import Span


@dataclass
class Event:
    type: str
    mode: str | None
    actor: list[str]
    recipient: list[str]
    modality: str
    trigger: Span
    sentence: Span
    rule_id: str
    rule: str
    confidence: float
    quad: int
    score: float
    cameo: str
    date: str | None = None
    date_precision: str | None = None
    place: str | None = None
    reported_by: str | None = None
    reported_by_entity: str | None = None
    actor_mentions: list[str] = field(default_factory=list)
    recipient_mentions: list[str] = field(default_factory=list)
    id: str = ""
    text: str = field(default="", repr=False)
    #: current (news), background (old or explanatory) or reference (restated)
    status: str = "current"
    #: further trigger spans of the same occurrence (قتل … مقتل … الهجوم)
    evidence: list[Span] = field(default_factory=list)
    #: every participant with its country code and the basis of that code
    arguments: list[dict[str, Any]] = field(default_factory=list)
    #: the learned decision: model label, probabilities (None when no model decided)
    decision: dict[str, Any] | None = None
    #: for a reference: the id of the event it restates, reported earlier in the article
    refers_to: str | None = None
    #: tolls stated for it: kind (killed, injured, arrested, kidnapped) → value, approx,
    #: victims and the words read (rasid.events.counts)
    counts: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def is_fact(self) -> bool:
        """Counted as a fact in relations: a current, asserted event, not a claim."""
        return self.status == "current" and self.modality in ("asserted", "historical") \
            and self.reported_by is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "type": self.type, "mode": self.mode,
            "actor": self.actor, "recipient": self.recipient,
            "modality": self.modality, "reported_by": self.reported_by,
            "reported_by_entity": self.reported_by_entity,
            "date": self.date, "date_precision": self.date_precision, "place": self.place,
            "cameo": self.cameo, "score": self.score, "quad": self.quad,
            "trigger": {"text": self.trigger.of(self.text),
                        "start": self.trigger.start, "end": self.trigger.end},
            "sentence": {"start": self.sentence.start, "end": self.sentence.end},
            "rule": {"id": self.rule_id, "description": self.rule},
            "confidence": round(self.confidence, 3),
            "actor_mentions": self.actor_mentions, "recipient_mentions": self.recipient_mentions,
            "status": self.status,
            "evidence": [{"text": s.of(self.text), "start": s.start, "end": s.end}
                         for s in self.evidence],
            "arguments": self.arguments,
            "decision": self.decision,
            "refers_to": self.refers_to,
            "counts": self.counts,
        }

    def summary(self) -> str:
        actor = "+".join(self.actor) or "—"
        recipient = "+".join(self.recipient) or "—"
        mode = f"({self.mode})" if self.mode else ""
        extra = f", reported by {self.reported_by_entity or self.reported_by}" \
            if self.reported_by else ""
        words = self.trigger.of(self.text)
        status = "" if self.status == "current" else f"{self.status}, "
        return (f"{actor} → {self.type}{mode} → {recipient}  [{status}{self.modality}{extra}; "
                f"{self.date or 'no date'}{'; at ' + self.place if self.place else ''}]  "
                f"«{words}»")
