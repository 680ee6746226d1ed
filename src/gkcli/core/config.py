"""Settings from flags, environment and the project file (docs/design.md §6).

Precedence, highest first: a command-line flag, an environment variable
(``GKCLI_HOLIDAYS_DIR``, ``GKCLI_REGION``, ``GKCLI_PROVISIONAL``, ``GKCLI_RULES``,
``GKCLI_FORMAT``, ``GKCLI_LANG``, ``GKCLI_WARN_DAYS``), the project file (``gkcli.toml``
in the working directory, else ``[tool.gkcli]`` in its ``pyproject.toml``), the default.
Paths in a project file are relative to the file.
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from gkcli.core.errors import InputError

__all__ = ["Settings", "default_site_data_dir", "default_user_data_dir", "load_settings"]

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

    def override(self, **changes: Any) -> Settings:
        """A copy with every change that is not ``None`` applied (flags over the rest)."""
        return self._replace(**{k: v for k, v in changes.items() if v is not None})

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


def _project_table(cwd: Path) -> tuple[dict[str, Any], Path | None]:
    for name, section in (("gkcli.toml", None), ("pyproject.toml", ("tool", "gkcli"))):
        path = cwd / name
        if not path.is_file():
            continue
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise InputError(
                f"{path}: cannot read the project file: {exc}",
                f"{path}：无法读取项目配置文件：{exc}",
            ) from None
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
                f"{path}: {key} = {value!r} is not valid; write it as a {kind.__name__}, e.g. {key} = {example}",
                f"{path}：{key} = {value!r} 无效；应写作 {kind.__name__}，例如 {key} = {example}",
            )
    if not all(isinstance(v, str) for v in table.get("columns", {}).values()):
        raise InputError(
            f"{path}: 'columns' must be a table of canonical = \"header\" pairs",
            f"{path}：'columns' 应为 规范列名 = \"表头\" 的表",
        )


def _env_bool(name: str) -> bool | None:
    value = os.environ.get(name)
    if value is None:
        return None
    if value.strip().lower() not in _TRUE + _FALSE:
        raise InputError(
            f"{name}={value!r} is neither true nor false; use 1 or 0",
            f"{name}={value!r} 既非真也非假；请用 1 或 0",
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
    )
    env = os.environ
    warn_days = env.get("GKCLI_WARN_DAYS")
    if warn_days is not None and not warn_days.strip().isdigit():
        raise InputError(
            f"GKCLI_WARN_DAYS={warn_days!r} is not a whole number of working days",
            f"GKCLI_WARN_DAYS={warn_days!r} 不是工作日天数（整数）",
        )
    return settings.override(
        holidays_dir=Path(env["GKCLI_HOLIDAYS_DIR"]) if env.get("GKCLI_HOLIDAYS_DIR") else None,
        region=env.get("GKCLI_REGION") or None,
        provisional=_env_bool("GKCLI_PROVISIONAL"),
        rules=Path(env["GKCLI_RULES"]) if env.get("GKCLI_RULES") else None,
        format=env.get("GKCLI_FORMAT") or None,
        lang=env.get("GKCLI_LANG") or None,
        warn_days=int(warn_days) if warn_days is not None else None,
        holidays_feed=env.get("GKCLI_HOLIDAYS_FEED") or None,
        site_dir=Path(env["GKCLI_SITE_HOLIDAYS_DIR"]) if env.get("GKCLI_SITE_HOLIDAYS_DIR") else None,
    )
