"""The Analysis: a plain, serializable result of all layers of one article.

Its JSON form is rasid's public contract (documented in the README and versioned by
``schema``): every offset in it addresses ``text``, the repaired text, and
``raw_offsets`` leads any span back to the raw input.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from rasid._version import __version__
from rasid.doc import LAYERS, SUMMARIES, Doc
from rasid.errors import InputError
from rasid.token_json import tokens_json

SCHEMA = "rasid.analysis/1"


@dataclass
class Analysis:
    """The Doc of an article and its layers, with dict and JSON forms."""

    doc: Doc

    @property
    def id(self) -> str:
        return self.doc.id

    @property
    def text(self) -> str:
        return self.doc.text

    def __getattr__(self, name: str) -> Any:
        if name in LAYERS:
            return getattr(self.doc.layers, name)
        if name in SUMMARIES:
            return self.doc.summaries[name]
        raise AttributeError(name)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The raw-input span of a span of the repaired text."""
        return self.doc.repair.to_raw(start, end)

    def to_dict(self) -> dict[str, Any]:
        return {**self._head(), "tokens": [t.to_dict() for t in self.doc.tokens],
                **self._layers()}

    def _head(self) -> dict[str, Any]:
        """The keys before ``tokens``, in the order of the JSON."""
        doc = self.doc
        return {
            "schema": SCHEMA,
            "rasid_version": __version__,
            "id": doc.id,
            "status": "ok",
            "meta": doc.meta.to_dict(),
            "raw_length": len(doc.repair.raw),
            "text": doc.text,
            "raw_offsets": doc.repair.offsets.to_list(),
            "repairs": [change.to_dict() for change in doc.repair.changes],
            "sentences": [s.to_dict() for s in doc.sentences],
        }

    def _layers(self) -> dict[str, Any]:
        """The keys after ``tokens``: the layers, then the summaries."""
        doc = self.doc
        result: dict[str, Any] = doc.layers.to_dict()
        for name in SUMMARIES:
            result[name] = doc.summaries[name]
        return result

    def to_json(self, indent: int | None = None) -> str:
        """The Analysis JSON; on one line (``indent`` None) the tokens, most of it, are
        written directly (``token_json``), the same characters ``json.dumps`` gives."""
        if indent is not None:
            return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
        head = json.dumps(self._head(), ensure_ascii=False)
        tail = json.dumps(self._layers(), ensure_ascii=False)
        return f'{head[:-1]}, "tokens": {tokens_json(self.doc.tokens)}, {tail[1:]}'


def failure_dict(error: InputError) -> dict[str, Any]:
    """The record written for a document that could not be analyzed."""
    return {
        "schema": SCHEMA,
        "rasid_version": __version__,
        "id": None,
        "status": "failed",
        "document": error.document,
        "error": {"code": error.code, "reason": error.reason},
    }
