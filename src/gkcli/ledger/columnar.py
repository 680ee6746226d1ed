"""The columnar ledger kernel: most rows of a ledger are settled by array arithmetic, and
only the rest take the per-row check (docs/ledgers.md, docs/design.md §5).

A row is *settled* when its answer is known to be "on time, no finding": its rule counts
days (not hours, a minimum period or recurring events), its start and done cells are plain
``YYYY-MM-DD`` dates with start <= done <= the due date, the extension is empty or a
whole number, there are no pauses or restart, its id occurs once, and no provisional year
lies between the start and the due date (docs/design.md §2.3). Deadlines are computed by
the deadline engine itself, once per distinct (rule, start, extension); the comparison of
a million done dates against their due dates is a few numpy passes.

Every other row — late, open, invalid, paused, an hour rule, a duplicated id and the
first row of that id — goes through ``FileCheck.results`` in its original order, so its
findings, their order and their wording are those of the per-row check. A settled row
has no findings and changes no state of the check (duplicate ids, recurring events,
provisional years), which is what makes skipping it exact.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from gkcli.core.dates import ParsedDate
from gkcli.core.errors import GkcliError
from gkcli.deadlines.engine import compute_deadline
from gkcli.deadlines.model import DEFAULT_OPTIONS, CountingOptions
from gkcli.deadlines.units import UNITS, RowJudgement
from gkcli.ledger.cells import parse_date_cell
from gkcli.ledger.check import FileCheck, LedgerCheck, no_done_column
from gkcli.ledger.duplicates import DuplicateIds
from gkcli.ledger.findings import Finding
from gkcli.ledger.read import Cell, LedgerFileError, LedgerRow, LedgerTable, cell_text, is_filled
from gkcli.rules.catalogue import Rule, Unit

if TYPE_CHECKING:
    from gkcli.calendar.index import WorkCalendar

__all__ = [
    "ColumnarLedger",
    "check_columns",
    "check_rows",
    "id_hashes",
    "read_columns",
    "settled_rows",
    "shared_hashes",
    "unsettled_table",
]

_UNSETTLED = -1
_EPOCH = date(1970, 1, 1).toordinal()
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

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> Sequence[Cell]:
        """The cells of a canonical column; all empty when the ledger has none."""
        index = self.positions.get(name)
        return self.columns[index] if index is not None else (None,) * len(self)

    def row(self, at: int) -> LedgerRow:
        line = self.lines[at] if self.lines is not None else None
        cells = tuple(column[at] for column in self.columns)
        return LedgerRow(self.rows[at], line, cells + self.beyond[at] if at in self.beyond else cells)


def read_columns(table: LedgerTable, rows: Iterable[LedgerRow] | None = None) -> ColumnarLedger:
    """The rows of an opened ledger (or ``rows`` of it) as columns (cells past the header
    are not read, as in the per-row check). Equal cells of a column share one object, so
    a million rows of a few thousand dates, rules and units cost a pointer a cell."""
    width = len(table.headers)
    columns: list[list[Cell]] = [[] for _ in range(width)]
    shared: list[dict[Cell, Cell]] = [{} for _ in range(width)]
    ids = table.positions.get("id")
    # Ids are distinct: sharing them would only cost a table of every id.
    appends = [
        (column.append, (lambda cell, _: cell) if at == ids else known.setdefault)
        for at, (column, known) in enumerate(zip(columns, shared, strict=True))
    ]
    padding = (None,) * width
    numbers: list[int] = []
    lines: list[int | None] = []
    beyond: dict[int, tuple[Cell, ...]] = {}
    for at, row in enumerate(table.rows() if rows is None else rows):
        numbers.append(row.row)
        lines.append(row.line)
        cells = row.cells
        if len(cells) < width:
            cells = (*cells, *padding[len(cells) :])
        elif len(cells) > width:
            beyond[at] = tuple(cells[width:])
        for (append, keep), cell in zip(appends, cells, strict=False):
            append(keep(cell, cell))
    return ColumnarLedger(table.headers, tuple(columns), dict(table.positions), numbers, lines, beyond)


def _factorize(values: Sequence[Cell]) -> tuple[NDArray[np.int64], list[Cell]]:
    """Codes into the distinct values and the distinct values, first seen first. Cells
    compare as Python values: equal cells read the same in the per-row check."""
    codes: dict[Cell, int] = dict.fromkeys(values, 0)
    for code, value in enumerate(codes):
        codes[value] = code
    return np.fromiter(map(codes.__getitem__, values), dtype=np.int64, count=len(values)), list(codes)


def _plain_day(cell: Cell) -> int:
    """Days since 1970 of a cell the per-row check reads as a plain ISO date, else -1."""
    if not is_filled(cell):
        return _UNSETTLED
    parsed = parse_date_cell(cell)
    if not isinstance(parsed, ParsedDate) or not parsed.is_iso or parsed.has_time:
        return _UNSETTLED
    return parsed.date.toordinal() - _EPOCH


def _extension(cell: Cell) -> int:
    """A whole-number extension the per-row check accepts as it is (empty = 0), else -1."""
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
    texts = map(cell_text, ledger.column("id"))
    return np.fromiter((hash(text) if text else 0 for text in texts), dtype=np.int64, count=len(ledger))


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


def _due_days(
    checker: LedgerCheck, rules: list[Cell], starts: NDArray[np.int64], extensions: NDArray[np.int64]
) -> NDArray[np.int64]:
    """The due day (days since 1970) of each (rule, start, extension) triple, or -1 where the
    per-row check must decide (no such rule, another unit, an engine error, provisional).

    The engine's own hot path — a working-day rule with the default options is its
    version's amount of working days after the trigger (``deadlines.units.workday``) — runs as one
    array call; every other triple is one ``compute_deadline`` call."""
    calendar: WorkCalendar = checker.calendar
    resolved: dict[Cell, Rule | None] = {}
    for text in set(rules):
        try:
            rule: Rule | None = checker.catalogue.get(cell_text(text))
        except GkcliError:
            rule = None
        resolved[text] = rule if rule is not None and rule.unit in _DAY_UNITS else None
    due = np.full(len(starts), _UNSETTLED, dtype=np.int64)
    default = checker.base_options == DEFAULT_OPTIONS
    fast_at: list[int] = []
    amounts: list[int] = []
    options_for: dict[int, CountingOptions] = {}
    for at, (text, start, extend) in enumerate(zip(rules, starts.tolist(), extensions.tolist(), strict=True)):
        rule = resolved[text]
        if rule is None or _UNSETTLED in (start, extend):
            continue
        trigger = date.fromordinal(start + _EPOCH)
        if default and extend == 0 and rule.unit is Unit.WORKDAY:
            try:
                amounts.append(rule.version_for(trigger).amount)
            except GkcliError:
                continue
            fast_at.append(at)
            continue
        options = options_for.get(extend)
        if options is None:
            options = options_for[extend] = checker.base_options.replace(pauses=(), restart=None, extend=extend)
        try:
            due[at] = compute_deadline(rule, trigger, calendar, options).due_date.toordinal() - _EPOCH
        except GkcliError:
            continue
    if fast_at:
        try:
            days = calendar.add_workdays_array(starts[fast_at].astype("datetime64[D]"), np.array(amounts))
        except GkcliError:
            # Some triple needs an uncovered year: each is left to the engine, one by one.
            for at, amount in zip(fast_at, amounts, strict=True):
                try:
                    day = calendar.add_workdays(date.fromordinal(int(starts[at]) + _EPOCH), amount)
                except GkcliError:
                    continue
                due[at] = day.toordinal() - _EPOCH
        else:
            due[fast_at] = days.astype(np.int64)
    if calendar.provisional_years(calendar.first_day, calendar.last_day):
        for at in np.flatnonzero(due != _UNSETTLED).tolist():
            trigger, due_day = (date.fromordinal(int(day) + _EPOCH) for day in (starts[at], due[at]))
            if calendar.provisional_years(trigger, due_day):
                due[at] = _UNSETTLED
    return due


def _filled(values: Sequence[Cell]) -> NDArray[np.bool_]:
    """``is_filled`` of each cell, asked once per distinct cell."""
    codes, distinct = _factorize(values)
    return np.array([is_filled(cell) for cell in distinct], dtype=bool)[codes]


def settled_rows(
    checker: LedgerCheck, ledger: ColumnarLedger, shared: NDArray[np.bool_] | None = None
) -> NDArray[np.bool_]:
    """Which rows are on time with no finding, decided without the per-row check.
    ``shared``: the rows whose id occurs more than once, when the caller knows them (a
    partition of a larger ledger); by default those of this ledger."""
    size = len(ledger)
    if not size:
        return np.zeros(0, dtype=bool)
    rule_codes, rules = _factorize(ledger.column("rule"))
    start_codes, starts = _factorize(ledger.column("start"))
    done_codes, dones = _factorize(ledger.column("done"))
    extension_codes, extensions = _factorize(ledger.column("extension"))
    start_days = np.array([_plain_day(cell) for cell in starts], dtype=np.int64)[start_codes]
    done_days = np.array([_plain_day(cell) for cell in dones], dtype=np.int64)[done_codes]
    extend = np.array([_extension(cell) for cell in extensions], dtype=np.int64)[extension_codes]

    candidate: NDArray[np.bool_] = (start_days != _UNSETTLED) & (done_days != _UNSETTLED) & (extend != _UNSETTLED)
    candidate &= start_days <= done_days
    for name in ("pauses", "restart"):
        if name in ledger.positions:
            candidate &= ~_filled(ledger.column(name))
    candidate &= ~(shared_hashes(id_hashes(ledger)) if shared is None else shared)
    if not candidate.any():
        return candidate

    # One engine call per distinct (rule, start, extension) among the candidates: the
    # triple packed into one integer (each part is below its span).
    rule_of, start_of, extend_of = rule_codes[candidate], start_days[candidate], extend[candidate]
    low_start = int(start_of.min())
    start_span, extend_span = int(start_of.max()) - low_start + 1, int(extend_of.max()) + 1
    packed = (rule_of * start_span + (start_of - low_start)) * extend_span + extend_of
    distinct, inverse = np.unique(packed, return_inverse=True)
    due = _due_days(
        checker,
        [rules[code] for code in (distinct // (start_span * extend_span)).tolist()],
        distinct // extend_span % start_span + low_start,
        distinct % extend_span,
    )
    row_due = due[inverse]
    settled: NDArray[np.bool_] = candidate.copy()
    settled[candidate] = (row_due != _UNSETTLED) & (done_days[candidate] <= row_due)
    return settled


def check_columns(checker: LedgerCheck, ledger: ColumnarLedger, name: str) -> Iterator[Finding]:
    """Every finding of the ledger, in the order and wording of the per-row check: the rows
    left unsettled are checked one by one, then the findings known only at the end."""
    unsettled = np.flatnonzero(~settled_rows(checker, ledger)).tolist()
    return check_rows(checker, ledger.headers, ledger.positions, (ledger.row(at) for at in unsettled), name)


def check_rows(
    checker: LedgerCheck, headers: tuple[str, ...], positions: Mapping[str, int], rows: Iterable[LedgerRow], name: str
) -> Iterator[Finding]:
    """The per-row check of the rows left unsettled, in ledger order, and then the findings
    known only at the end (recurring rules)."""
    table = LedgerTable(None, headers, dict(positions), iter(rows), ())
    file_check: FileCheck = checker.check(Path(name), name)
    for result in file_check.results(table):
        if result.findings:
            yield from result.findings
    yield from file_check.file_findings
    if file_check.open_rows:
        yield from no_done_column(name, headers, positions)
    yield from file_check.finish()


CHUNK_ROWS = 50_000
"""Rows read into columns at a time by ``unsettled_table``: memory stays flat as files grow."""


class _Stop:
    """Reads a table's rows until a ``LedgerFileError``, which it keeps for later."""

    def __init__(self, rows: Iterator[LedgerRow]) -> None:
        self.rows = rows
        self.error: LedgerFileError | None = None

    def take(self, count: int) -> Iterator[LedgerRow]:
        try:
            for _ in range(count):
                row = next(self.rows, None)
                if row is None:
                    return
                yield row
        except LedgerFileError as error:
            self.error = error


def unsettled_table(
    checker: LedgerCheck, table: LedgerTable, ids: DuplicateIds, counted: list[int], chunk_rows: int | None = None
) -> LedgerTable:
    """``table`` with only the rows the per-row check must see, read ``chunk_rows`` at a time.

    A settled row needs an id met neither earlier in the file nor elsewhere in its chunk;
    ``ids`` records every id of the chunk in bulk and answers the per-row check's questions
    about the unsettled rows from that; settled rows are counted in ``counted[0]``. An error reading the file (``LedgerFileError``)
    surfaces after the rows read before it, as in the per-row check.
    """

    size = chunk_rows or CHUNK_ROWS

    def rows() -> Iterator[LedgerRow]:
        reader = _Stop(table.rows())
        while True:
            ledger = read_columns(table, reader.take(size))
            if len(ledger):
                hashes = id_hashes(ledger)
                numbers = np.asarray(ledger.rows, dtype=np.int64)
                firsts = ids.register_chunk(hashes, numbers)
                settled = settled_rows(checker, ledger, (firsts != numbers) | shared_hashes(hashes))
                counted[0] += int(settled.sum())
                unsettled = np.flatnonzero(~settled)
                # The per-row check asks for these rows' first rows: answered from the bulk
                # look-up, never by a binary search a row.
                ids.prime(dict(zip(numbers[unsettled].tolist(), firsts[unsettled].tolist(), strict=True)))
                for at in unsettled.tolist():
                    yield ledger.row(at)
            if reader.error is not None:
                raise reader.error
            if len(ledger) < size:
                return

    return LedgerTable(table.encoding, table.headers, dict(table.positions), rows(), table.leading)
