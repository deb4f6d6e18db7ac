"""One PDF page read with pdfium: text lines with their position and font, and ruled tables.

Speed matters (hundreds of pages per second): the whole page text comes from one pdfium call,
split on pdfium's own line breaks; positions and fonts are sampled per line (a handful of calls),
never per character. Lines that pdfium joined across a wide gap (two columns drawn line by line,
table cells) are split where pdfium's text rectangles show the gap. Tables are found from the
page's vector paths (cell borders), and their cells read with one bounded-text call each, only on
pages that have such a grid.
"""

from __future__ import annotations

import ctypes
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

import pypdfium2.raw as pdfium_c

from contratvie.ingest.textfix import join_lines, undo_fake_bold

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LINE_OR_HYPHEN = re.compile("\r\n|\r|\n|\ufffe")
MIN_ROW_HEIGHT = 6.0  # points: thinner bands between rules are borders or shading, not rows
MIN_CELL_WIDTH = 12.0
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demibold|extrabold|-bd\b|,bd\b", re.I)


@dataclass(slots=True)
class Line:
    """A run of text on one baseline, within one column or one table cell."""

    text: str
    x0: float
    x1: float
    y: float  # baseline, PDF units (origin bottom-left)
    size: float  # font size in points
    bold: bool = False
    band: int = -1  # index of the line this one was split from (same baseline), -1 if whole
    kind: str = ""  # set by layout: header, footer, toc, glossary, signature...
    first: int = -1  # pdfium char index of the first and last characters (for splitting)
    last: int = -1


@dataclass(slots=True)
class RawTable:
    top: float
    bottom: float
    x0: float
    x1: float
    rows: list[list[str]] = field(default_factory=list)
    kind: str = "table"  # or "glossary", "signature" when the table lies in such a zone


@dataclass(slots=True)
class RawPage:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list[RawTable] = field(default_factory=list)
    text: str = ""  # every character pdfium reports, for the quality figure
    char_count: int = 0
    image_count: int = 0  # images and form objects: a page with these and no text is a scan
    error: str | None = None
    ocr_text: str | None = None


class _Probe:
    """Reusable ctypes buffers for per-line sampling (avoids allocating on every call)."""

    def __init__(self):
        self.l, self.r, self.b, self.t = (ctypes.c_double() for _ in range(4))
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.flags = ctypes.c_int()
        self.name = ctypes.create_string_buffer(128)
        self.fl, self.fb, self.fr, self.ft = (ctypes.c_float() for _ in range(4))
        self.bold_fonts: dict[bytes, bool] = {}
        self.matrix = pdfium_c.FS_MATRIX()

    def box(self, tp, index: int) -> tuple[float, float, float, float]:
        pdfium_c.FPDFText_GetCharBox(tp, index, self.l, self.r, self.b, self.t)
        return self.l.value, self.b.value, self.r.value, self.t.value

    def scale(self, tp, index: int) -> float:
        """Scale of the character's matrix: text drawn at "Tf 1" and sized by the matrix."""
        if not pdfium_c.FPDFText_GetMatrix(tp, index, self.matrix):
            return 1.0
        m = self.matrix
        return abs(m.a * m.d - m.b * m.c) ** 0.5 or 1.0

    def origin(self, tp, index: int) -> tuple[float, float]:
        pdfium_c.FPDFText_GetCharOrigin(tp, index, self.x, self.y)
        return self.x.value, self.y.value

    def bold(self, tp, index: int) -> bool:
        """Bold by font name, ForceBold flag or weight; cached per font name."""
        if pdfium_c.FPDFText_GetFontInfo(tp, index, self.name, 128, self.flags) <= 0:
            return False
        key = self.name.value + bytes((self.flags.value >> 18) & 1)
        bold = self.bold_fonts.get(key)
        if bold is None:
            name = self.name.value.decode("latin-1", "replace")
            bold = bool(_BOLD_NAME.search(name)) or bool(self.flags.value & (1 << 18))
            bold = bold or pdfium_c.FPDFText_GetFontWeight(tp, index) >= 600
            self.bold_fonts[key] = bold
        return bold

    def bounds(self, obj) -> tuple[float, float, float, float]:
        pdfium_c.FPDFPageObj_GetBounds(obj, self.fl, self.fb, self.fr, self.ft)
        return self.fl.value, self.fb.value, self.fr.value, self.ft.value


def read_page(page, number: int) -> RawPage:
    """Extract lines and tables from an open pypdfium2 PdfPage (the caller closes the page)."""
    left, bottom, right, top = page.get_bbox()
    raw = RawPage(number, abs(right - left) or 612.0, abs(top - bottom) or 792.0)
    probe = _Probe()
    horizontals, verticals, raw.image_count = _page_paths(page.raw, probe)
    textpage = page.get_textpage()
    try:
        tp = textpage.raw
        raw.char_count = pdfium_c.FPDFText_CountChars(tp)
        if raw.char_count <= 0:
            return raw
        full = textpage.get_text_range()
        raw.text = full.replace("\ufffe", "-")
        tables = _grid_tables(horizontals, verticals)
        for table in tables:
            table.rows = _table_rows(textpage, table, horizontals, verticals)
        raw.tables = [t for t in tables if t.rows]
        lines = _lines(tp, full, probe, raw.char_count)
        lines = _split_wide_gaps(textpage, tp, full, lines, probe)
        raw.lines = [ln for ln in lines if not _in_tables(ln, raw.tables)]
    finally:
        textpage.close()
    return raw


# --- text lines -------------------------------------------------------------------------------


def _lines(tp, full: str, probe: _Probe, char_count: int) -> list[Line]:
    identity = len(full) == char_count
    lines: list[Line] = []
    start = 0
    # pdfium joins a line ending with a hyphen to the next one and marks the hyphen U+FFFE: that
    # is a line end too (the hyphen stays on its line; textfix decides whether to keep it).
    for match in _LINE_OR_HYPHEN.finditer(full + "\n"):
        end = match.end() if match.group() == "\ufffe" else match.start()
        line = _make_line(tp, full, start, end, probe, identity)
        if line is not None:
            lines.append(line)
        start = match.end()
    return lines


def _make_line(tp, full: str, start: int, end: int, probe: _Probe, identity: bool) -> Line | None:
    text = full[start:end]
    stripped = text.strip().replace("\ufffe", "-")
    if not stripped:
        return None
    first = start + (len(text) - len(text.lstrip()))
    last = start + len(text.rstrip()) - 1
    if not identity:
        first = pdfium_c.FPDFText_GetCharIndexFromTextIndex(tp, first)
        last = pdfium_c.FPDFText_GetCharIndexFromTextIndex(tp, last)
        if first < 0 or last < 0:
            return None
    x0, y = probe.origin(tp, first)
    _, _, x1, _ = probe.box(tp, last)
    # Style sampled mid-line: a run-in lead ("AGENCY:", small caps, bold) does not make the line.
    sample = (first + last) // 2
    size = pdfium_c.FPDFText_GetFontSize(tp, sample)
    if size <= 0:  # a generated space has no font
        sample = first
        size = pdfium_c.FPDFText_GetFontSize(tp, sample)
    size *= probe.scale(tp, sample)
    line = Line(stripped, min(x0, x1), max(x0, x1), y, round(size, 1), probe.bold(tp, sample))
    if identity:
        line.first, line.last = first, last
    return line


def _text_bands(tp, probe: _Probe) -> list[tuple[float, float, list[tuple[float, float]]]]:
    """pdfium's text rectangles grouped by baseline band: (bottom, top, [(x0, x1), ...])."""
    count = pdfium_c.FPDFText_CountRects(tp, 0, -1)
    rects = []
    for i in range(min(count, 5000)):
        pdfium_c.FPDFText_GetRect(tp, i, probe.l, probe.t, probe.r, probe.b)
        rects.append((probe.l.value, probe.b.value, probe.r.value, probe.t.value))
    rects.sort(key=lambda r: (-r[3], r[0]))
    bands: list[tuple[float, float, list[tuple[float, float]]]] = []
    for l, b, r, t in rects:
        # Rectangles come top to bottom: only the last few bands can share this baseline.
        for i in range(len(bands) - 1, max(len(bands) - 4, -1), -1):
            bb, tt, spans = bands[i]
            if min(t, tt) - max(b, bb) > 0.5 * min(t - b, tt - bb):
                spans.append((l, r))
                bands[i] = (min(b, bb), max(t, tt), spans)
                break
        else:
            bands.append((b, t, [(l, r)]))
    return bands


def _split_wide_gaps(textpage, tp, full: str, lines: list[Line], probe: _Probe) -> list[Line]:
    """Split lines whose rectangles leave a gap wider than a column gutter or a table gap."""
    if not any(ln.x1 - ln.x0 > 100 for ln in lines):
        return lines
    bands = _text_bands(tp, probe)
    cuts: list[tuple[float, float, float]] = []  # (y_mid, x_left_of_gap, x_right_of_gap)
    for bottom, top, spans in bands:
        spans.sort()
        height = top - bottom
        reach = spans[0][1]
        for l, r in spans[1:]:
            if l - reach > max(1.0 * height, 8):  # wider than any word space
                cuts.append(((bottom + top) / 2, reach, l))
            reach = max(reach, r)
    if not cuts:
        return lines
    cuts.sort()
    cut_ys = [c[0] for c in cuts]
    out: list[Line] = []
    for index, line in enumerate(lines):
        middle = line.y + line.size * 0.3
        near = cuts[bisect_left(cut_ys, middle - line.size * 0.7) : bisect_right(cut_ys, middle + line.size * 0.7)]
        mine = [c for c in near if line.x0 < c[2] < line.x1]
        if not mine:
            out.append(line)
            continue
        out.extend(_cut_line(textpage, tp, full, line, sorted(mine, key=lambda c: c[2]), probe, index))
    return out


def _cut_line(textpage, tp, full: str, line: Line, cuts, probe: _Probe, band: int) -> list[Line]:
    """Split a line at each gap: by character index when known, else by bounded text."""
    pieces: list[Line] = []
    x_start = line.x0
    start = line.first
    for left_end, next_start in [(c[1], c[2]) for c in cuts] + [(line.x1, None)]:
        if next_start is None:
            end = line.last + 1 if line.first >= 0 else -1
        elif line.first >= 0:
            end = _first_char_right_of(tp, probe, start, line.last, (left_end + next_start) / 2)
        else:
            end = -1
        if end >= 0:
            text = full[start:end]  # char and text indices agree (line.first is set only then)
        else:
            low, high = line.y - line.size * 0.3, line.y + line.size * 0.9
            text = textpage.get_text_bounded(x_start - 1, low, left_end + 1, high)
        text = " ".join(text.replace("\ufffe", "-").split())
        if text:
            pieces.append(Line(text, x_start, left_end, line.y, line.size, line.bold, band, "", start, end - 1))
        if next_start is None:
            break
        x_start, start = next_start, end
    return pieces if len(pieces) > 1 else [line]


def _first_char_right_of(tp, probe: _Probe, low: int, high: int, x: float) -> int:
    """Smallest char index in [low, high] whose box starts right of x (chars run left to right)."""
    while low < high:
        mid = (low + high) // 2
        left = probe.box(tp, mid)[0]
        probe_index = mid
        while left == 0 and probe_index < high:  # generated spaces have no box
            probe_index += 1
            left = probe.box(tp, probe_index)[0]
        if left >= x:
            high = mid
        else:
            low = probe_index + 1
    return low


# --- vector paths and ruled tables ------------------------------------------------------------


def _page_paths(page_raw, probe: _Probe):
    """Horizontal and vertical rules of the page (from path objects) and its image count."""
    horizontals: list[tuple[float, float, float]] = []  # (y, x0, x1)
    verticals: list[tuple[float, float, float]] = []  # (x, y0, y1)
    images = 0
    count = pdfium_c.FPDFPage_CountObjects(page_raw)
    for i in range(min(count, 20000)):
        obj = pdfium_c.FPDFPage_GetObject(page_raw, i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind in (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM, pdfium_c.FPDF_PAGEOBJ_SHADING):
            images += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH and len(horizontals) + len(verticals) < 4000:
            _add_edges(probe.bounds(obj), horizontals, verticals)
    return horizontals, verticals, images


def _add_edges(bounds, horizontals, verticals) -> None:
    l, b, r, t = bounds
    w, h = r - l, t - b
    if w > 4 and h < 3:
        horizontals.append(((b + t) / 2, l, r))
    elif h > 4 and w < 3:
        verticals.append(((l + r) / 2, b, t))
    elif w > 4 and h > 4 and w * h < 400_000:  # a cell or a framed box, not a page background
        horizontals.extend(((t, l, r), (b, l, r)))
        verticals.extend(((l, b, t), (r, b, t)))


def _cluster(values: list[float], tolerance: float = 2.0) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if out and value - out[-1] <= tolerance:
            continue
        out.append(value)
    return out


def _grid_tables(horizontals, verticals) -> list[RawTable]:
    """Regions where horizontal and vertical rules cross into at least two columns."""
    if len(horizontals) < 2 or len(verticals) < 3:
        return []
    boxes: list[list[float]] = []  # [x0, bottom, x1, top] of connected rule groups
    for y, x0, x1 in horizontals:
        crossing = [v for v in verticals if x0 - 2 <= v[0] <= x1 + 2 and v[1] - 2 <= y <= v[2] + 2]
        if not crossing:
            continue
        box = [x0, min(v[1] for v in crossing), x1, max(v[2] for v in crossing)]
        for other in boxes:
            if box[0] <= other[2] + 2 and other[0] <= box[2] + 2 and box[1] <= other[3] + 2 and other[1] <= box[3] + 2:
                other[:] = [min(box[0], other[0]), min(box[1], other[1]), max(box[2], other[2]), max(box[3], other[3])]
                break
        else:
            boxes.append(box)
    tables = []
    for x0, bottom, x1, top in boxes:
        inside_v = [v for v in verticals if x0 - 2 <= v[0] <= x1 + 2 and v[2] > bottom and v[1] < top]
        inside_h = [h for h in horizontals if bottom - 2 <= h[0] <= top + 2 and h[2] > x0 and h[1] < x1]
        if len(_cluster([v[0] for v in inside_v])) >= 3 and len(_cluster([h[0] for h in inside_h])) >= 2:
            tables.append(RawTable(top, bottom, x0, x1))
    return tables


def _table_rows(textpage, table: RawTable, horizontals, verticals) -> list[list[str]]:
    ys = sorted(_cluster([h[0] for h in horizontals if table.bottom - 2 <= h[0] <= table.top + 2 and h[2] > table.x0 and h[1] < table.x1]), reverse=True)
    vs = [v for v in verticals if table.x0 - 2 <= v[0] <= table.x1 + 2]
    rows: list[list[str]] = []
    for high, low in zip(ys, ys[1:]):
        if high - low < MIN_ROW_HEIGHT:
            continue
        mid = (high + low) / 2
        xs = _cluster([v[0] for v in vs if v[1] - 2 <= mid <= v[2] + 2])
        if len(xs) < 2:
            continue
        cells = [undo_fake_bold(_cell_text(textpage.get_text_bounded(a, low, b, high))) for a, b in zip(xs, xs[1:]) if b - a > MIN_CELL_WIDTH]
        if any(cells):
            rows.append(cells)
    # A grid that holds no row of two filled cells is a drawing (frames, shadows), not a table.
    if not any(sum(1 for c in row if c) >= 2 for row in rows):
        return []
    return rows


def _cell_text(text: str) -> str:
    text = text.replace("\ufffe", "-\n")
    return join_lines([part.strip() for part in _LINE_BREAK.split(text) if part.strip()])


def _in_tables(line: Line, tables: list[RawTable]) -> bool:
    mid_x = (line.x0 + line.x1) / 2
    mid_y = line.y + line.size * 0.3
    return any(t.x0 - 1 <= mid_x <= t.x1 + 1 and t.bottom - 1 <= mid_y <= t.top + 1 for t in tables)
