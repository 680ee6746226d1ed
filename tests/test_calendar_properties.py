"""The invariants of docs/design.md §3, property-based, on the assembled calendar (2004–2026):
``add`` lands on a working day, ``count`` inverts it, both are monotonic, and each equals
the brute-force day-by-day walk over ``day_info``."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from gkcli import DayKind, load_calendar

CAL = load_calendar()
# Leave room at both ends so that add(d, ±n) stays inside 2004..2026 for n <= MAX_N.
MAX_N = 250
EARLIEST = date(2005, 2, 1)
LATEST = date(2025, 11, 30)

days = st.dates(min_value=EARLIEST, max_value=LATEST)
counts = st.integers(min_value=1, max_value=MAX_N)
any_covered_day = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 12, 31))


def walk(start: date, n: int) -> date:
    """The n-th working day after (n > 0) or before (n < 0) ``start``, one day at a time."""
    step = timedelta(1 if n > 0 else -1)
    day, left = start, abs(n)
    while left:
        day += step
        if CAL.day_info(day).kind in (DayKind.WORKDAY, DayKind.MAKEUP):
            left -= 1
    return day


@given(days, counts)
def test_add_lands_on_a_working_day_after_the_start(d, n):
    result = CAL.add_workdays(d, n)
    assert result > d
    assert CAL.is_workday(result)


@given(days, counts)
def test_count_inverts_add(d, n):
    assert CAL.count_workdays(d, CAL.add_workdays(d, n)) == n


@given(days, counts)
def test_add_backwards(d, n):
    """``add(d, -n)`` is the n-th working day strictly before d. ``count`` includes its end,
    so counting back to d gives n when d is a working day and n - 1 when it is a rest day."""
    back = CAL.add_workdays(d, -n)
    assert back < d
    assert CAL.is_workday(back)
    assert CAL.count_workdays(back, d) == (n if CAL.is_workday(d) else n - 1)
    assert CAL.count_workdays(d, back) == -CAL.count_workdays(back, d)


@given(days.filter(CAL.is_workday), counts)
def test_add_back_then_forward_returns_to_a_working_day(d, n):
    assert CAL.add_workdays(CAL.add_workdays(d, -n), n) == d


@given(days, days, counts)
def test_add_is_monotonic_in_the_start(d1, d2, n):
    low, high = sorted((d1, d2))
    assert CAL.add_workdays(low, n) <= CAL.add_workdays(high, n)
    assert CAL.add_workdays(low, -n) <= CAL.add_workdays(high, -n)


@given(days, counts, counts)
def test_add_is_strictly_monotonic_in_n(d, n1, n2):
    low, high = sorted((n1, n2))
    assert (CAL.add_workdays(d, low) < CAL.add_workdays(d, high)) == (low < high)
    assert (CAL.add_workdays(d, -low) > CAL.add_workdays(d, -high)) == (low < high)


@settings(max_examples=200)
@given(days, st.integers(min_value=-MAX_N, max_value=MAX_N).filter(bool))
def test_add_equals_the_day_by_day_walk(d, n):
    assert CAL.add_workdays(d, n) == walk(d, n)


@given(days, days)
def test_count_equals_the_day_by_day_walk(a, b):
    low, high = sorted((a, b))
    walked = sum(info.is_working for info in CAL.days(low + timedelta(1), high)) if low < high else 0
    assert CAL.count_workdays(low, high) == walked
    assert CAL.count_workdays(high, low) == -walked


@given(days)
def test_next_and_prev_agree_with_the_walk(d):
    assert CAL.next_workday(d) == walk(d, 1)
    assert CAL.prev_workday(d) == walk(d, -1)
    assert CAL.workday_on_or_after(d) == (d if CAL.is_workday(d) else walk(d, 1))


@given(any_covered_day)
def test_is_workday_agrees_with_kind(d):
    kind = CAL.kind(d)
    assert CAL.is_workday(d) == (kind in (DayKind.WORKDAY, DayKind.MAKEUP))
    assert CAL.day_info(d).kind is kind
    if kind is DayKind.MAKEUP or kind is DayKind.WEEKEND:
        assert d.weekday() >= 5
    if d.weekday() < 5:
        assert kind in (DayKind.WORKDAY, DayKind.HOLIDAY)


@given(any_covered_day)
def test_add_zero_is_the_start(d):
    assert CAL.add_workdays(d, 0) == d
