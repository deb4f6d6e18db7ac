"""Ingest: any input file becomes a Document (pages, blocks, kinds, sections).

`load` is the one entry point; it picks the reader from the file's content and name.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable, Optional

from contratvie.document import Document
from contratvie.errors import InputError, os_reason

# progress(done, total) is called after each page when given (OCR and long files).
Progress = Optional[Callable[[int, int], None]]

SUPPORTED = (".pdf", ".docx", ".odt", ".txt", ".md")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_readable(path: Path) -> None:
    if not path.exists():
        raise InputError(str(path), "fichier introuvable.")
    if path.is_dir():
        raise InputError(str(path), "c'est un dossier, pas un fichier.")
    if path.stat().st_size == 0:
        raise InputError(str(path), "le fichier est vide.")


def load(path: Path | str, *, password: str | None = None, ocr: bool = False, progress: Progress = None) -> Document:
    """Read a PDF, DOCX, ODT, TXT or MD file into a Document. Raises InputError (French)."""
    path = Path(path)
    check_readable(path)
    suffix = path.suffix.lower()
    try:
        with open(path, "rb") as handle:
            head = handle.read(1024)
    except OSError as error:
        raise InputError(str(path), f"lecture impossible ({os_reason(error)}).") from None
    if b"%PDF-" in head or suffix == ".pdf":
        from contratvie.ingest import pdf

        return pdf.load_pdf(path, password=password, ocr=ocr, progress=progress)
    if suffix == ".docx":
        from contratvie.ingest import office

        return office.load_docx(path)
    if suffix == ".odt":
        from contratvie.ingest import office

        return office.load_odt(path)
    if suffix in (".txt", ".md"):
        from contratvie.ingest import plain

        return plain.load_text(path)
    raise InputError(str(path), f"format non pris en charge (formats acceptés : {', '.join(SUPPORTED)}).")
