"""Rendering a before/after comparison: terminal (rich), JSON, Markdown and HTML, in French.

Every string may come from a contract or from an audit JSON given on the command line: escaped in
HTML and Markdown, printed in the terminal as Text (never rich markup) without control characters.
"""

from __future__ import annotations

import io
from pathlib import Path

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from contratvie.audit import LEVEL_LABELS, MISSING_LABELS, Evidence
from contratvie.compare import Comparison, CriterionChange
from contratvie.report import common
from contratvie.report.files import announce, write_output
from contratvie.report.html import CSP, e as escape
from contratvie.report.markdown import escape as md
from contratvie.report.terminal import print_parts, stdout_console
from contratvie.text import strip_controls

FORMATS = ("terminal", "json", "markdown", "html")
CHANGE_LABELS = {
    "up": "▲ progrès",
    "down": "▼ recul",
    "same": "= stable",
    "only_before": "retiré",
    "only_after": "nouveau",
}
CHANGE_STYLES = {"up": "green", "down": "red", "same": "", "only_before": "yellow", "only_after": "yellow"}
QUOTE_CHARS = 160


number = common.number


def delta(value: float) -> str:
    return ("+" if value > 0 else "") + number(value)


def level_text(level: int | None, label: str | None) -> str:
    if level is None:
        return "–"
    return f"{level} {label or LEVEL_LABELS.get(level, '')}".strip()


def shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    return common.shorten(text, limit)


def where(evidence: Evidence, paged: bool = True) -> str:
    """p. 12 (imprimée 10) for paged documents; the section path for .docx, .odt, .txt, .md
    (an audit JSON of an older version may give those a page 1)."""
    if paged and evidence.page is not None:
        return common.page_ref(evidence)
    return common.clean(evidence.section) or "–"


def paged(comparison: Comparison) -> tuple[bool, bool]:
    """Whether the old and the new document have pages (a PDF) or only sections."""
    return (comparison.before.document.format == "pdf", comparison.after.document.format == "pdf")


def status_note(evidence: Evidence) -> str:
    return "" if evidence.counts else " [ne compte pas]"


def changed_pairs(change: CriterionChange):
    return [p for p in change.kept if p.moved or p.reworded or p.counts_changed]


def pair_note(pair, sides: tuple[bool, bool] = (True, True)) -> str:
    notes = []
    if pair.moved:
        notes.append(f"déplacée : {where(pair.before, sides[0])} → {where(pair.after, sides[1])}")
    if pair.reworded:
        notes.append("reformulée")
    if pair.counts_changed:
        notes.append("compte désormais" if pair.after.counts else "ne compte plus")
    return ", ".join(notes)


def has_news(change: CriterionChange) -> bool:
    return bool(change.appeared or change.disappeared or changed_pairs(change)
                or change.change != "same")


# ------------------------------------------------------------ terminal

def line(text: str, style: str = "") -> Text:
    """A line for the terminal: Text (no markup), control characters blanked."""
    return Text(strip_controls(text), style=style)


def hanging(rows: list[tuple[Text, Text]], indent: int = 0) -> Table:
    """Label and text side by side: a long text wraps under itself, not under the label."""
    grid = Table.grid(padding=(0, 1 if indent == 0 else 0))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for label, text in rows:
        grid.add_row(label, text)
    return Padding(grid, (0, 0, 0, indent), expand=False) if indent else grid


def side_text(side) -> Text:
    title = f" – {side.document.title}" if side.document.title else ""
    return line(f"{side.document.path}{title}")


def headline(comparison: Comparison) -> list[RenderableType]:
    style = "green" if comparison.score_delta > 0 else "red" if comparison.score_delta < 0 else ""
    score = Text(f"{number(comparison.before.score)} → {number(comparison.after.score)} ")
    score.append(f"({delta(comparison.score_delta)})", style=style)
    rows = [(Text("Avant :"), side_text(comparison.before)), (Text("Après :"), side_text(comparison.after)),
            (Text("Score :", style="bold"), score)]
    rows += [(Text("Attention :", style="yellow"), line(note, "yellow")) for note in comparison.notes]
    return [Text("Comparaison des audits", style="bold"), hanging(rows)]


def levels_table(comparison: Comparison, width: int) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    # One line per criterion: the title gives way (ellipsis) so that levels and changes always
    # show in full (51 columns with the spaces between); changed criteria get a full title below.
    table.add_column("Critère", no_wrap=True, overflow="ellipsis", max_width=max(20, width - 51))
    table.add_column("Avant", no_wrap=True, min_width=11)
    table.add_column("Après", no_wrap=True, min_width=11)
    table.add_column("Évolution", no_wrap=True, min_width=10)
    table.add_column("Preuves", no_wrap=True, min_width=7)
    for change in comparison.criteria:
        table.add_row(
            line(f"{change.id} {change.title}"),
            line(level_text(change.level_before, change.label_before)),
            line(level_text(change.level_after, change.label_after)),
            Text(CHANGE_LABELS[change.change], style=CHANGE_STYLES[change.change]),
            f"+{len(change.appeared)} −{len(change.disappeared)}",
        )
    return table


def change_part(change: CriterionChange, sides: tuple[bool, bool]) -> RenderableType:
    """What changed for one criterion: its levels, then each quote that appeared (+),
    disappeared (−), moved or was reworded (~)."""
    head = line(f"{change.id} {change.title} : {level_text(change.level_before, change.label_before)} → "
                f"{level_text(change.level_after, change.label_after)}", "bold")
    rows = []
    for mark, items, side, style in (("+ ", change.appeared, sides[1], "green"),
                                     ("− ", change.disappeared, sides[0], "red")):
        rows += [(Text(mark, style=style),
                  line(f"{where(e, side)} « {shorten(e.text)} »{status_note(e)}", style)) for e in items]
    rows += [(Text("~ "), line(f"« {shorten(pair.after.text)} » ({pair_note(pair, sides)})"))
             for pair in changed_pairs(change)]
    if change.level_after is not None and change.level_after < 3 and change.missing_after:
        missing = ", ".join(MISSING_LABELS.get(m, m) for m in change.missing_after)
        rows.append((Text(""), line(f"Reste à préciser : {missing}", "dim")))
    return Group(Text(""), head, hanging(rows, indent=2))


def renderables(comparison: Comparison, width: int) -> list[RenderableType]:
    parts = [*headline(comparison), levels_table(comparison, width)]
    sides = paged(comparison)
    parts += [change_part(change, sides) for change in comparison.criteria if has_news(change)]
    return parts


def show(comparison: Comparison, console: Console) -> None:
    """On a terminal as is; piped or in a file, plain text without trailing spaces (as `audit`)."""
    print_parts(renderables(comparison, console.width), console)


def to_text(comparison: Comparison, width: int = 80) -> str:
    buffer = io.StringIO()
    show(comparison, Console(file=buffer, width=width, color_system=None, force_terminal=False,
                             no_color=True, highlight=False, emoji=False))
    return buffer.getvalue()


# ------------------------------------------------------------ markdown

def markdown_head(comparison: Comparison) -> list[str]:
    """Title, both documents side by side, the score and the warnings."""
    before, after = comparison.before, comparison.after
    lines = [
        "# Comparaison des audits", "",
        "| | Avant | Après |", "|---|---|---|",
        f"| Fichier | {md(before.document.path)} | {md(after.document.path)} |",
        f"| Titre | {md(before.document.title or '–')} | {md(after.document.title or '–')} |",
        f"| Pages | {before.document.pages} | {after.document.pages} |",
        f"| Score | {number(before.score)} | {number(after.score)} ({delta(comparison.score_delta)}) |",
        "",
    ]
    lines += [f"> Attention : {md(note)}" for note in comparison.notes]
    return lines + ([""] if comparison.notes else [])


def markdown_table(comparison: Comparison) -> list[str]:
    lines = ["## Par critère", "",
             "| Critère | Avant | Après | Évolution | Preuves apparues | Preuves disparues |",
             "|---|---|---|---|---|---|"]
    for c in comparison.criteria:
        lines.append(f"| {md(c.id)} {md(c.title)} | {md(level_text(c.level_before, c.label_before))} | "
                     f"{md(level_text(c.level_after, c.label_after))} | {CHANGE_LABELS[c.change]} | "
                     f"{len(c.appeared)} | {len(c.disappeared)} |")
    return lines + [""]


def markdown_change(c: CriterionChange, sides: tuple[bool, bool]) -> list[str]:
    """One criterion that changed: its levels, the quotes that appeared, disappeared, moved."""
    lines = [f"### {md(c.id)} {md(c.title)} : {md(level_text(c.level_before, c.label_before))} → "
             f"{md(level_text(c.level_after, c.label_after))}", ""]
    for title, items, side in (("Preuves apparues", c.appeared, sides[1]),
                               ("Preuves disparues", c.disappeared, sides[0])):
        if items:
            lines += [f"**{title}**", ""]
            lines += [f"- {md(where(e, side))} : « {md(shorten(e.text, 400))} »"
                      + ("" if e.counts else " *(ne compte pas)*") for e in items]
            lines.append("")
    pairs = changed_pairs(c)
    if pairs:
        lines += ["**Preuves déplacées ou reformulées**", ""]
        lines += [f"- « {md(shorten(p.after.text, 400))} » ({md(pair_note(p, sides))})" for p in pairs]
        lines.append("")
    if c.level_after is not None and c.level_after < 3 and c.recommendation:
        lines += [f"*Recommandation :* {md(c.recommendation)}", ""]
    return lines


def to_markdown(comparison: Comparison) -> str:
    lines = markdown_head(comparison) + markdown_table(comparison)
    sides = paged(comparison)
    for change in comparison.criteria:
        if has_news(change):
            lines += markdown_change(change, sides)
    return "\n".join(lines).rstrip() + "\n"


# ------------------------------------------------------------ html

CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:2em;color:#222;max-width:1000px}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.5em;border-bottom:1px solid #ccc}h3{font-size:1em}
table{border-collapse:collapse;font-size:.9em}th,td{padding:.3em .6em;border:1px solid #ddd;text-align:left;vertical-align:top}
.up{color:#1a7f37;font-weight:bold}.down{color:#c0392b;font-weight:bold}.only_before,.only_after{color:#9a6700}
.plus{border-left:4px solid #1a9850;padding-left:.6em}.moins{border-left:4px solid #d7301f;padding-left:.6em}
.tilde{border-left:4px solid #999;padding-left:.6em}
blockquote{margin:.3em 0}.lieu{color:#666;font-size:.85em}.note{background:#fff4d6;padding:.5em}
.score{font-size:1.3em}
@media print{body{margin:1cm}}
"""


def _levels_chart(comparison: Comparison) -> str:
    rows = comparison.criteria
    width, row_h, left = 520, 26, 70
    height = len(rows) * row_h + 30
    unit = (width - left - 20) / 3
    parts = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'aria-label="Niveaux avant et après">']
    for i in range(4):
        x = left + i * unit
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - 20}" stroke="#eee"/>'
                     f'<text x="{x:.1f}" y="{height - 5}" font-size="11" text-anchor="middle">{i}</text>')
    for i, c in enumerate(rows):
        y = i * row_h + 4
        parts.append(f'<text x="0" y="{y + 15}" font-size="12">{escape(c.id)}</text>')
        if c.level_before is not None:
            parts.append(f'<rect x="{left}" y="{y}" width="{c.level_before * unit:.1f}" height="9" fill="#9aa5b1">'
                         f'<title>avant : {escape(level_text(c.level_before, c.label_before))}</title></rect>')
        if c.level_after is not None:
            colour = "#1a9850" if c.change == "up" else "#d7301f" if c.change == "down" else "#3f6fb5"
            parts.append(f'<rect x="{left}" y="{y + 10}" width="{c.level_after * unit:.1f}" height="9" fill="{colour}">'
                         f'<title>après : {escape(level_text(c.level_after, c.label_after))}</title></rect>')
    parts.append("</svg>")
    return "".join(parts)


def _quote(evidence: Evidence, css: str, paged_doc: bool) -> str:
    flag = " <em>(ne compte pas)</em>" if not evidence.counts else ""
    place = where(evidence, paged_doc)
    if paged_doc and evidence.section:
        place += f" – {evidence.section}"
    return (f'<blockquote class="{css}"><span class="lieu">{escape(place)}</span><br>'
            f"« {escape(evidence.text)} »{flag}</blockquote>")


def html_head(comparison: Comparison) -> str:
    """Both documents side by side, the score and the warnings."""
    before, after = comparison.before, comparison.after
    score_class = "up" if comparison.score_delta > 0 else "down" if comparison.score_delta < 0 else ""
    notes = "".join(f'<p class="note">Attention : {escape(n)}</p>' for n in comparison.notes)
    return (
        "<table><tr><th></th><th>Avant</th><th>Après</th></tr>"
        f"<tr><th>Fichier</th><td>{escape(before.document.path)}</td><td>{escape(after.document.path)}</td></tr>"
        f"<tr><th>Titre</th><td>{escape(before.document.title or '–')}</td><td>{escape(after.document.title or '–')}</td></tr>"
        f"<tr><th>Pages</th><td>{before.document.pages}</td><td>{after.document.pages}</td></tr></table>"
        f'<p class="score">Score : {number(before.score)} → {number(after.score)} '
        f'<span class="{score_class}">({delta(comparison.score_delta)})</span></p>{notes}'
    )


def html_table(comparison: Comparison) -> str:
    rows = "".join(
        f"<tr><td>{escape(c.id)} {escape(c.title)}</td><td>{escape(level_text(c.level_before, c.label_before))}</td>"
        f"<td>{escape(level_text(c.level_after, c.label_after))}</td>"
        f'<td class="{c.change}">{escape(CHANGE_LABELS[c.change])}</td>'
        f"<td>+{len(c.appeared)} / −{len(c.disappeared)}</td></tr>"
        for c in comparison.criteria
    )
    return ("<table><thead><tr><th>Critère</th><th>Avant</th><th>Après</th><th>Évolution</th>"
            f"<th>Preuves</th></tr></thead><tbody>{rows}</tbody></table>")


def html_change(c: CriterionChange, sides: tuple[bool, bool]) -> str:
    """One criterion that changed: its levels, the quotes that appeared, disappeared, moved."""
    part = [f"<h3>{escape(c.id)} {escape(c.title)} : {escape(level_text(c.level_before, c.label_before))} → "
            f"{escape(level_text(c.level_after, c.label_after))}</h3>"]
    if c.appeared:
        part.append("<p><strong>Preuves apparues</strong></p>" + "".join(_quote(e, "plus", sides[1]) for e in c.appeared))
    if c.disappeared:
        part.append("<p><strong>Preuves disparues</strong></p>" + "".join(_quote(e, "moins", sides[0]) for e in c.disappeared))
    pairs = changed_pairs(c)
    if pairs:
        part.append("<p><strong>Preuves déplacées ou reformulées</strong></p>" + "".join(
            f'<blockquote class="tilde"><span class="lieu">{escape(pair_note(p, sides))}</span><br>'
            f"« {escape(p.after.text)} »</blockquote>" for p in pairs))
    if c.level_after is not None and c.level_after < 3 and c.recommendation:
        part.append(f"<p><em>Recommandation :</em> {escape(c.recommendation)}</p>")
        if c.model_clause:
            part.append(f"<p><em>Proposition de rédaction :</em> {escape(c.model_clause)}</p>")
    return "<section>" + "".join(part) + "</section>"


def to_html(comparison: Comparison) -> str:
    sides = paged(comparison)
    details = "".join(html_change(c, sides) for c in comparison.criteria if has_news(c))
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">{CSP}<title>Comparaison des audits – contratvie</title>
<style>{CSS}</style></head><body>
<h1>Comparaison des audits</h1>
{html_head(comparison)}
<h2>Niveaux par critère</h2>
<p class="lieu">Barre grise : niveau avant ; barre de couleur : niveau après (vert : progrès, rouge : recul).</p>
{_levels_chart(comparison)}{html_table(comparison)}
<h2>Ce qui a changé</h2>{details or "<p>Aucune différence de preuve.</p>"}
</body></html>
"""


# ------------------------------------------------------------ entry points

def render(comparison: Comparison, fmt: str) -> str:
    if fmt == "json":
        return comparison.model_dump_json(indent=2) + "\n"
    if fmt == "markdown":
        return to_markdown(comparison)
    if fmt == "html":
        return to_html(comparison)
    if fmt == "terminal":
        return to_text(comparison)
    raise ValueError(fmt)


def emit(comparison: Comparison, fmt: str, output: Path | None = None) -> None:
    """Print on the terminal (rich) or write the chosen format to `output` / stdout."""
    if fmt == "terminal" and output is None:
        show(comparison, stdout_console())
        return
    write_output(render(comparison, fmt), output)
    if output is not None:
        from contratvie.report import NAMES

        announce(f"Comparaison {NAMES.get(fmt, fmt)} écrite dans {output} (score "
                 f"{number(comparison.before.score)} → {number(comparison.after.score)}, "
                 f"{delta(comparison.score_delta)}).")
