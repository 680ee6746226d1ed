"""``ledger annotate`` and ``ledger template``: a copy of a ledger with its deadlines (docs/design.md §5).

The copy keeps every row and cell of the input and adds four columns: the due date
(截止日期), the status as of the check date (状态), the working days late or overdue
(超期工作日), and whether that status was counted on a provisional year (临时推算, docs/design.md §2.3). CSV is written as UTF-8 with BOM so Excel and WPS open it; cells that a
spreadsheet would run as a formula get a leading apostrophe (in an .xlsx copy they are
stored as text). The file is written whole or not at all; the input is never touched.
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from gkcli.core import DATA_DIR
from gkcli.core.dates import beijing_today
from gkcli.core.files import write_atomically
from gkcli.core.i18n import Lang, LangLike
from gkcli.deadlines.engine import Deadline
from gkcli.ledger.check import STATUS_LABELS, FileCheck, RowResult, Status
from gkcli.ledger.codes import FindingCode
from gkcli.ledger.read import COLUMN_ALIASES, EXCEL_CELL_CHARS, Cell, LedgerFileError, cell_text
from gkcli.report.base import neutralise_formula
from gkcli.report.ics import Reminder, reminder_uid, with_alarms, write_ics
from gkcli.rules.catalogue import Unit, load_catalogue

__all__ = ["ANNOTATION_HEADERS", "TEMPLATE_PATH", "annotate_ledger", "ledger_reminder", "ledger_template"]

ANNOTATION_HEADERS = {
    "zh": ("截止日期", "状态", "超期工作日", "临时推算"),
    "en": ("due", "status", "days late", "provisional"),
}
PROVISIONAL_MARK = {"zh": "是", "en": "yes"}
TEMPLATE_PATH = DATA_DIR / "ledger-template.csv"
_OPEN = (Status.OPEN, Status.DUE_SOON, Status.OVERDUE)


def ledger_template(lang: LangLike = Lang.en, today: date | None = None) -> str:
    """The canonical headers and one example row per kind of rule (workday, day, month,
    hour, fixed, minimum, recurring); under ``zh`` the headers are the Chinese ones offices
    write (the first alias of each column, ``ledger.read.COLUMN_ALIASES``), read back the same.

    The recurring rule's example event is dated ``today`` (Beijing): a finished quarter
    without an event is a finding (docs/design.md §5), so an event fixed in the shipped file
    would make the template fail its own check a quarter later. Dated today, the template
    checks clean on the day it is made."""
    header, _, rows = TEMPLATE_PATH.read_text(encoding="utf-8").partition("\n")
    names = header.split(",")
    event = (today or beijing_today()).isoformat()
    catalogue = load_catalogue()
    lines = []
    for line in rows.splitlines():
        cells = dict(zip(names, line.split(","), strict=True))
        if catalogue.get(cells["rule"]).unit is Unit.RECURRING:
            cells["start"] = cells["done"] = event
        lines.append(",".join(cells.values()) + "\n")
    if lang == Lang.zh:
        names = [COLUMN_ALIASES[name][0] for name in names]
    return ",".join(names) + "\n" + "".join(lines)


def _annotation(result: RowResult, lang: Lang) -> list[Cell]:
    deadline = result.deadline
    due = deadline.due_label if deadline is not None else ""
    status = STATUS_LABELS[lang][result.status] if result.status is not None else ""
    provisional = PROVISIONAL_MARK[lang] if result.provisional else ""
    return [due, status, result.days_late if result.days_late is not None else "", provisional]


def _own_columns(headers: tuple[str, ...]) -> int:
    """How many trailing columns are an earlier annotation's (its headers, in either
    language, with or without the provisional column): annotating an annotated copy
    replaces them instead of adding a second set. A column of the clerk's own that happens
    to be called 状态 is kept: only the whole trailing block counts."""
    names = [header.strip() for header in headers]
    for labels in ANNOTATION_HEADERS.values():
        for size in (len(labels), len(labels) - 1):
            if size <= len(names) and tuple(names[len(names) - size :]) == labels[:size]:
                return size
    return 0


def _rows(
    file_check: FileCheck, lang: Lang, results: list[tuple[RowResult, str]], counts: Counter[Status]
) -> Iterator[list[Cell]]:
    """Every row of the copy; ``results`` keeps the rows that need a reminder, with their id."""
    table = file_check.open()
    id_column = table.positions.get("id")
    width = len(table.headers) - _own_columns(table.headers)
    blank: list[Cell] = [""] * len(ANNOTATION_HEADERS[lang])
    for row in table.leading:
        yield [*row.cells[:width], *[""] * (width - len(row.cells)), *blank]
    yield [*table.headers[:width], *ANNOTATION_HEADERS[lang]]
    for result in file_check.results(table):
        if result.row.unread:
            raise _unread_row(file_check, result)
        cells = result.row.cells
        yield [*cells[:width], *[""] * (width - len(cells)), *_annotation(result, lang)]
        if result.status is not None:
            counts[result.status] += 1
            if result.status in _OPEN and result.deadline is not None:
                row_id = cell_text(cells[id_column]) if id_column is not None and id_column < len(cells) else ""
                results.append((result, row_id or f"#{result.row.row}"))
    if file_check.file_findings:
        error = file_check.file_findings[0]
        raise LedgerFileError(error.code, error.message_en, error.message_zh, error.line)


def _unread_row(file_check: FileCheck, result: RowResult) -> LedgerFileError:
    """The refusal of a copy that would lose a cell too long to read (docs/ledgers.md "Long cells")."""
    finding = result.findings[0]
    return LedgerFileError(
        finding.code,
        f"row {result.row.row}: {finding.message_en}. The annotated copy would lose that row's cells, so none is written",
        f"第 {result.row.row} 行：{finding.message_zh}。标注副本会丢失该行内容，因此未生成副本",
        result.row.line,
    )


def _too_long_for_xlsx(row: int, column: int, chars: int) -> LedgerFileError:
    """The refusal of an .xlsx copy that would cut a cell (openpyxl cuts a longer cell to
    Excel's limit without a word)."""
    return LedgerFileError(
        FindingCode.CELL_TOO_LONG_FOR_EXCEL,
        f"row {row}, column {column}: a cell of {chars:,} characters, more than the {EXCEL_CELL_CHARS:,} an .xlsx "
        f"cell holds; the .xlsx copy would cut it, so none is written. Write the copy as CSV (-o copy.csv)",
        f"第 {row} 行第 {column} 列：单元格有 {chars:,} 个字符，超过 .xlsx 单元格上限 {EXCEL_CELL_CHARS:,} 个字符；"
        f".xlsx 副本会截断该单元格，因此未生成副本。请改为输出 CSV 副本（-o 副本.csv）",
    )


def _csv_bytes(rows: Iterable[list[Cell]]) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([neutralise_formula(cell_text(cell) if not isinstance(cell, str) else cell) for cell in row])
    return buffer.getvalue().encode("utf-8")


def _xlsx_bytes(rows: Iterable[list[Cell]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    try:
        for number, row in enumerate(rows, start=1):
            out: list[object] = []
            for column, value in enumerate(row, start=1):
                if isinstance(value, str) and len(value) > EXCEL_CELL_CHARS:
                    raise _too_long_for_xlsx(number, column, len(value))
                if isinstance(value, str) and value != neutralise_formula(value):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.data_type = "s"  # text, never a formula
                    out.append(cell)
                else:
                    out.append(value)
            sheet.append(out)
    except BaseException:
        # A copy given up half-way: finish and remove openpyxl's temporary sheet file now,
        # not when the half-written sheet is collected (it would write to a closed file).
        with contextlib.suppress(Exception):
            sheet.close()
            sheet._writer.cleanup()
        raise
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def annotate_ledger(
    file_check: FileCheck,
    output: Path | BinaryIO,
    lang: LangLike,
    *,
    xlsx: bool | None = None,
    ics: Path | None = None,
    alarm: int | None = None,
) -> dict[Status, int]:
    """Write the annotated copy of ``file_check``'s ledger to ``output``, a path (written
    whole, or not at all) or a binary file object, as an .xlsx workbook (``xlsx``; default:
    when the path ends in .xlsx) or a CSV; with ``ics``, reminders for its open rows, each
    with an alarm ``alarm`` working days before its due day when given. Returns
    the number of rows per status. ``LedgerFileError`` when the file is no readable ledger."""
    open_rows: list[tuple[RowResult, str]] = []
    counts: Counter[Status] = Counter()
    rows = _rows(file_check, Lang(lang), open_rows, counts)
    as_workbook = xlsx if xlsx is not None else isinstance(output, Path) and output.suffix.lower() == ".xlsx"
    data = _xlsx_bytes(rows) if as_workbook else _csv_bytes(rows)
    if isinstance(output, Path):
        write_atomically(output, data)
    else:
        output.write(data)
        output.flush()
    if ics is not None:
        reminders = []
        for result, label in open_rows:
            assert result.deadline is not None  # only rows with a deadline are kept for reminders
            reminders.append(ledger_reminder(result.deadline, result.row.row, label, file_check.name, lang))
        if alarm is not None:
            reminders = with_alarms(reminders, file_check.checker.calendar, alarm)
        write_ics(ics, reminders, name=file_check.name)
    return {status: counts[status] for status in Status}


def ledger_reminder(deadline: Deadline, row: int, label: str, file: str, lang: LangLike) -> Reminder:
    """The all-day reminder on the due day of a ledger row (``label``: its id, else ``#row``)."""
    rule = deadline.rule
    trigger = deadline.trigger.isoformat()
    basis = deadline.version.citation
    if lang == Lang.zh:
        summary = f"{rule.name}截止（{label}）"
        description = f"{file} 第 {row} 行；起算 {trigger}；依据：{basis}"
    else:
        summary = f"{rule.id} due ({label})"
        description = f"{file} row {row}; trigger {trigger}; basis: {basis}"
    return Reminder(reminder_uid("ledger", rule.id, trigger, label), deadline.due_date, summary, description)
