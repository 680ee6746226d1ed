"""The data-file loader (docs/design.md §2.5): every schema violation is a DataFileError naming the
file and the entry; dump_year_data round-trips; a user-directory file extends coverage."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gkcli import DataFileError, DayKind, HolidayPeriod, MakeupDay, YearData, dump_year_data, load_year_file
from gkcli.calendar.sources import CalendarOptions, load_calendar
from gkcli.calendar.yeardata import load_directory
from gkcli.cli.app import app

HEADER = 'year = 2027\nsource = "国务院办公厅关于2027年部分节假日安排的通知"\n'

# Only two festivals: marked partial, or the loader refuses it (calendar.completeness).
NATIONAL_DAY_2027 = (
    HEADER
    + """partial = true

[[holidays]]
name = "元旦"
start = 2027-01-01
end = 2027-01-03

[[holidays]]
name = "国庆节"
start = 2027-10-01
end = 2027-10-07

[[makeup_workdays]]
date = 2027-09-26
name = "国庆节"
"""
)


def write(directory: Path, text: str, name: str = "2027.toml") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "entry", "en_words", "zh_words"),
    [
        ('colour = "red"\n', "", "unknown key(s) colour", "未知字段 colour"),
        (
            '[[holidays]]\nname = "国庆节"\nstart = 2027-10-01\nend = 2027-10-07\nnote = "x"\n',
            "holidays[0]",
            "unknown key(s) note",
            "未知字段 note",
        ),
        (
            '[[holidays]]\nname = "国庆节"\nstart = 2027-10-01\nend = 2027-10-07\n'
            '[[holidays]]\nname = "中秋节"\nstart = 2027-10-07\nend = 2027-10-08\n',
            "holidays",
            "overlaps",
            "重叠",
        ),
        (
            '[[makeup_workdays]]\ndate = 2027-09-29\nname = "国庆节"\n',
            "makeup_workdays[0]",
            "is a weekday",
            "必须是周六或周日",
        ),
        (
            '[[holidays]]\nname = "国庆节"\nstart = 2028-10-01\nend = 2028-10-07\n',
            "holidays[0]",
            "outside the file's year 2027",
            "不在本文件的年份 2027 内",
        ),
        (
            '[[makeup_workdays]]\ndate = 2029-01-06\nname = "元旦"\n',
            "makeup_workdays[0]",
            "outside the file's year 2027",
            "不在本文件的年份 2027 内",
        ),
        (
            '[[holidays]]\nname = "国庆节"\nstart = 2027-10-07\nend = 2027-10-01\n',
            "holidays[0]",
            "ends (2027-10-01) before",
            "早于",
        ),
        (
            '[[holidays]]\nname = "国庆节"\nstart = "2027-10-01"\nend = 2027-10-07\n',
            "holidays[0]",
            "'start' must be a date",
            "'start' 应为 date",
        ),
        (
            "[[holidays]]\nstart = 2027-10-01\nend = 2027-10-07\n",
            "holidays[0]",
            "missing key 'name'",
            "缺少字段 'name'",
        ),
    ],
)
def test_schema_violations_name_file_and_entry(tmp_path, body, entry, en_words, zh_words):
    path = write(tmp_path, HEADER + body)
    with pytest.raises(DataFileError) as caught:
        load_year_file(path)
    error = caught.value
    prefix = f"{path}: {entry}: " if entry else f"{path}: "
    assert error.message("en").startswith(prefix) and en_words in error.message("en")
    assert error.message("zh").startswith(prefix) and zh_words in error.message("zh")
    assert error.exit_code == 2


def test_bad_toml_names_the_file_and_the_line(tmp_path):
    path = write(tmp_path, HEADER + "[[holidays]\nname = 国庆节\n")
    with pytest.raises(DataFileError) as caught:
        load_year_file(path)
    assert caught.value.message("en").startswith(f"{path}: not valid TOML")
    assert "line 3" in caught.value.message("en")
    assert caught.value.message("zh").startswith(f"{path}：不是有效的 TOML")


def test_file_name_and_year_must_agree(tmp_path):
    path = write(tmp_path, NATIONAL_DAY_2027, name="2028.toml")
    with pytest.raises(DataFileError, match="file name says 2028 but 'year' is 2027"):
        load_year_file(path)


def test_source_is_required_and_amending_file_needs_a_note(tmp_path):
    with pytest.raises(DataFileError, match="'source' must cite"):
        load_year_file(write(tmp_path, 'year = 2027\nsource = " "\n'))
    with pytest.raises(DataFileError, match="needs a 'note'"):
        load_year_file(write(tmp_path, HEADER + "amends = true\n"))


def test_a_bad_file_in_the_user_directory_fails_the_cli_with_exit_2(clean_environment):
    write(clean_environment, HEADER + 'colour = "red"\n')
    result = CliRunner().invoke(app, ["workdays", "add", "2026-09-30", "3"])
    assert result.exit_code == 2
    assert "2027.toml" in result.stderr and "unknown key(s) colour" in result.stderr
    assert "Traceback" not in result.stderr


def test_dump_round_trips(tmp_path):
    data = YearData(
        year=2027,
        source='国务院办公厅关于2027年部分节假日安排的通知 "quoted" \\ back',
        holidays=(
            HolidayPeriod("元旦", date(2027, 1, 1), date(2027, 1, 3)),
            HolidayPeriod("国庆节", date(2027, 10, 1), date(2027, 10, 7)),
        ),
        makeup_workdays=(MakeupDay(date(2027, 9, 26), "国庆节"),),
        document_number="国办发明电〔2026〕1号",
        published=date(2026, 11, 3),
        url="https://www.gov.cn/example",
        amends=True,
        note="line one\nline two",
    )
    path = write(tmp_path, dump_year_data(data))
    loaded = load_year_file(path)
    assert loaded == data._replace(origin=str(path))
    assert dump_year_data(loaded) == dump_year_data(data)


def test_shipped_files_round_trip(tmp_path):
    from gkcli.calendar.sources import package_holidays_dir

    shipped = load_directory(package_holidays_dir())
    assert shipped, "no data files shipped in data/holidays"
    for data in shipped:
        copy = load_year_file(write(tmp_path, dump_year_data(data), name=f"{data.year}.toml"))
        assert copy._replace(origin="") == data._replace(origin="")


def test_user_directory_file_covers_2027(clean_environment):
    write(clean_environment, NATIONAL_DAY_2027)
    cal = load_calendar(CalendarOptions(user_dir=clean_environment))
    assert cal.is_covered(2027)
    assert cal.kind(date(2027, 10, 4)) is DayKind.HOLIDAY
    assert cal.kind(date(2027, 9, 26)) is DayKind.MAKEUP
    assert cal.kind(date(2027, 1, 4)) is DayKind.WORKDAY

    result = CliRunner().invoke(app, ["workdays", "add", "2026-12-20", "20"])
    assert result.exit_code == 0, result.stderr
    # 2026-12-21..31: 9 working days; 2027-01-01..03 off; then 11 more from 2027-01-04.
    assert result.stdout == "2027-01-18 (Mon)\n"
    # The answer names the user's data it rests on (stderr, so stdout stays one date).
    assert result.stderr.startswith("note: 2027 counted on ")
    assert str(clean_environment / "2027.toml") in result.stderr


def test_without_the_user_file_2027_is_out_of_range():
    result = CliRunner().invoke(app, ["workdays", "add", "2026-12-20", "20"])
    assert result.exit_code == 3
    assert "2027" in result.stderr and "gkcli holidays import" in result.stderr
    assert result.stdout == ""
