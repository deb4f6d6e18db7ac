"""Evaluating a Document against a rule set: evidence, levels, what is missing.

1. Every block is cut into units: sentences of body text and headings; a list item or a table
   row is one unit. Units are tokenised on folded text with lemma keys (cheap, no spaCy).
2. A unit is a candidate for a rule when it holds the first word of one of its subject terms,
   or a first word of every group of a co-occurrence; only candidates are matched in full
   (terms, co-occurrences within one clause, exclusions, actions). A table row's subject must
   lie outside its marker columns.
3. spaCy's morphologizer runs once, in a batch, over the matched units only (tense, mood).
4. Qualifiers (the unit's own cues, a condition governing its fiche, section or list, an
   unticked box) decide whether a piece of evidence counts; actions and markers (of the unit,
   its paragraph or list lead-in, its table row) its level. A heading counts only when text
   under it counts for the same rule.
"""

from __future__ import annotations

import bisect
import gc
import re
from dataclasses import dataclass, field

from contratvie.audit import (
    LEVEL_LABELS, MARKERS, MISSING_LABELS, Audit, CriterionResult, DocumentInfo, Evidence, ToolInfo,
    gaps_of, score_of,
)
from contratvie.document import Block, Document
from contratvie.engine import nlp
from contratvie.engine.compiled import Compiled, CompiledRule, compile_ruleset
from contratvie.engine.loader import RuleSet
from contratvie.text import fold
from contratvie.engine.patterns import Tokens, find_any, fold_aligned, overlaps, tokenize
from contratvie.text import normalize
from contratvie.engine.qualify import (
    clauses, column_markers, header_columns, marker_spans, morphology_targets, needs_morphology, negated_or_hypothetical,
    UNDECIDED, qualify, text_markers,
)

PLACE_KINDS = ("toc", "header", "footer", "glossary", "signature")
SUBSTANTIVE = ("body", "list_item", "table")
MAX_EVIDENCE = 20
MAX_PARAGRAPH_BLOCKS = 15  # a longer "paragraph" means ingest gave no paragraph ids

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"»)]?\s+(?=[«\"(\[]?[A-ZÀ-ÖØ-Þ0-9•–-])")
_ABBREVIATIONS = re.compile(r"(?:\b(?:M|MM|Mme|Mmes|Dr|art|cf|p|pp|n°|no|env|ex|etc|vol|chap|St|Ste)\.)$"
                            r"|(?-i:(?:\b[A-Z]\.){2,})$", re.I)


def split_sentences(text: str) -> list[str]:
    pieces, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        candidate = text[start:m.start()].strip()
        if _ABBREVIATIONS.search(candidate):
            continue
        if candidate:
            pieces.append(candidate)
        start = m.end()
    rest = text[start:].strip()
    if rest:
        pieces.append(rest)
    return pieces


@dataclass
class Unit:
    block: Block
    index: int  # of the block, in document order
    text: str  # as printed: the quote
    toks: Tokens
    morphs: list | None = None
    markers: set[str] | None = None


@dataclass
class Hit:
    rule: CompiledRule
    unit: Unit
    subject: list[tuple[int, int]]
    terms: list[str]
    actions: list[tuple[int, int]]


@dataclass
class Context:
    """Per-document structures shared by the rules."""
    blocks: list[Block]
    units: list[list[Unit]]  # per block
    groups: list[list[int]] = field(default_factory=list)  # per block: blocks of its paragraph
    headers: dict[int, dict[int, str] | None] = field(default_factory=dict)
    conditions: dict[int, str] = field(default_factory=dict)  # per block: a condition governing it
    row_columns: dict[int, dict[int, str] | None] = field(default_factory=dict)  # per table row


def block_text(block: Block) -> str:
    if block.kind == "table" and block.cells:
        return " | ".join(c.strip() for c in block.cells)
    return block.text


def make_units(block: Block, index: int, lemma_map: dict[str, str]) -> list[Unit]:
    text = block_text(block)
    if block.kind in ("table", "list_item", "toc", "header", "footer", "signature"):
        pieces = [text.strip()] if text.strip() else []
    else:
        pieces = split_sentences(text)
    return [Unit(block, index, p, tokenize(p, lemma_map)) for p in pieces]


def build_context(doc: Document, compiled: Compiled) -> Context:
    blocks = list(doc.blocks())
    ctx = Context(blocks, [make_units(b, i, compiled.lemma_map) for i, b in enumerate(blocks)])
    ctx.groups = _paragraph_groups(blocks)
    ctx.conditions = _governing_conditions(blocks, ctx.groups)
    return ctx


# A condition on a whole fiche, list or section: "Cette fiche est conditionnelle", "Sa mise en
# œuvre est subordonnée à l'appel à projets", a heading "… (sous réserve de l'appel à projets)",
# a lead-in "Sous réserve du vote du budget, la Ville s'engage à :".
_CONDITION = re.compile(r"\b(sous reserve d|subordonnee?s? (a|au|aux)\b|conditionnel(le)?s?\b"
                        r"|conditionnee?s? (a|au|aux|par)\b)")
_CONDITION_HINT = re.compile(r"(?i)r[ée]serve|subordonn|conditionn")
_WHOLE = re.compile(r"^\W*(cette fiche|cette action|ce volet|cet engagement|cet axe|ces (actions|mesures|engagements)"
                    r"|sa mise en (oeuvre|œuvre)|leur mise en (oeuvre|œuvre)|l'ensemble (de cette fiche|de ces|des actions))\b")


def _governing_conditions(blocks: list[Block], groups: list[list[int]]) -> dict[int, str]:
    """Per block index, the condition that governs it from a heading of its section, a
    statement about the whole fiche in its section, or the lead-in of its list."""
    by_section: dict[tuple, str] = {}
    found: dict[int, str] = {}
    for i, block in enumerate(blocks):
        if block.kind in PLACE_KINDS or not _CONDITION_HINT.search(block.text):
            continue
        folded = fold(block.text)
        cue = _CONDITION.search(folded)
        if not cue:
            continue
        if block.kind == "heading":
            section = tuple(block.section)
            if not section or section[-1] != block.text:
                section += (block.text,)
            by_section.setdefault(section, cue.group(0))
        elif block.kind == "body" and _WHOLE.search(folded):
            by_section.setdefault(tuple(block.section), cue.group(0))
        elif block.kind == "body" and folded.rstrip().endswith(":"):
            for k in groups[i]:
                if blocks[k].kind == "list_item":
                    found.setdefault(k, cue.group(0))
    for i, block in enumerate(blocks if by_section else ()):
        section = tuple(block.section)
        for n in range(len(section), 0, -1):
            if section[:n] in by_section:
                found.setdefault(i, by_section[section[:n]])
                break
    return found


def _paragraph_groups(blocks: list[Block]) -> list[list[int]]:
    """Per block, the indices of the consecutive blocks sharing its paragraph id."""
    groups: list[list[int]] = [[] for _ in blocks]
    i = 0
    while i < len(blocks):
        j = i
        while j + 1 < len(blocks) and blocks[j + 1].paragraph == blocks[i].paragraph \
                and blocks[j + 1].kind not in PLACE_KINDS + ("heading",):
            j += 1
        run = list(range(i, j + 1))
        for k in run:
            groups[k] = run if len(run) <= MAX_PARAGRAPH_BLOCKS else [k]
        i = j + 1
    return groups


def _header_above(ctx: Context, index: int, classify, cache: dict) -> dict[int, str] | None:
    """The first row above a table row, in the same table, that `classify` reads as a header."""
    if index in cache:
        return cache[index]
    row = ctx.blocks[index]
    found = None
    for k in range(index - 1, max(-1, index - 60), -1):
        other = ctx.blocks[k]
        if other.kind in ("header", "footer"):
            continue
        if other.kind != "table":
            break
        if other.cells and len(other.cells) == len(row.cells or []):
            found = classify(other.cells)
            if found:
                break
    cache[index] = found
    return found


def _table_header(ctx: Context, index: int, compiled: Compiled) -> dict[int, str] | None:
    """The column map of the action table a row belongs to (nearest header row above it)."""
    return _header_above(ctx, index, lambda cells: header_columns(cells, compiled), ctx.headers)


def _row_columns(ctx: Context, index: int, compiled: Compiled) -> dict[int, str] | None:
    """Column index -> "status" or marker for the columns that may qualify a whole row: a
    status column ("État", "Statut", "Avancement") and the pilote, means and calendar columns."""
    return _header_above(
        ctx, index, lambda cells: header_columns(cells, compiled, status=True, max_len=40), ctx.row_columns)


def _fold(text: str) -> str:
    return fold_aligned(normalize(text)).strip()


def row_qualifiers(ctx: Context, unit: Unit, compiled: Compiled) -> dict[str, str]:
    """Qualifiers a table row takes from its status, pilote, means or calendar cells:
    "5 | Recensement des associations | à l'étude | —" is no described action. An undecided
    value ("à définir") only qualifies under a status column; under a marker column it is
    merely no marker."""
    block = unit.block
    if block.kind != "table" or not block.cells or not compiled.row_cues:
        return {}
    columns = _row_columns(ctx, unit.index, compiled)
    found: dict[str, str] = {}
    for i, role in (columns or {}).items():
        if i >= len(block.cells):
            continue
        value = _fold(block.cells[i])
        if role != "status" and UNDECIDED.match(value):
            continue
        for kind, regex in compiled.row_cues.items():
            if regex.search(value):
                found.setdefault(kind, block.cells[i].strip())
    return found


def _marker_spans(unit: Unit, compiled: Compiled) -> list:
    """The unit's markers, without those a negation or a hypothesis reaches ("aucune avance
    n'est prévue", "le cas échéant, 5 000 €")."""
    toks = unit.toks
    cache = toks.cache
    if "markers" not in cache:
        found = marker_spans(toks.folded, compiled)
        if found:
            starts = [a for a, _ in toks.spans]
            found = [(marker, span) for marker, span in found
                     if not negated_or_hypothetical(toks, _token_span(starts, span), compiled)]
        cache["markers"] = found
    return cache["markers"]


def _token_span(starts: list[int], span: tuple[int, int]) -> tuple[int, int]:
    first = max(0, bisect.bisect_right(starts, span[0]) - 1)
    last = max(first + 1, bisect.bisect_left(starts, span[1]))
    return first, last


def unit_markers(unit: Unit, compiled: Compiled) -> set[str]:
    if unit.markers is None:
        unit.markers = {marker for marker, _ in _marker_spans(unit, compiled)}
    return unit.markers


def scope_markers(ctx: Context, unit: Unit, compiled: Compiled, skip: list[tuple[int, int]]) -> set[str]:
    """Markers in the sentence, its paragraph or list, or its table row (but not in `skip`, the
    char spans of the subject in the unit itself)."""
    block = unit.block
    own = text_markers(unit.toks.folded, compiled, skip, _marker_spans(unit, compiled))
    if block.kind == "table":
        found = set(own)
        header = _table_header(ctx, unit.index, compiled) if block.cells else None
        if header:
            found |= column_markers(block.cells, header)
        return found
    return own | neighbour_markers(ctx, unit, compiled)


def neighbour_markers(ctx: Context, unit: Unit, compiled: Compiled) -> frozenset[str]:
    """Markers of the other units of the unit's paragraph or list (cached per unit).

    An item of a list is a commitment of its own: it borrows the markers of the text that
    leads the list in ("Le Département s'engage, dès 2025, à :") and of a fiche's "Label :
    value" lines ("Pilote : la Ville"), not those of its sibling items ("7. Une instance …
    se réunit deux fois par an" gives no calendar to item 6)."""
    if "neighbours" not in unit.toks.cache:
        found: set[str] = set()
        if unit.block.kind != "table":
            item = unit.block.kind == "list_item"
            for k in ctx.groups[unit.index]:
                for other in ctx.units[k]:
                    if other is unit:
                        continue
                    if item and other.block.kind == "list_item" and not _fiche_line(other.text):
                        continue
                    found |= unit_markers(other, compiled)
        unit.toks.cache["neighbours"] = frozenset(found)
    return unit.toks.cache["neighbours"]


_BULLET = re.compile(r"^\s*(?:[-•–—▪●◦*]|\(?\d{1,2}[.)°]|\(?[a-z][.)])?\s*")
# An option left unticked ("☐ …", "[ ] …") was not retained; a ticked one ("☑", "[x]") may be.
_UNCHECKED = re.compile(r"^\s*(?:[-•–—▪●◦*]\s*)?(?:[☐□❏❑]|\[\s?\])")
_FICHE_LABEL = re.compile(r"^[^\W\d][\w'’ ]{0,40}?\s?:\s*\S")


def _fiche_line(text: str) -> bool:
    """A fiche's "Label : value" line ("Pilote : la Ville", "Calendrier : 2025-2026"): a short
    label of at most four words before a colon."""
    rest = text[_BULLET.match(text).end():]
    m = _FICHE_LABEL.match(rest)
    return bool(m) and len(rest[:rest.index(":")].split()) <= 4


def match_rule(rule: CompiledRule, unit: Unit, compiled: Compiled) -> Hit | None:
    toks = unit.toks
    matches = find_any(rule.subject, toks)
    cooccurrences = []
    if rule.groups and not find_any(rule.off_topic, toks):
        for group in rule.groups:
            found = [find_any(alternatives, toks) for alternatives in group]
            if all(found):
                cooccurrences.append(found)
    if not matches and not cooccurrences:
        return None
    excluded = [(a, b) for _, a, b in find_any(rule.exclude, toks)]
    if excluded:
        def keep(found):
            return [(t, a, b) for t, a, b in found if not any(overlaps((a, b), e) for e in excluded)]

        matches = keep(matches)
        cooccurrences = [[keep(f) for f in found] for found in cooccurrences]
    topic = [(a, b) for _, a, b in matches]  # the subject's own words (co-occurrences hold actions)
    for found in cooccurrences:
        together = _same_clause(found, clauses(toks, compiled))
        if together:
            matches += [m for f in together for m in f]
    if not matches:
        return None
    spans = [(a, b) for _, a, b in matches]
    # An action word inside the subject's own words ("Points d'information à la vie associative")
    # describes nothing.
    inside = {i for a, b in topic for i in range(a, b)}
    # A list item or a table row may commit without a verb ("Un fonds d'initiatives, doté de
    # 5 000 € par an"); a sentence has its own verb, and a bare participle there describes.
    sentence = unit.block.kind not in ("list_item", "table")
    actions = [(a, b) for t, a, b in find_any(rule.actions, toks) if inside.isdisjoint(range(a, b))
               and not (t.text in compiled.commitments and sentence and adjectival_participle(toks, a))]
    terms = list(dict.fromkeys(t.text for t, _, _ in matches))
    return Hit(rule, unit, spans, terms, actions)


# A past participle, as printed ("désignés", "créé", "mise", "conclue", "garanties"); "-i", "-is",
# "-it" are also presents ("garantit"): only "mis", "garanti(s)" of the commitment verbs
_PARTICIPLE = re.compile(r"(?:é|ée|és|ées|ie|ies|u|ue|us|ues|ise|ises|^mis|^garantis?)$")
_PRESENTS = frozenset({"crée", "crées"})  # "la Ville crée un fonds"
# Auxiliaries and the reflexive pronoun (folded): "seront désignés", "a été créé", "s'est doté"
_AUXILIARY = frozenset("est sont sera seront serait seraient soit soient etre ete etait etaient fut furent "
                       "a ont aura auront aurait auraient avait avaient avoir ai avons avez sommes etes "
                       "s se".split())


def adjectival_participle(toks: Tokens, i: int) -> bool:
    """Whether token i is a past participle used as an adjective, with no auxiliary in the
    three words before it: "les habitants désignés par la table de quartier", "le conseil
    citoyen, créé en 2015," describe people or things; "seront désignés chaque année", "a été
    créé", "désignera", "s'engage à désigner" are commitments (or a past, which `past` handles)."""
    word = toks.norm[toks.spans[i][0]:toks.spans[i][1]].lower()
    if not _PARTICIPLE.search(word) or word in _PRESENTS:
        return False
    return not any(f in _AUXILIARY for f in toks.forms[max(0, i - 3):i])


def _same_clause(found: list[list], clause: list[int]) -> list[list] | None:
    """The matches of a co-occurrence that meet in one clause (a table cell, a clause cut at ";"
    or "mais"), or None: "nombre d'habitants porteurs | bilan en comité de pilotage" is no
    resident in the steering committee."""
    if not all(found):
        return None
    shared = set.intersection(*({clause[a] for _, a, _ in f} for f in found))
    if not shared:
        return None
    return [[m for m in f if clause[m[1]] in shared] for f in found]


def find_hits(ctx: Context, compiled: Compiled, rules: list[CompiledRule]) -> list[Hit]:
    hits = []
    seen: dict[str, list[Hit]] = {}  # the same text (running headers, repeated lines) matches alike
    for units in ctx.units:
        for unit in units:
            if unit.toks.folded not in seen:
                keyset = unit.toks.keyset
                found = [match_rule(rule, unit, compiled) for rule in rules if rule.candidate(keyset)]
                seen[unit.toks.folded] = [h for h in found if h]
            for hit in seen[unit.toks.folded]:
                if _kind_allowed(hit.rule, unit.block):
                    hits.append(hit if hit.unit is unit else
                                Hit(hit.rule, unit, hit.subject, hit.terms, hit.actions))
    return hits


def outside_marker_columns(hit: Hit, ctx: Context, compiled: Compiled) -> Hit | None:
    """A table row's subject lies in its action cells, not under a "Pilote", "Moyens",
    "Calendrier" or "Indicateurs" column: "1 ETP de chargé de mission vie associative" in the
    means column is a means of another action, "nombre de quartiers sans opérateur" an
    indicator. None when no subject word is left."""
    block = hit.unit.block
    if block.kind != "table" or not block.cells:
        return hit
    header = _table_header(ctx, hit.unit.index, compiled)
    if not header:
        return hit
    toks = hit.unit.toks

    def outside(spans):
        return [(a, b) for a, b in spans if toks.norm.count("|", 0, toks.spans[a][0]) not in header]

    subject = outside(hit.subject)
    if not subject:
        return None
    return Hit(hit.rule, hit.unit, subject, hit.terms, outside(hit.actions))


def _kind_allowed(rule: CompiledRule, block: Block) -> bool:
    return block.kind in rule.rule.kinds or block.kind in PLACE_KINDS or \
        (block.kind == "list_item" and "body" in rule.rule.kinds)


def grade(hit: Hit, ctx: Context, compiled: Compiled, memo: dict | None = None) -> "Graded":
    """Grade a hit; identical situations (same rule, text, kind, section, neighbouring markers,
    table header) are graded once."""
    unit, block = hit.unit, hit.unit.block
    if memo is None:
        return _grade(hit, ctx, compiled)
    header = _table_header(ctx, unit.index, compiled) if block.kind == "table" and block.cells else None
    key = (hit.rule.rule.id, unit.toks.folded, block.kind, block.section, tuple(sorted((header or {}).items())),
           neighbour_markers(ctx, unit, compiled), ctx.conditions.get(unit.index),
           tuple(sorted(row_qualifiers(ctx, unit, compiled).items())))
    if key not in memo:
        memo[key] = _grade(hit, ctx, compiled)
    done = memo[key]
    return done if done.hit is hit else Graded(hit, done.level, done.markers, done.qualifiers, done.cues)


def _grade(hit: Hit, ctx: Context, compiled: Compiled) -> "Graded":
    unit, block = hit.unit, hit.unit.block
    focus = hit.subject + hit.actions
    q = qualify(unit.toks, focus, unit.morphs, block.section_path, compiled, hit.actions)
    qualifiers = dict(q.qualifiers)
    if _UNCHECKED.match(block_text(block)):
        qualifiers.setdefault("hypothesis", "case non cochée")
    if unit.index in ctx.conditions:
        qualifiers.setdefault("hypothesis", ctx.conditions[unit.index])
    for kind, cue in row_qualifiers(ctx, unit, compiled).items():
        qualifiers.setdefault(kind, cue)
    level = 2 if hit.actions and not q.statement else 1
    spans = unit.toks.spans
    skip = [(spans[a][0], spans[b - 1][1]) for a, b in hit.subject]
    markers = scope_markers(ctx, unit, compiled, skip) if block.kind not in PLACE_KINDS else set()
    if block.kind in PLACE_KINDS:
        qualifiers[block.kind] = block.kind
    elif block.kind == "heading":
        markers = set()
    if level == 2 and len(markers) >= 2 and not q.weak:
        level = 3
    cues = {k: v for k, v in qualifiers.items() if k not in PLACE_KINDS}
    if q.weak:
        cues["non_engageant"] = q.weak
    if q.statement and hit.actions:
        cues["constat"] = q.statement
    return Graded(hit, level, [m for m in MARKERS if m in markers], list(qualifiers), cues)


def _headings_follow_text(graded: list["Graded"]) -> list["Graded"]:
    """A heading only names a section: it counts, at level 1, when substantive text under it
    (its section or a subsection) counts for the same rule; otherwise it is `heading_only`.
    So a heading never raises a level by itself ("3.3 Conseils citoyens et réseaux d'appui")."""
    supported: set[tuple[str, ...]] = set()
    for g in graded:
        block = g.hit.unit.block
        if g.counts and block.kind in SUBSTANTIVE:
            supported.update(tuple(block.section[:n]) for n in range(1, len(block.section) + 1))
    result = []
    for g in graded:
        if g.hit.unit.block.kind != "heading" or not g.counts:
            result.append(g)
        elif tuple(g.hit.unit.block.section) in supported:
            result.append(Graded(g.hit, min(g.level, 1), [], g.qualifiers, g.cues))
        else:
            result.append(Graded(g.hit, min(g.level, 1), [], g.qualifiers + ["heading_only"],
                                 {**g.cues, "heading_only": "titre sans texte qui en parle"}))
    return result


@dataclass
class Graded:
    """A graded hit; becomes an Evidence only if it is among the best shown (pydantic is slow)."""
    hit: Hit
    level: int
    markers: list[str]
    qualifiers: list[str]
    cues: dict[str, str]

    @property
    def counts(self) -> bool:
        return not self.qualifiers

    def evidence(self, paged: bool = True) -> Evidence:
        unit, block = self.hit.unit, self.hit.unit.block
        return Evidence(
            page=block.page if paged else None, page_label=block.page_label, section=block.section_path,
            kind="body" if block.kind == "list_item" else block.kind, text=unit.text,
            markers=self.markers, qualifiers=self.qualifiers, counts=self.counts, level=self.level,
            terms=self.hit.terms, cues=self.cues,
        )


def _best_first(graded: list[Graded], paged: bool) -> list[Evidence]:
    seen, unique = set(), []
    for g in graded:
        key = (g.hit.unit.toks.folded, tuple(g.qualifiers))
        if key not in seen:
            seen.add(key)
            unique.append(g)
    unique.sort(key=lambda g: (not g.counts, -g.level, -len(g.markers), g.hit.unit.block.page))
    return [g.evidence(paged) for g in unique[:MAX_EVIDENCE]]


def missing_for(level: int, evidence: list[Evidence], rule) -> list[str]:
    if level >= 3:
        return []
    if level == 2:
        best = max((e for e in evidence if e.counts and e.level == 2), key=lambda e: len(e.markers))
        return [MISSING_LABELS[m] for m in MARKERS if m not in best.markers]
    if level == 1:
        # The rule's own wording of level 2 says what to write; its first action words rarely do.
        expected = _mid_sentence(rule.levels[2].rstrip("."))
        return [f"aucune action ni orientation décrite ; pour « décrit » : {expected}"]
    terms = [t for t in rule.subject if isinstance(t, str)][:3]
    lacks = [f"le sujet n'est pas nommé dans le texte du contrat (par ex. : {', '.join(terms)})"]
    if evidence:
        lacks.append("mentions seulement niées, hypothétiques, passées ou hors du texte "
                     "(sommaire, en-têtes, glossaire, signatures)")
    return lacks


def _mid_sentence(text: str) -> str:
    """`text` continuing a sentence: its first letter in lowercase, unless its first word is
    an acronym or a name with capitals ("CPO", "Guid'Asso"); "L'EPCI" becomes "l'EPCI"."""
    word = text.split(" ", 1)[0]
    elided = re.match(r"[LDld]['’]", word)  # "L'EPCI": the article, not the acronym
    if not elided and any(c.isupper() for c in word[1:]):  # "CPO", "Guid'Asso"
        return text
    return text[:1].lower() + text[1:]


def add_morphology(hits: list[Hit], compiled: Compiled) -> None:
    """Run the morphologizer once, in a batch, on the distinct texts that may need it."""
    units = {id(h.unit): h.unit for h in hits if h.unit.block.kind not in PLACE_KINDS}.values()
    units = [u for u in units if needs_morphology(u.toks, compiled)]
    texts = list(dict.fromkeys(u.toks.norm for u in units))
    analysed = dict(zip(texts, nlp.analyse(texts, select=lambda words: morphology_targets(words, compiled))))
    for unit in units:
        unit.morphs = analysed[unit.toks.norm]


def evaluate(doc: Document, ruleset: RuleSet) -> Audit:
    # Evaluation allocates many small objects and no cycles worth collecting: the collector's full
    # passes over the document and the model cost up to a third of the time.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _evaluate(doc, ruleset)
    finally:
        if enabled:
            gc.enable()


def _evaluate(doc: Document, ruleset: RuleSet) -> Audit:
    compiled = compile_ruleset(ruleset)
    rules = [compiled.rules[r.id] for r in ruleset.rules]
    ctx = build_context(doc, compiled)
    hits = [h for h in (outside_marker_columns(hit, ctx, compiled) for hit in find_hits(ctx, compiled, rules)) if h]
    add_morphology(hits, compiled)
    by_rule: dict[str, list[Graded]] = {r.rule.id: [] for r in rules}
    memo: dict = {}
    for hit in hits:
        by_rule[hit.rule.rule.id].append(grade(hit, ctx, compiled, memo))
    for rule_id, graded in by_rule.items():
        by_rule[rule_id] = _headings_follow_text(graded)
    criteria = []
    for compiled_rule in rules:
        rule = compiled_rule.rule
        level = max((g.level for g in by_rule[rule.id] if g.counts), default=0)
        evidence = _best_first(by_rule[rule.id], doc.paged)
        criteria.append(CriterionResult(
            id=rule.id, key=rule.key, title=rule.title, weight=rule.weight, level=level,
            level_label=LEVEL_LABELS[level], evidence=evidence,
            missing=missing_for(level, evidence, rule),
            recommendation=rule.recommendation, model_clause=rule.model_clause,
        ))
    info = DocumentInfo(path=doc.path, sha256=doc.sha256, format=doc.format, title=doc.title,
                        pages=doc.page_count, unreadable_pages=doc.unreadable_pages)
    return Audit(tool=ToolInfo(rules_version=ruleset.version), document=info,
                 score=score_of(criteria), criteria=criteria, gaps=gaps_of(criteria))
