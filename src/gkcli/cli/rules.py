"""``gkcli rules list|show``: the rule catalogue (docs/design.md §4), and the wording of a rule's
amount, versions and legal basis that ``gkcli deadline`` shares."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from gkcli.rules.catalogue import LegalBasis, Rule, RuleCatalogue, RuleVersion, Unit, load_catalogue

from .common import FormatOption, Runtime, emit, resolve_format, runtime

__all__ = [
    "RulesOption",
    "amount_text",
    "app",
    "basis_record",
    "basis_text",
    "catalogue",
    "rule_record",
    "version_record",
    "version_text",
]

app = typer.Typer(no_args_is_help=True, help="The rule catalogue: list, show.")

RulesOption = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        help="Your rules file (same schema as the built-in catalogue), merged by id (env GKCLI_RULES, project file `rules`).",
    ),
]


def catalogue(rt: Runtime, rules_file: Path | None) -> RuleCatalogue:
    """The built-in catalogue with the user's rules file (flag, else settings) merged in."""
    return load_catalogue(rules_file or rt.settings.rules)


_UNIT_AMOUNT = {
    "zh": {
        Unit.WORKDAY: "{n}个工作日",
        Unit.DAY: "{n}日",
        Unit.MONTH: "{n}个月",
        Unit.HOUR: "{n}小时",
        Unit.MINIMUM: "不少于{n}日",
    },
    "en": {
        Unit.WORKDAY: "{n} working days",
        Unit.DAY: "{n} days",
        Unit.MONTH: "{n} months",
        Unit.HOUR: "{n} hours",
        Unit.MINIMUM: "at least {n} days",
    },
}
_PERIODS = {"zh": {"quarter": "每季度", "year": "每年"}, "en": {"quarter": "quarter", "year": "year"}}


def amount_text(unit: Unit, version: RuleVersion, lang: str) -> str:
    """``3个工作日`` / ``3 working days``, ``次年1月31日`` / ``31 Jan of the next year``, …"""
    if unit is Unit.FIXED:
        fixed = date(2001, version.fixed_month or 1, version.fixed_day or 1)
        return f"次年{fixed.month}月{fixed.day}日" if lang == "zh" else f"{fixed:%d %b} of the next year"
    if unit is Unit.RECURRING:
        period = _PERIODS[lang].get(version.period or "", version.period or "")
        return f"{period}至少{version.amount}次" if lang == "zh" else f"at least {version.amount} per {period}"
    return _UNIT_AMOUNT[lang][unit].format(n=version.amount)


def basis_text(basis: LegalBasis) -> str:
    """``条例 第三十三条 「…」``: document, article and the quoted clause when there is one."""
    text = f"{basis.document} {basis.article}".strip()
    return f"{text} 「{basis.clause}」" if basis.clause else text


def _validity(version: RuleVersion, lang: str) -> str:
    start = version.effective_from.isoformat() if version.effective_from else ""
    end = version.effective_until.isoformat() if version.effective_until else ""
    if not start and not end:
        return ""
    if lang == "zh":
        return f"适用于{start}起的起算日" if not end else f"适用于{start or '…'}至{end}的起算日"
    return f"for triggers from {start}" if not end else f"for triggers {start or '…'}..{end}"


def version_text(rule: Rule, version: RuleVersion, lang: str) -> str:
    """``2008 条例: 15 working days (for triggers 2008-05-01..2019-05-14), extension up to 15``."""
    zh = lang == "zh"
    text = f"{version.label}: {amount_text(rule.unit, version, lang)}"
    validity = _validity(version, lang)
    if validity:
        text += f"（{validity}）" if zh else f" ({validity})"
    if version.max_extension is not None:
        text += (
            f"，可延长至多{version.max_extension}个工作日"
            if zh
            else f", extension up to {version.max_extension} working days"
        )
    return text


def basis_record(basis: LegalBasis) -> dict[str, str]:
    return {"document": basis.document, "article": basis.article, "clause": basis.clause}


def version_record(version: RuleVersion) -> dict[str, Any]:
    return {
        "label": version.label,
        "effective_from": version.effective_from.isoformat() if version.effective_from else None,
        "effective_until": version.effective_until.isoformat() if version.effective_until else None,
        "amount": version.amount,
        "max_extension": version.max_extension,
        "fixed_month": version.fixed_month,
        "fixed_day": version.fixed_day,
        "period": version.period,
        "basis": [basis_record(b) for b in version.basis],
    }


def rule_record(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "aliases": list(rule.aliases),
        "unit": rule.unit.value,
        "trigger": rule.trigger,
        "source": rule.source,
        "note": rule.note,
        "versions": [version_record(v) for v in rule.versions],
    }


def _current(rule: Rule) -> RuleVersion:
    return max(rule.versions, key=lambda v: v.effective_from or date.min)


def _aligned(rows: list[list[str]]) -> list[str]:
    """Rows as columns padded to the widest cell (CJK characters count double)."""
    from rich.cells import cell_len

    widths = [max(cell_len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell + " " * (width - cell_len(cell)) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


@app.command("list")
def list_(ctx: typer.Context, rules: RulesOption = None, format: FormatOption = None) -> None:
    """Every rule: id, Chinese name, amount (the version in force now), aliases and basis."""
    rt = runtime(ctx)
    all_rules = list(catalogue(rt, rules))
    records = []
    rows = [
        [
            rt.text("编号", "id"),
            rt.text("名称", "name"),
            rt.text("期限", "period"),
            rt.text("别名", "aliases"),
            rt.text("依据", "basis"),
        ]
    ]
    for rule in all_rules:
        version = _current(rule)
        amount = amount_text(rule.unit, version, rt.lang)
        basis = version.citation
        records.append(
            {
                "id": rule.id,
                "name": rule.name,
                "unit": rule.unit.value,
                "amount": version.amount,
                "period": amount,
                "aliases": ",".join(rule.aliases),
                "basis": basis,
                "source": rule.source,
            }
        )
        rows.append([rule.id, rule.name, amount, ",".join(rule.aliases), basis])
    fmt = resolve_format(format, rt)
    if fmt.value == "json":
        emit(fmt, [rule_record(rule) for rule in all_rules], [])
    else:
        emit(fmt, records, _aligned(rows))


@app.command("show")
def show(
    ctx: typer.Context,
    rule_name: Annotated[str, typer.Argument(metavar="RULE", help="A rule id or alias, e.g. request-reply or 依申请.")],
    rules: RulesOption = None,
    format: FormatOption = None,
) -> None:
    """One rule with every version, its effective dates and legal basis."""
    rt = runtime(ctx)
    rule = catalogue(rt, rules).get(rule_name)
    lines = [
        f"{rule.id}  {rule.name}",
        rt.text("别名：", "aliases: ") + (", ".join(rule.aliases) or "—"),
        rt.text("单位：", "unit: ") + rule.unit.value,
        rt.text("起算：", "trigger: ") + rule.trigger,
        rt.text("来源：", "source: ") + rule.source,
    ]
    if rule.note:
        lines.append(rt.text("说明：", "note: ") + rule.note)
    lines.append(rt.text("版本：", "versions:"))
    for version in rule.versions:
        lines.append("  " + version_text(rule, version, rt.lang))
        lines.extend("    " + rt.text("依据：", "basis: ") + basis_text(b) for b in version.basis)
    tsv = [
        {
            "id": rule.id,
            "version": v.label,
            "effective_from": v.effective_from.isoformat() if v.effective_from else "",
            "effective_until": v.effective_until.isoformat() if v.effective_until else "",
            "amount": v.amount,
            "max_extension": v.max_extension,
            "basis": "; ".join(basis_text(b) for b in v.basis),
        }
        for v in rule.versions
    ]
    fmt = resolve_format(format, rt)
    emit(fmt, [rule_record(rule)] if fmt.value == "json" else tsv, lines, single=True)
