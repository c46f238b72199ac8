"""Live monitoring: how soon dropped news shows in a running dashboard, and what the
writer's turns cost the pages.

Builds a store of ``--base`` dev articles (by ``rasid ingest``, in a temporary folder
outside the project: the dev news is CC BY-NC-SA), starts ``rasid serve`` and ``rasid
watch INBOX`` on it, loads pages in a loop (the overview, /api/stats, /articles,
/network) and measures their response times first with no writer, then while
``--batches`` batches of ``--batch`` dev articles are dropped into the inbox one after
another; for each batch, the seconds from the drop until /api/stats counts it. Finally,
the cost of one writer turn on that store (open it for writing and close it again,
which is what a batch adds to the analysis).

Run: ``python benchmarks/watch_latency.py [--base 500] [--batches 5] [--batch 10]``
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
import threading
import time
from pathlib import Path

import httpx

from _news import DEFAULT_NEWS, iter_articles

PAGES = ["/", "/api/stats", "/articles", "/network"]


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Loader(threading.Thread):
    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.phase = "idle"
        self.times: dict[str, list[float]] = {"idle": [], "writing": []}
        self.failures: list[str] = []
        self.done = threading.Event()

    def run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=120) as client:
            while not self.done.is_set():
                for path in PAGES:
                    started = time.perf_counter()
                    try:
                        status = client.get(path).status_code
                    except httpx.HTTPError as error:
                        self.failures.append(f"{path}: {error!r}")
                        continue
                    if status != 200:
                        self.failures.append(f"{path}: {status}")
                    self.times[self.phase].append(time.perf_counter() - started)


def _summary(values: list[float]) -> str:
    if not values:
        return "no requests"
    ordered = sorted(values)
    p90 = ordered[int(0.9 * (len(ordered) - 1))]
    return (f"{len(values)} requests, median {statistics.median(values) * 1000:.0f} ms, "
            f"90th percentile {p90 * 1000:.0f} ms, slowest {ordered[-1] * 1000:.0f} ms")


def _analyzed(url: str) -> int:
    return int(httpx.get(f"{url}/api/stats", timeout=120).json()["articles"]["analyzed"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--news", type=Path, default=DEFAULT_NEWS)
    parser.add_argument("--base", type=int, default=500)
    parser.add_argument("--batches", type=int, default=5)
    parser.add_argument("--batch", type=int, default=10)
    args = parser.parse_args()
    articles = list(iter_articles(args.news, args.base + args.batches * args.batch))
    work = Path(tempfile.mkdtemp(prefix="rasid-watch-bench-"))
    db, inbox = work / "live.duckdb", work / "inbox"
    inbox.mkdir()
    base = work / "base.jsonl"
    base.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n"
                            for a in articles[: args.base]), encoding="utf-8")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "rasid.cli_store", "ingest", str(base), "--db",
                    str(db), "--no-progress"], check=True, stderr=subprocess.DEVNULL)
    print(f"store of {args.base} articles built in {time.perf_counter() - started:.0f} s")
    port = _port()
    url = f"http://127.0.0.1:{port}"
    env = dict(os.environ)
    server = subprocess.Popen([sys.executable, "-m", "rasid.cli_web", "serve", "--db", str(db),
                               "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env=env)
    watcher = subprocess.Popen([sys.executable, "-m", "rasid.cli_watch", "watch", str(inbox),
                                "--db", str(db), "--interval", "1", "--settle", "0.5"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    loader = Loader(url)
    try:
        while True:
            try:
                if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        time.sleep(8)  # the watcher loads its pipeline meanwhile
        loader.start()
        time.sleep(10)
        loader.phase = "writing"
        latencies = []
        for number in range(args.batches):
            chunk = articles[args.base + number * args.batch:
                             args.base + (number + 1) * args.batch]
            before = _analyzed(url)
            dropped = time.perf_counter()
            for article in chunk:
                (inbox / f"{article['id']}.jsonl").write_text(
                    json.dumps(article, ensure_ascii=False) + "\n", encoding="utf-8")
            while _analyzed(url) < before + len(chunk):
                time.sleep(0.1)
            latencies.append(time.perf_counter() - dropped)
        loader.done.set()
        loader.join()
    finally:
        loader.done.set()
        watcher.terminate()
        watcher.wait()
        server.terminate()
        server.wait()
    print("seconds from a drop of", args.batch, "articles until /api/stats counts them:",
          ", ".join(f"{s:.1f}" for s in latencies),
          f"(median {statistics.median(latencies):.1f})")
    print("pages with no writer:   ", _summary(loader.times["idle"]))
    print("pages while it writes:  ", _summary(loader.times["writing"]))
    print("failed page requests:   ", len(loader.failures), loader.failures[:3])
    from rasid.store.gate import write_session

    turns = []
    for _ in range(20):
        started = time.perf_counter()
        with write_session(db):
            pass
        turns.append(time.perf_counter() - started)
    size = db.stat().st_size / 1e6
    print(f"one writer turn (open and close the {size:.0f} MB store): median "
          f"{statistics.median(turns) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
