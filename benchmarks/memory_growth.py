"""What grows in memory over a long ingest, and where: resident memory, Python's own
allocations, the C allocator's heap, every per-form cache and DuckDB's buffer pool,
reported every ``--every`` articles of a one-process ``rasid ingest`` of dev articles.

Peak memory alone (``ingest_throughput.py`` prints it) says *that* memory grows; this
says *what* grows, so a bound is set from a measurement rather than a guess. The
figures per checkpoint are:

* ``rss``: resident memory of the process now, and its high-water mark;
* ``python blocks``: how many blocks Python's allocator has handed out
  (``sys.getallocatedblocks``), and with ``--tracemalloc`` the traced total and the
  lines that allocated most since the first checkpoint;
* ``heap``: the C allocator's bytes in use and held (glibc ``mallinfo2``): C libraries,
  Python objects over 512 bytes (long strings, big lists) and freed-but-kept memory;
* each ``functools.lru_cache`` with entries, the NER feature cache and the phrase
  indexes' per-form caches, with their sizes against their bounds;
* DuckDB's memory by tag (``duckdb_memory()``) and its ``memory_limit``, read on the
  store connection right after a batch is written.

The dev news (CC BY-NC-SA) is read from ../shared and written only to a temporary
folder. Run: ``.venv/bin/python benchmarks/memory_growth.py --articles 6000 --every 1000
[--tracemalloc]``
"""

from __future__ import annotations

import argparse
import ctypes
import functools
import gc
import json
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

import rasid.batch.ingest as ingest_module
from _news import DEFAULT_NEWS, iter_articles
from rasid.batch.ingest import IngestOptions, ingest
from rasid.settings import resolve

MB = 1024 * 1024


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
        "uordblks", "fordblks", "keepcost")]


def _heap() -> str:
    """The C heap: bytes in use by malloc'ed blocks, and bytes held (in use + free)."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = _MallInfo2
        info = libc.mallinfo2()
    except (OSError, AttributeError):
        return "heap n/a"
    used = (info.uordblks + info.hblkhd) / MB
    held = (info.arena + info.hblkhd) / MB
    return f"heap used {used:,.0f} MB, held {held:,.0f} MB"


def _rss() -> str:
    current = 0.0
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                current = int(line.split()[1]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return f"rss {current:,.0f} MB (peak {peak:,.0f} MB)"


def _caches() -> list[str]:
    """Every per-form cache with entries: lru caches, the NER feature cache, the phrase
    indexes' first-word keys and phrase starts."""
    from rasid.entities import gazetteer
    from rasid.ner.crf_scores import DocumentDecoder
    from rasid.ner.features import FeatureExtractor

    lines = []
    extractors = []
    decoders = []
    starts = []
    # the loaded resources are frozen out of the collector's reach (rasid.collector),
    # and frozen objects are not listed: thaw them to look, then freeze all again
    gc.unfreeze()
    objects = gc.get_objects()
    gc.freeze()
    for obj in objects:
        if isinstance(obj, functools._lru_cache_wrapper):
            info = obj.cache_info()
            if info.currsize > 1:
                name = getattr(obj, "__qualname__", repr(obj))
                module = getattr(obj, "__module__", "")
                lines.append(f"{info.currsize:>9,} / {info.maxsize or 0:>9,}  lru "
                             f"{module}.{name} (hits {info.hits:,}, misses {info.misses:,})")
        elif isinstance(obj, FeatureExtractor):
            extractors.append(obj)
        elif isinstance(obj, DocumentDecoder):
            decoders.append(obj)
        elif isinstance(obj, gazetteer.PhraseIndex):
            starts.append(len(obj._starts))
    del objects
    for extractor in extractors:
        lines.append(f"{extractor.cached_forms:>9,} / {extractor.max_cache:>9,}  "
                     "ner feature cache (two generations)")
    for decoder in decoders:
        lines.append(f"{len(decoder.cache) + len(decoder._older):>9,} / "
                     f"{2 * decoder._generation:>9,}  crf form records (two generations)")
    for config, keys in gazetteer._SHARED_FIRST_KEYS.items():
        lines.append(f"{len(keys):>9,} / {'':>9}  phrase first-word keys {config!r:.40}")
    if starts:
        lines.append(f"{sum(starts):>9,} / {'':>9}  phrase starts, {len(starts)} indexes "
                     f"(largest {max(starts):,})")
    return sorted(lines, reverse=True)


class _Probe:
    """Counts analyzed articles and prints a report every ``every`` of them."""

    def __init__(self, every: int, trace: bool) -> None:
        self.every = every
        self.trace = trace
        self.count = 0
        self.started = time.perf_counter()
        self.baseline: tracemalloc.Snapshot | None = None
        self.duckdb: list[tuple[Any, ...]] = []
        self.limit = ""

    def report(self) -> None:
        print(f"--- {self.count:,} articles, {time.perf_counter() - self.started:,.0f} s: "
              f"{_rss()}; {_heap()}; python blocks {sys.getallocatedblocks():,}", flush=True)
        if self.trace:
            snapshot = tracemalloc.take_snapshot()
            traced = tracemalloc.get_traced_memory()[0] / MB
            print(f"    traced by tracemalloc: {traced:,.0f} MB", flush=True)
            if self.baseline is None:
                self.baseline = snapshot
            else:
                for stat in snapshot.compare_to(self.baseline, "lineno")[:12]:
                    print(f"    {stat}", flush=True)
        for line in _caches():
            print(f"    {line}", flush=True)
        if self.duckdb:
            tags = ", ".join(f"{tag} {mem / MB:,.1f}" for tag, mem, _ in self.duckdb if mem)
            print(f"    duckdb memory_limit {self.limit}; in use (MB): {tags or 'none'}",
                  flush=True)

    def wrap_process(self, process: Any) -> Any:
        def counted(*args: Any, **kwargs: Any) -> Any:
            record = process(*args, **kwargs)
            self.count += 1
            if self.count % self.every == 0:
                self.report()
            return record
        return counted

    def wrap_writer(self, writer: type) -> type:
        probe = self

        class Measured(writer):  # type: ignore[misc, valid-type]
            def write(self, batch: list[dict[str, Any]]) -> None:
                super().write(batch)
                conn = self.conn
                probe.duckdb = conn.execute(
                    "SELECT tag, memory_usage_bytes, temporary_storage_bytes "
                    "FROM duckdb_memory() ORDER BY memory_usage_bytes DESC").fetchall()
                probe.limit = conn.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        return Measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=6000, help="how many (0: all)")
    parser.add_argument("--every", type=int, default=1000)
    parser.add_argument("--news", default=str(DEFAULT_NEWS))
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also trace Python allocations (about 2x slower)")
    args = parser.parse_args()

    probe = _Probe(args.every, args.tracemalloc)
    ingest_module.process = probe.wrap_process(ingest_module.process)
    ingest_module.Writer = probe.wrap_writer(ingest_module.Writer)
    if args.tracemalloc:
        tracemalloc.start()
    with tempfile.TemporaryDirectory(prefix="rasid-mem-") as folder:
        work = Path(folder)
        corpus = work / "news.jsonl"
        with corpus.open("w", encoding="utf-8") as handle:
            for article in iter_articles(Path(args.news), args.articles or None):
                handle.write(json.dumps(article, ensure_ascii=False) + "\n")
        options = IngestOptions(paths=[str(corpus)], dedup=False, progress=False, workers=1)
        summary = ingest(work / "store.duckdb", resolve({}), options)
        if probe.count % args.every:
            probe.report()
        print(f"{summary.analyzed:,} analyzed, {summary.failed:,} failed", flush=True)


if __name__ == "__main__":
    main()
