"""Each kind of bad input has its own error code, on stderr and in JSON output, and the
too-large message says how to raise the limit from the command line (``--max-chars``)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

ARABIC = "استقبل وزير الخارجية نظيره الأردني في القاهرة اليوم لبحث العلاقات بين البلدين."


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rasid", *args], capture_output=True,
                          text=True, timeout=300)


def test_one_code_per_kind_of_bad_input(tmp_path: Path) -> None:
    files = {
        "good.txt": ARABIC.encode(),
        "empty.txt": b"  \n",
        "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "cp1256.txt": ARABIC.encode("cp1256"),
        "english.txt": b"The foreign minister received his Jordanian counterpart in Cairo.",
        "big.txt": (ARABIC + " ").encode() * 3,
        "broken.gz": gzip.compress(ARABIC.encode())[:12],
        "news.jsonl": "\n".join([
            json.dumps({"id": "n1", "text": ARABIC, "date": "2024-13-45"}, ensure_ascii=False),
            '{"id": "n2", "text": ',
            json.dumps({"id": "n3", "body": ARABIC}, ensure_ascii=False),
        ]).encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    paths = [str(tmp_path / name) for name in files] + [str(tmp_path / "missing.txt")]
    result = run("analyze", *paths, "--format", "jsonl", "--max-chars", "200")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    # "/tmp/…/news.jsonl:2 (n2)" -> "news.jsonl:2"
    codes = {Path(r["document"].split(" (")[0]).name: r["error"]["code"]
             for r in records if r["status"] == "failed"}
    assert codes == {
        "empty.txt": "R101", "image.txt": "R102", "cp1256.txt": "R103",
        "english.txt": "R104", "big.txt": "R105", "broken.gz": "R111",
        "news.jsonl:1": "R106", "news.jsonl:2": "R107", "news.jsonl:3": "R108",
        "missing.txt": "R109",
    }
    assert len(set(codes.values())) == len(codes)
    assert [r["status"] for r in records].count("ok") == 1
    # stderr: one line per failure, with the code and the document
    for code in codes.values():
        assert f"rasid: [{code}] " in result.stderr
    assert "Traceback" not in result.stderr


def test_too_large_names_the_option_that_raises_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text((ARABIC + " ") * 4, encoding="utf-8")
    size = len(path.read_text(encoding="utf-8"))
    small = run("analyze", str(path), "--max-chars", "100")
    assert small.returncode == 1
    assert f"[R105] {path}: document too large ({size:,} characters; the limit is 100" \
        in small.stderr
    assert f"--max-chars {size}" in small.stderr
    # following the advice works
    again = run("analyze", str(path), "--max-chars", str(size), "--format", "json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["status"] == "ok"
    repaired = run("repair", str(path), "--max-chars", "100")
    assert repaired.returncode == 1 and "--max-chars" in repaired.stderr


def test_ingest_takes_max_chars_too(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text((ARABIC + " ") * 4, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    result = run("ingest", str(path), "--db", str(db), "--max-chars", "100", "--no-progress")
    assert result.returncode == 1 and "--max-chars" in result.stderr
    import duckdb

    conn = duckdb.connect(str(db), read_only=True)
    try:
        assert conn.execute("SELECT error_code FROM articles").fetchall() == [("R105",)]
    finally:
        conn.close()


def test_ingest_failure_lines_carry_the_code(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    lines = [json.dumps({"id": "good", "text": ARABIC}, ensure_ascii=False),
             json.dumps({"id": "blank", "text": "   "}),
             json.dumps({"id": "latin", "text": "An English sentence only, no Arabic."})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("ingest", str(path), "--db", str(tmp_path / "s.duckdb"), "--no-progress")
    assert result.returncode == 0, result.stderr
    failures = [line for line in result.stderr.splitlines() if "[R1" in line]
    assert len(failures) == 2, result.stderr
    assert any(line.startswith("rasid: [R101] ") for line in failures)
    assert any(line.startswith("rasid: [R104] ") for line in failures)
