"""Lemmas without paying for the whole lemmatizer.

fr_core_news_sm's lemmatizer spends ~3 s building a 216,849-entry lookup table into a spaCy
Table at load time. The raw table reads in ~0.25 s (srsly.msgpack), and an audit only ever asks
about the words of the rules. So we keep a *reduced* map: every known form whose lemma is a rule
word's lemma, folded (lowercase, no accents) on both sides, and cache it on disk keyed by the
rule-set version. A token missing from the reduced map has a lemma that no rule uses, so using
its folded form as key loses no match.

The lookup table is keyed by spaCy's 64-bit string hashes, not by forms: candidate forms come
from the model's own inflection rules applied backwards to each lemma, from its exception lists,
and from the strings of its vocabulary; each is kept only when the table confirms its lemma.
"""

from __future__ import annotations

import importlib.util
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from contratvie.text import fold

MODEL = "fr_core_news_sm"
# Bump when the way the map is built changes: old cache files are then ignored.
MAP_FORMAT = "2"

# Regular endings, after the stem (the lemma without -er / -ir).
ER_ENDINGS = ("e", "es", "ent", "ons", "ez", "ai", "as", "a", "era", "eras", "erai", "erons", "erez",
              "eront", "erait", "eraient", "erais", "erions", "eriez", "ait", "aient", "ais", "ions",
              "iez", "ant", "èrent")
GER_ENDINGS = ("eons", "eait", "eaient", "eais", "eant", "ea")  # engageons, engageait
ER_PARTICIPLES = ("é", "ée", "és", "ées")
IR_ENDINGS = ("it", "issent", "issons", "issez", "ira", "iront", "irait", "iraient", "issait",
              "issaient", "issant")
IR_PARTICIPLES = ("i", "ie", "is", "ies")


class LemmaMap(dict):
    """Folded form -> lemma key, with the second readings described in the module docstring."""

    def __init__(self, keys=(), alternates=None, participles=None):
        super().__init__(keys)
        self.alternates: dict[str, list[str]] = alternates or {}  # folded form -> other keys
        self.participles: dict[str, str] = participles or {}  # accented form -> verb key
        # folded forms of the participles: a cheap first test in the tokenizer
        self.participle_forms = frozenset(fold(p) for p in self.participles)

    def to_json(self) -> dict:
        return {"keys": dict(self), "alternates": self.alternates, "participles": self.participles}

    @classmethod
    def from_json(cls, data: dict) -> "LemmaMap":
        return cls(data["keys"], data.get("alternates"), data.get("participles"))


def model_dir() -> Path:
    """The data folder of the installed French model (the one holding config.cfg)."""
    spec = importlib.util.find_spec(MODEL)
    if spec is None or not spec.submodule_search_locations:
        from contratvie.errors import ContratvieError

        raise ContratvieError(f"le modèle spaCy {MODEL} n'est pas installé ; lancez « make install ».")
    root = Path(list(spec.submodule_search_locations)[0])
    for child in sorted(root.iterdir()):
        if (child / "config.cfg").exists():
            return child
    return root


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "contratvie"


@lru_cache(maxsize=1)
def _tables() -> dict:
    import srsly

    data = (model_dir() / "lemmatizer" / "lookups" / "lookups.bin").read_bytes()
    return srsly.msgpack_loads(data)


def _hash(text: str) -> int:
    from spacy.strings import hash_string

    return hash_string(text)


def full_lemma(form: str) -> str | None:
    """The lemma the full lookup table gives `form` (lowercase), or None. Slow: tests, building."""
    found = _tables()["lemma_lookup"].get(_hash(form))
    if found:
        return found[0]
    for table in _tables()["lemma_exc"].values():
        if form in table:
            return table[form][0]
    return None


def _lemma_of_word(word: str) -> str:
    low = word.lower()
    return full_lemma(low) or low


def build_lemma_map(words: set[str]) -> LemmaMap:
    """Folded form -> folded lemma, for every form whose lemma is the lemma of a word in `words`."""
    tables = _tables()
    lookup = tables["lemma_lookup"]
    lemmas = {_lemma_of_word(w) for w in words if w and not w.isupper()}
    targets = {fold(lemma) for lemma in lemmas}

    candidates: set[str] = set(lemmas) | {w.lower() for w in words}
    suffix_rules = [pair for rules in tables["lemma_rules"].values() for pair in rules]
    for lemma in lemmas:
        for form_suffix, lemma_suffix in suffix_rules:
            if lemma.endswith(lemma_suffix):
                stem = lemma[: len(lemma) - len(lemma_suffix)] if lemma_suffix else lemma
                candidates.add(stem + form_suffix)
    strings = json.loads((model_dir() / "vocab" / "strings.json").read_text(encoding="utf-8"))
    candidates.update(s.lower() for s in strings if s.isalpha())

    reduced: dict[str, str] = {}
    for form in candidates:
        found = lookup.get(_hash(form))
        if found and fold(found[0]) in targets:
            reduced[fold(form)] = fold(found[0])
    for table in tables["lemma_exc"].values():
        for form, found in table.items():
            if found and fold(found[0]) in targets:
                reduced.setdefault(fold(form), fold(found[0]))
    for lemma in lemmas:  # a rule word is always its own key, even if the table lacks it
        reduced.setdefault(fold(lemma), fold(lemma))
    result = LemmaMap(reduced)
    for lemma in sorted(lemmas):
        _add_verb_forms(result, lemma, lookup)
        _add_plurals(result, lemma, lookup)
    return LemmaMap(result, result.alternates, result.participles)


def _table_lemma(lookup: dict, form: str) -> str | None:
    found = lookup.get(_hash(form))
    return found[0] if found else None


def _add_form(result: LemmaMap, form: str, key: str, lookup: dict, participle: bool) -> None:
    """`form` (accented) reads as `key` too: a hole, an alternate, or a guarded participle."""
    folded = fold(form)
    current = result.get(folded)
    if current == key:
        return
    if current is not None:
        if key not in result.alternates.setdefault(folded, []):
            result.alternates[folded].append(key)
    elif _table_lemma(lookup, form) in (None, key) or fold(_table_lemma(lookup, form)) == key:
        result[folded] = key  # the table agrees, or has a hole: no other reading to protect
    elif participle:
        result.participles[form] = key  # a noun/adjective reading exists: guarded in the tokenizer


def _is_verb(lemma: str, stem: str, endings: tuple[str, ...], lookup: dict) -> bool:
    """The table confirms a verb form, or does not know the rule's infinitive at all
    ("mutualiser"); a known word that is its own lemma ("dossier", "quartier") is no verb."""
    if _table_lemma(lookup, lemma) is None:
        return True
    return any(_table_lemma(lookup, stem + e) == lemma for e in endings)


def _add_verb_forms(result: LemmaMap, lemma: str, lookup: dict) -> None:
    key = fold(lemma)
    if lemma.endswith("er") and len(lemma) > 4:
        stem = lemma[:-2]
        if not _is_verb(lemma, stem, ("ent", "ons", "é", "era"), lookup):
            return  # "dossier", "quartier": no verb
        endings = ER_ENDINGS + (GER_ENDINGS if stem.endswith("g") else ())
        participles = ER_PARTICIPLES
    elif lemma.endswith("ir") and len(lemma) > 4:
        stem = lemma[:-2]
        if not _is_verb(lemma, stem, ("issent", "issons"), lookup):
            return  # "soutenir", "devenir": irregular, the table knows them
        endings, participles = IR_ENDINGS, IR_PARTICIPLES
    else:
        return
    for ending in endings:
        _add_form(result, stem + ending, key, lookup, participle=False)
    for ending in participles:
        _add_form(result, stem + ending, key, lookup, participle=True)


def _add_plurals(result: LemmaMap, lemma: str, lookup: dict) -> None:
    """"avances" -> "avance" where the table files the plural under a verb or lacks it."""
    if lemma.endswith(("s", "x", "z", "er", "ir")) or len(lemma) < 3:
        return
    plurals = [lemma + "s"] + ([lemma[:-2] + "aux"] if lemma.endswith("al") else [])
    key = fold(lemma)
    for plural in plurals:
        folded = fold(plural)
        current = result.get(folded)
        if current is None:
            result[folded] = key  # missing, or filed under a lemma no rule uses: the noun wins
        elif current != key and key not in result.alternates.setdefault(folded, []):
            result.alternates[folded].append(key)


def load_lemma_map(words: set[str], version: str) -> LemmaMap:
    """The reduced map for these words, from the disk cache when possible."""
    path = cache_dir() / f"lemmas-{MAP_FORMAT}-{version.replace('+', '-')}.json"
    try:
        return LemmaMap.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    reduced = build_lemma_map(words)
    _write_cache(path, reduced.to_json())
    return reduced


def _write_cache(path: Path, data: dict) -> None:
    """Atomic write; a cache that cannot be written is silently skipped (read-only home, CI)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".lemmas-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)  # type: ignore[possibly-undefined]
        except (OSError, UnboundLocalError):
            pass
