"""Assembling the calendar from its sources, in increasing precedence (docs/design.md §2.2):

1. the weekday rule, for covered years only (inside ``WorkCalendar``);
2. the ``chinese-calendar`` package's data tables (official arrangements 2004–2026),
   read once into ``YearData`` — never queried per day;
3. the data files shipped in the package (``data/holidays/*.toml``): newer years and
   corrections (``amends = true``);
4. the site-wide data directory (``GKCLI_SITE_HOLIDAYS_DIR``, else the platform's site data
   directory), where ``gkcli holidays import --site`` writes once for a whole office;
5. the user's data directory (``--holidays-dir``, ``GKCLI_HOLIDAYS_DIR``, else the
   per-user directory), where ``gkcli holidays import`` writes;
6. a regional overlay (``--region NAME``): ``regions/NAME/*.toml`` in each directory.

With ``provisional``, years no source covers, from one year before the first covered
year to ten after the last, get the statutory days only (``provisional.provisional_year``).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import NamedTuple

from gkcli.calendar.index import WorkCalendar
from gkcli.calendar.yeardata import MakeupDay, YearData, group_periods, load_directory
from gkcli.core import DATA_DIR
from gkcli.core.config import Settings
from gkcli.core.errors import InputError, quote

__all__ = [
    "PROVISIONAL_YEARS_AFTER",
    "PROVISIONAL_YEARS_BEFORE",
    "CalendarOptions",
    "check_region",
    "chinese_calendar_years",
    "known_regions",
    "load_calendar",
    "package_holidays_dir",
    "provisional_window",
    "region_dirs",
]

# How far --provisional reaches around the covered years (docs/design.md §2.3; docs/holidays.md).
PROVISIONAL_YEARS_BEFORE = 1
PROVISIONAL_YEARS_AFTER = 10

# chinese-calendar's short Chinese names, as the notices write them.
_FESTIVAL_NAMES = {"清明": "清明节", "端午": "端午节", "中秋": "中秋节"}


class CalendarOptions(NamedTuple):
    """Which data a calendar is built from; ``region_origin`` names where ``region`` was
    set (a flag, a variable, the project file) for the error when it has no data."""

    user_dir: Path | None = None
    region: str | None = None
    provisional: bool = False
    site_dir: Path | None = None
    region_origin: str = "--region"

    @classmethod
    def from_settings(cls, settings: Settings) -> CalendarOptions:
        return cls(
            settings.user_holidays_dir,
            settings.region,
            settings.provisional,
            settings.site_holidays_dir,
            settings.origin("region"),
        )

    def data_dirs(self) -> list[Path]:
        """The data directories in increasing precedence: shipped, site-wide, the user's."""
        return [d for d in (package_holidays_dir(), self.site_dir, self.user_dir) if d is not None]


def package_holidays_dir() -> Path:
    """``data/holidays`` inside the installed package (installed as files, never zipped)."""
    return DATA_DIR / "holidays"


@cache
def chinese_calendar_years() -> tuple[YearData, ...]:
    """The official arrangements held by the chinese-calendar package, one ``YearData`` a year."""
    import chinese_calendar
    from chinese_calendar.constants import Holiday, holidays, workdays

    label = f"chinese-calendar {chinese_calendar.__version__}"
    names = {member.value: _FESTIVAL_NAMES.get(member.chinese, member.chinese) for member in Holiday}

    by_year: dict[int, tuple[dict[date, str], dict[date, str]]] = {}
    for table, slot in ((holidays, 0), (workdays, 1)):
        for day, value in table.items():
            by_year.setdefault(day.year, ({}, {}))[slot][day] = names[value]
    return tuple(
        YearData(
            year=year,
            source=f"国务院办公厅关于{year}年部分节假日安排的通知 (via {label})",
            holidays=group_periods(rest),
            makeup_workdays=tuple(MakeupDay(day, name) for day, name in sorted(work.items())),
            origin=label,
        )
        for year, (rest, work) in sorted(by_year.items())
    )


def known_regions(user_dir: Path | None, site_dir: Path | None = None) -> list[str]:
    """Region names that have data in the package or the user directory."""
    names: set[str] = set()
    for root in (package_holidays_dir(), site_dir, user_dir):
        if root and (root / "regions").is_dir():
            names.update(p.name for p in (root / "regions").iterdir() if p.is_dir())
    return sorted(names)


def region_dirs(region: str, user_dir: Path | None, site_dir: Path | None = None) -> list[Path]:
    """Where the overlay ``region`` is read from: the package's, then the user's."""
    return [root / "regions" / region for root in (package_holidays_dir(), site_dir, user_dir) if root]


def check_region(region: str, user_dir: Path | None, origin: str = "--region", site_dir: Path | None = None) -> None:
    """``InputError`` naming ``origin`` (the flag, variable or file that set it) and the
    known regions when ``region`` has no data."""
    known = known_regions(user_dir, site_dir)
    if region in known:
        return
    listed = ", ".join(known) or "none installed"
    raise InputError(
        f"region {quote(region)} (from {origin}) has no data; known regions: {listed}. "
        f"Add files under <holidays-dir>/regions/NAME/",
        f"地区 {quote(region)}（来自 {origin}）没有数据；已有地区：{listed}。可在 <holidays-dir>/regions/地区名/ 下添加数据文件",
    )


def provisional_window(covered: set[int]) -> range:
    """The years ``--provisional`` may fill: one before the first covered year to ten after the last."""
    return range(min(covered) - PROVISIONAL_YEARS_BEFORE, max(covered) + PROVISIONAL_YEARS_AFTER + 1)


@cache
def load_calendar(options: CalendarOptions = CalendarOptions()) -> WorkCalendar:
    """The calendar for ``options``, built once per process and option set."""
    bases: list[YearData] = list(chinese_calendar_years())
    overlays: list[YearData] = []
    for directory in options.data_dirs():
        for data in load_directory(directory):
            if not data.amends:
                # Imported here: the package ships amendments only, so the default calendar
                # (and the ``workdays is`` fast path) never loads the completeness check.
                from gkcli.calendar.completeness import check_complete

                check_complete(data, data.origin)
            (overlays if data.amends else bases).append(data)
    if options.provisional:
        from gkcli.calendar.provisional import provisional_year

        covered = {data.year for data in bases}
        bases[:0] = [provisional_year(year) for year in provisional_window(covered) if year not in covered]
    if options.region:
        check_region(options.region, options.user_dir, options.region_origin, options.site_dir)
        directories = region_dirs(options.region, options.user_dir, options.site_dir)
        for directory in directories:
            overlays.extend(load_directory(directory))
    return WorkCalendar(bases, overlays)
