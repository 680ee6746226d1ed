"""``gkcli rules list|show``: the catalogue in text, json and tsv; ids and aliases; user rules."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from gkcli.cli.app import app
from gkcli.rules.catalogue import load_catalogue

runner = CliRunner()

SPEC_IDS = {
    "interpretation",
    "implementation-plan",
    "press-conference",
    "authoritative-release",
    "opinion-response",
    "proactive",
    "request-reply",
    "request-extension",
    "correction-notice",
    "third-party-opinion",
    "interagency-opinion",
    "annual-report-department",
    "annual-report-government",
    "water-quality",
    "review-application",
    "lawsuit",
    "lawsuit-after-review",
    "public-comment",
}


def run(*args: str):
    return runner.invoke(app, list(args))


def test_list_text_groups_every_rule_by_domain():
    result = run("rules", "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    headings = [line for line in lines if not line.startswith("  ")]
    assert headings[:3] == ["申请公开 (request)", "主动公开 (proactive)", "预决算 (budget)"]
    listed = {line.split()[0] for line in lines if line.startswith("  ")}
    assert listed >= SPEC_IDS
    assert listed == {rule.id for rule in load_catalogue()}
    row = next(line for line in lines if line.startswith("  request-reply "))
    assert "依申请公开答复" in row and "20 working days" in row
    budget = lines.index("预决算 (budget)")
    assert lines[budget + 1].split()[0] == "budget-government"


def test_list_fits_80_columns_and_lines_up_chinese_names():
    from rich.cells import cell_len

    for lang in ("en", "zh"):
        lines = run("--lang", lang, "rules", "list").stdout.splitlines()
        assert max(cell_len(line) for line in lines) <= 80, lang
        rows = [line for line in lines if line.startswith("  ")]
        periods_at = {cell_len(line[: line.rindex("  ") + 2]) for line in rows}
        assert len(periods_at) == 1, lang
    assert any(line.rstrip().endswith("6 months") and "…" in line for line in run("rules", "list").stdout.splitlines())


def test_list_one_domain_by_id_or_chinese_label():
    by_id = run("rules", "list", "--domain", "procurement")
    by_label = run("--lang", "zh", "rules", "list", "--domain", "采购")
    assert by_id.exit_code == by_label.exit_code == 0
    assert [line.split()[0] for line in by_id.stdout.splitlines()[1:]] == ["procurement-result", "procurement-contract"]
    assert by_label.stdout.splitlines()[0] == "采购"
    records = json.loads(run("rules", "list", "--domain", "budget", "-f", "json").stdout)
    assert {r["domain"] for r in records} == {"budget"} and len(records) == 2


def test_list_unknown_domain_names_the_accepted_ones():
    result = run("rules", "list", "--domain", "budgets")
    assert result.exit_code == 2
    assert "unknown domain 'budgets'" in result.stderr and "budget (预决算)" in result.stderr


def test_list_json_is_the_whole_catalogue():
    records = json.loads(run("rules", "list", "-f", "json").stdout)
    assert {r["id"] for r in records} == {rule.id for rule in load_catalogue()}
    reply = next(r for r in records if r["id"] == "request-reply")
    assert [(v["label"], v["amount"], v["max_extension"], v["effective_from"]) for v in reply["versions"]] == [
        ("2008 条例", 15, 15, "2008-05-01"),
        ("2019 条例", 20, 20, "2019-05-15"),
    ]
    assert reply["versions"][1]["basis"][0]["article"] == "第三十三条"


def test_list_tsv_one_line_per_rule():
    lines = run("rules", "list", "-f", "tsv").stdout.splitlines()
    assert len(lines) == len(list(load_catalogue()))
    fields = next(line for line in lines if line.startswith("interpretation\t")).split("\t")
    assert fields[:5] == ["interpretation", "政策解读材料发布", "local", "workday", "3"]


def test_list_in_chinese():
    lines = run("--lang", "zh", "rules", "list").stdout.splitlines()
    assert lines[0] == "申请公开"
    assert any("次年1月31日" in line for line in lines)


def test_show_by_alias_lists_both_versions():
    result = run("rules", "show", "依申请")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("request-reply  依申请公开答复\n")
    assert "2008 条例: 15 working days (for triggers 2008-05-01..2019-05-14), extension up to 15 working days" in out
    assert "2019 条例: 20 working days (for triggers from 2019-05-15), extension up to 20 working days" in out
    assert "basis: 中华人民共和国政府信息公开条例 (2008) 第二十四条" in out


def test_show_json_and_tsv():
    record = json.loads(run("rules", "show", "REQUEST-REPLY", "-f", "json").stdout)
    assert record["id"] == "request-reply" and record["unit"] == "workday" and "依申请" in record["aliases"]
    rows = [line.split("\t") for line in run("rules", "show", "request-reply", "-f", "tsv").stdout.splitlines()]
    assert [row[:6] for row in rows] == [
        ["request-reply", "2008 条例", "2008-05-01", "2019-05-14", "15", "15"],
        ["request-reply", "2019 条例", "2019-05-15", "", "20", "20"],
    ]


def test_show_fixed_and_recurring_rules():
    assert "2008 条例: 31 Mar of the next year" in run("rules", "show", "annual-report-department").stdout
    assert "at least 1 per quarter" in run("rules", "show", "水质").stdout


def test_show_unknown_rule_suggests():
    result = run("rules", "show", "lawsiut")
    assert result.exit_code == 2
    assert "lawsuit" in result.stderr and result.stdout == ""


def test_user_rules_file_overrides_by_id(tmp_path):
    rules = tmp_path / "override.toml"
    rules.write_text(
        '[[rules]]\nid = "interpretation"\nname = "政策解读材料发布（本地）"\nunit = "workday"\ntrigger = "文件公开"\n'
        '[[rules.versions]]\nlabel = "本地办法"\namount = 5\n'
        '[[rules.versions.basis]]\ndocument = "本地办法"\narticle = "第二条"\n',
        encoding="utf-8",
    )
    record = json.loads(run("rules", "show", "interpretation", "--rules", str(rules), "-f", "json").stdout)
    assert (record["name"], record["source"], record["versions"][0]["amount"]) == (
        "政策解读材料发布（本地）",
        str(rules),
        5,
    )
    assert len(json.loads(run("rules", "list", "--rules", str(rules), "-f", "json").stdout)) == len(load_catalogue())


def test_show_in_chinese_names_the_unit_and_source_in_chinese():
    # `gkcli --lang zh rules show 解读` said "单位：workday" and "来源：builtin"
    result = runner.invoke(app, ["--lang", "zh", "rules", "show", "解读"])
    assert result.exit_code == 0
    assert "单位：工作日（workday）" in result.stdout and "来源：内置" in result.stdout
    english = runner.invoke(app, ["--lang", "en", "rules", "show", "解读"]).stdout
    assert "unit: workday" in english and "source: builtin" in english


def test_every_unit_has_a_chinese_name():
    from gkcli.deadlines.wording import unit_text
    from gkcli.rules.catalogue import Unit

    assert all(not unit_text(unit, "zh").startswith(unit.value) for unit in Unit)
