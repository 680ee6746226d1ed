"""The OpenAPI 3.1 description served at ``/openapi.json`` (docs/web.md §3), written out
by hand so that it states exactly what the endpoints do, errors and statuses included."""

from __future__ import annotations

from typing import Any

__all__ = ["SCHEMA"]


def _query(name: str, description: str, *, required: bool = False, kind: str = "string") -> dict[str, Any]:
    return {"name": name, "in": "query", "required": required, "description": description, "schema": {"type": kind}}


_ERROR = {"$ref": "#/components/schemas/Error"}
_ACCEPT_LANGUAGE = {
    "name": "Accept-Language",
    "in": "header",
    "required": False,
    "description": "zh (default) or en: the language of error messages and of ledger findings.",
    "schema": {"type": "string"},
}


def _errors(*, calendar: bool = True) -> dict[str, Any]:
    responses: dict[str, Any] = {
        "400": {
            "description": "Bad input: the same error code and message as the CLI's exit 2 "
            "(codes invalid-input, unknown-rule, extension-exceeds-max).",
            "content": {"application/json": {"schema": _ERROR}},
        },
        "401": {
            "description": "The server was started with --token and the request has no matching "
            "`Authorization: Bearer` header (code unauthorized).",
            "content": {"application/json": {"schema": _ERROR}},
        },
    }
    if calendar:
        responses["422"] = {
            "description": "A year the question needs has no calendar data: the CLI's exit 3 "
            "(code calendar-out-of-range).",
            "content": {"application/json": {"schema": _ERROR}},
        }
    return responses


def _ok(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_OBJECT = {"type": "object", "additionalProperties": True}

_DEADLINE_OPTIONS = [
    _query("rule", "Rule id, alias or Chinese name (as `gkcli rules list` shows).", required=True),
    _query("start", "Trigger date or date-time, e.g. 2026-09-30 or 2026-09-30 14:00.", required=True),
    _query("time", "A time of day added to `start` (hour rules), e.g. 14:00."),
    _query("restart", "--restart DATE: the period counts afresh from DATE (条例 Art. 30)."),
    _query("extend", "--extend N: extension in working days.", kind="integer"),
    {
        "name": "pause",
        "in": "query",
        "required": False,
        "description": "--pause START..END, repeatable.",
        "schema": {"type": "array", "items": {"type": "string"}},
        "explode": True,
    },
    _query("count_start_day", "--count-start-day: true or false.", kind="boolean"),
    _query("nonworking_trigger", "--nonworking-trigger: asis or next-workday."),
    _query("regime", "--regime LABEL: the version of the rule to apply."),
    _query("both", "--both: also the conservative due date.", kind="boolean"),
    _query("explain", "--explain: add the trace of counted days.", kind="boolean"),
    _ACCEPT_LANGUAGE,
]

SCHEMA: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "gkcli API",
        "version": "1",
        "description": "Deadlines of government information disclosure (政务公开) on the Chinese "
        "working-day calendar. Each endpoint returns the record `gkcli … --format json` prints.",
    },
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": {
            "Error": {
                "type": "object",
                "required": ["error"],
                "properties": {
                    "error": {
                        "type": "object",
                        "required": ["code", "message"],
                        "properties": {
                            "code": {"type": "string"},
                            "message": {"type": "string"},
                            "exit_code": {"type": "integer", "description": "The CLI's exit code for it."},
                        },
                    }
                },
            }
        },
    },
    "security": [{}, {"bearer": []}],
    "paths": {
        "/api/deadline": {
            "get": {
                "summary": "gkcli deadline RULE START --format json",
                "parameters": _DEADLINE_OPTIONS,
                "responses": {"200": _ok("The deadline record.", _OBJECT), **_errors()},
            }
        },
        "/api/workdays/add": {
            "get": {
                "summary": "gkcli workdays add DATE N --format json",
                "parameters": [
                    _query("date", "The start date (not counted).", required=True),
                    _query("n", "Working days to add; negative counts back.", required=True, kind="integer"),
                    _ACCEPT_LANGUAGE,
                ],
                "responses": {"200": _ok("{start, n, result, provisional}", _OBJECT), **_errors()},
            }
        },
        "/api/workdays/count": {
            "get": {
                "summary": "gkcli workdays count START END --format json",
                "parameters": [
                    _query("start", "Counting starts after this day.", required=True),
                    _query("end", "Up to and including this day.", required=True),
                    _ACCEPT_LANGUAGE,
                ],
                "responses": {"200": _ok("{start, end, workdays, provisional}", _OBJECT), **_errors()},
            }
        },
        "/api/workdays/is": {
            "get": {
                "summary": "gkcli workdays is DATE --format json",
                "parameters": [_query("date", "The day asked about.", required=True), _ACCEPT_LANGUAGE],
                "responses": {
                    "200": _ok("{date, working, kind, name, source, provisional}; 200 for a rest day too.", _OBJECT),
                    **_errors(),
                },
            }
        },
        "/api/ledger/check": {
            "post": {
                "summary": "gkcli ledger check FILE --format json",
                "parameters": [_ACCEPT_LANGUAGE],
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "required": ["file"],
                                "properties": {
                                    "file": {"type": "string", "format": "binary", "description": ".csv or .xlsx"},
                                    "as_of": {"type": "string", "description": "--as-of: default now (Beijing)."},
                                    "warn_days": {"type": "integer"},
                                    "count_start_day": {"type": "boolean"},
                                    "nonworking_trigger": {"type": "string"},
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": _ok("The report {version, findings, summary}; findings are data, not errors.", _OBJECT),
                    "413": {
                        "description": "The upload exceeds the server's limit (code upload-too-large).",
                        "content": {"application/json": {"schema": _ERROR}},
                    },
                    "422": _ok(
                        "The file is no readable ledger: the same report, whose finding says why (the CLI's exit 2).",
                        _OBJECT,
                    ),
                    **_errors(calendar=False),
                },
            }
        },
    },
}
