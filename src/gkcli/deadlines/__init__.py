"""Deadlines: the engine that counts a rule's period from a trigger on the calendar, with
its options (pauses, restart, extension, regime) and the trace that explains it
(``engine``); a question asked of one trigger, with its conservative twin (``query``);
many triggers at once (``batch``); deadlines as records (``record``) and in words
(``wording``); the explanation's days and weeks (``explain``). May import
``gkcli.rules``, ``gkcli.calendar`` and ``gkcli.core``."""

from gkcli.deadlines.engine import CountingOptions, Deadline, compute_deadline
from gkcli.deadlines.query import DeadlinePair, DeadlineQuery, DeadlineResult, Trigger, compute_pair

__all__ = [
    "CountingOptions",
    "Deadline",
    "DeadlinePair",
    "DeadlineQuery",
    "DeadlineResult",
    "Trigger",
    "compute_deadline",
    "compute_pair",
]
