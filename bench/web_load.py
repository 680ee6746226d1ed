"""Load test of ``gkcli serve`` (docs/web.md, docs/performance.md): 50 concurrent clients on
loopback, each on its own keep-alive connection, call ``GET /api/deadline`` for 10 s; the
run reports requests/s, p50 and p99 latency and errors.

Side by side in the same run, the peer: the same stack (uvicorn + Starlette, one worker,
access log on) serving a constant copy of the same JSON record, the ceiling any endpoint
of this server can reach on this machine. The ratio says what gkcli's work (parsing the
query, computing the deadline, building the record) costs on top of the stack. Targets
alternate for ``--runs`` rounds, so the spread shows the machine's noise.

Run: ``python bench/web_load.py [--clients 50] [--seconds 10] [--runs 3]``
Bounded: (2 × runs × seconds) plus start-up; never part of the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

QUERY = "/api/deadline?rule=interpretation&start=2026-09-30"

PEER = """
import sys, uvicorn
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route
record = __import__("json").loads(sys.argv[2])
async def constant(request):
    return JSONResponse(record)
uvicorn.run(Starlette(routes=[Route("/api/deadline", constant)]), host="127.0.0.1", port=int(sys.argv[1]),
            log_level="info", server_header=False)
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(command: list[str], port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{QUERY}", timeout=5) as response:
                response.read()
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"server did not start: {command}")


async def client(port: int, stop_at: float, latencies: list[float], errors: list[str]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    request = f"GET {QUERY} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: zh\r\n\r\n".encode()
    try:
        while time.perf_counter() < stop_at:
            began = time.perf_counter()
            writer.write(request)
            status = await reader.readline()
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - began)
            if not status.startswith(b"HTTP/1.1 200"):
                errors.append(status.decode(errors="replace").strip())
    except (OSError, asyncio.IncompleteReadError) as error:
        errors.append(repr(error))
    finally:
        writer.close()


async def load(port: int, clients: int, seconds: float) -> tuple[float, float, float, int]:
    """(requests/s, p50 ms, p99 ms, errors) of ``clients`` connections for ``seconds``."""
    latencies: list[float] = []
    errors: list[str] = []
    began = time.perf_counter()
    stop_at = began + seconds
    await asyncio.gather(*(client(port, stop_at, latencies, errors) for _ in range(clients)))
    elapsed = time.perf_counter() - began
    cuts = statistics.quantiles(latencies, n=100)
    return len(latencies) / elapsed, cuts[49] * 1000, cuts[98] * 1000, len(errors)


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):8.1f} (min {min(values):.1f}, max {max(values):.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    ours_port, peer_port = free_port(), free_port()
    env_free = {key: value for key, value in os.environ.items() if not key.startswith("GKCLI_")}
    os.environ.clear()
    os.environ.update(env_free)
    ours = start([sys.executable, "-m", "gkcli", "serve", "--port", str(ours_port)], ours_port)
    with urllib.request.urlopen(f"http://127.0.0.1:{ours_port}{QUERY}") as response:
        record = json.loads(response.read())
    peer = start([sys.executable, "-c", PEER, str(peer_port), json.dumps(record)], peer_port)
    results: dict[str, list[tuple[float, float, float, int]]] = {"gkcli": [], "peer": []}
    try:
        for _ in range(args.runs):
            for name, port in (("gkcli", ours_port), ("peer", peer_port)):
                results[name].append(asyncio.run(load(port, args.clients, args.seconds)))
    finally:
        for process in (ours, peer):
            process.terminate()
            process.wait(timeout=30)

    print(f"GET {QUERY}: {args.clients} clients, {args.seconds:g} s, {args.runs} runs, loopback, one worker")
    print(f"{'':24}{'requests/s':>34}{'p50 ms':>34}{'p99 ms':>34}  errors")
    for name, label in (("gkcli", "gkcli serve"), ("peer", "peer: constant JSON")):
        runs = results[name]
        print(
            f"{label:24}{spread([r[0] for r in runs]):>34}{spread([r[1] for r in runs]):>34}"
            f"{spread([r[2] for r in runs]):>34}  {sum(r[3] for r in runs)}"
        )
    ratios = [ours[0] / peer[0] for ours, peer in zip(results["gkcli"], results["peer"], strict=True)]
    print(f"throughput gkcli / peer: {statistics.median(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f})")


if __name__ == "__main__":
    main()
