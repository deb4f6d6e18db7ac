"""Loading a rule set: the rule files, the shared pattern files, user extensions, a version."""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

import contratvie
from contratvie.engine.schema import Changes, Rule
from contratvie.engine.yamlfile import field_name, line_of, read_yaml
from contratvie.errors import ContratvieError, RuleError

# The series of the shipped rules; the version adds a digest of the content actually loaded.
RULES_SERIES = "2026.11"
# Bump when matching changes in a way that alters results for the same rule files.
ENGINE_REVISION = "8"


def shipped_rules_dir() -> Path:
    """rules/ of the source tree (editable install) or contratvie/rules_data (wheel)."""
    package = Path(contratvie.__file__).resolve().parent
    for candidate in (package / "rules_data", package.parents[1] / "rules"):
        if (candidate / "_markers.yaml").exists():
            return candidate
    raise ContratvieError("les règles fournies sont introuvables : réinstallez contratvie (make install).")


@dataclass
class RuleSet:
    rules: list[Rule]
    directory: Path
    markers: dict[str, Any]
    qualifiers: dict[str, Any]
    version: str
    sources: dict[str, Path] = field(default_factory=dict)  # rule id -> file
    _compiled: Any = None  # engine structures, built on first evaluation

    def get(self, id_or_key: str) -> Rule:
        wanted = id_or_key.strip()
        for rule in self.rules:
            if wanted.upper() == rule.id or wanted.lower() == rule.key:
                return rule
        raise ContratvieError(f"critère inconnu « {wanted} » ; critères possibles : {self.listing()}.")

    def listing(self) -> str:
        return ", ".join(f"{r.id} ({r.key})" for r in self.rules) or "aucun"

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self.rules]


def _rule_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.y*ml") if not p.name.startswith("_"))


def _validate(model, data: Any, path: Path, node) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        loc = tuple(first["loc"])
        raise RuleError(str(path), _french(first), line=line_of(node, loc), field=field_name(loc)) from None


def _french(err: dict) -> str:
    kind, msg = err.get("type", ""), err.get("msg", "")
    if kind == "missing":
        return "champ obligatoire absent."
    if kind == "extra_forbidden":
        return "champ inconnu."
    if kind in ("string_type", "str_type"):
        return "texte attendu."
    if kind in ("list_type",):
        return "liste attendue."
    if kind in ("int_type", "int_parsing"):
        return "nombre entier attendu."
    if kind == "too_short":
        return "liste vide ou trop courte."
    if kind.startswith("greater_than") or kind.startswith("less_than"):
        return f"valeur hors limites ({msg})."
    if kind == "string_pattern_mismatch":
        return f"forme invalide ({msg})."
    if kind == "value_error":
        return msg.removeprefix("Value error, ") + "."
    return f"valeur invalide ({msg})."


def _merge(base: dict, extension: dict, path: Path, node) -> dict:
    """A user rule `extends: VA04` with optional `add:` / `remove:` and overridden fields."""
    merged = copy.deepcopy(base)
    for key, value in extension.items():
        if key not in ("extends", "add", "remove"):
            merged[key] = value
    merged.pop("extends", None)
    for action in ("add", "remove"):
        changes = extension.get(action)
        if changes is None:
            continue
        checked = _validate(Changes, changes, path, _child(node, action))
        for name in checked.model_fields_set:
            items = changes.get(name) or []
            current = merged.setdefault(name, [])
            if action == "add":
                current.extend(i for i in items if i not in current)
            else:
                merged[name] = [i for i in current if i not in items]
    return merged


def _child(node, key: str):
    import yaml

    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key:
                return v
    return node


def _read_rule_data(directory: Path) -> list[tuple[dict, Path, Any]]:
    entries = []
    for path in _rule_files(directory):
        data, node = read_yaml(path)
        if not isinstance(data, dict):
            raise RuleError(str(path), "le fichier doit décrire une règle (un dictionnaire YAML).", line=1)
        entries.append((data, path, node))
    return entries


def _shared(directory: Path, name: str) -> tuple[dict, Path]:
    path = directory / name
    if not path.exists():
        path = shipped_rules_dir() / name
    data, _ = read_yaml(path)
    if not isinstance(data, dict):
        raise RuleError(str(path), "dictionnaire YAML attendu.", line=1)
    return data, path


def load_rules(rules_dir: Path | None = None, select: list[str] | None = None,
               ignore: list[str] | None = None) -> RuleSet:
    """Load, extend and validate the rules of `rules_dir` (default: the shipped ones)."""
    shipped = shipped_rules_dir()
    directory = Path(rules_dir) if rules_dir is not None else shipped
    if not directory.is_dir():
        raise ContratvieError(f"{directory} : dossier de règles introuvable.")
    entries = _read_rule_data(directory)
    if not entries:
        raise ContratvieError(f"{directory} : aucun fichier de règle (.yaml) dans ce dossier.")
    base_data: dict[str, dict] | None = None
    rules, sources, raw = [], {}, {}
    for data, path, node in entries:
        if data.get("extends"):
            if base_data is None:
                base_data = {d.get("id"): d for d, _, _ in _read_rule_data(shipped)}
            parent = base_data.get(str(data["extends"]).upper())
            if parent is None:
                raise RuleError(str(path), f"la règle étendue « {data['extends']} » n'existe pas parmi les règles fournies "
                                f"({', '.join(sorted(k for k in base_data if k))}).",
                                line=line_of(node, ("extends",)), field="extends")
            data = _merge(parent, data, path, node)
        rule = _validate(Rule, data, path, node)
        if rule.id in sources:
            raise RuleError(str(path), f"identifiant {rule.id} déjà utilisé par {sources[rule.id].name}.",
                            line=line_of(node, ("id",)), field="id")
        rules.append(rule)
        sources[rule.id] = path
        raw[rule.id] = rule.model_dump(mode="json")
    rules.sort(key=lambda r: r.id)
    markers, _ = _shared(directory, "_markers.yaml")
    qualifiers, _ = _shared(directory, "_qualifiers.yaml")
    digest = hashlib.sha256(json.dumps(
        {"rules": raw, "markers": markers, "qualifiers": qualifiers, "engine": ENGINE_REVISION},
        sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()[:8]
    ruleset = RuleSet(rules, directory, markers, qualifiers, f"{RULES_SERIES}+{digest}", sources)
    return _filter(ruleset, select, ignore)


def _filter(ruleset: RuleSet, select: list[str] | None, ignore: list[str] | None) -> RuleSet:
    if not select and not ignore:
        return ruleset
    chosen = {ruleset.get(s).id for s in select} if select else set(ruleset.ids)
    dropped = {ruleset.get(s).id for s in ignore} if ignore else set()
    kept = [r for r in ruleset.rules if r.id in chosen - dropped]
    if not kept:
        raise ContratvieError("aucun critère à évaluer après --select / --ignore.")
    # The version stays that of the whole set: a selection evaluates the same rules.
    return RuleSet(kept, ruleset.directory, ruleset.markers, ruleset.qualifiers, ruleset.version,
                   {k: v for k, v in ruleset.sources.items() if k in {r.id for r in kept}})
