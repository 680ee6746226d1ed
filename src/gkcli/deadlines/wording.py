"""A rule's period and legal basis in words, in Chinese and English (docs/design.md §4): the
lines ``gkcli deadline`` prints under a due date and ``gkcli rules`` lists."""

from __future__ import annotations

from datetime import date

from gkcli.rules.catalogue import LegalBasis, Rule, RuleVersion, Unit

__all__ = ["amount_text", "basis_text", "version_text"]

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
