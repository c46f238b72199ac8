"""The alerts page and ``/api/alerts`` over a store where alerts were detected: a copy
of the web tests' store, its monitoring taken as begun before its articles were
stored, so every dyad in it is a first-ever dyad, as the detector finds them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from webenv import Server, run_server

from rasid.store import connect
from rasid.watch import alerts as alerting
from rasid.watch import state
from rasid.watch.settings import resolve_alerts


@pytest.fixture(scope="module")
def alert_store(web_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("alerts") / "alerts.duckdb"
    shutil.copy(web_store, path)
    conn = connect(path)
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('watch_since', '2000-01-01T00:00:00')")
    found = alerting.detect(conn, resolve_alerts())
    alerting.store_new(conn, found)
    state.save_feed(conn, state.FeedState("http://127.0.0.1:9/feed.xml", "أخبار", failures=2,
                                          last_status="failed",
                                          last_error="cannot connect (refused)"))
    conn.close()
    return path


@pytest.fixture(scope="module")
def alert_server(alert_store: Path, tmp_path_factory: pytest.TempPathFactory
                 ) -> Iterator[Server]:
    log = tmp_path_factory.mktemp("logs") / "alerts.log"
    with run_server(alert_store, log) as running:
        yield running


def test_api_lists_the_detected_alerts(alert_server: Server, alert_store: Path) -> None:
    conn = connect(alert_store, read_only=True)
    stored = conn.execute("SELECT count(*) FROM alerts").fetchone()[0]
    conn.close()
    answer = httpx.get(f"{alert_server.url}/api/alerts", timeout=60).json()
    assert answer["total"] == stored > 0
    subjects = {item["subject"] for item in answer["items"]}
    assert "country:RUS – country:UKR" in subjects  # the attack near the border, 2023-04-11
    item = next(i for i in answer["items"] if i["subject"] == "country:RUS – country:UKR")
    assert item["kind"] == "new_dyad" and item["period"] == "2023-W15"
    assert item["details"]["first_date"] == "2023-04-11"
    feed = answer["monitoring"]["feeds"][0]
    assert feed["last_status"] == "failed" and feed["failures"] == 2
    only = httpx.get(f"{alert_server.url}/api/alerts", params={"kind": "coverage_rise"},
                     timeout=60).json()
    assert only["total"] == 0
    page = httpx.get(f"{alert_server.url}/api/alerts", params={"limit": 1, "offset": 1},
                     timeout=60).json()
    assert page["items"] == answer["items"][1:2]
    bad = httpx.get(f"{alert_server.url}/api/alerts", params={"kind": "panic"}, timeout=60)
    assert bad.status_code == 422 and "kind" in bad.json()["message"]


def test_alerts_page_shows_them_with_links(alert_server: Server) -> None:
    html = httpx.get(f"{alert_server.url}/alerts", timeout=60)
    assert html.status_code == 200
    text = html.text
    assert "first recorded events between country:RUS and country:UKR" in text
    assert 'href="/actor/country:UKR"' in text
    assert "first article" in text
    assert "cannot connect (refused)" in text  # the feed that fails
    twin = httpx.get(f"{alert_server.url}/alerts.json", timeout=60).json()
    api = httpx.get(f"{alert_server.url}/api/alerts", timeout=60).json()
    assert twin["items"] == api["items"]
    for item in twin["items"]:
        if item["details"].get("article"):
            article = httpx.get(f"{alert_server.url}/api/articles/{item['details']['article']}",
                                timeout=60)
            assert article.status_code == 200


def test_a_store_never_watched_has_an_empty_alerts_page(server: Server) -> None:
    html = httpx.get(f"{server.url}/alerts", timeout=60)
    assert html.status_code == 200 and "No alert" in html.text
    assert "not monitored yet" in html.text
