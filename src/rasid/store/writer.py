"""The one writer of the store: Analysis dicts and failures in, rows out, atomically.

Everything that reaches the store goes through :class:`Writer`, so the rules hold in
one place:

* an article's id is the content hash of its raw text, so the same article stored
  twice (from two files, two runs) is one row;
* storing an article again replaces its row *and* its layer rows in the same
  transaction, so reprocessing never leaves duplicated or orphaned layer rows;
* a batch is one transaction: a process killed mid-batch leaves the store as it was
  before the batch, never half-written;
* a failed document is stored too (status ``failed``, its reason), never dropped.

Records are plain dicts (picklable, JSON-able) so worker processes and Dask tasks can
build them and hand them to the single writer.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable
from typing import Any

import duckdb
import pyarrow as pa

from rasid._version import __version__
from rasid.doc import content_id
from rasid.store.knowledge import evidence_class
from rasid.store.schema import LAYER_TABLES, arrow_columns, set_meta

#: ``table -> [(column, Arrow type)]``, derived from the schema's one declaration
COLUMNS: dict[str, list[tuple[str, pa.DataType]]] = arrow_columns()

#: Keys of the Analysis JSON the store keeps (tokens and offsets stay out: they are
#: rebuilt from the raw text by ``reprocess`` whenever they are needed).
STORED_KEYS = ("schema", "rasid_version", "id", "status", "meta", "raw_length", "text",
               "mentions", "entities", "quotes", "events", "topics", "geo", "tone")


def failure_id(origin: str, raw_text: str | None = None) -> str:
    """The id of a failed document: its origin and text, so two different bad files
    (two empty files, say) are two records, and the same bad file read again is one."""
    return content_id(f"failed\x00{origin}\x00{raw_text or ''}")


def analysis_record(analysis: dict[str, Any], *, raw_text: str | None, origin: str | None = None,
                    minhash: bytes | None = None, minhash_params: str | None = None
                    ) -> dict[str, Any]:
    """A writer record for an analyzed article.

    ``raw_text`` is the input the Analysis was made from (the Analysis JSON carries
    only the repaired text): the article id is its content hash. Without it the
    Analysis id is used and ``reprocess`` cannot rerun the article. A dict without
    ``tokens`` may give their number as ``n_tokens`` (likewise ``n_sentences`` and
    ``n_repairs``): the store keeps only the counts.
    """
    stored = {key: analysis.get(key) for key in STORED_KEYS}
    for count, layer in (("n_sentences", "sentences"), ("n_tokens", "tokens"),
                         ("n_repairs", "repairs")):
        given = analysis.get(count)
        stored[count] = given if isinstance(given, int) else len(analysis.get(layer) or [])
    return {
        "status": "ok",
        "id": content_id(raw_text) if raw_text is not None else str(analysis["id"]),
        "origin": origin,
        "raw_text": raw_text,
        "analysis": stored,
        "error": None,
        "meta": dict(analysis.get("meta") or {}),
        "doc_id": analysis.get("id"),
        "minhash": minhash,
        "minhash_params": minhash_params,
    }


def failure_record(document: str, reason: str, code: str = "R100", *,
                   raw_text: str | None = None, meta: dict[str, Any] | None = None,
                   doc_id: str | None = None, keep_raw_chars: int = 2_000_000
                   ) -> dict[str, Any]:
    """A writer record for a document that could not be analyzed.

    The raw text is kept (so ``reprocess`` with other settings can retry it) unless it
    is longer than ``keep_raw_chars``: a rejected 50 MB file is not copied into the store.
    """
    kept = raw_text if raw_text is not None and len(raw_text) <= keep_raw_chars else None
    return {
        "status": "failed",
        "id": failure_id(document, raw_text),
        "origin": document,
        "raw_text": kept,
        "raw_length": None if raw_text is None else len(raw_text),
        "analysis": None,
        "error": {"code": code, "reason": reason},
        "meta": dict(meta or {}),
        "doc_id": doc_id,
        "minhash": None,
        "minhash_params": None,
    }


def _date(value: object) -> datetime.date | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _float(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _json(value: object) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _slice(text: str, start: object, end: object) -> str | None:
    if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text):
        return text[start:end]
    return None


def _span(item: object) -> dict[str, Any]:
    return item if isinstance(item, dict) else {}


def _topics(analysis: dict[str, Any]) -> list[dict[str, Any]]:
    """The article's topics, best first (items without a label are not topics)."""
    return [t for t in analysis.get("topics") or []
            if isinstance(t, dict) and isinstance(t.get("label"), str)]


def _topic_and_tone(analysis: dict[str, Any]) -> dict[str, Any]:
    """The article columns of version 4: main topic, topics and tone."""
    topics = _topics(analysis)
    tone = analysis.get("tone") if isinstance(analysis.get("tone"), dict) else {}
    events = tone.get("events") if isinstance(tone.get("events"), dict) else {}
    lexical = tone.get("lexical") if isinstance(tone.get("lexical"), dict) else {}
    return {"topic": topics[0]["label"] if topics else None,
            "topics": _json(topics) if analysis else None,
            "tone": _json(tone) if tone else None,
            "tone_goldstein": _float(events.get("goldstein_mean")),
            "tone_conflict": _float(events.get("conflict_share")),
            "tone_lexical": _float(lexical.get("tone"))}


class _Rows:
    """The rows of one batch, table by table."""

    def __init__(self) -> None:
        self.tables: dict[str, list[dict[str, Any]]] = {name: [] for name in COLUMNS}

    def add_article(self, record: dict[str, Any], pipeline_version: str,
                    analyzed_at: datetime.datetime) -> None:
        meta = record.get("meta") or {}
        analysis = record.get("analysis") or {}
        error = record.get("error") or {}
        raw = record.get("raw_text")
        self.tables["articles"].append({
            "id": record["id"], "doc_id": _str(record.get("doc_id")),
            "origin": _str(record.get("origin")), "source": _str(meta.get("source")),
            "url": _str(meta.get("url")), "title": _str(meta.get("title")),
            "date": _date(meta.get("date")), "raw_text": raw, "text": analysis.get("text"),
            "status": record["status"], "error_code": _str(error.get("code")),
            "error": _str(error.get("reason")), "pipeline_version": pipeline_version,
            "analyzed_at": analyzed_at, "duplicate_of": None,
            "raw_length": _int(analysis.get("raw_length") if analysis
                               else record.get("raw_length")),
            "n_sentences": _int(analysis.get("n_sentences")),
            "n_tokens": _int(analysis.get("n_tokens")),
            "n_repairs": _int(analysis.get("n_repairs")),
            **_topic_and_tone(analysis),
        })
        if record["status"] != "ok":
            return
        article_id = record["id"]
        text = analysis.get("text") or ""
        article_date = meta.get("date")
        for item in analysis.get("mentions") or []:
            self._mention(article_id, item)
        for item in analysis.get("entities") or []:
            self._entity(article_id, item)
        for item in analysis.get("quotes") or []:
            self._quote(article_id, text, item)
        for position, item in enumerate(_topics(analysis)):
            self.tables["article_topics"].append({
                "article_id": article_id, "label": str(item["label"]),
                "score": _float(item.get("score")), "position": position})
        places = {str(g.get("event")): g for g in analysis.get("geo") or []
                  if isinstance(g, dict)}
        for item in analysis.get("events") or []:
            self._event(article_id, text, article_date, item,
                        places.get(str(item.get("id"))) or {})
        if record.get("minhash") is not None and record.get("minhash_params"):
            self.tables["minhashes"].append({"article_id": article_id,
                                             "params": record["minhash_params"],
                                             "signature": record["minhash"]})

    def _mention(self, article_id: str, item: dict[str, Any]) -> None:
        self.tables["mentions"].append({
            "article_id": article_id, "id": str(item.get("id")),
            "span_start": _int(item.get("start")), "span_end": _int(item.get("end")),
            "text": _str(item.get("text")), "label": _str(item.get("label")),
            "entity": _str(item.get("entity")), "source": _str(item.get("source")),
            "confidence": _float(item.get("confidence")), "data": _json(item),
        })

    def _entity(self, article_id: str, item: dict[str, Any]) -> None:
        mentions = item.get("mentions")
        self.tables["entities"].append({
            "article_id": article_id, "id": str(item.get("id")), "kind": _str(item.get("kind")),
            "en": _str(item.get("en")), "ar": _str(item.get("ar")),
            "country": _str(item.get("country")), "sector": _str(item.get("sector")),
            "code": _str(item.get("code")), "role": _json(item.get("role")),
            "mentions": [str(m) for m in mentions] if isinstance(mentions, list) else None,
            "data": _json(item),
        })

    def _quote(self, article_id: str, text: str, item: dict[str, Any]) -> None:
        speaker = _span(item.get("speaker"))
        cue = _span(item.get("cue"))
        content = _span(item.get("content"))
        self.tables["quotes"].append({
            "article_id": article_id, "id": str(item.get("id")),
            "speaker_text": _str(speaker.get("text")),
            "speaker_start": _int(speaker.get("start")), "speaker_end": _int(speaker.get("end")),
            "speaker_mention": _str(speaker.get("mention")),
            "speaker_entity": _str(speaker.get("entity")), "title": _str(item.get("title")),
            "cue_text": _str(cue.get("text")), "cue_start": _int(cue.get("start")),
            "cue_end": _int(cue.get("end")), "content_start": _int(content.get("start")),
            "content_end": _int(content.get("end")),
            "content_text": _slice(text, content.get("start"), content.get("end")),
            "kind": _str(item.get("kind")), "medium": _str(item.get("medium")),
            "found_by": _str(item.get("found_by")), "data": _json(item),
        })

    def _event(self, article_id: str, text: str, article_date: object,
               item: dict[str, Any], geo: dict[str, Any]) -> None:
        event_id = str(item.get("id"))
        trigger = _span(item.get("trigger"))
        sentence = _span(item.get("sentence"))
        rule = _span(item.get("rule"))
        self.tables["events"].append({
            "article_id": article_id, "id": event_id, "type": _str(item.get("type")),
            "mode": _str(item.get("mode")), "modality": _str(item.get("modality")),
            "evidence": evidence_class(item.get("modality"), item.get("reported_by"),
                                       item.get("status")),
            "reported_by": _str(item.get("reported_by")),
            "date": _date(item.get("date")) or _date(article_date),
            "place": _str(item.get("place")), "cameo": _str(item.get("cameo")),
            "score": _float(item.get("score")), "quad": _str(item.get("quad")),
            "trigger_text": _str(trigger.get("text")),
            "trigger_start": _int(trigger.get("start")), "trigger_end": _int(trigger.get("end")),
            "sentence_start": _int(sentence.get("start")),
            "sentence_end": _int(sentence.get("end")),
            "sentence_text": _slice(text, sentence.get("start"), sentence.get("end")),
            "rule_id": _str(rule.get("id")), "rule_description": _str(rule.get("description")),
            "confidence": _float(item.get("confidence")), "data": _json(item),
            "place_name": _str(geo.get("name")), "lat": _float(geo.get("lat")),
            "lon": _float(geo.get("lon")), "admin1": _str(geo.get("admin1")),
            "admin1_name": _str(geo.get("admin1_name")),
            "place_country": _str(geo.get("country")),
            "place_resolution": _int(geo.get("resolution")),
        })
        codes = {(a.get("role"), a.get("entity")): a for a in item.get("arguments") or []
                 if isinstance(a, dict)}
        for role in ("actor", "recipient"):
            seen: set[str] = set()
            for position, entity in enumerate(item.get(role) or []):
                if entity is None or str(entity) in seen:
                    continue
                seen.add(str(entity))
                self.tables["event_actors"].append({
                    "article_id": article_id, "event_id": event_id, "role": role,
                    "entity_id": str(entity), "position": position,
                    "country": _str(codes.get((role, entity), {}).get("code")),
                    "basis": _str(codes.get((role, entity), {}).get("basis")),
                })

    def arrow(self, table: str) -> pa.Table:
        schema = pa.schema(COLUMNS[table])
        return pa.Table.from_pylist(self.tables[table], schema=schema)


def pipeline_version(settings: dict[str, Any], plugins: Iterable[str] = (),
                     kb_digest: str | None = None) -> str:
    """A short label for "this rasid with these settings" (and these user
    knowledge-base files, by the fingerprint of their text): results stored under
    another label are stale and ``ingest`` analyzes those articles again."""
    what: dict[str, Any] = {"settings": settings, "plugins": sorted(plugins)}
    if kb_digest is not None:  # absent without user files: earlier labels stay valid
        what["kb"] = kb_digest
    blob = json.dumps(what, sort_keys=True, ensure_ascii=False)
    return f"{__version__}+{content_id(blob)[:8]}"


class Writer:
    """Writes records to the store, one transaction per :meth:`write` call."""

    def __init__(self, conn: duckdb.DuckDBPyConnection, pipeline_version: str,
                 settings: dict[str, Any] | None = None) -> None:
        self.conn = conn
        self.pipeline_version = pipeline_version
        self.settings = settings or {}
        self._registered = False

    def _register_pipeline(self) -> None:
        if self._registered:
            return
        self.conn.execute(
            "INSERT INTO pipelines SELECT ?, ?, ?, ? WHERE NOT EXISTS "
            "(SELECT 1 FROM pipelines WHERE pipeline_version = ?)",
            [self.pipeline_version, __version__,
             json.dumps(self.settings, sort_keys=True, ensure_ascii=False),
             datetime.datetime.now(datetime.UTC).replace(tzinfo=None), self.pipeline_version],
        )
        self._registered = True

    def write(self, records: Iterable[dict[str, Any]],
              also: Callable[[duckdb.DuckDBPyConnection], None] | None = None) -> int:
        """Store ``records`` in one transaction; return how many articles were written.

        The same id twice in one batch is stored once (the last wins). A document that
        now analyzes cleanly replaces an earlier failure recorded for the same origin.
        ``also(conn)`` runs inside the same transaction before it commits: a caller
        records what it has read (``rasid watch``'s state) together with the articles.
        """
        by_id: dict[str, dict[str, Any]] = {}
        for record in records:
            by_id[record["id"]] = record
        if not by_id:
            if also is not None:
                self._transaction(also)
            return 0
        now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
        rows = _Rows()
        for record in by_id.values():
            rows.add_article(record, self.pipeline_version, now)
        ok_origins = pa.table({"origin": pa.array(
            [r["origin"] for r in by_id.values() if r["status"] == "ok" and r.get("origin")],
            type=pa.string())})
        views = {f"_batch_{name}": rows.arrow(name) for name in COLUMNS}
        views["_batch_ok_origins"] = ok_origins

        def insert(conn: duckdb.DuckDBPyConnection) -> None:
            self._register_pipeline()
            _replace_stored(conn)
            for name, columns in COLUMNS.items():
                names = ", ".join(column for column, _ in columns)
                conn.execute(f"INSERT INTO {name} ({names}) SELECT {names} FROM _batch_{name}")
            set_meta(conn, "dedup_pending", "1")
            if also is not None:
                also(conn)

        self._transaction(insert, views)
        return len(by_id)

    def _transaction(self, work: Callable[[duckdb.DuckDBPyConnection], None],
                     views: dict[str, Any] | None = None) -> None:
        """Run ``work`` in one transaction with ``views`` (Arrow tables) registered,
        rolled back whole on any error, the views unregistered in every case."""
        conn = self.conn
        registered: list[str] = []
        conn.begin()
        try:
            for view, table in (views or {}).items():
                conn.register(view, table)
                registered.append(view)
            work(conn)
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        finally:
            for view in registered:
                conn.unregister(view)


def _replace_stored(conn: duckdb.DuckDBPyConnection) -> None:
    """Delete the stored rows this batch replaces: the same ids, and failures of the
    origins that now analyze cleanly (layer rows never exist without their article row,
    so a batch of new articles deletes nothing and scans nothing)."""
    conn.execute(
        "CREATE OR REPLACE TEMP TABLE _batch_ids AS SELECT id FROM articles "
        "WHERE id IN (SELECT id FROM _batch_articles) OR (status = 'failed' "
        "AND origin IN (SELECT origin FROM _batch_ok_origins))"
    )
    replaced = conn.execute("SELECT count(*) FROM _batch_ids").fetchone()
    if replaced and replaced[0]:
        for table in (*LAYER_TABLES, "minhashes"):
            conn.execute(f"DELETE FROM {table} WHERE article_id IN "
                         "(SELECT id FROM _batch_ids)")
        conn.execute("DELETE FROM articles WHERE id IN (SELECT id FROM _batch_ids)")
    conn.execute("DROP TABLE _batch_ids")


def store_analysis(conn: duckdb.DuckDBPyConnection, analysis: dict[str, Any], *,
                   raw_text: str | None, pipeline_version: str,
                   origin: str | None = None) -> str:
    """Store one Analysis dict (``Analysis.to_dict()``); return the article id."""
    record = analysis_record(analysis, raw_text=raw_text, origin=origin)
    Writer(conn, pipeline_version).write([record])
    return record["id"]


def store_failure(conn: duckdb.DuckDBPyConnection, document: str, reason: str, *,
                  code: str = "R100", raw_text: str | None = None,
                  pipeline_version: str) -> str:
    """Store one failed document with its reason; return its id."""
    record = failure_record(document, reason, code, raw_text=raw_text)
    Writer(conn, pipeline_version).write([record])
    return record["id"]
