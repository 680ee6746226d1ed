"""The rule catalogue: disclosure and remedy periods as data (docs/design.md §4).

The built-in rules live in ``data/rules.toml`` inside the package; a user rules file of
the same schema adds rules or replaces a built-in one by id. Each rule has versions in
force over ranges of trigger dates (the 2008 and the 2019 政府信息公开条例 differ), and
each version cites its legal basis.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from gkcli.calendar.yeardata import check_keys, schema_error, typed_value
from gkcli.core import DATA_DIR
from gkcli.core.dates import normalise_text
from gkcli.core.errors import DataFileError, InputError, quote
from gkcli.core.tomlfile import read_toml

__all__ = [
    "Domain",
    "LegalBasis",
    "Rule",
    "RuleCatalogue",
    "RuleVersion",
    "Unit",
    "UnknownRule",
    "builtin_rules_path",
    "load_catalogue",
    "load_rules_file",
    "parse_rules",
]


class Unit(str, Enum):
    """How a rule's amount is counted (docs/design.md §3)."""

    WORKDAY = "workday"
    DAY = "day"
    MONTH = "month"
    HOUR = "hour"
    FIXED = "fixed"
    MINIMUM = "minimum"
    RECURRING = "recurring"
    GAP = "gap"


class Domain(str, Enum):
    """The field of 政务公开 work a rule belongs to (docs/rules.md), in the order
    ``gkcli rules list`` groups them. A rules file names it by this value or its Chinese label."""

    REQUEST = "request"
    PROACTIVE = "proactive"
    BUDGET = "budget"
    ENFORCEMENT = "enforcement"
    PROCUREMENT = "procurement"
    PROPOSALS = "proposals"
    REMEDIES = "remedies"
    NORMATIVE = "normative"
    WEBSITE = "website"
    LOCAL = "local"

    @property
    def label_zh(self) -> str:
        """The name 政务公开 offices use for the field: 申请公开, 预决算, …"""
        return _DOMAIN_LABELS[self]

    @classmethod
    def parse(cls, text: str) -> Domain:
        """The domain named by its value (``budget``) or its Chinese label (``预决算``)."""
        key = normalise_text(text).strip()
        for domain in cls:
            if key in (domain.value, domain.label_zh):
                return domain
        accepted = ", ".join(f"{d.value} ({d.label_zh})" for d in cls)
        raise InputError(f"unknown domain {text!r}; use one of: {accepted}", f"未知领域 {text!r}；可用：{accepted}")


_DOMAIN_LABELS = {
    Domain.REQUEST: "申请公开",
    Domain.PROACTIVE: "主动公开",
    Domain.BUDGET: "预决算",
    Domain.ENFORCEMENT: "执法公示",
    Domain.PROCUREMENT: "采购",
    Domain.PROPOSALS: "建议提案",
    Domain.REMEDIES: "复议诉讼",
    Domain.NORMATIVE: "规章文件",
    Domain.WEBSITE: "网站与新媒体",
    Domain.LOCAL: "本地规定",
}


# The value types are named tuples, not dataclasses: ``gkcli deadline RULE START`` loads
# them on its start-up path, which importing ``dataclasses`` (inspect, ast, dis) would double.


class LegalBasis(NamedTuple):
    """Where a rule comes from: document, article, and a quotation when its wording is certain."""

    document: str
    article: str
    clause: str = ""


class RuleVersion(NamedTuple):
    """A rule as one text of the law states it, for triggers in [effective_from, effective_until]."""

    label: str
    effective_from: date | None
    effective_until: date | None
    amount: int
    max_extension: int | None
    basis: tuple[LegalBasis, ...]
    fixed_month: int | None = None
    fixed_day: int | None = None
    period: str | None = None

    @property
    def span(self) -> tuple[date, date]:
        """The inclusive range of trigger dates, open ends closed by ``date.min``/``date.max``."""
        return (self.effective_from or date.min, self.effective_until or date.max)

    def in_force(self, day: date) -> bool:
        start, end = self.span
        return start <= day <= end

    def matches_regime(self, regime: str) -> bool:
        """``regime`` names this version: its whole label or the label's first word (``2019``)."""
        wanted = _key(regime)
        label = _key(self.label)
        return wanted == label or wanted == label.split()[0]

    @property
    def citation(self) -> str:
        """The bases as one line: ``document article; document article``."""
        return "; ".join(f"{b.document} {b.article}".strip() for b in self.basis)


class Rule(NamedTuple):
    """One obligation: what triggers it, how long it runs, and the versions of its legal basis."""

    id: str
    name: str
    aliases: tuple[str, ...]
    unit: Unit
    trigger: str
    versions: tuple[RuleVersion, ...]
    source: str
    note: str = ""
    domain: Domain = Domain.LOCAL
    """A rule that names no domain is a local rule (本地规定)."""

    def version_for(self, trigger: date, regime: str | None = None) -> RuleVersion:
        """The version in force on ``trigger`` (docs/design.md §3, regime by date), or the one ``regime`` names.

        A ``fixed`` rule's trigger is any day of the reporting year; its version is the one
        in force on the last day of that year (the 2018 report is due under the 2008
        Regulation, the 2019 report under the 2019 one).
        """
        if regime is not None:
            for version in self.versions:
                if version.matches_regime(regime):
                    return version
            labels = ", ".join(repr(v.label) for v in self.versions)
            raise InputError(
                f"rule {self.id!r} has no version {quote(regime)}; its versions are: {labels}",
                f"规则 {self.id!r} 没有版本 {quote(regime)}；可用版本：{labels}",
            )
        day = date(trigger.year, 12, 31) if self.unit is Unit.FIXED else trigger
        for version in self.versions:  # inline, not in_force(): the ledger asks per distinct trigger
            start, end = version.effective_from, version.effective_until
            if (start is None or start <= day) and (end is None or day <= end):
                return version
        spans = ", ".join(f"{v.label} ({_span(v)})" for v in self.versions)
        raise InputError(
            f"rule {self.id!r} has no version in force on {day.isoformat()}; versions: {spans}. "
            f"Fix: check the date, or name a version with --regime",
            f"规则 {self.id!r} 在 {day.isoformat()} 没有有效版本；版本：{spans}。"
            f"解决办法：检查日期，或用 --regime 指定版本",
        )


def _span(version: RuleVersion) -> str:
    start = version.effective_from.isoformat() if version.effective_from else ""
    end = version.effective_until.isoformat() if version.effective_until else ""
    return f"{start}..{end}"


def _key(text: str) -> str:
    """Lookup form of an id, alias or regime: full-width to ASCII, trimmed, case-folded."""
    return normalise_text(text).casefold()


class UnknownRule(InputError):
    """A rule name that is neither an id nor an alias of the catalogue."""

    code = "unknown-rule"

    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        import difflib  # only for this message; kept off the start-up path

        close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
        hint_en = f"did you mean {', '.join(close)}? " if close else ""
        hint_zh = f"是否指 {'、'.join(close)}？" if close else ""
        super().__init__(
            f"unknown rule {quote(name)}; {hint_en}`gkcli rules list` shows every rule id and alias",
            f"未知规则 {quote(name)}；{hint_zh}`gkcli rules list` 列出全部规则编号和简称",
        )


class RuleCatalogue:
    """Rules by id, findable by id (any case), alias or Chinese name."""

    def __init__(self, rules: list[Rule]) -> None:
        self._rules: dict[str, Rule] = {}
        self._lookup: dict[str, Rule] = {}
        for rule in rules:
            self._add(rule)

    def _add(self, rule: Rule) -> None:
        replaced = self._rules.get(rule.id)
        if replaced is not None:
            self._lookup = {key: r for key, r in self._lookup.items() if r is not replaced}
        names = (rule.id, rule.name, *rule.aliases)
        for name in names:
            holder = self._lookup.get(_key(name))
            if holder is not None and holder.id != rule.id:
                raise DataFileError(
                    f"{rule.source}: rule {rule.id!r}: the name {name!r} is already used by rule "
                    f"{holder.id!r} ({holder.source}); choose another alias or override {holder.id!r} by id",
                    f"{rule.source}：规则 {rule.id!r}：名称 {name!r} 已被规则 {holder.id!r}（{holder.source}）"
                    f"使用；请换一个简称，或按编号覆盖 {holder.id!r}",
                )
        for name in names:
            self._lookup[_key(name)] = rule
            self._lookup[name] = rule
        self._rules[rule.id] = rule

    def merged(self, rules: list[Rule]) -> RuleCatalogue:
        """A new catalogue with ``rules`` added, each replacing any rule of the same id."""
        catalogue = RuleCatalogue(list(self._rules.values()))
        for rule in rules:
            catalogue._add(rule)
        return catalogue

    def get(self, name: str) -> Rule:
        """The rule with this id (any case), alias or Chinese name; ``UnknownRule`` otherwise."""
        rule = self._lookup.get(name) or self._lookup.get(_key(name))
        if rule is None:
            known = sorted({n for r in self._rules.values() for n in (r.id, *r.aliases)})
            raise UnknownRule(name, known)
        return rule

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and (name in self._lookup or _key(name) in self._lookup)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def by_domain(self, only: Domain | None = None) -> list[tuple[Domain, list[Rule]]]:
        """The rules grouped by domain in ``Domain`` order (catalogue order within a group),
        leaving out empty groups; ``only`` keeps one domain."""
        groups = [(domain, [rule for rule in self if rule.domain is domain]) for domain in Domain]
        return [(domain, rules) for domain, rules in groups if rules and only in (None, domain)]

    def __len__(self) -> int:
        return len(self._rules)


# -- loading and validation ------------------------------------------------------------------

_RULE_KEYS = {"id", "name", "aliases", "unit", "trigger", "note", "domain", "versions"}
_VERSION_KEYS = {
    "label",
    "amount",
    "effective_from",
    "effective_until",
    "max_extension",
    "fixed_month",
    "fixed_day",
    "period",
    "basis",
}
_BASIS_KEYS = {"document", "article", "clause"}
_PERIODS = ("quarter", "year")
_GAP_PERIODS = ("day", "month")
MAX_AMOUNT = 36500
"""The largest ``amount`` or ``max_extension``: a hundred years of days. No period in law
comes near it, and a larger number could run a deadline off the end of the calendar."""


def _text(origin: str, where: str, table: dict[str, Any], key: str, required: bool = True) -> str:
    value = typed_value(origin, where, table, key, str, required)
    if required and not value.strip():
        raise schema_error(origin, where, f"{key!r} must not be empty", f"{key!r} 不能为空")
    return value or ""


def _tables(origin: str, where: str, table: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = typed_value(origin, where, table, key, list)
    if not items or not all(isinstance(item, dict) for item in items):
        raise schema_error(
            origin, where, f"{key!r} must be one or more [[...{key}]] tables", f"{key!r} 应为一个或多个 [[...{key}]] 表"
        )
    return items


def _parse_basis(origin: str, where: str, table: dict[str, Any]) -> LegalBasis:
    check_keys(origin, where, table, _BASIS_KEYS)
    return LegalBasis(
        document=_text(origin, where, table, "document"),
        article=_text(origin, where, table, "article", required=False),
        clause=_text(origin, where, table, "clause", required=False),
    )


def _check_bounds(origin: str, where: str, key: str, value: int, least: int) -> None:
    """Refuse ``value`` of ``key`` outside ``least``..``MAX_AMOUNT``."""
    if not least <= value <= MAX_AMOUNT:
        raise schema_error(
            origin,
            where,
            f"{key!r} must be between {least} and {MAX_AMOUNT} (a hundred years of days; no period in law "
            f"comes near it), got {value}",
            f"{key!r} 应在 {least} 至 {MAX_AMOUNT} 之间（即一百年的天数，法定期限远不及此），实际为 {value}",
        )


def _parse_version(origin: str, where: str, table: dict[str, Any], unit: Unit) -> RuleVersion:
    check_keys(origin, where, table, _VERSION_KEYS)
    amount = typed_value(origin, where, table, "amount", int)
    _check_bounds(origin, where, "amount", amount, 1)
    max_extension = typed_value(origin, where, table, "max_extension", int, required=False)
    if max_extension is not None:
        _check_bounds(origin, where, "max_extension", max_extension, 0)
    start = typed_value(origin, where, table, "effective_from", date, required=False)
    end = typed_value(origin, where, table, "effective_until", date, required=False)
    if start and end and end < start:
        raise schema_error(
            origin, where, "'effective_until' is before 'effective_from'", "'effective_until' 早于 'effective_from'"
        )
    month = typed_value(origin, where, table, "fixed_month", int, required=unit is Unit.FIXED)
    day = typed_value(origin, where, table, "fixed_day", int, required=unit is Unit.FIXED)
    if unit is Unit.FIXED:
        try:
            date(2000, month, day)  # a leap year, so 2月29日 is accepted (it falls back to the 28th)
        except ValueError:
            raise schema_error(
                origin,
                where,
                f"fixed_month/fixed_day {month}/{day} is not a day of the year",
                f"fixed_month/fixed_day {month}/{day} 不是有效的月日",
            ) from None
    period = typed_value(origin, where, table, "period", str, required=unit is Unit.RECURRING)
    if unit is Unit.RECURRING and period not in _PERIODS:
        raise schema_error(
            origin,
            where,
            f"'period' must be one of {', '.join(_PERIODS)}, got {period!r}",
            f"'period' 应为 {', '.join(_PERIODS)} 之一，实际为 {period!r}",
        )
    if unit is Unit.GAP and period not in (None, *_GAP_PERIODS):
        raise schema_error(
            origin,
            where,
            f"'period' of a gap rule is the unit of its amount: {', '.join(_GAP_PERIODS)}, got {period!r}",
            f"间隔规则的 'period' 是期限的单位：{', '.join(_GAP_PERIODS)}，实际为 {period!r}",
        )
    bases = _tables(origin, where, table, "basis")
    return RuleVersion(
        label=_text(origin, where, table, "label"),
        effective_from=start,
        effective_until=end,
        amount=amount,
        max_extension=max_extension,
        basis=tuple(_parse_basis(origin, f"{where} basis[{n}]", b) for n, b in enumerate(bases, 1)),
        fixed_month=month,
        fixed_day=day,
        period=period,
    )


def _check_no_overlap(origin: str, where: str, versions: tuple[RuleVersion, ...]) -> None:
    spans = sorted((*v.span, v.label) for v in versions)
    for (_, end, first), (start, _, second) in itertools.pairwise(spans):
        if start <= end:
            raise schema_error(
                origin,
                where,
                f"versions {first!r} and {second!r} are both in force on {start.isoformat()}",
                f"版本 {first!r} 与 {second!r} 在 {start.isoformat()} 同时有效",
            )


def _parse_rule(origin: str, index: int, table: dict[str, Any]) -> Rule:
    rule_id = _text(origin, f"rules[{index}]", table, "id")
    where = f"rules[{index}] (id {rule_id!r})"
    check_keys(origin, where, table, _RULE_KEYS)
    unit_text = _text(origin, where, table, "unit")
    try:
        unit = Unit(unit_text)
    except ValueError:
        units = ", ".join(u.value for u in Unit)
        raise schema_error(
            origin, where, f"unknown unit {unit_text!r}; use one of: {units}", f"未知单位 {unit_text!r}；可用：{units}"
        ) from None
    aliases = typed_value(origin, where, table, "aliases", list, required=False) or []
    if not all(isinstance(a, str) and a.strip() for a in aliases):
        raise schema_error(
            origin, where, "'aliases' must be a list of non-empty strings", "'aliases' 应为非空字符串列表"
        )
    versions = tuple(
        _parse_version(origin, f"{where} versions[{n}]", v, unit)
        for n, v in enumerate(_tables(origin, where, table, "versions"), 1)
    )
    _check_no_overlap(origin, where, versions)
    domain_text = _text(origin, where, table, "domain", required=False)
    try:
        domain = Domain.parse(domain_text) if domain_text else Domain.LOCAL
    except InputError as error:
        raise schema_error(origin, where, error.message("en"), error.message("zh")) from None
    return Rule(
        id=rule_id.strip(),
        name=_text(origin, where, table, "name"),
        aliases=tuple(a.strip() for a in aliases),
        unit=unit,
        trigger=_text(origin, where, table, "trigger"),
        versions=versions,
        source=origin,
        note=_text(origin, where, table, "note", required=False),
        domain=domain,
    )


def parse_rules(table: dict[str, Any], origin: str) -> list[Rule]:
    """Validate a parsed rules file; errors name ``origin`` and the entry."""
    check_keys(origin, "", table, {"rules"})
    rules = [_parse_rule(origin, n, t) for n, t in enumerate(_tables(origin, "", table, "rules"), 1)]
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise schema_error(
                origin, f"rule {rule.id!r}", "the id appears twice in this file", "该编号在文件中重复出现"
            )
        seen.add(rule.id)
    return rules


def load_rules_file(path: Path, origin: str | None = None) -> list[Rule]:
    """Read and validate one rules file."""
    label = origin or str(path)

    def error(en: str, zh: str) -> DataFileError:
        return DataFileError(
            f"{en}; check the path given by --rules, GKCLI_RULES or `rules` in gkcli.toml",
            f"{zh}；请检查 --rules、GKCLI_RULES 或 gkcli.toml 中 `rules` 指定的路径",
        )

    table = read_toml(path, error, origin=label, kind=("the rules file", "规则文件"))
    return parse_rules(table, label)


def builtin_rules_path() -> Path:
    """``data/rules.toml`` inside the installed package."""
    return DATA_DIR / "rules.toml"


@cache
def _builtin_catalogue() -> RuleCatalogue:
    rules = load_rules_file(builtin_rules_path(), origin="builtin")
    return RuleCatalogue(rules)


def load_catalogue(extra: Path | None = None) -> RuleCatalogue:
    """The built-in catalogue (read once), with the rules of ``extra`` merged in by id."""
    builtin = _builtin_catalogue()
    if extra is None:
        return builtin
    return builtin.merged(load_rules_file(extra))
