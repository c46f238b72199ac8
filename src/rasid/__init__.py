"""rasid (راصد, "observer"): reads Arabic news and reconstructs the political world it
describes, offline, with every result traceable to the words that support it.

Notebook use::

    import rasid
    analysis = rasid.analyze("وصل الرئيس المصري إلى الرياض أمس.", date="2024-05-14")
    analysis.to_dict()

Batch use builds a :class:`Pipeline` once (it loads the lexicon and knowledge base) and
calls it for each document.
"""

from __future__ import annotations

from typing import Any

from rasid._version import __version__
from rasid.analysis import Analysis
from rasid.errors import InputError, RasidError
from rasid.io import Document
from rasid.pipeline import Pipeline
from rasid.provenance import RepairResult

__all__ = ["Analysis", "Document", "InputError", "Pipeline", "RasidError", "RepairResult",
           "__version__", "analyze", "repair"]

_DEFAULT_PIPELINE: Pipeline | None = None


def _default_pipeline() -> Pipeline:
    global _DEFAULT_PIPELINE
    if _DEFAULT_PIPELINE is None:
        _DEFAULT_PIPELINE = Pipeline()
    return _DEFAULT_PIPELINE


def analyze(text: str, date: str | None = None, **kwargs: Any) -> Analysis:
    """Analyze one Arabic text with the default pipeline.

    ``date`` (YYYY-MM-DD) is the article's publication date; keyword arguments ``id``,
    ``title``, ``source`` and ``url`` are kept in the result's metadata.
    """
    from rasid.io import normalize_date

    return _default_pipeline().analyze(text, normalize_date(date, kwargs.get("id") or "<text>"),
                                       **kwargs)


def repair(text: str) -> RepairResult:
    """Repair raw text (Unicode fixes, glued words) and explain each change."""
    return _default_pipeline().repairer.repair(text)
