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
import csv
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple, TextIO
from zipfile import ZipFile

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

from gkcli.core.encoding import detect_file_encoding
from gkcli.core.errors import InputError, os_reason, quote
from gkcli.ledger.codes import FindingCode

__all__ = [
    "COLUMNS",
    "COLUMN_ALIASES",
    "REQUIRED_COLUMNS",
    "Cell",
    "LedgerFileError",
    "LedgerRow",
    "LedgerTable",
    "cell_text",
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

# A cell may be long (a 备注 with a pasted reply runs past csv's default 128 KiB); only a
# cell beyond this is refused, as a file-level encoding-error.
MAX_CELL_CHARS = 16 << 20
csv.field_size_limit(max(csv.field_size_limit(), MAX_CELL_CHARS))

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


class LedgerRow(NamedTuple):
    """One data row: its spreadsheet row (header = 1 when it is the first row), the
    physical line it starts on (CSV) and its cells as read."""

    row: int
    line: int | None
    cells: list[str] | tuple[Cell, ...]


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


def _read_csv(stream: TextIO, delimiter: str = ",") -> Iterator[LedgerRow]:
    with stream:
        reader = csv.reader(stream, delimiter=delimiter)
        line = 0
        row = 0
        try:
            for cells in reader:
                row += 1
                yield LedgerRow(row, line + 1, cells)
                line = reader.line_num
        except UnicodeDecodeError:
            raise LedgerFileError(
                FindingCode.ENCODING_ERROR,
                f"bytes on line {line + 1} cannot be decoded with {stream.encoding}; save the file as CSV UTF-8 or pass another --encoding",
                f"第 {line + 1} 行的字节无法按 {stream.encoding} 解码；请另存为 CSV UTF-8 或用 --encoding 指定其他编码",
                line=line + 1,
            ) from None
        except csv.Error as exc:
            raise LedgerFileError(
                FindingCode.ENCODING_ERROR,
                f"line {line + 1} is not valid CSV ({exc}); is this file a ledger?",
                f"第 {line + 1} 行不是有效的 CSV（{exc}）；请确认这是台账文件",
                line=line + 1,
            ) from None


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


def _as_cell(value: object) -> Cell:
    """A workbook value as a cell: text, number, date as they are; anything else (a time, a
    Decimal, rich text) as its text, which is how a cell is read anyway (``cell_text``)."""
    if value is None or isinstance(value, str | int | float | date):
        return value
    return str(value)


def _sheet_rows(
    book: Workbook, worksheet: Worksheet, stream: BinaryIO | None, merges: list[tuple[int, int, int, int]]
) -> Iterator[LedgerRow]:
    """The rows of a sheet; every cell a merged range covers holds the range's value (a
    unit or a rule merged down several rows applies to each of them)."""
    starting: dict[int, list[tuple[int, int, int, int]]] = {}
    for merge in merges:
        starting.setdefault(merge[0], []).append(merge)
    active: list[tuple[int, int, int, Cell]] = []  # last row, first column, last column, value
    try:
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            cells = tuple(map(_as_cell, values))
            if starting or active:
                cells = _fill_merges(number, cells, starting.pop(number, ()), active)
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
