"""Taking turns on one store: writers that let go between batches, readers that yield.

DuckDB lets one process write a file, or many read it, never both at once. A live
store has a writer (``rasid watch``, ``rasid ingest``) and readers (``rasid serve``),
so they take turns at batch boundaries:

* a **writer** holds the store only while it writes one batch: it takes the *gate*
  (an exclusive ``flock`` on the file ``<store>.gate`` beside the store), opens the
  store, writes, closes it (DuckDB checkpoints) and releases the gate. Analysis, the
  slow part, happens while the store is free. Two gate-aware writers interleave their
  batches instead of failing.
* a **reader** passes the gate (a shared lock, held only for the moment of passing)
  before it opens the store, so it waits while a writer writes, and watches the gate
  while it keeps its connection: when a writer takes the gate, the reader closes its
  connection as soon as the requests in flight are done, then waits and reopens.

Readers never hold the gate, so a waiting writer gets it at once, and readers
arriving after it wait at the gate rather than starving it. The lock is advisory: a
program that does not know the gate (an older rasid, a DuckDB shell) still finds the
store locked, as before. ``flock`` exists on Linux, macOS and the BSDs; elsewhere the
gate is a no-op and the store behaves as a plain DuckDB file.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from rasid.store.errors import StoreError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

#: how often a waiting writer or reader tries again, in seconds
POLL = 0.02


def gate_path(db: str | Path) -> Path:
    """The gate file of the store ``db``."""
    db = Path(db)
    return db.with_name(db.name + ".gate")


class Gate:
    """The gate of one store (see the module docstring)."""

    def __init__(self, db: str | Path) -> None:
        self.path = gate_path(db)

    def _try(self, fd: int, mode: int) -> bool:
        assert fcntl is not None
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def writer_inside(self) -> bool:
        """Whether a writer holds (or is just taking) the gate right now."""
        if fcntl is None:
            return False
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError:  # no gate file: no gate-aware writer has used this store
            return False
        try:
            if self._try(fd, fcntl.LOCK_SH):
                fcntl.flock(fd, fcntl.LOCK_UN)
                return False
            return True
        finally:
            os.close(fd)

    def wait_for_writer(self, timeout: float) -> bool:
        """Wait until no writer holds the gate; False when ``timeout`` seconds passed."""
        deadline = time.monotonic() + timeout
        while self.writer_inside():
            if time.monotonic() >= deadline:
                return False
            time.sleep(POLL)
        return True

    @contextmanager
    def writing(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the gate exclusively; waits for another writer's batch to end first."""
        if fcntl is None:
            yield
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = None if timeout is None else time.monotonic() + timeout
            while not self._try(fd, fcntl.LOCK_EX):
                if deadline is not None and time.monotonic() >= deadline:
                    raise StoreError(f"{self.path}: another writer has held the store for "
                                     f"over {timeout:.0f} s; try again later")
                time.sleep(POLL)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


@contextmanager
def write_session(db: str | Path, timeout: float = 60.0
                  ) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to ``db`` for one batch, taken in turn with readers.

    Waits at most ``timeout`` seconds for readers to let go of the store (a reader
    that knows the gate lets go within a fraction of a second; one that does not, such
    as a DuckDB shell, makes this fail with a StoreError saying so).
    """
    from rasid.store.schema import connect

    with Gate(db).writing(timeout=None):
        deadline = time.monotonic() + timeout
        while True:
            try:
                conn = connect(db)
                break
            except StoreError as error:
                if "in use" not in str(error) or time.monotonic() >= deadline:
                    if "in use" in str(error):
                        raise StoreError(
                            f"{db}: another process kept the store open for over "
                            f"{timeout:.0f} s (a program that does not take turns, such as "
                            "a DuckDB shell or an older rasid); close it and run again"
                        ) from None
                    raise
                time.sleep(POLL)
        try:
            limit_write_memory(conn)
            yield conn
        finally:
            conn.close()


def limit_write_memory(conn: duckdb.DuckDBPyConnection) -> None:
    """Bound DuckDB's buffer pool on a writer's connection (``data/write_memory.json``).

    The checkpoint at each batch's close merges row groups whose size grows with the
    store; unbounded, DuckDB keeps what it read and wrote for that in memory, and the
    peak memory of a long ingest grows with the store rather than staying flat.
    """
    from rasid.store.knowledge import load

    megabytes = int(load("write_memory.json")["memory_limit_mb"])
    conn.execute(f"SET memory_limit = '{megabytes}MB'")
