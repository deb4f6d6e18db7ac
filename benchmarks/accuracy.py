"""Accuracy of the audit against the gold annotations of samples/gold/*.yaml.

For every sample with a gold file, ingest the PDF, evaluate the rules and compare each criterion's
level with the expected one. Reports, per criterion and overall: exact agreement, agreement within
one level, precision and recall of "level >= 1" (the subject is there) and of "level 3" (engaged),
a 4x4 confusion matrix (rows: gold level, columns: tool level), and how often the tool's counting
evidence lies on a page of the deciding evidence.

    python benchmarks/accuracy.py [--samples DIR] [--rules DIR] [--json PATH] [--only PREFIX]

`--only blind-` measures only the samples whose file name starts with that prefix. Figures are
also given per subset: the blind held-out samples (`blind-*`, written without looking at the
rules; `heldout-*`, a second blind set, apart) and the development samples (written alongside
the rules), so that a perfect score on the latter is not mistaken for accuracy on real contracts.

`measure(samples_dir)` returns the same figures as a dict (used by tests/test_accuracy.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DEFAULT_JSON = ROOT / "benchmarks" / "_work" / "accuracy.json"
LEVELS = range(4)
BLIND_PREFIX = "blind-"
HELDOUT_PREFIX = "heldout-"  # second blind set, written later, measured apart from the first
BLIND3_PREFIX = "blind3-"  # third blind set, written while the rules were being improved
BLIND4_PREFIX = "blind4-"  # fourth blind set, written while the rules were being improved
BLIND5_PREFIX = "blind5-"  # fifth blind set, written while the rules were being improved
BLIND6_PREFIX = "blind6-"  # sixth blind set, written while the rules were being improved
BLIND7_PREFIX = "blind7-"  # seventh blind set, written while the rules were being improved


def gold_files(samples_dir: Path, only: str | None = None) -> list[tuple[dict, Path]]:
    """(gold, pdf path) for every gold file whose PDF exists (and whose name starts with `only`)."""
    pairs = []
    for path in sorted((samples_dir / "gold").glob("*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        pdf = samples_dir / gold["sample"]
        if pdf.exists() and (only is None or pdf.name.startswith(only)):
            pairs.append((gold, pdf))
    return pairs


# Blind sets by file-name prefix, each measured apart; none of these prefixes starts another.
SUBSETS = (
    (HELDOUT_PREFIX, "aveugles-2"), (BLIND3_PREFIX, "aveugles-3"), (BLIND4_PREFIX, "aveugles-4"),
    (BLIND5_PREFIX, "aveugles-5"), (BLIND6_PREFIX, "aveugles-6"), (BLIND7_PREFIX, "aveugles-7"),
    (BLIND_PREFIX, "aveugles"),
)


def subset_of(sample: str) -> str:
    return next((name for prefix, name in SUBSETS if sample.startswith(prefix)), "développement")


def predict(pdf: Path, ruleset) -> dict[str, dict]:
    """Level and counting-evidence pages per criterion, as the tool sees them."""
    from contratvie.engine import evaluate
    from contratvie.ingest import load

    audit = evaluate(load(pdf), ruleset)
    return {
        c.id: {"level": c.level,
               "pages": sorted({e.page for e in c.evidence if e.counts and e.page is not None})}
        for c in audit.criteria
    }


def ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def binary(pairs: list[tuple[int, int]], threshold: int) -> dict:
    """Precision and recall of 'level >= threshold', gold vs tool."""
    tp = sum(1 for g, p in pairs if g >= threshold and p >= threshold)
    fp = sum(1 for g, p in pairs if g < threshold and p >= threshold)
    fn = sum(1 for g, p in pairs if g >= threshold and p < threshold)
    return {"precision": ratio(tp, tp + fp), "recall": ratio(tp, tp + fn), "tp": tp, "fp": fp, "fn": fn}


def metrics(rows: list[dict]) -> dict:
    pairs = [(r["gold"], r["predicted"]) for r in rows]
    confusion = [[0] * 4 for _ in LEVELS]
    for g, p in pairs:
        confusion[g][p] += 1
    located = [r for r in rows if r["gold"] >= 1 and r["predicted"] >= 1 and r["gold_pages"]]
    return {
        "n": len(pairs),
        "exact": ratio(sum(g == p for g, p in pairs), len(pairs)),
        "within_one": ratio(sum(abs(g - p) <= 1 for g, p in pairs), len(pairs)),
        "presence": binary(pairs, 1),
        "engaged": binary(pairs, 3),
        "confusion": confusion,
        "page_hit": ratio(sum(1 for r in located if set(r["gold_pages"]) & set(r["tool_pages"])), len(located)),
    }


def measure(samples_dir: Path | str = SAMPLES, rules_dir: Path | str | None = None,
            only: str | None = None) -> dict:
    """Evaluate every sample with a gold file (names starting with `only`, when given); figures
    per criterion, per subset (blind / development) and overall."""
    from contratvie.engine import load_rules

    samples_dir = Path(samples_dir)
    ruleset = load_rules(Path(rules_dir) if rules_dir else None)
    rows: list[dict] = []
    samples = []
    for gold, pdf in gold_files(samples_dir, only):
        predicted = predict(pdf, ruleset)
        for crit, expected in gold["criteria"].items():
            tool = predicted.get(crit, {"level": 0, "pages": []})
            rows.append({"sample": pdf.name, "criterion": crit, "gold": expected["level"],
                         "predicted": tool["level"], "gold_pages": expected["pages"],
                         "trap_pages": expected.get("trap_pages", []), "tool_pages": tool["pages"],
                         "rule_missing": crit not in predicted, "why": expected.get("why", "")})
        samples.append({"sample": pdf.name, "pages": gold.get("pages")})
    criteria = sorted({r["criterion"] for r in rows})
    subsets = sorted({subset_of(r["sample"]) for r in rows})
    return {
        "samples": samples,
        "per_criterion": {c: metrics([r for r in rows if r["criterion"] == c]) for c in criteria},
        "per_subset": {s: metrics([r for r in rows if subset_of(r["sample"]) == s]) for s in subsets},
        "overall": metrics(rows),
        "missing_rules": sorted({r["criterion"] for r in rows if r["rule_missing"]}),
        "rows": rows,
    }


# --------------------------------------------------------------------------- printing

def pct(value: float | None) -> str:
    return "   —" if value is None else f"{100 * value:4.0f}"


def table(result: dict) -> str:
    head = f"{'critère':13} {'n':>3} {'exact':>5} {'±1':>5} {'P≥1':>5} {'R≥1':>5} {'P=3':>5} {'R=3':>5} {'page':>5}"
    lines = [head, "-" * len(head)]
    items = list(result["per_criterion"].items()) + [("global", result["overall"])]
    subsets = result.get("per_subset", {})
    if len(subsets) > 1:
        items += list(subsets.items())
    for name, m in items:
        if name in ("global", next(iter(subsets), None)):
            lines.append("-" * len(head))
        lines.append(f"{name:13} {m['n']:3} {pct(m['exact']):>5} {pct(m['within_one']):>5} "
                     f"{pct(m['presence']['precision']):>5} {pct(m['presence']['recall']):>5} "
                     f"{pct(m['engaged']['precision']):>5} {pct(m['engaged']['recall']):>5} "
                     f"{pct(m['page_hit']):>5}")
    return "\n".join(lines)


def confusion_text(confusion: list[list[int]]) -> str:
    lines = ["matrice de confusion (lignes : attendu, colonnes : outil)", "       " + "".join(f"{j:>5}" for j in LEVELS)]
    for i, row in enumerate(confusion):
        lines.append(f"  {i:>3}  " + "".join(f"{v:>5}" for v in row))
    return "\n".join(lines)


def disagreements(result: dict) -> str:
    lines = ["écarts (échantillon, critère : attendu → outil ; pages attendues / pages de l'outil)"]
    for r in result["rows"]:
        if r["gold"] != r["predicted"]:
            lines.append(f"  {r['sample']:32} {r['criterion']} : {r['gold']} → {r['predicted']} ; "
                         f"p. {r['gold_pages'] or '—'} / {r['tool_pages'] or '—'}")
    return "\n".join(lines)


def subset_confusions(result: dict) -> str:
    subsets = result.get("per_subset", {})
    if len(subsets) < 2:
        return ""
    return "\n\n".join(f"[{name}] " + confusion_text(m["confusion"]) for name, m in subsets.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mesure la justesse des niveaux sur les échantillons annotés.")
    parser.add_argument("--samples", type=Path, default=SAMPLES, help="dossier des échantillons (avec gold/)")
    parser.add_argument("--rules", type=Path, default=None, help="autre dossier de règles")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="fichier JSON des résultats")
    parser.add_argument("--only", metavar="PRÉFIXE", default=None,
                        help="ne mesurer que les échantillons dont le nom commence par PRÉFIXE (ex. blind-)")
    args = parser.parse_args(argv)
    result = measure(args.samples, args.rules, args.only)
    if not result["rows"]:
        where = f" commençant par {args.only!r}" if args.only else ""
        print(f"Aucun échantillon annoté{where} dans {args.samples}.", file=sys.stderr)
        return 2
    print(f"{len(result['samples'])} échantillons, {result['overall']['n']} couples (échantillon, critère)\n")
    print(table(result))
    print()
    print(confusion_text(result["overall"]["confusion"]))
    print()
    per_subset = subset_confusions(result)
    if per_subset:
        print(per_subset)
        print()
    print(disagreements(result))
    if result["missing_rules"]:
        print(f"\nrègles absentes (comptées au niveau 0) : {', '.join(result['missing_rules'])}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nJSON : {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
