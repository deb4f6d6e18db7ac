"""Reports of an Audit: terminal, JSON, Markdown, HTML, CSV and XLSX.

`render` turns an Audit into the text (or bytes) of one format; `emit` sends it where the user
asked: stdout for text formats, or a file written atomically with `-o`.
"""

from __future__ import annotations

from pathlib import Path

from contratvie.audit import Audit
from contratvie.errors import ContratvieError
from contratvie.report.files import announce, write_atomic, write_output

FORMATS = ("terminal", "json", "markdown", "html", "csv", "xlsx")
BINARY = ("xlsx",)
NAMES = {"terminal": "texte", "json": "JSON", "markdown": "Markdown", "html": "HTML", "csv": "CSV",
         "xlsx": "Excel"}


def render(audit: Audit, fmt: str, *, verbose: bool = False, quiet: bool = False) -> str | bytes:
    """The report in one format: str for text formats, bytes for xlsx. Terminal is plain text."""
    if fmt == "terminal":
        from contratvie.report import terminal
        return terminal.render_text(audit, verbose=verbose, quiet=quiet)
    if fmt == "json":
        from contratvie.report import json_report
        return json_report.render(audit)
    if fmt == "markdown":
        from contratvie.report import markdown
        return markdown.render(audit, verbose=verbose)
    if fmt == "html":
        from contratvie.report import html
        return html.render(audit)
    if fmt == "csv":
        from contratvie.report import tables
        return tables.to_csv(audit)
    if fmt == "xlsx":
        from contratvie.report import tables
        return tables.to_xlsx(audit)
    raise ContratvieError(f"format inconnu « {fmt} » ; formats possibles : {', '.join(FORMATS)}.")


def emit(audit: Audit, fmt: str, output: Path | None, *, verbose: bool = False, quiet: bool = False) -> None:
    """Print the report, or write it to `output` atomically (then say so on stderr unless quiet)."""
    if output is None:
        if fmt == "terminal":
            from contratvie.report import terminal
            terminal.print_report(audit, terminal.stdout_console(), verbose=verbose, quiet=quiet)
            return
        if fmt in BINARY:
            raise ContratvieError(
                f"le format {fmt} est binaire : indiquez un fichier de sortie avec -o (ex. -o rapport.{fmt})."
            )
    data = render(audit, fmt, verbose=verbose, quiet=quiet)
    if output is None:
        write_output(data, None)
        return
    if fmt == "csv":
        data = "\ufeff" + data  # the BOM makes Excel read the file as UTF-8
    write_atomic(output, data)
    if not quiet:
        from contratvie.report.common import score_text
        announce(f"Rapport {NAMES.get(fmt, fmt)} écrit dans {output} (score {score_text(audit)}).")
