"""The wording of ledger findings, in English and Chinese (docs/ledgers.md "Finding codes").

Each function returns the ``Message`` of one kind of finding from the facts the check found;
what a finding means and how severe it is lives in ``codes``, when it is reported in ``judge``.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from gkcli.core.dates import ParsedDate
from gkcli.core.i18n import Lang
from gkcli.deadlines.engine import Deadline, RecurringPeriod
from gkcli.deadlines.units.gap import Gap
from gkcli.ledger.read import LongCell
from gkcli.rules.catalogue import Rule

__all__ = [
    "Message",
    "Missed",
    "StillOpen",
    "cell_too_long",
    "deadline_missed",
    "done_before_start",
    "due_soon",
    "duplicate_id",
    "missing_cell",
    "non_iso_date",
    "overdue",
    "overdue_uncounted",
    "period_too_short",
    "quarter_missing",
    "show",
    "time_assumed",
    "update_gap",
]


class Message(NamedTuple):
    en: str
    zh: str


def show(parsed: ParsedDate) -> str:
    """A date cell as read: ``YYYY-MM-DD``, with ``HH:MM`` when it has a time."""
    if parsed.has_time:
        return parsed.value.strftime("%Y-%m-%d %H:%M")
    return parsed.date.isoformat()


def missing_cell(column: str) -> Message:
    return Message(
        f"the {column} cell is empty; every row needs a rule and a start date",
        f"{'事项' if column == 'rule' else '起算日期'}为空；每行都需要事项和起算日期",
    )


def non_iso_date(text: str, parsed: ParsedDate) -> Message:
    return Message(
        f"{text!r} is read as {show(parsed)}; write dates as YYYY-MM-DD to avoid misreading",
        f"{text!r} 按 {show(parsed)} 理解；建议写成 YYYY-MM-DD 以免误读",
    )


def duplicate_id(row_id: str, first_row: int) -> Message:
    return Message(
        f"id {row_id!r} is used again (first on row {first_row}); each row needs its own id",
        f"编号 {row_id!r} 重复（首次出现在第 {first_row} 行）；每行应有唯一编号",
    )


def done_before_start(done: ParsedDate, start: ParsedDate) -> Message:
    return Message(
        f"done {show(done)} is before the start {show(start)}; check both dates",
        f"完成日期 {show(done)} 早于起算日期 {show(start)}；请核对两个日期",
    )


def period_too_short(rule: Rule, start: ParsedDate, done: ParsedDate, days: int, required: int) -> Message:
    opened, closed = start.date.isoformat(), done.date.isoformat()
    return Message(
        f"{rule.id}: open {opened} to {closed} is {days} days; at least {required} required",
        f"{rule.name}：{opened} 至 {closed} 仅 {days} 日，不少于 {required} 日",
    )


def deadline_missed(deadline: Deadline, done: ParsedDate, late_en: str, late_zh: str) -> Message:
    return Missed(deadline.rule, show(done), deadline.due_label, deadline.version.label, late_en, late_zh).both()


class Missed(NamedTuple):
    """The wording of ``deadline-missed`` from the texts it shows, in the language asked for
    when it is read (the columnar kernel's findings, ``findings.Finding.worded``)."""

    rule: Rule
    done: str
    due: str
    version: str
    late_en: str
    late_zh: str

    def __call__(self, lang: Lang) -> str:
        rule, done, due, version = self.rule, self.done, self.due, self.version
        if lang == Lang.zh:
            return f"{rule.name}：完成于 {done}，超过截止时间 {due} {self.late_zh}（{version}）"
        return f"{rule.id}: done {done}, {self.late_en} after the deadline {due} ({version})"

    def both(self) -> Message:
        return Message(self(Lang.en), self(Lang.zh))


def overdue(deadline: Deadline, as_of: datetime, days: int) -> Message:
    return StillOpen(deadline.rule, deadline.due_label, as_of.date().isoformat(), days).both()


class StillOpen(NamedTuple):
    """The wording of ``overdue`` from the texts it shows, in the language asked for when it
    is read (the columnar kernel's findings, ``findings.Finding.worded``)."""

    rule: Rule
    due: str
    day: str
    days: int

    def __call__(self, lang: Lang) -> str:
        rule, due, day, days = self.rule, self.due, self.day, self.days
        if lang == Lang.zh:
            return f"{rule.name}：尚未完成，截止日期 {due}，截至 {day} 已超期 {days} 个工作日"
        return f"{rule.id}: still open, due {due}, {days} working day(s) overdue as of {day}"

    def both(self) -> Message:
        return Message(self(Lang.en), self(Lang.zh))


def overdue_uncounted(deadline: Deadline, as_of: datetime, why: Message) -> Message:
    """Overdue, but the working days overdue need a year the calendar does not have (``why``)."""
    rule, day = deadline.rule, as_of.date().isoformat()
    return Message(
        f"{rule.id}: still open, due {deadline.due_label}, overdue as of {day}; "
        f"the working days overdue cannot be counted: {why.en}",
        f"{rule.name}：尚未完成，截止日期 {deadline.due_label}，截至 {day} 已超期；无法计算超期工作日：{why.zh}",
    )


def due_soon(deadline: Deadline, left: int) -> Message:
    rule = deadline.rule
    return Message(
        f"{rule.id}: still open, due {deadline.due_label} ({left} working day(s) left)",
        f"{rule.name}：尚未完成，截止日期 {deadline.due_label}（还剩 {left} 个工作日）",
    )


def quarter_missing(rule: Rule, period: RecurringPeriod, span: str) -> Message:
    return Message(
        f"{rule.id}: {period.events} of the {period.required} required event(s) in {span}",
        f"{rule.name}：{span} 期间只有 {period.events} 次，至少应有 {period.required} 次",
    )


def update_gap(rule: Rule, channel: str, gap: Gap) -> Message:
    where_en = f" ({channel})" if channel else ""
    where_zh = f"（{channel}）" if channel else ""
    span = f"{gap.first.isoformat()}..{gap.last.isoformat()}"
    due = gap.update_due.isoformat()
    if gap.open:
        return Message(
            f"{rule.id}{where_en}: no update for {gap.days} days ({span}) since {gap.since.isoformat()}, "
            f"up to the as-of day; the next update was due by {due}",
            f"{rule.id}{where_zh}：自 {gap.since.isoformat()} 之后至检查日连续 {gap.days} 日未更新（{span}），"
            f"应不晚于 {due} 更新",
        )
    return Message(
        f"{rule.id}{where_en}: no update for {gap.days} days ({span}) after {gap.since.isoformat()}; "
        f"the next update was due by {due}",
        f"{rule.id}{where_zh}：{gap.since.isoformat()} 之后连续 {gap.days} 日未更新（{span}），应不晚于 {due} 更新",
    )


def time_assumed(rule: Rule, start: ParsedDate) -> Message:
    day = start.date.isoformat()
    return Message(
        f"{rule.id} counts hours from the instant of the event, but the start {day} has no time; counted "
        f"from {day} 00:00, the earliest due instant. Write the time, e.g. {day} 15:00",
        f"{rule.id} 按小时从事件发生时刻起算，但起算日期 {day} 没有写时刻；按 {day} 00:00 起算（最早的到期时刻）。"
        f"请写明时刻，例如 {day} 15:00",
    )


def cell_too_long(cells: list[tuple[str, LongCell]], line: int | None) -> Message:
    """A row's cells over a limit, each with its header (empty when it has none): a CSV
    cell too long to read, or a workbook cell over Excel's limit (``LongCell.read``)."""
    en = [
        f"the {header or 'unnamed'} cell (column {cell.column + 1}) holds {cell.chars:,} characters"
        for header, cell in cells
    ]
    zh = [f"{header or '无表头'} 单元格（第 {cell.column + 1} 列）有 {cell.chars:,} 个字符" for header, cell in cells]
    limit = cells[0][1].limit
    if cells[0][1].read:
        return Message(
            f"{' and '.join(en)}, more than Excel's {limit:,} a cell: the workbook was written by another program "
            f"and Excel may cut the cell. The whole cell is read and the row is checked; keep long text outside the ledger",
            f"{'、'.join(zh)}，超过 Excel 单元格上限 {limit:,} 个字符：该工作簿由其他程序生成，Excel 可能截断该单元格。"
            f"已按完整内容读取并检查该行；长文本建议放在台账之外",
        )
    where_en = f" (from line {line})" if line is not None else ""
    where_zh = f"（自第 {line} 行起）" if line is not None else ""
    return Message(
        f"{' and '.join(en)}, more than the {limit:,} gkcli reads in a cell: the row{where_en} is skipped "
        f"unread and not checked. Shorten the cell (keep long text outside the ledger) and check again",
        f"{'、'.join(zh)}，超过 gkcli 单个单元格可读取的 {limit:,} 个字符：该行{where_zh}已跳过，未读取也未检查。"
        f"请缩短该单元格（长文本放在台账之外）后重新检查",
    )
