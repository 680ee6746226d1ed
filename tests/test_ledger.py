"""Ledger checks, annotate and template (docs/design.md §5): the hostile-input corpus, every finding
code, exit codes and project-file columns (the CI examples of docs/ci.md: tests/test_ci_snippets.py)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from conftest import FIXTURES
from gkcli.cli.app import app
from gkcli.report.annotate import ledger_template

LEDGERS = FIXTURES / "ledgers"
AS_OF = ["--as-of", "2026-11-28"]
runner = CliRunner()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check(*args: str) -> tuple[int, dict, str]:
    result = runner.invoke(app, ["ledger", "check", *AS_OF, "--format", "json", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    return result.exit_code, json.loads(result.stdout), result.stderr


def codes(report: dict) -> list[str]:
    return [f["code"] for f in report["findings"]]


CORPUS = {
    # file: (expected codes, encoding, exit code)
    "gbk.csv": (["deadline-missed"], "gb18030", 1),
    "bom.csv": (["duplicate-id"], "utf-8-sig", 1),
    "crlf.csv": (["deadline-missed"], "utf-8", 1),
    "multiline.csv": (["deadline-missed"], "utf-8", 1),
    "fullwidth-comma.csv": (["unknown-rule"], "utf-8", 1),
    "formula.csv": ([], "utf-8", 0),
    "empty.csv": (["missing-column"], "utf-8", 2),
    "header-only.csv": ([], "utf-8", 0),
    "junk.csv": (["encoding-error"], None, 2),
    "wps-gb18030.csv": (["non-iso-date", "deadline-missed"], "gb18030", 1),
    "clean.csv": ([], "utf-8", 0),
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_hostile_corpus_gives_documented_findings_and_leaves_input_intact(name: str) -> None:
    path = LEDGERS / name
    before = sha(path)
    expected, encoding, exit_code = CORPUS[name]
    code, report, _ = check(str(path))
    assert codes(report) == expected
    assert code == exit_code
    assert report["summary"]["encodings"][str(path)] == encoding
    assert sha(path) == before


def test_bom_never_leaks_into_the_first_header() -> None:
    _, report, _ = check(str(LEDGERS / "bom.csv"))
    assert report["findings"][0]["id"] == "B1"  # the id column was found behind the BOM


def test_cell_spanning_lines_reports_spreadsheet_row_and_physical_line() -> None:
    _, report, _ = check(str(LEDGERS / "multiline.csv"))
    finding = report["findings"][0]
    assert (finding["row"], finding["line"]) == (3, 4)


def test_fullwidth_comma_stays_inside_its_cell() -> None:
    _, report, _ = check(str(LEDGERS / "fullwidth-comma.csv"))
    assert report["findings"][0]["value"] == "解读，依申请"
    assert report["summary"]["rows"] == 2


def test_wps_ledger_with_title_row_and_fullwidth_space_headers() -> None:
    _, report, _ = check(str(LEDGERS / "wps-gb18030.csv"))
    missed = report["findings"][1]
    assert (missed["row"], missed["id"], missed["rule"]) == (4, "2", "interpretation")


def test_missing_column_lists_the_headers_found(tmp_path: Path) -> None:
    path = tmp_path / "l.csv"
    path.write_text("编号,名称,日期\n1,x,2026-01-01\n", encoding="utf-8")
    code, report, _ = check(str(path))
    assert code == 2 and codes(report) == ["missing-column"]
    message = report["findings"][0]["message"]
    assert "编号, 名称, 日期" in message and "--map" in message


def test_map_and_project_file_columns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "l.csv"
    path.write_text("编号,事情,立项日期,办结\n1,解读,2026-09-30,2026-10-12\n", encoding="utf-8")
    code, report, _ = check(str(path), "--map", "rule=事情", "--map", "start=立项日期", "--map", "done=办结")
    assert codes(report) == ["deadline-missed"] and code == 1
    (Path.cwd() / "gkcli.toml").write_text(
        '[columns]\nrule = "事情"\nstart = "立项日期"\ndone = "办结"\n', encoding="utf-8"
    )
    code, report, _ = check(str(path))
    assert codes(report) == ["deadline-missed"]


def test_bad_map_is_a_usage_error() -> None:
    result = runner.invoke(app, ["ledger", "check", "--map", "nonsense", str(LEDGERS / "clean.csv")])
    assert result.exit_code == 2 and "--map" in result.stderr


def test_every_row_finding_code(tmp_path: Path) -> None:
    path = tmp_path / "l.csv"
    path.write_text(
        "id,rule,start,done,extension,pauses,restart\n"
        "1,解读,2026-09-30,2026-10-12,,,\n"  # deadline-missed
        "2,依申请,2022-09-30,,,,\n"  # overdue
        "3,依申请,2026-11-03,,,,\n"  # due 2026-12-01: due-soon
        "4,nope,2026-11-20,,,,\n"  # unknown-rule
        "4,依申请,2026/11/02,2026-11-05,,,\n"  # duplicate-id, non-iso-date
        "6,依申请,2026-09-01,,25,,\n"  # extension-exceeds-max
        "7,依申请,2026-12-10,,,,\n"  # runs into 2027: calendar-out-of-range
        "8,征求意见,2026-03-01,2026-03-20,,,\n"  # period-too-short
        "9,依申请,2026-02-30,,,,\n"  # invalid-date
        "10,,2026-02-03,,,,\n"  # missing-cell
        "11,解读,2026-10-10,2026-10-09,,,\n"  # done-before-start
        "12,依申请,2026-09-01,2026-10-30,x,,\n"  # invalid-number
        "13,水质,2026-01-05,,,,\n"  # quarter-missing: Q2, Q3
        "14,水质,2026-10-05,,,,\n",
        encoding="utf-8",
    )
    code, report, _ = check(str(path))
    found = codes(report)
    assert found == [
        "deadline-missed",
        "overdue",
        "due-soon",
        "unknown-rule",
        "duplicate-id",
        "non-iso-date",
        "extension-exceeds-max",
        "calendar-out-of-range",
        "period-too-short",
        "invalid-date",
        "missing-cell",
        "done-before-start",
        "invalid-number",
        "quarter-missing",
        "quarter-missing",
    ]
    assert code == 1
    by_code = {f["code"]: f for f in report["findings"]}
    assert by_code["overdue"]["row"] == 3
    assert "2022-11-02" in by_code["overdue"]["message"]
    assert by_code["due-soon"]["severity"] == "warning"
    assert [f["value"] for f in report["findings"] if f["code"] == "quarter-missing"] == [
        "2026-04-01..2026-06-30",
        "2026-07-01..2026-09-30",
    ]


def test_pauses_restart_and_extension_feed_the_engine(tmp_path: Path) -> None:
    # request-reply received 2022-09-30 is due 2022-11-02 (docs/design.md §4); a 5-day extension and
    # a pause make replies on those later days timely, one day more is late.
    path = tmp_path / "l.csv"
    path.write_text(
        "id,rule,start,done,extension,pauses,restart\n"
        "1,依申请,2022-09-30,2022-11-09,5,,\n"
        "2,依申请,2022-09-30,2022-11-10,5,,\n"
        "3,依申请,2022-09-30,2022-11-04,,2022-10-10..2022-10-11,\n"
        "4,依申请,2022-09-30,2022-11-07,,2022-10-10..2022-10-11；2022-10-12..2022-10-12,\n"
        "5,依申请,2022-09-20,2022-11-02,,,2022-09-30\n",
        encoding="utf-8",
    )
    _, report, _ = check(str(path))
    assert [(f["code"], f["row"]) for f in report["findings"]] == [("deadline-missed", 3)]


def test_fail_on_warning_and_exit_codes(tmp_path: Path) -> None:
    path = tmp_path / "l.csv"
    path.write_text("id,rule,start,done\n1,解读,2026/9/30,2026-10-10\n", encoding="utf-8")
    assert check(str(path))[0] == 0
    assert check(str(path), "--fail-on", "warning")[0] == 1
    result = runner.invoke(app, ["ledger", "check", str(tmp_path / "absent.csv")])
    assert result.exit_code == 2 and "absent.csv" in result.stderr


@pytest.mark.parametrize("command", ["check", "annotate"])
def test_a_directory_is_named_as_one(tmp_path: Path, command: str) -> None:
    result = runner.invoke(app, ["ledger", command, str(tmp_path)])
    assert result.exit_code == 2
    assert "is a directory" in result.stderr and "no such file" not in result.stderr
    assert str(tmp_path / "ledger.csv") in result.stderr  # the fix: name a file inside it


def test_as_of_in_a_year_without_data_checks_what_it_can(tmp_path: Path) -> None:
    """1 January before the update: closed rows in covered years check as usual; an open row
    whose overdue count needs the uncovered year gets calendar-out-of-range naming it."""
    path = tmp_path / "l.csv"
    path.write_text("id,rule,start,done\n1,解读,2026-09-30,2026-10-10\n", encoding="utf-8")
    code, report, stderr = check(str(path), "--as-of", "2027-01-04")
    assert (code, report["findings"]) == (0, [])
    assert "2027" in report["summary"]["as_of"] and "1 row" in stderr
    with path.open("a", encoding="utf-8") as ledger:
        ledger.write("2,依申请,2026-10-09,\n3,解读,2026-09-30,2026-10-12\n")
    code, report, _ = check(str(path), "--as-of", "2027-01-04")
    assert code == 1
    assert [(f["code"], f["row"]) for f in report["findings"]] == [("calendar-out-of-range", 3), ("deadline-missed", 4)]
    message = report["findings"][0]["message"]
    assert "overdue" in message and "2027" in message and "gkcli holidays import" in message
    out = tmp_path / "out.csv"
    assert runner.invoke(app, ["ledger", "annotate", "--as-of", "2027-01-04", str(path), "-o", str(out)]).exit_code == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[2][-4:] == ["2026-11-05", "overdue", "", ""]  # status known, days uncounted


def test_several_files_in_one_call() -> None:
    code, report, stderr = check(str(LEDGERS / "clean.csv"), str(LEDGERS / "gbk.csv"))
    assert code == 1 and report["summary"]["files"] == [str(LEDGERS / "clean.csv"), str(LEDGERS / "gbk.csv")]
    assert report["summary"]["rows"] == 8
    assert "gb18030" in stderr


def test_stdin(tmp_path: Path) -> None:
    data = (LEDGERS / "gbk.csv").read_bytes()
    result = runner.invoke(app, ["ledger", "check", *AS_OF, "-f", "json", "-"], input=data)
    assert json.loads(result.stdout)["findings"][0]["file"] == "-"


def _xlsx(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["2026年台账", None, None, None])
    sheet.merge_cells("A1:D1")
    sheet.append(["编号", "事项", "起算日期", "完成日期"])
    sheet.merge_cells("B2:B2")
    from datetime import datetime

    sheet.append([1, "解读", datetime(2026, 9, 30), datetime(2026, 10, 12)])
    sheet.append([2, "依申请", "2022-09-30", "2022-13-01"])
    book.save(path)


def test_xlsx_with_merged_title_and_excel_dates(tmp_path: Path) -> None:
    path = tmp_path / "ledger.xlsx"
    _xlsx(path)
    before = sha(path)
    _code, report, _ = check(str(path))
    assert [(f["code"], f["row"]) for f in report["findings"]] == [("deadline-missed", 3), ("invalid-date", 4)]
    assert report["summary"]["encodings"][str(path)] is None
    assert sha(path) == before
    result = runner.invoke(app, ["ledger", "check", "--sheet", "nope", str(path)])
    assert result.exit_code == 2 and "Sheet" in result.stderr


def test_xlsx_with_merged_header_cells(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["事项", None, "起算日期", "完成日期"])
    sheet.merge_cells("A1:B1")
    sheet.append(["解读", "备注", "2026-09-30", "2026-10-10"])
    path = tmp_path / "merged.xlsx"
    book.save(path)
    code, report, _ = check(str(path))
    assert code == 0 and report["summary"]["rows"] == 1


def test_annotate_csv(tmp_path: Path) -> None:
    source = LEDGERS / "formula.csv"
    before = sha(source)
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["--lang", "zh", "ledger", "annotate", *AS_OF, str(source), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][-4:] == ["截止日期", "状态", "超期工作日", "临时推算"]
    assert rows[1] == [
        "'=1+1",
        "interpretation",
        "2026-09-30",
        "2026-10-10",
        '\'=HYPERLINK("http://x")',
        "2026-10-10",
        "按时",
        "0",
        "",
    ]
    assert rows[2][0] == "'+2" and rows[2][4] == "'-3" and rows[3][0] == "'@4" and rows[3][4] == "'\tx"
    assert sha(source) == before


def test_annotate_statuses_xlsx_and_ics(tmp_path: Path) -> None:
    source = tmp_path / "l.csv"
    source.write_text(
        "id,rule,start,done\n1,解读,2026-09-30,2026-10-10\n2,解读,2026-09-30,2026-10-12\n"
        "3,依申请,2022-09-30,\n4,依申请,2026-11-03,\n5,依申请,2026-11-20,\n\n6,=cmd,2026-11-20,\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.xlsx"
    ics = tmp_path / "open.ics"
    result = runner.invoke(app, ["ledger", "annotate", *AS_OF, str(source), "-o", str(out), "--ics", str(ics)])
    assert result.exit_code == 0, result.stderr
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert [row[-4:-1] for row in rows[1:6]] == [
        ("2026-10-10", "on time", 0),
        ("2026-10-10", "late", 1),
        ("2022-11-02", "overdue", 1014),
        ("2026-12-01", "due soon", None),
        ("2026-12-18", "open", None),
    ]
    assert rows[7][1] == "=cmd"  # stored as text, not a formula
    text = ics.read_text()
    assert text.count("BEGIN:VEVENT") == 3 and "20261218" in text


def test_annotate_refuses_a_file_that_is_no_ledger() -> None:
    result = runner.invoke(app, ["ledger", "annotate", str(LEDGERS / "junk.csv")])
    assert result.exit_code == 2 and "GB18030" in result.stderr


def test_template_covers_every_rule_family_and_checks_clean(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ledger", "template"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["id", "rule", "start", "done", "extension", "pauses", "restart", "unit"]
    from gkcli.rules.catalogue import load_catalogue

    units = {load_catalogue().get(row["rule"]).unit.value for row in rows}
    assert units == {"workday", "day", "month", "hour", "fixed", "minimum", "recurring"}
    out = tmp_path / "t.csv"
    runner.invoke(app, ["ledger", "template", "-o", str(out)])
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    today = runner.invoke(app, ["ledger", "check", "--format", "json", str(out)])
    assert json.loads(today.stdout)["findings"] == [] and today.exit_code == 0


@pytest.mark.parametrize("day", ["2026-06-30", "2026-12-02", "2027-04-01", "2028-12-31"])
def test_template_made_on_any_day_checks_clean_that_day(tmp_path: Path, day: str) -> None:
    """The recurring example is dated the day the template is made: a fixed date would
    leave every later quarter without its event (quarter-missing)."""
    out = tmp_path / "t.csv"
    out.write_text(ledger_template(today=date.fromisoformat(day)), encoding="utf-8")
    code, report, _ = check(str(out), "--as-of", day)
    assert report["findings"] == [] and code == 0
    # Half a year on, the next quarter has ended without an event: the check says so.
    later = date.fromisoformat(day) + timedelta(days=184)
    code, report, _ = check(str(out), "--as-of", later.isoformat())
    assert set(codes(report)) == {"quarter-missing"} and code == 1


def _provisional_ledger(tmp_path: Path) -> Path:
    path = tmp_path / "l.csv"
    path.write_text(
        "id,rule,start,done\n"
        "1,解读,2026-09-30,2026-10-12\n"  # late, counted in 2026 only
        "2,依申请,2026-12-10,\n"  # due in 2027: provisional, overdue as of 2027-03-01
        "3,依申请,2026-12-11,\n"  # the same year again: one warning only
        "4,依申请,2026-12-10,2027-01-05\n",  # on time, provisional
        encoding="utf-8",
    )
    return path


def test_provisional_findings_rows_and_warning(tmp_path: Path) -> None:
    path = _provisional_ledger(tmp_path)
    result = runner.invoke(app, ["--provisional", "ledger", "check", "--as-of", "2027-03-01", "-f", "json", str(path)])
    assert result.exit_code == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert [(f["code"], f["row"], f["provisional"]) for f in findings] == [
        ("deadline-missed", 2, False),
        ("overdue", 3, True),
        ("overdue", 4, True),
    ]
    assert "[PROVISIONAL" in findings[1]["message"] and "[PROVISIONAL" not in findings[0]["message"]
    assert result.stderr.count("warning: 2027 has no official arrangement; the result is provisional.") == 1
    text = runner.invoke(app, ["--provisional", "--lang", "zh", "ledger", "check", "--as-of", "2027-03-01", str(path)])
    assert text.stdout.count("[临时") == 2 and text.stderr.count("2027年尚无官方节假日安排") == 1


def test_provisional_rows_are_marked_in_the_annotated_copy(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = runner.invoke(
        app,
        [
            "--provisional",
            "ledger",
            "annotate",
            "--as-of",
            "2027-03-01",
            str(_provisional_ledger(tmp_path)),
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("2027 has no official arrangement") == 1
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0][-1] == "provisional"
    assert [(row[-3], row[-1]) for row in rows[1:]] == [
        ("late", ""),
        ("overdue", "yes"),
        ("overdue", "yes"),
        ("on time", "yes"),
    ]


def test_without_provisional_years_nothing_is_marked(tmp_path: Path) -> None:
    _, report, stderr = check(str(LEDGERS / "gbk.csv"))
    assert report["findings"] and not any(f["provisional"] for f in report["findings"])
    assert "provisional" not in stderr


def test_xlsx_integer_ids_compare_by_value_and_like_text(tmp_path: Path) -> None:
    """hash(-1) == hash(-2) in CPython: ids must not be told apart by hash() of an int."""
    book = Workbook()
    sheet = book.active
    sheet.append(["id", "rule", "start", "done"])
    for row_id in (-1, -2, 1, "1"):
        sheet.append([row_id, "解读", "2026-09-30", "2026-10-10"])
    path = tmp_path / "ids.xlsx"
    book.save(path)
    _, report, _ = check(str(path))
    assert [(f["code"], f["row"], f["value"]) for f in report["findings"]] == [("duplicate-id", 5, "1")]


def test_unwritable_outputs_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    ledger = LEDGERS / "clean.csv"
    out = tmp_path / "annotated.csv"
    result = runner.invoke(app, ["ledger", "annotate", str(ledger), "-o", str(out), "--ics", str(tmp_path)])
    assert result.exit_code == 2 and "--ics" in result.stderr and "is a directory" in result.stderr
    assert not out.exists() and result.stdout == ""
    result = runner.invoke(app, ["ledger", "check", str(ledger), "-o", str(tmp_path)])
    assert result.exit_code == 2 and "is a directory" in result.stderr
    result = runner.invoke(app, ["ledger", "check", str(ledger), "-o", str(tmp_path / "missing" / "r.json")])
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_a_bad_project_file_column_is_named_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "gkcli.toml").write_text('[columns]\nfoo = "bar"\n', encoding="utf-8")
    result = runner.invoke(app, ["ledger", "check", str(LEDGERS / "clean.csv")])
    assert result.exit_code == 2 and "gkcli.toml [columns] 'foo=bar'" in result.stderr and "--map" not in result.stderr


def test_cells_past_the_header_are_never_read_as_an_absent_column(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text(
        "rule,start,done\n解读,2026-09-30,2026-10-09,x,A1\n解读,2026-09-30,2026-10-09,x,A1\n", encoding="utf-8"
    )
    code, report, _ = check(str(path), "--as-of", "2026-11-28")
    assert code == 0 and report["findings"] == []
