"""``gkcli holidays import`` of every yearly notice since 2004 whose text was found
(tests/fixtures/notices/SOURCES.md), with the notices that amended its year on top, writes
exactly the official days: holiday-cn's list for 2007–2026, chinese-calendar's (with the
2005-12-31 correction) for 2006."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from gkcli.calendar.sources import chinese_calendar_years
from gkcli.calendar.yeardata import YearData, load_year_file
from gkcli.cli.app import app

NOTICES = FIXTURES / "notices"
YEARS = list(range(2006, 2027))
AMENDING = {
    2015: ["2015-victory-day.txt"],
    2019: ["2019-labor-day-amendment.txt"],
    2020: ["2020-spring-festival-extension.txt"],
}


def official_days(year: int) -> dict[date, bool]:
    """Day -> is a day off, for every special day the year's notice sets."""
    if year >= 2007:
        table = json.loads((FIXTURES / "holiday-cn" / f"{year}.json").read_text(encoding="utf-8"))
        listed = {date.fromisoformat(day["date"]): day["isOffDay"] for day in table["days"]}
        # holiday-cn marks 2020-02-03, the Monday work resumed after the extension, as not off:
        # an ordinary working day, which no notice lists.
        return {day: off for day, off in listed.items() if off or day.weekday() >= 5}
    reference = next(data for data in chinese_calendar_years() if data.year == year)

    def in_notice(day: date) -> bool:
        return date(year, 1, 1) <= day <= date(year, 10, 31)  # December belongs to the next notice

    days = {day: True for period in reference.holidays for day in period.days() if in_notice(day)}
    days |= {m.date: False for m in reference.makeup_workdays if in_notice(m.date)}
    return days | {date(2005, 12, 31): False}  # the correction, data/holidays/2005.toml


def written_days(data: YearData) -> dict[date, bool]:
    return {day: True for period in data.holidays for day in period.days()} | {
        m.date: False for m in data.makeup_workdays
    }


def imported(notice: str, out) -> YearData:
    result = CliRunner().invoke(app, ["holidays", "import", str(NOTICES / notice), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    return load_year_file(out)


@pytest.mark.parametrize("year", YEARS)
def test_import_writes_exactly_the_official_days(year, clean_environment, tmp_path):
    data = imported(f"{year}.txt", tmp_path / f"{year}.toml")
    assert (data.year, data.amends, data.partial) == (year, False, False)
    assert data.document_number.startswith("国办发明电〔") or year == 2008  # no copy gives 2008's 文号
    days = written_days(data)
    for index, notice in enumerate(AMENDING.get(year, [])):
        amendment = imported(notice, tmp_path / f"{year}-amend-{index}.toml")
        assert amendment.amends
        days |= written_days(amendment)
    assert days == official_days(year)
