"""OCR of scanned PDF pages (pages without a text layer), in French, with Tesseract.

Why pytesseract and not ocrmypdf: ocrmypdf rewrites the whole PDF (a new file with a text layer
on every page, through Ghostscript and a PDF/A conversion), then we would have to read that new
file again. We already have our own page model and already know which pages lack text, so we
only need "image of one page -> text". pytesseract is a thin wrapper over the `tesseract` binary
(Debian packages tesseract-ocr and tesseract-ocr-fra): per page, no temporary PDF, nothing else to
install, and the PDF reader keeps the text pages untouched. Pages are rendered by pypdfium2, which
the PDF reader already uses, and handed over as PIL images.

Tesseract is asked for word boxes (TSV), not plain text, so that we rebuild paragraphs ourselves:
lines of one paragraph are joined with a newline, paragraphs with a blank line. Hyphenation is left
as printed: the PDF reader joins it as it does for text pages.
"""

from __future__ import annotations

import os
import statistics
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator

from contratvie.errors import ContratvieError

LANGUAGE = "fra"
DPI = 300
# Per page; a page that takes longer is pathological (a huge or broken image).
PAGE_TIMEOUT_S = 180
SENTENCE_END = (".", ":", ";", "!", "?", "»")

INSTALL_HINT = (
    "installez les paquets tesseract-ocr et tesseract-ocr-fra "
    "(apt-get install tesseract-ocr tesseract-ocr-fra) ou relancez sans --ocr."
)


def _pytesseract():
    import pytesseract

    return pytesseract


def check_available() -> None:
    """Raise a French ContratvieError (exit 2) when Tesseract or its French data is missing."""
    pytesseract = _pytesseract()
    try:
        languages = pytesseract.get_languages(config="")
    except pytesseract.TesseractNotFoundError:
        raise ContratvieError(f"--ocr : Tesseract est introuvable ; {INSTALL_HINT}") from None
    except (OSError, subprocess.SubprocessError, pytesseract.TesseractError) as error:
        raise ContratvieError(f"--ocr : Tesseract ne répond pas ({type(error).__name__}) ; {INSTALL_HINT}") from None
    if LANGUAGE not in languages:
        raise ContratvieError(
            "--ocr : Tesseract est installé mais sans les données du français "
            "(paquet tesseract-ocr-fra) ; installez-le ou relancez sans --ocr."
        )


def render_page(pdfium_page, dpi: int = DPI):
    """The page as a greyscale PIL image at `dpi` (Tesseract wants about 300 dpi)."""
    bitmap = pdfium_page.render(scale=dpi / 72, grayscale=True)
    try:
        return bitmap.to_pil()
    finally:
        bitmap.close()


def ocr_page(pdfium_page, page_number: int) -> str:
    """OCR one pypdfium2 page in French: plain text, a blank line between paragraphs."""
    image = render_page(pdfium_page)
    try:
        return ocr_image(image, page_number)
    finally:
        image.close()


def ocr_image(image, page_number: int = 1) -> str:
    pytesseract = _pytesseract()
    # Tesseract's own threads only fight with each other on 2 cores, and `batch` already runs one
    # document per core: one thread per Tesseract process is both faster and fair.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        data = pytesseract.image_to_data(
            image, lang=LANGUAGE, config=f"--psm 3 --dpi {DPI}",
            output_type=pytesseract.Output.DICT, timeout=PAGE_TIMEOUT_S,
        )
    except pytesseract.TesseractNotFoundError:
        raise ContratvieError(f"--ocr : Tesseract est introuvable ; {INSTALL_HINT}") from None
    except RuntimeError as error:  # pytesseract's timeout
        raise ContratvieError(f"--ocr : page {page_number} : la reconnaissance du texte a échoué ({error}).") from None
    except pytesseract.TesseractError as error:
        raise ContratvieError(
            f"--ocr : page {page_number} : Tesseract a échoué ({error.message.strip() or error.status})."
        ) from None
    return words_to_text(data)


@dataclass
class _Line:
    key: tuple[int, int]  # Tesseract's (block, paragraph)
    words: list[str]
    left: int
    top: int
    right: int
    bottom: int

    @property
    def text(self) -> str:
        return " ".join(self.words)


def words_to_text(data: dict) -> str:
    """Tesseract's TSV (as a dict of columns) -> paragraphs of lines of words.

    Tesseract's own paragraphs are unreliable (it often cuts a paragraph after a full-width
    line), so a paragraph ends where the vertical gap is wider than the page's usual line gap, or
    where Tesseract sees a new paragraph after a line that ends a sentence.
    """
    lines = _lines(data)
    if not lines:
        return ""
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top > a.bottom]
    heights = sorted(line.bottom - line.top for line in lines)
    usual_gap = statistics.median(gaps) if gaps else 0
    limit = usual_gap + 0.5 * heights[len(heights) // 2]
    paragraphs = [[lines[0].text]]
    for previous, line in zip(lines, lines[1:]):
        if _breaks(previous, line, limit):
            paragraphs.append([])
        paragraphs[-1].append(line.text)
    return "\n\n".join("\n".join(paragraph) for paragraph in paragraphs)


def _breaks(previous: _Line, line: _Line, limit: float) -> bool:
    if line.top - previous.bottom > limit or line.top < previous.top:  # a gap, or a new column
        return True
    if line.left > previous.right or line.right < previous.left:  # side by side: another column
        return True
    return line.key != previous.key and previous.text.endswith(SENTENCE_END)


def _lines(data: dict) -> list[_Line]:
    lines: dict[tuple[int, int, int], _Line] = {}
    for i, word in enumerate(data["text"]):
        word = (word or "").strip()
        if not word or float(data["conf"][i]) < 0:
            continue
        left, top = data["left"][i], data["top"][i]
        right, bottom = left + data["width"][i], top + data["height"][i]
        key = (data["block_num"][i], data["par_num"][i])
        line = lines.get(key + (data["line_num"][i],))
        if line is None:
            lines[key + (data["line_num"][i],)] = _Line(key, [word], left, top, right, bottom)
            continue
        line.words.append(word)
        line.left, line.top = min(line.left, left), min(line.top, top)
        line.right, line.bottom = max(line.right, right), max(line.bottom, bottom)
    return list(lines.values())


@contextmanager
def progress_display(enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A per-page progress bar on stderr for --ocr (about a second a page), else no callback.

    Yields the `progress(done, total)` callback that `ingest.load` takes. On a terminal only: in a
    pipe or a log it would just be noise."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    if not enabled or not console.is_terminal:
        yield None
        return
    columns = (TextColumn("Lecture des pages (OCR)"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("ocr", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)
