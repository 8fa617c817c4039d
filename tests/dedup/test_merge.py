"""Merging reports of one event: the rules, and precision/recall on real reports of the same events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitrep.dedup import Report, cluster, conservative_fatalities, merge_reports, same_event
from sitrep.models import Event, Span
from tests.conftest import ROOT, shared


def make_event(**fields) -> Event:
    base = dict(
        event_date=dt.date(2021, 7, 7), time_precision=1, event_type="Battles", sub_event_type="Armed clash",
        actor1="Taliban", inter1=2, actor2="Military Forces of Afghanistan (2004-2021)", inter2=1, interaction=12,
        country="Afghanistan", admin1="Badghis", location="Qala i Naw", latitude=34.98, longitude=63.13, geo_precision=1,
    )
    base.update(fields)
    return Event(**base)


def test_two_reports_of_one_clash_are_one_event():
    assert same_event(make_event(), make_event(event_date=dt.date(2021, 7, 8), latitude=35.05))


@pytest.mark.parametrize("change", [
    {"event_type": "Protests", "sub_event_type": "Peaceful protest"},
    {"event_date": dt.date(2021, 7, 10)},
    {"latitude": 36.5, "longitude": 65.0, "location": "Maymana", "admin1": "Faryab"},
    {"actor1": "Islamic State (Afghanistan)", "actor2": "Military Forces of Pakistan (2018-)"},
    {"country": "Pakistan", "geo_precision": 3},
])
def test_different_events_stay_apart(change):
    assert not same_event(make_event(), make_event(**change))


def test_week_precision_widens_the_date_window_and_generic_actors_fit_anyone():
    vague = make_event(event_date=dt.date(2021, 7, 3), time_precision=2, actor1="Unidentified Armed Group (Afghanistan)")
    assert same_event(make_event(), vague)


def test_a_bombing_told_as_an_attack_on_civilians_merges_into_the_explosion():
    bomb = make_event(event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
                      actor1="Unidentified Armed Group (Afghanistan)", actor2="", inter2=0)
    attack = make_event(event_type="Violence against civilians", sub_event_type="Attack",
                        actor1="Unidentified Armed Group (Afghanistan)", actor2="Civilians (Afghanistan)", inter2=7)
    merged = merge_reports([Report("a", attack), Report("b", bomb)])
    assert same_event(bomb, attack)
    assert merged.event_type == "Explosions/Remote violence"


def test_conflicting_fatalities_take_the_lowest_reported_figure():
    assert conservative_fatalities([12, 0, 9, 15]) == 9
    assert conservative_fatalities([0, 0]) == 0
    merged = merge_reports([Report("a", make_event(fatalities=12), "AP"), Report("b", make_event(fatalities=9), "Reuters")])
    assert merged.fatalities == 9
    assert merged.source == "AP; Reuters"


def test_merged_event_keeps_the_most_precise_date_and_place_and_all_evidence():
    vague = make_event(time_precision=2, event_date=dt.date(2021, 7, 5), geo_precision=3, location="Badghis",
                       evidence=[Span(start=0, end=5, text="vague")])
    exact = make_event(evidence=[Span(start=10, end=15, text="exact")])
    merged = merge_reports([Report("a", vague), Report("b", exact)])
    assert (merged.event_date, merged.time_precision, merged.location) == (dt.date(2021, 7, 7), 1, "Qala i Naw")
    assert [s.text for s in merged.evidence] == ["vague", "exact"]


def test_one_articles_own_events_are_never_merged_together():
    groups = cluster([Report("a", make_event()), Report("a", make_event()), Report("b", make_event())])
    assert sorted(len(g.reports) for g in groups) == [1, 2]


@pytest.mark.slow
def test_merge_precision_and_recall_on_real_reports_of_the_same_events(pipeline):
    from sitrep.evaluate import score_dedup

    corpus = shared("eval", "temporal_TBAQ_cleaned")
    report = score_dedup(ROOT / "src/sitrep/data/same_events_tbaq.csv", Path(corpus), pipeline)
    print(report.as_dict())
    assert report.rate("merge precision (document pairs)") >= 0.95
    assert report.rate("merge recall (document pairs)") >= 0.55
    assert report.rate("merge precision (report pairs)") >= 0.95
