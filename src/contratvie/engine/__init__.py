"""The rule engine: load the rules (data in rules/), evaluate a Document, check the examples.

    ruleset = load_rules()                      # or load_rules(Path("mes-regles"), select=["VA04"])
    audit = evaluate(document, ruleset)         # an audit.Audit
    failures = check_rules()                    # French lines, empty when every example passes
"""

from contratvie.engine.evaluate import evaluate
from contratvie.engine.examples import check_rules, parse_example, run_example
from contratvie.engine.loader import RuleSet, load_rules, shipped_rules_dir
from contratvie.engine.schema import Rule

__all__ = ["Rule", "RuleSet", "check_rules", "evaluate", "load_rules", "parse_example",
           "run_example", "shipped_rules_dir"]
