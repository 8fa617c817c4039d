"""The store's tables (SQLAlchemy core). Alembic migrations in ``migrations/`` create and evolve them.

articles   one ingested report (text kept: evidence offsets point into it)
events     one real-world event, merged from every report of it (ACLED columns)
reports    one article's telling of one event: its own figures and fields, as extracted
evidence   the sentence spans behind each report's fields
actors     distinct ACLED actors;        event_actors: which actor plays which role
places     distinct gazetteer places;    events.place_id
failures   inputs that could not be ingested, with the reason
"""

from __future__ import annotations

from sqlalchemy import (
    JSON, Column, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text, UniqueConstraint,
)

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("url", Text, index=True),
    Column("title", Text),
    Column("source", Text),
    Column("source_scale", Text),
    Column("published", Date, index=True),
    Column("path", Text),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("warnings", JSON, nullable=False, default=list),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

places = Table(
    "places", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(400), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("country", Text, nullable=False),
    Column("iso", Integer),
    Column("admin1", Text, nullable=False, default=""),
    Column("admin2", Text, nullable=False, default=""),
    Column("latitude", Float),
    Column("longitude", Float),
)

actors = Table(
    "actors", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(400), nullable=False, unique=True),
    Column("inter", Integer, nullable=False),
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True),
    Column("event_date", Date, nullable=False),
    Column("time_precision", Integer, nullable=False),
    Column("event_type", String(64), nullable=False),
    Column("sub_event_type", String(64), nullable=False),
    Column("actor1", Text, nullable=False),
    Column("assoc_actor_1", Text, nullable=False, default=""),
    Column("inter1", Integer, nullable=False),
    Column("actor2", Text, nullable=False, default=""),
    Column("assoc_actor_2", Text, nullable=False, default=""),
    Column("inter2", Integer, nullable=False, default=0),
    Column("interaction", Integer, nullable=False),
    Column("country", Text, nullable=False, default=""),
    Column("iso", Integer),
    Column("admin1", Text, nullable=False, default=""),
    Column("admin2", Text, nullable=False, default=""),
    Column("location", Text, nullable=False, default=""),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer),
    Column("source", Text, nullable=False, default=""),
    Column("source_scale", Text, nullable=False, default=""),
    Column("notes", Text, nullable=False, default=""),
    Column("fatalities", Integer, nullable=False, default=0),
    Column("claimed_by", Text, nullable=False, default=""),
    Column("n_reports", Integer, nullable=False, default=1),
    Column("place_id", Integer, ForeignKey("places.id")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_events_date_type", "event_date", "event_type"),
    Index("ix_events_country", "country", "admin1"),
)

event_actors = Table(
    "event_actors", metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("actor_id", Integer, ForeignKey("actors.id"), primary_key=True),
    Column("role", String(16), primary_key=True),  # actor1 | actor2 | assoc_actor_1 | assoc_actor_2
)

reports = Table(
    "reports", metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("fatalities", Integer, nullable=False, default=0),
    Column("claimed_by", Text, nullable=False, default=""),
    Column("extracted", JSON, nullable=False),  # the report's own event, every field as extracted
)

evidence = Table(
    "evidence", metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("field", String(32), nullable=False),  # "event" for the sentences telling it, else a column name
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    UniqueConstraint("report_id", "field", "start", "end"),
)

failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True),
    Column("target", Text, nullable=False),
    Column("error", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)
