"""The assembled calendar against two independent sources, day by day (docs/design.md §2.2):
holiday-cn (gov.cn notices, 2007–2026) and python-holidays' China calendar (2004–2026).
Every disagreement is printed as (date, ours, theirs); the target is none."""

from __future__ import annotations

import json
from datetime import date, timedelta

import holidays
import pytest

from conftest import FIXTURES
from gkcli import DayKind, load_calendar

HOLIDAY_CN = FIXTURES / "holiday-cn"


def _every_day(first_year: int, last_year: int) -> list[date]:
    start, end = date(first_year, 1, 1), date(last_year, 12, 31)
    return [start + timedelta(n) for n in range((end - start).days + 1)]


def _holiday_cn_working_days() -> dict[date, bool]:
    """Dates listed by holiday-cn: working (``isOffDay`` false) or not."""
    listed: dict[date, bool] = {}
    for path in sorted(HOLIDAY_CN.glob("[0-9][0-9][0-9][0-9].json")):
        for entry in json.loads(path.read_text(encoding="utf-8"))["days"]:
            listed[date.fromisoformat(entry["date"])] = not entry["isOffDay"]
    return listed


def _report(disagreements: list[tuple[date, bool, bool]], theirs: str) -> str:
    def label(working: bool) -> str:
        return "working" if working else "rest"

    lines = [f"{day} ({day:%a}): ours {label(ours)}, {theirs} {label(other)}" for day, ours, other in disagreements]
    return f"{len(disagreements)} disagreement(s) with {theirs}:\n" + "\n".join(lines)


def test_fixture_copy_matches_shared_reference():
    from conftest import SHARED

    shared = SHARED / "reference" / "holiday-cn"
    if not shared.is_dir():
        pytest.skip("../shared is not present; the fixture copy is used alone")
    for path in shared.glob("*.json"):
        assert (HOLIDAY_CN / path.name).read_bytes() == path.read_bytes(), path.name


def test_agrees_with_holiday_cn_2007_2026():
    listed = _holiday_cn_working_days()
    assert {d.year for d in listed} >= set(range(2007, 2027))
    cal = load_calendar()
    disagreements = []
    # Every day of 2007–2026, plus days a file lists just outside its year (2006-12-30/31).
    for day in sorted(set(_every_day(2007, 2026)) | {d for d in listed if cal.is_covered(d.year)}):
        theirs = listed.get(day, day.weekday() < 5)
        ours = cal.is_workday(day)
        if ours != theirs:
            disagreements.append((day, ours, theirs))
    print(_report(disagreements, "holiday-cn"))
    assert not disagreements, _report(disagreements, "holiday-cn")


def test_agrees_with_python_holidays_2004_2026():
    china = holidays.China(years=range(2004, 2027))
    assert china.weekend_workdays, "python-holidays no longer exposes China's make-up working days"
    cal = load_calendar()
    disagreements = []
    for day in _every_day(2004, 2026):
        theirs = china.is_working_day(day)
        ours = cal.is_workday(day)
        if ours != theirs:
            disagreements.append((day, ours, theirs))
    print(_report(disagreements, f"python-holidays {holidays.__version__}"))
    assert not disagreements, _report(disagreements, f"python-holidays {holidays.__version__}")


def test_the_2005_12_31_correction_is_what_both_peers_say():
    """chinese-calendar 1.11.0 alone marks it a rest day; the 2006 notice made it a working day."""
    assert load_calendar().is_workday(date(2005, 12, 31))
    assert holidays.China(years=2005).is_working_day(date(2005, 12, 31))


def test_days_off_listed_by_holiday_cn_are_holidays_not_plain_weekends():
    """Finer than working/rest: a day inside an announced period is a ``holiday`` with its
    festival's name even on a weekend (docs/design.md §2.1), and every listed working day is ``makeup``
    unless it is a weekday anyway (2020-02-03, listed after the extended 春节)."""
    cal = load_calendar()
    disagreements = []
    for day, working in sorted(_holiday_cn_working_days().items()):
        if not cal.is_covered(day.year):
            continue
        expected = DayKind.MAKEUP if working and day.weekday() >= 5 else DayKind.WORKDAY if working else DayKind.HOLIDAY
        if cal.kind(day) is not expected:
            disagreements.append(f"{day} ({day:%a}): ours {cal.kind(day).value}, holiday-cn {expected.value}")
    assert not disagreements, "\n".join(disagreements)
