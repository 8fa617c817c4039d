"""Fuzzing the feed, JSONL, archive and gold-CSV readers: every input gives items or a clear error, never a crash."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.errors import SitrepError
from sitrep.ingest.sources import bytes_items, feed_items, jsonl_items, path_items

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
XML_BITS = st.lists(st.sampled_from([
    "<rss>", "</rss>", "<channel>", "</channel>", "<item>", "</item>", "<title>", "</title>", "<link>", "</link>",
    "<feed xmlns='http://www.w3.org/2005/Atom'>", "</feed>", "<entry>", "<content type='html'>", "&amp;", "&bogus;",
    "<![CDATA[", "]]>", "Taliban fighters attacked Kunduz on Monday, police said.", "\x00", "é", "<description>",
]), max_size=40).map("".join)


def _check(items, name):
    for item in items:
        assert (item.article is None) != (item.error is None) or item.skipped
        if item.error:
            assert item.error.startswith(name) or item.error.startswith("http") or "#entry" in item.error or "fuzz" in item.error


@FUZZ
@given(XML_BITS)
def test_feed_reader_never_crashes(text):
    _check(list(feed_items(text.encode("utf-8", "replace"), name="fuzz.xml")), "fuzz")


@FUZZ
@given(st.lists(st.one_of(
    st.binary(max_size=200),
    st.dictionaries(st.sampled_from(["text", "html", "title", "published", "url"]),
                    st.one_of(st.text(max_size=300), st.integers(), st.none()), max_size=5).map(lambda d: json.dumps(d).encode()),
), max_size=8))
def test_jsonl_reader_never_crashes(lines):
    _check(list(jsonl_items(lines, name="fuzz.jsonl")), "fuzz")


@FUZZ
@given(st.binary(max_size=3000))
def test_archives_and_raw_bytes_never_crash(tmp_path, data):
    for suffix in (".zip", ".tar.gz", ".rss", ".txt"):
        path = tmp_path / f"fuzz{suffix}"
        path.write_bytes(data)
        _check(list(path_items(path)), str(tmp_path))
    _check(list(bytes_items(data, name="fuzz")), "fuzz")


@FUZZ
@given(st.text(max_size=500))
def test_gold_csv_reader_gives_a_data_error_or_rows(tmp_path, text):
    from sitrep.evaluate import read_gold

    path = tmp_path / "gold.csv"
    path.write_text(text, encoding="utf-8", errors="replace")
    try:
        rows = read_gold(path)
    except SitrepError as exc:
        assert str(path) in str(exc)
    else:
        assert rows and "event_date" in rows[0]


def test_a_50_megabyte_file_is_refused_for_that_item_only(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.write(b"Taliban fighters attacked Kunduz on Monday, police said. " * (50_000_000 // 56))
    (tmp_path / "ok.txt").write_text("Taliban fighters attacked a police post in Kunduz on Monday, killing three officers, police said.")
    items = list(path_items(tmp_path))
    by_name = {i.target.rsplit("/", 1)[-1]: i for i in items}
    assert "limit" in by_name["big.txt"].error and by_name["ok.txt"].article is not None
