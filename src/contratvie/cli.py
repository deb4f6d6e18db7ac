"""The command line: a thin typer layer over ingest, engine, report, batch and compare.

Everything printed for the user is French. Errors a user can act on (ContratvieError) give one
line on stderr and exit code 2; tracebacks never show, and never with local variables (they would
leak contract text).
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from typer._click.utils import PacifyFlushWrapper

from contratvie import cli_french
from contratvie.errors import ContratvieError

cli_french.install()

# A closed pipe (`contratvie audit x.pdf | head -3`) ends the command quietly with 141 = 128 +
# SIGPIPE, what a shell shows for `cat` or `grep` stopped the same way. Not 0: the reader saw
# neither the whole report nor a --fail-under verdict; not 1 (below --fail-under) nor 2 (unusable
# input).
CLOSED_PIPE = 141


def _pipe_closed(console: Console) -> None:
    """rich, on a closed pipe, exits with code 1 itself: hand the error back instead, so that it
    ends like a plain write to a closed pipe (typer's handling, then `main`)."""
    raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


Console.on_broken_pipe = _pipe_closed

app = typer.Typer(
    name="contratvie",
    help="Audit des contrats de ville : comment soutiennent-ils la vie associative ?",
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
)
rules_app = typer.Typer(help="Lister, afficher et vérifier les règles.", no_args_is_help=True,
                        subcommand_metavar="COMMANDE [ARGUMENTS]...")
app.add_typer(rules_app, name="rules")

# Options shared by several commands.
RulesOpt = typer.Option(None, "--rules", exists=True, file_okay=False, metavar="DOSSIER",
                        help="Dossier de règles à utiliser à la place des règles fournies.")
SelectOpt = typer.Option(None, "--select", metavar="CRITÈRES", help="Critères à évaluer, séparés par des virgules (ex. VA02,VA04).")
IgnoreOpt = typer.Option(None, "--ignore", metavar="CRITÈRES", help="Critères à ne pas évaluer (ex. VA08).")
PasswordOpt = typer.Option(None, "--password", metavar="MOT_DE_PASSE", help="Mot de passe du PDF, s'il est protégé.")
OcrOpt = typer.Option(False, "--ocr", help="Reconnaître le texte des pages scannées (Tesseract).")
FailUnderOpt = typer.Option(None, "--fail-under", metavar="SCORE", help="Code de sortie 1 si le score est inférieur à ce seuil.")
OutputOpt = typer.Option(None, "--output", "-o", metavar="FICHIER", help="Fichier de sortie (sinon la sortie standard).")


def show_version(asked: bool) -> None:
    if not asked:
        return
    from contratvie import __version__, engine

    typer.echo(f"contratvie {__version__} (règles {engine.load_rules(None).version})")
    raise typer.Exit()


@app.callback()
def options(version: bool = typer.Option(False, "--version", callback=show_version, is_eager=True,
                                         help="Afficher la version de contratvie et de ses règles, puis quitter.")):
    # Options of contratvie itself, before the command; the help text is the app's.
    pass


def err_console() -> Console:
    return Console(stderr=True)


def ocr_progress(enabled: bool):
    """Per-page progress on stderr while --ocr runs (a context manager yielding the callback)."""
    from contratvie.ingest.ocr import progress_display

    return progress_display(enabled)


def split_ids(value: Optional[str]) -> list[str] | None:
    if not value:
        return None
    return [v.strip() for v in value.split(",") if v.strip()]


FORMAT_ALIASES = {"md": "markdown", "text": "terminal", "xls": "xlsx"}


def check_format(fmt: str, allowed: tuple[str, ...]) -> str:
    """The name of the format asked for, among `allowed`, any case, aliases accepted."""
    wanted = fmt.strip().lower()
    for name in (wanted, FORMAT_ALIASES.get(wanted)):
        if name in allowed:
            return name
    raise ContratvieError(f"format inconnu « {fmt} » pour --format ; formats possibles : {', '.join(allowed)}.")


@app.command(short_help="Lire un document : pages, blocs, sections.")
def extract(
    file: Path = typer.Argument(..., metavar="FICHIER", help="Fichier à lire (PDF, DOCX, ODT, TXT, MD)."),
    format: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="text ou json."),
    output: Optional[Path] = OutputOpt,
    password: Optional[str] = PasswordOpt,
    ocr: bool = OcrOpt,
):
    """Lire un document et afficher ses blocs : page, type, section, texte."""
    from contratvie import ingest
    from contratvie.ingest import dump
    from contratvie.report.files import announce, check_output, write_output

    fmt = check_format(format, ("text", "json"))
    check_output(output, file)
    with ocr_progress(ocr) as progress:
        document = ingest.load(file, password=password, ocr=ocr, progress=progress)
    data = dump.to_json(document) if fmt == "json" else dump.to_text(document)
    write_output(data, output)
    if output is not None:
        announce(f"Extraction {'JSON' if fmt == 'json' else 'texte'} écrite dans {output} "
                 f"({pages_note(document)}).")


def pages_note(document) -> str:
    """ "12 pages, dont 2 illisibles"; "85 blocs" for formats without pages (.docx, .md...)."""
    if not document.paged:
        blocks = sum(1 for _ in document.blocks())
        return f"{blocks} bloc" + ("s" if blocks > 1 else "")
    total, unreadable = document.page_count, len(document.unreadable_pages)
    note = f"{total} page" + ("s" if total > 1 else "")
    if unreadable:
        note += f", dont {unreadable} illisible" + ("s" if unreadable > 1 else "")
    return note


@app.command(short_help="Auditer un contrat : niveaux, preuves, manques.")
def audit(
    file: Path = typer.Argument(..., metavar="FICHIER", help="Contrat à auditer (PDF, DOCX, ODT, TXT, MD)."),
    format: str = typer.Option("terminal", "--format", "-f", metavar="FORMAT",
                               help="terminal, json, markdown, html, csv ou xlsx."),
    output: Optional[Path] = OutputOpt,
    select: Optional[str] = SelectOpt,
    ignore: Optional[str] = IgnoreOpt,
    rules: Optional[Path] = RulesOpt,
    fail_under: Optional[float] = FailUnderOpt,
    password: Optional[str] = PasswordOpt,
    ocr: bool = OcrOpt,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Montrer chaque élément de preuve, ses qualificatifs et ses indices."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="N'afficher que la ligne du score."),
):
    """Auditer un contrat : niveau de chaque critère, preuves citées avec leur page, manques classés."""
    from contratvie import engine, ingest, report
    from contratvie.report.files import check_output

    fmt = check_format(format, report.FORMATS)
    check_output(output, file)
    ruleset = engine.load_rules(rules, select=split_ids(select), ignore=split_ids(ignore))
    with ocr_progress(ocr) as progress:
        document = ingest.load(file, password=password, ocr=ocr, progress=progress)
    result = engine.evaluate(document, ruleset)
    report.emit(result, fmt, output, verbose=verbose, quiet=quiet)
    if fail_under is not None and result.score < fail_under:
        raise typer.Exit(1)


@app.command(short_help="Expliquer un critère : ce qu'il vérifie, ses niveaux.")
def explain(
    criterion: str = typer.Argument(..., metavar="CRITÈRE", help="Identifiant ou clé du critère (ex. VA05 ou conseils-citoyens)."),
    rules: Optional[Path] = RulesOpt,
):
    """Expliquer un critère : ce qu'il vérifie, pourquoi, ce qui fait chaque niveau, ses termes, ses exemples."""
    from contratvie import engine
    from contratvie.report import explain as explain_report

    ruleset = engine.load_rules(rules)
    explain_report.show(ruleset.get(criterion))


@rules_app.command("list")
def rules_list(rules: Optional[Path] = RulesOpt):
    """Lister les critères : identifiant, clé, poids, titre."""
    from contratvie import engine
    from contratvie.report import explain as explain_report

    explain_report.show_list(engine.load_rules(rules))


@rules_app.command("show", short_help="Afficher une règle telle qu'elle est chargée.")
def rules_show(
    criterion: str = typer.Argument(..., metavar="CRITÈRE", help="Identifiant ou clé du critère."),
    rules: Optional[Path] = RulesOpt,
):
    """Afficher une règle telle qu'elle est chargée (après extension éventuelle)."""
    from contratvie import engine
    from contratvie.report import explain as explain_report

    explain_report.show_rule(engine.load_rules(rules).get(criterion))


@rules_app.command("check")
def rules_check(directory: Optional[Path] = typer.Argument(
        None, metavar="DOSSIER", exists=True, file_okay=False,
        help="Dossier de règles (par défaut, les règles fournies).")):
    """Valider les fichiers de règles puis exécuter leurs exemples."""
    from contratvie import engine

    failures = engine.check_rules(directory)
    console = Console()
    for failure in failures:
        console.print(failure, markup=False, highlight=False)
    if failures:
        console.print(f"{len(failures)} exemple(s) en échec.", markup=False)
        raise typer.Exit(1)
    console.print("Règles valides, tous les exemples passent.", markup=False)


@app.command(short_help="Auditer un ensemble de contrats, avec une synthèse.")
def batch(
    paths: list[Path] = typer.Argument(..., metavar="CHEMINS", help="Fichiers et dossiers (parcourus récursivement) à auditer."),
    output: Path = typer.Option(..., "--output", "-o", metavar="DOSSIER", help="Dossier où écrire les rapports et la synthèse."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, metavar="NOMBRE", help="Processus d'audit en parallèle (par défaut : le nombre de cœurs)."),
    timeout: float = typer.Option(120, "--timeout", metavar="SECONDES", help="Temps maximal par fichier, en secondes."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Tout réauditer, sans réutiliser les audits déjà faits."),
    select: Optional[str] = SelectOpt,
    ignore: Optional[str] = IgnoreOpt,
    rules: Optional[Path] = RulesOpt,
    fail_under: Optional[float] = FailUnderOpt,
    password: Optional[str] = PasswordOpt,
    ocr: bool = OcrOpt,
):
    """Auditer un ensemble de contrats : un rapport par contrat, synthèse CSV, XLSX et tableau de bord HTML."""
    from contratvie.batch import print_summary, run_batch

    result = run_batch(
        paths, output, jobs=jobs, timeout=timeout, rules_dir=rules, select=split_ids(select),
        ignore=split_ids(ignore), password=password, ocr=ocr, use_cache=not no_cache,
        console=err_console(),
    )
    print_summary(result, err_console(), fail_under)
    if result.interrupted:
        raise typer.Exit(130)
    if result.failed:
        raise typer.Exit(2)
    if fail_under is not None and result.below(fail_under):
        raise typer.Exit(1)


@app.command(short_help="Comparer deux versions d'un contrat.")
def compare(
    old: Path = typer.Argument(..., metavar="ANCIEN", help="Version de référence : document ou audit JSON (contratvie audit --format json)."),
    new: Path = typer.Argument(..., metavar="NOUVEAU", help="Nouvelle version : document ou audit JSON."),
    format: str = typer.Option("terminal", "--format", "-f", metavar="FORMAT", help="terminal, json, markdown ou html."),
    output: Optional[Path] = OutputOpt,
    select: Optional[str] = SelectOpt,
    ignore: Optional[str] = IgnoreOpt,
    rules: Optional[Path] = RulesOpt,
    fail_under: Optional[float] = FailUnderOpt,
    password: Optional[str] = PasswordOpt,
    ocr: bool = OcrOpt,
):
    """Comparer deux versions d'un contrat : niveaux avant → après, preuves apparues et disparues, écart de score."""
    from contratvie.compare import compare_paths
    from contratvie.report import comparison as comparison_report
    from contratvie.report.files import check_output

    fmt = check_format(format, comparison_report.FORMATS)
    check_output(output, old, new)
    result = compare_paths(old, new, rules_dir=rules, select=split_ids(select), ignore=split_ids(ignore),
                           password=password, ocr=ocr)
    comparison_report.emit(result, fmt, output)
    if fail_under is not None and result.after.score < fail_under:
        raise typer.Exit(1)


def main() -> None:
    """Entry point: turns known errors into one French line and exit code 2."""
    try:
        app(prog_name="contratvie")
    except SystemExit:
        if _output_closed():
            _leave_closed_pipe()
        raise
    except ContratvieError as error:
        from contratvie.text import strip_controls

        # The message may name a file whose name carries terminal escape sequences.
        _say(f"Erreur : {strip_controls(error.message)}")
        sys.exit(2)
    except KeyboardInterrupt:
        _say("Interrompu.")
        sys.exit(130)
    except OSError as error:  # e.g. the report sent to a full disk (`> /dev/full`)
        from contratvie.errors import os_reason
        from contratvie.text import strip_controls

        where = f"{strip_controls(str(error.filename))} : " if error.filename else ""
        _say(f"Erreur : {where}{os_reason(error)}.")
        sys.exit(2)
    except Exception as error:  # noqa: BLE001 - a bug must still not print contract text
        if os.environ.get("CONTRATVIE_DEBUG"):
            raise
        _say(f"Erreur inattendue ({type(error).__name__}). Relancez avec CONTRATVIE_DEBUG=1 pour le détail.")
        sys.exit(2)


def _say(message: str) -> None:
    """One line on stderr; nothing when stderr itself is a closed pipe (the exit code still tells)."""
    try:
        err_console().print(message, markup=False, highlight=False, soft_wrap=True)
    except BrokenPipeError:
        pass


def _output_closed() -> bool:
    """typer, on a write to a closed pipe, wraps the standard streams this way and exits with 1."""
    return isinstance(sys.stdout, PacifyFlushWrapper) or isinstance(sys.stderr, PacifyFlushWrapper)


def _leave_closed_pipe() -> None:
    # What is left in stdout's buffer would fail again at exit: send it to /dev/null.
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    sys.exit(CLOSED_PIPE)
