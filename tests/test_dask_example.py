"""The cluster path (docs/ledgers.md): a ledger split into partitions, checked on a Dask
``LocalCluster`` of two workers, gives the findings of the one-process check — duplicate ids
across partitions, recurring rules and late, open and invalid rows included."""

from __future__ import annotations

import csv
import random
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pandas as pd
import pytest
from dask.distributed import Client, LocalCluster

from gkcli import BEIJING, load_calendar
from gkcli.ledger.check import CheckOptions, LedgerCheck
from gkcli.ledger.frame import ledger_from_table
from gkcli.ledger.partitions import check_partitioned
from gkcli.rules.catalogue import load_catalogue

HEADER = ["编号", "事项", "起算日期", "完成日期", "延期", "暂停", "补正日期", "责任单位"]
RULES = ["interpretation", "request-reply", "review-application", "lawsuit", "water-quality", "press-conference"]


def checker() -> LedgerCheck:
    return LedgerCheck(load_calendar(), load_catalogue(), CheckOptions(as_of=datetime(2026, 11, 28, tzinfo=BEIJING)))


def ledger_rows(count: int) -> list[list[str]]:
    rng = random.Random(11)
    rows = []
    for number in range(count):
        start = date(2019, 1, 1) + timedelta(days=rng.randrange(2500))
        roll = rng.random()
        done = "" if roll < 0.02 else (start + timedelta(days=rng.randrange(0, 40 if roll < 0.2 else 5))).isoformat()
        row_id = f"GK-{rng.randrange(count // 3)}" if roll > 0.97 else f"GK-{number}"  # some used twice
        rule = "nonsense" if roll > 0.995 else rng.choice(RULES)
        rows.append([row_id, rule, start.isoformat(), done, "", "", "", "单位"])
    return rows


@pytest.fixture(scope="module")
def client():
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster,
        Client(cluster) as dask_client,
    ):
        yield dask_client


def test_partitions_on_a_local_cluster_give_the_one_process_findings(client, tmp_path: Path):
    rows = ledger_rows(4000)
    path = tmp_path / "ledger.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([HEADER, *rows])
    expected = [finding.as_record() for finding in checker().check(path, "ledger").findings()]
    assert {record["code"] for record in expected} >= {"duplicate-id", "deadline-missed", "overdue", "unknown-rule"}

    frame = pd.DataFrame(rows, columns=HEADER)
    bounds = [0, 700, 1900, 2600, 4000]
    parts = [ledger_from_table(frame.iloc[a:b], {}, first_row=a + 2) for a, b in pairwise(bounds)]
    scattered = client.scatter(parts)

    def on_cluster(function, *iterables):
        return client.gather(client.map(function, *iterables, pure=False))

    got = [finding.as_record() for finding in check_partitioned(checker(), scattered, "ledger", on_cluster)]
    for record in expected:
        record["line"] = None  # a table has rows, not physical lines
    assert got == expected
    # The duplicates that cross partitions are there, pointing at the first row overall.
    first_partition_ids = set(frame.iloc[:700]["编号"])
    crossing = [r for r in got if r["code"] == "duplicate-id" and r["row"] > 702 and r["id"] in first_partition_ids]
    assert crossing


def test_the_builtin_map_gives_the_same_findings():
    rows = ledger_rows(600)
    frame = pd.DataFrame(rows, columns=HEADER)
    whole = [finding.as_record() for finding in check_partitioned(checker(), [ledger_from_table(frame, {})], "x")]
    parts = [ledger_from_table(frame.iloc[a : a + 100], {}, first_row=a + 2) for a in range(0, 600, 100)]
    assert [finding.as_record() for finding in check_partitioned(checker(), parts, "x")] == whole
    assert list(check_partitioned(checker(), [], "x")) == []
