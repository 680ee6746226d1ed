"""The values the engine works with (docs/design.md §3): the counting options, the deadline
it returns and the days of its trace, and the errors it raises about options.

Every period unit (``deadlines.units``) builds a ``Deadline`` from these; nothing here
knows one unit from another.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple, TypedDict, Unpack

from gkcli.calendar.index import DayKind, WorkCalendar
from gkcli.core.dates import BEIJING, to_beijing
from gkcli.core.errors import InputError
from gkcli.rules.catalogue import Rule, RuleVersion

if TYPE_CHECKING:
    from gkcli.deadlines.units.base import PeriodUnit

__all__ = [
    "DEFAULT_OPTIONS",
    "ONE_DAY",
    "CountingOption",
    "CountingOptions",
    "Deadline",
    "ExtensionExceedsMax",
    "NonworkingTrigger",
    "OptionNotApplicable",
    "TraceDay",
    "beijing_date",
    "end_of",
    "instant",
    "merged_pauses",
    "span_past_pauses",
    "workdays_past_pauses",
]

ONE_DAY = timedelta(days=1)


class NonworkingTrigger(str, Enum):
    """What a trigger on a rest day means (docs/design.md §3)."""

    ASIS = "asis"  # counting starts after the trigger; the first counted day is a working day
    NEXT_WORKDAY = "next-workday"  # the trigger is deemed to happen on the next working day

    @classmethod
    def parse(cls, text: object) -> NonworkingTrigger:
        """The member whose value is ``text`` (``asis``, ``next-workday``); ``InputError`` otherwise."""
        if isinstance(text, cls):
            return text
        try:
            return cls(text)
        except ValueError:
            choices = ", ".join(choice.value for choice in cls)
            raise InputError(
                f"--nonworking-trigger must be one of {choices}, got {text!r}",
                f"--nonworking-trigger 应为 {choices} 之一，实际为 {text!r}",
            ) from None


class CountingOption(Enum):
    """Each counting option, by the ``CountingOptions`` field that holds it."""

    NONWORKING_TRIGGER = "nonworking_trigger"
    COUNT_START_DAY = "count_start_day"
    PAUSES = "pauses"
    RESTART = "restart"
    EXTEND = "extend"
    REGIME = "regime"

    @property
    def flag(self) -> str:
        """How ``gkcli`` spells the option, in messages and ``CountingOptions.describe``."""
        return _FLAGS[self]


_FLAGS = {
    CountingOption.NONWORKING_TRIGGER: "--nonworking-trigger",
    CountingOption.COUNT_START_DAY: "--count-start-day",
    CountingOption.PAUSES: "--pause",
    CountingOption.RESTART: "--restart",
    CountingOption.EXTEND: "--extend",
    CountingOption.REGIME: "--regime",
}


class _OptionValues(TypedDict, total=False):
    """The fields ``CountingOptions.replace`` may change."""

    nonworking_trigger: NonworkingTrigger | str
    count_start_day: bool
    pauses: tuple[tuple[date, date], ...]
    restart: date | None
    extend: int
    regime: str | None


class _Frozen:
    """Attributes are set once, in ``__init__`` (through ``object.__setattr__``)."""

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable; cannot delete {name!r}")


class CountingOptions(_Frozen):
    """The options of docs/design.md §3 that change the counting; the defaults are the statutory reading.

    - ``nonworking_trigger``: ``ASIS`` (a rest-day trigger counts from the next working
      day) or ``NEXT_WORKDAY`` (the trigger is deemed to happen on the next working day);
      its text value (``"next-workday"``) is accepted too.
    - ``count_start_day``: the trigger day counts as day 1 (the conservative date).
    - ``pauses``: inclusive date ranges whose days are not counted (条例 Art. 33).
    - ``restart``: the period counts afresh from this date (条例 Art. 30, 补正).
    - ``extend``: working days added after the due date, at most the version's maximum.
    - ``regime``: the version to apply (its label or first word, e.g. ``2008``).

    Immutable, compared and hashed by value. (A slotted class, not a dataclass: it is on
    the start-up path of ``gkcli deadline``, which importing ``dataclasses`` would slow.)
    """

    __slots__ = ("count_start_day", "extend", "nonworking_trigger", "pauses", "regime", "restart")
    nonworking_trigger: NonworkingTrigger
    count_start_day: bool
    pauses: tuple[tuple[date, date], ...]
    restart: date | None
    extend: int
    regime: str | None

    def __init__(
        self,
        nonworking_trigger: NonworkingTrigger | str = NonworkingTrigger.ASIS,
        count_start_day: bool = False,
        pauses: tuple[tuple[date, date], ...] = (),
        restart: date | None = None,
        extend: int = 0,
        regime: str | None = None,
    ) -> None:
        if extend < 0:
            raise InputError(
                f"an extension must be a number of working days of 0 or more, got {extend}",
                f"延长的工作日数不能为负数，实际为 {extend}",
            )
        for start, end in pauses:
            if end < start:
                raise InputError(
                    f"pause {start.isoformat()}..{end.isoformat()} ends before it starts",
                    f"暂停区间 {start.isoformat()}..{end.isoformat()} 的结束早于开始",
                )
        object.__setattr__(self, "nonworking_trigger", NonworkingTrigger.parse(nonworking_trigger))
        object.__setattr__(self, "count_start_day", count_start_day)
        object.__setattr__(self, "pauses", tuple(pauses))
        object.__setattr__(self, "restart", restart)
        object.__setattr__(self, "extend", extend)
        object.__setattr__(self, "regime", regime)

    def _values(self) -> tuple[NonworkingTrigger, bool, tuple[tuple[date, date], ...], date | None, int, str | None]:
        return (self.nonworking_trigger, self.count_start_day, self.pauses, self.restart, self.extend, self.regime)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CountingOptions) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        names = ("nonworking_trigger", "count_start_day", "pauses", "restart", "extend", "regime")
        return f"CountingOptions({', '.join(f'{n}={v!r}' for n, v in zip(names, self._values(), strict=True))})"

    def __reduce__(self) -> tuple[type[CountingOptions], tuple[object, ...]]:
        return (CountingOptions, self._values())  # rebuilt through __init__ (checked), as pickle needs

    def replace(self, **changes: Unpack[_OptionValues]) -> CountingOptions:
        """These options with ``changes``, checked like new ones."""
        values: _OptionValues = {
            "nonworking_trigger": self.nonworking_trigger,
            "count_start_day": self.count_start_day,
            "pauses": self.pauses,
            "restart": self.restart,
            "extend": self.extend,
            "regime": self.regime,
        }
        values.update(changes)
        return CountingOptions(**values)

    def given(self) -> list[tuple[CountingOption, str]]:
        """The options that differ from the defaults, each with its flag and value as ``gkcli`` spells it."""
        given: list[tuple[CountingOption, str]] = []
        if self.nonworking_trigger is not NonworkingTrigger.ASIS:
            given.append((CountingOption.NONWORKING_TRIGGER, f"--nonworking-trigger {self.nonworking_trigger.value}"))
        if self.count_start_day:
            given.append((CountingOption.COUNT_START_DAY, "--count-start-day"))
        given += [
            (CountingOption.PAUSES, f"--pause {start.isoformat()}..{end.isoformat()}") for start, end in self.pauses
        ]
        if self.restart is not None:
            given.append((CountingOption.RESTART, f"--restart {self.restart.isoformat()}"))
        if self.extend:
            given.append((CountingOption.EXTEND, f"--extend {self.extend}"))
        if self.regime is not None:
            given.append((CountingOption.REGIME, f"--regime {self.regime}"))
        return given

    def describe(self) -> list[str]:
        """The options that differ from the defaults, as the command-line flags that set them."""
        return [spelled for _, spelled in self.given()]


DEFAULT_OPTIONS = CountingOptions()


class OptionNotApplicable(InputError):
    """A counting option that means nothing for the rule's unit (an hour rule counts no
    days, a fixed date takes no option but the version): refused, never ignored."""

    def __init__(self, rule: Rule, option: CountingOption, spelled: str | None = None) -> None:
        self.option = option
        named = spelled or option.flag
        super().__init__(
            f"{named} does not apply to rule {rule.id!r}, whose unit is {rule.unit.value}; drop the option",
            f"{named} 不适用于规则 {rule.id!r}（单位：{rule.unit.value}）；请去掉该选项",
        )


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


class TraceDay(NamedTuple):
    """One day of the explanation: its kind and festival, its number if counted, whether paused."""

    date: date
    kind: DayKind
    name: str
    counted: int | None
    paused: bool


class Deadline(_Frozen):
    """The result of a rule applied to a trigger.

    ``trigger`` is the trigger as an aware Beijing datetime (a date alone is 00:00);
    ``due_at`` is the end of ``due_date`` (the next day at 00:00, Beijing time) or, for a
    unit with an exact instant (hours), that instant. ``counting_from`` is the day after
    which days are counted (never itself counted); ``counted_until`` the last day the
    amount reaches before any roll or extension. ``provisional`` is True when a year from
    the trigger to the due day is counted on a provisional calendar. ``trace`` runs from
    the trigger day to the due day, built when first read; it is empty for units that
    count no days. ``period`` is the unit's counting (``deadlines.units``).

    Immutable; equal when rule, version, options, trigger and the days worked out are.
    """

    __slots__ = (
        "_trace",
        "calendar",
        "counted_until",
        "counting_from",
        "due_at",
        "due_date",
        "exact_due",
        "given_trigger",
        "options",
        "period",
        "provisional",
        "rule",
        "trigger_date",
        "version",
    )
    rule: Rule
    version: RuleVersion
    options: CountingOptions
    given_trigger: date | datetime
    due_date: date
    calendar: WorkCalendar
    period: PeriodUnit
    counting_from: date | None
    counted_until: date | None
    exact_due: datetime | None
    trigger_date: date
    due_at: datetime
    provisional: bool
    _trace: tuple[TraceDay, ...] | None

    def __init__(
        self,
        rule: Rule,
        version: RuleVersion,
        options: CountingOptions,
        given_trigger: date | datetime,
        due_date: date,
        calendar: WorkCalendar,
        period: PeriodUnit,
        counting_from: date | None = None,
        counted_until: date | None = None,
        exact_due: datetime | None = None,
    ) -> None:
        trigger_date = beijing_date(given_trigger)
        if trigger_date.year == due_date.year:  # one dict look-up instead of a list of years
            year = calendar.year_data(due_date.year)
            provisional = year is not None and year.provisional
        else:
            provisional = bool(calendar.provisional_years(trigger_date, due_date))
        object.__setattr__(self, "rule", rule)
        object.__setattr__(self, "version", version)
        object.__setattr__(self, "options", options)
        object.__setattr__(self, "given_trigger", given_trigger)
        object.__setattr__(self, "due_date", due_date)
        object.__setattr__(self, "calendar", calendar)
        object.__setattr__(self, "period", period)
        object.__setattr__(self, "counting_from", counting_from)
        object.__setattr__(self, "counted_until", counted_until)
        object.__setattr__(self, "exact_due", exact_due)
        # Read for nearly every deadline (records, ledger rows): worked out once, here.
        object.__setattr__(self, "trigger_date", trigger_date)
        object.__setattr__(self, "due_at", exact_due or end_of(due_date))
        object.__setattr__(self, "provisional", provisional)
        object.__setattr__(self, "_trace", None)

    def _values(self) -> tuple[object, ...]:
        return (
            self.rule,
            self.version,
            self.options,
            self.given_trigger,
            self.due_date,
            self.counting_from,
            self.counted_until,
            self.exact_due,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Deadline) and self._values() == other._values()

    def __reduce__(self) -> tuple[type[Deadline], tuple[object, ...]]:
        given = (self.rule, self.version, self.options, self.given_trigger, self.due_date, self.calendar)
        return (Deadline, (*given, self.period, self.counting_from, self.counted_until, self.exact_due))

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return (
            f"Deadline(rule={self.rule.id!r}, version={self.version.label!r}, trigger={self.given_trigger!r}, "
            f"due_date={self.due_date!r}, options={self.options!r})"
        )

    @property
    def trigger(self) -> datetime:
        """The trigger as an aware Beijing datetime (seldom read: not kept)."""
        return instant(self.given_trigger)

    @property
    def trace(self) -> tuple[TraceDay, ...]:
        """Every day from the trigger day to the due day, with its count number or why it was skipped."""
        if self._trace is None:
            object.__setattr__(self, "_trace", self.period.trace(self))
        assert self._trace is not None
        return self._trace

    @property
    def due_label(self) -> str:
        """The due date as ``YYYY-MM-DD``, or ``YYYY-MM-DD HH:MM`` for a unit with an exact instant."""
        return self.due_at.strftime("%Y-%m-%d %H:%M") if self.period.timed else self.due_date.isoformat()

    def is_late(self, done: date | datetime) -> bool:
        """True when ``done`` falls after the deadline (after the due day, or the due instant).

        A date without a time is on time on the due day, also for a unit with an exact instant.
        """
        if self.period.timed and isinstance(done, datetime):
            return to_beijing(done) > self.due_at
        return beijing_date(done) > self.due_date

    def days_late(self, done: date | datetime) -> int:
        """Working days from the due day to ``done`` (due day excluded); 0 when on time."""
        done_day = beijing_date(done)
        if done_day <= self.due_date:
            return 0
        return self.calendar.count_workdays(self.due_date, done_day)


def beijing_date(value: date | datetime) -> date:
    """The day of ``value`` in Beijing."""
    return to_beijing(value).date() if isinstance(value, datetime) else value


def instant(value: date | datetime) -> datetime:
    """An aware Beijing datetime; a date alone is its 00:00."""
    if isinstance(value, datetime):
        return to_beijing(value)
    return datetime(value.year, value.month, value.day, tzinfo=BEIJING)


_BEIJING_MIDNIGHT = time(0, tzinfo=BEIJING)


def end_of(day: date) -> datetime:
    """24:00 of ``day`` in Beijing, i.e. the next day at 00:00."""
    return datetime.combine(day + ONE_DAY, _BEIJING_MIDNIGHT)


def merged_pauses(pauses: tuple[tuple[date, date], ...]) -> list[tuple[date, date]]:
    """Pauses sorted, with overlapping or adjacent ones joined, so no day is deducted twice."""
    merged: list[tuple[date, date]] = []
    for start, end in sorted(pauses):
        if merged and start <= merged[-1][1] + ONE_DAY:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def span_past_pauses(
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


def workdays_past_pauses(calendar: WorkCalendar, origin: date, count: int, pauses: list[tuple[date, date]]) -> date:
    """The ``count``-th working day after ``origin`` that no pause covers."""
    return span_past_pauses(
        origin,
        pauses,
        lambda more: calendar.add_workdays(origin, count + more),
        calendar.count_workdays,
    )
