"""Every CI snippet of docs/ci.md, run as its CI would run it (docs/ci.md): the steps of the
GitHub workflows and of the composite action (action.yml) with bash, the GitLab scripts line
by line with a POSIX shell, and the pre-commit hook's file filter and entry, on a clean and
on a late ledger in a scratch repository.

What cannot run here is stood in for, and checked instead: ``actions/checkout`` and
``actions/setup-python`` (the scratch repository and this Python), ``upload-sarif`` (the SARIF
file must exist when it runs), and ``pip install`` (a stand-in ``pip`` that checks the thing
to install exists: the action's own checkout, or the wheel the docs tell you to commit).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
CI_DOC = REPO / "docs" / "ci.md"
ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
HOOKS = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
GKCLI = shutil.which("gkcli", path=str(Path(sys.executable).parent)) or shutil.which("gkcli")

CLEAN = "编号,事项,起算日期,完成日期\nK1,解读,2026-09-30,2026-10-10\nK2,依申请,2022/9/30,2022-11-02\n"
LATE = CLEAN + "K3,依申请,2026-09-01,2026-10-30\n"

pytestmark = pytest.mark.skipif(GKCLI is None, reason="the gkcli script is not installed")


def yaml_blocks() -> list[Any]:
    return [
        yaml.safe_load(block) for block in re.findall(r"^```yaml\n(.*?)^```", CI_DOC.read_text("utf-8"), re.M | re.S)
    ]


def github_workflows() -> dict[str, Any]:
    return {block["name"]: block for block in yaml_blocks() if "jobs" in block}


def gitlab_jobs() -> dict[str, Any]:
    return {
        name: job for block in yaml_blocks() for name, job in block.items() if isinstance(job, dict) and "script" in job
    }


STAND_IN_PIP = """#!/bin/sh
# pip install TARGET: TARGET must be the action's checkout (a gkcli source tree) or a wheel file.
[ "$1" = install ] || exit 3
for target in "$@"; do :; done
if [ -f "$target/pyproject.toml" ] && grep -q '^name = "gkcli"' "$target/pyproject.toml"; then exit 0; fi
case "$target" in *.whl) [ -f "$target" ] && exit 0 ;; esac
echo "stand-in pip: nothing to install at $target" >&2
exit 4
"""
STAND_IN_PYTHON = """#!/bin/sh
if [ "$1" = -m ] && [ "$2" = pip ]; then shift 2; exec pip "$@"; fi
exec {python} "$@"
"""


@dataclass
class Runner:
    """A scratch repository with ledgers, and the environment a CI runner gives a job."""

    root: Path
    env: dict[str, str] = field(default_factory=dict)
    uploaded: list[str] = field(default_factory=list)

    @classmethod
    def make(cls, tmp_path: Path, ledger: str) -> Runner:
        root = tmp_path / "repo"
        (root / "台账").mkdir(parents=True)
        (root / "台账" / "2026.csv").write_text(ledger, encoding="utf-8")
        (root / "tools").mkdir()
        (root / "tools" / "gkcli-0.2.0-py3-none-any.whl").write_bytes(b"the wheel python -m build made")
        shims = tmp_path / "bin"
        shims.mkdir()
        for name, text in (("pip", STAND_IN_PIP), ("python", STAND_IN_PYTHON.format(python=sys.executable))):
            (shims / name).write_text(text, encoding="utf-8")
            (shims / name).chmod(0o755)
        (shims / "gkcli").symlink_to(GKCLI)
        env = {k: v for k, v in os.environ.items() if not k.startswith("GKCLI_")}
        env.update(
            PATH=f"{shims}{os.pathsep}{env['PATH']}",
            CI="true",
            GKCLI_LANG="en",
            GKCLI_HOLIDAYS_DIR=str(tmp_path / "holidays"),
            GITHUB_STEP_SUMMARY=str(tmp_path / "step-summary.md"),
        )
        return cls(root, env)

    def shell(self, script: str, shell: str, extra: dict[str, str] | None = None) -> int:
        argv = (
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script]
            if shell == "bash"
            else ["sh", "-c", script]
        )
        done = subprocess.run(
            argv, cwd=self.root, env={**self.env, **(extra or {})}, capture_output=True, text=True, check=False
        )
        return done.returncode

    # -- GitHub ------------------------------------------------------------------------------

    def github_job(self, job: dict[str, Any]) -> tuple[int, str]:
        """Run a job's steps in order; return the first failing step's exit code and name (0, '')."""
        for number, step in enumerate(job["steps"]):
            name = step.get("name") or step.get("uses") or step.get("run", "")
            if "uses" in step:
                if step["uses"].endswith("/gkcli@v0.2.0"):
                    code = self.action(step.get("with", {}))
                elif step["uses"].startswith(("actions/checkout@", "actions/setup-python@")):
                    code = 0
                else:
                    pytest.fail(f"step {number} uses {step['uses']}, which this test cannot stand in for")
            else:
                code = self.shell(step["run"], "bash")
            if code:
                return code, name
        return 0, ""

    def action(self, given: dict[str, str]) -> int:
        """The composite action's steps, with its inputs (defaults filled in) and outputs."""
        inputs = {name: str(given.get(name, spec.get("default", ""))) for name, spec in ACTION["inputs"].items()}
        assert set(given) <= set(inputs), f"unknown inputs {set(given) - set(inputs)}"
        outputs: dict[str, str] = {}
        output_file = self.root.parent / "github-output"
        failed = 0
        for step in ACTION["runs"]["steps"]:
            context = {f"inputs.{k}": v for k, v in inputs.items()}
            context.update({f"steps.check.outputs.{k}": v for k, v in outputs.items()})
            condition = step.get("if")
            if condition is not None and not evaluate(condition, context, failed):
                continue
            if not condition and failed:
                continue
            if "uses" in step:
                if step["uses"].startswith("github/codeql-action/upload-sarif@"):
                    sarif = substitute(step["with"]["sarif_file"], context)
                    assert (self.root / sarif).is_file(), "upload-sarif runs on a SARIF file that exists"
                    self.uploaded.append(sarif)
                continue
            output_file.write_text("", encoding="utf-8")
            env = {key: substitute(value, context) for key, value in step.get("env", {}).items()}
            env.update(GITHUB_ACTION_PATH=str(REPO), GITHUB_OUTPUT=str(output_file))
            code = self.shell(substitute(step["run"], context), step["shell"], env)
            for line in output_file.read_text(encoding="utf-8").splitlines():
                key, _, value = line.partition("=")
                outputs[key] = value
            failed = failed or code
        return failed

    # -- GitLab ------------------------------------------------------------------------------

    def gitlab_job(self, job: dict[str, Any]) -> int:
        for line in job["script"]:
            code = self.shell(line, "sh")
            if code:
                return code
        return 0


def substitute(text: str, context: dict[str, str]) -> str:
    return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", lambda m: context[m.group(1)], text)


def evaluate(condition: str, context: dict[str, str], failed: int) -> bool:
    """The ``if:`` expressions the action uses: ``always()``, ``A != 'B'``, ``A == 'B'``, joined by ``&&``."""
    expression = condition.strip().removeprefix("${{").removesuffix("}}").strip()
    result = True
    for term in (part.strip() for part in expression.split("&&")):
        if term == "always()":
            continue
        left, op, right = re.fullmatch(r"([\w.-]+)\s*(!=|==)\s*'([^']*)'", term).groups()  # type: ignore[union-attr]
        value = context.get(left, "")
        result = result and ((value != right) if op == "!=" else (value == right))
    return result and ("always()" in expression or not failed)


# -- the tests --------------------------------------------------------------------------------


def test_the_snippets_are_found():
    assert set(github_workflows()) == {"ledger", "ledger-wheel", "ledger-daily"}
    assert set(gitlab_jobs()) == {"ledger", "ledger-daily"}


def test_github_action_workflow(tmp_path: Path):
    job = github_workflows()["ledger"]["jobs"]["check"]
    clean = Runner.make(tmp_path / "clean", CLEAN)
    assert clean.github_job(job) == (0, "")
    assert (clean.root / "ledger-junit.xml").is_file() and clean.uploaded == ["gkcli.sarif"]
    late = Runner.make(tmp_path / "late", LATE)
    assert late.github_job(job) == (1, "OWNER/gkcli@v0.2.0")
    assert (late.root / "ledger-junit.xml").is_file() and late.uploaded == ["gkcli.sarif"], "reports survive a failure"
    summary = Path(late.env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert "deadline-missed" in summary and "non-iso-date" not in summary


def test_github_action_without_ledgers_fails_with_a_message(tmp_path: Path):
    runner = Runner.make(tmp_path, CLEAN)
    assert runner.action({"files": "nowhere/*.csv"}) == 2


def test_github_wheel_workflow(tmp_path: Path):
    job = github_workflows()["ledger-wheel"]["jobs"]["check"]
    clean = Runner.make(tmp_path / "clean", CLEAN)
    assert clean.github_job(job) == (0, "")
    assert {p.name for p in clean.root.iterdir()} >= {"ledger-junit.xml", "gkcli.sarif"}
    late = Runner.make(tmp_path / "late", LATE)
    code, step = late.github_job(job)
    assert code == 1 and step.startswith("gkcli ledger check")


def test_gitlab_job_writes_both_reports_even_when_it_fails(tmp_path: Path):
    job = gitlab_jobs()["ledger"]
    assert job["artifacts"]["when"] == "always"
    clean = Runner.make(tmp_path / "clean", CLEAN)
    assert clean.gitlab_job(job) == 0
    late = Runner.make(tmp_path / "late", LATE)
    assert late.gitlab_job(job) == 1
    for report in job["artifacts"]["reports"].values():
        assert (late.root / report).is_file(), report


def test_daily_schedules_fail_on_a_late_row_and_pass_on_a_clean_ledger(tmp_path: Path):
    github = github_workflows()["ledger-daily"]
    triggers = github.get("on", github.get(True))  # YAML 1.1 reads a bare `on` key as true
    assert triggers["schedule"][0]["cron"] == "0 0 * * *"
    gitlab = gitlab_jobs()["ledger-daily"]
    assert gitlab["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    for number, ledger, expected in ((1, CLEAN, 0), (2, LATE, 1)):
        runner = Runner.make(tmp_path / str(number), ledger)
        assert runner.github_job(github["jobs"]["due"])[0] == expected
        assert runner.gitlab_job(gitlab) == expected


def test_daily_schedule_fails_on_a_row_due_within_three_working_days(tmp_path: Path):
    from datetime import datetime

    from gkcli.core.dates import BEIJING

    today = datetime.now(BEIJING).date().isoformat()
    runner = Runner.make(tmp_path, CLEAN + f"K4,依申请,{today},\n")
    # Due in 20 working days: not yet; the same row with a 1-working-day local rule is.
    assert runner.gitlab_job(gitlab_jobs()["ledger-daily"]) == 0
    (runner.root / "台账" / "2026.csv").write_text(CLEAN + f"K4,解读,{today},\n", encoding="utf-8")
    assert runner.gitlab_job(gitlab_jobs()["ledger-daily"]) == 1


def test_pre_commit_hook_checks_only_the_ledgers_it_is_handed(tmp_path: Path):
    (hook,) = HOOKS
    runner = Runner.make(tmp_path, LATE)
    (runner.root / "data").mkdir()
    (runner.root / "data" / "people.csv").write_text("name,age\nA,1\n", encoding="utf-8")
    (runner.root / "README.md").write_text("notes\n", encoding="utf-8")

    def commit(*staged: str) -> int:
        # What pre-commit does: keep the staged files matching `files`, append them to `entry`.
        handed = [path for path in staged if re.search(hook["files"], path)]
        if not handed:
            return 0
        return runner.shell(" ".join([hook["entry"], *handed]), "sh")

    assert hook["types"] == ["file"] and hook["language"] == "python"
    assert commit("data/people.csv", "README.md") == 0, "an unrelated CSV is not checked"
    assert commit("data/people.csv", "台账/2026.csv") == 1, "the late ledger fails the commit"
    (runner.root / "gkcli.toml").write_text('ledgers = ["data/*.csv"]\n', encoding="utf-8")
    assert commit("台账/2026.csv") == 0, "the project file's ledgers patterns decide"


def test_the_action_installs_gkcli_from_its_own_checkout():
    install = next(step for step in ACTION["runs"]["steps"] if step.get("name", "").startswith("Install gkcli"))
    assert '"$GITHUB_ACTION_PATH"' in install["run"]
    assert (REPO / "pyproject.toml").is_file()
    assert os.access(REPO / ".ci" / "run", os.R_OK) and stat.S_ISREG((REPO / "action.yml").stat().st_mode)
