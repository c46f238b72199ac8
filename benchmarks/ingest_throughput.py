"""Articles per second for ``rasid ingest`` into a DuckDB store: one process, a pool of
two processes, and Dask with two workers, on the same dev articles.

Each mode starts from an empty store in a temporary folder (outside the project; the
dev news is CC BY-NC-SA and is never copied into it) and includes everything an ingest
does: reading, analysis, the single writer's commits. Near-duplicate linking, which
runs once at the end of an ingest, is timed apart. Worker start-up (building each
Pipeline) is inside the figures, so small runs understate steady-state speed.

Next to wall-clock seconds each mode reports the CPU seconds it used, its own and its
worker processes' (``RUSAGE_CHILDREN``, counted once a pool's workers have ended), and
how many cores that is on average. On a machine shared with other jobs the wall-clock
speed-up of two workers mostly measures the other jobs; the CPU column says what two
workers cost against one (work done twice, such as each worker warming its own caches,
shows there), and the cores column says how much of the machine the run got.

Each line also gives the peak resident memory of the ingesting process and of its
largest worker: a high-water mark over the whole process, so memory is compared between
runs of one mode each (``--modes serial --articles 2000`` against ``--articles 0``).
The first mode's line also gives the peak once near-duplicates are linked (a real
ingest links them at its end, in the same process).

Run: ``.venv/bin/python benchmarks/ingest_throughput.py [--articles 2000] [--modes serial,pool,dask]
[--pipeline segment,entities,quotes,events]`` (``--articles 0``: all of them)
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import tempfile
import time
from pathlib import Path

from _news import DEFAULT_NEWS, iter_articles
from rasid.batch.ingest import IngestOptions, ingest
from rasid.settings import resolve
from rasid.store import connect
from rasid.store.dedup import link_duplicates

MODES = {
    "serial": {"workers": 1},
    "pool": {"workers": 2},
    "dask": {"workers": 2, "dask": "local"},
}


def _cpu_seconds() -> float:
    """CPU seconds used so far by this process and its ended child processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_mb() -> tuple[float, float]:
    """Peak resident memory so far (MB): this process's, and its largest ended child's.
    A high-water mark over the whole process, so compare runs of one mode each."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def _reap_workers() -> None:
    """Wait for the pool's worker processes to end (ingest lets them end on their own),
    so that their CPU time is counted."""
    while multiprocessing.active_children():
        time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000,
                        help="how many dev articles (0: all)")
    parser.add_argument("--news", default=str(DEFAULT_NEWS))
    parser.add_argument("--modes", default="serial,pool,dask",
                        help=f"comma-separated, from {', '.join(MODES)}")
    parser.add_argument("--pipeline", default=None,
                        help="comma-separated components (default: the default pipeline)")
    parser.add_argument("--batch-size", type=int, default=50)
    parser.add_argument("--partition-size", type=int, default=200)
    args = parser.parse_args()
    modes = [m for m in args.modes.split(",") if m]
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        parser.error(f"unknown mode(s) {unknown}")

    settings = resolve({"pipeline": args.pipeline.split(",")} if args.pipeline else {})
    with tempfile.TemporaryDirectory(prefix="rasid-bench-") as folder:
        work = Path(folder)
        corpus = work / "news.jsonl"
        count = chars = 0
        with corpus.open("w", encoding="utf-8") as handle:
            for article in iter_articles(Path(args.news), args.articles or None):
                handle.write(json.dumps(article, ensure_ascii=False) + "\n")
                count += 1
                chars += len(article.get("text") or "")
        print(f"articles: {count:,} ({chars:,} characters); pipeline: "
              f"{', '.join(settings['pipeline'])}")
        for mode in modes:
            db = work / f"{mode}.duckdb"
            options = IngestOptions(paths=[str(corpus)], dedup=False, progress=False,
                                    batch_size=args.batch_size,
                                    partition_size=args.partition_size,
                                    work_dir=work / "parts", **MODES[mode])
            cpu_before = _cpu_seconds()
            started = time.perf_counter()
            summary = ingest(db, settings, options)
            seconds = time.perf_counter() - started
            _reap_workers()
            cpu = _cpu_seconds() - cpu_before
            done = summary.analyzed + summary.failed
            line = (f"{mode:>6} ({MODES[mode]}): {done:,} stored ({summary.failed} failed, "
                    f"{summary.skipped} skipped) in {seconds:.1f} s = "
                    f"{done / seconds:,.1f} articles/s; CPU {cpu:.1f} s = "
                    f"{done / cpu:,.1f} articles per CPU second, {cpu / seconds:.2f} cores")
            own_peak, child_peak = _peak_mb()
            line += (f"; peak memory {own_peak:,.0f} MB here"
                     + (f", {child_peak:,.0f} MB in the largest worker" if child_peak else ""))
            if mode == modes[0]:
                conn = connect(db)
                started = time.perf_counter()
                result = link_duplicates(conn)
                dedup_seconds = time.perf_counter() - started
                conn.close()
                line += (f"; near-duplicate linking: {dedup_seconds:.1f} s "
                         f"({result.duplicates:,} copies in {result.groups:,} groups), "
                         f"peak memory after it {_peak_mb()[0]:,.0f} MB here")
            print(line, flush=True)
            size = db.stat().st_size / 1e6
            print(f"        store size: {size:,.0f} MB", flush=True)
            if summary.failed:
                conn = connect(db, read_only=True)
                reasons = conn.execute(
                    "SELECT error_code, regexp_replace(error, ' \\(.*$', ''), count(*) "
                    "FROM articles WHERE status = 'failed' GROUP BY ALL ORDER BY 3 DESC "
                    "LIMIT 5").fetchall()
                conn.close()
                for code, reason, number in reasons:
                    print(f"        failed: {number:,} x {code} {reason}", flush=True)


if __name__ == "__main__":
    main()
