"""The terminal report: what a consultant sees in a terminal or a piped file."""

from __future__ import annotations

import io
import re

from rich.console import Console

from contratvie.audit import Evidence
from contratvie.report import terminal

from report_fixtures import make_audit

ANSI = re.compile(r"\x1b\[")


def test_headline_names_file_title_pages_unreadable_and_score(audit):
    text = terminal.render_text(audit)
    assert "samples/contrat <b>ville</b> & co.pdf" in text
    assert "Val-Fleuri" in text
    assert "80 lues sur 84" in text
    assert "12-14, 80" in text and "--ocr" in text
    assert "45,0 / 100" in text


def test_no_unreadable_warning_when_every_page_was_read(clean_audit):
    text = terminal.render_text(clean_audit)
    assert "illisible" not in text
    assert "Aucun manque" in text
    assert "100,0 / 100" in text


def test_one_row_per_criterion_with_level_count_and_best_quote(audit):
    text = terminal.render_text(audit)
    for criterion in audit.criteria:
        assert criterion.id in text
    # VA03 is engaged: its best quote is the table row with three markers, with its page.
    assert "■■■ engagé" in text
    assert "Fonds de participation des habitants" in text
    assert "p. 52 (imprimée 50)" in text
    # VA02 only has discarded evidence: none is shown as its best quote.
    row = text[text.index("VA02"):text.index("VA03")]
    assert "aucune preuve retenue" in row and "0/2" in row
    assert "cartographie" not in row


def test_fits_in_80_columns_and_has_no_ansi_codes(audit):
    for verbose in (False, True):
        text = terminal.render_text(audit, verbose=verbose)
        assert not ANSI.search(text)
        assert max(len(line) for line in text.splitlines()) <= 80


def test_gaps_are_ordered_by_severity_with_recommendations(audit):
    text = terminal.render_text(audit)
    gaps = text[text.index("Manques"):]
    order = [gaps.index(f"{gap.id} ·") for gap in audit.gaps]
    assert order == sorted(order)
    assert [g.id for g in audit.gaps][:2] == ["VA02", "VA07"]
    assert "gravité 9" in gaps
    assert "Recommandation pour VA05" in gaps
    assert "aucun calendrier" in gaps  # missing markers, in French
    assert "[porteur]" not in gaps  # model clauses only with -v


def test_verbose_shows_every_evidence_with_french_qualifiers_and_cues(audit):
    text = terminal.render_text(audit, verbose=True)
    for criterion in audit.criteria:
        for evidence in criterion.evidence:
            assert evidence.text.split()[0] in text
    assert "négation (« aucun »)" in text
    assert "constat passé (« avait été réalisé »)" in text
    assert "hypothèse ou condition" in text and "« le cas échéant »" in text
    assert "moyens chiffrés" in text and "glossaire" in text
    assert "[porteur]" in text  # the model clause of each gap


def test_quiet_prints_only_the_score_line(audit):
    text = terminal.render_text(audit, quiet=True)
    assert text.strip().splitlines() == ["Score global : 45,0 / 100 — samples/contrat <b>ville</b> & co.pdf"]


def test_document_text_cannot_drive_the_terminal_or_rich_markup(audit):
    evidence = audit.criteria[0].evidence[1]
    evidence.text = "Texte [bold red]piégé[/] \x1b[31mrouge\x1b[0m et \x07cloche"
    buffer = io.StringIO()
    console = Console(file=buffer, width=80, force_terminal=True, color_system="truecolor")
    terminal.print_report(audit, console, verbose=True)
    out = buffer.getvalue()
    assert "\x1b[31mrouge" not in out and "\x07" not in out
    assert "Texte [bold red]piégé[/]" in re.sub(r"\x1b\[[0-9;]*m", "", out)  # printed, not interpreted


def test_colours_on_a_terminal_unless_no_color(audit, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    buffer = io.StringIO()
    terminal.print_report(audit, Console(file=buffer, width=80, force_terminal=True, color_system="standard"))
    assert re.search(r"\x1b\[[0-9;]*3[1-7]m", buffer.getvalue())  # a foreground colour
    monkeypatch.setenv("NO_COLOR", "1")
    buffer = io.StringIO()
    terminal.print_report(audit, Console(file=buffer, width=80, force_terminal=True, color_system="standard"))
    assert not re.search(r"\x1b\[[0-9;]*3[1-7]m", buffer.getvalue())


def test_page_less_documents_locate_evidence_by_section():
    audit = make_audit(format="docx", pages=1, unreadable_pages=[])
    audit.criteria[0].evidence = [Evidence(page=None, section="Axe 4 > Vie associative", text="Un axe dédié.")]
    text = terminal.render_text(audit)
    assert "section « Axe 4 > Vie associative »" in text


def test_only_titles_are_bold_not_the_quotes_under_them(audit):
    buffer = io.StringIO()
    terminal.print_report(audit, Console(file=buffer, width=80, force_terminal=True, color_system="standard"))
    out = buffer.getvalue()
    assert "\x1b[3m" in out  # quotes in italics
    assert "\x1b[1;3m" not in out  # ... and not bold as well
