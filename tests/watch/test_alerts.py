"""Alerts on a synthetic time line of news written for the test: eight weeks in which
Israeli strikes in Syria are reported one to three times a week, then a week with a
surge (an alert must fire) or an ordinary week (none may)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from watchenv import feed_server, query, story, strike, write_settled

from rasid.settings import resolve
from rasid.watch.runner import Watcher, WatchOptions
from rasid.watch.settings import resolve_alerts

#: strikes reported in each of the eight weeks before "this week"
HISTORY = [2, 3, 1, 2, 3, 2, 1, 3]
THIS_WEEK = datetime.date(2024, 3, 4)  # a Monday


def _week(index: int) -> datetime.date:
    return THIS_WEEK - datetime.timedelta(weeks=len(HISTORY) - index)


def _jsonl(path: Path, items: list[tuple[str, datetime.date]]) -> None:
    lines = [json.dumps({"text": text, "date": day.isoformat()}, ensure_ascii=False)
             for text, day in items]
    write_settled(path, "\n".join(lines) + "\n")


def _history(inbox: Path) -> int:
    number = 0
    items = []
    for index, count in enumerate(HISTORY):
        for k in range(count):
            items.append((strike(number), _week(index) + datetime.timedelta(days=k)))
            number += 1
    _jsonl(inbox / "history.jsonl", items)
    return number


def _watcher(db: Path, inbox: Path, webhook: str | None = None) -> Watcher:
    options = WatchOptions(paths=[str(inbox)], interval=0.1, settle=0.0, once=True,
                           webhook=webhook)
    return Watcher(db, resolve(), resolve_alerts(), options, log=lambda _m: None)


def test_a_surge_fires_and_is_posted(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    first = _history(inbox)
    with feed_server() as receiver:
        watcher = _watcher(tmp_path / "surge.duckdb", inbox, f"{receiver.url}/hook")
        baseline = watcher.round()
        assert baseline.stored == sum(HISTORY) and baseline.alerts == []
        surge = [(strike(first + k), THIS_WEEK + datetime.timedelta(days=k % 5))
                 for k in range(9)]
        surge.append((story(0), THIS_WEEK + datetime.timedelta(days=1)))  # Egypt and Jordan
        _jsonl(inbox / "this-week.jsonl", surge)
        summary = watcher.round()
        kinds = {(a.kind, a.subject) for a in summary.alerts}
        assert ("conflict_shift", "country:ISR → country:SYR") in kinds
        assert ("coverage_rise", "country:ISR") in kinds
        assert ("new_dyad", "country:EGY – country:JOR") in kinds
        shift = next(a for a in summary.alerts if a.kind == "conflict_shift")
        assert shift.period == "2024-W10"
        assert shift.value == 81.0  # nine assaults, Goldstein -9 each
        assert shift.mean == pytest.approx(9 * sum(HISTORY) / len(HISTORY))
        assert shift.z >= 3
        assert shift.details["history"] == [9.0 * c for c in HISTORY]
        # posted to the webhook as JSON, and marked as delivered
        assert len(receiver.posts) == 1
        posted = receiver.posts[0]
        assert posted["source"] == "rasid"
        assert {a["id"] for a in posted["alerts"]} == {a.id for a in summary.alerts}
        stored = query(tmp_path / "surge.duckdb",
                       "SELECT count(*), count(notified_at) FROM alerts")
        assert stored == [(len(summary.alerts), len(summary.alerts))]
        # one more report the same week: the same alerts are not raised or sent again
        _jsonl(inbox / "later.jsonl", [(strike(first + 20), THIS_WEEK)])
        again = watcher.round()
        assert again.stored == 1 and again.alerts == []
        assert len(receiver.posts) == 1


@pytest.mark.parametrize("strikes", [2, 3])
def test_an_ordinary_week_fires_nothing(tmp_path: Path, strikes: int) -> None:
    inbox = tmp_path / "inbox"
    first = _history(inbox)
    watcher = _watcher(tmp_path / "noise.duckdb", inbox)
    watcher.round()
    _jsonl(inbox / "this-week.jsonl", [(strike(first + k), THIS_WEEK + datetime.timedelta(
        days=k)) for k in range(strikes)])
    summary = watcher.round()
    assert summary.stored == strikes
    assert summary.alerts == []
    assert query(tmp_path / "noise.duckdb", "SELECT count(*) FROM alerts") == [(0,)]


def test_a_webhook_that_is_down_gets_the_alerts_later(tmp_path: Path) -> None:
    from watchenv import free_port

    inbox = tmp_path / "inbox"
    first = _history(inbox)
    messages: list[str] = []
    db = tmp_path / "late.duckdb"
    watcher = _watcher(db, inbox, f"http://127.0.0.1:{free_port()}/hook")
    watcher.log = messages.append
    watcher.round()
    _jsonl(inbox / "this-week.jsonl", [(strike(first + k), THIS_WEEK) for k in range(9)])
    summary = watcher.round()
    assert summary.alerts
    assert messages and "cannot be reached" in messages[0]
    assert query(db, "SELECT count(notified_at) FROM alerts") == [(0,)]
    with feed_server() as receiver:
        watcher.webhook = f"{receiver.url}/hook"
        _jsonl(inbox / "more.jsonl", [(story(5), THIS_WEEK)])
        watcher.round()
        assert len(receiver.posts) == 1
        assert len(receiver.posts[0]["alerts"]) == len(summary.alerts)
    assert query(db, "SELECT count(*) = count(notified_at) FROM alerts") == [(True,)]


def test_thresholds_come_from_the_settings_file(tmp_path: Path) -> None:
    from rasid.errors import SettingsError

    config = tmp_path / "rasid.toml"
    config.write_text("max_chars = 50000\n[alerts]\nconflict_z = 2.5\nnew_dyads = false\n",
                      encoding="utf-8")
    assert resolve(config=config)["max_chars"] == 50000  # the pipeline ignores [alerts]
    settings = resolve_alerts(config=config)
    assert settings["conflict_z"] == 2.5 and settings["new_dyads"] is False
    assert settings["history_weeks"] == 8
    config.write_text("[alerts]\nconflict_zz = 2\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="unknown setting 'conflict_zz'"):
        resolve_alerts(config=config)
    config.write_text("[alerts]\nlevel = 'planet'\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="level"):
        resolve_alerts(config=config)
    with pytest.raises(SettingsError, match="must be float"):
        resolve_alerts({"conflict_z": "high"})


def test_every_alert_setting_is_documented() -> None:
    from rasid.watch.settings import alert_settings

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for setting in alert_settings():
        assert f"| `{setting.name}` |" in readme, setting.name


def test_new_dyads_count_from_the_first_round_that_stored_articles(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_settled(inbox / "note.txt", "An English note: not analyzable, stored as failed.")
    watcher = _watcher(tmp_path / "new.duckdb", inbox)
    assert watcher.round().failed == 1
    _jsonl(inbox / "first.jsonl", [(strike(0), THIS_WEEK)])
    baseline = watcher.round()
    assert baseline.stored == 1 and baseline.alerts == []  # the baseline, not news
    _jsonl(inbox / "second.jsonl", [(strike(1), THIS_WEEK), (story(0), THIS_WEEK)])
    summary = watcher.round()
    assert [(a.kind, a.subject) for a in summary.alerts] == [
        ("new_dyad", "country:EGY – country:JOR")]
