"""Update-gap rules (docs/rules.md "Update gaps"): a channel (a website column, an account)
must not go longer than N days or months without an update, checked over a ledger of
publication dates, per rule and channel, up to the as-of day."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from gkcli.calendar.sources import load_calendar
from gkcli.core.dates import BEIJING
from gkcli.core.errors import DataFileError, InputError
from gkcli.deadlines.units import unit_for
from gkcli.deadlines.units.gap import too_long_gaps
from gkcli.ledger.check import CheckOptions, check_ledger
from gkcli.ledger.codes import FindingCode
from gkcli.rules.catalogue import Domain, Unit, load_catalogue

CADENCE = Path(__file__).parent / "fixtures" / "cadence"
RULES = CADENCE / "rules.toml"
runner = CliRunner()


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(RULES)


def test_the_rules_file_defines_gap_rules_of_the_website_domain(catalogue):
    news, policy = catalogue.get("website-news"), catalogue.get("website-policy")
    assert news.unit is policy.unit is Unit.GAP
    assert news.domain is policy.domain is Domain.WEBSITE
    assert unit_for(Unit.GAP).amount_text(news.versions[0], "zh") == "间隔不超过14日"
    assert unit_for(Unit.GAP).amount_text(policy.versions[0], "en") == "no gap over 6 months"


def test_fourteen_quiet_days_are_allowed_fifteen_are_not(catalogue):
    news = catalogue.get("website-news")
    assert too_long_gaps(news, [date(2026, 9, 1), date(2026, 9, 16)], date(2026, 9, 16)) == []
    (gap,) = too_long_gaps(news, [date(2026, 9, 1), date(2026, 9, 17)], date(2026, 9, 17))
    assert (gap.first, gap.last, gap.days, gap.update_due, gap.open) == (
        date(2026, 9, 2),
        date(2026, 9, 16),
        15,
        date(2026, 9, 16),
        False,
    )


def test_the_gap_after_the_last_update_runs_to_the_as_of_day(catalogue):
    news = catalogue.get("website-news")
    assert too_long_gaps(news, [date(2026, 10, 1)], date(2026, 10, 15)) == []
    (gap,) = too_long_gaps(news, [date(2026, 10, 1), date(2026, 10, 30)], date(2026, 10, 20))
    assert gap.open and gap.last == date(2026, 10, 20) and gap.days == 19


def test_a_month_gap_ends_on_the_corresponding_day(catalogue):
    policy = catalogue.get("website-policy")
    # 6 months after 01-31 is 07-31: quiet through 07-31 is allowed, through 08-01 is not.
    assert too_long_gaps(policy, [date(2026, 1, 31), date(2026, 8, 1)], date(2026, 8, 1)) == []
    (gap,) = too_long_gaps(policy, [date(2026, 1, 31), date(2026, 8, 2)], date(2026, 8, 2))
    assert gap.update_due == date(2026, 8, 1) and gap.days == 182  # 02-01..08-01


@given(
    st.lists(st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 12, 31)), min_size=1, max_size=30),
    st.integers(min_value=1, max_value=60),
)
def test_gaps_agree_with_a_day_by_day_walk(updates, amount):
    from gkcli.rules.catalogue import parse_rules

    rule = parse_rules(
        {
            "rules": [
                {
                    "id": "cadence",
                    "name": "更新",
                    "unit": "gap",
                    "trigger": "发布",
                    "versions": [{"label": "x", "amount": amount, "basis": [{"document": "d", "article": "a"}]}],
                }
            ]
        },
        "test",
    )[0]
    as_of = max(updates)
    published = set(updates)
    expected = []
    quiet: list[date] = []
    day = min(updates)
    while day <= as_of:
        if day in published:
            if len(quiet) > amount:
                expected.append((quiet[0], quiet[-1]))
            quiet = []
        else:
            quiet.append(day)
        day = date.fromordinal(day.toordinal() + 1)
    assert [(gap.first, gap.last) for gap in too_long_gaps(rule, updates, as_of)] == expected


def test_a_gap_period_other_than_day_or_month_is_a_data_file_error(tmp_path):
    bad = tmp_path / "rules.toml"
    bad.write_text(RULES.read_text(encoding="utf-8").replace('period = "month"', 'period = "week"'), encoding="utf-8")
    with pytest.raises(DataFileError, match="'period' of a gap rule"):
        load_catalogue(bad)


def test_a_gap_rule_is_no_deadline(catalogue):
    from gkcli.deadlines import compute_deadline

    with pytest.raises(InputError, match="gap check, not a deadline"):
        compute_deadline(catalogue.get("website-news"), date(2026, 9, 1), load_calendar())


def test_ledger_check_reports_each_channels_gaps_with_their_dates(catalogue):
    options = CheckOptions(as_of=datetime(2026, 10, 20, tzinfo=BEIJING))
    findings = list(check_ledger(CADENCE / "ledger.csv", options, calendar=load_calendar(), catalogue=catalogue))
    assert {f.code for f in findings} == {FindingCode.UPDATE_GAP}
    by_value = {f.value: f for f in findings}
    assert set(by_value) == {"2026-09-16..2026-09-30", "2026-10-02..2026-10-20", "2026-09-11..2026-10-20"}
    gap = by_value["2026-09-16..2026-09-30"]
    assert "部门动态" in gap.message_en and "15 days" in gap.message_en and "due by 2026-09-30" in gap.message_en
    assert "连续 15 日未更新" in gap.message_zh
    assert "本地要闻" in by_value["2026-09-11..2026-10-20"].message_en


def test_cli_exits_1_on_a_gap_and_0_when_updates_keep_up(tmp_path):
    from gkcli.cli.app import app

    late = runner.invoke(
        app, ["ledger", "check", str(CADENCE / "ledger.csv"), "--rules", str(RULES), "--as-of", "2026-10-20"]
    )
    assert late.exit_code == 1 and "update-gap" in late.stdout
    kept_up = tmp_path / "ok.csv"
    kept_up.write_text(
        "事项,公开日期\n动态要闻,2026-09-01\n动态要闻,2026-09-15\n动态要闻,2026-09-29\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["ledger", "check", str(kept_up), "--rules", str(RULES), "--as-of", "2026-10-13"])
    assert result.exit_code == 0, result.stdout


def test_a_rule_not_yet_in_force_is_one_finding_and_the_rest_is_checked(tmp_path):
    """Found in review: a ledger row or series whose rule has no version in force on its day
    aborted the whole check (exit 2); it is a finding and the other rows are still judged."""
    from gkcli.cli.app import app

    ledger = tmp_path / "l.csv"
    ledger.write_text(
        "栏目,事项,公开日期,完成日期\n"
        "部门动态,website-news,2026-09-01,\n"  # the rule is in force from 2026-09-10
        ",public-comment,2019-01-01,2019-02-15\n"  # the 2019 条例 is in force from 2019-09-01
        ",解读,2026-09-30,2026-10-12\n",  # late: still reported
        encoding="utf-8",
    )
    result = runner.invoke(
        app,
        [
            "ledger",
            "check",
            str(ledger),
            "--rules",
            str(CADENCE / "later-rule.toml"),
            "--as-of",
            "2026-10-20",
            "-f",
            "jsonl",
        ],
    )
    assert result.exit_code == 1, result.stderr
    import json

    codes = [(json.loads(line)["code"], json.loads(line)["rule"]) for line in result.stdout.splitlines()]
    assert codes == [
        ("invalid-input", "public-comment"),
        ("deadline-missed", "interpretation"),
        ("invalid-input", "website-news"),
    ]
