"""A pipeline plugin for the store tests: fills the layers with ``store_samples.layers``.

Imported with ``rasid ingest --plugin store_plugin`` (``tests/store`` on PYTHONPATH),
it registers the component ``store_fixture_layers``, so the whole path (reader,
workers, pipeline, writer) runs with non-empty mentions, entities, quotes and events
while the real layer components are still being written. ``STORE_PLUGIN_DELAY``
(seconds per document) slows it down so a test can kill an ingest mid-run;
``STORE_PLUGIN_BREAK_WORKERS`` makes it fail to import in worker processes.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from typing import Any

from store_samples import layers

from rasid.doc import Doc
from rasid.pipeline import Resources, register

if os.environ.get("STORE_PLUGIN_BREAK_WORKERS") and multiprocessing.parent_process():
    raise ImportError("store_plugin refuses to load in a worker process (test)")


@register("store_fixture_layers", requires=("tokens", "sentences"),
          sets=("mentions", "entities", "quotes", "events"),
          description="Test stand-in for the layer components (store tests only).")
class FixtureLayers:
    def __init__(self, resources: Resources, settings: dict[str, Any]) -> None:
        self.delay = float(os.environ.get("STORE_PLUGIN_DELAY", "0") or 0)

    def __call__(self, doc: Doc) -> Doc:
        if self.delay:
            time.sleep(self.delay)
        for name, items in layers(doc.text, doc.meta.date).items():
            doc.layers[name] = items
        doc.done.update(("mentions", "entities", "quotes", "events"))
        return doc


@register("store_fixture_crash", requires=("tokens",), sets=(),
          description="Test component that fails (a stand-in for a bug) on the word عطل.")
class FixtureCrash:
    def __init__(self, resources: Resources, settings: dict[str, Any]) -> None:
        pass

    def __call__(self, doc: Doc) -> Doc:
        if "عطل" in doc.text:
            raise RuntimeError("fixture component broke")
        return doc
