"""The pages in a real browser: headless Chromium (the Debian package) driven by Playwright,
with JavaScript switched off as on an office's old browser (docs/web.md §2). Each test saves
a screenshot of its page. Skipped when the browser is missing, except on CI (``CI=true``),
where ``.ci/run`` installs it and its absence is a failure."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from web_server import running_server

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}: CI must run the browser tests (.ci/run installs chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} is not installed (apt-get install chromium chromium-driver)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install '.[test]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A page without JavaScript: everything must work with forms and links alone."""
    context = browser.new_context(java_script_enabled=False, locale="zh-CN", viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.fixture
def base() -> Iterator[str]:
    with running_server() as url:
        yield url


def test_the_deadline_form_gives_the_make_up_day_with_its_basis(page: Any, base: str, screenshots: Path) -> None:
    page.goto(base + "/")
    page.fill("#rule", "解读")
    page.fill("#start", "2026-09-30")
    page.click("#compute")
    page.wait_for_selector("#answer")
    assert page.inner_text("#due").strip() == "2026-10-10（周六，国庆节调休上班）"
    assert "临政办发〔2016〕22号" in page.inner_text("#basis")
    assert re.search(r"[?&]rule=%E8%A7%A3%E8%AF%BB&start=2026-09-30", page.url)  # the answer has its own URL
    assert page.inner_text("#count td.due .mark").strip() == "3*"  # the third day, a make-up day
    page.screenshot(path=screenshots / "deadline-form.png", full_page=True)


def test_a_deadline_link_reproduces_the_answer_in_english(page: Any, base: str, screenshots: Path) -> None:
    page.goto(base + "/?rule=request-reply&start=2026-09-28&extend=5&lang=en")
    assert page.inner_text("#due").strip().startswith("2026-11-")
    assert page.input_value("#extend") == "5"  # the form shows the options of the link
    assert page.locator("#count td.counted").count() >= 20
    assert "Deadline" in page.title()
    page.screenshot(path=screenshots / "deadline-link.png", full_page=True)


def test_a_ledger_upload_shows_its_findings_as_text_and_downloads_the_copy(
    page: Any, base: str, screenshots: Path, tmp_path: Path
) -> None:
    ledger = tmp_path / "台账.csv"
    ledger.write_text(
        "编号,规则,起算日期,完成日期\n"
        "<script>alert(1)</script>,依申请,2026-09-31,\n"
        "A-2,依申请,2026-09-01,\n"
        "A-3,解读,2026-09-30,2026-10-10\n",
        encoding="utf-8",
    )
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))
    page.goto(base + "/ledger")
    page.set_input_files("#file", str(ledger))
    page.fill("#as_of", "2026-10-31")
    page.click("#check")
    page.wait_for_selector("#result")
    rows = page.locator("#findings tbody tr")
    assert rows.count() >= 2
    table = page.inner_text("#findings")
    assert "<script>alert(1)</script>" in table  # the cell is shown as text, not run
    assert "invalid-date" in table or "2026-09-31" in table
    assert dialogs == []
    page.screenshot(path=screenshots / "ledger.png", full_page=True)

    page.set_input_files("#file", str(ledger))
    with page.expect_download() as download_info:
        page.click("#download")
    saved = tmp_path / "copy.xlsx"
    download_info.value.save_as(saved)
    assert download_info.value.suggested_filename == "台账-标注.xlsx"
    sheet = load_workbook(saved).active
    assert sheet is not None
    assert [cell.value for cell in next(sheet.iter_rows(max_row=1))][-4:] == [
        "截止日期",
        "状态",
        "超期工作日",
        "临时推算",
    ]


def test_the_holidays_page_shows_the_year_and_its_sources(page: Any, base: str, screenshots: Path) -> None:
    page.goto(base + "/holidays?year=2026")
    assert page.locator("table.month").count() == 12
    assert page.locator("table.month td.makeup").count() >= 5
    assert "2026" in page.inner_text("#sources")
    page.screenshot(path=screenshots / "holidays.png", full_page=True)
