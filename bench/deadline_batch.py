"""Batch mode against single invocations of ``gkcli deadline`` (docs/design.md §6: a shell loop pays
the start-up once).

Times, in one run and as real subprocesses of the installed ``gkcli``:
- one ``gkcli deadline RULE - --format tsv`` fed N triggers (default 100,000) on stdin,
  R times (default 3);
- the same command fed no trigger at all, R times: its start-up and exit, which the batch
  pays once whatever its length;
- M single ``gkcli deadline RULE DATE --format tsv`` invocations (default 100);
and prints the batch's cost per trigger, each figure labelled: wall-clock with start-up
included (what a user waits for, divided by the triggers) and net of start-up (the
batch's time less the empty run's median: what each further trigger costs), and the same
two in CPU time (user + system; steadier than wall-clock on a loaded machine); each as the
median of the runs with their range. Every output line is checked, so a batch that fails
half-way cannot look fast.

    python bench/deadline_batch.py [--triggers 100000] [--runs 3] [--singles 100] [--rule interpretation]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
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


def child_cpu() -> float:
    """User and system CPU seconds of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_batch(gkcli: str, rule: str, lines: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one batch over ``lines`` (none: start-up and exit alone)."""
    payload = ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
    cpu, start = child_cpu(), time.perf_counter()
    done = subprocess.run(
        [gkcli, "deadline", rule, "-", "--format", "tsv"], input=payload, capture_output=True, env=env, cwd=cwd
    )
    elapsed, cpu = time.perf_counter() - start, child_cpu() - cpu
    out = done.stdout.decode("utf-8").splitlines()
    if done.returncode != 0 or len(out) != len(lines) or (not lines and done.stderr):
        sys.exit(
            f"batch failed: exit {done.returncode}, {len(out)} of {len(lines)} lines\n{done.stderr.decode()[:2000]}"
        )
    return elapsed, cpu


def time_singles(gkcli: str, rule: str, lines: list[str], env: dict[str, str], cwd: str) -> float:
    start = time.perf_counter()
    for line in lines:
        done = subprocess.run(
            [gkcli, "deadline", rule, line.split("\t")[0], "--format", "tsv"], capture_output=True, env=env, cwd=cwd
        )
        if done.returncode != 0 or done.stdout.count(b"\n") != 1:
            sys.exit(f"single invocation failed for {line!r}: exit {done.returncode}\n{done.stderr.decode()[:2000]}")
    return time.perf_counter() - start


def spread(values: list[float], scale: float, unit: str) -> str:
    """The median of ``values`` with their range, times ``scale``."""
    low, mid, high = min(values) * scale, statistics.median(values) * scale, max(values) * scale
    return f"{mid:8.2f} {unit} (runs {low:.2f}..{high:.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triggers", type=int, default=100_000, help="triggers fed to the batch (default 100000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of the batch and of the empty batch (default 3)")
    parser.add_argument("--singles", type=int, default=100, help="single invocations (default 100)")
    parser.add_argument("--rule", default="interpretation", help="rule id or alias (default interpretation)")
    args = parser.parse_args()

    gkcli = gkcli_path()
    with tempfile.TemporaryDirectory() as workdir:
        env = clean_env(workdir)
        lines = triggers(args.triggers)
        singles = lines[: args.singles]
        time_singles(gkcli, args.rule, singles[:1], env, workdir)  # warm the file cache once
        batches, empties = [], []
        for _ in range(args.runs):  # interleaved, so that a change of load touches both alike
            batches.append(time_batch(gkcli, args.rule, lines, env, workdir))
            empties.append(time_batch(gkcli, args.rule, [], env, workdir))
        single = time_singles(gkcli, args.rule, singles, env, workdir)

    count = len(lines)
    walls, cpus = [wall for wall, _ in batches], [cpu for _, cpu in batches]
    start_wall = statistics.median(wall for wall, _ in empties)
    start_cpu = statistics.median(cpu for _, cpu in empties)
    per_single = single / len(singles)
    rows = [
        (f"batch of {count} triggers, wall-clock", spread(walls, 1, "s ")),
        ("batch of no trigger (start-up, exit), wall", spread([wall for wall, _ in empties], 1e3, "ms")),
        ("per trigger, wall-clock, start-up included", spread([w / count for w in walls], 1e6, "us")),
        ("per trigger, wall-clock, net of start-up", spread([(w - start_wall) / count for w in walls], 1e6, "us")),
        ("per trigger, CPU time, start-up included", spread([c / count for c in cpus], 1e6, "us")),
        ("per trigger, CPU time, net of start-up", spread([(c - start_cpu) / count for c in cpus], 1e6, "us")),
        (f"single invocation (mean of {len(singles)}), wall", f"{per_single * 1e3:8.2f} ms"),
        ("ratio single / batch per trigger (wall)", f"{per_single / (statistics.median(walls) / count):8,.0f}x"),
    ]
    print(f"gkcli: {gkcli}  rule: {args.rule}  runs: {args.runs} (median, range of the runs)")
    for label, figure in rows:
        print(f"{label:<45}: {figure}")


if __name__ == "__main__":
    main()
