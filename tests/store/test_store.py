"""The store, on SQLite and on a real PostgreSQL server: idempotent, merging, queryable, crash-safe."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import inspect, select, text

from sitrep.models import Article
from sitrep.store import EventQuery, Store
from tests.conftest import EXAMPLES

REPORT_A = ("Taliban fighters attacked a police checkpoint in Qala-i-Naw, the capital of Badghis province, on Wednesday, "
            "killing 12 police officers, officials said. The fighting lasted for hours.")
REPORT_B = ("Nine policemen were killed when Taliban insurgents attacked a checkpoint in Qala-i-Naw, the capital of "
            "Badghis province, on Wednesday, a provincial spokesman said.")


def _article(text: str, source: str) -> Article:
    from sitrep.ingest import article_from_text

    return article_from_text(text, published=dt.date(2021, 7, 8), source=source)


def test_migrations_create_every_table_at_head(store):
    names = set(inspect(store.engine).get_table_names())
    assert {"articles", "events", "reports", "evidence", "actors", "event_actors", "places", "failures", "alembic_version"} <= names
    with store.engine.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar() == "0001"
    store.migrate()  # running again is a no-op


def test_an_article_is_stored_once_with_evidence_for_every_field(store, seed_result):
    first = store.add(seed_result)
    again = store.add(seed_result)
    assert first.created and len(first.new_events) == len(seed_result.events) == 10
    assert not again.created and again.article_id == first.article_id
    assert store.stats()["articles"] == 1 and store.stats()["events"] == 10
    for row in store.events(EventQuery(limit=50)):
        detail = store.event(row["id"])
        (report,) = detail["reports"]
        fields = {e["field"] for e in report["evidence"]}
        assert "event" in fields and {"event_type", "actor1", "location", "event_date"} <= fields
        article_text = store.article(report["article_id"])["text"]
        for span in report["evidence"]:
            assert article_text[span["start"]:span["end"]] == span["text"]


def test_two_reports_of_one_event_become_one_event_with_both_sources(store, pipeline):
    a = store.add(pipeline(_article(REPORT_A, "AP")))
    b = store.add(pipeline(_article(REPORT_B, "Reuters")))
    assert len(a.new_events) == 1 and b.merged_events == a.new_events and not b.new_events
    event = store.event(a.new_events[0])
    assert event["n_reports"] == 2
    assert event["source"] == "AP; Reuters"
    assert sorted(r["fatalities"] for r in event["reports"]) == [9, 12]
    assert event["fatalities"] == 9  # ACLED: the most conservative figure
    assert event["sub_event_type"] == "Armed clash" and event["location"] == "Qala i Naw"


def test_filters_and_pagination(store, seed_result):
    store.add(seed_result)
    evs = seed_result.events
    assert store.count_events(EventQuery(event_type="Battles")) == sum(e.event_type == "Battles" for e in evs) == 3
    assert store.count_events(EventQuery(actor="taliban")) == sum("Taliban" in e.actor1 + e.actor2 for e in evs)
    assert store.count_events(EventQuery(country="iran")) == 1
    assert store.count_events(EventQuery(admin1="Parwan")) == sum(e.admin1 == "Parwan" for e in evs) == 3
    in_days = sum(dt.date(2021, 7, 6) <= e.event_date <= dt.date(2021, 7, 7) for e in evs)
    assert store.count_events(EventQuery(start=dt.date(2021, 7, 6), end=dt.date(2021, 7, 7))) == in_days
    assert store.count_events(EventQuery(bbox=(60.0, 33.0, 66.0, 36.0))) == sum(e.admin1 == "Badghis" for e in evs)
    pages = [store.events(EventQuery(limit=4, offset=o)) for o in (0, 4, 8)]
    ids = [e["id"] for page in pages for e in page]
    assert len(ids) == len(set(ids)) == 10
    assert [e["event_date"] for e in pages[0]] == sorted((e["event_date"] for e in pages[0]), reverse=True)


def test_bad_database_urls_are_clear_errors(tmp_path):
    from sitrep.errors import DataError

    with pytest.raises(DataError, match="cannot open database"):
        Store("postgresql://nobody@127.0.0.1:1/none")
    with pytest.raises(DataError):
        Store("nosuchdialect://x")


def test_a_batch_killed_midway_loses_nothing_committed_and_resumes_without_duplicates(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = (EXAMPLES / "fort-nau.txt").read_text()
    for n in range(40):
        (corpus / f"report-{n:02}.txt").write_text(f"{seed}\n\n(Report {n} of the series.)\n")
    db = tmp_path / "crash.db"
    env = {**os.environ, "SITREP_DB": str(db)}
    cmd = [sys.executable, "-m", "sitrep", "ingest", str(corpus), "--published", "2021-07-07"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                stored = Store(db, migrate=False).stats()["articles"]
            except Exception:
                continue
            if stored >= 3:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 3 <= stored < 40, "the batch should be killed midway"
    store = Store(db)
    stats = store.stats()
    with store.engine.connect() as conn:  # every stored article has all its reports: no half article
        from sitrep.store.schema import reports

        per_article = conn.execute(select(reports.c.article_id, text("count(*)")).group_by(reports.c.article_id)).all()
    assert {n for _, n in per_article} == {10}
    assert len(per_article) == stats["articles"]
    assert stats["events"] == 10  # every later copy merged into the first one's events
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    final = Store(db).stats()
    assert final["articles"] == 40 and final["events"] == 10 and final["reports"] == 400
