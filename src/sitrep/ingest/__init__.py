"""Ingest: bytes, files, stdin and URLs in; a clean English :class:`~sitrep.models.Article` out."""

from sitrep.ingest.reader import (
    MAX_INPUT_BYTES,
    article_from_bytes,
    article_from_html,
    article_from_text,
    read_path,
)
from sitrep.ingest.fetch import fetch_url

__all__ = [
    "MAX_INPUT_BYTES",
    "article_from_bytes",
    "article_from_html",
    "article_from_text",
    "fetch_url",
    "read_path",
]
