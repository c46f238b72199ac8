"""Response time of every dashboard page and its JSON twin, against a real server.

Starts ``rasid serve`` (a subprocess, on a free loopback port) over a store, then asks
each page and its JSON twin N times with an HTTP client (httpx, one kept-alive
connection, like a browser) and reports the first answer and the median, 90th
percentile and slowest of the rest. The target is a median under 300 ms on a store of
the 15,619 dev articles.

The store: the path given, else ``/tmp/rasid-dev.duckdb`` when it exists. A path that
does not exist is built first by ingesting ``--articles`` dev articles (the dev news
is CC BY-NC-SA: the store stays outside the project).

Run: ``.venv/bin/python benchmarks/web_latency.py [STORE] [--requests 20] [--articles 1000]``
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import duckdb
import httpx

DEFAULT_STORE = Path("/tmp/rasid-dev.duckdb")
TARGET_MS = 300.0


def build(store: Path, articles: int, news: Path) -> None:
    """Ingest the first ``articles`` dev articles into a new store."""
    from _news import iter_articles
    from rasid.batch.ingest import IngestOptions, ingest
    from rasid.settings import resolve

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "news.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for article in iter_articles(news, limit=articles):
                out.write(json.dumps(article, ensure_ascii=False) + "\n")
        summary = ingest(store, resolve({}), IngestOptions(paths=[str(source)], workers=2,
                                                           progress=False))
    print(f"built {store}: {summary.line(store)}", file=sys.stderr)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(store: Path, port: int, log: Path) -> subprocess.Popen:
    out = log.open("wb")
    process = subprocess.Popen([sys.executable, "-m", "rasid.cli_web", "serve", "--db",
                                str(store), "--port", str(port)], stdout=out,
                               stderr=subprocess.STDOUT, env=dict(os.environ))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited:\n{log.read_text(errors='replace')}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


def samples(store: Path) -> dict[str, str]:
    """An article with many events, the busiest actor and pair, a common word."""
    conn = duckdb.connect(str(store), read_only=True)
    try:
        article = conn.execute("SELECT article_id FROM events GROUP BY 1 "
                               "ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()
        actor = conn.execute("SELECT entity_id FROM event_actors GROUP BY 1 "
                             "ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()
        pair = conn.execute(
            "SELECT s.entity_id, r.entity_id FROM event_actors s JOIN event_actors r "
            "ON r.article_id = s.article_id AND r.event_id = s.event_id "
            "AND r.role = 'recipient' WHERE s.role = 'actor' AND s.entity_id <> r.entity_id "
            "GROUP BY ALL ORDER BY count(*) DESC, 1, 2 LIMIT 1").fetchone()
        count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()
    if not (article and actor and pair):
        raise SystemExit("the store holds no events to benchmark")
    return {"article": article[0], "actor": actor[0], "dyad_actor": pair[0],
            "dyad_recipient": pair[1], "articles": str(count)}


def pages(s: dict[str, str]) -> list[tuple[str, str, str]]:
    """(name, path, query) of every page; its twin is path.json with the same query."""
    dyad = f"actor={quote(s['dyad_actor'])}&recipient={quote(s['dyad_recipient'])}"
    return [
        ("overview", "/overview", ""),
        ("network (countries)", "/network", ""),
        ("network (entities, 150)", "/network", "level=entity&max_nodes=150"),
        ("network (ASSAULT, 2015)", "/network", "type=ASSAULT&date_from=2015-01-01"
                                                "&date_to=2015-12-31"),
        ("dyad", "/dyad", dyad),
        ("actors", "/actors", ""),
        ("actors search", "/actors", "q=%D8%A5%D9%8A%D8%B1%D8%A7%D9%86"),
        ("actor", f"/actor/{s['actor']}", ""),
        ("articles", "/articles", ""),
        ("articles search", "/articles", "q=%D8%A7%D9%84%D8%AD%D9%88%D8%AB%D9%8A"),
        ("article", f"/article/{s['article']}", ""),
    ]


def measure(client: httpx.Client, url: str, n: int) -> tuple[float, list[float], int]:
    """Milliseconds of the first answer and of ``n`` more."""
    times = []
    status = 0
    for _ in range(n + 1):
        start = time.perf_counter()
        answer = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        status = answer.status_code
    return times[0], times[1:], status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", nargs="?", type=Path, default=None,
                        help=f"the store (default {DEFAULT_STORE} when it exists)")
    parser.add_argument("--requests", type=int, default=20, help="requests per URL (20)")
    parser.add_argument("--articles", type=int, default=1000,
                        help="dev articles to ingest when the store does not exist (1000)")
    parser.add_argument("--news", type=Path, default=None, help="the dev news file")
    args = parser.parse_args()
    store = args.store or DEFAULT_STORE
    if not store.exists():
        from _news import DEFAULT_NEWS

        build(store, args.articles, args.news or DEFAULT_NEWS)
    s = samples(store)
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        process = start(store, port, Path(folder) / "server.log")
        try:
            base = f"http://127.0.0.1:{port}"
            with httpx.Client(base_url=base, timeout=120) as client:
                # the article page waits for the lexicon the server loads at start-up
                client.get(f"/article/{s['article']}")
                rows = []
                for name, path, query in pages(s):
                    suffix = f"?{query}" if query else ""
                    twin = ("/overview" if path == "/" else path) + ".json" + suffix
                    for kind, url in (("page", path + suffix), ("json", twin)):
                        first, rest, status = measure(client, url, args.requests)
                        rows.append((name, kind, status, first, statistics.median(rest),
                                     sorted(rest)[int(0.9 * (len(rest) - 1))], max(rest)))
        finally:
            process.terminate()
            process.wait(timeout=10)
    print(f"store: {store} ({int(s['articles']):,} articles); {args.requests} requests per URL "
          f"after the first; times in ms")
    print(f"{'page':26} {'':4} {'status':>6} {'first':>8} {'median':>8} {'p90':>8} {'max':>8}")
    worst = 0.0
    for name, kind, status, first, median, p90, slowest in rows:
        worst = max(worst, median)
        print(f"{name:26} {kind:4} {status:>6} {first:8.1f} {median:8.1f} {p90:8.1f} "
              f"{slowest:8.1f}")
    verdict = "meets" if worst < TARGET_MS else "misses"
    print(f"slowest median {worst:.1f} ms: {verdict} the {TARGET_MS:.0f} ms target")


if __name__ == "__main__":
    main()
