"""The schema is declared once: migrations and the writer's columns follow from it.

A store of every older version, upgraded by ``connect``, ends with the same tables,
columns, types and constraints as a new one, and the writer's Arrow columns are the
columns of the store, so a column added to the declaration reaches both.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
from store_samples import analysis_dict

from rasid.store import connect
from rasid.store.schema import MIGRATIONS, SCHEMA_VERSION, TABLES
from rasid.store.writer import COLUMNS, Writer, analysis_record

#: how DuckDB reports the type of a column the writer fills with each Arrow type
DUCKDB_NAMES = {pa.string(): {"VARCHAR", "JSON"}, pa.int32(): {"INTEGER"},
                pa.float64(): {"DOUBLE"}, pa.date32(): {"DATE"},
                pa.timestamp("us"): {"TIMESTAMP"}, pa.binary(): {"BLOB"},
                pa.list_(pa.string()): {"VARCHAR[]"}}


def layout(conn: duckdb.DuckDBPyConnection) -> tuple[list, list, list]:
    columns = conn.execute(
        "SELECT table_name, column_name, data_type, is_nullable FROM "
        "information_schema.columns ORDER BY table_name, ordinal_position").fetchall()
    constraints = conn.execute("SELECT table_name, constraint_type, constraint_text FROM "
                               "duckdb_constraints() ORDER BY ALL").fetchall()
    indexes = conn.execute("SELECT index_name, table_name FROM duckdb_indexes() "
                           "ORDER BY ALL").fetchall()
    return columns, constraints, indexes


def test_writer_columns_are_the_store_columns(tmp_path: Path) -> None:
    conn = connect(tmp_path / "new.duckdb")
    try:
        for table, columns in COLUMNS.items():
            stored = conn.execute("SELECT column_name, data_type FROM information_schema."
                                  "columns WHERE table_name = ? ORDER BY ordinal_position",
                                  [table]).fetchall()
            assert [name for name, _ in stored] == [name for name, _ in columns], table
            for (name, kind), (_, arrow) in zip(stored, columns, strict=True):
                assert kind in DUCKDB_NAMES[arrow], (table, name, kind, arrow)
    finally:
        conn.close()
    assert set(COLUMNS) == {"articles", "mentions", "entities", "quotes", "events",
                            "event_actors", "article_topics", "minhashes"}
    assert {t.name for t in TABLES} >= {"meta", "pipelines", "alerts", "watch_items"}


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_an_older_store_upgrades_to_the_new_layout(tmp_path: Path, version: int) -> None:
    old = tmp_path / f"v{version}.duckdb"
    conn = duckdb.connect(str(old))
    for step in range(1, version + 1):
        for statement in MIGRATIONS[step]:
            conn.execute(statement)
    conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(version)])
    before = {row[0] for row in conn.execute(
        "SELECT table_name FROM information_schema.tables").fetchall()}
    conn.close()
    assert ("article_topics" in before) == (version >= 4)

    upgraded, new = connect(old), connect(tmp_path / "new.duckdb")
    try:
        assert layout(upgraded) == layout(new)
        text = "زار وفد من روسيا العاصمة في إيران أمس لبحث التعاون الاقتصادي."
        record = analysis_record(analysis_dict(text, date="2023-04-02"), raw_text=text)
        Writer(upgraded, "test+1").write([record])
        # every column the writer fills exists in the upgraded store
        assert upgraded.execute("SELECT count(*), min(status) FROM articles").fetchone() == (
            1, "ok")
        assert upgraded.execute("SELECT entity_id FROM event_actors ORDER BY role"
                                ).fetchall() == [("country:RUS",), ("country:IRN",)]
    finally:
        upgraded.close()
        new.close()
