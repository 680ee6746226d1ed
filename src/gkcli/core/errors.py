"""Typed errors of the core, each with its exit code and a message in both languages.

The CLI prints ``error.message(lang)`` and exits with ``error.exit_code``:
2 for bad input, options or data files (docs/design.md §6, §8); 3 when the calendar has no
data for a year the question needs (docs/design.md §2.3).
"""

from __future__ import annotations

import errno

from gkcli.core.i18n import Lang, LangLike

__all__ = [
    "QUOTE_LIMIT",
    "CalendarOutOfRange",
    "DataFileError",
    "GkcliError",
    "InputError",
    "os_reason",
    "quote",
]

QUOTE_LIMIT = 80


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """``repr(value)`` for a message, cut to about ``limit`` characters: a 200 MB bad value
    is named, never echoed whole."""
    text = value if isinstance(value, str) else str(value)
    if len(text) <= limit:
        return repr(text) if isinstance(value, str) else text
    return f"{text[:limit]!r}… ({len(text):,} characters)"


_OS_REASONS_ZH = {
    errno.ENOENT: "没有那个文件或目录",
    errno.EISDIR: "是一个目录",
    errno.ENOTDIR: "不是目录",
    errno.EACCES: "权限不够",
    errno.EPERM: "不允许的操作",
    errno.ENOSPC: "设备上没有空间",
    errno.EROFS: "只读文件系统",
    errno.EEXIST: "文件已存在",
    errno.ENAMETOOLONG: "文件名过长",
    errno.ELOOP: "符号链接的层数过多",
    errno.EIO: "输入/输出错误",
    errno.EBADF: "错误的文件描述符",
    errno.EPIPE: "断开的管道",
    errno.EFBIG: "文件过大",
    errno.EMFILE: "打开的文件过多",
    errno.ENXIO: "没有那个设备或地址",
    errno.ETXTBSY: "文本文件忙",
}


def os_reason(exc: OSError) -> tuple[str, str]:
    """The OS's reason for ``exc`` in English and Chinese, for a message in both languages
    (docs/design.md §6): ``No such file or directory`` / ``没有那个文件或目录``. An errno
    without a Chinese text keeps the OS's own words in both."""
    en = exc.strerror or str(exc)
    return en, _OS_REASONS_ZH.get(exc.errno or 0, en)


class GkcliError(Exception):
    """Base of every error gkcli reports to a user instead of a traceback."""

    exit_code: int = 2
    code: str = "error"

    def __init__(self, en: str, zh: str | None = None) -> None:
        super().__init__(en)
        self.en = en
        self.zh = zh or en

    def message(self, lang: LangLike = Lang.en) -> str:
        """The message in ``lang`` (``zh`` or ``en``)."""
        return self.zh if lang == Lang.zh else self.en


class InputError(GkcliError):
    """A date, number, option or file the user gave cannot be used (exit 2)."""

    code = "invalid-input"


class DataFileError(GkcliError):
    """A holiday data file or rule catalogue does not follow its schema (exit 2)."""

    code = "invalid-data"


class CalendarOutOfRange(GkcliError):
    """A computation needs a day of a year that no calendar source covers (exit 3)."""

    exit_code = 3
    code = "calendar-out-of-range"

    def __init__(
        self, year: int, provisional_span: tuple[int, int] | None = None, *, also: tuple[int, ...] = ()
    ) -> None:
        """``provisional_span``: the years ``--provisional`` fills, when it is already on;
        ``also``: further uncovered years the same question needs (array arithmetic)."""
        self.year = year
        self.years = (year, *also)
        years_en = ", ".join(str(y) for y in self.years)
        years_zh = "、".join(str(y) for y in self.years)
        if provisional_span:
            first, last = provisional_span
            super().__init__(
                f"no holiday arrangement for {years_en} is known, and --provisional reaches only "
                f"{first}–{last} (one year before the official data to ten after). Fix: "
                f"`gkcli holidays update --year {self.year}` once it is published, or import the State "
                f"Council notice for {years_en} with `gkcli holidays import NOTICE.txt|URL`.",
                f"尚无{years_zh}年的节假日安排，--provisional 仅覆盖{first}–{last}年（官方数据之前一年至之后十年）。"
                f"解决办法：发布后运行 `gkcli holidays update --year {self.year}`，"
                f"或用 `gkcli holidays import 通知.txt|网址` 导入{years_zh}年的国务院办公厅通知。",
            )
            return
        super().__init__(
            f"no official holiday arrangement for {years_en} is known, so working days in "
            f"{years_en} cannot be counted. Fix: `gkcli holidays update --year {self.year}` "
            f"(fetches and checks the published arrangement), or import the State Council notice "
            f"with `gkcli holidays import NOTICE.txt|URL`, upgrade gkcli, or pass --provisional "
            f"to count with the statutory holidays (results are marked provisional).",
            f"尚无{years_zh}年的官方节假日安排，无法计算{years_zh}年的工作日。"
            f"解决办法：运行 `gkcli holidays update --year {self.year}`（获取并核对已发布的安排），"
            f"或用 `gkcli holidays import 通知.txt|网址` 导入国务院办公厅通知，"
            f"或升级 gkcli，或加 --provisional 按法定节日临时计算（结果标注为临时）。",
        )
