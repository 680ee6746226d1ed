"""The period engine: one function turns a rule and a trigger into a deadline (docs/design.md §3).

Every unit goes through ``compute_deadline`` and comes back as a ``Deadline``: the due
instant, the version of the rule applied, whether the calendar used is provisional, and
a trace of the days counted and skipped (built only when asked for). The common path,
a working-day rule without options, makes a constant number of calendar look-ups.

``minimum`` and ``recurring`` rules are checks on a period, not deadlines:
``minimum_period_met`` and ``recurring_periods`` answer them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property

from gkcli.calendar.index import DayKind, WorkCalendar
from gkcli.core.dates import BEIJING, to_beijing
from gkcli.core.errors import InputError
from gkcli.rules.catalogue import Rule, RuleVersion, Unit

__all__ = [
    "DEFAULT_OPTIONS",
    "CountingOptions",
    "Deadline",
    "ExtensionExceedsMax",
    "RecurringPeriod",
    "TraceDay",
    "compute_deadline",
    "minimum_period_met",
    "option_applies",
    "option_refused",
    "recurring_periods",
]

ONE_DAY = timedelta(days=1)
_WORKDAY = Unit.WORKDAY  # looked up once: the hot path compares against it per ledger row
NONWORKING_TRIGGERS = ("asis", "next-workday")


@dataclass(frozen=True)
class CountingOptions:
    """The options of docs/design.md §3 that change the counting; the defaults are the statutory reading.

    - ``nonworking_trigger``: ``asis`` (a rest-day trigger counts from the next working
      day) or ``next-workday`` (the trigger is deemed to happen on the next working day).
    - ``count_start_day``: the trigger day counts as day 1 (the conservative date).
    - ``pauses``: inclusive date ranges whose days are not counted (条例 Art. 33).
    - ``restart``: the period counts afresh from this date (条例 Art. 30, 补正).
    - ``extend``: working days added after the due date, at most the version's maximum.
    - ``regime``: the version to apply (its label or first word, e.g. ``2008``).
    """

    nonworking_trigger: str = "asis"
    count_start_day: bool = False
    pauses: tuple[tuple[date, date], ...] = ()
    restart: date | None = None
    extend: int = 0
    regime: str | None = None

    def __post_init__(self) -> None:
        if self.nonworking_trigger not in NONWORKING_TRIGGERS:
            raise InputError(
                f"--nonworking-trigger must be one of {', '.join(NONWORKING_TRIGGERS)}, "
                f"got {self.nonworking_trigger!r}",
                f"--nonworking-trigger 应为 {', '.join(NONWORKING_TRIGGERS)} 之一，实际为 {self.nonworking_trigger!r}",
            )
        if self.extend < 0:
            raise InputError(
                f"an extension must be a number of working days of 0 or more, got {self.extend}",
                f"延长的工作日数不能为负数，实际为 {self.extend}",
            )
        for start, end in self.pauses:
            if end < start:
                raise InputError(
                    f"pause {start.isoformat()}..{end.isoformat()} ends before it starts",
                    f"暂停区间 {start.isoformat()}..{end.isoformat()} 的结束早于开始",
                )

    def describe(self) -> list[str]:
        """The options that differ from the defaults, as the command-line flags that set them."""
        flags = []
        if self.nonworking_trigger != "asis":
            flags.append(f"--nonworking-trigger {self.nonworking_trigger}")
        if self.count_start_day:
            flags.append("--count-start-day")
        flags += [f"--pause {start.isoformat()}..{end.isoformat()}" for start, end in self.pauses]
        if self.restart is not None:
            flags.append(f"--restart {self.restart.isoformat()}")
        if self.extend:
            flags.append(f"--extend {self.extend}")
        if self.regime is not None:
            flags.append(f"--regime {self.regime}")
        return flags


DEFAULT_OPTIONS = CountingOptions()


class ExtensionExceedsMax(InputError):
    """An extension longer than the rule's version allows (条例 Art. 33: at most 20 working days)."""

    code = "extension-exceeds-max"

    def __init__(self, rule: Rule, version: RuleVersion, requested: int) -> None:
        self.requested = requested
        self.maximum = version.max_extension
        where = version.citation or version.label
        if version.max_extension is None:
            en = (
                f"rule {rule.id!r} ({version.label}) allows no extension, but {requested} working "
                f"day(s) were asked for; basis: {where}. Fix: drop the extension"
            )
            zh = f"规则 {rule.id!r}（{version.label}）不允许延长，但要求延长 {requested} 个工作日；依据：{where}。请去掉延长"
        else:
            en = (
                f"an extension of {requested} working days exceeds the maximum of "
                f"{version.max_extension} for rule {rule.id!r} under {where} ({version.label}). "
                f"Fix: extend by at most {version.max_extension}"
            )
            zh = (
                f"延长 {requested} 个工作日超过了规则 {rule.id!r} 的上限：依据{where}（{version.label}），"
                f"最长不得超过 {version.max_extension} 个工作日"
            )
        super().__init__(en, zh)


@dataclass(frozen=True)
class TraceDay:
    """One day of the explanation: its kind and festival, its number if counted, whether paused."""

    date: date
    kind: DayKind
    name: str
    counted: int | None
    paused: bool


@dataclass(frozen=True)
class Deadline:
    """The result of a rule applied to a trigger.

    ``trigger`` is the trigger as an aware Beijing datetime (a date alone is 00:00);
    ``due_at`` is the end of ``due_date`` (the next day at 00:00, Beijing time) or, for an
    ``hour`` rule, the exact instant. ``counting_from`` is the day after which days are
    counted (never itself counted); ``counted_until`` the last day the amount reaches
    before any roll or extension. ``trace`` runs from the trigger day to the due day; it is
    empty for ``hour`` and ``fixed`` rules, which count no days. ``trigger``, ``due_at``,
    ``provisional`` and ``trace`` are worked out when first read, so that a ledger of a
    million rows pays only for what it reads.
    """

    rule: Rule
    version: RuleVersion
    options: CountingOptions
    given_trigger: date | datetime
    due_date: date
    calendar: WorkCalendar = field(repr=False, compare=False)
    counting_from: date | None = None
    counted_until: date | None = None
    exact_due: datetime | None = None

    @cached_property
    def trigger(self) -> datetime:
        return _instant(self.given_trigger)

    @property
    def trigger_date(self) -> date:
        """The trigger's day in Beijing time."""
        return _beijing_date(self.given_trigger)

    @cached_property
    def due_at(self) -> datetime:
        return self.exact_due or _end_of(self.due_date)

    @cached_property
    def provisional(self) -> bool:
        """True when a year from the trigger to the due day is counted on a provisional calendar."""
        return bool(self.calendar.provisional_years(self.trigger_date, self.due_date))

    @cached_property
    def trace(self) -> tuple[TraceDay, ...]:
        """Every day from the trigger day to the due day, with its count number or why it was skipped."""
        if self.counting_from is None or self.counted_until is None:
            return ()
        pauses = _merged(self.options.pauses)
        by_workday = self.rule.unit is Unit.WORKDAY
        last_counted = self.due_date if by_workday else self.counted_until
        number = 0
        days = []
        first = min(self.trigger_date, self.counting_from + ONE_DAY)
        for info in self.calendar.days(first, self.due_date):
            paused = any(start <= info.date <= end for start, end in pauses)
            counts = (
                self.counting_from < info.date <= last_counted
                and not paused
                and (info.kind.is_working or not by_workday)
            )
            if counts:
                number += 1
            days.append(TraceDay(info.date, info.kind, info.name, number if counts else None, paused))
        return tuple(days)

    @property
    def due_label(self) -> str:
        """The due date as ``YYYY-MM-DD``, or ``YYYY-MM-DD HH:MM`` for hour rules."""
        return self.due_at.strftime("%Y-%m-%d %H:%M") if self.rule.unit is Unit.HOUR else self.due_date.isoformat()

    def is_late(self, done: date | datetime) -> bool:
        """True when ``done`` falls after the deadline (after the due day, or the due instant).

        A date without a time is on time on the due day, also for an ``hour`` rule.
        """
        if self.rule.unit is Unit.HOUR and isinstance(done, datetime):
            return to_beijing(done) > self.due_at
        return _beijing_date(done) > self.due_date

    def days_late(self, done: date | datetime) -> int:
        """Working days from the due day to ``done`` (due day excluded); 0 when on time."""
        done_day = _beijing_date(done)
        if done_day <= self.due_date:
            return 0
        return self.calendar.count_workdays(self.due_date, done_day)


def _beijing_date(value: date | datetime) -> date:
    return to_beijing(value).date() if isinstance(value, datetime) else value


def _instant(value: date | datetime) -> datetime:
    """An aware Beijing datetime; a date alone is its 00:00."""
    if isinstance(value, datetime):
        return to_beijing(value)
    return datetime(value.year, value.month, value.day, tzinfo=BEIJING)


def _end_of(day: date) -> datetime:
    """24:00 of ``day`` in Beijing, i.e. the next day at 00:00."""
    return _instant(day + ONE_DAY)


def _merged(pauses: tuple[tuple[date, date], ...]) -> list[tuple[date, date]]:
    """Pauses sorted, with overlapping or adjacent ones joined, so no day is deducted twice."""
    merged: list[tuple[date, date]] = []
    for start, end in sorted(pauses):
        if merged and start <= merged[-1][1] + ONE_DAY:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


# An hour rule counts no days (only a restart moves it); a fixed date takes no option but
# the version. Every other unit takes every option.
_FLAGS_ALLOWED = {Unit.HOUR: ("--regime", "--restart"), Unit.FIXED: ("--regime",)}


def option_applies(unit: Unit, flag: str) -> bool:
    """Whether the counting option ``flag`` (e.g. ``--count-start-day``) means anything for ``unit``."""
    allowed = _FLAGS_ALLOWED.get(unit)
    return allowed is None or flag in allowed


def option_refused(rule: Rule, option: str) -> InputError:
    """The error for an ``option`` that does not apply to ``rule``'s unit."""
    return InputError(
        f"{option} does not apply to rule {rule.id!r}, whose unit is {rule.unit.value}; drop the option",
        f"{option} 不适用于规则 {rule.id!r}（单位：{rule.unit.value}）；请去掉该选项",
    )


def _check_applicable(rule: Rule, options: CountingOptions) -> None:
    """Refuse options that mean nothing for the rule's unit instead of ignoring them."""
    for flag in options.describe():
        if not option_applies(rule.unit, flag.split()[0]):
            raise option_refused(rule, flag)


def _extend_past_pauses(
    origin: date,
    pauses: list[tuple[date, date]],
    end_after: Callable[[int], date],
    measure: Callable[[date, date], int],
) -> date:
    """The end of a span starting after ``origin`` once the paused days inside it are made up.

    ``end_after(k)`` is the end when ``k`` more days are needed, ``measure(a, b)`` counts the
    days of (a, b] that the unit counts. Paused days push the end out, which may take in
    more paused days, so this repeats until the count is stable (条例 Art. 33).
    """
    made_up = 0
    end = end_after(0)
    while True:
        paused = 0
        for start, stop in pauses:
            low, high = max(start - ONE_DAY, origin), min(stop, end)
            if low < high:
                paused += measure(low, high)
        if paused == made_up:
            return end
        made_up = paused
        end = end_after(made_up)


def _workdays_past_pauses(calendar: WorkCalendar, origin: date, count: int, pauses: list[tuple[date, date]]) -> date:
    """The ``count``-th working day after ``origin`` that no pause covers."""
    return _extend_past_pauses(
        origin,
        pauses,
        lambda more: calendar.add_workdays(origin, count + more),
        calendar.count_workdays,
    )


def _fixed_due(year: int, version: RuleVersion) -> date:
    """``fixed_month``/``fixed_day`` of ``year``; 2月29日 falls back to the 28th in common years."""
    month, day = version.fixed_month or 1, version.fixed_day or 1
    try:
        return date(year, month, day)
    except ValueError:
        return date(year, month, day - 1)


def _add_months(day: date, months: int) -> date:
    """The corresponding day ``months`` later, or that month's last day (民法典 Art. 202)."""
    from dateutil.relativedelta import relativedelta

    result: date = day + relativedelta(months=months)
    return result


def compute_deadline(
    rule: Rule,
    trigger: date | datetime,
    calendar: WorkCalendar,
    options: CountingOptions = DEFAULT_OPTIONS,
) -> Deadline:
    """Apply ``rule`` to ``trigger`` on ``calendar`` with ``options`` (docs/design.md §3).

    A date-only trigger is 00:00 Beijing time; an aware datetime is converted to Beijing
    time and a naive one is taken as Beijing time. The version applied is the one in force
    on the trigger date (``options.regime`` overrides). Raises ``InputError`` for
    ``minimum``/``recurring`` rules, for options that do not apply to the unit, and
    ``ExtensionExceedsMax`` above the version's maximum; ``CalendarOutOfRange`` when a day
    needed lies in a year no calendar covers; ``InputError`` when a day would fall outside
    the dates Python can hold.
    """
    try:
        return _compute(rule, trigger, calendar, options)
    except (OverflowError, ValueError):
        given = trigger.isoformat()
        raise InputError(
            f"rule {rule.id!r} applied to the trigger {given} reaches a date outside the calendar; "
            f"check the trigger and the --restart and --pause dates",
            f"规则 {rule.id!r} 从起算日 {given} 计算会超出日历范围；请检查起算日以及 --restart、--pause 的日期",
        ) from None


def _compute(rule: Rule, trigger: date | datetime, calendar: WorkCalendar, options: CountingOptions) -> Deadline:
    """``compute_deadline`` without the guard against dates off the calendar."""
    day = _beijing_date(trigger)
    version = rule.version_for(day, options.regime)
    unit = rule.unit

    if unit is _WORKDAY and (options is DEFAULT_OPTIONS or options == DEFAULT_OPTIONS):
        # The hot path of the ledger: two array look-ups in the calendar.
        due = calendar.add_workdays(day, version.amount)
        return Deadline(rule, version, options, trigger, due, calendar, day, due)

    if unit in (Unit.MINIMUM, Unit.RECURRING):
        raise InputError(
            f"rule {rule.id!r} is a {unit.value} check, not a deadline; `gkcli ledger check` applies it",
            f"规则 {rule.id!r} 是{'最短期限' if unit is Unit.MINIMUM else '周期性'}检查，不是截止日期；"
            f"请用 `gkcli ledger check` 检查",
        )
    _check_applicable(rule, options)
    restart = options.restart
    if restart is not None and restart < day:
        raise InputError(
            f"the restart date {restart.isoformat()} is before the trigger {day.isoformat()}; "
            f"a period restarts after it began (条例 Art. 30)",
            f"重新起算日 {restart.isoformat()} 早于起算日 {day.isoformat()}；期限只能在开始后重新起算（条例第三十条）",
        )

    if unit is Unit.HOUR:
        due_at = _instant(trigger if restart is None else restart) + timedelta(hours=version.amount)
        return Deadline(rule, version, options, trigger, due_at.date(), calendar, exact_due=due_at)
    if unit is Unit.FIXED:
        return Deadline(rule, version, options, trigger, _fixed_due(day.year + 1, version), calendar)

    if options.extend and (version.max_extension is None or options.extend > version.max_extension):
        raise ExtensionExceedsMax(rule, version, options.extend)
    base = restart or day
    if options.nonworking_trigger == "next-workday":
        base = calendar.workday_on_or_after(base)
    pauses = _merged(options.pauses)
    amount = version.amount
    # Counting starts after ``origin``; counting the start day itself means starting a day
    # earlier (a rest day cannot count, so that changes nothing for a working-day rule then).
    origin = base - ONE_DAY if options.count_start_day else base

    if unit is Unit.WORKDAY:
        counted_until = _workdays_past_pauses(calendar, origin, amount, pauses)
        last_day = counted_until
    else:
        if unit is Unit.DAY:
            natural_end = origin + timedelta(days=amount)
        else:  # the corresponding day, a day earlier when the start day counts
            natural_end = _add_months(base, amount) + (origin - base)
        counted_until = _extend_past_pauses(
            origin,
            pauses,
            lambda more: natural_end + timedelta(days=more),
            lambda a, b: (b - a).days,
        )
        last_day = calendar.workday_on_or_after(counted_until)
    due = _workdays_past_pauses(calendar, last_day, options.extend, pauses)
    return Deadline(rule, version, options, trigger, due, calendar, origin, counted_until)


def minimum_period_met(rule: Rule, opened: date, closed: date) -> bool:
    """True when the period from ``opened`` to ``closed`` lasts at least the rule's N days
    (closed − opened ≥ N; e.g. 重大行政决策程序暂行条例 Art. 15: 不少于30日)."""
    if rule.unit is not Unit.MINIMUM:
        raise InputError(
            f"rule {rule.id!r} is not a minimum-period rule (its unit is {rule.unit.value})",
            f"规则 {rule.id!r} 不是最短期限规则（单位：{rule.unit.value}）",
        )
    return (closed - opened).days >= rule.version_for(opened).amount


@dataclass(frozen=True)
class RecurringPeriod:
    """One quarter or year of a recurring rule: its days, the events in it, and how many it needs."""

    start: date
    end: date
    events: int
    required: int

    @property
    def met(self) -> bool:
        return self.events >= self.required


def _period_start(day: date, period: str) -> date:
    if period == "year":
        return date(day.year, 1, 1)
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def _next_period_start(start: date, period: str) -> date:
    if period == "year" or start.month == 10:
        return date(start.year + 1, 1, 1)
    return date(start.year, start.month + 3, 1)


def recurring_periods(rule: Rule, events: Iterable[date], first: date, last: date) -> list[RecurringPeriod]:
    """Every quarter or year from the one holding ``first`` to the one holding ``last``, with the
    number of ``events`` that fall in each and the number the rule's version in force requires."""
    if rule.unit is not Unit.RECURRING:
        raise InputError(
            f"rule {rule.id!r} is not a recurring rule (its unit is {rule.unit.value})",
            f"规则 {rule.id!r} 不是周期性规则（单位：{rule.unit.value}）",
        )
    if last < first:
        raise InputError(
            f"the checked span {first.isoformat()}..{last.isoformat()} ends before it starts",
            f"检查区间 {first.isoformat()}..{last.isoformat()} 的结束早于开始",
        )
    period = rule.version_for(first).period or "quarter"
    counts: dict[date, int] = {}
    for event in events:
        start = _period_start(event, period)
        counts[start] = counts.get(start, 0) + 1
    periods = []
    start = _period_start(first, period)
    while start <= last:
        following = _next_period_start(start, period)
        required = rule.version_for(start).amount
        periods.append(RecurringPeriod(start, following - ONE_DAY, counts.get(start, 0), required))
        start = following
    return periods
