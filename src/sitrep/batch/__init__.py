"""Batch extraction over a corpus, in one process or on a Dask cluster, resumable.

The corpus (folder, archive, JSONL or Parquet of articles) is read in a fixed order and cut
into chunks of ``chunk_size`` articles. Each chunk is extracted with ``nlp.pipe`` by a worker
that loads the pipeline once, and written as ``part-NNNNN.parquet`` (atomically, so a killed
batch leaves only whole parts). ``resume=True`` skips the chunks whose part exists; the output
is the same whichever engine ran it.

Engines: ``local`` (this process), ``processes`` (a pool of local processes, one per core:
the fast way on one machine) and ``dask`` (a LocalCluster, or any cluster by address).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.errors import InputError
from sitrep.models import Extraction

DEFAULT_CHUNK_SIZE = 64
MANIFEST = "_batch.json"
ENGINES = ("local", "processes", "dask")


@dataclass
class Chunk:
    index: int
    articles: list[dict[str, Any]]  # Article.model_dump(mode="json")
    failures: list[tuple[str, str]]  # unreadable inputs met while reading this chunk


@dataclass
class BatchSummary:
    chunks: int = 0
    skipped_chunks: int = 0
    articles: int = 0
    events: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)


def read_chunks(source: Path, chunk_size: int) -> Iterator[Chunk]:
    """The corpus in fixed-size chunks of readable articles; unreadable inputs travel with their chunk."""
    from sitrep.ingest import iter_items

    if not source.exists():
        raise InputError(f"{source}: no such file or folder")
    articles: list[dict[str, Any]] = []
    failures: list[tuple[str, str]] = []
    index = 0
    for item in iter_items([str(source)]):
        if item.article is None:
            failures.append((item.target, item.error or "unreadable"))
            continue
        articles.append(item.article.model_dump(mode="json"))
        if len(articles) == chunk_size:
            yield Chunk(index, articles, failures)
            index += 1
            articles, failures = [], []
    if articles or failures:
        yield Chunk(index, articles, failures)


def extract_chunk(articles: list[dict[str, Any]], batch_size: int = 32) -> list[dict[str, Any]]:
    """Run on a worker: the process's one pipeline over a chunk (``nlp.pipe``); results as JSON-able dicts."""
    import sitrep
    from sitrep.jobs import extract_batch
    from sitrep.models import Article

    pipeline = sitrep.load()
    items = [(a.get("path") or a.get("url") or a.get("content_hash") or "", Article.model_validate(a)) for a in articles]
    out = []
    for target, result, error in extract_batch(pipeline, items, batch_size=batch_size):
        out.append({"target": target, "error": error, "extraction": result.model_dump(mode="json") if result else None})
    return out


def _part_path(out: Path, index: int) -> Path:
    return out / f"part-{index:05d}.parquet"


def chunk_table(extractions: list[Extraction]):  # type: ignore[no-untyped-def]
    """A chunk's events as one Arrow table: ACLED columns, then the article they came from."""
    import pyarrow as pa

    from sitrep.export import parquet_table

    events, article_cols = [], {"article_hash": [], "article_url": [], "article_title": [], "article_published": []}
    for ex in extractions:
        for ev in ex.events:
            events.append(ev)
            article_cols["article_hash"].append(ex.article.content_hash or "")
            article_cols["article_url"].append(ex.article.url or ex.article.path or "")
            article_cols["article_title"].append(ex.article.title or "")
            article_cols["article_published"].append(ex.article.published)
    table = parquet_table(events)
    for name, values in article_cols.items():
        table = table.append_column(name, pa.array(values, type=pa.date32() if name == "article_published" else pa.string()))
    return table


def _write_part(out: Path, index: int, extractions: list[Extraction], failures: list[tuple[str, str]]) -> int:
    import pyarrow.parquet as pq

    table = chunk_table(extractions)
    tmp = out / f".part-{index:05d}.tmp"
    pq.write_table(table, tmp)
    (out / f"failures-{index:05d}.json").write_text(json.dumps(failures, ensure_ascii=False))
    os.replace(tmp, _part_path(out, index))  # the part exists only once whole
    return table.num_rows


def _check_manifest(out: Path, source: Path, chunk_size: int, resume: bool) -> None:
    manifest = {"source": str(source.resolve()), "chunk_size": chunk_size}
    path = out / MANIFEST
    if path.exists():
        previous = json.loads(path.read_text())
        if not resume:
            raise InputError(f"{out}: already holds a batch; use --resume to continue it or another folder")
        if previous != manifest:
            raise InputError(f"{out}: was started with {previous}; resume with the same input and --chunk-size")
    out.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(manifest))


def run_batch(
    source: Path,
    out: Path,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int = 2,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    resume: bool = False,
    store: Any = None,
    on_chunk: Callable[[BatchSummary], None] | None = None,
) -> BatchSummary:
    """Extract ``source`` into Parquet parts under ``out`` (and into ``store`` if given)."""
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; use {', '.join(ENGINES)}")
    _check_manifest(out, source, chunk_size, resume)
    summary = BatchSummary()

    def pending() -> Iterator[Chunk]:
        for chunk in read_chunks(source, chunk_size):
            if resume and _part_path(out, chunk.index).exists():
                summary.skipped_chunks += 1
                continue
            yield chunk

    def finish(chunk: Chunk, results: list[dict[str, Any]]) -> None:
        extractions = [Extraction.model_validate(r["extraction"]) for r in results if r["extraction"] is not None]
        failures = chunk.failures + [(r["target"], r["error"]) for r in results if r["error"]]
        summary.events += _write_part(out, chunk.index, extractions, failures)
        summary.chunks += 1
        summary.articles += len(extractions)
        summary.failures.extend(failures)
        if store is not None:
            for extraction in extractions:
                store.add(extraction)
        if on_chunk:
            on_chunk(summary)

    if engine == "local":
        for chunk in pending():
            finish(chunk, extract_chunk(chunk.articles))
    elif engine == "processes":
        _run_processes(pending(), finish, workers=workers)
    else:
        _run_dask(pending(), finish, scheduler=scheduler, workers=workers)
    return summary


def _keep_submitting(
    chunks: Iterable[Chunk],
    finish: Callable[[Chunk, list[dict[str, Any]]], None],
    submit: Callable[[list[dict[str, Any]]], Any],
    wait_first: Callable[[list[Any]], Iterable[Any]],
    in_flight: int,
) -> None:
    """Keep ``in_flight`` chunks on the workers; write each as it comes back."""
    iterator = iter(chunks)
    running: dict[Any, Chunk] = {}
    for chunk in iterator:
        running[submit(chunk.articles)] = chunk
        if len(running) >= in_flight:
            break
    while running:
        for future in sorted(wait_first(list(running)), key=lambda f: running[f].index):
            finish(running.pop(future), future.result())
            nxt = next(iterator, None)
            if nxt is not None:
                running[submit(nxt.articles)] = nxt


def _one_blas_thread() -> None:
    """A pool process shares the cores with its siblings: one BLAS thread each."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)


def _run_processes(chunks: Iterable[Chunk], finish: Callable[[Chunk, list[dict[str, Any]]], None], *, workers: int) -> None:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no forked SQLite handles or threads
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_one_blas_thread) as pool:
        _keep_submitting(
            chunks, finish, lambda articles: pool.submit(extract_chunk, articles),
            lambda futures: wait(futures, return_when=FIRST_COMPLETED).done, in_flight=2 * workers,
        )


def _run_dask(chunks: Iterable[Chunk], finish: Callable[[Chunk, list[dict[str, Any]]], None], *, scheduler: str | None, workers: int) -> None:
    from dask.distributed import Client, LocalCluster, wait

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        _keep_submitting(
            chunks, finish, lambda articles: client.submit(extract_chunk, articles, pure=False),
            lambda futures: wait(futures, return_when="FIRST_COMPLETED").done,
            in_flight=max(2, 2 * len(client.scheduler_info()["workers"])),
        )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def read_output(out: Path):  # type: ignore[no-untyped-def]
    """Every part of a batch output as one Arrow table, in chunk order."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    parts = sorted(out.glob("part-*.parquet"))
    if not parts:
        raise InputError(f"{out}: no batch output here")
    return pa.concat_tables(pq.read_table(p) for p in parts)


__all__ = ["ENGINES", "BatchSummary", "Chunk", "extract_chunk", "read_chunks", "read_output", "run_batch"]
