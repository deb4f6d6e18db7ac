"""The examples of a rule file: inline markup (rules/README.md), run and checked.

    "Le conseil citoyen sera <ev level=3>accompagné par le centre social, avec 5 000 €</ev>."
    "Le <ev level=0 qualifiers=negation>conseil citoyen ne bénéficie d'aucun soutien</ev>."
    "<ev level=3 kind=table>Former les conseillers | Centre social | 5 000 € | 2025</ev>"
    "Le conseil municipal se réunit chaque mois."     (negative: no evidence that counts)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from contratvie.audit import Audit, QUALIFIERS
from contratvie.document import Block, Document, Page
from contratvie.engine.loader import RuleSet, load_rules
from contratvie.errors import RuleError
from contratvie.text import fold

_EV = re.compile(r"<ev(?P<attrs>[^>]*)>(?P<body>.*?)</ev>", re.S)
_ATTR = re.compile(r"(\w+)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)")


@dataclass
class Example:
    rule_id: str
    number: int  # 1-based, in the file's order
    source: str  # the markup as written
    text: str  # the sentence, markup removed
    level: int | None = None  # None: negative example without <ev>
    marked: str = ""  # the text inside <ev>
    qualifiers: list[str] = field(default_factory=list)
    kind: str = "body"

    @property
    def positive(self) -> bool:
        return self.level is not None and self.level >= 1

    @property
    def test_id(self) -> str:
        return f"{self.rule_id}-ex{self.number:02d}"


def parse_example(source: str, rule_id: str = "", number: int = 0) -> Example:
    """Parse one example; raises ValueError (French) on bad markup."""
    tags = list(_EV.finditer(source))
    if len(tags) > 1:
        raise ValueError("une seule balise <ev> par exemple")
    if "<ev" in _EV.sub("", source) or "</ev>" in _EV.sub("", source):
        raise ValueError("balise <ev> mal formée")
    example = Example(rule_id, number, source, _EV.sub(lambda m: m.group("body"), source))
    if not tags:
        return example
    attrs = {k: v.strip("\"'") for k, v in _ATTR.findall(tags[0].group("attrs"))}
    unknown = set(attrs) - {"level", "qualifiers", "kind"}
    if unknown:
        raise ValueError(f"attribut inconnu : {', '.join(sorted(unknown))}")
    if attrs.get("level", "") not in ("0", "1", "2", "3"):
        raise ValueError("level=0, 1, 2 ou 3 attendu dans <ev>")
    example.level = int(attrs["level"])
    example.marked = tags[0].group("body")
    example.qualifiers = [q for q in attrs.get("qualifiers", "").split(",") if q]
    bad = [q for q in example.qualifiers if q not in QUALIFIERS]
    if bad:
        raise ValueError(f"qualificatif inconnu : {', '.join(bad)} (possibles : {', '.join(QUALIFIERS)})")
    example.kind = attrs.get("kind", "body")
    if example.kind not in ("body", "table", "list_item", "heading", "toc", "header", "footer",
                            "glossary", "signature"):
        raise ValueError(f"kind inconnu : {example.kind}")
    return example


def example_document(example: Example) -> Document:
    cells = [c.strip() for c in example.text.split("|")] if example.kind == "table" else None
    block = Block(text=example.text, kind=example.kind, page=1, page_label="1", cells=cells,
                  level=1 if example.kind == "heading" else None)
    return Document(path=f"<exemple {example.test_id}>", format="txt", sha256="0" * 64,
                    pages=[Page(number=1, label="1", blocks=[block])])


def run_example(example: Example, ruleset: RuleSet) -> str | None:
    """None when the example passes, else why it fails (French)."""
    from contratvie.engine.evaluate import evaluate

    single = ruleset if [r.id for r in ruleset.rules] == [example.rule_id] else \
        _only(ruleset, example.rule_id)
    audit: Audit = evaluate(example_document(example), single)
    result = audit.criteria[0]
    found = f"obtenu {result.level}"
    if example.level is None:
        counting = [e for e in result.evidence if e.counts]
        if result.level or counting:
            return f"attendu : aucune preuve qui compte, {found} — « {counting[0].text if counting else ''} »"
        return None
    if result.level != example.level:
        best = result.evidence[0] if result.evidence else None
        detail = _describe(best) if best else "aucune preuve trouvée"
        return f"attendu niveau {example.level}, {found} — {detail}"
    marked = fold(example.marked)
    covering = [e for e in result.evidence if marked in fold(e.text) or fold(e.text) in marked]
    if not covering:
        return f"niveau {example.level} atteint, mais aucune preuve ne couvre « {example.marked} »"
    if example.qualifiers:
        wanted = set(example.qualifiers)
        if not any(wanted <= set(e.qualifiers) for e in covering):
            got = ", ".join(covering[0].qualifiers) or "aucun"
            return f"qualificatifs attendus : {', '.join(example.qualifiers)} ; trouvés : {got}"
    return None


def _describe(ev) -> str:
    parts = [f"niveau {ev.level}"]
    if ev.terms:
        parts.append("termes : " + ", ".join(ev.terms))
    if ev.markers:
        parts.append("marqueurs : " + ", ".join(ev.markers))
    if ev.qualifiers:
        parts.append("qualificatifs : " + ", ".join(f"{q} ({ev.cues.get(q, q)})" for q in ev.qualifiers))
    if ev.cues.get("non_engageant"):
        parts.append(f"non engageant : {ev.cues['non_engageant']}")
    return " ; ".join(parts)


def _only(ruleset: RuleSet, rule_id: str) -> RuleSet:
    cache = ruleset.__dict__.setdefault("_singles", {})
    if rule_id not in cache:
        single = RuleSet([ruleset.get(rule_id)], ruleset.directory, ruleset.markers,
                         ruleset.qualifiers, ruleset.version, {})
        from contratvie.engine.compiled import compile_ruleset

        full = compile_ruleset(ruleset)  # share the lemma map and compiled patterns
        single._compiled = _narrow(full, rule_id)
        cache[rule_id] = single
    return cache[rule_id]


def _narrow(compiled, rule_id: str):
    import copy

    narrowed = copy.copy(compiled)
    narrowed.rules = {rule_id: compiled.rules[rule_id]}
    return narrowed


def examples_of(ruleset: RuleSet) -> list[Example]:
    """Every example of every rule, parsed. Bad markup raises RuleError naming the file."""
    from contratvie.engine.yamlfile import line_of, read_yaml

    found = []
    for rule in ruleset.rules:
        for number, source in enumerate(rule.examples, start=1):
            try:
                found.append(parse_example(source, rule.id, number))
            except ValueError as error:
                path = ruleset.sources.get(rule.id)
                line = None
                if path:
                    _, node = read_yaml(path)
                    line = line_of(node, ("examples", number - 1))
                raise RuleError(str(path or rule.id), f"{error}.", line=line,
                                field=f"examples[{number - 1}]") from None
    return found


MIN_POSITIVE = 5
MIN_NEGATIVE = 5


def count_problems(ruleset: RuleSet) -> list[str]:
    """Rules with too few positive or negative examples (French lines)."""
    problems = []
    examples = examples_of(ruleset)
    for rule in ruleset.rules:
        mine = [e for e in examples if e.rule_id == rule.id]
        positive = sum(e.positive for e in mine)
        negative = len(mine) - positive
        if positive < MIN_POSITIVE or negative < MIN_NEGATIVE:
            problems.append(f"{rule.id} : {positive} exemple(s) positif(s) et {negative} négatif(s) ; "
                            f"il en faut au moins {MIN_POSITIVE} de chaque.")
    return problems


def check_rules(rules_dir: Path | None = None) -> list[str]:
    """Validate the rules (RuleError if invalid), run their examples, return French failures."""
    ruleset = load_rules(rules_dir)
    failures = count_problems(ruleset)
    for example in examples_of(ruleset):
        problem = run_example(example, ruleset)
        if problem:
            failures.append(f"{example.rule_id}, exemple {example.number} : {problem}")
    return failures
