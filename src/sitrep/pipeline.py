"""The pipeline: ingest -> spaCy -> events (with places, dates, actors) -> Extraction.

Heavy resources (the spaCy pipeline, the gazetteer, the actor dictionary) load once per
``Pipeline`` and are shared by every article it processes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from functools import cached_property
from pathlib import Path

from sitrep.actors import ActorDictionary, default_dictionary
from sitrep.events import EventExtractor
from sitrep.geo import Gazetteer, PlaceResolver
from sitrep.ingest import article_from_text
from sitrep.models import Article, Extraction
from sitrep.nlp import DEFAULT_MODEL, load_nlp
from sitrep.time import resolve_date

MAX_PARSE_CHARS = 200_000


class Pipeline:
    """Reusable extractor. ``Pipeline()(article)`` or ``Pipeline().pipe(articles)``."""

    def __init__(self, *, model: str = DEFAULT_MODEL, gazetteer: Path | None = None, actor_files: Iterable[Path] = ()):
        self.model = model
        self.gazetteer_path = gazetteer
        self.actor_files = tuple(Path(p) for p in actor_files)

    @cached_property
    def nlp(self):  # type: ignore[no-untyped-def]
        return load_nlp(self.model)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return Gazetteer(self.gazetteer_path)

    @cached_property
    def actors(self) -> ActorDictionary:
        return default_dictionary(self.actor_files)

    @cached_property
    def extractor(self) -> EventExtractor:
        return EventExtractor(self.actors, PlaceResolver(self.gazetteer))

    @staticmethod
    def anchor_date(article: Article) -> tuple[dt.date, list[str]]:
        """The date relative expressions count from: publication, else the first full date in the text."""
        if article.published:
            return article.published, []
        for m in re.finditer(r"\b(\d{1,2}\s+\w+\.?\s+(?:19|20)\d\d|\w+\.?\s+\d{1,2},?\s+(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)\b", article.text[:5000]):
            rd = resolve_date(m[0], dt.date.today())
            if rd is not None:
                return rd.date, [f"no publication date; relative dates counted from {rd.date} (first date in the text)"]
        today = dt.date.today()
        return today, [f"no publication date; relative dates counted from today ({today})"]

    def _run(self, article: Article, doc) -> Extraction:  # type: ignore[no-untyped-def]
        anchor, warnings = self.anchor_date(article)
        if len(article.text) > MAX_PARSE_CHARS:
            warnings.append(f"text truncated to the first {MAX_PARSE_CHARS:,} characters for parsing")
        events, background = self.extractor.extract(doc, article, anchor)
        return Extraction(article=article, events=events, background=background, warnings=warnings)

    def __call__(self, article: Article) -> Extraction:
        return self._run(article, self.nlp(article.text[:MAX_PARSE_CHARS]))

    def pipe(self, articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[Extraction]:
        """Batch through ``nlp.pipe``: much faster than one call per article."""
        items = list(articles) if not isinstance(articles, list) else articles
        docs = self.nlp.pipe((a.text[:MAX_PARSE_CHARS] for a in items), batch_size=batch_size)
        for article, doc in zip(items, docs):
            yield self._run(article, doc)

    def extract_text(self, text: str, *, published: dt.date | None = None, **meta: object) -> Extraction:
        return self(article_from_text(text, published=published, **meta))
