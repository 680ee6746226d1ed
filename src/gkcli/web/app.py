"""The Starlette application of ``gkcli serve``: its routes, and the guards every request
passes (upload size limit, bearer token on the API, security headers; docs/web.md §4)."""

from __future__ import annotations

import hmac
import json
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gkcli.core.config import Settings
from gkcli.web import api, pages
from gkcli.web.lang import lang_from_header
from gkcli.web.queries import Services

__all__ = ["DEFAULT_MAX_UPLOAD", "WebConfig", "create_app"]

DEFAULT_MAX_UPLOAD = 10 * 1024 * 1024
"""Bytes a request body may have: a ledger of some 100,000 rows."""


@dataclass(frozen=True)
class WebConfig:
    """How ``gkcli serve`` was started: the settings (calendar, rules, columns), the API token, the upload limit."""

    settings: Settings
    token: str | None = None
    max_upload: int = DEFAULT_MAX_UPLOAD


def create_app(config: WebConfig) -> Starlette:
    """The web app: pages, API, static files, wrapped in the size and token guards."""
    from pathlib import Path

    app = Starlette(
        routes=[
            Route("/", pages.deadline_page),
            Route("/ledger", pages.ledger_page, methods=["GET", "POST"]),
            Route("/holidays", pages.holidays_page),
            Route("/openapi.json", api.openapi_schema),
            Route("/api/deadline", api.deadline),
            Route("/api/workdays/add", api.workdays_add),
            Route("/api/workdays/count", api.workdays_count),
            Route("/api/workdays/is", api.workdays_is),
            Route("/api/ledger/check", api.ledger_check, methods=["POST"]),
            Mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static"),
        ],
        middleware=[
            Middleware(BodyLimit, limit=config.max_upload),
            Middleware(SecurityHeaders),
            Middleware(TokenGuard, token=config.token),
        ],
        exception_handlers={404: api.not_found},
    )
    app.state.services = Services.load(config.settings)
    return app


async def _send_json(send: Send, status: int, body: dict[str, Any], headers: list[tuple[bytes, bytes]]) -> None:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json; charset=utf-8"),
                (b"content-length", str(len(data)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})


class TokenGuard:
    """With a token, every ``/api/`` request needs ``Authorization: Bearer TOKEN`` (401 otherwise).
    The pages stay open: browsers cannot send a bearer token without JavaScript."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.expected = f"Bearer {token}".encode() if token else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.expected is not None and scope["type"] == "http" and scope["path"].startswith("/api/"):
            headers = Headers(scope=scope)
            given = headers.get("authorization", "").encode()
            if not hmac.compare_digest(given, self.expected):
                lang = lang_from_header(headers.get("accept-language"))
                error = api.error_body(
                    "unauthorized",
                    "此接口需要令牌：请加请求头 Authorization: Bearer <令牌>",
                    "this API needs the token: send the header Authorization: Bearer <token>",
                    lang,
                )
                await _send_json(send, 401, error, [(b"www-authenticate", b"Bearer")])
                return
        await self.app(scope, receive, send)


class BodyLimit:
    """Refuses a request body over ``limit`` bytes with 413, by its Content-Length or, for a
    streamed body, as soon as more has arrived; nothing beyond the limit is read."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit:
            await self._refuse(send, headers)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(send, headers)

    async def _refuse(self, send: Send, headers: Headers) -> None:
        lang = lang_from_header(headers.get("accept-language"))
        megabytes = self.limit / 1024 / 1024
        error = api.error_body(
            "upload-too-large",
            f"上传内容超过 {megabytes:g} MB 的上限（gkcli serve --max-upload-mb）",
            f"the upload exceeds the limit of {megabytes:g} MB (gkcli serve --max-upload-mb)",
            lang,
        )
        await _send_json(send, 413, error, [(b"connection", b"close")])


class _TooLarge(Exception):
    """A streamed body went past the limit."""


_SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (
        b"content-security-policy",
        b"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
]


class SecurityHeaders:
    """Headers that keep the pages from running scripts or being framed (no page needs either)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *_SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)
