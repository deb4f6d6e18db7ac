"""Build the sample contracts (samples/*.pdf) and their gold files from samples/src/.

A source is a Markdown-like text file with a YAML front matter:

    ---
    title: ...            # cover and PDF metadata
    header: left | right  # running header
    footer: text          # running footer (left); the page number goes right
    page_format: "Page {label}"
    numbered_from: 3      # first physical page that carries a number (label 1)
    columns: 1            # 2: body text in two columns (tables still span the page)
    toc_leader: "."       # dot leaders of the table of contents (default " .", spaced)
    typographic: true     # ’ apostrophes, non-breaking spaces before : ; ? ! and in numbers
    seed: 7               # filler generation
    filler_scale: 1.5     # multiplies the paragraph count of every `::: filler` line
    vars: {...}           # slots for the filler templates of samples/src/_filler.yaml
    gold: {VA01: {level: 2, why: ...}, ...}
    ---

Body lines: `#`, `##`, `###` headings (level 1 starts a new page; levels 1-2 go to the table of
contents), paragraphs separated by blank lines, `- ` list items, and directives:
`::: cover`, `::: toc`, `::: pagebreak`, `::: columns N`, `::: filler TOPIC N`,
`::: table W1,W2,...` … `:::` (rows `a | b | c`, the first is the header),
`::: glossary` … `:::` (rows `SIGLE | expansion`), `::: signatures` … `:::`
(rows `Pour … | fonction | nom`).

Anchors `[[VA05]]` (deciding evidence) and `[[x:VA05]]` (a trap that must not count) are removed
from the text; the physical pages where they land become the `pages` / `trap_pages` of the gold
file samples/gold/<name>.yaml, so gold pages follow the layout.

Usage: python samples/build.py [--check] [NAME ...]
"""

from __future__ import annotations

import argparse
import io
import math
import random
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import yaml
from fpdf import FPDF
from fpdf.enums import XPos, YPos

SAMPLES = Path(__file__).resolve().parent
SRC = SAMPLES / "src"
GOLD = SAMPLES / "gold"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
CRITERIA = tuple(f"VA0{i}" for i in range(1, 9))
FIXED_DATE = datetime(2024, 3, 1, 12, 0, 0, tzinfo=timezone.utc)
ANCHOR = re.compile(r"\s?\[\[(x:)?(VA0[1-8])\]\]")

BODY_SIZE = 10
LINE_H = 5.0
TOC_LINE_H = 6.5
GUTTER = 8.0


# --------------------------------------------------------------------------- source parsing

@dataclass
class Item:
    kind: str  # heading, para, bullet, table, glossary, signatures, cover, toc, pagebreak, columns
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    number: int = 0


def read_source(path: Path) -> tuple[dict, str]:
    raw = path.read_text(encoding="utf-8")
    if not raw.startswith("---\n"):
        raise SystemExit(f"{path}: front matter YAML manquant")
    _, front, body = raw.split("---\n", 2)
    return yaml.safe_load(front) or {}, body


class Slots(dict):
    """Filler slot values: drawn once per paragraph, so a repeated slot keeps its value."""

    def __init__(self, rng: random.Random, variables: dict):
        super().__init__()
        self.rng = rng
        self.variables = variables

    def __missing__(self, key: str) -> str:
        base = key.rstrip("0123456789")
        choices = self.variables.get(base) or self.variables.get(base + "s")
        if isinstance(choices, list):
            value = self.rng.choice(choices)
        elif choices is not None:
            value = str(choices)
        else:
            value = self.number(base)
        self[key] = value
        return value

    def number(self, base: str) -> str:
        low, high = {
            "pct": (12, 48), "petitpct": (3, 19), "nb": (40, 900), "hab": (1800, 9500),
            "logements": (120, 1400), "an": (2011, 2019), "euros": (20, 480), "age": (25, 40),
        }.get(base, (2, 30))
        value = self.rng.randint(low, high)
        if base == "hab" or base == "logements":
            return f"{value:,}".replace(",", " ")
        return str(value)


def expand_filler(topic: str, count: int, templates: dict, rng: random.Random, variables: dict,
                  decks: dict) -> list[Item]:
    """Paragraphs of 4 to 6 sentences of a topic, dealt from a shuffled deck so that the pool is
    used up before a sentence comes back."""
    sentences = templates.get(topic)
    if not sentences:
        raise SystemExit(f"filler : thème inconnu {topic!r}")
    deck = decks.setdefault(topic, [])
    items = []
    for _ in range(count):
        picked: list[str] = []
        for _ in range(min(len(sentences), rng.randint(4, 6))):
            if not deck:
                deck.extend(rng.sample(sentences, len(sentences)))
            sentence = deck.pop()
            if sentence in picked:
                deck.insert(0, sentence)
                continue
            picked.append(sentence)
        slots = Slots(rng, variables)
        items.append(Item("para", " ".join(s.format_map(slots) for s in picked)))
    return items


def parse_body(body: str, meta: dict, templates: dict) -> list[Item]:
    rng = random.Random(meta.get("seed", 0))
    variables = meta.get("vars", {})
    decks: dict[str, list[str]] = {}
    items: list[Item] = []
    lines = body.splitlines()
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            items.append(Item("para", " ".join(paragraph)))
            paragraph.clear()

    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        i += 1
        if not line.strip():
            flush()
            continue
        if line.startswith(":::"):
            flush()
            words = line[3:].split()
            name, args = words[0], words[1:]
            if name in ("table", "glossary", "signatures"):
                rows = []
                while i < len(lines) and lines[i].strip() != ":::":
                    if lines[i].strip():
                        rows.append([cell.strip() for cell in lines[i].split("|")])
                    i += 1
                i += 1
                widths = [float(w) for w in args[0].split(",")] if args else []
                items.append(Item(name, rows=rows, widths=widths))
            elif name == "filler":
                count = round(int(args[1]) * float(meta.get("filler_scale", 1)))
                items.extend(expand_filler(args[0], count, templates, rng, variables, decks))
            elif name == "columns":
                items.append(Item("columns", number=int(args[0])))
            else:
                items.append(Item(name))
            continue
        heading = re.match(r"^(#{1,3})\s+(.*)$", line)
        if heading:
            flush()
            items.append(Item("heading", heading.group(2), level=len(heading.group(1))))
        elif line.startswith("- "):
            flush()
            items.append(Item("bullet", line[2:].strip()))
        elif paragraph == [] and items and items[-1].kind == "bullet" and line.startswith("  "):
            items[-1].text += " " + line.strip()
        else:
            paragraph.append(line.strip())
    flush()
    return items


# --------------------------------------------------------------------------- typography

def typeset(text: str, typographic: bool) -> str:
    if not typographic:
        return text
    text = text.replace("'", "\u2019")
    text = re.sub(r" ([:;?!])", "\u00a0\\1", text)
    text = re.sub(r"(\d) (\d{3})", "\\1\u202f\\2", text)
    text = text.replace(" €", "\u00a0€")
    return text


# --------------------------------------------------------------------------- rendering

class ContractPDF(FPDF):
    def __init__(self, meta: dict):
        super().__init__(format="A4", unit="mm")
        self.meta = meta
        self.numbered_from = int(meta.get("numbered_from", 2))
        self.page_format = meta.get("page_format", "Page {label}")
        self.ncols = 1
        self.col = 0
        self.body_top = 25.0
        self.anchors: dict[tuple[str, bool], set[int]] = {}
        for style, name in (("", "DejaVuSans"), ("B", "DejaVuSans-Bold"), ("I", "DejaVuSans-Oblique")):
            self.add_font("DejaVu", style, str(FONT_DIR / f"{name}.ttf"))
        self.set_margins(22, 22, 22)
        self.set_auto_page_break(True, margin=22)
        self.set_creation_date(FIXED_DATE)
        self.set_title(meta.get("title", ""))
        self.set_author(meta.get("author", ""))
        self.set_subject(meta.get("subtitle", ""))
        self.set_creator("samples/build.py (contratvie)")
        self.set_producer("fpdf2")
        self.set_lang("fr")

    def file_id(self):  # fixed: same bytes on every build
        return None

    # ---- page furniture
    def label(self, physical: int) -> str | None:
        if physical < self.numbered_from:
            return None
        return str(physical - self.numbered_from + 1)

    def header(self) -> None:
        if self.page_no() == 1:
            self.body_top = self.t_margin
            return
        left, _, right = self.meta.get("header", "").partition("|")
        self.set_font("DejaVu", "I", 7.5)
        self.set_text_color(90, 90, 90)
        self.set_xy(self.l_margin_base, 10)
        width = self.w - self.l_margin_base - self.r_margin_base
        self.cell(width / 2, 4, left.strip())
        self.cell(width / 2, 4, right.strip(), align="R")
        self.set_draw_color(150, 150, 150)
        self.line(self.l_margin_base, 15, self.w - self.r_margin_base, 15)
        self.set_text_color(0, 0, 0)
        self.set_draw_color(0, 0, 0)
        self.body_top = self.t_margin
        self.set_xy(self.l_margin, self.t_margin)

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font("DejaVu", "", 7.5)
        self.set_text_color(90, 90, 90)
        self.set_xy(self.l_margin_base, self.h - 14)
        width = self.w - self.l_margin_base - self.r_margin_base
        label = self.label(self.page_no())
        self.cell(width * 0.8, 4, self.meta.get("footer", ""))
        if label:
            self.cell(width * 0.2, 4, self.page_format.format(label=label), align="R")
        self.set_text_color(0, 0, 0)

    # ---- columns
    @property
    def l_margin_base(self) -> float:
        return 22.0

    @property
    def r_margin_base(self) -> float:
        return 22.0

    def col_width(self) -> float:
        full = self.w - self.l_margin_base - self.r_margin_base
        return full if self.ncols == 1 else (full - GUTTER) / 2

    def set_col(self, col: int) -> None:
        self.col = col
        width = self.col_width()
        left = self.l_margin_base + col * (width + GUTTER)
        self.set_left_margin(left)
        self.set_right_margin(self.w - left - width)
        self.set_x(left)

    @property
    def accept_page_break(self) -> bool:
        if self.ncols == 2 and self.col == 0 and not getattr(self, "in_toc_rendering", False):
            self.set_col(1)
            self.set_y(self.body_top)
            return False
        if self.ncols == 2:
            self.set_col(0)
        return True

    def next_area(self) -> None:
        if self.ncols == 2 and self.col == 0:
            self.set_col(1)
            self.set_y(self.body_top)
        else:
            if self.ncols == 2:
                self.set_col(0)
            self.add_page()

    def ensure_room(self, height: float) -> None:
        if self.get_y() + height > self.page_break_trigger:
            self.next_area()

    # ---- anchors
    def note_anchors(self, text: str, pages: range) -> str:
        for trap, crit in ANCHOR.findall(text):
            self.anchors.setdefault((crit, bool(trap)), set()).update(pages)
        return ANCHOR.sub("", text)

    def write_block(self, text: str, write) -> None:
        start = self.page_no()
        clean = ANCHOR.sub("", text)
        write(clean)
        self.note_anchors(text, range(start, self.page_no() + 1))


def render(items: list[Item], meta: dict) -> ContractPDF:
    pdf = ContractPDF(meta)
    typo = bool(meta.get("typographic"))
    toc_entries = sum(1 for it in items if it.kind == "heading" and it.level <= 2)
    pdf.add_page()
    for item in items:
        text = typeset(item.text, typo)
        if item.kind == "cover":
            render_cover(pdf, meta, typo)
        elif item.kind == "toc":
            pdf.add_page()
            per_page = toc_per_page(pdf)
            pages = max(1, math.ceil(toc_entries / per_page))
            pdf.insert_toc_placeholder(lambda p, outline: render_toc(p, outline, typo), pages=pages)
        elif item.kind == "pagebreak":
            pdf.add_page()
        elif item.kind == "columns":
            pdf.ncols = item.number
            pdf.add_page()
            pdf.set_col(0)
        elif item.kind == "heading":
            render_heading(pdf, text, item.level)
        elif item.kind == "para":
            pdf.set_font("DejaVu", "", BODY_SIZE)
            pdf.set_x(pdf.l_margin)
            pdf.write_block(text, lambda t: pdf.multi_cell(0, LINE_H, t, align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT))
            pdf.ln(2.2)
        elif item.kind == "bullet":
            render_bullet(pdf, text)
        elif item.kind == "table":
            render_table(pdf, [[typeset(c, typo) for c in row] for row in item.rows], item.widths)
        elif item.kind == "glossary":
            render_glossary(pdf, [[typeset(c, typo) for c in row] for row in item.rows])
        elif item.kind == "signatures":
            render_signatures(pdf, [[typeset(c, typo) for c in row] for row in item.rows])
    return pdf


def render_cover(pdf: ContractPDF, meta: dict, typo: bool) -> None:
    pdf.set_y(55)
    pdf.set_font("DejaVu", "", 12)
    pdf.multi_cell(0, 7, typeset(meta.get("kicker", ""), typo), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(8)
    pdf.set_font("DejaVu", "B", 22)
    pdf.multi_cell(0, 11, typeset(meta["title"], typo), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.set_font("DejaVu", "", 14)
    pdf.multi_cell(0, 8, typeset(meta.get("subtitle", ""), typo), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(210)
    pdf.set_font("DejaVu", "", 10)
    for line in meta.get("cover_lines", []):
        pdf.multi_cell(0, 6, typeset(line, typo), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def toc_per_page(pdf: ContractPDF) -> int:
    usable = pdf.h - pdf.t_margin - pdf.b_margin - 18
    return int(usable // TOC_LINE_H)


def render_toc(pdf: ContractPDF, outline, typo: bool) -> None:
    pdf.set_x(pdf.l_margin)
    pdf.set_font("DejaVu", "B", 16)
    pdf.cell(0, 12, "Sommaire", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    per_page = toc_per_page(pdf)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for index, section in enumerate(outline):
        if index and index % per_page == 0:
            pdf.add_page()
        indent = 6 * section.level
        pdf.set_font("DejaVu", "B" if section.level == 0 else "", 10)
        label = pdf.label(section.page_number) or ""
        name = section.name
        name_w = width - indent - 14
        while pdf.get_string_width(name) > name_w - 4 and len(name) > 10:
            name = name[:-2].rstrip() + "…"
        pdf.set_x(pdf.l_margin + indent)
        pdf.cell(pdf.get_string_width(name) + 1, TOC_LINE_H, name)
        dots_w = width - indent - pdf.get_string_width(name) - 1 - 12
        leader = pdf.meta.get("toc_leader", " .")  # spaced ". . ." or solid "....."
        dot = pdf.get_string_width(leader)
        pdf.cell(dots_w, TOC_LINE_H, leader * max(0, int(dots_w / dot)), align="R")
        pdf.cell(12, TOC_LINE_H, label, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def render_heading(pdf: ContractPDF, text: str, level: int) -> None:
    size = {1: 16, 2: 13, 3: 11}[level]
    clean = ANCHOR.sub("", text)
    if level == 1:
        if pdf.ncols == 2:
            pdf.set_col(0)
        if pdf.get_y() > pdf.body_top + 1 or pdf.page_no() == 1:
            pdf.add_page()
    else:
        pdf.ensure_room(30)
        pdf.ln(3 if level == 2 else 1.5)
    if level <= 2:
        pdf.start_section(clean, level - 1)
    pdf.set_font("DejaVu", "B", size)
    if level == 1:
        pdf.set_text_color(20, 60, 120)
    pdf.write_block(text, lambda t: pdf.multi_cell(0, size * 0.55, t, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT))
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2.5 if level == 1 else 1.5)


def render_bullet(pdf: ContractPDF, text: str) -> None:
    pdf.set_font("DejaVu", "", BODY_SIZE)
    pdf.ensure_room(LINE_H * 2)
    left = pdf.l_margin
    pdf.set_x(left + 3)
    pdf.cell(5, LINE_H, "•")
    pdf.set_left_margin(left + 8)
    pdf.write_block(text, lambda t: pdf.multi_cell(0, LINE_H, t, align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT))
    if pdf.ncols == 2:
        pdf.set_col(pdf.col)
    else:
        pdf.set_left_margin(left)
    pdf.ln(1)


def row_height(pdf: ContractPDF, row: list[str], widths: list[float], line_h: float) -> float:
    lines = 1
    for text, width in zip(row, widths):
        lines = max(lines, len(pdf.multi_cell(width, line_h, ANCHOR.sub("", text), dry_run=True, output="LINES", padding=1)))
    return lines * line_h + 2


def draw_row(pdf: ContractPDF, row: list[str], widths: list[float], line_h: float, bold: bool, border: bool) -> None:
    height = row_height(pdf, row, widths, line_h)
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
        return draw_row(pdf, row, widths, line_h, bold, border)
    x, y = pdf.l_margin, pdf.get_y()
    pdf.set_font("DejaVu", "B" if bold else "", 8.5 if border else BODY_SIZE)
    for text, width in zip(row, widths):
        if border:
            if bold:
                pdf.set_fill_color(225, 232, 242)
                pdf.rect(x, y, width, height, style="DF")
            else:
                pdf.rect(x, y, width, height)
        pdf.set_xy(x, y + 1)
        pdf.multi_cell(width, line_h, ANCHOR.sub("", text), align="L", padding=(0, 1, 0, 1))
        x += width
    pdf.note_anchors(" ".join(row), range(pdf.page_no(), pdf.page_no() + 1))
    pdf.set_xy(pdf.l_margin, y + height)


def scaled_widths(pdf: ContractPDF, widths: list[float], columns: int) -> list[float]:
    widths = widths or [1.0] * columns
    total = sum(widths)
    full = pdf.w - pdf.l_margin - pdf.r_margin
    return [full * w / total for w in widths]


def render_table(pdf: ContractPDF, rows: list[list[str]], widths: list[float]) -> None:
    if pdf.ncols != 1:
        raise SystemExit("les tableaux doivent être en pleine largeur (::: columns 1)")
    widths = scaled_widths(pdf, widths, len(rows[0]))
    header = rows[0]
    pdf.ln(1)
    draw_row(pdf, header, widths, 4.2, True, True)
    for row in rows[1:]:
        row = row + [""] * (len(header) - len(row))
        if pdf.get_y() + row_height(pdf, row, widths, 4.2) > pdf.page_break_trigger:
            pdf.add_page()
            draw_row(pdf, header, widths, 4.2, True, True)
        draw_row(pdf, row, widths, 4.2, False, True)
    pdf.ln(4)


def render_glossary(pdf: ContractPDF, rows: list[list[str]]) -> None:
    widths = scaled_widths(pdf, [1, 4], 2)
    for row in rows:
        height = row_height(pdf, row, widths, LINE_H)
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.next_area()
        y = pdf.get_y()
        pdf.set_font("DejaVu", "B", BODY_SIZE)
        pdf.set_xy(pdf.l_margin, y)
        pdf.multi_cell(widths[0], LINE_H, ANCHOR.sub("", row[0]))
        pdf.set_font("DejaVu", "", BODY_SIZE)
        pdf.set_xy(pdf.l_margin + widths[0], y)
        pdf.multi_cell(widths[1], LINE_H, ANCHOR.sub("", row[1]))
        pdf.note_anchors(" ".join(row), range(pdf.page_no(), pdf.page_no() + 1))
        pdf.set_xy(pdf.l_margin, max(pdf.get_y(), y + height - 2))


def render_signatures(pdf: ContractPDF, rows: list[list[str]]) -> None:
    full = pdf.w - pdf.l_margin - pdf.r_margin
    width, height = (full - 6) / 2, 34
    for index, row in enumerate(rows):
        if index % 2 == 0:
            if pdf.get_y() + height > pdf.page_break_trigger:
                pdf.add_page()
            y = pdf.get_y()
        x = pdf.l_margin + (index % 2) * (width + 6)
        pdf.set_draw_color(170, 170, 170)
        pdf.rect(x, y, width, height)
        pdf.set_draw_color(0, 0, 0)
        for offset, (text, style) in enumerate(zip(row, ("B", "", "I"))):
            pdf.set_font("DejaVu", style, 9)
            pdf.set_xy(x + 2, y + 2 + offset * 9)
            pdf.multi_cell(width - 4, 4.2, ANCHOR.sub("", text), align="C")
        pdf.note_anchors(" ".join(row), range(pdf.page_no(), pdf.page_no() + 1))
        if index % 2 == 1 or index == len(rows) - 1:
            pdf.set_xy(pdf.l_margin, y + height + 5)


# --------------------------------------------------------------------------- build API

def load_templates() -> dict:
    return yaml.safe_load((SRC / "_filler.yaml").read_text(encoding="utf-8"))


def build_pdf(source_path: Path | str, out_path: Path | str | None = None) -> tuple[bytes, dict]:
    """Render one source; write the PDF to out_path when given. Returns (pdf bytes, gold dict)."""
    source_path = Path(source_path)
    meta, body = read_source(source_path)
    items = parse_body(body, meta, load_templates())
    pdf = render(items, meta)
    data = bytes(pdf.output())
    gold = gold_of(source_path.stem, meta, pdf)
    if out_path is not None:
        Path(out_path).write_bytes(data)
    return data, gold


def gold_of(name: str, meta: dict, pdf: ContractPDF) -> dict:
    declared = meta.get("gold") or {}
    missing = [c for c in CRITERIA if c not in declared]
    if missing:
        raise SystemExit(f"{name}: niveaux attendus manquants pour {', '.join(missing)}")
    criteria = {}
    for crit in CRITERIA:
        entry = declared[crit]
        pages = sorted(pdf.anchors.get((crit, False), ()))
        traps = sorted(pdf.anchors.get((crit, True), ()))
        if entry["level"] > 0 and not pages:
            raise SystemExit(f"{name}: {crit} niveau {entry['level']} sans ancre [[{crit}]] dans le texte")
        criteria[crit] = {"level": int(entry["level"]), "pages": pages, "trap_pages": traps,
                          "why": entry.get("why", "")}
    return {"sample": f"{name}.pdf", "title": meta["title"], "kind": meta.get("doc_kind", ""),
            "pages": pdf.page_no(), "criteria": criteria}


def gold_text(gold: dict) -> str:
    header = ("# Gold annotations, generated by samples/build.py from the source's front matter\n"
              "# (levels, why) and its [[VAxx]] anchors (pages). Edit the source, not this file.\n")
    return header + yaml.safe_dump(gold, allow_unicode=True, sort_keys=False, width=100)


def sources(names: list[str]) -> list[Path]:
    found = sorted(p for p in SRC.glob("*.md") if not p.name.startswith("_"))
    if names:
        found = [p for p in found if p.stem in names]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Construit samples/*.pdf et samples/gold/*.yaml.")
    parser.add_argument("--check", action="store_true",
                        help="ne rien écrire ; échoue si un PDF ou un fichier gold n'est pas à jour")
    parser.add_argument("names", nargs="*", help="noms des sources (sans .md) ; toutes par défaut")
    args = parser.parse_args(argv)
    GOLD.mkdir(exist_ok=True)
    stale = []
    for source in sources(args.names):
        pdf_path = SAMPLES / f"{source.stem}.pdf"
        gold_path = GOLD / f"{source.stem}.yaml"
        data, gold = build_pdf(source)
        text = gold_text(gold)
        if args.check:
            if not pdf_path.exists() or pdf_path.read_bytes() != data:
                stale.append(str(pdf_path))
            if not gold_path.exists() or gold_path.read_text(encoding="utf-8") != text:
                stale.append(str(gold_path))
            continue
        pdf_path.write_bytes(data)
        gold_path.write_text(text, encoding="utf-8")
        levels = " ".join(f"{c}={gold['criteria'][c]['level']}" for c in CRITERIA)
        print(f"{pdf_path.name}: {gold['pages']} pages  {levels}")
    if stale:
        print("Pas à jour (lancez python samples/build.py) :\n  " + "\n  ".join(stale), file=sys.stderr)
        return 1
    if args.check:
        print("Échantillons à jour.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
