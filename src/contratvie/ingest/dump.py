"""`contratvie extract`: a Document as readable French text or as JSON."""

from __future__ import annotations

import json

from contratvie.document import KIND_LABELS, Document
from contratvie.text import strip_controls


def to_text(doc: Document) -> str:
    """One line per block, grouped by page, with the page's printed number and quality; above
    the blocks, the section path (trail of headings) each time it changes. Control characters of
    the document (or its name) are blanked: this text goes to a terminal."""
    out = [f"Document : {doc.path}"]
    if doc.title:
        out.append(f"Titre : {doc.title}")
    paged = doc.format == "pdf"
    out.append(f"Pages : {doc.page_count}" if paged else "Pages : aucune (format sans pagination : la section situe chaque passage)")
    if doc.unreadable_pages:
        out.append("Pages illisibles : " + ", ".join(str(n) for n in doc.unreadable_pages))
    shown: tuple[str, ...] | None = None
    for page in doc.pages:
        out.append("")
        if paged:
            label = f", page imprimée {page.label}" if page.label else ""
            out.append(f"=== Page {page.number}{label} — qualité {page.quality:.0%} ===")
        else:
            out.append("=== Texte du document ===")
        if page.problem:
            out.append(f"!! {page.problem}")
        for block in page.blocks:
            if block.kind not in ("heading", "header", "footer") and block.section != shown:
                out.append(f"  § Section : {block.section_path or '(avant le premier titre)'}")
                shown = block.section
            kind = KIND_LABELS.get(block.kind, block.kind)
            if block.kind == "heading" and block.level:
                kind = f"{kind} {block.level}"
            out.append(f"[{kind}] {block.text}")
    return strip_controls("\n".join(out)) + "\n"


def to_dict(doc: Document) -> dict:
    blocks = []
    for block in doc.blocks():
        item = {
            "page": block.page,
            "page_label": block.page_label,
            "kind": block.kind,
            "section": block.section_path,
            "text": block.text,
            "paragraph": block.paragraph,
        }
        if block.level is not None:
            item["level"] = block.level
        if block.cells is not None:
            item["cells"] = block.cells
        blocks.append(item)
    return {
        "file": doc.path,
        "format": doc.format,
        "sha256": doc.sha256,
        "title": doc.title,
        "page_count": doc.page_count,
        "unreadable_pages": doc.unreadable_pages,
        "pages": [
            {
                "page": p.number,
                "page_label": p.label,
                "quality": round(p.quality, 3),
                "has_text_layer": p.has_text_layer,
                "problem": p.problem,
                "blocks": len(p.blocks),
            }
            for p in doc.pages
        ],
        "blocks": blocks,
    }


def to_json(doc: Document) -> str:
    return json.dumps(to_dict(doc), ensure_ascii=False, indent=2) + "\n"
