"""``gkcli holidays import|list|status|verify|export``: the holiday data in force (docs/design.md §2)."""

from __future__ import annotations

import csv
import io
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from gkcli.calendar.completeness import check_complete
from gkcli.calendar.describe import day_record
from gkcli.calendar.feed import DEFAULT_FEED, FEED_ENVIRONMENT, fetch_year, verify_year
from gkcli.calendar.fetch import DEFAULT_TIMEOUT, is_url, read_notice_source
from gkcli.calendar.index import WorkCalendar
from gkcli.calendar.install import data_file_text, install_data_file
from gkcli.calendar.notice import default_file_name, parse_notice
from gkcli.calendar.overview import CalendarEntry, coverage_status, data_entries, first_uncovered_year, year_entries
from gkcli.calendar.sources import CalendarOptions, load_calendar
from gkcli.calendar.verify import data_files, temporary_files
from gkcli.calendar.verify import verify as verify_data
from gkcli.core.dates import beijing_today, checked_year, parse_date
from gkcli.core.errors import InputError
from gkcli.core.files import refuse_same_file, write_atomically
from gkcli.core.i18n import PROVISIONAL_LABEL, Lang, format_day, kind_label
from gkcli.report.ics import Reminder, build_ics, reminder_uid

from .common import FormatOption, Runtime, emit, resolve_format, runtime, warn

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="The holiday data in force: import a notice, list a year, status, verify, export.",
)

YearArg = Annotated[
    int, typer.Argument(metavar="YEAR", help="A year, e.g. 2026.", callback=lambda year: checked_year(year, str(year)))
]


def _national_calendar(rt: Runtime) -> WorkCalendar:
    """Official data only (package and user directory): no region, nothing provisional."""
    return load_calendar(
        CalendarOptions(user_dir=rt.settings.user_holidays_dir, site_dir=rt.settings.site_holidays_dir)
    )


def _data_dir(rt: Runtime, site: bool) -> Path:
    """Where import and update write: the user's directory, or with ``--site`` the site-wide
    one; ``regions/NAME`` in it with ``--region``."""
    directory = rt.settings.site_holidays_dir if site else rt.settings.user_holidays_dir
    return directory / "regions" / rt.settings.region if rt.settings.region else directory


SiteOption = Annotated[
    bool,
    typer.Option(
        "--site",
        help="Write to the site-wide directory (GKCLI_SITE_HOLIDAYS_DIR) that every user of this machine reads.",
    ),
]


@app.command("import")
def import_(
    ctx: typer.Context,
    notice: Annotated[
        str,
        typer.Argument(
            metavar="SOURCE",
            help="The notice: a text file, - for stdin, or the http(s) URL of its web page (e.g. on gov.cn).",
        ),
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
    partial: Annotated[
        bool,
        typer.Option("--partial", help="The notice sets only some festivals of its year (recorded as partial = true)."),
    ] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds to wait for a web page (SOURCE given as a URL).")
    ] = DEFAULT_TIMEOUT,
    site: SiteOption = False,
) -> None:
    """Turn a 放假安排 notice into a holiday data file.

    Amending notices (调整…/延长… and the like) become `YEAR-amend-YYYYMMDD.toml`, applied on
    top of the year's arrangement. A notice gkcli cannot fully account for is refused,
    quoting the line it could not read."""
    rt = runtime(ctx)
    text, name = read_notice_source(notice, sys.stdin.buffer, timeout)
    data = parse_notice(text, name, base=_national_calendar(rt).coverage.get)
    if partial and not data.amends:
        data = data._replace(partial=True)
    check_complete(data, name)
    content = data_file_text(data, name if is_url(name) else Path(name).name)
    if output == "-" or dry_run:
        sys.stdout.write(content)
    if output == "-":
        return
    target = Path(output) if output else _data_dir(rt, site) / default_file_name(data)
    summary = rt.text(
        f"{data.year}年：{len(data.holidays)} 个放假时段，{len(data.makeup_workdays)} 个调休上班日",
        f"{data.year}: {len(data.holidays)} holiday period(s), {len(data.makeup_workdays)} make-up working day(s)",
    )
    if dry_run:
        warn(rt.text(f"（试运行）将写入 {target}：{summary}", f"(dry run) would write {target}: {summary}"))
        return
    install_data_file(target, content.encode("utf-8"), force=force)
    load_calendar.cache_clear()
    warn(rt.text(f"已写入 {target}：{summary}", f"wrote {target}: {summary}"))


def _entry_line(entry: CalendarEntry, lang: Lang) -> str:
    when = format_day(entry.start, lang)
    if entry.days > 1:
        when += (" 至 " if lang == Lang.zh else " – ") + format_day(entry.end, lang)
    count = f"共{entry.days}天" if lang == Lang.zh else f"{entry.days} day{'s' if entry.days > 1 else ''}"
    label = kind_label(entry.kind.value, lang)
    line = f"{when}  {label}  {entry.name}  {count}  {'来源' if lang == Lang.zh else 'source'}: {entry.source_text}"
    return line + (f" [{PROVISIONAL_LABEL[lang]}]" if entry.provisional else "")


@app.command("update")
def update(
    ctx: typer.Context,
    year: Annotated[
        int | None, typer.Option("--year", help="The year to fetch (default: the first uncovered year).")
    ] = None,
    feed: Annotated[
        str | None,
        typer.Option(
            "--feed",
            help=f"Feed base URL ({{base}}/YEAR.json) or a URL with {{year}}; else ${FEED_ENVIRONMENT}, "
            "holidays_feed in the project file, else holiday-cn's published files.",
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Write without asking.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing data file.")] = False,
    site: SiteOption = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds to wait for the feed.")
    ] = DEFAULT_TIMEOUT,
) -> None:
    """Fetch a year's arrangement from a JSON feed in holiday-cn's format, verify it against the
    statutory rules, show it, and write it (with --yes, or after a confirmation on a terminal)."""
    rt = runtime(ctx)
    wanted = year if year is not None else first_uncovered_year(_national_calendar(rt))
    fetched = fetch_year(feed or rt.settings.holidays_feed or DEFAULT_FEED, checked_year(wanted, str(wanted)), timeout)
    reasons = verify_year(fetched)
    if reasons:
        raise InputError(
            f"{fetched.url}: refused, nothing written:\n" + "\n".join(f"  - {en}" for en, _ in reasons),
            f"{fetched.url}：数据未通过核对，未写入：\n" + "\n".join(f"  - {zh}" for _, zh in reasons),
        )
    data = fetched.year_data()
    target = _data_dir(rt, site) / default_file_name(data)
    lines = [_entry_line(entry, rt.lang) for entry in data_entries(data)]
    emit(resolve_format(None, rt), [entry.record() for entry in data_entries(data)], lines)
    if not yes:
        if not sys.stdin.isatty():
            raise InputError(
                f"not written: pass --yes to write {target} (no terminal to confirm on)",
                f"未写入：如需写入 {target}，请加 --yes（没有可确认的终端）",
            )
        if not typer.confirm(rt.text(f"写入 {target}？", f"Write {target}?"), err=True):
            warn(rt.text("未写入。", "not written."))
            raise typer.Exit(1)
    install_data_file(target, data_file_text(data, fetched.url).encode("utf-8"), force=force)
    load_calendar.cache_clear()
    warn(rt.text(f"已写入 {target}", f"wrote {target}"))


@app.command("list")
def list_(ctx: typer.Context, year: YearArg, format: FormatOption = None) -> None:
    """Every holiday period and make-up working day of YEAR, with its source."""
    rt = runtime(ctx)
    entries = year_entries(rt.calendar(), year)
    emit(resolve_format(format, rt), [e.record() for e in entries], [_entry_line(e, rt.lang) for e in entries])


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
    state = coverage_status(rt.calendar(), _today(today))
    lines = []
    for data in state.years:
        origin = "" if data.origin in data.source else f"  [{data.origin}]"
        mark = f"  [{PROVISIONAL_LABEL[rt.lang]}]" if data.provisional else ""
        lines.append(f"{data.year}  {data.source}{origin}{mark}")
    emit(resolve_format(format, rt), state.records(), lines)
    for leftover in temporary_files(rt.settings.user_holidays_dir):
        warn(
            rt.text(
                f"注意：{leftover} 是中断的写入留下的临时文件，不作为数据读取；可以删除",
                f"note: {leftover} is a temporary file left by an interrupted write; it is not read as data and can be deleted",
            )
        )
    official, provisional = state.official_years, state.provisional_years
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
    upcoming = state.missing_upcoming
    if upcoming is not None:
        warn(
            rt.text(
                f"警告：尚未导入{upcoming}年的节假日安排（国务院办公厅通常在11月发布）。发布后请运行 "
                f"`gkcli holidays update`，或 `gkcli holidays import 通知.txt|网址`，或升级 gkcli。",
                f"warning: the {upcoming} holiday arrangement is not installed (the State Council usually publishes it in November). "
                f"When it is out, run `gkcli holidays update`, or `gkcli holidays import NOTICE.txt|URL`, or upgrade gkcli.",
            )
        )


@app.command("verify")
def verify(ctx: typer.Context, format: FormatOption = None) -> None:
    """Lint the data in force: schema, make-up days on weekends, statutory days inside the
    holiday periods, sources; compare with python-holidays when installed. Exit 1 on problems."""
    rt = runtime(ctx)
    report = verify_data(rt.settings.user_holidays_dir, site_dir=rt.settings.site_holidays_dir)
    records = [problem.record(rt.lang) for problem in report.problems]
    lines = [" ".join(str(r[key]) for key in ("check", "date", "message") if r[key]) for r in records]
    emit(resolve_format(format, rt), records, lines)
    if report.comparison is not None:
        warn(report.comparison.note(rt.lang))
    files, problems = len(report.files), len(report.problems)
    warn(
        rt.text(
            f"检查了 {files} 个数据文件：发现 {problems} 个问题"
            if problems
            else f"检查了 {files} 个数据文件：没有问题",
            f"checked {files} data file(s): {problems} problem(s)"
            if problems
            else f"checked {files} data file(s): no problems",
        )
    )
    raise typer.Exit(0 if report.ok else 1)


class ExportFormat(str, Enum):
    """Formats of ``holidays export``."""

    ics = "ics"
    json = "json"
    csv = "csv"


_CSV_FIELDS = ("date", "weekday", "kind", "working", "name", "source", "provisional")


def _reminders(entries: list[CalendarEntry], lang: Lang) -> list[Reminder]:
    return [
        Reminder(
            uid=reminder_uid("holidays", entry.kind.value, entry.name, entry.start.isoformat(), entry.end.isoformat()),
            date=entry.start,
            last=entry.end,
            summary=f"{kind_label(entry.kind.value, lang)}：{entry.name}"
            if lang == Lang.zh
            else f"{entry.name} ({kind_label(entry.kind.value, lang)})",
            description=entry.source_text + (f"\n{PROVISIONAL_LABEL[lang]}" if entry.provisional else ""),
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
    if output and output != "-":
        read = [
            *data_files(rt.settings.user_holidays_dir, rt.settings.site_holidays_dir),
            *filter(None, [rt.settings.project_file]),
        ]
        refuse_same_file([(Path(output), "-o")], read)
    cal = rt.calendar()
    if format is ExportFormat.ics:
        data = build_ics(_reminders(year_entries(cal, year), rt.lang), name=f"gkcli {year}")
    else:
        records = [day_record(info, _CSV_FIELDS) for info in cal.days(date(year, 1, 1), date(year, 12, 31))]
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
