"""``gkcli deadline``: the docs/design.md §4 worked examples end to end, every format (golden files),
the counting options as the output shows them, batch mode over stdin, --explain and --ics.

Regenerate the golden files with ``GKCLI_UPDATE_GOLDEN=1 pytest tests/test_cli_deadline.py``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import icalendar
import pytest
from typer.testing import CliRunner

from gkcli.cli.app import app
from golden_check import GOLDEN, check_golden

runner = CliRunner()
GOLDEN_DIR = GOLDEN / "deadline"


def run(*args: str, stdin: str | bytes | None = None):
    return runner.invoke(app, list(args), input=stdin)


def deadline(*args: str, stdin: str | bytes | None = None):
    return run("deadline", *args, stdin=stdin)


# -- the done-when examples -----------------------------------------------------------------


def test_interpretation_over_national_day_with_basis():
    result = deadline("interpretation", "2026-09-30")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "2026-10-10 (Sat, make-up working day for 国庆节)"
    assert "政策解读材料发布 (interpretation)" in result.stdout
    assert "basis: 临政办发〔2016〕22号 二(一)4 「相关解读材料要于文件公开后3个工作日内…发布」" in lines
    assert result.stderr == ""


def test_alias_and_make_up_weekend():
    result = deadline("依申请", "2022-09-30")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "2022-11-02 (Wed)"


def test_request_reply_before_2019_uses_the_15_day_version_and_says_so():
    result = deadline("request-reply", "2018-03-01")
    assert result.stdout.splitlines()[0] == "2018-03-22 (Thu)"
    assert "version: 2008 条例: 15 working days (for triggers 2008-05-01..2019-05-14)" in result.stdout
    assert "第二十四条" in result.stdout
    record = json.loads(deadline("request-reply", "2018-03-01", "-f", "json").stdout)
    assert (record["version"], record["amount"], record["due"]) == ("2008 条例", 15, "2018-03-22")


@pytest.mark.parametrize(("trigger", "amount"), [("2019-05-14", 15), ("2019-05-15", 20)])
def test_regime_switches_on_2019_05_15(trigger, amount):
    assert json.loads(deadline("request-reply", trigger, "-f", "json").stdout)["amount"] == amount


def test_regime_override_is_applied_and_recorded():
    record = json.loads(deadline("request-reply", "2018-03-01", "--regime", "2019", "-f", "json").stdout)
    assert (record["version"], record["amount"], record["options"]["regime"]) == ("2019 条例", 20, "2019")
    text = deadline("request-reply", "2018-03-01", "--regime", "2019").stdout
    assert "options: --regime 2019" in text


def test_press_conference_exact_hours():
    result = deadline("press-conference", "2026-10-01 22:30")
    assert result.stdout.splitlines()[0] == "2026-10-02 22:30 (Fri, holiday for 国庆节)"
    record = json.loads(deadline("press-conference", "2026-10-01 22:30", "-f", "json").stdout)
    assert (record["trigger"], record["due"], record["due_at"]) == (
        "2026-10-01T22:30:00+08:00",
        "2026-10-02",
        "2026-10-02T22:30:00+08:00",
    )


def test_an_input_offset_is_converted_to_beijing_time():
    record = json.loads(deadline("press-conference", "2026-10-01T14:30Z", "-f", "json").stdout)
    assert record["due_at"] == "2026-10-02T22:30:00+08:00"


def test_batch_tsv_two_lines():
    result = deadline("interpretation", "-", "--format", "tsv", stdin="2016-07-08\n2026-09-30\n")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "interpretation\t2016-07-08\t2016-07-13\t2016-07-14T00:00:00+08:00\t临政办发〔2016〕22号\tfalse\t",
        "interpretation\t2026-09-30\t2026-10-10\t2026-10-11T00:00:00+08:00\t临政办发〔2016〕22号\tfalse\t",
    ]


@pytest.mark.parametrize(
    ("rule", "trigger", "due"),
    [
        ("interpretation", "2016-07-08", "2016-07-13"),
        ("implementation-plan", "2016-07-08", "2016-08-19"),
        ("解读", "2026年9月30日", "2026-10-10"),
        ("interpretation", "2026/9/30", "2026-10-10"),
        ("review-application", "2026-09-01", "2026-11-02"),  # 60 days land on Sat 10-31: rolled to Mon
    ],
)
def test_worked_examples(rule, trigger, due):
    assert json.loads(deadline(rule, trigger, "-f", "json").stdout)["due"] == due


def test_chinese_output():
    result = run("--lang", "zh", "deadline", "interpretation", "2026-09-30")
    lines = result.stdout.splitlines()
    assert lines[0] == "2026-10-10（周六，国庆节调休上班）"
    assert any(line.startswith("依据：临政办发〔2016〕22号") for line in lines)


# -- errors ---------------------------------------------------------------------------------


def test_unknown_rule_suggests_close_names():
    result = deadline("interpertation", "2026-09-30")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown rule 'interpertation'" in result.stderr and "interpretation" in result.stderr
    zh = run("--lang", "zh", "deadline", "依申情", "2026-09-30")
    assert zh.exit_code == 2 and "未知规则" in zh.stderr


@pytest.mark.parametrize("bad", ["2026-02-30", "9/30", "tomorrow"])
def test_bad_trigger_is_exit_2(bad):
    result = deadline("interpretation", bad)
    assert result.exit_code == 2
    assert repr(bad) in result.stderr and "Traceback" not in result.stderr


def test_uncovered_year_is_exit_3():
    result = deadline("interpretation", "2031-03-02")
    assert result.exit_code == 3
    assert "2031" in result.stderr and "holidays import" in result.stderr


def test_extension_at_and_over_the_maximum():
    at_max = json.loads(deadline("request-reply", "2022-09-30", "--extend", "20", "-f", "json").stdout)
    assert at_max["due"] == "2022-11-30" and at_max["options"]["extend"] == 20
    over = deadline("request-reply", "2022-09-30", "--extend", "21")
    assert over.exit_code == 2 and "20" in over.stderr and "第三十三条" in over.stderr
    old = deadline("request-reply", "2018-03-01", "--extend", "16")
    assert old.exit_code == 2 and "15" in old.stderr


def test_negative_extension_is_a_usage_error():
    assert deadline("request-reply", "2022-09-30", "--extend", "-1").exit_code == 2


def test_check_rules_are_not_deadlines():
    result = deadline("public-comment", "2026-09-30")
    assert result.exit_code == 2 and "ledger check" in result.stderr


# -- options --------------------------------------------------------------------------------


def test_options_are_in_json_and_text():
    args = ("request-reply", "2022-09-30", "--pause", "2022-10-10..2022-10-12", "--nonworking-trigger", "next-workday")
    record = json.loads(deadline(*args, "-f", "json").stdout)
    assert record["options"] == {
        "nonworking_trigger": "next-workday",
        "count_start_day": False,
        "pauses": [["2022-10-10", "2022-10-12"]],
        "restart": None,
        "extend": 0,
        "regime": None,
    }
    assert record["due"] == "2022-11-07"  # three paused working days added to 2022-11-02
    assert "options: --nonworking-trigger next-workday --pause 2022-10-10..2022-10-12" in deadline(*args).stdout


def test_restart_counts_afresh():
    record = json.loads(deadline("request-reply", "2022-09-30", "--restart", "2022-10-17", "-f", "json").stdout)
    assert record["options"]["restart"] == "2022-10-17"
    assert record["due"] == "2022-11-14"


def test_bad_pause_is_exit_2():
    result = deadline("request-reply", "2022-09-30", "--pause", "2022-10-12..2022-10-10")
    assert result.exit_code == 2 and "2022-10-12..2022-10-10" in result.stderr


def test_both_shows_statutory_and_conservative():
    result = deadline("request-reply", "2022-09-30", "--both")
    assert result.stdout.splitlines()[:2] == [
        "statutory:    2022-11-02 (Wed)",
        "conservative: 2022-11-01 (Tue) (receipt day counted as day 1)",
    ]
    record = json.loads(deadline("request-reply", "2022-09-30", "--both", "-f", "json").stdout)
    assert (record["due"], record["conservative_due"]) == ("2022-11-02", "2022-11-01")
    tsv = deadline("request-reply", "2022-09-30", "--both", "-f", "tsv").stdout.rstrip("\n").split("\t")
    assert tsv[2] == "2022-11-02" and tsv[6] == "2022-11-01"


@pytest.mark.parametrize(("rule", "start"), [("press-conference", "2026-10-01 22:30"), ("部门年报", "2025-06-01")])
def test_both_is_refused_for_rules_that_count_no_days_by_its_own_name(rule, start):
    result = deadline(rule, start, "--both")
    assert result.exit_code == 2 and result.stdout == ""
    assert "--both (the conservative reading) does not apply" in result.stderr
    assert "--count-start-day" not in result.stderr, "names only options the user typed"


def test_count_start_day_alone():
    record = json.loads(deadline("interpretation", "2016-07-08", "--count-start-day", "-f", "json").stdout)
    assert record["due"] == "2016-07-12" and record["options"]["count_start_day"] is True


def test_rules_file_from_flag_environment_and_project_file(tmp_path, monkeypatch):
    rules = tmp_path / "my-rules.toml"
    rules.write_text(
        '[[rules]]\nid = "local-reply"\nname = "本地答复"\naliases = ["本地"]\nunit = "workday"\ntrigger = "收到"\n'
        '[[rules.versions]]\nlabel = "本地办法"\namount = 5\n'
        '[[rules.versions.basis]]\ndocument = "本地办法"\narticle = "第三条"\n',
        encoding="utf-8",
    )
    assert deadline("本地", "2026-09-30").exit_code == 2
    flagged = deadline("本地", "2026-09-30", "--rules", str(rules))
    assert flagged.stdout.splitlines()[0] == "2026-10-13 (Tue)"
    monkeypatch.setenv("GKCLI_RULES", str(rules))
    assert json.loads(deadline("local-reply", "2026-09-30", "-f", "json").stdout)["due"] == "2026-10-13"
    monkeypatch.delenv("GKCLI_RULES")
    Path("gkcli.toml").write_text(f'rules = "{rules.as_posix()}"\n', encoding="utf-8")
    assert deadline("local-reply", "2026-09-30", "-f", "tsv").stdout.split("\t")[2] == "2026-10-13"


def test_broken_rules_file_is_exit_2(tmp_path):
    rules = tmp_path / "broken.toml"
    rules.write_text("[[rules]]\nid = 'x'\n", encoding="utf-8")
    result = deadline("interpretation", "2026-09-30", "--rules", str(rules))
    assert result.exit_code == 2 and "broken.toml" in result.stderr


@pytest.mark.parametrize("unit", ["hour", "day", "month"])
def test_huge_amount_in_a_rules_file_is_refused_naming_file_and_entry(tmp_path, unit):
    rules = tmp_path / "huge.toml"
    rules.write_text(
        f'[[rules]]\nid = "huge"\nname = "巨"\nunit = "{unit}"\ntrigger = "收到"\n'
        '[[rules.versions]]\nlabel = "v"\namount = 99999999999\n[[rules.versions.basis]]\ndocument = "d"\n',
        encoding="utf-8",
    )
    result = deadline("huge", "2026-09-30", "--rules", str(rules))
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert f"{rules}: rules[1] (id 'huge') versions[1]: 'amount' must be between 1 and 36500" in result.stderr


def test_format_from_the_environment(monkeypatch):
    monkeypatch.setenv("GKCLI_FORMAT", "jsonl")
    out = deadline("interpretation", "2026-09-30").stdout
    assert out.count("\n") == 1 and json.loads(out)["due"] == "2026-10-10"
    monkeypatch.setenv("GKCLI_FORMAT", "csv")  # another command's format: this one falls back to text
    assert deadline("interpretation", "2026-09-30").stdout.startswith(
        "2026-10-10 (Sat, make-up working day for 国庆节)\n"
    )


# -- provisional ----------------------------------------------------------------------------


def test_provisional_is_marked_in_every_format():
    args = ("--provisional", "deadline", "interpretation", "2027-09-30")
    text = run(*args)
    assert text.exit_code == 0
    assert "PROVISIONAL" in text.stdout.splitlines()[0]
    assert "warning: 2027" in text.stderr
    assert json.loads(run(*args, "-f", "json").stdout)["provisional"] is True
    assert json.loads(run(*args, "-f", "jsonl").stdout)["provisional"] is True
    assert run(*args, "-f", "tsv").stdout.rstrip("\n").split("\t")[5] == "true"
    assert json.loads(deadline("interpretation", "2026-09-30", "-f", "json").stdout)["provisional"] is False


def test_batch_warns_once_per_provisional_year():
    result = run(
        "--provisional", "deadline", "interpretation", "-", "-f", "tsv", stdin="2027-03-01\n2027-04-01\n2028-03-01\n"
    )
    assert result.exit_code == 0
    assert [line.split("\t")[5] for line in result.stdout.splitlines()] == ["true", "true", "true"]
    assert result.stderr.count("2027") == 1 and result.stderr.count("2028") == 1


# -- batch ----------------------------------------------------------------------------------


def test_batch_reports_bad_lines_and_goes_on():
    stdin = "2016-07-08\tA-1\nnot a date\tA-2\n\n2026-09-30\tA-3\n"
    result = deadline("interpretation", "-", "-f", "tsv", stdin=stdin)
    assert result.exit_code == 2
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [(row[2], row[-1]) for row in rows] == [("2016-07-13", "A-1"), ("2026-10-10", "A-3")]
    assert result.stderr.startswith("line 2: 'not a date' is not a valid date")
    assert result.stderr.count("\n") == 1


def test_batch_uncovered_year_is_exit_3_after_the_other_lines():
    result = deadline("interpretation", "-", "-f", "tsv", stdin="2031-03-03\n2026-09-30\n")
    assert result.exit_code == 3
    assert result.stdout.count("\n") == 1 and "line 1:" in result.stderr


def test_batch_json_lines_and_json_array():
    stdin = "2016-07-08\tA-1\n2026-09-30\n"
    lines = [
        json.loads(line) for line in deadline("interpretation", "-", "-f", "jsonl", stdin=stdin).stdout.splitlines()
    ]
    assert [(r.get("id"), r["due"]) for r in lines] == [("A-1", "2016-07-13"), (None, "2026-10-10")]
    array = json.loads(deadline("interpretation", "-", "-f", "json", stdin=stdin).stdout)
    assert array == lines
    assert json.loads(deadline("interpretation", "-", "-f", "json", stdin="").stdout) == []


def test_batch_text_lines():
    result = deadline("interpretation", "-", stdin="2026-09-30\tX\n")
    assert result.stdout == "X\t2026-09-30 (Wed) -> 2026-10-10 (Sat, make-up working day for 国庆节)\n"


def test_batch_reads_bom_crlf_gb18030_and_date_times():
    stdin = "\ufeff2016-07-08\r\n".encode() + "2026年9月30日\r\n".encode("gb18030") + b"2026-10-01 22:30\n"
    result = deadline("interpretation", "-", "-f", "tsv", stdin=stdin)
    assert result.exit_code == 0, result.stderr
    assert [line.split("\t")[1:3] for line in result.stdout.splitlines()] == [
        ["2016-07-08", "2016-07-13"],
        ["2026-09-30", "2026-10-10"],
        ["2026-10-01T22:30:00+08:00", "2026-10-10"],
    ]


def test_batch_undecodable_line():
    result = deadline("interpretation", "-", "-f", "tsv", stdin=b"\xff\xfe\xfa\xfb\n2026-09-30\n")
    assert result.exit_code == 2 and "line 1:" in result.stderr and result.stdout.count("\n") == 1


def test_batch_refuses_explain():
    result = deadline("interpretation", "-", "--explain", stdin="2026-09-30\n")
    assert result.exit_code == 2 and "--explain" in result.stderr


# -- explain --------------------------------------------------------------------------------


def test_explain_draws_counted_days_holidays_and_make_up_days():
    out = deadline("interpretation", "2026-09-30", "--explain").stdout
    assert "2026-10-05    H     H     H     1     2   [3*]" in out
    assert "H  国庆节 2026-10-01..2026-10-07" in out
    assert "*  2026-10-10 (Sat) make-up working day 国庆节" in out
    assert "options: none" in out
    assert "\x1b[" not in out  # no colour when stdout is not a terminal


def test_explain_shows_pauses_and_options():
    out = deadline("request-reply", "2022-09-30", "--pause", "2022-10-10..2022-10-12", "--explain").stdout
    assert "2022-10-10    P     P     P     3     4     -     -" in out
    assert "2022-11-07  [20]" in out
    assert "options: --pause 2022-10-10..2022-10-12" in out


def test_explain_hour_rule_states_the_exact_instant():
    out = deadline("press-conference", "2026-10-01 22:30", "--explain").stdout
    assert "Mon" not in out
    assert (
        "due: 2026-10-02 22:30 (Fri, holiday for 国庆节), the exact instant (Beijing time); not moved to a working day"
        in out
    )


def test_explain_json_carries_the_trace():
    record = json.loads(deadline("interpretation", "2026-09-30", "--explain", "-f", "json").stdout)
    counted = [(day["date"], day["counted"]) for day in record["trace"] if day["counted"]]
    assert counted == [("2026-10-08", 1), ("2026-10-09", 2), ("2026-10-10", 3)]


# -- ics ------------------------------------------------------------------------------------


def test_ics_single_and_deterministic_uids(tmp_path):
    target = tmp_path / "reminders.ics"
    result = deadline("request-reply", "2022-09-30", "--both", "--ics", str(target))
    assert result.exit_code == 0
    events = list(icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert [e.decoded("dtstart") for e in events] == [date(2022, 11, 2), date(2022, 11, 1)]
    assert "第三十三条" in str(events[0]["description"])
    uids = [str(e["uid"]) for e in events]
    deadline("request-reply", "2022-09-30", "--both", "--ics", str(target))
    assert [str(e["uid"]) for e in icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")] == uids
    assert len(set(uids)) == 2


def test_ics_batch_one_event_per_good_line(tmp_path):
    target = tmp_path / "batch.ics"
    result = deadline(
        "interpretation", "-", "-f", "tsv", "--ics", str(target), stdin="2016-07-08\tA\nbad\n2026-09-30\tB\n"
    )
    assert result.exit_code == 2
    events = list(icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == [
        "[A] Due: 政策解读材料发布 (interpretation)",
        "[B] Due: 政策解读材料发布 (interpretation)",
    ]


@pytest.mark.parametrize(
    ("target", "fix"),
    [("missing/x.ics", "directory {tmp}/missing does not exist"), (".", "is a directory; give a file name")],
)
@pytest.mark.parametrize("start", ["2026-09-30", "-"])
def test_ics_unwritable_path_is_exit_2_before_any_result(tmp_path, target, fix, start):
    path = tmp_path / target
    result = deadline("interpretation", start, "--ics", str(path), stdin="2026-09-30\n")
    assert result.exit_code == 2 and f"cannot write --ics {path}" in result.stderr
    assert fix.format(tmp=tmp_path) in result.stderr
    assert result.stdout == "", "a failed run prints no result"


# -- golden files, one per format -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "args", "stdin"),
    [
        ("text.txt", ["request-reply", "2022-09-30"], None),
        ("text-zh.txt", ["request-reply", "2022-09-30"], None),
        ("json.json", ["request-reply", "2022-09-30", "--both", "-f", "json"], None),
        ("tsv.tsv", ["interpretation", "-", "-f", "tsv"], "2016-07-08\tA-1\n2026-09-30\tA-2\n2018-03-01\tA-3\n"),
        (
            "jsonl.jsonl",
            ["request-reply", "-", "-f", "jsonl", "--pause", "2022-10-10..2022-10-12"],
            "2018-03-01\tR-1\n2022-09-30\tR-2\n",
        ),
        ("explain.txt", ["interpretation", "2026-09-30", "--explain"], None),
        ("explain-zh.txt", ["request-reply", "2022-09-30", "--explain", "--pause", "2022-10-10..2022-10-12"], None),
    ],
)
def test_golden(name, args, stdin):
    lang = "zh" if "-zh" in name else "en"
    result = run("--lang", lang, "deadline", *args, stdin=stdin)
    assert result.exit_code == 0, result.stderr
    check_golden(GOLDEN_DIR / name, result.stdout)
