"""Analysis on a Dask cluster: partitions out as Parquet, results back as Parquet parts.

``--dask local`` starts a LocalCluster on this machine (worker processes, one thread
each: the pipeline is pure Python, so threads would only queue on the GIL);
``--dask tcp://host:port`` uses a running scheduler, whose workers must have rasid
(and any plugins) installed and see the work folder at the same path (a shared disk).

The ingesting process splits the documents into partitions, writes each as a Parquet
file and submits :func:`process_partition` for it; each worker builds its Pipeline
once (cached per process) and writes its results as a Parquet part. Parts are read
back as they finish and stored by the single writer of the ingest, so the store is
only ever written by one process, and a part lost to a killed run is simply analyzed
again next time (its articles were never stored).
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from rasid.errors import InputError
from rasid.io import Document
from rasid.store.errors import StoreError

_DOC_FIELDS = ("text", "id", "date", "title", "source", "url", "origin")
_PART_SCHEMA = pa.schema([("id", pa.string()), ("record", pa.string()),
                          ("raw_text", pa.string()), ("minhash", pa.binary())])


def _write_atomic(table: pa.Table, path: Path) -> None:
    temporary = path.with_name(path.name + ".tmp")
    pq.write_table(table, temporary)
    os.replace(temporary, path)


def write_partition(documents: list[Document], path: Path) -> None:
    """Write documents as a Parquet partition for :func:`process_partition`."""
    columns = {name: [getattr(doc, name) for doc in documents] for name in _DOC_FIELDS}
    _write_atomic(pa.table(columns, schema=pa.schema([(n, pa.string()) for n in _DOC_FIELDS])),
                  path)


def process_partition(in_path: str, out_path: str, settings: dict[str, Any]
                      ) -> dict[str, Any]:
    """Analyze one partition file and write the results as a Parquet part.

    A pure, top-level function (Dask ships it by reference): everything it needs is in
    its arguments, and the Pipeline it uses is built once per worker process and cached.
    """
    import json

    from rasid.batch.worker import RunSettings, get_pipeline, process

    run = RunSettings.from_dict(settings)
    pipeline = get_pipeline(run)
    table = pq.read_table(in_path)
    rows: dict[str, list[Any]] = {"id": [], "record": [], "raw_text": [], "minhash": []}
    ok = failed = 0
    for values in table.to_pylist():
        record = process(pipeline, Document(**values), run.dedup)
        ok += record["status"] == "ok"
        failed += record["status"] != "ok"
        rows["id"].append(record["id"])
        rows["raw_text"].append(record.pop("raw_text"))
        rows["minhash"].append(record.pop("minhash"))
        rows["record"].append(json.dumps(record, ensure_ascii=False))
    _write_atomic(pa.table(rows, schema=_PART_SCHEMA), Path(out_path))
    return {"in_path": in_path, "out_path": out_path, "ok": ok, "failed": failed}


def read_part(path: str | Path) -> Iterator[dict[str, Any]]:
    """The store records of a Parquet part written by :func:`process_partition`."""
    import json

    for row in pq.read_table(path).to_pylist():
        record = json.loads(row["record"])
        record["raw_text"] = row["raw_text"]
        record["minhash"] = row["minhash"]
        yield record


def start_client(address: str, workers: int | None = None):
    """A Dask client: ``local`` starts a LocalCluster, anything else is a scheduler
    address (``tcp://host:port``)."""
    from distributed import Client, LocalCluster

    if address == "local":
        n_workers = workers or os.cpu_count() or 1
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address="127.0.0.1:0",
                               silence_logs=logging.ERROR)
        return Client(cluster), cluster
    if not address.startswith(("tcp://", "tls://", "ucx://", "inproc://")):
        raise StoreError(f"--dask {address!r}: give 'local' or a scheduler address such as "
                         "tcp://127.0.0.1:8786")
    try:
        return Client(address, timeout="20s"), None
    except OSError as error:
        raise StoreError(f"--dask {address}: cannot reach the scheduler ({error})") from None


def run(tasks: Iterable[Document | InputError | dict[str, Any]], settings: dict[str, Any], *,
        address: str, work_dir: Path, workers: int | None = None,
        partition_size: int = 200) -> Iterator[dict[str, Any]]:
    """Analyze ``tasks`` on Dask and yield store records as parts finish.

    Reading failures and ready records need no worker and are yielded at once. At most
    two partitions per worker are in flight, so a corpus of any size needs bounded
    memory and disk.
    """
    from rasid.store.writer import failure_record

    client, cluster = start_client(address, workers)
    run_dir = work_dir / f"run-{os.getpid()}-{int(time.time())}"
    run_dir.mkdir(parents=True, exist_ok=True)
    parts = _Partitions(client, run_dir, settings)
    try:
        window = 2 * max(1, len(client.scheduler_info().get("workers", {})) or (workers or 1))
        batch: list[Document] = []
        for task in tasks:
            if isinstance(task, InputError):
                yield failure_record(task.document, task.reason, task.code)
                continue
            if isinstance(task, dict):
                yield task
                continue
            batch.append(task)
            if len(batch) >= partition_size:
                parts.submit(batch)
                batch = []
                yield from parts.drain(window)
        if batch:
            parts.submit(batch)
        yield from parts.drain(1)
    finally:
        parts.cancel()
        client.close()
        if cluster is not None:
            cluster.close()
        shutil.rmtree(run_dir, ignore_errors=True)


class _Partitions:
    """The partitions of one run in flight on the cluster: each written to Parquet,
    submitted, and read back (its files deleted) when it is done."""

    def __init__(self, client: Any, run_dir: Path, settings: dict[str, Any]) -> None:
        self.client = client
        self.run_dir = run_dir
        self.settings = settings
        self.in_flight: set = set()
        self.number = 0

    def submit(self, documents: list[Document]) -> None:
        self.number += 1
        in_path = self.run_dir / f"part-{self.number:06d}.in.parquet"
        out_path = self.run_dir / f"part-{self.number:06d}.out.parquet"
        write_partition(documents, in_path)
        self.in_flight.add(self.client.submit(process_partition, str(in_path), str(out_path),
                                              self.settings, pure=False))

    def drain(self, window: int) -> Iterator[dict[str, Any]]:
        """Wait for parts until fewer than ``window`` are in flight; their records."""
        from distributed import wait

        while len(self.in_flight) >= window:
            done = wait(list(self.in_flight), return_when="FIRST_COMPLETED").done
            yield from self._finished(done)

    def _finished(self, futures: Iterable) -> Iterator[dict[str, Any]]:
        for future in futures:
            self.in_flight.discard(future)
            try:
                summary = future.result()
            except Exception as error:
                raise StoreError(f"a Dask partition failed ({type(error).__name__}: "
                                 f"{error}); what was stored so far is kept, run again "
                                 "to resume") from error
            yield from read_part(summary["out_path"])
            Path(summary["in_path"]).unlink(missing_ok=True)
            Path(summary["out_path"]).unlink(missing_ok=True)

    def cancel(self) -> None:
        for future in list(self.in_flight):
            future.cancel()


def clean_work_dir(work_dir: Path) -> None:
    """Remove parts left by an earlier run that was killed (their articles were never
    stored, so they are analyzed again)."""
    if work_dir.is_dir():
        for stale in work_dir.glob("run-*"):
            shutil.rmtree(stale, ignore_errors=True)
