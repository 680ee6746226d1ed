"""Deadlines as plain records (dicts of JSON types): exactly what ``gkcli deadline --format
json`` prints, one record per trigger (docs/design.md §6)."""

from __future__ import annotations

from typing import Any

from gkcli.deadlines.model import CountingOptions, TraceDay
from gkcli.deadlines.query import DeadlineResult
from gkcli.rules.record import basis_record

__all__ = ["deadline_record", "options_record", "trace_record"]


def options_record(options: CountingOptions) -> dict[str, Any]:
    """The counting options, every one of them, dates as ``YYYY-MM-DD``."""
    return {
        "nonworking_trigger": options.nonworking_trigger.value,
        "count_start_day": options.count_start_day,
        "pauses": [[start.isoformat(), end.isoformat()] for start, end in options.pauses],
        "restart": options.restart.isoformat() if options.restart else None,
        "extend": options.extend,
        "regime": options.regime,
    }


def trace_record(day: TraceDay) -> dict[str, Any]:
    """One day of the trace: date, kind, festival name, count number (or None), paused."""
    return {
        "date": day.date.isoformat(),
        "kind": day.kind.value,
        "name": day.name,
        "counted": day.counted,
        "paused": day.paused,
    }


def deadline_record(
    result: DeadlineResult, *, explain: bool = False, options: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The record of ``result``: its id (when the trigger has one), rule, trigger, due day and
    instant, amount, version, bases, options and provisional flag; the conservative due day
    and instant when there is one; with ``explain``, the trace.

    ``options`` is ``options_record`` of the statutory deadline's options, passed by a
    caller that serialises many results with the same options.
    """
    deadline = result.statutory
    record: dict[str, Any] = {}
    if result.trigger.ident:
        record["id"] = result.trigger.ident
    record |= {
        "rule": deadline.rule.id,
        "name": deadline.rule.name,
        "trigger": result.trigger.iso,
        "due": deadline.due_date.isoformat(),
        "due_at": deadline.due_at.isoformat(),
        "unit": deadline.rule.unit.value,
        "amount": deadline.version.amount,
        "version": deadline.version.label,
        "basis": [basis_record(b) for b in deadline.version.basis],
        "options": options_record(deadline.options) if options is None else options,
        "provisional": result.provisional,
    }
    if result.conservative is not None:
        record["conservative_due"] = result.conservative.due_date.isoformat()
        record["conservative_due_at"] = result.conservative.due_at.isoformat()
    if explain:
        record["trace"] = [trace_record(day) for day in deadline.trace]
    return record
