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
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, cast

import numpy as np
from numpy.typing import NDArray

from gkcli.core.dates import ParsedDate, to_beijing
from gkcli.core.errors import GkcliError
from gkcli.deadlines.engine import compute_deadline
from gkcli.deadlines.model import DEFAULT_OPTIONS, CountingOptions
from gkcli.deadlines.units import UNITS, RowJudgement
from gkcli.ledger.cells import CACHE_LIMIT, parse_date_cell
from gkcli.ledger.check import FileCheck, LedgerCheck, no_done_column
from gkcli.ledger.codes import FindingCode
from gkcli.ledger.duplicates import DuplicateIds
from gkcli.ledger.findings import Finding, Wording
from gkcli.ledger.judge import JudgedRow, Status
from gkcli.ledger.messages import Missed, StillOpen
from gkcli.ledger.read import Cell, LedgerFileError, LedgerRow, LedgerTable, RowBlock, cell_text, is_filled
from gkcli.rules.catalogue import Rule, RuleVersion, Unit

if TYPE_CHECKING:
    from gkcli.calendar.index import WorkCalendar

__all__ = [
    "LATE",
    "ON_TIME",
    "OVERDUE",
    "PER_ROW",
    "ColumnarLedger",
    "Verdicts",
    "block_columns",
    "check_columns",
    "check_rows",
    "id_hashes",
    "kernel_rows",
    "read_columns",
    "row_verdicts",
    "settled_rows",
    "shared_hashes",
    "unsettled_table",
]

_UNSETTLED = -1
_UNKNOWN = -2  # not in a memo yet
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

    def row(self, at: int) -> LedgerRow:
        if at in self.long:
            return self.long[at]
        line = self.lines[at] if self.lines is not None else None
        if at in self.short:
            return LedgerRow(self.rows[at], line, tuple(self.short[at]))
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
    long: dict[int, LedgerRow] = {}
    for at, row in enumerate(table.rows() if rows is None else rows):
        if row.too_long:
            long[at] = row
        numbers.append(row.row)
        lines.append(row.line)
        cells = row.cells
        if len(cells) < width:
            cells = (*cells, *padding[len(cells) :])
        elif len(cells) > width:
            beyond[at] = tuple(cells[width:])
        for (append, keep), cell in zip(appends, cells, strict=False):
            append(keep(cell, cell))
    return ColumnarLedger(table.headers, tuple(columns), dict(table.positions), numbers, lines, beyond, long)


def block_columns(table: LedgerTable, blocks: Iterable[RowBlock]) -> tuple[ColumnarLedger, LedgerFileError | None]:
    """Successive blocks of an opened ledger's rows as one ``ColumnarLedger``, and the error
    that ended the file after them, if one did. Each block is transposed as soon as it is
    read, while its cells are still in the processor's cache (``READ_ROWS``). A short row
    reads ``""`` past its end, as in the per-row check (``rows.RowReader``); the cells of a
    long one past the header are kept aside."""
    width = len(table.headers)
    columns: list[list[Cell]] = [[] for _ in range(width)]
    size = 0
    rows: list[Sequence[int | None]] = []
    lines: list[Sequence[int | None]] = []
    beyond: dict[int, tuple[Cell, ...]] = {}
    error: LedgerFileError | None = None
    padding = ("",) * width
    short: dict[int, Sequence[Cell]] = {}
    long: dict[int, LedgerRow] = {}
    ids = table.positions.get("id")
    # Ids are distinct: sharing them would only cost a table of every id.
    shared: list[dict[Cell, Cell]] = [{} for _ in range(width)]
    sharing = [None if at == ids else known.setdefault for at, known in enumerate(shared)]
    for block in blocks:
        cells: Sequence[Sequence[Cell]] = block.cells
        if cells and set(map(len, cells)) != {width}:
            for at, row in enumerate(cells, start=size):
                if len(row) > width:
                    beyond[at] = tuple(row[width:])
                elif len(row) < width:
                    short[at] = row
            cells = [row if len(row) == width else (*row[:width], *padding[len(row) :]) for row in cells]
        # The block's rows die here: only their cells live on, in the columns, which the
        # garbage collector never has to walk (a chunk of row lists kept alive cost as much
        # as the reading, in its collections). Equal cells of a column share one object, so
        # a chunk of a few thousand dates, rules and units costs a pointer a cell.
        for column, share, part in zip(columns, sharing, zip(*cells, strict=True), strict=False):
            column.extend(part if share is None else map(share, part, part))
        long.update((size + at, row) for at, row in block.long.items())
        size += len(cells)
        rows.append(block.rows)
        lines.append(block.lines)
        error = block.error
    numbers = cast("Sequence[int]", _joined(rows))  # a row number is never None
    ledger = ColumnarLedger(
        table.headers, tuple(columns), dict(table.positions), numbers, _joined(lines), beyond, long, short
    )
    return ledger, error


def _joined(parts: Sequence[Sequence[int | None]]) -> Sequence[int | None]:
    """The parts one after the other: one range when they are ranges that follow each other."""
    ranges = [part for part in parts if isinstance(part, range) and part.step == 1]
    if len(ranges) == len(parts) and all(before.stop == after.start for before, after in itertools.pairwise(ranges)):
        return range(ranges[0].start, ranges[-1].stop) if ranges else range(0)
    return list(itertools.chain.from_iterable(parts))


def _factorize(values: Sequence[Cell]) -> tuple[NDArray[np.int64], list[Cell]]:
    """Codes into the distinct values and the distinct values, first seen first. Cells
    compare as Python values: equal cells read the same in the per-row check."""
    codes: dict[Cell, int] = dict.fromkeys(values, 0)
    for code, value in enumerate(codes):
        codes[value] = code
    return np.fromiter(map(codes.__getitem__, values), dtype=np.int64, count=len(values)), list(codes)


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
    column = ledger.column("id")
    try:
        hashes = np.fromiter(map(hash, map(str.strip, column)), dtype=np.int64, count=len(ledger))  # type: ignore[arg-type]
    except TypeError:  # not all text (a workbook's numbers): each cell as the per-row check reads it
        hashes = np.fromiter(map(hash, map(cell_text, column)), dtype=np.int64, count=len(ledger))
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


class _Terms(NamedTuple):
    """The rule of a row and the version applied to its start: what its findings name."""

    rule: Rule
    version: RuleVersion


def _due_days(
    checker: LedgerCheck, rules: list[Cell], starts: NDArray[np.int64], extensions: NDArray[np.int64]
) -> tuple[NDArray[np.int64], list[_Terms | None]]:
    """The due day (days since 1970) of each (rule, start, extension) triple, or -1 where the
    per-row check must decide (no such rule, another unit, an engine error); and the rule
    and version of each triple that has a due day, for the wording of its findings.

    A triple is worked out once a check and remembered in ``checker.due_days`` for the
    chunks that follow. The engine's own hot path — a working-day rule with the default
    options is its version's amount of working days after the trigger
    (``deadlines.units.workday``) — runs as one array call; every other triple is one
    ``compute_deadline`` call."""
    calendar: WorkCalendar = checker.calendar
    memo = checker.due_days
    resolved: dict[Cell, Rule | None] = {}
    for text in set(rules):
        try:
            rule: Rule | None = checker.catalogue.get(cell_text(text))
        except GkcliError:
            rule = None
        resolved[text] = rule if rule is not None and rule.unit in _DAY_UNITS else None
    due = np.full(len(starts), _UNSETTLED, dtype=np.int64)
    terms: list[_Terms | None] = [None] * len(starts)
    default = checker.base_options == DEFAULT_OPTIONS
    fast: list[tuple[int, tuple[str, int, int], _Terms]] = []
    options_for: dict[int, CountingOptions] = {}

    def remember(key: tuple[str, int, int], known: tuple[int, RuleVersion] | None) -> None:
        if len(memo) >= CACHE_LIMIT:
            memo.clear()
        memo[key] = known

    for at, (text, start, extend) in enumerate(zip(rules, starts.tolist(), extensions.tolist(), strict=True)):
        rule = resolved[text]
        if rule is None or _UNSETTLED in (start, extend):
            continue
        key = (rule.id, start, extend)
        if key in memo:
            known = memo[key]
        else:
            trigger = date.fromordinal(start + _EPOCH)
            if default and extend == 0 and rule.unit is Unit.WORKDAY:
                try:
                    fast.append((at, key, _Terms(rule, rule.version_for(trigger))))
                except GkcliError:
                    remember(key, None)
                continue
            options = options_for.get(extend)
            if options is None:
                options = options_for[extend] = checker.base_options.replace(pauses=(), restart=None, extend=extend)
            try:
                deadline = compute_deadline(rule, trigger, calendar, options)
                known = (deadline.due_date.toordinal() - _EPOCH, deadline.version)
            except GkcliError:
                known = None
            remember(key, known)
        if known is not None:
            due[at] = known[0]
            terms[at] = _Terms(rule, known[1])
    if fast:
        at_of = [at for at, _, _ in fast]
        try:
            days = calendar.add_workdays_array(
                starts[at_of].astype("datetime64[D]"), np.array([found.version.amount for _, _, found in fast])
            ).astype(np.int64)
        except GkcliError:
            # Some triple needs an uncovered year: each is left to the engine, one by one.
            days = np.full(len(fast), _UNSETTLED, dtype=np.int64)
            for index, (at, _, found) in enumerate(fast):
                with contextlib.suppress(GkcliError):
                    trigger = date.fromordinal(int(starts[at]) + _EPOCH)
                    days[index] = calendar.add_workdays(trigger, found.version.amount).toordinal() - _EPOCH
        for (at, key, found), day in zip(fast, days.tolist(), strict=True):
            due[at] = day
            terms[at] = found
            remember(key, (day, found.version) if day != _UNSETTLED else None)
    return due, terms


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


def _provisional(calendar: WorkCalendar, low: NDArray[np.int64], high: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Whether a provisional year (docs/design.md §2.3) lies between ``low`` and ``high``
    (days since 1970) — as ``RowJudge.is_provisional`` asks it — for each pair."""
    years = calendar.provisional_years(calendar.first_day, calendar.last_day)
    found = np.zeros(len(low), dtype=bool)
    if years:
        first = low.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
        last = high.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
        for year in years:
            found |= (first <= year) & (year <= last)
    return found


_plain_days = _PerCell(_plain_day)
_extensions = _PerCell(_extension)
_filled_cells = _PerCell(lambda cell: int(is_filled(cell)))


def _filled(values: Sequence[Cell]) -> NDArray[np.bool_]:
    """``is_filled`` of each cell, asked once per distinct cell."""
    return _filled_cells(values).astype(bool)


class Verdicts(NamedTuple):
    """The kernel's verdict on each row of a ledger (``row_verdicts``): ``kind`` is
    ``PER_ROW`` (the per-row check decides), ``ON_TIME`` (no finding), ``LATE`` or
    ``OVERDUE``; for the last two, the due day and the done day or as-of day (days since
    1970), the working days late or overdue, and the rule and version of the row."""

    kind: NDArray[np.int8]
    due: NDArray[np.int64]
    until: NDArray[np.int64]
    days: NDArray[np.int64]
    terms: list[_Terms | None]
    term: NDArray[np.int64]


PER_ROW, ON_TIME, LATE, OVERDUE = 0, 1, 2, 3


def settled_rows(
    checker: LedgerCheck, ledger: ColumnarLedger, shared: NDArray[np.bool_] | None = None
) -> NDArray[np.bool_]:
    """Which rows are on time with no finding, decided without the per-row check.
    ``shared``: the rows whose id occurs more than once, when the caller knows them (a
    partition of a larger ledger); by default those of this ledger."""
    kind: NDArray[np.bool_] = row_verdicts(checker, ledger, shared).kind == ON_TIME
    return kind


def row_verdicts(checker: LedgerCheck, ledger: ColumnarLedger, shared: NDArray[np.bool_] | None = None) -> Verdicts:
    """The kernel's verdict on each row. A row is judged here when its rule counts days,
    its start is a plain ISO date, its extension a whole number, it has no pauses or
    restart, its id occurs once (``shared`` as in ``settled_rows``), no provisional year
    lies between its start and its due, done or as-of day, and either its done cell is a
    plain ISO date not before the start (on time or late), or it is empty and the due day
    has passed as of ``--as-of`` (overdue). Everything else is left to the per-row check."""
    size = len(ledger)
    kind = np.zeros(size, dtype=np.int8)
    due = np.full(size, _UNSETTLED, dtype=np.int64)
    until = np.full(size, _UNSETTLED, dtype=np.int64)
    days = np.zeros(size, dtype=np.int64)
    term = np.full(size, _UNSETTLED, dtype=np.int64)
    verdicts = Verdicts(kind, due, until, days, [], term)
    if not size:
        return verdicts
    rule_codes, rules = _factorize(ledger.column("rule"))
    start_days = _plain_days(ledger.column("start"))
    done_days = _plain_days(ledger.column("done"))
    done_filled = _filled(ledger.column("done"))
    extend = _extensions(ledger.column("extension"))

    candidate: NDArray[np.bool_] = (start_days != _UNSETTLED) & (extend != _UNSETTLED)
    for name in ("pauses", "restart"):
        if name in ledger.positions:
            candidate &= ~_filled(ledger.column(name))
    candidate &= ~(shared_hashes(id_hashes(ledger)) if shared is None else shared)
    if ledger.long:
        candidate[list(ledger.long)] = False  # a row with a long cell: the per-row check's
    done = candidate & (done_days != _UNSETTLED) & (start_days <= done_days)
    still_open = candidate & ~done_filled
    candidate = done | still_open
    if not candidate.any():
        return verdicts

    # One engine call per distinct (rule, start, extension) among the candidates: the
    # triple packed into one integer (each part is below its span).
    rule_of, start_of, extend_of = rule_codes[candidate], start_days[candidate], extend[candidate]
    low_start = int(start_of.min())
    start_span, extend_span = int(start_of.max()) - low_start + 1, int(extend_of.max()) + 1
    packed = (rule_of * start_span + (start_of - low_start)) * extend_span + extend_of
    distinct, inverse = np.unique(packed, return_inverse=True)
    distinct_due, terms = _due_days(
        checker,
        [rules[code] for code in (distinct // (start_span * extend_span)).tolist()],
        distinct // extend_span % start_span + low_start,
        distinct % extend_span,
    )
    verdicts.terms.extend(terms)
    due[candidate] = distinct_due[inverse]
    term[candidate] = inverse
    known = due != _UNSETTLED
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

    low = np.where(overdue, np.minimum(start_days, as_of_date), start_days)
    high = np.where(kind == ON_TIME, due, np.where(late, done_days, np.maximum(due, as_of_date)))
    judged = np.flatnonzero(kind != PER_ROW)
    kind[judged[_provisional(checker.calendar, low[judged], high[judged])]] = PER_ROW
    counted = np.flatnonzero((kind == LATE) | (kind == OVERDUE))
    days[counted] = _workdays(checker.calendar, due[counted], until[counted])
    kind[counted[days[counted] == _UNSETTLED]] = PER_ROW
    return verdicts


def kernel_rows(checker: LedgerCheck, ledger: ColumnarLedger, verdicts: Verdicts, name: str) -> Iterator[LedgerRow]:
    """The rows of ``ledger`` the per-row check must see, in order: a row the kernel left to
    it as it is, a late or overdue row as a ``JudgedRow`` with its one finding, worded when
    it is read (as the per-row check words it: ``messages``); on-time rows are left out."""
    as_of = checker.options.as_of.date().isoformat()
    picked = np.flatnonzero(verdicts.kind != ON_TIME)
    kinds = verdicts.kind[picked].tolist()
    dues, untils = verdicts.due[picked].tolist(), verdicts.until[picked].tolist()
    counts, terms = verdicts.days[picked].tolist(), verdicts.term[picked].tolist()
    ids, numbers, lines = ledger.column("id"), ledger.rows, ledger.lines
    texts: dict[int, str] = {}  # a ledger has a few thousand distinct days

    def iso(day: int) -> str:
        """A day (since 1970) as ``YYYY-MM-DD``."""
        text = texts.get(day)
        if text is None:
            text = texts[day] = date.fromordinal(day + _EPOCH).isoformat()
        return text

    for at, kind, due_day, until, count, term in zip(picked.tolist(), kinds, dues, untils, counts, terms, strict=True):
        if kind == PER_ROW:
            yield ledger.row(at)
            continue
        known = verdicts.terms[term]
        assert known is not None
        rule, version = known
        due = iso(due_day)
        row, line = numbers[at], lines[at] if lines is not None else None
        if kind == LATE:
            done = iso(until)
            wording: Wording = Missed(rule, done, due, version.label, f"{count} working day(s)", f"{count} 个工作日")
            code, value, status = FindingCode.DEADLINE_MISSED, done, Status.LATE
        else:
            wording = StillOpen(rule, due, as_of, count)
            code, value, status = FindingCode.OVERDUE, "", Status.OVERDUE
        finding = Finding.worded(wording, code, name, row, line, "done", value, cell_text(ids[at]) or None, rule.id)
        yield JudgedRow.of(row, line, status, count, (finding,))


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
READ_ROWS = 1_024
"""Rows read and transposed at once: a block small enough to stay in the processor's cache
(a 50,000-row block transposed at once cost three times the reading, docs/performance.md)."""


def unsettled_table(
    checker: LedgerCheck,
    table: LedgerTable,
    ids: DuplicateIds,
    counted: list[int],
    chunk_rows: int | None = None,
    *,
    name: str = "-",
) -> LedgerTable:
    """``table`` with only the rows the per-row check must see, read ``chunk_rows`` at a time.

    A settled row needs an id met neither earlier in the file nor elsewhere in its chunk;
    ``ids`` records every id of the chunk in bulk and answers the per-row check's questions
    about the unsettled rows from that; settled rows are counted in ``counted[0]``. An error reading the file (``LedgerFileError``)
    surfaces after the rows read before it, as in the per-row check.
    """

    size = chunk_rows or CHUNK_ROWS
    read = min(size, READ_ROWS)

    def rows() -> Iterator[LedgerRow]:
        blocks = table.blocks(read)
        while True:
            ledger, error = block_columns(table, itertools.islice(blocks, -(-size // read)))
            if len(ledger):
                hashes = id_hashes(ledger)
                numbers = (
                    np.arange(ledger.rows.start, ledger.rows.stop, dtype=np.int64)
                    if isinstance(ledger.rows, range)
                    else np.asarray(ledger.rows, dtype=np.int64)
                )
                firsts = ids.register_chunk(hashes, numbers)
                verdicts = row_verdicts(checker, ledger, (firsts != numbers) | shared_hashes(hashes))
                counted[0] += int(np.count_nonzero(verdicts.kind == ON_TIME))
                unsettled = np.flatnonzero(verdicts.kind == PER_ROW)
                # The per-row check asks for these rows' first rows: answered from the bulk
                # look-up, never by a binary search a row.
                ids.prime(dict(zip(numbers[unsettled].tolist(), firsts[unsettled].tolist(), strict=True)))
                yield from kernel_rows(checker, ledger, verdicts, name)
            if error is not None:
                raise error
            if len(ledger) < size:
                return

    return LedgerTable(table.encoding, table.headers, dict(table.positions), rows(), table.leading)
