"""Notice import (docs/design.md §2.4): every real notice reproduces the official arrangement date by
date (holiday-cn and chinese-calendar), every accepted form parses, every self-check refuses."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import FIXTURES
from gkcli.calendar.index import DayKind, WorkCalendar
from gkcli.calendar.notice import default_file_name, parse_notice
from gkcli.calendar.sources import chinese_calendar_years, load_calendar
from gkcli.calendar.yeardata import YearData
from gkcli.core.errors import InputError

NOTICES = FIXTURES / "notices"
HOLIDAY_CN = FIXTURES / "holiday-cn"
# Every yearly notice since 2004 whose text was found (tests/fixtures/notices/SOURCES.md lists
# the two that were not: 2004, 2005).
BASE_NOTICES = {year: NOTICES / f"{year}.txt" for year in range(2006, 2027)}
AMENDING = {
    2015: ["2015-victory-day.txt"],
    2019: ["2019-labor-day-amendment.txt"],
    2020: ["2020-spring-festival-extension.txt"],
}


def parse(name: str, **kwargs) -> YearData:
    return parse_notice((NOTICES / name).read_text(encoding="utf-8"), name, **kwargs)


def holiday_cn(year: int) -> dict[date, bool]:
    """Date -> is a rest day, for the special days holiday-cn lists in ``year``."""
    table = json.loads((HOLIDAY_CN / f"{year}.json").read_text(encoding="utf-8"))
    return {
        date.fromisoformat(day["date"]): day["isOffDay"] for day in table["days"] if day["date"].startswith(str(year))
    }


def year_days(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(n) for n in range((date(year, 12, 31) - first).days + 1)]


def imported_calendar(year: int) -> WorkCalendar:
    """The year as the notices give it: its own notice (else chinese-calendar's data) and the
    amending notices on top."""
    if year in BASE_NOTICES:
        base = parse(BASE_NOTICES[year].name)
    else:
        base = next(data for data in chinese_calendar_years() if data.year == year)
    return WorkCalendar([base], [parse(name) for name in AMENDING.get(year, [])])


def holiday_cn_days(year: int) -> dict[date, bool]:
    """Every day holiday-cn's file for ``year`` lists (the New Year days of the next or previous
    year included), and whether it is a day off."""
    table = json.loads((HOLIDAY_CN / f"{year}.json").read_text(encoding="utf-8"))
    return {date.fromisoformat(day["date"]): day["isOffDay"] for day in table["days"]}


@pytest.mark.parametrize("year", sorted(year for year in BASE_NOTICES if year >= 2007 and year not in AMENDING))
def test_notice_gives_exactly_the_days_holiday_cn_lists(year):
    data = parse(BASE_NOTICES[year].name)
    imported = {day: True for period in data.holidays for day in period.days()}
    imported |= {makeup.date: False for makeup in data.makeup_workdays}
    assert imported == holiday_cn_days(year)


def test_2006_notice_gives_chinese_calendars_days_and_the_2005_correction():
    data = parse("2006.txt")
    reference = next(c for c in chinese_calendar_years() if c.year == 2006)
    in_2006 = {day for period in reference.holidays for day in period.days() if day.year == 2006}
    assert {day for period in data.holidays for day in period.days()} == in_2006
    assert [m.date for m in data.makeup_workdays] == [
        date(2005, 12, 31),  # item 一: 12月31日（星期六）上班 — chinese-calendar 1.11.0 has it as a rest day
        date(2006, 1, 28),
        date(2006, 2, 5),
        date(2006, 4, 29),
        date(2006, 4, 30),
        date(2006, 9, 30),
        date(2006, 10, 8),
    ]
    assert load_calendar().is_workday(date(2005, 12, 31))


@pytest.mark.parametrize("year", sorted(year for year in set(BASE_NOTICES) | set(AMENDING) if year >= 2007))
def test_notices_reproduce_holiday_cn_date_by_date(year):
    """Working day or not, every day of the year; holiday-cn starts in 2007."""
    imported = imported_calendar(year)
    special = holiday_cn(year)
    disagreements = []
    for day in year_days(year):
        kind = imported.kind(day)
        rest = special.get(day, day.weekday() >= 5)
        if rest == kind.is_working:  # a listed working Saturday/Sunday must then be a make-up day
            disagreements.append((day, kind.value, special.get(day)))
    assert disagreements == []
    assert sum(imported.kind(d) is DayKind.HOLIDAY for d in year_days(year)) > 0


@pytest.mark.parametrize("year", sorted(set(BASE_NOTICES) | set(AMENDING)))
def test_notices_reproduce_chinese_calendar_date_by_date(year):
    """Day by day up to the last day the year's notices set: the days after it (a New Year
    period starting on 29–31 December) belong to the next year's notice."""
    imported, official = imported_calendar(year), load_calendar()
    last = max(
        day
        for data in [imported.year_data(year), *(parse(name) for name in AMENDING.get(year, []))]
        if data
        for day in [*(p.end for p in data.holidays), *(m.date for m in data.makeup_workdays)]
    )
    days = [d for d in year_days(year) if d <= last]
    assert [d for d in days if imported.is_workday(d) != official.is_workday(d)] == []


def test_base_notice_metadata_and_cross_year_range():
    data = parse("2023.txt")
    assert (data.year, data.amends, data.provisional) == (2023, False, False)
    assert data.source == "国务院办公厅关于2023年部分节假日安排的通知"
    assert data.document_number == "国办发明电〔2022〕16号"
    assert data.published == date(2022, 12, 8)
    assert (data.holidays[0].name, data.holidays[0].start, data.holidays[0].end) == (
        "元旦",
        date(2022, 12, 31),
        date(2023, 1, 2),
    )
    assert default_file_name(data) == "2023.toml"


def test_merged_festivals_are_one_period():
    periods = {p.name: (p.start, p.end) for p in parse("2025.txt").holidays}
    assert periods["国庆节、中秋节"] == (date(2025, 10, 1), date(2025, 10, 8))
    assert "中秋节" not in periods


def test_hortatory_sentence_changes_nothing():
    data = parse("2024.txt")
    assert not any(p.start <= date(2024, 2, 9) <= p.end for p in data.holidays)
    assert WorkCalendar([data]).kind(date(2024, 2, 9)) is DayKind.WORKDAY


def test_single_days_with_and_without_weekend_note():
    periods = {p.name: (p.start, p.end) for p in parse("2019.txt").holidays}
    assert periods["清明节"] == (date(2019, 4, 5), date(2019, 4, 5))  # 4月5日放假，与周末连休
    assert periods["劳动节"] == (date(2019, 5, 1), date(2019, 5, 1))  # 5月1日放假。
    assert {p.name: (p.start, p.end) for p in parse("2025.txt").holidays}["元旦"] == (
        date(2025, 1, 1),
        date(2025, 1, 1),
    )


def test_amending_notices_are_marked_and_named_apart():
    labor = parse("2019-labor-day-amendment.txt")
    assert labor.amends and labor.note and labor.year == 2019
    assert [(p.name, p.start, p.end) for p in labor.holidays] == [("劳动节", date(2019, 5, 1), date(2019, 5, 4))]
    assert [m.date for m in labor.makeup_workdays] == [date(2019, 4, 28), date(2019, 5, 5)]
    assert default_file_name(labor) == "2019-amend-20190322.toml"
    victory = parse("2015-victory-day.txt")
    assert victory.amends and [(p.start, p.end) for p in victory.holidays] == [(date(2015, 9, 3), date(2015, 9, 5))]
    assert [m.date for m in victory.makeup_workdays] == [date(2015, 9, 6)]
    assert "70周年纪念日" in victory.holidays[0].name


def test_extension_restates_the_period_from_the_base_year():
    base = parse("2020.txt")
    extended = parse("2020-spring-festival-extension.txt", base=lambda year: base if year == 2020 else None)
    assert [(p.name, p.start, p.end) for p in extended.holidays] == [("春节", date(2020, 1, 24), date(2020, 2, 2))]
    without_base = parse("2020-spring-festival-extension.txt")
    assert (without_base.holidays[0].start, without_base.holidays[0].end) == (date(2020, 1, 26), date(2020, 2, 2))
    assert WorkCalendar([base], [extended]).kind(date(2020, 2, 1)) is DayKind.HOLIDAY  # the make-up Saturday is gone


def ascii_variant(text: str) -> str:
    return text.translate(str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "至": "-"}))


@pytest.mark.parametrize("name", ["2026.txt", "2025.txt", "2019.txt"])
def test_half_width_brackets_and_dashes_give_the_same_result(name):
    text = (NOTICES / name).read_text(encoding="utf-8")
    original, variant = parse_notice(text), parse_notice(ascii_variant(text))
    assert (variant.holidays, variant.makeup_workdays) == (original.holidays, original.makeup_workdays)


def test_notice_without_document_number_line():
    lines = (NOTICES / "2022.txt").read_text(encoding="utf-8").splitlines()
    data = parse_notice("\n".join(lines[:1] + lines[2:]))
    assert data.document_number == ""
    assert data.holidays == parse("2022.txt").holidays


def test_comment_lines_are_skipped():
    data = parse("2027-fictional.txt")
    assert data.year == 2027 and data.source.startswith("国务院办公厅关于2027年")


def mutate(name: str, old: str, new: str) -> str:
    text = (NOTICES / name).read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new)


@pytest.mark.parametrize(
    ("text", "quoted", "why"),
    [
        (
            mutate("2026.txt", "放假调休，共7天。9月20日", "放假调休，共6天。9月20日"),
            "七、国庆节",
            "says 6 days but the dates give 7",
        ),
        (mutate("2026.txt", "10月1日（周四）", "10月1日（周五）"), "七、国庆节", "not a 周五"),
        (mutate("2021.txt", "9月26日（星期日）", "9月27日"), "七、国庆节", "must be a Saturday or Sunday"),
        (mutate("2026.txt", "5月9日（周六）上班", "5月9日（周六）值班"), "四、劳动节", "neither a day off"),
        (
            mutate("2026.txt", "6月19日（周五）至21日（周日）放假", "6.19-6.21放假"),
            "五、端午节",
            "form gkcli does not read",
        ),
        (
            mutate("2026.txt", "1月4日（周日）上班", "1月3日（周六）上班"),
            "一、元旦",
            "both as a day off and as a working day",
        ),
        (mutate("2019.txt", "三、清明节：", "三、"), "三、4月5日", "which festival"),
        ("元旦放假安排\n一、元旦：1月1日放假。", "元旦放假安排", "title"),
    ],
)
def test_self_checks_refuse_and_quote_the_line(text, quoted, why):
    with pytest.raises(InputError) as caught:
        parse_notice(text, "bad.txt")
    message = caught.value.message("en")
    assert why in message
    assert "bad.txt" in message
    assert f"line: {quoted}" in message
    assert caught.value.exit_code == 2


@pytest.mark.parametrize(
    "text",
    [
        re.sub(
            r"(?<=\d)日", "号", (NOTICES / "2026.txt").read_text(encoding="utf-8")
        ),  # every day, and the signing date
        mutate("2026.txt", "10月10日（周六）上班", "10月10号（周六）上班"),  # the review's example: one day among 日
    ],
)
def test_days_written_with_hao_read_as_with_ri(text):
    assert "号（周六）上班" in text
    original, variant = parse("2026.txt"), parse_notice(text)
    assert (variant.holidays, variant.makeup_workdays, variant.published) == (
        original.holidays,
        original.makeup_workdays,
        original.published,
    )
    assert date(2026, 10, 10) in [m.date for m in variant.makeup_workdays]


def test_document_numbers_in_the_body_are_not_days():
    text = mutate("2026.txt", "节假日期间，", "按照国办发明电〔2024〕12号和国务院令第5号，节假日期间，")
    assert parse_notice(text).holidays == parse("2026.txt").holidays


@pytest.mark.parametrize(
    ("text", "quoted", "unread"),
    [
        (mutate("2026.txt", "10月10日（周六）上班", "10月10（周六）上班"), "七、国庆节", "'10月10'"),
        (mutate("2026.txt", "10月1日（周四）至7日（周三）", "2026年10月上旬"), "七、国庆节", "'2026年10月'"),
        (mutate("2026.txt", "5月9日（周六）上班", "节后第9日上班"), "四、劳动节", "'9日'"),
        (
            mutate("2024.txt", "在除夕（2月9日）休息", "在除夕（2月9）休息"),
            "二、春节",
            "'2月9'",
        ),  # even in a hortatory sentence
    ],
)
def test_a_date_left_unread_refuses_the_notice(text, quoted, unread):
    with pytest.raises(InputError) as caught:
        parse_notice(text, "bad.txt")
    message = caught.value.message("en")
    assert f"{unread}: a date is written in a form gkcli does not read" in message
    assert f"line: {quoted}" in message
    assert "日期写法无法识别" in caught.value.message("zh")


def test_a_notice_with_no_arrangement_is_refused():
    with pytest.raises(InputError, match="no days off"):
        parse_notice("国务院办公厅关于2030年部分节假日安排的通知\n节假日期间，各地区要妥善安排值班。\n")


def test_empty_text_is_refused():
    with pytest.raises(InputError, match="empty"):
        parse_notice("\n \n")


def test_errors_have_chinese_messages():
    with pytest.raises(InputError) as caught:
        parse_notice(mutate("2026.txt", "共7天。9月20日", "共6天。9月20日"))
    assert "共6天" in caught.value.message("zh") and "行：" in caught.value.message("zh")


def test_fixtures_are_the_shared_texts():
    shared = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "notices"
    if not shared.is_dir():
        pytest.skip("shared fixtures not present")
    for path in sorted(shared.glob("*.txt")):
        assert (NOTICES / path.name).read_bytes() == path.read_bytes()
