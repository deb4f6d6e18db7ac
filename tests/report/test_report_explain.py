"""`explain`, `rules list` and `rules show`: rules presented in French for consultants."""

from __future__ import annotations

import io
from dataclasses import dataclass

import yaml
from rich.console import Console

from contratvie.engine.schema import Rule
from contratvie.report import explain

RULE = Rule(
    id="VA05", key="conseils-citoyens", weight=3,
    title="Accompagnement des conseils citoyens par l'éducation populaire",
    description="Le contrat prévoit-il l'accompagnement des conseils citoyens ?",
    why="La note demande de poursuivre l'accompagnement des conseils citoyens.",
    anti_pattern="Le conseil citoyen est cité sans moyens.",
    best_practice="Chaque conseil citoyen est accompagné par un centre social doté d'un budget.",
    levels={1: "Le conseil citoyen est nommé.", 2: "Un accompagnement est décrit.", 3: "Il est engagé."},
    subject=["conseil citoyen", "CCQ", {"all": [["association"], ["éducation populaire", "MJC"]]}],
    actions=["accompagner", "formation"],
    exclude=["conseil municipal"],
    off_topic=["renouvellement urbain"],
    recommendation="Nommer qui accompagne chaque conseil citoyen [stop].",
    model_clause="« Chaque conseil citoyen est accompagné par [structure], dotée de [montant] € par an. »",
    examples=[
        "Le conseil citoyen sera <ev level=3>accompagné par le centre social, avec 5 000 €</ev>.",
        "<ev level=3 kind=table>Conseil citoyen | Centre social | 5 000 € | 2025</ev>",
        "Le <ev level=0 qualifiers=negation>conseil citoyen ne bénéficie d'aucun accompagnement</ev>.",
        "Le conseil municipal se réunit chaque mois [red]x[/red].",
    ],
)


def text_of(function, *args) -> str:
    buffer = io.StringIO()
    function(*args, console=Console(file=buffer, width=80, color_system=None))
    return buffer.getvalue()


def test_explain_covers_what_why_levels_terms_and_clause():
    out = text_of(explain.show, RULE)
    for heading in ("Ce que le critère vérifie", "Pourquoi c'est important", "Ce qui fait chaque niveau",
                    "Termes recherchés", "Proposition de rédaction", "Exemples (4)"):
        assert heading in out
    assert "VA05 · conseils-citoyens" in out and "(poids 3)" in out
    assert "2 décrit" in out and "Un accompagnement est décrit." in out
    assert "conseil citoyen, CCQ" in out
    assert "(association) + (éducation populaire | MJC)" in " ".join(out.split())
    assert "accompagner, formation" in out and "conseil municipal" in out
    assert "[structure]" in out


def test_examples_show_expected_level_and_marked_span():
    out = text_of(explain.show, RULE)
    assert "✓ niveau 3 – engagé\n" in out
    assert "« Le conseil citoyen sera [accompagné par le centre social, avec 5 000 €]. »" in out
    assert "✓ niveau 3 – engagé · ligne de tableau" in out
    assert "✗ trouvé mais écarté (négation)" in out
    assert "✗ ne doit pas compter" in out
    assert "[red]x[/red]" in out  # rule text is printed, not read as rich markup
    assert max(len(line) for line in out.splitlines()) <= 80
    assert not any(line.endswith(" ") for line in out.splitlines())


def test_parse_example():
    assert explain.parse_example('a <ev level=2 qualifiers=negation,past kind="table">b c</ev> d') == (
        ("a ", "b c", " d"), {"level": "2", "qualifiers": "negation,past", "kind": "table"})
    assert explain.parse_example("rien") == (("rien", "", ""), {})


@dataclass
class FakeRuleSet:
    rules: list[Rule]
    directory: str = "/règles"
    version: str = "2026.1"


def test_rules_list_is_a_table_of_id_key_weight_title():
    other = RULE.model_copy(update={"id": "VA08", "key": "ressources-appui", "weight": 2,
                                    "title": "Ressources d'appui"})
    out = text_of(explain.show_list, FakeRuleSet([RULE, other]))
    header = out.splitlines()[0].split()
    assert header == ["Id", "Clé", "Poids", "Titre"]
    assert any(line.split()[:3] == ["VA08", "ressources-appui", "2"] for line in out.splitlines())
    assert "2 critère(s), règles lues dans /règles (version 2026.1)." in out


def test_rules_show_prints_yaml_that_loads_back_to_the_same_rule():
    out = text_of(explain.show_rule, RULE)
    assert out.startswith("# VA05 — Accompagnement des conseils citoyens")
    body = out.split("\n", 1)[1]
    assert "d'un budget" in body and "d''un" not in body  # folded blocks, no doubled apostrophes
    assert Rule.model_validate(yaml.safe_load(body)) == RULE


def test_explain_and_rules_list_piped_are_plain_80_columns(capsys, monkeypatch):
    """With the shipped rules, as `contratvie explain VA05 | less` or `rules list > liste.txt`."""
    from cli_helpers import piped_text_problems, run_main

    for args in (("explain", "VA05"), ("rules", "list")):
        code, out, err = run_main(capsys, monkeypatch, *args)
        assert code == 0, err
        assert out.strip() and piped_text_problems(out) == [], args
