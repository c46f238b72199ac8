"""The fatalities alert on a synthetic time line of news written for the test: eight
weeks of Russian shelling of Ukrainian positions whose reports state a few deaths or
none, then a week with a surge of dead (an alert must fire), an ordinary week (none
may), a week whose dead only a spokesman claims (not a current fact: none may), and a
first small toll after weeks without one (below the floor: none may).

The tolls are read by rasid itself from the Arabic texts (``مقتل 12 جنديا``); nothing
in the store is written by hand."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from watchenv import feed_server, free_port, query, rasid, stop, wait_for_http, write_settled

from rasid.settings import resolve
from rasid.watch import alerts as alerting
from rasid.watch.runner import Watcher, WatchOptions
from rasid.watch.settings import resolve_alerts

PLACES = ["خاركيف", "سومي", "زابوريجيا", "خيرسون", "دونيتسك", "أوديسا", "دنيبرو", "بولتافا",
          "تشيرنيهيف", "ميكولايف", "كراماتورسك", "لوغانسك", "كييف", "لفيف", "إيزيوم", "أفدييفكا"]

#: the deaths each report states, week by week, for the eight weeks before "this week"
HISTORY = [[4], [0], [6, 0], [3], [0], [5], [3, 0], [0]]
THIS_WEEK = datetime.date(2024, 3, 4)  # a Monday: ISO week 2024-W10


def _dead(killed: int) -> str:
    """The toll clause as a news writer puts it (Arabic number agreement)."""
    if killed == 1:
        return "مقتل شخص واحد"
    if killed <= 10:
        return f"مقتل {killed} جنود أوكرانيين"
    return f"مقتل {killed} جنديا أوكرانيا"


def shelling(number: int, killed: int) -> str:
    """A distinct report of Russian shelling (a RUS → UKR assault) and its dead, if any."""
    place = PLACES[number % len(PLACES)]
    toll = f"، ما أسفر عن {_dead(killed)}" if killed else ""
    return (f"قصفت القوات الروسية مواقع أوكرانية قرب {place}{toll}. "
            f"وذكرت مصادر محلية أن القصف استمر {number % 9 + 2} ساعات.")


def folded(number: int, killed: int) -> str:
    """Two Russian actors against two Ukrainian recipients: four dyads between
    entities, one between countries, which must get the toll once."""
    place = PLACES[number % len(PLACES)]
    return (f"هاجمت روسيا والقوات الروسية الجيش الأوكراني وأوكرانيا قرب {place}، "
            f"ما أسفر عن مقتل {killed} جنود.")


def joint(number: int, killed: int) -> str:
    """Russian and Belarusian forces: two dyads between countries, each with the toll."""
    place = PLACES[number % len(PLACES)]
    return (f"قصفت القوات الروسية والبيلاروسية مواقع الجيش الأوكراني قرب {place}، "
            f"ما أسفر عن مقتل {killed} جنود. وذكرت مصادر محلية أن القصف استمر "
            f"{number % 9 + 2} ساعات.")


def claimed(number: int, killed: int) -> str:
    """The same shelling, but its dead are what a spokesman says (a statement)."""
    place = PLACES[number % len(PLACES)]
    return (f"قال المتحدث باسم الجيش الأوكراني إن القوات الروسية قصفت مواقع أوكرانية قرب "
            f"{place}، ما أسفر عن {_dead(killed)}.")


def _jsonl(path: Path, items: list[tuple[str, datetime.date]]) -> None:
    lines = [json.dumps({"text": text, "date": day.isoformat()}, ensure_ascii=False)
             for text, day in items]
    write_settled(path, "\n".join(lines) + "\n")


def _history(inbox: Path) -> int:
    """The eight weeks before this week; returns the next free report number."""
    items, number = [], 0
    for index, week in enumerate(HISTORY):
        monday = THIS_WEEK - datetime.timedelta(weeks=len(HISTORY) - index)
        for day, killed in enumerate(week):
            items.append((shelling(number, killed), monday + datetime.timedelta(days=day)))
            number += 1
    _jsonl(inbox / "history.jsonl", items)
    return number


def _this_week(inbox: Path, name: str, texts: list[str]) -> None:
    _jsonl(inbox / name, [(text, THIS_WEEK + datetime.timedelta(days=k % 5))
                          for k, text in enumerate(texts)])


def _watcher(db: Path, inbox: Path, webhook: str | None = None, **overrides) -> Watcher:
    options = WatchOptions(paths=[str(inbox)], interval=0.1, settle=0.0, once=True,
                           webhook=webhook)
    return Watcher(db, resolve(), resolve_alerts(overrides), options, log=lambda _m: None)


def _fatalities(alerts: list[alerting.Alert]) -> dict[str, alerting.Alert]:
    return {a.subject: a for a in alerts if a.kind == "fatalities_rise"}


def test_weekly_history_is_what_the_texts_say(tmp_path: Path) -> None:
    """The baseline the alert is measured against: the tolls rasid read, per week."""
    inbox = tmp_path / "inbox"
    _history(inbox)
    db = tmp_path / "history.duckdb"
    assert _watcher(db, inbox).round().stored == sum(len(w) for w in HISTORY)
    weekly = query(db, "SELECT CAST(date_trunc('week', e.date) AS DATE), sum(TRY_CAST("
                   "json_extract_string(e.data, '$.counts.killed.value') AS INTEGER)) "
                   "FROM events e GROUP BY 1 ORDER BY 1")
    assert [int(k or 0) for _w, k in weekly] == [sum(w) for w in HISTORY]


def test_a_surge_of_dead_fires_once_per_event_and_is_posted(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    number = _history(inbox)
    db = tmp_path / "surge.duckdb"
    with feed_server() as receiver:
        watcher = _watcher(db, inbox, f"{receiver.url}/hook")
        assert watcher.round().alerts == []
        _this_week(inbox, "this-week.jsonl", [
            folded(number, 9), shelling(number + 1, 12), joint(number + 2, 7),
            shelling(number + 3, 0)])
        summary = watcher.round()
        found = _fatalities(summary.alerts)
        surge = found["country:RUS → country:UKR"]
        # 9 + 12 + 7: the folded event's toll once, not once per entity dyad (36 + 19)
        assert surge.value == 28.0
        assert surge.period == "2024-W10"
        assert surge.details["history"] == [float(sum(w)) for w in HISTORY]
        assert surge.mean == pytest.approx(sum(map(sum, HISTORY)) / len(HISTORY))
        assert surge.z >= 3 and surge.details["events"] == 3
        assert surge.details["largest"]["killed"] == 12
        assert "28 killed this week" in surge.message
        # the joint shelling's 7 dead count for Belarus too (no history: 7 / 2 sd)
        assert found["country:BLR → country:UKR"].value == 7.0
        assert set(found) == {"country:RUS → country:UKR", "country:BLR → country:UKR"}
        posted = [a for a in receiver.posts[0]["alerts"] if a["kind"] == "fatalities_rise"]
        assert {a["subject"] for a in posted} == set(found)
        assert {a["id"] for a in posted} == {a.id for a in found.values()}
        assert query(db, "SELECT count(*) FROM alerts WHERE kind = 'fatalities_rise' "
                         "AND notified_at IS NOT NULL") == [(2,)]
        # more dead the same week: the alert is not raised again
        _this_week(inbox, "later.jsonl", [shelling(number + 4, 11)])
        again = watcher.round()
        assert again.stored == 1 and _fatalities(again.alerts) == {}
        assert len(receiver.posts) == 1


def test_entity_level_counts_each_entity_dyad(tmp_path: Path) -> None:
    """At entity level the folded report is four dyads, each with its toll once."""
    inbox = tmp_path / "inbox"
    number = _history(inbox)
    db = tmp_path / "entity.duckdb"
    watcher = _watcher(db, inbox, level="entity")
    watcher.round()
    _this_week(inbox, "this-week.jsonl", [folded(number, 9)])
    watcher.round()
    conn = alerting_conn(db)
    try:
        found = _fatalities(alerting.detect(conn, resolve_alerts({"level": "entity"})))
    finally:
        conn.close()
    assert {s: a.value for s, a in found.items()} == {
        "country:RUS → agent:army/UKR": 9.0, "country:RUS → country:UKR": 9.0,
        "agent:troops/RUS → agent:army/UKR": 9.0}
    # troops/RUS → country:UKR has the history's tolls: 9 against a mean of 2.6 (sd 2.2)
    # is below 3 sd, which is the point of measuring each dyad against its own past


def alerting_conn(db: Path):
    from rasid.store import connect

    return connect(db, read_only=True)


@pytest.mark.parametrize("week", [[6], [3, 0], [0]])
def test_an_ordinary_week_fires_no_fatalities_alert(tmp_path: Path, week: list[int]) -> None:
    inbox = tmp_path / "inbox"
    number = _history(inbox)
    db = tmp_path / "noise.duckdb"
    watcher = _watcher(db, inbox)
    watcher.round()
    _this_week(inbox, "this-week.jsonl",
               [shelling(number + k, killed) for k, killed in enumerate(week)])
    summary = watcher.round()
    assert summary.stored == len(week)
    assert summary.alerts == []
    assert query(db, "SELECT count(*) FROM alerts") == [(0,)]


def test_dead_a_spokesman_claims_are_not_current_facts(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    number = _history(inbox)
    db = tmp_path / "claimed.duckdb"
    watcher = _watcher(db, inbox)
    watcher.round()
    _this_week(inbox, "this-week.jsonl", [claimed(number, 30), claimed(number + 1, 12)])
    summary = watcher.round()
    assert summary.stored == 2
    assert query(db, "SELECT DISTINCT evidence FROM events WHERE TRY_CAST(json_extract_string("
                     "data, '$.counts.killed.value') AS INTEGER) >= 12") == [("statement",)]
    assert _fatalities(summary.alerts) == {}
    # counted when statements are asked for: the claimed 42 dead then fire
    conn = alerting_conn(db)
    try:
        found = _fatalities(alerting.detect(
            conn, resolve_alerts({"evidence": ["asserted", "statement"]})))
    finally:
        conn.close()
    assert found["country:RUS → country:UKR"].value == 42.0


def test_one_death_after_none_never_fires(tmp_path: Path) -> None:
    """A dyad with no dead before: one, then four, stay under the floor of five, however
    small the standard deviation is allowed to be; five fire."""
    inbox = tmp_path / "inbox"
    quiet = [shelling(n, 0) for n in range(8)]
    _jsonl(inbox / "history.jsonl", [
        (text, THIS_WEEK - datetime.timedelta(weeks=8 - n)) for n, text in enumerate(quiet)])
    db = tmp_path / "floor.duckdb"
    watcher = _watcher(db, inbox, fatalities_min_std=0.01)
    watcher.round()
    _this_week(inbox, "one.jsonl", [shelling(8, 1)])
    assert _fatalities(watcher.round().alerts) == {}
    _this_week(inbox, "three.jsonl", [shelling(9, 3)])
    assert _fatalities(watcher.round().alerts) == {}  # 4 killed this week
    _this_week(inbox, "one-more.jsonl", [shelling(10, 1)])
    fired = _fatalities(watcher.round().alerts)  # 5 killed this week
    assert list(fired) == ["country:RUS → country:UKR"]
    assert fired["country:RUS → country:UKR"].value == 5.0


def test_thresholds_come_from_the_settings_file(tmp_path: Path) -> None:
    from rasid.errors import SettingsError

    config = tmp_path / "rasid.toml"
    config.write_text("[alerts]\nfatalities_z = 4.5\nfatalities_min_killed = 20\n",
                      encoding="utf-8")
    settings = resolve_alerts(config=config)
    assert settings["fatalities_z"] == 4.5 and settings["fatalities_min_killed"] == 20
    assert settings["fatalities_min_std"] == 2.0
    config.write_text("[alerts]\nfatalities_min_std = 0\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="fatalities_min_std"):
        resolve_alerts(config=config)
    # a floor above the surge silences it
    inbox = tmp_path / "inbox"
    number = _history(inbox)
    watcher = _watcher(tmp_path / "high.duckdb", inbox, fatalities_min_killed=29)
    watcher.round()
    _this_week(inbox, "this-week.jsonl", [shelling(number, 12), shelling(number + 1, 16)])
    assert _fatalities(watcher.round().alerts) == {}


def test_rasid_watch_prints_it_and_the_dashboard_shows_it(tmp_path: Path) -> None:
    """The command line prints the alert; /alerts and /api/alerts show it with the
    dyad's timeline and the article with the largest toll."""
    inbox = tmp_path / "inbox"
    number = _history(inbox)
    db = tmp_path / "cli.duckdb"
    command = [sys.executable, "-m", "rasid.cli_watch", "watch", str(inbox), "--db", str(db),
               "--once", "--settle", "0"]
    first = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert first.returncode == 0, first.stderr
    _this_week(inbox, "this-week.jsonl", [shelling(number, 12), shelling(number + 1, 16)])
    second = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert second.returncode == 0, second.stderr
    lines = [line for line in second.stdout.splitlines() if "fatalities_rise" in line]
    assert lines == [lines[0]] and lines[0].startswith(
        "ALERT fatalities_rise country:RUS → country:UKR (2024-W10): 28 killed this week "
        "(2 event(s) in 2 article(s)) against a mean of 2.6")
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"\n{lines[0]}\n" in readme  # the example the README gives is this one

    port = free_port()
    log = tmp_path / "serve.log"
    server = rasid("cli_web", "serve", "--db", str(db), "--port", str(port), log=log)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(url, server, log)
        api = httpx.get(f"{url}/api/alerts", params={"kind": "fatalities_rise"},
                        timeout=60).json()
        assert api["total"] == 1
        item = api["items"][0]
        assert item["subject"] == "country:RUS → country:UKR" and item["value"] == 28.0
        assert item["details"]["largest"]["killed"] == 16
        largest = item["details"]["article"]
        html = httpx.get(f"{url}/alerts", params={"kind": "fatalities_rise"}, timeout=60).text
        assert "fatalities rise" in html and "28 killed this week" in html
        assert 'href="/dyad?actor=country:RUS&amp;recipient=country:UKR&amp;level=country"' in html
        assert f'href="/article/{largest}">largest toll</a>' in html
        article = httpx.get(f"{url}/api/articles/{largest}", timeout=60).json()
        assert "مقتل 16 جنديا" in article["text"]
    finally:
        stop(server)
