"""A writer's connection bounds DuckDB's memory as ``data/write_memory.json`` says."""

from __future__ import annotations

import duckdb

from rasid.store.gate import write_session
from rasid.store.knowledge import load


def _limit_of(megabytes: int) -> str:
    """How DuckDB states a limit of ``megabytes`` MB."""
    conn = duckdb.connect()
    try:
        conn.execute(f"SET memory_limit = '{megabytes}MB'")
        return conn.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    finally:
        conn.close()


def test_a_write_session_holds_the_configured_memory_limit(tmp_path) -> None:
    megabytes = load("write_memory.json")["memory_limit_mb"]
    assert isinstance(megabytes, int) and megabytes > 0
    default = duckdb.connect().execute("SELECT current_setting('memory_limit')").fetchone()[0]
    with write_session(tmp_path / "store.duckdb") as conn:
        limit = conn.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        # and the session still writes: a table of a few thousand rows bigger than
        # nothing, committed and read back
        conn.execute("CREATE TABLE probe AS SELECT range AS n, repeat('ن', 500) AS text "
                     "FROM range(20000)")
    assert limit == _limit_of(megabytes)
    assert limit != default
    with write_session(tmp_path / "store.duckdb") as conn:
        assert conn.execute("SELECT count(*), sum(length(text)) FROM probe").fetchone() == (
            20000, 20000 * 500)
