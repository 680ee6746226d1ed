"""``gkcli rules list|show``: the rule catalogue (docs/design.md §4)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from gkcli.deadlines.wording import amount_text, basis_text, source_text, unit_text, version_text
from gkcli.rules.catalogue import Domain, Rule, RuleCatalogue, RuleVersion, load_catalogue
from gkcli.rules.record import rule_record

from .common import FormatOption, Runtime, emit, resolve_format, runtime

__all__ = ["RulesOption", "app", "catalogue", "complete_rule"]

app = typer.Typer(add_completion=False, no_args_is_help=True, help="The rule catalogue: list, show.")

RulesOption = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        help="Your rules file (same schema as the built-in catalogue), merged by id (env GKCLI_RULES, project file `rules`).",
    ),
]


def complete_rule(incomplete: str) -> list[tuple[str, str]]:
    """Shell completion of a RULE: the ids and aliases (Chinese ones too) that start with what
    was typed, each with the rule's name; the user's rules file included."""
    from gkcli.core.config import load_settings
    from gkcli.core.errors import GkcliError

    try:
        rules = load_catalogue(load_settings().rules)
    except GkcliError:
        return []
    return [(name, rule.name) for rule in rules for name in (rule.id, *rule.aliases) if name.startswith(incomplete)]


def catalogue(rt: Runtime, rules_file: Path | None) -> RuleCatalogue:
    """The built-in catalogue with the user's rules file (flag, else settings) merged in."""
    return load_catalogue(rules_file or rt.settings.rules)


def _current(rule: Rule) -> RuleVersion:
    return max(rule.versions, key=lambda v: v.effective_from or date.min)


LIST_WIDTH = 80
"""``rules list`` fits a terminal of 80 columns; aliases and bases are in ``rules show``."""


def _fitted(rows: list[list[str]]) -> list[str]:
    """Rows as columns padded to the widest cell (CJK characters count double), the middle
    column shortened with … where a line would pass ``LIST_WIDTH``."""
    from rich.cells import cell_len, set_cell_size

    widths = [max(cell_len(row[i]) for row in rows) for i in range(len(rows[0]))]
    room = LIST_WIDTH - 2 - widths[0] - widths[2] - 4
    widths[1] = min(widths[1], room)
    lines = []
    for rule_id, name, period in rows:
        shown = name
        while cell_len(shown) > widths[1]:
            shown = shown[: -2 if shown.endswith("…") else -1] + "…"
        cells = (set_cell_size(rule_id, widths[0]), set_cell_size(shown, widths[1]), period)
        lines.append(("  " + "  ".join(cells)).rstrip())
    return lines


DomainOption = Annotated[
    str | None,
    typer.Option(
        "--domain",
        help="Only the rules of one domain: request, proactive, budget, enforcement, procurement, proposals, "
        "remedies, normative, website, local (or the Chinese label, e.g. 预决算).",
    ),
]


@app.command("list")
def list_(
    ctx: typer.Context, rules: RulesOption = None, domain: DomainOption = None, format: FormatOption = None
) -> None:
    """Every rule, grouped by domain: id, Chinese name and amount (the version in force now)."""
    rt = runtime(ctx)
    only = Domain.parse(domain) if domain else None
    every = catalogue(rt, rules)
    groups = every.by_domain(only)
    records = []
    rows: list[list[str]] = []
    for _, members in groups:
        for rule in members:
            version = _current(rule)
            amount = amount_text(rule.unit, version, rt.lang)
            records.append(
                {
                    "id": rule.id,
                    "name": rule.name,
                    "domain": rule.domain.value,
                    "unit": rule.unit.value,
                    "amount": version.amount,
                    "period": amount,
                    "aliases": ",".join(rule.aliases),
                    "basis": version.citation,
                    "source": rule.source,
                }
            )
            rows.append([rule.id, rule.name, amount])
    fmt = resolve_format(format, rt)
    if fmt.value == "json":
        # Machine output keeps the catalogue's order; the domain is a field of each record.
        emit(fmt, [rule_record(rule) for rule in every if only in (None, rule.domain)], [])
        return
    lines = []
    fitted = iter(_fitted(rows)) if rows else iter(())
    for group, members in groups:
        lines.append(group.label_zh if rt.lang == "zh" else f"{group.label_zh} ({group.value})")
        lines.extend(next(fitted) for _ in members)
    emit(fmt, records, lines)


@app.command("show")
def show(
    ctx: typer.Context,
    rule_name: Annotated[
        str,
        typer.Argument(
            metavar="RULE", help="A rule id or alias, e.g. request-reply or 依申请.", autocompletion=complete_rule
        ),
    ],
    rules: RulesOption = None,
    format: FormatOption = None,
) -> None:
    """One rule with every version, its effective dates and legal basis."""
    rt = runtime(ctx)
    rule = catalogue(rt, rules).get(rule_name)
    lines = [
        f"{rule.id}  {rule.name}",
        rt.text("别名：", "aliases: ") + (", ".join(rule.aliases) or "—"),
        rt.text("单位：", "unit: ") + unit_text(rule.unit, rt.lang),
        rt.text("起算：", "trigger: ") + rule.trigger,
        rt.text("来源：", "source: ") + source_text(rule.source, rt.lang),
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
