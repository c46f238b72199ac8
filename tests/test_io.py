"""Reading inputs: each bad document becomes a clear InputError naming it."""

from __future__ import annotations

import gzip

import pytest

from rasid.errors import InputError
from rasid.io import Document, decode, normalize_date, read_paths

ARABIC = "أعلنت الحكومة اليوم عن خطة جديدة للتعاون الاقتصادي."


def _read(tmp_path, name: str, data: bytes, **kwargs):
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_paths([str(path)], **kwargs))


def test_plain_text_file(tmp_path) -> None:
    (doc,) = _read(tmp_path, "a.txt", ARABIC.encode(), date="2024-02-03")
    assert isinstance(doc, Document)
    assert doc.text == ARABIC and doc.date == "2024-02-03"


def test_utf8_bom_is_accepted(tmp_path) -> None:
    (doc,) = _read(tmp_path, "bom.txt", b"\xef\xbb\xbf" + ARABIC.encode())
    assert doc.text == ARABIC


def test_binary_file(tmp_path) -> None:
    (error,) = _read(tmp_path, "x.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert isinstance(error, InputError)
    assert "binary" in error.reason and error.document.endswith("x.bin")


def test_latin1_file(tmp_path) -> None:
    (error,) = _read(tmp_path, "old.txt", "café résumé".encode("latin-1"))
    assert isinstance(error, InputError)
    assert "not valid UTF-8" in error.reason and "0xe9" in error.reason


def test_cp1256_arabic_file_names_the_problem(tmp_path) -> None:
    (error,) = _read(tmp_path, "win.txt", ARABIC.encode("cp1256"))
    assert isinstance(error, InputError) and "convert the file to UTF-8" in error.reason


def test_jsonl_with_malformed_lines(tmp_path) -> None:
    lines = [
        '{"id": "n1", "text": "%s", "date": "2015-07-01", "title": "عنوان"}' % ARABIC,
        '{"id": "n2", "text": ',
        '["not", "an", "object"]',
        '{"id": "n4", "body": "no text field"}',
        '{"id": "n5", "text": "%s", "date": "yesterday"}' % ARABIC,
        "",
        '{"id": "n6", "text": "%s"}' % ARABIC,
    ]
    items = _read(tmp_path, "news.jsonl", "\n".join(lines).encode(), date="2020-01-01")
    assert [type(i).__name__ for i in items] == [
        "Document", "MalformedJson", "BadRecord", "BadRecord", "BadDate", "Document"]
    assert [getattr(i, "code", None) for i in items[1:5]] == ["R107", "R108", "R108", "R106"]
    assert all(isinstance(i, InputError) for i in items[1:5])
    assert items[0].id == "n1" and items[0].date == "2015-07-01" and items[0].title == "عنوان"
    assert items[1].document.endswith("news.jsonl:2") and "malformed JSON" in items[1].reason
    assert "object" in items[2].reason
    assert "'text'" in items[3].reason
    assert "YYYY-MM-DD" in items[4].reason
    assert items[5].date == "2020-01-01"


def test_folders_are_read_recursively(tmp_path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text(ARABIC, encoding="utf-8")
    items = list(read_paths([str(tmp_path)]))
    assert len(items) == 2 and all(isinstance(i, Document) for i in items)


def test_missing_path(tmp_path) -> None:
    (error,) = list(read_paths([str(tmp_path / "nope.txt")]))
    assert "no such file" in error.reason


def test_stdin_jsonl_is_detected() -> None:
    import io

    stream = io.BytesIO(('{"id": "s1", "text": "%s"}\n' % ARABIC).encode())
    (doc,) = list(read_paths(["-"], stdin=stream))
    assert doc.id == "s1"


def test_gzip_files_are_decompressed(tmp_path) -> None:
    (doc,) = _read(tmp_path, "a.txt.gz", gzip.compress(ARABIC.encode()))
    assert isinstance(doc, Document) and doc.text == ARABIC
    line = '{"id": "z1", "text": "%s"}' % ARABIC
    (doc,) = _read(tmp_path, "b.jsonl.gz", gzip.compress(line.encode()))
    assert doc.id == "z1"
    (error,) = _read(tmp_path, "c.gz", gzip.compress(ARABIC.encode())[:20])
    assert isinstance(error, InputError) and "damaged gzip" in error.reason


def test_decode_and_dates() -> None:
    assert decode("نص".encode(), "x") == "نص"
    with pytest.raises(InputError):
        decode(b"\xff\xfe", "x")
    assert normalize_date("2017-03-28T10:00:00Z", "x") == "2017-03-28"
    with pytest.raises(InputError, match="real calendar date"):
        normalize_date("2017-02-30", "x")
