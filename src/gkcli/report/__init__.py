"""Outputs: the report formats of a ledger check, one module per format behind the
``Reporter`` base class of ``base`` and registered in ``formats``; the annotated copy of a
ledger (``annotate``) and iCalendar reminders (``ics``). May import ``gkcli.ledger`` and
everything below it. Nothing is imported here, so ``gkcli deadline --ics`` loads only ``ics``."""
