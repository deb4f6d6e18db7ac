"""Evidence is matched by meaning, not by page; levels and score are compared per criterion."""

from compare_helpers import ev, make_audit

from contratvie.compare import compare, match_evidence, similarity

OLD_VA05 = "Les conseils citoyens seront associés aux instances du contrat de ville."
STRONG_VA05 = ("Chaque conseil citoyen sera accompagné par le centre social, avec un budget annuel de "
               "5 000 € et une formation de ses membres chaque année.")


def test_same_passage_moved_and_retyped_is_the_same_evidence():
    before = [ev("Le Fonds de participation des habitants (FPH) est doté de 20 000 € par an.", page=12)]
    after = [ev("Le fonds de participation des habitants (FPH) est doté de 20 000 euros par an.", page=31)]
    pairs, gone, new = match_evidence(before, after)
    assert not gone and not new
    assert pairs[0].moved and pairs[0].reworded


def test_unrelated_passages_do_not_match():
    assert similarity(OLD_VA05, STRONG_VA05) < 0.5
    pairs, gone, new = match_evidence([ev(OLD_VA05)], [ev(STRONG_VA05)])
    assert not pairs and len(gone) == 1 and len(new) == 1


def test_negated_rewrite_matches_but_is_flagged():
    before = [ev("Le conseil citoyen sera accompagné par le centre social.")]
    after = [ev("Le conseil citoyen ne sera pas accompagné par le centre social.", counts=False, level=0)]
    pairs, gone, new = match_evidence(before, after)
    assert len(pairs) == 1 and pairs[0].counts_changed and not gone and not new


def test_each_passage_is_used_once():
    text = "Une charte d'engagements réciproques avec les associations sera signée en 2025."
    pairs, gone, new = match_evidence([ev(text, page=3)], [ev(text, page=3), ev(text, page=40)])
    assert len(pairs) == 1 and pairs[0].after.page == 3 and len(new) == 1


def test_level_change_appeared_evidence_and_score_delta():
    old = make_audit("v1.pdf", {"VA01": 2, "VA05": 1},
                     {"VA05": [ev(OLD_VA05, page=8)], "VA01": [ev("Un axe dédié à la vie associative.", page=4, level=2)]})
    new = make_audit("v2.pdf", {"VA01": 2, "VA05": 3},
                     {"VA05": [ev(OLD_VA05, page=9), ev(STRONG_VA05, page=10, level=3)],
                      "VA01": [ev("Un axe dédié à la vie associative.", page=4, level=2)]})
    result = compare(old, new)
    va05 = next(c for c in result.criteria if c.id == "VA05")
    assert (va05.level_before, va05.level_after, va05.change) == (1, 3, "up")
    assert [e.text for e in va05.appeared] == [STRONG_VA05]
    assert not va05.disappeared and va05.kept[0].moved
    va01 = next(c for c in result.criteria if c.id == "VA01")
    assert va01.change == "same" and not va01.appeared and not va01.kept[0].moved
    assert result.score_delta == round(new.score - old.score, 1) > 0
    assert result.notes == []


def test_criterion_on_one_side_only_and_rules_versions_are_reported():
    old = make_audit("v1.pdf", {"VA01": 1, "VA05": 2}, rules_version="1")
    new = make_audit("v2.pdf", {"VA01": 1}, rules_version="2")
    result = compare(old, new)
    va05 = next(c for c in result.criteria if c.id == "VA05")
    assert va05.change == "only_before" and va05.level_after is None
    assert any("version des règles" in n for n in result.notes)
    assert any("VA05" in n for n in result.notes)
