"""The Markdown report, for pasting into meeting notes.

Text from the document is escaped so that it prints as written: a "|" does not split a table
cell, and "<script>" or "*" stay characters instead of becoming HTML or emphasis.
"""

from __future__ import annotations

import re

from contratvie.audit import LEVEL_LABELS, Audit, CriterionResult, Evidence
from contratvie.report import common

EVIDENCE_LIMIT = 5  # quotes per criterion without -v; the HTML and CSV reports hold them all

# CommonMark lets any ASCII punctuation be backslash-escaped; only those that change how inline
# text renders are escaped, so that the raw notes stay readable. "&" only before an entity.
_SPECIAL = re.compile(r"([\\`*_\[\]<|~]|&(?=#?\w+;))")


def escape(text: str | None) -> str:
    return _SPECIAL.sub(r"\\\1", common.clean(text))


def cell(text: str | None) -> str:
    """A table cell: escaped, pipes included, on one line."""
    return escape(text) or " "


def headline(audit: Audit) -> list[str]:
    doc = audit.document
    lines = [
        f"# Audit vie associative — {escape(common.document_title(audit))}",
        "",
        f"- **Fichier** : `{common.document_name(audit).replace('`', '')}`",
        f"- **Pages lues** : {common.pages_read(audit)} sur {doc.pages}",
    ]
    if doc.unreadable_pages:
        lines.append(f"- **Attention** : {escape(common.unreadable_text(audit))}")
    lines.append(f"- **Score global** : **{common.score_text(audit)}**")
    lines.append(f"- Outil : contratvie {escape(audit.tool.version)}, règles "
                 f"{escape(audit.tool.rules_version) or 'fournies'}")
    return lines


def summary_table(audit: Audit) -> list[str]:
    lines = [
        "## Critères",
        "",
        "| Critère | Intitulé | Niveau | Preuves | Meilleure citation |",
        "|---|---|---|---:|---|",
    ]
    unknown = common.nothing_read(audit)
    for criterion in audit.criteria:
        best = common.best(criterion)
        quote = f"« {cell(common.shorten(best.text, 160))} » ({best_ref(best)})" if best else "—"
        level = f"? – {common.UNKNOWN_LEVEL}" if unknown else common.level_text(criterion.level)
        lines.append(
            f"| {criterion.id} | {cell(criterion.title)} | {level} | "
            f"{common.counting(criterion)}/{len(criterion.evidence)} | {quote} |"
        )
    return lines


def best_ref(evidence: Evidence) -> str:
    return escape(common.page_ref(evidence))


def gaps_section(audit: Audit) -> list[str]:
    lines = ["## Manques, du plus grave au moins grave", ""]
    if common.nothing_read(audit):
        return lines + [f"**{escape(common.UNKNOWN_LEVELS)}**"]
    if not audit.gaps:
        return lines + ["Aucun manque : tous les critères évalués sont engagés."]
    by_id = common.criteria_by_id(audit)
    for rank, gap in enumerate(audit.gaps, 1):
        criterion = by_id.get(gap.id)
        title = escape(criterion.title) if criterion else gap.key
        lines.append(f"{rank}. **{gap.id} — {title}** : {LEVEL_LABELS.get(gap.level, '?')} "
                     f"(gravité {gap.severity})")
        if criterion and criterion.missing:
            lines.append(f"   - Manque : {escape(common.missing_text(criterion))}")
        if gap.recommendation:
            lines.append(f"   - À proposer : {escape(gap.recommendation)}")
        if gap.model_clause:
            lines.append(f"   - Proposition de rédaction : *{escape(gap.model_clause)}*")
    return lines


def evidence_line(evidence: Evidence) -> str:
    notes = [text for _, text in common.notes(evidence)]
    mark = "✓" if evidence.counts else "✗"
    line = f"- {mark} « {escape(evidence.text)} » — {escape(common.where(evidence))}"
    return line + (f" *({escape('; '.join(notes))})*" if notes else "")


def evidence_section(criterion: CriterionResult, verbose: bool) -> list[str]:
    lines = [f"### {criterion.id} — {escape(criterion.title)} ({common.level_text(criterion.level)})", ""]
    if not criterion.evidence:
        return lines + ["Aucune preuve trouvée.", ""]
    shown = common.ranked(criterion.evidence)
    hidden = 0 if verbose else max(0, len(shown) - EVIDENCE_LIMIT)
    lines += [evidence_line(e) for e in shown[: len(shown) - hidden]]
    if hidden:
        lines.append(f"- … et {hidden} autre(s) preuve(s) : voir le rapport HTML ou CSV, ou -v.")
    return lines + [""]


def render(audit: Audit, verbose: bool = False) -> str:
    lines = headline(audit) + [""] + summary_table(audit) + [""] + gaps_section(audit) + [""]
    if not common.nothing_read(audit):  # nothing was searched: no "0 – absent" per criterion
        lines += ["## Preuves", ""]
        for criterion in audit.criteria:
            lines += evidence_section(criterion, verbose)
    return "\n".join(lines).rstrip() + "\n"
