"""Findings in batches (``ledger.batch``): the columnar kernel's late and overdue findings
come a ``FindingBatch`` at a time, and a report writes a batch from its columns. Whatever
the ids, the file's name and the language, the text written is the text of the findings
one by one, and the code selection counts and drops them as it drops single findings."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import gkcli.ledger.columnar as columnar_module
from gkcli.cli.app import app
from gkcli.ledger.batch import FindingBatch
from gkcli.ledger.codes import FindingCode, Severity
from gkcli.ledger.findings import Finding
from gkcli.report import base as report_base
from gkcli.report.base import RunInfo, batch_json, finding_json, write_reports
from gkcli.report.formats import ReportFormat, get_reporter
from test_ledger_columnar import CATALOGUE, checker, ledger_rows, per_row, write

hostile_ids = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r,\x00"), min_size=1, max_size=8
).filter(lambda text: text.strip() != "")
file_names = st.sampled_from(["ledger.csv", "台账 %s 100%.csv", 'a "quoted" \\ name.csv', "tab\there.csv"])


def json_lines(batched, lang: str) -> list[str]:
    """The JSON text of each finding as a report writes it: a batch from its columns."""
    lines: list[str] = []
    for found in batched:
        if isinstance(found, FindingBatch):
            lines.extend(batch_json(found, lang))
        else:
            lines.append(finding_json(found, lang))
    return lines


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ledger_rows(), st.lists(hostile_ids, min_size=40, max_size=40, unique=True), file_names)
def test_a_batch_is_written_as_its_findings_are_one_by_one(tmp_path, monkeypatch, rows, ids, name):
    monkeypatch.setattr(columnar_module, "CHUNK_ROWS", 7)
    monkeypatch.setattr(columnar_module, "READ_ROWS", 3)
    for row, row_id in zip(rows, ids, strict=False):
        row[0] = row_id
    path = write(tmp_path / "ledger.csv", rows)
    expected = per_row(checker(), path, form=lambda finding: {**finding.as_record("zh"), "file": None})
    with checker().check(path, name) as file_check:
        batched = list(file_check.batched_findings())
    flat = [finding for found in batched for finding in (found if isinstance(found, FindingBatch) else [found])]
    assert [{**finding.as_record("zh"), "file": None} for finding in flat] == expected
    assert all(finding.file == name for finding in flat)
    for lang in ("en", "zh"):
        assert json_lines(batched, lang) == [finding_json(finding, lang) for finding in flat]


def late_and_overdue(tmp_path: Path, late: int, overdue: int) -> Path:
    """A ledger of ``late`` late rows, then ``overdue`` rows still open, all judged by the kernel."""
    start = date(2026, 3, 2)
    rows = [
        [f"L-{n}", "interpretation", start.isoformat(), (start + timedelta(days=60)).isoformat(), "", "", "", ""]
        for n in range(late)
    ]
    rows += [[f"O-{n}", "interpretation", start.isoformat(), "", "", "", "", ""] for n in range(overdue)]
    return write(tmp_path / "ledger.csv", rows)


def test_the_kernel_gives_its_late_rows_as_batches(tmp_path):
    path = late_and_overdue(tmp_path, 5, 3)
    with checker().check(path) as file_check:
        batched = list(file_check.batched_findings())
    assert [type(found) for found in batched] == [FindingBatch]
    batch = batched[0]
    assert len(batch) == 8 and batch.still_open == 3
    assert batch.codes() == [FindingCode.DEADLINE_MISSED] * 5 + [FindingCode.OVERDUE] * 3
    assert batch.severities() == {Severity.ERROR: 8, Severity.WARNING: 0}
    assert [finding.row for finding in batch] == list(range(2, 10))
    assert [finding.row for finding in batch[2:4]] == [4, 5]
    assert [finding.row for finding in batch.part(6, 8)] == [8, 9]
    kept = batch.where([False, True] * 4)
    assert [finding.row for finding in kept] == [3, 5, 7, 9]
    assert all(isinstance(finding, Finding) for finding in kept)


def run_check(path: Path, *options: str) -> tuple[int, dict]:
    result = CliRunner().invoke(
        app, ["ledger", "check", str(path), "--as-of", "2026-11-28", "-f", "json", *options], catch_exceptions=False
    )
    return result.exit_code, json.loads(result.stdout)


def test_the_code_selection_drops_findings_of_a_batch_and_counts_them(tmp_path):
    path = late_and_overdue(tmp_path, 4, 2)
    code, report = run_check(path)
    assert (
        code == 1 and [finding["code"] for finding in report["findings"]] == ["deadline-missed"] * 4 + ["overdue"] * 2
    )
    code, ignored = run_check(path, "--ignore", "deadline-missed")
    assert [finding["code"] for finding in ignored["findings"]] == ["overdue"] * 2
    assert ignored["findings"] == report["findings"][4:]
    assert ignored["summary"]["ignored"] == 4 and ignored["summary"]["errors"] == 2
    code, nothing = run_check(path, "--select", "duplicate-id")
    assert code == 0 and nothing["findings"] == [] and nothing["summary"]["ignored"] == 6


@pytest.mark.parametrize("fmt", list(ReportFormat))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_format_writes_a_batch_as_it_writes_its_findings(tmp_path, monkeypatch, fmt, lang):
    """Batches and the same findings one by one give the same report, in every format (a
    format with no bulk writer takes ``Reporter.add_batch``'s default: one ``add`` each;
    json and jsonl write a batch two lines at a time here)."""
    monkeypatch.setattr(report_base, "JSON_LINES", 2)
    path = late_and_overdue(tmp_path, 3, 2)
    with checker().check(path) as file_check:
        batched = list(file_check.batched_findings())
    assert any(isinstance(found, FindingBatch) for found in batched)
    flat = [finding for found in batched for finding in (found if isinstance(found, FindingBatch) else [found])]
    info = RunInfo((str(path),), 5, {str(path): "utf-8"}, date(2026, 11, 28))
    reports = []
    for findings in (batched, flat):
        out = io.StringIO()
        summary = write_reports(findings, info, [(get_reporter(fmt, lang), out)])
        reports.append((out.getvalue(), summary))
    assert reports[0] == reports[1]
    assert reports[0][1].errors == 5


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    ("rule_id", "name", "label", "file"),
    [
        ("interpretation", "政策解读", "2019 条例", "ledger.csv"),
        ('a%s"{0}}\\', '名 %d {1} "引" \\', "100% {x} \\n", "台账 %(row)s {2}.csv"),
        ("slot\ue000", "名\ue003", "v\ue005", "f\ue001.csv"),  # the template's own stand-ins: one by one
    ],
)
def test_a_batch_of_a_rule_with_any_texts_is_written_as_its_findings(lang, rule_id, name, label, file):
    """The line templates a batch is written by hold no text of a rule, a version or a file
    that formatting could read as its own (``%``, braces, quotes, backslashes, the stand-ins)."""
    base_rule = CATALOGUE.get("interpretation")
    version = base_rule.versions[-1]._replace(label=label)
    rule = base_rule._replace(id=rule_id, name=name, versions=(version,))
    rows = 4
    batch = FindingBatch(
        file=file,
        as_of="2026-11-28",
        late=[True, False, True, False],
        rows=list(range(2, 2 + rows)),
        lines=[2, None, 4, 5],
        ids=['G"1', None, "G\\3", "中\u00014"],
        rules=[rule] * rows,
        versions=[label] * rows,
        dues=["2026-10-09"] * rows,
        done=["2026-10-12", "", "2026-11-02", ""],
        days=[1, 35, 16, 35],
        forms=[1, 0, 1, 0],
    )
    assert batch_json(batch, lang) == [finding_json(finding, lang) for finding in batch]
