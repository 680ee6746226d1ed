"""Judging one ledger row against its deadline (docs/design.md §5, docs/ledgers.md).

A row is one obligation: a rule, the day it was triggered, and when it was done. The
deadline is computed by the same engine as ``gkcli deadline`` (with the row's pauses —
条例 Art. 33, restart — Art. 30 and extension — Art. 33 ¶2), and the deadline itself answers
whether the row was done in time (``Deadline.is_late``) and by how many working days it
missed (``Deadline.days_late``). Minimum periods (重大行政决策程序暂行条例 Art. 15) are
judged by the length of the period; recurring rules are judged per file once every row
has been read, so a row only records its event.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from enum import Enum
from typing import NamedTuple

from gkcli.calendar.index import WorkCalendar
from gkcli.core.dates import ParsedDate
from gkcli.core.errors import CalendarOutOfRange, GkcliError
from gkcli.deadlines.engine import CountingOptions, Deadline, compute_deadline, minimum_period
from gkcli.deadlines.units import RowJudgement, unit_for
from gkcli.ledger import messages
from gkcli.ledger.batch import FindingBatch
from gkcli.ledger.cells import CACHE_LIMIT, CellReader
from gkcli.ledger.codes import FindingCode
from gkcli.ledger.findings import Finding, RowFindings, RowProblem
from gkcli.ledger.messages import Message, show
from gkcli.ledger.read import LedgerRow, cell_text, is_filled
from gkcli.ledger.rows import RowCells
from gkcli.rules.catalogue import Rule

__all__ = [
    "STATUS_LABELS",
    "EventSeries",
    "JudgedRows",
    "RowJudge",
    "RowResult",
    "Status",
    "Verdict",
    "done_before_start",
]


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


class Verdict(NamedTuple):
    """A row's deadline (None when none could be computed or the rule has none), its status
    and the working days it is late or overdue."""

    deadline: Deadline | None
    status: Status | None
    days_late: int | None


NO_VERDICT = Verdict(None, None, None)


class EventSeries(NamedTuple):
    """The events judged together once the file is read: a recurring or update-gap rule's
    rows of one channel (a website column, an account; empty when the ledger has none)."""

    rule_id: str
    channel: str


class RowResult(NamedTuple):
    """A data row, its deadline (None when none could be computed or the rule has none),
    its status, working days late or overdue, its findings, and whether the status was
    counted on a provisional year. For a ``JudgedRows`` the result is the whole run's:
    no deadline, status or days, and its ``FindingBatch`` as the findings."""

    row: LedgerRow
    deadline: Deadline | None
    status: Status | None
    days_late: int | None
    findings: Sequence[Finding]
    provisional: bool = False


class JudgedRows(LedgerRow):
    """A run of consecutive data rows the columnar kernel has judged late or overdue
    (``ledger.columnar``), read as one row of no cells: its ``row`` and ``line`` are the
    first's, its findings a ``FindingBatch``, one a row. ``FileCheck.results`` passes it on
    as one result whose findings are that batch, without a ``Deadline`` (the kernel
    computes none)."""

    batch: FindingBatch

    @classmethod
    def of(cls, batch: FindingBatch) -> JudgedRows:
        judged = cls(int(batch.rows[0]), batch.line(0), ())
        judged.batch = batch
        return judged


def done_before_start(done: ParsedDate, start: ParsedDate) -> bool:
    """Done before it started: compared as instants when both cells have a time, else as days."""
    if done.has_time and start.has_time:
        return done.value < start.value
    return done.date < start.date


class RowJudge:
    """Judges rows on one calendar as of one instant; caches deadlines by what they depend on.

    ``provisional_years`` collects the provisional years (docs/design.md §2.3) some row's
    status was counted on, for the run's warning."""

    def __init__(self, calendar: WorkCalendar, cells: CellReader, as_of: datetime, warn_days: int) -> None:
        self.calendar = calendar
        self.cells = cells
        self.as_of = as_of
        self.warn_days = warn_days
        self.provisional_years: set[int] = set()
        self._any_provisional = bool(calendar.provisional_years(calendar.first_day, calendar.last_day))
        self._deadlines: dict[tuple[object, ...], Deadline | GkcliError] = {}

    def judge(self, cells: RowCells, findings: RowFindings, events: dict[EventSeries, set[date]]) -> Verdict:
        """The verdict on a row; its findings go to ``findings``, the event of a recurring or
        update-gap rule to ``events``, by rule and channel."""
        try:
            return self._judge(cells, findings, events)
        except RowProblem:
            return NO_VERDICT

    def _judge(self, cells: RowCells, findings: RowFindings, events: dict[EventSeries, set[date]]) -> Verdict:
        reader = self.cells
        rule_text = cell_text(cells.rule)
        missing = [name for name, value in (("rule", rule_text), ("start", cells.start)) if not is_filled(value)]
        for name in missing:
            findings.add(FindingCode.MISSING_CELL, name, "", messages.missing_cell(name))
        rule = reader.rule(rule_text, findings) if rule_text else None
        start = reader.date(cells.start, "start", findings) if is_filled(cells.start) else None
        done_filled = is_filled(cells.done)
        done = reader.date(cells.done, "done", findings) if done_filled else None
        if missing or rule is None or start is None or (done is None and done_filled):
            return NO_VERDICT
        findings.rule = rule.id
        if done is not None and done_before_start(done, start):
            findings.add(
                FindingCode.DONE_BEFORE_START, "done", cell_text(cells.done), messages.done_before_start(done, start)
            )
            return NO_VERDICT
        judgement = unit_for(rule.unit).ledger_judgement
        if judgement is RowJudgement.MINIMUM_PERIOD:
            return self._minimum_period(rule, start, done, findings)
        if judgement in (RowJudgement.RECURRING, RowJudgement.GAP):
            series = EventSeries(rule.id, cell_text(cells.channel).strip())
            events.setdefault(series, set()).add((done or start).date)
            return NO_VERDICT
        if unit_for(rule.unit).timed and not start.has_time:
            findings.add(FindingCode.TIME_ASSUMED, "start", show(start), messages.time_assumed(rule, start))
        options = reader.counting_options(cells.extension, cells.pauses, cells.restart, findings)
        deadline = self.deadline(rule, start, options, findings)
        if done is not None:
            return self._done(deadline, done, findings)
        return self._open(deadline, findings)

    def deadline(self, rule: Rule, start: ParsedDate, options: CountingOptions, findings: RowFindings) -> Deadline:
        """The row's deadline, from the cache when an earlier row had the same."""
        trigger: date | datetime = start.value if start.has_time else start.date
        key = (rule.id, trigger, options)
        found = self._deadlines.get(key)
        if found is None:
            try:
                found = compute_deadline(rule, trigger, self.calendar, options)
            except GkcliError as error:
                found = error
            if len(self._deadlines) > CACHE_LIMIT:
                self._deadlines.clear()
            self._deadlines[key] = found
        if isinstance(found, GkcliError):
            if found.code == FindingCode.EXTENSION_EXCEEDS_MAX:
                raise findings.error(found, "extension", str(options.extend))
            raise findings.error(found, "start", show(start))
        return found

    def is_provisional(self, deadline: Deadline, until: date) -> bool:
        """Whether a status counted from the trigger to the due day and to ``until`` (the day
        done, or the as-of day) rests on a provisional year; such years are collected."""
        if not self._any_provisional:
            return False
        trigger = deadline.trigger_date
        years = self.calendar.provisional_years(min(trigger, until), max(deadline.due_date, until))
        self.provisional_years.update(years)
        return bool(years)

    def _minimum_period(self, rule: Rule, start: ParsedDate, done: ParsedDate | None, findings: RowFindings) -> Verdict:
        """A period that must last at least N days (重大行政决策程序暂行条例 Art. 15: the
        comment period is generally not shorter than 30 days): start = open, done = close."""
        if done is None:
            return Verdict(None, Status.OPEN, None)
        try:
            length = minimum_period(rule, start.date, done.date)
        except GkcliError as error:  # no version of the rule in force on the start day
            raise findings.error(error, "start", show(start)) from None
        if length.met:
            return Verdict(None, Status.ON_TIME, None)
        findings.add(
            FindingCode.PERIOD_TOO_SHORT,
            "done",
            done.date.isoformat(),
            messages.period_too_short(rule, start, done, length.days, length.required),
        )
        return Verdict(None, Status.LATE, None)

    def _done(self, deadline: Deadline, done: ParsedDate, findings: RowFindings) -> Verdict:
        findings.provisional = self.is_provisional(deadline, done.date)
        if not deadline.is_late(done.value):
            return Verdict(deadline, Status.ON_TIME, 0)
        try:
            days = deadline.days_late(done.value)
        except GkcliError as error:
            raise findings.error(error, "done", done.value.date().isoformat()) from None
        late_en, late_zh = deadline.period.lateness(deadline, done.value, days)
        findings.add(
            FindingCode.DEADLINE_MISSED, "done", show(done), messages.deadline_missed(deadline, done, late_en, late_zh)
        )
        return Verdict(deadline, Status.LATE, days)

    def _open(self, deadline: Deadline, findings: RowFindings) -> Verdict:
        as_of = self.as_of
        findings.provisional = self.is_provisional(deadline, as_of.date())
        if as_of >= deadline.due_at:
            try:
                days = deadline.days_late(as_of)
            except CalendarOutOfRange as error:
                why = Message(error.en, error.zh)
                findings.add(
                    FindingCode.CALENDAR_OUT_OF_RANGE, "done", "", messages.overdue_uncounted(deadline, as_of, why)
                )
                return Verdict(deadline, Status.OVERDUE, None)
            findings.add(FindingCode.OVERDUE, "done", "", messages.overdue(deadline, as_of, days))
            return Verdict(deadline, Status.OVERDUE, days)
        try:
            left = self.calendar.count_workdays(as_of.date(), deadline.due_date)
        except GkcliError as error:
            raise findings.error(error, "done", "") from None
        if left <= self.warn_days:
            findings.add(FindingCode.DUE_SOON, "done", "", messages.due_soon(deadline, left))
            return Verdict(deadline, Status.DUE_SOON, None)
        return Verdict(deadline, Status.OPEN, None)
