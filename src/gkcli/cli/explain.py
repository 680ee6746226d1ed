"""``gkcli deadline --explain``: the counted period drawn as a small calendar (docs/design.md §6).

One row per week (Monday first). A cell shows what the day was for the count:

  T   the trigger day          n   the n-th counted working day
  n*  a counted make-up day    H   a holiday (its name is listed below the calendar)
  n   for day and month rules: the n-th calendar day, whatever its kind
  -   a weekend                P   a working day inside a pause (not counted)
  .   a working day not counted (e.g. before a restart)
  D   the due day when it is not itself counted (reached by rolling past rest days
      or by an extension)
  [ ] the due date

The same lines are printed with colour on a terminal and as plain text elsewhere, so the
plain form can be pasted into a README or an e-mail.
"""

from __future__ import annotations

from datetime import date, timedelta

from rich.cells import cell_len
from rich.text import Text

from gkcli.calendar.index import DayKind
from gkcli.calendar.yeardata import group_periods
from gkcli.core.i18n import weekday_label
from gkcli.deadlines.engine import Deadline, TraceDay
from gkcli.rules.catalogue import Unit

__all__ = ["calendar_lines", "legend_lines"]

CELL_WIDTH = 6
_LABEL_WIDTH = 10  # an ISO date: the Monday of the row

_STYLES = {
    "trigger": "bold cyan",
    "counted": "green",
    "day": "green",
    "makeup": "bold yellow",
    "holiday": "red",
    "weekend": "dim",
    "paused": "magenta",
    "idle": "dim",
    "due": "bold",
}

_LEGEND = {
    "trigger": ("T", "起算日（不计入）", "trigger day (not counted)"),
    "counted": ("n", "第n个计入的工作日", "n-th counted working day"),
    "day": ("n", "第n日（自然日）", "n-th calendar day"),
    "makeup": ("n*", "计入的调休上班日", "counted make-up working day (调休上班)"),
    "holiday": ("H", "放假", "holiday"),
    "weekend": ("-", "周末", "weekend"),
    "paused": ("P", "暂停期间的工作日（不计入）", "working day inside a pause (not counted)"),
    "idle": (".", "未计入的工作日", "working day not counted"),
    "due": ("D", "截止日（休息日顺延或延长所至）", "due day (reached by rolling past rest days or by an extension)"),
}


def _role(day: TraceDay, trigger: date, due: date, by_workday: bool) -> str:
    if day.counted is not None:
        if not by_workday:
            return "day"
        return "makeup" if day.kind is DayKind.MAKEUP else "counted"
    if day.date == trigger:
        return "trigger"
    if day.date == due:
        return "due"
    if day.kind is DayKind.HOLIDAY:
        return "holiday"
    if day.kind is DayKind.WEEKEND:
        return "weekend"
    return "paused" if day.paused else "idle"


def _symbol(day: TraceDay, role: str) -> str:
    if day.counted is not None:
        return f"{day.counted}*" if role == "makeup" else str(day.counted)
    return _LEGEND[role][0]


def _cell(day: TraceDay | None, trigger: date, due: date, by_workday: bool) -> tuple[str, str]:
    """The text of one day's cell (right-aligned, due date bracketed) and its style."""
    if day is None:
        return " " * CELL_WIDTH, ""
    role = _role(day, trigger, due, by_workday)
    symbol = _symbol(day, role)
    if day.date == trigger and day.counted is not None:
        symbol = "T" + symbol
    style = _STYLES[role]
    if day.date == due:
        return f"[{symbol}]".rjust(CELL_WIDTH), style + " bold reverse"
    return f"{symbol} ".rjust(CELL_WIDTH), style


def calendar_lines(deadline: Deadline, lang: str) -> list[Text]:
    """The weeks from the trigger to the due date, one line each, with a weekday header."""
    trace = deadline.trace
    if not trace:
        return []
    by_date = {day.date: day for day in trace}
    trigger, due = trace[0].date, deadline.due_date
    by_workday = deadline.rule.unit is Unit.WORKDAY
    monday = trigger - timedelta(days=trigger.weekday())
    header = " " * _LABEL_WIDTH + "".join(
        _pad_left(weekday_label(monday + timedelta(days=i), lang), CELL_WIDTH) for i in range(7)
    )
    lines = [Text(header.rstrip(), style="bold")]
    while monday <= trace[-1].date:
        line = Text(monday.isoformat())
        for offset in range(7):
            text, style = _cell(by_date.get(monday + timedelta(days=offset)), trigger, due, by_workday)
            content = text.lstrip()
            line.append(text[: len(text) - len(content)])
            line.append(content, style=style or None)
        line.rstrip()
        lines.append(line)
        monday += timedelta(days=7)
    return lines


def _pad_left(text: str, width: int) -> str:
    """Right-align ``text`` (CJK counts double) in ``width`` columns, one space at the end."""
    return " " * max(width - 1 - cell_len(text), 0) + text + " "


def legend_lines(deadline: Deadline, lang: str) -> list[Text]:
    """The symbols the calendar uses, then each holiday period and make-up day by name."""
    trigger = deadline.trace[0].date if deadline.trace else None
    by_workday = deadline.rule.unit is Unit.WORKDAY
    roles = {_role(day, trigger, deadline.due_date, by_workday) for day in deadline.trace} if trigger else set()
    column = 0 if lang == "zh" else 1
    parts = [f"{symbol} {labels[column]}" for role, (symbol, *labels) in _LEGEND.items() if role in roles]
    parts.append("[ ] " + ("截止日" if lang == "zh" else "the due date"))
    lines = [Text("  ".join(parts), style="dim")]
    holidays = group_periods({day.date: day.name for day in deadline.trace if day.kind is DayKind.HOLIDAY})
    lines.extend(
        Text(
            f"H  {period.name} {period.start}" + (f"..{period.end}" if period.end != period.start else ""),
            style=_STYLES["holiday"],
        )
        for period in holidays
    )
    lines.extend(
        Text(
            f"*  {day.date.isoformat()} ({weekday_label(day.date, lang)}) {'调休上班' if lang == 'zh' else 'make-up working day'} {day.name}".rstrip(),
            style=_STYLES["makeup"],
        )
        for day in deadline.trace
        if day.kind is DayKind.MAKEUP
    )
    return lines
