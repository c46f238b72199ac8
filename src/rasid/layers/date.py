"""Date records: the ``dates`` layer (``rasid.dates`` reads them)."""

from __future__ import annotations

from dataclasses import dataclass

from rasid.span import Span, Spanned


@dataclass(frozen=True)
class DateMention(Spanned):
    """A date expression of the text, resolved against the article date."""

    date: str  # YYYY-MM-DD (first day of the month or year when less precise)
    precision: str  # day, month, year
    span: Span  # the characters read
    relative: bool
    text: str = ""  # the words read, ``span.of(doc.text)`` (set by ``find_doc_dates``)

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "start": self.span.start, "end": self.span.end,
                "date": self.date, "precision": self.precision, "relative": self.relative}
