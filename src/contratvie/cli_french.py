"""French for the words typer (and the click it bundles) prints itself: usage, help, usage errors.

typer ships its own copy of click (typer._click) whose strings are plain English literals, so we
patch the few places that print them: the usage prefix, the --help option's text, the section
titles, and usage errors (one French line, exit code 2, as for every unusable input).
"""

from __future__ import annotations

import re

import typer.core
from typer import _click
from typer._click import exceptions as click_exceptions
from typer._click.core import Command
from typer._click.formatting import HelpFormatter

from contratvie.text import strip_controls

SECTIONS = {
    "Arguments": "Arguments", "Options": "Options", "Commands": "Commandes",
    # No-break spaces around the colon (French puts a space before it): "[défaut : 120]" stays whole.
    "required": "obligatoire", "default: {default}": "défaut\u00a0:\u00a0{default}",
    "env var: {var}": "variable d'environnement\u00a0: {var}", "(dynamic)": "(dynamique)",
}

# English usage-error messages -> French, first match wins.
MESSAGES = [
    (r"Missing argument '(.+)'\.", r"argument manquant : '\1'."),
    (r"Missing option '(.+)'\.", r"option manquante : '\1'."),
    (r"Missing (?:parameter|argument|option):? ?(.*)", r"paramètre manquant \1"),
    (r"No such option: (.+?)(?: Did you mean (.+)\?)?$", r"option inconnue : \1"),
    (r"No such command '(.+?)'\.(?: Did you mean (.+)\?)?$", r"commande inconnue : '\1'."),
    (r"Got unexpected extra arguments? ?\(?s?\)? \((.+)\)", r"argument(s) en trop : \1"),
    (r"Got unexpected extra argument\(s\) \((.+)\)", r"argument(s) en trop : \1"),
    (r"Option '(.+)' requires (.+)", r"l'option '\1' attend une valeur."),
    (r"Option '(.+)' does not take a value\.", r"l'option '\1' ne prend pas de valeur."),
    (r"Invalid value for (.+?): (.+)", r"valeur invalide pour \1 : \2"),
    (r"Invalid value: (.+)", r"valeur invalide : \1"),
    (r"Missing command\.", r"commande manquante."),
]
VALUE_MESSAGES = [
    (r"\(Possible options: (.+)\)", r"(options proches : \1)"),
    (r"Input should be a valid number.*", "un nombre est attendu."),
    (r"Input should be a valid integer.*", "un nombre entier est attendu."),
    (r"'(.+)' is not a valid (float|integer)\.?", r"'\1' n'est pas un nombre valide."),
    (r"Path '(.+)' does not exist\.", r"le chemin '\1' n'existe pas."),
    # typer names a path parameter "dir", "file" or "path" in these.
    (r"(?i:dir|directory) '(.+)' does not exist\.", r"le dossier '\1' n'existe pas."),
    (r"(?i:dir|directory) '(.+)' is a file\.", r"'\1' est un fichier, pas un dossier."),
    (r"(?i:dir|directory) '(.+)' is not readable\.", r"le dossier '\1' n'est pas lisible."),
    (r"Input should be greater than or equal to (\S+)", r"la valeur doit être au moins \1."),
    (r"Input should be less than or equal to (\S+)", r"la valeur doit être au plus \1."),
]


def translate(message: str) -> str:
    for pattern, replacement in MESSAGES:
        if re.match(pattern, message):
            message = re.sub(pattern, replacement, message, count=1)
            break
    for pattern, replacement in VALUE_MESSAGES:
        message = re.sub(pattern, replacement, message)
    return message


def show_usage_error(self, file=None) -> None:
    """One French line, plus where to find help."""
    file = file or click_exceptions.get_text_stderr()
    hint = ""
    if self.ctx is not None:
        hint = f" (aide : {self.ctx.command_path} --help)"
    message = strip_controls(translate(self.format_message()))  # it may quote a file name
    _click.echo(f"Erreur : {message}{hint}", file=file)


def number_range(low, high) -> str | None:
    """ "≥ 1" rather than typer's "x>=1"."""
    if low is None and high is None:
        return None
    if low is None:
        return f"≤ {high}"
    return f"≥ {low}" if high is None else f"de {low} à {high}"


def argument_type(self, ctx) -> str | None:
    """An argument named in French (FICHIER, DOSSIER) needs no "<path>" after its name."""
    return None if self.metavar else original_argument_type(self, ctx)


def argument_usage(self) -> str:
    """FICHIER, [DOSSIER], CHEMINS... as click writes them (typer writes {FICHIER})."""
    name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
    return name + ("..." if self.nargs != 1 else "")


original_argument_type = typer.core.TyperArgument.display_type_rich


def install() -> None:
    original_usage = HelpFormatter.write_usage

    def write_usage(self, prog, args="", prefix=None):
        return original_usage(self, prog, args, "Utilisation : " if prefix is None else prefix)

    original_help_option = Command.get_help_option

    def get_help_option(self, ctx):
        option = original_help_option(self, ctx)
        if option is not None:
            option.help = "Afficher cette aide et quitter."
        return option

    HelpFormatter.write_usage = write_usage
    Command.get_help_option = get_help_option
    click_exceptions.UsageError.show = show_usage_error
    typer.core._ = lambda message: SECTIONS.get(message, message)
    typer.core.describe_number_range = number_range
    typer.core.TyperArgument.display_type_rich = argument_type
    typer.core.TyperArgument._usage_display_name = argument_usage
