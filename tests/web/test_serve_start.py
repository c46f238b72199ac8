"""``rasid serve`` start-up: the address is announced only once it answers, and a busy
port is reported by number with a way out and exit code 3 (no uvicorn traceback)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from webenv import free_port

from rasid.cli_web import ADDRESS_UNAVAILABLE


def test_a_busy_port_is_named_with_a_free_one_and_exit_code_3(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "rasid", "serve", "--db", str(tmp_path / "s.duckdb"),
             "--port", str(port)], capture_output=True, text=True, timeout=120)
    assert result.returncode == ADDRESS_UNAVAILABLE == 3
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr
    assert "choose another port with --port" in result.stderr
    assert "Traceback" not in result.stderr and "Errno" not in result.stderr
    assert "is at http://" not in result.stdout  # nothing announced


def test_the_announced_address_answers_at_once(web_store: Path, tmp_path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "rasid", "serve", "--db", str(web_store), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert f"is at http://127.0.0.1:{port}/" in line
        # the moment the address is printed the port is bound: a connection is accepted
        # with no retry (the app may still be starting; the request waits for it)
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=30)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert response.status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=20)
