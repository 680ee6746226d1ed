"""Working-day arithmetic in DuckDB SQL: ``register(connection)`` adds vectorised functions on
the calendar's array API (docs/design.md §3), called once per batch of rows, not per row::

    import duckdb, gkcli.duckdb
    con = duckdb.connect()
    gkcli.duckdb.register(con)
    con.sql("SELECT gk_add_workdays(DATE '2026-09-30', 3)")          -- 2026-10-10

- ``gk_add_workdays(day DATE, n INTEGER) -> DATE``: the n-th working day after ``day``
  (before it when n < 0; the start day never counts, 民法典 Art. 201);
- ``gk_count_workdays(start DATE, end DATE) -> INTEGER``: working days in (start, end];
- ``gk_is_workday(day DATE) -> BOOLEAN``.

NULL in gives NULL out. A day in a year no calendar source covers makes the query fail
with the calendar's message naming the years (docs/design.md §2.3). Needs the optional
extra ``gkcli[duckdb]``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gkcli.calendar.index import WorkCalendar

__all__ = ["FUNCTIONS", "register"]

FUNCTIONS = ("gk_add_workdays", "gk_count_workdays", "gk_is_workday")


def _dates(column: Any) -> Any:
    """An Arrow DATE column as numpy ``datetime64[D]`` (NULL as NaT)."""
    import pyarrow.compute as pc

    return pc.cast(column, "date32").to_numpy(zero_copy_only=False).astype("datetime64[D]")


def register(connection: Any, calendar: WorkCalendar | None = None) -> Any:
    """Add the ``gk_*`` functions to a DuckDB ``connection``, computed on ``calendar`` (the
    shipped one by default; pass one loaded with ``CalendarOptions`` for user data, a region
    or ``--provisional``). Returns the connection."""
    import duckdb
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from gkcli.calendar.sources import load_calendar

    cal = calendar or load_calendar()
    date, integer, boolean = duckdb.sqltype("DATE"), duckdb.sqltype("INTEGER"), duckdb.sqltype("BOOLEAN")

    def add_workdays(days: Any, counts: Any) -> Any:
        missing = pc.or_(pc.is_null(days), pc.is_null(counts)).to_numpy(zero_copy_only=False)
        n = pc.fill_null(counts, 0).to_numpy(zero_copy_only=False).astype(np.int64)
        start = _dates(days)
        start[missing] = np.datetime64("NaT")
        result = cal.add_workdays_array(start, n)
        return pa.array(result, type=pa.date32(), mask=missing)

    def count_workdays(start: Any, end: Any) -> Any:
        counted = cal.count_workdays_array(_dates(start), _dates(end))
        return pa.array(counted.filled(0), type=pa.int32(), mask=np.ma.getmaskarray(counted))

    def is_workday(days: Any) -> Any:
        working = cal.is_workday_array(_dates(days))
        return pa.array(working.filled(False), type=pa.bool_(), mask=np.ma.getmaskarray(working))

    for name, function, parameters, returns in (
        ("gk_add_workdays", add_workdays, [date, integer], date),
        ("gk_count_workdays", count_workdays, [date, date], integer),
        ("gk_is_workday", is_workday, [date], boolean),
    ):
        connection.create_function(name, function, parameters, returns, type="arrow", null_handling="special")
    return connection
