"""Every example of every shipped rule file (rules/VA*.yaml), one test each (e.g. VA05-ex03),
and at least five positive and five negative examples per rule."""

import pytest

from contratvie.engine import load_rules, run_example
from contratvie.engine.examples import MIN_NEGATIVE, MIN_POSITIVE, examples_of

RULESET = load_rules()
EXAMPLES = examples_of(RULESET)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.test_id for e in EXAMPLES])
def test_example(example):
    problem = run_example(example, RULESET)
    assert problem is None, f"{example.source}\n{problem}"


@pytest.mark.parametrize("rule", RULESET.rules, ids=RULESET.ids)
def test_enough_examples(rule):
    mine = [e for e in EXAMPLES if e.rule_id == rule.id]
    positive = sum(e.positive for e in mine)
    negative = len(mine) - positive
    assert positive >= MIN_POSITIVE, f"{rule.id} : {positive} exemples positifs"
    assert negative >= MIN_NEGATIVE, f"{rule.id} : {negative} exemples négatifs"
