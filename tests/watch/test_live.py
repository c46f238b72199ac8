"""The issue's promise, with real processes and real HTTP: ``rasid serve`` and
``rasid watch DIR`` on one store; news dropped into DIR in batches shows up in the
running dashboard within a minute while pages are loaded all along, none failing; a
watcher killed with SIGKILL and started again loses and doubles nothing."""

from __future__ import annotations

import gzip
import json
import os
import signal
import threading
import time
from pathlib import Path

import httpx
import pytest
from watchenv import free_port, query, rasid, stop, story, wait_for_http, write_settled

PAGES = ["/", "/articles", "/actors", "/network", "/alerts", "/api/stats",
         "/api/articles?limit=5", "/api/alerts", "/overview.json"]


def _drop(folder: Path, number: int) -> list[str]:
    """Drop news number ``number`` in one of the ways files arrive; return its texts."""
    text = story(number)
    kind = number % 5
    if kind == 0:  # written under a temporary name, then renamed into place
        temporary = folder / f".news-{number}.txt.part"
        temporary.write_text(text[: len(text) // 2], encoding="utf-8")
        with temporary.open("a", encoding="utf-8") as handle:
            handle.write(text[len(text) // 2 :])
        temporary.rename(folder / f"news-{number}.txt")
    elif kind == 1:  # JSON Lines with metadata
        record = {"id": f"n{number}", "text": text, "date": "2024-05-0" + str(1 + number % 9),
                  "title": f"خبر {number}"}
        (folder / f"news-{number}.jsonl").write_text(json.dumps(record, ensure_ascii=False)
                                                    + "\n", encoding="utf-8")
    elif kind == 2:  # gzip
        (folder / f"news-{number}.txt.gz").write_bytes(gzip.compress(text.encode("utf-8")))
    elif kind == 3:  # CSV
        (folder / f"news-{number}.csv").write_text(
            "text,date\n\"" + text + "\",2024-05-10\n", encoding="utf-8")
    else:  # written slowly, in two parts, under its final name
        path = folder / f"news-{number}.txt"
        with path.open("w", encoding="utf-8") as handle:
            handle.write(text[:20])
            handle.flush()
            time.sleep(0.1)
            handle.write(text[20:])
    return [text]


class Hammer(threading.Thread):
    """Loads the dashboard's pages one after another until stopped, noting failures."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.done = threading.Event()
        self.failures: list[str] = []
        self.requests = 0

    def run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=60) as client:
            while not self.done.is_set():
                for path in PAGES:
                    try:
                        answer = client.get(path)
                        if answer.status_code != 200:
                            self.failures.append(f"{path}: {answer.status_code} "
                                                 f"{answer.text[:200]}")
                    except httpx.HTTPError as error:
                        self.failures.append(f"{path}: {error!r}")
                    self.requests += 1


def test_serve_and_watch_on_one_store(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    db = tmp_path / "live.duckdb"
    watch_log, serve_log = tmp_path / "watch.log", tmp_path / "serve.log"
    watcher = rasid("cli_watch", "watch", str(inbox), "--db", str(db), "--interval", "0.5",
                    "--settle", "0.3", "--batch-size", "4", log=watch_log)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = None
    hammers: list[Hammer] = []
    try:
        deadline = time.monotonic() + 60
        while not db.exists():  # the watcher creates the store as it starts
            assert watcher.poll() is None, watch_log.read_text()
            assert time.monotonic() < deadline, watch_log.read_text()
            time.sleep(0.1)
        server = rasid("cli_web", "serve", "--db", str(db), "--port", str(port), log=serve_log)
        wait_for_http(url, server, serve_log)
        hammers = [Hammer(url), Hammer(url)]
        for hammer in hammers:
            hammer.start()
        texts: list[str] = []
        started = time.monotonic()
        for batch in range(6):  # 30 files in 6 batches, a moment apart
            for number in range(batch * 5, batch * 5 + 5):
                texts += _drop(inbox, number)
            time.sleep(1.0)
        analyzed = 0
        while time.monotonic() - started < 60:
            stats = httpx.get(f"{url}/api/stats", timeout=30).json()
            analyzed = stats["articles"]["analyzed"]
            if analyzed >= 30:
                break
            time.sleep(0.5)
        seconds = time.monotonic() - started
        assert analyzed == 30, (analyzed, watch_log.read_text())
        assert stats["articles"]["failed"] == 0, watch_log.read_text()
        # the pages show the newest news too
        listing = httpx.get(f"{url}/api/articles", params={"q": "خبر 26"}, timeout=30).json()
        assert listing["total"] == 1
        page = httpx.get(f"{url}/articles", params={"q": "خبر 26"}, timeout=30)
        assert page.status_code == 200 and "خبر 26" in page.text
        for hammer in hammers:
            hammer.done.set()
            hammer.join(timeout=60)
        requests = sum(h.requests for h in hammers)
        failures = [f for h in hammers for f in h.failures]
        assert not failures, failures[:5]
        assert requests > 50, requests  # the dashboard was really loaded meanwhile
        print(f"30 files visible after {seconds:.1f} s; {requests} page loads, none failed")
        assert stop(watcher) == 0, watch_log.read_text()
        log = watch_log.read_text()
        assert "stopped after" in log
        assert sum(line.startswith("rasid watch: 20") for line in log.splitlines()) >= 2
    finally:
        for hammer in hammers:
            hammer.done.set()
        stop(watcher)
        if server is not None:
            stop(server)
    rows = query(db, "SELECT count(*), count(DISTINCT id) FROM articles")
    assert rows == [(30, 30)]
    assert query(db, "SELECT count(*) FROM watch_files") == [(30,)]


def _long(number: int) -> str:
    """A longer article (twenty sentences), so that analysis takes a while."""
    return " ".join(story(number + k) for k in range(20))


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "sigterm"])
def test_kill_9_loses_and_doubles_nothing(tmp_path: Path, how: int) -> None:
    inbox = tmp_path / "inbox"
    lines = [json.dumps({"id": f"k{n}", "text": _long(n), "date": "2024-06-01"},
                        ensure_ascii=False) for n in range(80)]
    write_settled(inbox / "many.jsonl", "\n".join(lines) + "\n")
    for n in range(80, 90):
        write_settled(inbox / f"single-{n}.txt", _long(n))
    write_settled(inbox / "english.txt", "An English note that cannot be analyzed.")
    db = tmp_path / "kill.duckdb"
    log = tmp_path / "watch.log"
    watcher = rasid("cli_watch", "watch", str(inbox), "--db", str(db), "--interval", "0.5",
                    "--batch-size", "3", log=log)
    try:
        deadline = time.monotonic() + 90
        stored = 0
        while stored < 20:  # kill it in the middle of its work
            assert watcher.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.05)
            if db.exists():
                stored = query(db, "SELECT count(*) FROM articles")[0][0]
        os.kill(watcher.pid, how)
        code = watcher.wait(timeout=30)
        if how == signal.SIGTERM:  # a clean stop: the batch in hand is written first
            assert code == 0, log.read_text()
            assert "stopped after" in log.read_text()
            # the long file was not finished, so it is not taken as read
            assert query(db, "SELECT count(*) FROM watch_files WHERE path LIKE '%many.jsonl'"
                         ) == [(0,)]
    finally:
        stop(watcher)
    assert stored < 91, "the watcher finished before it was killed: make the work longer"
    print(f"killed with {stored} of 91 documents stored")
    again = rasid("cli_watch", "watch", str(inbox), "--db", str(db), "--once", log=log)
    assert again.wait(timeout=180) == 0, log.read_text()
    rows = query(db, "SELECT count(*) FILTER (WHERE status = 'ok'), "
                 "count(*) FILTER (WHERE status = 'failed'), count(DISTINCT id) FROM articles")
    assert rows == [(90, 1, 91)]
    texts = {r[0] for r in query(db, "SELECT raw_text FROM articles WHERE status = 'ok'")}
    assert texts == {_long(n) for n in range(90)}
    doubled = query(db, "SELECT article_id, id, count(*) FROM mentions GROUP BY ALL "
                    "HAVING count(*) > 1")
    assert doubled == []
    assert query(db, "SELECT count(*), count(DISTINCT path) FROM watch_files") == [(12, 12)]
    # a third run finds nothing to do
    third = rasid("cli_watch", "watch", str(inbox), "--db", str(db), "--once", log=log)
    assert third.wait(timeout=120) == 0
    assert query(db, "SELECT count(*) FROM articles") == [(91,)]


def test_ingest_while_serving(tmp_path: Path) -> None:
    """``rasid ingest`` into a store the dashboard serves: pages keep answering and the
    articles show as each batch lands."""
    from watchenv import story as text

    db = tmp_path / "ingest.duckdb"
    first = tmp_path / "first.txt"
    write_settled(first, text(0))
    log = tmp_path / "ingest.log"
    assert rasid("cli_store", "ingest", str(first), "--db", str(db), log=log).wait(120) == 0
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = rasid("cli_web", "serve", "--db", str(db), "--port", str(port),
                   log=tmp_path / "serve.log")
    hammer = Hammer(url)
    try:
        wait_for_http(url, server, tmp_path / "serve.log")
        hammer.start()
        lines = [json.dumps({"text": text(n)}, ensure_ascii=False) for n in range(1, 41)]
        corpus = write_settled(tmp_path / "corpus.jsonl", "\n".join(lines) + "\n")
        ingest = rasid("cli_store", "ingest", str(corpus), "--db", str(db), "--batch-size",
                       "5", log=log)
        assert ingest.wait(timeout=180) == 0, log.read_text()
        stats = httpx.get(f"{url}/api/stats", timeout=30).json()
        assert stats["articles"]["analyzed"] == 41
        hammer.done.set()
        hammer.join(timeout=60)
        assert hammer.failures == [] and hammer.requests > 10
    finally:
        hammer.done.set()
        stop(server)


def test_watch_serves_its_own_dashboard(tmp_path: Path) -> None:
    """``rasid watch … --serve PORT``: the live set-up in one command."""
    inbox = tmp_path / "inbox"
    write_settled(inbox / "a.txt", story(1))
    db = tmp_path / "one.duckdb"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path / "watch.log"
    watcher = rasid("cli_watch", "watch", str(inbox), "--db", str(db), "--interval", "0.5",
                    "--serve", str(port), log=log)
    try:
        wait_for_http(url, watcher, log)
        deadline = time.monotonic() + 60
        write_settled(inbox / "b.txt", story(2))
        while httpx.get(f"{url}/api/stats", timeout=30).json()["articles"]["analyzed"] < 2:
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.3)
    finally:
        assert stop(watcher) == 0, log.read_text()
    with pytest.raises(httpx.HTTPError):  # the dashboard stopped with the watcher
        httpx.get(f"{url}/api/health", timeout=5)
