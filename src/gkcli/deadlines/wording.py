"""A rule's period and legal basis in words, in Chinese and English (docs/design.md §4): the
lines ``gkcli deadline`` prints under a due date and ``gkcli rules`` lists."""

from __future__ import annotations

from gkcli.deadlines.units import unit_for
from gkcli.rules.catalogue import LegalBasis, Rule, RuleVersion, Unit

__all__ = ["amount_text", "basis_text", "version_text"]


def amount_text(unit: Unit, version: RuleVersion, lang: str) -> str:
    """``3个工作日`` / ``3 working days``, ``次年1月31日`` / ``31 Jan of the next year``, …"""
    return unit_for(unit).amount_text(version, lang)


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
