"""Topics, tone and places over HTTP: the places API, the world outline, the map page,
the topic and tone filters and the article's topics and tone, against a real server."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import httpx
import pytest
from webenv import Server


@pytest.fixture(scope="module")
def api(server: Server) -> Iterator[httpx.Client]:
    with server.client() as client:
        yield client


PLACED = ("FROM events e JOIN articles a ON a.id = e.article_id WHERE a.status = 'ok' "
          "AND a.duplicate_of IS NULL AND e.lat IS NOT NULL")


def test_places_api_counts_events_per_place(api: httpx.Client,
                                            db: duckdb.DuckDBPyConnection) -> None:
    answer = api.get("/api/places")
    assert answer.status_code == 200
    data = answer.json()
    assert data["total"] == db.execute(f"SELECT count(DISTINCT e.place) {PLACED}").fetchone()[0]
    assert data["events"] == db.execute(f"SELECT count(*) {PLACED}").fetchone()[0]
    assert data["items"], "the test texts name places (Cairo, Riyadh, Baghdad...)"
    for item in data["items"]:
        expected = db.execute(f"SELECT count(*), any_value(e.lat) {PLACED} AND e.place = ?",
                              [item["place"]]).fetchone()
        assert item["events"] == expected[0] and item["lat"] == expected[1]
        assert -90 <= item["lat"] <= 90 and -180 <= item["lon"] <= 180
        assert 0 <= item["x"] <= 1000 and 0 <= item["y"] <= 450
    first = data["items"][0]["place"]
    events = api.get("/api/events", params={"place": first}).json()
    assert events["total"] == data["items"][0]["events"]
    assert all(e["place"] == first for e in events["items"])


def test_world_outline_is_served(api: httpx.Client) -> None:
    outline = api.get("/api/world").json()
    assert outline["type"] == "FeatureCollection" and len(outline["features"]) > 150


def test_topic_and_tone_filters(api: httpx.Client, db: duckdb.DuckDBPyConnection) -> None:
    everything = api.get("/api/events", params={"limit": 200}).json()["total"]
    label = db.execute("SELECT label FROM article_topics GROUP BY label "
                       "ORDER BY count(*) DESC, label LIMIT 1").fetchone()[0]
    expected = db.execute(
        "SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id "
        "WHERE a.status = 'ok' AND a.duplicate_of IS NULL AND EXISTS (SELECT 1 FROM "
        "article_topics t WHERE t.article_id = a.id AND t.label = ?)", [label]).fetchone()[0]
    with_topic = api.get("/api/events", params={"topic": label}).json()["total"]
    without = api.get("/api/events", params={"not_topic": label}).json()["total"]
    assert with_topic == expected and with_topic + without == everything
    tone_floor = api.get("/api/events", params={"tone_min": "0"}).json()["total"]
    assert tone_floor == db.execute(
        "SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id "
        "WHERE a.status = 'ok' AND a.duplicate_of IS NULL AND a.tone_lexical >= 0"
    ).fetchone()[0]
    for params, word in (({"topic": "football"}, "topic"), ({"tone_min": "high"}, "tone_min"),
                         ({"tone_min": "5", "tone_max": "1"}, "tone_min"),
                         ({"tone_max": "500"}, "tone_max")):
        answer = api.get("/api/events", params=params)
        assert answer.status_code == 422, params
        assert answer.json()["errors"][0]["parameter"] == word
    relations = api.get("/api/relations", params={"by": "all"}).json()
    assert relations["items"] and all("conflict_share" in item and "lexical_tone" in item
                                      for item in relations["items"])
    # a dyad's conflict share is the share of its events in quad classes 3 and 4
    for item in relations["items"]:
        counted = sum(item[f"quad_{q}"] for q in "1234")
        if counted:
            assert item["conflict_share"] == pytest.approx(
                (item["quad_3"] + item["quad_4"]) / counted)


def test_article_shows_topics_tone_and_places(api: httpx.Client, sample: dict,
                                              db: duckdb.DuckDBPyConnection) -> None:
    article = api.get(f"/api/articles/{sample['article']}").json()
    assert article["topics"] and {"label", "score"} <= set(article["topics"][0])
    assert set(article["tone"]) == {"events", "lexical"}
    page = api.get(f"/article/{sample['article']}")
    assert page.status_code == 200
    assert f'data-label="{article["topics"][0]["label"]}"' in page.text
    placed = db.execute("SELECT a.id FROM articles a JOIN events e ON e.article_id = a.id "
                        "WHERE e.lat IS NOT NULL ORDER BY a.id LIMIT 1").fetchone()[0]
    with_place = api.get(f"/api/articles/{placed}").json()
    stored = {round(lat, 6) for (lat,) in db.execute(
        "SELECT lat FROM events WHERE article_id = ? AND lat IS NOT NULL", [placed]).fetchall()}
    assert with_place["geo"] and {round(g["lat"], 6) for g in with_place["geo"]} == stored
    assert 'id="places"' in api.get(f"/article/{placed}").text


def test_map_page_and_twin(api: httpx.Client) -> None:
    page = api.get("/map", params={"type": "CONSULT"})
    assert page.status_code == 200 and "<svg" in page.text and 'id="map"' in page.text
    twin = api.get("/map.json", params={"type": "CONSULT"}).json()
    assert twin["filters"]["type"] == ["CONSULT"]
    assert page.text.count('class="place ') == len(twin["items"])
    bad = api.get("/map", params={"topic": "football"})
    assert bad.status_code == 422
