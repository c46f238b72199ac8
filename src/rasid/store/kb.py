"""The knowledge base a store's articles were analyzed with.

``rasid ingest --kb FILE`` (and ``watch``) record the text of the user's
knowledge-base files in the store's ``pipelines`` row, beside the settings of the run
(``rasid.batch.worker.stored_by``). Labels the store gives later (the dashboard and its
API, ``relations``, exports) come from the shipped knowledge base plus those recorded
files, so an actor a user added is named as the articles were analyzed with it, even
after the files moved or changed, and without passing them again. Runs with different
files layer in the order they were first used (a later run's entry wins).
"""

from __future__ import annotations

import json
import logging
import threading

import duckdb

from rasid.errors import KnowledgeBaseError
from rasid.kb.loader import KnowledgeBase, default_knowledge_base
from rasid.kb.sources import KbSource

__all__ = ["KnowledgeBase", "recorded_sources", "shipped_knowledge_base",
           "store_knowledge_base", "warm_up"]

log = logging.getLogger(__name__)

_LOCK = threading.Lock()
#: knowledge bases by the pipeline versions that recorded files (a version's label
#: includes the fingerprint of its files' text, so the same versions mean the same files)
_CACHE: dict[tuple[str, ...], KnowledgeBase] = {}
_CACHE_SIZE = 4


def shipped_knowledge_base() -> KnowledgeBase:
    """The shipped knowledge base alone (a store that records no files of its own)."""
    return default_knowledge_base()


def warm_up() -> None:
    """Parse the shipped files now (a server does it in its start-up thread, so the
    first page that needs a label does not wait)."""
    default_knowledge_base()


def recorded_sources(conn: duckdb.DuckDBPyConnection
                     ) -> list[tuple[str, list[KbSource]]]:
    """``(pipeline_version, files)`` of every run that used knowledge-base files of its
    own, the first used first."""
    found = conn.execute(
        "SELECT pipeline_version, json_extract(settings, '$.knowledge_base') FROM pipelines "
        "WHERE json_extract(settings, '$.knowledge_base') IS NOT NULL "
        "ORDER BY first_used, pipeline_version").fetchall()
    runs = []
    for version, recorded in found:
        files = json.loads(recorded) if isinstance(recorded, str) else recorded
        if not isinstance(files, list):
            raise KnowledgeBaseError(f"pipeline {version}: its recorded knowledge-base files "
                                     "are not a list")
        runs.append((str(version), [KbSource.from_dict(item) for item in files]))
    return runs


def store_knowledge_base(conn: duckdb.DuckDBPyConnection) -> KnowledgeBase:
    """The shipped knowledge base plus every user file the store's runs recorded.

    A recorded file this rasid cannot read any more (a rule became stricter) is
    reported in the log and the labels fall back to the shipped knowledge base, so the
    dashboard keeps answering.
    """
    try:
        runs = recorded_sources(conn)
    except KnowledgeBaseError as error:
        log.warning("the store's recorded knowledge-base files are unreadable: %s", error)
        return default_knowledge_base()
    if not runs:
        return default_knowledge_base()
    key = tuple(version for version, _ in runs)
    with _LOCK:
        cached = _CACHE.get(key)
    if cached is not None:
        return cached
    try:
        kb = KnowledgeBase.layered(files for _, files in runs)
    except KnowledgeBaseError as error:
        log.warning("the store's recorded knowledge-base files do not load: %s", error)
        return default_knowledge_base()
    with _LOCK:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = kb
    return kb
