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
from tests.conftest import SHARED

N_ARTICLES = 36
TOWNS = ["Maiduguri", "Kunduz", "Gao", "Mogadishu", "Kidal", "Bunia", "Marawi", "Idlib", "Ghazni", "Beni", "Menaka", "Baidoa"]
REPORTS = [
    "{town}, {day} - Militants attacked an army base in {town} on {day}, killing {n} soldiers, officials said.\n\n"
    "The fighting lasted several hours before the attackers withdrew, a military spokesman said.",
    "Police fired tear gas at hundreds of protesters in {town} on {day}.\n\n"
    "The demonstrators had gathered outside the governor's office to demand the release of detained students.",
    "A roadside bomb exploded near a market in {town} on {day}, killing {n} civilians, police said.\n\n"
    "No group has claimed responsibility for the blast.",
]
BACKGROUND = (
    "\n\nThe region has seen repeated violence this year. Aid groups say thousands of families have left their homes "
    "and that roads to {town} are often closed. Local leaders have called for talks, and the provincial council met "
    "last month to discuss security along the main highway. Traders in {town} say prices have doubled since the spring. "
    "Schools reopened in some districts after a long closure, but teachers say attendance remains low. "
    "Officials promised new funds for clinics and water points, and a delegation visited the area last week."
)
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def _written_corpus() -> list[dict]:
    """36 short reports in three styles; the last repeats the first word for word (stored once)."""
    rows = []
    for i in range(N_ARTICLES - 1):
        town, template = TOWNS[i % len(TOWNS)], REPORTS[i // len(TOWNS) % len(REPORTS)]
        text = (template + BACKGROUND * 3).format(town=town, day=DAYS[i % len(DAYS)], n=2 + i % 9)
        rows.append({"text": text, "title": "", "published": f"2021-07-{8 + i % 20:02d}", "url": f"https://news.example/{i}"})
    rows.append({**rows[0], "url": "https://wire.example/0"})
    return rows


def _aquaint_corpus() -> list[dict]:
    """36 real wire reports; two AQUAINT files carry the same story word for word."""
    from sitrep.evaluate import read_timeml_articles

    articles = read_timeml_articles(SHARED / "eval" / "temporal_TBAQ_cleaned" / "AQUAINT")[:N_ARTICLES]
    return [{"text": a.text, "title": a.title, "published": str(a.published), "url": a.url} for a in articles]


@pytest.fixture(scope="module", params=["written", "aquaint"])
def corpus(request, tmp_path_factory):
    if request.param == "aquaint" and not (SHARED / "eval" / "temporal_TBAQ_cleaned" / "AQUAINT").exists():
        pytest.skip("AQUAINT reports not present (set SITREP_SHARED)")
    rows = _written_corpus() if request.param == "written" else _aquaint_corpus()
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    with path.open("w") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
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
    assert summary.articles == N_ARTICLES and summary.chunks == 7 and summary.events >= N_ARTICLES
    assert {t.rsplit(":", 1)[-1] for t, _ in summary.failures} == {"37", "38"}
    table = read_output(out)
    assert table.num_rows == summary.events
    assert {"event_date", "event_type", "actor1", "latitude", "evidence", "article_url"} <= set(table.column_names)


def test_dask_local_cluster_gives_identical_output(corpus, local_output, tmp_path):
    out, _ = local_output
    summary = run_batch(corpus, tmp_path / "dask", engine="dask", workers=2, chunk_size=6)
    assert summary.articles == N_ARTICLES
    assert read_output(tmp_path / "dask").equals(read_output(out))


def test_process_pool_gives_identical_output(corpus, local_output, tmp_path):
    out, _ = local_output
    summary = run_batch(corpus, tmp_path / "pool", engine="processes", workers=2, chunk_size=6)
    assert summary.articles == N_ARTICLES and summary.chunks == 7
    assert read_output(tmp_path / "pool").equals(read_output(out))


def test_unknown_engine_is_refused(corpus, tmp_path):
    with pytest.raises(InputError, match="local, processes, dask"):
        run_batch(corpus, tmp_path / "x", engine="threads")


def test_batch_with_store_is_idempotent(corpus, tmp_path):
    from sitrep.store import Store

    store = Store(tmp_path / "b.db")
    run_batch(corpus, tmp_path / "o1", chunk_size=12, store=store)
    first = store.stats()
    run_batch(corpus, tmp_path / "o2", chunk_size=12, store=store)
    # one article fewer: the same story word for word is stored once
    assert store.stats()["articles"] == first["articles"] == N_ARTICLES - 1 and store.stats()["events"] == first["events"]


def test_a_killed_batch_resumes_to_the_same_output(corpus, local_output, tmp_path):
    out = tmp_path / "killed"
    cmd = [sys.executable, "-m", "sitrep", "batch", str(corpus), "-o", str(out), "--chunk-size", "6"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None and len(list(out.glob("part-*.parquet"))) < 2:
        time.sleep(0.01)
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
