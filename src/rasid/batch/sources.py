"""Inputs beyond ``rasid.io``: CSV tables with chosen columns and saved HTML pages.

Corpora arrive as spreadsheets exported from scrapers and as folders of saved web
pages as often as JSON Lines. Everything else (text files, JSON Lines, gzip, stdin) is
still read by ``rasid.io``, so a document fails here exactly as it would there: as an
``InputError`` in the stream naming the file (and row) and the reason.
"""

from __future__ import annotations

import csv
import gzip
import io
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from rasid.errors import (
    BadRecord,
    DamagedArchive,
    InputError,
    MalformedCsv,
    UnreadableHtml,
)
from rasid.io import Document, decode, normalize_date, read_bytes, stream_jsonl, walk_paths

INPUT_FORMATS = ("auto", "text", "jsonl", "csv", "html")
CSV_SUFFIXES = {".csv": ",", ".tsv": "\t"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}

# News articles are longer than the csv module's default field limit (128 KiB).
csv.field_size_limit(2**31 - 1)


@dataclass(frozen=True)
class CsvColumns:
    """Which CSV columns hold the text and the metadata (None: not in the file)."""

    text: str = "text"
    id: str | None = None
    date: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None


def _gunzip(data: bytes, name: str) -> tuple[bytes, str]:
    if data[:2] != b"\x1f\x8b":
        return data, name
    try:
        data = gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as error:
        raise DamagedArchive(name, f"damaged gzip file ({error})") from None
    return data, name[:-3] if name.lower().endswith(".gz") else name


def read_csv(data: bytes, name: str, columns: CsvColumns = CsvColumns(),
             date: str | None = None, delimiter: str = ",") -> Iterator[Document | InputError]:
    """One document per CSV row (after the header row)."""
    try:
        data, inner = _gunzip(data, name)
        text = decode(data, name)
    except InputError as error:
        yield error
        return
    if inner.lower().endswith(".tsv"):
        delimiter = "\t"
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = reader.fieldnames or []
    wanted = {"text": columns.text, "id": columns.id, "date": columns.date,
              "title": columns.title, "source": columns.source, "url": columns.url}
    missing = [column for column in wanted.values() if column and column not in header]
    if missing:
        yield BadRecord(name, f"no column {', '.join(map(repr, missing))} in the CSV header "
                        f"(columns: {', '.join(header) or 'none'}); choose them with "
                        "--text-column, --id-column, --date-column, --title-column")
        return
    row_number = 1
    try:
        for row_number, row in enumerate(reader, start=2):
            values = {key: (row.get(column) or None) if column else None
                      for key, column in wanted.items()}
            origin = f"{name}:{row_number}"
            if values["id"]:
                origin = f"{origin} ({values['id']})"
            try:
                row_date = normalize_date(values["date"], origin) or date
            except InputError as error:
                yield error
                continue
            yield Document(text=values["text"] or "", id=values["id"], date=row_date,
                           title=values["title"], source=values["source"], url=values["url"],
                           origin=origin)
    except csv.Error as error:
        yield MalformedCsv(f"{name}:{row_number + 1}", f"malformed CSV ({error})")


def read_html(data: bytes, name: str, date: str | None = None
              ) -> Iterator[Document | InputError]:
    """The main text, title and date of a saved web page (trafilatura, offline)."""
    try:
        data, _ = _gunzip(data, name)
    except InputError as error:
        yield error
        return
    import trafilatura

    try:
        page = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                           include_tables=False)
    except Exception as error:  # trafilatura raises many kinds on broken markup
        yield UnreadableHtml(name, f"unreadable HTML page ({type(error).__name__}: {error})")
        return
    text = getattr(page, "text", None) if page is not None else None
    if not text or not text.strip():
        yield UnreadableHtml(name, "no main text found in the HTML page")
        return
    try:
        page_date = normalize_date(getattr(page, "date", None), name)
    except InputError:
        page_date = None
    yield Document(text=text, date=page_date or date, title=getattr(page, "title", None),
                   source=getattr(page, "sitename", None), url=getattr(page, "url", None),
                   origin=name)


def _kind(name: str, input_format: str) -> str:
    if input_format in ("csv", "html"):
        return input_format
    if input_format != "auto":
        return "io"
    stem = name[:-3] if name.lower().endswith(".gz") else name
    suffix = Path(stem).suffix.lower()
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "io"


def read_file_bytes(data: bytes, name: str, input_format: str = "auto",
                    date: str | None = None, columns: CsvColumns = CsvColumns()
                    ) -> Iterator[Document | InputError]:
    """Documents from one file's bytes, by format (``auto``: by the file's suffix)."""
    kind = _kind(name, input_format)
    if kind == "csv":
        yield from read_csv(data, name, columns, date)
    elif kind == "html":
        yield from read_html(data, name, date)
    else:
        yield from read_bytes(data, name, input_format, date)


def read_inputs(paths: Iterable[str], input_format: str = "auto", date: str | None = None,
                columns: CsvColumns = CsvColumns(), stdin: BinaryIO | None = None
                ) -> Iterator[Document | InputError]:
    """Documents from files, folders (recursively) and ``-`` (standard input)."""
    if input_format not in INPUT_FORMATS:
        raise ValueError(f"unknown input format {input_format!r}")
    return walk_paths(
        paths, lambda data, name: read_file_bytes(data, name, input_format, date, columns),
        stdin, lambda file: stream_jsonl(file, input_format, date)
        if _kind(str(file), input_format) == "io" else None)
