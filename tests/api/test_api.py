"""The HTTP API: typed reads with filters and pagination, exports, token-guarded writes, OpenAPI."""

from __future__ import annotations

import io
import json

import pytest
from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.store import Store
from tests.store.test_store import REPORT_A, REPORT_B

TOKEN = "s3cret-token"


@pytest.fixture()
def client(tmp_path, seed_result, pipeline):
    store = Store(tmp_path / "api.db")
    store.add(seed_result)
    with TestClient(create_app(store, token=TOKEN, pipeline=pipeline)) as c:
        yield c


def test_events_filter_and_paginate(client, seed_result):
    page = client.get("/events", params={"limit": 4}).json()
    assert page["total"] == 10 and len(page["items"]) == 4
    rest = client.get("/events", params={"limit": 4, "offset": 8}).json()["items"]
    assert len(rest) == 2
    battles = client.get("/events", params={"event_type": "Battles", "admin1": "Badghis"}).json()
    assert battles["total"] == 3 and {e["location"] for e in battles["items"]} == {"Qala i Naw"}
    assert client.get("/events", params={"country": "Iran"}).json()["total"] == 1
    assert client.get("/events", params={"start": "2021-07-06", "end": "2021-07-07", "actor": "Iran"}).json()["total"] == 1
    assert client.get("/events", params={"bbox": "68,34,70,36"}).json()["total"] == 3  # Parwan
    assert client.get("/events", params={"bbox": "1,2"}).status_code == 422
    assert client.get("/events", params={"limit": 0}).status_code == 422


def test_event_detail_carries_reports_and_evidence(client):
    first = client.get("/events", params={"event_type": "Battles", "limit": 1}).json()["items"][0]
    detail = client.get(f"/events/{first['id']}").json()
    (report,) = detail["reports"]
    article = client.get(f"/articles/{report['article_id']}").json()
    assert article["events"] and article["title"].startswith("Taliban storm")
    for span in report["evidence"]:
        assert article["text"][span["start"]:span["end"]] == span["text"]
    assert client.get("/events/99999").status_code == 404
    assert client.get("/articles").json()["items"][0]["n_events"] == 10


def test_writes_need_the_token_and_are_idempotent(client):
    body = {"text": REPORT_A, "published": "2021-07-08", "source": "AP"}
    assert client.post("/articles", json=body).status_code == 401
    assert client.post("/articles", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    auth = {"Authorization": f"Bearer {TOKEN}"}
    created = client.post("/articles", json=body, headers=auth)
    assert created.status_code == 201 and created.json()["created"]
    assert client.post("/articles", json=body, headers=auth).status_code == 200
    merged = client.post("/articles", json={"text": REPORT_B, "published": "2021-07-08", "source": "Reuters"}, headers=auth).json()
    # The seed report already told this day's fighting in Qala-i-Naw: both reports join its event.
    target = created.json()["new_events"] + created.json()["merged_events"]
    assert merged["merged_events"] == target
    event = client.get(f"/events/{target[0]}").json()
    assert event["fatalities"] == 9 and [r["fatalities"] for r in event["reports"]][-2:] == [12, 9]
    assert event["n_reports"] == len(event["reports"]) >= 2
    bad = client.post("/articles", json={"text": "Dies ist ein deutscher Text, der nichts berichtet und lang genug ist."}, headers=auth)
    assert bad.status_code == 422 and "English" in bad.json()["detail"]


def test_writes_are_disabled_without_a_token(tmp_path):
    with TestClient(create_app(Store(tmp_path / "ro.db"))) as c:
        assert c.post("/articles", json={"text": REPORT_A}).status_code == 403


def test_control_and_exports(client):
    control = client.get("/control", params={"as_of": "2021-07-07"}).json()
    assert {c["admin1"]: c["controller"] for c in control}["Badakhshan"] == "Taliban"
    assert client.get("/control", params={"as_of": "2021-06-01"}).json() == []
    csv_text = client.get("/export/events.csv", params={"country": "Afghanistan"}).text
    assert csv_text.splitlines()[0].startswith("event_date,time_precision,event_type") and len(csv_text.splitlines()) == 10
    geo = client.get("/export/events.geojson").json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 10
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(client.get("/export/events.parquet").content))
    assert table.num_rows == 10 and str(table.schema.field("event_date").type) == "date32[day]"


def test_openapi_documents_every_endpoint_and_pages_forbid_inline_script(client):
    spec = client.get("/openapi.json").json()
    assert {"/events", "/events/{event_id}", "/articles", "/articles/{article_id}", "/control",
            "/export/events.csv", "/export/events.geojson", "/export/events.parquet"} <= set(spec["paths"])
    page = client.get("/")
    assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    assert json.loads(client.get("/static/world.geojson").text)["features"]


def test_posted_html_keeps_its_given_title(client):
    page = f"<html><body><article><p>{REPORT_A}</p><p>{REPORT_B}</p></article></body></html>"
    auth = {"Authorization": f"Bearer {TOKEN}"}
    posted = client.post("/articles", json={"html": page, "title": "Checkpoint attack", "published": "2021-07-08"}, headers=auth)
    assert posted.status_code == 201
    assert client.get(f"/articles/{posted.json()['article_id']}").json()["title"] == "Checkpoint attack"
    assert client.post("/articles", json={"title": "nothing"}, headers=auth).status_code == 422
