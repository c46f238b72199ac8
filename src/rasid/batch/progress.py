"""How far an ingest has got: a bar on a terminal, a plain line now and then elsewhere.

A long ingest runs for hours, often with its stderr going to a log file or a CI job.
On a terminal a tqdm bar shows the documents done out of the total, the rate and the
time left; elsewhere a bar's carriage returns make an unreadable log, so a plain line
(``ingest: 1200 of 5000 documents (24%), 3.1 articles/s, about 20:31 left; …``) is
written every ``interval`` seconds or ``every`` documents instead.

The total comes from a counting pass over the inputs before the ingest starts
(``count_documents``): one document per text or HTML file, one per non-empty line of
JSON Lines, one per CSV row. It reads the files but analyzes nothing, so it costs a
tiny fraction of the run; standard input cannot be read twice and has no total.
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from rasid.io import JSONL_SUFFIXES, TEXT_SUFFIXES

_CHUNK = 1 << 20


def _open(path: Path) -> IO[bytes]:
    handle = path.open("rb")
    if handle.read(2) == b"\x1f\x8b":
        handle.close()
        return gzip.open(path, "rb")
    handle.seek(0)
    return handle


def _inner_suffix(path: Path) -> str:
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    return Path(name).suffix.lower()


def _count_lines(path: Path) -> int:
    """Non-empty lines (JSON Lines documents), read in chunks."""
    count = 0
    tail = b""
    with _open(path) as handle:
        while chunk := handle.read(_CHUNK):
            lines = (tail + chunk).split(b"\n")
            tail = lines.pop()
            count += sum(1 for line in lines if line.strip())
    return count + (1 if tail.strip() else 0)


def _count_csv_rows(path: Path, delimiter: str) -> int:
    with _open(path) as handle:
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="replace", newline="")
        return max(sum(1 for _ in csv.reader(text, delimiter=delimiter)) - 1, 0)


def _starts_with_brace(path: Path) -> bool:
    with _open(path) as handle:
        head = handle.read(4096)
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _count_file(path: Path, input_format: str) -> int:
    """Documents the readers of ``rasid.batch.sources`` make of one file."""
    from rasid.batch.sources import CSV_SUFFIXES, HTML_SUFFIXES

    suffix = _inner_suffix(path)
    if input_format == "csv" or (input_format == "auto" and suffix in CSV_SUFFIXES):
        return _count_csv_rows(path, "\t" if suffix == ".tsv" else ",")
    if input_format in ("html", "text") or (input_format == "auto" and suffix in HTML_SUFFIXES):
        return 1
    if input_format == "jsonl" or suffix in JSONL_SUFFIXES or (
            suffix not in TEXT_SUFFIXES and _starts_with_brace(path)):
        return _count_lines(path)
    return 1


def count_documents(paths: Iterable[str], input_format: str = "auto") -> int | None:
    """How many documents (or failures in their place) reading ``paths`` gives; None
    when it cannot be known beforehand (standard input)."""
    total = 0
    for raw in paths:
        if raw == "-":
            return None
        path = Path(raw)
        files: Iterator[Path] = (p for p in sorted(path.rglob("*")) if p.is_file()) \
            if path.is_dir() else iter([path])
        for file in files:
            try:
                total += _count_file(file, input_format)
            except (OSError, EOFError, ValueError, csv.Error):
                total += 1  # the reader reports it as one failed document
    return total


def _duration(seconds: float) -> str:
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, rest = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{rest:02d}" if hours else f"{minutes:02d}:{rest:02d}"


class Progress:
    """Progress of one ingest on ``stream``: ``mode`` is ``bar``, ``lines`` or ``off``.

    ``update(done, analyzed, failed)`` is called after each document (``done`` counts
    the documents finished or skipped so far); ``close()`` ends the bar.
    """

    def __init__(self, mode: str, total: int | None, *, stream: IO[str] | None = None,
                 interval: float = 30.0, every: int = 1000) -> None:
        self.mode = mode
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.interval = interval
        self.every = every
        self.started = time.monotonic()
        self.last_line = self.started
        self.last_done = 0
        self.done = 0
        self._bar: Any = None
        if mode == "bar":
            from tqdm import tqdm

            fmt = None
            if total is not None:
                fmt = ("{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} documents "
                       "[{elapsed} elapsed, {remaining} left, {rate_fmt}{postfix}]")
            self._bar = tqdm(total=total, unit=" articles", file=self.stream, desc="ingest",
                             mininterval=0.5, dynamic_ncols=True, bar_format=fmt)

    def line(self, analyzed: int, failed: int) -> str:
        """The plain progress line for ``self.done`` documents."""
        elapsed = time.monotonic() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        if self.total:
            share = min(self.done / self.total, 1.0)
            head = f"ingest: {self.done} of {self.total} documents ({share:.0%})"
            left = self.total - self.done
            eta = f", about {_duration(left / rate)} left" if rate > 0 and left > 0 else ""
        else:
            head, eta = f"ingest: {self.done} documents", ""
        return (f"{head}, {rate:,.1f} articles/s{eta}; {analyzed:,} analyzed, "
                f"{failed:,} failed, {_duration(elapsed)} elapsed")

    def update(self, done: int, analyzed: int, failed: int) -> None:
        step, self.done = done - self.done, done
        if self._bar is not None:
            self._bar.set_postfix(ok=analyzed, failed=failed, refresh=False)
            if step:
                self._bar.update(step)
        elif self.mode == "lines":
            now = time.monotonic()
            if now - self.last_line >= self.interval or done - self.last_done >= self.every:
                print(self.line(analyzed, failed), file=self.stream, flush=True)
                self.last_line, self.last_done = now, done

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def progress_mode(enabled: bool | None, stream: IO[str] | None = None) -> str:
    """``bar`` on a terminal, ``lines`` elsewhere, ``off`` when switched off."""
    if enabled is False:
        return "off"
    stream = stream if stream is not None else sys.stderr
    isatty = getattr(stream, "isatty", None)
    return "bar" if isatty is not None and isatty() else "lines"
