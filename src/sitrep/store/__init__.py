"""Store events: SQLite file by default, PostgreSQL by URL, same code (SQLAlchemy 2 core).

Each article is written in one transaction with its reports, evidence and the events they
merge into, so a crash mid-batch loses nothing already committed and leaves no half article.
Adding an article already stored (same content hash) changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, and_, create_engine, event, func, insert, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, OperationalError

from sitrep.dedup import DATE_SLACK_DAYS, MergedEvent, find_match, merge_reports, mergeable_types
from sitrep.dedup import Report as DedupReport
from sitrep.errors import DataError
from sitrep.models import ACLED_COLUMNS, Event, Extraction
from sitrep.store import schema
from sitrep.store.schema import actors, articles, event_actors, events, evidence, failures, places, reports

DEFAULT_DB_NAME = "sitrep.db"
_MERGE_WINDOW = dt.timedelta(days=max(DATE_SLACK_DAYS.values()))
_ACTOR_ROLES = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")


def default_db_path() -> Path:
    from sitrep.geo.gazetteer import data_home

    return data_home() / DEFAULT_DB_NAME


def database_url(target: str | Path | None) -> str:
    """A path or URL to an SQLAlchemy URL: files are SQLite, postgresql:// uses psycopg 3."""
    if target is None:
        target = default_db_path()
    text = str(target)
    if "://" not in text:
        path = Path(text).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    return text


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass
class AddResult:
    """What storing one extraction did."""

    article_id: int
    created: bool
    new_events: list[int] = field(default_factory=list)
    merged_events: list[int] = field(default_factory=list)


@dataclass
class EventQuery:
    """Filters for :meth:`Store.events`; every one optional."""

    start: dt.date | None = None
    end: dt.date | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    country: str | None = None
    admin1: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    limit: int = 100
    offset: int = 0


class Store:
    """``Store()`` opens (and migrates) the default SQLite file; ``Store("postgresql://...")`` a server."""

    def __init__(self, target: str | Path | None = None, *, migrate: bool = True):
        self.url = database_url(target)
        try:
            self.engine: Engine = create_engine(self.url, pool_pre_ping=True)
        except Exception as exc:  # bad URL, missing driver
            raise DataError(f"cannot open database {target}: {exc}") from exc
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        if migrate:
            self.migrate()

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------ schema
    def migrate(self) -> None:
        """Bring the schema to the newest migration (alembic upgrade head)."""
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(resources.files("sitrep.store") / "migrations"))
        try:
            with self.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except OperationalError as exc:
            raise DataError(f"cannot open database {self.engine.url.render_as_string(hide_password=True)}: {exc.orig}") from exc

    # ------------------------------------------------------------------ writing
    def has_article(self, *, content_hash: str | None = None, url: str | None = None) -> bool:
        conds = []
        if content_hash:
            conds.append(articles.c.content_hash == content_hash)
        if url:
            conds.append(articles.c.url == url)
        if not conds:
            return False
        with self.engine.connect() as conn:
            return conn.execute(select(articles.c.id).where(or_(*conds)).limit(1)).first() is not None

    def add(self, extraction: Extraction) -> AddResult:
        """Store one article with its events, merging them into events other reports told."""
        for attempt in range(3):
            try:
                with self.engine.begin() as conn:
                    return self._add(conn, extraction)
            except IntegrityError:  # another writer stored the same article or place meanwhile
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _add(self, conn: Connection, extraction: Extraction) -> AddResult:
        article = extraction.article
        from sitrep.ingest.reader import content_hash

        digest = article.content_hash or content_hash(article.text)
        existing = conn.execute(select(articles.c.id).where(articles.c.content_hash == digest)).scalar()
        if existing is not None:
            return AddResult(existing, created=False)
        article_id = conn.execute(insert(articles).values(
            content_hash=digest, url=article.url, title=article.title, source=article.source,
            source_scale=article.source_scale, published=article.published, path=article.path,
            language=article.language, text=article.text, warnings=extraction.warnings, ingested_at=_now(),
        ).returning(articles.c.id)).scalar_one()
        result = AddResult(article_id, created=True)
        source = article.source or article.url or article.title or f"article {article_id}"
        for ev in extraction.events:
            report = DedupReport(str(article_id), ev, source)
            candidates = self._candidates(conn, ev)
            match = find_match(report, candidates.values())
            if match is None:
                event_id = self._insert_event(conn, ev.model_copy(update={"source": source}))
                result.new_events.append(event_id)
            else:
                event_id = next(i for i, m in candidates.items() if m is match)
                match.reports.append(report)
                self._update_event(conn, event_id, merge_reports(match.reports), n_reports=len(match.reports))
                result.merged_events.append(event_id)
            self._insert_report(conn, event_id, article_id, ev)
        return result

    def _candidates(self, conn: Connection, ev: Event) -> dict[int, MergedEvent]:
        """Stored events this one could be another report of, rebuilt from their reports."""
        family = mergeable_types(ev.event_type)
        rows = conn.execute(select(events.c.id).where(
            events.c.event_type.in_(family),
            events.c.event_date.between(ev.event_date - _MERGE_WINDOW, ev.event_date + _MERGE_WINDOW),
            or_(events.c.country == ev.country, events.c.country == "", ev.country == ""),  # type: ignore[arg-type]
        ).limit(500)).scalars().all()
        told: dict[int, list[DedupReport]] = {event_id: [] for event_id in rows}
        if told:
            for r in conn.execute(
                select(reports.c.event_id, reports.c.article_id, reports.c.extracted, articles.c.source)
                .join(articles, articles.c.id == reports.c.article_id)
                .where(reports.c.event_id.in_(told)).order_by(reports.c.id)
            ):
                told[r.event_id].append(DedupReport(str(r.article_id), Event.model_validate(r.extracted), r.source or ""))
        return {event_id: MergedEvent(merge_reports(tellings), tellings) for event_id, tellings in told.items() if tellings}

    @staticmethod
    def _event_values(ev: Event) -> dict[str, Any]:
        values = {col: getattr(ev, col) for col in ACLED_COLUMNS}
        values["claimed_by"] = ev.claimed_by
        return values

    def _insert_event(self, conn: Connection, ev: Event) -> int:
        now = _now()
        event_id = conn.execute(insert(events).values(
            **self._event_values(ev), n_reports=1, place_id=self._place_id(conn, ev), created_at=now, updated_at=now,
        ).returning(events.c.id)).scalar_one()
        self._link_actors(conn, event_id, ev)
        return event_id

    def _update_event(self, conn: Connection, event_id: int, merged: Event, *, n_reports: int) -> None:
        conn.execute(update(events).where(events.c.id == event_id).values(
            **self._event_values(merged), n_reports=n_reports, place_id=self._place_id(conn, merged), updated_at=_now(),
        ))
        conn.execute(event_actors.delete().where(event_actors.c.event_id == event_id))
        self._link_actors(conn, event_id, merged)

    def _insert_report(self, conn: Connection, event_id: int, article_id: int, ev: Event) -> None:
        report_id = conn.execute(insert(reports).values(
            event_id=event_id, article_id=article_id, fatalities=ev.fatalities, claimed_by=ev.claimed_by,
            extracted=ev.model_dump(mode="json"),
        ).returning(reports.c.id)).scalar_one()
        spans = {("event", sp.start, sp.end): sp.text for sp in ev.evidence}
        spans.update({(name, sp.start, sp.end): sp.text for name, sp in ev.field_evidence.items()})
        if spans:
            conn.execute(insert(evidence), [
                {"report_id": report_id, "field": name, "start": start, "end": end, "text": text}
                for (name, start, end), text in spans.items()
            ])

    def _place_id(self, conn: Connection, ev: Event) -> int | None:
        if not ev.location and not ev.country:
            return None
        lat = f"{ev.latitude:.4f}" if ev.latitude is not None else ""
        lon = f"{ev.longitude:.4f}" if ev.longitude is not None else ""
        key = "|".join((ev.country, ev.admin1, ev.admin2, ev.location, lat, lon))
        return _id_for(conn, places, places.c.key == key, key=key, name=ev.location or ev.country, country=ev.country,
                       iso=ev.iso, admin1=ev.admin1, admin2=ev.admin2, latitude=ev.latitude, longitude=ev.longitude)

    def _link_actors(self, conn: Connection, event_id: int, ev: Event) -> None:
        inters = {"actor1": ev.inter1, "actor2": ev.inter2, "assoc_actor_1": ev.inter1, "assoc_actor_2": ev.inter2}
        rows = set()
        for role in _ACTOR_ROLES:
            for name in (n.strip() for n in getattr(ev, role).split(";")):
                if not name:
                    continue
                rows.add((_id_for(conn, actors, actors.c.name == name, name=name, inter=inters[role]), role))
        if rows:
            conn.execute(insert(event_actors), [{"event_id": event_id, "actor_id": a, "role": r} for a, r in rows])

    def record_failure(self, target: str, error: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(failures).values(target=target, error=error, at=_now()))

    # ------------------------------------------------------------------ reading
    @staticmethod
    def _event_filter(q: EventQuery) -> list[Any]:
        conds: list[Any] = []
        if q.start:
            conds.append(events.c.event_date >= q.start)
        if q.end:
            conds.append(events.c.event_date <= q.end)
        if q.event_type:
            conds.append(events.c.event_type == q.event_type)
        if q.sub_event_type:
            conds.append(events.c.sub_event_type == q.sub_event_type)
        if q.actor:
            like = f"%{q.actor}%"
            conds.append(or_(events.c.actor1.ilike(like), events.c.actor2.ilike(like),
                             events.c.assoc_actor_1.ilike(like), events.c.assoc_actor_2.ilike(like)))
        if q.country:
            conds.append(func.lower(events.c.country) == q.country.lower())
        if q.admin1:
            conds.append(func.lower(events.c.admin1) == q.admin1.lower())
        if q.bbox:
            min_lon, min_lat, max_lon, max_lat = q.bbox
            conds.append(and_(events.c.longitude.between(min_lon, max_lon), events.c.latitude.between(min_lat, max_lat)))
        return conds

    def count_events(self, query: EventQuery | None = None) -> int:
        conds = self._event_filter(query or EventQuery())
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(events).where(*conds)).scalar_one()

    def events(self, query: EventQuery | None = None) -> list[dict[str, Any]]:
        """Events as ACLED-layout dicts (plus id, n_reports, claimed_by), newest first."""
        q = query or EventQuery()
        stmt = (select(events).where(*self._event_filter(q))
                .order_by(events.c.event_date.desc(), events.c.id.desc()).limit(q.limit).offset(q.offset))
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(stmt)]

    def event(self, event_id: int) -> dict[str, Any] | None:
        """One event with every report of it: source article, its own figures, its evidence spans."""
        with self.engine.connect() as conn:
            row = conn.execute(select(events).where(events.c.id == event_id)).first()
            if row is None:
                return None
            out = dict(row._mapping)
            out["reports"] = []
            for rep in conn.execute(
                select(reports.c.id, reports.c.fatalities, reports.c.claimed_by, reports.c.extracted,
                       articles.c.id.label("article_id"), articles.c.title, articles.c.url, articles.c.source,
                       articles.c.published)
                .join(articles, articles.c.id == reports.c.article_id)
                .where(reports.c.event_id == event_id).order_by(reports.c.id)
            ):
                item = dict(rep._mapping)
                item["evidence"] = [dict(e._mapping) for e in conn.execute(
                    select(evidence.c.field, evidence.c.start, evidence.c.end, evidence.c.text)
                    .where(evidence.c.report_id == rep.id).order_by(evidence.c.start, evidence.c.field))]
                out["reports"].append(item)
            return out

    def event_models(self, query: EventQuery | None = None) -> list[Event]:
        """Stored events as :class:`Event` models (for export)."""
        return [Event.model_validate({k: v for k, v in row.items() if k in Event.model_fields}) for row in self.events(query)]

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(articles)).scalar_one()

    def articles(self, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        cols = [c for c in articles.c if c.name != "text"]
        n_events = (select(func.count(func.distinct(reports.c.event_id))).where(reports.c.article_id == articles.c.id)
                    .scalar_subquery().label("n_events"))
        stmt = select(*cols, n_events).order_by(articles.c.id.desc()).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(stmt)]

    def article(self, article_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
            if row is None:
                return None
            out = dict(row._mapping)
            out["events"] = sorted(set(conn.execute(
                select(reports.c.event_id).where(reports.c.article_id == article_id)).scalars()))
            return out

    def failures(self, *, limit: int = 1000) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(failures).order_by(failures.c.id.desc()).limit(limit))]

    def stats(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in (articles, events, reports, evidence, actors, places, failures)}


def _id_for(conn: Connection, table: Any, where: Any, **values: Any) -> int:
    """The id of the row matching ``where``, inserted with ``values`` if there is none."""
    found = conn.execute(select(table.c.id).where(where)).scalar()
    if found is not None:
        return found
    return conn.execute(insert(table).values(**values).returning(table.c.id)).scalar_one()


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


__all__ = ["AddResult", "EventQuery", "Store", "database_url", "default_db_path", "schema"]
