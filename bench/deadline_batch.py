"""Batch mode against single invocations of ``gkcli deadline`` (docs/design.md §6: a shell loop pays
the start-up once).

Times, in one run and as real subprocesses of the installed ``gkcli``:
- one ``gkcli deadline RULE - --format tsv`` fed N triggers (default 100,000) on stdin;
- M single ``gkcli deadline RULE DATE --format tsv`` invocations (default 100);
and prints both with the per-trigger ratio. Every output line is checked, so a batch that
fails half-way cannot look fast.

    python bench/deadline_batch.py [--triggers 100000] [--singles 100] [--rule interpretation]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

FIRST = date(2005, 1, 1)
SPAN_DAYS = (date(2026, 12, 1) - FIRST).days  # triggers stay inside the covered years


def gkcli_path() -> str:
    """The ``gkcli`` script next to this interpreter, else the one on PATH."""
    beside = Path(sys.executable).with_name("gkcli")
    found = str(beside) if beside.exists() else shutil.which("gkcli")
    if not found:
        sys.exit("gkcli is not installed in this environment (pip install -e .)")
    return found


def triggers(count: int) -> list[str]:
    """``count`` dates spread over 2005..2026, every 7th with a tab-separated id."""
    lines = []
    for index in range(count):
        day = (FIRST + timedelta(days=(index * 37) % SPAN_DAYS)).isoformat()
        lines.append(f"{day}\tT{index}" if index % 7 == 0 else day)
    return lines


def clean_env(workdir: str) -> dict[str, str]:
    """The caller's environment without GKCLI_* settings, with an empty user holidays directory."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GKCLI_")}
    env["GKCLI_HOLIDAYS_DIR"] = str(Path(workdir) / "holidays")
    return env


def time_batch(gkcli: str, rule: str, lines: list[str], env: dict[str, str], cwd: str) -> float:
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    start = time.perf_counter()
    done = subprocess.run(
        [gkcli, "deadline", rule, "-", "--format", "tsv"], input=payload, capture_output=True, env=env, cwd=cwd
    )
    elapsed = time.perf_counter() - start
    out = done.stdout.decode("utf-8").splitlines()
    if done.returncode != 0 or len(out) != len(lines):
        sys.exit(
            f"batch failed: exit {done.returncode}, {len(out)} of {len(lines)} lines\n{done.stderr.decode()[:2000]}"
        )
    return elapsed


def time_singles(gkcli: str, rule: str, lines: list[str], env: dict[str, str], cwd: str) -> float:
    start = time.perf_counter()
    for line in lines:
        done = subprocess.run(
            [gkcli, "deadline", rule, line.split("\t")[0], "--format", "tsv"], capture_output=True, env=env, cwd=cwd
        )
        if done.returncode != 0 or done.stdout.count(b"\n") != 1:
            sys.exit(f"single invocation failed for {line!r}: exit {done.returncode}\n{done.stderr.decode()[:2000]}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triggers", type=int, default=100_000, help="triggers fed to the batch (default 100000)")
    parser.add_argument("--singles", type=int, default=100, help="single invocations (default 100)")
    parser.add_argument("--rule", default="interpretation", help="rule id or alias (default interpretation)")
    args = parser.parse_args()

    gkcli = gkcli_path()
    with tempfile.TemporaryDirectory() as workdir:
        env = clean_env(workdir)
        lines = triggers(args.triggers)
        singles = lines[: args.singles]
        time_singles(gkcli, args.rule, singles[:1], env, workdir)  # warm the file cache once
        batch = time_batch(gkcli, args.rule, lines, env, workdir)
        single = time_singles(gkcli, args.rule, singles, env, workdir)

    per_batch = batch / len(lines)
    per_single = single / len(singles)
    print(f"gkcli: {gkcli}  rule: {args.rule}")
    print(f"batch   {len(lines):>7} triggers via stdin : {batch:8.2f} s total  {per_batch * 1e6:9.1f} us/trigger")
    print(f"single  {len(singles):>7} invocations       : {single:8.2f} s total  {per_single * 1e3:9.1f} ms/trigger")
    print(f"per-trigger ratio single/batch: {per_single / per_batch:,.0f}x")


if __name__ == "__main__":
    main()
