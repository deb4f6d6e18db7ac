"""Small PDF builder for the ingestion tests: fpdf2 with DejaVu fonts (real Unicode text).

Positions are in millimetres from the top-left corner, as fpdf2 has them. Lines are written one
by one with `cell` where a test needs to control line breaks (hyphenation, columns).
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


class Doc:
    def __init__(self, header: str | None = None, footer=None):
        """`footer` is a callable page_number -> text (or None for no footer on that page)."""
        self.header_text = header
        self.footer_of = footer
        self.pdf = FPDF(format="A4")
        self.pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(20, 20, 20)

    def page(self) -> "Doc":
        self.pdf.add_page()
        number = self.pdf.page_no()
        if self.header_text:
            self.text(20, 10, self.header_text, size=8)
        if self.footer_of and self.footer_of(number):
            self.text(20, 285, self.footer_of(number), size=8, width=170, align="C")
        return self

    def text(self, x: float, y: float, text: str, size: float = 10, bold: bool = False, width: float = 0, align: str = "L") -> "Doc":
        self.pdf.set_font("DejaVu", "B" if bold else "", size)
        self.pdf.set_xy(x, y)
        self.pdf.cell(width, size * 0.45, text, align=align)
        return self

    def lines(self, x: float, y: float, lines: list[str], size: float = 10, leading: float = 5) -> float:
        """Each string on its own line; returns the y below the last line."""
        for line in lines:
            self.text(x, y, line, size=size)
            y += leading
        return y

    def paragraph(self, x: float, y: float, text: str, width: float = 170, size: float = 10) -> float:
        self.pdf.set_font("DejaVu", "", size)
        self.pdf.set_xy(x, y)
        self.pdf.multi_cell(width, size * 0.5, text)
        return self.pdf.get_y()

    def table(self, y: float, rows: list[list[str]], widths=(45, 30, 40, 25, 30), size: float = 8) -> float:
        self.pdf.set_font("DejaVu", "", size)
        self.pdf.set_y(y)
        with self.pdf.table(col_widths=widths, line_height=size * 0.5, first_row_as_headings=True) as table:
            for row in rows:
                table.row(row)
        return self.pdf.get_y()

    def image(self, x: float, y: float, w: float, h: float, path: Path) -> "Doc":
        self.pdf.image(str(path), x=x, y=y, w=w, h=h)
        return self

    def encrypt(self, user_password: str, owner_password: str = "proprietaire") -> "Doc":
        self.pdf.set_encryption(owner_password=owner_password, user_password=user_password)
        return self

    def save(self, path: Path) -> Path:
        self.pdf.output(str(path))
        return path


def body_lines(count: int, seed: str = "texte") -> list[str]:
    """Ordinary French sentences, one per line, all different."""
    words = [
        "Les associations du quartier", "participent au comité de pilotage", "avec le conseil citoyen",
        "et les centres sociaux", "pour la programmation annuelle", "du contrat de ville",
    ]
    return [f"{words[i % len(words)]} ({seed} {i + 1}) {words[(i + 2) % len(words)]}." for i in range(count)]
