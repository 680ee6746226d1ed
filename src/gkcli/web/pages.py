"""The server-rendered pages (docs/web.md §2): 期限计算, 台账检查, 节假日. Each works
without JavaScript, is Chinese unless ``?lang=en``, and shows a ``GkcliError`` as its message."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from gkcli.calendar.describe import result_day_text
from gkcli.calendar.overview import MonthGrid, month_grids
from gkcli.core.dates import beijing_today, checked_year
from gkcli.core.errors import GkcliError, InputError
from gkcli.core.i18n import PROVISIONAL_LABEL, Lang, kind_label, weekday_label
from gkcli.deadlines.explain import DayRole, ExplainedDay, explain
from gkcli.deadlines.wording import amount_text, version_text
from gkcli.ledger.check import STATUS_LABELS
from gkcli.web import queries
from gkcli.web.api import error_status
from gkcli.web.lang import lang_from_query

__all__ = ["deadline_page", "holidays_page", "ledger_page"]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _render(request: Request, name: str, lang: Lang, status: int = 200, **context: Any) -> HTMLResponse:
    other = Lang.en if lang is Lang.zh else Lang.zh
    params = [(key, value) for key, value in request.query_params.multi_items() if key != "lang"]
    switch = request.url.path + "?" + urlencode([*params, ("lang", other)])
    html = _templates.get_template(name).render(
        lang=lang,
        t=lambda zh, en: zh if lang is Lang.zh else en,
        lang_query="?lang=en" if lang is Lang.en else "",
        switch_url=switch,
        path=request.url.path,
        **context,
    )
    return HTMLResponse(html, status_code=status)


def _services(request: Request) -> queries.Services:
    services: queries.Services = request.app.state.services
    return services


# -- 期限计算 -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One day of the drawn count: its date, role, the symbol shown and a tooltip."""

    date: date
    role: DayRole
    symbol: str
    due: bool
    title: str


def _cell(explained: ExplainedDay | None, lang: Lang) -> Cell | None:
    if explained is None:
        return None
    day, role = explained.day, explained.role
    if day.counted is None:
        symbol = _SYMBOLS.get(role, ".")
    else:
        symbol = ("T" if explained.is_trigger else "") + (
            f"{day.counted}*" if role is DayRole.MAKEUP else str(day.counted)
        )
    title = " ".join(part for part in (kind_label(day.kind.value, lang), day.name) if part)
    return Cell(day.date, role, symbol, explained.is_due, title)


_SYMBOLS = {DayRole.TRIGGER: "T", DayRole.DUE: "D", DayRole.HOLIDAY: "H", DayRole.WEEKEND: "-", DayRole.PAUSED: "P"}
LEGEND = (
    (DayRole.TRIGGER, "T", "起算日（不计入）", "trigger day (not counted)"),
    (DayRole.COUNTED, "n", "第n个计入的工作日", "n-th counted working day"),
    (DayRole.DAY, "n", "第n日（自然日）", "n-th calendar day"),
    (DayRole.MAKEUP, "n*", "计入的调休上班日", "counted make-up working day"),
    (DayRole.HOLIDAY, "H", "放假", "holiday"),
    (DayRole.WEEKEND, "-", "周末", "weekend"),
    (DayRole.PAUSED, "P", "暂停期间（不计入）", "inside a pause (not counted)"),
    (DayRole.IDLE, ".", "未计入的工作日", "working day not counted"),
    (DayRole.DUE, "D", "截止日（顺延或延长所至）", "due day (rolled or extended to)"),
)


async def deadline_page(request: Request) -> Response:
    """``/``: the deadline form; with ``rule`` and ``start`` in the URL, the answer under it."""
    lang = lang_from_query(request.query_params)
    services = _services(request)
    params = request.query_params
    context: dict[str, Any] = {
        "rules": sorted(services.catalogue, key=lambda rule: rule.id),
        "form": {key: params.get(key, "") for key in ("rule", "start", "time", "restart", "extend", "regime")},
        "pauses": [p for p in params.getlist("pause") if p.strip()] or [""],
        "checked": {
            key: queries.text(params, key) in ("1", "true", "on", "yes") for key in ("count_start_day", "both")
        },
        "nonworking_trigger": params.get("nonworking_trigger", "asis"),
        "answer": None,
        "error": None,
    }
    status = 200
    if queries.text(params, "rule") or queries.text(params, "start"):
        try:
            answer = queries.answer_deadline(services, params)
        except GkcliError as error:
            context["error"] = error.message(lang)
            status = error_status(error)
        else:
            context["answer"] = _deadline_view(answer, lang)
    return _render(request, "deadline.html", lang, status, **context)


def _deadline_view(answer: queries.DeadlineAnswer, lang: Lang) -> dict[str, Any]:
    result = answer.result
    deadline = result.statutory
    rule, version = deadline.rule, deadline.version
    hour = deadline.period.timed
    due = result_day_text(answer.due_day, lang)
    if hour:
        due = f"{deadline.due_at:%Y-%m-%d %H:%M}" + due[len(deadline.due_date.isoformat()) :]
    explanation = explain(deadline)
    return {
        "due": due,
        "due_note": (
            ("到期时刻（北京时间），不顺延至工作日" if lang is Lang.zh else "the exact instant (Beijing time)")
            if hour
            else ("当日24时止" if lang is Lang.zh else "until the end of that day (24:00)")
        ),
        "conservative": result.conservative.due_date.isoformat() if result.conservative else None,
        "provisional": PROVISIONAL_LABEL[lang] if result.provisional else None,
        "rule": rule,
        "amount": amount_text(rule.unit, version, lang),
        "version": version_text(rule, version, lang),
        "basis": version.basis,
        "options": " ".join(deadline.options.describe()),
        "trigger": result.trigger.iso,
        "weeks": [(week.monday, [_cell(day, lang) for day in week.days]) for week in explanation.weeks],
        "weekdays": [weekday_label(date(2024, 1, day), lang) for day in range(1, 8)],
        "legend": [
            (role.value, symbol, zh if lang is Lang.zh else en)
            for role, symbol, zh, en in LEGEND
            if role in explanation.roles
        ],
        "holidays": explanation.holidays,
        "makeup_days": explanation.makeup_days,
    }


# -- 台账检查 -------------------------------------------------------------------------------


async def ledger_page(request: Request) -> Response:
    """``/ledger``: the upload form; a POST shows the findings, or with ``download`` sends the
    annotated workbook. The upload lives only in this request (docs/web.md §4)."""
    lang = lang_from_query(request.query_params)
    context: dict[str, Any] = {"result": None, "error": None, "as_of": ""}
    if request.method != "POST":
        return _render(request, "ledger.html", lang, **context)
    try:
        async with request.form(max_files=1, max_fields=20) as form:
            upload = form.get("file")
            context["as_of"] = queries.text(form, "as_of") or ""
            if not isinstance(upload, UploadFile) or not upload.filename:
                raise InputError("choose a ledger file to upload", "请选择要上传的台账文件")
            data = await upload.read()
            answer = await run_in_threadpool(
                queries.check_ledger, _services(request), data, upload.filename, form, lang=lang, annotate=True
            )
            name = queries.upload_name(upload.filename)
            download = queries.text(form, "download") is not None
    except GkcliError as error:
        context["error"] = error.message(lang)
        return _render(request, "ledger.html", lang, error_status(error), **context)
    copy_name = f"{PurePath(name).stem}-{'标注' if lang is Lang.zh else 'annotated'}.xlsx"
    if download and answer.annotated is not None:
        return Response(
            answer.annotated,
            media_type=XLSX,
            headers={"content-disposition": f"attachment; filename*=UTF-8''{_quote(copy_name)}"},
        )
    context["result"] = {
        "name": name,
        "findings": [finding.as_record(lang) for finding in answer.findings],
        "summary": answer.summary,
        "statuses": STATUS_LABELS[lang],
        "copy_name": copy_name,
        "copy_href": (
            f"data:{XLSX};base64,{base64.b64encode(answer.annotated).decode('ascii')}" if answer.annotated else None
        ),
    }
    return _render(request, "ledger.html", lang, 200 if answer.fully_read else 422, **context)


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")


# -- 节假日 ---------------------------------------------------------------------------------


async def holidays_page(request: Request) -> Response:
    """``/holidays?year=``: the year's calendar month by month, and the source of each year's data."""
    lang = lang_from_query(request.query_params)
    services = _services(request)
    calendar = services.calendar
    context: dict[str, Any] = {
        "sources": [calendar.coverage[year] for year in sorted(calendar.coverage)],
        "months": [],
        "error": None,
        "year": beijing_today().year,
    }
    status = 200
    try:
        year_text = queries.text(request.query_params, "year")
        if year_text is not None and not year_text.isdigit():
            raise InputError(f"cannot read {year_text!r} as a year", f"无法把 {year_text!r} 识别为年份")
        year = checked_year(int(year_text), year_text) if year_text else context["year"]
        context["year"] = year
        grids = month_grids(calendar, year)
    except GkcliError as error:
        context["error"] = error.message(lang)
        status = error_status(error)
    else:
        context["months"] = [_month(grid, lang) for grid in grids]
        data = calendar.year_data(year)
        context["provisional"] = PROVISIONAL_LABEL[lang] if data is not None and data.provisional else None
    context["weekdays"] = [weekday_label(date(2024, 1, day), lang) for day in range(1, 8)]
    return _render(request, "holidays.html", lang, status, **context)


def _month(grid: MonthGrid, lang: Lang) -> dict[str, Any]:
    return {
        "title": f"{grid.year}年{grid.month}月"
        if lang is Lang.zh
        else date(grid.year, grid.month, 1).strftime("%B %Y"),
        "weeks": grid.weeks(),
        "runs": [
            (
                run.first.isoformat() + ("" if run.first == run.last else f"..{run.last.isoformat()}"),
                run.name,
                kind_label(run.kind.value, lang),
            )
            for run in grid.runs()
        ],
    }
