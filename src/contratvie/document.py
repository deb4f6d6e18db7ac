"""The Document: what ingest produces and the engine reads.

A document is a list of pages; a page is a list of blocks in reading order. A block is a
paragraph, a heading, a list item, a table row, a header or footer line... Each block knows its
kind, its page (physical, 1-based, and the label printed on it), and its section path (the trail
of headings above it). Formats without pages (.docx, .odt, .txt, .md) use a single page 1 whose
label is None, and rely on the section path to locate evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

# The kinds a block can have (REPORT.md), as `extract` and the reports name them for the user.
# `list_item` is body text that belongs to a bulleted or numbered list.
KIND_LABELS = {
    "body": "texte",
    "list_item": "liste",
    "heading": "titre",
    "table": "tableau",
    "toc": "sommaire",
    "header": "en-tête",
    "footer": "pied de page",
    "glossary": "glossaire",
    "signature": "signature",
}


@dataclass
class Block:
    text: str  # as printed (hyphenation joined, fake bold undone); quoted in reports
    kind: str = "body"
    page: int = 1  # physical page, 1-based
    page_label: str | None = None  # the page number printed on the page, if any
    section: tuple[str, ...] = ()  # heading trail, outermost first
    level: int | None = None  # heading level (1 = top) for kind == "heading"
    cells: list[str] | None = None  # table rows: one string per cell, in column order
    paragraph: int = 0  # blocks of one paragraph or one list share this id (marker scope)

    @property
    def section_path(self) -> str:
        return " > ".join(self.section)


@dataclass
class Page:
    number: int  # physical, 1-based
    label: str | None = None
    blocks: list[Block] = field(default_factory=list)
    # Extraction quality, 0.0 (nothing usable) to 1.0 (clean text). A page below
    # READABLE_THRESHOLD, or without a text layer, is unreadable: "nothing found" there
    # must not be read as "absent".
    quality: float = 1.0
    has_text_layer: bool = True
    problem: str | None = None  # French, why the page is unreadable (shown in reports)

    READABLE_THRESHOLD = 0.5

    @property
    def readable(self) -> bool:
        return self.has_text_layer and self.quality >= self.READABLE_THRESHOLD


@dataclass
class Document:
    path: str
    format: str  # pdf, docx, odt, txt, md
    sha256: str
    pages: list[Page] = field(default_factory=list)
    title: str | None = None

    def blocks(self) -> Iterator[Block]:
        for page in self.pages:
            yield from page.blocks

    @property
    def paged(self) -> bool:
        """Whether page numbers mean anything: formats without pages locate by section."""
        return self.format == "pdf"

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def unreadable_pages(self) -> list[int]:
        return [p.number for p in self.pages if not p.readable]
