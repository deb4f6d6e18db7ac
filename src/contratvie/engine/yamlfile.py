"""Reading YAML files so that errors can name the line of the field at fault."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from contratvie.errors import RuleError


# PyYAML's usual problems, in French (first match wins: a prefix of the problem, or of its
# context when the problem says nothing more precise).
_PROBLEMS = (
    ("mapping values are not allowed", "deux-points « : » inattendu ; mettez la valeur entre guillemets "
                                       "ou corrigez l'indentation"),
    ("could not find expected ':'", "deux-points « : » attendu après la clé"),
    ("did not find expected key", "clé attendue à cet endroit : indentation incohérente ou guillemet en trop"),
    ("did not find expected '-' indicator", "tiret « - » attendu : élément de liste mal aligné"),
    ("did not find expected node content", "valeur attendue après « - » ou « : »"),
    ("expected <block end>", "indentation incohérente"),
    ("found a tab character", "tabulation dans l'indentation : indentez avec des espaces"),
    ("found character '\\t'", "tabulation interdite à cet endroit : indentez avec des espaces"),
    ("found character", "caractère « {char} » interdit en début de valeur : mettez la valeur entre guillemets"),
    ("found unexpected end of stream", "fin de fichier inattendue : guillemet ou crochet non fermé"),
    ("found unknown escape character", "séquence d'échappement inconnue dans une chaîne entre guillemets "
                                       "(écrivez \\\\ ou utilisez des apostrophes)"),
    ("expected ',' or ']'", "virgule ou « ] » attendu dans la liste entre crochets"),
    ("expected ',' or '}'", "virgule ou « } » attendu dans le dictionnaire entre accolades"),
    ("found undefined alias", "alias (*nom) non défini"),
    ("found duplicate anchor", "ancre (&nom) définie deux fois"),
    ("found unhashable key", "clé invalide (une liste ou un dictionnaire ne peut pas servir de clé)"),
    ("while scanning a quoted scalar", "guillemet non fermé"),
    ("while scanning a simple key", "deux-points « : » attendu après la clé"),
)


def french_problem(problem: str | None, context: str | None = None) -> str:
    """PyYAML's problem in French; "syntaxe YAML invalide" when it is not a usual one."""
    for text in (problem, context):
        for english, french in _PROBLEMS:
            if text and text.startswith(english):
                char = re.search(r"'(.+?)'", text)
                return french.format(char=char.group(1) if char else "?")
    return "syntaxe YAML invalide"


def read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    """The data of a YAML file and its node tree (for line numbers). Raises RuleError."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RuleError(str(path), "le fichier n'est pas en UTF-8.") from None
    except OSError as error:
        raise RuleError(str(path), f"lecture impossible ({error.strerror or error}).") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = french_problem(error.problem, error.context)
        raise RuleError(str(path), f"YAML invalide ({problem}).", line=line) from None
    except yaml.YAMLError:
        raise RuleError(str(path), "YAML invalide (syntaxe YAML invalide).") from None
    return data, node


def line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the deepest node reachable along `loc` (a pydantic error location)."""
    best = node.start_mark.line + 1 if node is not None else None
    for step in loc:
        if isinstance(node, yaml.MappingNode):
            found = None
            for key_node, value_node in node.value:
                if str(key_node.value) == str(step):
                    found = value_node
                    best = key_node.start_mark.line + 1
                    break
            if found is None:
                return best
            node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if step >= len(node.value):
                return best
            node = node.value[step]
            best = node.start_mark.line + 1
        else:
            return best
    return best


def field_name(loc: tuple[Any, ...]) -> str:
    """`subject[2].all` style name of a pydantic error location."""
    name = ""
    for step in loc:
        if isinstance(step, int):
            name += f"[{step}]"
        elif step in ("str", "CoOccurrence", "list[list[str]]"):
            continue  # union branch names pydantic inserts, not fields of the file
        else:
            name += ("." if name else "") + str(step)
    return name or "(racine)"
