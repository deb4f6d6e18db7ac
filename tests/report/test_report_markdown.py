"""The Markdown report, for meeting notes."""

from __future__ import annotations

from contratvie.audit import Evidence
from contratvie.report import markdown, render


def table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("| VA")]


def test_summary_table_has_one_row_per_criterion_with_five_cells(audit):
    rows = table_rows(render(audit, "markdown"))
    assert len(rows) == 8
    for row in rows:
        # cells are split by unescaped pipes only: table rows of the PDF hold " | "
        cells = [c for c in __import__("re").split(r"(?<!\\)\|", row)[1:-1]]
        assert len(cells) == 5, row


def test_pipes_and_html_from_the_document_are_escaped(audit):
    text = render(audit, "markdown")
    assert "Fonds de participation des habitants (FPH) \\| Pilote : Ville" in text
    assert "\\<script>alert(1)\\</script>" in text
    assert "<script>" not in text.replace("\\<script>", "")
    assert "\\<img src=x onerror=alert(1)>" in text


def test_headline_gaps_and_clauses(audit):
    text = render(audit, "markdown")
    assert text.startswith("# Audit vie associative — Contrat de ville 2024-2030")
    assert "**45,0 / 100**" in text
    assert "12-14, 80" in text
    gaps = text[text.index("## Manques"):text.index("## Preuves")]
    assert gaps.index("VA02") < gaps.index("VA07") < gaps.index("VA05") < gaps.index("VA01")
    assert "Proposition de rédaction : *« Pour VA02, \\[porteur\\]" in gaps


def test_evidence_listed_with_page_and_qualifier(audit):
    text = render(audit, "markdown")
    assert "✗ « Aucun financement spécifique n'est prévu pour les petites associations. » — p. 24 (imprimée 22)" in text
    assert "ne compte pas : négation (« aucun »)" in text


def test_long_evidence_lists_are_cut_unless_verbose(audit):
    many = [Evidence(page=i, text=f"Les associations du quartier {i}.") for i in range(1, 13)]
    audit.criteria[6].evidence = many
    short = render(audit, "markdown")
    assert "… et 7 autre(s) preuve(s)" in short
    assert "quartier 12." not in short
    full = markdown.render(audit, verbose=True)
    assert "quartier 12." in full and "autre(s) preuve(s)" not in full
