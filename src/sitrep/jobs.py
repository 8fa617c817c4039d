"""Jobs that join the stages: ingest inputs -> extract -> store, once or on a schedule.

The stages stay independent; this module is where they meet, so the CLI and the API share it.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.control import ControlChange
from sitrep.errors import InputError
from sitrep.ingest import Item, iter_items
from sitrep.ingest.reader import content_hash
from sitrep.models import Article, Extraction
from sitrep.pipeline import Pipeline
from sitrep.store import Store

BATCH_SIZE = 16


@dataclass
class IngestSummary:
    """What one ingest run did; failures keep their reasons."""

    added: int = 0
    duplicates: int = 0
    skipped_urls: int = 0
    new_events: int = 0
    merged_events: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def __iadd__(self, other: IngestSummary) -> IngestSummary:
        for name in ("added", "duplicates", "skipped_urls", "new_events", "merged_events"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.failures.extend(other.failures)
        return self


def extract_batch(pipeline: Pipeline, batch: list[tuple[str, Article]], *, batch_size: int = BATCH_SIZE) -> Iterator[tuple[str, Extraction | None, str | None]]:
    """(target, extraction, error) per article, through ``nlp.pipe``; one broken article fails alone."""
    try:
        results = list(pipeline.pipe([a for _, a in batch], batch_size=batch_size))
    except Exception:  # one article broke the batch: redo one by one to find it
        for target, article in batch:
            try:
                yield target, pipeline(article), None
            except Exception as exc:
                yield target, None, f"{target}: extraction failed ({exc.__class__.__name__}: {exc})"
        return
    for (target, _), result in zip(batch, results):
        yield target, result, None


def ingest(
    targets: Iterable[str],
    store: Store,
    pipeline: Pipeline,
    *,
    allow_private: bool = False,
    published: dt.date | None = None,
    on_item: Callable[[str], None] | None = None,
) -> IngestSummary:
    """Read every target, extract what is new, store it; bad items are recorded, never fatal."""
    summary = IngestSummary()
    known_url = lambda url: store.has_article(url=url)  # noqa: E731
    items = iter_items(targets, published=published, allow_private=allow_private, known_url=known_url)
    batch: list[tuple[str, Article]] = []
    seen: set[str] = set()

    def flush() -> None:
        for target, result, error in extract_batch(pipeline, batch):
            if result is None:
                _fail(store, summary, target, error or "extraction failed")
                continue
            added = store.add(result)
            if added.created:
                summary.added += 1
                summary.new_events += len(added.new_events)
                summary.merged_events += len(added.merged_events)
            else:
                summary.duplicates += 1
        batch.clear()

    for item in items:
        if on_item:
            on_item(item.target)
        if item.skipped:
            summary.skipped_urls += 1
        elif item.article is None:
            _fail(store, summary, item.target, item.error or "unreadable")
        else:
            digest = item.article.content_hash or content_hash(item.article.text)
            if digest in seen or store.has_article(content_hash=digest):
                summary.duplicates += 1
                continue
            seen.add(digest)
            batch.append((item.target, item.article))
            if len(batch) >= BATCH_SIZE:
                flush()
    if batch:
        flush()
    return summary


def _fail(store: Store, summary: IngestSummary, target: str, error: str) -> None:
    summary.failures.append((target, error))
    store.record_failure(target, error)


def control_from_store(store: Store, as_of: dt.date | None = None) -> list[ControlChange]:
    """Who held each unit on ``as_of`` (default: now), from the stored territory events."""
    from sitrep.control import TERRITORY_SUB_TYPES, control_as_of
    from sitrep.store import EventQuery

    rows = [row for sub in TERRITORY_SUB_TYPES
            for row in store.events(EventQuery(sub_event_type=sub, end=as_of, limit=1_000_000))]
    return control_as_of(rows, as_of)


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")


def parse_duration(text: str) -> float:
    """'90s', '15m', '2h', '1d' (or plain seconds) to seconds."""
    m = _DURATION.match(text)
    if not m:
        raise InputError(f"{text!r} is not a duration; use e.g. 30s, 15m, 2h")
    return float(m[1]) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m[2]]


def read_targets(path: Path) -> list[str]:
    """A feeds file: one URL or path per line; blank lines and # comments ignored."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    targets = [line.split("#", 1)[0].strip() for line in lines]
    return [t for t in targets if t]


def watch(
    feeds_file: Path,
    store: Store,
    pipeline: Pipeline,
    *,
    every: float,
    rounds: int | None = None,
    allow_private: bool = False,
    on_round: Callable[[int, IngestSummary], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> IngestSummary:
    """Poll the feeds file's targets every ``every`` seconds (re-read each round); ``rounds`` bounds it."""
    total = IngestSummary()
    n = 0
    while rounds is None or n < rounds:
        n += 1
        started = time.monotonic()
        summary = ingest(read_targets(feeds_file), store, pipeline, allow_private=allow_private)
        total += summary
        if on_round:
            on_round(n, summary)
        if rounds is not None and n >= rounds:
            break
        sleep(max(0.0, every - (time.monotonic() - started)))
    return total


__all__ = ["IngestSummary", "Item", "control_from_store", "extract_batch", "ingest", "parse_duration", "read_targets", "watch"]
