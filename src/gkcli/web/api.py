"""The JSON API (docs/web.md §3): each endpoint returns exactly the record the CLI prints
with ``--format json``, and a ``GkcliError`` as HTTP 4xx with its code and its message in the
language of ``Accept-Language``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from gkcli.core.errors import CalendarOutOfRange, DataFileError, GkcliError, InputError
from gkcli.core.i18n import Lang
from gkcli.web import queries
from gkcli.web.lang import lang_from_header
from gkcli.web.openapi import SCHEMA

__all__ = [
    "deadline",
    "error_body",
    "error_status",
    "ledger_check",
    "not_found",
    "openapi_schema",
    "workdays_add",
    "workdays_count",
    "workdays_is",
]

STATUS_BY_ERROR: tuple[tuple[type[GkcliError], int], ...] = (
    (CalendarOutOfRange, 422),  # the question is valid, but the server has no calendar for the year
    (DataFileError, 500),  # the server's own rules or holiday files are broken
    (InputError, 400),
)


def error_status(error: GkcliError) -> int:
    """The HTTP status of an error: 400 bad input, 422 calendar-out-of-range, 500 broken data."""
    for kind, status in STATUS_BY_ERROR:
        if isinstance(error, kind):
            return status
    return 400


def error_body(code: str, zh: str, en: str, lang: Lang) -> dict[str, Any]:
    return {"error": {"code": code, "message": zh if lang is Lang.zh else en}}


def _error_response(error: GkcliError, lang: Lang) -> JSONResponse:
    body = error_body(error.code, error.message(Lang.zh), error.message(Lang.en), lang)
    body["error"]["exit_code"] = error.exit_code
    return JSONResponse(body, status_code=error_status(error))


def _json(payload: Any, status: int = 200) -> Response:
    return JSONResponse(payload, status_code=status)


async def _answer(request: Request, compute: Callable[[Lang], Awaitable[Response] | Response]) -> Response:
    lang = lang_from_header(request.headers.get("accept-language"))
    try:
        response = compute(lang)
        if not isinstance(response, Response):
            response = await response
    except GkcliError as error:
        return _error_response(error, lang)
    return response


def _services(request: Request) -> queries.Services:
    services: queries.Services = request.app.state.services
    return services


async def deadline(request: Request) -> Response:
    """``GET /api/deadline?rule=&start=``: the record of ``gkcli deadline RULE START --format json``."""
    return await _answer(
        request,
        lambda lang: _json(queries.answer_deadline(_services(request), request.query_params).record),
    )


async def workdays_add(request: Request) -> Response:
    """``GET /api/workdays/add?date=&n=``: ``gkcli workdays add DATE N --format json``."""
    return await _answer(request, lambda lang: _json(queries.workdays_add(_services(request), request.query_params)))


async def workdays_count(request: Request) -> Response:
    """``GET /api/workdays/count?start=&end=``: ``gkcli workdays count START END --format json``."""
    return await _answer(request, lambda lang: _json(queries.workdays_count(_services(request), request.query_params)))


async def workdays_is(request: Request) -> Response:
    """``GET /api/workdays/is?date=``: ``gkcli workdays is DATE --format json`` (200 for a rest day too)."""
    return await _answer(
        request, lambda lang: _json(queries.workdays_is(_services(request), request.query_params, lang))
    )


async def ledger_check(request: Request) -> Response:
    """``POST /api/ledger/check`` (multipart ``file``, optional ``as_of``): the report of
    ``gkcli ledger check FILE --format json``; 422 with that report when the file is no readable ledger."""

    async def compute(lang: Lang) -> Response:
        async with request.form(max_files=1, max_fields=20) as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise InputError("missing file field 'file'", "缺少文件字段 'file'")
            data = await upload.read()
            answer = await run_in_threadpool(
                queries.check_ledger, _services(request), data, upload.filename, form, lang=lang, annotate=False
            )
        return Response(
            answer.report_json,
            status_code=200 if answer.fully_read else 422,
            media_type="application/json; charset=utf-8",
        )

    return await _answer(request, compute)


async def openapi_schema(request: Request) -> Response:
    """``GET /openapi.json``: the API's OpenAPI 3.1 description."""
    return JSONResponse(SCHEMA)


async def not_found(request: Request, exc: Exception) -> Response:
    """404 as the API's error shape on ``/api/``, as plain text elsewhere."""
    lang = lang_from_header(request.headers.get("accept-language"))
    if request.url.path.startswith("/api/"):
        return JSONResponse(error_body("not-found", "没有这个接口", "no such endpoint", lang), status_code=404)
    detail = exc.detail if isinstance(exc, HTTPException) else "Not Found"
    return Response(str(detail), status_code=404, media_type="text/plain; charset=utf-8")
