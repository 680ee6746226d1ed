"""``gkcli holidays import URL`` (calendar.fetch): a notice's web page, decoded by its declared
charset and cut out of the page, imports as its text file would; every network failure is
one line and exit 2. Pages come from a local server (tests/httpserve.py)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from gkcli.calendar.fetch import Fetched, decode_page, notice_from_page
from gkcli.calendar.notice import parse_notice
from gkcli.calendar.yeardata import load_year_file
from gkcli.cli.app import app
from httpserve import SLOW, closed_port, serve

NOTICES = FIXTURES / "notices"
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY")


def gov_cn_page(notice: str, charset: str = "gb2312") -> str:
    """A page laid out as gov.cn's: navigation, the information table (which repeats the
    title), the title over two lines, one <p> per paragraph, then the footer."""
    lines = [line for line in notice.splitlines() if line and not line.startswith("#")]
    title = lines[0]
    split = title.index("年") + 1
    paragraphs = "\n".join(f"<p style='text-indent:2em'>{line}</p>" for line in lines[1:])
    return f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_国务院文件_中国政府网</title><script>var nav = "1月1日放假";</script></head>
<body><div class="header"><a href="/">首页</a> &gt; <a href="/zhengce/">政策</a></div>
<table class="bd1"><tr><td><b>标　　题：</b></td><td>{title}</td></tr>
<tr><td><b>发文机关：</b></td><td>国务院办公厅</td></tr></table>
<div class="pages_content"><p align="center"><strong>{title[:split]}<br>{title[split:]}</strong></p>
{paragraphs}</div><div class="footer">主办单位：国务院办公厅&nbsp;&nbsp;运行维护单位：中国政府网运行中心</div>
</body></html>"""


@pytest.fixture
def no_proxy(monkeypatch):
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def test_the_notice_is_cut_out_of_the_page_whole():
    text = (NOTICES / "2026.txt").read_text(encoding="utf-8")
    page = notice_from_page(gov_cn_page(text), "https://www.gov.cn/x.htm")
    assert page.splitlines()[0] == "国务院办公厅关于2026年"
    assert page.splitlines()[-1] == "2025年11月4日"
    parsed, original = parse_notice(page), parse_notice(text)
    assert (parsed.source, parsed.holidays, parsed.makeup_workdays, parsed.published) == (
        original.source,
        original.holidays,
        original.makeup_workdays,
        original.published,
    )


@pytest.mark.parametrize(
    ("body", "header", "expected"),
    [
        ("国务院".encode("gbk"), None, "国务院"),  # <meta> absent, no header: detected
        (b'<meta charset="GBK">' + "通知".encode("gbk"), None, '<meta charset="GBK">通知'),
        ("通知".encode(), "utf-8", "通知"),
        (b'<meta charset="gb2312">' + "通知".encode(), "utf-8", '<meta charset="gb2312">通知'),  # header wins
    ],
)
def test_pages_are_decoded_by_their_declared_charset(body, header, expected):
    assert decode_page(Fetched("http://x/", body, header)) == expected


def test_import_a_gbk_page_then_count_into_the_year(clean_environment, no_proxy):
    page = gov_cn_page((NOTICES / "2027-fictional.txt").read_text(encoding="utf-8")).encode("gbk")
    with serve({"/notice.html": (200, "text/html", page)}) as base:
        result = invoke("holidays", "import", f"{base}/notice.html")
    assert result.exit_code == 0, result.stderr
    data = load_year_file(clean_environment / "2027.toml")
    assert data.source == "国务院办公厅关于2027年部分节假日安排的通知" and len(data.holidays) == 7
    assert f"{base}/notice.html" in (clean_environment / "2027.toml").read_text(encoding="utf-8")
    counted = invoke("workdays", "add", "2026-12-20", "20")
    assert counted.exit_code == 0 and counted.stdout == "2027-01-18 (Mon)\n"


def test_a_proxy_from_the_environment_is_used(clean_environment, no_proxy, monkeypatch):
    page = gov_cn_page((NOTICES / "2027-fictional.txt").read_text(encoding="utf-8"), "utf-8").encode("utf-8")
    seen: list[str] = []
    with serve({"/notice.html": (200, "text/html; charset=utf-8", page)}, seen) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy)
        result = invoke("holidays", "import", "http://www.gov.cn.invalid/notice.html")
    assert result.exit_code == 0, result.stderr
    assert seen == ["http://www.gov.cn.invalid/notice.html"]


def one_line_error(result) -> str:
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_http_error_is_one_line(clean_environment, no_proxy):
    with serve({}) as base:
        line = one_line_error(invoke("holidays", "import", f"{base}/missing.html"))
    assert "HTTP 404" in line and "/missing.html" in line
    assert not clean_environment.exists()


def test_timeout_is_one_line(clean_environment, no_proxy):
    with serve({SLOW: (200, "text/html", b"late")}) as base:
        line = one_line_error(invoke("holidays", "import", "--timeout", "0.3", f"{base}{SLOW}"))
    assert "no answer within 0.3 s" in line


def test_offline_is_one_line(clean_environment, no_proxy):
    line = one_line_error(invoke("holidays", "import", f"http://127.0.0.1:{closed_port()}/notice.html"))
    assert "cannot connect" in line and "offline" in line


def test_an_unreachable_proxy_is_named(clean_environment, no_proxy, monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{closed_port()}")
    line = one_line_error(invoke("holidays", "import", "https://www.gov.cn.invalid/notice.html"))
    assert "via proxy http://127.0.0.1:" in line


def test_a_page_without_a_notice_is_refused(clean_environment, no_proxy):
    with serve({"/": (200, "text/html; charset=utf-8", "<p>首页</p>".encode())}) as base:
        line = one_line_error(invoke("holidays", "import", f"{base}/"))
    assert "no notice found" in line
