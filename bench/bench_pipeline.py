"""Throughput and peak memory of the full pipeline vs spaCy's own nlp.pipe (the ceiling).

Corpus: real news articles from ../shared/eval (LGL local news, GeoVirus WikiNews, TimeBank
and AQUAINT newswire), the first N in a fixed order. Each engine runs in its own process so
peak RSS is its own.

    .venv/bin/python bench/bench_pipeline.py [--articles 1000] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path


def load_corpus(shared: Path, limit: int) -> list[str]:
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
    return unique[:limit]


def worker(engine: str, shared: Path, limit: int) -> dict[str, float]:
    texts = load_corpus(shared, limit)
    words = sum(len(t.split()) for t in texts)
    if engine == "spacy":
        from sitrep.nlp import load_nlp

        nlp = load_nlp()
        nlp(texts[0])
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32):
            pass
        elapsed = time.perf_counter() - start
        events = 0
    elif engine == "dask":
        return dask_worker(texts, words)
    else:
        import datetime as dt

        from sitrep.models import Article
        from sitrep.pipeline import Pipeline

        pipeline = Pipeline()
        articles = [Article(text=t, published=dt.date(2009, 3, 20)) for t in texts]
        list(pipeline.pipe(articles[:2]))
        start = time.perf_counter()
        events = sum(len(r.events) for r in pipeline.pipe(articles, batch_size=32))
        elapsed = time.perf_counter() - start
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"engine": engine, "articles": len(texts), "words_per_article": words / len(texts), "seconds": elapsed,
            "articles_per_s": len(texts) / elapsed, "peak_rss_mib": rss_mib, "events": events}


def dask_worker(texts: list[str], words: int, workers: int = 2) -> dict[str, float]:
    """`sitrep batch --engine dask` on a LocalCluster of 2 single-threaded worker processes."""
    import tempfile

    from dask.distributed import Client, LocalCluster

    from sitrep.batch import read_output, run_batch

    tmp = Path(tempfile.mkdtemp(prefix="sitrep-bench-"))
    corpus = tmp / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"text": t, "published": "2009-03-20"}) + "\n" for t in texts))
    warm = tmp / "warm.jsonl"
    warm.write_text("".join(json.dumps({"text": t, "published": "2009-03-20"}) + "\n" for t in texts[:4]))
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        run_batch(warm, tmp / "warm", engine="dask", scheduler=cluster.scheduler_address, chunk_size=1)  # load the model on each worker
        start = time.perf_counter()
        run_batch(corpus, tmp / "out", engine="dask", scheduler=cluster.scheduler_address, chunk_size=32)
        elapsed = time.perf_counter() - start
        worker_rss = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    events = read_output(tmp / "out").num_rows
    return {"engine": f"dask x{workers}", "articles": len(texts), "words_per_article": words / len(texts), "seconds": elapsed,
            "articles_per_s": len(texts) / elapsed, "peak_rss_mib": max(worker_rss.values()), "events": events}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--worker", choices=["spacy", "sitrep", "dask"])
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.shared, args.articles)))
        return
    rows = []
    for engine in ("spacy", "sitrep", "dask"):
        proc = subprocess.run([sys.executable, __file__, "--worker", engine, "--articles", str(args.articles), "--shared", str(args.shared)],
                              capture_output=True, text=True, check=True)
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    print(f"corpus: {rows[0]['articles']} news articles, {rows[0]['words_per_article']:.0f} words each on average")
    print(f"{'engine':<28}{'articles/s':>12}{'seconds':>10}{'peak RSS MiB':>14}{'events':>9}")
    for r in rows:
        label = {"spacy": "spaCy nlp.pipe, 1 process", "sitrep": "sitrep, 1 process"}.get(r["engine"], f"sitrep, {r['engine']} workers")
        print(f"{label:<28}{r['articles_per_s']:>12.1f}{r['seconds']:>10.1f}{r['peak_rss_mib']:>14.0f}{r['events']:>9}")
    print(f"sitrep / spaCy speed (1 process): {rows[1]['articles_per_s'] / rows[0]['articles_per_s']:.0%}; peak RSS is per worker for Dask")


if __name__ == "__main__":
    main()
