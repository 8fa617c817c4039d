"""Merge the same event told by several reports into one event that lists every source.

Two reports tell the same event when they have the same event type, nearby places, dates
within their precision and compatible actors, and come from different articles (one article's
distinct events were already kept apart by the extractor). The merged event keeps the most
precise date and place any report gives, the most specific actors, and ACLED's conservative
fatality rule: the lowest figure a report gives, with every report's own figure kept beside it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from sitrep.actors import strip_period
from sitrep.events.taxonomy import PRIORITY
from sitrep.geo.gazetteer import haversine_km
from sitrep.models import Event

# How far apart two reports of one event may date it, by ACLED time precision (days).
DATE_SLACK_DAYS = {1: 1, 2: 7, 3: 31}
# How far apart two reports of one event may place it, by ACLED geo precision (km).
PLACE_SLACK_KM = {1: 25.0, 2: 60.0, 3: 150.0}
_GENERIC_ACTORS = re.compile(r"^(Unidentified Armed Group|Civilians|Protesters|Rioters)\b")
_COUNTRY_OF = re.compile(r"^(?:Military|Police|Government) Forces? of |^Government of ")


@dataclass
class Report:
    """One article's telling of one event."""

    article_key: str
    event: Event
    source: str = ""


@dataclass
class MergedEvent:
    """An event as told by one or more reports."""

    event: Event
    reports: list[Report] = field(default_factory=list)

    @property
    def fatalities_by_source(self) -> list[tuple[str, int]]:
        return [(r.source or r.article_key, r.event.fatalities) for r in self.reports]


def _km(a: Event, b: Event) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]


def is_generic(actor: str) -> bool:
    """Role actors (civilians, unidentified gunmen) say too little to tell two events apart."""
    return not actor or bool(_GENERIC_ACTORS.match(actor))


def _state_country(actor: str) -> str | None:
    m = _COUNTRY_OF.match(actor)
    return strip_period(actor[m.end():]) if m else None


def _actor_compatible(a: str, b: str) -> bool:
    if is_generic(a) or is_generic(b):
        return True
    if strip_period(a) == strip_period(b):
        return True
    # "Military Forces of Kenya" and "Police Forces of Kenya": one state, told two ways.
    ca, cb = _state_country(a), _state_country(b)
    return ca is not None and ca == cb


def actors_compatible(a: Event, b: Event) -> bool:
    """Every specific actor on one side has a counterpart on the other (either order)."""
    straight = _actor_compatible(a.actor1, b.actor1) and _actor_compatible(a.actor2, b.actor2)
    crossed = _actor_compatible(a.actor1, b.actor2) and _actor_compatible(a.actor2, b.actor1)
    return straight or crossed


def dates_compatible(a: Event, b: Event) -> bool:
    slack = max(DATE_SLACK_DAYS.get(a.time_precision, 1), DATE_SLACK_DAYS.get(b.time_precision, 1))
    return abs((a.event_date - b.event_date).days) <= slack


def places_compatible(a: Event, b: Event) -> bool:
    if a.country and b.country and a.country != b.country:
        return False
    if 3 in (a.geo_precision, b.geo_precision) and a.country and a.country == b.country:
        return True  # a report that only names the country fits any place in it
    km = _km(a, b)
    if km is None:
        return bool(a.admin1) and a.admin1 == b.admin1
    slack = max(PLACE_SLACK_KM.get(a.geo_precision or 1, 25.0), PLACE_SLACK_KM.get(b.geo_precision or 1, 25.0))
    return km <= slack


# A bombing that kills civilians is told as "an attack on civilians" by one report and as an
# explosion by another; ACLED codes it as the explosion, with civilians as actor2.
_BOMBING_TOLD_AS_ATTACK = {"Explosions/Remote violence", "Violence against civilians"}


def mergeable_types(event_type: str) -> tuple[str, ...]:
    """The event types a report of this type may be merged with (for a store's pre-filter)."""
    return tuple(sorted(_BOMBING_TOLD_AS_ATTACK)) if event_type in _BOMBING_TOLD_AS_ATTACK else (event_type,)


def types_compatible(a: Event, b: Event) -> bool:
    if a.event_type != b.event_type:
        pair = {a.event_type, b.event_type}
        vac = a if a.event_type == "Violence against civilians" else b
        return pair == _BOMBING_TOLD_AS_ATTACK and vac.sub_event_type == "Attack"
    # Strategic developments are distinct kinds of thing (an arrest is not an agreement).
    return a.event_type != "Strategic developments" or a.sub_event_type == b.sub_event_type


def same_event(a: Event, b: Event) -> bool:
    """Whether two reports tell one event."""
    return types_compatible(a, b) and dates_compatible(a, b) and places_compatible(a, b) and actors_compatible(a, b)


def distance(a: Event, b: Event) -> float:
    """How far apart two matching reports are: days, plus 25 km as a day, plus half a day for a type told differently."""
    km = _km(a, b)
    return abs((a.event_date - b.event_date).days) + (km / 25.0 if km is not None else 1.0) + 0.5 * (a.event_type != b.event_type)


def conservative_fatalities(figures: Iterable[int]) -> int:
    """ACLED: when reports disagree, the lowest reported figure stands (a report silent on deaths is not a zero)."""
    reported = [f for f in figures if f > 0]
    return min(reported) if reported else 0


def _join_unique(values: Iterable[str]) -> str:
    seen: list[str] = []
    for value in values:
        for part in (p.strip() for p in value.split(";")):
            if part and part not in seen:
                seen.append(part)
    return "; ".join(seen)


def merge_reports(reports: list[Report]) -> Event:
    """One event from several reports of it: the most precise date and place, the most specific actors."""
    if len(reports) == 1:
        return reports[0].event.model_copy(deep=True)
    events = [r.event for r in reports]
    best_time = min(e.time_precision for e in events)
    dated = [e for e in events if e.time_precision == best_time]
    day = Counter(e.event_date for e in dated).most_common()
    top = max(count for _, count in day)
    date_from = next(e for e in dated if e.event_date == min(d for d, c in day if c == top))
    place_from = min(events, key=lambda e: (e.geo_precision or 9, e.latitude is None))
    sub_from = max(events, key=lambda e: (e.event_type == "Explosions/Remote violence", PRIORITY.get(e.sub_event_type, 0)))
    actors_from = max(events, key=lambda e: (e is sub_from) * 0.25 + (not is_generic(e.actor1)) + (not is_generic(e.actor2)) * 0.5)

    merged = events[0].model_copy(deep=True)
    merged.event_date, merged.time_precision = date_from.event_date, date_from.time_precision
    for col in ("country", "iso", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision"):
        setattr(merged, col, getattr(place_from, col))
    merged.event_type, merged.sub_event_type = sub_from.event_type, sub_from.sub_event_type
    for col in ("actor1", "inter1", "actor2", "inter2", "interaction", "assoc_actor_1", "assoc_actor_2"):
        setattr(merged, col, getattr(actors_from, col))
    merged.fatalities = conservative_fatalities(e.fatalities for e in events)
    merged.source = _join_unique(r.source or r.event.source for r in reports)
    merged.source_scale = _join_unique(e.source_scale for e in events)
    merged.claimed_by = next((e.claimed_by for e in events if e.claimed_by), "")
    merged.evidence = [sp for e in events for sp in e.evidence]
    picked = {"event_date": date_from, "time_precision": date_from, "location": place_from, "sub_event_type": sub_from,
              "event_type": sub_from, "actor1": actors_from, "actor2": actors_from}
    merged.field_evidence = {}
    for e in events:
        for name, span in e.field_evidence.items():
            merged.field_evidence.setdefault(name, span)
    for name, source in picked.items():
        if name in source.field_evidence:
            merged.field_evidence[name] = source.field_evidence[name]
    return merged


def cluster(reports: Iterable[Report]) -> list[MergedEvent]:
    """Group reports into events, in date order; a report joins the first event it matches."""
    merged: list[MergedEvent] = []
    for report in sorted(reports, key=lambda r: (r.event.event_date, r.article_key)):
        target = find_match(report, merged)
        if target is None:
            merged.append(MergedEvent(report.event.model_copy(deep=True), [report]))
        else:
            target.reports.append(report)
            target.event = merge_reports(target.reports)
    return merged


def find_match(report: Report, candidates: Iterable[MergedEvent]) -> MergedEvent | None:
    """The closest event this report tells again, if any.

    Never one its own article already told: within one article the extractor kept distinct
    events apart on purpose.
    """
    best: tuple[float, MergedEvent] | None = None
    for candidate in candidates:
        if not same_event(candidate.event, report.event):
            continue
        if any(r.article_key == report.article_key for r in candidate.reports):
            continue
        score = distance(candidate.event, report.event)
        if best is None or score < best[0]:
            best = (score, candidate)
    return best[1] if best else None


__all__ = [
    "DATE_SLACK_DAYS", "PLACE_SLACK_KM", "MergedEvent", "Report", "actors_compatible", "cluster",
    "conservative_fatalities", "dates_compatible", "distance", "mergeable_types", "find_match", "is_generic", "merge_reports",
    "places_compatible", "same_event", "types_compatible",
]
