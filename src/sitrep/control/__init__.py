"""Who controls which district: a dated controller per admin2 (else admin1) unit, from territory events.

Only events that change hands count: a non-state actor overtakes territory, the government
regains it, or it is handed over without a fight. The controller is the actor that gains the
ground: actor1, except a foreign force handing over (actor1 external, inter 8), where it is actor2.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

TERRITORY_SUB_TYPES = (
    "Non-state actor overtakes territory",
    "Government regains territory",
    "Non-violent transfer of territory",
)


@dataclass(frozen=True)
class ControlChange:
    """From ``since``, ``controller`` holds the unit (country, admin1[, admin2])."""

    country: str
    admin1: str
    admin2: str
    level: str  # admin2 | admin1
    controller: str
    previous: str
    since: dt.date
    time_precision: int
    location: str
    sub_event_type: str
    event_id: int | None = None

    @property
    def unit(self) -> tuple[str, str, str]:
        return (self.country, self.admin1, self.admin2 if self.level == "admin2" else "")


def _get(event: Mapping[str, Any] | Any, name: str) -> Any:
    return event.get(name) if isinstance(event, Mapping) else getattr(event, name, None)


def control_changes(events: Iterable[Mapping[str, Any] | Any]) -> list[ControlChange]:
    """Every change of hands, oldest first (events as dicts or :class:`~sitrep.models.Event`)."""
    changes = []
    for ev in events:
        sub = _get(ev, "sub_event_type")
        if sub not in TERRITORY_SUB_TYPES or not _get(ev, "admin1"):
            continue
        actor1, actor2 = _get(ev, "actor1") or "", _get(ev, "actor2") or ""
        handed_over = sub == "Non-violent transfer of territory" and _get(ev, "inter1") == 8 and actor2
        controller, previous = (actor2, actor1) if handed_over else (actor1, actor2)
        admin2 = _get(ev, "admin2") or ""
        changes.append(ControlChange(
            country=_get(ev, "country") or "", admin1=_get(ev, "admin1"), admin2=admin2,
            level="admin2" if admin2 else "admin1", controller=controller, previous=previous,
            since=_get(ev, "event_date"), time_precision=_get(ev, "time_precision") or 1,
            location=_get(ev, "location") or "", sub_event_type=sub, event_id=_get(ev, "id"),
        ))
    # Same day: a regain follows the loss it undoes (reports often tell the outcome first).
    changes.sort(key=lambda c: (c.since, -c.time_precision, c.sub_event_type == "Government regains territory", c.event_id or 0))
    return changes


def control_as_of(events: Iterable[Mapping[str, Any] | Any], as_of: dt.date | None = None) -> list[ControlChange]:
    """The latest change per unit on or before ``as_of`` (default: all), by unit name."""
    latest: dict[tuple[str, str, str], ControlChange] = {}
    for change in control_changes(events):
        if as_of is None or change.since <= as_of:
            latest[change.unit] = change
    return sorted(latest.values(), key=lambda c: c.unit)


__all__ = ["TERRITORY_SUB_TYPES", "ControlChange", "control_as_of", "control_changes"]
