"""The CI kit of docs/ci.md: several reports in one pass (``--report``), SARIF 2.1.0, selecting
finding codes (``--select``/``--ignore``, the project file, per-file ignores) and checking
only the files that are ledgers (``--ledgers-only``, the pre-commit hook)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from gkcli.cli.app import app
from gkcli.ledger.codes import FindingCode
from gkcli.ledger.selection import CodeSelection, ledger_files, matches_pattern
from gkcli.report.sarif import artifact_uri

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "sarif" / "sarif-schema-2.1.0.json").read_text("utf-8"))
LATE = "id,rule,start,done\nA-1,依申请,2026/09/01,2026-10-30\nA-2,依申请,2026-09-01,2026-09-10\n"
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def late(tmp_path: Path) -> Path:
    path = tmp_path / "late.csv"
    path.write_text(LATE, encoding="utf-8")
    return path


def test_one_pass_writes_annotations_junit_and_sarif(late: Path, tmp_path: Path):
    junit, sarif = tmp_path / "report.xml", tmp_path / "gkcli.sarif"
    result = invoke(
        "ledger", "check", str(late), "--as-of", "2026-11-01",
        "--report", "github", "--report", f"junit={junit}", "--report", f"sarif={sarif}",
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1].startswith("::error file=")
    assert ET.parse(junit).getroot().get("failures") == "1"
    log = json.loads(sarif.read_text("utf-8"))
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["non-iso-date", "deadline-missed"]
    assert "1 error, 1 warning" in result.stderr


def test_reports_are_whole_or_absent(late: Path, tmp_path: Path):
    junit = tmp_path / "report.xml"
    result = invoke(
        "ledger", "check", str(late), "--report", f"junit={junit}", "--report", "sarif=/nonexistent/x.sarif"
    )
    assert result.exit_code == 2 and "/nonexistent" in result.stderr
    assert not junit.exists()


def test_only_one_report_may_go_to_stdout(late: Path):
    result = invoke("ledger", "check", str(late), "--format", "json", "--report", "csv")
    assert result.exit_code == 2 and "json, csv would all go to stdout" in result.stderr
    assert invoke("ledger", "check", str(late), "--report", "sarif=").exit_code == 2


def test_sarif_is_valid_against_the_2_1_0_schema_with_lines_as_the_github_format(tmp_path: Path):
    # A BOM, a title row above the header and a file-level finding from a second file.
    ledger = tmp_path / "台账 2026.csv"
    ledger.write_bytes(("\ufeff依申请公开登记台账\n" + LATE).encode("utf-8"))
    empty = tmp_path / "empty.csv"
    empty.write_text("a,b\n1,2\n", encoding="utf-8")
    result = invoke("ledger", "check", str(ledger), str(empty), "--as-of", "2026-11-01", "-f", "sarif")
    log = json.loads(result.stdout)
    jsonschema.Draft7Validator(SCHEMA).validate(log)
    github = invoke("ledger", "check", str(ledger), "--as-of", "2026-11-01", "-f", "github").stdout
    github_lines = [int(part.split("=")[1]) for part in github.split(",") if part.startswith("line=")]
    results = log["runs"][0]["results"]
    on_rows = [r for r in results if "region" in r["locations"][0]["physicalLocation"]]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in on_rows] == github_lines == [3, 3]
    missing = next(r for r in results if r["ruleId"] == "missing-column")
    assert missing["level"] == "error" and "region" not in missing["locations"][0]["physicalLocation"]
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [code.value for code in FindingCode]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)


def test_sarif_uris_are_relative_or_file_uris():
    assert artifact_uri("台账/a b.csv") == "%E5%8F%B0%E8%B4%A6/a%20b.csv"
    assert artifact_uri("/data/l.csv") == "file:///data/l.csv"


def test_ignore_silences_exactly_that_code_and_the_summary_counts_it(late: Path):
    result = invoke("ledger", "check", str(late), "--as-of", "2026-11-01", "--ignore", "non-iso-date")
    assert result.exit_code == 1
    assert "non-iso-date" not in result.stdout and "deadline-missed" in result.stdout
    assert "1 finding ignored by code selection" in result.stderr
    selected = invoke("ledger", "check", str(late), "--as-of", "2026-11-01", "--select", "non-iso-date,due-soon")
    assert selected.exit_code == 0 and "deadline-missed" not in selected.stdout


def test_unknown_codes_name_where_they_came_from(late: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    assert "in --select" in invoke("ledger", "check", str(late), "--select", "deadline-mised").stderr
    project = tmp_path / "work" / "gkcli.toml"
    project.write_text('ignore = ["non-iso-dates"]\n', encoding="utf-8")
    monkeypatch.chdir(project.parent)
    result = invoke("ledger", "check", str(late))
    assert result.exit_code == 2 and str(project) in result.stderr and "'non-iso-dates'" in result.stderr


def test_project_file_select_ignore_and_per_file_ignores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    work = tmp_path / "work"
    (work / "旧台账").mkdir()
    old = work / "旧台账" / "2020.csv"
    new = work / "2026.csv"
    for path in (old, new):
        path.write_text(LATE, encoding="utf-8")
    (work / "gkcli.toml").write_text('[ledger.per-file-ignores]\n"旧台账/*.csv" = ["non-iso-date"]\n', encoding="utf-8")
    monkeypatch.chdir(work)
    result = invoke("ledger", "check", "旧台账/2020.csv", "2026.csv", "--as-of", "2026-11-01", "-f", "json")
    codes = [(f["file"], f["code"]) for f in json.loads(result.stdout)["findings"]]
    assert ("旧台账/2020.csv", "non-iso-date") not in codes and ("2026.csv", "non-iso-date") in codes
    assert json.loads(result.stdout)["summary"]["ignored"] == 1
    (work / "gkcli.toml").write_text('ignore = ["deadline-missed"]\n', encoding="utf-8")
    assert invoke("ledger", "check", "2026.csv", "--as-of", "2026-11-01").exit_code == 0
    # A flag replaces the project file's list.
    assert invoke("ledger", "check", "2026.csv", "--as-of", "2026-11-01", "--ignore", "due-soon").exit_code == 1


def test_selection_api():
    selection = CodeSelection.parse(None, ["non-iso-date"], {"old/*": ["deadline-missed"]}, {})
    assert selection.ignore == {FindingCode.NON_ISO_DATE}
    assert matches_pattern("old/a.csv", "old/*") and matches_pattern("x/台账.csv", "台账.csv")
    assert not matches_pattern("new/a.csv", "old/*")


def test_ledgers_only_checks_only_ledgers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    assert ledger_files(["台账/a.csv", "people.csv", "x/2026台账.xlsx", "ledgers/b.csv", "台账/notes.txt"], None) == [
        "台账/a.csv",
        "x/2026台账.xlsx",
        "ledgers/b.csv",
    ]
    assert ledger_files(["data/a.csv", "data/b.xlsx"], ["data/*.xlsx"]) == ["data/b.xlsx"]
    work = tmp_path / "work"
    (work / "people.csv").write_text("name,age\nA,1\n", encoding="utf-8")
    monkeypatch.chdir(work)
    result = invoke("ledger", "check", "--ledgers-only", "people.csv")
    assert result.exit_code == 0 and "nothing to check" in result.stderr
