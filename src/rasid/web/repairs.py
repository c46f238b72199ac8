"""The repair steps that turned a stored article's raw text into the text shown.

The store keeps the raw text and the repaired text but not the list of changes (they
are cheap to recompute and would double the store). So the article page repairs the
raw text again, with the repair settings the article was analyzed with, and shows the
named steps when the result is exactly the stored text (with the lexicon of the
knowledge base the store recorded, so a user's names split glued words as they did at
ingest). When it is not (another rasid version or other settings) the page says so
and shows a plain character difference instead, which is still true but has no names.

Building the repairer loads the lexicon (seconds), so it is built once, on first use or
by :meth:`RepairExplainer.warm_up` in a background thread when the server starts.
"""

from __future__ import annotations

import difflib
import threading
from collections.abc import Callable
from typing import Any

CONTEXT = 20


class RepairExplainer:
    """Explains stored articles' repairs; one per app, safe across threads."""

    def __init__(self, lexicon: Callable[[], Any] | None = None) -> None:
        """``lexicon`` gives the lexicon to repair with (that of the knowledge base the
        store was built with, whose names decide glued-word splits); the shipped one
        when None."""
        self._lock = threading.Lock()
        self._lexicon = lexicon
        self._repairers: dict[frozenset[str], Any] = {}

    def _repairer(self, disabled: frozenset[str]) -> Any:
        with self._lock:
            if disabled not in self._repairers:
                from rasid.text.lexicon import default_lexicon
                from rasid.text.repair import Repairer

                lexicon = self._lexicon() if self._lexicon is not None else default_lexicon()
                self._repairers[disabled] = Repairer(lexicon, disabled=disabled)
            return self._repairers[disabled]

    def warm_up(self) -> None:
        self._repairer(frozenset())

    def explain(self, raw: str | None, text: str, settings: dict[str, Any] | None
                ) -> dict[str, Any]:
        """``{"source", "changes", "note"}``: ``source`` is ``repairer`` (named steps),
        ``diff`` (a plain difference) or ``none`` (no raw text stored)."""
        if raw is None:
            return {"source": "none", "changes": [],
                    "note": "the store does not keep this article's raw text"}
        if raw == text:
            return {"source": "repairer", "changes": [], "note": "the raw text needed no repair"}
        disabled = frozenset((settings or {}).get("repair_disabled") or ())
        try:
            result = self._repairer(disabled).repair(raw)
        except ValueError:  # repair steps this rasid does not know
            result = None
        if result is not None and result.text == text:
            return {"source": "repairer", "note": "",
                    "changes": [with_context(change.to_dict(), raw, text)
                                for change in result.changes]}
        return {"source": "diff", "changes": difference(raw, text),
                "note": "repairing the raw text again does not give the stored text (it was "
                        "analyzed by another rasid or with other settings): the changes are "
                        "shown as a plain difference"}


def with_context(change: dict[str, Any], raw: str, text: str | None = None
                 ) -> dict[str, Any]:
    """The change with a little raw text around it, to show where it happened, and
    (given the repaired ``text``) the whole words it touched before and after, so an
    inserted space reads ``العاصمةالأردنية → العاصمة الأردنية``, not ``"" → " "``."""
    from rasid.report import words_around

    start, end = change["raw"]
    result = {**change, "context_before": raw[max(0, start - CONTEXT):start],
              "context_after": raw[end:end + CONTEXT]}
    if text is not None:
        raw_left, raw_right = words_around(raw, start, end)
        left, right = words_around(text, *change["new"])
        result.update(words_before=raw[raw_left:raw_right], words_after=text[left:right])
    return result


def difference(raw: str, text: str, limit: int = 500) -> list[dict[str, Any]]:
    """Repair-shaped changes from a character difference (step ``difference``)."""
    matcher = difflib.SequenceMatcher(None, raw, text, autojunk=False)
    changes = []
    for tag, r1, r2, t1, t2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        change = {"step": "difference", "raw": [r1, r2], "new": [t1, t2],
                  "before": raw[r1:r2], "after": text[t1:t2]}
        changes.append(with_context(change, raw, text))
        if len(changes) >= limit:
            break
    return changes
