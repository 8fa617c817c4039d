"""Throughput and peak memory of the full pipeline vs spaCy's own nlp.pipe (the ceiling).

Two fixed corpora, built from ../shared/eval in a fixed order:

* ``news``: the first 1,000 real news articles (LGL local news, GeoVirus WikiNews, TimeBank
  and AQUAINT newswire), ~310 words each.
* ``reports``: documents of ~600 words, each made of consecutive paragraphs of those
  articles, then ACLED event notes and CASE 2021 news snippets (conflict-dense text, where
  most sentences hold an event).

Rows: spaCy ``en_core_web_sm`` as shipped; the same model as sitrep loads it (NumPy's BLAS,
cached attribute rules and lemmas: identical annotations); the whole sitrep pipeline;
``sitrep batch --engine processes`` with 2 processes (timed from the start, model loading
included); and ``sitrep batch`` on a Dask LocalCluster of 2 single-threaded workers (timed
after the workers have loaded the model). Single-process rows run
pinned to one CPU core with one BLAS thread. Each row runs in its own process, so peak RSS
is its own (per worker for Dask).

    .venv/bin/python bench/bench_pipeline.py [--corpus news|reports|both] [--articles 1000]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ENGINES = ("spacy-stock", "spacy", "sitrep", "processes", "dask")
LABELS = {
    "spacy-stock": "spaCy nlp.pipe, as shipped",
    "spacy": "spaCy nlp.pipe, as sitrep loads it",
    "sitrep": "sitrep pipeline",
    "processes": "sitrep batch, 2 processes",
    "dask": "sitrep batch, Dask 2 workers",
}
PUBLISHED = {"news": "2009-03-20", "reports": "2020-06-01"}


def news_articles(shared: Path) -> list[str]:
    from lxml import etree

    texts: list[str] = []
    for xml in (shared / "eval/geoparsing_LGL/lgl.xml", shared / "eval/geoparsing_GeoVirus/GeoVirus.xml"):
        root = etree.parse(str(xml), etree.XMLParser(recover=True, huge_tree=True)).getroot()
        texts += [t for t in (a.findtext("text") for a in root.iter("article")) if t and t.strip()]
    for tml in sorted((shared / "eval/temporal_TBAQ_cleaned").rglob("*.tml")):
        raw = tml.read_text(encoding="utf-8", errors="replace")
        body = re.sub(r"<[^>]+>", "", raw.split("<TEXT>")[-1].split("</TEXT>")[0])
        texts.append(body.strip())
    seen, unique = set(), []
    for t in texts:  # GeoVirus repeats each article once per paragraph group
        if t not in seen:
            seen.add(t)
            unique.append(t)
    return unique


def reports(shared: Path, words: int = 600) -> list[str]:
    """~600-word documents from consecutive paragraphs; no paragraph is used twice."""
    units = []
    for article in news_articles(shared):
        for paragraph in (p.strip() for p in article.split("\n")):
            if len(paragraph.split()) > 150:  # wire copy without line breaks: cut at sentence ends
                units += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", paragraph) if s]
            elif paragraph:
                units.append(paragraph)
    with (shared / "eval/acled_multicountry_2020_RPanlilio/acled.csv").open(encoding="utf-8") as fh:
        units += [row["notes"] for row in csv.DictReader(fh) if row["notes"].strip()]
    with (shared / "eval/case2021_task2_finegrained_event_classification/test_set_final_release_with_labels.tsv").open(encoding="utf-8") as fh:
        units += [row["EventSnippet"] for row in csv.DictReader(fh, delimiter="\t") if row["EventSnippet"].strip()]
    docs, current, count = [], [], 0
    for unit in units:
        current.append(unit)
        count += len(unit.split())
        if count >= words:
            docs.append("\n\n".join(current))
            current, count = [], 0
    return docs


def load_corpus(shared: Path, limit: int, corpus: str = "news") -> list[str]:
    texts = news_articles(shared) if corpus == "news" else reports(shared)
    return texts[:limit]


def one_core() -> None:
    """The single-process rows measure one core: pin the process, one BLAS thread."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def worker(engine: str, shared: Path, limit: int, corpus: str) -> dict[str, float | str | int]:
    texts = load_corpus(shared, limit, corpus)
    words = sum(len(t.split()) for t in texts)
    if engine == "dask":
        elapsed, events, rss_mib = dask_run(texts, PUBLISHED[corpus])
    elif engine == "processes":
        elapsed, events, rss_mib = pool_run(texts, PUBLISHED[corpus])
    else:
        one_core()
        if engine.startswith("spacy"):
            import spacy

            from sitrep.nlp import DEFAULT_MODEL, load_nlp

            nlp = spacy.load(DEFAULT_MODEL) if engine == "spacy-stock" else load_nlp()
            list(nlp.pipe(texts[:8]))
            start = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=32):
                pass
            elapsed = time.perf_counter() - start
            events = 0
        else:
            from sitrep.models import Article
            from sitrep.pipeline import Pipeline

            pipeline = Pipeline()
            published = dt.date.fromisoformat(PUBLISHED[corpus])
            articles = [Article(text=t, published=published) for t in texts]
            list(pipeline.pipe(articles[:8]))
            start = time.perf_counter()
            events = sum(len(r.events) for r in pipeline.pipe(articles, batch_size=32))
            elapsed = time.perf_counter() - start
        rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"engine": engine, "corpus": corpus, "articles": len(texts), "words_per_article": words / len(texts), "seconds": elapsed,
            "articles_per_s": len(texts) / elapsed, "words_per_s": words / elapsed, "peak_rss_mib": rss_mib, "events": events}


def _jsonl(path: Path, texts: list[str], published: str) -> Path:
    path.write_text("".join(json.dumps({"text": t, "published": published}) + "\n" for t in texts))
    return path


def pool_run(texts: list[str], published: str, workers: int = 2) -> tuple[float, int, float]:
    """`sitrep batch --engine processes`: timed from the start, model loading in each process included."""
    import tempfile

    from sitrep.batch import read_output, run_batch

    tmp = Path(tempfile.mkdtemp(prefix="sitrep-bench-"))
    corpus = _jsonl(tmp / "corpus.jsonl", texts, published)
    start = time.perf_counter()
    run_batch(corpus, tmp / "out", engine="processes", workers=workers, chunk_size=32)
    elapsed = time.perf_counter() - start
    return elapsed, read_output(tmp / "out").num_rows, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def dask_run(texts: list[str], published: str, workers: int = 2) -> tuple[float, int, float]:
    """`sitrep batch --engine dask` on a LocalCluster of single-threaded worker processes."""
    import tempfile

    from dask.distributed import Client, LocalCluster

    from sitrep.batch import read_output, run_batch

    tmp = Path(tempfile.mkdtemp(prefix="sitrep-bench-"))
    corpus = _jsonl(tmp / "corpus.jsonl", texts, published)
    warm = _jsonl(tmp / "warm.jsonl", texts[:8], published)
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        run_batch(warm, tmp / "warm", engine="dask", scheduler=cluster.scheduler_address, chunk_size=1)  # load the model on each worker
        start = time.perf_counter()
        run_batch(corpus, tmp / "out", engine="dask", scheduler=cluster.scheduler_address, chunk_size=32)
        elapsed = time.perf_counter() - start
        worker_rss = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return elapsed, read_output(tmp / "out").num_rows, max(worker_rss.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--corpus", choices=["news", "reports", "both"], default="both")
    parser.add_argument("--engines", default=",".join(ENGINES), help=f"comma-separated, from {', '.join(ENGINES)}")
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--worker", choices=ENGINES)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.shared, args.articles, args.corpus)))
        return
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    for corpus in (["news", "reports"] if args.corpus == "both" else [args.corpus]):
        rows = []
        for engine in args.engines.split(","):
            proc = subprocess.run([sys.executable, __file__, "--worker", engine, "--articles", str(args.articles), "--corpus", corpus,
                                   "--shared", str(args.shared)], capture_output=True, text=True, check=True, env=env)
            rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(f"\ncorpus {corpus}: {rows[0]['articles']} documents, {rows[0]['words_per_article']:.0f} words each on average")
        print(f"{'engine':<36}{'articles/s':>11}{'words/s':>9}{'seconds':>9}{'peak RSS MiB':>14}{'events':>8}")
        for r in rows:
            print(f"{LABELS[r['engine']]:<36}{r['articles_per_s']:>11.1f}{r['words_per_s']:>9.0f}{r['seconds']:>9.1f}{r['peak_rss_mib']:>14.0f}{r['events']:>8}")
        by = {r["engine"]: r for r in rows}
        if "sitrep" in by:
            for ceiling in ("spacy-stock", "spacy"):
                if ceiling in by:
                    print(f"sitrep / {LABELS[ceiling]}: {by['sitrep']['articles_per_s'] / by[ceiling]['articles_per_s']:.0%}")
    print("single-process rows: one CPU core, one BLAS thread; Dask: peak RSS per worker")


if __name__ == "__main__":
    main()
