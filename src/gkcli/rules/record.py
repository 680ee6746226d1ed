"""Rules as plain records (dicts of JSON types): what ``gkcli rules --format json`` prints
and what a deadline record cites as its basis (docs/design.md §4)."""

from __future__ import annotations

from typing import Any

from gkcli.rules.catalogue import LegalBasis, Rule, RuleVersion

__all__ = ["basis_record", "rule_record", "version_record"]


def basis_record(basis: LegalBasis) -> dict[str, str]:
    """``{"document", "article", "clause"}``."""
    return {"document": basis.document, "article": basis.article, "clause": basis.clause}


def version_record(version: RuleVersion) -> dict[str, Any]:
    """A version with its span of trigger dates (None for an open end), amount and bases."""
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
    """A rule with every version."""
    return {
        "id": rule.id,
        "name": rule.name,
        "aliases": list(rule.aliases),
        "unit": rule.unit.value,
        "domain": rule.domain.value,
        "trigger": rule.trigger,
        "source": rule.source,
        "note": rule.note,
        "versions": [version_record(v) for v in rule.versions],
    }
