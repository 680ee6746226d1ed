"""``gkcli.duckdb.register`` (docs/design.md §3): the SQL functions give the scalar methods'
answers on every row, NULL for NULL, and the calendar's own error for an uncovered year."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

import gkcli.duckdb
from gkcli import CalendarOptions, load_calendar

CAL = load_calendar()


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    assert gkcli.duckdb.register(connection) is connection
    yield connection
    connection.close()


def test_every_day_of_ten_years_agrees_with_the_scalar_methods(con):
    rows = con.sql(
        """
        SELECT d::DATE AS d, (hash(d) % 41)::INTEGER - 20 AS n,
               gk_add_workdays(d::DATE, (hash(d) % 41)::INTEGER - 20) AS due,
               gk_count_workdays(d::DATE, DATE '2026-06-30') AS counted,
               gk_is_workday(d::DATE) AS working
        FROM range(DATE '2016-01-01', DATE '2026-06-30', INTERVAL 1 DAY) t(d)
        """
    ).fetchall()
    assert len(rows) > 3800
    for day, n, due, counted, working in rows:
        assert due == CAL.add_workdays(day, n)
        assert counted == CAL.count_workdays(day, date(2026, 6, 30))
        assert working == CAL.is_workday(day)


def test_null_in_null_out(con):
    assert con.sql(
        "SELECT gk_add_workdays(NULL, 3), gk_add_workdays(DATE '2026-09-30', NULL), "
        "gk_count_workdays(DATE '2026-09-30', NULL), gk_is_workday(NULL), gk_add_workdays(DATE '2026-09-30', 3)"
    ).fetchall() == [(None, None, None, None, date(2026, 10, 10))]


def test_an_uncovered_year_fails_the_query_with_the_calendar_message(con):
    with pytest.raises(duckdb.Error, match="no official holiday arrangement for 2030"):
        con.sql("SELECT gk_add_workdays(DATE '2030-03-02', 1)").fetchall()


def test_a_calendar_of_ones_own():
    connection = gkcli.duckdb.register(duckdb.connect(), load_calendar(CalendarOptions(provisional=True)))
    assert connection.sql("SELECT gk_is_workday(DATE '2027-05-03')").fetchall() == [(False,)]
