"""The seed report (VOA, 7 July 2021) against its hand-coded gold events."""


from sitrep.evaluate import score_article
from sitrep.geo import haversine_km

from tests.conftest import EXAMPLES

QALA_I_NAW = (34.987, 63.129)


def by_sub(result, sub):
    return [e for e in result.events if e.sub_event_type == sub]


def test_at_least_seven_of_eight_gold_events_found(pipeline, seed_article):
    report = score_article(EXAMPLES / "fort-nau.gold.csv", seed_article, pipeline)
    found, total = report.metrics["gold events found (recall)"]
    assert total == 8
    assert found >= 7, report.notes


def test_the_assault_on_qala_i_naw(seed_result):
    battles = [e for e in seed_result.events if e.event_type == "Battles" and e.admin1 == "Badghis" and str(e.event_date) == "2021-07-07"]
    assert battles, "no battle in Badghis on 7 July"
    for ev in battles:
        assert haversine_km(ev.latitude, ev.longitude, *QALA_I_NAW) < 25
        assert ev.country == "Afghanistan" and ev.iso == 4
    pairs = {frozenset({e.actor1, e.actor2}) for e in battles}
    assert frozenset({"Taliban", "Military Forces of Afghanistan (2004-2021)"}) in pairs
    assert frozenset({"Taliban", "Police Forces of Afghanistan (2004-2021)"}) in pairs
    police = next(e for e in battles if "Police Forces of Afghanistan (2004-2021)" in (e.actor1, e.actor2))
    assert police.sub_event_type == "Non-state actor overtakes territory" and police.actor1 == "Taliban"


def test_heavy_casualties_is_not_a_fatality_count(seed_result):
    assert all(e.fatalities == 0 for e in seed_result.events)


def test_air_strikes_backing_government_forces(seed_result):
    strikes = by_sub(seed_result, "Air/drone strike")
    assert len(strikes) == 1
    assert strikes[0].actor1 == "Military Forces of Afghanistan (2004-2021)" and strikes[0].actor2 == "Taliban"


def test_prisoners_released_is_a_strategic_development_with_a_count(seed_result):
    other = [e for e in by_sub(seed_result, "Other") if e.actor1 == "Taliban"]
    assert other and other[0].admin1 == "Badghis"
    assert any(q.value == 600 and q.unit == "prisoner" for q in other[0].quantities)
    assert other[0].claimed_by == "Residents and officials"


def test_last_thursday_bagram_handover(seed_result):
    handovers = [e for e in by_sub(seed_result, "Non-violent transfer of territory") if e.admin1 == "Parwan"]
    assert handovers
    us = next(e for e in handovers if e.actor1 == "Military Forces of the United States")
    assert str(us.event_date) == "2021-07-01" and us.time_precision == 1
    assert us.inter1 == 8 and us.interaction == 18
    assert us.field_evidence["event_date"].text == "Last Thursday"


def test_looting_by_locals(seed_result):
    loot = by_sub(seed_result, "Looting/property destruction")
    assert loot and loot[0].actor1 == "Rioters (Afghanistan)" and loot[0].admin1 == "Parwan"


def test_badakhshan_is_coded_at_province_level(seed_result):
    badakhshan = [e for e in seed_result.events if e.admin1 == "Badakhshan"]
    assert badakhshan
    ev = badakhshan[0]
    assert ev.geo_precision == 3 and ev.location == "Fayzabad"
    assert str(ev.event_date) == "2021-07-05" and ev.time_precision == 2
    assert ev.actor1 == "Taliban"
    assert any(q.value == 1600 for q in ev.quantities)


def test_iran_hosting_talks_is_located_in_tehran(seed_result):
    talks = [e for e in seed_result.events if e.actor1.startswith("Government of Iran")]
    assert talks and talks[0].location == "Tehran" and talks[0].actor2 == "Taliban"
    assert talks[0].actor1 == "Government of Iran (1989-)"


def test_history_is_dated_as_history_not_as_todays_news(seed_result):
    assert all(str(e.event_date) >= "2021-06-01" for e in seed_result.events)
    deal = [e for e in seed_result.background if e.sub_event_type == "Agreement"]
    assert deal and str(deal[0].event_date) == "2020-02-01" and deal[0].time_precision == 3


def test_every_field_is_backed_by_the_text(seed_result, seed_article):
    text = seed_article.text
    for ev in seed_result.events:
        assert ev.evidence, ev
        for span in [*ev.evidence, *ev.field_evidence.values()]:
            assert text[span.start : span.end] == span.text
        assert "event_type" in ev.field_evidence and "location" in ev.field_evidence


def test_attribution_names_who_said_it(seed_result):
    first = next(e for e in seed_result.events if e.sub_event_type == "Government regains territory")
    assert first.claimed_by == "Afghan authorities"
