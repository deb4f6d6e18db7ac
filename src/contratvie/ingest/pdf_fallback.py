"""Second chance for PDFs that pdfium refuses: pdfminer (through pdfplumber).

pdfminer is slower but more lenient with some broken cross-reference tables, and it opens AES-256
files whose owner password is empty when no user password is given. Its lines feed the same
layout pipeline as pdfium's (RawPage/Line), without tables.
"""

from __future__ import annotations

from pathlib import Path

from contratvie.ingest.pdfpage import Line, RawPage

_BOLD = ("bold", "black", "heavy", "semibold", "demibold")


class FallbackFailed(Exception):
    def __init__(self, password_needed: bool):
        super().__init__("pdfminer could not open the file")
        self.password_needed = password_needed


def read_pages(path: Path, password: str | None, progress=None) -> tuple[list[RawPage], str | None]:
    """Pages as RawPage objects, and the metadata title. Raises FallbackFailed."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(path, password=password or "")
    except PDFPasswordIncorrect:
        raise FallbackFailed(password_needed=True) from None
    except Exception:  # noqa: BLE001 - any pdfminer failure means "cannot read"
        raise FallbackFailed(password_needed=False) from None
    raws: list[RawPage] = []
    try:
        title = _title(pdf)
        pages = pdf.pages
        for index, page in enumerate(pages):
            raws.append(_read(page, index + 1))
            page.close()
            if progress:
                progress(index + 1, len(pages))
    except Exception:  # noqa: BLE001
        if not raws:
            raise FallbackFailed(password_needed=False) from None
    finally:
        try:
            pdf.close()
        except Exception:  # noqa: BLE001
            pass
    return raws, title


def _title(pdf) -> str | None:
    value = (pdf.metadata or {}).get("Title")
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _read(page, number: int) -> RawPage:
    height = float(page.height)
    raw = RawPage(number, float(page.width), height)
    try:
        raw.image_count = len(page.images)
        text_lines = page.extract_text_lines(return_chars=True)
    except Exception:  # noqa: BLE001
        raw.error = "page illisible : le PDF est endommagé à cet endroit"
        return raw
    texts = []
    for item in text_lines:
        chars = item.get("chars") or []
        first = chars[0] if chars else {}
        size = float(first.get("size", 10.0))
        font = str(first.get("fontname", "")).lower()
        text = item["text"].strip()
        if not text:
            continue
        texts.append(text)
        baseline = height - float(item["bottom"]) + size * 0.2
        raw.lines.append(Line(text, float(item["x0"]), float(item["x1"]), baseline, round(size, 1), any(b in font for b in _BOLD)))
    raw.text = "\n".join(texts)
    raw.char_count = len(raw.text)
    return raw
