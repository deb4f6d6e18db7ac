"""Qualifiers on single sentences, written in the inline markup of rules/README.md."""

import pytest
from engine_helpers import criterion

from contratvie.document import Block
from contratvie.engine import parse_example, run_example

CASES = [
    # negation, with its pseudo-negations
    "Le <ev level=0 qualifiers=negation>conseil citoyen ne bénéficie d'aucun accompagnement</ev>.",
    "<ev level=0 qualifiers=negation>Aucun accompagnement du conseil citoyen n'est prévu</ev>.",
    "<ev level=0 qualifiers=negation>Le conseil citoyen fonctionne sans accompagnement</ev>.",
    "<ev level=0 qualifiers=negation>Le conseil citoyen n'est plus accompagné depuis deux ans</ev>.",
    "<ev level=2>Le conseil citoyen ne sera accompagné que par le centre social</ev>.",
    "<ev level=2>Le conseil citoyen sera sans doute accompagné par la MJC</ev>.",
    "<ev level=2>Non seulement le conseil citoyen sera accompagné, mais il sera doté d'un local</ev>.",
    "<ev level=2>Des habitants sans statut associatif rejoindront le conseil citoyen, qui sera accompagné</ev>.",
    # hypothesis and condition, including the conditional mood from morphology
    "<ev level=0 qualifiers=hypothesis>Un accompagnement du conseil citoyen pourrait être envisagé</ev>.",
    "<ev level=0 qualifiers=hypothesis>Le cas échéant, le conseil citoyen sera accompagné</ev>.",
    "<ev level=0 qualifiers=hypothesis>Si les crédits le permettent, le conseil citoyen sera accompagné</ev>.",
    "<ev level=0 qualifiers=hypothesis>Il serait utile d'accompagner le conseil citoyen</ev>.",
    "<ev level=0 qualifiers=hypothesis>Sous réserve des crédits, le conseil citoyen sera formé</ev>.",
    # a study of whether to act, a condition on the action: hypotheses
    "<ev level=0 qualifiers=hypothesis>La Ville étudiera la possibilité d'accompagner le conseil citoyen</ev>.",
    "<ev level=0 qualifiers=hypothesis>Les signataires examineront l'opportunité de former les conseillers citoyens, et celle d'un local</ev>.",
    "<ev level=0 qualifiers=hypothesis>La formation des conseillers citoyens est subordonnée à un financement de l'État</ev>.",
    # exception: only what follows the cue
    "<ev level=0 qualifiers=exception>Toutes les instances seront accompagnées, sauf le conseil citoyen</ev>.",
    # past findings
    "<ev level=0 qualifiers=past>Les conseils citoyens ont rencontré des difficultés d'accompagnement</ev>.",
    "<ev level=0 qualifiers=past>Un accompagnement des conseils citoyens a été mis en place</ev>.",
    "<ev level=0 qualifiers=past>Lors du précédent contrat, le conseil citoyen sera accompagné</ev>.",
    "<ev level=0 qualifiers=past>Le conseil citoyen était accompagné par la MJC</ev>.",
    "<ev level=2>Le conseil citoyen sera accompagné par le centre social</ev>.",
    # a passé composé of a decision announces what will be done
    "<ev level=2>Les signataires ont décidé d'accompagner le conseil citoyen</ev>.",
    "<ev level=2>Les partenaires se sont engagés à former les conseillers citoyens</ev>.",
    # the legal frame restated: the law, not the contract, provides
    "<ev level=0 qualifiers=legal_frame>La loi du 21 février 2014 prévoit que chaque conseil citoyen est accompagné</ev>.",
    "<ev level=0 qualifiers=legal_frame>Conformément à l'article 7 de la loi, le conseil citoyen est accompagné</ev>.",
    "<ev level=0 qualifiers=legal_frame>Le cadre de référence national prévoit que le conseil citoyen est formé</ev>.",
    "<ev level=2>Le conseil citoyen sera accompagné ; conformément à la loi, il est indépendant</ev>.",
    "<ev level=2>La convention prévoit que le conseil citoyen est accompagné par la MJC</ev>.",
    # the Government's national commitments restated: no source of law needed
    "<ev level=0 qualifiers=legal_frame>Le Gouvernement s'est engagé à former chaque conseiller citoyen</ev>.",
    "<ev level=0 qualifiers=legal_frame>Le Gouvernement s'engage à accompagner les conseils citoyens</ev>.",
    # a statement of need or of fact names the subject and describes nothing
    "<ev level=1>L'accompagnement des conseils citoyens reste à construire</ev>.",
    "<ev level=1>Le soutien aux conseils citoyens demeure insuffisant</ev>.",
    "<ev level=1>Les formations ouvertes aux conseillers citoyens restent mal connues</ev>.",
    "<ev level=1>L'accompagnement proposé aux conseils citoyens demeure partiel</ev>.",
    "<ev level=2>Les formations restent mal connues des conseillers citoyens, qui seront donc accompagnés par la MJC</ev>.",
    # a termination word closes the scope of a cue
    "<ev level=2>Aucun local n'existait, mais le conseil citoyen sera accompagné</ev>.",
]


@pytest.mark.parametrize("markup", CASES, ids=[f"q{i:02d}" for i in range(len(CASES))])
def test_qualifier(markup, ruleset):
    example = parse_example(markup, "TS01", 1)
    assert run_example(example, ruleset) is None


def test_weak_wording_caps_at_described(ruleset):
    example = parse_example(
        "<ev level=2>Le conseil citoyen pourra être accompagné par le centre social, avec 5 000 € par an</ev>.",
        "TS01", 1)
    assert run_example(example, ruleset) is None


def test_cue_is_kept_as_evidence(ruleset):
    result = criterion(ruleset, Block("Le conseil citoyen ne sera pas accompagné par la MJC."))
    evidence = result.evidence[0]
    assert evidence.counts is False
    assert evidence.qualifiers == ["negation"]
    assert evidence.cues["negation"] == "ne … pas"
    assert result.level == 0


def test_bilan_section_is_past(ruleset):
    block = Block("Le conseil citoyen est accompagné par la MJC.", section=("Bilan du contrat 2015-2022",))
    evidence = criterion(ruleset, block).evidence[0]
    assert "past" in evidence.qualifiers and not evidence.counts


def test_bad_markup_is_refused():
    with pytest.raises(ValueError):
        parse_example("<ev level=5>texte</ev>")
    with pytest.raises(ValueError):
        parse_example("<ev level=1 qualifiers=doute>texte</ev>")
    with pytest.raises(ValueError):
        parse_example("<ev level=1>texte")


def test_statement_is_shown_with_its_cue(ruleset):
    result = criterion(ruleset, Block("La formation des conseillers citoyens reste à renforcer."))
    evidence = result.evidence[0]
    assert result.level == 1 and evidence.counts
    assert evidence.cues["constat"] == "reste à"


def test_negation_in_relative_or_purpose_clause_stays_there(ruleset):
    relative = "Le conseil citoyen sera accompagné dans les quartiers où aucune structure n'intervient."
    purpose = ("Afin que les habitants ne soient plus seuls, le conseil citoyen sera accompagné "
               "par le centre social.")
    for text in (relative, purpose):
        result = criterion(ruleset, Block(text))
        assert result.level == 2, text
        assert result.evidence[0].counts
    # the negation still reaches a subject inside that clause only
    assert criterion(ruleset, Block("Les quartiers où aucun conseil citoyen n'est accompagné.")).level == 0
    # "ou" (or) opens no clause
    assert criterion(ruleset, Block("Le conseil citoyen ou les habitants ne seront pas accompagnés.")).level == 0
