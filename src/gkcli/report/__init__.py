"""Outputs: the report formats of a ledger check (``reporters``), the annotated copy of a
ledger (``annotate``) and iCalendar reminders (``ics``). May import ``gkcli.ledger`` and
everything below it."""
