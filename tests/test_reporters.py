"""The ledger report formats: golden files for every format in both languages, and the
properties each CI format promises (caps, escapes, fingerprints, parseability, streaming).

Regenerate the golden files with ``GKCLI_UPDATE_GOLDEN=1 pytest tests/test_reporters.py``
and review the diff.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import re
import weakref
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gkcli.core.errors import InputError
from gkcli.core.i18n import Lang
from gkcli.ledger.codes import FindingCode
from gkcli.ledger.findings import Finding, Severity
from gkcli.report import text as text_format
from gkcli.report.base import ReportSummary, RunInfo, finding_json, neutralise_formula, summary_line, write_reports
from gkcli.report.csv import CsvReporter
from gkcli.report.formats import REPORTERS, get_reporter
from gkcli.report.github import GITHUB_ANNOTATION_CAP
from golden_check import EXTENSIONS, GOLDEN, check_golden

GOLDEN_DIR = GOLDEN / "reporters"
AS_OF = date(2026, 10, 10)


def _finding(code: str, severity: Severity, *, file: str = "ledger.csv", en: str, zh: str, **place: Any) -> Finding:
    finding = Finding(code=FindingCode(code), file=file, message_en=en, message_zh=zh, **place)
    assert finding.severity is severity, "the registry decides a code's severity"
    return finding


FINDINGS = (
    _finding(
        "deadline-missed",
        Severity.ERROR,
        row=3,
        line=3,
        column="done",
        value="2026年10月23日",
        row_id="GK-001",
        rule="ysq-reply",
        en="completed 2026-10-23, 3 working days after the due date 2026-10-20",
        zh="完成于 2026-10-23，晚于截止日期 2026-10-20 共 3 个工作日",
    ),
    _finding(
        "due-soon",
        Severity.WARNING,
        row=4,
        line=4,
        column="start",
        value="2026-09-28",
        row_id="GK-002",
        rule="ysq-reply",
        provisional=True,
        en="open and due 2026-10-14, within 3 working days",
        zh="尚未完成，截止日期 2026-10-14，剩余 3 个工作日内",
    ),
    _finding(
        "invalid-date",
        Severity.ERROR,
        row=5,
        line=5,
        column="start",
        value="2026/13/1, 上午",
        row_id="GK-003",
        en="'2026/13/1, 上午' is not a date; write it as 2026-01-13",
        zh="“2026/13/1, 上午”不是日期；请写成 2026-01-13 这样的格式",
    ),
    _finding(
        "unknown-rule",
        Severity.ERROR,
        row=6,
        line=6,
        column="rule",
        value="依申请\n公开",
        row_id="GK-004",
        en="no rule is called '依申请\n公开'; see `gkcli rules list`",
        zh="没有名为“依申请\n公开”的规则；见 `gkcli rules list`",
    ),
    _finding(
        "missing-cell",
        Severity.ERROR,
        row=8,
        line=9,
        column="unit",
        value='=HYPERLINK("http://x.example","点我")',
        row_id="GK-005",
        en="the responsible unit is a formula, not a name",
        zh="责任单位是公式而不是单位名称",
    ),
    _finding(
        "extension-exceeds-max",
        Severity.ERROR,
        row=9,
        line=10,
        column="extension",
        value="50%",
        row_id="GK-006",
        rule="ysq-reply",
        en="extension 50% is not a number of working days (at most 20)",
        zh="延期 50% 不是工作日数（最多 20 个工作日）",
    ),
    _finding(
        "missing-column",
        Severity.ERROR,
        column="start",
        en="no start column; headers found: 编号, 事项, 完成日期",
        zh="缺少起算日期列；找到的表头：编号, 事项, 完成日期",
    ),
    _finding(
        "non-iso-date",
        Severity.WARNING,
        file="台账,2026.csv",
        row=2,
        line=2,
        column="start",
        value="2026年9月30日",
        row_id="7",
        en="date written 2026年9月30日; prefer 2026-09-30",
        zh="日期写作 2026年9月30日，建议写成 2026-09-30",
    ),
)
INFO = RunInfo(
    files=("ledger.csv", "台账,2026.csv", "empty.csv"),
    rows=1234,
    encodings={"ledger.csv": "utf-8", "台账,2026.csv": "gb18030", "empty.csv": "utf-8"},
    as_of=AS_OF,
)


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def _render(
    name: str, findings: Iterator[Finding] | tuple[Finding, ...] = FINDINGS, lang: str = "en", info: RunInfo = INFO
) -> tuple[str, ReportSummary]:
    out = io.StringIO()
    summary = get_reporter(name, lang).write(iter(findings), info, out)
    return out.getvalue(), summary


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", sorted(format.value for format in REPORTERS))
def test_golden(name: str, lang: str) -> None:
    text, summary = _render(name, lang=lang)
    assert (summary.errors, summary.warnings) == (6, 2)
    check_golden(GOLDEN_DIR / f"{name}.{lang}.{EXTENSIONS[name]}", text)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_github_step_summary_golden(lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    step_summary = tmp_path / "step-summary.md"
    step_summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step_summary))
    _render("github", lang=lang)
    written = step_summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n"), "the step summary is appended to, never replaced"
    check_golden(GOLDEN_DIR / f"github-step-summary.{lang}.md", written)


def _errors(count: int, file: str = "ledger.csv") -> list[Finding]:
    return [
        _finding(
            "overdue",
            Severity.ERROR,
            file=file,
            row=n + 2,
            line=n + 2,
            column="done",
            value="",
            en=f"overdue {n}",
            zh=f"已超期 {n}",
        )
        for n in range(count)
    ]


def test_github_caps_annotations_per_severity_and_says_how_many_were_left_out() -> None:
    warnings = [_finding("due-soon", Severity.WARNING, row=99, en="soon", zh="即将到期")] * 3
    text, summary = _render("github", [*_errors(25), *warnings])
    lines = text.splitlines()
    assert sum(line.startswith("::error ") for line in lines) == GITHUB_ANNOTATION_CAP == 10
    assert sum(line.startswith("::warning ") for line in lines) == 3
    assert lines[-1] == (
        "::notice title=gkcli::15 more errors and 0 more warnings not shown as annotations (at most 10 per severity). "
        "Run with --format text to see all of them."
    )
    assert (summary.errors, summary.warnings) == (25, 3)


def test_github_without_overflow_has_no_notice() -> None:
    text, _ = _render("github", _errors(10))
    assert "::notice" not in text
    assert len(text.splitlines()) == 10


def test_github_step_summary_lists_every_finding_and_points_the_notice_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    step_summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step_summary))
    text, _ = _render("github", _errors(25))
    table_rows = [
        line for line in step_summary.read_text(encoding="utf-8").splitlines() if line.startswith("| error | overdue |")
    ]
    assert len(table_rows) == 25
    assert text.splitlines()[-1].endswith("See the job summary for all of them.")


def test_github_unwritable_step_summary_is_an_input_error_before_any_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path))
    out = io.StringIO()
    with pytest.raises(InputError) as raised:
        get_reporter("github").write(iter(FINDINGS), INFO, out)
    assert raised.value.exit_code == 2 and str(tmp_path) in raised.value.message("en")
    assert out.getvalue() == ""


def test_github_escapes_cannot_inject_workflow_commands() -> None:
    hostile = _finding(
        "unknown-rule",
        Severity.ERROR,
        file="dir:a,b.csv",
        row=2,
        line=2,
        value="x",
        en="bad\n::add-mask::secret\r100%",
        zh="坏",
    )
    text, _ = _render("github", [hostile])
    assert text == "::error file=dir%3Aa%2Cb.csv,line=2,title=unknown-rule::row 2: bad%0A::add-mask::secret%0D100%25\n"


def test_github_omits_line_for_file_level_findings() -> None:
    text, _ = _render("github", [FINDINGS[6]])
    assert text.startswith("::error file=ledger.csv,title=missing-column::whole file: no start column")


def test_gitlab_fingerprints_unique_for_repeats_and_stable_between_runs() -> None:
    repeated = [FINDINGS[0]] * 3 + [FINDINGS[1]]
    first = json.loads(_render("gitlab", repeated)[0])
    second = json.loads(_render("gitlab", repeated)[0])
    fingerprints = [issue["fingerprint"] for issue in first]
    assert len(set(fingerprints)) == 4
    assert fingerprints == [issue["fingerprint"] for issue in second]
    assert all(re.fullmatch(r"[0-9a-f]{64}", fingerprint) for fingerprint in fingerprints)
    assert [issue["severity"] for issue in first] == ["major", "major", "major", "minor"]
    assert first[0]["location"] == {"path": "ledger.csv", "lines": {"begin": 3}}


def test_gitlab_without_findings_is_an_empty_array() -> None:
    assert json.loads(_render("gitlab", [])[0]) == []


def test_gitlab_file_level_finding_points_at_line_one() -> None:
    (issue,) = json.loads(_render("gitlab", [FINDINGS[6]])[0])
    assert issue["location"]["lines"]["begin"] == 1


def test_junit_parses_with_one_suite_per_file_and_a_passing_case_for_a_clean_file() -> None:
    root = ET.fromstring(_render("junit")[0])
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert list(suites) == ["ledger.csv", "台账,2026.csv", "empty.csv"]
    assert (root.get("tests"), root.get("failures")) == ("9", "6")
    ledger = suites["ledger.csv"]
    assert (ledger.get("tests"), ledger.get("failures")) == ("7", "6")
    failure_types = [failure.get("type") for failure in ledger.iter("failure")]
    assert failure_types == [
        "deadline-missed",
        "invalid-date",
        "unknown-rule",
        "missing-cell",
        "extension-exceeds-max",
        "missing-column",
    ]
    (clean_case,) = suites["empty.csv"].iter("testcase")
    assert list(clean_case) == [], "a file without findings has one passing testcase"
    warning_case = next(case for case in suites["台账,2026.csv"].iter("testcase"))
    assert warning_case.find("failure") is None
    assert "2026-09-30" in (warning_case.findtext("system-out") or "")


def test_junit_still_parses_with_characters_xml_forbids() -> None:
    hostile = _finding(
        "invalid-date", Severity.ERROR, row=2, line=2, value="\x00\x07\x1b[31m\ufffe", en="bad \x0c value", zh="坏"
    )
    root = ET.fromstring(_render("junit", [hostile])[0])
    failure = next(root.iter("failure"))
    assert failure.get("message") == "bad \\x0c value"
    assert "value: \\x00\\x07\\x1b[31m\\ufffe" in (failure.text or "")


def test_csv_neutralises_formula_cells_and_round_trips_the_rest() -> None:
    text, _ = _render("csv")
    assert text.startswith("\ufeffcode,severity,file,row,line,column,value,id,rule,message,provisional\n")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(rows) == len(FINDINGS)
    by_code = {row["code"]: row for row in rows}
    assert by_code["missing-cell"]["value"] == """'=HYPERLINK("http://x.example","点我")"""
    assert by_code["unknown-rule"]["value"] == "依申请\n公开"
    assert by_code["invalid-date"]["value"] == "2026/13/1, 上午"
    assert by_code["missing-column"]["row"] == ""
    assert by_code["non-iso-date"]["file"] == "台账,2026.csv"


def test_csv_header_is_the_finding_record_keys_in_order() -> None:
    assert tuple(FINDINGS[0].as_record()) == CsvReporter.FIELDS


@pytest.mark.parametrize(
    "value",
    ["", "plain", "依申请\n公开", '"quoted" \\ back', "\x00\x1b\u2028\ud800", "😀"],
)
def test_fast_json_records_equal_json_dumps(value: str) -> None:
    finding = _finding("invalid-date", Severity.ERROR, row=2, line=3, column="start", value=value, en=value, zh=value)
    reporter = get_reporter("jsonl", "zh")
    assert reporter.record_json(finding) == json.dumps(finding.as_record("zh"), ensure_ascii=False)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+86", "'+86"),
        ("-3", "'-3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        ("", ""),
        ("编号", "编号"),
    ],
)
def test_neutralise_formula(cell: str, expected: str) -> None:
    assert neutralise_formula(cell) == expected


def test_json_parses_back_with_summary_and_records() -> None:
    document = json.loads(_render("json", lang="zh")[0])
    assert document["version"] == 1
    assert document["summary"] == {
        "files": list(INFO.files),
        "rows": 1234,
        "encodings": INFO.encodings,
        "as_of": "2026-10-10",
        "lang": "zh",
        "errors": 6,
        "warnings": 2,
        "ignored": 0,
    }
    assert document["findings"] == [finding.as_record("zh") for finding in FINDINGS]


def test_json_without_findings_is_valid() -> None:
    document = json.loads(_render("json", [])[0])
    assert document["findings"] == [] and document["summary"]["errors"] == 0


def test_jsonl_parses_back_one_record_a_line() -> None:
    lines = _render("jsonl")[0].splitlines()
    assert [json.loads(line) for line in lines] == [finding.as_record("en") for finding in FINDINGS]


def test_text_on_a_tty_is_a_table_without_colour_under_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    out = FakeTty()
    get_reporter("text", "zh").write(iter(FINDINGS), INFO, out)
    table = out.getvalue()
    assert not re.search(r"\x1b\[[0-9;]*3[0-9]m", table), "NO_COLOR allows bold but no colour"
    assert "代码" in table and "deadline-missed" in table and "台账,2026.csv" in table


def test_text_on_a_tty_colours_severities() -> None:
    out = FakeTty()
    get_reporter("text").write(iter(FINDINGS[:1]), INFO, out)
    assert "\x1b[" in out.getvalue()


def test_text_escapes_terminal_control_characters() -> None:
    hostile = _finding(
        "invalid-date", Severity.ERROR, row=2, line=2, column="start", value="\x1b]0;pwned\x07", en="bad", zh="坏"
    )
    for out in (io.StringIO(), FakeTty()):
        get_reporter("text").write([hostile], INFO, out)
        assert "\x1b]" not in out.getvalue() and "\x07" not in out.getvalue()
        assert "\\x1b]0;pwned\\x07" in out.getvalue()


def test_text_shows_a_value_without_a_column() -> None:
    quarter = _finding(
        "quarter-missing", Severity.ERROR, value="2026Q2", en="no event in 2026Q2", zh="2026年第二季度无记录"
    )
    text, _ = _render("text", [quarter])
    assert text == 'ledger.csv         error    quarter-missing        "2026Q2"  no event in 2026Q2\n'


@pytest.mark.parametrize("name", ["text", "json", "jsonl", "csv", "github", "gitlab"])
def test_streaming_formats_write_each_finding_before_reading_the_next(name: str) -> None:
    out = io.StringIO()
    info_calls: list[int] = []
    consumed: list[bool] = []

    def findings() -> Iterator[Finding]:
        for n, finding in enumerate(_errors(3)):
            if n:
                assert f"overdue {n - 1}" in out.getvalue(), f"{name} held finding {n - 1} back"
            yield finding
        consumed.append(True)

    def info() -> RunInfo:
        assert consumed, "the run info is asked for only after the last finding"
        info_calls.append(1)
        return INFO

    summary = get_reporter(name).write(findings(), info, out)
    assert info_calls == [1] and summary.errors == 3 and summary.info is INFO


def test_summary_counts_all_findings_even_when_the_format_caps_them() -> None:
    _, summary = _render("github", [*_errors(30), FINDINGS[1]])
    assert (summary.errors, summary.warnings) == (30, 1)
    assert summary.count_at_or_above(Severity.ERROR) == 30
    assert summary.count_at_or_above(Severity.WARNING) == 31


def test_summary_line_in_both_languages() -> None:
    summary = ReportSummary(INFO, errors=2, warnings=1)
    assert (
        summary_line(summary, "en")
        == "2 errors, 1 warning in 3 files (1,234 rows, encodings gb18030, utf-8, as of 2026-10-10)"
    )
    assert (
        summary_line(summary, "zh") == "3 个文件（1,234 行，编码 gb18030, utf-8，截至 2026-10-10）：2 个错误，1 个警告"
    )
    one = RunInfo(files=("a.xlsx",), rows=1, encodings={"a.xlsx": None}, as_of=AS_OF)
    assert summary_line(ReportSummary(one, 0, 0), "en") == "no findings in 1 file (1 row, as of 2026-10-10)"
    assert summary_line(ReportSummary(one, 0, 0), "zh") == "1 个文件（1 行，截至 2026-10-10）：未发现问题"
    single = RunInfo(files=("a.csv",), rows=1000, encodings={"a.csv": "gb18030"}, as_of=AS_OF)
    assert (
        summary_line(ReportSummary(single, 1, 0), "en")
        == "1 error, 0 warnings in 1 file (1,000 rows, encoding gb18030, as of 2026-10-10)"
    )


def test_unknown_format_is_an_input_error_listing_the_formats() -> None:
    with pytest.raises(InputError) as raised:
        get_reporter("sarif2")
    assert raised.value.exit_code == 2
    assert "text, json, jsonl, csv, github, gitlab, junit, sarif" in raised.value.message("en")
    assert "sarif2" in raised.value.message("zh")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", sorted(format.value for format in REPORTERS))
def test_provisional_finding_is_marked_in_every_format(name: str, lang: str) -> None:
    """docs/design.md §2.3: a result counted on a provisional year is marked in every output format."""
    provisional = FINDINGS[1]
    assert provisional.provisional and not FINDINGS[0].provisional
    text, _ = _render(name, [provisional, FINDINGS[0]], lang=lang)
    marker = "[临时" if lang == "zh" else "[PROVISIONAL"
    assert text.count(marker) == 1
    if name in ("json", "jsonl"):
        records = (
            [json.loads(line) for line in text.splitlines() if line.startswith('{"code')]
            if name == "jsonl"
            else json.loads(text)["findings"]
        )
        assert [record["provisional"] for record in records] == [True, False]
    if name == "csv":
        assert [row["provisional"] for row in csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))] == [
            "true",
            "false",
        ]


@pytest.mark.parametrize("name", sorted(format.value for format in REPORTERS))
def test_no_format_keeps_the_findings_it_has_written(name: str) -> None:
    """Every format streams: a finding is garbage once the next ones are being read."""
    seen: list[weakref.ref[Finding]] = []

    def findings() -> Iterator[Finding]:
        for n in range(6):
            finding = _errors(1, file=f"ledger-{n}.csv")[0]
            if n >= 2:
                gc.collect()
                assert seen[n - 2]() is None, f"{name} still holds finding {n - 2}"
            seen.append(weakref.ref(finding))
            yield finding
            del finding

    summary = get_reporter(name).write(findings(), INFO, io.StringIO())
    assert summary.errors == 6


def test_junit_gathers_a_files_findings_into_its_suite_whatever_their_order() -> None:
    mixed = [*_errors(2), *_errors(1, file="台账,2026.csv"), *_errors(3)[2:], FINDINGS[7]]
    root = ET.fromstring(_render("junit", mixed)[0])
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert [case.get("name") for case in suites["ledger.csv"].iter("testcase")] == [
        "row 2: overdue",
        "row 3: overdue",
        "row 4: overdue",
    ]
    assert [case.get("name") for case in suites["台账,2026.csv"].iter("testcase")] == [
        "row 2: overdue",
        "row 2: non-iso-date",
    ]
    assert (suites["台账,2026.csv"].get("tests"), suites["台账,2026.csv"].get("failures")) == ("2", "1")
    assert (root.get("tests"), root.get("failures")) == ("6", "4")


def test_junit_without_files_or_findings_is_an_empty_document() -> None:
    empty = RunInfo(files=(), rows=0, encodings={}, as_of=AS_OF)
    text, _ = _render("junit", [], info=empty)
    assert ET.fromstring(text).get("tests") == "0"


def test_text_on_a_tty_prints_a_table_per_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_format, "TABLE_BATCH", 2)
    monkeypatch.setenv("COLUMNS", "200")
    out = FakeTty()
    get_reporter("text").write(iter(_errors(5)), INFO, out)
    assert out.getvalue().count("severity") == 3
    assert all(f"overdue {n}" in out.getvalue() for n in range(5))


def test_several_formats_in_one_pass_write_what_each_writes_alone() -> None:
    consumed: list[Finding] = []

    def findings() -> Iterator[Finding]:
        for finding in FINDINGS:
            consumed.append(finding)
            yield finding

    outs = {name: io.StringIO() for name in ("json", "junit", "github", "csv")}
    summary = write_reports(findings(), INFO, [(get_reporter(name, "zh"), out) for name, out in outs.items()])
    assert consumed == list(FINDINGS), "the findings are read once"
    assert (summary.errors, summary.warnings) == (6, 2)
    for name, out in outs.items():
        assert out.getvalue() == _render(name, lang="zh")[0]


def test_a_format_that_cannot_start_stops_the_run_and_the_started_ones_are_closed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path))
    junit = get_reporter("junit")
    closed: list[bool] = []
    monkeypatch.setattr(junit, "close", lambda: closed.append(True))
    with pytest.raises(InputError):
        write_reports(iter(FINDINGS), INFO, [(junit, io.StringIO()), (get_reporter("github"), io.StringIO())])
    assert closed == [True]


def test_a_reporter_refuses_a_language_it_does_not_have_instead_of_writing_english():
    assert get_reporter("text", Lang.zh).lang is Lang.zh and get_reporter("json", "en").lang is Lang.en
    with pytest.raises(ValueError):
        get_reporter("text", "fr")


_texts = st.text(st.characters(codec="utf-8"), max_size=30)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(list(FindingCode)),
    _texts,
    _texts,
    _texts,
    st.one_of(st.none(), st.integers(1, 10**7)),
    st.one_of(st.none(), st.integers(1, 10**7)),
    st.one_of(st.none(), _texts),
    st.one_of(st.none(), _texts),
    st.one_of(st.none(), _texts),
    st.booleans(),
    st.sampled_from(["en", "zh"]),
)
def test_a_findings_json_line_is_json_dumps_of_its_record(
    code, file, en, zh, row, line, value, row_id, rule, flag, lang
):
    finding = Finding(code, file, en, zh, row, line, "done", value, row_id, rule, flag)
    assert finding_json(finding, lang) == json.dumps(finding.as_record(lang), ensure_ascii=False)


def test_a_worded_finding_equals_the_same_finding_worded_at_once() -> None:
    from gkcli.ledger.messages import Missed
    from gkcli.rules.catalogue import load_catalogue

    wording = Missed(
        load_catalogue().get("interpretation"), "2026-10-12", "2026-10-10", "2019", "1 working day(s)", "1 个工作日"
    )
    worded = Finding.worded(wording, FindingCode.DEADLINE_MISSED, "t.csv", 2, 2, "done", "2026-10-12", "1", "x")
    eager = Finding(FindingCode.DEADLINE_MISSED, "t.csv", *wording.both(), 2, 2, "done", "2026-10-12", "1", "x")
    assert worded == eager and hash(worded) == hash(eager) and repr(worded) == repr(eager)
    assert worded.message("zh") == eager.message_zh and worded.as_record("en") == eager.as_record("en")
    with pytest.raises(AttributeError):
        worded.row = 3  # type: ignore[misc]
