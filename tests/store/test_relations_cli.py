"""``rasid relations`` as a user sees it: over the bundled example articles, analyzed by
the real pipeline into a real store, the table names the actors, fits 120 columns and
lists the weightiest events with whole ids; an unknown ``--actor`` is an error."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from rasid.cli_relations import MAX_WIDTH

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "rasid" / "examples" / "articles.jsonl"


def rasid(*args: str, columns: int | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("COLUMNS", None)
    if columns is not None:
        env["COLUMNS"] = str(columns)
    return subprocess.run([sys.executable, "-m", "rasid", *args], capture_output=True,
                          text=True, timeout=300, env=env)


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("relations") / "examples.duckdb"
    result = rasid("ingest", str(EXAMPLES), "--db", str(db), "--no-progress")
    assert result.returncode == 0, result.stderr
    return db


def test_table_fits_120_columns_and_shows_names(example_db: Path) -> None:
    result = rasid("relations", "--db", str(example_db), columns=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= MAX_WIDTH
    header = lines[0].split()
    assert header[:3] == ["period", "actor", "recipient"]
    rows = [line for line in lines[1:] if re.match(r"\d{4}-\d{2} ", line)]
    assert len(rows) >= 5
    # names, never ids, in the actor and recipient columns
    assert not any(re.search(r"\b(country|person|org|agent|new):", row) for row in rows)
    assert any("Iran" in row for row in rows) and any("United States" in row for row in rows)
    # each evidence line carries a whole article/event id: 16 hex digits, /e, a number
    evidence = [line for line in lines if line.startswith("    · ")]
    assert evidence
    for line in evidence:
        assert re.match(r"    · [0-9a-f]{16}/e\d+ [A-Z]+", line), line


def test_table_follows_a_narrower_terminal(example_db: Path) -> None:
    result = rasid("relations", "--db", str(example_db), columns=100)
    assert result.returncode == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 100


def test_csv_and_json_carry_names_in_both_scripts(example_db: Path) -> None:
    result = rasid("relations", "--db", str(example_db), "--format", "json")
    rows = json.loads(result.stdout)
    iran = [r for r in rows if r["recipient"] == "country:IRN"]
    assert iran and iran[0]["recipient_en"] == "Iran" and iran[0]["recipient_ar"] == "إيران"
    result = rasid("relations", "--db", str(example_db), "--format", "csv")
    header = result.stdout.splitlines()[0].split(",")
    assert header[header.index("actor") + 1 : header.index("actor") + 3] == [
        "actor_en", "actor_ar"]


def _dyads(db: Path, actor: str) -> set[tuple[str, str, str]]:
    result = rasid("relations", "--db", str(db), "--actor", actor, "--format", "json")
    assert result.returncode == 0, result.stderr
    return {(r["actor"], r["recipient"], r["evidence"]) for r in json.loads(result.stdout)}


def test_actor_by_id_code_or_name(example_db: Path) -> None:
    iran = _dyads(example_db, "country:IRN")
    assert iran and all("country:IRN" in pair[:2] for pair in iran)
    for name in ("iran", "Iran", "إيران", "IRAN"):  # a name or the id in any case
        assert _dyads(example_db, name) == iran, name
    # the code also matches Iran's people and agencies (its president, its army…):
    # every further dyad has a participant that is not a country
    by_code = _dyads(example_db, "IRN")
    assert by_code > iran
    assert all(any(not side.startswith("country:") for side in pair[:2])
               for pair in by_code - iran)


def test_unknown_actor_is_an_error_with_suggestions(example_db: Path) -> None:
    result = rasid("relations", "--db", str(example_db), "--actor", "Irann")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "[R701] unknown actor 'Irann'" in result.stderr
    assert "did you mean" in result.stderr and "country:IRN (Iran)" in result.stderr
    result = rasid("relations", "--db", str(example_db), "--actor", "zzqxv")
    assert result.returncode == 2 and "unknown actor 'zzqxv'" in result.stderr
    assert "Traceback" not in result.stderr
    result = rasid("export", "--db", str(example_db), "--format", "csv", "--actor", "nonsense")
    assert result.returncode == 2 and "unknown actor 'nonsense'" in result.stderr
