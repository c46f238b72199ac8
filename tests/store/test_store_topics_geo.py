"""Topics, tone and places in the store: migration 4, columns, filters, relations and
exports, on Arabic texts written for these tests and a real DuckDB file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest

from rasid.store import StoreError, connect
from rasid.store.export import export
from rasid.store.queries import Filters, events, relations
from rasid.store.schema import MIGRATIONS, SCHEMA_VERSION
from rasid.store.writer import Writer, analysis_record

VISIT = "وصل الرئيس الفرنسي إيمانويل ماكرون إلى الرياض أمس في زيارة رسمية."
ATTACK = "هاجمت القوات الروسية مواقع أوكرانية قرب الحدود ليلا."


def stored(pipeline, conn: duckdb.DuckDBPyConnection, text: str, date: str,
           topics: list[dict] | None = None, lexical: float | None = None) -> str:
    """Analyze ``text`` and store it; ``topics`` and ``lexical`` override the article's
    topics and lexical tone so that filters can be tested on known values."""
    data = pipeline.analyze(text, date=date).to_dict()
    if topics is not None:
        data["topics"] = topics
    if lexical is not None:
        data["tone"]["lexical"]["tone"] = lexical
    record = analysis_record(data, raw_text=text)
    Writer(conn, "test+1").write([record])
    return record["id"]


@pytest.fixture
def filled(pipeline, store) -> duckdb.DuckDBPyConnection:
    stored(pipeline, store, VISIT, "2023-01-10",
           [{"label": "politics", "score": 0.9}, {"label": "economy", "score": 0.6}], 2.0)
    stored(pipeline, store, ATTACK, "2023-02-10",
           [{"label": "politics", "score": 0.7}, {"label": "security", "score": 0.8}], -5.0)
    return store


def test_migration_4_upgrades_a_version_2_store(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    conn = duckdb.connect(str(path))
    for version in (1, 2):
        for statement in MIGRATIONS[version]:
            conn.execute(statement)
    conn.execute("INSERT INTO meta VALUES ('schema_version', '2')")
    conn.close()
    upgraded = connect(path)
    try:
        assert SCHEMA_VERSION >= 4
        version = upgraded.execute("SELECT value FROM meta WHERE key = 'schema_version'")
        assert int(version.fetchone()[0]) == SCHEMA_VERSION
        columns = {row[0] for row in upgraded.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'"
        ).fetchall()}
        assert {"lat", "lon", "admin1", "place_country", "place_resolution"} <= columns
        assert upgraded.execute("SELECT count(*) FROM article_topics").fetchone() == (0,)
    finally:
        upgraded.close()


def test_articles_keep_topics_and_tone(pipeline, store) -> None:
    stored(pipeline, store, VISIT, "2023-01-10")
    article = stored(pipeline, store, VISIT, "2023-01-10")  # stored again: replaced
    topic, topics, tone, lexical = store.execute(
        "SELECT topic, topics, tone, tone_lexical FROM articles WHERE id = ?",
        [article]).fetchone()
    listed = json.loads(topics)
    assert topic == listed[0]["label"]
    assert json.loads(tone)["lexical"]["tone"] == lexical
    rows = store.execute("SELECT label, position FROM article_topics WHERE article_id = ? "
                         "ORDER BY position", [article]).fetchall()
    assert [r[0] for r in rows] == [t["label"] for t in listed]


def test_events_keep_their_place_coordinates(pipeline, store) -> None:
    article = stored(pipeline, store, VISIT, "2023-01-10")
    found = store.execute(
        "SELECT place, place_name, lat, lon, admin1, place_country, place_resolution "
        "FROM events WHERE article_id = ? AND place IS NOT NULL", [article]).fetchall()
    assert found
    place, name, lat, lon, admin1, country, resolution = found[0]
    assert place == "place:108410"
    assert name == "Riyadh" and country == "SAU" and resolution == 4
    assert lat == pytest.approx(24.69, abs=0.05) and lon == pytest.approx(46.72, abs=0.05)
    assert admin1 == "place:sa-riyadh-region"


def test_topic_and_tone_filters(filled) -> None:
    everything = events(filled)
    assert len(everything) >= 2
    security = events(filled, Filters(topics=("security",)))
    assert set(security["article_topic"]) == {"politics"} and len(security) < len(everything)
    assert (security["article_tone"] == -5.0).all()
    no_security = events(filled, Filters(not_topics=("security",)))
    assert len(no_security) + len(security) == len(everything)
    positive = events(filled, Filters(tone_min=0.0))
    assert len(positive) == len(everything) - len(security) > 0
    assert set(positive["article_tone"]) == {2.0}
    assert len(events(filled, Filters(tone_max=-10.0))) == 0
    with pytest.raises(StoreError, match="unknown topic football"):
        events(filled, Filters(topics=("football",)))


def test_relations_carry_the_tone_of_each_dyad(filled) -> None:
    frame = relations(filled, by="all")
    assert {"conflict_share", "lexical_tone", "score_mean"} <= set(frame.columns)
    attack = frame[frame["lexical_tone"] == -5.0]
    assert len(attack) and (attack["conflict_share"] == 1.0).all()


def test_exports_carry_geolocation(filled, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    export(filled, "plover-jsonl", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    located = [r for r in records if "geolocation" in r]
    assert located
    geo = located[0]["geolocation"]
    assert geo["country_code"] == "SAU" and geo["geonameid"] == 108410
    assert geo["lat"] == pytest.approx(24.69, abs=0.05) and geo["feature_class"] == "city"
    assert geo["province"] == "Riyadh Region"
    assert all("article_topic" in r for r in records)
    out_csv = tmp_path / "events.csv"
    export(filled, "csv", out_csv)
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8"))))
    riyadh = [r for r in rows if r["ActionGeo_FeatureID"] == "place:108410"]
    assert riyadh and riyadh[0]["ActionGeo_CountryCode"] == "SAU"
    assert riyadh[0]["ActionGeo_Type"] == "4"
    assert float(riyadh[0]["ActionGeo_Lat"]) == pytest.approx(24.69, abs=0.05)


def test_stats_count_topics_and_located_events(filled) -> None:
    from rasid.store.queries import stats

    values = {(r.section, r.name): r.value for r in stats(filled).itertuples(index=False)}
    assert values[("articles by main topic", "politics")] == 2
    located = filled.execute("SELECT count(*) FROM events WHERE lat IS NOT NULL").fetchone()[0]
    assert values[("layers", "events with coordinates")] == located >= 1


def test_network_exports_carry_the_dyad_tone(filled, tmp_path: Path) -> None:
    import networkx as nx

    export(filled, "graphml", tmp_path / "dyads.graphml")
    graph = nx.read_graphml(tmp_path / "dyads.graphml")
    edges = list(graph.edges(data=True))
    assert edges
    # the visit's dyads cooperate, the attack's fight: each edge has one article's tone
    shares = {data["lexical_tone"]: data["conflict_share"] for _s, _t, data in edges}
    assert shares == {2.0: 0.0, -5.0: 1.0}
