"""The corpus commands end to end: ingest, stats, relations and export from the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_samples import date_for, story

from rasid.cli_store import default_db
from rasid.cli_store import main as store_main


@pytest.fixture
def db(tmp_path: Path, layers_config: Path, capsys) -> Path:
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"n{n}", "text": story(n), "date": date_for(n)},
                                         ensure_ascii=False) + "\n" for n in range(30)),
                      encoding="utf-8")
    path = tmp_path / "cli.duckdb"
    code = store_main(["ingest", str(corpus), "--db", str(path), "--config", str(layers_config),
                       "--plugin", "store_plugin"])
    assert code == 0, capsys.readouterr().err
    capsys.readouterr()
    return path


def test_stats_and_relations(db: Path, capsys) -> None:
    assert store_main(["stats", "--db", str(db), "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["articles"]["analyzed"] == 30 and stats["layers"]["events"] > 0

    assert store_main(["relations", "--db", str(db), "--actor", "IRN", "--by", "year",
                       "--format", "json", "--evidence", "asserted"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(r["evidence"] == "asserted" for r in rows)
    assert all("country:IRN" in (r["actor"], r["recipient"]) for r in rows)
    assert all(r["top_events"] for r in rows)

    assert store_main(["relations", "--db", str(db), "--from", "2023-02-01", "--to",
                       "2023-03-31"]) == 0
    table = capsys.readouterr().out
    assert "period" in table and "2023-01" not in table

    assert store_main(["relations", "--db", str(db), "--evidence", "rumour"]) == 2
    assert "unknown evidence class rumour" in capsys.readouterr().err


def test_export_to_stdout_and_files(db: Path, tmp_path: Path, capsys) -> None:
    assert store_main(["export", "--db", str(db), "--format", "plover-jsonl",
                       "--type", "CONSULT,AID"]) == 0
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert records and {r["event"][0] for r in records} <= {"CONSULT", "AID"}
    assert "record(s) exported as plover-jsonl" in captured.err
    out = tmp_path / "net.gexf"
    assert store_main(["export", "--db", str(db), "--format", "gexf", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"<?xml")


def test_reprocess_in_one_process(db: Path, capsys) -> None:
    assert store_main(["ingest", "--reprocess", "--db", str(db), "--force"]) == 0
    assert "30 analyzed" in capsys.readouterr().err
    assert store_main(["stats", "--db", str(db), "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["articles"]["articles"] == 30
    assert len(stats["articles by pipeline version"]) == 1, "every article was rerun"


def test_default_store_location(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RASID_DB", str(tmp_path / "mine.duckdb"))
    assert default_db() == tmp_path / "mine.duckdb"
    monkeypatch.delenv("RASID_DB")
    assert default_db().name == "rasid.duckdb" and "rasid" in default_db().parent.parts
