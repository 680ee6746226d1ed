"""Concurrent imports into one directory (calendar.install): exactly one succeeds without
--force, the others exit 2 "already exists"; the file is whole and is the winner's."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import FIXTURES

NOTICES = FIXTURES / "notices"


def start_import(notice, env):
    return subprocess.Popen(
        [sys.executable, "-m", "gkcli", "holidays", "import", str(notice)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_parallel_imports_of_two_notices_one_wins(clean_environment, tmp_path):
    # Two different texts for 2026: the real notice, and the same with one make-up day moved.
    other = tmp_path / "other-2026.txt"
    real = (NOTICES / "2026.txt").read_text(encoding="utf-8")
    other.write_text(real.replace("10月10日（周六）上班", "10月11日（周日）上班"), encoding="utf-8")
    env = dict(os.environ)
    processes = [start_import(NOTICES / "2026.txt" if n % 2 else other, env) for n in range(8)]
    results = [(process.wait(timeout=120), process.stderr.read()) for process in processes]
    codes = sorted(code for code, _ in results)
    assert codes == [0] + [2] * 7, results
    assert all("already exists" in stderr for code, stderr in results if code == 2)
    assert all("Traceback" not in stderr for _, stderr in results)
    written = (clean_environment / "2026.toml").read_text(encoding="utf-8")
    winner = next(n for n, (code, _) in enumerate(results) if code == 0)
    assert ("2026-10-10" in written) == bool(winner % 2)
    assert ("2026-10-11" in written) == (not winner % 2)
    assert sorted(path.name for path in clean_environment.iterdir()) == ["2026.toml"]  # no temporary files left
