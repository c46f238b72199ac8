"""Watched folders: which files are new or changed, and complete enough to read.

A file is read when it is new or its size or modification time changed and its
content digest differs from the last one read, and only once it has rested: its
modification time is ``settle_seconds`` old and its size and time are the same
before and after reading it. A file still being written is therefore read once,
complete, on a later round; one written under a temporary name (``.part``, ``~``, a
dot file: the patterns of ``data/files.json``) is skipped until it is renamed into
place.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rasid.watch.settings import load
from rasid.watch.state import FileState


@dataclass(frozen=True)
class ReadyFile:
    """A file to read now: its bytes and the state to remember once it is stored."""

    path: str
    data: bytes
    state: FileState
    #: the bytes are those already read (only the file's time changed)
    unchanged: bool = False
    #: why the file could not be read (it is then recorded as a failed document)
    error: str | None = None


def ignored(name: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)


class FolderWatch:
    """Finds ready files under ``paths`` (files or folders, recursively)."""

    def __init__(self, paths: Iterable[str | Path], exclude: Iterable[str | Path] = (),
                 settle: float | None = None) -> None:
        config = load("files.json")
        self.paths = [Path(p) for p in paths]
        self.exclude = {str(Path(p).resolve()) for p in exclude}
        self.settle = float(config["settle_seconds"] if settle is None else settle)
        self.patterns = tuple(config["ignore"])
        #: files seen but not ready yet (still being written, or too fresh)
        self.waiting: set[str] = set()

    def _files(self) -> Iterator[Path]:
        for root in self.paths:
            if root.is_file():
                yield root
            elif root.is_dir():
                for folder, dirs, names in os.walk(root):
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    for name in sorted(names):
                        if not ignored(name, self.patterns):
                            yield Path(folder) / name

    def scan(self, known: dict[str, FileState]) -> list[ReadyFile]:
        """The files to read this round (new or changed, and at rest)."""
        ready: list[ReadyFile] = []
        self.waiting = set()
        for file in self._files():
            path = str(file)
            if str(file.resolve()) in self.exclude:
                continue
            try:
                before = file.stat()
            except OSError:  # removed or renamed meanwhile: seen again under its new name
                continue
            old = known.get(path)
            if old is not None and (old.size, old.mtime_ns) == (before.st_size,
                                                                before.st_mtime_ns):
                continue
            if time.time() - before.st_mtime_ns / 1e9 < self.settle:
                self.waiting.add(path)
                continue
            try:
                data = file.read_bytes()
                after = file.stat()
            except FileNotFoundError:
                continue
            except OSError as error:
                state = FileState(path, before.st_size, before.st_mtime_ns, "", 0, 1)
                ready.append(ReadyFile(path, b"", state,
                                       error=f"cannot be read ({error.strerror})"))
                continue
            if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns) \
                    or len(data) != after.st_size:
                self.waiting.add(path)  # written to while we read it: next round
                continue
            digest = hashlib.sha256(data).hexdigest()
            state = FileState(path, after.st_size, after.st_mtime_ns, digest)
            unchanged = old is not None and old.digest == digest
            if unchanged:
                state = FileState(path, after.st_size, after.st_mtime_ns, digest,
                                  old.documents, old.failed)
            ready.append(ReadyFile(path, data, state, unchanged))
        return ready
