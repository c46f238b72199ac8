"""JSON Lines files are read one line at a time, with exactly what reading them whole
gives: the same documents, origins (file:line) and errors."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from rasid.batch.sources import read_file_bytes, read_inputs
from rasid.io import Document, read_bytes, stream_jsonl, walk_paths

TRICKY = (
    "\ufeff" + '{"id": "a1", "text": "قال وزير الخارجية إن المحادثات مستمرة"}\n'
    "\n"
    '{"id": "a2", "text": "وصل الوفد إلى الرياض"}\r\n'
    "{ليس هذا سطرا صحيحا\n"
    '{"id": "a3", "text": "بدأت الجلسة\u2028وانتهت مساء"}\n'
    "\x0c\n"
    '{"id": "a4", "text": "أعلنت الوزارة"}\x1c{"id": "a5", "text": "عاد السفير"}\r'
    '{"id": "a6", "text": "زار الرئيس القاهرة", "date": "2015-03-04"}'
)


def _described(items: list) -> list[tuple]:
    return [(type(x).__name__, getattr(x, "origin", None) or getattr(x, "document", None),
             getattr(x, "id", None), getattr(x, "text", None), getattr(x, "date", None),
             str(x)) for x in items]


def _whole(path: Path, input_format: str = "auto", date: str | None = None) -> list:
    return list(walk_paths([str(path)],
                           lambda data, name: read_file_bytes(data, name, input_format, date)))


@pytest.mark.parametrize("gzipped", [False, True])
@pytest.mark.parametrize("date", [None, "2015-01-02"])
def test_streamed_lines_are_what_the_whole_file_gives(tmp_path: Path, gzipped: bool,
                                                      date: str | None) -> None:
    path = tmp_path / ("news.jsonl.gz" if gzipped else "news.jsonl")
    data = TRICKY.encode("utf-8")
    path.write_bytes(gzip.compress(data) if gzipped else data)
    streamed = stream_jsonl(path, "auto", date)
    assert streamed is not None
    items = list(streamed)
    assert _described(items) == _described(_whole(path, "auto", date))
    assert _described(list(read_inputs([str(path)], "auto", date))) == _described(items)
    documents = [x for x in items if isinstance(x, Document)]
    assert [d.id for d in documents] == ["a1", "a2", "a4", "a5", "a6"]
    assert len(items) == 8  # the bad line, and both halves of the line split at U+2028
    assert items[2].document.endswith(":4")


@pytest.mark.parametrize(("name", "content"), [
    ("bad.jsonl", b'{"text": "\xd9"}\n'),                 # not UTF-8
    ("nul.jsonl", b'{"text": "\x00"}\n'),                 # binary
    ("damaged.jsonl.gz", gzip.compress(b'{"text": "x"}\n')[:-6]),
    ("article.txt", '{"text": "قال"}\n'.encode()),        # plain text by its suffix
    ("article", "قال الوزير\n".encode()),                  # text, not JSON
])
def test_files_reading_whole_would_refuse_or_take_as_text_are_left_to_it(
        tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert stream_jsonl(path) is None
    assert _described(list(read_inputs([str(path)]))) == _described(
        list(read_bytes(content, str(path))))


def test_an_ingest_never_reads_a_json_lines_file_whole(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text('{"text": "قال الوزير"}\n{"text": "وصل الوفد"}\n', encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise AssertionError(f"{self} read whole")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert [d.text for d in read_inputs([str(path)])] == ["قال الوزير", "وصل الوفد"]
