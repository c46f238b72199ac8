"""The server-rendered pages, their JSON twins, error pages and the empty store."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import duckdb
import httpx
import pytest
from webenv import Server, run_server


@pytest.fixture(scope="module")
def web(server: Server) -> Iterator[httpx.Client]:
    with server.client() as client:
        yield client


def pages(sample: dict) -> list[tuple[str, str]]:
    """(page path, its query string) for every page."""
    actor, recipient = sample["dyad"]
    return [
        ("/", ""),
        ("/network", "level=entity"),
        ("/dyad", f"actor={quote(actor)}&recipient={quote(recipient)}"),
        ("/actors", "q=Iran"),
        (f"/actor/{sample['actor']}", ""),
        ("/articles", "q=%D8%B3%D9%88%D8%B1%D9%8A%D8%A7"),
        (f"/article/{sample['article']}", ""),
    ]


def test_every_page_renders_with_its_json_twin(web: httpx.Client, sample: dict) -> None:
    for path, query in pages(sample):
        suffix = f"?{query}" if query else ""
        html = web.get(path + suffix)
        assert html.status_code == 200, (path, html.text[:500])
        assert html.headers["content-type"].startswith("text/html")
        assert 'dir="rtl"' in html.text, path
        twin_path = "/overview.json" if path == "/" else f"{path}.json"
        twin = web.get(twin_path + suffix)
        assert twin.status_code == 200, (twin_path, twin.text[:500])
        by_format = web.get(path + suffix + ("&" if query else "?") + "format=json")
        assert by_format.status_code == 200
        assert twin.json() == by_format.json(), path
        assert f'href="{twin_path}' in html.text.replace("&amp;", "&"), path


def test_pages_send_a_strict_content_security_policy(web: httpx.Client) -> None:
    policy = web.get("/").headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    html = web.get("/network").text
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith(("/", "#")) for s in sources), sources


def test_overview_content(web: httpx.Client) -> None:
    data = web.get("/overview.json").json()
    assert data["corpus"]["analyzed"] == 10 and data["corpus"]["first_date"] == "2023-01-10"
    assert data["top_actors"] and data["events_per_month"]
    assert {"cooperative", "conflictual"} == set(data["top_dyads"])
    for pair in data["top_dyads"]["conflictual"]:
        assert pair["conflict"] > 0
    html = web.get("/").text
    assert 'class="chart"' in html and "Top actors" in html


def test_network_twin_follows_filters(web: httpx.Client) -> None:
    everything = web.get("/network.json", params={"level": "entity"}).json()
    assault = web.get("/network.json", params={"level": "entity", "type": "ASSAULT"}).json()
    assert len(assault["edges"]) < len(everything["edges"])
    assert assault["filters"]["type"] == ["ASSAULT"]
    later = web.get("/network.json", params={"date_from": "2023-04-01"}).json()
    assert later["total_edges"] <= web.get("/network.json").json()["total_edges"]


def test_dyad_page(web: httpx.Client, sample: dict) -> None:
    actor, recipient = sample["dyad"]
    data = web.get("/dyad.json", params={"actor": actor, "recipient": recipient}).json()
    assert data["directions"][0]["actor"] == actor
    assert data["timeline"] and data["events"]["items"]
    for event in data["events"]["items"]:
        assert {event["actor"], event["recipient"]} == {actor, recipient}
        assert event["sentence_text"]
    html = web.get("/dyad", params={"actor": actor, "recipient": recipient}).text
    assert "<mark class=\"trigger\">" in html


def test_actor_and_article_pages(web: httpx.Client, db: duckdb.DuckDBPyConnection,
                                 sample: dict) -> None:
    actor = web.get(f"/actor/{sample['actor']}.json").json()
    assert actor["id"] == sample["actor"]
    html = web.get(f"/actor/{sample['actor']}").text
    assert "Roles over time" in html and "Partners" in html and "Quotations" in html
    article = web.get(f"/article/{sample['article']}").text
    # one highlight per stored mention (the legend's sample has no attributes; a mention
    # split around another span continues in pieces marked data-part)
    marked = re.findall(r'<span class="hl hl-mention" (?![^>]*data-part)[^>]*>', article)
    assert len(marked) == db.execute(
        "SELECT count(*) FROM mentions WHERE article_id = ?", [sample["article"]]).fetchone()[0]
    assert 'id="repairs"' in article


def test_bad_parameters_answer_4xx_with_a_message(web: httpx.Client) -> None:
    cases = [
        ("/api/events", {"quad": "9"}, "quad"),
        ("/api/events", {"type": "HUG"}, "type"),
        ("/api/events", {"modality": "maybe"}, "modality"),
        ("/api/events", {"evidence": "rumour"}, "evidence"),
        ("/api/events", {"order": "random"}, "order"),
        ("/api/events", {"date_from": "yesterday"}, "date_from"),
        ("/api/events", {"date_from": "2023-05-01", "date_to": "2023-01-01"}, "date_from"),
        ("/api/events", {"limit": "0"}, "limit"),
        ("/api/events", {"limit": "201"}, "limit"),
        ("/api/events", {"offset": "-1"}, "offset"),
        ("/api/events", {"limit": "ten"}, "limit"),
        ("/api/articles", {"status": "deleted"}, "status"),
        ("/api/articles", {"q": "x" * 201}, "q"),
        ("/api/actors", {"kind": "planet"}, "kind"),
        ("/api/relations", {"by": "week"}, "by"),
        ("/api/relations", {"level": "galaxy"}, "level"),
        ("/api/network", {"max_nodes": "1"}, "max_nodes"),
        ("/api/network", {"min_count": "0"}, "min_count"),
        ("/network", {"format": "xml"}, "format"),
        ("/dyad.json", {"actor": "country:IRN"}, "recipient"),
    ]
    for path, params, parameter in cases:
        answer = web.get(path, params=params)
        assert answer.status_code == 422, (path, params, answer.text)
        if path.startswith("/api") or path.endswith(".json"):
            body = answer.json()
            assert body["error"] == "invalid_parameter"
            assert parameter in [e["parameter"] for e in body["errors"]], (path, body)
            assert parameter in body["message"]
    page = web.get("/articles", params={"date_from": "2023-02-30"})
    assert page.status_code == 422 and "date_from" in page.text
    assert page.headers["content-type"].startswith("text/html")


def test_not_found(web: httpx.Client) -> None:
    for path in ("/nowhere", "/article/ffffffffffffffff", "/actor/person:nobody"):
        page = web.get(path)
        assert page.status_code == 404 and "404" in page.text
    assert web.get("/article/ffffffffffffffff.json").json()["error"] == "not_found"
    assert web.get("/api/nowhere").json()["error"] == "not_found"


def test_static_files(web: httpx.Client) -> None:
    for name in ("rasid.css", "network.js", "article.js", "docs-init.js", "favicon.svg"):
        assert web.get(f"/static/{name}").status_code == 200, name


def test_empty_store_shows_how_to_ingest(tmp_path: Path) -> None:
    from rasid.store import connect

    empty = tmp_path / "empty.duckdb"
    connect(empty).close()
    with run_server(empty, tmp_path / "empty.log") as running, running.client() as client:
        page = client.get("/")
        assert page.status_code == 200
        assert f"rasid ingest PATH --db {empty}" in page.text
        assert client.get("/overview.json").json()["hint"] == f"rasid ingest PATH --db {empty}"
        assert client.get("/api/articles").json()["total"] == 0
        assert client.get("/network.json").json()["nodes"] == []
        assert client.get("/api/health").json()["store"] == "empty"
        # the server does not hold the empty store: an ingest can run beside it
        conn = connect(empty)
        conn.close()


def test_missing_store_shows_how_to_ingest(tmp_path: Path) -> None:
    missing = tmp_path / "nothing-yet.duckdb"
    with run_server(missing, tmp_path / "missing.log") as running, running.client() as client:
        page = client.get("/")
        assert page.status_code == 200 and "rasid ingest PATH --db" in page.text
        answer = client.get("/api/events")
        assert answer.status_code == 404 and answer.json()["error"] == "store_missing"
        assert "rasid ingest" in answer.json()["hint"]
    assert not missing.exists(), "a read-only dashboard never creates the store"


def test_repairs_table_shows_the_words_around_each_change(web: httpx.Client,
                                                           sample: dict) -> None:
    """An inserted space is shown as the glued word and the two words it became, not as
    '"" → " "'; the exact characters stay in the tooltip and the JSON twin."""
    assert sample["repaired"], "the test store has a text that needed repair"
    data = web.get(f"/article/{sample['repaired']}.json").json()
    glued = [r for r in data["repairs"] if r["step"] == "glued_words"]
    assert glued and glued[0]["words_before"] == "روسياوإيران"
    assert glued[0]["words_after"] == "روسيا وإيران"
    html = web.get(f"/article/{sample['repaired']}").text
    assert 'title=\'" "\'>روسيا وإيران</span>' in html
    assert '<code>""</code> → <code>" "</code>' not in html


def _section(html: str, ident: str) -> str:
    start = html.index(f'id="{ident}"')
    return html[start:html.index("</section>", start)]


def test_overview_tolls_per_month(web: httpx.Client, db) -> None:
    """Killed and injured per month: the tolls the pipeline read from the two attack
    stories (4 dead and about 10 hurt in January, 9 and 12 in April), against the tables
    and in the chart."""
    data = web.get("/overview.json").json()
    assert data["tolls_per_month"] == [
        {"period": "2023-01", "killed": 4, "killed_approx": False, "injured": 10,
         "injured_approx": True, "events": 1},
        {"period": "2023-04", "killed": 9, "killed_approx": False, "injured": 12,
         "injured_approx": False, "events": 1}]
    assert data["tolls_evidence"] == ["asserted"]
    stored = db.execute(
        "SELECT sum(TRY_CAST(json_extract_string(e.data, '$.counts.killed.value') AS INTEGER)),"
        " sum(TRY_CAST(json_extract_string(e.data, '$.counts.injured.value') AS INTEGER)) "
        "FROM events e JOIN articles a ON a.id = e.article_id WHERE a.duplicate_of IS NULL "
        "AND e.evidence = 'asserted'").fetchone()
    assert stored == (sum(t["killed"] for t in data["tolls_per_month"]),
                      sum(t["injured"] for t in data["tolls_per_month"]))
    # the chart: both months, killed and injured side by side, empty months as gaps,
    # laid over the same months as the events chart above it
    chart = _section(web.get("/").text, "tolls-per-month")
    bars = re.findall(r'<rect class="bar" data-period="([^"]+)" data-series="([^"]+)" '
                      r'data-value="(\d+)"', chart)
    assert sorted(bars) == [("2023-01", "injured", "10"), ("2023-01", "killed", "4"),
                            ("2023-04", "injured", "12"), ("2023-04", "killed", "9")]
    assert "<title>2023-01: about 10 injured</title>" in chart
    assert "<title>2023-04: 9 killed</title>" in chart
    labels = re.findall(r'<text class="axis period"[^>]*>([^<]+)</text>', chart)
    months = [p["period"] for p in data["events_per_month"]]
    assert labels[-1] == max(months)  # the events chart's last month, toll or not
    assert "<li>" in chart and "killed" in chart and "injured" in chart  # the legend
    # the filters apply
    later = web.get("/overview.json", params={"date_from": "2023-03-01"}).json()
    assert [t["period"] for t in later["tolls_per_month"]] == ["2023-04"]
    assault = web.get("/overview.json", params={"type": "ACCUSE"}).json()
    assert assault["tolls_per_month"] == []
    # tolls are current facts: asking for statements only leaves none, and says why
    claims = web.get("/overview.json", params={"evidence": "statement"}).json()
    assert claims["tolls_per_month"] == [] and claims["tolls_evidence"] == []
    html = _section(web.get("/", params={"evidence": "statement"}).text, "tolls-per-month")
    assert "No toll stated" in html
    assert "which the evidence filter leaves out" in web.get(
        "/", params={"evidence": "statement"}).text
