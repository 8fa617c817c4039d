"""Ingest: bytes, files, folders, archives, feeds, corpora and URLs in; a clean English :class:`~sitrep.models.Article` out."""

from sitrep.ingest.reader import (
    MAX_INPUT_BYTES,
    article_from_bytes,
    article_from_html,
    article_from_text,
    read_path,
)
from sitrep.ingest.fetch import fetch_url
from sitrep.ingest.sources import Item, iter_items, record_to_article

__all__ = [
    "Item",
    "MAX_INPUT_BYTES",
    "article_from_bytes",
    "article_from_html",
    "article_from_text",
    "fetch_url",
    "iter_items",
    "read_path",
    "record_to_article",
]
