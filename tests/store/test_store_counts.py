"""Tolls in the store: relations sum them per dyad, exports carry them, the dashboard's
dyad reads show them by month; Arabic texts written for these tests, a real DuckDB file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest

from rasid.store.export import export
from rasid.store.queries import relations
from rasid.store.writer import Writer, analysis_record

RAID = ("قصفت القوات الروسية مواقع أوكرانية قرب الحدود ليلا، ما أسفر عن مقتل 9 جنود "
        "أوكرانيين وإصابة 14 آخرين.")
SECOND = ("وقصفت القوات الروسية مواقع أوكرانية أخرى في الشرق، ما أدى إلى مقتل ثلاثة "
          "جنود أوكرانيين.")


@pytest.fixture
def tolled(pipeline, store) -> duckdb.DuckDBPyConnection:
    for text, date in ((RAID, "2023-02-10"), (SECOND, "2023-02-20")):
        record = analysis_record(pipeline.analyze(text, date=date).to_dict(), raw_text=text)
        Writer(store, "test+1").write([record])
    return store


def test_relations_sum_the_tolls_of_a_dyad(tolled) -> None:
    frame = relations(tolled, by="month", level="country")
    row = frame[(frame["actor"] == "country:RUS") & (frame["recipient"] == "country:UKR")]
    assert len(row) == 1
    assert int(row["killed"].iloc[0]) == 12
    assert int(row["injured"].iloc[0]) == 14
    assert int(row["arrested"].iloc[0]) == 0


def test_exports_carry_the_tolls(tolled, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    export(tolled, "plover-jsonl", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    tolls = sorted((r["counts"].get("killed") or {}).get("value", 0) for r in records)
    assert tolls[-2:] == [3, 9]
    assert all(set(r["counts"]) <= {"killed", "injured", "arrested", "kidnapped"}
               for r in records)
    out_csv = tmp_path / "events.csv"
    export(tolled, "csv", out_csv)
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8"))))
    assert sorted(r["killed"] for r in rows if r["killed"]) == ["3", "9"]
    assert {r["killed_approx"] for r in rows if r["killed"]} == {"False"}


def test_the_dyad_page_reads_tolls_by_month(tolled) -> None:
    from rasid.store.filters import Filters
    from rasid.web.reads import dyads

    data = dyads.dyad(tolled.cursor(), Filters(), "country", "country:RUS",
                      "country:UKR", limit=10, offset=0)
    direction = next(d for d in data["directions"] if d["actor"] == "country:RUS")
    assert (direction["killed"], direction["injured"]) == (12, 14)
    assert data["tolls"] == [{"period": "2023-02", "killed": 12, "injured": 14,
                              "arrested": 0, "kidnapped": 0}]
