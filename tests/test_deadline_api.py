"""The deadline library as a Python caller uses it (docs/design.md §6): the statutory and
conservative pair, the batch runner over lines of bytes or text, the record ``gkcli
deadline --format json`` prints, the explanation's weeks, the unit registry and the typed
options."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from gkcli import CalendarOutOfRange, InputError, load_calendar
from gkcli.cli.app import app
from gkcli.deadlines import CountingOptions, DeadlineQuery, Trigger, compute_pair
from gkcli.deadlines.batch import BatchError, BatchResult, run_batch
from gkcli.deadlines.engine import compute_deadline
from gkcli.deadlines.explain import DayRole, explain
from gkcli.deadlines.model import CountingOption, NonworkingTrigger, OptionNotApplicable
from gkcli.deadlines.record import deadline_record, options_record
from gkcli.deadlines.units import UNITS, unit_for
from gkcli.rules.catalogue import Unit, load_catalogue


@pytest.fixture(scope="module")
def cal():
    return load_calendar()


@pytest.fixture(scope="module")
def rules():
    return load_catalogue()


# -- the pair -------------------------------------------------------------------------------


def test_pair_counts_the_trigger_day_only_in_the_conservative_twin(rules, cal):
    pair = compute_pair(rules.get("request-reply"), date(2022, 9, 30), cal, CountingOptions(count_start_day=True))
    assert (pair.statutory.due_date, pair.conservative.due_date) == (date(2022, 11, 2), date(2022, 11, 1))
    assert (pair.statutory.options.count_start_day, pair.conservative.options.count_start_day) == (False, True)


def test_pair_is_refused_for_a_rule_that_counts_no_days(rules, cal):
    with pytest.raises(InputError, match="--both"):
        compute_pair(rules.get("press-conference"), date(2026, 10, 1), cal)
    with pytest.raises(InputError, match="--both"):
        DeadlineQuery(rules.get("press-conference"), cal, both=True)


def test_query_with_both_carries_the_pair(rules, cal):
    result = DeadlineQuery(rules.get("request-reply"), cal, both=True).compute(Trigger.parse("2022-09-30", "A"))
    assert result.conservative is not None
    assert (result.statutory.due_date, result.conservative.due_date, result.latest_due) == (
        date(2022, 11, 2),
        date(2022, 11, 1),
        date(2022, 11, 2),
    )
    assert result.trigger.ident == "A"


# -- the batch runner -----------------------------------------------------------------------


def test_batch_yields_results_and_errors_with_their_line_numbers(rules, cal):
    query = DeadlineQuery(rules.get("interpretation"), cal)
    lines = [
        "\ufeff2016-07-08\r\n".encode(),
        b"\n",
        "2026年9月30日\tB-2\r\n".encode("gb18030"),
        b"\xff\xfe\xfa\xfb\n",
        b"not a date\n",
        b"1990-01-01\n",
    ]
    items = list(run_batch(query, lines))
    assert [item.line for item in items] == [1, 3, 4, 5, 6]
    first, third = items[0], items[1]
    assert isinstance(first, BatchResult) and first.result.statutory.due_date == date(2016, 7, 13)
    assert isinstance(third, BatchResult) and third.result.trigger.ident == "B-2"
    assert third.result.statutory.due_date == date(2026, 10, 10)
    errors = items[2:]
    assert all(isinstance(item, BatchError) for item in errors)
    assert errors[0].error.en == "not UTF-8 or GB18030 text"
    assert "2026-09-30" in errors[1].error.en  # the accepted forms are listed
    assert isinstance(errors[2].error, CalendarOutOfRange) and errors[2].error.exit_code == 3


def test_batch_reads_text_lines_too(rules, cal):
    query = DeadlineQuery(rules.get("interpretation"), cal)
    items = list(run_batch(query, ["2026-09-30\n", "   \n", "2026-10-01 22:30"]))
    assert [(item.line, item.result.statutory.due_date) for item in items if isinstance(item, BatchResult)] == [
        (1, date(2026, 10, 10)),
        (3, date(2026, 10, 10)),
    ]
    assert items[1].result.trigger.has_time  # type: ignore[union-attr]


# -- the record -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "start", "flags"),
    [
        ("request-reply", "2022-09-30", ["--both", "--pause", "2022-10-10..2022-10-12"]),
        ("press-conference", "2026-10-01 22:30", []),
        ("interpretation", "2026-09-30", ["--explain"]),
        ("request-reply", "2018-03-01", ["--regime", "2019", "--extend", "5"]),
    ],
)
def test_record_is_what_the_cli_prints(rules, cal, rule, start, flags):
    printed = CliRunner().invoke(app, ["deadline", rule, start, "-f", "json", *flags])
    assert printed.exit_code == 0, printed.stderr
    options = CountingOptions(
        pauses=((date(2022, 10, 10), date(2022, 10, 12)),) if "--pause" in flags else (),
        regime="2019" if "--regime" in flags else None,
        extend=5 if "--extend" in flags else 0,
    )
    query = DeadlineQuery(rules.get(rule), cal, options, both="--both" in flags)
    record = deadline_record(query.compute(Trigger.parse(start)), explain="--explain" in flags)
    assert record == json.loads(printed.stdout)


def test_record_takes_the_options_of_the_run(rules, cal):
    options = CountingOptions(count_start_day=True)
    result = DeadlineQuery(rules.get("request-reply"), cal, options, both=True).compute(Trigger.parse("2022-09-30"))
    assert deadline_record(result)["options"]["count_start_day"] is False  # the statutory deadline's own
    assert deadline_record(result, options=options_record(options))["options"]["count_start_day"] is True
    assert "trace" not in deadline_record(result) and "id" not in deadline_record(result)


# -- the explanation ------------------------------------------------------------------------


def test_explanation_weeks_roles_holidays_and_make_up_days(rules, cal):
    result = DeadlineQuery(rules.get("interpretation"), cal).compute(Trigger.parse("2026-09-30"))
    found = explain(result.statutory)
    assert [week.monday for week in found.weeks] == [date(2026, 9, 28), date(2026, 10, 5)]
    last = found.weeks[-1].days
    assert [day.role if day else None for day in last[:6]] == [
        DayRole.HOLIDAY,
        DayRole.HOLIDAY,
        DayRole.HOLIDAY,
        DayRole.COUNTED,
        DayRole.COUNTED,
        DayRole.MAKEUP,
    ]
    assert last[6] is None and last[5] is not None and last[5].is_due
    assert [(p.name, p.start, p.end) for p in found.holidays] == [("国庆节", date(2026, 10, 1), date(2026, 10, 7))]
    assert [day.date for day in found.makeup_days] == [date(2026, 10, 10)]
    assert DayRole.TRIGGER in found.roles and DayRole.PAUSED not in found.roles


def test_a_rule_without_days_has_an_empty_explanation(rules, cal):
    result = DeadlineQuery(rules.get("press-conference"), cal).compute(Trigger.parse("2026-10-01 22:30"))
    assert explain(result.statutory).weeks == ()


# -- the unit registry and typed options ----------------------------------------------------


def test_every_unit_of_the_catalogue_has_its_counting_registered():
    assert set(UNITS) == set(Unit)
    assert all(period.unit is unit for unit, period in UNITS.items())
    version = load_catalogue().get("request-reply").versions[-1]
    assert all(period.amount_text(version, lang) for period in UNITS.values() for lang in ("zh", "en"))


def test_an_option_a_unit_does_not_take_is_refused_by_its_typed_identifier(rules, cal):
    with pytest.raises(OptionNotApplicable) as refused:
        compute_deadline(rules.get("press-conference"), date(2026, 10, 1), cal, CountingOptions(extend=5))
    assert refused.value.option is CountingOption.EXTEND
    assert refused.value.code == "invalid-input"  # the class's own code: a ledger finding keeps its code
    assert refused.value.en.startswith("--extend 5 does not apply to rule 'press-conference'")
    assert CountingOption.RESTART in unit_for(Unit.HOUR).accepts
    assert unit_for(Unit.FIXED).accepts == {CountingOption.REGIME}


def test_nonworking_trigger_is_an_enum_that_takes_its_text_too():
    assert CountingOptions(nonworking_trigger="next-workday").nonworking_trigger is NonworkingTrigger.NEXT_WORKDAY  # type: ignore[arg-type]
    options = CountingOptions(nonworking_trigger=NonworkingTrigger.NEXT_WORKDAY, count_start_day=True)
    assert options.given() == [
        (CountingOption.NONWORKING_TRIGGER, "--nonworking-trigger next-workday"),
        (CountingOption.COUNT_START_DAY, "--count-start-day"),
    ]
    assert type(options_record(options)["nonworking_trigger"]) is str


def test_options_and_deadlines_survive_pickling(rules, cal):
    import pickle

    options = CountingOptions(
        nonworking_trigger=NonworkingTrigger.NEXT_WORKDAY, pauses=((date(2022, 10, 10), date(2022, 10, 12)),)
    )
    deadline = compute_deadline(rules.get("request-reply"), date(2022, 9, 30), cal, options)
    copy = pickle.loads(pickle.dumps(deadline))
    assert copy == deadline and copy.options == options and copy.due_at == deadline.due_at
    assert copy.trace == deadline.trace


def test_batch_repeats_of_a_start_keep_their_own_ids_and_errors(rules, cal):
    query = DeadlineQuery(rules.get("interpretation"), cal)
    items = list(run_batch(query, ["2026-09-30\tA", "2026-09-30\tB", "2026-09-30", "bad", "bad\tC"]))
    results = [item.result for item in items if isinstance(item, BatchResult)]
    assert [r.trigger.ident for r in results] == ["A", "B", ""]
    assert {r.statutory.due_date for r in results} == {date(2026, 10, 10)}
    assert [(item.line, type(item)) for item in items[3:]] == [(4, BatchError), (5, BatchError)]
