"""The dashboard's one door to the store: a read-only DuckDB connection that takes turns.

DuckDB lets many processes read a file but only one write it, and a reader blocks a
writer. The dashboard must keep answering while ``rasid watch`` or ``rasid ingest``
adds news, so it takes turns with them through the store's gate
(``rasid.store.gate``):

* once the store holds articles the connection is kept (opening a large store costs
  more than a page may take) and every request reads through its own cursor, which
  DuckDB makes safe across the server's threads;
* a watcher thread looks at the gate a few times a second; when a writer takes it,
  the connection is retired: requests already reading finish, the last one closes it,
  and new requests wait at the gate (at most ``wait`` seconds) while the writer writes
  its batch, then reopen the store and see the new data at once;
* a store that is missing or empty is opened per request and closed at once, so the
  ``rasid ingest`` the empty page asks for can run while the server is up.

A writer that does not take turns (an older rasid, a DuckDB shell) still makes the
store ``busy``: requests then answer 503 after a short wait instead of hanging.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from rasid.store import StoreError, connect
from rasid.store.gate import Gate

#: how long a request waits for a writer's batch before answering 503, in seconds
WAIT_FOR_WRITER = 30.0
#: how long a request retries a store locked by a writer that does not take turns
WAIT_FOR_LOCK = 2.0
#: how often the watcher thread looks at the gate, in seconds
WATCH_EVERY = 0.1


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
    """A read-only store that yields to writers (see the module docstring)."""

    def __init__(self, path: str | Path, *, wait: float = WAIT_FOR_WRITER,
                 watch_every: float = WATCH_EVERY) -> None:
        self.path = Path(path)
        self.gate = Gate(self.path)
        self.wait = wait
        self.watch_every = watch_every
        self._conn: duckdb.DuckDBPyConnection | None = None
        self._in_flight = 0
        self._retiring = False
        self._opening = False
        self._cond = threading.Condition()
        self._closed = threading.Event()
        self._watcher: threading.Thread | None = None
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
        try:
            row = conn.execute("SELECT count(*) FROM articles").fetchone()
        except BaseException:
            conn.close()
            raise
        return conn, bool(row and row[0])

    def _open_in_turn(self) -> tuple[duckdb.DuckDBPyConnection, bool]:
        """Open the store once no writer is inside; called with ``_cond`` held."""
        started = time.monotonic()
        while True:
            if self.gate.writer_inside():
                if time.monotonic() - started >= self.wait:
                    raise StoreUnavailable(StoreState(
                        "busy", f"{self.path}: a writer has held the store for over "
                        f"{self.wait:.0f} s; try again in a moment"))
                self._cond.wait(0.02)  # lets finishing requests release meanwhile
                continue
            try:
                return self._open()
            except StoreUnavailable as error:
                # a writer that took the gate after we looked, or one that does not
                # take turns at all: retry the first for long, the second briefly
                limit = self.wait if self.gate.writer_inside() else WAIT_FOR_LOCK
                if error.state.status != "busy" or time.monotonic() - started >= limit:
                    raise
                self._cond.wait(0.05)

    def _watch_gate(self) -> None:
        """Retire the kept connection whenever a writer takes the gate."""
        while not self._closed.wait(self.watch_every):
            if self._conn is None or not self.gate.writer_inside():
                continue
            with self._cond:
                if self._conn is not None:
                    self._retiring = True
                    self._release_if_idle()

    def _release_if_idle(self) -> None:
        """Close a retired connection once no request reads through it (``_cond`` held)."""
        if self._retiring and self._in_flight == 0 and self._conn is not None:
            self._conn.close()
            self._conn = None
            self._retiring = False
            self._cond.notify_all()

    def _keep(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn
        self.generation += 1
        if self._watcher is None:
            self._watcher = threading.Thread(target=self._watch_gate, daemon=True,
                                             name="rasid-store-gate")
            self._watcher.start()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for one request; raises StoreUnavailable when there is no store."""
        own: duckdb.DuckDBPyConnection | None = None
        kept: duckdb.DuckDBPyConnection | None = None
        with self._cond:
            started = time.monotonic()
            while kept is None and own is None:
                if self._retiring or self._opening:
                    # a writer is waiting (let it in first), or another request is
                    # opening the store (use its connection)
                    if time.monotonic() - started >= self.wait:
                        raise StoreUnavailable(StoreState(
                            "busy", f"{self.path}: the store is still being written"))
                    self._cond.wait(0.05)
                elif self._conn is not None:
                    kept = self._conn
                    self._in_flight += 1
                else:
                    self._opening = True
                    try:
                        conn, keep = self._open_in_turn()
                    finally:
                        self._opening = False
                        self._cond.notify_all()
                    if keep:
                        self._keep(conn)
                    else:
                        own = conn
        if own is not None:
            try:
                yield own
            finally:
                own.close()
            return
        assert kept is not None
        try:
            cursor = kept.cursor()
            try:
                yield cursor
            finally:
                cursor.close()
        finally:
            with self._cond:
                self._in_flight -= 1
                self._release_if_idle()

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
        self._closed.set()
        with self._cond:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            self._retiring = False
