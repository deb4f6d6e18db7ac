"""The synthesis of a batch: one row per contract (CSV, XLSX, JSON) and a dashboard (HTML).

The dashboard is one self-contained file (inline CSS and SVG, no network): a heatmap of the
contracts × criteria, the criteria most often missing across the set, the distribution of the
scores and a link to each contract's report. Everything that comes from the documents (file
names, titles, error messages) is escaped.
"""

from __future__ import annotations

import io
import json
import statistics
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from contratvie import __version__
from contratvie.audit import LEVEL_LABELS
from contratvie.batch.model import AUDITED, ContractRow, CriterionInfo
from contratvie.report.common import clean, number
from contratvie.report.files import write_atomic
from contratvie.report.html import CSP, e as escape

LEVEL_COLOURS = {0: "#d7301f", 1: "#fc8d59", 2: "#fdcc8a", 3: "#1a9850"}


def frame(rows: list[ContractRow], criteria: list[CriterionInfo]) -> pd.DataFrame:
    """One row per contract: fichier, titre, pages, score, one column per criterion, statut, erreur.
    File names and titles come cleaned: a control character would make openpyxl refuse the cell."""
    records = []
    for row in rows:
        record = {"fichier": clean(row.path), "titre": clean(row.title), "pages": row.pages, "score": row.score}
        for criterion in criteria:
            record[criterion.id] = row.levels.get(criterion.id)
        record.update(statut=row.status, erreur=clean(row.error), rapport=row.report_html or "")
        records.append(record)
    columns = ["fichier", "titre", "pages", "score", *(c.id for c in criteria), "statut", "erreur", "rapport"]
    df = pd.DataFrame.from_records(records, columns=columns)
    for column in ["pages", *(c.id for c in criteria)]:
        df[column] = df[column].astype("Int64")
    df["score"] = df["score"].astype("Float64")
    return df


TEXT_COLUMNS = ("fichier", "titre", "statut", "erreur", "rapport")


def to_csv(df: pd.DataFrame) -> str:
    """Like the audit's CSV: « ; » separated, BOM for Excel, formula-like cells defused."""
    from contratvie.report.tables import CSV_SEPARATOR, defuse

    table = df.copy()
    for column in TEXT_COLUMNS:
        table[column] = table[column].map(defuse)
    return "\ufeff" + table.to_csv(index=False, sep=CSV_SEPARATOR, lineterminator="\r\n")


def to_xlsx(df: pd.DataFrame, criteria: list[CriterionInfo]) -> bytes:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        df.to_excel(writer, sheet_name="Synthèse", index=False)
        legend = pd.DataFrame(
            [{"critère": c.id, "titre": c.title, "poids": c.weight} for c in criteria]
            + [{"critère": f"niveau {n}", "titre": label, "poids": None} for n, label in LEVEL_LABELS.items()]
        )
        legend.to_excel(writer, sheet_name="Critères", index=False)
        sheet = writer.sheets["Synthèse"]
        sheet.freeze_panes = "B2"
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        level_columns = {df.columns.get_loc(c.id) + 1 for c in criteria}
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if cell.data_type == "f":  # a title starting with "=" stays text, never a formula
                    cell.data_type = "s"
                    cell.quotePrefix = True
                if cell.column in level_columns and isinstance(cell.value, int):
                    colour = LEVEL_COLOURS[cell.value].lstrip("#")
                    cell.fill = PatternFill("solid", start_color=colour, end_color=colour)
                    cell.alignment = Alignment(horizontal="center")
        widths = {"fichier": 40, "titre": 50, "erreur": 50, "rapport": 30}
        for index, column in enumerate(df.columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = widths.get(column, 9)
        writer.sheets["Critères"].column_dimensions["B"].width = 70
    return buffer.getvalue()


def to_json(result) -> str:
    data = {
        "tool": {"name": "contratvie", "version": __version__},
        "summary": summary(result),
        "criteria": [{"id": c.id, "title": c.title, "weight": c.weight} for c in result.criteria],
        "contracts": [
            {"path": r.path, "report": r.report_html, "status": r.status, "title": r.title,
             "pages": r.pages, "score": r.score, "levels": r.levels, "error": r.error,
             "unreadable_pages": r.unreadable, "cached": r.cached}
            for r in result.rows
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def summary(result) -> dict:
    scores = [r.score for r in result.rows if r.status == AUDITED and r.score is not None]
    return {
        "files": len(result.rows),
        "audited": result.audited,
        "cached": result.cached,
        "failed": len(result.failed),
        "interrupted": result.interrupted,
        "pages_read": result.pages,
        "seconds": round(result.seconds, 2),
        "jobs": result.jobs,
        "worker_peak_mb": round(result.worker_peak_mb, 1),
        "mean_score": round(statistics.fmean(scores), 1) if scores else None,
        "median_score": round(statistics.median(scores), 1) if scores else None,
    }


def write_all(result) -> list[Path]:
    """synthese.csv, .xlsx, .html and .json in the batch's output folder, each atomically."""
    df = frame(result.rows, result.criteria)
    outputs = {
        "synthese.csv": to_csv(df),
        "synthese.xlsx": to_xlsx(df, result.criteria),
        "synthese.html": dashboard(result),
        "synthese.json": to_json(result),
    }
    paths = []
    for name, data in outputs.items():
        path = Path(result.outdir) / name
        write_atomic(path, data)
        paths.append(path)
    return paths


# ---------------------------------------------------------------- HTML dashboard

def _number(value: float | None) -> str:
    return "–" if value is None else number(value)


def missing_counts(rows: list[ContractRow], criteria: list[CriterionInfo]) -> list[dict]:
    """Per criterion, how many audited contracts have it absent, and below « engagé »."""
    audited = [r for r in rows if r.status == AUDITED]
    counts = []
    for criterion in criteria:
        levels = [r.levels[criterion.id] for r in audited if criterion.id in r.levels]
        counts.append({"criterion": criterion, "absent": sum(1 for lv in levels if lv == 0),
                       "below": sum(1 for lv in levels if lv < 3), "total": len(levels)})
    return sorted(counts, key=lambda c: (-c["absent"], -c["below"], c["criterion"].id))


def score_bins(scores: list[float]) -> list[int]:
    """Ten bins of ten points; 100 goes in the last one."""
    bins = [0] * 10
    for score in scores:
        bins[min(int(score // 10), 9)] += 1
    return bins


def _heatmap(rows: list[ContractRow], criteria: list[CriterionInfo]) -> str:
    head = "".join(f'<th title="{escape(c.title)}">{escape(c.id)}</th>' for c in criteria)
    lines = []
    for row in rows:
        name = escape(row.path)
        if row.report_html:
            name = f'<a href="{escape(quote(row.report_html))}">{name}</a>'
        title = f'<div class="titre">{escape(row.title)}</div>' if row.title else ""
        cells = []
        for criterion in criteria:
            level = row.levels.get(criterion.id)
            if level is None:
                cells.append('<td class="vide">–</td>')
            else:
                label = escape(f"{criterion.id} : {LEVEL_LABELS.get(level, level)}")
                cells.append(f'<td class="n{level}" title="{label}">{level}</td>')
        score = _number(row.score) if row.status == AUDITED else escape(row.status)
        lines.append(f'<tr><th class="doc">{name}{title}</th>{"".join(cells)}'
                     f'<td class="score">{score}</td></tr>')
    return (f'<table class="heatmap"><thead><tr><th>Contrat</th>{head}<th>Score</th></tr></thead>'
            f'<tbody>{"".join(lines)}</tbody></table>')


def _missing_chart(counts: list[dict]) -> str:
    width, bar_h, gap, left = 600, 22, 8, 280
    total = max([c["total"] for c in counts] + [1])
    height = len(counts) * (bar_h + gap) + gap
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-label="Critères les plus souvent absents">']
    for i, count in enumerate(counts):
        y = gap + i * (bar_h + gap)
        scale = (width - left - 60) / total
        below_w, absent_w = count["below"] * scale, count["absent"] * scale
        label = escape(f'{count["criterion"].id} {count["criterion"].title}')
        name = f'{count["criterion"].id} {count["criterion"].title}'
        short = escape(name if len(name) <= 40 else name[:39] + "…")
        parts.append(
            f'<g><title>{label} : absent dans {count["absent"]} contrat(s), non engagé dans '
            f'{count["below"]} sur {count["total"]}</title>'
            f'<text x="0" y="{y + 15}" font-size="12">{short}</text>'
            f'<rect x="{left}" y="{y}" width="{below_w:.1f}" height="{bar_h}" fill="{LEVEL_COLOURS[1]}"/>'
            f'<rect x="{left}" y="{y}" width="{absent_w:.1f}" height="{bar_h}" fill="{LEVEL_COLOURS[0]}"/>'
            f'<text x="{left + below_w + 6:.1f}" y="{y + 15}" font-size="12">'
            f'{count["absent"]} / {count["below"]}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _histogram(scores: list[float]) -> str:
    bins = score_bins(scores)
    width, height, bottom, left = 560, 200, 30, 30
    peak = max(bins + [1])
    bar_w = (width - left - 15) / 10
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-label="Distribution des scores">']
    for i, count in enumerate(bins):
        h = (height - bottom - 20) * count / peak
        x = left + i * bar_w
        y = height - bottom - h
        parts.append(
            f'<g><title>{i * 10}–{i * 10 + 10} : {count} contrat(s)</title>'
            f'<rect x="{x + 2:.1f}" y="{y:.1f}" width="{bar_w - 4:.1f}" height="{h:.1f}" fill="#3f6fb5"/>'
            + (f'<text x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" font-size="12" text-anchor="middle">{count}</text>'
               if count else "")
            + f'<text x="{x:.1f}" y="{height - bottom + 16}" font-size="11" '
              f'text-anchor="middle">{i * 10}</text></g>'
        )
    parts.append(f'<text x="{left + 10 * bar_w:.1f}" y="{height - bottom + 16}" font-size="11" '
                 f'text-anchor="middle">100</text>')
    parts.append(f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" stroke="#555"/>')
    parts.append("</svg>")
    return "".join(parts)


def _failures(rows: list[ContractRow]) -> str:
    failed = [r for r in rows if r.status != AUDITED]
    if not failed:
        return ""
    lines = "".join(f"<tr><td>{escape(r.path)}</td><td>{escape(r.status)}</td><td>{escape(r.error)}</td></tr>"
                    for r in failed)
    return (f'<section><h2>Fichiers non audités ({len(failed)})</h2><table class="liste">'
            f"<thead><tr><th>Fichier</th><th>Statut</th><th>Raison</th></tr></thead>"
            f"<tbody>{lines}</tbody></table></section>")


def _legend() -> str:
    items = "".join(f'<span class="n{n}">{n}</span> {escape(label)} ' for n, label in LEVEL_LABELS.items())
    return f'<p class="legende">Niveaux : {items}</p>'


CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:2em;color:#222;max-width:1200px}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}
.chiffres{display:flex;gap:1.5em;flex-wrap:wrap}.chiffres div{background:#f3f5f8;padding:.6em 1em;border-radius:6px}
.chiffres b{display:block;font-size:1.4em}
table{border-collapse:collapse;font-size:.9em}th,td{padding:.3em .5em;border:1px solid #ddd}
.heatmap td{text-align:center;min-width:2.4em;font-weight:bold}
.heatmap th.doc{text-align:left;font-weight:normal;max-width:28em;overflow-wrap:anywhere}
.titre{font-size:.8em;color:#666}
.n0{background:#d7301f;color:#fff}.n1{background:#fc8d59}.n2{background:#fdcc8a}.n3{background:#1a9850;color:#fff}
.vide{color:#999;background:#f4f4f4}.score{font-variant-numeric:tabular-nums}
.legende span{display:inline-block;width:1.6em;text-align:center;font-weight:bold;border-radius:3px}
.liste td{vertical-align:top;overflow-wrap:anywhere}
@media print{body{margin:1cm}a{color:inherit;text-decoration:none}}
"""


def dashboard(result) -> str:
    rows, criteria = result.rows, result.criteria
    info = summary(result)
    scores = [r.score for r in rows if r.status == AUDITED and r.score is not None]
    figures = (
        f'<div><b>{info["files"]}</b>contrats</div>'
        f'<div><b>{info["files"] - info["failed"]}</b>audités</div>'
        f'<div><b>{info["failed"]}</b>en échec ou non traités</div>'
        f'<div><b>{_number(info["mean_score"])}</b>score moyen</div>'
        f'<div><b>{_number(info["median_score"])}</b>score médian</div>'
    )
    interrupted = ('<p><strong>Lot interrompu : seuls les contrats terminés figurent dans cette '
                   'synthèse.</strong></p>' if result.interrupted else "")
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">{CSP}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Synthèse des audits – contratvie</title><style>{CSS}</style></head>
<body>
<h1>Synthèse des audits : la vie associative dans {info["files"]} contrat(s)</h1>
{interrupted}<div class="chiffres">{figures}</div>
<section><h2>Niveau de chaque critère, par contrat</h2>{_legend()}{_heatmap(rows, criteria)}</section>
<section><h2>Critères les plus souvent absents</h2>
<p>Barre rouge : nombre de contrats où le critère est absent ; barre orange : nombre de contrats
où il n'atteint pas le niveau « engagé ».</p>{_missing_chart(missing_counts(rows, criteria))}</section>
<section><h2>Distribution des scores</h2>{_histogram(scores)}</section>
{_failures(rows)}
<p class="titre">Produit par contratvie {escape(__version__)}.</p>
</body></html>
"""
