"""What the watcher has read, kept in the store so a restart resumes where it stopped.

Files are remembered by path with their size, modification time and content digest;
feeds with their HTTP validators (ETag, Last-Modified) and back-off; feed items with
their page's validators, the article they produced and their status. Each change is
written in the transaction that stores the articles it produced (``Writer.write``'s
``also``), so a watcher killed at any moment has either stored a file's articles *and*
remembered the file, or neither: it reads the file again and, the article ids being
content hashes, stores nothing twice.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import duckdb

from rasid.store.schema import LAYER_TABLES, get_meta, set_meta


def now() -> datetime.datetime:
    """The current UTC time, naive (as the store keeps timestamps)."""
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class FileState:
    path: str
    size: int
    mtime_ns: int
    digest: str
    documents: int = 0
    failed: int = 0


@dataclass(frozen=True)
class FeedState:
    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    next_try: datetime.datetime | None = None
    last_status: str | None = None
    last_error: str | None = None


@dataclass(frozen=True)
class ItemState:
    feed: str
    key: str
    url: str | None
    stamp: str | None
    etag: str | None = None
    last_modified: str | None = None
    status: str = "ok"
    article_id: str | None = None
    error: str | None = None
    attempts: int = 0
    next_try: datetime.datetime | None = None


def load_files(conn: duckdb.DuckDBPyConnection) -> dict[str, FileState]:
    rows = conn.execute("SELECT path, size, mtime_ns, digest, documents, failed "
                        "FROM watch_files").fetchall()
    return {row[0]: FileState(*row) for row in rows}


def load_feeds(conn: duckdb.DuckDBPyConnection) -> dict[str, FeedState]:
    rows = conn.execute("SELECT url, title, etag, last_modified, failures, next_try, "
                        "last_status, last_error FROM watch_feeds").fetchall()
    return {row[0]: FeedState(*row) for row in rows}


def load_items(conn: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], ItemState]:
    rows = conn.execute("SELECT feed, key, url, stamp, etag, last_modified, status, "
                        "article_id, error, attempts, next_try FROM watch_items").fetchall()
    return {(row[0], row[1]): ItemState(*row) for row in rows}


def save_file(conn: duckdb.DuckDBPyConnection, state: FileState) -> None:
    conn.execute("INSERT OR REPLACE INTO watch_files VALUES (?, ?, ?, ?, ?, ?, ?)",
                 [state.path, state.size, state.mtime_ns, state.digest, state.documents,
                  state.failed, now()])


def save_feed(conn: duckdb.DuckDBPyConnection, state: FeedState) -> None:
    conn.execute("INSERT OR REPLACE INTO watch_feeds VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 [state.url, state.title, state.etag, state.last_modified, state.failures,
                  state.next_try, state.last_status, state.last_error, now()])


def save_item(conn: duckdb.DuckDBPyConnection, state: ItemState,
              replaces: str | None = None) -> None:
    """Remember an item; ``replaces`` is the article its previous version produced,
    deleted when the changed page produced another (a corrected story is one article,
    not two)."""
    shared = replaces and conn.execute(
        "SELECT count(*) FROM watch_items WHERE article_id = ? AND NOT (feed = ? AND key = ?)",
        [replaces, state.feed, state.key]).fetchone()[0]
    if replaces and replaces != state.article_id and not shared:
        for table in (*LAYER_TABLES, "minhashes"):
            conn.execute(f"DELETE FROM {table} WHERE article_id = ?", [replaces])
        conn.execute("DELETE FROM articles WHERE id = ?", [replaces])
        set_meta(conn, "dedup_pending", "1")
    conn.execute("INSERT OR REPLACE INTO watch_items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 [state.feed, state.key, state.url, state.stamp, state.etag,
                  state.last_modified, state.status, state.article_id, state.error,
                  state.attempts, state.next_try, now()])


def monitoring_since(conn: duckdb.DuckDBPyConnection) -> datetime.datetime | None:
    """When monitoring of this store began (new-dyad alerts count from then)."""
    value = get_meta(conn, "watch_since")
    return datetime.datetime.fromisoformat(value) if value else None


def start_monitoring(conn: duckdb.DuckDBPyConnection) -> None:
    """Mark the start of monitoring, once per store."""
    if get_meta(conn, "watch_since") is None:
        set_meta(conn, "watch_since", now().isoformat())
