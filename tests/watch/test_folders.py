"""Which files a watched folder offers: new, changed and at rest; never temporary ones."""

from __future__ import annotations

import os
import time
from pathlib import Path

from watchenv import story, write_settled

from rasid.watch.folders import FolderWatch


def test_new_files_at_rest_are_ready_and_temporary_names_are_not(tmp_path: Path) -> None:
    write_settled(tmp_path / "a.txt", story(1))
    write_settled(tmp_path / "sub" / "b.jsonl", '{"text": "خبر"}\n')
    for name in (".hidden.txt", "c.txt.part", "d.tmp", "e.txt~", "f.crdownload"):
        write_settled(tmp_path / name, story(2))
    watch = FolderWatch([tmp_path], settle=1.0)
    ready = watch.scan({})
    assert sorted(Path(f.path).name for f in ready) == ["a.txt", "b.jsonl"]
    assert all(f.error is None and not f.unchanged for f in ready)


def test_a_file_still_being_written_waits(tmp_path: Path) -> None:
    path = tmp_path / "growing.txt"
    path.write_text(story(3)[:10], encoding="utf-8")
    watch = FolderWatch([tmp_path], settle=0.5)
    assert watch.scan({}) == [] and watch.waiting == {str(path)}
    with path.open("a", encoding="utf-8") as handle:
        handle.write(story(3)[10:])
    time.sleep(0.6)
    ready = watch.scan({})
    assert [f.data.decode("utf-8") for f in ready] == [story(3)]


def test_known_files_are_read_again_only_when_their_content_changed(tmp_path: Path) -> None:
    path = write_settled(tmp_path / "a.txt", story(1))
    watch = FolderWatch([tmp_path], settle=0.0)
    first = watch.scan({})[0]
    known = {first.path: first.state}
    assert watch.scan(known) == []
    os.utime(path, (time.time() - 30, time.time() - 30))  # touched, same bytes
    touched = watch.scan(known)
    assert len(touched) == 1 and touched[0].unchanged
    write_settled(path, story(2))
    changed = watch.scan(known)
    assert len(changed) == 1 and not changed[0].unchanged
    assert changed[0].state.digest != first.state.digest


def test_the_store_itself_is_never_read(tmp_path: Path) -> None:
    write_settled(tmp_path / "news.duckdb", b"\x00binary")
    write_settled(tmp_path / "news.duckdb.wal", b"\x00binary")
    write_settled(tmp_path / "a.txt", story(1))
    watch = FolderWatch([tmp_path], exclude=[tmp_path / "news.duckdb"], settle=0.0)
    assert [Path(f.path).name for f in watch.scan({})] == ["a.txt"]
