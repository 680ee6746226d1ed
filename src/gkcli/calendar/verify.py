"""Cross-checks of the holiday data in force (``gkcli holidays verify``, docs/design.md §2).

Every data file must follow the schema; then, on the national calendar (official data of the
package and the user directory, no region, nothing provisional): each covered year cites a
source, make-up working days fall on a Saturday or Sunday, the statutory days of
《全国年节及纪念日放假办法》 Art. 2 lie inside holiday periods, and, when the optional
python-holidays package is installed, every day agrees with its China calendar.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path

from gkcli.calendar.completeness import check_complete
from gkcli.calendar.index import DayKind, WorkCalendar
from gkcli.calendar.provisional import statutory_days
from gkcli.calendar.sources import CalendarOptions, load_calendar, package_holidays_dir
from gkcli.calendar.yeardata import load_year_file
from gkcli.core.errors import DataFileError
from gkcli.core.files import is_temporary
from gkcli.core.i18n import Lang, kind_label

__all__ = [
    "Check",
    "Comparison",
    "Problem",
    "VerifyReport",
    "compare_with_python_holidays",
    "data_files",
    "verify",
    "verify_calendar",
]


class Check(str, Enum):
    """The check a problem comes from; the value is its name in records."""

    SCHEMA = "schema"
    SOURCE = "source"
    MAKEUP_WEEKDAY = "makeup-weekday"
    STATUTORY_DAY = "statutory-day"
    PYTHON_HOLIDAYS = "python-holidays"


@dataclass(frozen=True, slots=True)
class Problem:
    """One disagreement in the data, with its message in both languages."""

    check: Check
    year: int | None
    day: date | None
    en: str
    zh: str

    def message(self, lang: Lang) -> str:
        return self.zh if lang == Lang.zh else self.en

    def record(self, lang: Lang) -> dict[str, object]:
        """The problem as a JSON-ready record (``date`` is empty when the problem has no day)."""
        return {
            "check": self.check.value,
            "year": self.year,
            "date": self.day.isoformat() if self.day else "",
            "message": self.message(lang),
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    """The comparison with python-holidays: its version and years, or None when it is not installed."""

    version: str | None
    first_year: int = 0
    last_year: int = 0

    def note(self, lang: Lang) -> str:
        if self.version is None:
            return (
                "python-holidays not installed: comparison skipped"
                if lang == Lang.en
                else "未安装 python-holidays：跳过比对"
            )
        if lang == Lang.zh:
            return f"python-holidays {self.version}：已比对 {self.first_year}–{self.last_year} 年"
        return f"python-holidays {self.version}: compared {self.first_year}–{self.last_year}"


@dataclass(frozen=True, slots=True)
class VerifyReport:
    """What ``verify`` checked and found. ``comparison`` is None when schema problems stopped the checks."""

    files: tuple[Path, ...]
    problems: tuple[Problem, ...]
    comparison: Comparison | None

    @property
    def ok(self) -> bool:
        return not self.problems


def data_files(user_dir: Path | None, site_dir: Path | None = None) -> list[Path]:
    """The holiday data files of the package, ``site_dir`` and ``user_dir``, regional ones included."""
    files: list[Path] = []
    for root in (package_holidays_dir(), site_dir, user_dir):
        if root is not None:
            files += sorted(root.glob("*.toml")) + sorted(root.glob("regions/*/*.toml"))
    return files


def temporary_files(user_dir: Path | None) -> list[Path]:
    """Temporary files an interrupted write left in ``user_dir`` (``core.files``): never
    read as data, named by ``holidays status`` so they can be deleted."""
    if user_dir is None:
        return []
    return [path for path in sorted([*user_dir.glob(".*"), *user_dir.glob("regions/*/.*")]) if is_temporary(path)]


def _schema_problems(files: Iterable[Path]) -> list[Problem]:
    """Schema errors, and year files (not regional overlays) that miss a festival."""
    problems = []
    for path in files:
        try:
            data = load_year_file(path)
            if path.parent.parent.name != "regions":
                check_complete(data, str(path))
        except DataFileError as error:
            problems.append(Problem(Check.SCHEMA, None, None, error.message(Lang.en), error.message(Lang.zh)))
    return problems


def verify_calendar(calendar: WorkCalendar) -> list[Problem]:
    """The checks on a built calendar: sources cited, make-up days on weekends, statutory days off."""
    problems = []
    for year, data in calendar.coverage.items():
        if not data.source.strip():
            problems.append(Problem(Check.SOURCE, year, None, "no source cited", "未注明来源"))
        for info in calendar.days(date(year, 1, 1), date(year, 12, 31)):
            if info.kind is DayKind.MAKEUP and info.date.weekday() < 5:
                problems.append(
                    Problem(
                        Check.MAKEUP_WEEKDAY,
                        year,
                        info.date,
                        f"make-up day {info.name} is not a Saturday or Sunday",
                        f"调休上班日（{info.name}）不是周六或周日",
                    )
                )
        for day, name in sorted(statutory_days(year).items()):
            kind = calendar.kind(day)
            if kind is not DayKind.HOLIDAY:
                problems.append(
                    Problem(
                        Check.STATUTORY_DAY,
                        year,
                        day,
                        f"statutory {name} day is not inside a holiday period ({kind.value})",
                        f"法定节日（{name}）不在放假时段内（{kind_label(kind.value, Lang.zh)}）",
                    )
                )
    return problems


def compare_with_python_holidays(calendar: WorkCalendar) -> tuple[list[Problem], Comparison]:
    """Days where python-holidays' China calendar disagrees on working or not, over the covered years."""
    try:
        import holidays
    except ImportError:
        return [], Comparison(None)
    from importlib import metadata  # not at the top: ``gkcli --help`` imports this module

    years = list(calendar.coverage)
    reference = holidays.country_holidays("CN", years=years)
    problems = []
    for info in calendar.days(date(years[0], 1, 1), date(years[-1], 12, 31)):
        theirs = reference.is_working_day(info.date)
        if theirs != info.is_working:
            source = info.source.source if info.source else ""
            problems.append(
                Problem(
                    Check.PYTHON_HOLIDAYS,
                    info.date.year,
                    info.date,
                    f"python-holidays says {'working day' if theirs else 'rest day'}; gkcli says {info.kind.value} ({source})",
                    f"python-holidays 认为是{'工作日' if theirs else '休息日'}；gkcli 为{kind_label(info.kind.value, Lang.zh)}",
                )
            )
    return problems, Comparison(metadata.version("holidays"), years[0], years[-1])


def verify(user_dir: Path | None = None, *, compare: bool = True, site_dir: Path | None = None) -> VerifyReport:
    """Check the data files of the package, ``site_dir`` and ``user_dir``; when they all load,
    check the national calendar they make and (``compare``) compare it with python-holidays."""
    files = tuple(data_files(user_dir, site_dir))
    problems = _schema_problems(files)
    if problems:
        return VerifyReport(files, tuple(problems), None)
    calendar = load_calendar(CalendarOptions(user_dir=user_dir, site_dir=site_dir))
    problems = verify_calendar(calendar)
    comparison = None
    if compare:
        compared, comparison = compare_with_python_holidays(calendar)
        problems += compared
    return VerifyReport(files, tuple(problems), comparison)
