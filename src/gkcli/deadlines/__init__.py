"""Deadlines: the engine that counts a rule's period from a trigger on the calendar, with
its options (pauses, restart, extension, regime) and the trace that explains it
(``engine``). May import ``gkcli.rules``, ``gkcli.calendar`` and ``gkcli.core``."""

from gkcli.deadlines.engine import CountingOptions, Deadline, compute_deadline

__all__ = ["CountingOptions", "Deadline", "compute_deadline"]
