import datetime as dt

import pytest

from sitrep.time import resolve_date

WED = dt.date(2021, 7, 7)  # the seed report's publication day, a Wednesday


@pytest.mark.parametrize(
    ("expression", "expected", "precision"),
    [
        ("Wednesday", "2021-07-07", 1),
        ("July 7", "2021-07-07", 1),
        ("Tuesday", "2021-07-06", 1),
        ("On Tuesday", "2021-07-06", 1),
        ("Last Thursday", "2021-07-01", 1),
        ("last Wednesday", "2021-06-30", 1),
        ("yesterday", "2021-07-06", 1),
        ("two days ago", "2021-07-05", 1),
        ("recent days", "2021-07-05", 2),
        ("in recent days", "2021-07-05", 2),
        ("last week", "2021-06-30", 2),
        ("Late last month", "2021-06-25", 3),
        ("earlier this month", "2021-07-01", 3),
        ("February 2020", "2020-02-01", 3),
        ("last September", "2020-09-01", 3),
        ("mid-April", "2021-04-15", 3),
        ("May 1", "2021-05-01", 1),
        ("9 May 2020", "2020-05-09", 1),
        ("May 9, 2020", "2020-05-09", 1),
        ("2020-05-09", "2020-05-09", 1),
        ("30 April", "2021-04-30", 1),
    ],
)
def test_relative_and_absolute_dates(expression, expected, precision):
    resolved = resolve_date(expression, WED)
    assert resolved is not None, expression
    assert resolved.date == dt.date.fromisoformat(expected)
    assert resolved.precision == precision


@pytest.mark.parametrize("expression", ["the night", "several hours", "late afternoon", "the day", "next Tuesday", ""])
def test_expressions_that_name_no_past_date(expression):
    assert resolve_date(expression, WED) is None


def test_year_rollover_counts_back_not_forward():
    # A report of 3 January about "December 28" means the previous year.
    assert resolve_date("December 28", dt.date(2022, 1, 3)).date == dt.date(2021, 12, 28)


def test_invalid_calendar_dates_are_rejected_not_invented():
    assert resolve_date("31 February 2020", WED) is None
