"""What a rule set compiles to, once per process: terms, phrases, regexes, the lemma map."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from contratvie.audit import MARKERS
from contratvie.engine.lemmas import load_lemma_map
from contratvie.engine.loader import RuleSet
from contratvie.engine.patterns import (
    PhraseSet, TermSet, compile_phrase, compile_term, fold_aligned, phrase_regex, term_words,
)
from contratvie.engine.schema import CoOccurrence, Rule
from contratvie.errors import RuleError
from contratvie.text import normalize

QUALIFIER_KEYS = ("negation", "hypothesis", "weak", "statement", "exception", "past")


@dataclass
class CompiledRule:
    rule: Rule
    subject: TermSet
    groups: list[list[TermSet]]  # co-occurrences: groups of alternative terms
    actions: TermSet
    exclude: TermSet  # the rule's exclusions and the shared not_subject phrases
    off_topic: TermSet
    anchors: frozenset[str]  # keys that may start a subject match: the cheap pass
    group_anchors: list[list[frozenset[str]]] = field(default_factory=list)  # per co-occurrence

    def candidate(self, keys: frozenset[str]) -> bool:
        """Whether a text with these keys may match: a subject term's first word, or a first word
        of every list of a co-occurrence."""
        if self.subject.anchors & keys:
            return True
        return any(all(a & keys for a in lists) for lists in self.group_anchors)


@dataclass
class Cues:
    cues: PhraseSet = field(default_factory=lambda: PhraseSet([]))
    pseudo: PhraseSet = field(default_factory=lambda: PhraseSet([]))
    following: PhraseSet = field(default_factory=lambda: PhraseSet([]))  # cues after the match
    window: int | None = None  # None: the whole clause


@dataclass
class Legal:
    """Cues of a restated legal frame (_qualifiers.yaml, legal_frame)."""
    cues: PhraseSet
    sources: PhraseSet
    verbs: PhraseSet
    openers: PhraseSet
    reach: int = 20
    opener_reach: int = 8


@dataclass
class Compiled:
    lemma_map: dict[str, str]
    rules: dict[str, CompiledRule]
    markers: dict[str, re.Pattern]
    marker_ignore: re.Pattern | None  # spans that hold no marker (dates of laws)
    columns: dict[str, re.Pattern]  # marker -> column headers (folded text)
    cues: dict[str, Cues]
    terminations: PhraseSet
    verbal: dict
    moods: set[str]
    tenses: set[str]
    auxiliaries: set[str]
    reflexive: set[str]
    etre: set[str]
    past_sections: re.Pattern
    legal: Legal
    decisions: set[str]
    subordinates: PhraseSet = field(default_factory=lambda: PhraseSet([]))  # relative/purpose openers
    section_cache: dict[str, bool] = field(default_factory=dict)
    # A table's status column and the row-wide cues of its cells (_qualifiers.yaml, table_row)
    status_columns: re.Pattern = field(default_factory=lambda: re.compile(r"(?!x)x"))
    row_cues: dict[str, re.Pattern] = field(default_factory=dict)
    commitments: frozenset[str] = frozenset()  # commitment verbs of _markers.yaml, as written


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
    for text in list(q.get("not_subject") or []) + commitments(ruleset):
        words.update(term_words(text))
    return words


def commitments(ruleset: RuleSet) -> list[str]:
    """Commitment verbs of _markers.yaml: with the subject, an action for every rule."""
    return [str(x) for x in ruleset.markers.get("commitments") or []]


def _terms(texts: list[str], lemma_map: dict[str, str], proper: bool = False) -> TermSet:
    return TermSet([t for t in (compile_term(x, lemma_map, proper) for x in texts) if t])


def _phrases(texts) -> PhraseSet:
    return PhraseSet([p for p in (compile_phrase(str(x)) for x in texts or []) if p])


def _folded(texts) -> list[str]:
    return [fold_aligned(normalize(str(x))) for x in texts or []]


def compile_rule(rule: Rule, lemma_map: dict[str, str], not_subject: TermSet,
                 shared_actions: list[str] = ()) -> CompiledRule:
    terms, groups = _entries(rule)
    subject = _terms(terms, lemma_map)
    compiled_groups = [[_terms(alts, lemma_map) for alts in group] for group in groups]
    anchors = set(subject.anchors)
    # a co-occurrence needs every group: anchoring on the first one is enough
    anchors.update(a for group in compiled_groups for a in group[0].by_anchor)
    actions = rule.actions + [a for a in shared_actions if a not in rule.actions]
    return CompiledRule(rule, subject, compiled_groups, _terms(actions, lemma_map),
                        _terms(rule.exclude, lemma_map) + not_subject,
                        _terms(rule.off_topic, lemma_map, proper=True), frozenset(anchors),
                        [[alternatives.anchors for alternatives in group] for group in compiled_groups])


def _pattern(pattern: str, path: str, name: str, actors: str) -> str:
    pattern = pattern.replace("{actor}", actors)
    try:
        re.compile(pattern)
    except re.error as error:
        raise RuleError(path, f"expression régulière invalide ({error}).", field=name) from None
    return f"(?:{pattern})"


def _actors(ruleset: RuleSet) -> str:
    """`actors` of _markers.yaml as one regex group, for the `{actor}` placeholder of patterns."""
    phrases = [str(a) for a in ruleset.markers.get("actors") or []]
    if not phrases:
        return r"(?!x)x"
    # An actor may carry its name and a parenthesis ("la Communauté urbaine de Verlanne",
    # "l'État (délégué du préfet)"); a collectivity may be named first ("Ysserre Agglomération").
    named = r"(?: (?:de |du |des |d'|d )[a-z][a-z'-]*)?"
    aside = r"(?: ?\([^)]{1,60}\))?"
    return rf"(?:(?:{phrase_regex(phrases)}){named}|[a-z][a-z'-]* (?:agglomeration|metropole)){aside}"


def _markers(ruleset: RuleSet) -> tuple[dict[str, re.Pattern], dict[str, list[str]]]:
    path = str(ruleset.directory / "_markers.yaml")
    actors = _actors(ruleset)
    regexes, columns = {}, {}
    for marker in MARKERS:
        spec = ruleset.markers.get(marker) or {}
        if not isinstance(spec, dict):
            raise RuleError(path, "dictionnaire attendu (phrases, patterns, columns).", field=marker)
        parts = [phrase_regex([str(p) for p in spec.get("phrases") or []])]
        for i, pattern in enumerate(spec.get("patterns") or []):
            parts.append(_pattern(str(pattern), path, f"{marker}.patterns[{i}]", actors))
        # every marker starts a word: the lookbehind rejects most positions at once (3x faster)
        regexes[marker] = re.compile(r"(?<![^\W_])(?:" + "|".join(parts) + ")")
        columns[marker] = re.compile(phrase_regex([str(c) for c in spec.get("columns") or []]))
    return regexes, columns


def _ignore_regex(ruleset: RuleSet) -> re.Pattern | None:
    path = str(ruleset.directory / "_markers.yaml")
    patterns = ruleset.markers.get("ignore") or []
    if not patterns:
        return None
    return re.compile("|".join(_pattern(str(p), path, f"ignore[{i}]", "") for i, p in enumerate(patterns)))


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
    past = q.get("past") or {}
    markers, columns = _markers(ruleset)
    marker_ignore = _ignore_regex(ruleset)
    not_subject = _terms([str(x) for x in q.get("not_subject") or []], lemma_map)
    compiled = Compiled(
        lemma_map=lemma_map,
        rules={r.id: compile_rule(r, lemma_map, not_subject, commitments(ruleset)) for r in ruleset.rules},
        markers=markers,
        marker_ignore=marker_ignore,
        columns=columns,
        cues=cues,
        terminations=_phrases(q.get("terminations")),
        verbal=_verbal((q.get("negation") or {}).get("verbal") or {}),
        moods=set((q.get("hypothesis") or {}).get("moods") or []),
        tenses=set(past.get("tenses") or []),
        auxiliaries=_lower(past.get("auxiliaries")),
        reflexive=_lower(past.get("reflexive")),
        etre=_lower(past.get("etre")),
        past_sections=_words_regex(_folded(past.get("sections"))),
        legal=_legal(q.get("legal_frame") or {}),
        decisions=_lower(past.get("decisions")),
        subordinates=_phrases((q.get("negation") or {}).get("subordinates")),
    )
    _table_row(compiled, q.get("table_row") or {})
    compiled.commitments = frozenset(commitments(ruleset))
    ruleset._compiled = compiled
    return compiled


def _table_row(compiled: Compiled, spec: dict) -> None:
    """Status columns of an action table and the cues of a cell that qualify its whole row
    ("à l'étude", "non retenu"), per qualifier; a cue matches the start of the cell."""
    compiled.status_columns = _words_regex(_folded(spec.get("status_columns")))
    for kind in ("hypothesis", "negation"):
        phrases = _folded(spec.get(kind))
        if phrases:
            compiled.row_cues[kind] = re.compile(r"^\W*(?:" + "|".join(re.escape(t) for t in phrases) + r")\b")


def _words_regex(texts: list[str]) -> re.Pattern:
    parts = [re.escape(t) for t in texts if t]
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b" if parts else r"(?!x)x")


def _verbal(spec: dict) -> dict:
    """Verbal negation ("ne … pas", "aucun … n'"), _qualifiers.yaml negation.verbal."""
    return {
        "starts": set(_folded_words(spec.get("starts"))),
        "closers": set(_folded_words(spec.get("closers"))),
        "pseudo": set(_folded_words(spec.get("pseudo_closers"))),
        "openers": set(_folded_words(spec.get("openers"))),
        "window": int(spec.get("window", 6)),
        "opener_window": int(spec.get("opener_window", spec.get("window", 6))),
    }


def _legal(spec: dict) -> Legal:
    return Legal(_phrases(spec.get("cues")), _phrases(spec.get("sources")), _phrases(spec.get("verbs")),
                 _phrases(spec.get("openers")), int(spec.get("reach", 20)), int(spec.get("opener_reach", 8)))


def _folded_words(texts) -> list[str]:
    """Single words, folded, apostrophe dropped ("n'" -> "n"), as the tokenizer cuts them."""
    return [w for w in (fold_aligned(normalize(str(x))).strip("'") for x in texts or []) if w]


def _lower(texts) -> set[str]:
    """Verb forms as spaCy-like tokens show them: lowercase, accents kept, "s'" with its apostrophe."""
    return {normalize(str(x)).lower() for x in texts or []}
