"""Benchmark (docs/design.md §7): 100,000 ``add(d, 3)`` on random dates 2004–2026 (fixed seed) with
gkcli, python-holidays' ``get_nth_working_day`` and chinese-calendar's ``find_workday`` in
one run; results are checked against gkcli where the semantics agree.

chinese-calendar's ``find_workday(3, d)`` first rolls a rest-day ``d`` forward to a working
day and then counts three more, so it equals ``add(d, 3)`` on working-day starts and
``add(d, 4)`` on rest-day starts; both are checked. It is slow (``is_workday`` scans its
tables on every call), so it gets ``--slow-calls`` calls (default 10,000) and its time is
scaled to 100,000 linearly; the calls are independent, so the scaling is fair.

Run: ``python bench/workdays.py [--calls N] [--slow-calls M]``
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta

N = 3
FIRST, LAST = date(2004, 1, 1), date(2026, 12, 15)  # add(d, 3) stays inside 2004..2026
KNOWN_DEFECT = date(2005, 12, 31)  # chinese-calendar 1.11.0: a rest day; the 2006 notice: a working day


def timed(function, days: list[date]) -> tuple[float, list[date]]:
    start = time.perf_counter()
    results = [function(day) for day in days]
    return time.perf_counter() - start, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--slow-calls", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20261010)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    span = (LAST - FIRST).days
    days = [FIRST + timedelta(rng.randrange(span + 1)) for _ in range(args.calls)]

    load_start = time.perf_counter()
    from gkcli import load_calendar

    cal = load_calendar()
    load_seconds = time.perf_counter() - load_start

    import chinese_calendar
    import holidays

    china = holidays.China(years=range(2003, 2028))

    ours_seconds, ours = timed(lambda d: cal.add_workdays(d, N), days)
    peer_seconds, peer = timed(lambda d: china.get_nth_working_day(d, N), days)
    slow_days = days[: args.slow_calls]
    slow_seconds, slow = timed(lambda d: chinese_calendar.find_workday(N, d), slow_days)
    slow_scaled = slow_seconds * len(days) / len(slow_days)

    peer_agree = sum(a == b for a, b in zip(ours, peer, strict=False))
    expected_slow = [cal.add_workdays(d, N if cal.is_workday(d) else N + 1) for d in slow_days]
    slow_differ = [(d, a, b) for d, a, b in zip(slow_days, expected_slow, slow, strict=False) if a != b]
    unexplained = [item for item in slow_differ if not item[0] <= KNOWN_DEFECT <= max(item[1:])]
    working_starts = sum(cal.is_workday(d) for d in slow_days)

    print(f"add(d, {N}) on {len(days):,} random dates {FIRST}..{LAST} (seed {args.seed})")
    print(f"gkcli calendar load (chinese-calendar tables + data files + index): {load_seconds * 1000:.1f} ms")
    print(f"gkcli            add_workdays         {ours_seconds:8.3f} s  {per_call(ours_seconds, len(days))}")
    print(
        f"python-holidays  get_nth_working_day  {peer_seconds:8.3f} s  {per_call(peer_seconds, len(days))}"
        f"  ratio {peer_seconds / ours_seconds:7.1f}x (target >= 5x)"
    )
    print(
        f"chinese-calendar find_workday         {slow_scaled:8.3f} s  {per_call(slow_seconds, len(slow_days))}"
        f"  ratio {slow_scaled / ours_seconds:7.1f}x (target >= 50x; {len(slow_days):,} calls timed, scaled to {len(days):,})"
    )
    print(f"agreement: python-holidays {peer_agree:,}/{len(days):,}")
    print(
        f"agreement: chinese-calendar {len(slow_days) - len(slow_differ):,}/{len(slow_days):,} "
        f"({working_starts:,} working-day starts vs add(d, {N}), {len(slow_days) - working_starts:,} rest-day starts vs add(d, {N + 1})); "
        f"{len(slow_differ) - len(unexplained)} differ only through its known {KNOWN_DEFECT} defect (docs/design.md §2.2)"
    )
    for day, expected, got in unexplained:
        print(f"  unexplained: find_workday({N}, {day}) = {got}, gkcli {expected}")
    if peer_agree != len(days) or unexplained:
        raise SystemExit("results disagree")


def per_call(seconds: float, calls: int) -> str:
    return f"{seconds / calls * 1e6:8.2f} µs/call"


if __name__ == "__main__":
    main()
