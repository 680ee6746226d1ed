"""``gkcli holidays update`` (calendar.feed): a year from a holiday-cn-format JSON feed,
verified against the statutory rules before anything is written; refused with its reasons
(exit 2) otherwise. The feed is served by a local server (tests/httpserve.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from gkcli.calendar.notice import parse_notice
from gkcli.calendar.yeardata import load_year_file
from gkcli.cli.app import app
from httpserve import serve

NOTICE_2027 = parse_notice((FIXTURES / "notices" / "2027-fictional.txt").read_text(encoding="utf-8"))


def feed_days(data=NOTICE_2027) -> list[dict[str, object]]:
    days = [
        {"name": period.name, "date": day.isoformat(), "isOffDay": True}
        for period in data.holidays
        for day in period.days()
    ]
    days += [{"name": m.name, "date": m.date.isoformat(), "isOffDay": False} for m in data.makeup_workdays]
    return sorted(days, key=lambda entry: str(entry["date"]))


def feed_file(days: list[dict[str, object]], year: int = 2027) -> bytes:
    return json.dumps({"year": year, "papers": ["https://www.gov.cn/fictional-2027.htm"], "days": days}).encode()


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def feed(monkeypatch):
    """Serves ``/2027.json``; the test sets the body through the returned dict."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    routes: dict[str, tuple[int, str, bytes]] = {"/2027.json": (200, "application/json", feed_file(feed_days()))}
    with serve(routes) as base:
        yield routes, base


def test_update_writes_a_verified_year_that_workdays_uses(clean_environment, feed):
    _, base = feed
    result = invoke("holidays", "update", "--feed", f"{base}/", "--year", "2027", "--yes")
    assert result.exit_code == 0, result.stderr
    assert "2027-10-01" in result.stdout and "国庆节" in result.stdout  # what it writes, shown first
    data = load_year_file(clean_environment / "2027.toml")
    assert (data.holidays, data.makeup_workdays) == (NOTICE_2027.holidays, NOTICE_2027.makeup_workdays)
    assert data.url == "https://www.gov.cn/fictional-2027.htm"
    counted = invoke("workdays", "add", "2026-12-20", "20")
    assert counted.exit_code == 0 and counted.stdout == "2027-01-18 (Mon)\n"


def test_the_year_defaults_to_the_first_uncovered_and_the_feed_to_the_environment(clean_environment, feed, monkeypatch):
    _, base = feed
    monkeypatch.setenv("GKCLI_HOLIDAYS_FEED", base + "/{year}.json")
    assert invoke("holidays", "update", "--yes").exit_code == 0
    assert (clean_environment / "2027.toml").is_file()


def test_the_feed_from_the_project_file(clean_environment, feed, tmp_path, monkeypatch):
    _, base = feed
    (tmp_path / "work" / "gkcli.toml").write_text(f'holidays_feed = "{base}"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path / "work")
    assert invoke("holidays", "update", "--yes").exit_code == 0


def test_without_yes_and_without_a_terminal_nothing_is_written(clean_environment, feed):
    _, base = feed
    result = invoke("holidays", "update", "--feed", base)
    assert result.exit_code == 2 and "pass --yes" in result.stderr
    assert "2027-02-05" in result.stdout
    assert not (clean_environment / "2027.toml").exists()


def change(days, when: str, **fields):
    return [{**entry, **fields} if entry["date"] == when else entry for entry in days]


WEEKDAY_MAKEUP = change(feed_days(), "2027-02-20", date="2027-02-22")  # a Monday
NO_MID_AUTUMN = [entry for entry in feed_days() if entry["name"] != "中秋节"]
DRAGON_BOAT_MOVED = [
    {**entry, "date": (date.fromisoformat(str(entry["date"])) + timedelta(7)).isoformat()}
    if entry["name"] == "端午节"
    else entry
    for entry in feed_days()
]
LONG_NATIONAL_DAY = feed_days() + [
    {"name": "国庆节", "date": f"2027-10-{day:02d}", "isOffDay": True} for day in range(8, 13)
]


@pytest.mark.parametrize(
    ("days", "reason"),
    [
        (WEEKDAY_MAKEUP, "make-up working day 2027-02-22 (春节) is a 周一, not a Saturday or Sunday"),
        (NO_MID_AUTUMN, "中秋节 is missing: 2027-09-15 not off"),
        (DRAGON_BOAT_MOVED, "端午节 (2027-06-16..2027-06-16) does not hold its lunar date 2027-06-09"),
        (LONG_NATIONAL_DAY, "国庆节 2027-10-01..2027-10-12 is 12 days"),
    ],
)
def test_a_feed_that_breaks_a_statutory_rule_is_refused(clean_environment, feed, days, reason):
    routes, base = feed
    routes["/2027.json"] = (200, "application/json", feed_file(days))
    result = invoke("holidays", "update", "--feed", base, "--year", "2027", "--yes")
    assert result.exit_code == 2
    assert "refused, nothing written" in result.stderr and reason in result.stderr
    assert not clean_environment.exists() or not list(clean_environment.iterdir())


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b"<html>not json</html>", "not JSON"),
        (json.dumps({"year": 2026, "days": []}).encode(), "it is for 2026, not 2027"),
        (json.dumps({"year": 2027, "days": [{"date": "2027-01-01"}]}).encode(), "days[0] is not"),
    ],
)
def test_a_file_that_is_no_feed_is_one_line(clean_environment, feed, body, why):
    routes, base = feed
    routes["/2027.json"] = (200, "application/json", body)
    result = invoke("holidays", "update", "--feed", base, "--year", "2027", "--yes")
    assert result.exit_code == 2 and why in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_year_the_feed_does_not_have_yet(clean_environment, feed):
    _, base = feed
    result = invoke("holidays", "update", "--feed", base, "--year", "2028", "--yes")
    assert result.exit_code == 2 and "HTTP 404" in result.stderr and "2028.json" in result.stderr


def run_on_a_terminal(args: list[str], answer: bytes, env: dict[str, str]) -> tuple[int, str]:
    """Run ``python -m gkcli ARGS`` with a pseudo-terminal as stdin, typing ``answer``."""
    import pty  # POSIX only, like the terminal it stands for

    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "gkcli", *args],
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(terminal)
    os.write(controller, answer)
    stdout, stderr = process.communicate(timeout=120)
    os.close(controller)
    return process.returncode, (stdout + stderr).decode("utf-8", "replace")


@pytest.mark.parametrize(("answer", "code", "written"), [(b"y\n", 0, True), (b"n\n", 1, False)])
def test_on_a_terminal_it_asks_before_writing(clean_environment, feed, answer, code, written):
    _, base = feed
    returncode, output = run_on_a_terminal(
        ["holidays", "update", "--feed", base, "--year", "2027"], answer, dict(os.environ)
    )
    assert returncode == code, output
    assert "Write " in output and "2027.toml?" in output
    assert (clean_environment / "2027.toml").exists() == written


@pytest.mark.parametrize("year", range(2007, 2027))
def test_every_published_holiday_cn_year_passes_the_checks(year):
    """The checks refuse broken feeds, not real ones: each year holiday-cn published passes,
    but 2020, whose file marks Monday 2020-02-03 (work resumed after the extension) as a
    working day, which the checks read as a make-up day on a weekday."""
    from gkcli.calendar.feed import parse_feed, verify_year

    body = (FIXTURES / "holiday-cn" / f"{year}.json").read_bytes()
    reasons = [en for en, _ in verify_year(parse_feed(body, f"{year}.json", year))]
    expected = ["make-up working day 2020-02-03 (春节) is a 周一, not a Saturday or Sunday"] if year == 2020 else []
    assert reasons == expected
