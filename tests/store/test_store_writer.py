"""The writer and the schema: round trip through a real DuckDB file, idempotence,
replacement of layer rows, failures, atomic batches and versioning."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from store_samples import analysis_dict, story

from rasid.doc import content_id
from rasid.store import SCHEMA_VERSION, StoreError, connect
from rasid.store.schema import LAYER_TABLES
from rasid.store.writer import (
    Writer,
    analysis_record,
    failure_record,
    store_analysis,
    store_failure,
)

VERSION = "test+1"
TEXT = ("زار وفد من روسيا العاصمة في إيران أمس لبحث التعاون الاقتصادي. "
        "وقال المتحدث باسم روسيا إن طائرات بلاده هاجمت مواقع في إيران ليلا. "
        "ولم تهاجم إيران أراضي روسيا رغم التصعيد.")


def counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", *LAYER_TABLES)}


def test_round_trip_keeps_every_layer(tmp_path: Path) -> None:
    path = tmp_path / "store.duckdb"
    analysis = analysis_dict(TEXT, doc_id="src-1", date="2023-04-02", title="زيارة",
                             url="https://example.org/a")
    # fields a later stage adds, which the schema has no column for yet
    analysis["mentions"][0]["title"] = "المتحدث"
    analysis["events"][0]["date_precision"] = "article"
    analysis["quotes"][0]["carried_from"] = None
    assert analysis["mentions"] and analysis["entities"] and analysis["quotes"]
    assert len(analysis["events"]) == 3
    conn = connect(path)
    article_id = store_analysis(conn, analysis, raw_text=TEXT, pipeline_version=VERSION,
                                origin="a.jsonl:1")
    conn.close()

    conn = connect(path, read_only=True)
    assert article_id == content_id(TEXT)
    row = conn.execute("SELECT doc_id, origin, title, url, date, raw_text, text, status, "
                       "pipeline_version, duplicate_of FROM articles").fetchone()
    assert row[0] == "src-1" and row[1] == "a.jsonl:1" and row[2] == "زيارة"
    assert str(row[4]) == "2023-04-02" and row[5] == TEXT and row[6] == TEXT
    assert row[7:] == ("ok", VERSION, None)

    mentions = conn.execute("SELECT id, span_start, span_end, text, label, entity "
                            "FROM mentions ORDER BY span_start").fetchall()
    assert [m[0] for m in mentions] == [m["id"] for m in analysis["mentions"]]
    for _, start, end, text, label, entity in mentions:
        assert TEXT[start:end] == text and label == "GPE" and entity.startswith("country:")

    entities = conn.execute("SELECT id, kind, code, mentions, en, data FROM entities "
                            "ORDER BY id").fetchall()
    assert [e[0] for e in entities] == ["country:IRN", "country:RUS"]
    assert entities[0][4] == "Iran"
    assert json.loads(entities[0][5]) == next(e for e in analysis["entities"]
                                             if e["id"] == "country:IRN")
    assert entities[1][3] == next(e["mentions"] for e in analysis["entities"]
                                  if e["id"] == "country:RUS")

    quote = conn.execute("SELECT speaker_entity, cue_text, content_text, kind FROM quotes"
                         ).fetchone()
    assert quote == ("country:RUS", "قال", "إن طائرات بلاده هاجمت مواقع في إيران ليلا.",
                     "reported")

    events = conn.execute(
        "SELECT id, type, modality, evidence, reported_by, quad, score, trigger_text, "
        "sentence_text, date FROM events ORDER BY id").fetchall()
    assert [(e[1], e[3]) for e in events] == [("CONSULT", "asserted"), ("ASSAULT", "statement"),
                                              ("ASSAULT", "negated")]
    assert events[1][4] == "q1" and events[0][5] == "1" and events[0][6] == 1.0
    for table, key in (("mentions", "m1"), ("events", "e1"), ("quotes", "q1")):
        stored = json.loads(conn.execute(f"SELECT data FROM {table} WHERE id = ?",
                                         [key]).fetchone()[0])
        assert stored == next(item for item in analysis[table] if item["id"] == key)
    assert json.loads(conn.execute("SELECT data FROM events WHERE id = 'e1'").fetchone()[0]
                      )["date_precision"] == "article", "fields without a column are kept"
    assert events[0][8].startswith("زار وفد من روسيا")
    assert str(events[0][9]) == "2023-04-02"
    actors = conn.execute("SELECT event_id, role, entity_id FROM event_actors "
                          "ORDER BY event_id, role").fetchall()
    assert actors[:2] == [("e1", "actor", "country:RUS"), ("e1", "recipient", "country:IRN")]
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (
        str(SCHEMA_VERSION),)
    conn.close()


def test_same_article_twice_is_stored_once(store: duckdb.DuckDBPyConnection) -> None:
    analysis = analysis_dict(TEXT)
    for _ in range(2):
        store_analysis(store, analysis, raw_text=TEXT, pipeline_version=VERSION)
    # and twice inside one batch
    record = analysis_record(analysis, raw_text=TEXT)
    Writer(store, VERSION).write([record, record])
    assert counts(store) == {"articles": 1, "mentions": len(analysis["mentions"]),
                             "entities": 2, "quotes": 1, "events": 3, "event_actors": 6,
                             "article_topics": len(analysis.get("topics") or [])}


def test_restoring_replaces_layer_rows(store: duckdb.DuckDBPyConnection) -> None:
    first = analysis_dict(TEXT)
    store_analysis(store, first, raw_text=TEXT, pipeline_version="old")
    second = analysis_dict(TEXT)
    second["events"] = second["events"][:1]
    second["quotes"] = []
    store_analysis(store, second, raw_text=TEXT, pipeline_version="new")
    assert counts(store)["events"] == 1 and counts(store)["event_actors"] == 2
    assert counts(store)["quotes"] == 0
    assert store.execute("SELECT pipeline_version FROM articles").fetchall() == [("new",)]


def test_failures_are_kept_with_their_reason(store: duckdb.DuckDBPyConnection) -> None:
    failed = store_failure(store, "folder/empty.txt", "empty document (no text)",
                           raw_text="", pipeline_version=VERSION)
    store_failure(store, "folder/other.txt", "empty document (no text)", raw_text="",
                  pipeline_version=VERSION)
    rows = store.execute("SELECT id, origin, status, error_code, error FROM articles "
                         "ORDER BY origin").fetchall()
    assert len(rows) == 2, "two different empty files are two records"
    assert rows[0] == (failed, "folder/empty.txt", "failed", "R100", "empty document (no text)")


def test_success_replaces_an_earlier_failure_of_the_same_document(
        store: duckdb.DuckDBPyConnection) -> None:
    store_failure(store, "news/a.txt", "not Arabic text", raw_text="hello",
                  pipeline_version=VERSION)
    store_analysis(store, analysis_dict(TEXT), raw_text=TEXT, pipeline_version=VERSION,
                   origin="news/a.txt")
    assert store.execute("SELECT status FROM articles").fetchall() == [("ok",)]


def test_a_batch_is_one_transaction(store: duckdb.DuckDBPyConnection) -> None:
    good = analysis_record(analysis_dict(TEXT), raw_text=TEXT)
    other = story(7)
    bad = analysis_record(analysis_dict(other), raw_text=other)
    bad["status"] = "maybe"  # violates the schema's CHECK
    with pytest.raises(duckdb.Error):
        Writer(store, VERSION).write([good, bad])
    assert counts(store) == dict.fromkeys(("articles", *LAYER_TABLES), 0)


def test_huge_failed_document_is_not_copied(store: duckdb.DuckDBPyConnection) -> None:
    record = failure_record("big.txt", "document too large", raw_text="ن" * 5000,
                            keep_raw_chars=1000)
    Writer(store, VERSION).write([record])
    assert store.execute("SELECT raw_text, raw_length FROM articles").fetchone() == (None, 5000)


def test_real_pipeline_analysis_round_trips(store: duckdb.DuckDBPyConnection,
                                            pipeline) -> None:
    raw = "وصل الرئيس إلى موسكو أمس في زيارة تستمر يومين."
    analysis = pipeline.analyze(raw, "2017-03-28")
    store_analysis(store, analysis.to_dict(), raw_text=raw, pipeline_version=VERSION)
    row = store.execute("SELECT text, n_sentences, n_tokens, date FROM articles").fetchone()
    assert row[0] == analysis.text and row[1] == 1 and row[2] == len(analysis.doc.tokens)


def test_store_from_a_newer_rasid_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.duckdb"
    conn = connect(path)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                 [str(SCHEMA_VERSION + 1)])
    conn.close()
    with pytest.raises(StoreError, match="newer than this rasid"):
        connect(path)
    with pytest.raises(StoreError, match="no such store"):
        connect(tmp_path / "missing.duckdb", read_only=True)
