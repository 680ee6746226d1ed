"""``gkcli serve``: the web pages and JSON API of ``gkcli.web`` on uvicorn (docs/web.md).
Starlette, Jinja2 and uvicorn are imported here only, when the command runs."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from gkcli.core.errors import InputError

from .common import runtime

app = typer.Typer(add_completion=False)


@app.command("serve")
def serve(
    ctx: typer.Context,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help="Address to listen on. Default 127.0.0.1 (this machine only); 0.0.0.0 opens it to the network.",
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port (0: any free port).")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="GKCLI_TOKEN",
            help="Require `Authorization: Bearer TOKEN` on /api/ (env GKCLI_TOKEN). Set it when --host exposes the server.",
        ),
    ] = None,
    max_upload_mb: Annotated[
        float, typer.Option("--max-upload-mb", min=0.001, help="Largest request body (a ledger upload) in MB.")
    ] = 10.0,
) -> None:
    """Serve the web pages (期限计算, 台账检查, 节假日) and the JSON API for an office intranet.

    Needs the web extra: pip install 'gkcli[web]'. Exit codes: 2 bad options or the extra missing."""
    rt = runtime(ctx)
    try:
        import uvicorn

        from gkcli.web import WebConfig, create_app
    except ImportError as error:
        raise InputError(
            f"gkcli serve needs the web extra ({error.name} is missing): pip install 'gkcli[web]'",
            f"gkcli serve 需要 web 扩展（缺少 {error.name}）：pip install 'gkcli[web]'",
        ) from None
    web_app = create_app(WebConfig(rt.settings, token=token, max_upload=int(max_upload_mb * 1024 * 1024)))
    if host not in ("127.0.0.1", "localhost", "::1") and not token:
        sys.stderr.write(
            rt.text(
                f"警告：服务对网络开放（{host}），API 未设令牌；建议加 --token。\n",
                f"warning: serving on {host} without --token: anyone on the network can call the API.\n",
            )
        )
    uvicorn.run(web_app, host=host, port=port, log_level="info", server_header=False, proxy_headers=False)
