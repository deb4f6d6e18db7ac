"""Building a Document from formats without pages (.docx, .odt, .md, .txt): blocks in reading
order on a single page 1, located by their section path."""

from __future__ import annotations

from pathlib import Path

from contratvie.document import Block, Document, Page
from contratvie.ingest import fiches
from contratvie.ingest.sections import assign_sections


class BlockBuilder:
    """Collects blocks in reading order and numbers paragraphs (a list shares one id)."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.paragraph = 0

    def add(self, text: str, kind: str = "body", level: int | None = None, cells: list[str] | None = None) -> None:
        text = " ".join(text.split())
        if not text:
            return
        continues_list = kind == "list_item" and self.blocks and self.blocks[-1].kind == "list_item"
        if not continues_list:
            self.paragraph += 1
        self.blocks.append(Block(text=text, kind=kind, level=level, cells=cells, paragraph=self.paragraph))

    def row(self, cells: list[str]) -> None:
        cells = [" ".join(cell.split()) for cell in cells]
        while cells and not cells[-1]:
            cells.pop()  # trailing empty (often repeated) cells
        if any(cells):
            self.add(" | ".join(cells), kind="table", cells=cells)

    def table(self, rows: list[list[str]]) -> None:
        """A table's rows; a fiche action written as label/value rows gives "Label : value"
        body blocks sharing one paragraph id (the engine's marker scope)."""
        clean = [_trim(" ".join(cell.split()) for cell in row) for row in rows]
        if not fiches.is_label_value_table(clean):
            for row in rows:
                self.row(row)
            return
        for text, opens in fiches.fiche_rows(clean):
            if opens or not self.blocks:
                self.paragraph += 1
            self.blocks.append(Block(text=text, kind="body", paragraph=self.paragraph))


def pageless_document(path: Path, fmt: str, sha256: str, blocks: list[Block], title: str | None) -> Document:
    """One page 1 without a label; sections locate the blocks; the title falls back on the
    first heading."""
    page = Page(number=1, label=None, blocks=blocks)
    assign_sections([page])
    if not title:
        title = next((b.text for b in blocks if b.kind == "heading"), None)
    return Document(path=str(path), format=fmt, sha256=sha256, pages=[page], title=title)


def _trim(cells) -> list[str]:
    """Trailing empty cells dropped (spreadsheet-like repeats), a label's empty value kept."""
    cells = list(cells)
    filled = [i for i, c in enumerate(cells) if c]
    return cells[: max(min(2, len(cells)), filled[-1] + 1 if filled else 0)]
