""".txt and .md files -> Document (one page, no page label; sections locate the evidence).

Markdown: `#` headings (and underlined ones), `-`/`*`/`+`/`1.` list items, pipe tables row by
row. Plain text: paragraphs separated by blank lines; a paragraph of one short line is a heading
when it is numbered ("1.2 Titre", "II. Titre", "Article 3 - …") or written in capitals. In both,
lines with dot leaders and a page number ("Titre ....... 12") are a table of contents.
"""

from __future__ import annotations

import re
from pathlib import Path

from contratvie.document import Block, Document
from contratvie.errors import InputError
from contratvie.ingest.blocks import BlockBuilder, pageless_document

# Encodings tried in order: French files outside UTF-8 are nearly always Windows-1252; latin-1
# decodes anything, so it is the last resort.
ENCODINGS = ("utf-8", "cp1252", "latin-1")

LIST_ITEM = re.compile(r"^\s*(?:[-*+•–—▪◦·]|\d{1,3}[.)]|[a-z][.)])\s+(?P<text>\S.*)$")
MD_HEADING = re.compile(r"^\s{0,3}(?P<marks>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
TOC_LINE = re.compile(r"^.{2,}?(?:\s*\.{4,}|\s*…{2,}|\s*(?:\. ){3,})\s*\d{1,4}\s*$")
TOC_TITLE = re.compile(r"^\W*(?:sommaire|table des mati[eè]res)\W*$", re.IGNORECASE)
MD_ANCHOR_LINK = re.compile(r"^\[[^\]]+\]\(#[^)]*\)$")  # "- [Titre](#titre)": a Markdown TOC entry
FENCE = re.compile(r"^\s{0,3}(```|~~~)")

NUMBERED_TITLE = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+[^\W\d_](?<![a-zà-ÿ])")
ROMAN_TITLE = re.compile(r"^(?P<num>[IVX]{1,5})\s*[.)–—-]\s+\S")
NAMED_TITLE = re.compile(r"^(?:article|titre|chapitre|partie|axe|pilier|annexe|section)\s+(?:\d+|[IVX]+|premier|unique)\b", re.IGNORECASE)

MAX_HEADING_CHARS = 120


def read_text(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, "utf-16", path)
    if b"\x00" in data[:4096]:
        raise InputError(str(path), "ce n'est pas un fichier texte (contenu binaire).")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    valid = len(re.findall(rb"[\xc2-\xf4][\x80-\xbf]+", data))
    if valid >= 10 * text.count("\ufffd"):
        return text  # UTF-8 with a few damaged bytes: re-decoding it all as cp1252 would be worse
    for encoding in ENCODINGS[1:]:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any byte")


def _decode(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(str(path), f"texte illisible : encodage {encoding.upper()} invalide.") from None


def load_text(path: Path | str) -> Document:
    from contratvie.ingest import file_sha256

    path = Path(path)
    text = read_text(path).replace("\r\n", "\n").replace("\r", "\n")
    fmt = "md" if path.suffix.lower() == ".md" else "txt"
    front_title, text = _front_matter(text) if fmt == "md" else (None, text)
    blocks = parse_markdown(text) if fmt == "md" else parse_plain(text)
    if not any(b.text.strip() for b in blocks):
        raise InputError(str(path), "le fichier ne contient aucun texte.")
    return pageless_document(path, fmt, file_sha256(path), blocks, front_title)


def _paragraphs(lines: list[str]) -> list[list[str]]:
    groups: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [group for group in groups if group]


def _table_cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", line)]


def _is_table(group: list[str]) -> bool:
    """Pipe tables: every line has a pipe, and there are at least two cells per line."""
    return all("|" in line for line in group) and all(len(_table_cells(line)) >= 2 for line in group)


def _is_tab_table(group: list[str]) -> bool:
    """Tab-separated rows (a table pasted from a spreadsheet): at least two lines, all with tabs."""
    return len(group) >= 2 and all("\t" in line.strip() for line in group)


def _add_group(out: BlockBuilder, group: list[str], inline=lambda s: s) -> None:
    """Body text, list items, TOC lines or table rows of one blank-line-separated group."""
    if _is_table(group):
        out.table([[inline(cell) for cell in _table_cells(line)] for line in group if not TABLE_SEPARATOR.match(line)])
        return
    if _is_tab_table(group):
        out.table([line.strip().split("\t") for line in group])
        return
    text: list[str] = []
    kind = "body"

    def flush() -> None:
        if text:
            out.add(inline(" ".join(text)), kind=kind)
            text.clear()

    for line in group:
        item = LIST_ITEM.match(line)
        anchor = item and MD_ANCHOR_LINK.match(item.group("text").strip())
        if TOC_LINE.match(line.strip()) or TOC_TITLE.match(line) or anchor:
            flush()
            kind = "toc"
            text.append(item.group("text") if anchor else line)
            flush()
            kind = "body"
        elif item:
            flush()
            kind = "list_item"
            text.append(item.group("text"))
        elif kind == "list_item" and line[:1] in (" ", "\t"):
            text.append(line)  # an item's continuation line
        else:
            if kind == "list_item":
                flush()
                kind = "body"
            text.append(line)
    flush()


# ----------------------------------------------------------------------------------- markdown

def _front_matter(text: str) -> tuple[str | None, str]:
    match = re.match(r"^---\n(.*?)\n(?:---|\.\.\.)\n", text, re.DOTALL)
    if not match:
        return None, text
    title = re.search(r"^title:\s*[\"']?(.+?)[\"']?\s*$", match.group(1), re.MULTILINE)
    return (title.group(1) if title else None), text[match.end():]


def inline_markdown(text: str) -> str:
    """Drop emphasis, code and link markup; keep the words."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)", r"\1", text)
    text = re.sub(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)", r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    return re.sub(r"<[^>\n]+>", "", text)


def parse_markdown(text: str) -> list[Block]:
    out = BlockBuilder()
    group: list[str] = []

    def flush() -> None:
        if group:
            _add_group(out, group, inline_markdown)
            group.clear()

    lines = text.split("\n")
    in_fence = False
    for index, line in enumerate(lines):
        if FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            out.add(line)
            continue
        heading = MD_HEADING.match(line)
        if heading and TOC_TITLE.match(heading.group("text")):
            flush()
            out.add(heading.group("text"), kind="toc")
        elif heading:
            flush()
            out.add(inline_markdown(heading.group("text")), kind="heading", level=len(heading.group("marks")))
        elif UNDERLINE.match(line) and len(group) == 1 and not _is_table(group) and line.strip():
            out.add(inline_markdown(group.pop()), kind="heading", level=1 if "=" in line else 2)
        elif not line.strip():
            flush()
        elif re.match(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$", line):  # thematic break
            flush()
        else:
            group.append(re.sub(r"^\s{0,3}>\s?", "", line))  # quotes read as body
    flush()
    return out.blocks


# ---------------------------------------------------------------------------------- plain text

def parse_plain(text: str) -> list[Block]:
    out = BlockBuilder()
    for group in _paragraphs(text.split("\n")):
        if len(group) == 2 and UNDERLINE.match(group[1]) and len(group[0].strip()) <= MAX_HEADING_CHARS:
            out.add(group[0], kind="heading", level=1 if "=" in group[1] else 2)
            continue
        level = heading_level(group[0]) if _stands_alone(group) else None
        if level:
            out.add(group[0], kind="heading", level=level)
            group = group[1:]
        if group:
            _add_group(out, group)
    return out.blocks


def _stands_alone(group: list[str]) -> bool:
    """The group's first line can be a title: alone, or clearly shorter than the text under it
    and followed by a capital (a title line with no blank line after it)."""
    if len(group) == 1:
        return True
    first, second = group[0].strip(), group[1].strip()
    if LIST_ITEM.match(group[0]) and LIST_ITEM.match(group[1]):
        return False  # a numbered list
    widest = max(len(line.strip()) for line in group[1:])
    return second[:1].isupper() and len(first) < 0.75 * widest


def heading_level(line: str) -> int | None:
    """The level of a one-line paragraph that reads as a title, else None."""
    line = line.strip()
    if not line or len(line) > MAX_HEADING_CHARS or TOC_LINE.match(line) or TOC_TITLE.match(line):
        return None
    if line.endswith((".", ",", ";")):
        return None
    numbered = NUMBERED_TITLE.match(line)
    if numbered:
        return numbered.group("num").count(".") + 1
    if ROMAN_TITLE.match(line) or NAMED_TITLE.match(line):
        return 1
    letters = [c for c in line if c.isalpha()]
    if len(letters) >= 3 and all(c.isupper() for c in letters) and len(line.split()) <= 15:
        return 1
    return None
