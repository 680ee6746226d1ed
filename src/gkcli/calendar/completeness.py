"""Holiday data is complete or refused (docs/holidays.md, "Complete or refused").

A year's arrangement must give every festival of the 《全国年节及纪念日放假办法》 text in force
that year (Art. 2, ``data/statutory-holidays.toml``) all of its statutory days off. A notice
cut off after its first items, or a data file holding only ``year`` and ``source``, would
otherwise count the missing festivals' days as working days without a word. Amending
notices (``amends = true``) change only the days they name and are not checked; neither is a
file the user marked ``partial = true`` (``gkcli holidays import --partial``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from gkcli.calendar.provisional import revision_for
from gkcli.calendar.yeardata import YearData
from gkcli.core.errors import DataFileError

__all__ = ["MissingFestival", "check_complete", "missing_festivals"]


@dataclass(frozen=True, slots=True)
class MissingFestival:
    """A festival of the year whose statutory days the arrangement does not all give off."""

    name: str
    days: tuple[date, ...]

    def describe(self) -> str:
        return f"{self.name}（{'、'.join(f'{day:%m-%d}' for day in self.days)}）"


def missing_festivals(data: YearData) -> list[MissingFestival]:
    """The festivals of the revision in force on 1 January of ``data.year`` with a statutory
    day that is not inside one of ``data``'s holiday periods; [] for amending or partial data."""
    if data.amends or data.partial:
        return []
    off = {day for period in data.holidays for day in period.days()}
    missing = []
    for festival in revision_for(data.year).days:
        first = festival.first_day(data.year)
        days = tuple(first + timedelta(n) for n in range(festival.days))
        absent = tuple(day for day in days if day not in off)
        if absent:
            missing.append(MissingFestival(festival.name, absent))
    return missing


def check_complete(data: YearData, origin: str) -> None:
    """Raise ``DataFileError`` (exit 2) naming ``origin`` and each festival ``data`` misses."""
    missing = missing_festivals(data)
    if not missing:
        return
    revision = revision_for(data.year)
    listed = "、".join(festival.describe() for festival in missing)
    raise DataFileError(
        f"{origin}: the {data.year} arrangement does not give every statutory day of "
        f"{revision.source} off; missing: {listed}. Import the whole notice; for a notice that "
        "sets only some festivals pass --partial (data files: partial = true)",
        f"{origin}：{data.year}年的安排未给出{revision.source}规定的全部节日假期；缺少：{listed}。"
        "请导入通知全文；如通知只安排部分节日，请加 --partial（数据文件写 partial = true）",
    )
