"""``gkcli holidays import|list|status|verify|export`` end to end."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from gkcli.cli.app import app

runner = CliRunner()
NOTICES = FIXTURES / "notices"
FICTIONAL_2027 = str(NOTICES / "2027-fictional.txt")


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_import_next_year_then_count_into_it(clean_environment):
    before = invoke("workdays", "add", "2026-12-20", "20")
    assert before.exit_code == 3 and "gkcli holidays import" in before.stderr
    imported = invoke("holidays", "import", FICTIONAL_2027)
    assert imported.exit_code == 0, imported.stderr
    written = clean_environment / "2027.toml"
    assert written.is_file() and "wrote" in imported.stderr and imported.stdout == ""
    assert written.read_text(encoding="utf-8").splitlines()[1] == "year = 2027"
    after = invoke("workdays", "add", "2026-12-20", "20", "--format", "json")
    assert after.exit_code == 0, after.stderr
    assert json.loads(after.stdout) == {"start": "2026-12-20", "n": 20, "result": "2027-01-18", "provisional": False}
    day = json.loads(invoke("workdays", "is", "2027-02-20", "--format", "json").stdout)
    assert day["kind"] == "makeup" and day["source"] == "国务院办公厅关于2027年部分节假日安排的通知"
    listed = invoke("holidays", "list", "2027")
    assert "国务院办公厅关于2027年部分节假日安排的通知" in listed.stdout and "PROVISIONAL" not in listed.stdout


def test_import_refuses_to_overwrite_without_force(clean_environment):
    assert invoke("holidays", "import", FICTIONAL_2027).exit_code == 0
    again = invoke("holidays", "import", FICTIONAL_2027)
    assert again.exit_code == 2 and "--force" in again.stderr
    assert invoke("holidays", "import", FICTIONAL_2027, "--force").exit_code == 0


def test_dry_run_and_stdout_write_nothing(clean_environment):
    dry = invoke("holidays", "import", FICTIONAL_2027, "--dry-run")
    assert dry.exit_code == 0 and "year = 2027" in dry.stdout and "would write" in dry.stderr
    out = invoke("holidays", "import", FICTIONAL_2027, "-o", "-")
    assert out.exit_code == 0 and "[[makeup_workdays]]" in out.stdout
    assert not clean_environment.exists() or not any(clean_environment.iterdir())


def test_import_to_chosen_file_reads_gbk(tmp_path):
    notice = tmp_path / "notice-gbk.txt"
    notice.write_bytes((NOTICES / "2026.txt").read_text(encoding="utf-8").encode("gbk"))
    target = tmp_path / "out" / "2026.toml"
    result = invoke("holidays", "import", str(notice), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert 'document_number = "国办发明电〔2025〕7号"' in target.read_text(encoding="utf-8")


def test_amending_notice_is_written_beside_the_base_file(clean_environment):
    assert invoke("holidays", "import", str(NOTICES / "2019.txt")).exit_code == 0
    assert invoke("holidays", "import", str(NOTICES / "2019-labor-day-amendment.txt")).exit_code == 0
    assert sorted(p.name for p in clean_environment.iterdir()) == ["2019-amend-20190322.toml", "2019.toml"]
    day = json.loads(invoke("workdays", "is", "2019-05-03", "--format", "json").stdout)
    assert day["kind"] == "holiday" and "调整2019年劳动节" in day["source"]
    assert invoke("workdays", "is", "2019-05-05").exit_code == 0  # make-up Sunday


def test_bad_notice_exits_2_quoting_the_line(tmp_path, clean_environment):
    bad = tmp_path / "bad.txt"
    bad.write_text(
        (NOTICES / "2026.txt").read_text(encoding="utf-8").replace("共7天。9月20日", "共6天。9月20日"), encoding="utf-8"
    )
    result = invoke("holidays", "import", str(bad))
    assert result.exit_code == 2
    assert "七、国庆节" in result.stderr and "Traceback" not in result.stderr
    assert not clean_environment.exists()
    missing = invoke("holidays", "import", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 2 and "nope.txt" in missing.stderr


def test_list_formats():
    text = invoke("holidays", "list", "2026")
    assert text.exit_code == 0
    assert any(
        line.startswith("2026-10-01 (Thu) – 2026-10-07 (Wed)  holiday  国庆节  7 days")
        for line in text.stdout.splitlines()
    )
    records = json.loads(invoke("holidays", "list", "2026", "--format", "json").stdout)
    assert {
        "kind": "makeup",
        "name": "国庆节",
        "start": "2026-10-10",
        "end": "2026-10-10",
        "days": 1,
    }.items() <= records[-1].items()
    assert len(records) == 13
    tsv = invoke("holidays", "list", "2026", "-f", "tsv").stdout.splitlines()
    assert len(tsv) == 13 and tsv[0].split("\t")[:4] == ["holiday", "元旦", "2026-01-01", "2026-01-03"]
    zh = invoke("--lang", "zh", "holidays", "list", "2026")
    assert "2026-10-01 (周四) 至 2026-10-07 (周三)  放假  国庆节  共7天" in zh.stdout


def test_list_uncovered_year_exits_3():
    result = invoke("holidays", "list", "2027")
    assert result.exit_code == 3 and "gkcli holidays import" in result.stderr


@pytest.mark.parametrize("command", ["list", "export"])
@pytest.mark.parametrize("year", ["0", "1899", "2201", "99999"])
def test_year_outside_the_date_range_is_a_usage_error_naming_the_range(command, year):
    result = invoke("holidays", command, year)
    assert result.exit_code == 2 and result.stdout == ""
    assert f"'{year}': the year must be between 1900 and 2200" in result.stderr
    assert "年份须在 1900 至 2200 之间" in invoke("--lang", "zh", "holidays", command, year).stderr


def test_status_lists_sources_and_warns_in_november():
    quiet = invoke("holidays", "status", "--today", "2026-10-31")
    assert quiet.exit_code == 0 and "warning" not in quiet.stderr
    assert "2026  国务院办公厅关于2026年部分节假日安排的通知" in quiet.stdout
    november = invoke("holidays", "status", "--today", "2026-11-01", "--format", "json")
    assert "2027" in november.stderr and "gkcli holidays import" in november.stderr
    records = json.loads(november.stdout)
    assert records[0]["year"] == 2004 and records[-1]["year"] == 2026


def test_status_after_import_and_with_provisional(clean_environment):
    provisional = invoke("--provisional", "holidays", "status", "--today", "2026-12-01", "--format", "json")
    years = {r["year"]: r for r in json.loads(provisional.stdout)}
    assert years[2027]["provisional"] and years[2036]["provisional"] and 2037 not in years
    assert "2027" in provisional.stderr and "provisional" in provisional.stderr
    invoke("holidays", "import", FICTIONAL_2027)
    after = invoke("holidays", "status", "--today", "2026-12-01")
    assert "warning" not in after.stderr
    assert str(clean_environment / "2027.toml") in after.stdout


def test_verify_clean_data():
    result = invoke("holidays", "verify")
    assert result.exit_code == 0, result.stdout
    assert "no problems" in result.stderr and "python-holidays" in result.stderr


def test_verify_reports_schema_errors(clean_environment):
    clean_environment.mkdir()
    (clean_environment / "2027.toml").write_text('year = 2028\nsource = "x"\n', encoding="utf-8")
    result = invoke("holidays", "verify", "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert problems[0]["check"] == "schema" and "2027.toml" in problems[0]["message"]


def test_verify_reports_missing_statutory_days(clean_environment):
    clean_environment.mkdir()
    text = (
        (NOTICES / "2027-fictional.txt")
        .read_text(encoding="utf-8")
        .replace("六、中秋节：9月15日（周三）放假1天，不调休。\n", "")
    )
    (clean_environment / "notice.txt").write_text(text, encoding="utf-8")
    refused = invoke("holidays", "import", str(clean_environment / "notice.txt"))
    assert refused.exit_code == 2 and "中秋节（09-15）" in refused.stderr
    assert invoke("holidays", "import", "--partial", str(clean_environment / "notice.txt")).exit_code == 0
    result = invoke("holidays", "verify", "--format", "json")
    assert result.exit_code == 1
    statutory = [p for p in json.loads(result.stdout) if p["check"] == "statutory-day"]
    assert [(p["date"], p["year"]) for p in statutory] == [("2027-09-15", 2027)]


def test_export_csv_every_day(tmp_path):
    out = invoke("holidays", "export", "2026", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert len(rows) == 365
    assert rows[0] == {
        "date": "2026-01-01",
        "weekday": "4",
        "kind": "holiday",
        "working": "false",
        "name": "元旦",
        "source": rows[0]["source"],
        "provisional": "false",
    }
    assert [r["date"] for r in rows if r["kind"] == "makeup"] == [
        "2026-01-04",
        "2026-02-14",
        "2026-02-28",
        "2026-05-09",
        "2026-09-20",
        "2026-10-10",
    ]
    target = tmp_path / "2026.csv"
    assert invoke("holidays", "export", "2026", "-f", "csv", "-o", str(target)).exit_code == 0
    assert target.read_bytes().startswith("\ufeffdate,weekday".encode())


def test_export_json_and_ics(tmp_path):
    days = json.loads(invoke("holidays", "export", "2026", "-f", "json").stdout)
    assert len(days) == 365 and days[282] == {**days[282], "date": "2026-10-10", "kind": "makeup", "working": True}
    target = tmp_path / "2026.ics"
    assert invoke("holidays", "export", "2026", "-f", "ics", "-o", str(target)).exit_code == 0
    ics = target.read_bytes().decode("utf-8")
    assert ics.count("BEGIN:VEVENT") == 13
    assert "DTSTART;VALUE=DATE:20261001\r\nDTEND;VALUE=DATE:20261008" in ics
    again = tmp_path / "again.ics"
    invoke("holidays", "export", "2026", "-f", "ics", "-o", str(again))
    uids = lambda text: [line for line in text.splitlines() if line.startswith("UID")]
    assert uids(again.read_bytes().decode("utf-8")) == uids(ics)


def test_export_provisional_year_is_marked():
    result = invoke("--provisional", "holidays", "export", "2027", "-f", "json")
    assert result.exit_code == 0 and "provisional" in result.stderr
    assert all(day["provisional"] for day in json.loads(result.stdout))
    assert invoke("holidays", "export", "2027").exit_code == 3
