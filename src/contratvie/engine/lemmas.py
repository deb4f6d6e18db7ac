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
MAP_FORMAT = "1"


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


def build_lemma_map(words: set[str]) -> dict[str, str]:
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
    return reduced


def load_lemma_map(words: set[str], version: str) -> dict[str, str]:
    """The reduced map for these words, from the disk cache when possible."""
    path = cache_dir() / f"lemmas-{MAP_FORMAT}-{version.replace('+', '-')}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    reduced = build_lemma_map(words)
    _write_cache(path, reduced)
    return reduced


def _write_cache(path: Path, data: dict[str, str]) -> None:
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
