"""``gkcli workdays add|count|next|prev|is``: working-day arithmetic on the official calendar."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from gkcli.calendar.describe import describe_day
from gkcli.calendar.workdays import added_record, counted_record
from gkcli.core.dates import parse_date
from gkcli.core.i18n import PROVISIONAL_LABEL, format_day

from .common import DataFormat, FormatOption, Runtime, emit, resolve_format, runtime, warn, warn_calendar_use

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="Working-day arithmetic: add, count, next, prev, is."
)

DATE_HELP = "2026-09-30, 2026/9/30, 2026.9.30, 2026年9月30日 or 20260930."
DateArg = Annotated[str, typer.Argument(metavar="DATE", help=DATE_HELP)]
StartArg = Annotated[str, typer.Argument(metavar="START", help=DATE_HELP)]
EndArg = Annotated[str, typer.Argument(metavar="END", help=DATE_HELP)]


def _emit_date(rt: Runtime, fmt: DataFormat, record: dict[str, object], result: date, start: date) -> None:
    provisional = warn_calendar_use(rt, start, result)
    record = {**record, "provisional": provisional}
    line = format_day(result, rt.lang)
    if provisional:
        line += f" [{PROVISIONAL_LABEL[rt.lang]}]"
    emit(fmt, [record], [line], single=True)


# ignore_unknown_options: a negative N (`add 2026-10-10 -3`) is an argument, not an unknown option.
@app.command("add", context_settings={"ignore_unknown_options": True})
def add(
    ctx: typer.Context,
    start: DateArg,
    n: Annotated[int, typer.Argument(metavar="N", help="Working days to add; negative counts back.")],
    format: FormatOption = None,
) -> None:
    """The N-th working day after DATE (DATE itself is never counted; 民法典 Art. 201)."""
    rt = runtime(ctx)
    day = parse_date(start)
    record = added_record(rt.calendar(), day, n)
    _emit_date(rt, resolve_format(format, rt), record, date.fromisoformat(str(record["result"])), day)


@app.command("count")
def count(ctx: typer.Context, start: StartArg, end: EndArg, format: FormatOption = None) -> None:
    """Working days after START up to and including END."""
    rt = runtime(ctx)
    a, b = parse_date(start), parse_date(end)
    record = counted_record(rt.calendar(), a, b)
    warn_calendar_use(rt, a, b)
    emit(resolve_format(format, rt), [record], [str(record["workdays"])], single=True)


@app.command("next")
def next_(ctx: typer.Context, start: StartArg, format: FormatOption = None) -> None:
    """The first working day after START."""
    rt = runtime(ctx)
    day = parse_date(start)
    result = rt.calendar().next_workday(day)
    _emit_date(rt, resolve_format(format, rt), {"start": day.isoformat(), "result": result.isoformat()}, result, day)


@app.command("prev")
def prev(ctx: typer.Context, start: StartArg, format: FormatOption = None) -> None:
    """The last working day before START."""
    rt = runtime(ctx)
    day = parse_date(start)
    result = rt.calendar().prev_workday(day)
    _emit_date(rt, resolve_format(format, rt), {"start": day.isoformat(), "result": result.isoformat()}, result, day)


@app.command("is")
def is_(
    ctx: typer.Context,
    day: DateArg,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print nothing; answer with the exit code only.")
    ] = False,
    format: FormatOption = None,
) -> None:
    """Exit 0 if DATE is a working day (工作日, make-up days included), 1 if it is a rest day."""
    rt = runtime(ctx)
    answer = describe_day(rt.settings, day, rt.lang)
    for note in answer.notes:
        warn(note)
    if not quiet:
        emit(resolve_format(format, rt), [answer.record], [answer.line], single=True)
    raise typer.Exit(0 if answer.working else 1)
