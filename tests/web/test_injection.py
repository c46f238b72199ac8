"""SQL injection attempts through every text parameter: never a 500, never a leak.

Every value reaches SQL as a bound parameter, so a payload is only ever a strange
string: it matches nothing (a search finds no article, a filter no event) or is
refused as invalid (422). The store is unchanged afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import duckdb
import httpx
import pytest
from webenv import Server

PAYLOADS = [
    "' OR '1'='1",
    "' OR 1=1 --",
    "x'); DROP TABLE articles; --",
    "%' UNION SELECT raw_text, raw_text, raw_text FROM articles --",
    "country:IRN' OR entity_id LIKE '%",
    '" OR ""="',
    "1; SELECT * FROM pipelines",
    "%",
    "_",
    "\\",
    "'; ATTACH '/tmp/evil.duckdb' AS evil; --",
    "ي' OR 'أ'='أ",
]

#: (path, parameter): every free-text query parameter
QUERY_PARAMETERS = [
    ("/api/articles", "q"), ("/api/articles", "source"), ("/api/articles", "date_from"),
    ("/api/articles", "status"),
    ("/api/actors", "q"), ("/api/actors", "kind"),
    ("/api/events", "actor"), ("/api/events", "recipient"), ("/api/events", "involving"),
    ("/api/events", "article"), ("/api/events", "type"), ("/api/events", "modality"),
    ("/api/events", "evidence"), ("/api/events", "quad"), ("/api/events", "order"),
    ("/api/events", "date_to"),
    ("/api/relations", "actor"), ("/api/relations", "recipient"), ("/api/relations", "level"),
    ("/api/relations", "by"), ("/api/network", "type"), ("/api/network", "level"),
    ("/articles.json", "q"), ("/articles.json", "source"), ("/actors.json", "q"),
    ("/network.json", "evidence"), ("/overview.json", "level"),
    ("/dyad.json", "actor"), ("/dyad.json", "recipient"),
]
#: path templates whose path segment is free text
PATH_PARAMETERS = ["/api/articles/{}", "/api/actors/{}", "/article/{}.json", "/actor/{}.json",
                   "/actor/{}"]

LEAKS = ("Traceback", "Binder Error", "Parser Error", "Catalog Error", "Conversion Error",
         "SELECT", "raw_text")


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with server.client() as client:
        yield client


def check(answer: httpx.Response, payload: str) -> None:
    """Not a server error, nothing from inside the server, no row matched by a payload
    (a 4xx message may quote the payload itself)."""
    assert answer.status_code in (200, 404, 422), (answer.request.url, answer.text[:300])
    for word in LEAKS:
        if word not in payload:
            assert word not in answer.text, (answer.request.url, word)
    if answer.status_code == 200 and "total" in answer.json():
        assert answer.json()["total"] == 0, (answer.request.url, "a payload matched rows")


@pytest.mark.parametrize(("path", "parameter"), QUERY_PARAMETERS)
def test_query_parameters(client: httpx.Client, path: str, parameter: str) -> None:
    for payload in PAYLOADS:
        params = {parameter: payload}
        if path == "/dyad.json":
            params = {"actor": "country:USA", "recipient": "country:IRN", **params}
        answer = client.get(path, params=params)
        check(answer, payload)
        if path == "/dyad.json" and answer.status_code == 200:
            assert answer.json()["events"]["total"] == 0


@pytest.mark.parametrize("template", PATH_PARAMETERS)
def test_path_parameters(client: httpx.Client, template: str) -> None:
    for payload in PAYLOADS:
        answer = client.get(template.format(quote(payload, safe="")))
        assert answer.status_code in (404, 422), (template, payload, answer.status_code)
        check(answer, payload)


def test_the_store_is_unchanged(client: httpx.Client, db: duckdb.DuckDBPyConnection) -> None:
    for path, parameter in QUERY_PARAMETERS[:3]:
        for payload in PAYLOADS:
            client.get(path, params={parameter: payload})
    tables = {name for (name,) in db.execute(
        "SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"articles", "events", "mentions", "entities", "quotes", "pipelines"} <= tables
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 11
