"""``gkcli completion SHELL``: the script that makes TAB complete commands, options, rule ids
and aliases, and formats in bash, zsh or fish (docs/cli.md, "Shell completion")."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

app = typer.Typer(add_completion=False)


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


@app.command("completion")
def completion(
    shell: Annotated[Shell, typer.Argument(metavar="SHELL", help="bash, zsh or fish.")],
) -> None:
    """Print the completion script for SHELL. Load it in the current shell with
    `eval "$(gkcli completion bash)"` (zsh: the same with zsh; fish: `gkcli completion fish | source`),
    or add that line to ~/.bashrc, ~/.zshrc or ~/.config/fish/config.fish."""
    # typer's completion modules (typer is pinned <0.29: pyproject.toml); tests/test_cli_lang.py runs the scripts.
    from typer._completion_classes import completion_init
    from typer._completion_shared import get_completion_script

    completion_init()
    sys.stdout.write(get_completion_script(prog_name="gkcli", complete_var="_GKCLI_COMPLETE", shell=shell.value) + "\n")
