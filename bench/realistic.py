"""The realistic ledger benchmark of issue 11 (docs/performance.md), every figure a ratio measured
in the same run, with the spread over ``--runs`` runs.

The ledger is generated (seeded): distinct ids, 8 rules of four units, starts 2016–2026,
≈3% late, 0.5% open, 5% of the request replies extended; the ``--late`` variant has 43%
late rows. Each run times, as separate processes:

- ``csv.reader``: a Python process that only reads the file (the floor);
- ``gkcli``: the installed ``gkcli ledger check --format json -o /dev/null`` (the columnar
  kernel in front of the per-row check: plain UTF-8 lines read as bytes, a megabyte or so
  at a time, else 512-row blocks of ``csv.reader``, turned into arrays and judged 16,384
  rows at a time; late and overdue rows handed to the JSON report in batches);
- ``whole-table``: the kernel on the whole file read into columns at once (what
  ``check_frame`` does with a table), findings as JSON lines to /dev/null;
- ``per-row``: every row through ``FileCheck.results`` (the check before the kernel),
  findings as JSON lines to /dev/null.

and prints: each contender / csv.reader (target <= 2.5x), 43%-late / 3%-late (target
<= 1.3x), and the peak RSS at N rows and its growth from N to 2N rows (target <= 120 MB,
<= +10%).

    python bench/realistic.py [--rows 1000000] [--runs 3] [--dir /tmp/gkcli-bench]
    python bench/realistic.py --generate PATH --rows N [--late 0.43]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

AS_OF = "2026-11-28"
RULES = (
    "interpretation",
    "implementation-plan",
    "proactive",
    "request-reply",
    "procurement-result",
    "review-application",
    "review-reply",
    "lawsuit",
)
FIRST_START, LAST_DUE = date(2016, 1, 1), date(2026, 11, 20)
READ_ONLY = "import csv, sys\nfor _ in csv.reader(open(sys.argv[1], newline='', encoding='utf-8')): pass\n"
_SETUP = """
import json, sys
from datetime import datetime
from pathlib import Path
from gkcli import BEIJING, load_calendar
from gkcli.ledger.check import CheckOptions, LedgerCheck
from gkcli.ledger.columnar import check_columns, read_columns
from gkcli.ledger.read import open_ledger
from gkcli.rules.catalogue import load_catalogue
checker = LedgerCheck(load_calendar(), load_catalogue(), CheckOptions(as_of=datetime(2026, 11, 28, tzinfo=BEIJING)))
path = Path(sys.argv[1])
"""
WHOLE_TABLE = (
    _SETUP
    + """
with open("/dev/null", "w", encoding="utf-8") as out:
    for finding in check_columns(checker, read_columns(open_ledger(path)), str(path)):
        out.write(json.dumps(finding.as_record(), ensure_ascii=False) + "\\n")
"""
)
PER_ROW = (
    _SETUP
    + """
file_check = checker.check(path)
with open("/dev/null", "w", encoding="utf-8") as out:
    for result in file_check.results(file_check.open()):
        for finding in result.findings:
            out.write(json.dumps(finding.as_record(), ensure_ascii=False) + "\\n")
"""
)


def generate(path: Path, rows: int, late_share: float = 0.03, seed: int = 20261202) -> None:
    """The realistic ledger: due dates from the library, so that "late" and "on time" are exact."""
    from gkcli import CalendarOutOfRange, load_calendar
    from gkcli.deadlines.engine import compute_deadline
    from gkcli.rules.catalogue import load_catalogue

    calendar, catalogue = load_calendar(), load_catalogue()
    rules = [catalogue.get(rule_id) for rule_id in RULES]
    due_cache: dict[tuple[int, date], date] = {}
    rng = random.Random(seed)
    span = (LAST_DUE - FIRST_START).days
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["编号", "事项", "起算日期", "完成日期", "延期", "暂停", "补正日期", "责任单位"])
        for number in range(1, rows + 1):
            which = rng.randrange(len(RULES))
            while True:
                start = FIRST_START + timedelta(days=rng.randrange(span))
                due = due_cache.get((which, start))
                if due is None:
                    try:
                        due = compute_deadline(rules[which], start, calendar).due_date
                    except CalendarOutOfRange:  # due past the calendar: not a ledger row of today
                        due = date.max
                    due_cache[(which, start)] = due
                if due <= LAST_DUE:
                    break
            roll = rng.random()
            extension = ""
            if roll < 0.005:
                done = ""
            elif roll < 0.005 + late_share:
                done = (due + timedelta(days=rng.randrange(1, 40))).isoformat()
            else:
                done = (start + timedelta(days=rng.randrange((due - start).days + 1))).isoformat()
                if RULES[which] == "request-reply" and rng.random() < 0.05:
                    extension = "10"
            writer.writerow(
                [f"GK-{number:08d}", RULES[which], start.isoformat(), done, extension, "", "", f"单位{number % 40}"]
            )


def run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of one child process (which must succeed or find things)."""
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - began
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{command[:3]} exited {code}: {process.stderr.read().decode() if process.stderr else ''}")
    rss_kib = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024
    return elapsed, rss_kib / 1024


def ledger(directory: Path, rows: int, late: float) -> Path:
    path = directory / f"realistic-{rows}-{round(late * 100)}late.csv"
    if not path.exists():
        generate(path, rows, late)
    return path


def spread(values: list[float], unit: str = "x") -> str:
    return f"{statistics.median(values):6.2f}{unit} (range {min(values):.2f}–{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/gkcli-bench"))
    parser.add_argument("--generate", type=Path, help="only write a ledger of --rows rows to this path")
    parser.add_argument("--late", type=float, default=0.03)
    parser.add_argument(
        "--only", nargs="+", help="time csv.reader and only these contenders (gkcli, whole-table, per-row)"
    )
    args = parser.parse_args()
    if args.generate:
        generate(args.generate, args.rows, args.late)
        return
    args.dir.mkdir(parents=True, exist_ok=True)
    gkcli = shutil.which("gkcli", path=str(Path(sys.executable).parent)) or "gkcli"
    files = {
        "3% late": ledger(args.dir, args.rows, 0.03),
        "43% late": ledger(args.dir, args.rows, 0.43),
        "2N rows": ledger(args.dir, 2 * args.rows, 0.03),
    }
    contenders = {
        "csv.reader": lambda path: [sys.executable, "-c", READ_ONLY, str(path)],
        "gkcli": lambda path: [gkcli, "ledger", "check", str(path), "--as-of", AS_OF, "-f", "json", "-o", os.devnull],
        "whole-table": lambda path: [sys.executable, "-c", WHOLE_TABLE, str(path)],
        "per-row": lambda path: [sys.executable, "-c", PER_ROW, str(path)],
    }
    if args.only:
        contenders = {
            name: command for name, command in contenders.items() if name == "csv.reader" or name in args.only
        }
    wall: dict[tuple[str, str], list[float]] = {}
    rss: dict[tuple[str, str], list[float]] = {}
    for _ in range(args.runs):
        for file_name, path in files.items():
            for name, command in contenders.items():
                seconds, peak = run(command(path))
                wall.setdefault((name, file_name), []).append(seconds)
                rss.setdefault((name, file_name), []).append(peak)
    runs = range(args.runs)

    def ratios(a: tuple[str, str], b: tuple[str, str], table: dict[tuple[str, str], list[float]]) -> list[float]:
        return [table[a][at] / table[b][at] for at in runs]

    base = ("csv.reader", "3% late")
    print(f"{args.rows:,} rows, {args.runs} runs; csv.reader: {spread(wall[base], ' s')}")
    for name in [name for name in contenders if name != "csv.reader"]:
        print(f"{name}:")
        print(f"  / csv.reader, 3% late      {spread(ratios((name, '3% late'), base, wall))}   (target <= 2.5x)")
        print(
            f"  43% late / 3% late         {spread(ratios((name, '43% late'), (name, '3% late'), wall))}   (target <= 1.3x)"
        )
        print(f"  peak RSS at N rows         {spread(rss[(name, '3% late')], ' MB')}   (target <= 120 MB)")
        growth = [100 * (value - 1) for value in ratios((name, "2N rows"), (name, "3% late"), rss)]
        print(f"  RSS growth N -> 2N rows    {spread(growth, ' %')}   (target <= +10%)")
    print(f"csv.reader peak RSS: {spread(rss[base], ' MB')}")


if __name__ == "__main__":
    main()
