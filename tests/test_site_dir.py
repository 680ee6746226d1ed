"""One data directory for an office (docs/holidays.md, "One directory for an office"): the
site-wide directory is read after the shipped data and before the user's own, and
``import --site`` / ``update --site`` write there."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from gkcli.cli.app import app

NOTICE_2027 = FIXTURES / "notices" / "2027-fictional.txt"


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def site(clean_environment, tmp_path, monkeypatch):
    directory = tmp_path / "site-holidays"
    monkeypatch.setenv("GKCLI_SITE_HOLIDAYS_DIR", str(directory))
    return directory


def test_an_administrators_import_serves_another_user(site, tmp_path, monkeypatch):
    assert invoke("holidays", "import", "--site", str(NOTICE_2027)).exit_code == 0
    assert (site / "2027.toml").is_file()
    monkeypatch.setenv("GKCLI_HOLIDAYS_DIR", str(tmp_path / "another-clerk"))  # empty, never created
    counted = invoke("workdays", "add", "2026-12-20", "20")
    assert counted.exit_code == 0 and counted.stdout == "2027-01-18 (Mon)\n"
    assert str(site / "2027.toml") in counted.stderr  # the answer names the site's file it rests on


def test_the_users_own_file_wins_over_the_sites(site, clean_environment):
    assert invoke("holidays", "import", "--site", str(NOTICE_2027)).exit_code == 0
    moved = NOTICE_2027.read_text(encoding="utf-8").replace("10月9日（周六）上班", "10月10日（周日）上班")
    own = clean_environment.parent / "own.txt"
    own.write_text(moved, encoding="utf-8")
    assert invoke("holidays", "import", str(own)).exit_code == 0
    assert invoke("workdays", "is", "2027-10-10").exit_code == 0  # worked: the user's file
    assert invoke("workdays", "is", "2027-10-09").exit_code == 1


def test_status_lists_each_year_with_its_file_and_source(site):
    assert invoke("holidays", "import", "--site", str(NOTICE_2027)).exit_code == 0
    result = invoke("holidays", "status", "--format", "json")
    record = next(r for r in json.loads(result.stdout) if r["year"] == 2027)
    assert record["origin"] == str(site / "2027.toml")
    assert record["source"] == "国务院办公厅关于2027年部分节假日安排的通知"


def test_an_incomplete_site_file_is_refused_naming_it(site):
    site.mkdir()
    (site / "2027.toml").write_text('year = 2027\nsource = "x"\n', encoding="utf-8")
    result = invoke("workdays", "add", "2026-12-20", "20")
    assert result.exit_code == 2 and str(site / "2027.toml") in result.stderr


def test_the_uncovered_year_message_names_update_first(clean_environment):
    result = invoke("workdays", "add", "2026-12-20", "20")
    assert result.exit_code == 3
    fix = result.stderr.split("Fix:", 1)[1]
    assert fix.index("gkcli holidays update") < fix.index("gkcli holidays import")


def test_a_site_directory_that_is_a_file_is_refused(clean_environment, tmp_path, monkeypatch):
    not_a_directory = tmp_path / "site.txt"
    not_a_directory.write_text("", encoding="utf-8")
    monkeypatch.setenv("GKCLI_SITE_HOLIDAYS_DIR", str(not_a_directory))
    result = invoke("workdays", "add", "2026-09-30", "3")
    assert result.exit_code == 2
    assert "GKCLI_SITE_HOLIDAYS_DIR" in result.stderr and "is not a directory" in result.stderr
