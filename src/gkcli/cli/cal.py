"""``gkcli cal [YYYY | YYYY-MM]``: month grids of the working-day calendar (docs/design.md §2.1, §6).

On a terminal the grids are drawn with rich (holidays, make-up days and weekends in their
own styles, today highlighted, a legend); otherwise as plain text where the markers ``*``
(holiday) and ``+`` (make-up working day) carry the difference, with each month's holidays
and make-up days listed by name under its grid. ``--format json|tsv`` gives the days as records.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

import typer
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from gkcli.calendar.describe import day_record
from gkcli.calendar.index import DayInfo, DayKind
from gkcli.calendar.overview import MonthGrid, MonthRun, month_grids
from gkcli.core.dates import MONTH_NAMES, beijing_today, checked_year
from gkcli.core.errors import InputError, quote
from gkcli.core.i18n import PROVISIONAL_LABEL, Lang, kind_label

from .common import DataFormat, FormatOption, emit, resolve_format, runtime, stdout_console, warn_calendar_use

__all__ = ["cal", "parse_period"]

MARKERS = {DayKind.HOLIDAY: "*", DayKind.MAKEUP: "+"}
STYLES = {DayKind.HOLIDAY: "bold red", DayKind.MAKEUP: "bold yellow", DayKind.WEEKEND: "cyan", DayKind.WORKDAY: ""}
TODAY_STYLE = "reverse"
MONTH_WIDTH = 27  # 7 cells of 3 columns, 6 gaps of 1
GAP = 4

_HEADERS = {
    Lang.zh: ("一 ", "二 ", "三 ", "四 ", "五 ", "六 ", "日 "),
    Lang.en: ("Mo ", "Tu ", "We ", "Th ", "Fr ", "Sa ", "Su "),
}
_PERIOD = re.compile(r"^(?P<year>\d{4})(?:年|[-/.](?P<month>\d{1,2})|年(?P<zh_month>\d{1,2})月)?$")
ACCEPTED_PERIODS = "2026, 2026-10, 2026/10, 2026.10, 2026年, 2026年10月"


def month_title(month: MonthGrid, lang: Lang) -> str:
    """``2026年10月`` / ``October 2026``, labelled when the year's arrangement is provisional."""
    title = f"{month.year}年{month.month}月" if lang == Lang.zh else f"{MONTH_NAMES[month.month - 1]} {month.year}"
    return f"{title} [{PROVISIONAL_LABEL[lang]}]" if month.provisional else title


def run_line(run: MonthRun, lang: Lang, labelled: bool = True) -> str:
    """``* 10-01..10-07 国庆节 (holiday)``; without the label where the legend suffices."""
    span = f"{run.first:%m-%d}" if run.first == run.last else f"{run.first:%m-%d}..{run.last:%m-%d}"
    parts = (MARKERS[run.kind], span, run.name, f"({kind_label(run.kind.value, lang)})" if labelled else "")
    return " ".join(part for part in parts if part)


def parse_period(text: str) -> tuple[int, int | None]:
    """``YYYY`` or ``YYYY-MM`` (also ``/``, ``.``, ``年…月``) as (year, month or None)."""
    match = _PERIOD.match(text.strip())
    month_text = match and (match["month"] or match["zh_month"])
    if not match or (month_text and not 1 <= int(month_text) <= 12):
        raise InputError(
            f"cannot read {quote(text)} as a year or a month; use one of: {ACCEPTED_PERIODS}",
            f"无法把 {quote(text)} 识别为年份或月份；可用格式：{ACCEPTED_PERIODS}",
        )
    return checked_year(int(match["year"]), text), int(month_text) if month_text else None


def _cell(info: DayInfo | None) -> str:
    return "   " if info is None else f"{info.date.day:>2}{MARKERS.get(info.kind, ' ')}"


def plain_lines(months: list[MonthGrid], lang: Lang) -> list[str]:
    """The grids as plain text, each month followed by its holidays and make-up days."""
    lines: list[str] = []
    for month in months:
        if lines:
            lines.append("")
        lines += [month_title(month, lang), " ".join(_HEADERS[lang]).rstrip()]
        lines += [" ".join(_cell(info) for info in week).rstrip() for week in month.weeks()]
        lines += [run_line(run, lang) for run in month.runs()]
    return [*lines, "", legend(lang).plain]


def legend(lang: Lang) -> Text:
    """What the markers and styles mean."""
    text = Text()
    for kind, sample in ((DayKind.HOLIDAY, "*"), (DayKind.MAKEUP, "+"), (DayKind.WEEKEND, "")):
        if text:
            text.append("   ")
        text.append(sample or ("六 日" if lang == Lang.zh else "Sa Su"), style=STYLES[kind])
        text.append(f" {kind_label(kind.value, lang)}")
    return text


def month_renderable(month: MonthGrid, lang: Lang, today: date, labelled: bool) -> RenderableType:
    """One month as a rich table with its runs listed underneath."""
    table = Table(
        title=month_title(month, lang),
        box=None,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),
        collapse_padding=True,
    )
    for index, header in enumerate(_HEADERS[lang]):
        table.add_column(header.rstrip(), style=STYLES[DayKind.WEEKEND] if index >= 5 else "", no_wrap=True)
    for week in month.weeks():
        table.add_row(*(_styled_cell(info, today) for info in week))
    return Group(table, *(Text(run_line(run, lang, labelled), style=STYLES[run.kind]) for run in month.runs()))


def _styled_cell(info: DayInfo | None, today: date) -> Text:
    if info is None:
        return Text("")
    style = STYLES[info.kind] + (f" {TODAY_STYLE}" if info.date == today else "")
    return Text(_cell(info), style=style.strip())


def render_rich(console: Console, months: list[MonthGrid], lang: Lang, today: date) -> None:
    """Draw the months on ``console``: up to three across when it is wide enough."""
    across = max(1, min(3, len(months), (console.width + GAP) // (MONTH_WIDTH + GAP)))
    grid = Table.grid(padding=(0, GAP, 0, 0))
    for _ in range(across):
        grid.add_column(width=MONTH_WIDTH if across > 1 else None)
    for start in range(0, len(months), across):
        if start:
            grid.add_row()
        row = [month_renderable(month, lang, today, labelled=across == 1) for month in months[start : start + across]]
        grid.add_row(*row, *([""] * (across - len(row))))
    console.print(grid)
    today_label = (
        Text("   ").append(today.isoformat(), style=TODAY_STYLE).append(" 今天" if lang == Lang.zh else " today")
    )
    console.print(legend(lang), today_label, sep="")


app = typer.Typer(add_completion=False)


@app.command("cal")
def cal(
    ctx: typer.Context,
    period: Annotated[
        str | None,
        typer.Argument(
            metavar="[YYYY | YYYY-MM]",
            help=f"A year or a month ({ACCEPTED_PERIODS}). Default: this month, Beijing time.",
        ),
    ] = None,
    format: FormatOption = None,
) -> None:
    """Month grids of the working-day calendar: holidays (*) with names, make-up working days (+), weekends."""
    rt = runtime(ctx)
    today = beijing_today()
    year, month = parse_period(period) if period else (today.year, today.month)
    months = month_grids(rt.calendar(), year, month)
    days = [info for each in months for info in each.days]
    warn_calendar_use(rt, days[0].date, days[-1].date)
    fmt = resolve_format(format, rt)
    if fmt is not DataFormat.text:
        records = [day_record(info, ("date", "kind", "name", "working", "provisional")) for info in days]
        emit(fmt, records, [])
        return
    console = stdout_console()
    if console.is_terminal:
        render_rich(console, months, rt.lang, today)
    else:
        emit(fmt, [], plain_lines(months, rt.lang))
