"""The web app of ``gkcli serve`` (docs/web.md): server-rendered pages for an office intranet
(期限计算, 台账检查, 节假日) and a JSON API for OA systems, on Starlette with Jinja2 templates.

Like the CLI it is thin: it parses a request, calls the same library functions as the
command line, and renders the answer. It is an optional extra (``gkcli[web]``); nothing
outside ``gkcli serve`` imports it."""

from gkcli.web.app import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]
