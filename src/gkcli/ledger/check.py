"""Checking ledgers (台账) against the statutory deadlines (docs/design.md §5, docs/ledgers.md).

``LedgerCheck`` holds what every file of a run shares: the calendar, the rule catalogue, the
options and the caches. ``LedgerCheck.check(source)`` gives the ``FileCheck`` of one ledger,
a path or a binary file object, which streams its rows: ``rows.RowReader`` reads each into
named cells, ``duplicates.DuplicateIds`` spots a reused id, ``cells.CellReader`` validates
the cells and ``judge.RowJudge`` asks the row's deadline for the verdict; the findings'
codes are in ``codes``, their wording in ``messages``. ``check_ledger`` is the one-call form.

Nothing is kept per row except what duplicate-id needs and the distinct event dates of
recurring rules; deadlines and parsed dates are cached by value, so a million-row ledger
costs a few thousand engine calls. The common row (done on time, with the deadline cells of
an on-time row already judged, no duplicate id) takes a short cut: no findings, no engine
call, and the same verdict the row's deadline gives.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, BinaryIO

from gkcli.calendar.index import WorkCalendar
from gkcli.core.config import Settings
from gkcli.core.dates import ParsedDate, parse_as_of
from gkcli.core.errors import GkcliError
from gkcli.deadlines.engine import CountingOptions, Deadline, recurring_periods
from gkcli.deadlines.model import NonworkingTrigger
from gkcli.deadlines.units import RowJudgement, unit_for
from gkcli.deadlines.units.gap import Gap, too_long_gaps
from gkcli.ledger import messages
from gkcli.ledger.batch import FindingBatch
from gkcli.ledger.cells import CACHE_LIMIT, CellReader
from gkcli.ledger.codes import FindingCode
from gkcli.ledger.duplicates import DuplicateIds
from gkcli.ledger.findings import Finding, RowFindings
from gkcli.ledger.judge import (
    STATUS_LABELS,
    EventSeries,
    JudgedRows,
    RowJudge,
    RowResult,
    Status,
    done_before_start,
)
from gkcli.ledger.read import (
    COLUMN_ALIASES,
    Cell,
    LedgerFileError,
    LedgerRow,
    LedgerTable,
    open_ledger,
    parse_column_map,
)
from gkcli.ledger.rows import RowReader
from gkcli.rules.catalogue import Rule, RuleCatalogue

if TYPE_CHECKING:
    from gkcli.ledger.columnar import DueTable

__all__ = [
    "DEFAULT_WARN_DAYS",
    "STATUS_LABELS",
    "CheckOptions",
    "FileCheck",
    "LedgerCheck",
    "RowResult",
    "Status",
    "check_ledger",
]

DEFAULT_WARN_DAYS = 3
_NO_FINDINGS: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class CheckOptions:
    """How rows are checked: the instant "now" for open rows (``--as-of``, start of that
    day for a date), the due-soon window in working days, and the counting options every
    row shares (docs/design.md §3)."""

    as_of: datetime
    warn_days: int = DEFAULT_WARN_DAYS
    column_map: Mapping[str, str] = field(default_factory=dict)
    encoding: str | None = None
    sheet: str | None = None
    nonworking_trigger: NonworkingTrigger = NonworkingTrigger.ASIS
    count_start_day: bool = False
    delimiter: str | None = None

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        as_of: str | None = None,
        warn_days: int | None = None,
        mapping: Sequence[str] = (),
        encoding: str | None = None,
        sheet: str | None = None,
        nonworking_trigger: NonworkingTrigger = NonworkingTrigger.ASIS,
        count_start_day: bool = False,
        delimiter: str | None = None,
    ) -> CheckOptions:
        """The options of a check as a front end is given them: ``as_of`` as typed (default
        now), ``warn_days`` else the settings' else the default, the settings' ``[columns]``
        with the ``CANONICAL=HEADER`` ``mapping`` added (``--map``)."""
        columns = parse_column_map(
            [f"{key}={value}" for key, value in settings.columns.items()], f"{settings.project_file} [columns]"
        )
        columns.update(parse_column_map(list(mapping), "--map"))
        if warn_days is None:
            warn_days = settings.warn_days if settings.warn_days is not None else DEFAULT_WARN_DAYS
        return cls(
            as_of=parse_as_of(as_of),
            warn_days=warn_days,
            column_map=columns,
            encoding=encoding,
            sheet=sheet,
            nonworking_trigger=nonworking_trigger,
            count_start_day=count_start_day,
            delimiter=delimiter,
        )


_OPEN_STATUSES = frozenset((Status.OPEN, Status.OVERDUE, Status.DUE_SOON))


def no_done_column(name: str, headers: Sequence[str], positions: Mapping[str, int]) -> list[Finding]:
    """The file-level notice of a ledger without a completion column whose rows with a
    deadline are therefore all read as still open, which must never pass unsaid
    (docs/ledgers.md "Columns and header aliases"). A ledger of events only (update-gap
    and recurring rules) needs no done column and gets none."""
    if "done" in positions:
        return []
    found = ", ".join(header for header in headers if header.strip()) or "(none)"
    accepted = "/".join(("done", *COLUMN_ALIASES["done"]))
    return [
        Finding(
            FindingCode.NO_DONE_COLUMN,
            name,
            f"no done column: every row is treated as open; headers found: {found}. "
            f"Name the completion column ({accepted}) or map it: --map done=HEADER",
            f"没有完成日期列：每一行都按未完成处理；找到的表头：{found}。"
            f"请使用完成日期列的表头（{accepted}）或用 --map done=表头 指定",
            column="done",
        )
    ]


def long_cells(findings: RowFindings, table: LedgerTable, row: LedgerRow) -> None:
    """The finding of a row's cells over a limit (docs/ledgers.md "Long cells"): a CSV cell
    too long to read (``cell-too-long``: the row is not checked), or a workbook cell over
    Excel's limit (``cell-too-long-for-excel``: read whole, and the row is checked)."""
    named = {at: name for name, at in table.positions.items()}
    cells = []
    for cell in row.too_long:
        header = table.headers[cell.column].strip() if cell.column < len(table.headers) else ""
        cells.append((named.get(cell.column) or header or None, header, cell))
    code = FindingCode.CELL_TOO_LONG_FOR_EXCEL if row.too_long[0].read else FindingCode.CELL_TOO_LONG
    message = messages.cell_too_long([(header, cell) for _, header, cell in cells], row.line)
    findings.add(code, cells[0][0], None, message)


class LedgerCheck:
    """Checks ledgers on one calendar and rule catalogue; caches what rows share."""

    def __init__(self, calendar: WorkCalendar, catalogue: RuleCatalogue, options: CheckOptions) -> None:
        self.calendar = calendar
        self.catalogue = catalogue
        self.options = options
        self.base_options = CountingOptions(
            nonworking_trigger=options.nonworking_trigger, count_start_day=options.count_start_day
        )
        self.cells = CellReader(catalogue, self.base_options)
        self.judge = RowJudge(calendar, self.cells, options.as_of, options.warn_days)
        self.due_table: DueTable | None = None
        """The columnar kernel's due days, worked out once a check rather than once a block
        (``ledger.columnar.due_table``)."""

    @property
    def provisional_years(self) -> set[int]:
        """The provisional years some row's status was counted on (docs/design.md §2.3)."""
        return self.judge.provisional_years

    def check(self, source: Path | BinaryIO, name: str | None = None) -> FileCheck:
        """The check of one ledger: a path, or a binary file object (read whole at once into a
        temporary file, since a CSV is read twice: encoding, then rows). ``name`` is how
        findings name the file (default: the path, or ``-``). Close it, or use ``with``."""
        return FileCheck(self, source, name)


class FileCheck:
    """The check of one file. Iterate ``results()`` once; ``findings()`` is the same stream
    reduced to findings (file-level ones included). ``encoding`` and ``rows`` are known
    once the iteration has finished; ``fully_read`` is False when the file was no readable
    ledger (an ``encoding-error`` or ``missing-column`` finding says why)."""

    def __init__(self, checker: LedgerCheck, source: Path | BinaryIO, name: str | None = None) -> None:
        self.checker = checker
        if isinstance(source, Path):
            self.path, self._spooled = source, False
            self.name = name or str(source)
        else:
            with tempfile.NamedTemporaryFile(prefix="gkcli-ledger-", delete=False) as copy:
                shutil.copyfileobj(source, copy)
            self.path, self._spooled = Path(copy.name), True
            self.name = name or "-"
        self.encoding: str | None = None
        self._found_encoding: str | None = None
        self.rows = 0
        self.file_findings: list[Finding] = []
        self.open_rows = 0  # rows judged still open: without a done column, every deadline row
        self.fully_read = True
        self._ids = DuplicateIds()
        self._events: dict[EventSeries, set[date]] = {}
        self._on_time: dict[tuple[Cell, ...], tuple[Deadline, ParsedDate]] = {}

    def close(self) -> None:
        """Remove the temporary copy of a file object and the duplicate-id table's spill file."""
        self._ids.close()
        if self._spooled:
            self.path.unlink(missing_ok=True)
            self._spooled = False

    def __enter__(self) -> FileCheck:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    # -- the stream -------------------------------------------------------------------------

    def open(self) -> LedgerTable:
        """Open the file; ``LedgerFileError`` when it is no readable ledger. The encoding
        found the first time is kept for the next (finding it reads the whole file, and
        a run opens a file more than once: ``check_headers``, then ``findings``)."""
        options = self.checker.options
        try:
            table = open_ledger(
                self.path,
                options.column_map,
                encoding=options.encoding or self._found_encoding,
                sheet=options.sheet,
                delimiter=options.delimiter,
            )
        except LedgerFileError as error:
            self._found_encoding = self._found_encoding or error.encoding
            raise
        self.encoding = self._found_encoding = table.encoding
        return table

    def check_headers(self) -> None:
        """Raise now the ``InputError`` that the options or headers would raise mid-run (two
        headers for one column, an unknown sheet), so a caller can refuse before writing any
        report; a file that is no readable ledger is left for ``findings`` to report."""
        with contextlib.suppress(LedgerFileError):
            self.open()

    def results(self, table: LedgerTable) -> Iterator[RowResult]:
        """The result of each data row, in order (an empty row has no deadline and is not
        counted); a file-level finding met on the way (an encoding error in the middle) is
        in ``file_findings``, and ``finish()`` gives those only known at the end."""
        on_time, dates, judge = self._on_time, self.checker.cells.dates, self.checker.judge
        try:
            for row, cells in RowReader(table):
                if cells is None:
                    if type(row) is JudgedRows:  # judged by the columnar kernel: its findings come with it
                        batch = row.batch
                        self.rows += len(batch)
                        self.open_rows += batch.still_open
                        yield RowResult(row, None, None, None, batch)
                    elif row.too_long:  # a row with a cell too long to read: not checked
                        self.rows += 1
                        findings = RowFindings(self.name, row, None)
                        long_cells(findings, table, row)
                        yield RowResult(row, None, None, None, tuple(findings.findings))
                    else:
                        yield RowResult(row, None, None, None, _NO_FINDINGS)
                    continue
                self.rows += 1
                row_id = cells.id_text
                first_row = self._ids.first_row(row_id, row.row)
                key = cells.deadline_cells
                # The common row: done, no duplicate id, the deadline cells of an on-time row
                # already judged; the deadline answers, and there are no findings.
                hit = on_time.get(key) if cells.done and first_row == row.row and not row.too_long else None
                if hit is not None:
                    deadline, start = hit
                    done = dates.get(cells.done)
                    if (
                        isinstance(done, ParsedDate)
                        and done.is_iso
                        and not done_before_start(done, start)
                        and not deadline.is_late(done.date)  # an untimed deadline: the day decides
                    ):
                        yield RowResult(row, deadline, Status.ON_TIME, 0, _NO_FINDINGS, deadline.provisional)
                        continue
                findings = RowFindings(self.name, row, row_id or None)
                if row.too_long:
                    long_cells(findings, table, row)
                if first_row != row.row:
                    findings.add(FindingCode.DUPLICATE_ID, "id", row_id, messages.duplicate_id(row_id, first_row))
                verdict = judge.judge(cells, findings, self._events)
                if verdict.status in _OPEN_STATUSES:
                    self.open_rows += 1
                judged = verdict.deadline
                started = dates.get(cells.start)  # parsed while judging (unless the cache was just cleared)
                if (
                    verdict.status is Status.ON_TIME
                    and not findings.findings
                    and judged is not None
                    and not judged.period.timed
                    and isinstance(started, ParsedDate)
                ):
                    if len(on_time) > CACHE_LIMIT:
                        on_time.clear()
                    on_time[key] = (judged, started)
                yield RowResult(
                    row,
                    *verdict,
                    tuple(findings.findings) if findings.findings else _NO_FINDINGS,
                    findings.provisional,
                )
        except LedgerFileError as error:
            self.file_findings.append(self._file_finding(error))

    def finish(self) -> list[Finding]:
        """Findings known only when every row has been read: recurring and update-gap rules,
        per rule and channel. A series the rule cannot judge (no version of it in force on an
        event's day) is one finding naming why; the other series are judged as usual."""
        found: list[Finding] = []
        as_of = self.checker.options.as_of.date()
        for (rule_id, channel), events in self._events.items():
            rule = self.checker.catalogue.get(rule_id)
            if min(events) > as_of:
                continue
            try:
                found.extend(self._series_findings(rule, channel, events, as_of))
            except GkcliError as error:
                found.append(
                    Finding(FindingCode(error.code), self.name, error.en, error.zh, column="start", rule=rule.id)
                )
        return found

    def _series_findings(self, rule: Rule, channel: str, events: set[date], as_of: date) -> list[Finding]:
        if unit_for(rule.unit).ledger_judgement is RowJudgement.GAP:
            return [self._gap_finding(rule, channel, gap) for gap in too_long_gaps(rule, events, as_of)]
        found = []
        for period in recurring_periods(rule, events, min(events), as_of):
            if period.met or period.end >= as_of:
                continue
            span = f"{period.start.isoformat()}..{period.end.isoformat()}"
            message = messages.quarter_missing(rule, period, span)
            found.append(
                Finding(
                    FindingCode.QUARTER_MISSING,
                    self.name,
                    message.en,
                    message.zh,
                    column="start",
                    value=span,
                    rule=rule.id,
                )
            )
        return found

    def _gap_finding(self, rule: Rule, channel: str, gap: Gap) -> Finding:
        message = messages.update_gap(rule, channel, gap)
        span = f"{gap.first.isoformat()}..{gap.last.isoformat()}"
        return Finding(
            FindingCode.UPDATE_GAP, self.name, message.en, message.zh, column="start", value=span, rule=rule.id
        )

    def findings(self) -> Iterator[Finding]:
        """Every finding of the file, in row order, then the file-level ones."""
        for found in self.batched_findings():
            if isinstance(found, FindingBatch):
                yield from found
            else:
                yield found

    def batched_findings(self) -> Iterator[Finding | FindingBatch]:
        """``findings()``, with the columnar kernel's late and overdue findings a
        ``FindingBatch`` at a time (consecutive rows), for a report that writes them in bulk."""
        try:
            table = self.open()
        except LedgerFileError as error:
            self.encoding = error.encoding
            yield self._file_finding(error)
            return
        # Only findings are wanted: the columnar kernel settles the common on-time rows in
        # bulk and the per-row check sees the rest, in order (docs/performance.md).
        from gkcli.ledger.columnar import unsettled_table

        settled = [0]
        try:
            for result in self.results(unsettled_table(self.checker, table, self._ids, settled, name=self.name)):
                if type(result.findings) is FindingBatch:
                    yield result.findings
                elif result.findings:
                    yield from result.findings
        finally:
            self._ids.close()  # the id table (and its spill file) goes as soon as the rows are read
        self.rows += settled[0]
        yield from self.file_findings
        if self.open_rows:
            yield from no_done_column(self.name, table.headers, table.positions)
        yield from self.finish()

    def _file_finding(self, error: LedgerFileError) -> Finding:
        self.fully_read = False
        return Finding(error.code, self.name, error.en, error.zh, line=error.line)


def check_ledger(
    source: Path | BinaryIO,
    options: CheckOptions,
    *,
    calendar: WorkCalendar,
    catalogue: RuleCatalogue,
    name: str | None = None,
) -> Iterator[Finding]:
    """Every finding of one ledger (a path or a binary file object), in row order, then the
    file-level ones; ``LedgerCheck`` and ``FileCheck`` give the rows, counts and encoding too."""
    with LedgerCheck(calendar, catalogue, options).check(source, name) as file_check:
        yield from file_check.findings()
