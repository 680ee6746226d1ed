"""Reading a notice from a file, stdin or a web page (docs/holidays.md, "From a web page").

``http://`` and ``https://`` sources are fetched with the standard library (urllib): proxies
come from ``HTTPS_PROXY`` / ``HTTP_PROXY`` (and ``NO_PROXY``) as urllib reads them; a page is
decoded by the charset it declares (the ``Content-Type`` header, else a ``<meta>`` tag; GB2312
and GBK are read as their superset GB18030), else detected as files are (``core.encoding``).
The notice is then cut out of the page's text: from its title to the date it was signed.
Timeouts, HTTP errors and an unreachable host (offline) are each one ``InputError`` line
(exit 2).
"""

from __future__ import annotations

import re
import socket
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from gkcli.calendar.notice import signed_date
from gkcli.core.encoding import decode_text
from gkcli.core.errors import InputError, os_reason

__all__ = [
    "DEFAULT_TIMEOUT",
    "Fetched",
    "decode_page",
    "fetch",
    "is_url",
    "notice_from_page",
    "read_notice_source",
]

DEFAULT_TIMEOUT = 20.0
MAX_BYTES = 8 * 1024 * 1024  # a notice page is tens of kilobytes; a feed a few
_USER_AGENT = "gkcli (holiday notice import; https://pypi.org/project/gkcli/)"
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CHINESE_CHARSETS = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"}
_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article", "td"}
_SKIPPED = {"script", "style", "head", "title", "noscript", "template"}


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched resource: its body and the charset its ``Content-Type`` header declares."""

    url: str
    body: bytes
    charset: str | None
    content_type: str = "text/html"


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def _proxy_note(url: str) -> str:
    import urllib.parse
    import urllib.request

    scheme = url.split(":", 1)[0]
    proxy = urllib.request.getproxies().get(scheme)
    if not proxy or urllib.request.proxy_bypass(urllib.parse.urlsplit(url).hostname or ""):
        return ""
    return f" (via proxy {proxy})"


def fetch(url: str, timeout: float = DEFAULT_TIMEOUT) -> Fetched:
    """GET ``url``; every failure is an ``InputError`` of one line naming the URL."""
    # urllib.request pulls in ssl, http and email (~40 ms): imported here, where a page is
    # fetched, not on the start-up path of every command that imports this module (`--help`).
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    via = _proxy_note(url)
    try:
        # A new opener each time: its ProxyHandler reads HTTPS_PROXY/HTTP_PROXY now (urlopen's is cached).
        with urllib.request.build_opener().open(request, timeout=timeout) as response:
            body = response.read(MAX_BYTES + 1)
            charset = response.headers.get_content_charset()
            content_type = response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        raise InputError(
            f"{url}: the server answered HTTP {exc.code} {exc.reason}{via}",
            f"{url}：服务器返回 HTTP {exc.code} {exc.reason}{via}",
        ) from None
    except TimeoutError:
        raise _timed_out(url, timeout, via) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            raise _timed_out(url, timeout, via) from None
        reason = exc.reason.strerror if isinstance(exc.reason, OSError) and exc.reason.strerror else exc.reason
        raise InputError(
            f"{url}: cannot connect{via}: {reason} (offline, or the address is wrong?)",
            f"{url}：无法连接{via}：{reason}（网络未连接或地址有误？）",
        ) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{url}: cannot fetch{via}: {exc}", f"{url}：无法获取{via}：{exc}") from None
    if len(body) > MAX_BYTES:
        raise InputError(
            f"{url}: more than {MAX_BYTES // 1024 // 1024} MB; not a notice page",
            f"{url}：超过 {MAX_BYTES // 1024 // 1024} MB，不是通知页面",
        )
    return Fetched(url, body, charset, content_type)


def _timed_out(url: str, timeout: float, via: str) -> InputError:
    return InputError(
        f"{url}: no answer within {timeout:g} s{via}; try again later",
        f"{url}：{timeout:g} 秒内无响应{via}；请稍后再试",
    )


def _codec(charset: str) -> str:
    name = charset.strip().lower()
    return "gb18030" if name in _CHINESE_CHARSETS else name


def decode_page(fetched: Fetched) -> str:
    """The page's text, decoded by its declared charset (header first, then ``<meta>``)."""
    declared = fetched.charset
    if not declared and (meta := _CHARSET.search(fetched.body[:4096])):
        declared = meta.group(1).decode("ascii")
    if declared:
        try:
            return fetched.body.decode(_codec(declared))
        except (LookupError, UnicodeDecodeError):
            pass
    text = decode_text(fetched.body)
    if text is None:
        raise InputError(
            f"{fetched.url}: the page declares {declared or 'no charset'} and is neither UTF-8 nor GBK text",
            f"{fetched.url}：页面声明的编码为 {declared or '（无）'}，且不是 UTF-8 或 GBK 文本",
        )
    return text


class _TextExtractor(HTMLParser):
    """The visible text of a page, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data.replace("\n", " "))


def _page_lines(html: str) -> list[str]:
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    text = "".join(extractor.parts).replace("\u3000", " ").replace("\xa0", " ")
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


_TITLE_START = re.compile(r"^[^:：]*关于")


def notice_from_page(html: str, url: str) -> str:
    """The notice in a page: from the title (the last ``…关于…的通知`` heading before the items,
    which may be printed over two or three lines) to the date it was signed."""
    lines = _page_lines(html)
    body = next((i for i, line in enumerate(lines) if "通知如下" in line), None)
    if body is None:
        body = next((i for i, line in enumerate(lines) if re.match(r"^[一二三四五六七八九十]+、", line)), None)
    starts = [
        i
        for i, line in enumerate(lines[: body if body is not None else len(lines)])
        if _TITLE_START.match(line) and any(later.endswith("通知") for later in lines[i : i + 3])
    ]
    if body is None or not starts:
        raise InputError(
            f"{url}: no notice found on the page (a title …关于…的通知 followed by …通知如下 and numbered items)",
            f"{url}：页面中未找到通知（应有“……关于……的通知”标题及“……通知如下”和编号条目）",
        )
    start = starts[-1]
    end = next(
        (i for i in range(body, len(lines)) if signed_date(unicodedata.normalize("NFKC", lines[i]))), len(lines) - 1
    )
    return "\n".join(lines[start : end + 1]) + "\n"


def read_notice_source(source: str, stdin: BinaryIO, timeout: float = DEFAULT_TIMEOUT) -> tuple[str, str]:
    """The text of the notice at ``source`` (a file, ``-`` for ``stdin``, or an http(s) URL)
    and a name for messages."""
    if is_url(source):
        fetched = fetch(source, timeout=timeout)
        page = decode_page(fetched)
        return (page if fetched.content_type == "text/plain" else notice_from_page(page, source)), source
    if source == "-":
        raw, name = stdin.read(), "<stdin>"
    else:
        try:
            raw, name = Path(source).read_bytes(), source
        except OSError as exc:
            en, zh = os_reason(exc)
            raise InputError(f"cannot read the notice {source}: {en}", f"无法读取通知文件 {source}：{zh}") from None
    text = decode_text(raw)
    if text is None:
        raise InputError(
            f"{name}: not UTF-8 or GBK text; save the notice as plain text (UTF-8)",
            f"{name}：不是 UTF-8 或 GBK 文本；请把通知另存为纯文本（UTF-8）",
        )
    return text, name
