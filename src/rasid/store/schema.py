"""The store's DuckDB schema, versioned, with migrations keyed by version.

A store outlives the rasid that wrote it: opening one applies, in one transaction each,
the migrations it has not seen yet and records the new ``schema_version`` in ``meta``,
so an old file is upgraded in place and a file written by a *newer* rasid is refused
with a clear message instead of being misread.

Article ids are the content hash of the raw text (``rasid.doc.content_id``), so
the same article read twice, from two files or two runs, is one row. Layer rows are
keyed by (article id, layer id): layer ids (``m3``, ``e1``) are local to an article.
The writer keeps them unique (it replaces all of an article's layer rows at once);
they carry no index, which keeps the store small and bulk writes fast (rows of one
article are written together, so DuckDB's zone maps find them). Each layer row also
keeps its item exactly as the Analysis gave it, as JSON in ``data``: readers (the web
dashboard) rebuild layers from it, and fields a later stage adds are never lost even
before the schema grows a column for them.

The tables are declared once (:data:`TABLES`): the migrations that create and extend
them and the writer's Arrow columns are both derived from that declaration, so a column
cannot be added to one and forgotten in the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from rasid.store.errors import StoreError

if TYPE_CHECKING:
    import pyarrow as pa

@dataclass(frozen=True)
class Column:
    """One column: its DuckDB type (with constraints) and the version that added it."""

    name: str
    type: str
    since: int = 1


@dataclass(frozen=True)
class Table:
    """One table of the store. ``written`` tables are filled by the writer, which
    derives its Arrow columns from here (:func:`arrow_columns`)."""

    name: str
    columns: tuple[Column, ...]
    since: int = 1
    written: bool = False
    #: table constraints after the columns (a composite primary key)
    constraints: str = ""


def _columns(spec: str, since: int = 1) -> tuple[Column, ...]:
    """Columns from ``name TYPE, name TYPE…`` (a compact way to write many)."""
    columns = []
    for part in spec.split(","):
        name, kind = part.strip().split(" ", 1)
        columns.append(Column(name, kind.strip(), since))
    return tuple(columns)


#: Every table, in creation order. A column added by a later version says so
#: (``since``); the migrations below are derived from these declarations.
#: Version 2: each participant keeps the country code its event gave it and the basis
#: of that code (``stated``, ``place``, ``article``): generic agents take the country
#: of their context, and relations at country level count them there.
#: Version 3: live monitoring (``rasid watch``). What the watcher has read (files by
#: path with their size, time and content digest; feeds with their ETag and
#: Last-Modified and back-off; feed items with their page's validators and status) is
#: kept in the store, written in the same transaction as the articles it produced, so
#: a watcher resumes where it stopped. Alerts are keyed by kind, subject and period,
#: so detecting the same shift again never stores it twice.
#: Version 4: topics, tone and places. Each article keeps its main topic, its topics
#: with scores (also one row each in ``article_topics``, for filters) and its tone
#: (event-based Goldstein mean and conflict share, lexical tone); each event with a
#: place keeps the place's coordinates, admin-1 region and country.
TABLES: tuple[Table, ...] = (
    Table("meta", _columns("key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL")),
    Table("pipelines", _columns(
        "pipeline_version VARCHAR PRIMARY KEY, rasid_version VARCHAR NOT NULL, "
        "settings JSON NOT NULL, first_used TIMESTAMP NOT NULL")),
    Table("articles", _columns(
        "id VARCHAR PRIMARY KEY, doc_id VARCHAR, origin VARCHAR, source VARCHAR, "
        "url VARCHAR, title VARCHAR, date DATE, raw_text VARCHAR, text VARCHAR, "
        "status VARCHAR NOT NULL CHECK (status IN ('ok' | 'failed')), error_code VARCHAR, "
        "error VARCHAR, pipeline_version VARCHAR NOT NULL, analyzed_at TIMESTAMP NOT NULL, "
        "duplicate_of VARCHAR, raw_length INTEGER, n_sentences INTEGER, n_tokens INTEGER, "
        "n_repairs INTEGER") + _columns(
        "topic VARCHAR, topics JSON, tone JSON, tone_goldstein DOUBLE, "
        "tone_conflict DOUBLE, tone_lexical DOUBLE", since=4), written=True),
    Table("mentions", _columns(
        "article_id VARCHAR NOT NULL, id VARCHAR NOT NULL, span_start INTEGER, "
        "span_end INTEGER, text VARCHAR, label VARCHAR, entity VARCHAR, source VARCHAR, "
        "confidence DOUBLE, data JSON"), written=True),
    Table("entities", _columns(
        "article_id VARCHAR NOT NULL, id VARCHAR NOT NULL, kind VARCHAR, en VARCHAR, "
        "ar VARCHAR, country VARCHAR, sector VARCHAR, code VARCHAR, role JSON, "
        "mentions VARCHAR[], data JSON"), written=True),
    Table("quotes", _columns(
        "article_id VARCHAR NOT NULL, id VARCHAR NOT NULL, speaker_text VARCHAR, "
        "speaker_start INTEGER, speaker_end INTEGER, speaker_mention VARCHAR, "
        "speaker_entity VARCHAR, title VARCHAR, cue_text VARCHAR, cue_start INTEGER, "
        "cue_end INTEGER, content_start INTEGER, content_end INTEGER, "
        "content_text VARCHAR, kind VARCHAR, medium VARCHAR, found_by VARCHAR, data JSON"),
        written=True),
    Table("events", _columns(
        "article_id VARCHAR NOT NULL, id VARCHAR NOT NULL, type VARCHAR, mode VARCHAR, "
        "modality VARCHAR, evidence VARCHAR NOT NULL, reported_by VARCHAR, date DATE, "
        "place VARCHAR, cameo VARCHAR, score DOUBLE, quad VARCHAR, trigger_text VARCHAR, "
        "trigger_start INTEGER, trigger_end INTEGER, sentence_start INTEGER, "
        "sentence_end INTEGER, sentence_text VARCHAR, rule_id VARCHAR, "
        "rule_description VARCHAR, confidence DOUBLE, data JSON") + _columns(
        "place_name VARCHAR, lat DOUBLE, lon DOUBLE, admin1 VARCHAR, admin1_name VARCHAR, "
        "place_country VARCHAR, place_resolution INTEGER", since=4), written=True),
    Table("event_actors", _columns(
        "article_id VARCHAR NOT NULL, event_id VARCHAR NOT NULL, "
        "role VARCHAR NOT NULL CHECK (role IN ('actor' | 'recipient')), "
        "entity_id VARCHAR NOT NULL, position INTEGER NOT NULL") + _columns(
        "country VARCHAR, basis VARCHAR", since=2), written=True),
    Table("minhashes", _columns(
        "article_id VARCHAR PRIMARY KEY, params VARCHAR NOT NULL, signature BLOB NOT NULL"),
        written=True),
    Table("watch_files", _columns(
        "path VARCHAR PRIMARY KEY, size BIGINT NOT NULL, mtime_ns BIGINT NOT NULL, "
        "digest VARCHAR NOT NULL, documents INTEGER NOT NULL, failed INTEGER NOT NULL, "
        "read_at TIMESTAMP NOT NULL", since=3), since=3),
    Table("watch_feeds", _columns(
        "url VARCHAR PRIMARY KEY, title VARCHAR, etag VARCHAR, last_modified VARCHAR, "
        "failures INTEGER NOT NULL, next_try TIMESTAMP, last_status VARCHAR, "
        "last_error VARCHAR, checked_at TIMESTAMP", since=3), since=3),
    Table("watch_items", _columns(
        "feed VARCHAR NOT NULL, key VARCHAR NOT NULL, url VARCHAR, stamp VARCHAR, "
        "etag VARCHAR, last_modified VARCHAR, "
        "status VARCHAR NOT NULL CHECK (status IN ('ok' | 'retry' | 'failed')), "
        "article_id VARCHAR, error VARCHAR, attempts INTEGER NOT NULL, next_try TIMESTAMP, "
        "fetched_at TIMESTAMP NOT NULL", since=3), since=3,
        constraints="PRIMARY KEY (feed, key)"),
    Table("alerts", _columns(
        "id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, subject VARCHAR NOT NULL, "
        "period VARCHAR NOT NULL, actor VARCHAR, recipient VARCHAR, value DOUBLE, "
        "mean DOUBLE, std DOUBLE, z DOUBLE, message VARCHAR NOT NULL, details JSON, "
        "created_at TIMESTAMP NOT NULL, notified_at TIMESTAMP", since=3), since=3),
    Table("article_topics", _columns(
        "article_id VARCHAR NOT NULL, label VARCHAR NOT NULL, score DOUBLE, "
        "position INTEGER", since=4), since=4, written=True),
)

#: (version, statement) of each index
INDEXES = (
    (1, "CREATE INDEX articles_date ON articles (date)"),
    (1, "CREATE INDEX articles_origin ON articles (origin)"),
    (3, "CREATE INDEX alerts_created ON alerts (created_at)"),
)


def _sql_type(column: Column) -> str:
    # a list of allowed values is written with | above, since _columns splits on commas
    return column.type.replace("' | '", "', '")


def _migration(version: int) -> tuple[str, ...]:
    """The statements that bring a store of ``version - 1`` to ``version``."""
    statements = []
    for table in TABLES:
        added = [c for c in table.columns if c.since == version]
        if table.since == version:
            body = ",\n    ".join(f"{c.name} {_sql_type(c)}" for c in added)
            extra = f",\n    {table.constraints}" if table.constraints else ""
            statements.append(f"CREATE TABLE {table.name} (\n    {body}{extra}\n)")
        elif table.since < version:
            statements.extend(f"ALTER TABLE {table.name} ADD COLUMN {c.name} {_sql_type(c)}"
                              for c in added)
    statements.extend(sql for since, sql in INDEXES if since == version)
    return tuple(statements)


SCHEMA_VERSION = max(c.since for t in TABLES for c in t.columns)
#: Migrations keyed by the version they bring the store to, applied in order.
MIGRATIONS: dict[int, tuple[str, ...]] = {v: _migration(v) for v in range(1, SCHEMA_VERSION + 1)}

#: The tables holding one article's layers (deleted and rewritten together).
LAYER_TABLES = ("mentions", "entities", "quotes", "events", "event_actors", "article_topics")

#: the Arrow type of each DuckDB type the tables use (JSON travels as text)
_ARROW_TYPES = {"VARCHAR": "string", "JSON": "string", "INTEGER": "int32", "BIGINT": "int64",
                "DOUBLE": "float64", "DATE": "date32", "BLOB": "binary"}


def arrow_columns() -> dict[str, list[tuple[str, pa.DataType]]]:
    """``table -> [(column, Arrow type)]`` of every table the writer fills."""
    import pyarrow as pa

    def arrow(sql: str) -> pa.DataType:
        kind = sql.split(" ", 1)[0]
        if kind == "TIMESTAMP":
            return pa.timestamp("us")
        if kind.endswith("[]"):
            return pa.list_(arrow(kind[:-2]))
        return getattr(pa, _ARROW_TYPES[kind])()

    return {table.name: [(c.name, arrow(c.type)) for c in table.columns]
            for table in TABLES if table.written}


def current_version(conn: duckdb.DuckDBPyConnection) -> int:
    """The schema version recorded in the store (0 for a new, empty file)."""
    exists = conn.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", ["meta"]
    ).fetchone()
    if not exists or not exists[0]:
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = ?", ["schema_version"]).fetchone()
    return int(row[0]) if row else 0


def migrate(conn: duckdb.DuckDBPyConnection) -> int:
    """Bring the store to ``SCHEMA_VERSION``; return the version it had before."""
    before = current_version(conn)
    if before > SCHEMA_VERSION:
        raise StoreError(
            f"the store has schema version {before}, newer than this rasid understands "
            f"({SCHEMA_VERSION}); upgrade rasid to read it"
        )
    for version in sorted(v for v in MIGRATIONS if v > before):
        conn.begin()
        try:
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
            conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                         ["schema_version", str(version)])
            conn.commit()
        except Exception:
            conn.rollback()
            raise
    return before


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) and migrate the store at ``path``.

    A read-only open of a store that does not exist, or is locked by a running ingest,
    fails with a StoreError that says so rather than DuckDB's internal message.
    """
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(f"{path}: no such store (run `rasid ingest` first)")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as error:
        message = str(error)
        if "lock" in message.lower():
            raise StoreError(f"{path}: the store is in use by another process (an ingest "
                             "still running?); wait for it to finish") from None
        raise StoreError(f"{path}: cannot open the store ({message})") from None
    except duckdb.Error as error:
        if "different configuration" in str(error):  # opened read-only here, now to write
            raise StoreError(f"{path}: the store is in use by another connection of this "
                             "process; wait for it to close") from None
        raise StoreError(f"{path}: not a rasid store or damaged ({error})") from None
    try:
        if read_only:
            version = current_version(conn)
            if version < SCHEMA_VERSION:
                raise StoreError(
                    f"{path}: the store has schema version {version}, this rasid uses "
                    f"{SCHEMA_VERSION}; open it once for writing (`rasid ingest`) to migrate it"
                )
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{path}: the store has schema version {version}, newer than this rasid "
                    f"understands ({SCHEMA_VERSION}); upgrade rasid to read it"
                )
        else:
            migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def get_meta(conn: duckdb.DuckDBPyConnection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return None if row is None else row[0]


def set_meta(conn: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])
