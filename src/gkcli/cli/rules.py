"""``gkcli rules list|show``: the rule catalogue (docs/design.md §4)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from gkcli.deadlines.wording import amount_text, basis_text, version_text
from gkcli.rules.catalogue import Rule, RuleCatalogue, RuleVersion, load_catalogue
from gkcli.rules.record import rule_record

from .common import FormatOption, Runtime, emit, resolve_format, runtime

__all__ = ["RulesOption", "app", "catalogue"]

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
