"""A rule's period and legal basis in words, in Chinese and English (docs/design.md §4): the
lines ``gkcli deadline`` prints under a due date and ``gkcli rules`` lists."""

from __future__ import annotations

from gkcli.core.i18n import Lang, LangLike
from gkcli.deadlines.units import unit_for
from gkcli.rules.catalogue import LegalBasis, Rule, RuleVersion, Unit

__all__ = ["amount_text", "basis_text", "source_text", "unit_text", "version_text"]


def amount_text(unit: Unit, version: RuleVersion, lang: LangLike) -> str:
    """``3个工作日`` / ``3 working days``, ``次年1月31日`` / ``31 Jan of the next year``, …"""
    return unit_for(unit).amount_text(version, lang)


_UNIT_NAMES_ZH = {
    Unit.WORKDAY: "工作日",
    Unit.DAY: "自然日",
    Unit.MONTH: "月",
    Unit.HOUR: "小时",
    Unit.FIXED: "固定日期",
    Unit.MINIMUM: "最短期限",
    Unit.RECURRING: "周期性",
    Unit.GAP: "最长间隔",
}


def unit_text(unit: Unit, lang: str) -> str:
    """``工作日（workday）`` / ``workday``: the unit as a rules file names it, in Chinese too."""
    return f"{_UNIT_NAMES_ZH[unit]}（{unit.value}）" if lang == "zh" else unit.value


def source_text(source: str, lang: str) -> str:
    """Where a rule comes from: ``内置`` / ``builtin``, or the path of a rules file."""
    return "内置" if lang == "zh" and source == "builtin" else source


def basis_text(basis: LegalBasis) -> str:
    """``条例 第三十三条 「…」``: document, article and the quoted clause when there is one."""
    text = f"{basis.document} {basis.article}".strip()
    return f"{text} 「{basis.clause}」" if basis.clause else text


def _validity(version: RuleVersion, lang: LangLike) -> str:
    start = version.effective_from.isoformat() if version.effective_from else ""
    end = version.effective_until.isoformat() if version.effective_until else ""
    if not start and not end:
        return ""
    if lang == Lang.zh:
        return f"适用于{start}起的起算日" if not end else f"适用于{start or '…'}至{end}的起算日"
    return f"for triggers from {start}" if not end else f"for triggers {start or '…'}..{end}"


def version_text(rule: Rule, version: RuleVersion, lang: LangLike) -> str:
    """``2008 条例: 15 working days (for triggers 2008-05-01..2019-05-14), extension up to 15``."""
    zh = lang == Lang.zh
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
