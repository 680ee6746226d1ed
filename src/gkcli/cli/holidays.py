"""``gkcli holidays import|list|status|verify|export``: the holiday data in force (docs/design.md §2)."""

from __future__ import annotations

import csv
import io
import sys
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from gkcli.calendar.index import DayInfo, DayKind, WorkCalendar
from gkcli.calendar.notice import default_file_name, parse_notice
from gkcli.calendar.provisional import statutory_days
from gkcli.calendar.sources import CalendarOptions, load_calendar, package_holidays_dir
from gkcli.calendar.yeardata import YearData, dump_year_data, load_year_file
from gkcli.core.dates import beijing_today, checked_year, parse_date
from gkcli.core.encoding import decode_text
from gkcli.core.errors import DataFileError, InputError
from gkcli.core.files import write_atomically
from gkcli.core.i18n import PROVISIONAL_LABEL, format_day, kind_label
from gkcli.report.ics import Reminder, build_ics, reminder_uid

from .common import FormatOption, Runtime, emit, resolve_format, runtime, warn

app = typer.Typer(
    no_args_is_help=True,
    help="The holiday data in force: import a notice, list a year, status, verify, export.",
)

YearArg = Annotated[
    int, typer.Argument(metavar="YEAR", help="A year, e.g. 2026.", callback=lambda year: checked_year(year, str(year)))
]


def _national_calendar(rt: Runtime) -> WorkCalendar:
    """Official data only (package and user directory): no region, nothing provisional."""
    return load_calendar(CalendarOptions(user_dir=rt.settings.user_holidays_dir))


def _read_notice(path: str) -> tuple[str, str]:
    """The notice's text and a name for messages, decoded as ``gkcli.core.encoding`` detects."""
    if path == "-":
        raw, name = sys.stdin.buffer.read(), "<stdin>"
    else:
        try:
            raw, name = Path(path).read_bytes(), path
        except OSError as exc:
            raise InputError(
                f"cannot read the notice {path}: {exc.strerror or exc}",
                f"无法读取通知文件 {path}：{exc.strerror or exc}",
            ) from None
    text = decode_text(raw)
    if text is not None:
        return text, name
    raise InputError(
        f"{name}: not UTF-8 or GBK text; save the notice as plain text (UTF-8)",
        f"{name}：不是 UTF-8 或 GBK 文本；请把通知另存为纯文本（UTF-8）",
    )


@app.command("import")
def import_(
    ctx: typer.Context,
    notice: Annotated[
        str, typer.Argument(metavar="NOTICE.txt", help="Text of the notice (copied from gov.cn); - reads stdin.")
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Data file to write; - for stdout. Default: the user holidays directory (regions/NAME/ with --region).",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the data file that would be written; write nothing.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing data file.")] = False,
) -> None:
    """Turn a 放假安排 notice into a holiday data file (docs/design.md §2.4, §2.5).

    Amending notices (调整…/延长… and the like) become `YEAR-amend-YYYYMMDD.toml`, applied on
    top of the year's arrangement. A notice gkcli cannot fully account for is refused,
    quoting the line it could not read."""
    rt = runtime(ctx)
    text, name = _read_notice(notice)
    data = parse_notice(text, name, base=_national_calendar(rt).coverage.get)
    content = f"# Imported with `gkcli holidays import` from {Path(name).name}.\n" + dump_year_data(data)
    if output == "-" or dry_run:
        sys.stdout.write(content)
    if output == "-":
        return
    directory = rt.settings.user_holidays_dir
    if rt.settings.region:
        directory = directory / "regions" / rt.settings.region
    target = Path(output) if output else directory / default_file_name(data)
    summary = rt.text(
        f"{data.year}年：{len(data.holidays)} 个放假时段，{len(data.makeup_workdays)} 个调休上班日",
        f"{data.year}: {len(data.holidays)} holiday period(s), {len(data.makeup_workdays)} make-up working day(s)",
    )
    if dry_run:
        warn(rt.text(f"（试运行）将写入 {target}：{summary}", f"(dry run) would write {target}: {summary}"))
        return
    if target.exists() and not force:
        raise InputError(
            f"{target} already exists; pass --force to replace it, or -o to write elsewhere",
            f"{target} 已存在；如需替换请加 --force，或用 -o 写到别处",
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"cannot create {target.parent}: {exc.strerror or exc}",
            f"无法创建目录 {target.parent}：{exc.strerror or exc}",
        ) from None
    write_atomically(target, content.encode("utf-8"))
    load_calendar.cache_clear()
    warn(rt.text(f"已写入 {target}：{summary}", f"wrote {target}: {summary}"))


@dataclass(frozen=True)
class _Entry:
    """A holiday period or a make-up day as the calendar in force has it."""

    kind: DayKind
    name: str
    start: date
    end: date
    source: YearData | None
    provisional: bool

    def record(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "name": self.name,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "days": (self.end - self.start).days + 1,
            "source": self.source.source if self.source else "",
            "provisional": self.provisional,
        }

    def line(self, lang: str) -> str:
        days = (self.end - self.start).days + 1
        when = format_day(self.start, lang)
        if days > 1:
            when += (" 至 " if lang == "zh" else " – ") + format_day(self.end, lang)
        count = f"共{days}天" if lang == "zh" else f"{days} day{'s' if days > 1 else ''}"
        label = kind_label(self.kind.value, lang)
        source = self.source.source if self.source else ""
        line = f"{when}  {label}  {self.name}  {count}  {'来源' if lang == 'zh' else 'source'}: {source}"
        return line + (f" [{PROVISIONAL_LABEL[lang]}]" if self.provisional else "")


def _entries(cal: WorkCalendar, year: int) -> list[_Entry]:
    """The year's holiday periods and make-up days; a period that crosses New Year is shown
    whole when the neighbouring year is covered. A period's source is its last day's (an
    extension or a New Year period announced with the following year)."""
    first = date(year - 1, 12, 1) if cal.is_covered(year - 1) else date(year, 1, 1)
    last = date(year + 1, 1, 31) if cal.is_covered(year + 1) else date(year, 12, 31)
    entries: list[_Entry] = []
    for info in cal.days(first, last):
        if info.kind is DayKind.MAKEUP:
            entries.append(_entry(info))
        elif info.kind is DayKind.HOLIDAY:
            previous = entries[-1] if entries else None
            if (
                previous
                and previous.kind is DayKind.HOLIDAY
                and previous.name == info.name
                and (info.date - previous.end).days == 1
            ):
                entries[-1] = _Entry(
                    DayKind.HOLIDAY, info.name, previous.start, info.date, info.source, info.provisional
                )
            else:
                entries.append(_entry(info))
    return [entry for entry in entries if entry.end.year >= year and entry.start.year <= year]


def _entry(info: DayInfo) -> _Entry:
    return _Entry(info.kind, info.name, info.date, info.date, info.source, info.provisional)


@app.command("list")
def list_(ctx: typer.Context, year: YearArg, format: FormatOption = None) -> None:
    """Every holiday period and make-up working day of YEAR, with its source."""
    rt = runtime(ctx)
    entries = _entries(rt.calendar(), year)
    emit(resolve_format(format, rt), [e.record() for e in entries], [e.line(rt.lang) for e in entries])


def _today(option: str | None) -> date:
    return parse_date(option) if option else beijing_today()


@app.command("status")
def status(
    ctx: typer.Context,
    format: FormatOption = None,
    today: Annotated[
        str | None,
        typer.Option("--today", hidden=True, help="Pretend today (Beijing) is this date; for tests and rehearsals."),
    ] = None,
) -> None:
    """Covered years and the source of each; warns from 1 November when next year is missing."""
    rt = runtime(ctx)
    coverage = rt.calendar().coverage
    records = [
        {"year": year, "source": data.source, "origin": data.origin, "provisional": data.provisional}
        for year, data in coverage.items()
    ]
    lines = []
    for record in records:
        origin = "" if record["origin"] in record["source"] else f"  [{record['origin']}]"
        mark = f"  [{PROVISIONAL_LABEL[rt.lang]}]" if record["provisional"] else ""
        lines.append(f"{record['year']}  {record['source']}{origin}{mark}")
    emit(resolve_format(format, rt), records, lines)
    official = [year for year, data in coverage.items() if not data.provisional]
    provisional = [year for year, data in coverage.items() if data.provisional]
    warn(
        rt.text(
            f"官方安排：{min(official)}–{max(official)}年", f"official arrangements: {min(official)}–{max(official)}"
        )
    )
    if provisional:
        warn(
            rt.text(
                f"临时推算（法定节日及其周末补假，无调休上班）：{min(provisional)}–{max(provisional)}年中未覆盖的年份",
                f"provisional (statutory holidays and their weekend compensation, no make-up working days): uncovered years in {min(provisional)}–{max(provisional)}",
            )
        )
    day = _today(today)
    upcoming = day.year + 1
    if day.month >= 11 and upcoming not in official:
        warn(
            rt.text(
                f"警告：尚未导入{upcoming}年的节假日安排（国务院办公厅通常在11月发布）。发布后请把通知全文保存为文本文件并运行 "
                f"`gkcli holidays import 通知.txt`，或升级 gkcli。",
                f"warning: the {upcoming} holiday arrangement is not installed (the State Council usually publishes it in November). "
                f"When it is out, save the notice text to a file and run `gkcli holidays import NOTICE.txt`, or upgrade gkcli.",
            )
        )


def _data_files(rt: Runtime) -> list[Path]:
    files: list[Path] = []
    for root in (package_holidays_dir(), rt.settings.user_holidays_dir):
        files += sorted(root.glob("*.toml")) + sorted(root.glob("regions/*/*.toml"))
    return files


def _problem(check: str, year: int | None, day: date | None, message: str) -> dict[str, Any]:
    return {"check": check, "year": year, "date": day.isoformat() if day else "", "message": message}


def _calendar_problems(cal: WorkCalendar, lang: str) -> list[dict[str, Any]]:
    problems = []
    for year, data in cal.coverage.items():
        if not data.source.strip():
            problems.append(_problem("source", year, None, "no source cited" if lang == "en" else "未注明来源"))
        for info in cal.days(date(year, 1, 1), date(year, 12, 31)):
            if info.kind is DayKind.MAKEUP and info.date.weekday() < 5:
                problems.append(
                    _problem(
                        "makeup-weekday",
                        year,
                        info.date,
                        f"make-up day {info.name} is not a Saturday or Sunday"
                        if lang == "en"
                        else f"调休上班日（{info.name}）不是周六或周日",
                    )
                )
        for day, name in sorted(statutory_days(year).items()):
            if cal.kind(day) is not DayKind.HOLIDAY:
                problems.append(
                    _problem(
                        "statutory-day",
                        year,
                        day,
                        f"statutory {name} day is not inside a holiday period ({cal.kind(day).value})"
                        if lang == "en"
                        else f"法定节日（{name}）不在放假时段内（{kind_label(cal.kind(day).value, lang)}）",
                    )
                )
    return problems


def _python_holidays_problems(cal: WorkCalendar, lang: str) -> tuple[list[dict[str, Any]], str]:
    try:
        import holidays
    except ImportError:
        return (
            [],
            "python-holidays not installed: comparison skipped" if lang == "en" else "未安装 python-holidays：跳过比对",
        )
    years = list(cal.coverage)
    reference = holidays.China(years=years)
    problems = []
    for info in cal.days(date(years[0], 1, 1), date(years[-1], 12, 31)):
        if reference.is_working_day(info.date) != info.is_working:
            theirs = "working day" if reference.is_working_day(info.date) else "rest day"
            problems.append(
                _problem(
                    "python-holidays",
                    info.date.year,
                    info.date,
                    f"python-holidays says {theirs}; gkcli says {info.kind.value} ({info.source.source if info.source else ''})"
                    if lang == "en"
                    else f"python-holidays 认为是{'工作日' if theirs == 'working day' else '休息日'}；gkcli 为{kind_label(info.kind.value, lang)}",
                )
            )
    return problems, f"python-holidays {holidays.__version__}: compared {years[0]}–{years[-1]}"


@app.command("verify")
def verify(ctx: typer.Context, format: FormatOption = None) -> None:
    """Lint the data in force: schema, make-up days on weekends, statutory days inside the
    holiday periods, sources; compare with python-holidays when installed. Exit 1 on problems."""
    rt = runtime(ctx)
    files = _data_files(rt)
    problems = []
    for path in files:
        try:
            load_year_file(path)
        except DataFileError as error:
            problems.append(_problem("schema", None, None, error.message(rt.lang)))
    notes: list[str] = []
    if not problems:
        cal = _national_calendar(rt)
        problems += _calendar_problems(cal, rt.lang)
        compared, note = _python_holidays_problems(cal, rt.lang)
        problems += compared
        notes.append(note)
    lines = [" ".join(str(p[key]) for key in ("check", "date", "message") if p[key]) for p in problems]
    emit(resolve_format(format, rt), problems, lines)
    for note in notes:
        warn(note)
    warn(
        rt.text(
            f"检查了 {len(files)} 个数据文件：发现 {len(problems)} 个问题"
            if problems
            else f"检查了 {len(files)} 个数据文件：没有问题",
            f"checked {len(files)} data file(s): {len(problems)} problem(s)"
            if problems
            else f"checked {len(files)} data file(s): no problems",
        )
    )
    raise typer.Exit(1 if problems else 0)


class ExportFormat(str, Enum):
    """Formats of ``holidays export``."""

    ics = "ics"
    json = "json"
    csv = "csv"


_CSV_FIELDS = ("date", "weekday", "kind", "working", "name", "source", "provisional")


def _day_record(info: DayInfo) -> dict[str, Any]:
    return {
        "date": info.date.isoformat(),
        "weekday": info.date.isoweekday(),
        "kind": info.kind.value,
        "working": info.is_working,
        "name": info.name,
        "source": info.source.source if info.source else "",
        "provisional": info.provisional,
    }


def _reminders(entries: list[_Entry], lang: str) -> list[Reminder]:
    return [
        Reminder(
            uid=reminder_uid("holidays", entry.kind.value, entry.name, entry.start.isoformat(), entry.end.isoformat()),
            date=entry.start,
            last=entry.end,
            summary=f"{kind_label(entry.kind.value, lang)}：{entry.name}"
            if lang == "zh"
            else f"{entry.name} ({kind_label(entry.kind.value, lang)})",
            description=(entry.source.source if entry.source else "")
            + (f"\n{PROVISIONAL_LABEL[lang]}" if entry.provisional else ""),
        )
        for entry in entries
    ]


@app.command("export")
def export(
    ctx: typer.Context,
    year: YearArg,
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="ics: one all-day event per holiday period and make-up day; json / csv: every day of the year.",
        ),
    ] = ExportFormat.csv,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (whole or not at all); default stdout. CSV files get a UTF-8 BOM for Excel/WPS.",
        ),
    ] = None,
) -> None:
    """The working calendar of YEAR for Outlook, WPS or Excel."""
    rt = runtime(ctx)
    cal = rt.calendar()
    if format is ExportFormat.ics:
        entries = _entries(cal, year)
        data = build_ics(_reminders(entries, rt.lang), name=f"gkcli {year}")
    else:
        records = [_day_record(info) for info in cal.days(date(year, 1, 1), date(year, 12, 31))]
        if format is ExportFormat.json:
            import json

            data = (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        else:
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=_CSV_FIELDS, lineterminator="\r\n")
            writer.writeheader()
            writer.writerows(
                {**r, "working": str(r["working"]).lower(), "provisional": str(r["provisional"]).lower()}
                for r in records
            )
            data = (("\ufeff" if output and output != "-" else "") + buffer.getvalue()).encode("utf-8")
    if cal.provisional_years(date(year, 1, 1), date(year, 12, 31)):
        warn(
            rt.text(
                f"警告：{year}年尚无官方节假日安排，导出内容为临时推算。",
                f"warning: {year} has no official arrangement; the export is provisional.",
            )
        )
    if output and output != "-":
        write_atomically(Path(output), data)
        warn(rt.text(f"已写入 {output}", f"wrote {output}"))
    else:
        sys.stdout.write(data.decode("utf-8"))
