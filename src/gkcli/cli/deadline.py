"""``gkcli deadline RULE START``: when an obligation falls due, why, and on what basis
(docs/design.md §3, §4, §6). START ``-`` reads one trigger a line from stdin (batch mode)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.text import Text

from gkcli.core.dates import parse_date, parse_date_range
from gkcli.core.errors import InputError
from gkcli.core.files import check_writable
from gkcli.deadlines.batch import BatchError, read_blocks, render_batch, with_ident
from gkcli.deadlines.engine import CountingOptions
from gkcli.deadlines.explain import explain as explain_deadline
from gkcli.deadlines.query import DeadlineQuery, DeadlineResult, Trigger
from gkcli.deadlines.record import deadline_record, options_record
from gkcli.report.ics import Reminder, reminder_uid, with_alarms, write_ics

from .common import (
    AlarmOption,
    CountStartDayOption,
    NonworkingTrigger,
    NonworkingTriggerOption,
    Runtime,
    alarm_days,
    resolve_format,
    runtime,
    stdout_console,
    warn,
    warn_calendar_use,
)
from .deadline_text import due_text, headline, summary_lines, trigger_text
from .explain import calendar_lines, legend_lines
from .rules import RulesOption, catalogue, complete_rule

__all__ = ["deadline"]


class DeadlineFormat(str, Enum):
    """``deadline`` writes JSON Lines too (one record a line, for batch mode)."""

    text = "text"
    json = "json"
    jsonl = "jsonl"
    tsv = "tsv"


# -- wording --------------------------------------------------------------------------------


def _explain_lines(rt: Runtime, result: DeadlineResult) -> list[Text]:
    deadline = result.statutory
    lines: list[Text] = [Text(line) for line in headline(result, rt.lang)]
    if deadline.trace:
        explanation = explain_deadline(deadline)
        lines += [
            Text(""),
            *calendar_lines(deadline, rt.lang, explanation),
            Text(""),
            *legend_lines(deadline, rt.lang, explanation),
        ]
    lines.append(Text(""))
    lines.append(Text(rt.text("起算：", "trigger: ") + trigger_text(result.trigger, rt.lang)))
    if deadline.period.timed:
        due_note = rt.text(
            "到期时刻（北京时间），不顺延至工作日", "the exact instant (Beijing time); not moved to a working day"
        )
    else:
        due_note = rt.text("当日24时止", "until the end of that day (24:00)")
    lines.append(Text(rt.text("截止：", "due: ") + due_text(deadline, rt.lang) + rt.text("，", ", ") + due_note))
    lines.extend(Text(line) for line in summary_lines(result, rt.lang, every_option=True))
    return lines


# -- records --------------------------------------------------------------------------------


def _tsv_line(result: DeadlineResult, with_id: bool) -> str:
    """The TSV fields (ids and labels never hold tabs: ids are cut at the first one)."""
    deadline = result.statutory
    cells = [
        deadline.rule.id,
        result.trigger.iso,
        deadline.due_date.isoformat(),
        deadline.due_at.isoformat(),
        deadline.version.label,
        "true" if result.provisional else "false",
    ]
    if result.conservative is not None:
        cells += [result.conservative.due_date.isoformat(), result.conservative.due_at.isoformat()]
    if with_id:
        cells.append(result.trigger.ident)
    return "\t".join(cells)


def _reminders(rt: Runtime, result: DeadlineResult) -> list[Reminder]:
    """The all-day ``--ics`` events of one result: the due date (and the conservative one)."""
    deadline, trigger = result.statutory, result.trigger
    prefix = f"[{trigger.ident}] " if trigger.ident else ""
    description = "\n".join(
        [
            rt.text("起算：", "trigger: ") + trigger_text(trigger, rt.lang),
            *headline(result, rt.lang),
            *summary_lines(result, rt.lang, every_option=False),
        ]
    )
    events = [
        Reminder(
            reminder_uid("deadline", deadline.rule.id, trigger.iso, trigger.ident),
            deadline.due_date,
            prefix + rt.text(f"{deadline.rule.name}截止", f"Due: {deadline.rule.name}") + f" ({deadline.rule.id})",
            description,
        )
    ]
    if result.conservative is not None:
        events.append(
            Reminder(
                reminder_uid("deadline", deadline.rule.id, trigger.iso, trigger.ident, "conservative"),
                result.conservative.due_date,
                prefix
                + rt.text(f"{deadline.rule.name}保守截止", f"Conservative due: {deadline.rule.name}")
                + f" ({deadline.rule.id})",
                description,
            )
        )
    return events


def _warn_calendar_use(rt: Runtime, result: DeadlineResult, warned: set[int]) -> None:
    """Provisional years and imported sources the result rests on, each once per run."""
    start, end = result.trigger.value.date(), result.latest_due
    if end.year - start.year < 2 and start.year in warned and end.year in warned:
        return  # the common batch line: both years already looked at
    warn_calendar_use(rt, start, end, warned)


# -- batch ----------------------------------------------------------------------------------


def _json_with_id(record: str, ident: str) -> str:
    """``record`` (a ``deadline_record`` without an id, as ``json.dumps`` writes it) with the
    id first, where ``deadline_record`` puts it."""
    return '{"id": ' + json.dumps(ident, ensure_ascii=False) + ", " + record[1:]


BatchItem = Callable[[int, DeadlineResult, str, str], str]

_BATCH_ITEMS: dict[DeadlineFormat, BatchItem] = {
    # (line number, result, its line rendered without an id, the id): the line to write
    DeadlineFormat.tsv: lambda _, __, line, ident: f"{line}\t{ident}\n",
    DeadlineFormat.text: lambda _, __, line, ident: f"{ident}\t{line}\n" if ident else f"{line}\n",
    DeadlineFormat.jsonl: lambda _, __, line, ident: (_json_with_id(line, ident) if ident else line) + "\n",
    DeadlineFormat.json: lambda _, __, line, ident: _json_with_id(line, ident) if ident else line,
}


def _run_batch(
    rt: Runtime, query: DeadlineQuery, fmt: DeadlineFormat, out: TextIO, collect: list[Reminder] | None
) -> int:
    """Read triggers from stdin, write one result a line; the exit code (0, or the worst error).

    Each distinct start is rendered once, without an id; a line adds its id to that
    (``deadlines.batch.render_batch``), and lines are written a block at a time; with
    ``--ics``, a line at a time, each followed by its reminders."""
    options = options_record(query.options)
    warned: set[int] = set()

    def render(result: DeadlineResult) -> str:
        _warn_calendar_use(rt, result, warned)
        if fmt is DeadlineFormat.tsv:
            return _tsv_line(result, with_id=False)
        if fmt is DeadlineFormat.text:
            return f"{trigger_text(result.trigger, rt.lang)} -> {' | '.join(headline(result, rt.lang))}"
        return json.dumps(deadline_record(result, options=options), ensure_ascii=False)

    written = False

    def write(lines: list[str]) -> None:
        nonlocal written
        if fmt is DeadlineFormat.json:
            out.write((",\n" if written else "\n") + ",\n".join(lines))
        else:
            out.write("".join(lines))
        written = True

    line_item = _BATCH_ITEMS[fmt]

    def item_and_result(number: int, result: DeadlineResult, line: str, ident: str) -> tuple[str, DeadlineResult]:
        return line_item(number, result, line, ident), with_ident(result, ident)

    worst = 0

    def report(failure: BatchError) -> None:
        nonlocal worst
        warn(rt.text(f"第{failure.line}行：", f"line {failure.line}: ") + failure.error.message(rt.lang))
        worst = max(worst, failure.error.exit_code)

    if fmt is DeadlineFormat.json:
        out.write("[")
    blocks = read_blocks(sys.stdin.buffer)
    if collect is None:
        for block in render_batch(query, blocks, render, line_item):
            if isinstance(block, BatchError):
                report(block)
            else:
                write(block)
    else:
        for pairs in render_batch(query, blocks, render, item_and_result):
            if isinstance(pairs, BatchError):
                report(pairs)
                continue
            for line, result in pairs:
                write([line])
                collect.extend(_reminders(rt, result))
    if fmt is DeadlineFormat.json:
        out.write("\n]\n" if written else "]\n")
    out.flush()
    return worst


# -- the command ----------------------------------------------------------------------------


app = typer.Typer(add_completion=False)


@app.command("deadline")
def deadline(
    ctx: typer.Context,
    rule_name: Annotated[
        str,
        typer.Argument(
            metavar="RULE",
            help="Rule id or alias (gkcli rules list), e.g. interpretation, 解读, request-reply, 依申请.",
            autocompletion=complete_rule,
        ),
    ],
    start: Annotated[
        str,
        typer.Argument(
            metavar="START",
            help='Trigger date or date-time (2026-09-30, 2026年9月30日, "2026-10-01 22:30"); a year for a rule with a fixed date (部门年报 2025); - reads one per line from stdin, optionally followed by a tab and an id.',
        ),
    ],
    explain: Annotated[
        bool, typer.Option("--explain", help="Draw the counted period as a calendar and list the basis and options.")
    ] = False,
    format: Annotated[
        DeadlineFormat | None,
        typer.Option(
            "--format", "-f", help="text, json, jsonl or tsv (default: GKCLI_FORMAT when it names one, else text)."
        ),
    ] = None,
    nonworking_trigger: NonworkingTriggerOption = NonworkingTrigger.ASIS,
    count_start_day: CountStartDayOption = False,
    both: Annotated[
        bool,
        typer.Option("--both", help="Show the statutory and the conservative (--count-start-day) date side by side."),
    ] = False,
    pause: Annotated[
        list[str] | None,
        typer.Option(
            "--pause",
            metavar="START..END",
            help="Working days in this inclusive range are not counted (条例 Art. 33); repeatable.",
        ),
    ] = None,
    restart: Annotated[
        str | None,
        typer.Option(
            "--restart", metavar="DATE", help="The period counts afresh from DATE (条例 Art. 30, after 补正)."
        ),
    ] = None,
    extend: Annotated[
        int,
        typer.Option(
            "--extend", min=0, metavar="N", help="Extension in working days, refused above the rule's maximum."
        ),
    ] = 0,
    regime: Annotated[
        str | None,
        typer.Option(
            "--regime",
            metavar="LABEL",
            help="Apply this version of the rule (e.g. 2008) instead of the one in force on the trigger date.",
        ),
    ] = None,
    rules: RulesOption = None,
    ics: Annotated[
        Path | None,
        typer.Option(
            "--ics", metavar="FILE", help="Also write the due dates as all-day reminders to this iCalendar file."
        ),
    ] = None,
    alarm: AlarmOption = None,
) -> None:
    """The due date of RULE for a trigger on START, with its weekday, the rule's name and legal basis.

    Exit codes: 0 ok; 2 bad input (in batch mode: after all lines, if any line failed);
    3 calendar data missing for a year the question needs."""
    rt = runtime(ctx)
    alarm = alarm_days(alarm, ics)
    if ics is not None:
        check_writable(ics, "--ics", "deadlines.ics")
    fmt = resolve_format(format, rt, DeadlineFormat)
    options = CountingOptions(
        nonworking_trigger=nonworking_trigger,
        count_start_day=count_start_day,
        pauses=tuple(parse_date_range(text) for text in pause or ()),
        restart=parse_date(restart) if restart is not None else None,
        extend=extend,
        regime=regime,
    )
    query = DeadlineQuery(catalogue(rt, rules).get(rule_name), rt.calendar(), options, both)
    reminders: list[Reminder] | None = [] if ics is not None else None
    if start == "-":
        if explain:
            raise InputError(
                "--explain draws one deadline; it cannot be used with START - (batch mode)",
                "--explain 只能解释单个期限，不能与批量模式（START 为 -）同用",
            )
        code = _run_batch(rt, query, fmt, sys.stdout, reminders)
    else:
        code = 0
        _single(rt, query, Trigger.parse(start), fmt, explain, reminders)
    if ics is not None and reminders is not None:
        if alarm is not None:
            reminders = with_alarms(reminders, query.calendar, alarm)
        write_ics(ics, reminders, name=f"gkcli {query.rule.id}")
    if code:
        raise typer.Exit(code)


def _single(
    rt: Runtime,
    query: DeadlineQuery,
    trigger: Trigger,
    fmt: DeadlineFormat,
    explain: bool,
    reminders: list[Reminder] | None,
) -> None:
    result = query.compute(trigger)
    _warn_calendar_use(rt, result, set())
    if reminders is not None:
        reminders.extend(_reminders(rt, result))
    if fmt is DeadlineFormat.text:
        if explain:
            console = stdout_console()
            for line in _explain_lines(rt, result):
                console.print(line)
        else:
            sys.stdout.write(
                "\n".join(headline(result, rt.lang) + summary_lines(result, rt.lang, every_option=False)) + "\n"
            )
    elif fmt is DeadlineFormat.tsv:
        sys.stdout.write(_tsv_line(result, with_id=False) + "\n")
    else:
        record = deadline_record(result, explain=explain, options=options_record(query.options))
        indent = 2 if fmt is DeadlineFormat.json else None
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=indent) + "\n")
