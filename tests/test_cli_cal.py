"""``gkcli cal``: plain grids off a TTY, rich grids on one, JSON/TSV records, exit codes."""

from __future__ import annotations

import json
from datetime import date

import pytest
from rich.console import Console
from typer.testing import CliRunner

from gkcli.calendar.overview import month_grids
from gkcli.cli import cal as cal_module
from gkcli.cli.app import app
from gkcli.cli.common import Runtime
from gkcli.core.config import load_settings
from gkcli.core.dates import MONTH_NAMES

runner = CliRunner()

OCTOBER_2026 = """\
October 2026
Mo  Tu  We  Th  Fr  Sa  Su
             1*  2*  3*  4*
 5*  6*  7*  8   9  10+ 11
12  13  14  15  16  17  18
19  20  21  22  23  24  25
26  27  28  29  30  31
* 10-01..10-07 国庆节 (holiday)
+ 10-10 国庆节 (make-up working day)

* holiday   + make-up working day   Sa Su weekend
"""


def test_plain_month_marks_holidays_makeup_days_and_lists_them():
    result = runner.invoke(app, ["cal", "2026-10"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == OCTOBER_2026
    assert result.stderr == ""


def test_plain_month_in_chinese_across_a_month_boundary():
    result = runner.invoke(app, ["--lang", "zh", "cal", "2026年2月"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:2] == ["2026年2月", "一  二  三  四  五  六  日"]
    assert " 9  10  11  12  13  14+ 15*" in lines
    assert "+ 02-14 春节 (调休上班)" in lines
    assert "* 02-15..02-23 春节 (放假)" in lines
    assert lines[-1] == "* 放假   + 调休上班   六 日 周末"


def test_holiday_on_a_weekend_is_marked_and_a_plain_weekend_is_not():
    lines = runner.invoke(app, ["cal", "2026-10"]).stdout.splitlines()
    week = lines[3]  # the week of 2026-10-05: Sat 10 is make-up, Sun 11 a weekend
    assert week.endswith("10+ 11")
    assert lines[2].endswith(" 3*  4*")  # Sat/Sun inside 国庆节 are holidays


@pytest.mark.parametrize("period", ["2026", "2026年"])
def test_year_shows_twelve_months(period):
    result = runner.invoke(app, ["cal", period])
    assert result.exit_code == 0
    titles = [line for line in result.stdout.splitlines() if line.endswith(" 2026") and not line.startswith(("*", "+"))]
    assert titles == [f"{name} 2026" for name in MONTH_NAMES]
    assert result.stdout.count("Mo  Tu  We") == 12


def test_amending_notice_shows_with_its_name():
    result = runner.invoke(app, ["cal", "2015-09"])
    assert "* 09-03..09-05 中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日 (holiday)" in result.stdout
    assert "+ 09-06 中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日 (make-up working day)" in result.stdout


def test_json_records():
    result = runner.invoke(app, ["cal", "2026-10", "--format", "json"])
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert len(records) == 31
    assert records[0] == {
        "date": "2026-10-01",
        "kind": "holiday",
        "name": "国庆节",
        "working": False,
        "provisional": False,
    }
    assert records[9] == {
        "date": "2026-10-10",
        "kind": "makeup",
        "name": "国庆节",
        "working": True,
        "provisional": False,
    }
    assert records[10]["kind"] == "weekend" and records[7]["kind"] == "workday"


def test_json_year_and_tsv():
    records = json.loads(runner.invoke(app, ["cal", "2024", "-f", "json"]).stdout)
    assert len(records) == 366 and records[-1]["date"] == "2024-12-31"
    tsv = runner.invoke(app, ["cal", "2026-10", "-f", "tsv"]).stdout.splitlines()
    assert tsv[9] == "2026-10-10\tmakeup\t国庆节\ttrue\tfalse"


def test_default_is_this_month_in_beijing(monkeypatch):
    monkeypatch.setattr(cal_module, "beijing_today", lambda: date(2026, 10, 9))
    assert runner.invoke(app, ["cal"]).stdout == OCTOBER_2026


def test_out_of_range_year_exits_3():
    result = runner.invoke(app, ["cal", "2027"])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "2027" in result.stderr and "gkcli holidays import" in result.stderr
    assert runner.invoke(app, ["cal", "2003-12"]).exit_code == 3


@pytest.mark.parametrize("period", ["0000", "9999-12", "1899", "2201年"])
def test_year_outside_the_date_range_is_a_usage_error_naming_the_range(period):
    result = runner.invoke(app, ["cal", period])
    assert result.exit_code == 2 and result.stdout == ""
    assert f"{period!r}: the year must be between 1900 and 2200" in result.stderr


@pytest.mark.parametrize("period", ["0", "2026-13", "26-10", "2026-10-01", "October", "2026年13月"])
def test_bad_period_is_a_usage_error_naming_the_forms(period):
    result = runner.invoke(app, ["cal", period])
    assert result.exit_code == 2
    assert repr(period) in result.stderr and "2026-10" in result.stderr
    result = runner.invoke(app, ["--lang", "zh", "cal", period])
    assert "可用格式" in result.stderr


def _rich_output(months: str, width: int, today: date, color: bool = True) -> str:
    rt = Runtime(load_settings(), "en")
    year, month = cal_module.parse_period(months)
    console = Console(force_terminal=True, width=width, no_color=not color, record=True, file=open("/dev/null", "w"))
    cal_module.render_rich(console, month_grids(rt.calendar(), year, month), "en", today)
    return console.export_text(styles=color)


def test_rich_styles_holiday_makeup_weekend_and_today():
    styled = _rich_output("2026-10", 80, date(2026, 10, 9))
    assert "\x1b[1;31m 1*" in styled  # holiday: bold red
    assert "\x1b[1;33m10+" in styled  # make-up day: bold yellow
    assert "\x1b[36m11 " in styled  # weekend: cyan
    assert "\x1b[7m 9 " in styled  # today: reverse
    assert "10-01..10-07 国庆节 (holiday)" in styled


def test_rich_year_is_three_across_on_a_wide_terminal_and_one_on_a_narrow_one():
    wide = _rich_output("2026", 100, date(2026, 10, 9), color=False).splitlines()
    assert wide[0].split() == ["January", "2026", "February", "2026", "March", "2026"]
    narrow = _rich_output("2026", 40, date(2026, 10, 9), color=False).splitlines()
    assert narrow[0].split() == ["January", "2026"]
    assert sum(line.strip().endswith(" 2026") and "*" not in line for line in narrow) == 12


def test_provisional_year_is_labelled_in_every_format():
    result = runner.invoke(app, ["--provisional", "cal", "2027-10"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("October 2027 [PROVISIONAL")
    assert " 1*  2*  3*" in result.stdout  # 国庆节 10月1–3日 by the statutory days
    assert "(make-up working day)" not in result.stdout  # provisional years have no make-up days
    assert "provisional" in result.stderr.lower()
    records = json.loads(runner.invoke(app, ["--provisional", "cal", "2027-10", "-f", "json"]).stdout)
    assert all(record["provisional"] for record in records)
