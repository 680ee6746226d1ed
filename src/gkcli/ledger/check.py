"""Checking ledgers (台账) against the statutory deadlines (docs/design.md §5).

Every row is one obligation: a rule, the day it was triggered, and when it was done.
``LedgerCheck.check(path)`` streams a file and yields, per row, the deadline computed by
the same engine as ``gkcli deadline`` (``deadlines.compute_deadline``, with the row's
pauses — 条例 Art. 33, restart — Art. 30 and extension — Art. 33 ¶2), the row's status as
of the check date and its findings. Findings carry stable codes:

per row    missing-cell, unknown-rule, invalid-date, non-iso-date (warning), invalid-number,
           done-before-start, deadline-missed, overdue, due-soon (warning),
           extension-exceeds-max, calendar-out-of-range, period-too-short (minimum rules)
per file   missing-column, encoding-error, duplicate-id, quarter-missing (recurring rules)

A row whose status is counted on a provisional year (docs/design.md §2.3) is marked ``provisional``,
as are its deadline-missed, overdue and due-soon findings; ``LedgerCheck.provisional_years``
collects those years for the run's warning. An open row judged ``--as-of`` a year without
calendar data gets calendar-out-of-range; the rest of the ledger is checked as usual.

Nothing is kept per row except what duplicate-id needs (a dict from the hash of each
distinct id's text to its first row, about 100 bytes an id: the one part of the check
whose memory grows with the file) and the distinct event dates of recurring rules;
deadlines and parsed dates are cached by value, so a million-row ledger costs a few
thousand engine calls. (A table in flat arrays halved that memory but, probed in Python,
cost 1.5 µs a row: more than the whole check's time budget allows.)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from enum import Enum
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from gkcli.calendar.index import WorkCalendar
from gkcli.core.dates import BEIJING, ParsedDate, normalise_text, parse_date_range, parse_datetime, to_beijing
from gkcli.core.errors import CalendarOutOfRange, GkcliError, InputError
from gkcli.deadlines.engine import CountingOptions, Deadline, compute_deadline, minimum_period, recurring_periods
from gkcli.deadlines.model import NonworkingTrigger
from gkcli.deadlines.units import RowJudgement, unit_for
from gkcli.ledger.codes import FindingCode
from gkcli.ledger.findings import Finding
from gkcli.ledger.read import Cell, LedgerFileError, LedgerRow, LedgerTable, cell_text, is_filled, open_ledger
from gkcli.rules.catalogue import Rule, RuleCatalogue

__all__ = [
    "DEFAULT_WARN_DAYS",
    "STATUS_LABELS",
    "CheckOptions",
    "FileCheck",
    "LedgerCheck",
    "RowResult",
    "Status",
]

DEFAULT_WARN_DAYS = 3
_CACHE_LIMIT = 200_000
_NO_FINDINGS: tuple[Finding, ...] = ()
_new_tuple = tuple.__new__
# The cells every row is read for; those from "rule" on decide its deadline, so a row
# whose cells from "rule" on equal an earlier on-time row's has the same deadline.
_FAST_FIELDS = ("id", "done", "rule", "start", "extension", "pauses", "restart")


class Status(str, Enum):
    """Where an obligation stands as of the check date."""

    ON_TIME = "on time"
    LATE = "late"
    OPEN = "open"
    OVERDUE = "overdue"
    DUE_SOON = "due soon"


STATUS_LABELS = {
    "zh": {
        Status.ON_TIME: "按时",
        Status.LATE: "逾期完成",
        Status.OPEN: "未完成",
        Status.OVERDUE: "已超期",
        Status.DUE_SOON: "即将到期",
    },
    "en": {status: status.value for status in Status},
}


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


class RowResult(NamedTuple):
    """A data row, its deadline (None when none could be computed or the rule has none),
    its status, working days late or overdue, its findings, and whether the status was
    counted on a provisional year."""

    row: LedgerRow
    deadline: Deadline | None
    status: Status | None
    days_late: int | None
    findings: tuple[Finding, ...]
    provisional: bool = False


class _RowProblem(Exception):
    """Stops checking a row: its finding is already recorded."""


class FileCheck:
    """The check of one file. Iterate ``results()`` once; ``findings()`` is the same stream
    reduced to findings (file-level ones included). ``encoding`` and ``rows`` are known
    once the iteration has finished."""

    def __init__(self, checker: LedgerCheck, path: Path, name: str) -> None:
        self.checker = checker
        self.path = path
        self.name = name
        self.encoding: str | None = None
        self.rows = 0
        self.file_findings: list[Finding] = []
        self.fully_read = True
        self._ids: dict[int, int] = {}
        self._events: dict[str, set[date]] = {}
        self._fast: dict[tuple[Cell, ...], tuple[Deadline, date]] = {}

    # -- the stream -------------------------------------------------------------------------

    def open(self) -> LedgerTable:
        """Open the file; ``LedgerFileError`` when it is no readable ledger."""
        options = self.checker.options
        table = open_ledger(self.path, options.column_map, encoding=options.encoding, sheet=options.sheet)
        self.encoding = table.encoding
        return table

    def results(self, table: LedgerTable) -> Iterator[RowResult]:
        """The result of each data row, in order (an empty row has no deadline and is not
        counted); a file-level finding met on the way (an encoding error in the middle) is
        in ``file_findings``, and ``finish()`` gives those only known at the end."""
        evaluate, ids, on_time, dates = self._evaluate, self._ids, self._fast, self.checker.dates
        positions = table.positions
        # Cells past the header are not read; an absent column reads the padding cell at
        # index ``width``, which no row can fill.
        width = len(table.headers)
        fields = itemgetter(*(positions.get(name, width) for name in _FAST_FIELDS))
        padding = ("",) * (width + 1)
        try:
            for row in table.rows():
                cells = row.cells
                first = cells[0] if cells else None
                if (first.__class__ is str and first.strip()) or any(map(is_filled, cells)):
                    self.rows += 1
                    known = cells[:width]
                    values = fields((*known, *padding[len(known) :]))
                    # Ids compare by their text, so an .xlsx number 1 and a CSV "1" are the
                    # same id (and hash() of a str never makes ints -1 and -2 collide).
                    row_id = values[0].strip() if values[0].__class__ is str else cell_text(values[0])
                    first_row = ids.setdefault(hash(row_id), row.row) if row_id else row.row
                    # The common row, done on time with the cells of an on-time row already
                    # checked, and no duplicate id: no findings, no engine call.
                    hit = on_time.get(values[2:]) if values[1] and first_row == row.row else None
                    if hit is not None:
                        deadline, start = hit
                        done = dates.get(values[1])
                        if done.__class__ is ParsedDate and done.is_iso and start <= done.date <= deadline.due_date:
                            # tuple.__new__: the NamedTuple's own constructor costs twice as much.
                            yield _new_tuple(
                                RowResult, (row, deadline, Status.ON_TIME, 0, _NO_FINDINGS, deadline.provisional)
                            )
                            continue
                    yield evaluate(row, positions, row_id, first_row, values)
                else:
                    yield RowResult(row, None, None, None, _NO_FINDINGS)
        except LedgerFileError as error:
            self.file_findings.append(self._file_finding(error))

    def finish(self) -> list[Finding]:
        """Findings known only when every row has been read (recurring rules)."""
        findings: list[Finding] = []
        as_of = self.checker.options.as_of.date()
        for rule_id, events in self._events.items():
            rule = self.checker.catalogue.get(rule_id)
            if min(events) > as_of:
                continue
            for period in recurring_periods(rule, events, min(events), as_of):
                if period.met or period.end >= as_of:
                    continue
                span = f"{period.start.isoformat()}..{period.end.isoformat()}"
                findings.append(
                    Finding(
                        FindingCode.QUARTER_MISSING,
                        self.name,
                        f"{rule.id}: {period.events} of the {period.required} required event(s) in {span}",
                        f"{rule.name}：{span} 期间只有 {period.events} 次，至少应有 {period.required} 次",
                        column="start",
                        value=span,
                        rule=rule.id,
                    )
                )
        return findings

    def findings(self) -> Iterator[Finding]:
        """Every finding of the file, in row order, then the file-level ones."""
        try:
            table = self.open()
        except LedgerFileError as error:
            self.encoding = error.encoding
            yield self._file_finding(error)
            return
        for result in self.results(table):
            if result.findings:
                yield from result.findings
        yield from self.file_findings
        yield from self.finish()

    def _file_finding(self, error: LedgerFileError) -> Finding:
        self.fully_read = False
        return Finding(error.code, self.name, error.en, error.zh, line=error.line)

    # -- one row ----------------------------------------------------------------------------

    def _evaluate(
        self, row: LedgerRow, positions: Mapping[str, int], row_id: str, first: int, values: tuple[Cell, ...]
    ) -> RowResult:
        """The full check of one row (``values``: its ``_FAST_FIELDS`` cells; ``first``: the
        first row with its id)."""
        cells = row.cells
        width = len(cells)

        def cell(name: str) -> Cell:
            index = positions.get(name)
            return cells[index] if index is not None and index < width else None

        findings: list[Finding] = []
        report = _Reporter(self.name, row, findings)
        report.row_id = row_id or None
        if first != row.row:
            self._duplicate(row_id, first, report)
        try:
            result = self._check_row(cell, report)
        except _RowProblem:
            result = (None, None, None)
        deadline, status = result[0], result[1]
        if status is Status.ON_TIME and not findings and deadline is not None and not deadline.period.timed:
            if len(self._fast) > _CACHE_LIMIT:
                self._fast.clear()
            self._fast[values[2:]] = (deadline, deadline.trigger_date)
        return RowResult(row, *result, tuple(findings) if findings else _NO_FINDINGS, report.provisional)

    def _duplicate(self, row_id: str, first: int, report: _Reporter) -> None:
        report.add(
            FindingCode.DUPLICATE_ID,
            "id",
            row_id,
            f"id {row_id!r} is used again (first on row {first}); each row needs its own id",
            f"编号 {row_id!r} 重复（首次出现在第 {first} 行）；每行应有唯一编号",
        )

    def _check_row(self, cell, report: _Reporter) -> tuple[Deadline | None, Status | None, int | None]:  # type: ignore[no-untyped-def]
        checker = self.checker
        rule_text = cell_text(cell("rule"))
        start_cell = cell("start")
        missing = [name for name, value in (("rule", rule_text), ("start", start_cell)) if not is_filled(value)]
        for name in missing:
            report.add(
                FindingCode.MISSING_CELL,
                name,
                "",
                f"the {name} cell is empty; every row needs a rule and a start date",
                f"{'事项' if name == 'rule' else '起算日期'}为空；每行都需要事项和起算日期",
            )
        rule = checker.rule(rule_text, report) if rule_text else None
        start = checker.date_cell(start_cell, "start", report) if is_filled(start_cell) else None
        done_cell = cell("done")
        done = checker.date_cell(done_cell, "done", report) if is_filled(done_cell) else None
        if missing or rule is None or start is None or (done is None and is_filled(done_cell)):
            raise _RowProblem
        report.rule = rule.id
        if done is not None and _before(done, start):
            report.add(
                FindingCode.DONE_BEFORE_START,
                "done",
                cell_text(done_cell),
                f"done {_show(done)} is before the start {_show(start)}; check both dates",
                f"完成日期 {_show(done)} 早于起算日期 {_show(start)}；请核对两个日期",
            )
            raise _RowProblem
        check = unit_for(rule.unit).ledger_judgement
        if check is RowJudgement.MINIMUM_PERIOD:
            return self._check_minimum(rule, start, done, report)
        if check is RowJudgement.RECURRING:
            self._events.setdefault(rule.id, set()).add((done or start).date)
            return None, None, None
        options = checker.counting_options(cell("extension"), cell("pauses"), cell("restart"), report)
        deadline = checker.deadline(rule, start, options, report)
        if done is not None:
            return self._check_done(rule, deadline, done, report)
        return self._check_open(rule, deadline, report)

    def _check_minimum(
        self, rule: Rule, start: ParsedDate, done: ParsedDate | None, report: _Reporter
    ) -> tuple[None, Status | None, None]:
        """A period that must last at least N days (重大行政决策程序暂行条例 Art. 15: the
        comment period is generally not shorter than 30 days): start = open, done = close."""
        if done is None:
            return None, Status.OPEN, None
        length = minimum_period(rule, start.date, done.date)
        if length.met:
            return None, Status.ON_TIME, None
        amount, days = length.required, length.days
        report.add(
            FindingCode.PERIOD_TOO_SHORT,
            "done",
            done.date.isoformat(),
            f"{rule.id}: open {start.date.isoformat()} to {done.date.isoformat()} is {days} days; at least {amount} required",
            f"{rule.name}：{start.date.isoformat()} 至 {done.date.isoformat()} 仅 {days} 日，不少于 {amount} 日",
        )
        return None, Status.LATE, None

    def _check_done(
        self, rule: Rule, deadline: Deadline, done: ParsedDate, report: _Reporter
    ) -> tuple[Deadline, Status, int]:
        report.provisional = self.checker.is_provisional(deadline, done.date)
        if not deadline.is_late(done.value):
            return deadline, Status.ON_TIME, 0
        days = self.checker.days_late(deadline, done.value, report)
        late_en, late_zh = deadline.period.lateness(deadline, done.value, days)
        report.add(
            FindingCode.DEADLINE_MISSED,
            "done",
            _show(done),
            f"{rule.id}: done {_show(done)}, {late_en} after the deadline "
            f"{deadline.due_label} ({deadline.version.label})",
            f"{rule.name}：完成于 {_show(done)}，超过截止时间 {deadline.due_label} "
            f"{late_zh}（{deadline.version.label}）",
        )
        return deadline, Status.LATE, days

    def _check_open(self, rule: Rule, deadline: Deadline, report: _Reporter) -> tuple[Deadline, Status, int | None]:
        checker = self.checker
        as_of = checker.options.as_of
        report.provisional = checker.is_provisional(deadline, as_of.date())
        if as_of >= deadline.due_at:
            try:
                days = deadline.days_late(as_of)
            except CalendarOutOfRange as error:
                report.add(
                    FindingCode.CALENDAR_OUT_OF_RANGE,
                    "done",
                    "",
                    f"{rule.id}: still open, due {deadline.due_label}, overdue as of {as_of.date().isoformat()}; "
                    f"the working days overdue cannot be counted: {error.en}",
                    f"{rule.name}：尚未完成，截止日期 {deadline.due_label}，截至 {as_of.date().isoformat()} 已超期；"
                    f"无法计算超期工作日：{error.zh}",
                )
                return deadline, Status.OVERDUE, None
            report.add(
                FindingCode.OVERDUE,
                "done",
                "",
                f"{rule.id}: still open, due {deadline.due_label}, {days} working day(s) overdue "
                f"as of {as_of.date().isoformat()}",
                f"{rule.name}：尚未完成，截止日期 {deadline.due_label}，截至 {as_of.date().isoformat()} "
                f"已超期 {days} 个工作日",
            )
            return deadline, Status.OVERDUE, days
        left = checker.workdays_left(deadline, report)
        if left <= checker.options.warn_days:
            report.add(
                FindingCode.DUE_SOON,
                "done",
                "",
                f"{rule.id}: still open, due {deadline.due_label} ({left} working day(s) left)",
                f"{rule.name}：尚未完成，截止日期 {deadline.due_label}（还剩 {left} 个工作日）",
            )
            return deadline, Status.DUE_SOON, None
        return deadline, Status.OPEN, None


class _Reporter:
    """Collects the findings of one row."""

    __slots__ = ("file", "findings", "provisional", "row", "row_id", "rule")

    def __init__(self, file: str, row: LedgerRow, findings: list[Finding]) -> None:
        self.file, self.row, self.findings = file, row, findings
        self.row_id: str | None = None
        self.rule: str | None = None
        self.provisional = False  # set once the row's status is counted, for the findings about it

    def add(self, code: FindingCode, column: str | None, value: str, en: str, zh: str) -> None:
        self.findings.append(
            Finding(
                code,
                self.file,
                en,
                zh,
                row=self.row.row,
                line=self.row.line,
                column=column,
                value=value,
                row_id=self.row_id,
                rule=self.rule,
                provisional=self.provisional,
            )
        )

    def error(self, error: GkcliError, column: str | None, value: str, code: FindingCode | None = None) -> _RowProblem:
        """Record ``error`` as a finding (of ``code``, else of the error's own code)."""
        self.add(code or FindingCode(error.code), column, value, error.en, error.zh)
        return _RowProblem()


class LedgerCheck:
    """Checks ledgers on one calendar and rule catalogue; caches what rows share."""

    def __init__(self, calendar: WorkCalendar, catalogue: RuleCatalogue, options: CheckOptions) -> None:
        self.calendar = calendar
        self.catalogue = catalogue
        self.options = options
        self._rules: dict[str, Rule | GkcliError] = {}
        self.dates: dict[Cell, ParsedDate | GkcliError] = {}
        self._deadlines: dict[tuple[object, ...], Deadline | GkcliError] = {}
        self._counting: dict[tuple[Cell, Cell, Cell], CountingOptions | tuple[GkcliError, FindingCode, str, str]] = {}
        self.base_options = CountingOptions(
            nonworking_trigger=options.nonworking_trigger, count_start_day=options.count_start_day
        )
        self.provisional_years: set[int] = set()
        self._any_provisional = bool(calendar.provisional_years(calendar.first_day, calendar.last_day))

    def is_provisional(self, deadline: Deadline, until: date) -> bool:
        """Whether a status counted from the trigger to the due day and to ``until`` (the day
        done, or the as-of day) rests on a provisional year; such years are collected."""
        if not self._any_provisional:
            return False
        trigger = deadline.trigger_date
        years = self.calendar.provisional_years(min(trigger, until), max(deadline.due_date, until))
        self.provisional_years.update(years)
        return bool(years)

    def check(self, path: Path, name: str | None = None) -> FileCheck:
        return FileCheck(self, path, name or str(path))

    def rule(self, text: str, report: _Reporter) -> Rule | None:
        found = self._rules.get(text)
        if found is None:
            try:
                found = self.catalogue.get(text)
            except GkcliError as error:
                found = error
            self._rules[text] = found
        if isinstance(found, GkcliError):
            report.add(FindingCode(found.code), "rule", text, found.en, found.zh)
            return None
        return found

    def date_cell(self, value: Cell, column: str, report: _Reporter) -> ParsedDate | None:
        """The date in a cell, from the cache; invalid-date / non-iso-date findings."""
        parsed = self.dates.get(value)
        if parsed is None:
            if len(self.dates) > _CACHE_LIMIT:
                self.dates.clear()
            parsed = self.dates[value] = _parse_cell(value)
        if isinstance(parsed, GkcliError):
            report.add(FindingCode.INVALID_DATE, column, cell_text(value), parsed.en, parsed.zh)
            return None
        if not parsed.is_iso:
            text = cell_text(value)
            report.add(
                FindingCode.NON_ISO_DATE,
                column,
                text,
                f"{text!r} is read as {_show(parsed)}; write dates as YYYY-MM-DD to avoid misreading",
                f"{text!r} 按 {_show(parsed)} 理解；建议写成 YYYY-MM-DD 以免误读",
            )
        return parsed

    def counting_options(self, extension: Cell, pauses: Cell, restart: Cell, report: _Reporter) -> CountingOptions:
        key = (extension, pauses, restart)
        found = self._counting.get(key)
        if found is None:
            found = self._counting[key] = self._parse_counting(extension, pauses, restart)
        if isinstance(found, tuple):
            error, code, column, value = found
            raise report.error(error, column, value, code)
        return found

    def _parse_counting(
        self, extension: Cell, pauses: Cell, restart: Cell
    ) -> CountingOptions | tuple[GkcliError, FindingCode, str, str]:
        try:
            extend = _whole_number(extension)
        except InputError as error:
            return error, FindingCode.INVALID_NUMBER, "extension", cell_text(extension)
        try:
            ranges = tuple(parse_date_range(part) for part in _split_pauses(cell_text(pauses)))
        except InputError as error:
            return error, FindingCode.INVALID_DATE, "pauses", cell_text(pauses)
        restart_date = None
        if is_filled(restart):
            parsed = _parse_cell(restart)
            if isinstance(parsed, GkcliError):
                return parsed, FindingCode.INVALID_DATE, "restart", cell_text(restart)
            restart_date = parsed.date
        return replace(self.base_options, pauses=ranges, restart=restart_date, extend=extend)

    def deadline(self, rule: Rule, start: ParsedDate, options: CountingOptions, report: _Reporter) -> Deadline:
        trigger: date | datetime = start.value if start.has_time else start.date
        key = (rule.id, trigger, options)
        found = self._deadlines.get(key)
        if found is None:
            try:
                found = compute_deadline(rule, trigger, self.calendar, options)
            except GkcliError as error:
                found = error
            if len(self._deadlines) > _CACHE_LIMIT:
                self._deadlines.clear()
            self._deadlines[key] = found
        if isinstance(found, GkcliError):
            column = "extension" if found.code == FindingCode.EXTENSION_EXCEEDS_MAX else "start"
            raise report.error(found, column, str(options.extend) if column == "extension" else _show(start))
        return found

    def days_late(self, deadline: Deadline, when: datetime, report: _Reporter) -> int:
        try:
            return deadline.days_late(when)
        except GkcliError as error:
            raise report.error(error, "done", when.date().isoformat()) from None

    def workdays_left(self, deadline: Deadline, report: _Reporter) -> int:
        try:
            return self.calendar.count_workdays(self.options.as_of.date(), deadline.due_date)
        except GkcliError as error:
            raise report.error(error, "done", "") from None


# -- cells ------------------------------------------------------------------------------------


def _parse_cell(value: Cell) -> ParsedDate | GkcliError:
    """A date cell: an Excel date/date-time as it is, a number or text in an accepted form."""
    if isinstance(value, datetime):
        return ParsedDate(to_beijing(value), has_time=value.time() != time(0), is_iso=True)
    if isinstance(value, date):
        return ParsedDate(datetime.combine(value, time(0), BEIJING), has_time=False, is_iso=True)
    try:
        return parse_datetime(cell_text(value))
    except GkcliError as error:
        return error


def _whole_number(value: Cell) -> int:
    text = normalise_text(cell_text(value))
    if not text:
        return 0
    if text.isdigit():
        return int(text)
    raise InputError(
        f"extension {text!r} is not a whole number of working days (write e.g. 20)",
        f"延期 {text!r} 不是工作日天数（整数，例如 20）",
    )


def _split_pauses(text: str) -> list[str]:
    """``A..B;C..D`` (also separated by ``；`` ``,`` ``，`` or a line break) as its ranges."""
    normalised = normalise_text(text)
    for separator in (",", "\n", "\r"):
        normalised = normalised.replace(separator, ";")
    return [part.strip() for part in normalised.split(";") if part.strip()]


def _before(done: ParsedDate, start: ParsedDate) -> bool:
    if done.has_time and start.has_time:
        return done.value < start.value
    return done.date < start.date


def _show(parsed: ParsedDate) -> str:
    if parsed.has_time:
        return parsed.value.strftime("%Y-%m-%d %H:%M")
    return parsed.date.isoformat()
