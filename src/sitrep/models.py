"""Typed records passed between pipeline stages.

Every stage takes and returns these, so a stage can be swapped or tested alone.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


class Span(BaseModel):
    """A stretch of the article text that supports a field (character offsets)."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int
    text: str


class Article(BaseModel):
    """One news report, as ingested: clean text plus what we know about it."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    source_scale: str | None = None
    url: str | None = None
    path: str | None = None
    language: str | None = None
    content_hash: str | None = None


class ResolvedDate(BaseModel):
    """A date with ACLED time precision: 1 exact day, 2 within a week, 3 within a month."""

    model_config = ConfigDict(frozen=True)

    date: dt.date
    precision: int = Field(ge=1, le=3)
    expression: str = ""
    # A period, not a point ("since May 1"): events dated this way are cumulative summaries.
    is_range_start: bool = False


class Place(BaseModel):
    """A gazetteer entry at the granularity ACLED records."""

    model_config = ConfigDict(frozen=True)

    name: str
    country: str
    country_code: str
    iso: int | None = None
    admin1: str = ""
    admin2: str = ""
    latitude: float
    longitude: float
    geonameid: int | None = None
    level: str = "place"  # place | admin1 | country
    population: int = 0


class Actor(BaseModel):
    """A normalized ACLED actor with its inter code (1 state ... 8 external)."""

    model_config = ConfigDict(frozen=True)

    name: str
    inter: int
    country_code: str | None = None


class Quantity(BaseModel):
    """A count reported in the text that is not a fatality figure (prisoners freed, troops fled)."""

    value: int
    unit: str
    evidence: Span


class AcledEvent(BaseModel):
    """The ACLED columns of one event, in ACLED's order."""

    event_date: dt.date
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str
    assoc_actor_1: str = ""
    inter1: int
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int = 0
    interaction: int
    country: str = ""
    iso: int | None = None
    admin1: str = ""
    admin2: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    source: str = ""
    source_scale: str = ""
    notes: str = ""
    fatalities: int = 0


class Event(AcledEvent):
    """One event in the ACLED layout, with the text behind each field."""

    evidence: list[Span] = Field(default_factory=list)
    field_evidence: dict[str, Span] = Field(default_factory=dict)
    claimed_by: str = ""
    quantities: list[Quantity] = Field(default_factory=list)
    background: bool = False


class Extraction(BaseModel):
    """What the pipeline returns for one article."""

    article: Article
    events: list[Event]
    background: list[Event] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


ACLED_COLUMNS: tuple[str, ...] = (
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "country",
    "iso",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
)
SITREP_COLUMNS: tuple[str, ...] = ("evidence", "claimed_by")
