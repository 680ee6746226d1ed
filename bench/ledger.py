"""Benchmark of ``gkcli ledger check`` against merely reading the same CSV (docs/design.md §7).

Generates ledgers of 100,000 and 1,000,000 rows, then, in one run, times the installed
``gkcli`` script (``--format json``, report to /dev/null) and a Python process that only
reads the file with the ``csv`` module, and reports the ratio of wall times and the peak
memory (max RSS) of each process. Target: ratio <= 8, memory flat as the rows grow.

``--excel-dates`` writes the dates as Excel saves them (``2026/1/5``), so every row has two
non-iso-date findings: the load that shows whether a report format keeps its findings in
memory (``--format junit`` for instance; every format must stay flat).

    python bench/ledger.py [--rows 100000 1000000] [--dir /tmp/gkcli-bench] [--repeat 1]
                           [--format json] [--excel-dates]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

AS_OF = "2026-11-28"
READ_ONLY = "import csv, sys\nfor _ in csv.reader(open(sys.argv[1], newline='', encoding='utf-8')): pass\n"
RULES = (
    ("interpretation", 3),
    ("request-reply", 20),
    ("proactive", 20),
    ("review-application", 60),
    ("依申请", 20),
    ("解读", 3),
)


def _excel(day: date) -> str:
    return f"{day.year}/{day.month}/{day.day}"


def generate(path: Path, rows: int, seed: int = 20261128, *, excel_dates: bool = False) -> None:
    """A realistic ledger: mostly on time, some late, a few open; a few thousand distinct dates."""
    show = _excel if excel_dates else date.isoformat
    rng = random.Random(seed)
    first = date(2020, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["编号", "事项", "起算日期", "完成日期", "延期", "暂停", "补正日期", "责任单位"])
        for number in range(1, rows + 1):
            rule, amount = RULES[number % len(RULES)]
            start = first + timedelta(days=rng.randrange(2400))
            roll = rng.random()
            if roll < 0.001:
                done = ""
            else:
                late = 15 if roll > 0.99 else 0
                done = show(start + timedelta(days=rng.randrange(1, amount + 1) + late))
            extension = "5" if rule == "request-reply" and roll < 0.05 else ""
            writer.writerow([f"GK-{number:07d}", rule, show(start), done, extension, "", "", f"单位{number % 40}"])


def run(command: list[str]) -> tuple[float, int, int]:
    """Wall seconds, max RSS in MiB and exit code of one child process."""
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - began
    rss_kib = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024
    return elapsed, rss_kib // 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/gkcli-bench"))
    parser.add_argument("--repeat", type=int, default=1, help="runs of each command; the best is kept")
    parser.add_argument("--format", default="json", help="the report format of the check (default json)")
    parser.add_argument("--excel-dates", action="store_true", help="dates as 2026/1/5: two findings every row")
    args = parser.parse_args()
    gkcli = shutil.which("gkcli") or str(Path(sys.executable).with_name("gkcli"))
    args.dir.mkdir(parents=True, exist_ok=True)
    print(f"{'rows':>10} {'csv read s':>10} {'check s':>8} {'ratio':>6} {'csv MiB':>8} {'check MiB':>9} exit")
    for rows in args.rows:
        path = args.dir / f"ledger-{rows}{'-excel' if args.excel_dates else ''}.csv"
        if not path.exists():
            generate(path, rows, excel_dates=args.excel_dates)
        read = min(run([sys.executable, "-c", READ_ONLY, str(path)]) for _ in range(args.repeat))
        check = min(
            run([gkcli, "ledger", "check", str(path), "--as-of", AS_OF, "--format", args.format, "-o", os.devnull])
            for _ in range(args.repeat)
        )
        print(
            f"{rows:>10,} {read[0]:>10.2f} {check[0]:>8.2f} {check[0] / read[0]:>6.2f} {read[1]:>8} {check[1]:>9} {check[2]}"
        )


if __name__ == "__main__":
    main()
