"""Batch extraction: the same output on a real Dask LocalCluster as in one process; resumable after a kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from sitrep.batch import read_output, run_batch
from sitrep.errors import InputError
from tests.conftest import shared


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from sitrep.evaluate import read_timeml_articles

    articles = read_timeml_articles(shared("eval", "temporal_TBAQ_cleaned", "AQUAINT"))[:36]
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    with path.open("w") as fh:
        for a in articles:
            fh.write(json.dumps({"text": a.text, "title": a.title, "published": str(a.published), "url": a.url}) + "\n")
        fh.write('{"title": "a row with no text"}\n')
        fh.write("not json at all\n")
    return path


@pytest.fixture(scope="module")
def local_output(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    summary = run_batch(corpus, out, engine="local", chunk_size=6)
    return out, summary


def test_local_batch_writes_parts_and_lists_failures(local_output):
    out, summary = local_output
    assert summary.articles == 36 and summary.chunks == 7 and summary.events > 36
    assert {t.rsplit(":", 1)[-1] for t, _ in summary.failures} == {"37", "38"}
    table = read_output(out)
    assert table.num_rows == summary.events
    assert {"event_date", "event_type", "actor1", "latitude", "evidence", "article_url"} <= set(table.column_names)


def test_dask_local_cluster_gives_identical_output(corpus, local_output, tmp_path):
    out, _ = local_output
    summary = run_batch(corpus, tmp_path / "dask", engine="dask", workers=2, chunk_size=6)
    assert summary.articles == 36
    assert read_output(tmp_path / "dask").equals(read_output(out))


def test_batch_with_store_is_idempotent(corpus, tmp_path):
    from sitrep.store import Store

    store = Store(tmp_path / "b.db")
    run_batch(corpus, tmp_path / "o1", chunk_size=12, store=store)
    first = store.stats()
    run_batch(corpus, tmp_path / "o2", chunk_size=12, store=store)
    # 35, not 36: two AQUAINT files carry the same wire story word for word, stored once.
    assert store.stats()["articles"] == first["articles"] == 35 and store.stats()["events"] == first["events"]


def test_a_killed_batch_resumes_to_the_same_output(corpus, local_output, tmp_path):
    out = tmp_path / "killed"
    cmd = [sys.executable, "-m", "sitrep", "batch", str(corpus), "-o", str(out), "--chunk-size", "6"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None and len(list(out.glob("part-*.parquet"))) < 2:
        time.sleep(0.1)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = len(list(out.glob("part-*.parquet")))
    assert 2 <= done < 7, "the batch should be killed midway"
    with pytest.raises(InputError, match="--resume"):
        run_batch(corpus, out, chunk_size=6)
    with pytest.raises(InputError, match="same input"):
        run_batch(corpus, out, chunk_size=5, resume=True)
    summary = run_batch(corpus, out, chunk_size=6, resume=True)
    assert summary.skipped_chunks == done and summary.chunks == 7 - done
    assert read_output(out).equals(read_output(local_output[0]))
    assert not [p for p in os.listdir(out) if p.endswith(".tmp")]
