"""Findings in batches (``ledger.batch``): the columnar kernel's late and overdue findings
come a ``FindingBatch`` at a time, and a report writes a batch from its columns. Whatever
the ids, the file's name and the language, the text written is the text of the findings
one by one, and the code selection counts and drops them as it drops single findings."""

from __future__ import annotations

import dataclasses
import io
import json
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import gkcli.ledger.columnar as columnar_module
from gkcli.cli.app import app
from gkcli.core.i18n import Lang
from gkcli.ledger.batch import EPOCH, NO_LINE, FindingBatch, object_column
from gkcli.ledger.codes import FindingCode, Severity
from gkcli.ledger.findings import Finding
from gkcli.report import batchjson
from gkcli.report.base import RunInfo, finding_json, write_reports
from gkcli.report.batchjson import batch_json
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
            lines.extend(batch_json(found, lang).decode("utf-8").split("\n")[:-1])
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
    monkeypatch.setattr(batchjson, "JSON_LINES", 2)
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
        late=np.array([True, False, True, False]),
        rows=np.arange(2, 2 + rows),
        lines=np.array([2, NO_LINE, 4, 5]),
        ids=np.array(['G"1', None, "G\\3", "中\u00014"], dtype=object),
        rules=object_column([rule] * rows),
        versions=np.array([label] * rows, dtype=object),
        dues=np.full(rows, day_number(date(2026, 10, 9))),
        done=np.array([day_number(date(2026, 10, 12)), 0, day_number(date(2026, 11, 2)), 0]),
        days=np.array([1, 35, 16, 35]),
        forms=np.array([1, 0, 1, 0]),
    )
    assert batch_lines(batch, lang) == [finding_json(finding, lang) for finding in batch]


def day_number(day: date) -> int:
    return day.toordinal() - EPOCH


def batch_lines(batch: FindingBatch, lang: str) -> list[str]:
    return batch_json(batch, lang).decode("utf-8").split("\n")[:-1]


RULES = [CATALOGUE.get(rule) for rule in ("interpretation", "request-reply", "proactive", "lawsuit")]


@st.composite
def batches(draw, size=st.integers(1, 60)) -> FindingBatch:
    """A batch of any rows: numbers of every width, rows without a line, ids hostile or
    none, days from year 1 to 9999, and forms that order their values differently."""
    count = draw(size)
    rows = draw(st.lists(st.integers(0, 10**12), min_size=count, max_size=count))
    lines = draw(st.lists(st.one_of(st.just(NO_LINE), st.integers(1, 10**9)), min_size=count, max_size=count))
    ids = draw(st.lists(st.one_of(st.none(), st.text(max_size=6), hostile_ids), min_size=count, max_size=count))
    late = draw(st.lists(st.booleans(), min_size=count, max_size=count))
    picked = draw(st.lists(st.integers(0, len(RULES) - 1), min_size=count, max_size=count))
    days_since = st.integers(date.min.toordinal() - EPOCH, date.max.toordinal() - EPOCH)
    rules = [RULES[at] for at in picked]
    versions = [rule.versions[draw(st.integers(0, len(rule.versions) - 1))].label for rule in rules]
    return FindingBatch(
        file=draw(file_names),
        as_of="2026-11-28",
        late=np.array(late, dtype=bool),
        rows=np.array(rows, dtype=np.int64),
        lines=np.array(lines, dtype=np.int64),
        ids=np.array(ids, dtype=object),
        rules=object_column(rules),
        versions=np.array(versions, dtype=object),
        dues=np.array(draw(st.lists(days_since, min_size=count, max_size=count)), dtype=np.int64),
        done=np.array(draw(st.lists(days_since, min_size=count, max_size=count)), dtype=np.int64),
        days=np.array(draw(st.lists(st.integers(0, 10**6), min_size=count, max_size=count)), dtype=np.int64),
        forms=form_numbers(late, rules, versions),
    )


def form_numbers(late: list[bool], rules: list, versions: list[str]) -> np.ndarray:
    """One number a (code, rule, version), as the kernel numbers them (any number will do)."""
    numbers: dict[tuple[object, ...], int] = {}
    keys = [(flag, rule.id, version) for flag, rule, version in zip(late, rules, versions, strict=True)]
    return np.array([numbers.setdefault(key, 7 * len(numbers) + 3) for key in keys], dtype=np.int64)


@settings(max_examples=150, deadline=None)
@given(batches(), st.sampled_from(["en", "zh"]))
def test_any_batch_is_written_as_its_findings_are_one_by_one(batch, lang):
    assert batch_lines(batch, lang) == [finding_json(finding, lang) for finding in batch]


@settings(max_examples=40, deadline=None)
@given(st.lists(batches(st.integers(1, 5)), min_size=1, max_size=6), st.integers(1, 7))
def test_held_batches_give_their_lines_in_order(parts, limit):
    """Batches held for a report (``HeldBatches``) come out as their findings, in order, at most
    ``JSON_LINES`` a text and no batch of another file mixed in; each batch numbers its
    forms as it pleases (forms numbered alike in two batches may be other rules)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(batchjson, "JSON_LINES", limit)
        held = batchjson.HeldBatches(Lang.en)
        texts = [text for batch in parts for text in held.add(renumbered(batch))] + list(held.take())
    expected = [finding_json(finding, "en") for batch in parts for finding in batch]
    assert [line for text in texts for line in text.decode("utf-8").split("\n")[:-1]] == expected
    assert all(text.count(b"\n") <= limit for text in texts)
    assert all(len({json.loads(line)["file"] for line in text.splitlines()}) == 1 for text in texts)
    assert not held.batches


def renumbered(batch: FindingBatch) -> FindingBatch:
    """``batch`` with its forms numbered from 0 in order of meeting."""
    _, firsts, where = np.unique(batch.forms, return_index=True, return_inverse=True)
    order = np.argsort(np.argsort(firsts))
    return dataclasses.replace(batch, forms=order[where.reshape(-1)])
