"""The overview's tolls per month over a store of its own: which events' tolls count
(current facts, each once, syndicated copies left out) and how the chart draws them."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import duckdb
import pytest

from rasid.store.filters import Filters
from rasid.web.charts import toll_chart
from rasid.web.reads.overview import tolls_per_month

#: (date, text): each states a toll; only the first two are current facts
TEXTS = [
    ("2024-02-10", "قصفت القوات الروسية مواقع أوكرانية قرب أوديسا، ما أسفر عن مقتل 12 جنديا "
                   "أوكرانيا وإصابة 20 آخرين."),
    ("2024-03-05", "قصفت القوات الروسية مواقع أوكرانية قرب سومي، ما أسفر عن مقتل 5 جنود "
                   "أوكرانيين وإصابة أكثر من 15 آخرين. وكانت القوات الروسية قد قصفت مواقع "
                   "أوكرانية قرب خيرسون الشهر الماضي، ما أسفر عن مقتل 7 جنود أوكرانيين."),
    # what a spokesman says: a statement, not added to the reported dead
    ("2024-03-07", "قال المتحدث باسم الجيش الأوكراني إن القوات الروسية قصفت مواقع أوكرانية قرب "
                   "خيرسون، ما أسفر عن مقتل 30 جنديا أوكرانيا."),
]
#: a syndicated copy of the first story (counted once)
COPY = (TEXTS[0][0], TEXTS[0][1] + " (خدمة وكالة الأنباء)")


@pytest.fixture(scope="module")
def toll_store(tmp_path_factory: pytest.TempPathFactory, pipeline
               ) -> duckdb.DuckDBPyConnection:
    from rasid.store import connect
    from rasid.store.dedup import link_duplicates
    from rasid.store.writer import Writer, analysis_record

    path = tmp_path_factory.mktemp("tolls") / "tolls.duckdb"
    records = [analysis_record(pipeline.analyze(text, date=date, source="rasid-tests")
                               .to_dict(), raw_text=text, origin=f"tests/tolls/{n}.txt")
               for n, (date, text) in enumerate([*TEXTS, COPY])]
    conn = connect(path)
    Writer(conn, "tolls-test+1", dict(pipeline.settings)).write(records)
    link_duplicates(conn)
    conn.close()
    conn = duckdb.connect(str(path), read_only=True)
    yield conn
    conn.close()


def test_the_store_holds_what_the_test_is_about(toll_store: duckdb.DuckDBPyConnection) -> None:
    found = toll_store.execute(
        "SELECT e.evidence, a.duplicate_of IS NOT NULL, TRY_CAST(json_extract_string("
        "e.data, '$.counts.killed.value') AS INTEGER) AS killed FROM events e "
        "JOIN articles a ON a.id = e.article_id WHERE killed > 0 ORDER BY 1, 2, 3").fetchall()
    assert found == [("asserted", False, 5), ("asserted", False, 12), ("asserted", True, 12),
                     ("background", False, 7), ("statement", False, 30)]


@pytest.mark.parametrize("evidence", [("asserted",), ("asserted", "statement", "background"),
                                      ()])
def test_only_current_facts_count_each_once(toll_store: duckdb.DuckDBPyConnection,
                                            evidence: tuple[str, ...]) -> None:
    tolls = tolls_per_month(toll_store.cursor(), Filters(evidence=evidence))
    assert tolls == [
        {"period": "2024-02", "killed": 12, "killed_approx": False, "injured": 20,
         "injured_approx": False, "events": 1},
        {"period": "2024-03", "killed": 5, "killed_approx": False, "injured": 15,
         "injured_approx": True, "events": 1}]


def test_a_filter_without_facts_has_no_tolls(toll_store: duckdb.DuckDBPyConnection) -> None:
    cur = toll_store.cursor()
    assert tolls_per_month(cur, Filters(evidence=("statement",))) == []
    assert [t["period"] for t in tolls_per_month(
        cur, Filters(evidence=("asserted",), date_from=datetime.date(2024, 3, 1)))
    ] == ["2024-03"]


def test_the_chart_compares_killed_and_injured_month_by_month() -> None:
    points = [{"period": "2024-01", "killed": 3, "injured": 0},
              {"period": "2024-04", "killed": 12, "injured": 40, "injured_approx": True}]
    svg = str(toll_chart(points, ("2023-12", "2024-05")))
    assert svg.startswith('<svg class="chart"')
    assert 'aria-label="people killed and injured per month"' in svg
    bars = re.findall(r'data-period="([^"]+)" data-series="([^"]+)" data-value="(\d+)" '
                      r'x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="([\d.]+)"', svg)
    assert [(p, s, v) for p, s, v, *_ in bars] == [
        ("2024-01", "killed", "3"), ("2024-04", "killed", "12"), ("2024-04", "injured", "40")]
    heights = {(p, s): float(h) for p, s, _v, _x, _w, h in bars}
    assert heights[("2024-04", "injured")] > heights[("2024-04", "killed")]  # not stacked
    x = {(p, s): float(x) for p, s, _v, x, _w, _h in bars}
    assert x[("2024-04", "killed")] < x[("2024-04", "injured")]  # side by side
    assert "<title>2024-04: about 40 injured</title>" in svg
    assert "<title>2024-04: 12 killed</title>" in svg
    labels = re.findall(r'class="axis period"[^>]*>([^<]+)<', svg)
    assert labels[0] == "2023-12" and labels[-1] == "2024-05"  # the span given
    assert "No toll stated" in str(toll_chart([]))
    assert "No toll stated" in str(toll_chart([{"period": "2024-01", "killed": 0,
                                               "injured": 0}]))
    # decades of historical dates are drawn by year, with their tolls summed
    long = [{"period": "1990-03", "killed": 2, "injured": 1},
            {"period": "1990-09", "killed": 5, "injured": 0},
            {"period": "2024-01", "killed": 1, "injured": 4}]
    by_year = str(toll_chart(long))
    assert 'data-period="1990" data-series="killed" data-value="7"' in by_year


def test_readme_documents_the_timeline() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "killed and injured per month" in readme and "`tolls_per_month`" in readme
