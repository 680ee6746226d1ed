"""Settings from flags, environment and the project file (docs/design.md §6).

Precedence, highest first: a command-line flag, an environment variable
(``GKCLI_HOLIDAYS_DIR``, ``GKCLI_REGION``, ``GKCLI_PROVISIONAL``, ``GKCLI_RULES``,
``GKCLI_FORMAT``, ``GKCLI_LANG``, ``GKCLI_WARN_DAYS``), the project file (``gkcli.toml``
in the working directory, else ``[tool.gkcli]`` in its ``pyproject.toml``), the default.
Paths in a project file are relative to the file.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from gkcli.core.errors import InputError, quote
from gkcli.core.i18n import LANGS
from gkcli.core.tomlfile import read_toml

__all__ = [
    "CONFIGURABLE_FORMATS",
    "Settings",
    "check_settings",
    "default_site_data_dir",
    "default_user_data_dir",
    "is_known_lang",
    "load_settings",
]

# Every format a command takes from GKCLI_FORMAT or the project file: the union of the
# ledger report formats and the data commands' formats (tests/test_config.py checks it
# against the commands). A command uses the configured format when it has it, else text.
CONFIGURABLE_FORMATS = ("text", "json", "jsonl", "tsv", "csv", "github", "gitlab", "junit", "sarif")

# Each project-file key and the TOML type it must have.
_KEYS: dict[str, type] = {
    "holidays_dir": str,
    "holidays_feed": str,
    "region": str,
    "provisional": bool,
    "rules": str,
    "format": str,
    "lang": str,
    "warn_days": int,
    "columns": dict,
    "select": list,
    "ignore": list,
    "ledgers": list,
    "ledger": dict,
}
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")


class Settings(NamedTuple):
    """Everything that configures a run apart from the command's own arguments."""

    holidays_dir: Path | None = None
    region: str | None = None
    provisional: bool = False
    rules: Path | None = None
    format: str | None = None
    lang: str | None = None
    warn_days: int | None = None
    columns: Mapping[str, str] = MappingProxyType({})
    project_file: Path | None = None
    holidays_feed: str | None = None
    site_dir: Path | None = None
    origins: Mapping[str, str] = MappingProxyType({})
    """Where each setting that is not a default came from: a flag, a variable, a file."""
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = MappingProxyType({})
    """``[ledger.per-file-ignores]``: a glob of ledger paths to the codes not reported for them."""
    ledgers: tuple[str, ...] | None = None
    """Globs of the files that are ledgers (``ledger check --ledgers-only``, the pre-commit hook)."""

    def override(self, **changes: Any) -> Settings:
        """A copy with every flag that is not ``None`` applied (flags over the rest); each
        is recorded as coming from ``--name``."""
        given = {key: value for key, value in changes.items() if value is not None}
        origins = {**self.origins, **{key: f"--{key.replace('_', '-')}" for key in given}}
        return self._replace(**given, origins=MappingProxyType(origins))

    def origin(self, key: str) -> str:
        """Where ``key``'s value came from, for an error message."""
        return self.origins.get(key, "the default")

    @property
    def user_holidays_dir(self) -> Path:
        """Where ``holidays import`` writes and where user data is read from."""
        return self.holidays_dir or default_user_data_dir() / "holidays"

    @property
    def site_holidays_dir(self) -> Path:
        """The office-wide directory read after the shipped data and before the user's own
        (``GKCLI_SITE_HOLIDAYS_DIR``, else the platform's site data directory + ``/holidays``)."""
        return self.site_dir or default_site_data_dir() / "holidays"


def default_site_data_dir() -> Path:
    """The machine-wide data directory: the first of ``$XDG_DATA_DIRS`` + ``/gkcli``
    (``/usr/local/share/gkcli``), ``%PROGRAMDATA%\\gkcli`` on Windows,
    ``/Library/Application Support/gkcli`` on macOS."""
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA") or "C:\\ProgramData") / "gkcli"
    if sys.platform == "darwin":
        return Path("/Library/Application Support/gkcli")
    first = (os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share").split(":")[0]
    return Path(first or "/usr/local/share") / "gkcli"


def default_user_data_dir() -> Path:
    """The per-user data directory: ``$XDG_DATA_HOME/gkcli`` (``~/.local/share/gkcli``),
    ``%APPDATA%\\gkcli`` on Windows, ``~/Library/Application Support/gkcli`` on macOS."""
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / "gkcli"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "gkcli"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "gkcli"


def _project_file_error(en: str, zh: str) -> InputError:
    return InputError(f"cannot read the project file: {en}", f"无法读取项目配置文件：{zh}")


def _project_table(cwd: Path) -> tuple[dict[str, Any], Path | None]:
    for name, section in (("gkcli.toml", None), ("pyproject.toml", ("tool", "gkcli"))):
        path = cwd / name
        if not path.is_file():
            continue
        table = read_toml(path, _project_file_error)
        for key in section or ():
            table = table.get(key, {})
            if not isinstance(table, dict):
                raise InputError(
                    f"{path}: [{'.'.join(section or ())}] must be a table of settings",
                    f"{path}：[{'.'.join(section or ())}] 应为设置表",
                )
        if table or section is None:
            return table, path
    return {}, None


def _check_types(table: dict[str, Any], path: Path | None) -> None:
    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        raise InputError(
            f"{path}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(_KEYS))}",
            f"{path}：未知设置 {', '.join(unknown)}；可用设置：{', '.join(sorted(_KEYS))}",
        )
    for key, kind in _KEYS.items():
        value = table.get(key)
        wrong = value is not None and (not isinstance(value, kind) or (kind is int and isinstance(value, bool)))
        if wrong or (key == "warn_days" and value is not None and value < 0):
            example = {bool: "true", int: "3", str: '"text"', dict: '{ start = "立项日期" }'}[kind]
            raise InputError(
                f"{path}: {key} = {quote(value)} is not valid; write it as a {kind.__name__}, e.g. {key} = {example}",
                f"{path}：{key} = {quote(value)} 无效；应写作 {kind.__name__}，例如 {key} = {example}",
            )
    if not all(isinstance(v, str) for v in table.get("columns", {}).values()):
        raise InputError(
            f"{path}: 'columns' must be a table of canonical = \"header\" pairs",
            f"{path}：'columns' 应为 规范列名 = \"表头\" 的表",
        )
    for key in ("select", "ignore", "ledgers"):
        if not all(isinstance(item, str) for item in table.get(key, [])):
            raise InputError(
                f'{path}: {key} must be a list of strings, e.g. {key} = ["…"]',
                f'{path}：{key} 应为字符串列表，例如 {key} = ["…"]',
            )
    ledger = table.get("ledger", {})
    per_file = ledger.get("per-file-ignores", {})
    if set(ledger) - {"per-file-ignores"} or not isinstance(per_file, dict):
        raise InputError(
            f'{path}: [ledger] holds one table, [ledger.per-file-ignores], of "glob" = ["code", …]',
            f'{path}：[ledger] 只能包含 [ledger.per-file-ignores] 表，形如 "路径模式" = ["代码", …]',
        )
    if not all(isinstance(codes, list) and all(isinstance(c, str) for c in codes) for codes in per_file.values()):
        raise InputError(
            f'{path}: [ledger.per-file-ignores] maps a path glob to a list of codes, e.g. "旧台账/*.csv" = ["non-iso-date"]',
            f'{path}：[ledger.per-file-ignores] 应为 路径模式 = 代码列表，例如 "旧台账/*.csv" = ["non-iso-date"]',
        )


def _env_bool(name: str) -> bool | None:
    value = os.environ.get(name)
    if value is None:
        return None
    if value.strip().lower() not in _TRUE + _FALSE:
        raise InputError(
            f"{name}={quote(value)} is neither true nor false; use 1 or 0",
            f"{name}={quote(value)} 既非真也非假；请用 1 或 0",
        )
    return value.strip().lower() in _TRUE


def load_settings(cwd: Path | None = None) -> Settings:
    """Settings from the project file in ``cwd`` with the environment on top."""
    table, path = _project_table(cwd or Path.cwd())
    _check_types(table, path)
    base = path.parent if path else Path.cwd()

    def project_path(key: str) -> Path | None:
        return base / table[key] if key in table else None

    settings = Settings(
        holidays_dir=project_path("holidays_dir"),
        region=table.get("region"),
        provisional=table.get("provisional", False),
        rules=project_path("rules"),
        format=table.get("format"),
        lang=table.get("lang"),
        warn_days=table.get("warn_days"),
        columns=MappingProxyType(dict(table.get("columns", {}))),
        project_file=path,
        holidays_feed=table.get("holidays_feed"),
        select=tuple(table["select"]) if "select" in table else None,
        ignore=tuple(table.get("ignore", ())),
        per_file_ignores=MappingProxyType(
            {pattern: tuple(codes) for pattern, codes in table.get("ledger", {}).get("per-file-ignores", {}).items()}
        ),
        ledgers=tuple(table["ledgers"]) if "ledgers" in table else None,
    )
    origins = {key: str(path) for key in table}
    env = os.environ
    warn_days = env.get("GKCLI_WARN_DAYS")
    if warn_days is not None and not warn_days.strip().isdigit():
        raise InputError(
            f"GKCLI_WARN_DAYS={quote(warn_days)} is not a whole number of working days",
            f"GKCLI_WARN_DAYS={quote(warn_days)} 不是工作日天数（整数）",
        )
    from_env: dict[str, Any] = {
        "holidays_dir": Path(env["GKCLI_HOLIDAYS_DIR"]) if env.get("GKCLI_HOLIDAYS_DIR") else None,
        "region": env.get("GKCLI_REGION") or None,
        "provisional": _env_bool("GKCLI_PROVISIONAL"),
        "rules": Path(env["GKCLI_RULES"]) if env.get("GKCLI_RULES") else None,
        "format": env.get("GKCLI_FORMAT") or None,
        "lang": env.get("GKCLI_LANG") or None,
        "warn_days": int(warn_days) if warn_days is not None else None,
        "holidays_feed": env.get("GKCLI_HOLIDAYS_FEED") or None,
        "site_dir": Path(env["GKCLI_SITE_HOLIDAYS_DIR"]) if env.get("GKCLI_SITE_HOLIDAYS_DIR") else None,
    }
    variables = {"site_dir": "GKCLI_SITE_HOLIDAYS_DIR"}
    origins.update(
        {key: variables.get(key, f"GKCLI_{key.upper()}") for key, value in from_env.items() if value is not None}
    )
    settings = settings._replace(**{key: value for key, value in from_env.items() if value is not None})
    settings = settings._replace(origins=MappingProxyType(origins))
    check_settings(settings)
    return settings


def _refuse(settings: Settings, key: str, value: object, problem: str, problem_zh: str) -> InputError:
    origin = settings.origin(key)
    return InputError(
        f"{key} {quote(value)} (from {origin}) {problem}",
        f"{key} {quote(value)}（来自 {origin}）{problem_zh}",
    )


def is_known_lang(text: str) -> bool:
    """``zh`` or ``en``, also as a locale tag (``zh_CN.UTF-8``, ``en-US``)."""
    return re.split(r"[-_.@]", text, maxsplit=1)[0].lower() in LANGS


def check_settings(settings: Settings) -> None:
    """Refuse a format, language or data directory no command can use, naming the
    accepted values and where the bad one came from (docs/design.md §8)."""
    if settings.format is not None and settings.format not in CONFIGURABLE_FORMATS:
        accepted = ", ".join(CONFIGURABLE_FORMATS)
        raise _refuse(
            settings,
            "format",
            settings.format,
            f"is no output format; accepted: {accepted}",
            f"不是输出格式；可用：{accepted}",
        )
    if settings.lang is not None and not is_known_lang(settings.lang):
        raise _refuse(settings, "lang", settings.lang, "is no language; accepted: zh, en", "不是可用语言；可用：zh、en")
    for key, directory in (("holidays_dir", settings.holidays_dir), ("site_dir", settings.site_dir)):
        if directory is not None and directory.exists() and not directory.is_dir():
            raise _refuse(
                settings,
                key,
                str(directory),
                "is not a directory; give the directory that holds the holiday data files",
                "不是目录；请给出存放节假日数据文件的目录",
            )
