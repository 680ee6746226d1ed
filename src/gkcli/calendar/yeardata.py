"""Holiday arrangement data files: the schema of docs/design.md §2.5, a validating loader and a writer.

One file a year (``data/holidays/YYYY.toml``), each citing its source::

    year = 2026
    source = "国务院办公厅关于2026年部分节假日安排的通知"
    document_number = "国办发明电〔2025〕7号"
    published = 2025-11-04
    url = "https://www.gov.cn/..."

    [[holidays]]
    name = "国庆节"
    start = 2026-10-01
    end = 2026-10-07

    [[makeup_workdays]]
    date = 2026-10-10
    name = "国庆节"

A file with ``amends = true`` holds only the days it changes (an amending notice or a
correction) and carries a ``note``; it does not by itself make its year covered. A file with
``partial = true`` covers its year with only some festivals (``gkcli holidays import
--partial``); any other year file must give every statutory festival (``calendar.completeness``).
"""

from __future__ import annotations

import itertools
import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from gkcli.calendar.runs import day_runs
from gkcli.core.dates import YEARS
from gkcli.core.errors import DataFileError, os_reason
from gkcli.core.tomlfile import read_toml

__all__ = [
    "HolidayPeriod",
    "MakeupDay",
    "YearData",
    "check_keys",
    "dump_year_data",
    "group_periods",
    "load_directory",
    "load_year_file",
    "parse_year_data",
    "schema_error",
    "typed_value",
]


class HolidayPeriod(NamedTuple):
    """A day-off period (放假), inclusive of both ends."""

    name: str
    start: date
    end: date

    def days(self) -> list[date]:
        return [self.start + timedelta(n) for n in range((self.end - self.start).days + 1)]


class MakeupDay(NamedTuple):
    """A Saturday or Sunday declared a working day (调休上班)."""

    date: date
    name: str


class YearData(NamedTuple):
    """One year's arrangement from one source."""

    year: int
    source: str
    holidays: tuple[HolidayPeriod, ...] = ()
    makeup_workdays: tuple[MakeupDay, ...] = ()
    document_number: str = ""
    published: date | None = None
    url: str = ""
    amends: bool = False
    partial: bool = False
    note: str = ""
    origin: str = ""
    provisional: bool = False


def group_periods(days: dict[date, str]) -> tuple[HolidayPeriod, ...]:
    """Days off (date -> festival name) as periods: consecutive days of one name form one period."""
    return tuple(HolidayPeriod(run.key, run.first, run.last) for run in day_runs(days.items()))


_TOP_KEYS = {
    "year",
    "source",
    "document_number",
    "published",
    "url",
    "amends",
    "partial",
    "note",
    "holidays",
    "makeup_workdays",
}
_HOLIDAY_KEYS = {"name", "start", "end"}
_MAKEUP_KEYS = {"name", "date"}


def schema_error(origin: str, where: str, en: str, zh: str) -> DataFileError:
    """A ``DataFileError`` that names the file and the entry (shared with the rule catalogue)."""
    place = f"{origin}: {where}: " if where else f"{origin}: "
    return DataFileError(place + en, place + zh)


def typed_value(origin: str, where: str, table: dict[str, Any], key: str, kind: type, required: bool = True) -> Any:
    """``table[key]`` checked to be a ``kind``; a TOML date-time is not a date."""
    if key not in table:
        if required:
            raise schema_error(origin, where, f"missing key {key!r}", f"缺少字段 {key!r}")
        return None
    value = table[key]
    # TOML datetimes are datetime subclasses of date; only plain dates are accepted.
    if (
        not isinstance(value, kind)
        or (kind is date and hasattr(value, "hour"))
        or (kind is int and isinstance(value, bool))
    ):
        expected = "a date (written 2026-10-01)" if kind is date else f"of type {kind.__name__}"
        raise schema_error(
            origin,
            where,
            f"{key!r} must be {expected}, got {value!r}",
            f"{key!r} 应为 {kind.__name__} 类型{'（日期写作 2026-10-01）' if kind is date else ''}，实际为 {value!r}",
        )
    return value


def check_keys(origin: str, where: str, table: dict[str, Any], allowed: set[str]) -> None:
    """Refuse keys the schema does not know, listing the allowed ones."""
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise schema_error(
            origin,
            where,
            f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}",
            f"未知字段 {', '.join(unknown)}；允许的字段：{', '.join(sorted(allowed))}",
        )


def parse_year_data(table: dict[str, Any], origin: str) -> YearData:
    """Validate a parsed TOML table against the schema; errors name ``origin`` and the entry."""
    check_keys(origin, "", table, _TOP_KEYS)
    year = typed_value(origin, "", table, "year", int)
    source = typed_value(origin, "", table, "source", str)
    if not source.strip():
        raise schema_error(
            origin, "", "'source' must cite the notice the data comes from", "'source' 必须注明数据来源的通知"
        )
    if year not in YEARS:
        raise schema_error(
            origin,
            "",
            f"'year' = {year} is outside {YEARS.start}..{YEARS.stop - 1}",
            f"'year' = {year} 不在 {YEARS.start}..{YEARS.stop - 1} 之内",
        )
    window = (date(year - 1, 12, 1), date(year + 1, 1, 31))

    def in_window(day: date) -> bool:
        return window[0] <= day <= window[1]

    holidays = []
    for index, entry in enumerate(table.get("holidays", [])):
        where = f"holidays[{index}]"
        if not isinstance(entry, dict):
            raise schema_error(origin, where, "must be a table with name, start, end", "应为包含 name、start、end 的表")
        check_keys(origin, where, entry, _HOLIDAY_KEYS)
        period = HolidayPeriod(
            typed_value(origin, where, entry, "name", str),
            typed_value(origin, where, entry, "start", date),
            typed_value(origin, where, entry, "end", date),
        )
        if period.end < period.start:
            raise schema_error(
                origin,
                where,
                f"ends ({period.end}) before it starts ({period.start})",
                f"结束日期 {period.end} 早于开始日期 {period.start}",
            )
        if (
            not (in_window(period.start) and in_window(period.end))
            or period.end.year < year
            or period.start.year > year
        ):
            raise schema_error(
                origin,
                where,
                f"{period.start}..{period.end} lies outside the file's year {year}",
                f"{period.start}..{period.end} 不在本文件的年份 {year} 内",
            )
        holidays.append(period)
    ordered = sorted(holidays, key=lambda p: p.start)
    for before, after in itertools.pairwise(ordered):
        if after.start <= before.end:
            raise schema_error(
                origin,
                "holidays",
                f"{before.name} {before.start}..{before.end} overlaps {after.name} {after.start}..{after.end}",
                f"{before.name} {before.start}..{before.end} 与 {after.name} {after.start}..{after.end} 重叠",
            )

    makeups = []
    holiday_days = {day for period in holidays for day in period.days()}
    seen: set[date] = set()
    for index, entry in enumerate(table.get("makeup_workdays", [])):
        where = f"makeup_workdays[{index}]"
        if not isinstance(entry, dict):
            raise schema_error(origin, where, "must be a table with date, name", "应为包含 date、name 的表")
        check_keys(origin, where, entry, _MAKEUP_KEYS)
        makeup = MakeupDay(
            typed_value(origin, where, entry, "date", date), typed_value(origin, where, entry, "name", str)
        )
        if makeup.date.weekday() < 5:
            raise schema_error(
                origin,
                where,
                f"{makeup.date} is a weekday; a make-up working day (调休上班) must be a Saturday or Sunday",
                f"{makeup.date} 是工作日；调休上班日必须是周六或周日",
            )
        if not in_window(makeup.date):
            raise schema_error(
                origin,
                where,
                f"{makeup.date} lies outside the file's year {year}",
                f"{makeup.date} 不在本文件的年份 {year} 内",
            )
        if makeup.date in holiday_days or makeup.date in seen:
            raise schema_error(origin, where, f"{makeup.date} is listed twice", f"{makeup.date} 重复出现")
        seen.add(makeup.date)
        makeups.append(makeup)

    published = typed_value(origin, "", table, "published", date, required=False)
    amends, partial = (table.get(key, False) for key in ("amends", "partial"))
    for key, value in (("amends", amends), ("partial", partial)):
        if not isinstance(value, bool):
            raise schema_error(origin, "", f"{key!r} must be true or false", f"{key!r} 应为 true 或 false")
    note = typed_value(origin, "", table, "note", str, required=False) or ""
    if amends and not note.strip():
        raise schema_error(
            origin,
            "",
            "an amending file (amends = true) needs a 'note' saying what it changes",
            "修正文件（amends = true）需要用 'note' 说明修改内容",
        )
    return YearData(
        year=year,
        source=source,
        holidays=tuple(ordered),
        makeup_workdays=tuple(sorted(makeups, key=lambda m: m.date)),
        document_number=typed_value(origin, "", table, "document_number", str, required=False) or "",
        published=published,
        url=typed_value(origin, "", table, "url", str, required=False) or "",
        amends=amends,
        partial=partial,
        note=note,
        origin=origin,
    )


def load_year_file(path: Path) -> YearData:
    """Read and validate one data file; every problem raises ``DataFileError`` naming it."""
    origin = str(path)
    table = read_toml(path, DataFileError)
    data = parse_year_data(table, origin)
    if path.stem.isdigit() and int(path.stem) != data.year:
        raise schema_error(
            origin,
            "",
            f"file name says {path.stem} but 'year' is {data.year}",
            f"文件名为 {path.stem}，但 'year' 为 {data.year}",
        )
    return data


def load_directory(directory: Path) -> list[YearData]:
    """Every ``*.toml`` file directly in ``directory`` (sorted), validated; [] if it does not
    exist. Hidden files (a temporary file left by an interrupted write, ``core.files``) are
    never data."""
    if not directory.is_dir():
        return []
    try:
        names = sorted(entry.name for entry in os.scandir(directory))
    except OSError as exc:
        en, zh = os_reason(exc)
        raise DataFileError(
            f"{directory}: cannot read the holiday data directory: {en}",
            f"{directory}：无法读取节假日数据目录：{zh}",
        ) from None
    return [load_year_file(directory / name) for name in names if name.endswith(".toml") and not name.startswith(".")]


def _toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def dump_year_data(data: YearData) -> str:
    """The data file text for ``data`` (the inverse of ``load_year_file``)."""
    lines = [f"year = {data.year}", f"source = {_toml_string(data.source)}"]
    if data.document_number:
        lines.append(f"document_number = {_toml_string(data.document_number)}")
    if data.published:
        lines.append(f"published = {data.published.isoformat()}")
    if data.url:
        lines.append(f"url = {_toml_string(data.url)}")
    if data.amends:
        lines.append("amends = true")
    if data.partial:
        lines.append("partial = true")
    if data.note:
        lines.append(f"note = {_toml_string(data.note)}")
    for period in data.holidays:
        lines += [
            "",
            "[[holidays]]",
            f"name = {_toml_string(period.name)}",
            f"start = {period.start}",
            f"end = {period.end}",
        ]
    for makeup in data.makeup_workdays:
        lines += ["", "[[makeup_workdays]]", f"date = {makeup.date}", f"name = {_toml_string(makeup.name)}"]
    return "\n".join(lines) + "\n"
