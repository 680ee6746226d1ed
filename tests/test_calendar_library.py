"""The calendar's library API, without the CLI: day runs, the year's entries, coverage status,
month grids, a day's description and notes, and the data cross-checks of ``verify``."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from gkcli import CalendarOptions, DayKind, HolidayPeriod, MakeupDay, WorkCalendar, YearData, load_calendar
from gkcli.calendar.describe import calendar_notes, day_record, describe_day, result_day_text
from gkcli.calendar.overview import coverage_status, first_uncovered_year, month_grids, year_entries
from gkcli.calendar.runs import DayRun, day_runs
from gkcli.calendar.verify import Check, Comparison, compare_with_python_holidays, verify, verify_calendar
from gkcli.calendar.yeardata import group_periods
from gkcli.core.config import load_settings

D = date


# -- day runs ---------------------------------------------------------------------------------


def test_day_runs_split_on_gaps_and_key_changes_in_date_order():
    days = {D(2026, 10, 3): "a", D(2026, 10, 1): "a", D(2026, 10, 2): "a", D(2026, 10, 4): "b", D(2026, 10, 6): "b"}
    assert day_runs(days.items()) == [
        DayRun("a", D(2026, 10, 1), D(2026, 10, 3)),
        DayRun("b", D(2026, 10, 4), D(2026, 10, 4)),
        DayRun("b", D(2026, 10, 6), D(2026, 10, 6)),
    ]
    assert day_runs(()) == []
    assert DayRun(None, D(2026, 12, 31), D(2027, 1, 2)).days() == [D(2026, 12, 31), D(2027, 1, 1), D(2027, 1, 2)]


@given(st.sets(st.dates(D(2020, 1, 1), D(2021, 12, 31)), max_size=60))
def test_day_runs_cover_every_day_once_and_never_touch(days):
    runs = day_runs((day, None) for day in days)
    assert [day for run in runs for day in run.days()] == sorted(days)
    assert all(later.first - earlier.last > timedelta(1) for earlier, later in pairwise(runs))


def test_group_periods_is_day_runs_by_festival_name():
    days = {D(2026, 9, 25): "中秋节", D(2026, 9, 26): "中秋节", D(2026, 9, 27): "国庆节"}
    assert group_periods(days) == (
        HolidayPeriod("中秋节", D(2026, 9, 25), D(2026, 9, 26)),
        HolidayPeriod("国庆节", D(2026, 9, 27), D(2026, 9, 27)),
    )


# -- overview ---------------------------------------------------------------------------------


def test_year_entries_hold_periods_whole_and_make_up_days_alone():
    entries = year_entries(load_calendar(), 2026)
    national = next(e for e in entries if e.kind is DayKind.HOLIDAY and e.name == "国庆节")
    assert (national.start, national.end, national.days) == (D(2026, 10, 1), D(2026, 10, 7), 7)
    makeups = [e.start for e in entries if e.kind is DayKind.MAKEUP]
    assert makeups == [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)]
    assert [e.start for e in entries] == sorted(e.start for e in entries)
    assert national.record()["source"] == national.source_text != ""


def test_year_entries_show_a_period_across_new_year_whole():
    first = year_entries(load_calendar(), 2019)[0]
    assert (first.name, first.start, first.end) == ("元旦", D(2018, 12, 30), D(2019, 1, 1))
    assert year_entries(load_calendar(), 2018)[-1] == first


def test_coverage_status_warns_of_next_year_from_november_only():
    calendar = load_calendar()
    last = max(calendar.coverage)
    assert coverage_status(calendar, D(last, 10, 31)).missing_upcoming is None
    november = coverage_status(calendar, D(last, 11, 1))
    assert november.missing_upcoming == last + 1
    assert november.official_years[-1] == last and november.provisional_years == ()
    assert november.records()[-1] == {
        "year": last,
        "source": calendar.coverage[last].source,
        "origin": calendar.coverage[last].origin,
        "provisional": False,
    }
    provisional = load_calendar(CalendarOptions(provisional=True))
    assert coverage_status(provisional, D(last, 12, 1)).missing_upcoming == last + 1
    assert last + 1 in coverage_status(provisional, D(last, 12, 1)).provisional_years


def test_first_uncovered_year_is_the_first_gap_after_the_earliest_covered_year():
    calendar = load_calendar()
    assert first_uncovered_year(calendar) == max(calendar.coverage) + 1
    gapped = WorkCalendar([YearData(year=2024, source="a"), YearData(year=2026, source="b")])
    assert first_uncovered_year(gapped) == 2025


def test_month_grid_weeks_and_runs():
    (october,) = month_grids(load_calendar(), 2026, 10)
    weeks = october.weeks()
    assert all(len(week) == 7 for week in weeks)
    assert weeks[0][:3] == [None, None, None] and weeks[0][3].date == D(2026, 10, 1)  # a Thursday
    assert [(run.kind, run.first, run.last) for run in october.runs()] == [
        (DayKind.HOLIDAY, D(2026, 10, 1), D(2026, 10, 7)),
        (DayKind.MAKEUP, D(2026, 10, 10), D(2026, 10, 10)),
    ]
    assert [grid.month for grid in month_grids(load_calendar(), 2026)] == list(range(1, 13))
    assert not october.provisional


# -- describe ---------------------------------------------------------------------------------


def test_describe_day_and_its_record():
    answer = describe_day(load_settings(), "2026-10-10", "en")
    assert answer.working and answer.line == "2026-10-10 (Sat) make-up working day 国庆节" and answer.notes == []
    assert list(answer.record) == ["date", "working", "kind", "name", "source", "provisional"]
    info = load_calendar().day_info(D(2026, 10, 1))
    assert day_record(info, ("kind", "weekday")) == {"kind": "holiday", "weekday": 4}
    assert list(day_record(info)) == ["date", "weekday", "kind", "working", "name", "source", "provisional"]


def test_result_day_text_labels_make_up_days_and_holidays_only():
    calendar = load_calendar(CalendarOptions())
    make_up, holiday, workday = (calendar.day_info(date(2026, 10, day)) for day in (10, 1, 12))
    assert result_day_text(make_up, "zh") == "2026-10-10（周六，国庆节调休上班）"
    assert result_day_text(make_up, "en") == "2026-10-10 (Sat, make-up working day for 国庆节)"
    assert result_day_text(holiday, "en") == "2026-10-01 (Thu, holiday for 国庆节)"
    assert result_day_text(holiday, "zh", "22:30") == "2026-10-01 22:30（周四，国庆节放假）"
    assert result_day_text(workday, "zh") == "2026-10-12 (周一)"


def test_calendar_notes_name_provisional_years_once(tmp_path):
    calendar = load_calendar(CalendarOptions(provisional=True))
    last = max(y for y, data in calendar.coverage.items() if not data.provisional)
    warned: set[int] = set()
    notes = calendar_notes(calendar, tmp_path, D(last, 12, 1), D(last + 1, 1, 5), "en", warned)
    assert notes == [f"warning: {last + 1} has no official arrangement; the result is provisional."]
    assert calendar_notes(calendar, tmp_path, D(last + 1, 2, 1), D(last + 1, 2, 1), "en", warned) == []


# -- verify -----------------------------------------------------------------------------------


def test_verify_finds_no_problem_in_the_shipped_data():
    report = verify(None)
    assert report.ok and report.problems == () and len(report.files) > 0
    assert report.comparison is not None and report.comparison.version is not None
    assert verify(None, compare=False).comparison is None


def test_verify_stops_at_a_schema_error(tmp_path):
    (tmp_path / "2027.toml").write_text('year = 2028\nsource = "x"\n', encoding="utf-8")
    report = verify(tmp_path)
    assert not report.ok and report.comparison is None
    (problem,) = report.problems
    assert problem.check is Check.SCHEMA and "2027.toml" in problem.message("en") and problem.zh
    assert problem.record("en")["date"] == ""


def test_verify_calendar_checks_sources_make_up_days_and_statutory_days():
    bad = YearData(
        year=2026,
        source=" ",
        holidays=(HolidayPeriod("国庆节", D(2026, 10, 1), D(2026, 10, 7)),),
        makeup_workdays=(MakeupDay(D(2026, 10, 12), "国庆节"),),  # a Monday
    )
    problems = verify_calendar(WorkCalendar([bad]))
    checks = {problem.check for problem in problems}
    assert checks == {Check.SOURCE, Check.MAKEUP_WEEKDAY, Check.STATUTORY_DAY}
    makeup = next(p for p in problems if p.check is Check.MAKEUP_WEEKDAY)
    assert makeup.day == D(2026, 10, 12) and "周六或周日" in makeup.message("zh")
    statutory = [p.day for p in problems if p.check is Check.STATUTORY_DAY]
    assert D(2026, 1, 1) in statutory and D(2026, 10, 1) not in statutory


def test_python_holidays_comparison_reports_disagreements():
    plain = YearData(year=2026, source="weekdays only")  # no holidays at all: python-holidays disagrees
    problems, comparison = compare_with_python_holidays(WorkCalendar([plain]))
    assert comparison.first_year == comparison.last_year == 2026 and comparison.version
    assert D(2026, 10, 1) in {p.day for p in problems}
    assert all(p.check is Check.PYTHON_HOLIDAYS for p in problems)
    assert Comparison(None).note("zh") == "未安装 python-holidays：跳过比对"


def test_the_comparison_note_is_chinese_under_lang_zh():
    # `gkcli --lang zh holidays verify` printed "python-holidays 0.109: compared 2004–2026"
    assert Comparison("0.109", 2004, 2026).note("zh") == "python-holidays 0.109：已比对 2004–2026 年"
    assert Comparison("0.109", 2004, 2026).note("en") == "python-holidays 0.109: compared 2004–2026"
