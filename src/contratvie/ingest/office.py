"""Word (.docx) and LibreOffice (.odt) drafts -> Document.

These formats have no pages: every block sits on page 1 with no page label, and the section path
(the trail of headings, from the paragraph styles) locates the evidence instead. Headings come
from styles (Heading N / Titre N, outline levels), lists from numbering, tables row by row, tables
of contents from their field or their styles. Tracked changes are read as if accepted: inserted
text is kept, deleted text is not.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from contratvie.document import Document
from contratvie.errors import InputError
from contratvie.ingest.blocks import BlockBuilder, pageless_document

# An uncompressed part larger than this is a zip bomb, not a contract.
MAX_PART_BYTES = 300 * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
# Spreadsheet-like tables repeat empty cells by the thousand: never expand beyond this.
MAX_REPEAT = 64

HEADING_STYLE = re.compile(r"^(?:heading|titre)\s*(\d)$", re.IGNORECASE)
TITLE_STYLE = re.compile(r"^(?:title|titre)$", re.IGNORECASE)
TOC_STYLE = re.compile(
    r"^(?:toc\s*\d|tm\s*\d|toc heading|table des mati[eè]res.*|en-t[eê]te de table des mati[eè]res|"
    r"contents(?:[ _]20)?[ _]?(?:\d|heading)|index(?:[ _]20)?[ _]?heading|sommaire.*)$",
    re.IGNORECASE,
)
LIST_STYLE = re.compile(r"^(?:list|liste|paragraphe de liste|list paragraph)\b", re.IGNORECASE)


def _open_zip(path: Path, what: str, fmt: str) -> zipfile.ZipFile:
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(OLE_MAGIC):
        raise InputError(str(path), f"c'est un {what} à l'ancien format ou protégé par un mot de passe ; "
                                    f"ouvrez-le et enregistrez-le en .{fmt} sans mot de passe.")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise InputError(str(path), f"ce n'est pas un {what} (.{fmt}) lisible : le fichier est corrompu, "
                                    "tronqué ou d'un autre format.") from None
    for info in archive.infolist():
        if info.file_size > MAX_PART_BYTES:
            archive.close()
            raise InputError(str(path), f"{what} anormal : la partie « {info.filename} » est démesurée une fois décompressée.")
    return archive


def _read_xml(archive: zipfile.ZipFile, name: str, path: Path, what: str):
    try:
        data = archive.read(name)
    except KeyError:
        raise InputError(str(path), f"{what} incomplet : la partie « {name} » manque (fichier corrompu ?).") from None
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, zipfile.LargeZipFile):
        raise InputError(str(path), f"{what} corrompu : la partie « {name} » est illisible.") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise InputError(str(path), f"{what} corrompu : la partie « {name} » n'est pas du XML valide.") from None


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


# --------------------------------------------------------------------------------------- docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CORE_NS = {"dc": "http://purl.org/dc/elements/1.1/", "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def load_docx(path: Path | str) -> Document:
    from contratvie.ingest import file_sha256

    path = Path(path)
    what = "document Word"
    with _open_zip(path, what, "docx") as archive:
        body_part = _main_part(archive, path)
        root = _read_xml(archive, body_part, path, what)
        styles = _DocxStyles(_read_xml(archive, "word/styles.xml", path, what) if "word/styles.xml" in archive.namelist() else None)
        title = _docx_title(archive)
    body = root.find(_w("body"))
    if body is None:
        raise InputError(str(path), f"{what} corrompu : le corps du document est absent.")
    builder = BlockBuilder()
    _DocxWalker(styles, builder).walk(body)
    return pageless_document(path, "docx", file_sha256(path), builder.blocks, title)


def _main_part(archive: zipfile.ZipFile, path: Path) -> str:
    """The main document part, from [Content_Types].xml (usually word/document.xml)."""
    names = archive.namelist()
    if "[Content_Types].xml" not in names:
        raise InputError(str(path), "ce n'est pas un document Word (.docx) : l'archive n'en a pas la structure.")
    types = _read_xml(archive, "[Content_Types].xml", path, "document Word")
    for override in types:
        content_type = override.get("ContentType", "")
        if content_type.endswith(("wordprocessingml.document.main+xml", "wordprocessingml.document.macroEnabled.main+xml",
                                  "wordprocessingml.template.main+xml")):
            return override.get("PartName", "").lstrip("/")
    if "word/document.xml" in names:
        return "word/document.xml"
    raise InputError(str(path), "ce n'est pas un document Word (.docx) : le texte principal est introuvable "
                                "(tableur, présentation ou fichier corrompu ?).")


def _docx_title(archive: zipfile.ZipFile) -> str | None:
    if "docProps/core.xml" not in archive.namelist():
        return None
    try:
        core = etree.fromstring(archive.read("docProps/core.xml"), etree.XMLParser(resolve_entities=False, no_network=True))
    except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError):
        return None  # metadata only: the text can still be read
    title = core.findtext("dc:title", namespaces=CORE_NS)
    return " ".join(title.split()) if title and title.strip() else None


class _DocxStyles:
    """Paragraph styles: name, outline level and numbering, following `basedOn`."""

    def __init__(self, root) -> None:
        self.styles: dict[str, etree._Element] = {}
        if root is not None:
            for style in root.iter(_w("style")):
                if style.get(_w("type")) in (None, "paragraph"):
                    self.styles[style.get(_w("styleId"), "")] = style

    def chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style_id, style
            based = style.find(_w("basedOn"))
            style_id = based.get(_w("val")) if based is not None else None

    def name(self, style_id: str) -> str:
        name = self.styles[style_id].find(_w("name")) if style_id in self.styles else None
        return name.get(_w("val"), "") if name is not None else style_id

    def kind(self, style_id: str | None) -> tuple[str, int | None]:
        """(kind, heading level) that the style gives a paragraph: heading, toc, list_item, body."""
        for sid, style in self.chain(style_id):
            for label in (self.name(sid), sid):
                found = style_name_kind(label)
                if found:
                    return found
            level = _outline_level(style.find(_w("pPr")))
            if level is not None:
                return "heading", level
            ppr = style.find(_w("pPr"))
            if (ppr is not None and ppr.find(_w("numPr")) is not None) or LIST_STYLE.match(self.name(sid)):
                return "list_item", None
        return "body", None


def style_name_kind(label: str) -> tuple[str, int | None] | None:
    """(kind, heading level) that a style's name decides in Word and LibreOffice alike
    ("Heading 2", "Titre 1", "Contents 1", "Title"), or None."""
    if TOC_STYLE.match(label):
        return "toc", None
    match = HEADING_STYLE.match(label)
    if match:
        return "heading", max(1, int(match.group(1)))
    if TITLE_STYLE.match(label):
        return "heading", 1
    return None


def _outline_level(ppr) -> int | None:
    """w:outlineLvl is 0-based; 9 means body text."""
    if ppr is None:
        return None
    outline = ppr.find(_w("outlineLvl"))
    if outline is None:
        return None
    try:
        value = int(outline.get(_w("val"), "9"))
    except ValueError:
        return None
    return value + 1 if 0 <= value < 9 else None


class _DocxWalker:
    def __init__(self, styles: _DocxStyles, builder: BlockBuilder) -> None:
        self.styles = styles
        self.builder = builder
        self.toc_depth: int | None = None  # field depth at which a TOC field is open
        self.field_depth = 0

    def walk(self, container, in_toc: bool = False) -> None:
        for child in container:
            tag = _local(child.tag)
            if tag == "p":
                self.paragraph(child, in_toc)
            elif tag == "tbl":
                self.table(child)
            elif tag == "sdt":
                self.walk_sdt(child, in_toc)
            elif tag in ("customXml", "smartTag", "ins"):  # wrappers around paragraphs
                self.walk(child, in_toc)

    def walk_sdt(self, sdt, in_toc: bool) -> None:
        gallery = sdt.find(f"{_w('sdtPr')}/{_w('docPartObj')}/{_w('docPartGallery')}")
        is_toc = gallery is not None and "contents" in gallery.get(_w("val"), "").lower()
        content = sdt.find(_w("sdtContent"))
        if content is not None:
            self.walk(content, in_toc or is_toc)

    def paragraph(self, p, in_toc: bool) -> None:
        in_toc = self.track_fields(p) or in_toc
        text = paragraph_text(p)
        ppr = p.find(_w("pPr"))
        style = ppr.find(_w("pStyle")) if ppr is not None else None
        kind, level = self.styles.kind(style.get(_w("val")) if style is not None else None)
        own_level = _outline_level(ppr)
        if own_level is not None and kind in ("body", "list_item"):
            kind, level = "heading", own_level
        if in_toc:
            kind, level = "toc", None
        elif kind == "body" and ppr is not None and ppr.find(_w("numPr")) is not None:
            kind = "list_item"
        self.builder.add(text, kind=kind, level=level)

    def track_fields(self, p) -> bool:
        """Follow complex fields (w:fldChar begin/end, w:instrText) through the paragraph, in order.

        True when some of the paragraph's text lies inside a TOC field (its entries)."""
        text_in_toc = False
        for element in p.iter(_w("fldChar"), _w("instrText"), _w("t")):
            tag = _local(element.tag)
            if tag == "t":
                text_in_toc = text_in_toc or (self.toc_depth is not None and bool((element.text or "").strip()))
            elif tag == "fldChar":
                kind = element.get(_w("fldCharType"))
                if kind == "begin":
                    self.field_depth += 1
                elif kind == "end":
                    self.field_depth = max(0, self.field_depth - 1)
                    if self.toc_depth is not None and self.field_depth < self.toc_depth:
                        self.toc_depth = None
            elif self.toc_depth is None and (element.text or "").strip().upper().startswith("TOC"):
                self.toc_depth = self.field_depth
        return text_in_toc

    def table(self, tbl) -> None:
        rows = []
        for row in tbl.iter(_w("tr")):
            if _nearest(row, "tbl") is not tbl:
                continue  # a nested table's rows are read inside their cell
            rows.append([" ".join(paragraph_text(p) for p in cell.iter(_w("p"))) for cell in row if _local(cell.tag) == "tc"])
        self.builder.table(rows)


def _nearest(element, local_name: str):
    for ancestor in element.iterancestors():
        if _local(ancestor.tag) == local_name:
            return ancestor
    return None


_TEXT_TAGS = {_w("t"): None, _w("tab"): "\t", _w("br"): "\n", _w("cr"): "\n", _w("noBreakHyphen"): "-", _w("softHyphen"): ""}


def paragraph_text(p) -> str:
    """The paragraph's own text, as if tracked changes were accepted.

    Text boxes nested in it have paragraphs of their own and are skipped; deleted text is
    w:delText (never collected) or sits in w:moveFrom."""
    parts = []
    for element in p.iter(*_TEXT_TAGS):
        if not _owned_text(element, p):
            continue
        replacement = _TEXT_TAGS[element.tag]
        parts.append(element.text or "" if replacement is None else replacement)
    return "".join(parts)


def _owned_text(element, p) -> bool:
    for ancestor in element.iterancestors():
        if ancestor is p:
            return True
        if ancestor.tag in (_w("p"), _w("moveFrom"), _w("del")):
            return False
    return False


# ---------------------------------------------------------------------------------------- odt

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
DC = "http://purl.org/dc/elements/1.1/"


def load_odt(path: Path | str) -> Document:
    from contratvie.ingest import file_sha256

    path = Path(path)
    what = "document OpenDocument"
    with _open_zip(path, what, "odt") as archive:
        names = archive.namelist()
        mimetype = archive.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
        if mimetype and mimetype != "application/vnd.oasis.opendocument.text":
            raise InputError(str(path), f"ce n'est pas un texte OpenDocument (.odt) : type « {mimetype} ».")
        content = _read_xml(archive, "content.xml", path, what)
        styles_root = _read_xml(archive, "styles.xml", path, what) if "styles.xml" in names else None
        meta = _read_xml(archive, "meta.xml", path, what) if "meta.xml" in names else None
    text_root = content.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    if text_root is None:
        raise InputError(str(path), f"{what} sans texte : ce n'est pas un document texte (.odt) ou il est corrompu.")
    title = meta.findtext(f".//{{{DC}}}title") if meta is not None else None
    title = " ".join(title.split()) if title and title.strip() else None
    builder = BlockBuilder()
    _OdtWalker(_OdtStyles(content, styles_root), builder).walk(text_root)
    return pageless_document(path, "odt", file_sha256(path), builder.blocks, title)


class _OdtStyles:
    """Paragraph styles (automatic ones in content.xml, named ones in styles.xml), with parents."""

    def __init__(self, *roots) -> None:
        self.styles: dict[str, etree._Element] = {}
        for root in roots:
            if root is None:
                continue
            for style in root.iter(f"{{{STYLE}}}style"):
                if style.get(f"{{{STYLE}}}family") == "paragraph":
                    self.styles[style.get(f"{{{STYLE}}}name", "")] = style

    def kind(self, name: str | None) -> tuple[str, int | None]:
        seen = set()
        while name and name not in seen:
            seen.add(name)
            style = self.styles.get(name)
            display = (style.get(f"{{{STYLE}}}display-name") if style is not None else None) or name.replace("_20_", " ")
            for label in (display, name.replace("_20_", " ")):
                found = style_name_kind(label)
                if found:
                    return found
            if style is None:
                break
            level = style.get(f"{{{STYLE}}}default-outline-level")
            if level and level.isdigit() and int(level) > 0:
                return "heading", int(level)
            name = style.get(f"{{{STYLE}}}parent-style-name")
        return "body", None


class _OdtWalker:
    def __init__(self, styles: _OdtStyles, builder: BlockBuilder) -> None:
        self.styles = styles
        self.builder = builder

    def walk(self, container, in_list: bool = False, in_toc: bool = False) -> None:
        for child in container:
            tag, ns = _local(child.tag), child.tag.split("}")[0][1:] if isinstance(child.tag, str) else ""
            if ns == TEXT and tag == "h":
                self.heading(child, in_toc)
            elif ns == TEXT and tag == "p":
                self.paragraph(child, in_list, in_toc)
            elif ns == TEXT and tag in ("list", "list-item", "list-header", "numbered-paragraph"):
                self.walk(child, in_list=True, in_toc=in_toc)
            elif ns == TEXT and tag in ("table-of-content", "index-body", "index-title", "illustration-index",
                                        "alphabetical-index", "user-index", "table-index", "object-index",
                                        "bibliography"):
                self.walk(child, in_list=in_list, in_toc=True)
            elif ns == TEXT and tag == "section":
                self.walk(child, in_list=in_list, in_toc=in_toc)
            elif ns == TABLE and tag == "table":
                self.table(child)
            elif ns == TABLE and tag in ("table-rows", "table-header-rows", "table-row-group"):
                self.walk(child, in_list, in_toc)
            # text:tracked-changes (deleted text), sequence declarations, forms...: not content

    def heading(self, h, in_toc: bool) -> None:
        if in_toc:
            self.builder.add(odt_text(h), kind="toc")
            return
        level = h.get(f"{{{TEXT}}}outline-level")
        level = int(level) if level and level.isdigit() and int(level) > 0 else 1
        self.builder.add(odt_text(h), kind="heading", level=level)

    def paragraph(self, p, in_list: bool, in_toc: bool) -> None:
        kind, level = self.styles.kind(p.get(f"{{{TEXT}}}style-name"))
        if in_toc:
            kind, level = "toc", None
        elif in_list and kind == "body":
            kind = "list_item"
        self.builder.add(odt_text(p), kind=kind, level=level)

    def table(self, table) -> None:
        rows = []
        for row in table.iter(f"{{{TABLE}}}table-row"):
            if _nearest(row, "table") is not table:
                continue
            cells: list[str] = []
            for cell in row:
                if cell.tag != f"{{{TABLE}}}table-cell":
                    continue  # covered (merged) cells hold nothing
                text = " ".join(odt_text(p) for p in cell.iter(f"{{{TEXT}}}p", f"{{{TEXT}}}h"))
                repeat = cell.get(f"{{{TABLE}}}number-columns-repeated", "1")
                cells.extend([text] * min(int(repeat) if repeat.isdigit() else 1, MAX_REPEAT))
            rows.append(cells)
        self.builder.table(rows)


_ODT_SKIP = {f"{{{TEXT}}}note", f"{{{TEXT}}}tracked-changes", f"{{{OFFICE}}}annotation", f"{{{TEXT}}}deletion"}


def odt_text(element) -> str:
    """Text of a text:p / text:h: spans, links, spaces (text:s), tabs, line breaks; notes and comments skipped."""
    parts: list[str] = []

    def visit(node) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if child.tag in _ODT_SKIP:
                pass
            elif child.tag == f"{{{TEXT}}}s":
                count = child.get(f"{{{TEXT}}}c", "1")
                parts.append(" " * (int(count) if count.isdigit() else 1))
            elif child.tag == f"{{{TEXT}}}tab":
                parts.append("\t")
            elif child.tag == f"{{{TEXT}}}line-break":
                parts.append("\n")
            else:
                visit(child)
            if child.tail:
                parts.append(child.tail)

    visit(element)
    return "".join(parts)
