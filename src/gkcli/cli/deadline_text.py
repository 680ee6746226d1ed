"""The text ``gkcli deadline`` prints for a result, without the CLI framework: shared by the
typer command and by the start-up fast path ``answer_deadline`` (docs/performance.md), which
answers exactly ``gkcli deadline RULE START`` without importing typer or rich."""

from __future__ import annotations

import sys

from gkcli.calendar.describe import result_day_text
from gkcli.core.i18n import PROVISIONAL_LABEL, Lang, LangLike, format_day, weekday_label
from gkcli.deadlines.model import CountingOptions, Deadline
from gkcli.deadlines.query import DeadlineResult, Trigger
from gkcli.deadlines.wording import amount_text, basis_text, version_text

__all__ = ["answer_deadline", "due_text", "headline", "options_text", "summary_lines", "trigger_text"]


def _pick(lang: LangLike, zh: str, en: str) -> str:
    return zh if lang == Lang.zh else en


def due_text(deadline: Deadline, lang: LangLike) -> str:
    """``2026-10-09 (Fri)``, ``2026-10-02 22:30 (Fri, holiday for 国庆节)`` for a unit with an
    exact instant, a make-up working day or holiday labelled as one
    (``calendar.describe.result_day_text``); ``deadline`` and ``ledger due`` lines use it."""
    clock = f"{deadline.due_at:%H:%M}" if deadline.period.timed else ""
    return result_day_text(deadline.calendar.day_info(deadline.due_date), lang, clock)


def trigger_text(trigger: Trigger, lang: LangLike) -> str:
    """The trigger as given: its day with weekday, and its time when one was given."""
    day = trigger.value.date()
    if trigger.year_only:
        return _pick(lang, f"{day.year}年度", f"the year {day.year}")
    if trigger.has_time:
        return f"{trigger.value:%Y-%m-%d %H:%M} ({weekday_label(day, lang)})"
    return format_day(day, lang)


def options_text(options: CountingOptions, lang: LangLike, *, always: bool) -> str:
    """The counting options that differ from the statutory reading, as the flags that set them;
    with ``always``, a line saying so when there are none."""
    flags = options.describe()
    if flags:
        return " ".join(flags)
    if not always:
        return ""
    return _pick(
        lang,
        "无（法定计算：起算日不计入；起算日为休息日时从下一个工作日开始计算）",
        "none (statutory reading: the trigger day is not counted; a rest-day trigger counts from the next working day)",
    )


def summary_lines(result: DeadlineResult, lang: LangLike, *, every_option: bool) -> list[str]:
    """Rule, version, basis and options: the lines under the due date."""
    deadline = result.statutory
    rule, version = deadline.rule, deadline.version
    lines = [
        f"{rule.name} ({rule.id}): "
        + _pick(
            lang,
            f"{rule.trigger}后{amount_text(rule.unit, version, 'zh')}",
            f"{amount_text(rule.unit, version, 'en')} after: {rule.trigger}",
        ),
        _pick(lang, "版本：", "version: ") + version_text(rule, version, lang),
    ]
    lines.extend(_pick(lang, "依据：", "basis: ") + basis_text(basis) for basis in version.basis)
    options = options_text(deadline.options, lang, always=every_option)
    if options:
        lines.append(_pick(lang, "选项：", "options: ") + options)
    return lines


def headline(result: DeadlineResult, lang: LangLike) -> list[str]:
    """The due date (marked when provisional), or the statutory and conservative ones."""
    marker = f" [{PROVISIONAL_LABEL[lang]}]" if result.provisional else ""
    if result.conservative is None:
        return [due_text(result.statutory, lang) + marker]
    return [
        _pick(lang, "法定：", "statutory:    ") + due_text(result.statutory, lang) + marker,
        _pick(lang, "保守：", "conservative: ")
        + due_text(result.conservative, lang)
        + _pick(lang, "（收到当日计为第1日）", " (receipt day counted as day 1)"),
    ]


def answer_deadline(argv: list[str]) -> int | None:
    """The exit code for exactly ``deadline RULE START`` with text output, else None (the
    typer command then answers, with the same output, messages and exit codes)."""
    if len(argv) != 3 or argv[0] != "deadline" or argv[1].startswith("-") or argv[2].startswith("-"):
        return None
    from gkcli.calendar.describe import calendar_notes
    from gkcli.calendar.sources import CalendarOptions, load_calendar
    from gkcli.core.config import load_settings
    from gkcli.core.errors import GkcliError
    from gkcli.core.i18n import detect_lang
    from gkcli.deadlines.query import DeadlineQuery
    from gkcli.rules.catalogue import load_catalogue

    try:
        settings = load_settings()
        if settings.format not in (None, "text"):
            return None
        lang = detect_lang(settings.lang)
        rule = load_catalogue(settings.rules).get(argv[1])
        calendar = load_calendar(CalendarOptions.from_settings(settings))
        result = DeadlineQuery(rule, calendar).compute(Trigger.parse(argv[2]))
        notes = calendar_notes(
            calendar,
            settings.user_holidays_dir,
            result.trigger.value.date(),
            result.latest_due,
            lang,
            site_dir=settings.site_holidays_dir,
        )
    except GkcliError:
        return None
    for note in notes:
        sys.stderr.write(note + "\n")
    sys.stdout.write("\n".join(headline(result, lang) + summary_lines(result, lang, every_option=False)) + "\n")
    return 0
