"""A contract-like French PDF for benchmarks: `make_contract_pdf(path, pages=120, seed=0)`.

The document looks like a contrat de ville: a cover, a table of contents with dot leaders, running
headers and footers with printed page numbers, chapters and sub-headings, body paragraphs and
bulleted lists in the vocabulary of associative life, tables of actions (pilot, partners, budget,
indicators) and some two-column pages. The text is drawn with DejaVu fonts (real Unicode).
Deterministic for a given (pages, seed).
"""

from __future__ import annotations

import random
from pathlib import Path

from fpdf import FPDF

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
TERRITORY = "Communauté d'agglomération du Val de Sambre"
HEADER = f"Contrat de ville 2024-2030 — {TERRITORY}"

CHAPTERS = [
    "Diagnostic partagé du territoire",
    "Pilier cohésion sociale",
    "Soutien à la vie associative",
    "Participation des habitants et conseils citoyens",
    "Cadre de vie et renouvellement urbain",
    "Développement économique et emploi",
    "Gouvernance et pilotage du contrat",
    "Évaluation et engagements des signataires",
]
SUBHEADINGS = [
    "Constats", "Orientations stratégiques", "Objectifs opérationnels", "Moyens mobilisés",
    "Calendrier de mise en œuvre", "Indicateurs de suivi", "Partenariats", "Actions prioritaires",
]
SUBJECTS = [
    "Les associations de proximité", "Le conseil citoyen", "Les centres sociaux", "La Ville",
    "L'EPCI", "L'État, par le délégué du préfet,", "Le tissu associatif des QPV", "La MJC",
    "Les habitants des quartiers prioritaires", "Le PIVA", "Le comité de pilotage",
    "La régie de quartier", "La CAF", "Le Département", "Les bailleurs sociaux",
]
VERBS = [
    "s'engagent à", "contribuent à", "sont associés pour", "participent à", "ont pour mission de",
    "s'attachent à", "veilleront à", "seront accompagnés pour",
]
OBJECTS = [
    "renforcer le fonds de participation des habitants (FPH)",
    "simplifier l'accès aux subventions par des conventions pluriannuelles d'objectifs (CPO)",
    "accompagner le montage des dossiers de demande de subvention sur Dauphin",
    "former les conseillers citoyens et doter chaque conseil citoyen d'un budget de fonctionnement",
    "cartographier le tissu associatif et repérer les zones blanches",
    "mobiliser le FDVA et les postes FONJEP au bénéfice des petites associations",
    "animer un réseau de points d'information à la vie associative labellisés Guid'Asso",
    "associer les représentants des associations au comité de pilotage du contrat",
    "soutenir les micro-projets portés par des collectifs d'habitants",
    "développer la co-construction des actions avec les acteurs associatifs",
    "organiser une conférence des financeurs deux fois par an",
    "verser des avances de trésorerie aux associations primo-demandeuses",
    "évaluer chaque année la programmation avec le conseil citoyen",
    "mettre un local à disposition des associations du quartier",
]
TAILS = [
    "dans les quartiers prioritaires de la politique de la ville",
    "sur la durée du contrat, c'est-à-dire jusqu'en 2030",
    "en lien avec les têtes de réseau et le Mouvement associatif des Hauts-de-France",
    "avec un budget annuel de 45 000 €",
    "selon un calendrier arrêté en comité technique",
    "au titre des crédits spécifiques du programme 147",
    "en s'appuyant sur l'observatoire régional de la vie associative (ORVA)",
    "sous le pilotage du chef de projet politique de la ville",
]
ACTIONS = [
    ("Formation des conseillers citoyens", "Centre social Les Hauts", "Ligue de l'enseignement, Ville", "12 000 €", "Nombre de sessions, participants"),
    ("Fonds de participation des habitants", "Ville", "EPCI, État, CAF", "30 000 € / an", "Projets soutenus, montants versés"),
    ("Accompagnement au montage de dossiers", "PIVA", "DDVA, SDJES", "8 000 €", "Dossiers déposés sur Dauphin"),
    ("Cartographie du tissu associatif", "EPCI", "ORVA, centres sociaux", "15 000 €", "Associations recensées"),
    ("Conventions pluriannuelles d'objectifs", "État", "Ville, Département", "120 000 €", "Nombre de CPO signées"),
    ("Postes FONJEP quartiers", "DRAJES", "Associations", "7 postes", "Postes pourvus"),
    ("Budget participatif de quartier", "Ville", "Conseil citoyen", "50 000 €", "Projets votés, votants"),
]


class ContractPDF(FPDF):
    """Running header on every page but the cover; footer with the printed page number."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.word_widths: dict = {}

    def header(self):
        if self.page_no() == 1:
            return
        self.set_font("DejaVu", "", 8)
        self.set_xy(15, 8)
        self.cell(0, 5, HEADER)
        self.line(15, 14, 195, 14)

    def footer(self):
        if self.page_no() == 1:
            return
        self.set_font("DejaVu", "", 8)
        self.set_xy(15, 285)
        self.cell(90, 5, "Version signée — mars 2024")
        self.set_xy(105, 285)
        self.cell(90, 5, f"Page {self.page_no()}", align="R")


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}."


def paragraph(rng: random.Random, sentences: int = 4) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def new_pdf() -> ContractPDF:
    pdf = ContractPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(False)
    pdf.set_margins(15, 20, 15)
    pdf.set_title(f"Contrat de ville 2024-2030 — {TERRITORY}")
    return pdf


def plan_chapters(pages: int) -> list[tuple[str, int]]:
    """Chapter titles and their first page: content starts on page 3."""
    content = max(pages - 2, 1)
    count = min(len(CHAPTERS), content)
    span = content / count
    return [(CHAPTERS[i], 3 + int(i * span)) for i in range(count)]


def draw_cover(pdf: ContractPDF) -> None:
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 26)
    pdf.set_xy(15, 90)
    pdf.multi_cell(180, 13, "Contrat de ville 2024-2030", align="C")
    pdf.set_font("DejaVu", "", 16)
    pdf.set_x(15)
    pdf.multi_cell(180, 9, TERRITORY, align="C")
    pdf.set_font("DejaVu", "", 11)
    pdf.set_xy(15, 150)
    pdf.multi_cell(180, 6, "Engagements Quartiers 2030 — document contractuel", align="C")


def draw_toc(pdf: ContractPDF, chapters: list[tuple[str, int]]) -> None:
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 18)
    pdf.set_xy(15, 25)
    pdf.cell(0, 10, "Sommaire")
    pdf.set_font("DejaVu", "", 11)
    y = 45
    for number, (title, page) in enumerate(chapters, 1):
        for label, size in ((f"{number}. {title}", 11), *((f"    {number}.{k} {s}", 10) for k, s in enumerate(SUBHEADINGS[:3], 1))):
            pdf.set_font("DejaVu", "", size)
            pdf.set_xy(15, y)
            text_w = pdf.get_string_width(label + " ")
            dots = "." * int((160 - text_w) / pdf.get_string_width("."))
            pdf.cell(165, 6, f"{label} {dots}")
            pdf.set_xy(180, y)
            pdf.cell(15, 6, str(page), align="R")
            y += 6.5
            if y > 270:
                return


def write_heading(pdf: ContractPDF, text: str, level: int) -> None:
    size = {1: 17, 2: 13}[level]
    pdf.set_font("DejaVu", "B", size)
    pdf.set_x(15)
    pdf.multi_cell(180, size * 0.55, text)
    pdf.ln(2)


def fits(pdf: ContractPDF, height: float) -> bool:
    return pdf.get_y() + height < 278


def wrap(pdf: ContractPDF, text: str, width: float) -> list[str]:
    """Greedy line breaking with cached word widths (fpdf2's multi_cell is far slower)."""
    cache = pdf.word_widths.setdefault((pdf.font_family, pdf.font_style, pdf.font_size_pt), {})
    space = cache.get(" ") or cache.setdefault(" ", pdf.get_string_width(" "))
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word in text.split():
        w = cache.get(word)
        if w is None:
            w = cache[word] = pdf.get_string_width(word)
        if current and used + space + w > width:
            lines.append(" ".join(current))
            current, used = [], 0.0
        used += (space if current else 0.0) + w
        current.append(word)
    if current:
        lines.append(" ".join(current))
    return lines


def write_lines(pdf: ContractPDF, x: float, width: float, height: float, lines: list[str]) -> None:
    """One text line per cell, ragged right."""
    for line in lines:
        pdf.set_xy(x, pdf.get_y())
        pdf.cell(width, height, line)
        pdf.set_y(pdf.get_y() + height)


def write_body(pdf: ContractPDF, rng: random.Random, width: float = 180, x: float = 15) -> bool:
    """One paragraph or one list at the cursor; False when the page is full."""
    pdf.set_font("DejaVu", "", 10)
    if rng.random() < 0.25:
        items = [wrap(pdf, f"• {upper_first(rng.choice(OBJECTS))} ;", width - 6) for _ in range(rng.randint(3, 5))]
        if not fits(pdf, 5 * sum(len(i) for i in items)):
            return False
        for item in items:
            write_lines(pdf, x + 4, width - 6, 5, item)
    else:
        lines = wrap(pdf, paragraph(rng, rng.randint(3, 5)), width)
        if not fits(pdf, 5 * len(lines)):
            return False
        write_lines(pdf, x, width, 5, lines)
    pdf.ln(3)
    return True


def write_table(pdf: ContractPDF, rng: random.Random) -> None:
    pdf.set_font("DejaVu", "", 8)
    rows = rng.sample(ACTIONS, 5)
    with pdf.table(col_widths=(50, 30, 40, 25, 35), line_height=4.5, first_row_as_headings=True) as table:
        table.row(["Action", "Pilote", "Partenaires", "Budget", "Indicateurs"])
        for row in rows:
            table.row(list(row))
    pdf.ln(4)


def draw_two_columns(pdf: ContractPDF, rng: random.Random) -> None:
    pdf.set_font("DejaVu", "", 9.5)
    top = pdf.get_y()
    for x in (15, 107):
        pdf.set_xy(x, top)
        while True:
            lines = wrap(pdf, paragraph(rng, 3), 88)
            if not fits(pdf, 4.6 * len(lines)):
                break
            write_lines(pdf, x, 88, 4.6, lines)
            pdf.set_y(pdf.get_y() + 2)


def draw_content_page(pdf: ContractPDF, rng: random.Random, page: int, chapter: tuple[int, str] | None) -> None:
    pdf.add_page()
    pdf.set_xy(15, 20)
    if chapter:
        write_heading(pdf, f"{chapter[0]}. {chapter[1]}", 1)
    write_heading(pdf, f"{rng.choice(SUBHEADINGS)}", 2)
    if page % 6 == 0:
        draw_two_columns(pdf, rng)
        return
    if page % 4 == 0:
        write_body(pdf, rng)
        write_table(pdf, rng)
    while write_body(pdf, rng):
        pass


def make_contract_pdf(path: Path | str, pages: int = 120, seed: int = 0) -> Path:
    """Write a `pages`-page contract-like PDF at `path` and return the path."""
    rng = random.Random(seed)
    pdf = new_pdf()
    chapters = plan_chapters(pages)
    starts = {page: (i, title) for i, (title, page) in enumerate(chapters, 1)}
    draw_cover(pdf)
    if pages > 1:
        draw_toc(pdf, chapters)
    for page in range(3, pages + 1):
        draw_content_page(pdf, rng, page, starts.get(page))
    path = Path(path)
    pdf.output(str(path))
    return path


if __name__ == "__main__":
    import sys

    out = make_contract_pdf(sys.argv[1] if len(sys.argv) > 1 else "contrat-bench.pdf")
    print(out)
