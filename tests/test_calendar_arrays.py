"""The array API of ``WorkCalendar`` (docs/design.md §3): element for element the same answers
as the scalar methods, the same coverage errors, NaT in and missing out, and every input
container numpy reads as dates (numpy, pandas, polars, Arrow)."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gkcli import CalendarOptions, CalendarOutOfRange, InputError, WorkCalendar, load_calendar
from gkcli.calendar.provisional import provisional_year

CAL = load_calendar()
PROVISIONAL = load_calendar(CalendarOptions(provisional=True))
# Covered years with a hole (2022): runs 2019–2021 and 2023–2024.
GAPPED = WorkCalendar([provisional_year(year) for year in (2019, 2020, 2021, 2023, 2024)])
CALENDARS = {"shipped": CAL, "provisional": PROVISIONAL, "gapped": GAPPED}

# Dates reaching past every calendar's coverage on both sides, so the errors are exercised.
any_day = st.dates(min_value=date(2001, 12, 1), max_value=date(2038, 2, 1))
maybe_day = st.one_of(any_day, st.none())
counts = st.integers(min_value=-400, max_value=400)


def scalar_or_error(call, *args):
    try:
        return call(*args)
    except CalendarOutOfRange as error:
        return error


def as_dates(days):
    return np.array([np.datetime64(day, "D") if day is not None else np.datetime64("NaT") for day in days])


def expect_same(scalar_results, array_call):
    """The array call returns the scalar answers, or raises naming exactly the scalar's years."""
    years = {year for result in scalar_results if isinstance(result, CalendarOutOfRange) for year in result.years}
    if years:
        with pytest.raises(CalendarOutOfRange) as raised:
            array_call()
        assert raised.value.years == tuple(sorted(years))
        assert raised.value.exit_code == 3
        return None
    return array_call()


@settings(max_examples=150)
@given(st.sampled_from(sorted(CALENDARS)), st.lists(maybe_day, max_size=30), counts)
def test_add_one_count_equals_the_scalar(name, days, n):
    cal = CALENDARS[name]
    expected = [scalar_or_error(cal.add_workdays, day, n) if day else None for day in days]
    result = expect_same(expected, lambda: cal.add_workdays_array(as_dates(days), n))
    if result is not None:
        assert result.dtype == np.dtype("datetime64[D]")
        assert [None if np.isnat(value) else value.item() for value in result] == expected


@settings(max_examples=150)
@given(st.sampled_from(sorted(CALENDARS)), st.lists(st.tuples(maybe_day, counts), max_size=30))
def test_add_a_count_each_equals_the_scalar(name, pairs):
    cal = CALENDARS[name]
    days = [day for day, _ in pairs]
    ns = np.array([n for _, n in pairs], dtype=np.int64)
    expected = [scalar_or_error(cal.add_workdays, day, n) if day else None for day, n in pairs]
    result = expect_same(expected, lambda: cal.add_workdays_array(as_dates(days), ns))
    if result is not None:
        assert [None if np.isnat(value) else value.item() for value in result] == expected
    # With ``uncovered_nat``, NaT exactly where the scalar raises, and its answer elsewhere.
    lenient = cal.add_workdays_array(as_dates(days), ns, uncovered_nat=True)
    assert [None if np.isnat(value) else value.item() for value in lenient] == [
        None if isinstance(value, CalendarOutOfRange) else value for value in expected
    ]


@settings(max_examples=150)
@given(st.sampled_from(sorted(CALENDARS)), st.lists(st.tuples(maybe_day, maybe_day), max_size=30))
def test_count_equals_the_scalar(name, pairs):
    cal = CALENDARS[name]
    expected = [scalar_or_error(cal.count_workdays, a, b) if a and b else None for a, b in pairs]
    result = expect_same(
        expected, lambda: cal.count_workdays_array(as_dates([a for a, _ in pairs]), as_dates([b for _, b in pairs]))
    )
    if result is not None:
        assert result.dtype == np.int64
        assert result.tolist() == expected  # a masked entry reads as None


@settings(max_examples=150)
@given(st.sampled_from(sorted(CALENDARS)), st.lists(maybe_day, max_size=30))
def test_kind_and_is_workday_equal_the_scalar(name, days):
    cal = CALENDARS[name]
    kinds = [scalar_or_error(cal.kind, day) if day else None for day in days]
    result = expect_same(kinds, lambda: cal.kind_array(as_dates(days)))
    if result is not None:
        assert result.tolist() == kinds
        working = cal.is_workday_array(as_dates(days))
        assert working.tolist() == [None if day is None else cal.is_workday(day) for day in days]


def test_worked_examples_and_nat():
    days = np.array(["2016-07-08", "NaT", "2026-09-30", "2022-09-30"], dtype="datetime64[D]")
    due = CAL.add_workdays_array(days, np.array([3, 3, 3, 20]))
    assert due.astype(str).tolist() == ["2016-07-13", "NaT", "2026-10-10", "2022-11-02"]
    assert CAL.count_workdays_array(days, due).tolist() == [3, None, 3, 20]
    assert CAL.is_workday_array(due).tolist() == [True, None, True, True]


def test_an_uncovered_year_is_named_like_the_scalar_names_it():
    with pytest.raises(CalendarOutOfRange) as raised:
        CAL.add_workdays_array(["2026-12-30", "2026-01-05", "2031-03-03"], 5)
    assert raised.value.years == (2027, 2031)
    assert "2027, 2031" in raised.value.message("en") and "2027、2031" in raised.value.message("zh")
    # --provisional fills 2027 (docs/design.md §2.3)
    assert PROVISIONAL.add_workdays_array(["2026-12-30"], 5).astype(str).tolist() == [
        PROVISIONAL.add_workdays(date(2026, 12, 30), 5).isoformat()
    ]


@pytest.mark.parametrize(
    "container",
    [
        lambda days: days,
        lambda days: [date.fromisoformat(str(day)) for day in days],
        lambda days: [str(day) for day in days],
        lambda days: pd.Series(days),
        lambda days: pd.Series(pd.to_datetime(days) + pd.Timedelta(hours=15)),  # times: the day counts
        lambda days: pd.Series([date.fromisoformat(str(day)) for day in days], dtype=object),
        lambda days: pl.Series(days),
        lambda days: pl.Series(days).cast(pl.Datetime("us")),
        lambda days: pa.array(days),
        lambda days: pa.chunked_array([pa.array(days[:2]), pa.array(days[2:])]),
    ],
)
def test_every_container_numpy_reads_as_dates(container):
    days = np.array(["2016-07-08", "2026-09-30", "2022-09-30"], dtype="datetime64[D]")
    expected = [CAL.add_workdays(day.item(), 3) for day in days]
    assert CAL.add_workdays_array(container(days), 3).tolist() == expected


@pytest.mark.parametrize(
    "missing",
    [
        pd.Series([pd.Timestamp("2026-09-30"), pd.NaT]),
        pl.Series([date(2026, 9, 30), None]),
        pa.array([date(2026, 9, 30), None]),
    ],
)
def test_missing_values_of_each_container_give_nat(missing):
    assert CAL.add_workdays_array(missing, 3).astype(str).tolist() == ["2026-10-10", "NaT"]


@pytest.mark.parametrize(
    "zoned",
    [
        pd.Series(pd.to_datetime(["2026-09-30 20:00"]).tz_localize("UTC")),
        pl.Series([datetime(2026, 9, 30, 20)]).dt.replace_time_zone("UTC"),
        pa.array([datetime(2026, 9, 30, 20)], type=pa.timestamp("s", tz="UTC")),
    ],
)
def test_time_zones_are_refused_not_guessed(zoned):
    with pytest.raises(InputError, match="time zone"):
        CAL.add_workdays_array(zoned, 1)


def test_values_that_are_no_dates_or_counts_are_input_errors():
    with pytest.raises(InputError):
        CAL.is_workday_array(["tomorrow"])
    with pytest.raises(InputError):
        CAL.add_workdays_array(["2026-09-30"], 1.5)


def test_broadcasting_and_long_spans():
    start = np.arange(np.datetime64("2004-01-01"), np.datetime64("2026-12-31"), 7)
    due = CAL.add_workdays_array(start, 1)
    assert all(due[i].item() == CAL.add_workdays(start[i].item(), 1) for i in range(0, len(start), 97))
    counted = CAL.count_workdays_array(start, np.datetime64("2026-12-31"))
    assert counted[0] == CAL.count_workdays(date(2004, 1, 1), date(2026, 12, 31))
    assert CAL.count_workdays_array("2026-12-31", start)[0] == -counted[0]
    assert CAL.add_workdays_array(np.datetime64("2026-09-30"), [0, 1, -1]).tolist() == [
        date(2026, 9, 30),
        CAL.next_workday(date(2026, 9, 30)),
        CAL.prev_workday(date(2026, 9, 30)),
    ]
    assert CAL.add_workdays_array(start[:0], 3).shape == (0,)
