"""Regional overlays (docs/design.md §2.6): --region reads regions/NAME/*.toml from the package and the
user directory on top of the national calendar."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from gkcli.calendar.index import DayKind
from gkcli.calendar.sources import CalendarOptions, known_regions, load_calendar
from gkcli.cli.app import app
from gkcli.core.errors import DataFileError, InputError

runner = CliRunner()

GUANGXI_2026 = """# fictional test data (not an official notice)
year = 2026
source = "广西壮族自治区人民政府办公厅关于2026年“壮族三月三”放假调休的通知（测试虚构）"
amends = true
note = "壮族三月三 4月18日至21日放假调休，4月26日（星期日）上班"

[[holidays]]
name = "壮族三月三"
start = 2026-04-18
end = 2026-04-21

[[makeup_workdays]]
date = 2026-04-26
name = "壮族三月三"
"""


@pytest.fixture
def region_dir(clean_environment: Path) -> Path:
    directory = clean_environment / "regions" / "guangxi"
    directory.mkdir(parents=True)
    (directory / "2026.toml").write_text(GUANGXI_2026, encoding="utf-8")
    return directory


def test_overlay_adds_regional_holiday_and_makeup_sunday(region_dir, clean_environment):
    regional = load_calendar(CalendarOptions(user_dir=clean_environment, region="guangxi"))
    national = load_calendar(CalendarOptions(user_dir=clean_environment))
    assert regional.kind(date(2026, 4, 20)) is DayKind.HOLIDAY
    assert regional.day_info(date(2026, 4, 20)).name == "壮族三月三"
    assert regional.kind(date(2026, 4, 26)) is DayKind.MAKEUP
    assert national.kind(date(2026, 4, 20)) is DayKind.WORKDAY
    assert national.kind(date(2026, 4, 26)) is DayKind.WEEKEND
    # two weekdays off, one Sunday worked: one working day fewer across the fortnight
    span = (date(2026, 4, 17), date(2026, 4, 30))
    assert regional.count_workdays(*span) == national.count_workdays(*span) - 1
    assert regional.kind(date(2026, 10, 10)) is DayKind.MAKEUP  # national data stays underneath
    assert known_regions(clean_environment) == ["guangxi"]


def test_cli_region_flag_env_and_project_file(region_dir, monkeypatch, tmp_path):
    flag = runner.invoke(app, ["--region", "guangxi", "workdays", "is", "2026-04-20", "--format", "json"])
    assert flag.exit_code == 1
    assert json.loads(flag.stdout)["name"] == "壮族三月三"
    assert runner.invoke(app, ["workdays", "is", "2026-04-20"]).exit_code == 0
    monkeypatch.setenv("GKCLI_REGION", "guangxi")
    assert runner.invoke(app, ["workdays", "is", "2026-04-26"]).exit_code == 0
    monkeypatch.delenv("GKCLI_REGION")
    (tmp_path / "work" / "gkcli.toml").write_text('region = "guangxi"\n', encoding="utf-8")
    assert runner.invoke(app, ["workdays", "next", "2026-04-17"]).stdout.startswith("2026-04-22")


def test_unknown_region_names_the_known_ones(region_dir):
    result = runner.invoke(app, ["--region", "xinjiang", "workdays", "is", "2026-04-20"])
    assert result.exit_code == 2
    assert "xinjiang" in result.stderr and "guangxi" in result.stderr
    with pytest.raises(InputError):
        load_calendar(CalendarOptions(user_dir=region_dir.parents[1], region="tibet"))


def test_region_does_not_cover_an_uncovered_year(region_dir):
    text = GUANGXI_2026.replace("2026", "2027").split("[[makeup_workdays]]")[0]
    (region_dir / "2027.toml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["--region", "guangxi", "workdays", "is", "2027-04-20"])
    assert result.exit_code == 3


def test_bad_regional_file_names_the_file(region_dir):
    (region_dir / "2025.toml").write_text("year = 2025\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"2025\.toml"):
        load_calendar(CalendarOptions(user_dir=region_dir.parents[1], region="guangxi"))
    result = runner.invoke(app, ["--region", "guangxi", "workdays", "is", "2026-04-20"])
    assert result.exit_code == 2 and "2025.toml" in result.stderr and "Traceback" not in result.stderr


def test_import_regional_notice_writes_into_the_region(clean_environment):
    notice = FIXTURES / "notices" / "guangxi-2026-fictional.txt"
    result = runner.invoke(app, ["--region", "guangxi", "holidays", "import", str(notice)])
    assert result.exit_code == 0, result.stderr
    written = clean_environment / "regions" / "guangxi" / "2026-amend-20260320.toml"
    assert written.is_file()
    listed = runner.invoke(app, ["--region", "guangxi", "holidays", "list", "2026", "--format", "json"])
    regional = [e for e in json.loads(listed.stdout) if e["name"] == "壮族三月三"]
    assert [(e["kind"], e["start"], e["end"]) for e in regional] == [
        ("holiday", "2026-04-18", "2026-04-21"),
        ("makeup", "2026-04-26", "2026-04-26"),
    ]
    national = runner.invoke(app, ["holidays", "list", "2026", "--format", "json"])
    assert all(e["name"] != "壮族三月三" for e in json.loads(national.stdout))
