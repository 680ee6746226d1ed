"""``gkcli serve``'s web app (docs/web.md): the API returns exactly the CLI's ``--format json``
records and errors, the pages render the same answers, and the guards hold (token, upload
limit, escaping). Through Starlette's TestClient and a real uvicorn server on 127.0.0.1."""

from __future__ import annotations

import io
import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook
from starlette.testclient import TestClient
from typer.testing import CliRunner

from gkcli.cli.app import app as cli_app
from gkcli.core.config import load_settings
from gkcli.web import WebConfig, create_app
from web_server import running_server

FIXTURES = Path(__file__).resolve().parent / "fixtures"
runner = CliRunner()


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app(WebConfig(load_settings())))


def cli_json(*args: str) -> object:
    result = runner.invoke(cli_app, [*args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def cli_error(*args: str, lang: str) -> tuple[int, str]:
    result = runner.invoke(cli_app, ["--lang", lang, *args])
    prefix = "错误：" if lang == "zh" else "error: "
    return result.exit_code, result.stderr.strip().removeprefix(prefix)


def test_workdays_is_asks_the_calendar_the_server_loaded_not_a_new_one(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_reload(options: object) -> None:
        raise AssertionError("the calendar was loaded again for one request")

    monkeypatch.setattr("gkcli.calendar.describe.load_calendar", no_reload)
    response = client.get("/api/workdays/is", params={"date": "2026-10-10"})
    assert response.status_code == 200 and response.json()["kind"] == "makeup"


# -- the API returns the CLI's records ---------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "args"),
    [
        ({"rule": "解读", "start": "2026-09-30"}, ["解读", "2026-09-30"]),
        (
            {"rule": "request-reply", "start": "2026-09-28", "extend": "5"},
            ["request-reply", "2026-09-28", "--extend", "5"],
        ),
        (
            {
                "rule": "request-reply",
                "start": "2026-09-28",
                "pause": ["2026-10-12..2026-10-14", "2026-10-20..2026-10-20"],
            },
            ["request-reply", "2026-09-28", "--pause", "2026-10-12..2026-10-14", "--pause", "2026-10-20..2026-10-20"],
        ),
        (
            {"rule": "request-reply", "start": "2026-09-28", "restart": "2026-10-09", "both": "true"},
            ["request-reply", "2026-09-28", "--restart", "2026-10-09", "--both"],
        ),
        (
            {
                "rule": "request-reply",
                "start": "2026-10-03",
                "nonworking_trigger": "next-workday",
                "count_start_day": "1",
            },
            ["request-reply", "2026-10-03", "--nonworking-trigger", "next-workday", "--count-start-day"],
        ),
        ({"rule": "解读", "start": "2026-09-30", "explain": "true"}, ["解读", "2026-09-30", "--explain"]),
    ],
)
def test_api_deadline_is_the_cli_record(client: TestClient, params: dict[str, object], args: list[str]) -> None:
    response = client.get("/api/deadline", params=params)  # type: ignore[arg-type]
    assert response.status_code == 200
    assert response.json() == cli_json("deadline", *args)


def test_api_deadline_with_a_time_field_is_the_cli_record_with_the_time_in_start(client: TestClient) -> None:
    hour_rule = next(rule["id"] for rule in cli_json("rules", "list") if rule["unit"] == "hour")  # type: ignore[union-attr,index]
    response = client.get("/api/deadline", params={"rule": hour_rule, "start": "2026-09-30", "time": "14:30"})
    assert response.json() == cli_json("deadline", hour_rule, "2026-09-30 14:30")
    assert response.json()["trigger"] == "2026-09-30T14:30:00+08:00"


@pytest.mark.parametrize(
    ("path", "params", "args"),
    [
        ("/api/workdays/add", {"date": "2026-09-30", "n": "3"}, ["workdays", "add", "2026-09-30", "3"]),
        ("/api/workdays/add", {"date": "2026-10-10", "n": "-3"}, ["workdays", "add", "2026-10-10", "-3"]),
        (
            "/api/workdays/count",
            {"start": "2026-09-30", "end": "2026-10-31"},
            ["workdays", "count", "2026-09-30", "2026-10-31"],
        ),
        ("/api/workdays/is", {"date": "2026-10-10"}, ["workdays", "is", "2026-10-10"]),
        ("/api/workdays/is", {"date": "2026-10-03"}, ["workdays", "is", "2026-10-03"]),
    ],
)
def test_api_workdays_are_the_cli_records(
    client: TestClient, path: str, params: dict[str, str], args: list[str]
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 200
    assert response.json() == cli_json(*args)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fixture", ["clean.csv", "junk.csv", "gbk.csv"])
def test_api_ledger_check_is_the_cli_report(client: TestClient, lang: str, fixture: str) -> None:
    shutil.copy(FIXTURES / "ledgers" / fixture, fixture)  # the CLI reports the name it was given
    with open(fixture, "rb") as upload:
        response = client.post(
            "/api/ledger/check",
            files={"file": (fixture, upload, "text/csv")},
            data={"as_of": "2026-10-31"},
            headers={"accept-language": lang},
        )
    result = runner.invoke(
        cli_app, ["--lang", lang, "ledger", "check", fixture, "--format", "json", "--as-of", "2026-10-31"]
    )
    assert response.text == result.stdout
    assert response.status_code == (422 if result.exit_code == 2 else 200)


def test_api_ledger_check_options_are_the_cli_options(client: TestClient) -> None:
    ledger = "id,rule,start,done\nA,request-reply,2026-10-20,\nB,interpretation,2026-10-29,\n"
    Path("open.csv").write_text(ledger, encoding="utf-8")
    response = client.post(
        "/api/ledger/check",
        files={"file": ("open.csv", ledger.encode())},
        data={"as_of": "2026-10-31", "warn_days": "15", "count_start_day": "true"},
        headers={"accept-language": "en"},
    )
    args = ["--lang", "en", "ledger", "check", "open.csv", "--format", "json", "--as-of", "2026-10-31"]
    result = runner.invoke(cli_app, [*args, "--warn-days", "15", "--count-start-day"])
    assert response.text == result.stdout
    assert {finding["code"] for finding in response.json()["findings"]} == {"due-soon"}


def test_api_ledger_check_reads_a_workbook_as_the_cli_does(client: TestClient) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (
        ["编号", "规则", "起算日期", "完成日期"],
        ["A-1", "依申请", "2026-09-01", None],
        ["A-2", "解读", "2026-09-30", "2026-10-10"],
    ):
        sheet.append(row)
    book.save("台账.xlsx")
    with open("台账.xlsx", "rb") as upload:
        response = client.post("/api/ledger/check", files={"file": ("台账.xlsx", upload)}, data={"as_of": "2026-10-31"})
    result = runner.invoke(
        cli_app, ["--lang", "zh", "ledger", "check", "台账.xlsx", "--format", "json", "--as-of", "2026-10-31"]
    )
    assert response.status_code == 200
    assert response.text == result.stdout
    assert response.json()["findings"][0]["code"] == "overdue"


# -- errors are the CLI's ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    ("params", "args", "status", "code"),
    [
        ({"rule": "nosuchrule", "start": "2026-09-30"}, ["deadline", "nosuchrule", "2026-09-30"], 400, "unknown-rule"),
        (
            {"rule": "request-reply", "start": "2026-09-31"},
            ["deadline", "request-reply", "2026-09-31"],
            400,
            "invalid-input",
        ),
        (
            {"rule": "request-reply", "start": "2026-09-28", "extend": "99"},
            ["deadline", "request-reply", "2026-09-28", "--extend", "99"],
            400,
            "extension-exceeds-max",
        ),
        (
            {"rule": "request-reply", "start": "2045-03-01"},
            ["deadline", "request-reply", "2045-03-01"],
            422,
            "calendar-out-of-range",
        ),
    ],
)
def test_api_errors_carry_the_cli_code_and_message(
    client: TestClient, lang: str, params: dict[str, str], args: list[str], status: int, code: str
) -> None:
    response = client.get("/api/deadline", params=params, headers={"accept-language": f"{lang};q=0.9, fr;q=1"})
    exit_code, message = cli_error(*args, lang=lang)
    assert response.status_code == status
    assert response.json() == {"error": {"code": code, "message": message, "exit_code": exit_code}}


def test_a_missing_parameter_is_a_400_in_the_requested_language(client: TestClient) -> None:
    response = client.get("/api/workdays/is", headers={"accept-language": "en-GB,en;q=0.8"})
    assert response.status_code == 400
    assert response.json()["error"] == {"code": "invalid-input", "message": "missing parameter 'date'", "exit_code": 2}
    assert client.get("/api/workdays/is").json()["error"]["message"] == "缺少参数 'date'"


def test_openapi_schema_names_every_endpoint_and_the_calendar_status(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/deadline",
        "/api/workdays/add",
        "/api/workdays/count",
        "/api/workdays/is",
        "/api/ledger/check",
    }
    assert "calendar-out-of-range" in schema["paths"]["/api/deadline"]["get"]["responses"]["422"]["description"]


# -- safety ------------------------------------------------------------------------------------


def test_a_token_is_required_on_the_api_but_not_on_the_pages() -> None:
    client = TestClient(create_app(WebConfig(load_settings(), token="s3cret")))
    params = {"date": "2026-10-10"}
    assert client.get("/api/workdays/is", params=params).status_code == 401
    wrong = client.get("/api/workdays/is", params=params, headers={"authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "unauthorized"
    assert client.get("/api/workdays/is", params=params, headers={"authorization": "Bearer s3cret"}).status_code == 200
    assert client.get("/").status_code == 200


def test_an_upload_over_the_limit_is_refused_with_413() -> None:
    client = TestClient(create_app(WebConfig(load_settings(), max_upload=1000)))
    big = b"id,rule,start\n" + b"x,request-reply,2026-09-30\n" * 100
    response = client.post("/api/ledger/check", files={"file": ("big.csv", big)})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "upload-too-large"
    small = client.post(
        "/api/ledger/check", files={"file": ("small.csv", b"id,rule,start\nx,request-reply,2026-09-30\n")}
    )
    assert small.status_code == 200


def test_a_script_in_a_ledger_cell_is_shown_as_text(client: TestClient) -> None:
    ledger = b"id,rule,start,done\n<script>alert(1)</script>,request-reply,2026-09-31,\n"
    page = client.post("/ledger", files={"file": ("evil.csv", ledger)}, data={"as_of": "2026-10-31"})
    assert page.status_code == 200
    assert "<script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "script-src" not in page.headers["content-security-policy"]  # default-src 'none': no script runs
    evil_rule = client.get("/", params={"rule": "<b>x</b>", "start": "2026-09-30"})
    assert (
        evil_rule.status_code == 400 and "<b>x</b>" not in evil_rule.text and "&lt;b&gt;x&lt;/b&gt;" in evil_rule.text
    )


def test_uploads_are_not_kept_on_the_server(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spool = tmp_path / "spool"
    spool.mkdir()
    monkeypatch.setenv("TMPDIR", str(spool))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    data = (FIXTURES / "ledgers" / "clean.csv").read_bytes()
    assert client.post("/ledger", files={"file": ("clean.csv", data)}).status_code == 200
    assert client.post("/api/ledger/check", files={"file": ("clean.csv", data)}).status_code == 200
    assert list(spool.iterdir()) == []


def test_a_file_that_is_no_ledger_is_refused_by_name(client: TestClient) -> None:
    response = client.post(
        "/api/ledger/check", files={"file": ("notes.txt", b"hello")}, headers={"accept-language": "en"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "cannot read 'notes.txt': a ledger is a .csv or .xlsx file"


# -- pages -------------------------------------------------------------------------------------


def test_the_deadline_url_reproduces_the_answer_with_the_make_up_day_label(client: TestClient) -> None:
    page = client.get("/", params={"rule": "解读", "start": "2026-09-30"})
    assert page.status_code == 200
    assert re.search(r'id="due">2026-10-10（周六，国庆节调休上班）', page.text)
    assert "临政办发〔2016〕22号" in page.text  # the basis, quoted
    assert 'class="makeup due"' in page.text  # the due day drawn in the calendar
    english = client.get("/", params={"rule": "解读", "start": "2026-09-30", "lang": "en"})
    assert "2026-10-10 (Sat, make-up working day for 国庆节)" in english.text


def test_a_bad_date_on_the_page_shows_the_cli_message(client: TestClient) -> None:
    page = client.get("/", params={"rule": "request-reply", "start": "2026-09-31"})
    _, message = cli_error("deadline", "request-reply", "2026-09-31", lang="zh")
    assert page.status_code == 400
    assert "错误：" in page.text and message.replace("'", "&#39;") in page.text


def test_the_ledger_page_downloads_the_annotated_workbook(client: TestClient) -> None:
    data = (FIXTURES / "ledgers" / "clean.csv").read_bytes()
    response = client.post(
        "/ledger", files={"file": ("clean.csv", data)}, data={"as_of": "2026-10-31", "download": "xlsx"}
    )
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    headers = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert headers[-4:] == ["截止日期", "状态", "超期工作日", "临时推算"]


def test_the_holidays_page_shows_the_year_and_its_sources(client: TestClient) -> None:
    page = client.get("/holidays", params={"year": "2026"})
    assert page.status_code == 200
    assert "2026-10-10 国庆节 调休上班" in page.text and "2026-10-01..2026-10-07 国庆节 放假" in page.text
    assert 'id="sources"' in page.text
    assert client.get("/holidays", params={"year": "2045"}).status_code == 422


# -- a real server -----------------------------------------------------------------------------


def test_a_real_server_on_loopback_answers_the_api_and_the_pages() -> None:
    with running_server() as base:
        assert base.startswith("http://127.0.0.1:")
        api = httpx.get(f"{base}/api/deadline", params={"rule": "解读", "start": "2026-09-30"})
        assert api.json() == cli_json("deadline", "解读", "2026-09-30")
        page = httpx.get(f"{base}/", params={"rule": "解读", "start": "2026-09-30"})
        assert "2026-10-10（周六，国庆节调休上班）" in page.text
        assert page.headers["x-content-type-options"] == "nosniff"


def test_serve_is_registered_and_binds_loopback_by_default() -> None:
    result = runner.invoke(cli_app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "127.0.0.1" in result.stdout


@pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl, as the documented commands do")
def test_the_documented_curl_commands_get_the_cli_record() -> None:
    # README's `curl -s '…/api/deadline?rule=解读&start=2026-09-30'` sent raw UTF-8 in the
    # request line, which the server refuses: "Invalid HTTP request received." (HTTP 400)
    root = Path(__file__).resolve().parents[1]
    commands = [
        line.split("$ ", 1)[1].split(" | ")[0].split("   #")[0]
        for doc in (root / "README.md", root / "docs" / "web.md")
        for line in doc.read_text(encoding="utf-8").splitlines()
        if line.startswith("$ curl") and "/api/deadline" in line
    ]
    assert len(commands) == 2
    with running_server() as base:
        for command in commands:
            argv = shlex.split(command.replace("http://127.0.0.1:8000", base))
            answer = subprocess.run(argv, capture_output=True, text=True, check=True, timeout=30)
            assert json.loads(answer.stdout) == cli_json("deadline", "解读", "2026-09-30"), command
