"""The extraction quality of a page: 0.0 (nothing usable) to 1.0 (clean text).

Two things lower it: characters that did not decode ((cid:…) glyphs, U+FFFD, private-use and
control characters), and Latin text that is not language at all: runs like "Agaaaaa: AAAA" from
wrong ToUnicode maps, or shifted glyphs decoding to "3HQČåQtSURVWĜHGN". Text in other scripts is
not judged (it may be wrong characters, but nothing cheap can tell).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

SAMPLE_CHARS = 3000
_CID = re.compile(r"\(cid:\d+\)")
_WORD = re.compile(r"[^\W\d_]+")
_TRIPLE = re.compile(r"(.)\1\1", re.I)
_CASE_FLIP = re.compile(r"[a-zà-ÿ][A-ZÀ-Þ]")
_SPACE = re.compile(r"\s")
# Controls (but tab and line breaks), private-use glyphs, surrogates, U+FFFD and U+FFFE/FFFF.
_UNDECODED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ud800-\udfff\ufffd\ufffe\uffff]")
_LATIN_WORD = re.compile(r"(?<![^\W\d_])[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+(?![^\W\d_])")
_HAS_VOWEL = re.compile(r"[aeiouyàâäéèêëîïôöùûüÿæœáíóúãõåø]", re.I)
_VOWEL = re.compile(r"[aeiouyàâäéèêëîïôöùûüÿæœáíóúãõåø]")


def bad_char_share(text: str) -> float:
    """Share of non-space characters that did not decode."""
    cids = len(_CID.findall(text))
    if cids:
        text = _CID.sub("", text)
    total = len(text) - len(_SPACE.findall(text)) + cids
    if total <= 0:
        return 0.0
    return (cids + len(_UNDECODED.findall(text))) / total


@lru_cache(maxsize=1 << 16)  # a contract's vocabulary repeats from page to page
def _plausible(word: str) -> bool:
    if len(word) < 3:
        return True
    if word.isupper() and len(word) <= 6:  # acronyms: QPV, FDVA, EPCI
        return True
    if not _HAS_VOWEL.search(word):
        return False
    if _TRIPLE.search(word):
        return False
    return len(_CASE_FLIP.findall(word)) < 2


def language_score(text: str) -> float:
    """1.0 for text that reads like a language, towards 0.0 for decoding nonsense."""
    all_letters = sum(len(w) for w in _WORD.findall(text))
    counts = Counter(_LATIN_WORD.findall(text))
    latin_letters = sum(len(w) * n for w, n in counts.items())
    if latin_letters < 10 or latin_letters < 0.5 * all_letters:
        return 1.0
    long_words = [(w, len(w) * n) for w, n in counts.items() if len(w) >= 3]
    weight = sum(n for _, n in long_words)
    plausible = sum(n for w, n in long_words if _plausible(w)) / max(weight, 1)
    score = max(0.0, min(1.0, plausible * 1.15))
    # Letter diversity over distinct words: a few letters recombined into many different
    # "words" is a wrong ToUnicode map; the same phrase repeated is not.
    vocabulary = "".join({w.lower() for w in counts})
    if len(vocabulary) >= 40:
        score *= min(1.0, len(set(vocabulary)) / min(14.0, 4 + len(vocabulary) / 15))
        vowel_share = len(_VOWEL.findall(vocabulary)) / len(vocabulary)
        if not 0.22 <= vowel_share <= 0.65:
            score *= 0.5
    return score


def page_quality(text: str) -> float:
    """Combined figure: decoding damage and language plausibility."""
    if not text.strip():
        return 0.0
    decoded = max(0.0, 1.0 - 2.0 * bad_char_share(text))
    # A few thousand characters are enough to tell language from nonsense.
    return round(decoded * language_score(text[:SAMPLE_CHARS]), 3)


def problem_of(quality: float, has_text_layer: bool) -> str | None:
    """Why a page is unreadable, in French (None when it is readable)."""
    if not has_text_layer:
        return "pas de couche texte (document scanné ?) : relancez avec --ocr"
    if quality < 0.5:
        return f"texte mal décodé (qualité {quality:.0%}) : police sans table Unicode ou caractères non reconnus"
    return None
