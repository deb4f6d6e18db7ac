"""The HTML report: one self-contained file (inline CSS and SVG, no script, no network), printable
on A4.

Every string that comes from the document or the rules goes through `e()` (html.escape with
quote=True): a PDF holding "<script>" or "<img onerror=…>" must print those characters, never
produce markup. A Content-Security-Policy forbids scripts and remote loads as a second lock.
"""

from __future__ import annotations

import html
import re

from contratvie.audit import LEVEL_LABELS, Audit, CriterionResult, Evidence, Gap
from contratvie.report import common

COLORS = {  # level: (bar, badge background, badge text)
    0: ("#d64545", "#fde2e1", "#8f1d1d"),
    1: ("#e8961e", "#fdefd2", "#7a4300"),
    2: ("#7fb83a", "#e7f4d8", "#355a10"),
    3: ("#1e8e4a", "#d3efdc", "#0d5128"),
}
EMPTY = "#e4e7eb"
# The second lock on every HTML page contratvie writes: no script runs, nothing loads from outside.
CSP = ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
       "style-src 'unsafe-inline'; img-src data:\">")


def e(text: object) -> str:
    return html.escape(common.clean(str(text)) if text is not None else "", quote=True)


def badge(level: int) -> str:
    _, background, color = COLORS.get(level, COLORS[0])
    return (f'<span class="badge" style="background:{background};color:{color}">'
            f'{level} · {e(LEVEL_LABELS.get(level, "?"))}</span>')


def placeholders(clause: str) -> str:
    """Escape, then highlight the [placeholders] a consultant fills in."""
    return re.sub(r"\[([^\]]+)\]", r'<mark>[\1]</mark>', e(clause))


def gauge(score: float) -> str:
    """The overall score as a ring."""
    radius, stroke = 52, 14
    length = 2 * 3.14159 * radius
    filled = length * max(0.0, min(score, 100.0)) / 100
    color = COLORS[min(3, int(score // 25))][0]
    return (
        f'<svg class="gauge" viewBox="0 0 140 140" width="140" height="140" role="img" '
        f'aria-label="Score {e(common.number(score))} sur 100">'
        f'<circle cx="70" cy="70" r="{radius}" fill="none" stroke="{EMPTY}" stroke-width="{stroke}"/>'
        f'<circle cx="70" cy="70" r="{radius}" fill="none" stroke="{color}" stroke-width="{stroke}" '
        f'stroke-dasharray="{filled:.1f} {length:.1f}" transform="rotate(-90 70 70)"/>'
        f'<text x="70" y="70" text-anchor="middle" class="gauge-score">{e(common.number(score))}</text>'
        f'<text x="70" y="92" text-anchor="middle" class="gauge-unit">sur 100</text></svg>'
    )


def levels_chart(audit: Audit) -> str:
    """One bar of three segments per criterion, coloured by its level."""
    row, top, label_w, seg_w, gap = 30, 28, 225, 110, 6
    width = label_w + 3 * (seg_w + gap) + 90
    height = top + row * len(audit.criteria) + 6
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'aria-label="Niveau de chaque critère, de 0 à 3">']
    for step in (1, 2, 3):
        x = label_w + (step - 1) * (seg_w + gap) + seg_w / 2
        parts.append(f'<text x="{x:.0f}" y="16" text-anchor="middle" class="axis">{step} · '
                     f'{e(LEVEL_LABELS[step])}</text>')
    for index, criterion in enumerate(audit.criteria):
        y = top + index * row
        bar_color = COLORS.get(criterion.level, COLORS[0])[0]
        parts.append(f'<g><title>{e(criterion.id)} — {e(criterion.title)} : '
                     f'{e(criterion.level_label)}</title>')
        parts.append(f'<text x="0" y="{y + 15}" class="label"><tspan class="cid">{e(criterion.id)}</tspan> '
                     f'{e(common.shorten(criterion.key, 22))}</text>')
        for step in (1, 2, 3):
            x = label_w + (step - 1) * (seg_w + gap)
            fill = bar_color if step <= criterion.level else EMPTY
            parts.append(f'<rect x="{x}" y="{y + 2}" width="{seg_w}" height="18" rx="3" fill="{fill}"/>')
        parts.append(f'<text x="{label_w + 3 * (seg_w + gap) + 4}" y="{y + 15}" class="value">'
                     f'{e(LEVEL_LABELS.get(criterion.level, "?"))}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def header(audit: Audit) -> str:
    doc = audit.document
    rows = [
        ("Fichier", f"<code>{e(doc.path)}</code>"),
        ("Pages lues", f"{common.pages_read(audit)} sur {doc.pages}"),
        ("Empreinte SHA-256", f"<code>{e(doc.sha256)}</code>"),
        ("Outil", f"contratvie {e(audit.tool.version)}, règles {e(audit.tool.rules_version) or 'fournies'}"),
    ]
    meta = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    warning = (f'<p class="warning" role="alert"><strong>Attention.</strong> {e(common.unreadable_text(audit))}</p>'
               if doc.unreadable_pages else "")
    return (
        f'<header><div class="head-text"><p class="kicker">Audit vie associative</p>'
        f'<h1>{e(common.document_title(audit))}</h1><dl class="meta">{meta}</dl></div>'
        f'<div class="score">{gauge(audit.score)}<p>Score global</p></div></header>{warning}'
    )


def criteria_table(audit: Audit) -> str:
    rows = []
    unknown = common.nothing_read(audit)
    for criterion in audit.criteria:
        best = common.best(criterion)
        quote = (f'<q>{e(common.shorten(best.text, 220))}</q> <span class="where">{e(common.page_ref(best))}</span>'
                 if best else '<span class="muted">aucune preuve retenue</span>')
        missing = e(common.missing_text(criterion)) or "—"
        level = f'<span class="muted">{common.UNKNOWN_LEVEL}</span>' if unknown else badge(criterion.level)
        rows.append(
            f'<tr><td class="cid"><a href="#{e(criterion.id)}">{e(criterion.id)}</a></td>'
            f'<td><strong>{e(criterion.title)}</strong><div class="best">{quote}</div></td>'
            f'<td class="num">{criterion.weight}</td><td>{level}</td>'
            f'<td class="num">{common.counting(criterion)}/{len(criterion.evidence)}</td>'
            f'<td class="missing">{missing}</td></tr>'
        )
    return (
        '<table class="criteria"><thead><tr><th>Critère</th><th>Intitulé et meilleure citation</th>'
        '<th>Poids</th><th>Niveau</th><th title="retenues / trouvées">Preuves</th><th>Manque</th>'
        f'</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        '<p class="note">Preuves : retenues / trouvées. Le score est la moyenne des niveaux (sur 3), '
        'pondérée par le poids de chaque critère.</p>'
    )


def gap_card(rank: int, gap: Gap, criterion: CriterionResult | None) -> str:
    title = e(criterion.title) if criterion else e(gap.key)
    parts = [f'<article class="gap"><h3><span class="rank">{rank}</span> {e(gap.id)} — {title} '
             f'{badge(gap.level)} <span class="severity">gravité {gap.severity}</span></h3>']
    if criterion and criterion.missing:
        parts.append(f'<p><span class="tag">Manque</span> {e(common.missing_text(criterion))}</p>')
    if gap.recommendation:
        parts.append(f'<p><span class="tag">À proposer</span> {e(gap.recommendation)}</p>')
    if gap.model_clause:
        parts.append(f'<div class="clause"><p class="clause-title">Proposition de rédaction</p>'
                     f'<p>{placeholders(gap.model_clause)}</p></div>')
    parts.append("</article>")
    return "".join(parts)


def gaps_section(audit: Audit) -> str:
    if common.nothing_read(audit):
        return f'<p class="warning" role="alert"><strong>{e(common.UNKNOWN_LEVELS)}</strong></p>'
    if not audit.gaps:
        return '<p class="ok">Aucun manque : tous les critères évalués sont engagés.</p>'
    by_id = common.criteria_by_id(audit)
    return "".join(gap_card(rank, gap, by_id.get(gap.id)) for rank, gap in enumerate(audit.gaps, 1))


def evidence_item(evidence: Evidence) -> str:
    notes = [f'<span class="{kind}">{e(text)}</span>' for kind, text in common.notes(evidence)]
    status = "counts" if evidence.counts else "discarded"
    mark = "✓" if evidence.counts else "✗"
    return (
        f'<li class="ev {status}"><span class="mark" aria-hidden="true">{mark}</span>'
        f'<blockquote>{e(evidence.text)}</blockquote>'
        f'<p class="where">{e(common.where(evidence))}</p>'
        + (f'<p class="notes">{" · ".join(notes)}</p>' if notes else "")
        + "</li>"
    )


def evidence_section(criterion: CriterionResult) -> str:
    head = (f'<h3 id="{e(criterion.id)}">{e(criterion.id)} — {e(criterion.title)} {badge(criterion.level)}'
            f'</h3>')
    if not criterion.evidence:
        return f'<section class="crit">{head}<p class="muted">Aucune preuve trouvée.</p></section>'
    items = "".join(evidence_item(ev) for ev in common.ranked(criterion.evidence))
    return f'<section class="crit">{head}<ul class="evidence">{items}</ul></section>'


def render(audit: Audit) -> str:
    unknown = common.nothing_read(audit)
    body = "".join([
        header(audit),
        *([] if unknown else ['<section class="block"><h2>Niveau des critères</h2>', levels_chart(audit), "</section>"]),
        '<section class="block"><h2>Critères</h2>', criteria_table(audit), "</section>",
        '<section class="block"><h2>Manques, du plus grave au moins grave</h2>', gaps_section(audit), "</section>",
        # Nothing was searched in a document without any readable page: no "0 · absent" anywhere.
        *([] if unknown else ['<section class="block"><h2>Toutes les preuves, avec leur page</h2>',
                              "".join(evidence_section(c) for c in audit.criteria), "</section>"]),
        '<footer>Rapport produit par contratvie. ✓ preuve retenue, ✗ preuve trouvée mais écartée '
        '(négation, hypothèse, sommaire, glossaire…).</footer>',
    ])
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"{CSP}"
        f"<title>Audit vie associative — {e(common.document_title(audit))}</title>"
        f"<style>{CSS}</style></head><body><main>{body}</main></body></html>\n"
    )


CSS = """
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9dee4; --accent: #2f5d8a; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #f5f7fa;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; }
main { max-width: 1000px; margin: 0 auto; padding: 24px 28px 40px; background: #fff; }
header { display: flex; gap: 24px; align-items: center; justify-content: space-between;
  border-bottom: 3px solid var(--accent); padding-bottom: 12px; }
.kicker { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--accent);
  font-weight: 700; }
h1 { margin: 4px 0 8px; font-size: 24px; line-height: 1.25; }
h2 { font-size: 18px; margin: 28px 0 10px; color: var(--accent); border-bottom: 1px solid var(--line);
  padding-bottom: 4px; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 15px; margin: 18px 0 6px; break-after: avoid; page-break-after: avoid; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; font-size: 13px; }
dl.meta dt { color: var(--muted); } dl.meta dd { margin: 0; overflow-wrap: anywhere; }
code { font-size: 12px; }
.score { text-align: center; flex: none; } .score p { margin: 0; font-weight: 700; color: var(--muted); }
.gauge-score { font-size: 30px; font-weight: 700; fill: var(--ink); }
.gauge-unit { font-size: 12px; fill: #616e7c; }
.warning { background: #fff4e5; border-left: 4px solid #e8961e; padding: 8px 12px; margin: 14px 0 0; }
.chart { max-width: 760px; display: block; }
.chart .label { font-size: 13px; fill: #1f2933; } .chart .cid { font-weight: 700; }
.chart .axis { font-size: 11px; fill: #616e7c; } .chart .value { font-size: 13px; fill: #1f2933; }
table.criteria { width: 100%; border-collapse: collapse; font-size: 13.5px; }
table.criteria th { text-align: left; background: #eef2f6; padding: 6px 8px; border-bottom: 2px solid var(--line); }
table.criteria td { padding: 7px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
table.criteria tr { break-inside: avoid; page-break-inside: avoid; }
td.num { text-align: right; white-space: nowrap; } td.cid { font-weight: 700; white-space: nowrap; }
td.cid a { color: inherit; text-decoration: none; }
td.missing { font-size: 12.5px; color: var(--muted); min-width: 120px; }
.best { margin-top: 3px; font-size: 12.5px; color: #3e4c59; }
q { quotes: "« " " »"; font-style: italic; }
.where { color: var(--muted); font-size: 12px; white-space: normal; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 700;
  white-space: nowrap; vertical-align: 1px; }
.note, .muted, footer { color: var(--muted); font-size: 12px; }
.gap { border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 4px;
  padding: 4px 14px 8px; margin: 10px 0; break-inside: avoid; page-break-inside: avoid; }
.gap h3 { margin: 8px 0 4px; } .gap p { margin: 4px 0; }
.rank { display: inline-block; min-width: 22px; height: 22px; border-radius: 11px; background: var(--accent);
  color: #fff; text-align: center; font-size: 12px; line-height: 22px; margin-right: 4px; }
.severity { font-weight: 400; color: var(--muted); font-size: 12px; }
.tag { display: inline-block; min-width: 80px; font-weight: 700; color: var(--muted); font-size: 12.5px; }
.clause { background: #f3f7fb; border-radius: 4px; padding: 6px 12px; margin: 6px 0 4px; }
.clause-title { font-size: 12px; font-weight: 700; color: var(--accent); margin: 0 !important; }
mark { background: #fff2a8; padding: 0 2px; border-radius: 2px; }
ul.evidence { list-style: none; padding: 0; margin: 0; }
.ev { position: relative; padding: 6px 10px 6px 30px; margin: 6px 0; border-radius: 4px;
  break-inside: avoid; page-break-inside: avoid; }
.ev.counts { background: #f4faf6; } .ev.discarded { background: #f7f7f8; color: #52606d; }
.ev .mark { position: absolute; left: 10px; top: 6px; font-weight: 700; }
.ev.counts .mark { color: #1e8e4a; } .ev.discarded .mark { color: #d64545; }
.ev blockquote { margin: 0; font-style: italic; overflow-wrap: anywhere; }
.ev blockquote::before { content: "« "; } .ev blockquote::after { content: " »"; }
.ev p { margin: 2px 0 0; } .notes { font-size: 12px; color: var(--muted); }
.qualifiers { color: #8f1d1d; }
.ok { color: #0d5128; font-weight: 700; }
footer { margin-top: 28px; border-top: 1px solid var(--line); padding-top: 8px; }
@page { size: A4; margin: 14mm 13mm 16mm; }
@media print {
  body { background: #fff; font-size: 10pt; }
  main { max-width: none; padding: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  h2 { margin-top: 18px; }
  .crit { break-inside: auto; }
}
"""
