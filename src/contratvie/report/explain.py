"""`contratvie explain`, `rules list` and `rules show`: rules presented for people (French).

Rules may come from a consultant's own folder: their text is printed through Text objects,
never as rich markup.
"""

from __future__ import annotations

import re

import yaml
from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from contratvie.audit import LEVEL_LABELS, QUALIFIER_LABELS
from contratvie.engine.schema import CoOccurrence, Rule
from contratvie.report import common
from contratvie.report.terminal import LEVEL_STYLES, print_parts, stdout_console

_EV = re.compile(r"<ev\b([^>]*)>(.*?)</ev>", re.S)
_ATTR = re.compile(r"(\w+)\s*=\s*\"?([^\s\">]+)\"?")


def parse_example(example: str) -> tuple[str, str, dict[str, str]]:
    """'a <ev level=3>b</ev> c' -> ('a ', 'b', ' c'), {'level': '3'}; no <ev>: ('a c', '', '')."""
    match = _EV.search(example)
    if not match:
        return (example, "", ""), {}
    return (example[: match.start()], match.group(2), example[match.end():]), dict(_ATTR.findall(match.group(1)))


def example_text(example: str) -> Text:
    """One example: its verdict (expected level, or "ne doit pas compter"), the sentence with the
    marked span in brackets and bold, so that it reads without colour too."""
    (before, span, after), attrs = parse_example(example)
    level = int(attrs["level"]) if attrs.get("level", "").isdigit() else None
    qualifiers = [q for q in attrs.get("qualifiers", "").split(",") if q]
    if level is None:
        verdict = Text("✗ ne doit pas compter", style="red")
    elif level == 0:
        why = ", ".join(QUALIFIER_LABELS.get(q, q) for q in qualifiers)
        verdict = Text(f"✗ trouvé mais écarté{f' ({why})' if why else ''}", style="red")
    else:
        verdict = Text(f"✓ niveau {common.level_text(level)}", style=LEVEL_STYLES.get(level, ""))
    if attrs.get("kind") == "table":
        verdict = Text.assemble(verdict, (" · ligne de tableau", "dim"))
    sentence = Text("« ") + Text(common.clean(before, strip=False).lstrip())
    if span:
        sentence += Text("[", style="bold") + Text(common.clean(span), style="bold underline") + Text("]", style="bold")
    sentence += Text(common.clean(after, strip=False).rstrip()) + Text(" »")
    return Text.assemble(verdict, "\n", sentence)


def term_text(entry: str | CoOccurrence) -> str:
    if isinstance(entry, CoOccurrence):
        groups = " + ".join("(" + " | ".join(group) + ")" for group in entry.all)
        return f"dans une même phrase, un terme de chaque groupe : {groups}"
    return entry


def section(title: str, body: RenderableType | str) -> RenderableType:
    content = Text(common.clean(body)) if isinstance(body, str) else body
    return Group(Text(title, style="bold underline"), Padding(content, (0, 0, 1, 2), expand=False))


def levels_table(rule: Rule) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column()
    table.add_row(Text("0 absent", style=LEVEL_STYLES[0]),
                  Text("aucune preuve qui compte dans le texte du contrat (le sommaire, le glossaire, les "
                       "en-têtes, les signatures et les phrases niées, hypothétiques ou passées ne comptent pas)."))
    for level in (1, 2, 3):
        table.add_row(Text(f"{level} {LEVEL_LABELS[level]}", style=LEVEL_STYLES[level]),
                      Text(common.clean(rule.levels.get(level, ""))))
    return table


def terms_table(rule: Rule) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, style="bold")
    table.add_column()
    simple = [t for t in rule.subject if not isinstance(t, CoOccurrence)]
    table.add_row("Sujet", Text(common.clean(", ".join(simple))) if simple else Text("—"))
    for entry in rule.subject:
        if isinstance(entry, CoOccurrence):
            table.add_row("", Text(common.clean("ou " + term_text(entry))))
    table.add_row("Actions", Text(common.clean(", ".join(rule.actions))))
    if rule.exclude:
        table.add_row("Exclus", Text(common.clean(", ".join(rule.exclude))))
    if rule.off_topic:
        table.add_row("Hors sujet", Text(common.clean(", ".join(rule.off_topic))))
    table.add_row("Où", Text(", ".join(common.kind_label(k) for k in rule.kinds)))
    return table


TERMS_NOTE = ("Sujet : nomme le critère (niveau 1). Actions : avec le sujet dans la même phrase, décrivent "
              "une orientation (niveau 2). Exclus : expressions qui ne sont pas le sujet. Hors sujet : "
              "mots d'un autre domaine qui annulent une cooccurrence. Chaque mot vaut pour ses formes "
              "(pluriel, féminin, accents, casse) ; un sigle en capitales vaut tel quel.")


def explanation(rule: Rule) -> list[RenderableType]:
    head = Text.assemble((f"{rule.id} · {rule.key}", "bold"), " — ", (common.clean(rule.title), "bold"),
                         (f" (poids {rule.weight})", "dim"))
    parts: list[RenderableType] = [head, Text("")]
    parts.append(section("Ce que le critère vérifie", rule.description))
    parts.append(section("Pourquoi c'est important", rule.why))
    parts.append(section("Ce que les contrats écrivent trop souvent", rule.anti_pattern))
    parts.append(section("Ce qu'écrit un bon contrat", rule.best_practice))
    parts.append(section("Ce qui fait chaque niveau", levels_table(rule)))
    parts.append(section("Termes recherchés", Group(terms_table(rule), Text(TERMS_NOTE, style="dim"))))
    parts.append(section("Recommandation en cas de manque", rule.recommendation))
    parts.append(section("Proposition de rédaction", Text(common.clean(rule.model_clause), style="italic")))
    if rule.examples:
        examples = Group(*[Padding(example_text(x), (0, 0, 1, 0), expand=False) for x in rule.examples])
        parts.append(section(f"Exemples ({len(rule.examples)})", examples))
    return parts


def show(rule: Rule, console: Console | None = None) -> None:
    """`contratvie explain VA05`."""
    print_parts(explanation(rule), console or stdout_console())


def show_list(ruleset, console: Console | None = None) -> None:
    """`contratvie rules list`: id, key, weight, title."""
    console = console or stdout_console()
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("Id", no_wrap=True, style="bold")
    table.add_column("Clé", no_wrap=True)
    table.add_column("Poids", justify="right", no_wrap=True)
    table.add_column("Titre")
    for rule in ruleset.rules:
        table.add_row(rule.id, Text(rule.key), str(rule.weight), Text(common.clean(rule.title)))
    where, version = ruleset.directory, ruleset.version
    note = f"{len(ruleset.rules)} critère(s)" + (f", règles lues dans {where}" if where else "")
    print_parts([table, Text(note + (f" (version {version})" if version else "") + ".", style="dim")], console)


class _RuleDumper(yaml.SafeDumper):
    """Long French sentences as folded blocks: no quotes, no doubled apostrophes."""


def _represent_str(dumper: yaml.SafeDumper, value: str):
    style = ">" if len(value) > 70 and "\n" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_RuleDumper.add_representer(str, _represent_str)


def rule_yaml(rule: Rule) -> str:
    data = rule.model_dump(exclude_none=True)
    return yaml.dump(data, Dumper=_RuleDumper, allow_unicode=True, sort_keys=False, width=96,
                     default_flow_style=False)


def show_rule(rule: Rule, console: Console | None = None) -> None:
    """`contratvie rules show VA04`: the rule as loaded (after `extends`), in YAML."""
    head = Text(f"# {rule.id} — {common.clean(rule.title)}, telle que chargée", style="dim")
    print_parts([head, Text(rule_yaml(rule).rstrip("\n"))], console or stdout_console(), soft_wrap=True)
