"""The watch loop: each round, read what is new, store it in batches, look for alerts.

A round reads the ready files of the watched folders and the new or changed items of
the followed feeds, analyzes their documents with ``rasid.batch.worker.process`` (the
code ``rasid ingest`` runs, so a watched article is stored exactly as an ingest would
store it) and writes them ``batch_size`` at a time, each batch one transaction holding
the articles *and* the record of what was read. The store is opened only to write a
batch (``rasid.store.gate.write_session``), so a dashboard on the same store keeps
answering. After a round that stored something, near-duplicates are linked and the
alerts detected; new alerts are printed, stored and posted to the webhook.

Stopping (SIGTERM, Ctrl-C) is checked between documents: the batch in hand is written
and the loop ends. A kill -9 loses at most the batch in hand, which the next run reads
again: nothing is lost and, article ids being content hashes, nothing doubled.
"""

from __future__ import annotations

import dataclasses
import datetime
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from rasid.batch.sources import CsvColumns, read_file_bytes, read_html
from rasid.batch.worker import (
    INTERNAL_ERROR,
    expected_ids,
    get_pipeline,
    prepare_run,
    process,
)
from rasid.doc import content_id
from rasid.errors import InputError
from rasid.io import Document
from rasid.store import schema
from rasid.store.dedup import link_duplicates
from rasid.store.errors import StoreError
from rasid.store.gate import gate_path, write_session
from rasid.store.knowledge import dedup_settings
from rasid.store.writer import Writer
from rasid.watch import alerts as alerting
from rasid.watch import feeds as feeding
from rasid.watch import state as st
from rasid.watch.folders import FolderWatch, ReadyFile
from rasid.watch.settings import load
from rasid.watch.webhook import WebhookError, post

Save = Callable[[duckdb.DuckDBPyConnection], None]


@dataclass
class WatchOptions:
    """What to watch and how (the ``rasid watch`` options)."""

    paths: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    interval: float = 30.0
    settle: float | None = None
    batch_size: int = 50
    input_format: str = "auto"
    date: str | None = None
    columns: CsvColumns = field(default_factory=CsvColumns)
    webhook: str | None = None
    dedup: bool = True
    once: bool = False


@dataclass
class RoundSummary:
    """What one round did (one log line)."""

    files: int = 0
    items: int = 0
    stored: int = 0
    failed: int = 0
    skipped: int = 0
    duplicates: int | None = None
    alerts: list[alerting.Alert] = field(default_factory=list)
    feed_errors: list[str] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def busy(self) -> bool:
        return bool(self.files or self.items or self.stored or self.failed or self.alerts)

    def line(self) -> str:
        stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        parts = [f"{self.files} file(s), {self.items} feed item(s): {self.stored} stored, "
                 f"{self.failed} failed, {self.skipped} skipped (already stored)"]
        if self.duplicates is not None:
            parts.append(f"{self.duplicates} near-duplicate(s) in the store")
        parts.append(f"{len(self.alerts)} new alert(s)")
        return f"{stamp} " + "; ".join(parts)


@dataclass
class _Unit:
    """The documents of one file or feed item and what to remember once they are stored."""

    documents: list[Document | InputError]
    save: Save
    after: Callable[[list[Document | InputError], list[dict[str, Any]]], None] | None = None


class Watcher:
    """Runs rounds over one store (see the module docstring)."""

    def __init__(self, db: str | Path, settings: dict[str, Any],
                 alert_settings: dict[str, Any], options: WatchOptions, *,
                 log: Callable[[str], None] = print) -> None:
        self.db = Path(db)
        self.options = options
        self.alert_settings = alert_settings
        self.log = log
        self.run, self.stored_by = prepare_run(
            settings, (), dedup_settings() if options.dedup else None)
        self.version = self.run.version
        self.stop = threading.Event()
        store_files = [self.db, self.db.with_name(self.db.name + ".wal"), gate_path(self.db)]
        self.folders = FolderWatch(options.paths, exclude=store_files, settle=options.settle)
        self.webhook = options.webhook or alert_settings.get("webhook") or None
        self.feed_config = load("feeds.json")
        self._pending: set[str] = set()
        self._stale = False
        self._load_state()

    # -- state ---------------------------------------------------------------------

    def _load_state(self) -> None:
        with write_session(self.db) as conn:
            self.done = {row[0] for row in conn.execute(
                "SELECT id FROM articles WHERE pipeline_version = ? "
                "AND coalesce(error_code, '') <> ?", [self.version, INTERNAL_ERROR]).fetchall()}
            self.files = st.load_files(conn)
            self.feed_states = st.load_feeds(conn)
            self.items = st.load_items(conn)
            has_articles = conn.execute(
                "SELECT count(*) FROM articles WHERE status = 'ok'").fetchone()[0]
            if has_articles:
                st.start_monitoring(conn)
            self.monitoring = st.monitoring_since(conn) is not None

    def _load_state_when_free(self) -> None:
        try:
            self._load_state()
        except StoreError:
            self._stale = True  # reloaded at the start of the next round

    # -- reading ---------------------------------------------------------------------

    def _file_units(self, ready: list[ReadyFile]) -> Iterator[_Unit]:
        for file in ready:
            def save(conn: duckdb.DuckDBPyConnection, state: st.FileState = file.state
                     ) -> None:
                st.save_file(conn, state)
                self.files[state.path] = state

            if file.unchanged:
                yield _Unit([], save)
                continue
            if file.error is not None:
                yield _Unit([InputError(file.path, file.error)], save)
                continue
            documents = list(read_file_bytes(file.data, file.path, self.options.input_format,
                                             self.options.date, self.options.columns))
            failed = sum(isinstance(d, InputError) for d in documents)
            counted = dataclasses.replace(file.state, documents=len(documents) - failed,
                                          failed=failed)
            yield _Unit(documents, lambda conn, s=counted: save(conn, s))

    def _feed_units(self, summary: RoundSummary) -> Iterator[_Unit]:
        seen: set[tuple[str, str]] = set()  # items handled this round
        for url in self.options.feeds:
            old = self.feed_states.get(url) or st.FeedState(url)
            if old.next_try is not None and old.next_try > st.now():
                continue
            try:
                answer = feeding.fetch(url, old.etag, old.last_modified)
                parsed = feeding.parse_feed(answer.body, url) if answer.status != 304 else None
            except feeding.FetchError as error:
                failures = old.failures + 1
                wait = feeding.backoff(failures, self.options.interval)
                state = dataclasses.replace(old, failures=failures, next_try=st.now() + wait,
                                            last_status="failed", last_error=str(error))
                summary.feed_errors.append(f"{url}: {error} (next try in "
                                           f"{wait.total_seconds():.0f} s)")
                yield _Unit([], self._feed_saver(state))
                continue
            state = dataclasses.replace(
                old, title=(parsed.title if parsed else old.title) or old.title,
                etag=answer.etag, last_modified=answer.last_modified, failures=0,
                next_try=None, last_status="unchanged" if parsed is None else "ok",
                last_error=None)
            if parsed is not None:
                for item in parsed.items:
                    if (url, item.key) in seen:  # listed twice in one feed
                        continue
                    seen.add((url, item.key))
                    unit = self._item_unit(url, item, summary)
                    if unit is not None:
                        yield unit
            yield _Unit([], self._feed_saver(state))
        # items waiting for a retry whose feed did not list them again this round
        for (feed, key), item_state in list(self.items.items()):
            if (feed, key) not in seen and item_state.status == "retry" and \
                    feed in self.options.feeds and \
                    item_state.next_try is not None and item_state.next_try <= st.now():
                unit = self._item_unit(feed, feeding.FeedItem(key, item_state.url, None,
                                                              item_state.stamp, None), summary)
                if unit is not None:
                    yield unit

    def _feed_saver(self, state: st.FeedState) -> Save:
        def save(conn: duckdb.DuckDBPyConnection) -> None:
            st.save_feed(conn, state)
            self.feed_states[state.url] = state
        return save

    def _item_unit(self, feed: str, item: feeding.FeedItem, summary: RoundSummary
                   ) -> _Unit | None:
        old = self.items.get((feed, item.key))
        if old is not None:
            due_retry = (old.status == "retry" and old.next_try is not None
                         and old.next_try <= st.now())
            if old.stamp == item.stamp and not due_retry:
                return None
        if item.url is None:
            error = InputError(f"{feed} item {item.key}", "the feed item has no link")
            new = st.ItemState(feed, item.key, None, item.stamp, status="failed",
                               error=error.reason, attempts=1)
            return _Unit([error], self._item_saver(new, old))
        summary.items += 1
        changed = old is not None and old.status == "ok"
        try:
            answer = feeding.fetch(item.url, old.etag if changed else None,
                                   old.last_modified if changed else None)
        except feeding.FetchError as error:
            attempts = (old.attempts if old is not None and old.status != "ok" else 0) + 1
            final = attempts >= int(self.feed_config["max_item_attempts"])
            new = st.ItemState(
                feed, item.key, item.url, item.stamp, status="failed" if final else "retry",
                article_id=old.article_id if old else None, error=str(error),
                attempts=attempts, next_try=None if final else
                st.now() + feeding.backoff(attempts, self.options.interval))
            return _Unit([InputError(item.url, f"the page cannot be fetched ({error})")],
                         self._item_saver(new, old))
        if answer.status == 304:  # the feed's date changed, the page did not
            assert old is not None
            new = dataclasses.replace(old, stamp=item.stamp, status="ok", error=None,
                                      attempts=0, next_try=None)
            return _Unit([], self._item_saver(new, old))
        documents: list[Document | InputError] = []
        for document in read_html(answer.body, item.url, self.options.date):
            if isinstance(document, Document):
                document = dataclasses.replace(
                    document, url=item.url, title=document.title or item.title,
                    date=item.date or document.date)
            documents.append(document)
        base = st.ItemState(feed, item.key, item.url, item.stamp, answer.etag,
                            answer.last_modified, attempts=1)
        holder: dict[str, st.ItemState] = {}

        def after(read: list[Document | InputError], records: list[dict[str, Any]]) -> None:
            ok = [r["id"] for r in records if r["status"] == "ok"]
            failed = [r for r in records if r["status"] != "ok"]
            if not records:  # stored before (the same text under another address)
                ok = [content_id(d.text) for d in read if isinstance(d, Document)]
            if ok:
                holder["state"] = dataclasses.replace(base, article_id=ok[0])
            else:
                reason = ((failed[0].get("error") or {}).get("reason") if failed else
                          "the page was stored before as a failure")
                holder["state"] = dataclasses.replace(base, status="failed", error=reason)

        def save(conn: duckdb.DuckDBPyConnection) -> None:
            self._item_saver(holder.get("state", base), old)(conn)

        return _Unit(documents, save, after)

    def _item_saver(self, new: st.ItemState, old: st.ItemState | None) -> Save:
        def save(conn: duckdb.DuckDBPyConnection) -> None:
            st.save_item(conn, new, replaces=old.article_id if old else None)
            self.items[(new.feed, new.key)] = new
        return save

    # -- writing ---------------------------------------------------------------------

    def _analyze(self, document: Document | InputError, summary: RoundSummary
                 ) -> dict[str, Any] | None:
        ids = expected_ids(document)
        if any(i in self.done or i in self._pending for i in ids):
            summary.skipped += 1
            return None
        self._pending.update(ids)
        return process(get_pipeline(self.run), document, self.run.dedup)

    def _write(self, records: list[dict[str, Any]], saves: list[Save],
               summary: RoundSummary) -> None:
        def also(conn: duckdb.DuckDBPyConnection) -> None:
            for save in saves:
                save(conn)

        try:
            with write_session(self.db) as conn:
                Writer(conn, self.version, self.stored_by).write(records, also=also)
        finally:
            self._pending.clear()
        for record in records:
            self.done.add(record["id"])
            if record["status"] == "ok":
                summary.stored += 1
            else:
                summary.failed += 1
                error = record.get("error") or {}
                summary.failures.append((str(record.get("origin")), str(error.get("reason"))))

    def _units(self, summary: RoundSummary) -> Iterator[_Unit]:
        ready = self.folders.scan(self.files)
        summary.files = sum(not f.unchanged for f in ready)
        yield from self._file_units(ready)
        yield from self._feed_units(summary)

    def round(self) -> RoundSummary:
        """One round: read, analyze, store in batches, then look for alerts."""
        if self._stale:
            self._load_state()
            self._stale = False
        summary = RoundSummary()
        records: list[dict[str, Any]] = []
        saves: list[Save] = []
        for unit in self._units(summary):
            produced = []
            stopped = False
            for document in unit.documents:
                if len(records) >= self.options.batch_size:  # a long file: commit as we go
                    self._write(records, saves, summary)
                    records, saves = [], []
                if self.stop.is_set():
                    stopped = True  # the file is read again next time, from what is left
                    break
                record = self._analyze(document, summary)
                if record is not None:
                    produced.append(record)
                    records.append(record)
            if stopped:
                break
            if unit.after is not None:
                unit.after(unit.documents, produced)
            saves.append(unit.save)  # remembered with the batch holding its last records
            if len(records) >= self.options.batch_size:
                self._write(records, saves, summary)
                records, saves = [], []
            if self.stop.is_set():
                break
        if records or saves:
            self._write(records, saves, summary)
        if summary.stored or summary.failed:
            self._after_round(summary)
        return summary

    def _after_round(self, summary: RoundSummary) -> None:
        """Link near-duplicates, detect and store alerts, deliver them."""
        with write_session(self.db) as conn:
            if self.options.dedup and schema.get_meta(conn, "dedup_pending") == "1":
                summary.duplicates = link_duplicates(conn, self.run.dedup).duplicates
            if not self.monitoring and conn.execute(  # the first round that stored
                    "SELECT count(*) FROM articles WHERE status = 'ok'").fetchone()[0]:
                st.start_monitoring(conn)  # articles in an empty store is the baseline
                self.monitoring = True
            found = alerting.detect(conn, self.alert_settings)
            conn.begin()
            try:
                summary.alerts = alerting.store_new(conn, found)
                conn.commit()
            except BaseException:
                conn.rollback()
                raise
            pending = alerting.unnotified(conn) if self.webhook else []
        if pending and self.webhook:
            try:
                post(self.webhook, pending, str(self.db))
            except WebhookError as error:
                self.log(f"webhook: {error}; the alerts will be sent again after the next "
                         "batch")
                return
            with write_session(self.db) as conn:
                alerting.mark_notified(conn, [a["id"] for a in pending])

    # -- the loop --------------------------------------------------------------------

    def rounds(self) -> Iterable[RoundSummary]:
        """Rounds until stopped (one with ``once``)."""
        while not self.stop.is_set():
            started = time.monotonic()
            try:
                yield self.round()
            except StoreError as error:
                # the store was held by a program that does not take turns: what this
                # round read is read again next round (the state is reloaded from the
                # store, so nothing is taken as stored that was not)
                self.log(f"{error}; trying again in {self.options.interval:g} s")
                self._pending.clear()
                self._load_state_when_free()
            if self.options.once:
                return
            wait = self.options.interval
            if self.folders.waiting:  # a file is settling: look again when it should be
                wait = min(wait, max(self.folders.settle, 0.2))
            self.stop.wait(max(0.0, wait - (time.monotonic() - started)))
