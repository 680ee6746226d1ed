"""The columnar ledger kernel: most rows of a ledger are settled by array arithmetic, and
only the rest take the per-row check (docs/ledgers.md, docs/design.md §5).

A row is *settled* when its answer is known to be "on time, no finding": its rule counts
days (not hours, a minimum period or recurring events), its start and done cells are plain
``YYYY-MM-DD`` dates with start <= done <= the due date, the extension is empty or a
whole number, there are no pauses or restart, its id occurs once, and no provisional year
lies between the start and the due date (docs/design.md §2.3). Deadlines are computed by
the deadline engine itself, once per distinct (rule, start, extension); the comparison of
a million done dates against their due dates is a few numpy passes.

A row that is *simply late* (the same conditions, done after the due day) or *simply
overdue* (no done date, due before the ``--as-of`` day in Beijing) is judged here too:
its working days late or overdue are one array call, and its one finding is made from
the arrays, worded as the per-row check words it (``row_verdicts``, ``kernel_rows``).
Every other row — open and not yet due, invalid, paused, an hour rule, a duplicated id
and the first row of that id, a provisional year — goes through ``FileCheck.results`` in
its original order, the kernel's findings between its own, so the findings, their order
and their wording are those of the per-row check. A settled or judged row changes no
state of the check but the counts of rows and open rows (not duplicate ids, recurring
events or provisional years), which is what makes skipping it exact.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, partial
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
from numpy.typing import NDArray

from gkcli.core.dates import ParsedDate, to_beijing
from gkcli.core.errors import GkcliError
from gkcli.deadlines.engine import compute_deadline
from gkcli.deadlines.model import DEFAULT_OPTIONS, CountingOptions
from gkcli.deadlines.units import UNITS, RowJudgement
from gkcli.deadlines.units.calendar_span import CalendarSpanUnit
from gkcli.ledger.batch import NO_LINE, FindingBatch, object_column
from gkcli.ledger.cells import CACHE_LIMIT, parse_date_cell
from gkcli.ledger.check import LedgerCheck, no_done_column
from gkcli.ledger.duplicates import DuplicateIds
from gkcli.ledger.findings import Finding
from gkcli.ledger.judge import JudgedRows
from gkcli.ledger.read import (
    Cell,
    LedgerFileError,
    LedgerRow,
    LedgerTable,
    RowBlock,
    cell_text,
    collector_paused,
    is_filled,
)
from gkcli.rules.catalogue import Rule, Unit

if TYPE_CHECKING:
    from gkcli.calendar.index import WorkCalendar
    from gkcli.ledger.rawcsv import RawBlock

__all__ = [
    "LATE",
    "ON_TIME",
    "OVERDUE",
    "PER_ROW",
    "ColumnarLedger",
    "DueTable",
    "RawLedger",
    "Verdicts",
    "block_ledger",
    "check_columns",
    "check_rows",
    "due_table",
    "id_hashes",
    "kernel_rows",
    "raw_cell_arrays",
    "read_columns",
    "row_verdicts",
    "settled_rows",
    "shared_hashes",
    "unsettled_table",
]

# Markers in arrays of days since 1970, below every day a date can be (-719,162 is 0001-01-01).
_UNSETTLED = -(1 << 40)  # no day the kernel can use: the per-row check decides
_BLANK = -(1 << 41)  # an empty cell
_UNKNOWN = -(1 << 42)  # not in a memo yet
_EPOCH = date(1970, 1, 1).toordinal()
_NAT = np.iinfo(np.int64).min  # NaT as days since 1970
# Units whose on-time test is "done on or before the due date" with no other state: a
# deadline (not a check) due at the end of a day, not at an instant.
_DAY_UNITS = frozenset(
    unit for unit, period in UNITS.items() if period.ledger_judgement is RowJudgement.DEADLINE and not period.timed
)


@dataclass(frozen=True)
class ColumnarLedger:
    """A ledger held as columns: ``headers`` as found, ``columns`` the cells under each
    header (all of one length), ``positions`` where each canonical column is, and the
    spreadsheet ``row`` (and physical ``line``, for a file) of each data row."""

    headers: tuple[str, ...]
    columns: tuple[Sequence[Cell], ...]
    positions: Mapping[str, int]
    rows: Sequence[int]
    lines: Sequence[int | None] | None = None
    beyond: Mapping[int, tuple[Cell, ...]] = field(default_factory=dict)
    """Cells past the header, by row position: never checked, but a row holding only
    such cells is no empty row (docs/ledgers.md)."""
    long: Mapping[int, LedgerRow] = field(default_factory=dict)
    """The rows with a cell over a limit (``LedgerRow.too_long``), by row position, as read:
    never settled, so their finding comes from the per-row check, in order."""
    short: Mapping[int, Sequence[Cell]] = field(default_factory=dict)
    """Rows read with fewer cells than headers, as read, by row position (their columns
    hold ``""`` past their end)."""

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> Sequence[Cell]:
        """The cells of a canonical column; all empty when the ledger has none."""
        index = self.positions.get(name)
        return self.columns[index] if index is not None else (None,) * len(self)

    def identifiers(self, at: NDArray[np.int64]) -> NDArray[np.object_]:
        """The ids of rows ``at`` as the per-row check reads them (None when empty)."""
        column = self.column("id")
        return np.array([cell_text(column[position]) or None for position in at.tolist()], dtype=object)

    def row(self, at: int) -> LedgerRow:
        if at in self.long:
            return self.long[at]
        line = self.lines[at] if self.lines is not None else None
        if at in self.short:
            return LedgerRow(self.rows[at], line, tuple(self.short[at]))
        cells = tuple(column[at] for column in self.columns)
        return LedgerRow(self.rows[at], line, cells + self.beyond[at] if at in self.beyond else cells)


def block_ledger(table: LedgerTable, block: RowBlock) -> ColumnarLedger:
    """A block of an opened ledger's rows (``LedgerTable.blocks``) as columns. A short row
    reads ``""`` past its end, as in the per-row check (``rows.RowReader``), and is kept as
    read; the cells of a long one past the header are kept aside. The rows die here: only
    their cells live on, in the columns."""
    width = len(table.headers)
    cells: Sequence[Sequence[Cell]] = block.cells
    beyond: dict[int, tuple[Cell, ...]] = {}
    short: dict[int, Sequence[Cell]] = {}
    if cells and set(map(len, cells)) != {width}:
        padding = ("",) * width
        for at, row in enumerate(cells):
            if len(row) > width:
                beyond[at] = tuple(row[width:])
            elif len(row) < width:
                short[at] = row
        cells = [row if len(row) == width else (*row[:width], *padding[len(row) :]) for row in cells]
    columns = tuple(zip(*cells, strict=True)) if cells else ((),) * width
    return ColumnarLedger(
        table.headers, columns, dict(table.positions), block.rows, block.lines, beyond, block.long, short
    )


def read_columns(table: LedgerTable) -> ColumnarLedger:
    """Every data row of an opened ledger as one ``ColumnarLedger`` (``LedgerFileError`` when
    the file ends in an error): a file as the whole table ``check_columns`` takes, the form
    ``check_frame`` gives it from a DataFrame."""
    blocks = list(table.blocks(sys.maxsize))
    if not blocks:
        return block_ledger(table, RowBlock(range(0), [], []))
    if blocks[0].error is not None:
        raise blocks[0].error
    return block_ledger(table, blocks[0])


_FIRST_YEAR, _LAST_YEAR = 1900, 2199  # the years whose dates ``RawLedger.days`` reads from bytes


@lru_cache(maxsize=1)
def _months() -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The first day (since 1970) and the length of each month from 1900 to 2199, in order."""
    firsts = np.arange((_FIRST_YEAR - 1970) * 12, (_LAST_YEAR + 1 - 1970) * 12 + 1).astype("datetime64[M]")
    days = firsts.astype("datetime64[D]").astype(np.int64)
    return days[:-1], np.diff(days)


class RawLedger:
    """A block of plain CSV lines (``rawcsv.RawBlock``) as the kernel reads it: cells by
    column name, rows as the per-row check sees them, ids as text."""

    def __init__(self, table: LedgerTable, block: RawBlock) -> None:
        self.block = block
        self.positions = table.positions
        self.rows = block.rows
        self.lines: Sequence[int | None] = block.lines
        self.ids = block.texts(table.positions["id"]) if "id" in table.positions else None

    def __len__(self) -> int:
        return len(self.block)

    def identifiers(self, at: NDArray[np.int64]) -> NDArray[np.object_]:
        """The ids of rows ``at`` as the per-row check reads them (None when empty)."""
        if self.ids is None:
            return np.full(len(at), None, dtype=object)
        return np.array([text.strip() or None for text in map(self.ids.__getitem__, at.tolist())], dtype=object)

    def row(self, at: int) -> LedgerRow:
        return LedgerRow(self.block.rows[at], self.block.lines[at], self.block.cells(at))

    def lengths(self, name: str) -> NDArray[np.int64] | None:
        """The length in bytes of each cell of a canonical column; None when there is none."""
        index = self.positions.get(name)
        return None if index is None else self.block.ends[:, index] - self.block.starts[:, index]

    def texts(self, name: str, at: NDArray[np.int64] | None = None) -> list[str]:
        """The cells of a canonical column (there is one) as text: all, or those ``at``."""
        return self.block.texts(self.positions[name], at)

    def days(self, name: str) -> NDArray[np.int64]:
        """``_plain_day`` of each cell of a column: ``YYYY-MM-DD`` read from the bytes, in
        numpy, for the years 1900 to 2199 (``_plain_day`` reads each as a plain ISO date);
        every other filled cell as text, through ``_plain_days``."""
        lengths = self.lengths(name)
        if lengths is None:
            return np.full(len(self), _BLANK, dtype=np.int64)
        days = np.full(len(self), _UNKNOWN, dtype=np.int64)
        days[lengths == 0] = _BLANK
        ten = np.flatnonzero(lengths == 10)
        text = self.block.array[self.block.starts[ten, self.positions[name], None] + np.arange(10)]
        digits = text.astype(np.int32) - ord("0")
        year = digits[:, 0] * 1000 + digits[:, 1] * 100 + digits[:, 2] * 10 + digits[:, 3]
        month, day = digits[:, 5] * 10 + digits[:, 6], digits[:, 8] * 10 + digits[:, 9]
        month_at = (year - _FIRST_YEAR) * 12 + month - 1
        first_days, lengths_of_months = _months()
        valid = (
            (text[:, 4] == ord("-"))
            & (text[:, 7] == ord("-"))
            & (digits[:, [0, 1, 2, 3, 5, 6, 8, 9]].view(np.uint32) <= 9).all(axis=1)  # a byte below "0" wraps round
            & (month >= 1)
            & (month <= 12)
            & (month_at >= 0)
            & (month_at < len(first_days))
            & (day >= 1)
        )
        valid[valid] &= day[valid] <= lengths_of_months[month_at[valid]]
        days[ten[valid]] = first_days[month_at[valid]] + day[valid] - 1
        rest = np.flatnonzero(days == _UNKNOWN)
        if len(rest):
            days[rest] = _plain_days(self.texts(name, rest))
        return days


class _PerCell:
    """A function of a cell alone, applied to a column in one pass: asked once per distinct
    cell of a run, not once per chunk (bounded at ``CACHE_LIMIT`` cells, then cleared)."""

    def __init__(self, function: Callable[[Cell], int]) -> None:
        self.function = function
        self.known: dict[Cell, int] = {}

    def __call__(self, cells: Sequence[Cell]) -> NDArray[np.int64]:
        known = self.known
        values = np.fromiter(map(known.get, cells, repeat(_UNKNOWN)), dtype=np.int64, count=len(cells))
        missing = np.flatnonzero(values == _UNKNOWN).tolist()
        if missing:
            if len(known) + len(missing) > CACHE_LIMIT:
                known.clear()
            for at in missing:
                cell = cells[at]
                value = known.get(cell, _UNKNOWN)
                if value == _UNKNOWN:
                    value = known[cell] = self.function(cell)
                values[at] = value
        return values


def _plain_day(cell: Cell) -> int:
    """Days since 1970 of a cell the per-row check reads as a plain ISO date, ``_BLANK`` for
    an empty cell, else ``_UNSETTLED``."""
    if not is_filled(cell):
        return _BLANK
    parsed = parse_date_cell(cell)
    if not isinstance(parsed, ParsedDate) or not parsed.is_iso or parsed.has_time:
        return _UNSETTLED
    return parsed.date.toordinal() - _EPOCH


def _extension(cell: Cell) -> int:
    """A whole-number extension the per-row check accepts as it is (empty = 0), else ``_UNSETTLED``."""
    if not is_filled(cell):
        return 0
    text = cell_text(cell)
    # Four digits at most: more is refused by every rule's maximum, in the per-row check.
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 4 else _UNSETTLED


def id_hashes(ledger: ColumnarLedger) -> NDArray[np.int64]:
    """``hash()`` of each row's id text, as the per-row check keys its duplicate-id table
    (``ledger.duplicates``); 0 for a row without an id (such a row is never a duplicate)."""
    if "id" not in ledger.positions:
        return np.zeros(len(ledger), dtype=np.int64)
    return _text_hashes(ledger.column("id"))


def _text_hashes(column: Sequence[Cell]) -> NDArray[np.int64]:
    try:
        hashes = np.fromiter(map(hash, map(str.strip, column)), dtype=np.int64, count=len(column))  # type: ignore[arg-type]
    except TypeError:  # not all text (a workbook's numbers): each cell as the per-row check reads it
        hashes = np.fromiter(map(hash, map(cell_text, column)), dtype=np.int64, count=len(column))
    hashes[hashes == hash("")] = 0
    return hashes


def shared_hashes(hashes: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Which entries of ``hashes`` occur more than once (first occurrence included; 0 never
    counts). Eight bytes an id and a sort: the memory of the id table stays flat."""
    order = np.argsort(hashes, kind="stable")
    ordered = hashes[order]
    equal = ordered[1:] == ordered[:-1]
    repeated = np.zeros(len(hashes), dtype=bool)
    repeated[1:] |= equal
    repeated[:-1] |= equal
    shared = np.empty(len(hashes), dtype=bool)
    shared[order] = repeated
    shared &= hashes != 0
    return shared


class DueTable:
    """The due day (days since 1970) of each (rule, start day) of one check, for the rules
    that count days (``_DAY_UNITS``), with no extension or pauses: one array a rule over
    the calendar's days, looked up for a whole block of rows at once and filled as starts
    are met, each worked out once a check. Extended rows and starts outside the calendar
    are remembered by (rule, start, extension). ``_UNSETTLED`` where the engine refused.
    The rule's version applied to each start is kept beside it, for the findings' wording.

    The arrays are made whole at the start (a few MB for every such rule of the catalogue)
    and never replaced, so checks running at once in threads (``ledger.partitions``) share
    them safely: two threads filling one entry write the same values, the version before
    the day, so a day read as filled has its version."""

    def __init__(self, checker: LedgerCheck) -> None:
        calendar = checker.calendar
        self.first = calendar.first_day.toordinal() - _EPOCH
        self.span = (calendar.last_day - calendar.first_day).days + 1
        self.rules = [rule for rule in checker.catalogue if rule.unit in _DAY_UNITS]
        self.index = {rule.id: at for at, rule in enumerate(self.rules)}
        self.due = np.full((len(self.rules), self.span), _UNKNOWN, dtype=np.int64)
        self.version = np.zeros((len(self.rules), self.span), dtype=np.int16)
        self.codes = _PerCell(partial(self._code, checker))
        self.extended: dict[tuple[int, int, int], tuple[int, int]] = {}
        self.options: dict[int, CountingOptions] = {}  # the check's counting options by extension
        # The label of each rule's each version, by (rule code, version index).
        width = max((len(rule.versions) for rule in self.rules), default=0)
        labels = [[version.label for version in rule.versions] for rule in self.rules]
        padded = [row + [""] * (width - len(row)) for row in labels]
        self.labels = np.array(padded, dtype=object).reshape(len(self.rules), width)

    def _code(self, checker: LedgerCheck, cell: Cell) -> int:
        """The index in ``rules`` of the rule a cell names, or -1 when it names none or one
        that does not count days (the per-row check then decides)."""
        try:
            rule = checker.catalogue.get(cell_text(cell))
        except GkcliError:
            return -1
        return self.index.get(rule.id, -1)

    def lookup(
        self, checker: LedgerCheck, codes: NDArray[np.int64], starts: NDArray[np.int64], extensions: NDArray[np.int64]
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """The due day and version (index into its rule's versions) of each row, given its
        rule code (>= 0), start day and extension (>= 0)."""
        due = np.full(len(codes), _UNSETTLED, dtype=np.int64)
        version = np.zeros(len(codes), dtype=np.int64)
        offsets = starts - self.first
        plain = np.flatnonzero((extensions == 0) & (offsets >= 0) & (offsets < self.span))
        rules, days = codes[plain], offsets[plain]
        found = self.due[rules, days]
        missing = np.flatnonzero(found == _UNKNOWN)
        if len(missing):
            pairs = np.unique(rules[missing] * self.span + days[missing])
            self._fill(checker, pairs // self.span, pairs % self.span)
            found = self.due[rules, days]
        due[plain] = found
        version[plain] = self.version[rules, days]
        others = np.flatnonzero((extensions != 0) | (offsets < 0) | (offsets >= self.span))
        for at, code, start, extend in zip(
            others.tolist(), codes[others].tolist(), starts[others].tolist(), extensions[others].tolist(), strict=True
        ):
            known = self.extended.get((code, start, extend))
            if known is None:
                if len(self.extended) >= CACHE_LIMIT:
                    self.extended.clear()
                known = self.extended[(code, start, extend)] = self._one(checker, code, start, extend)
            due[at], version[at] = known
        return due, version

    def _one(self, checker: LedgerCheck, code: int, start: int, extend: int) -> tuple[int, int]:
        """One ``compute_deadline`` call: the due day and version index, or ``_UNSETTLED``."""
        rule = self.rules[code]
        options = self.options.get(extend)
        if options is None:
            options = self.options[extend] = checker.base_options.replace(pauses=(), restart=None, extend=extend)
        try:
            deadline = compute_deadline(rule, date.fromordinal(start + _EPOCH), checker.calendar, options)
        except GkcliError:
            return _UNSETTLED, 0
        return deadline.due_date.toordinal() - _EPOCH, rule.versions.index(deadline.version)

    def _fill(self, checker: LedgerCheck, codes: NDArray[np.int64], offsets: NDArray[np.int64]) -> None:
        """Work out the due days of these (rule code, start offset) pairs. With the default
        options the engine's units run as array calls: a working-day rule is due its
        version's amount of working days after the trigger (``deadlines.units.workday``), a
        calendar-day or month rule on the first working day on or after its natural end
        (``CalendarSpanUnit.natural_ends``); every other pair is one ``compute_deadline`` call."""
        default = checker.base_options == DEFAULT_OPTIONS
        by_array: list[tuple[int, int, int]] = []  # (code, offset, version index)
        for code, offset in zip(codes.tolist(), offsets.tolist(), strict=True):
            rule = self.rules[code]
            if default and (rule.unit is Unit.WORKDAY or isinstance(UNITS[rule.unit], CalendarSpanUnit)):
                try:
                    chosen = rule.version_for(date.fromordinal(offset + self.first + _EPOCH))
                except GkcliError:
                    self.due[code, offset] = _UNSETTLED
                    continue
                by_array.append((code, offset, rule.versions.index(chosen)))
                continue
            day, version = self._one(checker, code, offset + self.first, 0)
            self.version[code, offset] = version  # the version first: a filled day is complete
            self.due[code, offset] = day
        if not by_array:
            return
        rules, days, versions = (np.array(part, dtype=np.int64) for part in zip(*by_array, strict=True))
        amounts = np.array([self.rules[code].versions[index].amount for code, _, index in by_array], dtype=np.int64)
        units = np.array([self.rules[code].unit.value for code in rules.tolist()])
        due = np.empty(len(by_array), dtype=np.int64)
        for unit in set(units.tolist()):
            at = np.flatnonzero(units == unit)
            due[at] = self._due_days(checker.calendar, Unit(unit), days[at] + self.first, amounts[at])
        # A day that needs an uncovered year is left to the engine, which says why it cannot.
        for one in np.flatnonzero(due == _NAT).tolist():
            due[one] = self._one(checker, int(rules[one]), int(days[one]) + self.first, 0)[0]
        self.version[rules, days] = versions  # the versions first: a filled day is complete
        self.due[rules, days] = due

    @staticmethod
    def _due_days(
        calendar: WorkCalendar, unit: Unit, starts: NDArray[np.int64], amounts: NDArray[np.int64]
    ) -> NDArray[np.int64]:
        """The due day of each start (days since 1970) of a rule of ``unit`` with the default
        options; ``_NAT`` where that needs a year the calendar does not cover."""
        days = starts.astype("datetime64[D]")
        if unit is Unit.WORKDAY:
            return calendar.add_workdays_array(days, amounts, uncovered_nat=True).astype(np.int64)
        period = UNITS[unit]
        assert isinstance(period, CalendarSpanUnit)
        # The first working day on or after each natural end: one working day after the day before.
        ends = period.natural_ends(days, amounts) - 1
        return calendar.add_workdays_array(ends, 1, uncovered_nat=True).astype(np.int64)


def due_table(checker: LedgerCheck) -> DueTable:
    """The check's ``DueTable``, made on first use."""
    if checker.due_table is None:
        checker.due_table = DueTable(checker)
    return checker.due_table


def _workdays(calendar: WorkCalendar, low: NDArray[np.int64], high: NDArray[np.int64]) -> NDArray[np.int64]:
    """``count_workdays(low, high)`` of each pair (days since 1970), -1 where the calendar
    cannot count it (the per-row check then reports why)."""
    if not len(low):
        return np.zeros(0, dtype=np.int64)
    try:
        counted = calendar.count_workdays_array(low.astype("datetime64[D]"), high.astype("datetime64[D]"))
    except GkcliError:
        counts = np.full(len(low), _UNSETTLED, dtype=np.int64)
        for at, (first, last) in enumerate(zip(low.tolist(), high.tolist(), strict=True)):
            with contextlib.suppress(GkcliError):
                counts[at] = calendar.count_workdays(date.fromordinal(first + _EPOCH), date.fromordinal(last + _EPOCH))
        return counts
    return np.asarray(counted.filled(_UNSETTLED), dtype=np.int64)


def _provisional(years: Iterable[int], low: NDArray[np.int64], high: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Whether one of the provisional ``years`` (docs/design.md §2.3) lies between ``low``
    and ``high`` (days since 1970) — as ``RowJudge.is_provisional`` asks it — for each pair."""
    found = np.zeros(len(low), dtype=bool)
    first = low.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    last = high.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    for year in years:
        found |= (first <= year) & (year <= last)
    return found


_plain_days = _PerCell(_plain_day)
_extensions = _PerCell(_extension)
_filled_cells = _PerCell(lambda cell: int(is_filled(cell)))


def _filled(values: Sequence[Cell]) -> NDArray[np.bool_]:
    """``is_filled`` of each cell, asked once per distinct cell (none asked when all are
    ``""``, as a CSV's empty column reads)."""
    if values.count("") == len(values):
        return np.zeros(len(values), dtype=bool)
    return _filled_cells(values).astype(bool)


class Verdicts(NamedTuple):
    """The kernel's verdict on each row of a ledger (``row_verdicts``): ``kind`` is
    ``PER_ROW`` (the per-row check decides), ``ON_TIME`` (no finding), ``LATE`` or
    ``OVERDUE``; for the last two, the due day and the done day or as-of day (days since
    1970), the working days late or overdue, and the rule (index into ``rules``) and its
    version (index into the rule's versions)."""

    kind: NDArray[np.int8]
    due: NDArray[np.int64]
    until: NDArray[np.int64]
    days: NDArray[np.int64]
    rule: NDArray[np.int64]
    version: NDArray[np.int64]
    rules: Sequence[Rule]

    def part(self, start: int, stop: int) -> Verdicts:
        """The verdicts of rows ``start`` to ``stop`` (views, not copies)."""
        return Verdicts(
            self.kind[start:stop],
            self.due[start:stop],
            self.until[start:stop],
            self.days[start:stop],
            self.rule[start:stop],
            self.version[start:stop],
            self.rules,
        )


PER_ROW, ON_TIME, LATE, OVERDUE = 0, 1, 2, 3


def settled_rows(
    checker: LedgerCheck, ledger: ColumnarLedger, shared: NDArray[np.bool_] | None = None
) -> NDArray[np.bool_]:
    """Which rows are on time with no finding, decided without the per-row check.
    ``shared``: the rows whose id occurs more than once, when the caller knows them (a
    partition of a larger ledger); by default those of this ledger."""
    kind: NDArray[np.bool_] = row_verdicts(checker, ledger, shared).kind == ON_TIME
    return kind


class CellArrays(NamedTuple):
    """What the kernel reads of each row's cells (``cell_arrays``): its rule (index into the
    check's ``DueTable.rules``, -1 for none it can judge), start and done days, extension
    (``_UNSETTLED`` when not a plain whole number), whether it is *plain* (no pauses, no
    restart, no cell over a limit), and ``hash()`` of its id (``id_hashes``)."""

    rule: NDArray[np.int64]
    start: NDArray[np.int64]
    done: NDArray[np.int64]
    extension: NDArray[np.int64]
    plain: NDArray[np.bool_]
    ids: NDArray[np.int64]

    @classmethod
    def joined(cls, parts: Sequence[CellArrays]) -> CellArrays:
        """Several blocks' arrays as one, in order."""
        return cls(*(np.concatenate(column) for column in zip(*parts, strict=True)))


def cell_arrays(checker: LedgerCheck, ledger: ColumnarLedger | RawLedger) -> CellArrays:
    """The cells of ``ledger`` as the kernel's arrays: each distinct cell is read once a check
    (``_PerCell``), so this is a dictionary look-up a cell; plain CSV lines are read from
    their bytes where they can be (``raw_cell_arrays``)."""
    if isinstance(ledger, RawLedger):
        return raw_cell_arrays(checker, ledger)
    plain = np.ones(len(ledger), dtype=bool)
    for name in ("pauses", "restart"):
        if name in ledger.positions:
            plain &= ~_filled(ledger.column(name))
    if ledger.long:
        plain[list(ledger.long)] = False  # a row with a long cell: the per-row check's
    return CellArrays(
        due_table(checker).codes(ledger.column("rule")),
        _plain_days(ledger.column("start")),
        _plain_days(ledger.column("done")),
        _extensions(ledger.column("extension")),
        plain,
        id_hashes(ledger),
    )


def raw_cell_arrays(checker: LedgerCheck, ledger: RawLedger) -> CellArrays:
    """``cell_arrays`` of plain CSV lines: dates from their bytes (``RawLedger.days``), an
    empty cell known by its length, and text made only for the rules, the ids and the
    other filled cells (extensions, pauses, restarts), read as ``cell_arrays`` reads them."""
    size = len(ledger)
    plain = np.ones(size, dtype=bool)
    for name in ("pauses", "restart"):
        lengths = ledger.lengths(name)
        if lengths is not None:
            at = np.flatnonzero(lengths)
            plain[at] &= ~_filled(ledger.texts(name, at))
    extension = np.zeros(size, dtype=np.int64)
    lengths = ledger.lengths("extension")
    if lengths is not None:
        at = np.flatnonzero(lengths)
        extension[at] = _extensions(ledger.texts("extension", at))
    return CellArrays(
        due_table(checker).codes(ledger.texts("rule")) if "rule" in ledger.positions else np.full(size, -1),
        ledger.days("start"),
        ledger.days("done"),
        extension,
        plain,
        _text_hashes(ledger.ids) if ledger.ids is not None else np.zeros(size, dtype=np.int64),
    )


def row_verdicts(checker: LedgerCheck, ledger: ColumnarLedger, shared: NDArray[np.bool_] | None = None) -> Verdicts:
    """The kernel's verdict on each row of ``ledger`` (``judge_arrays``); ``shared`` as in
    ``settled_rows``."""
    cells = cell_arrays(checker, ledger)
    return judge_arrays(checker, cells, shared_hashes(cells.ids) if shared is None else shared)


def judge_arrays(checker: LedgerCheck, cells: CellArrays, shared: NDArray[np.bool_]) -> Verdicts:
    """The kernel's verdict on each row. A row is judged here when its rule counts days,
    its start is a plain ISO date, its extension a whole number, it has no pauses or
    restart, its id occurs once (``shared``: the rows whose id occurs more than once), no
    provisional year lies between its start and its due, done or as-of day, and either its
    done cell is a plain ISO date not before the start (on time or late), or it is empty
    and the due day has passed as of ``--as-of`` (overdue). Everything else is left to the
    per-row check."""
    size = len(cells.rule)
    table = due_table(checker)
    kind = np.zeros(size, dtype=np.int8)
    due = np.full(size, _UNSETTLED, dtype=np.int64)
    until = np.full(size, _UNSETTLED, dtype=np.int64)
    days = np.zeros(size, dtype=np.int64)
    rule = np.full(size, -1, dtype=np.int64)
    version = np.zeros(size, dtype=np.int64)
    verdicts = Verdicts(kind, due, until, days, rule, version, table.rules)
    if not size:
        return verdicts
    codes, start_days, done_days, extend = cells.rule, cells.start, cells.done, cells.extension
    candidate = cells.plain & ~shared & (codes >= 0) & (start_days > _UNSETTLED) & (extend != _UNSETTLED)
    done = candidate & (done_days > _UNSETTLED) & (start_days <= done_days)
    still_open = candidate & (done_days == _BLANK)
    picked = np.flatnonzero(done | still_open)
    if not len(picked):
        return verdicts
    rule[picked] = codes[picked]
    due[picked], version[picked] = table.lookup(checker, codes[picked], start_days[picked], extend[picked])
    known = due > _UNSETTLED
    # ``--as-of`` decides an open row in Beijing time; its message and provisional years
    # take the as-of instant's own date, as in ``RowJudge._open``.
    as_of = checker.options.as_of
    as_of_day = to_beijing(as_of).date().toordinal() - _EPOCH
    as_of_date = as_of.date().toordinal() - _EPOCH
    late = done & known & (done_days > due)
    overdue = still_open & known & (due < as_of_day)
    kind[done & known & ~late] = ON_TIME
    kind[late] = LATE
    kind[overdue] = OVERDUE
    until[late] = done_days[late]
    until[overdue] = as_of_day

    judged = np.flatnonzero(kind != PER_ROW)
    if years := checker.calendar.provisional_years(checker.calendar.first_day, checker.calendar.last_day):
        on_time, late_at, overdue_at = (kind[judged] == value for value in (ON_TIME, LATE, OVERDUE))
        low = np.where(overdue_at, np.minimum(start_days[judged], as_of_date), start_days[judged])
        high = np.where(on_time, due[judged], np.where(late_at, done_days[judged], np.maximum(due[judged], as_of_date)))
        kind[judged[_provisional(years, low, high)]] = PER_ROW
    counted = np.flatnonzero((kind == LATE) | (kind == OVERDUE))
    days[counted] = _workdays(checker.calendar, due[counted], until[counted])
    kind[counted[days[counted] == _UNSETTLED]] = PER_ROW
    return verdicts


def kernel_rows(
    checker: LedgerCheck, ledger: ColumnarLedger | RawLedger, verdicts: Verdicts, name: str
) -> Iterator[LedgerRow]:
    """The rows of ``ledger`` the per-row check must see, in order: a row the kernel left to
    it as it is, and each run of consecutive late or overdue rows as one ``JudgedRows``,
    their findings a ``FindingBatch`` worded only when it is written (as the per-row check
    words them: ``messages``); on-time rows are left out."""
    picked = np.flatnonzero(verdicts.kind != ON_TIME)
    if not len(picked):
        return
    kinds = verdicts.kind[picked]
    judged = picked[kinds != PER_ROW]
    batch = _judged_batch(checker, ledger, verdicts, judged, name)
    # The rows left to the per-row check, and before each how many judged rows there are.
    left = np.flatnonzero(kinds == PER_ROW)
    taken = 0
    for before, at in zip((left - np.arange(len(left))).tolist(), picked[left].tolist(), strict=True):
        if before > taken:
            yield JudgedRows.of(batch.part(taken, before))
            taken = before
        yield ledger.row(at)
    if taken < len(batch):
        yield JudgedRows.of(batch.part(taken, len(batch)))


def _judged_batch(
    checker: LedgerCheck, ledger: ColumnarLedger | RawLedger, verdicts: Verdicts, at: NDArray[np.int64], name: str
) -> FindingBatch:
    """The findings of the late and overdue rows ``at`` of ``ledger``, as one batch."""
    late = verdicts.kind[at] == LATE
    codes, versions = verdicts.rule[at], verdicts.version[at]
    return FindingBatch(
        file=name,
        as_of=checker.options.as_of.date().isoformat(),
        late=late,
        rows=_numbers_at(ledger.rows, at),
        lines=_numbers_at(ledger.lines, at),
        ids=ledger.identifiers(at),
        rules=object_column(verdicts.rules)[codes],
        versions=due_table(checker).labels[codes, versions],
        dues=verdicts.due[at],
        done=verdicts.until[at],
        days=verdicts.days[at],
        forms=(codes << 17) | (versions << 1) | late,
    )


def _numbers_at(numbers: Sequence[int | None] | None, at: NDArray[np.int64]) -> NDArray[np.int64]:
    """The row or line numbers ``at`` of a ledger's (``NO_LINE`` for None)."""
    if numbers is None:
        return np.full(len(at), NO_LINE, dtype=np.int64)
    if isinstance(numbers, range):
        return numbers.start + at * numbers.step
    picked = [numbers[position] for position in at.tolist()]
    return np.array([NO_LINE if number is None else number for number in picked], dtype=np.int64)


def check_columns(checker: LedgerCheck, ledger: ColumnarLedger, name: str) -> Iterator[Finding]:
    """Every finding of the ledger, in the order and wording of the per-row check: the rows
    left unsettled are checked one by one, then the findings known only at the end."""
    rows = kernel_rows(checker, ledger, row_verdicts(checker, ledger), name)
    return check_rows(checker, ledger.headers, ledger.positions, rows, name)


def check_rows(
    checker: LedgerCheck, headers: tuple[str, ...], positions: Mapping[str, int], rows: Iterable[LedgerRow], name: str
) -> Iterator[Finding]:
    """The per-row check of the rows left unsettled, in ledger order, and then the findings
    known only at the end (recurring rules)."""
    table = LedgerTable(None, headers, dict(positions), iter(rows), ())
    with checker.check(Path(name), name) as file_check:
        for result in file_check.results(table):
            if result.findings:
                yield from result.findings
        yield from file_check.file_findings
        if file_check.open_rows:
            yield from no_done_column(name, headers, positions)
        yield from file_check.finish()


CHUNK_ROWS = 16_384
"""Rows judged at a time by ``unsettled_table``: enough that numpy's cost a call is spread
thin, few enough that memory stays flat as files grow."""
READ_ROWS = 512
"""Rows read and turned into arrays at once: a block whose cells stay in the processor's
cache from the reading to the arrays (a block past that cache cost twice its reading again
in cache misses, docs/performance.md)."""


def unsettled_table(
    checker: LedgerCheck,
    table: LedgerTable,
    ids: DuplicateIds,
    counted: list[int],
    chunk_rows: int | None = None,
    *,
    name: str = "-",
) -> LedgerTable:
    """``table`` with only the rows the per-row check must see, judged ``chunk_rows`` at a time.

    A settled row needs an id met neither earlier in the file nor elsewhere in its chunk;
    ``ids`` records every id of the chunk in bulk and answers the per-row check's questions
    about the unsettled rows from that; settled rows are counted in ``counted[0]``. An error
    reading the file (``LedgerFileError``) surfaces after the rows read before it, as in the
    per-row check.
    """
    size = chunk_rows or CHUNK_ROWS
    read = min(size, READ_ROWS)

    def rows() -> Iterator[LedgerRow]:
        blocks = table.raw_blocks(size, read)
        while True:
            ledgers: list[ColumnarLedger | RawLedger] = []
            parts: list[CellArrays] = []
            error: LedgerFileError | None = None
            taken = 0
            with collector_paused():
                for block in blocks:
                    # Each block becomes arrays as soon as it is read, while its cells are in cache.
                    if isinstance(block, RowBlock):
                        ledgers.append(block_ledger(table, block))
                        error = block.error
                    else:
                        ledgers.append(RawLedger(table, block))
                    parts.append(cell_arrays(checker, ledgers[-1]))
                    taken += len(ledgers[-1])
                    if error is not None or taken + read > size:
                        break
                if not ledgers:
                    return
                cells = CellArrays.joined(parts)
                numbers = np.concatenate([np.asarray(ledger.rows, dtype=np.int64) for ledger in ledgers])
                firsts, shared = ids.register_chunk(cells.ids, numbers)
                verdicts = judge_arrays(checker, cells, shared)
            counted[0] += int(np.count_nonzero(verdicts.kind == ON_TIME))
            unsettled = np.flatnonzero(verdicts.kind == PER_ROW)
            # The per-row check asks for these rows' first rows: answered from the bulk
            # look-up, never by a binary search a row.
            ids.prime(dict(zip(numbers[unsettled].tolist(), firsts[unsettled].tolist(), strict=True)))
            start = 0
            for ledger in ledgers:
                yield from kernel_rows(checker, ledger, verdicts.part(start, start + len(ledger)), name)
                start += len(ledger)
            if error is not None:
                raise error

    return LedgerTable(table.encoding, table.headers, dict(table.positions), rows(), table.leading)
