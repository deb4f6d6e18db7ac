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
# C0 and C1 control characters except tab and newline: document text (and file names) may carry
# escape sequences that would drive the user's terminal, or garble a spreadsheet, if printed.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """Untrusted text made safe to print: each control character becomes a space."""
    return _CONTROL.sub(" ", text)


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


# Matching only (never for quotes): damage seen in real extractions that normalize() leaves.
# Letter-spaced words ("C O N S E I L  C I T O Y E N"): four or more single letters, one space apart;
# words were two spaces apart, or glued once the spaces were collapsed.
_LETTER_SPACED = re.compile(r"(?<![^\W\d_])(?:[^\W\d_] ){3,}[^\W\d_](?![^\W\d_])")
_WIDE_GAP = re.compile(r"(?<=\S)  +(?=\S)")
# Dotted acronyms: "C.P.O.", "M.J.C" -> "CPO", "MJC".
_DOTTED = re.compile(r"(?<![\w.])((?:[A-Z]\.){2,}[A-Z]?)\.?(?!\w)")
# Encoding debris in place of ligatures: "Þnancement", "conßit", "e÷ectif". Tried in order.
LIGATURE_DEBRIS = {"Þ": ("fi", "fl"), "þ": ("fi", "fl"), "ß": ("fl", "fi"), "÷": ("ff", "fi", "fl", "ffi", "ffl")}
_DEBRIS_CHAR = re.compile("[Þþß÷]")
_DEBRIS = re.compile(r"[^\W\d_]*[Þþß÷][^\W\d_]*(?:[Þþß÷][^\W\d_]*)*")


def _unspace(match: re.Match) -> str:
    return match.group().replace(" ", "")


def _undot(match: re.Match) -> str:
    return match.group(1).replace(".", "")


def repair_debris(text: str, known=None) -> str:
    """Ligature debris replaced inside words; with `known` (folded word -> bool), the first
    replacement that gives a known word wins."""
    if not _DEBRIS_CHAR.search(text):
        return text

    def fix(match: re.Match) -> str:
        word = match.group()
        options = [""]
        for c in word:
            replacements = LIGATURE_DEBRIS.get(c, (c,))
            options = [o + r for o in options for r in replacements][:32]
        if known is not None:
            for option in options:
                if known(fold(option)):
                    return option
        return options[0]

    return _DEBRIS.sub(fix, text)


def for_matching(text: str, known=None) -> str:
    """normalize(), then the extraction damage repaired for matching: letter-spaced words joined,
    dotted acronyms undotted, ligature debris replaced (see repair_debris)."""
    if "  " in text:
        text = _WIDE_GAP.sub("\u2002", text)  # the word gaps of letter-spaced runs stay gaps
    text = _LETTER_SPACED.sub(_unspace, text)
    text = normalize(text)
    if "." in text:
        text = _DOTTED.sub(_undot, text)
    return repair_debris(text, known)
