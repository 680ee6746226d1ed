"""Checking a ledger held as a table: a pandas or polars DataFrame or an Arrow table with the
ledger's columns (docs/ledgers.md), the findings back as a table of the same kind.

The columns are found by the same header names and aliases as in a file (``column_map``
names others); the findings table has the columns of ``gkcli ledger check --format csv``
(``code, severity, file, row, line, column, value, id, rule, message, provisional``) with
typed values: ``row`` counts like a spreadsheet (header = row 1, first data row = 2),
``line`` is empty (a table has no physical lines). The check is the columnar kernel of
``gkcli.ledger.columnar``: findings are those of the per-row check, in its order.

pandas, polars and pyarrow are imported only when a table of theirs is passed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time
from typing import Any

from gkcli.core.dates import BEIJING
from gkcli.core.errors import InputError
from gkcli.core.i18n import Lang, LangLike
from gkcli.ledger.check import CheckOptions, LedgerCheck
from gkcli.ledger.codes import FindingCode
from gkcli.ledger.columnar import ColumnarLedger, check_columns
from gkcli.ledger.findings import Finding
from gkcli.ledger.read import Cell, LedgerFileError, LedgerRow, _find_header, as_cell

__all__ = ["FINDING_COLUMNS", "check_frame", "ledger_from_table"]

FINDING_COLUMNS: tuple[str, ...] = tuple(Finding(FindingCode.MISSING_COLUMN, "", "", "").as_record())
"""The findings table's columns: those of ``--format csv`` (a test keeps them equal)."""
_INTEGER_COLUMNS = ("row", "line")


def _library(table: object) -> str:
    return type(table).__module__.partition(".")[0]


def _pandas_cells(series: Any) -> list[Cell]:
    """A pandas column as cells: missing values as None, dates without a time as dates."""
    kind = series.dtype.kind
    if kind == "M":
        present = series.dropna()
        if series.dt.tz is None and (present.dt.normalize() == present).all():
            series = series.dt.date
    cells: list[Cell] = series.tolist()
    missing = series.isna()
    if missing.any():
        for at in missing.to_numpy().nonzero()[0].tolist():
            cells[at] = None
    return cells


def _polars_cells(series: Any) -> list[Cell]:
    return series.to_list()  # type: ignore[no-any-return]


def _arrow_cells(column: Any) -> list[Cell]:
    return column.to_pylist()  # type: ignore[no-any-return]


def _columns(table: object) -> tuple[list[str], list[list[Cell]]]:
    """The headers and cells of a supported table; a boolean cell as its text (``as_cell``)."""
    names, columns = _raw_columns(table)
    return names, [
        list(map(as_cell, column)) if any(isinstance(cell, bool) for cell in column) else column for column in columns
    ]


def _raw_columns(table: object) -> tuple[list[str], list[list[Cell]]]:
    library = _library(table)
    if library == "pandas" and hasattr(table, "columns") and hasattr(table, "iloc"):
        frame: Any = table
        names = [str(name) for name in frame.columns]
        return names, [_pandas_cells(frame.iloc[:, at]) for at in range(len(names))]
    if library == "polars" and hasattr(table, "get_columns"):
        frame = table
        return [str(name) for name in frame.columns], [_polars_cells(series) for series in frame.get_columns()]
    if library == "pyarrow" and hasattr(table, "column_names"):
        frame = table
        return [str(name) for name in frame.column_names], [_arrow_cells(column) for column in frame.columns]
    raise InputError(
        f"cannot check a {type(table).__name__}: pass a pandas or polars DataFrame or a pyarrow Table",
        f"无法检查 {type(table).__name__}：请传入 pandas 或 polars 的 DataFrame，或 pyarrow 的 Table",
    )


def _findings_table(library: str, records: list[dict[str, object]]) -> Any:
    """The records as a table of ``library``'s kind, typed, with the CSV columns in order."""
    if library == "pandas":
        import pandas as pd

        frame = pd.DataFrame.from_records(records, columns=list(FINDING_COLUMNS))
        types: dict[str, str] = dict.fromkeys(_INTEGER_COLUMNS, "Int64")
        types["provisional"] = "bool"
        return frame.astype(types)
    if library == "polars":
        import polars as pl

        schema: dict[str, Any] = dict.fromkeys(FINDING_COLUMNS, pl.String)
        schema.update(dict.fromkeys(_INTEGER_COLUMNS, pl.Int64), provisional=pl.Boolean)
        return pl.DataFrame(records, schema=schema, orient="row")
    import pyarrow as pa

    fields = [
        pa.field(name, pa.int64() if name in _INTEGER_COLUMNS else pa.bool_() if name == "provisional" else pa.string())
        for name in FINDING_COLUMNS
    ]
    return pa.Table.from_pylist(records, schema=pa.schema(fields))


def _default_checker(as_of: datetime | None, column_map: Mapping[str, str]) -> LedgerCheck:
    from gkcli.calendar.sources import load_calendar
    from gkcli.core.dates import beijing_today
    from gkcli.rules.catalogue import load_catalogue

    when = as_of or datetime.combine(beijing_today(), time(0), BEIJING)
    return LedgerCheck(load_calendar(), load_catalogue(), CheckOptions(as_of=when, column_map=dict(column_map)))


def check_frame(
    table: object,
    checker: LedgerCheck | None = None,
    *,
    as_of: datetime | None = None,
    column_map: Mapping[str, str] | None = None,
    name: str = "<table>",
    lang: LangLike = Lang.en,
) -> Any:
    """The findings of a ledger table, as a table of the same library (pandas, polars or
    pyarrow) with the columns of ``--format csv``; messages in ``lang``.

    ``checker`` carries the calendar, rules and options (``--as-of``, ``--warn-days``, …);
    without one, the shipped calendar and rules are used, as of ``as_of`` (default: the
    start of today, Beijing time). ``name`` fills the findings' ``file`` column.
    """
    checker = checker or _default_checker(as_of, column_map or {})
    mapping = dict(column_map) if column_map is not None else dict(checker.options.column_map)
    records: list[dict[str, object]]
    try:
        ledger = ledger_from_table(table, mapping)
    except LedgerFileError as error:
        finding = Finding(error.code, name, error.en, error.zh, line=error.line)
        records = [finding.as_record(lang)]
    else:
        records = [finding.as_record(lang) for finding in check_columns(checker, ledger, name)]
    return _findings_table(_library(table), records)


def ledger_from_table(table: object, column_map: Mapping[str, str], first_row: int = 2) -> ColumnarLedger:
    """A pandas/polars/Arrow table as a ``ColumnarLedger`` whose first data row is spreadsheet
    row ``first_row`` (a later partition of a split ledger starts further down);
    ``LedgerFileError`` (missing-column) when the required columns are not there."""
    headers, cells = _columns(table)
    _, positions, _ = _find_header(iter([LedgerRow(1, None, tuple(headers))]), column_map)
    size = len(cells[0]) if cells else 0
    return ColumnarLedger(tuple(headers), tuple(cells), positions, range(first_row, first_row + size))
