"""Qualifiers (negation, hypothesis, exception, past; weak wording) and commitment markers.

As in EDS-NLP's qualifier pipes: cues and pseudo-cues come from a pattern file
(rules/_qualifiers.yaml); a cue qualifies a match in its scope, the clause of the match (a
sentence cut at termination words, semicolons and table cells). A qualifier with a `window`
reaches only that many words after its cue (before it, for a `following` negation cue). Cues
of local reach (such a window, a hypothesis set between commas) qualify the evidence only when
they reach every subject match or every action word, and a negation inside a relative or
purpose clause stays there. Verb morphology (spaCy's morphologizer) adds the conditional mood
(hypothesis) and past tenses (past finding). A `statement` cue does not qualify: it caps the
evidence at level 1.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from contratvie.engine.compiled import Compiled
from contratvie.engine.nlp import Morph
from contratvie.engine.patterns import Tokens, find_phrases, fold_aligned, overlaps
from contratvie.text import normalize

BOUNDARY_CHARS = re.compile(r"[;|•]")
_IMPARFAIT = re.compile(r"(ais|ait|aient|ions|iez)$")


@dataclass
class Qualified:
    qualifiers: dict[str, str] = field(default_factory=dict)  # qualifier -> cue
    weak: str | None = None  # a wording that is no commitment on its own
    statement: str | None = None  # a finding or a need, not an orientation: caps at level 1


def clauses(toks: Tokens, compiled: Compiled) -> list[int]:
    """Clause number of every token (cached on the tokens)."""
    if "clauses" in toks.cache:
        return toks.cache["clauses"]
    starts = {i for _, i, _ in find_phrases(compiled.terminations, toks)}
    ids, current = [], 0
    for i, (a, _) in enumerate(toks.spans):
        gap_start = toks.spans[i - 1][1] if i else 0
        if i and (i in starts or BOUNDARY_CHARS.search(toks.norm, gap_start, a)):
            current += 1
        ids.append(current)
    toks.cache["clauses"] = ids
    return ids


def _cues(kind: str, toks: Tokens, compiled: Compiled, following: bool = False) -> list[tuple[str, int, int]]:
    spec = compiled.cues[kind]
    pseudo = [(a, b) for _, a, b in find_phrases(spec.pseudo, toks)]
    found = []
    for phrase, a, b in find_phrases(spec.following if following else spec.cues, toks):
        if not any(overlaps((a, b), p) for p in pseudo):
            found.append((_quote(toks, a, b), a, b))
    return found


def _all_cues(toks: Tokens, compiled: Compiled) -> tuple[list[int], dict[str, list]]:
    """Clause numbers and every cue of a text: the same for every rule, computed once."""
    if "cues" in toks.cache:
        return toks.cache["cues"]
    clause = clauses(toks, compiled)
    kinds = ("negation", "hypothesis", "exception", "past", "weak", "statement")
    cues = {kind: _cues(kind, toks, compiled) for kind in kinds}
    cues["negation_following"] = _cues("negation", toks, compiled, following=True)
    cues["verbal"] = _verbal_negations(toks, clause, compiled)
    cues["legal_frame"] = _legal_frames(toks, clause, compiled)
    toks.cache["cues"] = clause, cues
    return clause, cues


def _legal_frames(toks: Tokens, clause: list[int], compiled: Compiled) -> list[tuple[str, int, int]]:
    """The law, not the contract, provides: "la loi du 21 février 2014 … prévoit que",
    "conformément à l'article 7 de la loi". A legal source then, within `reach` words of its
    clause, a verb that makes it the subject; or an opener ("conformément à") then a source."""
    legal = compiled.legal
    found = [(_quote(toks, a, b), a, b) for _, a, b in find_phrases(legal.cues, toks)]
    if not legal.sources or not (legal.sources.firsts & toks.positions.keys()):
        return found
    sources = find_phrases(legal.sources, toks)
    verbs = find_phrases(legal.verbs, toks)
    openers = find_phrases(legal.openers, toks)
    for _, s, e in sources:
        for _, a, b in verbs:
            if clause[a] == clause[s] and 0 <= a - e <= legal.reach:
                found.append((f"{_quote(toks, s, e)} … {_quote(toks, a, b)}", s, b))
        for _, a, b in openers:
            if clause[a] == clause[s] and 0 <= s - b <= legal.opener_reach:
                found.append((_quote(toks, a, e), a, e))
    return found


def negated_or_hypothetical(toks: Tokens, span: tuple[int, int], compiled: Compiled) -> bool:
    """Whether lexical negation or hypothesis cues reach a token span (for markers: "le cas
    échéant, 5 000 €" is no means)."""
    clause, cues = _all_cues(toks, compiled)
    focus = [span]
    if any(_reaches("negation", (a, b), focus, clause, compiled) for _, a, b in cues["negation"]):
        return True
    if any(_reaches("negation", (a, b), focus, clause, compiled, following=True)
           for _, a, b in cues["negation_following"]):
        return True
    if any(clause[a] == clause[span[0]] for _, a, _ in cues["verbal"]):
        return True
    return any(_reaches("hypothesis", (a, b), focus, clause, compiled) for _, a, b in cues["hypothesis"])


def _reaches(kind: str, cue: tuple[int, int], focus: list[tuple[int, int]], clause: list[int],
             compiled: Compiled, following: bool = False) -> bool:
    """Whether a cue reaches one of the matches: same clause, and within the cue's window
    (after the cue, or before it for a following cue) when the qualifier has one."""
    window = compiled.cues[kind].window
    a, b = cue
    for s, e in focus:
        if not any(clause[i] == clause[a] for i in range(s, e)):
            continue
        if window is None:
            return True
        if following and s < a and a - e <= window:
            return True
        if not following and e > b and s - b <= window:
            return True
    return False


def _quote(toks: Tokens, a: int, b: int) -> str:
    return toks.norm[toks.spans[a][0]:toks.spans[b - 1][1]]


def _verbal_negations(toks: Tokens, clause: list[int], compiled: Compiled) -> list[tuple[str, int, int]]:
    verbal = compiled.verbal
    found = []
    for i, form in enumerate(toks.forms):
        if form not in verbal["starts"]:
            continue
        for j in range(i + 1, min(len(toks.forms), i + 1 + verbal["window"])):
            if clause[j] != clause[i] or toks.forms[j] in verbal["pseudo"]:
                break
            if toks.forms[j] in verbal["closers"]:
                found.append((f"{_quote(toks, i, i + 1)} … {_quote(toks, j, j + 1)}", i, j + 1))
                break
        else:
            for j in range(i - 1, max(-1, i - 1 - verbal["opener_window"]), -1):
                if clause[j] != clause[i]:
                    break
                if toks.forms[j] in verbal["openers"]:
                    found.append((f"{_quote(toks, j, j + 1)} … {_quote(toks, i, i + 1)}", j, i + 1))
                    break
    return found


def _morph_clause(toks: Tokens, clause: list[int], morph: Morph) -> int:
    starts = [a for a, _ in toks.spans]
    i = max(0, bisect.bisect_right(starts, morph.start) - 1)
    return clause[i] if clause else 0


def _conditionals(morphs: list[Morph], compiled: Compiled) -> list[Morph]:
    return [m for m in morphs if m.feats.get("Mood") in compiled.moods and m.pos in ("VERB", "AUX")]


def _past_verbs(morphs: list[Morph], compiled: Compiled) -> list[tuple[str, Morph]]:
    found = []
    for k, m in enumerate(morphs):
        feats = m.feats
        if m.pos in ("VERB", "AUX") and feats.get("VerbForm") == "Fin" and feats.get("Tense") in compiled.tenses \
                and (feats.get("Tense") != "Imp" or _IMPARFAIT.search(m.text.lower())):
            found.append((m.text, m))
            continue
        low = m.text.lower()
        reflexive = low in compiled.etre and k and morphs[k - 1].text.lower() in compiled.reflexive
        if low in compiled.auxiliaries or reflexive:
            for n in morphs[k + 1:k + 4]:
                if n.feats.get("VerbForm") == "Part" and n.feats.get("Tense") == "Past":
                    # "les signataires ont décidé de créer": a decision, not a past finding
                    if n.text.lower() not in compiled.decisions:
                        found.append((f"{m.text} {n.text}", m))
                    break
    return found


# Verb endings that may carry a conditional (-rait) or an imparfait (-ait): spaCy runs only on
# sentences that have one, or an auxiliary of the passé composé.
_VERB_HINT = re.compile(r"\w(?:ais|ait|aient)\b|\wr(?:ions|iez)\b")
_NOT_VERBS = frozenset("mais jamais désormais fait faits souhait souhaits français lait trait portrait "
                       "retrait extrait attrait biais relais frais palais marais délais délai".split())


def needs_morphology(toks: Tokens, compiled: Compiled) -> bool:
    """Whether verb morphology could add a qualifier to this text (cheap, lexical)."""
    words = toks.norm.lower().replace("’", "'")
    for m in _VERB_HINT.finditer(words):
        start = words.rfind(" ", 0, m.start()) + 1
        if words[start:m.end()].strip("'(«\"") not in _NOT_VERBS:
            return True
    tokens = set(re.findall(r"[^\W\d_]+'?", words))
    return bool(tokens & compiled.auxiliaries) or bool(tokens & compiled.reflexive and tokens & compiled.etre)


def morphology_targets(words: list[str], compiled: Compiled) -> list[tuple[int, int]]:
    """Token ranges (first, last + 1) whose morphology may add a qualifier: a possible
    conditional or imparfait, an auxiliary and the three tokens after it (passé composé)."""
    targets = []
    for i, word in enumerate(words):
        low = word.lower()
        if _VERB_HINT.search(low) and low.strip("'") not in _NOT_VERBS:
            targets.append((i, i + 1))
        elif low in compiled.auxiliaries or (low in compiled.etre and i and words[i - 1].lower() in compiled.reflexive):
            targets.append((max(0, i - 1), i + 4))
    return targets


def _past_section(section: str, compiled: Compiled) -> bool:
    known = compiled.section_cache
    if section not in known:
        known[section] = bool(compiled.past_sections.search(fold_aligned(normalize(section))))
    return known[section]


def _statement(found: list[tuple[str, int, int]], focus: list[tuple[int, int]], actions: list[tuple[int, int]],
               clause: list[int], compiled: Compiled) -> str | None:
    """A statement of need or of fact ("la place des habitants reste à renforcer", "les
    ressources restent mal connues") in the clause of the subject describes no orientation:
    its cue, unless an action word lies beyond the words it governs ("restent mal connues ;
    la Ville organisera…" has its own clause; "…, c'est pourquoi la Ville organisera" keeps
    the action)."""
    reach = compiled.cues["statement"].window or 3
    for cue, a, b in found:
        if not any(clause[a] == clause[s] for s, _ in focus):
            continue
        if all(s < b + reach or clause[s] != clause[a] for s, _ in actions):
            return cue
    return None


def _comma_before(toks: Tokens, i: int) -> bool:
    """Whether a comma separates token i from the token before it."""
    return i > 0 and "," in toks.norm[toks.spans[i - 1][1]:toks.spans[i][0]]


def _incise_reach(toks: Tokens, a: int, b: int, clause: list[int]) -> tuple[int, int] | None:
    """A cue set between commas inside a sentence (an incise: "…, et à orienter, le cas
    échéant, les appels à projets…") bears on the phrase around it: the comma segment before
    it and the one after it, not the whole clause. None when the cue is no incise (it opens
    the sentence, or no comma follows it in its clause)."""
    n = len(toks.spans)
    if not _comma_before(toks, a) or clause[a - 1] != clause[a]:
        return None
    end = b
    while end < n and clause[end] == clause[a] and not _comma_before(toks, end):
        end += 1
    if end >= n or clause[end] != clause[a] or end - a > 8:
        return None
    start = a - 1
    while start > 0 and clause[start - 1] == clause[a] and not _comma_before(toks, start):
        start -= 1
    stop = end + 1
    while stop < n and clause[stop] == clause[a] and not _comma_before(toks, stop):
        stop += 1
    return start, stop


def _subordinate_regions(toks: Tokens, clause: list[int], compiled: Compiled) -> list[tuple[int, int]]:
    """Token ranges of relative and purpose clauses ("où aucune structure n'est identifiée",
    "afin que l'accès ne soit plus réservé…"): from the opener to the next comma or the end
    of its clause (cached on the tokens)."""
    if "subordinates" in toks.cache:
        return toks.cache["subordinates"]
    regions = []
    for _, a, b in find_phrases(compiled.subordinates, toks):
        if _quote(toks, a, b).lower() == "ou":  # folded "où" is also "ou" (or)
            continue
        end = a + 1
        while end < len(toks.spans) and clause[end] == clause[a] and not _comma_before(toks, end):
            end += 1
        regions.append((a, end))
    toks.cache["subordinates"] = regions
    return regions


def _in_subordinate_only(a: int, focus: list[tuple[int, int]], regions: list[tuple[int, int]]) -> bool:
    """Whether a negation cue at token `a` lies in a relative or purpose clause that leaves
    some of the matches outside: "un repérage … dans les domaines où aucun acteur n'intervient"
    still plans the repérage."""
    for s, e in regions:
        if s <= a < e and any(not (s <= fs and fe <= e) for fs, fe in focus):
            return True
    return False


def qualify(toks: Tokens, focus: list[tuple[int, int]], morphs: list[Morph] | None,
            section: str, compiled: Compiled, actions: list[tuple[int, int]] = ()) -> Qualified:
    """Qualifiers of the matches `focus` (token spans) in one sentence or table row; `actions`:
    the action words among them."""
    result = Qualified()
    clause, cues = _all_cues(toks, compiled)
    focus_clauses = {clause[i] for a, b in focus for i in range(a, b)}

    def in_scope(a: int) -> bool:
        return clause[a] in focus_clauses

    regions = _subordinate_regions(toks, clause, compiled)

    def aside(a: int) -> bool:
        return _in_subordinate_only(a, focus, regions)

    subject = [f for f in focus if f not in actions]

    def whole(reached) -> bool:
        # A cue of local reach negates a noun phrase, not the statement: it qualifies the
        # evidence when it reaches every subject match, or every action word ("un recensement
        # des associations sera engagé afin de repérer les secteurs sans aucun opérateur").
        return all(reached(f) for f in subject) or bool(actions) and all(reached(f) for f in actions)

    for following in (False, True):
        for cue, a, b in cues["negation_following" if following else "negation"]:
            if _reaches("negation", (a, b), focus, clause, compiled, following) and not aside(a) \
                    and whole(lambda f: _reaches("negation", (a, b), [f], clause, compiled, following)):
                result.qualifiers.setdefault("negation", cue)
    for cue, a, _ in cues["verbal"]:
        if in_scope(a) and not aside(a):
            result.qualifiers.setdefault("negation", cue)
    for cue, a, _ in cues["legal_frame"]:
        if in_scope(a):
            result.qualifiers.setdefault("legal_frame", cue)
    for kind in ("hypothesis", "exception", "past"):
        for cue, a, b in cues[kind]:
            if not _reaches(kind, (a, b), focus, clause, compiled):
                continue
            incise = _incise_reach(toks, a, b, clause) if kind == "hypothesis" else None
            if incise and not whole(lambda f: any(incise[0] <= i < incise[1] for i in range(*f))):
                continue
            result.qualifiers.setdefault(kind, cue)
    for cue, a, b in cues["weak"]:
        if _reaches("weak", (a, b), focus, clause, compiled):
            result.weak = result.weak or cue
    result.statement = _statement(cues["statement"], focus, actions, clause, compiled)
    if section and _past_section(section, compiled):
        result.qualifiers.setdefault("past", f"section « {section} »")
    if morphs:
        _add_morphology(result, toks, clause, focus_clauses, morphs, compiled)
    return result


def _add_morphology(result: Qualified, toks: Tokens, clause: list[int], focus_clauses: set[int],
                    morphs: list[Morph], compiled: Compiled) -> None:
    """The first conditional (hypothesis) and the first past tense (past) in the clauses of the
    matches, unless a lexical cue already gave that qualifier."""
    for m in _conditionals(morphs, compiled):
        if _morph_clause(toks, clause, m) in focus_clauses:
            result.qualifiers.setdefault("hypothesis", m.text)
            break
    for cue, m in _past_verbs(morphs, compiled):
        if _morph_clause(toks, clause, m) in focus_clauses:
            result.qualifiers.setdefault("past", cue)
            break


# Markers -------------------------------------------------------------------------------------

EMPTY_CELLS = {"", "-", "–", "—", "/", "nc", "n.c.", "n/a", "?", "x", "a definir", "a preciser",
               "non defini", "non definie", "sans objet", "neant"}


# A value still to be decided: "Pilote : à désigner", "Moyens : à définir dans le cadre de…".
UNDECIDED = re.compile(r"(a (definir|preciser|designer|construire|determiner|confirmer|fixer|completer|venir|identifier)"
                       r"|en cours de (definition|construction)|non (defini|determine|connu)e?s?)\b")
_LABEL_VALUE = re.compile(r"^[\W_]*([^:|]{1,40}?)\s*:\s*(.*)$", re.S)


def undecided_label(folded: str, compiled: Compiled) -> bool:
    """Whether a line is a fiche action's "Label : value" under a marker's label (pilote,
    moyens, calendrier, indicateurs) with nothing decided as value: such a line is no marker."""
    m = _LABEL_VALUE.match(folded)
    if not m or not any(regex.search(m.group(1)) for regex in compiled.columns.values()):
        return False
    value = m.group(2).strip(" .;")
    return value in EMPTY_CELLS or bool(UNDECIDED.match(value))


def marker_spans(folded: str, compiled: Compiled) -> list[tuple[str, tuple[int, int]]]:
    """Every marker match of a text: (marker, char span), except inside the spans that hold no
    marker (the date of a law: "loi du 21 février 2014") and on a marker label with an
    undecided value ("Calendrier : à préciser")."""
    if ":" in folded and undecided_label(folded, compiled):
        return []
    found = [(marker, m.span()) for marker, regex in compiled.markers.items() for m in regex.finditer(folded)]
    if found and compiled.marker_ignore:
        ignored = [m.span() for m in compiled.marker_ignore.finditer(folded)]
        found = [(marker, span) for marker, span in found if not any(overlaps(span, i) for i in ignored)]
    return found


def text_markers(folded: str, compiled: Compiled, skip: list[tuple[int, int]] = (),
                 spans: list[tuple[str, tuple[int, int]]] | None = None) -> set[str]:
    """Markers in a text; `skip` (char spans) holds the subject itself: the "évaluation" of an
    "évaluation participative" is the subject, not an indicator of it (a marker that only
    overlaps the subject, "dès la programmation 2025", still counts). `spans`: the text's
    marker_spans, when already known."""
    if spans is None:
        spans = marker_spans(folded, compiled)
    found = set()
    for marker, (a, b) in spans:
        if marker in found:
            continue
        for s, e in skip:
            if s <= a and b <= e:  # inside the subject; "dès l'appel à projets 2025" is more
                break
        else:
            found.add(marker)
    return found


def header_columns(cells: list[str], compiled: Compiled, *, status: bool = False,
                   max_len: int = 60) -> dict[int, str] | None:
    """Column index -> marker (or "status" when asked), when `cells` look like the header row
    of an action table: at least two known columns, each header short."""
    columns = {}
    for i, cell in enumerate(cells):
        folded = _fold_cell(cell).strip()
        if len(folded) > max_len:
            continue
        if status and compiled.status_columns.search(folded):
            columns[i] = "status"
            continue
        for marker, regex in compiled.columns.items():
            if regex.search(folded):
                columns[i] = marker
                break
    return columns if len(columns) >= 2 else None


def column_markers(cells: list[str], header: dict[int, str]) -> set[str]:
    found = set()
    for i, marker in header.items():
        if i >= len(cells):
            continue
        value = _fold_cell(cells[i]).strip(" .")
        if value in EMPTY_CELLS or UNDECIDED.match(value):
            continue
        if marker == "montant" and not re.search(r"\d", value):
            continue
        found.add(marker)
    return found


def _fold_cell(text: str) -> str:
    return fold_aligned(normalize(text))
