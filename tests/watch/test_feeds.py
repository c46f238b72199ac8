"""Feed following against a local HTTP server: new items are fetched and stored, an
unchanged feed costs a 304, a changed item replaces its article, a broken item is
retried with back-off and then recorded as failed, and a restart fetches nothing again."""

from __future__ import annotations

import datetime
import time
from pathlib import Path

import pytest
from watchenv import FeedServer, feed_server, page, query, rasid, rss, story

from rasid.watch import feeds as feeding
from rasid.watch.runner import Watcher, WatchOptions
from rasid.watch.settings import resolve_alerts

WHEN = datetime.datetime(2024, 6, 3, 9, 0, tzinfo=datetime.UTC)


def _publish(server: FeedServer, stamp2: datetime.datetime, text2: str, etag2: str,
             feed_etag: str) -> None:
    server.set("/news/1.html", page("زيارة إلى عمان", story(0), "2024-06-03"), etag='"p1"')
    server.set("/news/2.html", page("خطة تونسية", text2, "2024-06-03"), etag=etag2)
    server.set("/news/broken.html", "", status=500)
    server.set("/news/empty.html", "<html><head><title>x</title></head><body></body></html>",
               last_modified=WHEN)
    items = [("id-1", "/news/1.html", "زيارة إلى عمان", WHEN),
             ("id-2", "/news/2.html", "خطة تونسية", stamp2),
             ("id-3", "/news/broken.html", "خبر معطوب", WHEN),
             ("id-4", "/news/empty.html", "صفحة فارغة", WHEN)]
    server.set("/feed.xml", rss("أخبار الاختبار", items), etag=feed_etag,
               content_type="application/rss+xml")


def _watcher(db: Path, server: FeedServer) -> Watcher:
    from rasid.settings import resolve

    options = WatchOptions(feeds=[f"{server.url}/feed.xml"], interval=0.01, once=True)
    return Watcher(db, resolve(), resolve_alerts(), options, log=lambda _m: None)


def _items(db: Path) -> dict[str, tuple]:
    rows = query(db, "SELECT key, status, attempts, article_id, error FROM watch_items")
    return {row[0]: row[1:] for row in rows}


def test_feed_items_changes_failures_and_restart(tmp_path: Path) -> None:
    db = tmp_path / "feeds.duckdb"
    with feed_server() as server:
        _publish(server, WHEN, story(1), '"p2"', '"f1"')
        first = _watcher(db, server).round()
        assert (first.items, first.stored) == (4, 2)
        items = _items(db)
        assert items["id-1"][0] == "ok" and items["id-2"][0] == "ok"
        assert items["id-3"][:2] == ("retry", 1) and "HTTP 500" in items["id-3"][3]
        assert items["id-4"][0] == "failed" and "no main text" in items["id-4"][3]
        articles = dict(query(db, "SELECT url, title FROM articles WHERE status = 'ok'"))
        assert articles == {f"{server.url}/news/1.html": "زيارة إلى عمان",
                            f"{server.url}/news/2.html": "خطة تونسية"}
        assert query(db, "SELECT count(*) FROM articles WHERE status = 'failed'") == [(2,)]
        old_id = items["id-2"][2]

        # restart: a new watcher on the same store; the feed answers 304 and no stored
        # page is fetched again (only the broken one, once its back-off has passed)
        before = len(server.requests)
        second = _watcher(db, server)
        summary = second.round()
        fetched = server.requests[before:]
        assert fetched[0]["path"] == "/feed.xml" and fetched[0]["status"] == 304
        assert fetched[0]["if_none_match"] == '"f1"'
        assert {r["path"] for r in fetched[1:]} <= {"/news/broken.html"}
        assert summary.stored == 0

        # the broken item is retried after its back-off (1 s, then 2 s), then recorded
        # as failed and given up on
        deadline = time.monotonic() + 15
        while _items(db)["id-3"][0] == "retry":
            assert time.monotonic() < deadline
            time.sleep(0.3)
            second.round()
        assert _items(db)["id-3"][:2] == ("failed", 3)
        assert len(server.hits("/news/broken.html")) == 3
        time.sleep(2.5)
        second.round()
        assert len(server.hits("/news/broken.html")) == 3
        assert query(db, "SELECT count(*) FROM articles WHERE status = 'failed'") == [(2,)]

        # item 2 changes: new date in the feed, new page (new ETag); item 1 keeps its page
        later = WHEN + datetime.timedelta(hours=2)
        _publish(server, later, story(1) + " وأضافت الوزارة أن التمويل سيأتي من القطاع الخاص.",
                 '"p2b"', '"f2"')
        before = len(server.requests)
        changed = second.round()
        fetched = server.requests[before:]
        assert [r["path"] for r in fetched] == ["/feed.xml", "/news/2.html"]
        assert fetched[1]["if_none_match"] == '"p2"' and fetched[1]["status"] == 200
        assert changed.stored == 1
        new_id = _items(db)["id-2"][2]
        assert new_id != old_id
        ids = {r[0] for r in query(db, "SELECT id FROM articles WHERE status = 'ok'")}
        assert ids == {new_id, _items(db)["id-1"][2]}  # the old version is replaced
        assert query(db, "SELECT count(*) FROM events WHERE article_id = ?", [old_id]) == [(0,)]

        # the feed changes item 2's date again but its page did not change: a 304
        _publish(server, later + datetime.timedelta(hours=1),
                 story(1) + " وأضافت الوزارة أن التمويل سيأتي من القطاع الخاص.", '"p2b"', '"f3"')
        before = len(server.requests)
        second.round()
        fetched = server.requests[before:]
        assert [(r["path"], r["status"]) for r in fetched] == [("/feed.xml", 200),
                                                               ("/news/2.html", 304)]
        assert _items(db)["id-2"][2] == new_id


def test_a_feed_that_fails_backs_off(tmp_path: Path) -> None:
    db = tmp_path / "down.duckdb"
    with feed_server() as server:
        server.set("/feed.xml", "<html>not a feed</html>")
        watcher = _watcher(db, server)
        summary = watcher.round()
        assert summary.feed_errors and "not an RSS or Atom feed" in summary.feed_errors[0]
        watcher.round()  # within the back-off: not fetched again
        assert len(server.hits("/feed.xml")) == 1
        row = query(db, "SELECT failures, last_status, last_error FROM watch_feeds")[0]
        assert row[0] == 1 and row[1] == "failed" and "<html>" in row[2]


def test_watch_command_follows_a_feed(tmp_path: Path) -> None:
    db = tmp_path / "cli.duckdb"
    log = tmp_path / "watch.log"
    with feed_server() as server:
        _publish(server, WHEN, story(1), '"p2"', '"f1"')
        process = rasid("cli_watch", "watch", "--feed", f"{server.url}/feed.xml", "--db",
                        str(db), "--once", log=log)
        assert process.wait(timeout=120) == 0, log.read_text()
    text = log.read_text()
    assert "4 feed item(s): 2 stored, 2 failed" in text
    assert "/news/broken.html: the page cannot be fetched (HTTP 500" in text
    assert "/news/empty.html: no main text found in the HTML page" in text


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>أخبار</title>
<entry><id>tag:example,2024:1</id><title>خبر</title>
<link rel="alternate" href="/a/1"/><link rel="enclosure" href="/a/1.mp3"/>
<updated>2024-06-03T10:00:00Z</updated><published>2024-06-02T08:00:00Z</published></entry>
<entry><title>بلا معرف</title><link href="https://news.example/b"/></entry>
</feed>"""


def test_atom_and_rss_are_read() -> None:
    feed = feeding.parse_feed(ATOM.encode("utf-8"), "https://news.example/feed")
    assert feed.title == "أخبار"
    first, second = feed.items
    assert (first.key, first.url, first.date) == ("tag:example,2024:1",
                                                  "https://news.example/a/1", "2024-06-02")
    assert first.stamp == "2024-06-03T10:00:00Z"
    assert (second.key, second.url, second.stamp) == ("https://news.example/b",) * 2 + (None,)
    items = [("g", "/x", "عنوان", WHEN)]
    parsed = feeding.parse_feed(rss("قناة", items).encode("utf-8"), "https://news.example/")
    assert parsed.items[0].url == "https://news.example/x"
    assert parsed.items[0].date == "2024-06-03"


@pytest.mark.parametrize("data, reason", [
    (b"<rss><channel>", "XML error"),
    (b"<html><body>hi</body></html>", "root element is <html>"),
])
def test_broken_feeds_are_named(data: bytes, reason: str) -> None:
    with pytest.raises(feeding.FetchError, match=reason):
        feeding.parse_feed(data, "https://news.example/feed")


def test_only_http_addresses_are_fetched() -> None:
    with pytest.raises(feeding.FetchError, match="not an http"):
        feeding.fetch("file:///etc/passwd")
