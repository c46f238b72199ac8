"""What ``rasid ingest`` and ``rasid export`` do on a real terminal (a pseudo-terminal)
and off one: a progress bar with the total and the time left, plain progress lines in
a log, and no Parquet bytes poured onto a screen."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "rasid" / "examples" / "articles.jsonl"
N_EXAMPLES = sum(1 for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if line.strip())


def on_terminal(args: list[str], timeout: float = 300) -> tuple[int, bytes]:
    """Run ``python -m rasid ARGS`` with stdout and stderr on a pseudo-terminal; its
    exit code and everything it wrote."""
    main, secondary = pty.openpty()
    # a terminal of 30 rows and 120 columns (a new pseudo-terminal has no size)
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm"}
    process = subprocess.Popen([sys.executable, "-m", "rasid", *args], stdin=subprocess.DEVNULL,
                               stdout=secondary, stderr=secondary, env=env, close_fds=True)
    os.close(secondary)
    output = bytearray()
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(main, 65536)
                except OSError:  # the terminal closed: the process is done
                    break
                if not chunk:
                    break
                output.extend(chunk)
            elif process.poll() is not None:
                break
        code = process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(main)
    return code, bytes(output)


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("terminal") / "examples.duckdb"
    result = subprocess.run([sys.executable, "-m", "rasid", "ingest", str(EXAMPLES), "--db",
                             str(db), "--no-progress"], capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return db


def test_ingest_bar_shows_total_and_time_left(tmp_path: Path) -> None:
    code, output = on_terminal(["ingest", str(EXAMPLES), "--db", str(tmp_path / "t.duckdb"),
                                "--batch-size", "2"])
    text = output.decode("utf-8", errors="replace")
    assert code == 0, text
    assert f"/{N_EXAMPLES} documents" in text
    assert re.search(r"\d\d:\d\d left", text), text
    assert "100%" in text
    assert f"{N_EXAMPLES} analyzed" in text


def test_ingest_without_terminal_writes_plain_progress_lines(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rasid", "ingest", str(EXAMPLES), "--db",
         str(tmp_path / "p.duckdb"), "--batch-size", "1", "--progress-interval", "0.01"],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("ingest: ")]
    assert len(lines) >= 3, result.stderr
    assert "\r" not in result.stderr  # no bar redrawn in a log
    done = [int(re.match(r"ingest: (\d+) of (\d+) documents", ln).group(1)) for ln in lines]
    assert done == sorted(done) and done[-1] <= N_EXAMPLES
    assert all(f" of {N_EXAMPLES} documents (" in ln for ln in lines)
    assert any(re.search(r"about \d\d:\d\d left", ln) for ln in lines)
    assert all(re.search(r"\d+ analyzed, \d+ failed", ln) for ln in lines)


def test_ingest_progress_lines_are_rare_by_default(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rasid", "ingest", str(EXAMPLES), "--db",
         str(tmp_path / "q.duckdb"), "--batch-size", "1"],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0
    assert not [ln for ln in result.stderr.splitlines() if ln.startswith("ingest: ")]


def test_parquet_is_not_written_to_a_terminal(example_db: Path) -> None:
    code, output = on_terminal(["export", "--db", str(example_db), "--format", "parquet"])
    text = output.decode("utf-8", errors="replace")
    assert code == 2
    assert "parquet is a binary format" in text and "--out FILE" in text
    assert "PAR1" not in text


def test_parquet_goes_to_a_pipe_or_a_file(example_db: Path, tmp_path: Path) -> None:
    piped = subprocess.run([sys.executable, "-m", "rasid", "export", "--db", str(example_db),
                            "--format", "parquet"], capture_output=True, timeout=300)
    assert piped.returncode == 0 and piped.stdout[:4] == b"PAR1"
    out = tmp_path / "events.parquet"
    code, output = on_terminal(["export", "--db", str(example_db), "--format", "parquet",
                                "--out", str(out)])
    assert code == 0, output
    assert out.read_bytes()[:4] == b"PAR1"
    # a text format still goes to the terminal
    code, output = on_terminal(["export", "--db", str(example_db), "--format", "csv"])
    assert code == 0 and output.startswith(b"article_id,")
