"""Fiches actions laid out as label/value pairs ("Pilote : centre social", "Budget : 15 000 €").

Commitments live in these fiches: the pilot, the budget, the calendar and the indicators of one
action are written on separate rows. The engine looks for commitment markers within a paragraph
(Block.paragraph), so every pair of one fiche must share one paragraph id; each pair becomes a
body block "Label : value" (a two-column table of labels is a form, not a table of actions).
"""

from __future__ import annotations

import re

from contratvie.text import fold

# Field names of a fiche action (folded, without the trailing colon). Titles of axes or pillars
# ("Axe 1 : Cohésion sociale") are headings, not fields, and are not listed.
_LABEL = re.compile(
    r"^(?:intitule(?: de l'action)?|objectifs?(?: \w+){0,2}|description(?: de l'action)?|contenu(?: de l'action)?|"
    r"contexte|enjeux?|actions?(?: \w+)?|public(?:s)?(?: \w+){0,2}|beneficiaires|"
    r"pilotes?(?: de l'action)?|porteurs?(?: de (?:projet|l'action))?|structures? porteuses?|"
    r"maitre d'ouvrage|maitrise d'ouvrage|operateurs?|referents?|chef de file|responsable|"
    r"partenaires?(?: \w+){0,2}|financeurs?|co-?financements?|budget(?: \w+){0,2}|couts?(?: \w+){0,2}|montants?|"
    r"financements?(?: \w+){0,2}|plan de financement|moyens(?: \w+){0,2}|calendrier(?: \w+){0,2}|echeances?|"
    r"echeancier|duree|dates?(?: \w+){0,2}|periode|territoires?(?: \w+){0,2}|quartiers?(?: \w+){0,2}|localisation|"
    r"indicateurs?(?: [\w']+){0,3}|evaluation|resultats attendus|modalites(?: [\w']+){0,3}|mise en oeuvre|"
    r"fiche action(?: n ?° ?\d+)?)$"
)
# Labels that open a new fiche: the action's name.
_START = re.compile(r"^(?:intitule(?: de l'action)?|action|titre(?: de l'action)?|nom de l'action|fiche action(?: n ?° ?\d+)?)$")
# "Pilote : la Ville", "Budget – 15 000 €": a field name, a separator, a value.
_PAIR = re.compile(r"^(?P<label>[^:–—]{2,45}?)\s*(?::|\s[–—]\s)\s*(?P<value>\S.*)$", re.S)


def label_key(text: str) -> str | None:
    """The folded field name when `text` is a fiche label ("Pilote", "Partenaires :"), else None."""
    key = " ".join(fold(text).strip().rstrip(":").split())
    return key if key and len(key) <= 45 and _LABEL.match(key) else None


def pair_label(text: str) -> str | None:
    """The field name of a "Label : value" line (the label capitalised), else None."""
    match = _PAIR.match(text.strip())
    if not match or not match.group("label")[:1].isupper():
        return None  # "public : les jeunes" inside a sentence is no field
    return label_key(match.group("label"))


def opens_fiche(text: str) -> bool:
    """"Intitulé : ...", "Action : ...": the first field of a new fiche."""
    key = pair_label(text)
    return bool(key and _START.match(key))


def is_label_value_table(rows: list[list[str]]) -> bool:
    """Two-column rows whose first cells are field names of a fiche action (not a header row
    over columns, not an acronym list)."""
    pairs = [row for row in rows if len(row) == 2]
    if len(pairs) < 2 or len(rows) - len(pairs) > max(1, 0.3 * len(rows)):
        return False
    if len(pairs) >= 2 and all(label_key(cell) for cell in pairs[0]):
        return False  # "Action | Pilote": a header row over the columns of an action table
    labelled = sum(1 for row in pairs if label_key(row[0]))
    return labelled >= 2 and labelled >= 0.5 * len(pairs)


def join_pair(label: str, value: str) -> str:
    label, value = label.strip(), value.strip()
    if not value:
        return label
    if not label:
        return value
    return f"{label} {value}" if label.endswith((":", "–", "—")) else f"{label} : {value}"


def fiche_rows(rows: list[list[str]]) -> list[tuple[str, bool]]:
    """Each row of a label/value table as (text, opens_a_new_fiche)."""
    out: list[tuple[str, bool]] = []
    for index, row in enumerate(rows):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        key = None
        if len(cells) >= 2 and cells[0]:
            key = label_key(cells[0])
            text = join_pair(cells[0], " ".join(c for c in cells[1:] if c))
        else:
            text = " ".join(c for c in cells if c)
        opens = not out or len(cells) == 1 or bool(key and _START.match(key))
        out.append((text, opens))
    return out
