"""HTTP API (FastAPI) over a store, with the dashboard at ``/``.

Reads are open; writes (``POST /articles``) need ``Authorization: Bearer <token>``, and are
disabled when the app has no token. OpenAPI docs at ``/docs``.
"""

from __future__ import annotations

import datetime as dt
import io
import secrets
from importlib import resources
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Response
from fastapi.responses import FileResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from sitrep import export
from sitrep.control import ControlChange
from sitrep.errors import SitrepError
from sitrep.models import AcledEvent
from sitrep.store import EventQuery, Store

MAX_PAGE = 1000


class EventOut(AcledEvent):
    id: int
    claimed_by: str = ""
    n_reports: int = 1


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[EventOut]


class EvidenceOut(BaseModel):
    field: str = Field(description='"event" for the sentences telling the event, else the field the span supports')
    start: int
    end: int
    text: str


class ReportOut(BaseModel):
    article_id: int
    title: str | None
    url: str | None
    source: str | None
    published: dt.date | None
    fatalities: int = Field(description="the figure this report gives (the event takes the lowest)")
    claimed_by: str
    evidence: list[EvidenceOut]


class EventDetail(EventOut):
    reports: list[ReportOut]


class ArticleOut(BaseModel):
    id: int
    title: str | None
    url: str | None
    source: str | None
    published: dt.date | None
    language: str | None
    ingested_at: dt.datetime
    n_events: int = 0


class ArticlePage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ArticleOut]


class ArticleDetail(ArticleOut):
    text: str
    warnings: list[str] = []
    events: list[int]


class ArticleIn(BaseModel):
    text: str | None = Field(None, description="plain text of the report")
    html: str | None = Field(None, description="or the HTML of a news page")
    url: str | None = None
    title: str | None = None
    source: str | None = None
    published: dt.date | None = None


class IngestOut(BaseModel):
    article_id: int
    created: bool
    new_events: list[int]
    merged_events: list[int]


class Stats(BaseModel):
    articles: int
    events: int
    reports: int
    evidence: int
    actors: int
    places: int
    failures: int


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        parts = tuple(float(x) for x in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4:
        raise HTTPException(422, "bbox is min_lon,min_lat,max_lon,max_lat")
    return parts  # type: ignore[return-value]


def event_query(
    start: Annotated[dt.date | None, Query(description="first event date (inclusive)")] = None,
    end: Annotated[dt.date | None, Query(description="last event date (inclusive)")] = None,
    event_type: str | None = None,
    sub_event_type: str | None = None,
    actor: Annotated[str | None, Query(description="part of an actor name, any role")] = None,
    country: str | None = None,
    admin1: str | None = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> EventQuery:
    return EventQuery(start=start, end=end, event_type=event_type, sub_event_type=sub_event_type, actor=actor,
                      country=country, admin1=admin1, bbox=_bbox(bbox), limit=limit, offset=offset)


def create_app(store: Store, *, token: str | None = None, pipeline: Any = None) -> FastAPI:
    """The API and dashboard over ``store``. ``pipeline`` (created on first write if None) extracts posted articles."""
    app = FastAPI(
        title="sitrep",
        summary="Conflict events extracted from news reports, in the ACLED layout, with the evidence behind every field.",
        version=_version(),
    )
    state: dict[str, Any] = {"pipeline": pipeline}

    def require_token(authorization: Annotated[str | None, Header()] = None) -> None:
        if not token:
            raise HTTPException(403, "writes are disabled: start the server with --token or SITREP_API_TOKEN")
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is needed", headers={"WWW-Authenticate": "Bearer"})

    @app.middleware("http")
    async def security_headers(request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        # Article text is data, never code: no inline or remote script can run on these pages.
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    @app.get("/events", response_model=EventPage, tags=["events"])
    def list_events(q: Annotated[EventQuery, Depends(event_query)]) -> dict[str, Any]:
        """Events, newest first, filtered and paginated."""
        return {"total": store.count_events(q), "limit": q.limit, "offset": q.offset, "items": store.events(q)}

    @app.get("/events/{event_id}", response_model=EventDetail, tags=["events"])
    def get_event(event_id: int) -> dict[str, Any]:
        """One event with every report of it and the evidence spans behind each field."""
        found = store.event(event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id}")
        return found

    @app.get("/articles", response_model=ArticlePage, tags=["articles"])
    def list_articles(limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100, offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
        return {"total": store.count_articles(), "limit": limit, "offset": offset, "items": store.articles(limit=limit, offset=offset)}

    @app.get("/articles/{article_id}", response_model=ArticleDetail, tags=["articles"])
    def get_article(article_id: int) -> dict[str, Any]:
        found = store.article(article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id}")
        found["n_events"] = len(found["events"])
        return found

    @app.post("/articles", response_model=IngestOut, status_code=201, dependencies=[Depends(require_token)], tags=["articles"])
    def post_article(body: ArticleIn, response: Response) -> dict[str, Any]:
        """Extract events from one report and store them (idempotent: the same text twice is stored once)."""
        from sitrep.ingest import record_to_article

        try:  # the same reading as a corpus record: html cleaned, text checked
            article = record_to_article(body.model_dump(), name="posted article")
        except SitrepError as exc:
            raise HTTPException(422, str(exc)) from exc
        if state["pipeline"] is None:
            from sitrep.pipeline import Pipeline

            state["pipeline"] = Pipeline()
        added = store.add(state["pipeline"](article))
        if not added.created:
            response.status_code = 200
        return vars(added)

    @app.get("/control", response_model=list[ControlChange], tags=["control"])
    def get_control(as_of: Annotated[dt.date | None, Query(description="date to report control on (default: latest)")] = None) -> list[Any]:
        """Who controls each admin2 (else admin1) unit, from territory events up to ``as_of``."""
        from sitrep.jobs import control_from_store

        return control_from_store(store, as_of)

    @app.get("/stats", response_model=Stats, tags=["meta"])
    def stats() -> dict[str, int]:
        return store.stats()

    @app.get("/export/events.csv", tags=["export"], response_class=Response)
    def export_csv(q: Annotated[EventQuery, Depends(_export_query)]) -> Response:
        """ACLED-layout CSV (sitrep's evidence and claimed_by columns last)."""
        return Response(export.to_csv(store.event_models(q)), media_type="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="events.csv"'})

    @app.get("/export/events.geojson", tags=["export"], response_class=Response)
    def export_geojson(q: Annotated[EventQuery, Depends(_export_query)]) -> Response:
        return Response(export.to_geojson(store.event_models(q)), media_type="application/geo+json")

    @app.get("/export/events.parquet", tags=["export"], response_class=StreamingResponse)
    def export_parquet(q: Annotated[EventQuery, Depends(_export_query)]) -> StreamingResponse:
        buf = io.BytesIO()
        export.write_parquet(store.event_models(q), buf)
        buf.seek(0)
        return StreamingResponse(buf, media_type="application/vnd.apache.parquet",
                                 headers={"Content-Disposition": 'attachment; filename="events.parquet"'})

    static = resources.files("sitrep.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(str(static / "index.html"), media_type="text/html")

    return app


def _export_query(
    q: Annotated[EventQuery, Depends(event_query)],
    limit: Annotated[int, Query(ge=1, le=10_000_000)] = 10_000_000,
) -> EventQuery:
    q.limit = limit
    return q


def _version() -> str:
    from sitrep import __version__

    return __version__


__all__ = ["create_app", "event_query"]
