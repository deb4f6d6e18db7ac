"""Small documents for the engine tests."""

from contratvie.document import Block, Document, Page
from contratvie.engine import evaluate


def document(*blocks: Block) -> Document:
    pages: dict[int, Page] = {}
    for block in blocks:
        pages.setdefault(block.page, Page(number=block.page, label=str(block.page))).blocks.append(block)
    return Document(path="test.pdf", format="pdf", sha256="0" * 64, pages=[pages[k] for k in sorted(pages)])


def criterion(ruleset, *blocks: Block, rule: str = "TS01"):
    audit = evaluate(document(*blocks), ruleset)
    return next(c for c in audit.criteria if c.id == rule)
