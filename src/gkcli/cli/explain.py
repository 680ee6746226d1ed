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

from datetime import timedelta

from rich.cells import cell_len
from rich.text import Text

from gkcli.core.i18n import weekday_label
from gkcli.deadlines.engine import Deadline
from gkcli.deadlines.explain import DayRole, ExplainedDay, Explanation, explain

__all__ = ["calendar_lines", "legend_lines"]

CELL_WIDTH = 6
_LABEL_WIDTH = 10  # an ISO date: the Monday of the row

_STYLES = {
    DayRole.TRIGGER: "bold cyan",
    DayRole.COUNTED: "green",
    DayRole.DAY: "green",
    DayRole.MAKEUP: "bold yellow",
    DayRole.HOLIDAY: "red",
    DayRole.WEEKEND: "dim",
    DayRole.PAUSED: "magenta",
    DayRole.IDLE: "dim",
    DayRole.DUE: "bold",
}

_LEGEND = {
    DayRole.TRIGGER: ("T", "起算日（不计入）", "trigger day (not counted)"),
    DayRole.COUNTED: ("n", "第n个计入的工作日", "n-th counted working day"),
    DayRole.DAY: ("n", "第n日（自然日）", "n-th calendar day"),
    DayRole.MAKEUP: ("n*", "计入的调休上班日", "counted make-up working day (调休上班)"),
    DayRole.HOLIDAY: ("H", "放假", "holiday"),
    DayRole.WEEKEND: ("-", "周末", "weekend"),
    DayRole.PAUSED: ("P", "暂停期间的工作日（不计入）", "working day inside a pause (not counted)"),
    DayRole.IDLE: (".", "未计入的工作日", "working day not counted"),
    DayRole.DUE: (
        "D",
        "截止日（休息日顺延或延长所至）",
        "due day (reached by rolling past rest days or by an extension)",
    ),
}


def _cell(explained: ExplainedDay | None) -> tuple[str, str]:
    """The text of one day's cell (right-aligned, due date bracketed) and its style."""
    if explained is None:
        return " " * CELL_WIDTH, ""
    day, role = explained.day, explained.role
    if day.counted is None:
        symbol = _LEGEND[role][0]
    else:
        symbol = f"{day.counted}*" if role is DayRole.MAKEUP else str(day.counted)
        if explained.is_trigger:
            symbol = "T" + symbol
    style = _STYLES[role]
    if explained.is_due:
        return f"[{symbol}]".rjust(CELL_WIDTH), style + " bold reverse"
    return f"{symbol} ".rjust(CELL_WIDTH), style


def calendar_lines(deadline: Deadline, lang: str, explanation: Explanation | None = None) -> list[Text]:
    """The weeks from the trigger to the due date, one line each, with a weekday header."""
    weeks = (explanation or explain(deadline)).weeks
    if not weeks:
        return []
    monday = weeks[0].monday
    header = " " * _LABEL_WIDTH + "".join(
        _pad_left(weekday_label(monday + timedelta(days=i), lang), CELL_WIDTH) for i in range(7)
    )
    lines = [Text(header.rstrip(), style="bold")]
    for week in weeks:
        line = Text(week.monday.isoformat())
        for explained in week.days:
            text, style = _cell(explained)
            content = text.lstrip()
            line.append(text[: len(text) - len(content)])
            line.append(content, style=style or None)
        line.rstrip()
        lines.append(line)
    return lines


def _pad_left(text: str, width: int) -> str:
    """Right-align ``text`` (CJK counts double) in ``width`` columns, one space at the end."""
    return " " * max(width - 1 - cell_len(text), 0) + text + " "


def legend_lines(deadline: Deadline, lang: str, explanation: Explanation | None = None) -> list[Text]:
    """The symbols the calendar uses, then each holiday period and make-up day by name."""
    found = explanation or explain(deadline)
    column = 0 if lang == "zh" else 1
    parts = [f"{symbol} {labels[column]}" for role, (symbol, *labels) in _LEGEND.items() if role in found.roles]
    parts.append("[ ] " + ("截止日" if lang == "zh" else "the due date"))
    lines = [Text("  ".join(parts), style="dim")]
    lines.extend(
        Text(
            f"H  {period.name} {period.start}" + (f"..{period.end}" if period.end != period.start else ""),
            style=_STYLES[DayRole.HOLIDAY],
        )
        for period in found.holidays
    )
    lines.extend(
        Text(
            f"*  {day.date.isoformat()} ({weekday_label(day.date, lang)}) {'调休上班' if lang == 'zh' else 'make-up working day'} {day.name}".rstrip(),
            style=_STYLES[DayRole.MAKEUP],
        )
        for day in found.makeup_days
    )
    return lines
