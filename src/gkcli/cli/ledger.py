"""``gkcli ledger check|due|annotate|template``: ledgers (台账) against their deadlines (docs/design.md §5)."""

from __future__ import annotations

import contextlib
import csv
import json
import stat
import sys
from collections.abc import Iterator
from datetime import date
from enum import Enum
from itertools import chain
from pathlib import Path
from typing import Annotated, BinaryIO, TextIO, cast

import typer

from gkcli.core.errors import InputError, os_reason
from gkcli.core.files import atomic_open, check_writable, refuse_same_file, write_atomically
from gkcli.core.i18n import PROVISIONAL_LABEL
from gkcli.core.utf8out import mark_as_is
from gkcli.ledger.check import DEFAULT_WARN_DAYS, STATUS_LABELS, CheckOptions, FileCheck, LedgerCheck, Status
from gkcli.ledger.due import DueRow, due_rows
from gkcli.ledger.findings import Severity
from gkcli.ledger.read import LedgerFileError
from gkcli.ledger.selection import CodeSelection, SelectedFindings, ledger_files
from gkcli.report.annotate import annotate_ledger, ledger_reminder, ledger_template
from gkcli.report.base import RunInfo, summary_line, write_reports
from gkcli.report.csv import csv_cell
from gkcli.report.formats import ReportFormat, get_reporter, parse_format
from gkcli.report.ics import with_alarms, write_ics
from gkcli.rules.catalogue import load_catalogue

from .common import (
    AlarmOption,
    CountStartDayOption,
    NonworkingTrigger,
    NonworkingTriggerOption,
    Runtime,
    alarm_days,
    runtime,
    warn_calendar_use,
)
from .deadline_text import due_text

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Ledgers (台账): check, due, annotate, template.")

EXIT_CODES = """Exit codes: 0 no findings at or above --fail-on; 1 findings at or above it;
2 unreadable input (a file that is no readable ledger: its encoding-error or missing-column
finding is reported too) or bad options. A row that needs a year without calendar data gets a
calendar-out-of-range finding; the other rows are checked as usual."""


class FailOn(str, Enum):
    error = "error"
    warning = "warning"


FilesArg = Annotated[
    list[Path],
    typer.Argument(metavar="FILE...", help="Ledger files: .csv (UTF-8 or GB18030) or .xlsx; - reads a CSV from stdin."),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="The day (or instant) open rows are judged on. Default: now, Beijing time."),
]
WarnDaysOption = Annotated[
    int | None,
    typer.Option(
        "--warn-days",
        min=0,
        help=f"due-soon when an open row is due within this many working days (env GKCLI_WARN_DAYS, project file; default {DEFAULT_WARN_DAYS}).",
    ),
]
MapOption = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        metavar="CANONICAL=HEADER",
        help="Read column CANONICAL (id rule start done extension pauses restart unit) from HEADER; repeatable. Adds to the project file's [columns].",
    ),
]
EncodingOption = Annotated[
    str | None, typer.Option("--encoding", help="Decode CSV with this encoding instead of detecting UTF-8 / GB18030.")
]
DelimiterOption = Annotated[
    str | None,
    typer.Option(
        "--delimiter",
        help='CSV field separator, one character (tab: --delimiter tab). Default: a tab for UTF-16 text (Excel\'s "Unicode text"), else a comma.',
    ),
]
SheetOption = Annotated[str | None, typer.Option("--sheet", help="The .xlsx sheet to read (default: the first).")]
RulesOption = Annotated[
    Path | None,
    typer.Option("--rules", help="A rules file adding or overriding rules by id (env GKCLI_RULES, project file)."),
]


def _checker(
    rt: Runtime,
    as_of: str | None,
    warn_days: int | None,
    mapping: list[str] | None,
    encoding: str | None,
    sheet: str | None,
    rules: Path | None,
    nonworking_trigger: NonworkingTrigger,
    count_start_day: bool,
    delimiter: str | None = None,
) -> LedgerCheck:
    options = CheckOptions.from_settings(
        rt.settings,
        as_of=as_of,
        warn_days=warn_days,
        mapping=mapping or (),
        encoding=encoding,
        sheet=sheet,
        nonworking_trigger=nonworking_trigger,
        count_start_day=count_start_day,
        delimiter=delimiter,
    )
    return LedgerCheck(rt.calendar(), load_catalogue(rules or rt.settings.rules), options)


def _warn_provisional(rt: Runtime, checker: LedgerCheck) -> None:
    """The stderr warning for each provisional year some row's status was counted on, once a run."""
    warned: set[int] = set()
    for year in sorted(checker.provisional_years):
        warn_calendar_use(rt, date(year, 1, 1), date(year, 1, 1), warned)


def _unreadable(path: Path, reason: str, reason_zh: str) -> InputError:
    return InputError(f"cannot read {path}: {reason}", f"无法读取 {path}：{reason_zh}")


@contextlib.contextmanager
def _file_checks(checker: LedgerCheck, files: list[Path]) -> Iterator[list[FileCheck]]:
    """The check of each input. Stdin (``-``), a FIFO or a device such as ``/dev/stdin`` is
    given to the library as a stream (which copies it: a ledger is read more than once)."""
    with contextlib.ExitStack() as stack:
        checks: list[FileCheck] = []
        for path in files:
            if str(path) == "-":
                checks.append(stack.enter_context(checker.check(sys.stdin.buffer, "-")))
                continue
            try:
                mode = path.stat().st_mode
                if stat.S_ISDIR(mode):
                    raise _unreadable(
                        path,
                        f"it is a directory; name the ledger file(s) inside it instead, e.g. {path / 'ledger.csv'}",
                        f"这是目录；请改为写出其中的台账文件，如 {path / '台账.csv'}",
                    )
                if stat.S_ISREG(mode):
                    with path.open("rb"):
                        checks.append(stack.enter_context(checker.check(path, str(path))))
                else:
                    with path.open("rb") as stream:
                        checks.append(stack.enter_context(checker.check(cast(BinaryIO, stream), str(path))))
            except OSError as exc:
                en, zh = os_reason(exc)
                raise _unreadable(path, f"{en}; check the path", f"{zh}；请检查路径") from None
        yield checks


@contextlib.contextmanager
def _output(path: Path | None, newline: str | None = None) -> Iterator[TextIO]:
    """stdout, or ``path`` written whole (``core.files.atomic_open``, docs/design.md §8)."""
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    with atomic_open(path, "w", encoding="utf-8", newline=newline) as stream:
        mark_as_is(stream, newline)
        yield cast(TextIO, stream)


def _read_files(rt: Runtime, files: list[Path], rules: Path | None) -> list[Path]:
    """Every file the run reads: the ledgers, the rules file, the project file."""
    extra = (rules or rt.settings.rules, rt.settings.project_file)
    return [*files, *(path for path in extra if path is not None)]


def _check_outputs(
    rt: Runtime, files: list[Path], rules: Path | None, outputs: list[tuple[Path | None, str, str]]
) -> None:
    """Before any work: each output (path, option, example name) can be written, and none is
    a file the run reads (docs/design.md §8)."""
    for target, option, example in outputs:
        if target is not None and str(target) != "-":
            check_writable(target, option, example)
    refuse_same_file([(target, option) for target, option, _ in outputs], _read_files(rt, files, rules))


ReportOption = Annotated[
    list[str] | None,
    typer.Option(
        "--report",
        metavar="FORMAT[=PATH]",
        help="Also write a report in FORMAT to PATH (whole, or not at all), or to stdout without =PATH; "
        "repeatable: --report github --report junit=report.xml --report sarif=gkcli.sarif.",
    ),
]


def _reports(
    rt: Runtime, format: str | None, output: Path | None, report: list[str] | None
) -> list[tuple[ReportFormat, Path | None]]:
    """Every report of the run and its file (None: stdout). ``--format``/``-o`` is one report
    (text on stdout by default); ``--report`` adds others, and at most one goes to stdout."""
    extra = []
    for text in report or []:
        name, sep, path = text.partition("=")
        if sep and not path:
            raise InputError(
                f"--report {text}: the path after = is empty; write --report {name}=FILE, or --report {name} for stdout",
                f"--report {text}：= 后的路径为空；请写 --report {name}=文件，或写 --report {name} 输出到标准输出",
            )
        extra.append((parse_format(name), Path(path) if path and path != "-" else None))
    on_stdout = [fmt.value for fmt, path in extra if path is None]
    if format is not None and output is None:
        on_stdout.insert(0, parse_format(format).value)
    if len(on_stdout) > 1:
        raise InputError(
            f"reports {', '.join(on_stdout)} would all go to stdout; give all but one a file: --report FORMAT=PATH",
            f"报告 {', '.join(on_stdout)} 都要写到标准输出；除一个外请给出文件：--report 格式=路径",
        )
    configured = rt.settings.format if rt.settings.format in {f.value for f in ReportFormat} else "text"
    main_report = (
        [] if on_stdout and format is None and output is None else [(parse_format(format or configured), output)]
    )
    return main_report + extra


def _selection(rt: Runtime, select: list[str] | None, ignore: list[str] | None) -> CodeSelection:
    """--select/--ignore over the project file's keys of the same name (a flag replaces the
    key); the project file's per-file ignores always apply."""
    settings = rt.settings
    return CodeSelection.parse(
        select if select is not None else settings.select,
        ignore if ignore is not None else settings.ignore,
        settings.per_file_ignores,
        {
            "select": "--select" if select is not None else settings.origin("select"),
            "ignore": "--ignore" if ignore is not None else settings.origin("ignore"),
            "per-file-ignores": f"{settings.origin('ledger')} [ledger.per-file-ignores]",
        },
    )


@app.command("check", epilog=EXIT_CODES)
def check(
    ctx: typer.Context,
    files: FilesArg,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help=f"Report format: {', '.join(f.value for f in ReportFormat)} (env GKCLI_FORMAT, project file; default text).",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file (whole, or not at all) instead of stdout."),
    ] = None,
    report: ReportOption = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="CODE[,CODE]",
            help="Report only these finding codes (repeatable; replaces the project file's select).",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="CODE[,CODE]",
            help="Do not report these finding codes (repeatable; replaces the project file's ignore). "
            "The summary says how many were ignored.",
        ),
    ] = None,
    ledgers_only: Annotated[
        bool,
        typer.Option(
            "--ledgers-only",
            help="Check only the FILEs that are ledgers by the project file's `ledgers` globs "
            "(default: 台账/*, ledgers/*, and .csv/.xlsx with 台账 in the path); for hooks given every staged file.",
        ),
    ] = False,
    as_of: AsOfOption = None,
    warn_days: WarnDaysOption = None,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Exit 1 when a finding at or above this severity is found.")
    ] = FailOn.error,
    mapping: MapOption = None,
    encoding: EncodingOption = None,
    delimiter: DelimiterOption = None,
    sheet: SheetOption = None,
    rules: RulesOption = None,
    nonworking_trigger: NonworkingTriggerOption = NonworkingTrigger.ASIS,
    count_start_day: CountStartDayOption = False,
) -> None:
    """Check ledgers: missed and overdue deadlines, bad dates, unknown rules, duplicate ids.

    Findings go to stdout in the chosen format (and to each --report), the summary to stderr.
    The input is never modified.
    """
    rt = runtime(ctx)
    reports = _reports(rt, format, output, report)
    for fmt, path in reports:
        if path is not None:
            check_writable(path, "-o" if path == output else "--report", f"report.{fmt.value}")
    selection = _selection(rt, select, ignore)
    if ledgers_only:
        files = [Path(name) for name in ledger_files([str(file) for file in files], rt.settings.ledgers)]
        if not files:
            sys.stderr.write(rt.text("没有台账文件需要检查", "no ledger among the files; nothing to check") + "\n")
            raise typer.Exit(0)
    refuse_same_file(
        [(path, "-o" if path == output else "--report") for _, path in reports], _read_files(rt, files, rules)
    )
    checker = _checker(
        rt, as_of, warn_days, mapping, encoding, sheet, rules, nonworking_trigger, count_start_day, delimiter
    )
    with _file_checks(checker, files) as checks:
        for file_check in checks:
            file_check.check_headers()  # refused before any report is written, not halfway
        selected = SelectedFindings(
            chain.from_iterable(file_check.batched_findings() for file_check in checks), selection
        )
        with contextlib.ExitStack() as outputs:
            writers = [
                (
                    get_reporter(fmt, rt.lang),
                    outputs.enter_context(_output(path, "" if fmt is ReportFormat.CSV else None)),
                )
                for fmt, path in reports
            ]
            as_of_day = checker.options.as_of.date()
            summary = write_reports(selected, lambda: RunInfo.of(checks, as_of_day, selected.ignored), writers)
    _warn_provisional(rt, checker)
    sys.stderr.write(summary_line(summary, rt.lang) + "\n")
    if not all(c.fully_read for c in checks):
        raise typer.Exit(2)
    raise typer.Exit(1 if summary.count_at_or_above(Severity(fail_on.value)) else 0)


class DueFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


DUE_EXIT_CODES = """Exit codes: 0 nothing due within the window or overdue; 1 something is
(a daily job mails the list then); 2 unreadable input or bad options."""


def _due_line(due: DueRow, rt: Runtime) -> str:
    """``2026-09-29 (周二)  已超期 19 个工作日  依申请公开答复 (request-reply)  台账.csv 第3行 A-2``."""
    deadline = due.deadline
    day = due_text(deadline, rt.lang)
    if due.overdue:
        state = (
            rt.text("已超期", "overdue")
            if due.workdays is None
            else rt.text(f"已超期 {due.workdays} 个工作日", f"overdue by {due.workdays} working days")
        )
    elif due.workdays == 0:
        state = rt.text("今日到期", "due today")
    else:
        state = rt.text(f"还剩 {due.workdays} 个工作日", f"{due.workdays} working days left")
    if due.provisional:
        state += f" [{PROVISIONAL_LABEL[rt.lang]}]"
    place = rt.text(f"{due.file} 第{due.row}行", f"{due.file} row {due.row}")
    return "  ".join(
        part for part in (day, state, f"{deadline.rule.name} ({deadline.rule.id})", place, due.row_id) if part
    )


def _write_due(rows: list[DueRow], fmt: DueFormat, rt: Runtime, as_of: date, within: int, out: TextIO) -> None:
    records = [row.record() for row in rows]
    if fmt is DueFormat.json:
        payload = {"as_of": as_of.isoformat(), "within": within, "due": records}
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif fmt is DueFormat.csv:
        out.write("\ufeff")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(DUE_FIELDS)
        for record in records:
            writer.writerow([csv_cell(value) for value in record.values()])
    else:
        for row in rows:
            out.write(_due_line(row, rt) + "\n")


DUE_FIELDS = (
    "file",
    "row",
    "id",
    "rule",
    "name",
    "trigger",
    "due",
    "due_at",
    "status",
    "workdays_left",
    "workdays_overdue",
    "provisional",
)


@app.command("due", epilog=DUE_EXIT_CODES)
def due(
    ctx: typer.Context,
    files: FilesArg,
    within: Annotated[
        int,
        typer.Option(
            "--within",
            min=0,
            metavar="N",
            help="List open rows due within N working days (the due day counted; 0: today).",
        ),
    ] = 5,
    format: Annotated[DueFormat, typer.Option("--format", "-f", help="text, json or csv.")] = DueFormat.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the list to this file (whole, or not at all) instead of stdout."),
    ] = None,
    ics: Annotated[
        Path | None,
        typer.Option("--ics", help="Also write the listed rows as all-day reminders to this iCalendar file."),
    ] = None,
    alarm: AlarmOption = None,
    as_of: AsOfOption = None,
    mapping: MapOption = None,
    encoding: EncodingOption = None,
    delimiter: DelimiterOption = None,
    sheet: SheetOption = None,
    rules: RulesOption = None,
    nonworking_trigger: NonworkingTriggerOption = NonworkingTrigger.ASIS,
    count_start_day: CountStartDayOption = False,
) -> None:
    """What is due: open rows due within N working days and rows already overdue, soonest first.

    For a daily reminder: run it from cron or a scheduled CI job and mail or post the list."""
    rt = runtime(ctx)
    alarm = alarm_days(alarm, ics)
    _check_outputs(rt, files, rules, [(output, "-o", "due.txt"), (ics, "--ics", "due.ics")])
    checker = _checker(rt, as_of, None, mapping, encoding, sheet, rules, nonworking_trigger, count_start_day, delimiter)
    with _file_checks(checker, files) as checks:
        try:
            rows = due_rows(checks, within)
        except LedgerFileError as error:
            raise InputError(error.en, error.zh) from None
    as_of_day = checker.options.as_of.date()
    with _output(output, newline="" if format is DueFormat.csv else None) as out:
        _write_due(rows, format, rt, as_of_day, within, out)
    if ics is not None:
        reminders = [ledger_reminder(r.deadline, r.row, r.row_id or f"#{r.row}", r.file, rt.lang) for r in rows]
        if alarm is not None:
            reminders = with_alarms(reminders, checker.calendar, alarm)
        write_ics(ics, reminders, name="gkcli due")
    _warn_provisional(rt, checker)
    overdue = sum(row.overdue for row in rows)
    sys.stderr.write(
        rt.text(
            f"截至 {as_of_day.isoformat()}：{overdue} 项已超期，{len(rows) - overdue} 项在 {within} 个工作日内到期",
            f"as of {as_of_day.isoformat()}: {overdue} overdue, {len(rows) - overdue} due within {within} working days",
        )
        + "\n"
    )
    raise typer.Exit(1 if rows else 0)


@app.command("annotate", epilog=EXIT_CODES)
def annotate(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The ledger (.csv or .xlsx; - for a CSV on stdin).")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the annotated copy here (.xlsx when the name ends in .xlsx, else CSV UTF-8 with BOM); default stdout (CSV).",
        ),
    ] = None,
    ics: Annotated[
        Path | None,
        typer.Option("--ics", help="Also write an iCalendar file with a reminder on the due day of every open row."),
    ] = None,
    alarm: AlarmOption = None,
    as_of: AsOfOption = None,
    warn_days: WarnDaysOption = None,
    mapping: MapOption = None,
    encoding: EncodingOption = None,
    delimiter: DelimiterOption = None,
    sheet: SheetOption = None,
    rules: RulesOption = None,
    nonworking_trigger: NonworkingTriggerOption = NonworkingTrigger.ASIS,
    count_start_day: CountStartDayOption = False,
) -> None:
    """Write a copy of the ledger with its due date, status and working days late (截止日期, 状态, 超期工作日).

    The input is never modified; formula-looking cells are neutralised with a leading apostrophe.
    """
    rt = runtime(ctx)
    _check_outputs(rt, [file], rules, [(output, "-o", "annotated.csv"), (ics, "--ics", "reminders.ics")])
    checker = _checker(
        rt, as_of, warn_days, mapping, encoding, sheet, rules, nonworking_trigger, count_start_day, delimiter
    )
    with _file_checks(checker, [file]) as (file_check,):
        name = file_check.name
        copy_to: Path | BinaryIO = sys.stdout.buffer if output is None or str(output) == "-" else output
        sys.stdout.flush()
        try:
            counts = annotate_ledger(file_check, copy_to, rt.lang, ics=ics, alarm=alarm_days(alarm, ics))
        except LedgerFileError as error:
            raise InputError(f"{name}: {error.en}", f"{name}：{error.zh}") from None
    _warn_provisional(rt, checker)
    sys.stderr.write(_annotate_summary(file_check, counts, rt) + "\n")


def _annotate_summary(file_check: FileCheck, counts: dict[Status, int], rt: Runtime) -> str:
    labels = STATUS_LABELS[rt.lang]
    parts = [f"{labels[status]} {count:,}" for status, count in counts.items() if count]
    return rt.text(
        f"{file_check.name}：已标注 {file_check.rows:,} 行（{'，'.join(parts) or '无'}）",
        f"{file_check.name}: annotated {file_check.rows:,} rows ({', '.join(parts) or 'none'})",
    )


@app.command("template")
def template(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the template here (CSV UTF-8 with BOM) instead of stdout."),
    ] = None,
) -> None:
    """Print an empty ledger: the canonical headers and one example row per kind of rule."""
    text = ledger_template(runtime(ctx).lang)
    if output is None:
        sys.stdout.write(text)
        return

    write_atomically(output, ("\ufeff" + text).encode("utf-8"))
