"""The rasid command, run as a real process."""

from __future__ import annotations

import json
import subprocess
import sys

ARTICLE = (
    "وصل وزير الخارجية إلى العاصمةالأردنية صباح اليوم. وقال إن مصروالأردن تعملان معا.\n"
)


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rasid", *args], input=stdin,
                          capture_output=True, timeout=120)


def test_repair_prints_repaired_text_and_explains(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run("repair", str(path), "--explain")
    assert result.returncode == 0
    out = result.stdout.decode()
    assert "العاصمة الأردنية" in out and "مصر والأردن" in out
    err = result.stderr.decode()
    assert "glued_words: raw[" in err and "2 change(s)" in err


def test_repair_reads_stdin() -> None:
    result = run("repair", stdin="بين إيرانوموسكو".encode())
    assert result.stdout.decode() == "بين إيران وموسكو"


def test_analyze_text_report(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run("analyze", str(path), "--date", "2024-05-14")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "date: 2024-05-14" in out
    assert "repairs: 2 (glued_words ×2)" in out
    assert "sentences: 2" in out


def test_analyze_json_and_jsonl_with_failures(tmp_path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    english = tmp_path / "english.txt"
    english.write_text("The minister arrived in Amman this morning.", encoding="utf-8")
    result = run("analyze", str(good), str(empty), str(english), "--format", "jsonl")
    assert result.returncode == 0
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["status"] for r in records] == ["ok", "failed", "failed"]
    assert records[1]["error"]["reason"].startswith("empty")
    assert "not Arabic" in records[2]["error"]["reason"]
    err = result.stderr.decode()
    assert "empty.txt: empty document" in err and "english.txt: not Arabic" in err
    assert "1 document(s) analyzed, 2 failed" in err

    single = run("analyze", str(good), "--format", "json")
    data = json.loads(single.stdout)
    assert data["status"] == "ok" and data["tokens"]


def test_analyze_jsonl_from_stdin() -> None:
    lines = [
        json.dumps({"id": "d1", "text": ARTICLE, "date": "2023-01-02"}, ensure_ascii=False),
        "{broken",
    ]
    result = run("analyze", "-", "--format", "jsonl", stdin="\n".join(lines).encode())
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert records[0]["id"] == "d1" and records[0]["meta"]["date"] == "2023-01-02"
    assert records[1]["status"] == "failed" and records[1]["document"] == "<stdin>:2"


def test_nothing_readable_is_a_nonzero_exit(tmp_path) -> None:
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\x01\x02binary")
    result = run("analyze", str(binary))
    assert result.returncode == 1
    assert "binary file" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_bad_date_argument() -> None:
    result = run("analyze", "--date", "March 5")
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr.decode()


def test_bad_config_is_reported_without_traceback(tmp_path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("unknown_thing = 1\n", encoding="utf-8")
    result = run("analyze", "--config", str(config), stdin="قال الوزير".encode())
    assert result.returncode == 2
    assert "unknown setting 'unknown_thing'" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_help_imports_neither_the_web_stack_nor_the_store() -> None:
    # rasid --help should start at once: FastAPI, pandas and DuckDB load only when a
    # command needs them
    script = (
        "import sys\n"
        "from rasid.cli import build_parser\n"
        "build_parser().format_help()\n"
        "print(sorted(m for m in ('fastapi', 'uvicorn', 'pandas', 'duckdb', 'starlette')"
        " if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
