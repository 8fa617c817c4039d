"""Many inputs in, one item per article out: files, folders, zip/tar archives, URLs, RSS/Atom feeds, JSONL.

Every input yields :class:`Item` records; a bad one carries its error and the walk goes on,
so one broken file or unreachable URL never stops a batch.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import tarfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sitrep.errors import InputError, SitrepError
from sitrep.ingest.fetch import fetch_bytes
from sitrep.ingest.reader import (
    MAX_INPUT_BYTES, article_from_bytes, article_from_html, article_from_text, is_feed, read_file, too_large,
)
from sitrep.models import Article

TEXT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml", ".md"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")
MAX_ARCHIVE_MEMBERS = 100_000
# Entry bodies at least this long are taken from the feed itself instead of fetching the page.
FULL_ENTRY_CHARS = 600


@dataclass
class Item:
    """One article, or why it could not be read."""

    target: str
    article: Article | None = None
    error: str | None = None
    skipped: bool = False  # already stored (known URL): not fetched again


def _archive_kind(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(".zip"):
        return "zip"
    if lower.endswith(ARCHIVE_SUFFIXES):
        return "tar"
    return None


def _safe(target: str, make: Callable[[], Article]) -> Item:
    try:
        return Item(target, article=make())
    except SitrepError as exc:
        return Item(target, error=str(exc))
    except Exception as exc:  # a parser bug on hostile input must not stop the batch
        return Item(target, error=f"{target}: unexpected {exc.__class__.__name__}: {exc}")


def _entry_date(entry) -> dt.date | None:  # type: ignore[no-untyped-def]
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def feed_items(
    data: bytes,
    *,
    name: str,
    allow_private: bool = False,
    timeout: float = 20.0,
    known_url: Callable[[str], bool] | None = None,
) -> Iterator[Item]:
    """Each entry of an RSS/Atom feed: its own full text if it carries one, else the linked page."""
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        reason = parsed.get("bozo_exception")
        yield Item(name, error=f"{name}: not a readable RSS/Atom feed{f' ({reason})' if reason else ''} or it has no entries")
        return
    source = (parsed.get("feed") or {}).get("title")
    for n, entry in enumerate(entries):
        link = entry.get("link")
        target = link or f"{name}#entry{n}"
        if link and known_url and known_url(link):
            yield Item(target, skipped=True)
            continue
        published = _entry_date(entry)
        title = entry.get("title")
        body = ""
        for content in entry.get("content") or []:
            body = max(body, content.get("value") or "", key=len)
        body = body or entry.get("summary") or ""
        meta = {"source": source} if source else {}
        if len(body) >= FULL_ENTRY_CHARS or not link:
            html = f"<html><head><title>{title or ''}</title></head><body><article><h1>{title or ''}</h1>{body}</article></body></html>"
            yield _safe(target, lambda: article_from_html(html, name=target, url=link, published=published, **meta))
        else:
            yield _safe(target, lambda: _fetch_article(link, published, allow_private, timeout, meta))


def _fetch_article(url: str, published: dt.date | None, allow_private: bool, timeout: float, meta: dict) -> Article:
    data, final_url = fetch_bytes(url, timeout=timeout, allow_private=allow_private)
    return article_from_bytes(data, name=url, url=final_url, published=published, **meta)


def jsonl_items(lines: Iterable[bytes | str], *, name: str) -> Iterator[Item]:
    """One JSON object per line with at least ``text`` (and optionally title, published, url, source)."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        target = f"{name}:{n}"
        yield _safe(target, lambda: record_to_article(json.loads(line), name=target))


def record_to_article(record: dict, *, name: str) -> Article:
    """A corpus record (JSONL line, Parquet row) to an Article; ``html`` is cleaned, ``text`` kept."""
    if not isinstance(record, dict):
        raise InputError(f"{name}: not a JSON object")
    published = record.get("published")
    if isinstance(published, str) and published:
        try:
            published = dt.date.fromisoformat(published[:10])
        except ValueError as exc:
            raise InputError(f"{name}: bad published date {published!r}") from exc
    elif isinstance(published, dt.datetime):
        published = published.date()
    elif not isinstance(published, dt.date):
        published = None
    meta = {k: str(record[k]) for k in ("title", "url", "source", "source_scale") if record.get(k)}
    if record.get("html"):
        title = meta.pop("title", None)
        article = article_from_html(str(record["html"]), name=name, url=meta.pop("url", None), published=published, **meta)
        return article.model_copy(update={"title": article.title or title})
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f"{name}: no 'text' (or 'html') field")
    return article_from_text(text, name=name, published=published, **meta)


def _archive_items(path: Path, data_reader: Callable[[], Iterator[tuple[str, bytes | None, str | None]]]) -> Iterator[Item]:
    for member, data, error in data_reader():
        target = f"{path}!{member}" if member else str(path)
        if error:
            yield Item(target, error=f"{target}: {error}")
        elif data is not None:
            yield from bytes_items(data, name=target, path=target)


def _zip_members(path: Path) -> Iterator[tuple[str, bytes | None, str | None]]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        yield "", None, f"not a readable zip archive ({exc})"
        return
    with archive:
        for info in archive.infolist()[:MAX_ARCHIVE_MEMBERS]:
            if info.is_dir() or not _wanted(info.filename):
                continue
            if info.file_size > MAX_INPUT_BYTES:
                yield info.filename, None, too_large(info.file_size)
                continue
            try:
                yield info.filename, archive.read(info), None
            except (zipfile.BadZipFile, OSError, RuntimeError, ValueError) as exc:
                yield info.filename, None, f"cannot extract ({exc})"


def _tar_members(path: Path) -> Iterator[tuple[str, bytes | None, str | None]]:
    try:
        archive = tarfile.open(path)
    except (tarfile.TarError, OSError) as exc:
        yield "", None, f"not a readable tar archive ({exc})"
        return
    with archive:
        try:
            for n, info in enumerate(archive):
                if n >= MAX_ARCHIVE_MEMBERS:
                    break
                if not info.isfile() or not _wanted(info.name):
                    continue
                if info.size > MAX_INPUT_BYTES:
                    yield info.name, None, too_large(info.size)
                    continue
                handle = archive.extractfile(info)
                yield info.name, handle.read() if handle else b"", None
        except (tarfile.TarError, OSError, EOFError) as exc:
            yield "", None, f"archive is truncated or corrupt ({exc})"


def _wanted(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    if base.startswith(".") or base.endswith(".meta.json"):
        return False
    suffix = "." + base.rsplit(".", 1)[-1].lower() if "." in base else ""
    return suffix in TEXT_SUFFIXES | FEED_SUFFIXES | {".jsonl", ""}


def bytes_items(data: bytes, *, name: str, path: str | None = None, published: dt.date | None = None,
                allow_private: bool = False, known_url: Callable[[str], bool] | None = None, **meta: object) -> Iterator[Item]:
    """Raw bytes: a feed, a JSONL corpus, or one article."""
    if name.lower().endswith(".jsonl"):
        yield from jsonl_items(io.BytesIO(data), name=name)
    elif is_feed(data):
        yield from feed_items(data, name=name, allow_private=allow_private, known_url=known_url)
    else:
        extra = dict(meta)
        if path:
            extra["path"] = path
        yield _safe(name, lambda: article_from_bytes(data, name=name, published=published, **extra))  # type: ignore[arg-type]


def path_items(path: Path, *, published: dt.date | None = None, allow_private: bool = False,
               known_url: Callable[[str], bool] | None = None) -> Iterator[Item]:
    """A file, a folder (recursively, in name order), an archive, a feed file or a JSONL corpus."""
    name = str(path)
    if not path.exists():
        yield Item(name, error=f"{name}: no such file or folder")
    elif path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file() and (_wanted(p.name) or _archive_kind(p.name) or p.suffix == ".parquet")):
            yield from path_items(child, published=published, allow_private=allow_private, known_url=known_url)
    elif kind := _archive_kind(name):
        yield from _archive_items(path, lambda: (_zip_members if kind == "zip" else _tar_members)(path))
    elif path.suffix.lower() == ".parquet":
        yield from parquet_items(path)
    elif path.suffix.lower() == ".jsonl":
        try:
            with path.open("rb") as fh:
                yield from jsonl_items(fh, name=name)
        except OSError as exc:
            yield Item(name, error=f"{name}: cannot read ({exc.strerror})")
    else:
        try:
            data, meta = read_file(path)
        except InputError as exc:
            yield Item(name, error=str(exc))
            return
        if published is not None:
            meta["published"] = published
        yield from bytes_items(data, name=name, path=name, allow_private=allow_private, known_url=known_url, **meta)


def parquet_items(path: Path) -> Iterator[Item]:
    """Rows of a Parquet corpus (columns as in JSONL), read in batches."""
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises its own error types on broken files
        yield Item(str(path), error=f"{path}: not a readable Parquet file ({exc})")
        return
    n = 0
    for batch in table.iter_batches(batch_size=1024):
        for record in batch.to_pylist():
            n += 1
            target = f"{path}:{n}"
            yield _safe(target, lambda: record_to_article(record, name=target))


def url_items(url: str, *, published: dt.date | None = None, allow_private: bool = False, timeout: float = 20.0,
              known_url: Callable[[str], bool] | None = None) -> Iterator[Item]:
    """A news page or a feed, told apart by content."""
    if known_url and known_url(url):
        yield Item(url, skipped=True)
        return
    try:
        data, final_url = fetch_bytes(url, timeout=timeout, allow_private=allow_private)
    except SitrepError as exc:
        yield Item(url, error=str(exc))
        return
    if is_feed(data):
        yield from feed_items(data, name=url, allow_private=allow_private, timeout=timeout, known_url=known_url)
    else:
        yield _safe(url, lambda: article_from_bytes(data, name=url, url=final_url, published=published))


def iter_items(targets: Iterable[str], *, published: dt.date | None = None, allow_private: bool = False,
               timeout: float = 20.0, known_url: Callable[[str], bool] | None = None) -> Iterator[Item]:
    """Everything ``sitrep ingest`` accepts: paths, URLs (pages or feeds)."""
    for target in targets:
        if target.startswith(("http://", "https://")):
            yield from url_items(target, published=published, allow_private=allow_private, timeout=timeout, known_url=known_url)
        else:
            yield from path_items(Path(target), published=published, allow_private=allow_private, known_url=known_url)
