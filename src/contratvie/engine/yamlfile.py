"""Reading YAML files so that errors can name the line of the field at fault."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from contratvie.errors import RuleError


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
        problem = error.problem or error.context or "syntaxe YAML invalide"
        raise RuleError(str(path), f"YAML invalide ({problem}).", line=line) from None
    except yaml.YAMLError as error:
        raise RuleError(str(path), f"YAML invalide ({error}).") from None
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
