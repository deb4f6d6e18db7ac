"""The terminal report (rich): headline, one row per criterion, gaps; `-v` adds every evidence.

Everything from the document goes through Text objects (never rich markup) and `clean()`: a PDF
may hold "[bold]" or terminal escape sequences, which must print as plain characters.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from contratvie.audit import LEVEL_LABELS, Audit, CriterionResult, Evidence
from contratvie.report import common

LEVEL_STYLES = {0: "bold red", 1: "dark_orange", 2: "yellow", 3: "bold green"}
MAX_WIDTH = 100  # wider lines are harder to read, even on a wide terminal
QUOTE_LIMIT = 80  # characters of the best quote in the summary table


def level_badge(level: int) -> Text:
    """ "■■□ décrit", coloured by level; the squares keep it readable without colour."""
    bar = "■" * level + "□" * (3 - level)
    return Text(f"{bar} {LEVEL_LABELS.get(level, '?')}", style=LEVEL_STYLES.get(level, ""))


def score_bar(score: float, width: int = 20) -> Text:
    filled = round(score / 100 * width)
    style = LEVEL_STYLES[min(3, int(score // 25))]
    return Text.assemble(("█" * filled, style), ("░" * (width - filled), "dim"))


def score_line(audit: Audit) -> Text:
    return Text.assemble(
        ("Score global : ", "bold"), (common.score_text(audit), "bold"),
        f" — {common.document_name(audit)}",
    )


def headline(audit: Audit) -> RenderableType:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    grid.add_row("Fichier", Text(common.document_name(audit)))
    grid.add_row("Titre", Text(common.document_title(audit)))
    doc = audit.document
    grid.add_row("Pages", Text(f"{common.pages_read(audit)} lues sur {doc.pages}"))
    if doc.unreadable_pages:
        grid.add_row(Text("Attention", style="bold red"), Text(common.unreadable_text(audit), style="red"))
    bar = Text() if common.nothing_read(audit) else Text.assemble("  ", score_bar(audit.score))
    grid.add_row("Score", Text.assemble((common.score_text(audit), "bold"), bar))
    return Panel(grid, title="Audit vie associative", title_align="left", box=box.ROUNDED)


def quote(evidence: Evidence, limit: int | None = None) -> Text:
    text = common.shorten(evidence.text, limit) if limit else common.clean(evidence.text)
    return Text.assemble(("« ", "dim"), (text, "italic"), (" » ", "dim"), (common.page_ref(evidence), "cyan"))


def criteria_table(audit: Audit) -> Table:
    """One row per criterion: id over its level, then its title over its best quote."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, leading=1)
    table.add_column("Critère", no_wrap=True)
    table.add_column("Intitulé et meilleure citation", ratio=1)
    table.add_column("Preuves", justify="right", no_wrap=True)
    unknown = common.nothing_read(audit)
    for criterion in audit.criteria:
        found = len(criterion.evidence)
        best = common.best(criterion)
        # Text.assemble, not Text(style=...) + ...: a base style would spread over the whole cell.
        cell = Text.assemble((common.clean(criterion.title), "bold"), "\n")
        if best:
            cell.append_text(quote(best, QUOTE_LIMIT))
        elif unknown:
            cell.append("texte non lu", style="dim")
        else:
            cell.append("aucune preuve retenue" + (" (voir -v)" if found else ""), style="dim")
        badge = Text(f"? {common.UNKNOWN_LEVEL}", style="dim") if unknown else level_badge(criterion.level)
        first = Text.assemble((criterion.id, "bold"), "\n", badge)
        table.add_row(first, cell, Text(f"{common.counting(criterion)}/{found}"))
    return table


def gaps_section(audit: Audit, verbose: bool) -> RenderableType:
    if common.nothing_read(audit):
        return Text(common.UNKNOWN_LEVELS, style="bold red")
    if not audit.gaps:
        return Text("Aucun manque : tous les critères évalués sont engagés.", style="green")
    by_id = common.criteria_by_id(audit)
    parts: list[RenderableType] = [Text("Manques, du plus grave au moins grave", style="bold underline")]
    for rank, gap in enumerate(audit.gaps, 1):
        criterion = by_id.get(gap.id)
        title = common.clean(criterion.title) if criterion else gap.key
        head = Text.assemble(
            (f"{rank}. {gap.id}", "bold"), " · ",
            (LEVEL_LABELS.get(gap.level, "?"), LEVEL_STYLES.get(gap.level, "")),
            (f" · gravité {gap.severity}", "dim"),
        )
        body = Table.grid(padding=(0, 1))
        body.add_column(no_wrap=True, style="dim")
        body.add_column()
        body.add_row("Critère", Text(title, style="bold"))
        if criterion and criterion.missing:
            body.add_row("Manque", Text(common.missing_text(criterion)))
        if gap.recommendation:
            body.add_row("À proposer", Text(common.clean(gap.recommendation)))
        if verbose and gap.model_clause:
            body.add_row("Rédaction", Text(common.clean(gap.model_clause), style="italic"))
        parts += [head, Padding(body, (0, 0, 1, 3), expand=False)]
    return Group(*parts)


def evidence_block(evidence: Evidence) -> RenderableType:
    mark = Text("✓ ", style="green") if evidence.counts else Text("✗ ", style="red")
    lines: list[RenderableType] = [
        Text(common.where(evidence), style="cyan"),
        Text.assemble("« ", (common.clean(evidence.text), "italic"), " »"),
    ]
    details = [text for _, text in common.notes(evidence)]
    if details:
        lines.append(Text(" · ".join(details), style="dim"))
    grid = Table.grid()
    grid.add_column(width=2, no_wrap=True)
    grid.add_column()
    grid.add_row(mark, Group(*lines))
    return grid


def evidence_section(criterion: CriterionResult) -> RenderableType:
    head = Text.assemble(
        (f"{criterion.id} ", "bold"), (common.clean(criterion.title), "bold"), " — ",
        level_badge(criterion.level),
    )
    if not criterion.evidence:
        return Group(head, Padding(Text("Aucune preuve trouvée.", style="dim"), (0, 0, 1, 2), expand=False))
    blocks = [evidence_block(e) for e in common.ranked(criterion.evidence)]
    return Group(head, Padding(Group(*blocks), (0, 0, 1, 2), expand=False))


def renderables(audit: Audit, verbose: bool = False, quiet: bool = False) -> list[RenderableType]:
    if quiet:
        return [score_line(audit)]
    parts: list[RenderableType] = [headline(audit), criteria_table(audit)]
    if audit.criteria:
        parts.append(Text("Preuves : retenues / trouvées. ■ = un niveau sur 3.", style="dim"))
    if verbose:
        parts.append(Text("\nToutes les preuves", style="bold underline"))
        parts += [evidence_section(c) for c in audit.criteria]
    parts += [Text(""), gaps_section(audit, verbose)]
    return parts


def print_parts(parts: list[RenderableType], console: Console, soft_wrap: bool = False) -> None:
    """Print to a terminal as is; elsewhere (pipe, file) as text without trailing spaces."""
    if console.is_terminal:
        for part in parts:
            console.print(part, soft_wrap=soft_wrap)
        return
    with console.capture() as capture:
        for part in parts:
            console.print(part, soft_wrap=soft_wrap)
    text = "\n".join(line.rstrip() for line in capture.get().splitlines())
    console.file.write(text + "\n")
    console.file.flush()


def print_report(audit: Audit, console: Console, verbose: bool = False, quiet: bool = False) -> None:
    print_parts(renderables(audit, verbose, quiet), console, soft_wrap=quiet)  # one line, always


def stdout_console() -> Console:
    """Colours on a terminal (unless NO_COLOR), plain text when piped; rich decides both."""
    console = Console(highlight=False, emoji=False)
    if console.width > MAX_WIDTH:
        console.width = MAX_WIDTH
    return console


def render_text(audit: Audit, verbose: bool = False, quiet: bool = False, width: int = 80) -> str:
    """The report as plain text (no ANSI codes), for files and tests."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False,
                      no_color=True, highlight=False, emoji=False)
    print_report(audit, console, verbose, quiet)
    return buffer.getvalue()
