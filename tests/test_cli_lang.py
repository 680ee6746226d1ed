"""The Chinese-first command line (docs/cli.md, "Languages" and "Shell completion"): every help
page and usage error in Chinese under ``--lang zh``, English complete under ``--lang en``, the
global options anywhere on the line, the closest command suggested, and completion in bash."""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from gkcli.cli.app import COMMANDS, app
from gkcli.cli.localise import hoist_global_options, usage_error_zh
from gkcli.cli.root import answer_root_help
from gkcli.cli.texts import chinese_texts, help_key

HELP_ZH = chinese_texts().help
COMMAND_SUMMARIES = chinese_texts().summaries

runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def _walk(command: Any, path: tuple[str, ...]) -> list[tuple[tuple[str, ...], Any]]:
    found = [(path, command)]
    for name, sub in getattr(command, "commands", {}).items():
        found += _walk(sub, (*path, name))
    return found


def every_command() -> list[tuple[tuple[str, ...], Any]]:
    """(path, command) of the root and every command and subcommand, in English."""
    found = [((), typer.main.get_command(app))]
    for name, module in COMMANDS.items():
        found += _walk(typer.main.get_command(importlib.import_module(f"gkcli.cli.{module}").app), (name,))
    return found


COMMAND_PATHS = [path for path, _ in every_command()]
LEAVES = [path for path, command in every_command() if path and not getattr(command, "commands", None)]
# `workdays add` takes unknown options as arguments (a negative N): they are not options there.
STRICT_LEAVES = [
    path for path in LEAVES if not dict(every_command())[path].context_settings.get("ignore_unknown_options")
]


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


# -- the catalogue --------------------------------------------------------------------------


def test_every_help_text_has_its_chinese() -> None:
    missing = [
        (path, owner.help)
        for path, command in every_command()
        for owner in (command, *command.params)
        if owner.help and help_key(owner.help) not in HELP_ZH
    ]
    assert missing == []


def test_no_translation_is_left_over() -> None:
    used = {
        help_key(owner.help) for _, command in every_command() for owner in (command, *command.params) if owner.help
    }
    assert set(HELP_ZH) - used == set()


def test_every_command_has_a_summary_in_both_languages() -> None:
    assert list(COMMAND_SUMMARIES) == list(COMMANDS)
    assert all(en and zh and en != zh for en, zh in COMMAND_SUMMARIES.values())


# -- help -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", COMMAND_PATHS, ids=lambda path: " ".join(path) or "gkcli")
def test_every_help_page_is_chinese_under_lang_zh(path: tuple[str, ...]) -> None:
    result = run("--lang", "zh", *path, "-h")
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert page.startswith("用法：gkcli") and "选项：" in page and "显示本帮助并退出。" in page
    for english in ("Usage:", "Options:", "Arguments:", "Commands:", "Show this message", "[default:", "[required]"):
        assert english not in page
    command = dict(every_command())[path]
    squeezed = _squeezed(page)
    for owner in (command, *command.params):
        if owner.help and not getattr(owner, "hidden", False):
            assert _squeezed(HELP_ZH[help_key(owner.help)]) in squeezed
            assert _squeezed(owner.help) not in squeezed or owner.help == HELP_ZH[help_key(owner.help)]


@pytest.mark.parametrize("path", COMMAND_PATHS, ids=lambda path: " ".join(path) or "gkcli")
def test_every_help_page_stays_english_under_lang_en(path: tuple[str, ...]) -> None:
    result = run("--lang", "en", *path, "-h")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: gkcli") and "Options:" in result.stdout
    command = dict(every_command())[path]
    if command.help:
        assert _squeezed(command.help.split("\n\n")[0]) in _squeezed(result.stdout)


def test_the_language_comes_from_the_environment_and_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GKCLI_LANG", "zh")
    assert run("deadline", "-h").stdout.startswith("用法：")
    monkeypatch.delenv("GKCLI_LANG")
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert run("workdays", "-h").stdout.startswith("用法：")
    assert run("--lang", "en", "workdays", "-h").stdout.startswith("Usage:")


def test_root_help_lists_the_commands_without_importing_them() -> None:
    probe = (
        "import sys\n"
        "sys.argv = ['gkcli', '--lang', 'zh', '--help']\n"
        "from gkcli.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    loaded = set(done.stderr.split())
    assert "计算期限" in done.stdout and "completion" in done.stdout
    heavy = {
        "rich.markdown",
        "urllib.request",
        "ssl",
        "typer.rich_utils",
        *(f"gkcli.cli.{m}" for m in COMMANDS.values()),
    }
    assert heavy & loaded == set()


@pytest.mark.parametrize("width", ["50", "64", "80", "120"])
@pytest.mark.parametrize(
    "argv",
    [("--help",), ("-h",), ("--lang", "zh", "--help"), ("-h", "--lang=zh"), ("--help", "--lang", "en")],
    ids=" ".join,
)
def test_the_root_help_without_typer_is_the_typer_apps_page(
    argv: tuple[str, ...], width: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``gkcli --help`` is answered by ``cli/root.py`` without the CLI framework; it prints the
    page the typer app prints, in either language, at any terminal width."""
    monkeypatch.setenv("COLUMNS", width)
    monkeypatch.setenv("GKCLI_LANG", "en")
    with pytest.raises(SystemExit) as typer_exit:
        app(list(argv), prog_name="gkcli")
    typer_page = capsys.readouterr().out
    assert answer_root_help(list(argv)) == typer_exit.value.code == 0
    assert capsys.readouterr().out == typer_page
    assert typer_page.startswith("用法：" if "zh" in " ".join(argv) else "Usage:")


@pytest.mark.parametrize("argv", [["--help", "x"], ["--region", "gx", "-h"], ["--lang"], ["--", "-h"], []])
def test_other_lines_with_a_help_flag_are_left_to_the_typer_app(argv: list[str]) -> None:
    assert answer_root_help(argv) is None


# -- usage errors ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", STRICT_LEAVES, ids=" ".join)
def test_an_unknown_option_is_reported_in_chinese(path: tuple[str, ...]) -> None:
    result = run("--lang", "zh", *path, "--no-such-option")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"用法：gkcli {' '.join(path)} [选项]")
    assert f"运行 'gkcli {' '.join(path)} -h' 查看帮助。" in result.stderr
    assert "错误：没有这个选项：--no-such-option" in result.stderr
    assert "Error" not in result.stderr and "Usage" not in result.stderr


@pytest.mark.parametrize(
    "path",
    [
        path
        for path in LEAVES
        if any(p.required and p.param_type_name == "argument" for p in dict(every_command())[path].params)
    ],
    ids=" ".join,
)
def test_a_missing_argument_is_reported_in_chinese(path: tuple[str, ...]) -> None:
    command = dict(every_command())[path]
    first = next(p for p in command.params if p.required and p.param_type_name == "argument")
    zh = run("--lang", "zh", *path)
    assert zh.exit_code == 2
    assert f"错误：缺少参数 '{first.human_readable_name}'。" in zh.stderr
    en = run("--lang", "en", *path)
    assert f"Error: Missing argument '{first.human_readable_name}'." in en.stderr


@pytest.mark.parametrize(
    ("args", "zh"),
    [
        (
            ["deadline", "解读", "2026-09-30", "--format", "x"],
            "错误：'--format' / '-f' 的值无效：'x' 不是以下之一：'text', 'json', 'jsonl', 'tsv'。",
        ),
        (["workdays", "add", "2026-09-30", "x"], "错误：'N' 的值无效：'x' 不是整数。"),
        (["deadline", "解读", "2026-09-30", "--extend", "-1"], "错误：'--extend' 的值无效：-1 不在范围 x>=0 内。"),
        (["deadline", "解读", "2026-09-30", "--restart"], "错误：选项 '--restart' 需要一个值。"),
        (["workdays", "next", "2026-09-30", "2026-10-01"], "错误：多余的参数：2026-10-01"),
        (
            ["deadline", "解读", "2026-09-30", "--explan"],
            "错误：没有这个选项：--explan（您是不是要用：--explain, --extend）",
        ),
        (["--lang", "fr", "rules", "list"], "错误：--lang fr：请用 zh 或 en"),
        (["completion"], "错误：缺少参数 'SHELL'。可选："),
    ],
)
def test_usage_errors_in_chinese(args: list[str], zh: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GKCLI_LANG", "zh")  # the language when --lang names none
    result = run(*args)
    assert result.exit_code == 2
    assert zh in result.stderr


def test_every_framework_message_pattern_translates() -> None:
    for english, chinese in [
        ("Missing option '--as-of'.", "缺少选项 '--as-of'。"),
        ("Option '--pause' requires 2 arguments.", "选项 '--pause' 需要 2 个值。"),
        ("Option '--both' does not take a value.", "选项 '--both' 不接受值。"),
        ("Invalid value for '--timeout': 'x' is not a valid float.", "'--timeout' 的值无效：'x' 不是数字。"),
        ("Invalid value: no", "值无效：no"),
        ("Something new.", "Something new."),
    ]:
        assert usage_error_zh(english) == chinese


# -- global options anywhere ----------------------------------------------------------------


def test_global_options_are_accepted_after_the_command() -> None:
    zh = run("deadline", "解读", "2026-09-30", "--lang", "zh")
    assert zh.exit_code == 0 and "周六" in zh.stdout
    provisional = run("workdays", "add", "2026-12-20", "20", "--provisional")
    assert provisional.exit_code == 0 and "PROVISIONAL" in provisional.stdout
    region = run("workdays", "is", "2026-04-20", "--region=guangxi", "--format", "json")
    assert region.exit_code == run("--region", "guangxi", "workdays", "is", "2026-04-20").exit_code


def test_hoisting_moves_only_the_global_options() -> None:
    assert hoist_global_options(["deadline", "解读", "x", "--lang", "zh", "--explain"]) == [
        "--lang",
        "zh",
        "deadline",
        "解读",
        "x",
        "--explain",
    ]
    assert hoist_global_options(["a", "--region=gx", "--no-provisional", "--", "--lang", "zh"]) == [
        "--region=gx",
        "--no-provisional",
        "a",
        "--",
        "--lang",
        "zh",
    ]
    assert hoist_global_options(["a", "--lang"]) == ["a", "--lang"]  # no value: reported where it stands


# -- the closest command --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "en", "zh"),
    [
        (
            ["deadlne"],
            "Error: No such command 'deadlne'. Did you mean 'deadline'?",
            "错误：没有这个命令：'deadlne'。您是不是要输入 'deadline'？",
        ),
        (
            ["workdays", "ad"],
            "Error: No such command 'ad'. Did you mean 'add'?",
            "错误：没有这个命令：'ad'。您是不是要输入 'add'？",
        ),
        (["zzz"], "Error: No such command 'zzz'.", "错误：没有这个命令：'zzz'。"),
    ],
)
def test_an_unknown_command_suggests_the_closest(args: list[str], en: str, zh: str) -> None:
    english = run("--lang", "en", *args)
    assert english.exit_code == 2 and english.stderr.rstrip().endswith(en)
    chinese = run("--lang", "zh", *args)
    assert chinese.exit_code == 2 and chinese.stderr.rstrip().endswith(zh)


# -- shell completion -----------------------------------------------------------------------


def gkcli_script() -> str:
    found = shutil.which("gkcli", path=str(Path(sys.executable).parent)) or shutil.which("gkcli")
    if not found:
        pytest.skip("the gkcli script is not installed")
    return found


def _env() -> dict[str, str]:
    script_dir = str(Path(gkcli_script()).parent)
    return {**os.environ, "PATH": script_dir + os.pathsep + os.environ.get("PATH", "")}


def bash_completions(words: list[str]) -> list[str]:
    """What TAB offers after ``words`` (the last one being completed), in a real bash that
    loaded ``gkcli completion bash``."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    quoted = " ".join("'" + word.replace("'", "'\\''") + "'" for word in words)
    program = (
        "source <(gkcli completion bash)\n"
        f"COMP_WORDS=({quoted}); COMP_CWORD={len(words) - 1}\n"
        "_gkcli_completion gkcli\n"
        "printf '%s\\n' \"${COMPREPLY[@]}\"\n"
    )
    done = subprocess.run([bash, "--norc", "-c", program], capture_output=True, text=True, env=_env(), timeout=120)
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines() if line]


def test_bash_completes_commands_rules_aliases_and_formats() -> None:
    assert bash_completions(["gkcli", ""]) == list(COMMANDS)
    assert bash_completions(["gkcli", "dea"]) == ["deadline"]
    assert bash_completions(["gkcli", "workdays", "a"]) == ["add"]
    assert set(bash_completions(["gkcli", "deadline", "解"])) == {"解读", "解读材料"}
    assert "interpretation" in bash_completions(["gkcli", "deadline", "inter"])
    assert bash_completions(["gkcli", "rules", "show", "依申"]) != []
    assert bash_completions(["gkcli", "deadline", "解读", "2026-09-30", "--format", ""]) == [
        "text",
        "json",
        "jsonl",
        "tsv",
    ]
    assert bash_completions(["gkcli", "deadline", "--lang", "zh", "解"]) != []


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_call_gkcli_back(shell: str) -> None:
    result = run("completion", shell)
    assert result.exit_code == 0
    assert "_GKCLI_COMPLETE=complete_" + shell in result.stdout and "gkcli" in result.stdout


def test_zsh_and_fish_answers_name_the_rule() -> None:
    for shell, extra in (("zsh", {}), ("fish", {"_TYPER_COMPLETE_FISH_ACTION": "get-args"})):
        env = {**_env(), "_GKCLI_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": "gkcli deadline 解", **extra}
        done = subprocess.run([gkcli_script()], capture_output=True, text=True, env=env, timeout=60)
        assert done.returncode == 0 and "解读" in done.stdout and "政策解读材料发布" in done.stdout


def test_an_unknown_shell_is_a_usage_error() -> None:
    result = run("--lang", "zh", "completion", "tcsh")
    assert result.exit_code == 2 and "不是以下之一：'bash', 'zsh', 'fish'" in result.stderr


# -- a due date on a make-up working day -----------------------------------------------------


def test_a_make_up_day_is_labelled_by_the_library() -> None:
    from datetime import date

    from gkcli.calendar.describe import result_day_text
    from gkcli.calendar.sources import CalendarOptions, load_calendar

    calendar = load_calendar(CalendarOptions())
    makeup, friday = calendar.day_info(date(2026, 10, 10)), calendar.day_info(date(2026, 10, 9))
    assert result_day_text(makeup, "zh") == "2026-10-10（周六，国庆节调休上班）"
    assert result_day_text(makeup, "en") == "2026-10-10 (Sat, make-up working day for 国庆节)"
    assert result_day_text(makeup, "en", "09:00") == "2026-10-10 09:00 (Sat, make-up working day for 国庆节)"
    assert result_day_text(friday, "zh") == "2026-10-09 (周五)"


def test_the_first_line_of_a_deadline_says_make_up_day() -> None:
    assert run("deadline", "解读", "2026-09-30", "--lang", "zh").stdout.startswith(
        "2026-10-10（周六，国庆节调休上班）\n"
    )
    assert run("deadline", "解读", "2026-09-30").stdout.startswith("2026-10-10 (Sat, make-up working day for 国庆节)\n")


# -- what a trigger must say ----------------------------------------------------------------


def test_a_fixed_date_rule_takes_a_year() -> None:
    for year in ("2025", "2025年", "２０２５"):
        result = run("deadline", "部门年报", year)
        assert result.exit_code == 0 and result.stdout.startswith("2026-01-31 (Sat)\n"), result.output
    as_day = run("deadline", "部门年报", "2025-06-30", "--format", "json")
    as_year = run("deadline", "部门年报", "2025", "--format", "json")
    assert json.loads(as_year.stdout)["due"] == json.loads(as_day.stdout)["due"] == "2026-01-31"
    assert json.loads(as_year.stdout)["trigger"] == "2025"
    assert "起算：2025年度" in run("--lang", "zh", "deadline", "部门年报", "2025", "--explain").stdout


def test_a_year_alone_is_refused_for_other_rules() -> None:
    result = run("deadline", "解读", "2026")
    assert result.exit_code == 2 and "a year alone is enough only for a rule due on a fixed day" in result.stderr
    assert "只写年份仅适用于固定日期的规则" in run("--lang", "zh", "deadline", "解读", "2026").stderr


def test_an_hour_rule_asks_for_the_time() -> None:
    en = run("deadline", "press-conference", "2026-10-01")
    assert en.exit_code == 2 and 'give the time of the trigger too, e.g. "2026-10-01 15:00"' in en.stderr
    zh = run("--lang", "zh", "deadline", "发布会", "2026-10-01")
    assert zh.exit_code == 2 and "按小时计算：请同时写明起算时刻" in zh.stderr
    timed = run("deadline", "press-conference", "2026-10-01 22:30")
    assert timed.exit_code == 0 and timed.stdout.startswith("2026-10-02 22:30 (Fri, holiday for 国庆节)")
    batch = runner.invoke(app, ["deadline", "press-conference", "-"], input="2026-10-01 22:30\n2026-10-01\n")
    assert batch.exit_code == 2 and "line 2:" in batch.stderr and batch.stdout.count("\n") == 1


def test_ledger_template_in_chinese_reads_back_as_the_english_one(tmp_path: Path) -> None:
    zh = run("--lang", "zh", "ledger", "template").stdout
    en = run("ledger", "template").stdout
    assert zh.splitlines()[0] == "编号,事项,起算日期,完成日期,延期,暂停,补正日期,责任单位"
    assert zh.splitlines()[1:] == en.splitlines()[1:]
    checked = []
    for name, text in (("zh.csv", zh), ("en.csv", en)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        result = run("ledger", "check", str(tmp_path / name), "--as-of", "2026-12-01", "--format", "jsonl")
        checked.append((result.exit_code, result.stdout.replace(name, "ledger.csv")))
    assert checked[0] == checked[1]
