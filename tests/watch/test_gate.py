"""Taking turns on one store: a writer's batch waits for the dashboard to let go, the
dashboard waits for the batch, and neither fails."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from rasid.store import StoreError, connect
from rasid.store.gate import Gate, gate_path, write_session
from rasid.web.db import Store, StoreUnavailable


def _store(tmp_path: Path) -> Path:
    db = tmp_path / "turns.duckdb"
    conn = connect(db)
    conn.execute("INSERT INTO articles (id, status, pipeline_version, analyzed_at) "
                 "VALUES ('a1', 'ok', 'v', now())")
    conn.close()
    return db


def _count(store: Store) -> int:
    with store.cursor() as cur:
        return cur.execute("SELECT count(*) FROM articles").fetchone()[0]


def test_the_dashboard_lets_a_writer_in_and_sees_its_batch(tmp_path: Path) -> None:
    db = _store(tmp_path)
    store = Store(db)
    try:
        assert _count(store) == 1  # the dashboard now keeps its connection open
        started = time.monotonic()
        with write_session(db, timeout=10) as conn:  # it lets go within a moment
            waited = time.monotonic() - started
            conn.execute("INSERT INTO articles (id, status, pipeline_version, analyzed_at) "
                         "VALUES ('a2', 'ok', 'v', now())")
        assert waited < 5
        assert _count(store) == 2  # reopened, with the new row
    finally:
        store.close()


def test_requests_wait_for_a_batch_instead_of_failing(tmp_path: Path) -> None:
    db = _store(tmp_path)
    store = Store(db)
    results: list[int] = []
    try:
        assert _count(store) == 1
        with write_session(db) as conn:
            reader = threading.Thread(target=lambda: results.append(_count(store)))
            reader.start()
            time.sleep(0.5)
            assert results == []  # waiting at the gate, not failing
            conn.execute("INSERT INTO articles (id, status, pipeline_version, analyzed_at) "
                         "VALUES ('a2', 'ok', 'v', now())")
        reader.join(timeout=10)
        assert results == [2]
    finally:
        store.close()


def test_a_writer_that_stays_too_long_makes_requests_answer_busy(tmp_path: Path) -> None:
    db = _store(tmp_path)
    store = Store(db, wait=0.5)
    try:
        with write_session(db):
            with pytest.raises(StoreUnavailable) as caught:
                _count(store)
        assert caught.value.state.status == "busy"
        assert _count(store) == 1
    finally:
        store.close()


def test_two_writers_take_turns(tmp_path: Path) -> None:
    db = _store(tmp_path)
    order: list[str] = []

    def write(name: str) -> None:
        for n in range(5):
            with write_session(db) as conn:
                order.append(f"{name}+")
                conn.execute("INSERT INTO articles (id, status, pipeline_version, analyzed_at)"
                             " VALUES (?, 'ok', 'v', now())", [f"{name}{n}"])
                time.sleep(0.02)
                order.append(f"{name}-")

    threads = [threading.Thread(target=write, args=(name,)) for name in "xy"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    # sessions never overlap: every start is followed by its own end
    assert all(order[i][0] == order[i + 1][0] and order[i].endswith("+")
               for i in range(0, len(order), 2))
    conn = connect(db, read_only=True)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 11
    conn.close()


def test_a_program_that_does_not_take_turns_is_named(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = _store(tmp_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('open', flush=True); time.sleep(30)", str(db)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="does not take turns"):
            with write_session(db, timeout=0.5):
                pass
    finally:
        holder.kill()
        holder.wait()
    assert gate_path(db).exists() and not Gate(db).writer_inside()
