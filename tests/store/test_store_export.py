"""Every export format, opened by its own reader."""

from __future__ import annotations

import io
import json
from pathlib import Path

import duckdb
import networkx as nx
import pandas as pd
import pytest
from store_samples import analysis_dict, date_for, story

from rasid.store import StoreError
from rasid.store.export import EXPORTERS, export, write_plover
from rasid.store.queries import Filters
from rasid.store.writer import Writer, analysis_record

PLOVER_REQUIRED = ("id", "date", "actor", "event")


@pytest.fixture
def filled(store: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    records = []
    for seed in range(40):
        text = story(seed)
        records.append(analysis_record(analysis_dict(text, doc_id=f"n{seed}",
                                                     date=date_for(seed)), raw_text=text))
    Writer(store, "test+1").write(records)
    return store


def event_total(conn: duckdb.DuckDBPyConnection) -> int:
    return conn.execute("SELECT count(*) FROM events").fetchone()[0]


def test_formats_are_registered() -> None:
    assert {"plover-jsonl", "csv", "parquet", "graphml", "gexf"} <= set(EXPORTERS)


def test_plover_jsonl_records_have_the_required_fields(filled, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    result = export(filled, "plover-jsonl", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert result.records == len(lines) == event_total(filled)
    ids = set()
    for line in lines:
        record = json.loads(line)
        for name in PLOVER_REQUIRED:
            assert record.get(name), (name, record)
        assert isinstance(record["actor"], list) and record["actor"][0]["code"]
        assert record["event"][0] in {"CONSULT", "AID", "ACCUSE", "THREATEN", "ASSAULT"}
        assert record["quad_code"] in {1, 2, 3, 4}
        assert isinstance(record["event_scale"], float)
        assert record["cite_info"]["citation"] == record["article_id"]
        assert record["coder"].startswith("rasid ")
        assert len(record["date"]) == 10 and len(record["coded_date"]) == 10
        ids.add(record["id"])
    assert len(ids) == len(lines), "PLOVER ids are unique"


def test_csv_and_parquet_open_in_pandas(filled, tmp_path: Path) -> None:
    export(filled, "csv", tmp_path / "events.csv")
    export(filled, "parquet", tmp_path / "events.parquet")
    table = pd.read_csv(tmp_path / "events.csv")
    frame = pd.read_parquet(tmp_path / "events.parquet")
    assert len(table) == len(frame) == event_total(filled)
    assert {"article_id", "id", "type", "evidence", "actors", "recipients", "score"} <= set(
        table.columns)
    assert table["actors"].str.startswith("country:").all()
    assert all(a.startswith("country:") for a in frame["actors"].iloc[0])
    assert not list(tmp_path.glob(".*.partial")), "no partial files are left"


def expected_edges(conn: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], tuple]:
    """(actor, recipient) -> (asserted events, cooperation, conflict), counted here from
    the event table: each actor with each recipient, or pairs of actors without one."""
    found: dict[tuple[str, str], list[float]] = {}
    for _, actors, recipients, score in conn.execute(
            "SELECT e.id, list(x.entity_id ORDER BY x.position) FILTER (x.role = 'actor'), "
            "list(x.entity_id ORDER BY x.position) FILTER (x.role = 'recipient'), e.score "
            "FROM events e JOIN event_actors x ON x.article_id = e.article_id "
            "AND x.event_id = e.id WHERE e.evidence = 'asserted' GROUP BY e.article_id, e.id, "
            "e.score").fetchall():
        if recipients:
            pairs = {(a, r) for a in actors or [] for r in recipients if a != r}
        else:
            pairs = {(a, r) for a in actors or [] for r in actors or [] if a < r}
        for pair in pairs:
            totals = found.setdefault(pair, [0, 0.0, 0.0])
            totals[0] += 1
            totals[1] += max(score or 0.0, 0.0)
            totals[2] += max(-(score or 0.0), 0.0)
    return {pair: tuple(totals) for pair, totals in found.items()}


def test_graph_exports_open_in_networkx(filled, tmp_path: Path) -> None:
    expected = expected_edges(filled)
    export(filled, "graphml", tmp_path / "dyads.graphml")
    export(filled, "gexf", tmp_path / "dyads.gexf")
    for graph in (nx.read_graphml(tmp_path / "dyads.graphml"),
                  nx.read_gexf(tmp_path / "dyads.gexf")):
        assert graph.is_directed()
        assert "country:RUS" in graph and graph.nodes["country:RUS"]["label"] == "Russia"
        assert graph.number_of_edges() > 0
        edges = {(a, r): data for a, r, data in graph.edges(data=True)}
        assert set(edges) == set(expected)
        for pair, (weight, cooperation, conflict) in expected.items():
            assert edges[pair]["weight"] == weight, pair
            assert edges[pair]["cooperation"] == pytest.approx(cooperation), pair
            assert edges[pair]["conflict"] == pytest.approx(conflict), pair
        assert any(data["cooperation"] > 0 for data in edges.values())
        assert any(data["conflict"] > 0 for data in edges.values())
        asserted = filled.execute("SELECT count(*) FROM events WHERE evidence = 'asserted'"
                                  ).fetchone()[0]
        assert sum(data["weight"] for data in edges.values()) == asserted


def test_filters_narrow_the_export(filled) -> None:
    out = io.StringIO()
    export_filters = Filters(date_from="2023-03-01", date_to="2023-05-31", involving="IRN",
                             types=("ASSAULT",))
    result = write_plover(filled, out, export_filters)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert result.records == len(records) > 0
    for record in records:
        assert "2023-03-01" <= record["date"] <= "2023-05-31"
        assert record["event"] == ["ASSAULT"]
        codes = {a["code"] for a in record["actor"] + record["recipient"]}
        assert "IRN" in codes


def test_unknown_format_is_a_clear_error(filled) -> None:
    with pytest.raises(StoreError, match="unknown export format 'xml'"):
        export(filled, "xml", None)


def test_plover_leaves_out_events_without_a_date(store: duckdb.DuckDBPyConnection) -> None:
    text = story(3)
    analysis = analysis_dict(text, date=None)
    assert analysis["events"]
    Writer(store, "test+1").write([analysis_record(analysis, raw_text=text)])
    result = write_plover(store, io.StringIO(), Filters())
    assert result.records == 0 and result.skipped == len(analysis["events"])
    assert "without a date" in result.notes[0]
