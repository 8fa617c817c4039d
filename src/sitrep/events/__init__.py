"""Event detection and ACLED coding."""

from sitrep.events.extract import EventExtractor, merge_events
from sitrep.events.taxonomy import EVENT_TYPES, SUB_EVENT_TYPES

__all__ = ["EVENT_TYPES", "SUB_EVENT_TYPES", "EventExtractor", "merge_events"]
