import datetime as dt
import http.server
import threading

import pytest

from sitrep.errors import FetchError, InputError
from sitrep.ingest import article_from_bytes, fetch_url, read_path

ENGLISH = "Taliban fighters attacked the city of Kunduz on Monday, officials said. Fighting continued into the night."


def test_plain_text_keeps_title_and_sidecar_metadata():
    from tests.conftest import EXAMPLES

    article = read_path(EXAMPLES / "fort-nau.txt")
    assert article.title.startswith("Taliban storm an Afghan provincial capital")
    assert article.published == dt.date(2021, 7, 7)
    assert article.source == "Voice of America" and article.language == "en"
    assert len(article.content_hash) == 64


def test_same_text_same_hash_whatever_the_whitespace():
    a = article_from_bytes(ENGLISH.encode())
    b = article_from_bytes(("  " + ENGLISH.replace(" ", "  ") + "\n\n").encode())
    assert a.content_hash == b.content_hash


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        ("Les talibans ont attaqué la ville de Kunduz lundi, selon les autorités locales. Les combats ont duré toute la nuit.".encode(), "not English"),
        (b"ok", "no article text"),
    ],
)
def test_bad_input_is_a_clear_error(data, message):
    with pytest.raises(InputError, match=message):
        article_from_bytes(data, name="x")


def test_legacy_encodings_are_decoded():
    text = "Gunmen attacked a caf\u00e9 in Bamako on Monday, killing three people, according to the ministry."
    article = article_from_bytes(text.encode("cp1252"))
    assert "café" in article.text


def test_html_main_text_is_extracted():
    html = f"""<!doctype html><html><head><title>Attack in Kunduz</title></head><body>
    <nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>
    <article><h1>Attack in Kunduz</h1><p>{ENGLISH}</p><p>The governor said the situation was under control.</p></article>
    <footer>Copyright 2021</footer><script>alert(1)</script></body></html>"""
    article = article_from_bytes(html.encode(), name="page.html")
    assert "Kunduz" in article.text and "alert(1)" not in article.text and "Copyright" not in article.text


def test_malformed_html_still_yields_text_or_a_clear_error():
    broken = ("<html><body><p>" + ENGLISH + "<div><span><p>unclosed " * 50).encode()
    article = article_from_bytes(broken)
    assert "Kunduz" in article.text


def test_huge_input_is_refused_before_parsing(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (21 * 1024 * 1024))
    with pytest.raises(InputError, match="larger than"):
        read_path(big)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a folder"):
        read_path(tmp_path)


def test_a_feed_given_as_one_article_points_to_ingest(tmp_path):
    for text in ('<?xml version="1.0"?><rss version="2.0"><channel><item><title>x', "<feed xmlns='http://www.w3.org/2005/Atom'><entry>"):
        feed = tmp_path / "feed.xml"
        feed.write_text(text)
        with pytest.raises(InputError, match="is a news feed.*sitrep ingest"):
            read_path(feed)


@pytest.fixture()
def local_server():
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            if self.path == "/report":
                body = f"<html><body><article><p>{ENGLISH}</p></article></body></html>".encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(body)
            else:
                self.send_response(404)
                self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_fetch_url_from_a_loopback_server(local_server):
    article = fetch_url(f"{local_server}/report", allow_private=True)
    assert "Kunduz" in article.text and article.url.endswith("/report")


def test_private_addresses_are_refused_by_default(local_server):
    with pytest.raises(FetchError, match="private"):
        fetch_url(f"{local_server}/report")


def test_http_errors_and_unreachable_hosts(local_server):
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_url(f"{local_server}/missing", allow_private=True)
    with pytest.raises(FetchError, match="unreachable"):
        fetch_url("http://127.0.0.1:9/", allow_private=True, timeout=3)
    with pytest.raises(FetchError, match="only http"):
        fetch_url("ftp://example.org/file")
