"""A store analyzed with a user's knowledge-base file labels its actors with that file,
in the dashboard, its API, ``relations`` and the exports, even after the file is gone:
``rasid ingest --kb`` records the file's text in the store. Real CLI processes, a real
DuckDB file and a real ``rasid serve``."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from webenv import run_server

#: invented actors, and a shipped country renamed, written for this test
USER_ENTRIES = [
    {"id": "person:salim-haddadin", "kind": "person", "en": "Salim Haddadin",
     "ar": ["سليم الحدادين"], "gender": "m",
     "roles": [{"office": "foreign_minister", "title": "Foreign Minister of Jordan",
                "country": "JOR", "sector": "GOV", "start": "2022-05"}]},
    {"id": "org:wadi-rum-forum", "kind": "org", "en": "Wadi Rum Dialogue Forum",
     "ar": ["منتدى وادي رم للحوار"], "country": "JOR", "sector": "NGO"},
    {"id": "country:JOR", "kind": "country", "en": "Hashemite Kingdom of Jordan",
     "ar": ["الأردن", "المملكة الأردنية الهاشمية"], "iso3": "JOR",
     "nisba": ["أردني", "أردنية"]},
]
ARTICLES = [
    {"id": "meeting", "date": "2023-06-01", "title": "لقاء في القاهرة",
     "text": "التقى سليم الحدادين الرئيس المصري عبد الفتاح السيسي في القاهرة أمس وبحثا "
             "العلاقات الثنائية."},
    {"id": "forum", "date": "2023-06-02", "title": "بيان المنتدى",
     "text": "انتقد منتدى وادي رم للحوار الحكومة الإسرائيلية بسبب الاستيطان."},
]


def _rasid(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "rasid", *args], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _write_kb(path: Path, entries: list[dict]) -> None:
    path.write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in entries) + "\n",
                    encoding="utf-8")


@pytest.fixture(scope="module")
def kb_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store ingested with the user's file, which is deleted afterwards."""
    folder = tmp_path_factory.mktemp("kb-store")
    articles = folder / "articles.jsonl"
    articles.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES) + "\n",
                        encoding="utf-8")
    mine = folder / "mine.jsonl"
    _write_kb(mine, USER_ENTRIES)
    db = folder / "store.duckdb"
    _rasid("ingest", str(articles), "--db", str(db), "--kb", str(mine), "--no-progress")
    mine.unlink()  # the store keeps the text; nothing reads the file again
    return db


def test_exports_name_the_users_actors(kb_store: Path) -> None:
    plover = [json.loads(line) for line in
              _rasid("export", "--format", "plover-jsonl", "--db", str(kb_store)).splitlines()]
    named = {a["identifier_id"]: a.get("identifier_text")
             for event in plover for a in [*event["actor"], *event["recipient"]]}
    assert named["person:salim-haddadin"] == "Salim Haddadin"
    assert named["org:wadi-rum-forum"] == "Wadi Rum Dialogue Forum"
    # the CSV lists participants by id (names are in the PLOVER and network exports)
    rows = list(csv.DictReader(io.StringIO(_rasid("export", "--format", "csv", "--db",
                                                  str(kb_store)))))
    assert {row["actors"] for row in rows} >= {"org:wadi-rum-forum"}
    assert any("person:salim-haddadin" in row["actors"] for row in rows)


def test_relations_and_the_network_name_a_country_from_the_stored_file(
        kb_store: Path, tmp_path: Path) -> None:
    # no article names Jordan: its country-level name comes from the recorded file
    rows = json.loads(_rasid("relations", "--db", str(kb_store), "--level", "country",
                             "--by", "all", "--format", "json"))
    names = {r["actor"]: r["actor_en"] for r in rows} | {
        r["recipient"]: r["recipient_en"] for r in rows}
    assert names["country:JOR"] == "Hashemite Kingdom of Jordan"
    graph = tmp_path / "net.graphml"
    _rasid("export", "--format", "graphml", "--db", str(kb_store), "--out", str(graph))
    assert "Wadi Rum Dialogue Forum" in graph.read_text(encoding="utf-8")
    # the network folded to countries names its nodes from the recorded file too
    import duckdb

    from rasid.store.export import dyad_graph
    from rasid.store.filters import Filters

    conn = duckdb.connect(str(kb_store), read_only=True)
    try:
        nodes = dict(dyad_graph(conn, Filters(), level="country").nodes(data="label"))
    finally:
        conn.close()
    assert nodes["country:JOR"] == "Hashemite Kingdom of Jordan"


def test_the_dashboard_labels_with_the_stores_knowledge_base(kb_store: Path,
                                                             tmp_path: Path) -> None:
    with run_server(kb_store, tmp_path / "server.log") as server, server.client() as client:
        actor = client.get("/api/actors/person:salim-haddadin").json()
        assert actor["label"] == "Salim Haddadin"
        # the profile and the dated roles come from the knowledge base, not the articles
        assert actor["names"]["kb"]["en"] == "Salim Haddadin"
        assert [r["office"] for r in actor["roles"]["kb"]] == ["foreign_minister"]
        relations = client.get("/api/relations", params={"level": "country", "by": "all"})
        labels = {row[side]: row[f"{side}_label"] for row in relations.json()["items"]
                  for side in ("actor", "recipient")}
        assert labels["country:JOR"] == "Hashemite Kingdom of Jordan"
        entity = client.get("/api/relations", params={"level": "entity", "by": "all"}).json()
        assert {row["actor_label"] for row in entity["items"]} >= {"Wadi Rum Dialogue Forum"}
        page = client.get("/actor/person:salim-haddadin")
        assert page.status_code == 200
        assert "Salim Haddadin" in page.text and "Foreign Minister of Jordan" in page.text
        network = client.get("/network.json", params={"level": "country"}).json()
        assert "Hashemite Kingdom of Jordan" in json.dumps(network, ensure_ascii=False)


def test_an_edited_file_makes_a_new_pipeline_version_and_new_labels(tmp_path: Path) -> None:
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps(ARTICLES[1], ensure_ascii=False) + "\n", encoding="utf-8")
    mine = tmp_path / "mine.jsonl"
    db = tmp_path / "store.duckdb"
    _write_kb(mine, USER_ENTRIES[1:2])
    _rasid("ingest", str(articles), "--db", str(db), "--kb", str(mine), "--no-progress")
    _write_kb(mine, [{**USER_ENTRIES[1], "en": "Wadi Rum Forum for Dialogue"}])
    _rasid("ingest", str(articles), "--db", str(db), "--kb", str(mine), "--no-progress")
    plover = _rasid("export", "--format", "plover-jsonl", "--db", str(db))
    assert "Wadi Rum Forum for Dialogue" in plover and "Wadi Rum Dialogue Forum" not in plover
    import duckdb

    conn = duckdb.connect(str(db), read_only=True)
    try:
        assert conn.execute("SELECT count(*) FROM pipelines").fetchone()[0] == 2
    finally:
        conn.close()


def test_pasted_text_is_analyzed_with_the_stores_knowledge_base(kb_store: Path,
                                                                tmp_path: Path) -> None:
    text = "وأشاد سليم الحدادين بعمل منتدى وادي رم للحوار في عمان."
    with run_server(kb_store, tmp_path / "analyze.log", "--allow-analyze") as server, \
            server.client() as client:
        answer = client.post("/api/analyze", json={"text": text, "date": "2023-07-01"})
        assert answer.status_code == 200, answer.text
        found = {e["id"]: e["en"] for e in answer.json()["entities"]}
        assert found["person:salim-haddadin"] == "Salim Haddadin"
        assert found["org:wadi-rum-forum"] == "Wadi Rum Dialogue Forum"


def test_rasid_watch_records_the_users_file_too(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "forum.txt").write_text(ARTICLES[1]["text"] + "\n", encoding="utf-8")
    mine = tmp_path / "mine.jsonl"
    _write_kb(mine, USER_ENTRIES[1:2])
    db = tmp_path / "watch.duckdb"
    done = subprocess.run([sys.executable, "-m", "rasid", "watch", str(inbox), "--db", str(db),
                           "--once", "--settle", "0", "--kb", str(mine)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    mine.unlink()
    import duckdb

    from rasid.store.kb import recorded_sources, store_knowledge_base

    conn = duckdb.connect(str(db), read_only=True)
    try:
        runs = recorded_sources(conn)
        assert [Path(source.name).name for _, files in runs for source in files] == \
            ["mine.jsonl"]
        assert store_knowledge_base(conn).get("org:wadi-rum-forum").en == \
            "Wadi Rum Dialogue Forum"
    finally:
        conn.close()


def test_a_bad_users_file_stops_ingest_with_its_line(tmp_path: Path) -> None:
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps(ARTICLES[1], ensure_ascii=False) + "\n", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "org:x", "kind": "club", "en": "X", "ar": ["س"]}\n',
                   encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "rasid", "ingest", str(articles), "--db",
                           str(tmp_path / "s.duckdb"), "--kb", str(bad), "--no-progress"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 2
    assert "[R200]" in done.stderr and "bad.jsonl:1: 'kind' must be one of" in done.stderr
    assert "Traceback" not in done.stderr
