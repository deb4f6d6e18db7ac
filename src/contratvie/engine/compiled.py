"""What a rule set compiles to, once per process: terms, phrases, regexes, the lemma map."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from contratvie.audit import MARKERS
from contratvie.engine.lemmas import load_lemma_map
from contratvie.engine.loader import RuleSet
from contratvie.engine.patterns import (
    Phrase, PhraseSet, TermSet, compile_phrase, compile_term, fold_aligned, phrase_regex, term_words,
)
from contratvie.engine.schema import CoOccurrence, Rule
from contratvie.errors import RuleError
from contratvie.text import normalize

QUALIFIER_KEYS = ("negation", "hypothesis", "weak", "exception", "past")


@dataclass
class CompiledRule:
    rule: Rule
    subject: TermSet
    groups: list[list[TermSet]]  # co-occurrences: groups of alternative terms
    actions: TermSet
    exclude: TermSet  # the rule's exclusions and the shared not_subject phrases
    off_topic: TermSet
    anchors: frozenset[str]  # keys that may start a subject match: the cheap pass


@dataclass
class Cues:
    cues: PhraseSet = field(default_factory=lambda: PhraseSet([]))
    pseudo: PhraseSet = field(default_factory=lambda: PhraseSet([]))
    following: PhraseSet = field(default_factory=lambda: PhraseSet([]))  # cues after the match
    window: int | None = None  # None: the whole clause


@dataclass
class Compiled:
    lemma_map: dict[str, str]
    rules: dict[str, CompiledRule]
    not_subject: TermSet
    markers: dict[str, re.Pattern]
    columns: dict[str, re.Pattern]  # marker -> column headers (folded text)
    cues: dict[str, Cues]
    terminations: PhraseSet
    verbal: dict
    moods: set[str]
    tenses: set[str]
    auxiliaries: set[str]
    reflexive: set[str]
    etre: set[str]
    past_sections: list[str]


def _entries(rule: Rule) -> tuple[list[str], list[list[list[str]]]]:
    terms, groups = [], []
    for entry in rule.subject:
        if isinstance(entry, CoOccurrence):
            groups.append(entry.all)
        else:
            terms.append(entry)
    return terms, groups


def rule_words(ruleset: RuleSet) -> set[str]:
    """Every word of every term of the set: the words the lemma map must know."""
    words: set[str] = set()
    q = ruleset.qualifiers
    for rule in ruleset.rules:
        terms, groups = _entries(rule)
        texts = terms + rule.actions + rule.exclude + rule.off_topic
        texts += [t for group in groups for alts in group for t in alts]
        for text in texts:
            words.update(term_words(text))
    for text in q.get("not_subject") or []:
        words.update(term_words(text))
    return words


def _terms(texts: list[str], lemma_map: dict[str, str]) -> TermSet:
    return TermSet([t for t in (compile_term(x, lemma_map) for x in texts) if t])


def _phrases(texts) -> PhraseSet:
    return PhraseSet([p for p in (compile_phrase(str(x)) for x in texts or []) if p])


def _folded(texts) -> list[str]:
    return [fold_aligned(normalize(str(x))) for x in texts or []]


def compile_rule(rule: Rule, lemma_map: dict[str, str], not_subject: TermSet) -> CompiledRule:
    terms, groups = _entries(rule)
    subject = _terms(terms, lemma_map)
    compiled_groups = [[_terms(alts, lemma_map) for alts in group] for group in groups]
    anchors = set(subject.anchors)
    # a co-occurrence needs every group: anchoring on the first one is enough
    anchors.update(a for group in compiled_groups for a in group[0].by_anchor)
    return CompiledRule(rule, subject, compiled_groups, _terms(rule.actions, lemma_map),
                        _terms(rule.exclude, lemma_map) + not_subject,
                        _terms(rule.off_topic, lemma_map), frozenset(anchors))


def _markers(ruleset: RuleSet) -> tuple[dict[str, re.Pattern], dict[str, list[str]]]:
    path = str(ruleset.directory / "_markers.yaml")
    regexes, columns = {}, {}
    for marker in MARKERS:
        spec = ruleset.markers.get(marker) or {}
        if not isinstance(spec, dict):
            raise RuleError(path, "dictionnaire attendu (phrases, patterns, columns).", field=marker)
        parts = [phrase_regex([str(p) for p in spec.get("phrases") or []])]
        for i, pattern in enumerate(spec.get("patterns") or []):
            try:
                re.compile(pattern)
            except re.error as error:
                raise RuleError(path, f"expression régulière invalide ({error}).",
                                field=f"{marker}.patterns[{i}]") from None
            parts.append(f"(?:{pattern})")
        regexes[marker] = re.compile("|".join(parts))
        columns[marker] = re.compile(phrase_regex([str(c) for c in spec.get("columns") or []]))
    return regexes, columns


def compile_ruleset(ruleset: RuleSet) -> Compiled:
    """Compile (and cache on the rule set) what evaluation needs."""
    if ruleset._compiled is not None:
        return ruleset._compiled
    lemma_map = load_lemma_map(rule_words(ruleset), ruleset.version)
    q = ruleset.qualifiers
    cues = {}
    for key in QUALIFIER_KEYS:
        spec = q.get(key) or {}
        window = spec.get("window")
        cues[key] = Cues(_phrases(spec.get("cues")), _phrases(spec.get("pseudo")),
                         _phrases(spec.get("following")), int(window) if window else None)
    verbal = dict((q.get("negation") or {}).get("verbal") or {})
    verbal = {
        "starts": set(_folded_words(verbal.get("starts"))),
        "closers": set(_folded_words(verbal.get("closers"))),
        "pseudo": set(_folded_words(verbal.get("pseudo_closers"))),
        "openers": set(_folded_words(verbal.get("openers"))),
        "window": int(verbal.get("window", 6)),
    }
    past = q.get("past") or {}
    markers, columns = _markers(ruleset)
    not_subject = _terms([str(x) for x in q.get("not_subject") or []], lemma_map)
    compiled = Compiled(
        lemma_map=lemma_map,
        rules={r.id: compile_rule(r, lemma_map, not_subject) for r in ruleset.rules},
        not_subject=not_subject,
        markers=markers,
        columns=columns,
        cues=cues,
        terminations=_phrases(q.get("terminations")),
        verbal=verbal,
        moods=set((q.get("hypothesis") or {}).get("moods") or []),
        tenses=set(past.get("tenses") or []),
        auxiliaries=_lower(past.get("auxiliaries")),
        reflexive=_lower(past.get("reflexive")),
        etre=_lower(past.get("etre")),
        past_sections=_folded(past.get("sections")),
    )
    ruleset._compiled = compiled
    return compiled


def _folded_words(texts) -> list[str]:
    """Single words, folded, apostrophe dropped ("n'" -> "n"), as the tokenizer cuts them."""
    return [w for w in (fold_aligned(normalize(str(x))).strip("'") for x in texts or []) if w]


def _lower(texts) -> set[str]:
    """Verb forms as spaCy-like tokens show them: lowercase, accents kept, "s'" with its apostrophe."""
    return {normalize(str(x)).lower() for x in texts or []}
