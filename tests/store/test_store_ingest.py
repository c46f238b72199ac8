"""Ingest: killed with SIGKILL and run again, bad inputs, reprocessing, CSV and HTML."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import duckdb
import pytest
from store_env import plugin_environment, rasid_command
from store_samples import date_for, story

from rasid.batch.ingest import IngestOptions, ingest
from rasid.batch.sources import CsvColumns
from rasid.cli_store import main as store_main
from rasid.settings import resolve
from rasid.store import StoreError
from rasid.store.schema import LAYER_TABLES

LAYER_KEYS = {"mentions": "article_id, id", "entities": "article_id, id",
              "quotes": "article_id, id", "events": "article_id, id",
              "event_actors": "article_id, event_id, role, entity_id",
              "article_topics": "article_id, label"}


def write_corpus(path: Path, count: int) -> int:
    """``count`` JSON lines; every tenth repeats an earlier text under another id (the
    same article from two feeds). Returns the number of distinct texts."""
    texts = set()
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            seed = number - 5 if number % 10 == 9 else number
            text = story(seed)
            texts.add(text)
            handle.write(json.dumps({"id": f"feed-{number}", "text": text,
                                     "date": date_for(seed), "source": "test"},
                                    ensure_ascii=False) + "\n")
    return len(texts)


def table_keys(db: Path) -> dict[str, set[tuple]]:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        keys = {"articles": set(conn.execute("SELECT id, status FROM articles").fetchall())}
        for table, key in LAYER_KEYS.items():
            rows = conn.execute(f"SELECT {key} FROM {table}").fetchall()
            assert len(rows) == len(set(rows)), f"duplicated rows in {table}"
            keys[table] = set(rows)
        return keys
    finally:
        conn.close()


def test_sigkill_mid_run_then_rerun_loses_and_doubles_nothing(
        tmp_path: Path, layers_config: Path) -> None:
    corpus = tmp_path / "news.jsonl"
    distinct = write_corpus(corpus, 400)
    db = tmp_path / "killed.duckdb"
    command = [*rasid_command(), "ingest", str(corpus), "--db", str(db), "--config",
               str(layers_config), "--plugin", "store_plugin", "--workers", "2",
               "--batch-size", "10"]
    slow = plugin_environment(STORE_PLUGIN_DELAY="0.02")
    process = subprocess.Popen([*command, "--progress", "--progress-interval", "0.05"],
                               stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env=slow, start_new_session=True)
    seen = {"count": 0}
    output: list[bytes] = []

    def watch() -> None:
        assert process.stderr is not None
        for chunk in iter(lambda: process.stderr.read1(4096), b""):
            output.append(chunk)
            counts = re.findall(rb"; (\d+) analyzed", b"".join(output))  # stored, not skipped
            if counts:
                seen["count"] = max(int(c) for c in counts)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        deadline = time.monotonic() + 180
        while seen["count"] < 60 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert process.poll() is None, b"".join(output).decode(errors="replace")
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # its orphaned pool workers, if any
        except ProcessLookupError:
            pass
    watcher.join(timeout=10)

    partial = table_keys(db)["articles"]
    assert 60 <= len(partial) < distinct, "killed mid-run, after some commits"

    again = subprocess.run(command, capture_output=True, text=True, env=plugin_environment(),
                           timeout=300)
    assert again.returncode == 0, again.stderr
    left = distinct - len(partial)
    assert f"{left} analyzed, 0 failed, {400 - left} skipped" in again.stderr, again.stderr
    after = table_keys(db)
    assert len(after["articles"]) == distinct
    assert all(status == "ok" for _, status in after["articles"])

    reference = tmp_path / "reference.duckdb"
    clean = subprocess.run([*rasid_command(), "ingest", str(corpus), "--db", str(reference),
                            "--config", str(layers_config), "--plugin", "store_plugin"],
                           capture_output=True, text=True, env=plugin_environment(),
                           timeout=300)
    assert clean.returncode == 0, clean.stderr
    expected = table_keys(reference)
    for table in ("articles", *LAYER_TABLES):
        assert after[table] == expected[table], table
    assert len(after["events"]) > len(after["articles"])


def test_bad_documents_are_stored_with_their_reason(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    good = [story(n) for n in range(3)]
    for number, text in enumerate(good):
        (folder / f"good-{number}.txt").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "latin1.txt").write_bytes("Le café du coin a été fermé à Montréal.".encode("latin-1"))
    arabic = "وصل الرئيس إلى موسكو أمس في زيارة تستمر يومين. "
    with (folder / "huge.txt").open("w", encoding="utf-8") as handle:
        chunk = arabic * 2000
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(chunk)
    lines = [json.dumps({"id": "ok-1", "text": story(10), "date": "2023-02-01"},
                        ensure_ascii=False),
             '{"id": "broken", "text": "وصل',
             json.dumps({"id": "no-text", "title": "بلا نص"}, ensure_ascii=False),
             json.dumps({"id": "bad-date", "text": story(11), "date": "2023-02-30"},
                        ensure_ascii=False),
             "[1, 2, 3]",
             json.dumps({"id": "ok-2", "text": story(12)}, ensure_ascii=False)]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "store.duckdb"

    code = store_main(["ingest", str(folder), "--db", str(db)])
    err = capsys.readouterr().err
    assert code == 0, err
    conn = duckdb.connect(str(db), read_only=True)
    rows = dict(conn.execute("SELECT origin, error FROM articles WHERE status = 'failed'"
                             ).fetchall())
    ok = conn.execute("SELECT count(*) FROM articles WHERE status = 'ok'").fetchone()[0]
    huge = conn.execute("SELECT raw_text, raw_length FROM articles WHERE origin LIKE ?",
                        ["%huge.txt"]).fetchone()
    conn.close()
    assert ok == len(good) + 2
    reasons = {Path(origin).name: reason for origin, reason in rows.items()}
    assert reasons["empty.txt"] == "empty document (no text)"
    assert "binary file" in reasons["image.txt"]
    assert "not valid UTF-8" in reasons["latin1.txt"]
    assert "document too large" in reasons["huge.txt"] and "max_chars" in reasons["huge.txt"]
    assert "malformed JSON" in reasons["feed.jsonl:2"]
    assert "no 'text'" in reasons["feed.jsonl:3"]
    assert "not a real calendar date" in reasons["feed.jsonl:4"]
    assert "must be an object" in reasons["feed.jsonl:5"]
    assert len(rows) == 8
    assert huge[0] is None and huge[1] > 20_000_000, "the rejected text is not copied"
    for origin, reason in rows.items():
        assert f"{origin}: {reason}" in err, "each failure is reported on one line"
    assert "Traceback" not in err

    # a rerun stores nothing twice and reads the failures as already stored
    assert store_main(["ingest", str(folder), "--db", str(db)]) == 0
    assert "0 analyzed, 0 failed, 13 skipped" in capsys.readouterr().err


def test_pool_workers_and_reprocess(tmp_path: Path, layers_settings, monkeypatch) -> None:
    monkeypatch.setenv("PYTHONPATH", plugin_environment()["PYTHONPATH"])
    corpus = tmp_path / "news.jsonl"
    distinct = write_corpus(corpus, 60)
    db = tmp_path / "store.duckdb"
    segment_only = resolve({"pipeline": ["segment"]})
    plain = ingest(db, segment_only, IngestOptions(paths=[str(corpus)], workers=2))
    assert plain.analyzed == distinct and plain.skipped == 60 - distinct
    conn = duckdb.connect(str(db), read_only=True)
    assert conn.execute("SELECT count(*) FROM events").fetchone() == (0,)
    conn.close()

    again = ingest(db, layers_settings, IngestOptions(reprocess=True, workers=2),
                   plugins=("store_plugin",))
    assert again.analyzed == distinct
    keys = table_keys(db)
    assert len(keys["articles"]) == distinct and keys["events"]
    conn = duckdb.connect(str(db), read_only=True)
    versions = conn.execute("SELECT count(DISTINCT pipeline_version) FROM articles").fetchone()
    conn.close()
    assert versions == (1,)

    nothing = ingest(db, layers_settings, IngestOptions(reprocess=True),
                     plugins=("store_plugin",))
    assert nothing.analyzed == 0 and nothing.read == 0
    assert table_keys(db) == keys


def test_csv_and_html_sources(tmp_path: Path) -> None:
    table = tmp_path / "articles.csv"
    table.write_text(
        "ref,headline,published,body\n"
        f'a1,زيارة,2023-03-04,"{story(1)}"\n'
        f'a2,مساعدات,2023-03-05,"{story(2)}"\n'
        'a3,فارغ,2023-03-06,""\n',
        encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>زيارة الرئيس</title>"
        '<meta property="article:published_time" content="2017-03-28T10:00:00"></head>'
        "<body><nav>الرئيسية | أخبار | رياضة</nav><article><h1>الرئيس يصل إلى موسكو</h1>"
        "<p>وصل الرئيس المصري إلى موسكو أمس في زيارة رسمية تستمر يومين يلتقي خلالها نظيره "
        "الروسي لبحث العلاقات الثنائية والقضايا الإقليمية.</p>"
        "<p>وقال المتحدث باسم الرئاسة إن الزيارة تأتي في إطار تعزيز التعاون بين البلدين في "
        "مجالات الطاقة والتجارة والأمن.</p></article><footer>حقوق النشر محفوظة</footer>"
        "</body></html>", encoding="utf-8")
    db = tmp_path / "store.duckdb"
    columns = CsvColumns(text="body", id="ref", date="published", title="headline")
    segment_only = resolve({"pipeline": ["segment"]})
    summary = ingest(db, segment_only, IngestOptions(paths=[str(table), str(page)],
                                                     columns=columns))
    assert (summary.analyzed, summary.failed) == (3, 1)
    conn = duckdb.connect(str(db), read_only=True)
    rows = conn.execute("SELECT doc_id, title, CAST(date AS VARCHAR), text, status "
                        "FROM articles ORDER BY origin").fetchall()
    conn.close()
    by_id = {row[0]: row for row in rows}
    assert by_id["a1"][1:3] == ("زيارة", "2023-03-04")
    page_row = next(row for row in rows if row[3] and "موسكو" in row[3])
    assert page_row[2] == "2017-03-28" and "الرئيسية" not in page_row[3]
    assert by_id["a3"][4] == "failed"

    missing = ingest(tmp_path / "other.duckdb", segment_only,
                     IngestOptions(paths=[str(table)], columns=CsvColumns(text="content")))
    assert missing.failed == 1 and missing.analyzed == 0


def test_usage_errors(tmp_path: Path, capsys) -> None:
    assert store_main(["ingest", "--db", str(tmp_path / "x.duckdb")]) == 2
    assert "give PATHs" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        store_main(["ingest", "x", "--workers", "0"])
    code = store_main(["stats", "--db", str(tmp_path / "missing.duckdb")])
    assert code == 2 and "no such store" in capsys.readouterr().err


def test_a_component_crash_is_recorded_and_retried(tmp_path: Path) -> None:
    import store_plugin  # noqa: F401  (registers store_fixture_crash)

    corpus = tmp_path / "news.jsonl"
    texts = [story(1), story(2), "حدث عطل مفاجئ في شبكة الكهرباء بالعاصمة مساء أمس."]
    corpus.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n"
                              for t in texts), encoding="utf-8")
    db = tmp_path / "store.duckdb"
    settings = resolve({"pipeline": ["segment", "store_fixture_crash"]})
    first = ingest(db, settings, IngestOptions(paths=[str(corpus)]), plugins=("store_plugin",))
    assert (first.analyzed, first.failed) == (2, 1)
    conn = duckdb.connect(str(db), read_only=True)
    code, reason = conn.execute("SELECT error_code, error FROM articles "
                                "WHERE status = 'failed'").fetchone()
    conn.close()
    assert code == "R900" and "RuntimeError: fixture component broke" in reason
    second = ingest(db, settings, IngestOptions(paths=[str(corpus)]), plugins=("store_plugin",))
    assert (second.analyzed, second.failed, second.skipped) == (0, 1, 2)
    assert len(table_keys(db)["articles"]) == 3


def test_workers_that_cannot_start_stop_the_ingest_clearly(tmp_path: Path, layers_settings,
                                                            monkeypatch) -> None:
    corpus = tmp_path / "news.jsonl"
    write_corpus(corpus, 20)
    monkeypatch.setenv("PYTHONPATH", plugin_environment()["PYTHONPATH"])
    monkeypatch.setenv("STORE_PLUGIN_BREAK_WORKERS", "1")
    with pytest.raises(StoreError, match="a worker process stopped"):
        ingest(tmp_path / "store.duckdb", layers_settings,
               IngestOptions(paths=[str(corpus)], workers=2), plugins=("store_plugin",))
