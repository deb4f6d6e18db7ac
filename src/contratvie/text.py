"""Text normalisation shared by ingest and engine.

`normalize` keeps the case and accents but irons out what PDF extraction does to text
(ligatures, odd spaces and quotes); `fold` goes further for the cheap lexical pass (lowercase,
no accents). Quotes in reports use the original text; matching uses these forms.
"""

from __future__ import annotations

import re
import unicodedata

_TRANSLATE = str.maketrans({
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2002": " ", "\u2003": " ",
    "\u200b": "", "\u00ad": "",  # zero-width space, soft hyphen
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"', "\u201e": '"',
    "\u2010": "-", "\u2011": "-",
})
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Ligatures (ﬁ ﬂ ﬀ ﬃ), non-breaking and thin spaces, typographic quotes: ironed out."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    return _SPACES.sub(" ", text).strip()


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lowercase, accent-free normalised text: for cheap lexical matching only."""
    return strip_accents(normalize(text)).lower()
