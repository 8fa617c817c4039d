"""sitrep: news reports about armed conflict in, trustworthy ACLED-layout event data out.

>>> import sitrep
>>> result = sitrep.extract(open("examples/fort-nau.txt").read(), published="2021-07-07")
>>> result.events[0].event_type
'Battles'
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from sitrep.errors import DataError, FetchError, InputError, SitrepError
from sitrep.models import Actor, Article, Event, Extraction, Place, ResolvedDate, Span
from sitrep.pipeline import Pipeline

__version__ = "0.1.0"


@lru_cache(maxsize=1)
def load() -> Pipeline:
    """The default pipeline, created once per process."""
    return Pipeline()


def extract(text: str | Article, *, published: str | dt.date | None = None) -> Extraction:
    """Extract events from one report (plain text or an :class:`Article`)."""
    from sitrep.ingest import article_from_text

    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    article = text if isinstance(text, Article) else article_from_text(text, published=published)
    if published and not article.published:
        article = article.model_copy(update={"published": published})
    return load()(article)


__all__ = [
    "Actor", "Article", "DataError", "Event", "Extraction", "FetchError", "InputError", "Pipeline",
    "Place", "ResolvedDate", "SitrepError", "Span", "extract", "load",
]
