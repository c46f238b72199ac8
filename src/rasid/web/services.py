"""What every request handler shares: the store, the analyzer, the repair explainer.

One :class:`Services` lives on ``app.state`` so the API and the pages read the same
store through the same connection policy and build the same article views.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from fastapi import Request

from rasid.web.analyzer import Analyzer
from rasid.web.db import Store, StoreUnavailable
from rasid.web.reads import articles
from rasid.web.repairs import RepairExplainer


@dataclass
class Services:
    db_path: Path
    store: Store
    analyzer: Analyzer
    explainer: RepairExplainer

    @property
    def ingest_hint(self) -> str:
        return f"rasid ingest PATH --db {self.db_path}"

    def article(self, cur: duckdb.DuckDBPyConnection, article_id: str
                ) -> dict[str, Any] | None:
        """A stored article, Analysis-shaped, with its repairs explained."""
        article = articles.get_article(cur, article_id)
        if article is None or article["status"] != "ok":
            return article
        settings = articles.pipeline_settings(cur, article["store"]["pipeline_version"])
        explained = self.explainer.explain(articles.raw_text(cur, article_id), article["text"],
                                           settings)
        article["repairs"] = explained["changes"]
        article["repairs_source"] = explained["source"]
        article["repairs_note"] = explained["note"]
        return article


class StoreResources:
    """The pipeline resources (lexicon, knowledge base, models) of the knowledge base
    the store was built with, built on first use and shared by the analyzer and the
    repair explainer. A store still empty or missing gives the shipped ones, and is
    asked again next time."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._resources: Any = None

    def get(self) -> Any:
        from rasid.pipeline import Resources
        from rasid.store.kb import shipped_knowledge_base, store_knowledge_base

        with self._lock:
            if self._resources is not None:
                return self._resources
            try:
                with self.store.cursor() as cur:
                    kb = store_knowledge_base(cur)
            except StoreUnavailable:
                return Resources.of(shipped_knowledge_base())
            self._resources = Resources.of(kb)
            return self._resources


def services(request: Request) -> Services:
    """The app's Services (a FastAPI dependency)."""
    return request.app.state.services
