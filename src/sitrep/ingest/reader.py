"""Decode, sniff and clean one input into an Article.

Bad input raises :class:`InputError` with a sentence a user can act on; nothing here
prints or exits, so a batch can record the error and go on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

from charset_normalizer import from_bytes

from sitrep.errors import InputError
from sitrep.models import Article

MAX_INPUT_BYTES = 20 * 1024 * 1024
MIN_TEXT_CHARS = 20
_HTML_SNIFF = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.I)
_HTML_TAGS = re.compile(r"<(p|div|article|span|br|h[1-6])\b", re.I)


def content_hash(text: str) -> str:
    """Stable identity of an article's text, so re-ingesting it is idempotent."""
    normalized = " ".join(text.split()).lower()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def decode_bytes(data: bytes, *, name: str = "input") -> str:
    """Bytes to str: UTF-8 first, then charset detection; binary is refused."""
    if not data.strip():
        raise InputError(f"{name}: empty input")
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            f"{name}: {too_large(len(data))} for one article"
        )
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not text or HTML")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError(f"{name}: not valid text in any encoding sitrep can detect")
    text = data.decode(best.encoding, errors="replace")
    if text.count("\ufffd") > max(10, len(text) // 100):
        raise InputError(f"{name}: too many undecodable bytes ({best.encoding}); is it binary?")
    return text


def _check_text(text: str, name: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) < MIN_TEXT_CHARS:
        raise InputError(f"{name}: no article text found ({len(text)} characters)")
    printable = sum(ch.isprintable() or ch.isspace() for ch in text[:10_000])
    if printable < 0.95 * min(len(text), 10_000):
        raise InputError(f"{name}: looks like a binary file, not text")
    return text


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (py3langid, offline)."""
    import py3langid

    lang, _score = py3langid.classify(text[:3000])
    return lang


def _require_english(text: str, name: str) -> str:
    lang = detect_language(text)
    if lang != "en":
        raise InputError(
            f"{name}: the text is not English (detected '{lang}'); sitrep's extraction pipeline is English-only"
        )
    return lang


def article_from_text(
    text: str,
    *,
    name: str = "input",
    published: dt.date | None = None,
    **meta: object,
) -> Article:
    """A plain-text report. The first line is taken as the title if it looks like a headline."""
    text = _check_text(text, name)
    language = _require_english(text, name)
    first, _, rest = text.partition("\n")
    title = first.strip() if rest.strip() and len(first) < 200 and not first.rstrip().endswith(".") else None
    title = str(meta.pop("title", None) or "") or title
    return Article(
        text=text,
        title=title,
        published=published,
        language=language,
        content_hash=content_hash(text),
        **meta,  # type: ignore[arg-type]
    )


def article_from_html(
    html: str,
    *,
    name: str = "input",
    url: str | None = None,
    published: dt.date | None = None,
    **meta: object,
) -> Article:
    """Main text, title and date of a news page, via trafilatura."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura raises assorted parser errors on broken markup
        raise InputError(f"{name}: could not parse HTML ({exc.__class__.__name__})") from exc
    if doc is None:
        raise InputError(f"{name}: no article text found in the HTML")
    as_dict = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = as_dict.get("text") or ""
    title = as_dict.get("title")
    text = _check_text(f"{title}\n\n{body}" if title else body, name)
    language = _require_english(text, name)
    if published is None and as_dict.get("date"):
        try:
            published = dt.date.fromisoformat(str(as_dict["date"])[:10])
        except ValueError:
            published = None
    return Article(
        text=text,
        title=title,
        published=published,
        url=url,
        source=meta.pop("source", None) or as_dict.get("sitename"),  # type: ignore[arg-type]
        language=language,
        content_hash=content_hash(text),
        **meta,  # type: ignore[arg-type]
    )


def looks_like_html(text: str) -> bool:
    head = text[:4000].encode("utf-8", "ignore")
    return bool(_HTML_SNIFF.match(head)) or len(_HTML_TAGS.findall(text[:20_000])) >= 3


def article_from_bytes(
    data: bytes,
    *,
    name: str = "input",
    url: str | None = None,
    published: dt.date | None = None,
    **meta: object,
) -> Article:
    """Sniff text vs HTML and build an Article."""
    text = decode_bytes(data, name=name)
    if looks_like_html(text):
        return article_from_html(text, name=name, url=url, published=published, **meta)
    return article_from_text(text, name=name, published=published, url=url, **meta)


def sidecar_meta(path: Path) -> dict[str, object]:
    """`report.meta.json` beside `report.txt` carries title, published, source."""
    sidecar = path.with_name(path.name.split(".")[0] + ".meta.json")
    if not sidecar.exists():
        return {}
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{sidecar}: unreadable metadata ({exc})") from exc
    out: dict[str, object] = {}
    if meta.get("published"):
        out["published"] = dt.date.fromisoformat(str(meta["published"])[:10])
    for key in ("source", "source_scale", "url"):
        if meta.get(key):
            out[key] = str(meta[key])
    return out


def too_large(size: int) -> str:
    """The one wording of the size limit, for files, archive members and fetched bodies."""
    return f"{size / 1e6:.1f} MB is larger than the {MAX_INPUT_BYTES // 2**20} MiB limit"


_FEED_SNIFF = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)


def is_feed(data: bytes) -> bool:
    """An RSS/Atom/RDF feed: many articles, not one."""
    return bool(_FEED_SNIFF.search(data[:4096]))


def read_file(path: Path) -> tuple[bytes, dict[str, object]]:
    """A file's bytes (within the size limit) and its `.meta.json` sidecar metadata."""
    name = str(path)
    if not path.exists():
        raise InputError(f"{name}: no such file")
    if path.is_dir():
        raise InputError(f"{name}: is a folder; give a file (folders are for `sitrep ingest`)")
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(f"{name}: {too_large(size)}")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from exc
    return data, sidecar_meta(path)


def read_path(path: str | Path, *, published: dt.date | None = None) -> Article:
    """A text or HTML file on disk, with its `.meta.json` sidecar if there is one."""
    path = Path(path)
    data, meta = read_file(path)
    if is_feed(data):
        raise InputError(f"{path}: is a news feed; give an article (feeds are for `sitrep ingest`)")
    if published is not None:
        meta["published"] = published
    return article_from_bytes(data, name=str(path), path=str(path), **meta)  # type: ignore[arg-type]
