"""PDF files into Documents, with pypdfium2.

Pages are streamed: each page is opened, read into light lines (pdfpage.read_page) and closed at
once, so memory does not grow with the page count beyond the text itself. The layout decisions
that need the whole document (body size, running headers, page labels, heading levels) are then
taken on those lines (layout.py). pdfium errors never escape: a file that cannot be opened is an
InputError naming the problem in French, a page that cannot be read is an unreadable page.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from contratvie.document import Block, Document, Page
from contratvie.errors import ContratvieError, InputError, PasswordRequired, os_reason
from contratvie.ingest import layout
from contratvie.ingest.pdfpage import RawPage, read_page
from contratvie.ingest.quality import page_quality, problem_of
from contratvie.ingest.sections import assign_sections
from contratvie.ingest.textfix import join_lines, undo_fake_bold

logging.getLogger("pypdfium2").setLevel(logging.ERROR)

READ_ERROR = "page illisible : le PDF est endommagé à cet endroit"
_WORDS = re.compile(r"[\w'’]+(?:-[\w'’]+)*")


def load_pdf(path: Path, *, password: str | None = None, ocr: bool = False, progress=None) -> Document:
    """Read a PDF into a Document. Raises PasswordRequired or InputError (French messages)."""
    from contratvie.ingest import file_sha256

    path = Path(path)
    try:
        pdf = open_pdf(path, password)
    except _PdfiumRefused as refusal:
        raws, title = _fallback(path, password, refusal, progress)
    else:
        raws, title = _read_all(pdf, path, ocr, progress)
    pages, cover_title = build_pages(raws)
    document = Document(str(path), "pdf", file_sha256(path), pages)
    # The metadata title when it says something; else the biggest text of the cover.
    document.title = title or cover_title or _first_title(pages)
    return document


def _read_all(pdf: pdfium.PdfDocument, path: Path, ocr: bool, progress) -> tuple[list[RawPage], str | None]:
    """Stream the pages: each is read into lines and closed before the next."""
    try:
        total = len(pdf)
        if total == 0:
            raise InputError(str(path), "le PDF ne contient aucune page.")
        raws = []
        ocr_checked = False
        for index in range(total):
            raw = _read_one(pdf, index)
            if ocr and _needs_ocr(raw):
                if not ocr_checked:
                    from contratvie.ingest import ocr as ocr_module

                    ocr_module.check_available()
                    ocr_checked = True
                raw = _ocr_one(pdf, index, raw)
            raws.append(raw)
            if progress:
                progress(index + 1, total)
        return raws, _metadata_title(pdf)
    finally:
        pdf.close()


class _PdfiumRefused(Exception):
    """pdfium could not open the file; pdfminer gets a second chance."""

    def __init__(self, password_error: bool):
        super().__init__("pdfium refused the file")
        self.password_error = password_error


def _fallback(path: Path, password: str | None, refusal: _PdfiumRefused, progress) -> tuple[list[RawPage], str | None]:
    from contratvie.ingest.pdf_fallback import FallbackFailed, read_pages

    try:
        raws, title = read_pages(path, password, progress)
    except FallbackFailed as failure:
        if refusal.password_error or failure.password_needed:
            raise PasswordRequired(str(path), wrong=password is not None) from None
        raise InputError(str(path), "PDF corrompu ou tronqué : impossible de le lire.") from None
    if not raws:
        raise InputError(str(path), "le PDF ne contient aucune page.")
    for raw in raws:
        for line in raw.lines:
            line.text = undo_fake_bold(line.text)
    return raws, _clean_title(title)


def open_pdf(path: Path, password: str | None) -> pdfium.PdfDocument:
    try:
        head = path.read_bytes()[:1024] if path.stat().st_size < 2048 else _head(path)
    except OSError as error:
        raise InputError(str(path), f"lecture impossible ({os_reason(error)}).") from None
    if not head:
        raise InputError(str(path), "le fichier est vide.")
    if b"%PDF" not in head:
        raise InputError(str(path), "ce n'est pas un PDF (l'en-tête %PDF est absent).")
    try:
        return pdfium.PdfDocument(path, password=password)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            if password is None:
                return _open_with_empty_password(path)
            raise _PdfiumRefused(password_error=True) from None
        raise _PdfiumRefused(password_error=False) from None
    except Exception:  # noqa: BLE001 - pdfium may fail in other ways on hostile files
        raise _PdfiumRefused(password_error=False) from None


def _open_with_empty_password(path: Path) -> pdfium.PdfDocument:
    """Some files open with an empty password given explicitly (empty owner password)."""
    try:
        return pdfium.PdfDocument(path, password="")
    except Exception:  # noqa: BLE001
        raise _PdfiumRefused(password_error=True) from None


def _head(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(1024)


def _read_one(pdf: pdfium.PdfDocument, index: int) -> RawPage:
    number = index + 1
    page = None
    try:
        page = pdf[index]
        raw = read_page(page, number)
    except ContratvieError:
        raise
    except Exception:  # noqa: BLE001 - a broken page is unreadable, not a crash
        raw = RawPage(number, 595.0, 842.0, error=READ_ERROR)
    finally:
        if page is not None:
            page.close()
    for line in raw.lines:
        line.text = undo_fake_bold(line.text)
    return raw


def _needs_ocr(raw: RawPage) -> bool:
    return raw.error is None and not raw.text.strip() and raw.image_count > 0


def _ocr_one(pdf: pdfium.PdfDocument, index: int, raw: RawPage) -> RawPage:
    from contratvie.ingest import ocr as ocr_module

    page = pdf[index]
    try:
        raw.ocr_text = ocr_module.ocr_page(page, index + 1)
    finally:
        page.close()
    return raw


def _metadata_title(pdf: pdfium.PdfDocument) -> str | None:
    try:
        return _clean_title(pdf.get_metadata_value("Title"))
    except Exception:  # noqa: BLE001
        return None


_PLACEHOLDER_TITLE = re.compile(
    r"^(?:untitled|sans titre|document|doc|titre|title|diapositive|présentation powerpoint|microsoft word|nouveau document|"
    r"new document|page|pdf|rapport|word|document sans titre)\s*\d*$",
    re.I,
)


def _clean_title(title: str | None) -> str | None:
    """The metadata title when it means something: not empty, not a file name or a path, not
    a word processor's placeholder ("Microsoft Word - doc1.docx", "Document1", "Sans titre")."""
    title = " ".join((title or "").replace("\x00", " ").split())
    title = re.sub(r"^Microsoft (?:Word|PowerPoint|Excel) - ", "", title, flags=re.I)
    if re.search(r"\.(?:docx?|odt|pdf|txt|rtf|pptx?|indd|qxp|xlsx?)$", title, re.I) or re.search(r"[\\/]", title):
        return None
    if " " not in title and re.search(r"[_\d]", title):
        return None  # "CV_2015_v3", "contrat2024": a file name
    if sum(1 for c in title if c.isalpha()) < 4 or _PLACEHOLDER_TITLE.match(title):
        return None
    return title


# --- document assembly ----------------------------------------------------------------------


def build_pages(raws: list[RawPage]) -> tuple[list[Page], str | None]:
    """Layout decisions over the whole document, then blocks page by page; also returns the
    cover's title (its biggest text)."""
    text_raws = [r for r in raws if r.lines]
    body = layout.body_size(text_raws)
    layout.mark_running_lines(text_raws, body)
    body = layout.body_size(text_raws)
    labels = layout.page_labels(text_raws)
    carried = toc_carried = False
    for raw in text_raws:
        toc_carried = layout.mark_toc(raw, toc_carried)
        carried = layout.mark_glossary(raw, body, carried)
        layout.mark_signature(raw)

    vocabulary: set[str] | None = None

    def known_words() -> set[str]:
        nonlocal vocabulary
        if vocabulary is None:
            vocabulary = {w.lower() for raw in text_raws for ln in raw.lines for w in _WORDS.findall(ln.text)}
        return vocabulary

    builder = layout.BlockBuilder(body, known_words)
    pages = []
    for raw in raws:
        label = labels.get(raw.number)
        page = Page(raw.number, label)
        ocr_text = raw.ocr_text
        if ocr_text is not None:
            page.blocks = ocr_blocks(ocr_text, raw.number, builder)
            _set_quality(page, "\n".join(b.text for b in page.blocks), has_text=True)
        elif raw.error:
            page.has_text_layer, page.quality, page.problem = False, 0.0, raw.error
        else:
            page.blocks = builder.page_blocks(raw, layout.reading_order(raw), label)
            has_text = bool(raw.text.strip()) or raw.image_count == 0  # a blank page is not unreadable
            _set_quality(page, raw.text, has_text)
        pages.append(page)
    layout.assign_headings(pages, body)
    title = layout.cover_title(pages)
    layout.clean_private_fields(pages)
    assign_sections(pages)
    return pages, title


def _set_quality(page: Page, text: str, has_text: bool) -> None:
    page.has_text_layer = has_text
    if not has_text:
        page.quality = 0.0
    elif text.strip():
        page.quality = page_quality(text)
    else:
        page.quality = 1.0  # blank page: nothing to read, nothing missed
    page.problem = problem_of(page.quality, page.has_text_layer)


def ocr_blocks(text: str, number: int, builder: layout.BlockBuilder) -> list[Block]:
    """OCR text (blank lines between paragraphs) into body and heading blocks."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in chunk.splitlines() if ln.strip()]
        if not lines:
            continue
        joined = join_lines(lines)
        kind = "list_item" if layout._BULLET.match(joined) else "body"
        short = len(lines) == 1 and len(joined) < 90 and not joined.endswith((".", ",", ";", ":"))
        if short and joined[:1].isupper() or short and joined[:1].isdigit():
            blocks.append(Block(joined, "heading", number, None, level=2 if joined[:1].isdigit() else 1, paragraph=builder.next_id()))
        else:
            blocks.append(Block(joined, kind, number, None, paragraph=builder.next_id()))
    return blocks


def _first_title(pages: list[Page]) -> str | None:
    """The first top-level heading of the first pages (the cover title, usually)."""
    best = None
    for page in pages[:3]:
        if not page.readable:
            continue
        for block in page.blocks:
            letters = sum(1 for c in block.text if c.isalpha())
            if block.kind != "heading" or letters < 4 or block.text.rstrip().endswith("."):
                continue
            if best is None or (block.level or 9) < (best.level or 9):
                best = block
    return " ".join(best.text.split()) if best else None
