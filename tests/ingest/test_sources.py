"""Folders, archives, feeds, corpora and URLs: one item per article, bad ones with a reason."""

from __future__ import annotations

import io
import json
import tarfile
import zipfile

from sitrep.ingest import iter_items
from sitrep.jobs import ingest, parse_duration, watch
from tests.conftest import EXAMPLES

SEED = (EXAMPLES / "fort-nau.txt").read_text()
PAGE = "<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
SHORT = ("Taliban fighters attacked a police checkpoint in Qala-i-Naw, the capital of Badghis province, on Wednesday, "
         "killing 12 police officers, officials said. The fighting lasted for hours and residents fled the area.")


def rss(base: str, links: list[str], full: str | None = None) -> str:
    items = "".join(
        f"<item><title>Report {i}</title><link>{base}{link}</link><pubDate>Thu, 08 Jul 2021 10:00:00 GMT</pubDate>"
        + (f"<description><![CDATA[<p>{full}</p>]]></description>" if full else "") + "</item>"
        for i, link in enumerate(links))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>{items}</channel></rss>'


def test_folder_zip_and_tar_yield_every_article_and_every_failure(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(SEED)
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "nested").mkdir()
    (tmp_path / "in" / "nested" / "b.html").write_text(PAGE.format(title="Clash", body=SHORT))
    with zipfile.ZipFile(tmp_path / "in" / "pack.zip", "w") as z:
        z.writestr("one.txt", SEED + "\nzip copy")
        z.writestr("bin.txt", bytes(range(256)) * 20)
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as t:
        data = (SEED + "\ntar copy").encode()
        info = tarfile.TarInfo("two.txt")
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
    (tmp_path / "pack.tar.gz").write_bytes(buf.getvalue())
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    items = list(iter_items([str(tmp_path / "in"), str(tmp_path / "pack.tar.gz"), str(tmp_path / "broken.zip")]))
    ok = sorted(i.target.rsplit("/", 1)[-1] for i in items if i.article)
    bad = {i.target.rsplit("/", 1)[-1]: i.error for i in items if i.error}
    assert ok == ["a.txt", "b.html", "pack.tar.gz!two.txt", "pack.zip!one.txt"]
    assert set(bad) == {"empty.txt", "pack.zip!bin.txt", "broken.zip"}
    assert "empty" in bad["empty.txt"] and "zip" in bad["broken.zip"]


def test_jsonl_corpus_rows_are_articles_and_bad_rows_are_reported(tmp_path):
    rows = [{"text": SEED, "published": "2021-07-07", "url": "https://example.org/1", "source": "VOA"},
            {"title": "no text"}, "not json", {"html": PAGE.format(title="Clash", body=SHORT), "published": "2021-07-08"}]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows))
    items = list(iter_items([str(path)]))
    assert [bool(i.article) for i in items] == [True, False, False, True]
    assert items[0].article.source == "VOA" and str(items[0].article.published) == "2021-07-07"
    assert "no 'text'" in items[1].error and "corpus.jsonl:3" in items[2].error


def test_feed_entries_are_fetched_and_known_urls_are_not_fetched_again(serve_files, tmp_path, pipeline):
    from sitrep.store import Store

    base = serve_files.base
    serve_files("/a", PAGE.format(title="Assault on Qala-i-Naw", body=SEED.replace("\n", "</p><p>")))
    serve_files("/b", PAGE.format(title="Checkpoint attack", body=SHORT))
    feed = serve_files("/feed.xml", rss(base, ["/a", "/b", "/gone"]), "application/rss+xml")
    store = Store(tmp_path / "s.db")
    refused = ingest([feed], store, pipeline)  # loopback needs --allow-private
    assert refused.added == 0 and "private" in refused.failures[0][1]
    first = ingest([feed], store, pipeline, allow_private=True)
    assert first.added == 2 and first.new_events >= 2
    assert [t for t, _ in first.failures] == [f"{base}/gone"] and "404" in first.failures[0][1]
    again = ingest([feed], store, pipeline, allow_private=True)
    assert again.added == 0 and again.skipped_urls == 2 and store.stats()["articles"] == 2
    assert {a["source"] for a in store.articles()} == {"Test Wire"}
    assert {str(a["published"]) for a in store.articles()} == {"2021-07-08"}


def test_full_text_feeds_need_no_fetch_and_malformed_feeds_are_an_error(serve_files, tmp_path):
    (tmp_path / "full.rss").write_text(rss("https://example.invalid", ["/x"], full=SHORT * 4))
    (tmp_path / "broken.rss").write_text("<rss><channel><title>x</title><item><title>oops</item>")
    items = list(iter_items([str(tmp_path / "full.rss"), str(tmp_path / "broken.rss")]))
    assert items[0].article is not None and items[0].article.url == "https://example.invalid/x"
    assert items[1].error and "feed" in items[1].error


def test_unreachable_urls_are_recorded_not_raised():
    items = list(iter_items(["http://127.0.0.1:9/nothing", "http://no-such-host.invalid/x"], allow_private=True))
    assert all(i.error for i in items)


def test_watch_polls_the_feeds_file_each_round(serve_files, tmp_path, pipeline):
    from sitrep.store import Store

    serve_files("/b", PAGE.format(title="Checkpoint attack", body=SHORT))
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# wire feeds\n{serve_files('/feed.xml', rss(serve_files.base, ['/b']), 'application/rss+xml')}\n")
    slept: list[float] = []
    rounds: list[int] = []
    total = watch(feeds, Store(tmp_path / "w.db"), pipeline, every=900, rounds=3, allow_private=True,
                  on_round=lambda n, s: rounds.append(s.added), sleep=slept.append)
    assert rounds == [1, 0, 0] and total.skipped_urls == 2 and len(slept) == 2 and all(s > 800 for s in slept)
    assert parse_duration("15m") == 900 and parse_duration("2h") == 7200 and parse_duration("30") == 30
