"""Serialize events: ACLED-layout CSV, JSON with per-field evidence, GeoJSON, Parquet."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from sitrep.models import ACLED_COLUMNS, SITREP_COLUMNS, Event, Extraction

CSV_COLUMNS = (*ACLED_COLUMNS, *SITREP_COLUMNS)


def event_row(event: Event) -> dict[str, object]:
    """One ACLED-layout row; sitrep's own columns (evidence, claimed_by) last."""
    row: dict[str, object] = {}
    for col in ACLED_COLUMNS:
        value = getattr(event, col)
        if col == "event_date":
            value = event.event_date.isoformat()
        elif col in ("inter2",) and not value:
            value = ""
        elif value is None:
            value = ""
        row[col] = value
    row["evidence"] = " | ".join(sp.text for sp in event.evidence)
    row["claimed_by"] = event.claimed_by
    return row


def to_csv(events: Iterable[Event]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for ev in events:
        writer.writerow(event_row(ev))
    return buf.getvalue()


def to_json(extractions: Iterable[Extraction], *, include_background: bool = False) -> str:
    out = []
    for ex in extractions:
        item = {
            "article": ex.article.model_dump(mode="json", exclude={"text"}),
            "events": [e.model_dump(mode="json") for e in ex.events],
            "warnings": ex.warnings,
        }
        if include_background:
            item["background"] = [e.model_dump(mode="json") for e in ex.background]
        out.append(item)
    return json.dumps(out if len(out) != 1 else out[0], indent=2, ensure_ascii=False)


def to_geojson(events: Iterable[Event]) -> str:
    features = []
    for ev in events:
        if ev.latitude is None or ev.longitude is None:
            continue
        props = event_row(ev)
        props.pop("latitude")
        props.pop("longitude")
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [ev.longitude, ev.latitude]},
            "properties": props,
        })
    return json.dumps({"type": "FeatureCollection", "features": features}, indent=2, ensure_ascii=False)


def parquet_table(events: Iterable[Event]):  # type: ignore[no-untyped-def]
    """Events as an Arrow table in the ACLED layout, with typed columns (dates, ints, floats)."""
    import pyarrow as pa

    events = list(events)
    rows = [event_row(ev) for ev in events]
    schema = pa.schema([
        (col, pa.date32() if col == "event_date" else
         pa.int64() if col in ("time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities") else
         pa.float64() if col in ("latitude", "longitude") else pa.string())
        for col in CSV_COLUMNS
    ])
    columns = {}
    for field in schema:
        values = [row[field.name] for row in rows]
        if field.name == "event_date":
            values = [ev.event_date for ev in events]
        elif not pa.types.is_string(field.type):
            values = [None if v == "" else v for v in values]
        else:
            values = ["" if v is None else str(v) for v in values]
        columns[field.name] = pa.array(values, type=field.type)
    return pa.table(columns, schema=schema)


def write_parquet(events: Iterable[Event], sink) -> None:  # type: ignore[no-untyped-def]
    """Write events to a Parquet file path or binary file object."""
    import pyarrow.parquet as pq

    pq.write_table(parquet_table(events), sink)
