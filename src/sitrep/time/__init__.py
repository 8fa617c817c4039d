"""Dates: resolve what a report says ("last Thursday", "late last month") against its publication date.

Returns :class:`ResolvedDate` with ACLED's time precision: 1 the exact day is known, 2 the
week is known ("in recent days"), 3 only the month ("late last month", "February 2020").
Expressions that name no date ("the night", "several hours") resolve to ``None``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from sitrep.models import ResolvedDate

WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}
WEEKDAYS.update({name[:3]: i for name, i in list(WEEKDAYS.items())})
MONTHS: dict[str, int] = {}
for _i in range(1, 13):
    MONTHS[calendar.month_name[_i].lower()] = _i
    MONTHS[calendar.month_abbr[_i].lower()] = _i
MONTHS["sept"] = 9

_MONTH_RE = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY_RE = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_YEAR_RE = r"((?:19|20)\d\d)"

# Ordered: the first pattern that matches decides.
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE},?\s+{_YEAR_RE}\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR_RE}\b", re.I)
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?!\w)", re.I)
_MONTH_DAY = re.compile(rf"\b{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:,\s*)?\d{{3}})", re.I)
_PART_MONTH_YEAR = re.compile(rf"\b(early|mid|late|end of|beginning of|start of)?[\s-]*{_MONTH_RE}\s+(?:of\s+)?{_YEAR_RE}\b", re.I)
_PART_MONTH = re.compile(rf"\b(early|mid|late|end of|the end of|beginning of|start of|last|this|next)?[\s-]*{_MONTH_RE}(?!\w)", re.I)
_YEAR_ONLY = re.compile(rf"^(?:in\s+)?(?:early|mid|late)?[\s-]*{_YEAR_RE}$", re.I)
_WEEKDAY = re.compile(rf"\b(last|this|past|next)?\s*{_WEEKDAY_RE}\b", re.I)
_N_AGO = re.compile(r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(day|week|month|year)s?\s+ago\b", re.I)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

_PHRASES: list[tuple[re.Pattern[str], int, int]] = [
    # (pattern, days before the anchor, precision)
    (re.compile(r"\b(today|tonight|this (morning|afternoon|evening))\b", re.I), 0, 1),
    (re.compile(r"\b(yesterday|last night|overnight)\b", re.I), 1, 1),
    (re.compile(r"\bday before yesterday\b", re.I), 2, 1),
    (re.compile(r"\b(recent days|past (few|several|two|three) days|last (few|several|two|three) days|this week|earlier this week)\b", re.I), 2, 2),
    (re.compile(r"\b(over the weekend|this weekend|last weekend|the weekend)\b", re.I), -1, 2),  # handled below
    (re.compile(r"\b(last week|past week|previous week)\b", re.I), 7, 2),
    (re.compile(r"\b(recent weeks|past (few|several) weeks|last (few|several) weeks)\b", re.I), 14, 3),
]


def _shift_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year = day.year + month0 // 12
    month = month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _month_point(year: int, month: int, part: str | None) -> tuple[dt.date, int]:
    part = (part or "").lower().strip()
    last = calendar.monthrange(year, month)[1]
    if part == "early" or part in ("beginning of", "start of"):
        return dt.date(year, month, 5), 3
    if part == "mid":
        return dt.date(year, month, 15), 3
    if part in ("late",):
        return dt.date(year, month, min(25, last)), 3
    if part in ("end of", "the end of"):
        return dt.date(year, month, last), 3
    return dt.date(year, month, 1), 3


def _infer_year(month: int, day: int, anchor: dt.date) -> dt.date | None:
    """A day and month with no year: the occurrence nearest before (or just after) the anchor."""
    for year in (anchor.year, anchor.year - 1, anchor.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if candidate <= anchor + dt.timedelta(days=7):
            if (anchor - candidate).days <= 330:
                return candidate
    try:
        return dt.date(anchor.year, month, day)
    except ValueError:
        return None


def resolve_date(expression: str, anchor: dt.date) -> ResolvedDate | None:
    """Resolve one temporal expression relative to ``anchor`` (the publication date)."""
    text = " ".join(expression.replace("\u2019", "'").split())
    if not text:
        return None
    low = text.lower()

    def made(day: dt.date, precision: int) -> ResolvedDate:
        return ResolvedDate(date=day, precision=precision, expression=expression)

    if m := _ISO.search(text):
        try:
            return made(dt.date(int(m[1]), int(m[2]), int(m[3])), 1)
        except ValueError:
            return None
    if m := _DAY_MONTH_YEAR.search(text):
        try:
            return made(dt.date(int(m[3]), MONTHS[m[2].lower()], int(m[1])), 1)
        except ValueError:
            return None
    if m := _MONTH_DAY_YEAR.search(text):
        try:
            return made(dt.date(int(m[3]), MONTHS[m[1].lower()], int(m[2])), 1)
        except ValueError:
            return None
    if m := _DAY_MONTH.search(text):
        day = _infer_year(MONTHS[m[2].lower()], int(m[1]), anchor)
        return made(day, 1) if day else None
    if m := _MONTH_DAY.search(text):
        day = _infer_year(MONTHS[m[1].lower()], int(m[2]), anchor)
        return made(day, 1) if day else None
    if m := _PART_MONTH_YEAR.search(text):
        day, precision = _month_point(int(m[3]), MONTHS[m[2].lower()], m[1])
        return made(day, precision)
    if m := _N_AGO.search(text):
        n = int(m[1]) if m[1].isdigit() else _NUMBER_WORDS[m[1].lower()]
        unit = m[2].lower()
        if unit == "day":
            return made(anchor - dt.timedelta(days=n), 1)
        if unit == "week":
            return made(anchor - dt.timedelta(weeks=n), 2)
        if unit == "month":
            return made(_shift_months(anchor, -n), 3)
        return made(dt.date(anchor.year - n, anchor.month, 1), 3)
    if "month" in low:
        part = next((p for p in ("early", "mid", "late", "end of", "beginning of") if p in low), None)
        if re.search(r"\b(last|previous|past) month\b", low):
            prev = _shift_months(anchor.replace(day=1), -1)
            day, precision = _month_point(prev.year, prev.month, part)
            return made(day, precision)
        if re.search(r"\bthis month\b", low):
            day, precision = _month_point(anchor.year, anchor.month, part)
            return made(min(day, anchor), precision)
    for pattern, days_back, precision in _PHRASES:
        if pattern.search(text):
            if days_back == -1:  # the most recent Saturday
                back = (anchor.weekday() - 5) % 7 or 7
                return made(anchor - dt.timedelta(days=back), precision)
            return made(anchor - dt.timedelta(days=days_back), precision)
    if m := _WEEKDAY.search(text):
        modifier = (m[1] or "").lower()
        target = WEEKDAYS[m[2].capitalize()]
        back = (anchor.weekday() - target) % 7
        if modifier == "next":
            return None
        if modifier in ("last", "past") and back == 0:
            back = 7
        return made(anchor - dt.timedelta(days=back), 1)
    if m := _PART_MONTH.search(text):
        modifier = (m[1] or "").lower()
        month = MONTHS[m[2].lower()]
        if modifier == "next":
            return None
        year = anchor.year if month <= anchor.month else anchor.year - 1
        if modifier == "last" and month == anchor.month:
            year -= 1
        part = modifier if modifier in ("early", "mid", "late", "end of", "the end of", "beginning of", "start of") else None
        day, precision = _month_point(year, month, part)
        return made(day, precision)
    if m := _YEAR_ONLY.search(text):
        return made(dt.date(int(m[1]), 1, 1), 3)
    if re.search(r"\b(last|past|previous) year\b", low):
        return made(dt.date(anchor.year - 1, 1, 1), 3)
    if re.search(r"\bthis year\b", low):
        return made(dt.date(anchor.year, 1, 1), 3)
    if m := re.search(rf"\b{_YEAR_RE}\b", text):
        return made(dt.date(int(m[1]), 1, 1), 3)
    return None


__all__ = ["resolve_date"]
