"""``POST /api/analyze`` and the analyze page on a server started with --allow-analyze
(limit 2,000 characters)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from webenv import ANALYZE_TEXT, Server


@pytest.fixture(scope="module")
def client(analyze_server: Server) -> Iterator[httpx.Client]:
    with analyze_server.client() as client:
        yield client


def test_analyze_json(client: httpx.Client) -> None:
    answer = client.post("/api/analyze", json={"text": ANALYZE_TEXT, "date": "2023-06-01",
                                               "title": "اختبار"})
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert result["schema"] == "rasid.analysis/1" and result["status"] == "ok"
    assert result["text"] == ANALYZE_TEXT and result["meta"]["date"] == "2023-06-01"
    assert {"mentions", "entities", "quotes", "events", "tokens", "repairs"} <= set(result)
    assert any(m["entity"] == "person:emmanuel-macron" for m in result["mentions"])


def test_analyze_plain_text(client: httpx.Client) -> None:
    answer = client.post("/api/analyze", content=ANALYZE_TEXT.encode(),
                         headers={"content-type": "text/plain; charset=utf-8"})
    assert answer.status_code == 200
    assert answer.json()["text"] == ANALYZE_TEXT


def test_analyze_too_large(client: httpx.Client) -> None:
    huge = client.post("/api/analyze", json={"text": "ب" * 200_000})
    assert huge.status_code == 413
    assert huge.json()["error"] == "too_large" and huge.json()["max_chars"] == 2000
    # within the byte limit but over the character limit
    over = client.post("/api/analyze", json={"text": "زار الوزير القاهرة. " * 120})
    assert over.status_code == 413


def test_analyze_too_large_without_content_length(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            yield ("ب" * 1000).encode()

    answer = client.post("/api/analyze", content=chunks(),
                         headers={"content-type": "text/plain"})
    assert answer.status_code == 413


@pytest.mark.parametrize(("body", "content_type", "message"), [
    (b'{"text": ', "application/json", "not valid JSON"),
    (b'["a list"]', "application/json", "JSON object"),
    (b'{"title": "no text"}', "application/json", "'text'"),
    (b'{"text": 5}', "application/json", "string"),
    (b"\xff\xfe", "text/plain", "UTF-8"),
    (b"<a/>", "application/xml", "unsupported content type"),
])
def test_analyze_bad_bodies(client: httpx.Client, body: bytes, content_type: str,
                            message: str) -> None:
    answer = client.post("/api/analyze", content=body, headers={"content-type": content_type})
    assert answer.status_code == 422
    assert message in answer.json()["message"]


def test_analyze_refuses_what_rasid_cannot_read(client: httpx.Client) -> None:
    english = client.post("/api/analyze", json={"text": "This is not Arabic at all."})
    assert english.status_code == 422 and english.json()["error"] == "not_analyzable"
    bad_date = client.post("/api/analyze", json={"text": ANALYZE_TEXT, "date": "2023-02-30"})
    assert bad_date.status_code == 422 and "calendar" in bad_date.json()["message"]


def test_analyze_page_and_its_twin(client: httpx.Client) -> None:
    form = client.get("/analyze")
    assert form.status_code == 200 and 'dir="rtl"' in form.text
    assert client.get("/analyze.json").json() == {"allowed": True, "max_chars": 2000}
    page = client.post("/analyze", data={"text": ANALYZE_TEXT, "date": "", "title": ""})
    assert page.status_code == 200
    assert 'id="article-text"' in page.text and "hl-mention" in page.text
    twin = client.post("/analyze.json", data={"text": ANALYZE_TEXT})
    assert twin.json()["text"] == ANALYZE_TEXT
