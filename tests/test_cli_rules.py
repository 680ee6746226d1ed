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


def test_list_text_has_every_rule_of_the_spec():
    result = run("rules", "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "name", "period", "aliases", "basis"]
    listed = {line.split()[0] for line in lines[1:]}
    assert listed >= SPEC_IDS
    assert listed == {rule.id for rule in load_catalogue()}
    row = next(line for line in lines if line.startswith("request-reply "))
    assert "依申请公开答复" in row and "20 working days" in row and "第三十三条" in row


def test_list_columns_line_up_with_chinese_names():
    from rich.cells import cell_len

    lines = run("rules", "list").stdout.splitlines()
    aliases_at = {
        cell_len(line[: line.index(alias)]) for line, alias in zip(lines[1:3], ("解读", "实施方案"), strict=True)
    }
    assert len(aliases_at) == 1


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
    assert fields[:4] == ["interpretation", "政策解读材料发布", "workday", "3"]


def test_list_in_chinese():
    lines = run("--lang", "zh", "rules", "list").stdout.splitlines()
    assert lines[0].split() == ["编号", "名称", "期限", "别名", "依据"]
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
