"""The REST API against a real server over a store of the test texts.

Expected numbers are read from the store's tables with the tests' own SQL, so the
tests check the API's filtering and paging, not what the pipeline happens to find.
"""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import httpx
import pytest
from webenv import TEXTS, Server


@pytest.fixture(scope="module")
def api(server: Server) -> Iterator[httpx.Client]:
    with server.client() as client:
        yield client


def count(db: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> int:
    return db.execute(sql, params or []).fetchone()[0]


LIVE_EVENTS = ("FROM events e JOIN articles a ON a.id = e.article_id "
               "WHERE a.status = 'ok' AND a.duplicate_of IS NULL")


def test_health_and_openapi(api: httpx.Client) -> None:
    health = api.get("/api/health").json()
    assert health == {"status": "ok", "store": "ready", "message": "", "analyze": False}
    spec = api.get("/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/actors",
                 "/api/actors/{entity_id}", "/api/events", "/api/relations", "/api/stats",
                 "/api/network", "/api/analyze"):
        assert path in spec["paths"], path
    docs = api.get("/docs")
    assert docs.status_code == 200
    assert "/docs/assets/swagger-ui-bundle.js" in docs.text
    assert "http" not in docs.text.split("<body>")[1]  # no script or style from outside
    assert api.get("/docs/assets/swagger-ui-bundle.js").status_code == 200


def test_stats(api: httpx.Client, db: duckdb.DuckDBPyConnection) -> None:
    stats = api.get("/api/stats").json()
    assert stats["articles"]["articles"] == count(db, "SELECT count(*) FROM articles")
    assert stats["articles"]["failed"] == 1
    assert stats["articles"]["duplicates"] == 1
    assert stats["layers"]["events"] == count(db, "SELECT count(*) FROM events")


def test_articles_list_paginates_without_overlap(api: httpx.Client) -> None:
    first = api.get("/api/articles", params={"limit": 4}).json()
    assert first["total"] == len(TEXTS) + 1  # the texts and the syndicated copy
    assert (first["limit"], first["offset"], len(first["items"])) == (4, 0, 4)
    seen = []
    for offset in range(0, first["total"], 4):
        page = api.get("/api/articles", params={"limit": 4, "offset": offset}).json()
        seen += [item["id"] for item in page["items"]]
    assert len(seen) == len(set(seen)) == first["total"]
    dates = [item["date"] for item in first["items"]]
    assert dates == sorted(dates, reverse=True)


def test_articles_search_and_filters(api: httpx.Client, db: duckdb.DuckDBPyConnection) -> None:
    found = api.get("/api/articles", params={"q": "موسكو"}).json()
    assert [item["title"] for item in found["items"]] == ["زيارة إلى موسكو"]
    assert "موسكو" in found["items"][0]["snippet"]
    ranged = api.get("/api/articles", params={"date_from": "2023-02-01",
                                              "date_to": "2023-03-31"}).json()
    assert ranged["total"] == count(db, "SELECT count(*) FROM articles WHERE status = 'ok' "
                                        "AND date BETWEEN '2023-02-01' AND '2023-03-31'")
    assert all("2023-02-01" <= item["date"] <= "2023-03-31" for item in ranged["items"])
    failed = api.get("/api/articles", params={"status": "failed"}).json()
    assert failed["total"] == 1 and failed["items"][0]["status"] == "failed"
    assert api.get("/api/articles", params={"status": "all"}).json()["total"] == len(TEXTS) + 2
    assert api.get("/api/articles", params={"source": "rasid-tests"}).json()["total"] == 10
    assert api.get("/api/articles", params={"source": "elsewhere"}).json()["total"] == 0


def test_one_article_has_every_layer(api: httpx.Client, sample: dict) -> None:
    article = api.get(f"/api/articles/{sample['article']}").json()
    text = article["text"]
    assert article["status"] == "ok" and article["meta"]["source"] == "rasid-tests"
    assert article["mentions"] and article["entities"]
    for mention in article["mentions"]:
        assert text[mention["start"]:mention["end"]] == mention["text"]
    entity_ids = {e["id"] for e in article["entities"]}
    assert {m["entity"] for m in article["mentions"] if m["entity"]} <= entity_ids
    for event in article["events"]:
        trigger = event["trigger"]
        assert text[trigger["start"]:trigger["end"]] == trigger["text"]
    assert article["repairs_source"] == "repairer"


def test_article_repairs_are_named_steps(api: httpx.Client, sample: dict) -> None:
    assert sample["repaired"], "the store should hold a text that needed repair"
    article = api.get(f"/api/articles/{sample['repaired']}").json()
    steps = {change["step"] for change in article["repairs"]}
    assert {"glued_words", "tatweel"} <= steps
    assert "روسيا وإيران" in article["text"]
    for change in article["repairs"]:
        start, end = change["new"]
        assert article["text"][start:end] == change["after"]


def test_unknown_article_is_404(api: httpx.Client) -> None:
    answer = api.get("/api/articles/0123456789abcdef")
    assert answer.status_code == 404
    assert answer.json()["error"] == "not_found"
    assert "0123456789abcdef" in answer.json()["message"]


def test_actors_search(api: httpx.Client) -> None:
    for query in ("Iran", "iran", "إيران", "IRN"):
        ids = [item["id"] for item in api.get("/api/actors", params={"q": query}).json()["items"]]
        assert "country:IRN" in ids, query
    people = api.get("/api/actors", params={"kind": "person"}).json()
    assert people["total"] >= 1 and all(item["kind"] == "person" for item in people["items"])
    page = api.get("/api/actors", params={"limit": 2, "offset": 1}).json()
    assert len(page["items"]) == 2 and page["offset"] == 1


def test_one_actor(api: httpx.Client, db: duckdb.DuckDBPyConnection) -> None:
    actor = api.get("/api/actors/country:IRN").json()
    assert actor["id"] == "country:IRN" and actor["en"] == "Iran" and actor["ar"]
    assert "إيران" in [s["text"] for s in actor["names"]["surface"]]
    involved = count(db, f"SELECT count(DISTINCT (e.article_id, e.id)) {LIVE_EVENTS} AND "
                         "EXISTS (SELECT 1 FROM event_actors x WHERE x.article_id = e.article_id "
                         "AND x.event_id = e.id AND x.entity_id = 'country:IRN')")
    assert actor["event_list"]["total"] == involved
    partners = {p["partner"] for p in actor["partners"]}
    assert "country:USA" in partners
    person = api.get("/api/actors/person:vladimir-putin").json()
    assert person["roles"]["kb"], "Putin's offices come from the knowledge base"
    assert api.get("/api/actors/country:XXX").status_code == 404


def test_events_filters_match_the_tables(api: httpx.Client, db: duckdb.DuckDBPyConnection
                                         ) -> None:
    everything = api.get("/api/events", params={"limit": 200}).json()
    assert everything["total"] == count(db, f"SELECT count(*) {LIVE_EVENTS}")
    for event in everything["items"]:
        assert {"actors", "recipients", "sentence_text", "type"} <= set(event)
    assault = api.get("/api/events", params={"type": "assault"}).json()
    assert assault["total"] == count(db, f"SELECT count(*) {LIVE_EVENTS} AND e.type = 'ASSAULT'")
    assert assault["total"] >= 1
    both = api.get("/api/events", params=[("type", "ASSAULT,THREATEN")]).json()
    assert both["total"] == count(db, f"SELECT count(*) {LIVE_EVENTS} "
                                      "AND e.type IN ('ASSAULT', 'THREATEN')")
    quad4 = api.get("/api/events", params={"quad": 4}).json()
    assert quad4["total"] == count(db, f"SELECT count(*) {LIVE_EVENTS} AND e.quad = '4'")
    asserted = api.get("/api/events", params={"modality": "asserted"}).json()
    assert asserted["total"] == count(db, f"SELECT count(*) {LIVE_EVENTS} "
                                          "AND e.modality = 'asserted'")
    march = api.get("/api/events", params={"date_from": "2023-03-01",
                                           "date_to": "2023-03-31"}).json()
    assert march["total"] == count(db, f"SELECT count(*) {LIVE_EVENTS} "
                                       "AND e.date BETWEEN '2023-03-01' AND '2023-03-31'")
    copies = api.get("/api/events", params={"include_duplicates": "true"}).json()
    assert copies["total"] > everything["total"]


def test_events_actor_and_recipient(api: httpx.Client, db: duckdb.DuckDBPyConnection,
                                    sample: dict) -> None:
    actor, recipient = sample["dyad"]
    found = api.get("/api/events", params={"actor": actor, "recipient": recipient}).json()
    assert found["total"] == count(db, f"SELECT count(*) {LIVE_EVENTS} AND EXISTS (SELECT 1 "
                                       "FROM event_actors s JOIN event_actors r ON "
                                       "r.article_id = s.article_id AND r.event_id = s.event_id "
                                       "WHERE s.article_id = e.article_id AND s.event_id = e.id "
                                       "AND s.role = 'actor' AND s.entity_id = ? "
                                       "AND r.role = 'recipient' AND r.entity_id = ?)",
                                   [actor, recipient]) > 0
    for event in found["items"]:
        assert actor in [a["id"] for a in event["actors"]]
        assert recipient in [r["id"] for r in event["recipients"]]
    # a bare code matches every entity of that country (Russian troops, Putin); a full id
    # only itself
    involving = (f"SELECT count(*) {LIVE_EVENTS} AND EXISTS (SELECT 1 FROM event_actors x "
                 "LEFT JOIN entities n ON n.article_id = x.article_id AND n.id = x.entity_id "
                 "WHERE x.article_id = e.article_id AND x.event_id = e.id AND {})")
    by_code = api.get("/api/events", params={"involving": "RUS"}).json()
    by_id = api.get("/api/events", params={"involving": "country:RUS"}).json()
    assert by_id["total"] == count(db, involving.format("x.entity_id = 'country:RUS'"))
    assert by_code["total"] == count(db, involving.format(
        "(x.entity_id = 'country:RUS' OR n.code = 'RUS' OR n.country = 'RUS')"))
    assert by_code["total"] > by_id["total"] > 0
    assert api.get("/api/events", params={"actor": "country:XXX"}).json()["total"] == 0


def test_events_pagination_and_order(api: httpx.Client) -> None:
    total = api.get("/api/events").json()["total"]
    ids = []
    for offset in range(0, total, 5):
        page = api.get("/api/events", params={"limit": 5, "offset": offset,
                                              "order": "oldest"}).json()
        ids += [(e["article_id"], e["id"]) for e in page["items"]]
    assert len(ids) == len(set(ids)) == total
    scores = [e["score"] for e in api.get("/api/events", params={"order": "score"}).json()["items"]
              if e["score"] is not None]
    assert scores == sorted(scores)


def test_relations(api: httpx.Client, db: duckdb.DuckDBPyConnection, sample: dict) -> None:
    monthly = api.get("/api/relations", params={"limit": 200}).json()
    assert monthly["by"] == "month" and monthly["total"] == len(monthly["items"]) >= 1
    for row in monthly["items"]:
        assert row["period"].endswith("-01")
        assert row["events"] == sum(row[f"quad_{q}"] for q in "1234")
        assert row["actor"] != row["recipient"]
    directed = count(db, "SELECT count(*) FROM (SELECT DISTINCT s.article_id, s.event_id, "
                         "s.entity_id, r.entity_id FROM event_actors s JOIN event_actors r "
                         "ON r.article_id = s.article_id AND r.event_id = s.event_id "
                         "AND r.role = 'recipient' JOIN articles a ON a.id = s.article_id "
                         "WHERE s.role = 'actor' AND a.duplicate_of IS NULL "
                         "AND s.entity_id <> r.entity_id)")
    # reciprocal events (several actors, no recipient) count once per pair of actors
    mutual = count(db, "SELECT count(*) FROM (SELECT DISTINCT s.article_id, s.event_id, "
                       "s.entity_id, r.entity_id FROM event_actors s JOIN event_actors r "
                       "ON r.article_id = s.article_id AND r.event_id = s.event_id "
                       "AND r.role = 'actor' JOIN articles a ON a.id = s.article_id "
                       "WHERE s.role = 'actor' AND a.duplicate_of IS NULL "
                       "AND s.entity_id < r.entity_id AND NOT EXISTS (SELECT 1 FROM "
                       "event_actors q WHERE q.article_id = s.article_id AND "
                       "q.event_id = s.event_id AND q.role = 'recipient'))")
    dyads = directed + mutual
    assert sum(row["events"] for row in monthly["items"]) == dyads
    actor, recipient = sample["dyad"]
    one = api.get("/api/relations", params={"actor": actor, "recipient": recipient,
                                            "by": "all"}).json()
    assert {(row["actor"], row["recipient"]) for row in one["items"]} == {(actor, recipient)}
    assert sum(row["events"] for row in one["items"]) == count(
        db, "SELECT count(DISTINCT (s.article_id, s.event_id)) FROM event_actors s "
            "JOIN event_actors r ON r.article_id = s.article_id AND r.event_id = s.event_id "
            "JOIN articles a ON a.id = s.article_id WHERE a.duplicate_of IS NULL "
            "AND s.role = 'actor' AND r.role = 'recipient' AND s.entity_id = ? "
            "AND r.entity_id = ?", [actor, recipient])
    # at country level an entity with a country counts as that country's entity; one
    # without a country (and no country from its event's context) stays itself
    country = api.get("/api/relations", params={"level": "country", "by": "all",
                                                "limit": 200}).json()
    entity_level = api.get("/api/relations", params={"by": "all", "limit": 200}).json()
    countries = dict(db.execute("SELECT id, min(country) FROM entities GROUP BY id").fetchall())
    nodes = {row[side] for row in country["items"] for side in ("actor", "recipient")}
    for node in nodes:
        if node.startswith("country:"):
            assert countries.get(node) == node.split(":", 1)[1] or node in {
                f"country:{c}" for c in countries.values() if c}, node
        else:
            assert not countries.get(node), f"{node} has a country and should fold into it"
    folded = {f"country:{countries[row['actor']]}" for row in entity_level["items"]
              if not row["actor"].startswith("country:") and countries.get(row["actor"])}
    assert folded and folded <= nodes
    assert not nodes & {row["actor"] for row in entity_level["items"]
                        if countries.get(row["actor"]) and
                        not row["actor"].startswith("country:")}


def test_network(api: httpx.Client) -> None:
    network = api.get("/api/network", params={"evidence": "asserted,statement"}).json()
    ids = {node["id"] for node in network["nodes"]}
    assert network["edges"]
    # each edge holds the events of its pair, as the relations count them
    relations = api.get("/api/relations", params={"evidence": "asserted,statement",
                                                  "level": "country", "by": "all",
                                                  "limit": 200}).json()["items"]
    counted: dict[tuple[str, str], int] = {}
    for row in relations:
        pair = (row["actor"], row["recipient"])
        counted[pair] = counted.get(pair, 0) + row["events"]
    assert network["total_edges"] == len(counted)
    for edge in network["edges"]:
        assert edge["source"] in ids and edge["target"] in ids
        assert edge["events"] == counted[(edge["source"], edge["target"])]
    small = api.get("/api/network", params={"max_nodes": 2}).json()
    assert len(small["nodes"]) <= 2
    none = api.get("/api/network", params={"min_count": 1000}).json()
    assert none["edges"] == [] and none["nodes"] == []


def test_analyze_is_forbidden_without_the_option(api: httpx.Client) -> None:
    answer = api.post("/api/analyze", json={"text": "زار الرئيس موسكو."})
    assert answer.status_code == 403
    assert answer.json()["error"] == "analyze_not_allowed"
    assert "--allow-analyze" in answer.json()["message"]
    assert api.get("/analyze").status_code == 403
