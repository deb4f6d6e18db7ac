"""Contract-like PDFs for end-to-end tests: a real Unicode text layer (fpdf2 + DejaVu).

For fine control of positions (columns, headers, tables) the ingest tests use ingest/pdfgen.py.
"""

from __future__ import annotations

from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def write_pdf(path: Path, pages: list[tuple[str, list[str]]], password: str | None = None) -> Path:
    """One page per (title, paragraphs); a long page flows onto the next. With `password`, the
    PDF is encrypted and cannot be opened without it."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_auto_page_break(True, margin=20)
    for title, paragraphs in pages:
        pdf.add_page()
        pdf.set_font("DejaVu", size=16)
        pdf.multi_cell(0, 9, title)
        pdf.ln(4)
        pdf.set_font("DejaVu", size=11)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph)
            pdf.ln(3)
    if password:
        pdf.set_encryption(owner_password="proprietaire", user_password=password)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return Path(path)
