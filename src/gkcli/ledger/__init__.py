"""Ledgers (台账): reading CSV and .xlsx files with their header aliases (``read``),
checking each row against its rule (``check``) and the findings it reports
(``findings``). May import ``gkcli.deadlines`` and everything below it."""

from gkcli.ledger.check import CheckOptions, FileCheck, LedgerCheck
from gkcli.ledger.findings import Finding, Severity

__all__ = ["CheckOptions", "FileCheck", "Finding", "LedgerCheck", "Severity"]
