"""Section paths: the trail of headings above each block."""

from __future__ import annotations

from contratvie.document import Page


def assign_sections(pages: list[Page]) -> None:
    """Set `block.section` on every block from the headings before it, in reading order.

    A heading of level N closes every open heading of level >= N. The heading itself carries the
    trail of its parents plus its own text, so that "heading alone" evidence keeps its place.
    """
    trail: list[tuple[int, str]] = []
    for page in pages:
        for block in page.blocks:
            if block.kind == "heading":
                level = block.level or 1
                trail = [(lvl, text) for lvl, text in trail if lvl < level]
                trail.append((level, " ".join(block.text.split())))
            block.section = tuple(text for _, text in trail)
