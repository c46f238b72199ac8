"""The dashboard's one door to the store: a read-only DuckDB connection, held carefully.

DuckDB lets many processes read a file but only one write it, and a reader blocks a
writer. So the dashboard holds its connection only while the store has articles to
show: a store that is missing or empty is opened per request and closed at once, so
the ``rasid ingest`` the empty page asks for can run while the server is up. Once the
store holds articles the connection is kept (opening a large store costs more than a
page may take) and every request reads through its own cursor, which DuckDB makes safe
across the server's threads.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from rasid.store import StoreError, connect


@dataclass(frozen=True)
class StoreState:
    """What the store looks like right now, for pages and API errors."""

    #: ``ready`` (articles to show), ``empty``, ``missing``, ``busy`` (an ingest holds
    #: the write lock) or ``error`` (not a store, or a schema this rasid cannot read)
    status: str
    message: str = ""

    @property
    def readable(self) -> bool:
        return self.status in ("ready", "empty")


class StoreUnavailable(Exception):
    """Raised by :meth:`Store.cursor` when there is no store to read."""

    def __init__(self, state: StoreState) -> None:
        super().__init__(state.message)
        self.state = state


class Store:
    """A read-only store, reconnected as needed (see the module docstring)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._conn: duckdb.DuckDBPyConnection | None = None
        self._lock = threading.Lock()
        #: bumped whenever the connection is (re)opened: caches key on it
        self.generation = 0

    def _open(self) -> tuple[duckdb.DuckDBPyConnection, bool]:
        """A connection and whether it should be kept."""
        if not self.path.exists():
            raise StoreUnavailable(StoreState(
                "missing", f"{self.path} does not exist yet: no articles have been ingested"))
        try:
            conn = connect(self.path, read_only=True)
        except StoreError as error:
            busy = "in use" in str(error)
            raise StoreUnavailable(StoreState("busy" if busy else "error", str(error))) from None
        row = conn.execute("SELECT count(*) FROM articles").fetchone()
        return conn, bool(row and row[0])

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for one request; raises StoreUnavailable when there is no store."""
        with self._lock:
            kept = self._conn
            if kept is None:
                conn, keep = self._open()
                if keep:
                    self._conn = kept = conn
                    self.generation += 1
        if kept is None:
            try:
                yield conn
            finally:
                conn.close()
            return
        cursor = kept.cursor()
        try:
            yield cursor
        finally:
            cursor.close()

    def state(self) -> StoreState:
        """The store's status, opening it if needed (used by the empty-store pages)."""
        try:
            with self.cursor() as cur:
                row = cur.execute("SELECT count(*) FROM articles").fetchone()
        except StoreUnavailable as error:
            return error.state
        if row and row[0]:
            return StoreState("ready")
        return StoreState("empty", f"{self.path} holds no articles yet")

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
