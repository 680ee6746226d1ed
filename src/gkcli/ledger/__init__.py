"""Ledgers (台账) checked against their deadlines (docs/ledgers.md). ``read`` reads CSV and
.xlsx files with their header aliases, ``rows`` gives each row's cells by name, ``cells``
validates them, ``duplicates`` spots reused ids, ``judge`` asks a row's deadline for its
verdict, ``check`` streams a file (``check_ledger``, ``LedgerCheck``, ``FileCheck``);
``codes`` is the registry of finding codes, ``messages`` their wording, ``findings`` the
findings themselves. May import ``gkcli.deadlines`` and everything below it."""

from gkcli.ledger.check import CheckOptions, FileCheck, LedgerCheck, Status, check_ledger
from gkcli.ledger.codes import FindingCode
from gkcli.ledger.findings import Finding, Severity

__all__ = ["CheckOptions", "FileCheck", "Finding", "FindingCode", "LedgerCheck", "Severity", "Status", "check_ledger"]
