"""The reduced lemma map gives rule words the lemma the full table gives them."""

import json

from contratvie.engine import lemmas
from contratvie.engine.compiled import rule_words
from contratvie.text import fold

WORDS = {"accompagner", "association", "conseil", "citoyen", "financement", "subvention", "former",
         "associatif", "initiative", "habitant", "mobiliser", "fonds"}


def test_reduced_map_agrees_with_the_full_table():
    reduced = lemmas.build_lemma_map(WORDS)
    targets = {fold(lemmas.full_lemma(w) or w) for w in WORDS}
    strings = json.loads((lemmas.model_dir() / "vocab" / "strings.json").read_text(encoding="utf-8"))
    checked = 0
    for form in strings:
        if not form.isalpha() or form != form.lower():
            continue
        full = lemmas.full_lemma(form)
        if full and fold(full) in targets:
            assert reduced.get(fold(form)) == fold(full), form
            checked += 1
    assert checked > 30


def test_inflections_reach_their_lemma():
    reduced = lemmas.build_lemma_map(WORDS)
    for form, lemma in [("accompagnées", "accompagner"), ("accompagnerons", "accompagner"),
                        ("associations", "association"), ("associatives", "associatif"),
                        ("citoyennes", "citoyen"), ("subventions", "subvention"), ("formées", "former"),
                        ("mobilisera", "mobiliser"), ("conseils", "conseil")]:
        assert reduced[fold(form)] == lemma


def test_words_outside_the_rules_are_left_out():
    reduced = lemmas.build_lemma_map(WORDS)
    assert "maisons" not in reduced and "urbain" not in reduced


def test_map_is_cached_per_version(tmp_path, monkeypatch, ruleset):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    words = rule_words(ruleset)
    first = lemmas.load_lemma_map(words, "2026.11+deadbeef")
    files = list((tmp_path / "contratvie").glob("lemmas-*deadbeef.json"))
    assert len(files) == 1
    assert lemmas.load_lemma_map(words, "2026.11+deadbeef") == first


def test_unwritable_cache_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file: the cache folder cannot exist
    assert lemmas.load_lemma_map({"conseil"}, "2026.11+00000000")["conseils"] == "conseil"


def test_second_readings_of_rule_words():
    reduced = lemmas.build_lemma_map({"mutualiser", "avance", "aide", "aider", "former", "coordonner",
                                      "délégué", "départemental"})
    assert reduced["mutualisera"] == "mutualiser"  # a form the table lacks
    assert reduced["avances"] == "avance"  # the table files it under "avancer", no rule word
    assert "aide" in reduced.alternates["aides"]  # the noun beside the verb "aider"
    assert reduced["departementaux"] == "departemental"
    assert reduced.participles["formé"] == "former"  # the table only knows the adjective
    # cached and read back alike
    assert lemmas.LemmaMap.from_json(reduced.to_json()).participles == reduced.participles


def test_participles_read_as_verbs_unless_a_determiner_precedes():
    from contratvie.engine.patterns import tokenize

    reduced = lemmas.build_lemma_map({"former", "coordonner"})
    verb = tokenize("Les actions coordonnées par la Ville ; un conseiller formé.", reduced)
    assert "coordonner" in verb.index and "former" in verb.index
    noun = tokenize("Les coordonnées des associations.", reduced)
    assert "coordonner" not in noun.index
