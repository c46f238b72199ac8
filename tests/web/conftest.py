"""Fixtures for the web tests: one store for the session and real servers over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from webenv import Server, build_store, run_server


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory, pipeline) -> Path:
    """A store of the test texts, analyzed by the real pipeline."""
    return build_store(tmp_path_factory.mktemp("web") / "news.duckdb", pipeline)


@pytest.fixture(scope="session")
def server(web_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``rasid serve`` over the test store, analysis off."""
    with run_server(web_store, tmp_path_factory.mktemp("logs") / "server.log") as running:
        yield running


@pytest.fixture(scope="session")
def analyze_server(web_store: Path, tmp_path_factory: pytest.TempPathFactory
                   ) -> Iterator[Server]:
    """``rasid serve --allow-analyze`` with a small size limit (2,000 characters)."""
    log = tmp_path_factory.mktemp("logs") / "analyze.log"
    with run_server(web_store, log, "--allow-analyze", "--max-analyze-chars", "2000") as running:
        yield running


@pytest.fixture(scope="session")
def db(web_store: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection of the tests' own, to check answers against the tables."""
    conn = duckdb.connect(str(web_store), read_only=True)
    yield conn
    conn.close()


@pytest.fixture(scope="session")
def sample(db: duckdb.DuckDBPyConnection) -> dict:
    """Ids found in the store: an article rich in layers, a busy dyad, a busy actor."""
    article = db.execute(
        "SELECT a.id FROM articles a JOIN mentions m ON m.article_id = a.id "
        "WHERE a.status = 'ok' AND a.duplicate_of IS NULL GROUP BY a.id "
        "ORDER BY count(*) DESC, a.id LIMIT 1").fetchone()[0]
    pair = db.execute(
        "SELECT s.entity_id, r.entity_id FROM event_actors s JOIN event_actors r "
        "ON r.article_id = s.article_id AND r.event_id = s.event_id AND r.role = 'recipient' "
        "JOIN articles a ON a.id = s.article_id WHERE s.role = 'actor' "
        "AND a.duplicate_of IS NULL AND s.entity_id <> r.entity_id "
        "GROUP BY ALL ORDER BY count(*) DESC, 1, 2 LIMIT 1").fetchone()
    actor = db.execute(
        "SELECT entity_id FROM event_actors GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"
    ).fetchone()[0]
    repaired = db.execute("SELECT id FROM articles WHERE status = 'ok' AND raw_text <> text "
                          "LIMIT 1").fetchone()
    return {"article": article, "actor": actor, "dyad": pair,
            "repaired": repaired[0] if repaired else None}
