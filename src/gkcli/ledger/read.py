"""Reading ledgers (台账): CSV and ``.xlsx``, row by row, with strict decoding (docs/design.md §5).

A CSV is decoded strictly, its encoding chosen by ``gkcli.core.encoding`` (a BOM, else
UTF-8, else GB18030, what Excel and WPS save on Chinese Windows), else the file is reported
as an ``encoding-error`` with the line of the first bad byte. The choice is made by a first
pass over the raw bytes with incremental decoders, so memory stays flat; the second pass
streams the rows. A BOM never reaches a header. An ``.xlsx`` workbook is read with
openpyxl in read-only mode (first sheet unless one is named).

Headers are matched against the canonical column names and the Chinese headers clerks
use, after removing spaces (full-width ones too); ``column_map`` (``--map`` and the
project file's ``columns``) names any other header. The header row is the first of the
first rows that holds the required columns, so a title row above the table (often a
merged cell in a WPS sheet) is passed over.
"""

from __future__ import annotations

import codecs
import copy
import csv
import gc
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from functools import partial
from itertools import accumulate, chain, islice, tee
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple, TextIO
from zipfile import ZipFile

if TYPE_CHECKING:
    import _csv

    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from gkcli.ledger.rawcsv import RawBlock

from gkcli.core.encoding import detect_file_encoding
from gkcli.core.errors import InputError, os_reason, quote
from gkcli.ledger.codes import FindingCode

__all__ = [
    "COLUMNS",
    "COLUMN_ALIASES",
    "EXCEL_CELL_CHARS",
    "LINE_CHARS",
    "MAX_CELL_CHARS",
    "REQUIRED_COLUMNS",
    "Cell",
    "LedgerFileError",
    "LedgerRow",
    "LedgerTable",
    "LongCell",
    "RowBlock",
    "as_cell",
    "cell_text",
    "collector_paused",
    "is_filled",
    "is_workbook",
    "normalise_header",
    "open_ledger",
    "parse_column_map",
]

COLUMNS = ("id", "rule", "start", "done", "extension", "pauses", "restart", "unit", "channel")
REQUIRED_COLUMNS = ("rule", "start")

# The headers offices write, per canonical column: the one table of them (docs/ledgers.md
# "Columns and header aliases"). Taken from the registration ledgers of 依申请公开 (登记台账: 序号, 申请编号,
# 收到申请日期 / 受理日期 / 登记日期, 答复日期 / 办结日期, 延长期限, 补正日期, 承办单位) and
# the 政务公开 work ledgers (事项类型, 公开日期 / 发布日期, 责任单位). Two headers of one
# file that name the same column are refused, never one picked (``_refuse_duplicate_columns``).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("编号", "序号", "文号", "申请编号", "受理编号", "登记编号"),
    "rule": ("事项", "类型", "规则", "事项类型", "事项类别", "公开类型"),
    "start": ("起算日期", "公开日期", "收到申请日期", "发生时间", "受理日期", "登记日期", "申请日期", "收到日期"),
    "done": ("完成日期", "发布日期", "答复日期", "办结日期", "答复时间", "办结时间", "完成时间"),
    "extension": ("延期", "延长工作日", "延期天数", "延长期限", "延长天数"),
    "pauses": ("暂停", "征求意见期间", "暂停期间"),
    "restart": ("补正日期", "补正时间"),
    "unit": ("责任单位", "部门", "承办单位", "承办科室", "办理部门", "责任部门"),
    "channel": ("栏目", "栏目名称", "账号", "账号名称"),
}

# A cell may be long (a 备注 with a pasted reply runs past csv's default 128 KiB); a CSV cell
# beyond this is not read: its row is a cell-too-long finding and reading goes on with the
# next record (docs/ledgers.md "Long cells"). The limit in force is csv's (raised to this,
# never lowered), so the csv module and the skipping of a long record agree on it.
MAX_CELL_CHARS = 16 << 20
csv.field_size_limit(max(csv.field_size_limit(), MAX_CELL_CHARS))
# Physical lines are read at most this many characters at a time: a longer line is followed
# piece by piece (``_scan_record``), so no line, however long, is held whole.
LINE_CHARS = 1 << 20
# Excel's own limit on a cell: a workbook holding a longer cell was written by another tool.
EXCEL_CELL_CHARS = 32_767

# How many leading rows may sit above the header (a title, a note) before we give up.
HEADER_SEARCH_ROWS = 10
_SPACES = re.compile(r"[\s\u3000\ufeff]+")

Cell = str | datetime | date | int | float | None


class LedgerFileError(Exception):
    """A whole file cannot be read as a ledger: the finding ``code`` and both messages."""

    def __init__(self, code: FindingCode, en: str, zh: str, line: int | None = None) -> None:
        super().__init__(en)
        self.code, self.en, self.zh, self.line = code, en, zh, line
        self.encoding: str | None = None  # the encoding the file was decoded with, when it was


class LongCell(NamedTuple):
    """A cell over a limit: its column (0-based), its length in characters, the limit, and
    whether it was read (a workbook cell over Excel's limit) or skipped unread (a CSV cell
    over ``MAX_CELL_CHARS``, whose row then has no cells)."""

    column: int
    chars: int
    limit: int
    read: bool


class LedgerRow(NamedTuple):
    """One data row: its spreadsheet row (header = 1 when it is the first row), the
    physical line it starts on (CSV) and its cells as read; ``too_long`` names its cells
    over a limit. A CSV row with a cell too long to read has no cells (it is not checked)."""

    row: int
    line: int | None
    cells: list[str] | tuple[Cell, ...]
    too_long: tuple[LongCell, ...] = ()

    @property
    def unread(self) -> bool:
        """The row's cells could not be read (a CSV cell over ``MAX_CELL_CHARS``)."""
        return bool(self.too_long) and not self.too_long[0].read


class RowBlock(NamedTuple):
    """Consecutive data rows read at once (``LedgerTable.blocks``): the spreadsheet row and
    the physical line (CSV) of each, their cells as read, and the error that ended the file
    right after them, if one did."""

    rows: Sequence[int]
    lines: Sequence[int | None]
    cells: Sequence[list[str] | tuple[Cell, ...]]
    error: LedgerFileError | None = None
    long: Mapping[int, LedgerRow] = {}
    """The rows with a cell over a limit (``LedgerRow.too_long``), by position in the block."""


def normalise_header(text: object) -> str:
    """A header as compared: no spaces (full-width ones too), no BOM, lower case."""
    return _SPACES.sub("", str(text)).lower() if text is not None else ""


def parse_column_map(pairs: list[str] | tuple[str, ...], source: str) -> dict[str, str]:
    """``["start=立项日期", ...]`` as ``{"start": "立项日期"}``; ``source`` (``--map``, the
    project file) is named in an error."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        canonical, sep, header = pair.partition("=")
        canonical = canonical.strip().lower()
        if not sep or not header.strip() or canonical not in COLUMNS:
            raise InputError(
                f"{source} {quote(pair)}: write CANONICAL=HEADER with CANONICAL one of {', '.join(COLUMNS)}",
                f"{source} {quote(pair)}：请写成 规范列名=表头，规范列名为 {', '.join(COLUMNS)} 之一",
            )
        mapping[canonical] = header
    return mapping


def is_workbook(path: Path) -> bool:
    """An Excel workbook by name (``.xlsx``/``.xlsm``) or by its zip signature."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return True
    try:
        with path.open("rb") as stream:
            return stream.read(4) == b"PK\x03\x04"
    except OSError:
        return False


class LedgerTable:
    """An opened ledger: the encoding used, the headers, where each canonical column is,
    and an iterator over the data rows (``rows()``, once)."""

    def __init__(
        self,
        encoding: str | None,
        headers: tuple[str, ...],
        positions: dict[str, int],
        rows: Iterator[LedgerRow],
        leading: tuple[LedgerRow, ...],
    ) -> None:
        self.encoding = encoding
        self.headers = headers
        self.positions = positions
        self.leading = leading
        self._rows = rows

    def rows(self) -> Iterator[LedgerRow]:
        return self._rows

    def blocks(self, count: int) -> Iterator[RowBlock]:
        """The data rows ``count`` at a time (the last block may be shorter), from where
        ``rows()`` stands: the same rows, read without a ``LedgerRow`` each for a CSV."""
        if isinstance(self._rows, CsvRecords):
            return self._rows.blocks(count)
        return _row_blocks(self._rows, count)

    def raw_blocks(self, raw_count: int, count: int) -> Iterator[RowBlock | RawBlock]:
        """``blocks(count)``, but a UTF-8 CSV's plain lines first, ``raw_count`` at a time,
        as ``RawBlock``s (``rawcsv``): cell positions in bytes, no strings."""
        if isinstance(self._rows, CsvRecords):
            return self._rows.raw_blocks(len(self.headers), raw_count, count)
        return _row_blocks(self._rows, count)


def _row_blocks(rows: Iterator[LedgerRow], count: int) -> Iterator[RowBlock]:
    while True:
        taken: list[LedgerRow] = []
        error: LedgerFileError | None = None
        try:
            taken.extend(islice(rows, count))
        except LedgerFileError as exc:
            error = exc
        if taken or error is not None:
            long = {at: row for at, row in enumerate(taken) if row.too_long}
            yield RowBlock(
                [row.row for row in taken], [row.line for row in taken], [row.cells for row in taken], error, long
            )
        if error is not None or len(taken) < count:
            return


def _column_names(column_map: Mapping[str, str]) -> dict[str, str]:
    """Each accepted header (normalised) and its canonical column: ``column_map`` first,
    which replaces the aliases of the columns it names."""
    wanted: dict[str, str] = {}
    for canonical in COLUMNS:
        if canonical in column_map:
            wanted[normalise_header(column_map[canonical])] = canonical
            continue
        for name in (canonical, *COLUMN_ALIASES[canonical]):
            wanted.setdefault(normalise_header(name), canonical)
    return wanted


def _locate_columns(headers: Sequence[Cell], column_map: Mapping[str, str]) -> dict[str, list[int]]:
    """Where each canonical column is: every header position that names it."""
    wanted = _column_names(column_map)
    positions: dict[str, list[int]] = {}
    for index, header in enumerate(headers):
        column = wanted.get(normalise_header(header))
        if column is not None:
            positions.setdefault(column, []).append(index)
    return positions


def _refuse_duplicate_columns(headers: Sequence[Cell], positions: dict[str, list[int]]) -> dict[str, int]:
    """The one position of each column; ``InputError`` naming both headers and the
    ``--map`` fix when two headers name one column (never a silent pick)."""
    for column, found in positions.items():
        if len(found) > 1:
            first, second = (str(headers[index]).strip() for index in found[:2])
            raise InputError(
                f"the headers {quote(first)} (column {found[0] + 1}) and {quote(second)} (column {found[1] + 1}) "
                f"both name the {column} column; say which one it is, e.g. --map {column}={first}",
                f"表头 {quote(first)}（第 {found[0] + 1} 列）和 {quote(second)}（第 {found[1] + 1} 列）都对应 "
                f"{column} 列；请指定用哪一列，例如 --map {column}={first}",
            )
    return {column: found[0] for column, found in positions.items()}


def _find_header(
    rows: Iterator[LedgerRow], column_map: Mapping[str, str]
) -> tuple[LedgerRow, dict[str, int], tuple[LedgerRow, ...]]:
    """The header row, its column positions and the rows above it; ``missing-column``
    naming the headers found when no leading row holds the required columns."""
    seen: list[LedgerRow] = []
    first_headers: Sequence[Cell] | None = None
    for candidate in rows:
        if candidate.unread:
            raise _unread_header(candidate)
        if not any(is_filled(cell) for cell in candidate.cells):
            seen.append(candidate)
            continue
        positions = _locate_columns(candidate.cells, column_map)
        if all(name in positions for name in REQUIRED_COLUMNS):
            return candidate, _refuse_duplicate_columns(candidate.cells, positions), tuple(seen)
        if first_headers is None:
            first_headers = candidate.cells
        seen.append(candidate)
        if len(seen) >= HEADER_SEARCH_ROWS:
            break
    if first_headers is None:
        raise LedgerFileError(
            FindingCode.MISSING_COLUMN,
            "the file holds no header row (it is empty); a ledger needs at least the columns rule and start",
            "文件中没有表头（文件为空）；台账至少需要 事项(rule) 和 起算日期(start) 两列",
        )
    found = ", ".join(str(cell) for cell in first_headers if is_filled(cell)) or "(none)"
    missing = [name for name in REQUIRED_COLUMNS if name not in _locate_columns(first_headers, column_map)]
    hints = {name: "/".join((name, *COLUMN_ALIASES[name])) for name in missing}
    raise LedgerFileError(
        FindingCode.MISSING_COLUMN,
        f"required column(s) {', '.join(missing)} not found (accepted headers: "
        f"{'; '.join(hints[m] for m in missing)}); headers found: {found}. "
        f"Rename the header or map it: --map {missing[0]}=HEADER",
        f"找不到必需的列 {', '.join(missing)}（可用表头：{'；'.join(hints[m] for m in missing)}）；"
        f"文件中的表头：{found}。请改表头或用 --map {missing[0]}=表头 指定",
        line=None,
    )


def _unread_header(row: LedgerRow) -> LedgerFileError:
    """The refusal of a file whose header row, or a row above it, has a cell too long to read."""
    cell = row.too_long[0]
    return LedgerFileError(
        FindingCode.ENCODING_ERROR,
        f"line {row.line}, column {cell.column + 1}: a cell of {cell.chars:,} characters, more than the "
        f"{cell.limit:,} gkcli reads in a cell, in or above the header row, so the headers cannot be read; "
        f"shorten that cell and check again",
        f"第 {row.line} 行第 {cell.column + 1} 列：表头行或其上方的单元格有 {cell.chars:,} 个字符，超过 gkcli "
        f"单个单元格可读取的 {cell.limit:,} 个字符，无法读取表头；请缩短该单元格后重新检查",
        line=row.line,
    )


def cell_text(value: Cell) -> str:
    """A cell as text: an Excel date in ISO form, a whole float without ``.0``, text trimmed."""
    if isinstance(value, str):  # every CSV cell, most workbook cells
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def is_filled(cell: Cell) -> bool:
    """A cell holding something other than spaces."""
    return cell is not None and (not isinstance(cell, str) or cell.strip() != "")


def open_ledger(
    path: Path,
    column_map: Mapping[str, str] | None = None,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    delimiter: str | None = None,
) -> LedgerTable:
    """Open a ledger for streaming; ``LedgerFileError`` for a file that is no ledger,
    ``InputError`` for one that cannot be opened at all or a bad option."""
    column_map = column_map or {}
    if is_workbook(path):
        rows: Iterator[LedgerRow] = _workbook_rows(path, sheet)
        used: str | None = None
    else:
        if sheet is not None:
            raise InputError(f"{path}: --sheet applies to .xlsx workbooks only", f"{path}：--sheet 仅用于 .xlsx 工作簿")
        used = encoding or detect_encoding(path)
        rows = _csv_rows(path, used, delimiter)
    try:
        header, positions, leading = _find_header(rows, column_map)
    except LedgerFileError as error:
        error.encoding = used
        raise
    headers = tuple("" if cell is None else str(cell) for cell in header.cells)
    return LedgerTable(used, headers, positions, rows, leading)


# -- CSV --------------------------------------------------------------------------------------


def _open_error(path: Path, exc: OSError) -> InputError:
    en, zh = os_reason(exc)
    return InputError(
        f"cannot read {path}: {en}; check the path and its permissions",
        f"无法读取 {path}：{zh}；请检查路径和权限",
    )


def detect_encoding(path: Path) -> str:
    """The codec of a CSV (``utf-8-sig``, ``utf-8``, ``utf-16`` or ``gb18030``), by ``gkcli.core.encoding``."""
    try:
        detection = detect_file_encoding(path)
    except OSError as exc:
        raise _open_error(path, exc) from None
    if detection.encoding is not None:
        return detection.encoding.value
    line = detection.bad_line
    raise LedgerFileError(
        FindingCode.ENCODING_ERROR,
        f"the file is neither UTF-8 nor GB18030 (first bad byte on line {line}); "
        f"save it as CSV UTF-8 or pass --encoding",
        f"文件既不是 UTF-8 也不是 GB18030 编码（第 {line} 行有无法识别的字节）；请另存为 CSV UTF-8 或用 --encoding 指定编码",
        line=line,
    )


def csv_delimiter(encoding: str, delimiter: str | None) -> str:
    """The field separator: ``delimiter`` (``--delimiter``; ``\\t`` or ``tab`` for a tab),
    else a tab for UTF-16 (what Excel saves as "Unicode text"), else a comma."""
    if delimiter is None:
        return "\t" if codecs.lookup(encoding).name.startswith("utf-16") else ","
    chosen = {"tab": "\t", "\\t": "\t"}.get(delimiter.lower(), delimiter)
    if len(chosen) != 1 or chosen in '\r\n"':
        raise InputError(
            f"--delimiter {quote(delimiter)}: give one character, e.g. --delimiter ';' or --delimiter tab",
            f"--delimiter {quote(delimiter)}：请给出一个字符，例如 --delimiter ';' 或 --delimiter tab",
        )
    return chosen


def _csv_rows(path: Path, encoding: str, delimiter: str | None = None) -> Iterator[LedgerRow]:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(
            f"--encoding {quote(encoding)} is not an encoding Python knows (try utf-8 or gb18030)",
            f"--encoding {quote(encoding)} 不是可识别的编码（可用 utf-8 或 gb18030）",
        ) from None
    if encoding.replace("_", "-").lower() in ("utf-8", "utf8"):
        encoding = "utf-8-sig"  # never let a BOM reach the first header
    separator = csv_delimiter(encoding, delimiter)
    try:
        stream = path.open("r", encoding=encoding, errors="strict", newline="")
    except OSError as exc:
        raise _open_error(path, exc) from None
    return _read_csv(stream, separator)


class _LongLine(Exception):
    """A physical line longer than ``LINE_CHARS``: its record is followed by ``_scan_record``."""


def _lines(pieces: Iterator[str], pending: list[str], limit: int) -> Iterator[str]:
    """The physical lines for ``csv.reader``, each also kept in ``pending`` (the lines of the
    record being read, which the caller clears after each record); ``_LongLine`` instead of
    a line cut at ``limit`` characters, which csv would take for a whole line."""
    for line in pieces:
        pending.append(line)
        if len(line) >= limit and line[-1] != "\n":
            raise _LongLine
        yield line


def _read_csv(stream: TextIO, delimiter: str = ",") -> CsvRecords:
    return CsvRecords(stream, delimiter)


class CsvRecords:
    """The records of a CSV as rows: one at a time (an iterator), or many at once
    (``blocks``, for the columnar check). A record with a cell over csv's field limit (or on
    a line over ``LINE_CHARS``) is followed by ``_scan_record`` from its first line, as csv
    would parse it, without holding the long cell; it is one row without cells (its
    ``too_long`` says why), and ``csv.reader`` starts again on the next record. csv itself
    would go on from the next physical line, inside the long record (docs/ledgers.md).
    Bytes the encoding refuses, or another csv error, end the file with a
    ``LedgerFileError`` naming the line after the last record read."""

    def __init__(self, stream: TextIO, delimiter: str = ",") -> None:
        self._stream = stream
        self._encoding = stream.encoding
        self._delimiter = delimiter
        self._pieces: Iterator[str] = iter(partial(stream.readline, LINE_CHARS), "")
        self._first_pieces = self._pieces  # while still the pieces, no line was read ahead
        self._pending: list[str] = []  # the lines of the record being read, one at a time
        self._reader: _csv.Reader | None = None
        self._base = 0  # physical lines before the current csv.reader's first
        self._rows = 0  # records read
        self._lines = 0  # physical lines they span
        self._done = False
        self._one_at_a_time = False  # blocks give way to rows after a long record

    def __iter__(self) -> Iterator[LedgerRow]:
        return self

    def __next__(self) -> LedgerRow:
        if self._done:
            raise StopIteration
        if self._reader is None:
            self._base = self._lines
            self._reader = csv.reader(_lines(self._pieces, self._pending, LINE_CHARS), delimiter=self._delimiter)
        try:
            cells = next(self._reader)
        except StopIteration:
            self._close()
            raise
        except _LongLine:
            pass
        except csv.Error as exc:
            if not str(exc).startswith("field larger than field limit"):
                raise self._failure(exc) from None
        except UnicodeDecodeError as exc:
            raise self._failure(exc) from None
        else:
            self._rows += 1
            row = LedgerRow(self._rows, self._lines + 1, cells)
            self._lines = self._base + self._reader.line_num
            self._pending.clear()
            return row
        try:
            record = _scan_record(
                chain(tuple(self._pending), self._pieces), self._delimiter, csv.field_size_limit(), LINE_CHARS
            )
        except UnicodeDecodeError as exc:
            raise self._failure(exc) from None
        self._pending.clear()
        self._reader = None  # a new csv.reader from the next record on
        self._rows += 1
        row = LedgerRow(self._rows, self._lines + 1, record.cells, record.too_long)
        self._lines += record.lines
        if record.carry:
            self._pieces = chain((record.carry,), self._pieces)
        return row

    def blocks(self, count: int) -> Iterator[RowBlock]:
        """The records ``count`` at a time, each block read by csv.reader in one call. Lines
        are counted per block: when its records spanned as many lines as there are records,
        the lines follow each other; else each record's lines are counted from its cells. A
        block holding a long record is read again one record at a time, and so is the rest
        of the file."""
        self._reader = None  # the rows read one at a time so far end on a record's end
        while not self._done and not self._one_at_a_time:
            before = self._lines
            ahead, start = tee(self._pieces)
            reader = csv.reader(ahead, delimiter=self._delimiter)
            records: list[list[str]] = []
            failure: UnicodeDecodeError | csv.Error | None = None
            try:
                # A failing record leaves the records before it in the list (list.extend).
                with collector_paused():
                    records.extend(islice(reader, count))
            except (UnicodeDecodeError, csv.Error) as exc:
                failure = exc
            after = copy.copy(start)
            if max(map(len, islice(after, reader.line_num)), default=0) >= LINE_CHARS or (
                isinstance(failure, csv.Error) and str(failure).startswith("field larger than field limit")
            ):
                self._pieces, self._one_at_a_time = start, True  # read again, one record at a time
                break
            self._pieces = after
            read = len(records)
            lines: Sequence[int]
            if failure is None and reader.line_num == read:
                lines, self._lines = range(before + 1, before + read + 1), before + read
            else:
                lines, self._lines = _record_lines(records, before)
                if failure is None:
                    self._lines = before + reader.line_num
            rows = range(self._rows + 1, self._rows + read + 1)
            self._rows += read
            error = self._failure(failure) if failure is not None else None
            if read < count:
                self._close()
            if read or error is not None:
                yield RowBlock(rows, lines, records, error)
        if self._one_at_a_time:
            yield from _row_blocks(self, count)

    def raw_blocks(self, width: int, raw_count: int, count: int) -> Iterator[RowBlock | RawBlock]:
        """The plain lines from here on as ``RawBlock``s of ``raw_count`` lines (``width``
        cells each), then ``blocks(count)`` from the first line that is not plain. Plain
        lines are looked for only in a seekable UTF-8 file with an ASCII delimiter, from a
        record's end with nothing read ahead."""
        yield from self._raw_blocks(width, raw_count)
        yield from self.blocks(count)

    def _raw_blocks(self, width: int, count: int) -> Iterator[RawBlock]:
        if (
            self._done
            or self._one_at_a_time
            or self._pieces is not self._first_pieces
            or not isinstance(self._stream, io.TextIOWrapper)
            or codecs.lookup(self._encoding).name not in ("utf-8", "utf-8-sig")
            or not self._delimiter.isascii()
            or not self._stream.seekable()
        ):
            return
        from gkcli.ledger.rawcsv import RawReader

        self._reader = None
        offset = self._stream.tell()
        binary = self._stream.detach()
        binary.seek(offset)
        if offset == 0 and codecs.lookup(self._encoding).name == "utf-8-sig" and binary.read(3) != codecs.BOM_UTF8:
            binary.seek(0)  # at the start of the file: its BOM, if any, is not text
        # The text stream to go on with, over the same file (any BOM is behind: plain UTF-8).
        self._stream = io.TextIOWrapper(binary, encoding="utf-8", errors="strict", newline="")
        reader = RawReader(binary, self._delimiter, width, LINE_CHARS, csv.field_size_limit())
        for block in reader.blocks(count, self._rows, self._lines):
            self._rows += len(block)
            self._lines += len(block)
            yield block
        binary.seek(reader.offset)
        self._pieces = self._first_pieces = iter(partial(self._stream.readline, LINE_CHARS), "")
        if reader.ended:
            self._close()

    def _close(self) -> None:
        self._done = True
        self._stream.close()

    def _failure(self, exc: UnicodeDecodeError | csv.Error) -> LedgerFileError:
        self._close()
        line = self._lines + 1
        if isinstance(exc, UnicodeDecodeError):
            return LedgerFileError(
                FindingCode.ENCODING_ERROR,
                f"bytes on line {line} cannot be decoded with {self._encoding}; save the file as CSV UTF-8 or pass another --encoding",
                f"第 {line} 行的字节无法按 {self._encoding} 解码；请另存为 CSV UTF-8 或用 --encoding 指定其他编码",
                line=line,
            )
        return LedgerFileError(
            FindingCode.ENCODING_ERROR,
            f"line {line} is not valid CSV ({exc}); is this file a ledger?",
            f"第 {line} 行不是有效的 CSV（{exc}）；请确认这是台账文件",
            line=line,
        )


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while rows are read and turned into arrays: lists
    of strings hold no cycles, and a collection each few hundred of them, walking the ones
    already read, cost as much as the reading (docs/performance.md). Not held across a
    ``yield`` to other code: what that code allocates is collected as usual."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _line_breaks(text: str) -> int:
    """Line breaks as a text stream read with ``newline=""`` splits lines: ``\\r\\n``, ``\\r``, ``\\n``."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _record_lines(records: list[list[str]], before: int) -> tuple[list[int], int]:
    """The line each record starts on, and the last line they span, the line before them
    being ``before``: a record spans one line more for each line break in its (quoted) cells."""
    # Cells are joined with a space, so that a cell's "\r" and the next one's "\n" are two breaks.
    spans = (_line_breaks(text) + 1 for text in map(" ".join, records))
    starts = list(accumulate(spans, initial=before + 1))
    return starts[:-1], starts[-1] - 1


class _Record(NamedTuple):
    """A record followed by ``_scan_record``: its cells (none when one is too long), the
    cells over the limit, the physical lines it spans, and a piece read past its end."""

    cells: list[str]
    too_long: tuple[LongCell, ...]
    lines: int
    carry: str


_FIELD_START, _UNQUOTED, _QUOTED, _QUOTE_SEEN, _ENDED = range(5)


def _scan_record(pieces: Iterator[str], delimiter: str, cell_limit: int, line_limit: int) -> _Record:
    """Follow one record from its first character as ``csv.reader`` (the default dialect,
    not strict) parses it: a quote opens a quoted cell only at the start of a cell, ``""``
    in it is a quote, a character after its closing quote joins the cell; a line ends at
    CR, LF or CRLF, and outside quotes a line end ends the record. ``pieces`` are physical
    lines, or pieces of one cut at ``line_limit`` characters (``readline(line_limit)``). A
    cell's text is kept up to ``cell_limit`` characters; past that only its length is counted."""
    unquoted = re.compile(f"[{re.escape(delimiter)}\r\n]")
    cells: list[str] = []
    too_long: list[LongCell] = []
    parts: list[str] | None = []
    size = 0

    def add(text: str) -> None:
        nonlocal parts, size
        size += len(text)
        if parts is not None:
            if size > cell_limit:
                parts = None
            else:
                parts.append(text)

    def save() -> None:
        nonlocal parts, size
        if parts is None:
            too_long.append(LongCell(len(cells), size, cell_limit, read=False))
        cells.append("".join(parts) if parts is not None else "")
        parts, size = [], 0

    lines = 0
    state = _FIELD_START
    last = ""  # the last character of the previous piece
    begun = False
    for piece in pieces:
        if state == _ENDED:
            # The record ended on a CR that ends a cut piece: an LF just after it belongs
            # to the same line end; anything else is the next record's.
            carry = piece[1:] if piece[0] == "\n" else piece
            return _Record([] if too_long else cells, tuple(too_long), lines, carry)
        if piece[-1] in "\r\n" and not (piece == "\n" and last == "\r"):
            lines += 1  # a CRLF cut between its two characters is one line end
        last = piece[-1]
        at, end = 0, len(piece)
        while at < end and state != _ENDED:
            if state == _UNQUOTED:
                found = unquoted.search(piece, at)
                stop = found.start() if found else end
                add(piece[at:stop])
                at = stop
                if found:
                    save()
                    at += 1
                    state = _FIELD_START if found.group() == delimiter else _ENDED
            elif state == _QUOTED:
                stop = piece.find('"', at)
                add(piece[at : stop if stop >= 0 else end])
                at, state = (stop + 1, _QUOTE_SEEN) if stop >= 0 else (end, _QUOTED)
            else:  # a cell's start, or just after a quote in a quoted cell
                char = piece[at]
                if char == '"':
                    if state == _QUOTE_SEEN:
                        add('"')  # "" in a quoted cell
                    state, at = _QUOTED, at + 1
                elif char == delimiter:
                    save()
                    state, at = _FIELD_START, at + 1
                elif char in "\r\n":
                    if begun or cells:
                        save()  # an empty line is a record without cells
                    state, at = _ENDED, at + 1
                else:
                    state = _UNQUOTED  # an unquoted cell, or text after a closing quote
            begun = True
        if state == _ENDED:
            if piece[at - 1] == "\r" and at < end and piece[at] == "\n":
                at += 1
            if at < end or piece[-1] != "\r" or end < line_limit:
                return _Record([] if too_long else cells, tuple(too_long), lines, piece[at:])
    if state != _ENDED and (state != _FIELD_START or cells):
        save()  # the end of the file ends the record (an open quote too, as csv does)
    return _Record([] if too_long else cells, tuple(too_long), lines, "")


# -- xlsx -------------------------------------------------------------------------------------


# What a workbook may unpack to (docs/ledgers.md "Workbooks"): a zip bomb is refused before
# openpyxl inflates it. The shared strings are held in memory whole, so they get less.
MAX_WORKBOOK_BYTES = 1 << 30
MAX_SHARED_STRINGS_BYTES = 256 << 20
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+[0-9]+):([A-Z]+[0-9]+)"')


def _check_unpacked_size(archive: ZipFile) -> None:
    """``encoding-error`` when the workbook would unpack to more than gkcli reads."""
    total = sum(member.file_size for member in archive.infolist())
    strings = sum(m.file_size for m in archive.infolist() if m.filename.lower().endswith("sharedstrings.xml"))
    if total > MAX_WORKBOOK_BYTES or strings > MAX_SHARED_STRINGS_BYTES:
        raise LedgerFileError(
            FindingCode.ENCODING_ERROR,
            f"the workbook unpacks to {total >> 20:,} MiB ({strings >> 20:,} MiB of shared strings); gkcli reads at most "
            f"{MAX_WORKBOOK_BYTES >> 20:,} MiB ({MAX_SHARED_STRINGS_BYTES >> 20:,} MiB of shared strings). "
            f"Save the sheet as CSV UTF-8, which is read as a stream",
            f"工作簿解压后为 {total >> 20:,} MiB（共享字符串 {strings >> 20:,} MiB），超过 gkcli 可读取的 "
            f"{MAX_WORKBOOK_BYTES >> 20:,} MiB（共享字符串 {MAX_SHARED_STRINGS_BYTES >> 20:,} MiB）。请另存为 CSV UTF-8（按流读取）",
        )


def _merged_ranges(archive: ZipFile, member: str) -> list[tuple[int, int, int, int]]:
    """The merged ranges of a sheet as (first row, first column, last row, last column),
    found by scanning its XML (read-only openpyxl does not report them)."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    ranges: list[tuple[int, int, int, int]] = []
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            end = 0
            for match in _MERGE.finditer(data):
                (c1, r1), (c2, r2) = (coordinate_from_string(part.decode()) for part in match.groups())
                ranges.append((r1, column_index_from_string(c1), r2, column_index_from_string(c2)))
                end = match.end()
            tail = data[max(end, len(data) - 256) :]
    return ranges


def _workbook_rows(path: Path, sheet: str | None) -> Iterator[LedgerRow]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    # openpyxl refuses a path without a workbook suffix (a spooled upload or stdin, found a
    # workbook by its signature), but reads a file object by its content.
    stream: BinaryIO | None = None
    try:
        if path.suffix.lower() not in (".xlsx", ".xlsm"):
            stream = path.open("rb")
        with ZipFile(stream or path) as archive:
            _check_unpacked_size(archive)
        if stream is not None:
            stream.seek(0)
        book = load_workbook(stream or path, read_only=True, data_only=True)
    except OSError as exc:
        raise _open_error(path, exc) from None
    except (BadZipFile, KeyError, ValueError, LedgerFileError) as exc:
        if stream is not None:
            stream.close()
        if isinstance(exc, LedgerFileError):
            raise
        raise LedgerFileError(
            FindingCode.ENCODING_ERROR,
            f"not a readable .xlsx workbook ({exc}); save it again from Excel/WPS as .xlsx or as CSV UTF-8",
            f"不是可读取的 .xlsx 工作簿（{exc}）；请在 Excel/WPS 中重新另存为 .xlsx 或 CSV UTF-8",
        ) from None
    if sheet is None:
        worksheet = book.worksheets[0]
    elif sheet in book.sheetnames:
        worksheet = book[sheet]
    else:
        book.close()
        if stream is not None:
            stream.close()
        raise InputError(
            f"{path}: no sheet named {quote(sheet)}; sheets: {', '.join(book.sheetnames)}",
            f"{path}：没有名为 {quote(sheet)} 的工作表；现有工作表：{', '.join(book.sheetnames)}",
        )
    # The recorded dimension is not trusted: some OA systems write "A1", and openpyxl would
    # read only that cell (an "empty" ledger that passes every check).
    worksheet.reset_dimensions()
    # openpyxl's read-only sheets keep their archive and XML path; without them (another
    # openpyxl) merged ranges read as their first cell only, as before.
    opened, member = getattr(book, "_archive", None), getattr(worksheet, "_worksheet_path", None)
    try:
        merges = _merged_ranges(opened, member) if opened is not None and member else []
    except (KeyError, OSError, ValueError):
        merges = []
    return _sheet_rows(book, worksheet, stream, merges)


def as_cell(value: object) -> Cell:
    """A workbook or table value as a cell: text, number, date as they are; anything else (a
    boolean, a time, a Decimal, rich text) as its text, which is how a cell is read anyway
    (``cell_text``). A boolean must not stay one: ``True == 1`` and they hash alike, so the
    check's memos, keyed by cell, would read a TRUE extension as an earlier row's 1."""
    if value is None or (isinstance(value, str | int | float | date) and not isinstance(value, bool)):
        return value
    return str(value)


def _sheet_rows(
    book: Workbook, worksheet: Worksheet, stream: BinaryIO | None, merges: list[tuple[int, int, int, int]]
) -> Iterator[LedgerRow]:
    """The rows of a sheet; every cell a merged range covers holds the range's value (a
    unit or a rule merged down several rows applies to each of them). A row's cells over
    Excel's own limit (``EXCEL_CELL_CHARS``) are named in its ``too_long``."""
    starting: dict[int, list[tuple[int, int, int, int]]] = {}
    for merge in merges:
        starting.setdefault(merge[0], []).append(merge)
    active: list[tuple[int, int, int, Cell]] = []  # last row, first column, last column, value
    excel = EXCEL_CELL_CHARS
    try:
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            cells = tuple(map(as_cell, values))
            if starting or active:
                cells = _fill_merges(number, cells, starting.pop(number, ()), active)
            # A cell over Excel's limit is read whole (and checked); its row says so.
            long = [(at, len(cell)) for at, cell in enumerate(cells) if isinstance(cell, str) and len(cell) > excel]
            if long:
                yield LedgerRow(number, None, cells, tuple(LongCell(at, size, excel, read=True) for at, size in long))
            else:
                yield LedgerRow(number, None, cells)
    finally:
        book.close()
        if stream is not None:
            stream.close()


def _fill_merges(
    number: int,
    cells: tuple[Cell, ...],
    new: Sequence[tuple[int, int, int, int]],
    active: list[tuple[int, int, int, Cell]],
) -> tuple[Cell, ...]:
    """Row ``number`` with the values of the ranges that cover it from above. A range's
    first row stays as read (a header merged across two columns is one header); each row
    below it gets its value in every column it covers."""
    active[:] = [merge for merge in active if merge[0] >= number]
    filled = cells
    if active:
        spread = list(cells) + [None] * max(0, max(merge[2] for merge in active) - len(cells))
        for _, first_column, last_column, value in active:
            spread[first_column - 1 : last_column] = [value] * (last_column - first_column + 1)
        filled = tuple(spread)
    for _, first_column, last_row, last_column in new:
        if last_row > number:
            value = cells[first_column - 1] if first_column <= len(cells) else None
            active.append((last_row, first_column, last_column, value))
    return filled
