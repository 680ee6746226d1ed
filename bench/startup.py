"""Start-up benchmark (docs/design.md §7): wall time of the installed ``gkcli`` script against
``python -c pass``, median of N runs each, interleaved so that machine noise hits all
alike. ``workdays is``, ``deadline RULE START`` and ``--help`` take the typer-free fast
paths (targets: 4x, 6x and 10x); ``workdays add`` and a command's help go through typer.
Also checks that ``import gkcli`` loads neither typer, rich, dateutil.parser, icalendar nor numpy.

Run: ``python bench/startup.py [--runs N]`` (uses the ``gkcli`` next to this Python).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY = ("typer", "rich", "dateutil.parser", "icalendar", "numpy")


def commands() -> dict[str, tuple[list[str], float | None]]:
    """Each measured command line and its target ratio to ``python -c pass`` (None: none)."""
    script = shutil.which("gkcli", path=str(Path(sys.executable).parent)) or shutil.which("gkcli")
    if not script:
        raise SystemExit("the gkcli script is not installed next to this Python")
    return {
        "python -c pass": ([sys.executable, "-c", "pass"], None),
        "gkcli workdays is 2026-10-10 (fast path)": ([script, "workdays", "is", "2026-10-10"], 4),
        "gkcli deadline interpretation 2026-09-30 (fast path)": (
            [script, "deadline", "interpretation", "2026-09-30"],
            6,
        ),
        "gkcli workdays add 2026-09-30 3 (typer)": ([script, "workdays", "add", "2026-09-30", "3"], None),
        "gkcli --help (fast path)": ([script, "--help"], 10),
        "gkcli --lang zh deadline -h (typer)": ([script, "--lang", "zh", "deadline", "-h"], None),
    }


def wall(command: list[str], env: dict[str, str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd, check=False)
    return time.perf_counter() - start


def heavy_modules_after_import() -> list[str]:
    probe = "import gkcli, sys; print(' '.join(sorted(sys.modules)))"
    loaded = set(
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    )
    return [name for name in HEAVY if name in loaded]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as empty, tempfile.TemporaryDirectory() as cache:
        # Run in an empty directory (no project file), with an empty user holidays directory
        # (the shipped calendar only) and a TOML cache of this run's own, which the warm-up
        # fills as any first run does (core/tomlcache.py).
        keep = {"GKCLI_HOLIDAYS_DIR": empty, "GKCLI_LANG": "en", "GKCLI_CACHE_DIR": cache}
        env = {k: v for k, v in os.environ.items() if not k.startswith("GKCLI_")} | keep
        runs = commands()
        times: dict[str, list[float]] = {name: [] for name in runs}
        for command, _ in runs.values():
            wall(command, env, empty)  # warm the file cache and the TOML cache
        for _ in range(args.runs):
            for name, (command, _) in runs.items():
                times[name].append(wall(command, env, empty))
    medians = {name: statistics.median(values) for name, values in times.items()}
    base = medians["python -c pass"]
    print(f"median of {args.runs} interleaved runs each, and the spread (interquartile range)")
    for name, median in medians.items():
        goal = runs[name][1]
        target = f"  (target <= {goal:g}x)" if goal else ""
        low, _, high = statistics.quantiles(times[name], n=4)
        spread = f"±{(high - low) * 500:5.1f} ms"
        print(f"  {name:52s} {median * 1000:7.1f} ms {spread}  {median / base:5.1f}x{target}")
    heavy = heavy_modules_after_import()
    print(f"import gkcli loads: {', '.join(heavy) if heavy else 'none of ' + ', '.join(HEAVY)}")
    if heavy:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
