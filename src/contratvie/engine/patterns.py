"""Tokens, terms and phrases: the lexical layer of the engine.

Text is matched on its folded form (lowercase, no accents, normalised by text.normalize), cut
into words at every non-letter (so "l'association" is "l" + "association" and "co-construction"
is "co" + "construction"). Each word has a key: its lemma from the reduced lemma map, or the
folded form itself. A term matches when its words' keys follow each other in the text; small
words inside a term ("fonds de participation des habitants") may be left out or doubled.
Acronyms (terms written in capitals) match case-sensitively.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from contratvie.text import for_matching, normalize, strip_accents

WORD = re.compile(r"[^\W_]+")
# Small words a multi-word term tolerates between its words, or lacks.
STOP = frozenset("de des du d la le les l a au aux en et un une pour par sur dans avec".split())
MAX_SKIP = 2
# After these, a participle-looking word is a noun: "les coordonnées", "la portée".
DETERMINERS = frozenset("le la les l un une des du de d ses sa son leur leurs ces cette ce cet nos notre "
                        "vos votre mes ma mon aux au quelques plusieurs".split())


def _accent_table() -> dict[int, str]:
    table = {}
    for code in range(0xC0, 0x250):
        base = strip_accents(chr(code))
        if len(base) == 1 and base != chr(code):
            table[code] = base
    return table


_ACCENTS = _accent_table()


def unaccent(text: str) -> str:
    """Accents removed, one character for one (fast path of text.strip_accents)."""
    return text.translate(_ACCENTS)


def fold_aligned(norm: str) -> str:
    """Lowercase, accent-free copy of normalised text, with the same length (offsets agree)."""
    folded = unaccent(norm).lower()
    if len(folded) == len(norm):
        return folded
    return "".join((unaccent(c).lower() or c)[:1] for c in norm)


@dataclass
class Tokens:
    norm: str  # normalised text (case and accents kept)
    folded: str  # same length as norm
    spans: list[tuple[int, int]]
    forms: list[str]  # folded words
    raw: list[str]  # words with their case, accents removed (acronyms)
    keys: list[str]  # lemma keys
    alts: dict[int, list[str]] = field(default_factory=dict)  # token -> second readings
    _index: dict[str, list[int]] | None = None
    _keyset: frozenset[str] | None = None
    _positions: dict[str, list[int]] | None = None
    cache: dict = field(default_factory=dict)  # per-text results shared by the rules

    @property
    def index(self) -> dict[str, list[int]]:
        """Positions of every key and every raw (acronym) form."""
        if self._index is None:
            index: dict[str, list[int]] = {}
            for i, (key, raw) in enumerate(zip(self.keys, self.raw)):
                index.setdefault(key, []).append(i)
                if raw != key:
                    index.setdefault(raw, []).append(i)
            for i, others in self.alts.items():
                for key in others:
                    index.setdefault(key, []).append(i)
            self._index = index
        return self._index

    @property
    def keyset(self) -> frozenset[str]:
        if self._keyset is None:
            self._keyset = frozenset(self.index)
        return self._keyset

    @property
    def positions(self) -> dict[str, list[int]]:
        """Positions of every folded form (for plain phrases)."""
        if self._positions is None:
            positions: dict[str, list[int]] = {}
            for i, form in enumerate(self.forms):
                positions.setdefault(form, []).append(i)
            self._positions = positions
        return self._positions


# A line-end hyphen kept by extraction: "associa- tive", "dé- marches" (a letter, a hyphen, a
# space, a lowercase letter). Real compounds have no space: "micro-projets", "co-construction".
_BROKEN = re.compile(r"(?<=[^\W\d_])- (?=[a-zà-öø-ÿœ])")


def repair(norm: str) -> str:
    return _BROKEN.sub("", norm)


GLUED_MIN = 12  # shorter unknown words are not tried as glued words


def glued_parts(form: str, lemma_map: dict[str, str]) -> list[int] | None:
    """Cut points of a glued word into known words ("conseilscitoyens" -> conseils + citoyens):
    every piece a form of the lemma map (3 letters or more) or a small word; None if none."""
    n = len(form)
    best: dict[int, list[int]] = {0: []}  # reachable position -> cuts before it
    for start in range(n):
        if start not in best:
            continue
        for end in range(start + 2, n + 1):
            piece = form[start:end]
            if (len(piece) >= 3 and piece in lemma_map) or piece in STOP:
                best.setdefault(end, best[start] + [end])
    cuts = best.get(n)
    return cuts[:-1] if cuts and len(cuts) > 1 else None


def tokenize(text: str, lemma_map: dict[str, str], *, normalized: bool = False) -> Tokens:
    norm = repair(text if normalized else for_matching(text, lemma_map.__contains__))
    bare = unaccent(norm)
    folded = bare.lower()
    if len(folded) != len(norm) or len(bare) != len(norm):
        folded = fold_aligned(norm)
        bare = "".join((unaccent(c) or c)[:1] for c in norm)
    spans, forms, raw, keys = [], [], [], []
    alts: dict[int, list[str]] = {}
    get = lemma_map.get
    alternates = getattr(lemma_map, "alternates", None) or {}
    participles = getattr(lemma_map, "participles", None) or {}
    participle_forms = getattr(lemma_map, "participle_forms", ())
    for a, b in _word_spans(folded, lemma_map):
        form = folded[a:b]
        i = len(forms)
        if form in alternates:
            alts[i] = alternates[form]
        if form in participle_forms and not (forms and forms[-1] in DETERMINERS):
            verb = participles.get(norm[a:b].lower())
            if verb:
                alts[i] = alts.get(i, []) + [verb]
        spans.append((a, b))
        forms.append(form)
        raw.append(bare[a:b])
        keys.append(get(form, form))
    return Tokens(norm, folded, spans, forms, raw, keys, alts)


def _word_spans(folded: str, lemma_map: dict[str, str]):
    for m in WORD.finditer(folded):
        a, b = m.span()
        if b - a >= GLUED_MIN and m.group() not in lemma_map:
            cuts = glued_parts(m.group(), lemma_map)
            if cuts:
                edges = [a] + [a + c for c in cuts] + [b]
                yield from zip(edges, edges[1:])
                continue
        yield a, b


def is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and word.isalnum() and not word.isdigit()


@dataclass(frozen=True)
class Word:
    key: str
    acronym: bool = False
    optional: bool = False
    capital: bool = False  # a proper name's capital: "Pôle emploi" is not "pôles d'emploi"


@dataclass(frozen=True)
class Term:
    text: str  # as written in the rule
    words: tuple[Word, ...]

    @property
    def anchor(self) -> str:
        return self.words[0].key


def compile_term(text: str, lemma_map: dict[str, str], proper: bool = False) -> Term | None:
    """`proper`: words written with a capital initial match only capitalised words (off-topic
    proper names: "Pôle emploi", "France Travail")."""
    raw_words = WORD.findall(strip_accents(normalize(text)))
    words = []
    for i, raw in enumerate(raw_words):
        if is_acronym(raw):
            words.append(Word(raw, acronym=True))
            continue
        form = raw.lower()
        inner = 0 < i < len(raw_words) - 1
        words.append(Word(lemma_map.get(form, form), optional=inner and form in STOP,
                          capital=proper and raw[:1].isupper()))
    return Term(text, tuple(words)) if words else None


def term_words(text: str) -> list[str]:
    """The lowercase words of a term (accents kept) that need a lemma: not acronyms."""
    return [w.lower() for w in WORD.findall(normalize(text)) if not is_acronym(strip_accents(w))]


def _same(word: Word, toks: Tokens, j: int) -> bool:
    if word.acronym:
        return toks.raw[j] == word.key
    if word.capital and not toks.raw[j][:1].isupper():
        return False
    return toks.keys[j] == word.key or (j in toks.alts and word.key in toks.alts[j])


def match_at(term: Term, toks: Tokens, i: int) -> int | None:
    """End (exclusive token index) of `term` matched from token i, or None."""
    words, n = term.words, len(toks.keys)
    j, w, skipped = i, 0, 0
    while w < len(words):
        word = words[w]
        if j < n and _same(word, toks, j):
            j, w, skipped = j + 1, w + 1, 0
        elif word.optional:
            w += 1
        elif w > 0 and j < n and toks.forms[j] in STOP and skipped < MAX_SKIP:
            j, skipped = j + 1, skipped + 1
        else:
            return None
    return j


def find(term: Term, toks: Tokens) -> list[tuple[int, int]]:
    """Token spans where `term` matches."""
    found = []
    for i in toks.index.get(term.anchor, ()):
        end = match_at(term, toks, i)
        if end is not None:
            found.append((i, end))
    return found


class TermSet:
    """Terms indexed by their first word, for matching many terms against one text."""

    def __init__(self, terms: list[Term]):
        self.terms = terms
        self.by_anchor: dict[str, list[Term]] = {}
        for term in terms:
            self.by_anchor.setdefault(term.anchor, []).append(term)
        self.anchors = frozenset(self.by_anchor)

    def __add__(self, other: "TermSet") -> "TermSet":
        return TermSet(self.terms + other.terms)

    def __bool__(self) -> bool:
        return bool(self.terms)


def find_any(terms: TermSet, toks: Tokens) -> list[tuple[Term, int, int]]:
    keys = terms.anchors & toks.keyset  # frozensets: iterates the smaller one
    if not keys:
        return []
    found = [(t, a, b) for key in keys for t in terms.by_anchor[key] for a, b in find(t, toks)]
    # Set order changes with each process's string hashing: sort, so that the same text always
    # gives the same audit (terms in reading order, the first cue in the text quoted).
    return sorted(found, key=lambda m: (m[1], m[2], m[0].text))


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# Plain phrases (cues): folded words, matched word for word, no lemma.
@dataclass(frozen=True)
class Phrase:
    text: str
    forms: tuple[str, ...]


def compile_phrase(text: str) -> Phrase | None:
    forms = tuple(WORD.findall(fold_aligned(normalize(text))))
    return Phrase(text, forms) if forms else None


class PhraseSet:
    """Phrases indexed by their first word."""

    def __init__(self, phrases: list[Phrase]):
        self.phrases = phrases
        self.by_first: dict[str, list[Phrase]] = {}
        for phrase in phrases:
            self.by_first.setdefault(phrase.forms[0], []).append(phrase)
        self.firsts = frozenset(self.by_first)

    def __iter__(self):
        return iter(self.phrases)

    def __bool__(self) -> bool:
        return bool(self.phrases)


def find_phrases(phrases: PhraseSet, toks: Tokens) -> list[tuple[Phrase, int, int]]:
    positions = toks.positions
    found = []
    for first in phrases.firsts & positions.keys():
        for phrase in phrases.by_first[first]:
            k = len(phrase.forms)
            for i in positions[first]:
                if k == 1 or tuple(toks.forms[i:i + k]) == phrase.forms:
                    found.append((phrase, i, i + k))
    return sorted(found, key=lambda m: (m[1], m[2], m[0].text))  # deterministic, see find_any


def phrase_regex(phrases: list[str]) -> str:
    """One regex (on folded text) for plain phrases, each word with an optional final s or x."""
    parts = []
    for phrase in phrases:
        words = WORD.findall(fold_aligned(normalize(phrase)))
        if words:
            parts.append(r"[\s'-]*".join(re.escape(w) + "[sx]?" for w in words))
    return r"\b(?:" + "|".join(parts) + r")\b" if parts else r"(?!x)x"
