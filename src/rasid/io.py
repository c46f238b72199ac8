"""Reading documents from files, stdin and JSON Lines, with clear failures.

Bad input is a normal event in news processing, not an exception to crash on: every
problem (empty, binary, not UTF-8, not Arabic, too large, a malformed JSON line) becomes
an ``InputError`` that names the document and the reason, and readers yield it in the
stream in place of the document so nothing the user gave is silently dropped.
"""

from __future__ import annotations

import codecs
import gzip
import json
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from rasid.errors import (
    BadDate,
    BadRecord,
    BinaryInput,
    DamagedArchive,
    EmptyDocument,
    InputError,
    MalformedJson,
    MissingFile,
    NotArabic,
    NotUtf8,
    TooLarge,
    UnreadableFile,
)
from rasid.text.normalize import arabic_share

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
TEXT_SUFFIXES = {".txt", ".text", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_FIELDS = ("id", "text", "date", "title", "source", "url")


@dataclass(frozen=True)
class Document:
    """One input document and its metadata; ``origin`` names it in messages."""

    text: str
    id: str | None = None
    date: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str = "<text>"

    @property
    def name(self) -> str:
        """What messages call the document: where it was read from (a file, a line of
        one) when known, else its id, so a batch built in Python still names each
        document that fails."""
        if self.origin != "<text>" or not self.id:
            return self.origin
        return self.id


def normalize_date(value: object, origin: str) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or timestamp; an InputError otherwise."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise BadDate(origin, f"date must be a string YYYY-MM-DD, got {value!r}")
    match = _DATE.match(value.strip())
    if not match:
        raise BadDate(origin, f"date {value!r} is not of the form YYYY-MM-DD")
    year, month, day = (int(g) for g in match.groups())
    import datetime

    try:
        datetime.date(year, month, day)
    except ValueError:
        raise BadDate(origin, f"date {value!r} is not a real calendar date") from None
    return match.group(0)


def check_text(document: Document, max_chars: int, min_arabic_share: float) -> None:
    """Raise InputError when the text is empty, too large or not Arabic."""
    text = document.text
    if not isinstance(text, str):
        raise BadRecord(document.name, "text must be a string")
    if not text.strip():
        raise EmptyDocument(document.name, "empty document (no text)")
    if len(text) > max_chars:
        raise TooLarge(
            document.name,
            f"document too large ({len(text):,} characters; the limit is {max_chars:,}: "
            f"raise it with --max-chars {len(text)} on the command line, max_chars in a "
            "--config file, or Pipeline(max_chars=...))",
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:  # a lone surrogate, e.g. from a JSON "\ud800"
        raise NotUtf8(
            document.name,
            f"text is not valid Unicode (unpaired surrogate U+{ord(text[error.start]):04X} "
            f"at character {error.start}); fix the escape in the source",
        ) from None
    share = arabic_share(text)
    if share < min_arabic_share:
        raise NotArabic(
            document.name,
            f"not Arabic text ({share:.0%} of its letters are Arabic; "
            f"at least {min_arabic_share:.0%} needed)",
        )


def decode(data: bytes, origin: str) -> str:
    """Decode UTF-8 bytes (a BOM is allowed); binary or other encodings fail clearly."""
    head = data[:8192]
    if b"\x00" in head:
        raise BinaryInput(origin, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad = data[error.start : error.start + 1].hex()
        raise NotUtf8(
            origin,
            f"not valid UTF-8 (byte 0x{bad} at offset {error.start}); "
            "convert the file to UTF-8",
        ) from None


def _document_from_json(record: object, origin: str) -> Document:
    if not isinstance(record, dict):
        raise BadRecord(origin, "a JSON line must be an object with a 'text' field")
    text = record.get("text")
    if not isinstance(text, str):
        raise BadRecord(origin, "the JSON object has no 'text' string")
    values = {}
    for name in ("id", "title", "source", "url"):
        value = record.get(name)
        values[name] = None if value is None else str(value)
    return Document(text=text, date=normalize_date(record.get("date"), origin),
                    origin=origin if values["id"] is None else f"{origin} ({values['id']})",
                    **values)


def read_jsonl(lines: Iterable[str], name: str) -> Iterator[Document | InputError]:
    """Documents from JSON Lines; a malformed line yields an InputError naming it."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        origin = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield MalformedJson(origin, f"malformed JSON ({error.msg} at column {error.colno})")
            continue
        try:
            yield _document_from_json(record, origin)
        except InputError as error:
            yield error


def _looks_like_jsonl(text: str) -> bool:
    return text.lstrip().startswith("{")


def read_bytes(data: bytes, name: str, input_format: str = "auto", date: str | None = None
               ) -> Iterator[Document | InputError]:
    """Documents from one file's bytes (plain text is one document, JSONL many).

    Gzip-compressed bytes are decompressed first, whatever the file is called.
    """
    inner_name = name
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as error:
            yield DamagedArchive(name, f"damaged gzip file ({error})")
            return
        if name.lower().endswith(".gz"):
            inner_name = name[:-3]
    try:
        text = decode(data, name)
    except InputError as error:
        yield error
        return
    suffix = Path(inner_name).suffix.lower()
    is_jsonl = input_format == "jsonl" or (
        input_format == "auto" and (suffix in JSONL_SUFFIXES or
                                    (suffix not in TEXT_SUFFIXES and _looks_like_jsonl(text))
                                    or (name == "<stdin>" and _looks_like_jsonl(text)))
    )
    if is_jsonl:
        yield from _dated(read_jsonl(text.splitlines(), name), date)
    else:
        yield Document(text=text, date=date, origin=name, source=None)


def _open(path: Path) -> BinaryIO:
    """A file opened for reading bytes, decompressed on the fly if it is gzip."""
    with path.open("rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    return gzip.open(path, "rb") if gzipped else path.open("rb")  # type: ignore[return-value]


def _is_clean_jsonl(path: Path, input_format: str) -> bool:
    """Whether ``read_bytes`` would read the file as JSON Lines without an error of the
    whole file (damaged gzip, NUL bytes, bad UTF-8): one pass that holds one chunk."""
    name = str(path)
    inner = name[:-3] if name.lower().endswith(".gz") else name
    suffix = Path(inner).suffix.lower()
    if input_format not in ("auto", "jsonl"):
        return False
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    head = b""
    first = ""
    try:
        with _open(path) as stream:
            while chunk := stream.read(1 << 20):
                if len(head) < 8192:
                    head += chunk[: 8192 - len(head)]
                    if b"\x00" in head:
                        return False
                text = decoder.decode(chunk)
                if not first:
                    first = text.lstrip()[:1]
            decoder.decode(b"", final=True)
    except (OSError, EOFError, zlib.error, UnicodeDecodeError):
        return False
    if input_format == "jsonl":
        return True
    return suffix in JSONL_SUFFIXES or (suffix not in TEXT_SUFFIXES and first == "{")


def _file_lines(path: Path) -> Iterator[str]:
    """The lines of a UTF-8 file as ``str.splitlines`` gives them for the whole text,
    read one line at a time (a line ends at a newline byte, which no other UTF-8
    character contains; splitlines then splits it further exactly as it would)."""
    with _open(path) as stream:
        encoding = "utf-8-sig"  # a byte-order mark is dropped at the start only
        for raw in stream:
            yield from raw.decode(encoding).splitlines() or [""]
            encoding = "utf-8"


def stream_jsonl(path: Path, input_format: str = "auto", date: str | None = None
                 ) -> Iterator[Document | InputError] | None:
    """The documents of a JSON Lines file read one line at a time, or None when the
    file is not clean UTF-8 JSON Lines (``read_bytes`` then reads it, with its errors).

    Read whole, a file is held three times over (its bytes, its text, its lines: about
    170 MB for the 28 M characters of 15,619 articles) for as long as its documents are
    being analyzed, which made an ingest's memory grow with the size of its input. The
    documents, their origins (file:line) and their errors are the same either way.
    """
    if not _is_clean_jsonl(path, input_format):
        return None
    return _dated(read_jsonl(_file_lines(path), str(path)), date)


def _dated(items: Iterable[Document | InputError], date: str | None
           ) -> Iterator[Document | InputError]:
    """``items``, a document without a date given ``date``."""
    for item in items:
        if isinstance(item, Document) and item.date is None and date:
            item = Document(item.text, item.id, date, item.title, item.source, item.url,
                            item.origin)
        yield item


def _files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        yield from sorted(p for p in path.rglob("*") if p.is_file())
    else:
        yield path


def walk_paths(paths: Iterable[str],
               read: Callable[[bytes, str], Iterator[Document | InputError]],
               stdin: BinaryIO | None = None,
               stream: Callable[[Path], Iterator[Document | InputError] | None] | None = None
               ) -> Iterator[Document | InputError]:
    """Every file under ``paths`` (folders recursively, ``-`` for standard input), read
    by ``read(data, name)``; a path that is missing or unreadable yields an InputError.
    ``stream(path)``, when given, is asked first and reads a file without holding it
    whole (None: it cannot, and ``read`` reads it)."""
    for raw_path in paths:
        if raw_path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read(stream.read(), "<stdin>")
            continue
        path = Path(raw_path)
        if not path.exists():
            yield MissingFile(raw_path, "no such file or folder")
            continue
        for file in _files(path):
            streamed = stream(file) if stream is not None else None
            if streamed is not None:
                yield from streamed
                continue
            try:
                data = file.read_bytes()
            except OSError as error:
                yield UnreadableFile(str(file), f"cannot be read ({error.strerror})")
                continue
            yield from read(data, str(file))


def read_paths(paths: Iterable[str], input_format: str = "auto", date: str | None = None,
               stdin: BinaryIO | None = None) -> Iterator[Document | InputError]:
    """Documents from files, folders (recursively) and ``-`` for standard input."""
    return walk_paths(paths, lambda data, name: read_bytes(data, name, input_format, date),
                      stdin, lambda file: stream_jsonl(file, input_format, date))
