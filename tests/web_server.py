"""A real uvicorn server on 127.0.0.1, port 0, in a thread: for the API and browser tests."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator

import uvicorn

from gkcli.core.config import load_settings
from gkcli.web import WebConfig, create_app


@contextlib.contextmanager
def running_server(config: WebConfig | None = None) -> Iterator[str]:
    """The base URL of a server of ``create_app(config)``, stopped on exit."""
    app = create_app(config or WebConfig(load_settings()))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
