"""Wording and helpers shared by every report format (French, as printed for the user)."""

from __future__ import annotations

import re

from contratvie.audit import (
    LEVEL_LABELS, MARKER_LABELS, MISSING_LABELS, QUALIFIER_LABELS, Audit, CriterionResult, Evidence,
)
from contratvie.document import KIND_LABELS
from contratvie.text import strip_controls

_SPACES = re.compile(r"\s+")


def clean(text: str | None, strip: bool = True) -> str:
    """Untrusted text made safe to print: no control characters, whitespace collapsed."""
    if not text:
        return ""
    text = _SPACES.sub(" ", strip_controls(text))
    return text.strip() if strip else text


def shorten(text: str | None, limit: int) -> str:
    """Cut at a word boundary and add an ellipsis when longer than `limit` characters."""
    text = clean(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


def number(value: float) -> str:
    """A score the French way: 61,7."""
    return f"{value:.1f}".replace(".", ",")


def score_text(audit: Audit) -> str:
    note = " — non significatif, aucune page lue" if nothing_read(audit) else ""
    return f"{number(audit.score)} / 100{note}"


def nothing_read(audit: Audit) -> bool:
    """No page could be read (a scan without --ocr): the levels are unknown, not 0 "absent"."""
    doc = audit.document
    return doc.pages > 0 and len(doc.unreadable_pages) >= doc.pages


UNKNOWN_LEVEL = "inconnu"
UNKNOWN_LEVELS = (
    "Niveaux inconnus : aucune page n'a pu être lue (document scanné ?). Aucun critère n'est "
    "« absent » : le texte n'a pas été lu, rien n'y a été cherché. Relancez avec --ocr pour "
    "reconnaître le texte des pages scannées."
)


def level_text(level: int) -> str:
    return f"{level} – {LEVEL_LABELS.get(level, '?')}"


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def page_ref(evidence: Evidence) -> str:
    """Where a quote is: "p. 23", "p. 23 (imprimée 21)", or the section for page-less formats."""
    if evidence.page is None:
        return f"section « {clean(evidence.section)} »" if evidence.section else "emplacement inconnu"
    label = clean(evidence.page_label)
    if label and label != str(evidence.page):
        return f"p. {evidence.page} (imprimée {label})"
    return f"p. {evidence.page}"


def where(evidence: Evidence) -> str:
    """ "p. 23 (imprimée 21) · Pilier > Axe 3 · tableau · niveau 3" """
    parts = [page_ref(evidence)]
    if evidence.section and evidence.page is not None:
        parts.append(clean(evidence.section))
    parts.append(kind_label(evidence.kind))
    if evidence.counts:
        parts.append(f"niveau {evidence.level}")
    return " · ".join(parts)


def notes(evidence: Evidence) -> list[tuple[str, str]]:
    """What to say under a quote, as (kind, text): its markers, why it does not count (or what
    weakens it), the words that matched."""
    found = []
    if evidence.markers:
        found.append(("markers", f"marqueurs : {markers_text(evidence)}"))
    if evidence.qualifiers:
        verdict = "ne compte pas" if not evidence.counts else "affaiblie"
        found.append(("qualifiers", f"{verdict} : {qualifiers_text(evidence)}"))
    elif not evidence.counts:
        found.append(("qualifiers", "ne compte pas"))
    if evidence.terms:
        found.append(("terms", "termes : " + ", ".join(clean(t) for t in evidence.terms)))
    return found


def markers_text(evidence: Evidence) -> str:
    return ", ".join(MARKER_LABELS.get(m, m) for m in evidence.markers)


def qualifiers_text(evidence: Evidence, cues: bool = True) -> str:
    """ "négation (« aucun »), hypothèse ou condition (« pourrait »)" """
    parts = []
    for qualifier in evidence.qualifiers:
        label = QUALIFIER_LABELS.get(qualifier, qualifier)
        cue = clean(evidence.cues.get(qualifier)) if cues else ""
        parts.append(f"{label} (« {cue} »)" if cue else label)
    return ", ".join(parts)


def missing_text(criterion: CriterionResult) -> str:
    return ", ".join(MISSING_LABELS.get(m, m) for m in criterion.missing)


def ranked(evidence: list[Evidence]) -> list[Evidence]:
    """Strongest first: counting evidence, then by the level it supports, its markers, sentences
    before bare headings, then by page."""
    return sorted(
        evidence,
        key=lambda e: (not e.counts, -e.level, -len(e.markers), e.kind == "heading",
                       e.page if e.page is not None else 10**9),
    )


def best(criterion: CriterionResult) -> Evidence | None:
    """The quote that best supports the criterion's level, among the evidence that counts."""
    counting = [e for e in criterion.evidence if e.counts]
    return ranked(counting)[0] if counting else None


def counting(criterion: CriterionResult) -> int:
    return sum(1 for e in criterion.evidence if e.counts)


def criteria_by_id(audit: Audit) -> dict[str, CriterionResult]:
    return {c.id: c for c in audit.criteria}


def pages_read(audit: Audit) -> int:
    return audit.document.pages - len(audit.document.unreadable_pages)


def page_list(pages: list[int]) -> str:
    """[3, 4, 5, 9] -> "3-5, 9": unreadable scans come in runs."""
    runs: list[list[int]] = []
    for page in sorted(set(pages)):
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def unreadable_text(audit: Audit) -> str:
    """The warning for pages whose text could not be read, or "" when every page was read."""
    pages = audit.document.unreadable_pages
    if not pages:
        return ""
    noun = "page illisible" if len(pages) == 1 else "pages illisibles"
    if nothing_read(audit):
        return (
            f"Aucune page lisible ({len(pages)} {noun}, sans texte exploitable) : document scanné ? "
            "Relancez avec --ocr pour reconnaître le texte des pages scannées."
        )
    return (
        f"{len(pages)} {noun} (sans texte exploitable) : {page_list(pages)}. "
        "Rien n'y a été cherché : un critère « absent » peut s'y trouver. "
        "Relancez avec --ocr pour lire les pages scannées."
    )


def document_name(audit: Audit) -> str:
    return clean(audit.document.path)


def document_title(audit: Audit) -> str:
    return clean(audit.document.title) or "(sans titre)"
