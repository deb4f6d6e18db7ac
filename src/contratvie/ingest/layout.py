"""From raw page lines to Blocks: the document-level layout decisions.

Decisions that need the whole document are taken here, after every page has been read: the body
font size (headings are what stands out from it), running headers and footers (same text, digits
aside, in the top or bottom band of many pages), printed page numbers, tables of contents,
glossaries and signature pages, reading order by columns, paragraphs and lists.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from contratvie.document import Block, Page
from contratvie.ingest import fiches
from contratvie.ingest.pdfpage import Line, RawPage, RawTable
from contratvie.ingest.textfix import join_lines, undo_fake_bold
from contratvie.text import normalize

TOP_BAND = 0.10  # share of the page height where running headers live
BOTTOM_BAND = 0.09

_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(
    r"^(?:page|p\.)?\s*[-–—]?\s*(\d{1,4}|[ivxlcdm]{1,7})\s*[-–—]?\s*(?:(?:/|sur|de|of)\s*\d{1,4})?$", re.I
)
_PAGE_WORD = re.compile(r"\bpage\s+(\d{1,4}|[ivxlcdm]{1,7})\b(?:\s*(?:/|sur|de)\s*\d{1,4})?", re.I)
# Dot leaders, solid ("......") or spaced (". . . ."), then a page number.
_TOC_LEADER = re.compile(r"(?:\.{3,}|(?:…\s*){2,}|(?:\.\s+){3,}\.?|_{4,}|(?:·\s*){3,})\s*(\d{1,4}|[ivxlc]{1,6})\s*$", re.I)
_ENDS_WITH_LEADER = re.compile(r"(?:\.{4,}|(?:…\s*){3,}|(?:\.\s+){3,}\.|_{4,}|(?:·\s*){4,})\s*$")
_TRAILING_NUMBER = re.compile(r"[^\d\s.,/:-]\s+(\d{1,3})\s*$")
_TOC_TITLE = re.compile(r"^(sommaire|table des mati[eè]res|contents|table of contents)\s*:?$", re.I)
# "Glossaire", "Annexe 1 – Glossaire des sigles", "3. Liste des abréviations", "Sigles et acronymes"
_GLOSSARY_TITLE = re.compile(
    r"^(?:(?:annexe|partie|chapitre)\s*(?:n°\s*)?[\dIVX]*\s*[.:)–—-]?\s*|[\dIVX]+(?:\.\d+)*[.)]?\s*[–—-]?\s*)?"
    r"(?:glossaire|lexique|liste des (?:sigles|acronymes|abr[ée]viations)|table des sigles|(?:principaux )?sigles|"
    r"acronymes|abr[ée]viations)\b",
    re.I,
)
_SECTION_NUMBER = re.compile(r"^(?:annexe|partie|chapitre|article|titre)\s*[\dIVX]+\b|^[\dIVX]+(?:\.\d+)*[.)]?\s+[A-ZÀ-Ý]", re.I)
_ACRONYM_LINE = re.compile(r"^([A-Z][A-Za-z0-9'’&.\-]{1,14})\s*(?::|–|—|-|=|\t)?\s+\S")
_SIGNATURE_START = re.compile(
    r"^(fait\s+(à|a)\s+.{2,60}\ble\b|fait en \w+ exemplaires|signatures?\s*:?$|(les )?(partenaires )?signataires"
    r"( du (présent )?(contrat|protocole|avenant))?\s*:?$)",
    re.I,
)
_SIGNATURE_TITLE = re.compile(r"^(?:signatures?|(?:les )?(?:partenaires )?signataires.*)$", re.I)
# Lines of a signature block: "Pour l'État", "Le Préfet de ...", "La Présidente", "Mme Odile Lemaire"
_SIGNATORY = re.compile(
    r"^(?:pour\s+(?:l['’]|la\s|le\s|les\s)\S|(?:le|la|les|l['’])\s*(?:sous-)?(?:pr[ée]f[eè]te?|maire|pr[ée]sidente?|vice-pr[ée]sidente?|"
    r"directeur|directrice|recteur|rectrice|procureure?|d[ée]l[ée]gu[ée]e?|adjointe?|conseill[eè]re?|secr[ée]taire|"
    r"g[ée]n[ée]ral|d[ée]put[ée]e?|s[ée]nat(?:eur|rice))\b|(?:m\.|mme|mmes|monsieur|madame)\s+[A-ZÀ-Ý])",
    re.I,
)
_BULLET_CHARS = "•◦▪▫●○■□►▸‣⁃➢➤✓✔❖\uf0a7\uf0b7\uf076\uf0d8\uf0fc\uf0e0\uf06e\uf0a8"
_BULLET = re.compile(rf"^(?:[{_BULLET_CHARS}\-–—*]\s+|\(?\d{{1,2}}[.)]\s+|\(?[a-z][.)]\s+)")
_LONE_MARKER = re.compile(rf"^(?:[{_BULLET_CHARS}\-–—*]|\(?\d{{1,2}}[.)]|\(?[a-z][.)])$")


def body_size(raws: list[RawPage]) -> float:
    """The font size that carries most of the text."""
    sizes: Counter[float] = Counter()
    for raw in raws:
        for line in raw.lines:
            if not line.kind:
                sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


# --- running headers, footers and page labels --------------------------------------------------


def _band(line: Line, raw: RawPage) -> str | None:
    if line.y > raw.height * (1 - TOP_BAND):
        return "header"
    if line.y < raw.height * BOTTOM_BAND:
        return "footer"
    return None


def mark_running_lines(raws: list[RawPage], body: float) -> None:
    """Tag header and footer lines: repeated across pages in the top/bottom band, or page numbers."""
    text_pages = [raw for raw in raws if raw.lines]
    counts: Counter[tuple[str, str]] = Counter()
    for raw in text_pages:
        seen = set()
        for line in raw.lines:
            band = _band(line, raw)
            if band:
                seen.add((band, _key(line.text)))
        counts.update(seen)
    pages = len(text_pages)
    needed = 2 if pages <= 4 else max(3, round(0.25 * pages))
    for raw in text_pages:
        for line in raw.lines:
            band = _band(line, raw)
            if not band:
                continue
            repeated = counts[(band, _key(line.text))] >= needed
            if repeated and line.size > body * 1.3:  # a big title repeated at the top: needs more
                repeated = counts[(band, _key(line.text))] >= max(needed, 0.5 * pages)
            if repeated or _PAGE_NUMBER.match(line.text.strip()):
                line.kind = band
        _mark_lone_page_number(raw)


def _mark_lone_page_number(raw: RawPage) -> None:
    """A bare page number a little further from the edge ("1" at 12 % of the height) is a footer
    or header too, when it is the outermost line of the page."""
    if not raw.lines:
        return
    lowest = min(raw.lines, key=lambda ln: ln.y)
    highest = max(raw.lines, key=lambda ln: ln.y)
    for line, kind, inside in ((lowest, "footer", lowest.y < raw.height * 0.15), (highest, "header", highest.y > raw.height * 0.85)):
        if not line.kind and inside and _PAGE_NUMBER.match(line.text.strip()):
            line.kind = kind


def _key(text: str) -> str:
    return _DIGITS.sub("#", normalize(text).lower())


def page_labels(raws: list[RawPage]) -> dict[int, str]:
    """The page number printed on each page, read from its headers and footers."""
    labels: dict[int, str] = {}
    offsets: dict[str, list[tuple[int, int]]] = defaultdict(list)  # key -> (page, number)
    for raw in raws:
        for line in sorted(raw.lines, key=lambda ln: ln.kind != "footer"):
            if line.kind not in ("header", "footer"):
                continue
            text = line.text.strip()
            match = _PAGE_NUMBER.match(text) or _PAGE_WORD.search(text)
            if match and raw.number not in labels:
                labels[raw.number] = match.group(1)
            numbers = _DIGITS.findall(text)
            if numbers:
                offsets[_key(text)].append((raw.number, int(numbers[-1])))
    # A running line whose last number follows the physical page ("Contrat de ville - 12").
    for occurrences in offsets.values():
        if len(occurrences) < 2:
            continue
        shift, count = Counter(n - p for p, n in occurrences).most_common(1)[0]
        if count >= 0.6 * len(occurrences) and count >= 2:
            for page, number in occurrences:
                if number - page == shift:
                    labels.setdefault(page, str(number))
    return labels


# --- tables of contents, glossaries, signatures ------------------------------------------------


def _dotted(text: str) -> bool:
    if "..." not in text and "…" not in text and ". ." not in text and "___" not in text and "··" not in text:
        return False
    return bool(_TOC_LEADER.search(text) or _ENDS_WITH_LEADER.search(text))


def _rows(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped by baseline, top to bottom, each row left to right: a table-of-contents
    entry and its page number are often two text objects."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: -ln.y):
        if rows and abs(rows[-1][0].y - line.y) <= 0.35 * max(line.size, rows[-1][0].size):
            rows[-1].append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda ln: ln.x0) for row in rows]


def _row_text(row: list[Line]) -> str:
    return " ".join(ln.text.strip() for ln in row)


def _toc_entry(text: str, leaders_only: bool) -> bool:
    """A table-of-contents entry: a title, dot leaders and a page number, or (under a
    "Sommaire" title) a title ending with a page number."""
    if _dotted(text):
        return True
    return not leaders_only and bool(_TRAILING_NUMBER.search(text)) and len(text) < 160


def mark_toc(raw: RawPage, carried: bool = False) -> bool:
    """Tag table-of-contents lines; returns True when the table seems to go on to the next page.

    Entries have dot leaders (solid "....." or spaced ". . . .") and a page number, or, under a
    "Sommaire" / "Table des matières" title, end with a page number. The tagged zone runs from
    the title (or the first entry) to the last entry, so wrapped titles and part names are in."""
    rows = _rows([ln for ln in raw.lines if not ln.kind])
    texts = [_row_text(row) for row in rows]
    title = next((i for i, t in enumerate(texts) if len(t) < 40 and _TOC_TITLE.match(t.strip())), None)
    dotted = [i for i, t in enumerate(texts) if _toc_entry(t, leaders_only=True)]
    entries = dotted
    if len(dotted) < 3 and (title is not None or carried):
        entries = [i for i, t in enumerate(texts) if (title is None or i > title) and _toc_entry(t, leaders_only=False)]
        first = title + 1 if title is not None else 0
        span = len(texts[first : entries[-1] + 1]) if entries else 0
        if span and len(entries) < 0.5 * span:
            return False
    if len(entries) < 3:
        return False
    start = title if title is not None and title < entries[0] else entries[0]
    for row in rows[start : entries[-1] + 1]:
        for line in row:
            line.kind = "toc"
    # The table goes on when its last entry is near the bottom of the page.
    return rows[entries[-1]][0].y < raw.height * 0.25


def mark_glossary(raw: RawPage, body: float, carried: bool) -> bool:
    """Tag the entries of a glossary (acronym lists); returns True when it seems to go on to the
    next page.

    A glossary starts under a title that says so ("Glossaire", "Annexe 1 – Glossaire des
    sigles", "Liste des abréviations", "Lexique"...), goes on over the next pages, and ends at
    the next title at least as prominent. Without a title, a page mostly made of definition
    lines ("CPO : convention...") is one. The title itself stays a heading (a section name)."""
    lines = sorted((ln for ln in raw.lines if not ln.kind), key=lambda ln: (-ln.y, ln.x0))
    if not lines:
        return False
    start = next((i for i, ln in enumerate(lines) if _glossary_title(ln, body)), None)
    title = lines[start] if start is not None else None
    if title is None:
        rows = [_row_text(row) for row in _rows(lines)]  # "CPO" and its definition may be apart
        defs = sum(1 for text in rows if _looks_like_definition(text))
        if not (carried and defs >= 0.3 * len(rows)) and not (defs >= 6 and defs >= 0.6 * len(rows)):
            return False
    entries = lines[start + 1 :] if start is not None else lines
    top = title.y if title is not None else raw.height
    for line in entries:
        if _ends_glossary(line, title, body):
            _mark_tables(raw, top, line.y, "glossary")
            return False
        line.kind = "glossary"
    _mark_tables(raw, top, 0.0, "glossary")
    return True


def _glossary_title(line: Line, body: float) -> bool:
    text = line.text.strip()
    if len(text) > 80 or text.endswith(".") or not _GLOSSARY_TITLE.match(text):
        return False
    return line.bold or line.size > body + 0.5 or len(text) < 30


def _ends_glossary(line: Line, title: Line | None, body: float) -> bool:
    """The next section's title: as prominent as the glossary's own, and no definition."""
    if _looks_like_definition(line.text) or len(line.text) > 120:
        return False
    if title is None or title.size <= body + 0.5:
        return line.size > body + 1 or (line.bold and bool(_SECTION_NUMBER.match(line.text)))
    return line.size >= title.size - 0.6 and line.size > body + 0.5


def _mark_tables(raw: RawPage, top: float, bottom: float, kind: str) -> None:
    for table in raw.tables:
        if table.top <= top + 2 and table.bottom >= bottom - 2:
            table.kind = kind


def _looks_like_definition(text: str) -> bool:
    match = _ACRONYM_LINE.match(text.strip())
    if not match:
        return False
    token = match.group(1).replace("'", "").replace("’", "").replace("-", "").replace(".", "").replace("&", "")
    capitals = sum(1 for c in token if c.isupper())
    return capitals >= 2 and capitals >= 0.6 * len(token)


def mark_signature(raw: RawPage) -> None:
    """Tag the signature zone: from "Fait à ..., le ..." (or the first signatory line) to the end
    of the page, when what follows is signatories (names, offices, "Pour la Ville..."), not text."""
    lines = sorted((ln for ln in raw.lines if not ln.kind), key=lambda ln: (-ln.y, ln.x0))
    start = next((i for i, ln in enumerate(lines) if _SIGNATURE_START.match(ln.text.strip())), None)
    signatories = [i for i, ln in enumerate(lines) if _signatory(ln.text)]
    if start is None:
        if len(signatories) < 3 or len(signatories) < 0.4 * len(lines[signatories[0] :]):
            return
        start = signatories[0]
    if _SIGNATURE_TITLE.match(lines[start].text.strip()) and start + 1 < len(lines):
        start += 1  # "Signataires" stays a title: the section of the signatures
    rest = lines[start:]
    prose = [ln for ln in rest if len(ln.text) > 70 and not _signatory(ln.text)]
    if len(prose) > 2 or sum(len(ln.text) for ln in rest) > 6000:
        return
    for line in rest:
        line.kind = "signature"
    _mark_tables(raw, rest[0].y + rest[0].size, 0.0, "signature")


def _signatory(text: str) -> bool:
    text = text.strip()
    # "Pour l'État : 20 000 €" is a financial commitment, not a signature.
    return len(text) <= 90 and not any(c in text for c in ":;€%") and bool(_SIGNATORY.match(text))


# --- reading order ------------------------------------------------------------------------------


def reading_order(raw: RawPage) -> list[Line | RawTable]:
    """Lines and tables top to bottom; on column pages, each column top to bottom in turn."""
    lines = sorted(raw.lines, key=lambda ln: -ln.y)
    lines = _group_same_baseline(lines)
    gutters = _gutters(raw, lines)
    items: list[Line | RawTable] = list(lines)
    if gutters:
        for line in lines:
            line.band = -1  # pieces of a split line are column lines here, not table cells
        items = _by_columns(lines, gutters)
    _signatories_by_column(items, raw.width)
    return _insert_tables(items, raw.tables)


def _signatories_by_column(items: list[Line], width: float) -> None:
    """Signature blocks side by side ("Pour l'État / Le Préfet / name" | "Pour la Ville / ..."):
    each column top to bottom, so that one signatory's lines follow each other."""
    slots = [i for i, item in enumerate(items) if item.kind == "signature"]
    if len(slots) < 4:
        return
    lines = [items[i] for i in slots]
    narrow = sorted((ln for ln in lines if ln.x1 - ln.x0 < 0.45 * width), key=lambda ln: ln.x0)
    cuts: list[float] = []  # x positions with no narrow signature line across them
    reach = narrow[0].x1 if narrow else 0.0
    for line in narrow[1:]:
        if line.x0 > reach + 4:
            cuts.append((reach + line.x0) / 2)
        reach = max(reach, line.x1)
    if not cuts:
        return
    column = lambda ln: -1 if ln.x1 - ln.x0 >= 0.45 * width else sum(1 for c in cuts if ln.x0 > c)  # noqa: E731
    ordered = sorted(lines, key=lambda ln: (column(ln) >= 0, column(ln), -ln.y))
    for slot, line in zip(slots, ordered):
        items[slot] = line


def _group_same_baseline(lines: list[Line]) -> list[Line]:
    """Lines sorted top to bottom, and left to right within one baseline."""
    out: list[Line] = []
    group: list[Line] = []
    for line in lines:
        if group and abs(group[0].y - line.y) > 0.35 * max(line.size, group[0].size):
            out.extend(_merge_leaders(sorted(group, key=lambda ln: ln.x0)))
            group = []
        group.append(line)
    out.extend(_merge_leaders(sorted(group, key=lambda ln: ln.x0)))
    return out


def _merge_leaders(group: list[Line]) -> list[Line]:
    """Pieces of one printed line that pdfium returns apart: a table-of-contents entry and its
    page number after the dot leaders, a list bullet or number and the item's text, a fiche
    action's field name and its value ("Pilote :" | "centre social")."""
    if len(group) == 2 and _label_beside_value(*group):
        label, value = group
        return [Line(fiches.join_pair(label.text, value.text), label.x0, value.x1, value.y, value.size, value.bold)]
    out: list[Line] = []
    for line in group:
        previous = out[-1] if out else None
        toc_pieces = previous is not None and previous.kind == line.kind == "toc"  # title | leaders | number
        if previous is not None and (toc_pieces or _ENDS_WITH_LEADER.search(previous.text) and len(line.text) <= 6):
            previous.text = f"{previous.text} {line.text}"
            previous.x1 = line.x1
            continue
        if previous is not None and _LONE_MARKER.match(previous.text) and line.x0 - previous.x1 < 4 * line.size and not previous.kind:
            out[-1] = Line(f"{previous.text} {line.text}", previous.x0, line.x1, line.y, line.size, line.bold, line.band, line.kind)
            continue
        out.append(line)
    return out


def _label_beside_value(label: Line, value: Line) -> bool:
    """A fiche's field name printed as such ("Pilote :", or bold beside plain text) and its value
    in a column near it; not the last word of a column beside the next column."""
    if label.kind or value.kind or abs(label.size - value.size) > 1 or not fiches.label_key(label.text):
        return False
    if not (label.text.rstrip().endswith(":") or (label.bold and not value.bold)):
        return False
    return value.x0 - label.x1 <= 3 * (label.x1 - label.x0) + 40


def _gutters(raw: RawPage, lines: list[Line]) -> list[float]:
    """x positions of column gutters: vertical strips that no column-width line crosses, with
    enough lines on both sides. Full-width lines (titles, spanning paragraphs) are ignored here."""
    body = [ln for ln in lines if not ln.kind]
    width = raw.width
    narrow = [ln for ln in body if ln.x1 - ln.x0 < 0.6 * width]
    if len(narrow) < 8 or len(narrow) < 0.5 * len(body) or _looks_like_table(body):
        return []
    step = 2.0
    bins = int(width / step) + 2
    delta = [0] * (bins + 1)
    for ln in narrow:  # coverage by a difference array: O(lines + bins)
        delta[max(int(ln.x0 / step), 0)] += 1
        delta[min(int(ln.x1 / step) + 1, bins)] -= 1
    covered, running = [], 0
    for value in delta[:bins]:
        running += value
        covered.append(running > 0)
    gutters = []
    index = 0
    while index < bins:
        if covered[index]:
            index += 1
            continue
        end = index
        while end < bins and not covered[end]:
            end += 1
        x0, x1 = index * step, end * step
        if any(covered[:index]) and any(covered[end:]) and x1 - x0 >= 6 and 0.12 * width < (x0 + x1) / 2 < 0.88 * width:
            gutters.append((x0 + x1) / 2)
        index = end
    return [g for g in gutters if _enough_on_both_sides(narrow, g)]


def _enough_on_both_sides(lines: list[Line], gutter: float) -> bool:
    left = sum(1 for ln in lines if ln.x1 <= gutter and ln.x1 - ln.x0 > 40)
    right = sum(1 for ln in lines if ln.x0 >= gutter and ln.x1 - ln.x0 > 40)
    return left >= 4 and right >= 4


def _looks_like_table(lines: list[Line]) -> bool:
    """Several baselines split into three or more pieces: a borderless table, not columns."""
    pieces = Counter(ln.band for ln in lines if ln.band >= 0)
    return sum(1 for count in pieces.values() if count >= 3) >= 3


def _by_columns(lines: list[Line], gutters: list[float]) -> list[Line | RawTable]:
    out: list[Line | RawTable] = []
    columns: list[list[Line]] = [[] for _ in range(len(gutters) + 1)]

    def flush() -> None:
        for column in columns:
            out.extend(column)
            column.clear()

    for line in lines:
        if line.kind in ("header", "footer") or any(line.x0 < g < line.x1 for g in gutters):
            flush()
            out.append(line)
        else:
            columns[sum(1 for g in gutters if line.x0 >= g)].append(line)
    flush()
    # Running footers drawn at the bottom must stay last even if they crossed no column.
    return [i for i in out if getattr(i, "kind", "") != "footer"] + [i for i in out if getattr(i, "kind", "") == "footer"]


def _insert_tables(items: list[Line | RawTable], tables: list[RawTable]) -> list[Line | RawTable]:
    for table in sorted(tables, key=lambda t: -t.top):
        index = next((i for i, it in enumerate(items) if isinstance(it, Line) and it.kind != "header" and it.y < table.top), len(items))
        items.insert(index, table)
    return items


# --- blocks ---------------------------------------------------------------------------------


class BlockBuilder:
    """Groups ordered lines into blocks: paragraphs, list items, headings, table rows..."""

    def __init__(self, body: float, known_words):
        self.body = body
        self.known_words = known_words  # callable returning the document's word set (lazy)
        self.paragraph = 0

    def next_id(self) -> int:
        self.paragraph += 1
        return self.paragraph

    def page_blocks(self, raw: RawPage, items: list[Line | RawTable], label: str | None) -> list[Block]:
        blocks: list[Block] = []
        group: list[Line] = []
        for item in _rows_of_pieces(items):
            if isinstance(item, (RawTable, list)):
                self._flush(group, blocks, raw, label)
                group = []
                rows = item.rows if isinstance(item, RawTable) else [[piece.text for piece in item]]
                kind = item.kind if isinstance(item, RawTable) else "table"
                blocks.extend(self._table_blocks([[undo_fake_bold(c) for c in row] for row in rows], kind, raw, label))
                continue
            if group and self._continues(group, item):
                group.append(item)
                continue
            self._flush(group, blocks, raw, label)
            group = [item]
        self._flush(group, blocks, raw, label)
        return blocks

    def _table_blocks(self, rows: list[list[str]], kind: str, raw: RawPage, label: str | None) -> list[Block]:
        """Table rows, one block each; a fiche action drawn as a label/value grid gives body
        blocks "Label : value" that share the fiche's paragraph id (its marker scope)."""
        if kind == "table" and fiches.is_label_value_table(rows):
            out = []
            for text, opens in fiches.fiche_rows(rows):
                block = Block(text, "body", raw.number, label, paragraph=self.next_id() if opens or not out else out[-1].paragraph)
                block._fiche = True  # type: ignore[attr-defined]
                out.append(block)
            return out
        return [Block(" | ".join(cells), kind, raw.number, label, cells=cells, paragraph=self.next_id()) for cells in rows]

    def _continues(self, group: list[Line], line: Line) -> bool:
        last = group[-1]
        if line.kind != last.kind:
            return False
        if line.kind == "glossary":
            return _continues_entry(group, line)
        if line.kind in ("header", "footer", "toc"):
            return False
        if line.kind == "signature":
            return _continues_signatory(last, line)
        if fiches.pair_label(line.text):
            return False  # "Partenaires : ..." opens the fiche's next field
        if line.band >= 0 and line.band == last.band:
            return False  # two pieces of one baseline are never one paragraph
        if abs(line.size - last.size) > 0.6 or _BULLET.match(line.text):
            return False
        if not (last.y > line.y and last.y - line.y <= 1.75 * max(line.size, last.size)):
            return False
        if line.x1 < last.x0 - 2 or line.x0 > last.x1 + 2:
            return False  # no horizontal overlap: another column or a side note
        if line.bold != last.bold and (self._short(group) or line.size > self.body + 0.6):
            return False
        if last.text.rstrip().endswith((".", "!", "?", ":")) and self._short(group):
            return False
        return True

    @staticmethod
    def _short(group: list[Line]) -> bool:
        """Does the last line stop well before the right edge of its paragraph?"""
        right = max(ln.x1 for ln in group)
        left = min(ln.x0 for ln in group)
        width = right - left
        return len(group) > 1 and group[-1].x1 < right - 0.15 * width

    def _flush(self, group: list[Line], blocks: list[Block], raw: RawPage, label: str | None) -> None:
        if not group:
            return
        first = group[0]
        words = self.known_words if any(ln.text.endswith(("-", "\u00ad")) for ln in group[:-1]) else None
        texts = _entry_text(group) if first.kind == "glossary" else [ln.text for ln in group]
        text = join_lines(texts, words() if words else None)
        kind = first.kind or ("list_item" if _BULLET.match(text) else "body")
        block = Block(text, kind, raw.number, label, paragraph=0)
        block._style = (round(first.size * 2) / 2, first.bold, len(group))  # type: ignore[attr-defined]
        previous = blocks[-1] if blocks else None
        fiche = kind == "body" and fiches.pair_label(text) is not None
        if kind == "list_item" and previous is not None and (
            previous.kind == "list_item" or (previous.kind == "body" and previous.text.rstrip().endswith(":"))
        ):
            block.paragraph = previous.paragraph
        elif fiche and previous is not None and getattr(previous, "_fiche", False) and not fiches.opens_fiche(text):
            block.paragraph = previous.paragraph  # the fields of one fiche action: one marker scope
        else:
            block.paragraph = self.next_id()
        if fiche:
            block._fiche = True  # type: ignore[attr-defined]
        blocks.append(block)


def _continues_entry(group: list[Line], line: Line) -> bool:
    """A glossary entry goes on with its definition (beside the acronym), the definition's
    wrapped lines (right of the acronym column) and a wrapped acronym ("Guid'A" / "sso")."""
    first, last = group[0], group[-1]
    size = max(line.size, last.size)
    if abs(line.y - last.y) <= 0.35 * size:
        return line.x0 > last.x1 - 2
    if not (last.y > line.y and last.y - line.y <= 1.75 * size):
        return False
    if line.x0 > first.x0 + 8:
        return True
    return line.text[:1].islower() and len(line.text) <= 12 and not _looks_like_definition(line.text)


def _continues_signatory(last: Line, line: Line) -> bool:
    """The lines of one signatory (office, name) follow each other in one column; "Pour ..."
    or "Fait à ..." opens the next one."""
    if line.text.lower().startswith(("pour ", "fait ")) or _SIGNATURE_START.match(line.text.strip()):
        return False
    if line.x1 < last.x0 - 2 or line.x0 > last.x1 + 2:
        return False
    return last.y > line.y and last.y - line.y <= 6 * max(line.size, last.size)  # the name under room to sign


def _entry_text(group: list[Line]) -> list[str]:
    """The entry's text as "ACRONYM : definition" when the two sit in two columns."""
    first = group[0]
    right = [ln for ln in group if ln.x0 > first.x0 + 8]
    left = [ln for ln in group if ln.x0 <= first.x0 + 8]
    if not right or left[-1].y > right[0].y + 0.35 * first.size + 1:
        return [ln.text for ln in group]  # one column: "CPO : convention ..." lines
    acronym = left[0].text
    for line in left[1:]:  # a word cut by the narrow column: "Guid'A" / "sso"
        acronym += line.text if line.text[:1].islower() else " " + line.text
    return [fiches.join_pair(acronym, join_lines([ln.text for ln in right]))]


def _rows_of_pieces(items: list[Line | RawTable]) -> list[Line | RawTable | list[Line]]:
    """Three or more untagged pieces of one split line are a borderless table row (a list)."""
    out: list[Line | RawTable | list[Line]] = []
    index = 0
    while index < len(items):
        item = items[index]
        if isinstance(item, Line) and item.band >= 0 and not item.kind:
            end = index
            while end + 1 < len(items) and isinstance(items[end + 1], Line) and items[end + 1].band == item.band and not items[end + 1].kind:
                end += 1
            if end - index >= 2:
                out.append(list(items[index : end + 1]))
                index = end + 1
                continue
        out.append(item)
        index += 1
    return out


# --- headings --------------------------------------------------------------------------------


def assign_headings(pages: list[Page], body: float) -> None:
    """Blocks that stand out by size or weight become headings, with levels by style rank."""
    candidates: list[tuple[Block, tuple[float, bool]]] = []
    for page in pages:
        for block in page.blocks:
            style = getattr(block, "_style", None)
            if style is None or block.cells or not (block.kind == "body" or _numbered(block)):
                continue
            size, bold, line_count = style
            if _heading_like(block.text, size, bold, line_count, body):
                candidates.append((block, (size, bold)))
    # Styles seen only on the cover do not push the document's own headings down a level.
    inner = {s for b, s in candidates if b.page > 1} if len(pages) > 3 else {s for _, s in candidates}
    clusters: list[tuple[float, bool]] = []  # distinct styles, biggest first
    for size, bold in sorted(inner, key=lambda s: (-s[0], not s[1])):
        if not clusters or clusters[-1][1] != bold or clusters[-1][0] - size > 0.6:
            clusters.append((size, bold))
    ranks = {}
    for size, bold in inner:
        level = next(i for i, (c_size, c_bold) in enumerate(clusters, 1) if c_bold == bold and c_size - size <= 0.6 + 1e-9 and c_size >= size)
        ranks[(size, bold)] = min(level, 6)
    for style in {s for _, s in candidates} - inner:
        ranks[style] = 1
    for block, style in candidates:
        block.kind = "heading"
        block.level = ranks[style]


def _numbered(block: Block) -> bool:
    """A numbered line ("1. Diagnostic", "2) Pilier") may be a heading; a bulleted one is not."""
    return block.kind == "list_item" and bool(re.match(r"^\(?\d", block.text))


def _heading_like(text: str, size: float, bold: bool, line_count: int, body: float) -> bool:
    stripped = text.strip()
    if line_count > 3 or len(stripped) > 200 or len(stripped) < 2:
        return False
    if not any(c.isalpha() for c in stripped):
        return False
    if stripped.endswith((",", ";")):
        return False
    if size >= body + 1.0:
        return True
    sentence_end = stripped.endswith(".") and not re.search(r"\b[A-Z]\.$", stripped)
    if bold and size >= body - 0.5 and line_count <= 2 and len(stripped) < 150 and not sentence_end:
        return True
    letters = [c for c in stripped if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return line_count == 1 and len(letters) >= 6 and upper >= 0.9 * len(letters) and not sentence_end and len(stripped) < 100


def cover_title(pages: list[Page]) -> str | None:
    """The biggest text of the first readable page with text (of the first two): the lines of
    that title joined, "Contrat de ville 2024-2030 « Engagements Quartiers 2030 »"."""
    for page in [p for p in pages[:2] if p.readable][:2]:
        styled = [(b, b._style) for b in page.blocks if getattr(b, "_style", None) and b.kind in ("heading", "body")]  # type: ignore[attr-defined]
        styled = [(b, s) for b, s in styled if sum(1 for c in b.text if c.isalpha()) >= 4]
        if not styled:
            continue
        biggest = max(s[0] for _, s in styled)
        run: list[Block] = []
        for block, style in styled:  # adjacent blocks at that size are one title cut in lines
            if style[0] >= biggest - 0.5:
                run.append(block)
            elif run:
                break
        return " ".join(" ".join(b.text.split()) for b in run)[:300]
    return None


def clean_private_fields(pages: list[Page]) -> None:
    for page in pages:
        for block in page.blocks:
            for name in ("_style", "_band", "_fiche"):
                if hasattr(block, name):
                    delattr(block, name)
