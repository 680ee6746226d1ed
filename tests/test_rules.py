"""The rule catalogue (docs/design.md §4): every built-in rule, lookups by alias, versions by date,
and user rules files validated with errors that name the file and the entry."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from gkcli.core.errors import DataFileError, InputError
from gkcli.rules.catalogue import Rule, Unit, UnknownRule, load_catalogue

# docs/design.md §4, one row per rule: id, 中文, unit, amount of the version in force today.
SPEC_RULES = [
    ("interpretation", "政策解读材料发布", Unit.WORKDAY, 3),
    ("implementation-plan", "制定实施方案", Unit.WORKDAY, 30),
    ("press-conference", "重大突发事件新闻发布会", Unit.HOUR, 24),
    ("authoritative-release", "权威信息发布", Unit.HOUR, 5),
    ("opinion-response", "其他政务舆情回应", Unit.HOUR, 48),
    ("proactive", "主动公开", Unit.WORKDAY, 20),
    ("request-reply", "依申请公开答复", Unit.WORKDAY, 20),
    ("request-extension", "延长答复期限", Unit.WORKDAY, 20),
    ("correction-notice", "补正告知", Unit.WORKDAY, 7),
    ("third-party-opinion", "第三方提出意见", Unit.WORKDAY, 15),
    ("interagency-opinion", "其他机关提出意见", Unit.WORKDAY, 15),
    ("annual-report-department", "部门政府信息公开年度报告", Unit.FIXED, 1),
    ("annual-report-government", "本级政府年度报告", Unit.FIXED, 1),
    ("water-quality", "饮用水水源水质信息", Unit.RECURRING, 1),
    ("review-application", "申请行政复议", Unit.DAY, 60),
    ("lawsuit", "提起行政诉讼", Unit.MONTH, 6),
    ("lawsuit-after-review", "复议后起诉", Unit.DAY, 15),
    ("public-comment", "重大行政决策公开征求意见", Unit.MINIMUM, 30),
]
TODAY_RULES = date(2026, 6, 1)


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def test_catalogue_starts_with_the_rules_of_the_first_release(catalogue):
    """The first release's rules keep their order; later additions follow them
    (tests/test_catalogue_additions.py)."""
    ids = [rule.id for rule in catalogue]
    assert ids[: len(SPEC_RULES)] == [row[0] for row in SPEC_RULES]
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize(("rule_id", "name", "unit", "amount"), SPEC_RULES)
def test_each_rule_matches_the_spec_and_cites_its_source(catalogue, rule_id, name, unit, amount):
    rule = catalogue.get(rule_id)
    assert (rule.name, rule.unit, rule.source) == (name, unit, "builtin")
    assert rule.version_for(TODAY_RULES).amount == amount
    assert rule.aliases, "a clerk needs a Chinese short name"
    assert rule.trigger
    for version in rule.versions:
        assert version.basis and all(basis.document for basis in version.basis)


@pytest.mark.parametrize(
    ("alias", "rule_id"),
    [
        ("解读", "interpretation"),
        ("依申请", "request-reply"),
        ("发布会", "press-conference"),
        ("部门年报", "annual-report-department"),
        ("水质", "water-quality"),
        ("复议", "review-application"),
        ("依申请公开答复", "request-reply"),
        ("REQUEST-Reply", "request-reply"),
        (" 解读 ", "interpretation"),
        ("ｌａｗｓｕｉｔ", "lawsuit"),
    ],
)
def test_lookup_by_alias_name_or_id_in_any_case_and_width(catalogue, alias, rule_id):
    assert catalogue.get(alias).id == rule_id
    assert alias in catalogue


def test_unknown_rule_suggests_close_names(catalogue):
    with pytest.raises(UnknownRule) as caught:
        catalogue.get("request-replay")
    error = caught.value
    assert error.code == "unknown-rule" and error.exit_code == 2
    assert "request-reply" in error.message("en") and "gkcli rules list" in error.message("en")
    assert "未知规则" in error.message("zh") and "request-reply" in error.message("zh")
    assert "nonsense" not in catalogue


@pytest.mark.parametrize(
    ("trigger", "label", "amount", "max_extension", "article"),
    [
        (date(2008, 5, 1), "2008 条例", 15, 15, "第二十四条"),
        (date(2019, 5, 14), "2008 条例", 15, 15, "第二十四条"),
        (date(2019, 5, 15), "2019 条例", 20, 20, "第三十三条"),
        (date(2026, 1, 1), "2019 条例", 20, 20, "第三十三条"),
    ],
)
def test_request_reply_versions_switch_on_2019_05_15(catalogue, trigger, label, amount, max_extension, article):
    version = catalogue.get("request-reply").version_for(trigger)
    assert (version.label, version.amount, version.max_extension) == (label, amount, max_extension)
    assert version.basis[0].article == article


def test_proactive_cites_art_18_of_2008_and_art_26_of_2019(catalogue):
    rule = catalogue.get("proactive")
    assert rule.version_for(date(2019, 5, 14)).basis[0].article == "第十八条"
    assert rule.version_for(date(2019, 5, 15)).basis[0].article == "第二十六条"


def test_annual_report_version_follows_the_reporting_year(catalogue):
    rule = catalogue.get("annual-report-department")
    # The 2018 report falls under the 2008 Regulation (3月31日, Art. 31), even if the
    # trigger given is early in 2018; the 2019 report under the 2019 one (1月31日, Art. 49).
    old = rule.version_for(date(2018, 2, 1))
    new = rule.version_for(date(2019, 2, 1))
    assert (old.fixed_month, old.fixed_day, old.basis[0].article) == (3, 31, "第三十一条")
    assert (new.fixed_month, new.fixed_day, new.basis[0].article) == (1, 31, "第四十九条")
    government = catalogue.get("annual-report-government").version_for(date(2020, 5, 1))
    assert (government.fixed_month, government.fixed_day) == (3, 31)


def test_regime_override_by_label_or_first_word(catalogue):
    rule = catalogue.get("request-reply")
    assert rule.version_for(date(2026, 1, 5), regime="2008").amount == 15
    assert rule.version_for(date(2010, 1, 5), regime="2019 条例").amount == 20
    with pytest.raises(InputError) as caught:
        rule.version_for(date(2026, 1, 5), regime="1999")
    assert "2008 条例" in caught.value.message("en") and "2019 条例" in caught.value.message("en")


def test_no_version_in_force_names_the_versions_and_the_fix(catalogue):
    with pytest.raises(InputError) as caught:
        catalogue.get("correction-notice").version_for(date(2019, 5, 14))
    message = caught.value.message("en")
    assert "2019-05-14" in message and "2019-05-15.." in message and "--regime" in message
    assert "--regime" in caught.value.message("zh")


def test_version_spans_do_not_overlap_and_are_in_force(catalogue):
    for rule in catalogue:
        for version in rule.versions:
            start, end = version.span
            assert version.in_force(start) and version.in_force(end)
            assert rule.version_for(start) is version or rule.unit is Unit.FIXED


_CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_FIGURE = re.compile(r"([0-9]+|[一二三四五六七八九十]+)(?=个工作日|日|个月)")


def _figure(text: str) -> int:
    """``"20"``, ``"二十"``, ``"十五"`` or ``"六十"`` as a number (up to 99)."""
    if text.isdigit():
        return int(text)
    tens, _, units = text.rpartition("十")
    if "十" not in text:
        return _CHINESE_DIGITS[text]
    return (_CHINESE_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CHINESE_DIGITS[units] if units else 0)


def test_quotations_of_the_spec_and_quotations_agree_with_the_data(catalogue):
    """docs/design.md §4 quotes two local rules; every other quotation must state the version's own
    figure (or, for a period with its longest extension, the two figures that add up to it)."""
    clauses = {r.id: b.clause for r in catalogue for v in r.versions for b in v.basis if b.clause}
    assert clauses["interpretation"] == "相关解读材料要于文件公开后3个工作日内…发布"
    assert clauses["implementation-plan"] == "在30个工作日内制定具体实施方案"
    quoted = 0
    for rule in catalogue:
        for version in rule.versions:
            quotes = [basis.clause for basis in version.basis if basis.clause]
            if not quotes:
                continue
            quoted += len(quotes)
            if rule.unit is Unit.FIXED:
                assert any(f"{version.fixed_month}月{version.fixed_day}日" in quote for quote in quotes)
                continue
            figures = [_figure(match) for quote in quotes for match in _FIGURE.findall(quote)]
            assert version.amount in figures or version.amount == sum(figures), (rule.id, version.label, figures)
            for quote in quotes:
                if version.max_extension and "延长" in quote:
                    assert f"最长不得超过{version.max_extension}个工作日" in quote
    assert quoted >= 10


# -- user rules files ------------------------------------------------------------------------

USER_RULE = """
[[rules]]
id = "{id}"
name = "{name}"
aliases = [{aliases}]
unit = "workday"
trigger = "收到材料"

[[rules.versions]]
label = "本机关规定"
amount = {amount}

[[rules.versions.basis]]
document = "某市政务公开工作规定"
article = "第五条"
"""


def write_rules(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "my-rules.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_user_file_adds_a_rule_and_keeps_the_builtin_ones(tmp_path):
    path = write_rules(tmp_path, USER_RULE.format(id="local-review", name="内部审核", aliases='"审核"', amount=5))
    catalogue = load_catalogue(path)
    rule = catalogue.get("审核")
    assert (rule.id, rule.source, rule.version_for(date(2026, 1, 1)).amount) == ("local-review", str(path), 5)
    assert catalogue.get("依申请").id == "request-reply"
    assert len(catalogue) == len(load_catalogue()) + 1
    assert "local-review" not in load_catalogue(), "the built-in catalogue is not changed"


def test_user_file_overrides_a_builtin_rule_by_id(tmp_path):
    path = write_rules(tmp_path, USER_RULE.format(id="interpretation", name="解读发布", aliases='"解读"', amount=5))
    catalogue = load_catalogue(path)
    rule = catalogue.get("interpretation")
    assert rule.source == str(path) and rule.version_for(date(2026, 1, 1)).amount == 5
    assert catalogue.get("解读") is rule
    assert "政策解读" not in catalogue, "the replaced rule's other aliases are gone"
    assert len(catalogue) == len(load_catalogue())


def test_user_alias_taken_by_another_rule_is_refused(tmp_path):
    path = write_rules(tmp_path, USER_RULE.format(id="mine", name="我的规则", aliases='"依申请"', amount=5))
    with pytest.raises(DataFileError) as caught:
        load_catalogue(path)
    message = caught.value.message("en")
    assert str(path) in message and "'mine'" in message and "request-reply" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            USER_RULE.format(id="x", name="甲", aliases="", amount=0),
            "rules[1] (id 'x') versions[1]: 'amount' must be between 1 and 36500",
        ),
        (
            USER_RULE.format(id="x", name="甲", aliases="", amount=99999999999),
            "rules[1] (id 'x') versions[1]: 'amount' must be between 1 and 36500 (a hundred years of days",
        ),
        (
            USER_RULE.format(id="x", name="甲", aliases="", amount="5\nmax_extension = -1"),
            "'max_extension' must be between 0 and 36500",
        ),
        (
            USER_RULE.format(id="x", name="甲", aliases="", amount="5\nmax_extension = 36501"),
            "'max_extension' must be between 0 and 36500",
        ),
        (USER_RULE.format(id="x", name="甲", aliases="", amount='"5"'), "'amount' must be of type int"),
        (
            USER_RULE.format(id="x", name="甲", aliases="", amount=5).replace('"workday"', '"weeks"'),
            "unknown unit 'weeks'",
        ),
        (
            USER_RULE.format(id="x", name="甲", aliases="", amount=5).replace("trigger", "trigger_event"),
            "unknown key(s) trigger_event",
        ),
        (
            USER_RULE.format(id="x", name="甲", aliases="", amount=5).replace(
                'document = "某市政务公开工作规定"\n', ""
            ),
            "basis[1]: missing key 'document'",
        ),
        (USER_RULE.format(id="x", name="甲", aliases="", amount=5) * 2, "rule 'x': the id appears twice"),
        (
            USER_RULE.format(id="x", name="甲", aliases="", amount=5).replace('unit = "workday"', 'unit = "fixed"'),
            "missing key 'fixed_month'",
        ),
        (
            USER_RULE.format(id="x", name="甲", aliases="", amount=5).replace('unit = "workday"', 'unit = "recurring"'),
            "missing key 'period'",
        ),
        (
            USER_RULE.format(id="x", name="甲", aliases="", amount=5).replace(
                "amount = 5", "amount = 5\neffective_from = 2020-01-01\neffective_until = 2019-01-01"
            ),
            "'effective_until' is before 'effective_from'",
        ),
        ("rules = 3", "'rules' must be of type list"),
        ("[[rules]]\nid = ", "not valid TOML"),
    ],
)
def test_invalid_user_file_names_file_entry_and_problem(tmp_path, text, expected):
    path = write_rules(tmp_path, text)
    with pytest.raises(DataFileError) as caught:
        load_catalogue(path)
    assert caught.value.exit_code == 2
    message = caught.value.message("en")
    assert message.startswith(str(path)) and expected in message, message
    assert caught.value.message("zh").startswith(str(path))


def test_overlapping_versions_are_refused(tmp_path):
    version = '\n[[rules.versions]]\nlabel = "{label}"\namount = 5\neffective_from = {start}\n[[rules.versions.basis]]\ndocument = "d"\n'
    text = USER_RULE.format(id="x", name="甲", aliases="", amount=5) + version.format(label="新", start="2020-01-01")
    with pytest.raises(DataFileError, match="versions '本机关规定' and '新' are both in force"):
        load_catalogue(write_rules(tmp_path, text))


def test_missing_user_file_says_to_check_the_path(tmp_path):
    with pytest.raises(DataFileError, match=r"cannot read the rules file.*--rules"):
        load_catalogue(tmp_path / "absent.toml")


def test_rule_is_a_plain_value():
    rule = load_catalogue().get("lawsuit")
    assert isinstance(rule, Rule) and hash(rule) == hash(load_catalogue().get("行政诉讼"))
