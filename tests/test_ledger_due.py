"""``gkcli ledger due``: open rows due within N working days and overdue ones, soonest first,
in text, JSON and CSV, zh and en; ``--ics`` reminders with ``--alarm`` N working days before
(docs/ledgers.md). Through the library (``ledger.due``) and the CLI."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from gkcli.calendar.sources import load_calendar
from gkcli.cli.app import app
from gkcli.core.dates import BEIJING
from gkcli.ledger.check import CheckOptions, LedgerCheck
from gkcli.ledger.due import due_rows
from gkcli.ledger.judge import Status
from gkcli.rules.catalogue import load_catalogue

runner = CliRunner()

# As of Sat 2026-10-31: C overdue (due 09-29), B due Tue 11-03 (2 working days left),
# A due 11-17 (12 left), D done, E due Fri 10-30 (overdue, by 0 working days: a Saturday).
LEDGER = (
    "id,rule,start,done\n"
    "A,request-reply,2026-10-20,\n"
    "B,interpretation,2026-10-29,\n"
    "C,request-reply,2026-09-01,\n"
    "D,request-reply,2026-10-30,2026-11-01\n"
    "E,interpretation,2026-10-27,\n"
)
AS_OF = "2026-10-31"


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "台账.csv"
    path.write_text(LEDGER, encoding="utf-8")
    return path


def run(*args: str):
    return runner.invoke(app, list(args))


def test_due_rows_are_overdue_and_within_the_window_soonest_first(ledger: Path) -> None:
    options = CheckOptions(as_of=datetime(2026, 10, 31, tzinfo=BEIJING))
    with LedgerCheck(load_calendar(), load_catalogue(), options).check(ledger) as file_check:
        rows = due_rows([file_check], within=10)
    assert [(row.row_id, row.status, row.workdays) for row in rows] == [
        ("C", Status.OVERDUE, 19),
        ("E", Status.OVERDUE, 0),
        ("B", Status.DUE_SOON, 2),
    ]
    with LedgerCheck(load_calendar(), load_catalogue(), options).check(ledger) as file_check:
        assert [row.row_id for row in due_rows([file_check], within=12)] == ["C", "E", "B", "A"]


def test_the_window_counts_the_due_day(ledger: Path) -> None:
    listed = run("ledger", "due", str(ledger), "--as-of", AS_OF, "--within", "1", "-f", "json")
    assert [row["id"] for row in json.loads(listed.stdout)["due"]] == ["C", "E"]
    listed = run("ledger", "due", str(ledger), "--as-of", AS_OF, "--within", "2", "-f", "json")
    assert [row["id"] for row in json.loads(listed.stdout)["due"]] == ["C", "E", "B"]


def test_text_in_chinese_and_english(ledger: Path) -> None:
    zh = run("--lang", "zh", "ledger", "due", str(ledger), "--as-of", AS_OF)
    assert zh.exit_code == 1
    lines = zh.stdout.splitlines()
    assert lines[0].startswith("2026-09-29 (周二)  已超期 19 个工作日  依申请公开答复 (request-reply)")
    assert lines[0].endswith("第4行  C")
    assert lines[2].startswith("2026-11-03 (周二)  还剩 2 个工作日  政策解读材料发布")
    assert "2 项已超期，1 项在 5 个工作日内到期" in zh.stderr
    en = run("--lang", "en", "ledger", "due", str(ledger), "--as-of", AS_OF)
    assert en.stdout.splitlines()[2].startswith("2026-11-03 (Tue)  2 working days left")


def test_json_and_csv_records(ledger: Path) -> None:
    record = json.loads(run("ledger", "due", str(ledger), "--as-of", AS_OF, "-f", "json").stdout)
    assert record["as_of"] == AS_OF and record["within"] == 5
    assert record["due"][0] == {
        "file": str(ledger),
        "row": 4,
        "id": "C",
        "rule": "request-reply",
        "name": "依申请公开答复",
        "trigger": "2026-09-01T00:00:00+08:00",
        "due": "2026-09-29",
        "due_at": "2026-09-30T00:00:00+08:00",
        "status": "overdue",
        "workdays_left": None,
        "workdays_overdue": 19,
        "provisional": False,
    }
    table = run("ledger", "due", str(ledger), "--as-of", AS_OF, "-f", "csv").stdout
    header, first = table.lstrip("\ufeff").splitlines()[:2]
    assert header.startswith("file,row,id,rule,name,trigger,due,due_at,status")
    assert first.endswith(",overdue,,19,false")


def test_nothing_due_exits_0_and_an_unreadable_file_2(ledger: Path, tmp_path: Path) -> None:
    done = tmp_path / "done.csv"
    done.write_text("id,rule,start,done\nD,request-reply,2026-10-30,2026-11-01\n", encoding="utf-8")
    nothing = run("ledger", "due", str(done), "--as-of", AS_OF)
    assert (nothing.exit_code, nothing.stdout) == (0, "")
    junk = tmp_path / "junk.csv"
    junk.write_text("a,b\n1,2\n", encoding="utf-8")
    assert run("ledger", "due", str(junk), "--as-of", AS_OF).exit_code == 2


def test_ics_reminders_alarm_n_working_days_before_over_a_holiday(ledger: Path, tmp_path: Path) -> None:
    ics = tmp_path / "due.ics"
    result = run("ledger", "due", str(ledger), "--as-of", AS_OF, "--ics", str(ics), "--alarm", "2")
    assert result.exit_code == 1
    events = {str(event["summary"]): event for event in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")}
    overdue = events["request-reply due (C)"]
    # Due Tue 09-29; two working days before is Thu 09-24 (09-25..27 are 中秋节): 5 days, at 09:00.
    trigger = overdue.walk("VALARM")[0]["trigger"].dt
    assert trigger.total_seconds() == -(5 * 24 - 9) * 3600
    assert len(events) == 3


def test_alarm_without_ics_is_refused(ledger: Path) -> None:
    result = run("ledger", "due", str(ledger), "--alarm", "2")
    assert result.exit_code == 2
    assert "--ics" in result.stderr


def test_annotate_ics_gets_alarms_too(ledger: Path, tmp_path: Path) -> None:
    ics = tmp_path / "open.ics"
    result = run(
        "ledger",
        "annotate",
        str(ledger),
        "-o",
        str(tmp_path / "copy.csv"),
        "--as-of",
        AS_OF,
        "--ics",
        str(ics),
        "--alarm",
        "0",
    )
    assert result.exit_code == 0
    alarms = [alarm["trigger"].dt.total_seconds() for alarm in Calendar.from_ical(ics.read_bytes()).walk("VALARM")]
    assert alarms and set(alarms) == {9 * 3600}  # 09:00 on the due day


def test_deadline_ics_gets_alarms(tmp_path: Path) -> None:
    ics = tmp_path / "deadline.ics"
    result = run("deadline", "解读", "2026-09-30", "--ics", str(ics), "--alarm", "1")
    assert result.exit_code == 0
    # Due Sat 10-10 (a make-up working day); one working day before is Fri 10-09, at 09:00.
    [alarm] = Calendar.from_ical(ics.read_bytes()).walk("VALARM")
    assert alarm["trigger"].dt.total_seconds() == -(24 - 9) * 3600
    assert run("deadline", "解读", "2026-09-30", "--alarm", "1").exit_code == 2


def test_a_due_day_on_a_make_up_saturday_is_labelled(tmp_path: Path) -> None:
    path = tmp_path / "due.csv"
    path.write_text("id,rule,start,done\nX,解读,2026-09-30,\n", encoding="utf-8")
    result = run("--lang", "zh", "ledger", "due", str(path), "--as-of", "2026-10-09", "--within", "3")
    assert result.exit_code == 1
    assert result.stdout.startswith("2026-10-10（周六，国庆节调休上班）  还剩 1 个工作日")
