"""The rules added from primary texts in this release (docs/rules.md): each counts a worked
example on the real calendar, across a holiday where the period allows, and quotes its text."""

from __future__ import annotations

from datetime import date

import pytest

from gkcli import CalendarOutOfRange, load_calendar
from gkcli.core.errors import InputError
from gkcli.deadlines import compute_deadline
from gkcli.rules import load_catalogue

ADDED = {
    "budget-government",
    "budget-department",
    "penalty-withdrawal",
    "procurement-result",
    "procurement-contract",
    "deputy-suggestion",
    "deputy-suggestion-complex",
    "review-reply",
    "review-decision",
    "review-decision-extended",
    "lawsuit-defence",
    "regulation-filing",
}


@pytest.fixture(scope="module")
def cal():
    return load_calendar()


@pytest.fixture(scope="module")
def rules():
    return load_catalogue()


@pytest.mark.parametrize(
    ("rule_id", "trigger", "expected"),
    [
        # 2 working days: 10-01..07 国庆节, 10-08 (1), 10-09 (2).
        ("procurement-result", date(2026, 9, 30), date(2026, 10, 9)),
        # Sat 02-14 is a make-up working day (1); 02-15..23 春节; Tue 02-24 (2).
        ("procurement-contract", date(2026, 2, 13), date(2026, 2, 24)),
        # 20 days end on 10-07, inside 国庆节: the period ends on the first day after it.
        ("budget-government", date(2026, 9, 17), date(2026, 10, 8)),
        ("budget-department", date(2026, 1, 15), date(2026, 2, 4)),
        ("penalty-withdrawal", date(2026, 9, 28), date(2026, 10, 8)),
        ("deputy-suggestion", date(2026, 3, 31), date(2026, 6, 30)),
        ("deputy-suggestion-complex", date(2026, 1, 31), date(2026, 7, 31)),
        ("review-reply", date(2026, 9, 25), date(2026, 10, 8)),
        # 2023: 10-05 is inside 国庆节; Sat 10-07 is the first (make-up) working day after it.
        ("review-reply", date(2023, 9, 25), date(2023, 10, 7)),
        ("review-decision", date(2026, 8, 10), date(2026, 10, 9)),
        # 90 days end on Sun 11-08: the period ends on Monday.
        ("review-decision-extended", date(2026, 8, 10), date(2026, 11, 9)),
        ("lawsuit-defence", date(2026, 9, 20), date(2026, 10, 8)),
        ("regulation-filing", date(2026, 9, 8), date(2026, 10, 8)),
    ],
)
def test_worked_example(rules, cal, rule_id, trigger, expected):
    assert compute_deadline(rules.get(rule_id), trigger, cal).due_date == expected


def test_every_added_rule_quotes_its_text(rules):
    for rule_id in ADDED:
        rule = rules.get(rule_id)
        for version in rule.versions:
            assert version.basis, rule_id
            assert all(basis.clause and basis.article for basis in version.basis), rule_id


@pytest.mark.parametrize(
    ("rule_id", "trigger", "label"),
    [
        ("review-reply", date(2023, 12, 31), "1999 行政复议法"),
        ("review-reply", date(2024, 1, 1), "2023 行政复议法"),
        ("deputy-suggestion", date(2025, 3, 10), "代表法 (2015年修正)"),
        ("deputy-suggestion", date(2025, 3, 11), "代表法 (2025年修正)"),
        ("regulation-filing", date(2024, 10, 31), "法规规章备案条例"),
        ("regulation-filing", date(2024, 11, 1), "法规规章备案审查条例"),
    ],
)
def test_version_in_force_on_the_trigger_day(rules, cal, rule_id, trigger, label):
    assert compute_deadline(rules.get(rule_id), trigger, cal).version.label == label


@pytest.mark.parametrize(
    ("rule_id", "trigger"),
    [
        ("deputy-suggestion", date(2015, 8, 28)),
        ("lawsuit-defence", date(2015, 4, 30)),
        ("budget-department", date(2014, 12, 31)),
    ],
)
def test_a_trigger_before_the_checked_text_is_refused_not_guessed(rules, cal, rule_id, trigger):
    with pytest.raises(InputError, match="no version in force"):
        compute_deadline(rules.get(rule_id), trigger, cal)


def test_chinese_aliases_find_the_added_rules(rules):
    assert rules.get("中标公告").id == "procurement-result"
    assert rules.get("部门预算公开").id == "budget-department"
    assert rules.get("复议答复").id == "review-reply"


def test_uncovered_year_still_stops(rules, cal):
    with pytest.raises(CalendarOutOfRange):
        compute_deadline(rules.get("procurement-result"), date(2040, 1, 2), cal)
