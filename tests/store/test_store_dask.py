"""The Dask runner on a real LocalCluster: two worker processes, one thread each."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import duckdb
import pytest
from store_env import plugin_environment
from store_samples import date_for, story

from rasid.batch.dask_runner import process_partition, read_part, start_client, write_partition
from rasid.batch.ingest import IngestOptions, ingest
from rasid.batch.worker import RunSettings
from rasid.io import Document
from rasid.store import StoreError
from rasid.store.knowledge import dedup_settings

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    import os

    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = plugin_environment()["PYTHONPATH"]  # for the workers
    try:
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      host="127.0.0.1", dashboard_address="127.0.0.1:0",
                                      silence_logs=logging.ERROR) as local:
            yield local
    finally:
        if saved is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = saved


def documents(count: int, start: int = 0) -> list[Document]:
    return [Document(text=story(n), id=f"d{n}", date=date_for(n), origin=f"test:{n}")
            for n in range(start, start + count)]


def test_process_partition_is_a_pure_function(tmp_path: Path, layers_settings) -> None:
    settings = RunSettings(layers_settings, ("store_plugin",), dedup_settings()).to_dict()
    json.dumps(settings)  # plain data: shippable to any worker
    in_path, out_path = tmp_path / "p.in.parquet", tmp_path / "p.out.parquet"
    batch = [*documents(5), Document(text="", origin="test:empty")]
    write_partition(batch, in_path)
    summary = process_partition(str(in_path), str(out_path), settings)
    assert (summary["ok"], summary["failed"]) == (5, 1)
    records = list(read_part(out_path))
    assert [r["status"] for r in records] == ["ok"] * 5 + ["failed"]
    assert records[0]["raw_text"] == batch[0].text and records[0]["minhash"]
    assert records[0]["analysis"]["events"], "the layers travel with the record"
    assert records[-1]["error"]["reason"] == "empty document (no text)"


def test_ingest_on_a_local_cluster(tmp_path: Path, cluster, layers_settings) -> None:
    corpus = tmp_path / "news.jsonl"
    with corpus.open("w", encoding="utf-8") as handle:
        for doc in documents(45):
            handle.write(json.dumps({"id": doc.id, "text": doc.text, "date": doc.date},
                                    ensure_ascii=False) + "\n")
        handle.write("{not json\n")
    db = tmp_path / "dask.duckdb"
    options = IngestOptions(paths=[str(corpus)], dask=cluster.scheduler_address,
                            partition_size=10, work_dir=tmp_path / "parts")
    summary = ingest(db, layers_settings, options, plugins=("store_plugin",))
    assert (summary.analyzed, summary.failed) == (45, 1)
    assert not list((tmp_path / "parts").glob("run-*")), "parts are cleaned up"

    with distributed.Client(cluster) as client:
        cached = client.run(lambda: len(__import__("rasid.batch.worker",
                                                   fromlist=["_PIPELINES"])._PIPELINES))
    assert len(cached) == 2 and all(count <= 1 for count in cached.values()), cached
    assert sum(cached.values()) >= 1, "each worker builds its Pipeline once and keeps it"

    reference = tmp_path / "reference.duckdb"
    ingest(reference, layers_settings, IngestOptions(paths=[str(corpus)]),
           plugins=("store_plugin",))
    for table in ("articles", "mentions", "entities", "quotes", "events", "event_actors"):
        counts = [duckdb.connect(str(path), read_only=True).execute(
            f"SELECT count(*) FROM {table}").fetchone()[0] for path in (db, reference)]
        assert counts[0] == counts[1], table

    again = ingest(db, layers_settings, options, plugins=("store_plugin",))
    assert again.analyzed == 0 and again.skipped == 46


def test_dask_local_starts_its_own_cluster(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PYTHONPATH", plugin_environment()["PYTHONPATH"])
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("".join(json.dumps({"text": story(n)}, ensure_ascii=False) + "\n"
                              for n in range(12)), encoding="utf-8")
    from rasid.settings import resolve

    summary = ingest(tmp_path / "local.duckdb", resolve({"pipeline": ["segment"]}),
                     IngestOptions(paths=[str(corpus)], dask="local", workers=2,
                                   partition_size=5))
    assert summary.analyzed == 12


def test_bad_scheduler_address_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="give 'local' or a scheduler address"):
        start_client("somewhere:8786")
