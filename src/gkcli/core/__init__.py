"""Core utilities every layer may use: errors and exit codes, date parsing, languages
(``i18n.Lang``), output files, settings, the encoding detector (``encoding``). Nothing here knows about holidays, rules or ledgers; this package
imports only the standard library and itself (see docs/architecture.md)."""

from pathlib import Path

__all__ = ["DATA_DIR"]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
"""The data files shipped inside the package: holiday years, statutory holidays, rules."""
