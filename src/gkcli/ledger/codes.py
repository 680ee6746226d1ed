"""The finding codes of a ledger check, in one registry (docs/ledgers.md "Finding codes").

Each code is stable (CI configurations name it), has one severity, is reported on a row or on
a whole file, and has a help text in both languages. Every finding is made from a
``FindingCode``; the table in docs/ledgers.md is generated from this registry
(``python -m gkcli.ledger codes`` prints it, ``python -m gkcli.ledger codes --update
docs/ledgers.md`` rewrites the section between the ``finding-codes`` markers) and a test keeps the two equal.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from gkcli.core.i18n import Lang, LangLike

__all__ = [
    "SECTION_END",
    "SECTION_START",
    "CodeInfo",
    "FindingCode",
    "Scope",
    "Severity",
    "markdown_table",
    "with_table",
]

SECTION_START = "<!-- finding-codes:start -->"
SECTION_END = "<!-- finding-codes:end -->"


class Severity(str, Enum):
    """How bad a finding is; ``--fail-on`` picks the lowest that fails a run."""

    ERROR = "error"
    WARNING = "warning"


class Scope(str, Enum):
    """Where a finding points: at one row, or at the whole file."""

    ROW = "row"
    FILE = "file"


@dataclass(frozen=True)
class CodeInfo:
    """What a finding code means: its severity, scope and help text."""

    severity: Severity
    scope: Scope
    help_en: str
    help_zh: str


class FindingCode(str, Enum):
    """A finding's stable kebab-case code; ``info`` says what it means."""

    MISSING_COLUMN = "missing-column"
    ENCODING_ERROR = "encoding-error"
    MISSING_CELL = "missing-cell"
    UNKNOWN_RULE = "unknown-rule"
    INVALID_DATE = "invalid-date"
    NON_ISO_DATE = "non-iso-date"
    INVALID_NUMBER = "invalid-number"
    INVALID_INPUT = "invalid-input"
    DONE_BEFORE_START = "done-before-start"
    DEADLINE_MISSED = "deadline-missed"
    OVERDUE = "overdue"
    DUE_SOON = "due-soon"
    EXTENSION_EXCEEDS_MAX = "extension-exceeds-max"
    CALENDAR_OUT_OF_RANGE = "calendar-out-of-range"
    PERIOD_TOO_SHORT = "period-too-short"
    DUPLICATE_ID = "duplicate-id"
    QUARTER_MISSING = "quarter-missing"
    NO_DONE_COLUMN = "no-done-column"
    UPDATE_GAP = "update-gap"
    TIME_ASSUMED = "time-assumed"
    CELL_TOO_LONG = "cell-too-long"
    CELL_TOO_LONG_FOR_EXCEL = "cell-too-long-for-excel"

    def __str__(self) -> str:
        return self.value

    @property
    def info(self) -> CodeInfo:
        return _INFO[self]

    @property
    def severity(self) -> Severity:
        return _INFO[self].severity

    def help(self, lang: LangLike) -> str:
        """The help text in ``lang``."""
        info = _INFO[self]
        return info.help_zh if lang == Lang.zh else info.help_en


_E, _W = Severity.ERROR, Severity.WARNING
_INFO: dict[FindingCode, CodeInfo] = {
    FindingCode.MISSING_COLUMN: CodeInfo(
        _E,
        Scope.FILE,
        "the file has no `rule` or `start` column (the headers found are listed), or is empty",
        "文件缺少 `rule`（事项）或 `start`（起算日期）列（列出找到的表头），或文件为空",
    ),
    FindingCode.ENCODING_ERROR: CodeInfo(
        _E,
        Scope.FILE,
        "the file is neither UTF-8 nor GB18030 (or not a readable .xlsx / CSV)",
        "文件既不是 UTF-8 也不是 GB18030 编码（或不是可读取的 .xlsx / CSV）",
    ),
    FindingCode.MISSING_CELL: CodeInfo(_E, Scope.ROW, "the row has no rule or no start", "该行没有事项或没有起算日期"),
    FindingCode.UNKNOWN_RULE: CodeInfo(
        _E,
        Scope.ROW,
        "the rule is no rule id or alias (close names are suggested)",
        "事项不是已知的规则编号或简称（会提示相近的名称）",
    ),
    FindingCode.INVALID_DATE: CodeInfo(
        _E,
        Scope.ROW,
        "a date, pause range or restart date in no accepted form, or impossible",
        "日期、暂停区间或补正日期的写法无法识别，或日期不存在",
    ),
    FindingCode.NON_ISO_DATE: CodeInfo(
        _W, Scope.ROW, "an accepted date not written `YYYY-MM-DD`", "日期可以识别，但不是 `YYYY-MM-DD` 写法"
    ),
    FindingCode.INVALID_NUMBER: CodeInfo(_E, Scope.ROW, "the extension is not a whole number", "延期不是整数个工作日"),
    FindingCode.INVALID_INPUT: CodeInfo(
        _E,
        Scope.ROW,
        "a counting cell the rule's unit does not take (e.g. pauses on a fixed-date rule)",
        "该规则的计算单位不接受某个计算项（如固定日期规则填写了暂停）",
    ),
    FindingCode.DONE_BEFORE_START: CodeInfo(_E, Scope.ROW, "completion before the trigger", "完成日期早于起算日期"),
    FindingCode.DEADLINE_MISSED: CodeInfo(
        _E,
        Scope.ROW,
        "done after the deadline (working days late in the message)",
        "完成晚于截止时间（说明中给出超过的工作日数）",
    ),
    FindingCode.OVERDUE: CodeInfo(
        _E, Scope.ROW, "still open and past the deadline as of `--as-of`", "截至 `--as-of` 尚未完成且已超过截止时间"
    ),
    FindingCode.DUE_SOON: CodeInfo(
        _W,
        Scope.ROW,
        "still open and due within `--warn-days` working days",
        "尚未完成，且在 `--warn-days` 个工作日内到期",
    ),
    FindingCode.EXTENSION_EXCEEDS_MAX: CodeInfo(
        _E,
        Scope.ROW,
        "more extension than the rule's version allows (20 working days under the 2019 条例, 15 under 2008)",
        "延期超过规则版本允许的上限（2019 年条例为 20 个工作日，2008 年条例为 15 个）",
    ),
    FindingCode.CALENDAR_OUT_OF_RANGE: CodeInfo(
        _E,
        Scope.ROW,
        "the row needs a year without an official holiday arrangement",
        "该行需要尚无官方节假日安排的年份",
    ),
    FindingCode.PERIOD_TOO_SHORT: CodeInfo(
        _E,
        Scope.ROW,
        "a minimum period (public comment: at least 30 days) closed early",
        "不少于若干日的期间（如征求意见不少于 30 日）提前结束",
    ),
    FindingCode.DUPLICATE_ID: CodeInfo(_E, Scope.ROW, "the id was used on an earlier row", "编号在前面的行已经用过"),
    FindingCode.QUARTER_MISSING: CodeInfo(
        _E,
        Scope.FILE,
        "a recurring rule (water quality, ≥1 a quarter) has a finished quarter without an event, "
        "counted from the first event's quarter",
        "定期规则（如水质信息每季度至少 1 次）自首次记录所在季度起，有已结束的季度没有记录",
    ),
    FindingCode.NO_DONE_COLUMN: CodeInfo(
        _W,
        Scope.FILE,
        "the file has no completion (`done`) column, so every row is treated as open (the headers found are listed)",
        "文件没有完成日期（`done`）列，因此每一行都按未完成处理（列出找到的表头）",
    ),
    FindingCode.UPDATE_GAP: CodeInfo(
        _E,
        Scope.FILE,
        "an update-gap rule's channel (a website column, an account) went longer without an update "
        "than the rule allows, between two updates or up to the as-of day",
        "更新间隔规则的栏目或账号在两次更新之间、或最后一次更新至检查日，未更新的时间超过规定",
    ),
    FindingCode.TIME_ASSUMED: CodeInfo(
        _W,
        Scope.ROW,
        "an hour rule's start has no time: counted from 00:00 of that day, the earliest due instant",
        "按小时计算的规则起算时间缺少时刻：按当日 00:00 起算（最早的到期时刻）",
    ),
    FindingCode.CELL_TOO_LONG: CodeInfo(
        _E,
        Scope.ROW,
        "a CSV cell longer than gkcli reads (16 MiB characters): the row is skipped unread and not checked; "
        "reading goes on with the next row",
        "CSV 单元格超过 gkcli 可读取的长度（16 MiB 个字符）：该行跳过、未读取也未检查；其后各行照常读取",
    ),
    FindingCode.CELL_TOO_LONG_FOR_EXCEL: CodeInfo(
        _W,
        Scope.ROW,
        "a workbook cell longer than Excel's 32,767 characters (the file was written by another program; "
        "Excel may cut the cell): the cell is read whole and the row is checked",
        "工作簿单元格超过 Excel 的 32,767 个字符上限（文件由其他程序生成，Excel 可能截断该单元格）："
        "该单元格按完整内容读取，该行照常检查",
    ),
}


def markdown_table() -> str:
    """The finding-code table of docs/ledgers.md: code, severity, scope and help in both languages."""
    lines = ["| code | severity | on | meaning | 说明 |", "|---|---|---|---|---|"]
    lines += [
        f"| `{code.value}` | {code.info.severity.value} | {code.info.scope.value} | {code.info.help_en} | {code.info.help_zh} |"
        for code in FindingCode
    ]
    return "\n".join(lines) + "\n"


def with_table(document: str) -> str:
    """``document`` with the text between its ``finding-codes`` markers replaced by the table."""
    head, start, rest = document.partition(SECTION_START)
    _, end, tail = rest.partition(SECTION_END)
    if not start or not end:
        raise ValueError(f"the document has no {SECTION_START} ... {SECTION_END} section")
    return f"{head}{SECTION_START}\n{markdown_table()}{SECTION_END}{tail}"
