"""Repairs of extracted text that are not "original text": line-end hyphenation and fake bold.

Ligatures, odd spaces and quotes are left alone here (Block.text keeps them for quoting;
`contratvie.text.normalize` irons them out for matching).
"""

from __future__ import annotations

import re

# A hyphen at the end of a line: "-", soft hyphen, Unicode hyphen or non-breaking hyphen.
_TRAILING_HYPHEN = re.compile(r"([\w'’]+(?:-[\w'’]+)*)[-\u00ad\u2010\u2011]$")
_LEADING_WORD = re.compile(r"^([\w'’]+(?:-[\w'’]+)*)")

# First parts of real compounds whose joined form is not a word: when a line ends with one of
# them the hyphen is kept (unless the document itself writes the joined word elsewhere).
COMPOUND_PREFIXES = frozenset("""
anti co demi ex micro mini multi néo non pluri pseudo quasi semi socio vice euro franco
""".split())
# Second parts that only exist inside compounds ("peut-être", "celle-ci", "dit-il").
COMPOUND_SUFFIXES = frozenset("""
ci là être même mêmes dire il ils elle elles on je tu nous vous le la les lui leur y en t
""".split())


def join_lines(lines: list[str], known_words: set[str] | None = None) -> str:
    """Join the lines of one paragraph, undoing line-end hyphenation ("mobili-" + "sation").

    The hyphen is kept for real compounds (micro-projets, Hauts-de-France, co-construction,
    c'est-à-dire) and, when `known_words` is given, when the hyphenated form occurs elsewhere in
    the document while the joined form does not.
    """
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
        elif out[-1] in "-\u00ad\u2010\u2011" and _dehyphenate(out, line, known_words):
            out = out[:-1] + line
        elif out[-1] == "\u00ad":
            out = out[:-1] + line
        elif out[-1] in "-\u2010\u2011" and _LEADING_WORD.match(line):
            out = out + line  # keep the compound's hyphen, no space
        else:
            out = out + " " + line
    return out


def _dehyphenate(before: str, after: str, known_words: set[str] | None) -> bool:
    """True when the hyphen ending `before` is a line-break hyphen to drop."""
    if before.endswith("\u00ad"):
        return True
    head = _TRAILING_HYPHEN.search(before)
    tail = _LEADING_WORD.match(after)
    if not head or not tail:
        return False
    first, second = head.group(1), tail.group(1)
    if "-" in first or "-" in second:  # "c'est-à-" + "dire", "Hauts-" + "de-France"
        return False
    if not second[0].islower() or not first[-1].isalpha():  # "Hauts-de-" + "France", "2024-" + "2030"
        return False
    if known_words:
        joined = f"{first}{second}".lower()
        if joined in known_words:
            return True
        if f"{first}-{second}".lower() in known_words:
            return False
    last_part = re.split(r"['’]", first.lower())[-1]
    return last_part not in COMPOUND_PREFIXES and second.lower() not in COMPOUND_SUFFIXES


_DOUBLED_TOKEN = re.compile(r"\S+")


def _is_doubled(token: str) -> bool:
    return len(token) >= 2 and len(token) % 2 == 0 and token[0::2] == token[1::2] and any(c.isalnum() for c in token)


def undo_fake_bold(text: str) -> str:
    """"CCOONNTTRRAATT DDEE VVIILLLLEE" -> "CONTRAT DE VILLE" (glyphs drawn twice for bold).

    A long doubled token ("DDaattaa", six letters or more) is undone on its own; short ones
    ("DDEE") only when nearly every token of the text is doubled, so that real words with double
    letters ("appel", "II", "ee") are never touched.
    """
    tokens = text.split()
    if not tokens or not any(_is_doubled(t) for t in tokens):
        return _undo_repeated_run(text)
    letters = sum(len(t) for t in tokens)
    doubled_letters = sum(len(t) for t in tokens if _is_doubled(t))
    all_doubled = letters >= 6 and doubled_letters >= 0.8 * letters

    def fix(match: re.Match) -> str:
        token = match.group(0)
        if _is_doubled(token) and (all_doubled or len(token) >= 6):
            return token[0::2]
        return token

    return _DOUBLED_TOKEN.sub(fix, text)


def _undo_repeated_run(text: str) -> str:
    """A whole line drawn twice in a row ("Sommaire Sommaire" glued or spaced): keep one copy."""
    stripped = text.strip()
    half = len(stripped) // 2
    if len(stripped) >= 16:
        if len(stripped) % 2 == 0 and stripped[:half] == stripped[half:]:
            return stripped[:half]
        if len(stripped) % 2 == 1 and stripped[half] == " " and stripped[:half] == stripped[half + 1 :]:
            return stripped[:half]
    return text
