"""Ingest a corpus into the store: resumable, parallel, with one writer.

The promise is that an ingest can be killed at any moment (even with SIGKILL) and run
again with nothing lost and nothing doubled. It holds because:

* results are committed in small batches, each one transaction (``store.writer``);
* before a document is analyzed its possible ids are looked up, and documents already
  stored by the same pipeline version are skipped, so a rerun does only what is left;
* article ids are content hashes, and storing an id again replaces it, so even work
  redone after a kill lands on the same rows.

The store is open only while a batch is written (``rasid.store.gate``): a dashboard
serving the same store takes turns with the ingest and shows each batch as it lands.
``reprocess`` reads the stored texts while it writes, so it holds the store throughout.

Documents are analyzed in this process (``workers=1``), in a pool of processes each
with its own Pipeline built once in the pool initializer, or on Dask; in every case
only this process writes the store. Documents that cannot be analyzed are stored with
status ``failed`` and their reason, never dropped. ``reprocess`` feeds the raw texts
already in the store back through the current pipeline.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, Any

import duckdb

from rasid.batch.progress import Progress, count_documents, progress_mode
from rasid.batch.sources import CsvColumns, read_inputs
from rasid.batch.worker import (
    INTERNAL_ERROR,
    RunSettings,
    expected_ids,
    get_pipeline,
    import_plugins,
    init_pool_worker,
    prepare_run,
    process,
    process_in_pool,
)
from rasid.collector import release_memory
from rasid.errors import InputError
from rasid.io import Document, check_text
from rasid.pipeline import Pipeline
from rasid.store import schema
from rasid.store.dedup import DedupResult, link_duplicates
from rasid.store.errors import StoreError
from rasid.store.gate import limit_write_memory, write_session
from rasid.store.knowledge import dedup_settings
from rasid.store.writer import Writer, failure_record

Task = Document | InputError | dict[str, Any]


@dataclass
class IngestOptions:
    """What to ingest and how (the ``rasid ingest`` options)."""

    paths: list[str] = field(default_factory=list)
    input_format: str = "auto"
    date: str | None = None
    columns: CsvColumns = field(default_factory=CsvColumns)
    workers: int | None = None
    dask: str | None = None
    reprocess: bool = False
    force: bool = False
    dedup: bool = True
    batch_size: int = 50
    commit_seconds: float = 2.0
    partition_size: int = 200
    work_dir: Path | None = None
    progress: bool | None = None
    #: without a terminal, a progress line every so many seconds or documents
    progress_interval: float = 30.0
    progress_every: int = 1000


@dataclass
class IngestSummary:
    """What an ingest did (printed at the end, returned to callers)."""

    read: int = 0
    analyzed: int = 0
    failed: int = 0
    skipped: int = 0
    seconds: float = 0.0
    dedup: DedupResult | None = None
    interrupted: bool = False

    @property
    def rate(self) -> float:
        done = self.analyzed + self.failed
        return done / self.seconds if self.seconds > 0 else 0.0

    def line(self, db: Path) -> str:
        parts = [f"{self.read:,} document(s) read: {self.analyzed:,} analyzed, "
                 f"{self.failed:,} failed, {self.skipped:,} skipped (already stored, "
                 "or read twice)"]
        if self.dedup is not None:
            parts.append(f"{self.dedup.duplicates:,} near-duplicate(s) linked in the store")
        parts.append(f"{self.seconds:.1f} s, {self.rate:,.1f} articles/s")
        if self.interrupted:
            parts.append("interrupted: run again to finish")
        return "; ".join(parts) + f" (store: {db})"


def _stored_ids(conn: duckdb.DuckDBPyConnection, version: str) -> set[str]:
    """Ids this pipeline version has already stored (documents a component crashed on
    are not counted: they are tried again)."""
    rows = conn.execute("SELECT id FROM articles WHERE pipeline_version = ? "
                        "AND coalesce(error_code, '') <> ?", [version, INTERNAL_ERROR])
    return {row[0] for row in rows.fetchall()}


def stored_documents(conn: duckdb.DuckDBPyConnection, version: str, *, force: bool = False,
                     chunk: int = 200) -> Iterator[Document]:
    """The stored raw texts that the current pipeline has not analyzed (all with
    ``force``), as Documents with their stored metadata.

    Reads through its own cursor in chunks, so it can run while the writer commits.
    """
    cursor = conn.cursor()
    try:
        ids = [row[0] for row in cursor.execute(
            "SELECT id FROM articles WHERE raw_text IS NOT NULL AND (? OR pipeline_version <> ?) "
            "ORDER BY analyzed_at, id", [force, version]).fetchall()]
        for start in range(0, len(ids), chunk):
            rows = cursor.execute(
                "SELECT raw_text, doc_id, date, title, source, url, coalesce(origin, id) "
                "FROM articles WHERE id IN (SELECT unnest(?)) ORDER BY analyzed_at, id",
                [ids[start : start + chunk]]).fetchall()
            for raw, doc_id, date, title, source, url, origin in rows:
                yield Document(text=raw, id=doc_id,
                               date=date.isoformat() if date is not None else None,
                               title=title, source=source, url=url, origin=origin)
    finally:
        cursor.close()


class _Tasks:
    """The documents still to analyze: already stored ones are skipped, and documents
    over the size limit are rejected here, before being shipped to a worker."""

    def __init__(self, items: Iterable[Document | InputError], done: set[str],
                 max_chars: int) -> None:
        self.items = items
        self.done = done
        self.max_chars = max_chars
        self.read = 0
        self.skipped = 0

    def __iter__(self) -> Iterator[Task]:
        for item in self.items:
            self.read += 1
            ids = expected_ids(item)
            if any(i in self.done for i in ids):
                self.skipped += 1
                continue
            self.done.update(ids)
            if isinstance(item, Document) and len(item.text) > self.max_chars:
                try:
                    check_text(item, self.max_chars, 0.0)
                except InputError as error:
                    yield failure_record(error.document, error.reason, error.code,
                                         raw_text=item.text, doc_id=item.id,
                                         keep_raw_chars=self.max_chars)
                    continue
            yield item


def _progress(conn: duckdb.DuckDBPyConnection, version: str, options: IngestOptions,
              stream: IO[str] | None) -> Progress:
    """The progress display, with the number of documents this run will go through."""
    mode = progress_mode(options.progress, stream)
    total: int | None = None
    if mode != "off":
        if options.reprocess:
            row = conn.execute("SELECT count(*) FROM articles WHERE raw_text IS NOT NULL "
                               "AND (? OR pipeline_version <> ?)",
                               [options.force, version]).fetchone()
            total = int(row[0]) if row else 0
        else:
            total = count_documents(options.paths, options.input_format)
    return Progress(mode, total, stream=stream, interval=options.progress_interval,
                    every=options.progress_every)


def _pool_results(tasks: Iterable[Task], run: RunSettings, workers: int, *, chunk: int = 8
                  ) -> Iterator[dict[str, Any]]:
    """Records from a pool of ``workers`` processes, each with its Pipeline built once in
    the pool initializer.

    Documents are read here, between waits, and at most four small chunks per worker
    are in flight, so memory stays bounded whatever the corpus size. A worker that
    dies (it could not start, or was killed) stops the ingest with a clear error
    instead of hanging; what was committed stays committed.
    """
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=init_pool_worker,
                                   initargs=(run.to_dict(), os.getpid()))
    iterator = iter(tasks)
    pending: set = set()
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < 4 * workers:
                items = list(islice(iterator, chunk))
                if not items:
                    exhausted = True
                    break
                pending.add(executor.submit(process_in_pool, items))
            if not pending:
                return
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                try:
                    records = future.result()
                except BrokenProcessPool as error:
                    raise StoreError(
                        f"a worker process stopped ({error}); what was stored so far is "
                        "kept: run again to resume, with --workers 1 to see the worker's "
                        "error here") from None
                yield from records
    finally:
        executor.shutdown(wait=False, cancel_futures=True)


def _results(tasks: _Tasks, run: RunSettings, options: IngestOptions, db: Path
             ) -> Iterator[dict[str, Any]]:
    """The records of ``tasks``: in this process, in a process pool, or on Dask."""
    if options.dask:
        from rasid.batch.dask_runner import clean_work_dir
        from rasid.batch.dask_runner import run as dask_run

        work_dir = options.work_dir or db.with_name(db.name + ".parts")
        clean_work_dir(work_dir)
        return dask_run(tasks, run.to_dict(), address=options.dask, work_dir=work_dir,
                        workers=options.workers, partition_size=options.partition_size)
    workers = options.workers or 1
    if workers > 1:
        return _pool_results(tasks, run, workers)
    pipeline = get_pipeline(run)
    return (process(pipeline, task, run.dedup) for task in tasks)


def _dedup(conn: duckdb.DuckDBPyConnection | None, db: Path, run: RunSettings
           ) -> DedupResult | None:
    """Link near-duplicates if articles were written since the last linking."""
    if conn is not None:
        if schema.get_meta(conn, "dedup_pending") == "1":
            return link_duplicates(conn, run.dedup)
        return None
    with write_session(db) as session:
        if schema.get_meta(session, "dedup_pending") == "1":
            return link_duplicates(session, run.dedup)
    return None


def ingest(db: str | Path, settings: dict[str, Any], options: IngestOptions, *,
           plugins: tuple[str, ...] = (),
           on_failure: Callable[[str, str, str], None] | None = None,
           progress_stream: IO[str] | None = None) -> IngestSummary:
    """Analyze ``options.paths`` (or, with ``reprocess``, the stored raw texts) into
    the store ``db`` with the resolved Pipeline ``settings``.

    ``on_failure(document, reason, code)`` is called for each failed document once it is
    stored (the CLI prints it as one line). Progress goes to ``progress_stream``
    (standard error by default): a bar on a terminal, a plain line now and then
    elsewhere (``options.progress`` False: nothing).
    """
    db = Path(db)
    import_plugins(plugins)
    Pipeline(settings)  # a bad setting or component fails here, not in every worker
    # a bad knowledge-base file fails here too (the store records the files' text)
    run, recorded = prepare_run(settings, plugins,
                                dedup_settings() if options.dedup else None)
    summary = IngestSummary()
    started = time.perf_counter()
    # Reprocessing reads the store while it writes, so it holds the store for the whole
    # run; reading files holds it only while a batch is written (rasid.store.gate), so
    # a running dashboard keeps answering and shows each batch as it lands.
    conn = schema.connect(db) if options.reprocess else None
    if conn is not None:
        limit_write_memory(conn)
    try:
        version = run.version
        done, items = _inputs(conn, db, options, version)
        tasks = _Tasks(items, done, int(settings["max_chars"]))
        results = _results(tasks, run, options, db)
        bar = _progress(conn, version, options, progress_stream)
        store = _Batches(conn, db, (version, recorded), summary, on_failure)
        store.progress = lambda: bar.update(
            summary.analyzed + summary.failed + tasks.skipped, summary.analyzed,
            summary.failed)  # what is stored, and the documents skipped as stored before
        try:
            for record in results:
                store.add(record, options.batch_size, options.commit_seconds)
            store.flush()
        except KeyboardInterrupt:
            summary.interrupted = True
            store.flush()
        finally:
            close = getattr(results, "close", None)
            if close is not None:  # ends the pool, or the Dask client and cluster, now
                close()
            bar.close()
        summary.read = tasks.read
        summary.skipped = tasks.skipped
        if options.dedup and not summary.interrupted:
            summary.dedup = _dedup(conn, db, run)
    finally:
        if conn is not None:
            conn.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _inputs(conn: Any, db: Path, options: IngestOptions, version: str
            ) -> tuple[set[str], Iterable[Document | InputError]]:
    """The ids already stored by this pipeline version (none with ``force``) and the
    documents to read: the store's raw texts when reprocessing, else the input paths."""
    if conn is not None:
        done = set() if options.force else _stored_ids(conn, version)
        return done, stored_documents(conn, version, force=options.force)
    with write_session(db) as session:
        done = set() if options.force else _stored_ids(session, version)
    return done, read_inputs(options.paths, options.input_format, options.date,
                             options.columns)


class _Batches:
    """Writes batches of records to the store, counts them in the summary and reports
    each failure once it is stored."""

    def __init__(self, conn: Any, db: Path, version_and_settings: tuple[str, dict[str, Any]],
                 summary: IngestSummary,
                 on_failure: Callable[[str, str, str], None] | None) -> None:
        self.conn = conn
        self.db = db
        self.version, self.stored_by = version_and_settings
        self.summary = summary
        self.on_failure = on_failure
        self.progress: Callable[[], None] = lambda: None
        self.pending: list[dict[str, Any]] = []
        self.last_commit = time.monotonic()

    def add(self, record: dict[str, Any], batch_size: int, commit_seconds: float) -> None:
        """Keep a record; write the batch when it is full or has waited long enough."""
        self.pending.append(record)
        if len(self.pending) >= batch_size \
                or time.monotonic() - self.last_commit >= commit_seconds:
            self.flush()

    def flush(self) -> None:
        batch, self.pending = self.pending, []
        self.write(batch)
        self.progress()
        release_memory()  # what evicted cache entries freed goes back to the system
        self.last_commit = time.monotonic()

    def write(self, batch: list[dict[str, Any]]) -> None:
        if not batch:
            return
        if self.conn is not None:
            Writer(self.conn, self.version, self.stored_by).write(batch)
        else:
            with write_session(self.db) as session:
                Writer(session, self.version, self.stored_by).write(batch)
        for record in batch:
            if record["status"] == "ok":
                self.summary.analyzed += 1
                continue
            self.summary.failed += 1
            if self.on_failure is not None:
                error = record.get("error") or {}
                self.on_failure(str(record.get("origin")), str(error.get("reason")),
                                str(error.get("code") or ""))
