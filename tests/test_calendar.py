"""The calendar engine: day kinds, the worked examples of docs/design.md §4, coverage errors."""

from __future__ import annotations

from datetime import date

import pytest

from gkcli import CalendarOutOfRange, DayKind, load_calendar


@pytest.fixture(scope="module")
def cal():
    return load_calendar()


def test_day_kinds_around_national_day_2026(cal):
    assert cal.kind(date(2026, 9, 30)) is DayKind.WORKDAY
    assert cal.kind(date(2026, 10, 3)) is DayKind.HOLIDAY
    assert cal.day_info(date(2026, 10, 3)).name == "国庆节"
    assert cal.kind(date(2026, 10, 10)) is DayKind.MAKEUP
    assert cal.kind(date(2026, 10, 11)) is DayKind.WEEKEND


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        (date(2016, 7, 8), 3, date(2016, 7, 13)),  # interpretation, docs/design.md §4
        (date(2016, 7, 8), 30, date(2016, 8, 19)),  # implementation-plan
        (date(2026, 9, 30), 3, date(2026, 10, 10)),  # through 国庆节 onto a make-up Saturday
        (date(2022, 9, 30), 20, date(2022, 11, 2)),  # request-reply; 10-08/09 were make-up days
    ],
)
def test_worked_examples(cal, start, n, due):
    assert cal.add_workdays(start, n) == due
    assert cal.count_workdays(start, due) == n


def test_rest_day_trigger_counts_from_next_working_day(cal):
    assert cal.add_workdays(date(2016, 7, 9), 3) == cal.add_workdays(date(2016, 7, 8), 3)


def test_negative_and_zero(cal):
    assert cal.add_workdays(date(2026, 10, 10), -3) == date(2026, 9, 30)
    assert cal.add_workdays(date(2026, 10, 3), 0) == date(2026, 10, 3)
    assert cal.prev_workday(date(2026, 10, 8)) == date(2026, 9, 30)
    assert cal.count_workdays(date(2026, 10, 10), date(2026, 9, 30)) == -3


def test_correction_2005_12_31_is_a_makeup_day(cal):
    info = cal.day_info(date(2005, 12, 31))
    assert info.kind is DayKind.MAKEUP
    assert "2006" in info.source.source


@pytest.mark.parametrize(
    ("call", "year"),
    [
        (lambda c: c.add_workdays(date(2026, 12, 20), 20), 2027),
        (lambda c: c.is_workday(date(2027, 1, 4)), 2027),
        (lambda c: c.add_workdays(date(2004, 1, 5), -5), 2003),
        (lambda c: c.count_workdays(date(2026, 12, 1), date(2027, 1, 5)), 2027),
    ],
)
def test_uncovered_year_is_an_error_naming_it(cal, call, year):
    with pytest.raises(CalendarOutOfRange) as caught:
        call(cal)
    assert caught.value.year == year
    assert caught.value.exit_code == 3
    assert "gkcli holidays import" in caught.value.message("en")


def test_beyond_the_provisional_window_the_error_does_not_suggest_provisional():
    from gkcli import CalendarOptions

    provisional = load_calendar(CalendarOptions(provisional=True))
    first, last = min(provisional.coverage), max(provisional.coverage)
    assert provisional.year_data(last).provisional
    with pytest.raises(CalendarOutOfRange) as caught:
        provisional.is_workday(date(last + 1, 1, 2))
    message = caught.value.message("en")
    assert caught.value.year == last + 1 and f"--provisional reaches only {first}–{last}" in message
    assert "pass --provisional" not in message
