"""Benchmark of the calendar's array API (docs/performance.md) against its physical peer: a
bare numpy version of the same prefix-sum index (no coverage checks, no NaT, no input
conversion), written here from the calendar's day kinds. Also the scalar method in a loop.

Each round times every contender on the same 100,000 random dates (2016–2026, n = 20);
the ratio is taken within the round, and the median and range of the ratios over the
rounds are printed. Target: ``add_workdays_array`` <= 3x the bare version.

    python bench/arrays.py [--size 100000] [--rounds 7]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import numpy as np

from gkcli import load_calendar

N = 20


def best_of(call: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        call()
        times.append(time.perf_counter() - began)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    cal = load_calendar()

    # The bare peer: the working-day flags of every covered day, their prefix sums and positions.
    first = np.datetime64(cal.first_day, "D")
    span = np.arange(first, np.datetime64(cal.last_day, "D") + 1)
    working = np.array([cal.is_workday(day) for day in span.tolist()])
    prefix = np.concatenate(([0], np.cumsum(working)))
    positions = np.flatnonzero(working)

    def bare(days: np.ndarray) -> np.ndarray:
        index = (days - first).astype(np.int64)
        return first + positions[prefix[index + 1] + N - 1]

    rng = np.random.default_rng(20261202)
    low = np.datetime64("2016-01-01").astype(np.int64)
    high = np.datetime64("2026-10-31").astype(np.int64)
    days = rng.integers(low, high, args.size).astype("datetime64[D]")
    as_dates = days.tolist()
    assert (cal.add_workdays_array(days, N) == bare(days)).all()

    scalar_size = min(args.size, 20_000)  # the loop is ~100x slower: timed on a slice, scaled
    ratios: dict[str, list[float]] = {"add_workdays_array": [], "scalar loop": [], "count_workdays_array": []}
    peers: list[float] = []
    for _ in range(args.rounds):
        peer = best_of(lambda: bare(days))
        peers.append(peer)
        ratios["add_workdays_array"].append(best_of(lambda: cal.add_workdays_array(days, N)) / peer)
        ratios["count_workdays_array"].append(best_of(lambda: cal.count_workdays_array(days, days + 30)) / peer)
        scalar = best_of(lambda: [cal.add_workdays(day, N) for day in as_dates[:scalar_size]], 1)
        ratios["scalar loop"].append(scalar * args.size / scalar_size / peer)
    peer_ns = statistics.median(peers) / args.size * 1e9
    print(f"{args.size:,} dates, n = {N}, {args.rounds} rounds; peer: bare numpy prefix sums, {peer_ns:.1f} ns a date")
    for name, values in ratios.items():
        target = "  (target <= 3x)" if name == "add_workdays_array" else ""
        print(f"  {name:22s} {statistics.median(values):8.2f}x  (range {min(values):.2f}–{max(values):.2f}){target}")


if __name__ == "__main__":
    main()
