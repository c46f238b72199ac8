"""The store's DuckDB schema, versioned, with migrations keyed by version.

A store outlives the rasid that wrote it: opening one applies, in one transaction each,
the migrations it has not seen yet and records the new ``schema_version`` in ``meta``,
so an old file is upgraded in place and a file written by a *newer* rasid is refused
with a clear message instead of being misread.

Article ids are the content hash of the raw text (``rasid.pipeline.content_id``), so
the same article read twice, from two files or two runs, is one row. Layer rows are
keyed by (article id, layer id): layer ids (``m3``, ``e1``) are local to an article.
The writer keeps them unique (it replaces all of an article's layer rows at once);
they carry no index, which keeps the store small and bulk writes fast (rows of one
article are written together, so DuckDB's zone maps find them). Each layer row also
keeps its item exactly as the Analysis gave it, as JSON in ``data``: readers (the web
dashboard) rebuild layers from it, and fields a later stage adds are never lost even
before the schema grows a column for them.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from rasid.store.errors import StoreError

_V1 = (
    """CREATE TABLE meta (
        key VARCHAR PRIMARY KEY,
        value VARCHAR NOT NULL
    )""",
    """CREATE TABLE pipelines (
        pipeline_version VARCHAR PRIMARY KEY,
        rasid_version VARCHAR NOT NULL,
        settings JSON NOT NULL,
        first_used TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE articles (
        id VARCHAR PRIMARY KEY,
        doc_id VARCHAR,
        origin VARCHAR,
        source VARCHAR,
        url VARCHAR,
        title VARCHAR,
        date DATE,
        raw_text VARCHAR,
        text VARCHAR,
        status VARCHAR NOT NULL CHECK (status IN ('ok', 'failed')),
        error_code VARCHAR,
        error VARCHAR,
        pipeline_version VARCHAR NOT NULL,
        analyzed_at TIMESTAMP NOT NULL,
        duplicate_of VARCHAR,
        raw_length INTEGER,
        n_sentences INTEGER,
        n_tokens INTEGER,
        n_repairs INTEGER
    )""",
    """CREATE TABLE mentions (
        article_id VARCHAR NOT NULL,
        id VARCHAR NOT NULL,
        span_start INTEGER,
        span_end INTEGER,
        text VARCHAR,
        label VARCHAR,
        entity VARCHAR,
        source VARCHAR,
        confidence DOUBLE,
        data JSON
    )""",
    """CREATE TABLE entities (
        article_id VARCHAR NOT NULL,
        id VARCHAR NOT NULL,
        kind VARCHAR,
        en VARCHAR,
        ar VARCHAR,
        country VARCHAR,
        sector VARCHAR,
        code VARCHAR,
        role JSON,
        mentions VARCHAR[],
        data JSON
    )""",
    """CREATE TABLE quotes (
        article_id VARCHAR NOT NULL,
        id VARCHAR NOT NULL,
        speaker_text VARCHAR,
        speaker_start INTEGER,
        speaker_end INTEGER,
        speaker_mention VARCHAR,
        speaker_entity VARCHAR,
        title VARCHAR,
        cue_text VARCHAR,
        cue_start INTEGER,
        cue_end INTEGER,
        content_start INTEGER,
        content_end INTEGER,
        content_text VARCHAR,
        kind VARCHAR,
        medium VARCHAR,
        found_by VARCHAR,
        data JSON
    )""",
    """CREATE TABLE events (
        article_id VARCHAR NOT NULL,
        id VARCHAR NOT NULL,
        type VARCHAR,
        mode VARCHAR,
        modality VARCHAR,
        evidence VARCHAR NOT NULL,
        reported_by VARCHAR,
        date DATE,
        place VARCHAR,
        cameo VARCHAR,
        score DOUBLE,
        quad VARCHAR,
        trigger_text VARCHAR,
        trigger_start INTEGER,
        trigger_end INTEGER,
        sentence_start INTEGER,
        sentence_end INTEGER,
        sentence_text VARCHAR,
        rule_id VARCHAR,
        rule_description VARCHAR,
        confidence DOUBLE,
        data JSON
    )""",
    """CREATE TABLE event_actors (
        article_id VARCHAR NOT NULL,
        event_id VARCHAR NOT NULL,
        role VARCHAR NOT NULL CHECK (role IN ('actor', 'recipient')),
        entity_id VARCHAR NOT NULL,
        position INTEGER NOT NULL
    )""",
    """CREATE TABLE minhashes (
        article_id VARCHAR PRIMARY KEY,
        params VARCHAR NOT NULL,
        signature BLOB NOT NULL
    )""",
    "CREATE INDEX articles_date ON articles (date)",
    "CREATE INDEX articles_origin ON articles (origin)",
)

#: Migrations keyed by the version they bring the store to, applied in order.
#: Version 2: each participant keeps the country code its event gave it and the basis
#: of that code (``stated``, ``place``, ``article``): generic agents take the country
#: of their context, and relations at country level count them there.
_V2 = (
    "ALTER TABLE event_actors ADD COLUMN country VARCHAR",
    "ALTER TABLE event_actors ADD COLUMN basis VARCHAR",
)

#: Version 3: live monitoring (``rasid watch``). What the watcher has read (files by
#: path with their size, time and content digest; feeds with their ETag and
#: Last-Modified and back-off; feed items with their page's validators and status) is
#: kept in the store, written in the same transaction as the articles it produced, so
#: a watcher resumes where it stopped. Alerts are keyed by kind, subject and period,
#: so detecting the same shift again never stores it twice.
_V3 = (
    """CREATE TABLE watch_files (
        path VARCHAR PRIMARY KEY,
        size BIGINT NOT NULL,
        mtime_ns BIGINT NOT NULL,
        digest VARCHAR NOT NULL,
        documents INTEGER NOT NULL,
        failed INTEGER NOT NULL,
        read_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE watch_feeds (
        url VARCHAR PRIMARY KEY,
        title VARCHAR,
        etag VARCHAR,
        last_modified VARCHAR,
        failures INTEGER NOT NULL,
        next_try TIMESTAMP,
        last_status VARCHAR,
        last_error VARCHAR,
        checked_at TIMESTAMP
    )""",
    """CREATE TABLE watch_items (
        feed VARCHAR NOT NULL,
        key VARCHAR NOT NULL,
        url VARCHAR,
        stamp VARCHAR,
        etag VARCHAR,
        last_modified VARCHAR,
        status VARCHAR NOT NULL CHECK (status IN ('ok', 'retry', 'failed')),
        article_id VARCHAR,
        error VARCHAR,
        attempts INTEGER NOT NULL,
        next_try TIMESTAMP,
        fetched_at TIMESTAMP NOT NULL,
        PRIMARY KEY (feed, key)
    )""",
    """CREATE TABLE alerts (
        id VARCHAR PRIMARY KEY,
        kind VARCHAR NOT NULL,
        subject VARCHAR NOT NULL,
        period VARCHAR NOT NULL,
        actor VARCHAR,
        recipient VARCHAR,
        value DOUBLE,
        mean DOUBLE,
        std DOUBLE,
        z DOUBLE,
        message VARCHAR NOT NULL,
        details JSON,
        created_at TIMESTAMP NOT NULL,
        notified_at TIMESTAMP
    )""",
    "CREATE INDEX alerts_created ON alerts (created_at)",
)


#: Version 4: topics, tone and places. Each article keeps its main topic, its topics
#: with scores (also one row each in ``article_topics``, for filters) and its tone
#: (event-based Goldstein mean and conflict share, lexical tone); each event with a
#: place keeps the place's coordinates, admin-1 region and country. Self-contained:
#: it only adds columns and a table, so it applies after any other migration.
_V4 = (
    "ALTER TABLE articles ADD COLUMN topic VARCHAR",
    "ALTER TABLE articles ADD COLUMN topics JSON",
    "ALTER TABLE articles ADD COLUMN tone JSON",
    "ALTER TABLE articles ADD COLUMN tone_goldstein DOUBLE",
    "ALTER TABLE articles ADD COLUMN tone_conflict DOUBLE",
    "ALTER TABLE articles ADD COLUMN tone_lexical DOUBLE",
    """CREATE TABLE article_topics (
        article_id VARCHAR NOT NULL,
        label VARCHAR NOT NULL,
        score DOUBLE,
        position INTEGER
    )""",
    "ALTER TABLE events ADD COLUMN place_name VARCHAR",
    "ALTER TABLE events ADD COLUMN lat DOUBLE",
    "ALTER TABLE events ADD COLUMN lon DOUBLE",
    "ALTER TABLE events ADD COLUMN admin1 VARCHAR",
    "ALTER TABLE events ADD COLUMN admin1_name VARCHAR",
    "ALTER TABLE events ADD COLUMN place_country VARCHAR",
    "ALTER TABLE events ADD COLUMN place_resolution INTEGER",
)

MIGRATIONS: dict[int, tuple[str, ...]] = {1: _V1, 2: _V2, 3: _V3, 4: _V4}
SCHEMA_VERSION = max(MIGRATIONS)

#: The tables holding one article's layers (deleted and rewritten together).
LAYER_TABLES = ("mentions", "entities", "quotes", "events", "event_actors", "article_topics")


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
