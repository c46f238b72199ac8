"""What a worker does with one document: analyze it and return a store record.

The same code runs in the ingesting process (one worker), in each process of a
multiprocessing pool and in each Dask worker, so results never depend on how a corpus
was run. A Pipeline is expensive to build (it loads the lexicon) and is built once per
process and reused (cached by its settings); workers return compact records, not the
full Analysis JSON: the store keeps no tokens or offsets, and building and shipping
them would cost a third of the analysis time.
"""

from __future__ import annotations

import importlib
import json
import os
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from rasid._version import __version__
from rasid.analysis import SCHEMA, Analysis
from rasid.collector import settle as settle_collector
from rasid.doc import SUMMARIES, content_id
from rasid.errors import InputError
from rasid.io import Document
from rasid.kb.loader import KnowledgeBase
from rasid.kb.sources import KbSource, digest, read_source
from rasid.pipeline import Pipeline
from rasid.store import dedup
from rasid.store.writer import analysis_record, failure_record, pipeline_version


@dataclass(frozen=True)
class RunSettings:
    """Everything a worker needs to analyze like every other worker (picklable).

    ``pipeline`` is the resolved Pipeline settings; ``plugins`` are modules imported
    before the Pipeline is built (they register extra components); ``dedup`` is the
    near-duplicate signature settings (None: compute no signatures); ``kb_digest`` the
    fingerprint of the user's knowledge-base files as they were when the run started
    (:func:`user_knowledge_base`), so that editing one makes a new pipeline version.
    """

    pipeline: dict[str, Any]
    plugins: tuple[str, ...] = ()
    dedup: dict[str, Any] | None = field(default=None)
    kb_digest: str | None = None

    @property
    def version(self) -> str:
        return pipeline_version(self.pipeline, self.plugins, self.kb_digest)

    def to_dict(self) -> dict[str, Any]:
        return {"pipeline": self.pipeline, "plugins": list(self.plugins), "dedup": self.dedup,
                "kb_digest": self.kb_digest}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunSettings:
        return cls(dict(data["pipeline"]), tuple(data.get("plugins") or ()), data.get("dedup"),
                   data.get("kb_digest"))


def user_knowledge_base(settings: dict[str, Any]) -> list[KbSource]:
    """The user's knowledge-base files (``kb_files``) as text, each checked on its own
    now, so that a bad file fails the run at once with its file and line, not in every
    worker. The store records them with the pipeline (``rasid.store.kb``)."""
    sources = [read_source(path) for path in settings.get("kb_files") or ()]
    if sources:
        KnowledgeBase.from_sources(sources, shipped=False)
    return sources


def prepare_run(settings: dict[str, Any], plugins: tuple[str, ...],
                dedup: dict[str, Any] | None) -> tuple[RunSettings, dict[str, Any]]:
    """The settings of a run and what the store's ``pipelines`` row records of it: its
    settings, its plugins and the text of the user's knowledge-base files (so labels
    can be read from them later, wherever the files are by then)."""
    sources = user_knowledge_base(settings)
    run = RunSettings(settings, plugins, dedup, digest(sources) if sources else None)
    recorded: dict[str, Any] = {"pipeline": settings, "plugins": list(plugins)}
    if sources:
        recorded["knowledge_base"] = [source.to_dict() for source in sources]
    return run, recorded


#: The error code of documents a component failed on (retried by the next ingest).
INTERNAL_ERROR = "R900"

_PIPELINES: dict[str, Pipeline] = {}
_CURRENT: RunSettings | None = None


def import_plugins(plugins: tuple[str, ...] | list[str]) -> None:
    """Import plugin modules (each registers its components when imported)."""
    for name in plugins:
        importlib.import_module(name)


def get_pipeline(settings: RunSettings) -> Pipeline:
    """This process's Pipeline for ``settings``, built on first use and kept."""
    key = json.dumps(settings.to_dict(), sort_keys=True)
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        import_plugins(settings.plugins)
        pipeline = Pipeline(settings.pipeline)
        pipeline.analyze("قال الوزير إن المحادثات مستمرة.")  # builds the resources now
        # the lexicon, knowledge base and models are millions of objects that live as
        # long as the process: the cyclic collector need not walk them again and again
        settle_collector()
        _PIPELINES[key] = pipeline
    return pipeline


def store_dict(analysis: Analysis) -> dict[str, Any]:
    """The parts of the Analysis JSON the store keeps, and the counts of the rest."""
    doc = analysis.doc
    result: dict[str, Any] = {
        "schema": SCHEMA, "rasid_version": __version__, "id": doc.id, "status": "ok",
        "meta": doc.meta.to_dict(), "raw_length": len(doc.repair.raw), "text": doc.text,
        "n_sentences": len(doc.sentences), "n_tokens": len(doc.tokens),
        "n_repairs": len(doc.repair.changes),
    }
    result.update(doc.layers.to_dict())
    for name in SUMMARIES:
        result[name] = doc.summaries[name]
    return result


def _meta(document: Document) -> dict[str, Any]:
    return {"date": document.date, "title": document.title, "source": document.source,
            "url": document.url}


def process(pipeline: Pipeline, item: Document | InputError | dict[str, Any],
            dedup_settings: dict[str, Any] | None = None) -> dict[str, Any]:
    """Analyze one document into a store record; a reading failure becomes a failure
    record and a ready record (a document the reader already rejected) passes through.

    An unexpected exception in a component (a bug, not bad input) does not stop a
    corpus run either: it is stored as a failure with code ``R900`` that names the
    exception, and ``ingest`` retries such documents on its next run instead of
    treating them as done.
    """
    if isinstance(item, dict):
        return item
    if isinstance(item, InputError):
        return failure_record(item.document, item.reason, item.code)
    keep = pipeline.settings["max_chars"]
    try:
        analysis = pipeline.run(item)
    except InputError as error:
        return failure_record(error.document, error.reason, error.code, raw_text=item.text,
                              meta=_meta(item), doc_id=item.id, keep_raw_chars=keep)
    except Exception as error:  # a component's bug: recorded, reported, retried next run
        reason = (f"internal error while analyzing ({type(error).__name__}: {error}); "
                  "please report it")
        return failure_record(item.origin, reason, INTERNAL_ERROR, raw_text=item.text,
                              meta=_meta(item), doc_id=item.id, keep_raw_chars=keep)
    signature = params = None
    if dedup_settings is not None:
        signature, params = dedup.signature(analysis.text, dedup_settings)
    return analysis_record(store_dict(analysis), raw_text=item.text, origin=item.origin,
                           minhash=signature, minhash_params=params)


def expected_ids(item: Document | InputError) -> tuple[str, ...]:
    """The ids a document's record can get (analyzed, or failed), to skip stored ones
    without analyzing them again."""
    from rasid.store.writer import failure_id

    if isinstance(item, InputError):
        return (failure_id(item.document),)
    return (content_id(item.text), failure_id(item.origin, item.text))


# -- process pool workers --------------------------------------------------------------

def _watch_parent(parent: int) -> None:
    """End this worker when the process that started it is gone (killed, even with
    SIGKILL), instead of lingering as an orphan waiting for work."""
    while True:
        if os.getppid() != parent:
            os._exit(0)
        time.sleep(0.5)


def init_pool_worker(settings: dict[str, Any], parent: int) -> None:
    """Pool initializer: build this process's Pipeline once."""
    global _CURRENT
    _CURRENT = RunSettings.from_dict(settings)
    get_pipeline(_CURRENT)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def process_in_pool(items: list[Document | InputError | dict[str, Any]]
                    ) -> list[dict[str, Any]]:
    """Pool task: analyze a few documents with this process's Pipeline."""
    assert _CURRENT is not None, "init_pool_worker was not run"
    pipeline = get_pipeline(_CURRENT)
    return [process(pipeline, item, _CURRENT.dedup) for item in items]
