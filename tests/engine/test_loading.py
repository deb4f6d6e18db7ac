"""Loading rule sets: selection, versions, user rules that extend shipped ones, bad files."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from contratvie.engine import load_rules, shipped_rules_dir
from contratvie.errors import ContratvieError, RuleError

FIXTURES = Path(__file__).parent / "fixtures" / "rules"


def test_rules_in_id_order_with_a_version(ruleset):
    assert [r.id for r in ruleset.rules] == ["TS01", "TS02"]
    assert re.fullmatch(r"\d{4}\.\d{2}\+[0-9a-f]{8}", ruleset.version)


def test_get_by_id_or_key(ruleset):
    assert ruleset.get("TS02").key == "ressources"
    assert ruleset.get("conseils").id == "TS01"
    with pytest.raises(ContratvieError, match="TS01"):
        ruleset.get("VA99")


def test_select_and_ignore():
    assert [r.id for r in load_rules(FIXTURES, select=["ressources"]).rules] == ["TS02"]
    assert [r.id for r in load_rules(FIXTURES, ignore=["TS02"]).rules] == ["TS01"]
    with pytest.raises(ContratvieError, match="TS01 \\(conseils\\), TS02 \\(ressources\\)"):
        load_rules(FIXTURES, select=["XX01"])


def test_version_follows_content(tmp_path):
    copy = tmp_path / "rules"
    copy.mkdir()
    for f in FIXTURES.iterdir():
        (copy / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    first = load_rules(copy).version
    assert load_rules(copy).version == first
    text = (copy / "TS02.yaml").read_text(encoding="utf-8").replace("  - animer", "  - animer\n  - coordonner")
    (copy / "TS02.yaml").write_text(text, encoding="utf-8")
    assert load_rules(copy).version != first


def write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def shipped_ids():
    return [p.stem for p in sorted(shipped_rules_dir().glob("VA*.yaml"))]


@pytest.mark.skipif(not shipped_ids(), reason="no shipped rule yet")
def test_user_rule_extends_a_shipped_one(tmp_path):
    base_id = shipped_ids()[0]
    base = load_rules(select=[base_id]).rules[0]
    removed = base.actions[0]
    write(tmp_path, "mine.yaml", f"extends: {base_id}\nweight: 9\nadd:\n  subject: [maison des associations]\n"
                                 f"remove:\n  actions: [{removed}]\n")
    rule = load_rules(tmp_path).get(base_id)
    assert rule.weight == 9
    assert "maison des associations" in rule.subject
    assert removed not in rule.actions
    assert rule.title == base.title


def test_extending_an_unknown_rule_names_the_field(tmp_path):
    write(tmp_path, "mine.yaml", "extends: VA77\nadd:\n  subject: [x]\n")
    with pytest.raises(RuleError) as caught:
        load_rules(tmp_path)
    assert caught.value.field == "extends" and caught.value.line == 1


BAD_FIELD = """id: TS09
key: test
title: Test
weight: 2
description: d
why: w
anti_pattern: a
best_practice: b
levels: {1: a, 2: b, 3: c}
subject:
  - conseil citoyen
actions: accompagner
recommendation: r
model_clause: m
"""


@pytest.mark.parametrize("text, line, field", [
    (BAD_FIELD, 12, "actions"),
    (BAD_FIELD.replace("weight: 2", "weight: lourd"), 4, "weight"),
    (BAD_FIELD.replace("actions: accompagner", "actions: [accompagner]\nsynonymes: [x]"), 13, "synonymes"),
    (BAD_FIELD.replace("subject:\n  - conseil citoyen", "subject:\n  - all: [[conseil]]"), 11, "subject[0]"),
    (BAD_FIELD.replace("key: test", "key: [test"), None, None),
])
def test_bad_rule_file(tmp_path, text, line, field):
    path = write(tmp_path, "TS09.yaml", text)
    with pytest.raises(RuleError) as caught:
        load_rules(tmp_path)
    error = caught.value
    assert error.path == str(path)
    if line:
        assert error.line == line
    if field:
        assert error.field.startswith(field)


def test_bad_rule_file_through_the_cli(tmp_path):
    write(tmp_path, "TS09.yaml", BAD_FIELD)
    done = subprocess.run([sys.executable, "-c", "from contratvie.cli import main; main()",
                           "rules", "check", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 2
    assert "TS09.yaml, ligne 12" in done.stderr
    assert "« actions »" in done.stderr
    assert "Traceback" not in done.stderr


def test_yaml_syntax_error_names_the_line(tmp_path):
    write(tmp_path, "TS09.yaml", "id: TS09\nkey: [oops\ntitle: t\n")
    with pytest.raises(RuleError) as caught:
        load_rules(tmp_path)
    assert caught.value.line in (2, 3)
    assert "YAML" in caught.value.message


def test_bad_marker_regex_is_a_rule_error(tmp_path, ruleset):
    from contratvie.engine.compiled import compile_ruleset

    for f in FIXTURES.iterdir():
        write(tmp_path, f.name, f.read_text(encoding="utf-8"))
    write(tmp_path, "_markers.yaml", "montant:\n  patterns: ['(\\d+']\n")
    with pytest.raises(RuleError) as caught:
        compile_ruleset(load_rules(tmp_path))
    assert caught.value.field == "montant.patterns[0]"


@pytest.mark.parametrize("text, line, french", [
    ("id: TS09\nkey: deux: points\ntitle: t\n", 2, "deux-points « : » inattendu"),
    ("id: TS09\nkey: \"non fermé\ntitle: t\n", None, "guillemet ou crochet non fermé"),
    ("id: TS09\nkey:\n\t- x\n", 3, "indentez avec des espaces"),
    ("id: TS09\nkey: @x\n", 2, "caractère « @ » interdit"),
])
def test_yaml_syntax_errors_are_told_in_french(tmp_path, text, line, french):
    write(tmp_path, "TS09.yaml", text)
    with pytest.raises(RuleError) as caught:
        load_rules(tmp_path)
    message = caught.value.message
    assert "TS09.yaml" in message and french in message
    assert "not allowed" not in message and "found" not in message
    if line:
        assert caught.value.line == line
