"""Reading and validating a row's cells (docs/ledgers.md "Dates and options"): the rule, the
dates, and the counting cells (extension, pauses, restart). Each problem becomes a finding
of the row (``invalid-date``, ``non-iso-date``, ``invalid-number``, ``unknown-rule``).

What rows share is cached by cell value, so a million-row ledger parses a few thousand
distinct dates; the caches are bounded (``CACHE_LIMIT`` entries, then cleared).
"""

from __future__ import annotations

from datetime import date, datetime, time

from gkcli.core.dates import BEIJING, ParsedDate, normalise_text, parse_date_range, parse_datetime, to_beijing
from gkcli.core.errors import GkcliError, InputError
from gkcli.deadlines.engine import CountingOptions
from gkcli.ledger.codes import FindingCode
from gkcli.ledger.findings import RowFindings
from gkcli.ledger.messages import Message, non_iso_date
from gkcli.ledger.read import Cell, cell_text, is_filled
from gkcli.rules.catalogue import Rule, RuleCatalogue

__all__ = ["CACHE_LIMIT", "CellReader", "parse_date_cell"]

CACHE_LIMIT = 200_000

_CountingProblem = tuple[GkcliError, FindingCode, str, str]


class CellReader:
    """Reads the cells of rows against one rule catalogue and the counting options every row
    shares; records what is wrong with a cell in the row's findings."""

    def __init__(self, catalogue: RuleCatalogue, base_options: CountingOptions) -> None:
        self.catalogue = catalogue
        self.base_options = base_options
        self.dates: dict[Cell, ParsedDate | GkcliError] = {}
        self._rules: dict[str, Rule | GkcliError] = {}
        self._counting: dict[tuple[Cell, Cell, Cell], CountingOptions | _CountingProblem] = {}

    def rule(self, text: str, findings: RowFindings) -> Rule | None:
        """The rule a cell names; ``unknown-rule`` when it names none."""
        found = self._rules.get(text)
        if found is None:
            try:
                found = self.catalogue.get(text)
            except GkcliError as error:
                found = error
            self._rules[text] = found
        if isinstance(found, GkcliError):
            findings.add(FindingCode(found.code), "rule", text, Message(found.en, found.zh))
            return None
        return found

    def date(self, value: Cell, column: str, findings: RowFindings) -> ParsedDate | None:
        """The date in a cell; ``invalid-date`` when it holds none, ``non-iso-date`` when it is
        not written ``YYYY-MM-DD``."""
        parsed = self.dates.get(value)
        if parsed is None:
            if len(self.dates) > CACHE_LIMIT:
                self.dates.clear()
            parsed = self.dates[value] = parse_date_cell(value)
        if isinstance(parsed, GkcliError):
            findings.add(FindingCode.INVALID_DATE, column, cell_text(value), Message(parsed.en, parsed.zh))
            return None
        if not parsed.is_iso:
            text = cell_text(value)
            findings.add(FindingCode.NON_ISO_DATE, column, text, non_iso_date(text, parsed))
        return parsed

    def counting_options(self, extension: Cell, pauses: Cell, restart: Cell, findings: RowFindings) -> CountingOptions:
        """The row's counting options (条例 Art. 33 pauses and extension, Art. 30 restart);
        raises ``RowProblem`` with ``invalid-number`` or ``invalid-date`` for a bad cell."""
        key = (extension, pauses, restart)
        found = self._counting.get(key)
        if found is None:
            found = self._counting[key] = self._parse_counting(extension, pauses, restart)
        if isinstance(found, tuple):
            error, code, column, value = found
            raise findings.error(error, column, value, code)
        return found

    def _parse_counting(self, extension: Cell, pauses: Cell, restart: Cell) -> CountingOptions | _CountingProblem:
        try:
            extend = _whole_number(extension)
        except InputError as error:
            return error, FindingCode.INVALID_NUMBER, "extension", cell_text(extension)
        try:
            ranges = tuple(parse_date_range(part) for part in _split_pauses(cell_text(pauses)))
        except InputError as error:
            return error, FindingCode.INVALID_DATE, "pauses", cell_text(pauses)
        restart_date = None
        if is_filled(restart):
            parsed = parse_date_cell(restart)
            if isinstance(parsed, GkcliError):
                return parsed, FindingCode.INVALID_DATE, "restart", cell_text(restart)
            restart_date = parsed.date
        return self.base_options.replace(pauses=ranges, restart=restart_date, extend=extend)


def parse_date_cell(value: Cell) -> ParsedDate | GkcliError:
    """A date cell: an Excel date/date-time as it is, a number or text in an accepted form."""
    if isinstance(value, datetime):
        return ParsedDate(to_beijing(value), has_time=value.time() != time(0), is_iso=True)
    if isinstance(value, date):
        return ParsedDate(datetime.combine(value, time(0), BEIJING), has_time=False, is_iso=True)
    try:
        return parse_datetime(cell_text(value))
    except GkcliError as error:
        return error


def _whole_number(value: Cell) -> int:
    text = normalise_text(cell_text(value))
    if not text:
        return 0
    if text.isdigit():
        return int(text)
    raise InputError(
        f"extension {text!r} is not a whole number of working days (write e.g. 20)",
        f"延期 {text!r} 不是工作日天数（整数，例如 20）",
    )


def _split_pauses(text: str) -> list[str]:
    """``A..B;C..D`` (also separated by ``；`` ``,`` ``，`` or a line break) as its ranges."""
    normalised = normalise_text(text)
    for separator in (",", "\n", "\r"):
        normalised = normalised.replace(separator, ";")
    return [part.strip() for part in normalised.split(";") if part.strip()]
