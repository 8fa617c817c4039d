"""District control from territory events."""

from __future__ import annotations

import datetime as dt

from sitrep.control import control_as_of, control_changes
from tests.dedup.test_merge import make_event


def _territory(day: int, sub: str, actor1: str, actor2: str = "", inter1: int = 2, admin2: str = "", event_id: int = 0):
    ev = make_event(event_date=dt.date(2021, 7, day), sub_event_type=sub, actor1=actor1, actor2=actor2, inter1=inter1, admin2=admin2)
    return {**ev.model_dump(), "id": event_id}


def test_control_follows_the_latest_change_of_hands_as_of_a_date():
    events = [
        _territory(1, "Non-state actor overtakes territory", "Taliban", "Military Forces of Afghanistan (2004-2021)", event_id=1),
        _territory(9, "Government regains territory", "Military Forces of Afghanistan (2004-2021)", "Taliban", inter1=1, event_id=2),
        make_event(sub_event_type="Armed clash").model_dump(),  # fighting does not change hands
    ]
    assert [c.controller for c in control_as_of(events, dt.date(2021, 7, 5))] == ["Taliban"]
    latest = control_as_of(events)
    assert [(c.controller, c.since, c.previous, c.event_id) for c in latest] == [
        ("Military Forces of Afghanistan (2004-2021)", dt.date(2021, 7, 9), "Taliban", 2)]
    assert control_as_of(events, dt.date(2021, 6, 30)) == []


def test_admin2_units_are_kept_apart_from_their_province():
    events = [
        _territory(2, "Non-state actor overtakes territory", "Taliban", admin2="Muqur", event_id=1),
        _territory(3, "Government regains territory", "Military Forces of Afghanistan (2004-2021)", inter1=1, event_id=2),
    ]
    units = {(c.level, c.admin2): c.controller for c in control_as_of(events)}
    assert units == {("admin2", "Muqur"): "Taliban", ("admin1", ""): "Military Forces of Afghanistan (2004-2021)"}


def test_a_foreign_force_handing_over_gives_control_to_actor2_and_same_day_regain_comes_last():
    handover = _territory(1, "Non-violent transfer of territory", "Military Forces of the United States",
                          "Military Forces of Afghanistan (2004-2021)", inter1=8, event_id=5)
    assert control_changes([handover])[0].controller == "Military Forces of Afghanistan (2004-2021)"
    same_day = [
        _territory(7, "Government regains territory", "Military Forces of Afghanistan (2004-2021)", "Taliban", inter1=1, event_id=1),
        _territory(7, "Non-state actor overtakes territory", "Taliban", "Police Forces of Afghanistan (2004-2021)", event_id=2),
    ]
    assert control_as_of(same_day)[0].controller == "Military Forces of Afghanistan (2004-2021)"
