"""Accuracy of the audit on the annotated samples, and the samples themselves.

The floors below are what the engine and rules reached, rounded down slightly: a change that
makes the grades worse on the samples fails here. Raise them when the rules get better; never
lower them to make a change pass.

Two kinds of samples: the development samples, written alongside the rules (their floors are
those of issue 3, round 2), and seven blind held-out sets (`blind-`, `heldout-`, `blind3-` …
`blind7-`: gold written without looking at the rules or the engine). Each blind set was measured
once before any rule change used it, then its errors guided the next round of general fixes while
a new set was being written: only the newest sets (`blind6-`, `blind7-`) have never guided a
change. The overall floors include every set. Do not tune rules on the blind samples' sentences.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def _module(name: str, path: Path):
    # Loaded by path: "build" would otherwise clash with the PyPI package of that name.
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


accuracy = _module("contratvie_bench_accuracy", ROOT / "benchmarks" / "accuracy.py")
build = _module("contratvie_samples_build", SAMPLES / "build.py")

# All 26 samples / 208 criteria (engine revision 8): exact 0.93, within one 1.00, presence P/R
# 0.98/0.99, engaged P/R 0.92/0.99.
FLOORS = {
    "exact": 0.90,
    "within_one": 0.98,
    "presence_precision": 0.95,
    "presence_recall": 0.97,
    "engaged_precision": 0.89,
    "engaged_recall": 0.96,
}
DEVELOPMENT_FLOORS = {  # issue 3, round 2, on the 6 development samples: every figure 1.00
    "exact": 0.93,
    "within_one": 0.97,
    "presence_precision": 0.95,
    "presence_recall": 0.95,
    "engaged_precision": 0.90,
    "engaged_recall": 0.90,
}


@pytest.fixture(scope="module")
def result() -> dict:
    return accuracy.measure(SAMPLES)


def test_every_gold_sample_is_measured(result):
    assert len(result["samples"]) >= 6
    assert result["overall"]["n"] == 8 * len(result["samples"])
    assert result["missing_rules"] == []


def _figures(m: dict) -> dict:
    return {
        "exact": m["exact"],
        "within_one": m["within_one"],
        "presence_precision": m["presence"]["precision"],
        "presence_recall": m["presence"]["recall"],
        "engaged_precision": m["engaged"]["precision"],
        "engaged_recall": m["engaged"]["recall"],
    }


def test_overall_accuracy_stays_above_floors(result):
    measured = _figures(result["overall"])
    below = {k: v for k, v in measured.items() if v is None or v < FLOORS[k]}
    assert not below, f"justesse en baisse : {below} (planchers {FLOORS})\n" + accuracy.disagreements(result)


def test_development_samples_stay_above_their_floors(result):
    development = result["per_subset"]["développement"]
    assert development["n"] >= 48
    measured = _figures(development)
    below = {k: v for k, v in measured.items() if v is None or v < DEVELOPMENT_FLOORS[k]}
    assert not below, f"justesse en baisse : {below} (planchers {DEVELOPMENT_FLOORS})\n" + accuracy.disagreements(result)


# The newest blind sets, which no rule change has seen (engine revision 8), 16 criteria each:
# aveugles-6 exact 0.75, within one 1.00; aveugles-7 exact 0.94, within one 1.00. One more wrong
# grade is tolerated; two is a regression.
UNSEEN_FLOORS = {
    "aveugles-6": {"exact": 0.68, "within_one": 0.93},
    "aveugles-7": {"exact": 0.87, "within_one": 0.93},
}


@pytest.mark.parametrize("subset", sorted(UNSEEN_FLOORS))
def test_unseen_blind_sets_stay_above_their_floors(result, subset):
    measured, floors = result["per_subset"][subset], UNSEEN_FLOORS[subset]
    below = {k: measured[k] for k in floors if measured[k] is None or measured[k] < floors[k]}
    assert not below, f"justesse en baisse sur {subset} : {below}\n" + accuracy.disagreements(result)


def test_blind_samples_are_measured_apart(result):
    blind = result["per_subset"]["aveugles"]
    assert blind["n"] == 8 * sum(1 for s in result["samples"] if s["sample"].startswith(accuracy.BLIND_PREFIX))
    assert blind["n"] >= 32
    only = accuracy.gold_files(SAMPLES, accuracy.BLIND_PREFIX)
    assert only and all(pdf.name.startswith(accuracy.BLIND_PREFIX) for _, pdf in only)


def test_no_criterion_is_wrong_by_two_levels_on_a_strong_or_absent_answer(result):
    # A contract that commits (3) graded absent (0), or the reverse, is the error a consultant
    # would notice first.
    confusion = result["overall"]["confusion"]
    assert confusion[3][0] == 0 and confusion[0][3] <= 1, accuracy.confusion_text(confusion)


def test_metrics_count_what_they_claim():
    rows = [
        {"gold": 3, "predicted": 3, "gold_pages": [5], "tool_pages": [5]},
        {"gold": 2, "predicted": 3, "gold_pages": [7], "tool_pages": [9]},
        {"gold": 0, "predicted": 1, "gold_pages": [], "tool_pages": [2]},
        {"gold": 1, "predicted": 0, "gold_pages": [4], "tool_pages": []},
    ]
    m = accuracy.metrics(rows)
    assert m["exact"] == 0.25
    assert m["within_one"] == 1.0
    assert m["presence"] == {"precision": round(2 / 3, 4), "recall": round(2 / 3, 4), "tp": 2, "fp": 1, "fn": 1}
    assert m["engaged"] == {"precision": 0.5, "recall": 1.0, "tp": 1, "fp": 1, "fn": 0}
    assert m["confusion"][2][3] == 1 and m["confusion"][0][1] == 1 and m["confusion"][1][0] == 1
    assert m["page_hit"] == 0.5


def test_gold_files_grade_every_criterion_with_evidence_pages():
    golds = sorted((SAMPLES / "gold").glob("*.yaml"))
    assert len(golds) >= 6
    levels_seen = set()
    for path in golds:
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert (SAMPLES / gold["sample"]).exists(), path
        assert 20 <= gold["pages"] <= 60, path
        assert sorted(gold["criteria"]) == [f"VA0{i}" for i in range(1, 9)], path
        for crit, entry in gold["criteria"].items():
            assert entry["level"] in (0, 1, 2, 3)
            assert entry["why"], (path, crit)
            if entry["level"] > 0:
                assert entry["pages"], (path, crit)
            levels_seen.add(entry["level"])
    assert levels_seen == {0, 1, 2, 3}


@pytest.mark.parametrize("source", build.sources([]), ids=lambda p: p.stem)
def test_samples_are_rebuilt_identically_from_their_sources(source):
    data, gold = build.build_pdf(source)
    assert (SAMPLES / f"{source.stem}.pdf").read_bytes() == data, "PDF pas à jour : python samples/build.py"
    committed = (SAMPLES / "gold" / f"{source.stem}.yaml").read_text(encoding="utf-8")
    assert committed == build.gold_text(gold), "gold pas à jour : python samples/build.py"


def test_demo_sample_exists_where_the_makefile_expects_it():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "samples/contrat-ville-exemple.pdf" in makefile
    assert (SAMPLES / "contrat-ville-exemple.pdf").exists()
    assert importlib.util.find_spec("fpdf") is not None
